"""Analysis of untrusted articles in a child process that is stopped when it runs out of time.

The web server analyses what anyone may upload. A thread cannot be stopped from outside, so a
text built to be slow would keep a core busy after its client has gone, and would keep the
server from stopping. Here the article goes to a child process; when the time left is spent,
the child is killed (a fresh one starts for the next article) and the article is rejected.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from multiprocessing.connection import Connection

from .ingest.run import Rejected
from .model import Article, Document

POLL_SECONDS = 0.2


class AnalysisWorker:
    """One child process analysing one article at a time; safe to share between threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None
        self._closed = threading.Event()

    def analyse(self, item: Article | Rejected, seconds: float) -> Document | Rejected:
        """``item`` analysed, or rejected when that takes more than ``seconds``."""
        if isinstance(item, Rejected):
            return item
        if seconds <= 0:
            return Rejected(item.id, "not analysed: the request's time limit had passed")
        with self._lock:
            try:
                answer = self._analysed(item, time.monotonic() + seconds)
            except (EOFError, OSError):
                return self._stopped(item, "analysis failed: the analysing process ended")
            if answer is None:
                reason = f"analysis stopped after {seconds:.0f} s: the time limit of a request"
                return self._stopped(item, reason)
            return answer

    def _analysed(self, item: Article, deadline: float) -> Document | Rejected | None:
        """The child's answer, or None when the deadline passes first."""
        connection = self._started()
        connection.send(item)
        # In short waits, so that a close from another thread (the server stopping) is seen at
        # once, even when it came while the child was starting.
        while not self._closed.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            if connection.poll(min(left, POLL_SECONDS)):
                return connection.recv()
        return None

    def _stopped(self, item: Article, reason: str) -> Rejected:
        self._stop()
        if self._closed.is_set():
            reason = "not analysed: the server is stopping"
        return Rejected(item.id, reason)

    def start(self) -> None:
        """Start the child now (a server does, before it listens): a child still starting cannot
        be killed, so a stop asked for then would wait for it."""
        with self._lock:
            self._started()

    def close(self) -> None:
        """Kill the child at once, even from a signal handler while a thread waits on it: the
        waiting thread then finds the pipe closed, and no later article is analysed."""
        self._closed.set()
        process = self._process
        if process is not None:
            process.kill()

    def _started(self) -> Connection:
        if self._closed.is_set():
            raise OSError("closed")
        if self._process is None or not self._process.is_alive() or self._connection is None:
            self._stop()
            context = _context()
            ours, theirs = context.Pipe()
            process = context.Process(target=_serve, args=(theirs,), name="parallax-analysis", daemon=True)
            process.start()
            theirs.close()
            self._process, self._connection = process, ours
            # ``close`` sets its flag, then kills the child it sees: one of the two sees the other.
            if self._closed.is_set():
                raise OSError("closed")
        return self._connection

    def _stop(self) -> None:
        if self._connection is not None:
            self._connection.close()
        if self._process is not None:
            self._process.kill()
            self._process.join(timeout=10)
        self._process = self._connection = None


def _context():
    """A fork server's children, never a fork of this (threaded) process; see ``analysed_stream``."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        context.set_forkserver_preload(["parallax.pipeline"])
    return context


def _serve(connection: Connection) -> None:
    from .store import analyse_item

    while True:
        try:
            item = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(analyse_item(item))
