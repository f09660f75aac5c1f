"""Alignment of facts across documents, statuses and conflicts."""
