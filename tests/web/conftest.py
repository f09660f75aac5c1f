"""The web tests' store (the example corpus plus hostile articles, ingested once per session),
copies of it for tests that change stories, in-process clients and real uvicorn servers."""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_inputs import ARTIFACTS, EXAMPLES, example_outlets, hostile_articles

from parallax.store import Store
from parallax.web.app import create_app
from parallax.web.served import ServedStore


@pytest.fixture(scope="session")
def web_store(tmp_path_factory) -> Path:
    """The bundled example corpus (each file with its outlet) and two hostile articles."""
    path = tmp_path_factory.mktemp("web-store") / "store.sqlite"
    with Store(path) as store:
        for name, outlet in sorted(example_outlets().items()):
            summary = store.ingest([str(EXAMPLES / name)], outlet=outlet)
            assert summary.ingested == 1, (name, summary.as_dict())
        assert store.add_articles(hostile_articles()).ingested == 2
    return path


@pytest.fixture(scope="session")
def served(web_store) -> Iterator[ServedStore]:
    """The session store as the server holds it, with every comparison warmed."""
    held = ServedStore(web_store)
    assert held.wait_warm(300), "comparisons were not warmed in time"
    yield held
    held.close()


@pytest.fixture(scope="session")
def client(served):
    from fastapi.testclient import TestClient

    with TestClient(create_app(served, page_size=2), base_url="http://127.0.0.1:8000") as test_client:
        yield test_client


def copy_store(source: Path, target: Path) -> Path:
    """A consistent copy of a store (SQLite's backup API; the vector index is rebuilt on open)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


@pytest.fixture
def store_copy(web_store, tmp_path, served) -> Path:
    """A copy of the session store (comparisons cached) that a test may change."""
    return copy_store(web_store, tmp_path / "copy" / "store.sqlite")


@pytest.fixture
def copy_client(store_copy):
    from fastapi.testclient import TestClient

    held = ServedStore(store_copy)
    with TestClient(create_app(held), base_url="http://127.0.0.1:8000") as test_client:
        test_client.served = held
        yield test_client
    held.close()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveServer:
    """A real uvicorn server on a free loopback port, in a thread of the test process."""

    def __init__(self, held: ServedStore, **options) -> None:
        import uvicorn

        self.served = held
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            create_app(held, **options),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            access_log=False,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(served) -> Iterator[LiveServer]:
    server = LiveServer(served)
    yield server
    server.stop()


@pytest.fixture
def live_copy(store_copy) -> Iterator[LiveServer]:
    held = ServedStore(store_copy)
    server = LiveServer(held)
    yield server
    server.stop()
    held.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
