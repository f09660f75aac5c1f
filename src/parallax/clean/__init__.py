"""Scraped-text boilerplate removal; keeps what it dropped and why."""

from parallax.clean.cleaner import clean

__all__ = ["clean"]
