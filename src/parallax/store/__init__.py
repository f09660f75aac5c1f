"""The embedded database and its migrations."""
