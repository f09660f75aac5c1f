"""The server's work on untrusted input has a time limit, and ``parallax serve`` stops on SIGTERM.

Real processes throughout: the analysis runs in a child process that is killed at the limit,
and the server is a ``parallax serve`` subprocess sent a real signal mid-request.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from parallax.model import Article
from parallax.web.served import ServedStore

SRC = Path(__file__).resolve().parents[2] / "src"
PARAGRAPH = (
    "Officials in the Aktobe region said on {n} April that the water level of the Ilek had risen by "
    "{n}.5 metres, and Kassym-Jomart Tokayev told reporters that {n},240 people had left their homes. "
    "\"We will rebuild every house,\" the minister said, adding that 312 homes were flooded.\n\n"
)


def long_article(kilobytes: int) -> str:
    """A flood report, paragraph after paragraph with other figures: slow to analyse."""
    paragraphs, size, n = [], 0, 1
    while size < kilobytes * 1024:
        paragraphs.append(PARAGRAPH.format(n=n % 28 + 1))
        size += len(paragraphs[-1])
        n += 1
    return "Floods in the Aktobe region\n\n" + "".join(paragraphs)


SHORT = (
    "Rescuers reinforce dams on the Ilek\n\n"
    "Rescuers in the Aktobe region reinforced earth dams along the Ilek on Saturday, the ministry "
    "said. More than 2,000 rescuers and three helicopters are at work in the Alga district.\n"
)


def test_an_article_past_the_time_limit_is_stopped_and_rejected_and_the_next_one_stored(tmp_path):
    served = ServedStore(tmp_path / "store.sqlite", warm=False, time_limit=1.0)
    try:
        started = time.monotonic()
        result = served.ingest([Article(id="slow", text=long_article(400))])
        assert time.monotonic() - started < 30  # the limit, process start-up and the kill; not minutes
        assert result.summary["ingested"] == 0
        [rejected] = result.summary["rejected"]
        assert "time limit" in rejected["reason"], rejected
        served.time_limit = 120.0
        after = served.ingest([Article(id="short", text=SHORT)])
        assert after.summary["ingested"] == 1, after.summary
    finally:
        served.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"parallax serve ended early: {process.stderr.read()}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    pytest.fail("parallax serve did not start listening")


def post_upload(port: int, name: str, text: str) -> None:
    boundary = "parallax-test-boundary"
    body = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n"
        f"Content-Type: text/plain\r\n\r\n{text}\r\n--{boundary}--\r\n"
    ).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/ingest",
        data=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        method="POST",
    )
    with contextlib.suppress(OSError):  # the server goes away mid-request: what the test does to it
        urllib.request.urlopen(request, timeout=300).read()


def test_serve_stops_on_sigterm_while_analysing_an_upload(tmp_path):
    port = free_port()
    environment = {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    process = subprocess.Popen(
        [sys.executable, "-m", "parallax.cli", "serve", "--store", str(tmp_path / "store.sqlite"),
         "--port", str(port), "--time-limit", "600"],
        env=environment,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_port(port, process)
        upload = threading.Thread(target=post_upload, args=(port, "slow.txt", long_article(900)), daemon=True)
        upload.start()
        time.sleep(3)  # the upload is read and its analysis under way
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    status = json.dumps({"returncode": process.returncode})
    assert "Traceback" not in process.stderr.read(), status
