"""Sentences in every script."""
