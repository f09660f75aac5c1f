"""Scraped-text boilerplate removal; keeps what it dropped and why."""
