"""``parallax serve``: the web UI and HTTP API over a store, served by uvicorn.

Importing this module is cheap: FastAPI, uvicorn and the store load only when the command runs.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

    from .served import ServedStore

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TOKEN_VARIABLE = "PARALLAX_TOKEN"
MIN_TOKEN_CHARS = 16
GRACE_SECONDS = 5  # a request still running this long after SIGTERM is cancelled


def add_serve_command(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
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
    serve.add_argument(
        "--time-limit",
        type=float,
        default=60,
        metavar="SECONDS",
        help="longest one request may spend analysing the articles it sent (default 60); "
        "past it the analysis is stopped and the rest rejected",
    )
    serve.add_argument(
        "--allowed-host", action="append", default=[], metavar="NAME",
        help="a host name or address clients use to reach the server (repeat for each); every "
        "request's Host must be one of these, loopback or the --host address",
    )
    serve.add_argument(
        "--token", default=None,
        help=f"the access token required beyond loopback (default: ${TOKEN_VARIABLE}, else one is "
        "generated and printed at start)",
    )
    serve.add_argument(
        "--open-reads", action="store_true", help="beyond loopback, let reads through without the token"
    )
    serve.set_defaults(run=run_serve)
    return serve


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from ..database import default_store_path
    from .served import ServedStore

    check_serve_options(args)
    token = access_token(args)
    path = args.store or default_store_path()
    served = ServedStore(path, allow_private=args.allow_private, time_limit=args.time_limit)
    app = serve_app(args, served, token)
    announce(args, path, token)
    config = uvicorn.Config(
        app,
        host=args.host,
        port=args.port,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=GRACE_SECONDS,
    )
    # uvicorn stops on SIGTERM and SIGINT, then raises the signal again with the handler it
    # found: this one, so that the store is closed before the process ends.
    previous = signal.signal(signal.SIGTERM, _exit_quietly)
    try:
        served.analysis.start()
        _server_class()(config, served).run()
    finally:
        signal.signal(signal.SIGTERM, previous)
        served.close()
    return 0


def check_serve_options(args: argparse.Namespace) -> None:
    from ..model import ParallaxError

    if not 0 < args.port < 65536:
        raise ParallaxError(f"--port {args.port}: give a port between 1 and 65535")
    if args.max_upload_mb < 1:
        raise ParallaxError("--max-upload-mb: give at least 1")
    if not args.time_limit > 0:
        raise ParallaxError(f"--time-limit {args.time_limit:g}: give a number of seconds above 0")


def serve_app(args: argparse.Namespace, served: ServedStore, token: str | None) -> FastAPI:
    """The app with the command's limits: a request may carry two of the largest files."""
    from .app import create_app
    from .uploads import DEFAULT_MAX_REQUEST_BYTES

    max_file = args.max_upload_mb * 1024 * 1024
    return create_app(
        served,
        host=args.host,
        max_file_bytes=max_file,
        max_request_bytes=max(DEFAULT_MAX_REQUEST_BYTES, max_file * 2),
        allowed_host=args.allowed_host,
        token=token,
        open_reads=args.open_reads,
    )


def announce(args: argparse.Namespace, path: Path, token: str | None) -> None:
    """Where the server listens, and the token when it made one (on stderr)."""
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"parallax: serving {path} on http://{shown}:{args.port}/ (Ctrl+C stops)", file=sys.stderr)
    if token and not args.token and not os.environ.get(TOKEN_VARIABLE):
        print(f"parallax: access token: {token} (open http://HOST:{args.port}/?token={token} once in a "
              "browser, or send 'Authorization: Bearer TOKEN')", file=sys.stderr)


def access_token(args: argparse.Namespace) -> str | None:
    """The token a server beyond loopback requires: --token, $PARALLAX_TOKEN, or a new one."""
    import secrets

    from ..model import ParallaxError
    from .security import WILDCARD_HOSTS, beyond_loopback

    given = args.token or os.environ.get(TOKEN_VARIABLE) or None
    if not beyond_loopback(args.host):
        return given
    if args.host in WILDCARD_HOSTS and not args.allowed_host:
        raise ParallaxError(f"--host {args.host or '0.0.0.0'}: name the hosts clients will use "
                            "with --allowed-host NAME (each request's Host header is checked)")
    if given is not None and len(given) < MIN_TOKEN_CHARS:
        raise ParallaxError(f"--token: give at least {MIN_TOKEN_CHARS} characters")
    return given or secrets.token_urlsafe(24)


def _exit_quietly(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)


def _server_class():
    import uvicorn

    class Server(uvicorn.Server):
        """uvicorn's server, which also cuts short the analysis of uploads when told to stop:
        a request analysing a slow text would otherwise hold the shutdown to its time limit."""

        def __init__(self, config: uvicorn.Config, served: ServedStore) -> None:
            super().__init__(config)
            self.served = served

        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            self.served.analysis.close()
            super().handle_exit(sig, frame)

    return Server

