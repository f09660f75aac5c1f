"""parallax: compare how the same news story is told in different languages, fact by fact."""

__version__ = "0.1.0"
