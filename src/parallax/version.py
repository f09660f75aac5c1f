"""The package's version, in a module of its own: the stages that report it (the fetcher's
User-Agent, the comparison cache's fingerprint) read it without importing the package root."""

__version__ = "0.1.0"
