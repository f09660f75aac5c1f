"""``parallax serve``: the web UI and HTTP API over a store, served by uvicorn.

Importing this module is cheap: FastAPI, uvicorn and the store load only when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def add_serve_command(commands) -> argparse.ArgumentParser:
    """Register ``serve`` on the ``parallax`` command's subparsers."""
    serve = commands.add_parser("serve", help="browse stories and comparisons in a web browser (and the API)")
    serve.add_argument("--store", type=Path, default=None, help="the store file (default: user data folder)")
    serve.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default {DEFAULT_HOST}: this machine)",
    )
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    serve.add_argument(
        "--allow-private",
        action="store_true",
        help="let feed URLs given in the browser reach loopback and private networks",
    )
    serve.add_argument(
        "--max-upload-mb", type=int, default=10, metavar="MB", help="largest uploaded file (default 10)"
    )
    serve.set_defaults(run=run_serve)
    return serve


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from ..model import ParallaxError
    from ..store import default_store_path
    from .app import create_app
    from .library import Library
    from .uploads import DEFAULT_MAX_REQUEST_BYTES

    if not 0 < args.port < 65536:
        raise ParallaxError(f"--port {args.port}: give a port between 1 and 65535")
    if args.max_upload_mb < 1:
        raise ParallaxError("--max-upload-mb: give at least 1")
    path = args.store or default_store_path()
    library = Library(path, allow_private=args.allow_private)
    max_file = args.max_upload_mb * 1024 * 1024
    app = create_app(
        library,
        host=args.host,
        max_file_bytes=max_file,
        max_request_bytes=max(DEFAULT_MAX_REQUEST_BYTES, max_file * 2),
    )
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"parallax: serving {path} on http://{shown}:{args.port}/ (Ctrl+C stops)", file=sys.stderr)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    finally:
        library.close()
    return 0
