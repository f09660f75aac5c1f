"""Terminal table, JSON and HTML report."""
