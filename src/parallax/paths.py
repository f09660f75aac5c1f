"""Where parallax keeps what it can rebuild: ``$PARALLAX_CACHE`` or the user's cache directory."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def cache_directory() -> Path | None:
    """The cache directory; None when ``PARALLAX_CACHE=off`` turns every on-disk cache off."""
    override = os.environ.get("PARALLAX_CACHE")
    if override == "off":
        return None
    return Path(override) if override else Path(platformdirs.user_cache_dir("parallax"))
