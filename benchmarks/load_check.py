"""Load check of ``parallax serve``: concurrent clients drive the API and the story pages on loopback
for a bounded time; prints requests per second, errors, and p50/p95 latency per endpoint.

    python benchmarks/load_check.py                       # starts a server on the example corpus
    python benchmarks/load_check.py --url http://127.0.0.1:8000 --seconds 30 --clients 8

Without --url it builds a store from examples/ in a temporary folder (or uses --store), starts
``parallax serve`` on a free loopback port, waits until its comparisons are warm, and stops it
at the end. Target on the example corpus: zero errors and p95 < 200 ms for story pages.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
STORY_PAGE_P95_MS = 200.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build_store(path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "parallax.cli", "ingest", str(ROOT / "examples"), "--store", str(path)],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def start_server(store: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "parallax.cli", "serve", "--store", str(store), "--port", str(port)],
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/api/status", timeout=2).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("load_check: the server did not start within 120 s")


def wait_warm(url: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not httpx.get(url + "/api/status", timeout=10).json().get("warming"):
            return
        time.sleep(0.5)
    print("load_check: comparisons still warming; measuring anyway", file=sys.stderr)


def targets(url: str) -> list[tuple[str, str]]:
    """(endpoint name, path) pairs covering the pages and the API, from the server's own stories."""
    stories = httpx.get(url + "/api/stories", params={"limit": 500}, timeout=30).json()["stories"]
    outlets = httpx.get(url + "/api/outlets", timeout=30).json()["outlets"]
    found = []
    for story in stories:
        found += [
            ("page /stories/{id}", f"/stories/{story['id']}"),
            ("api /api/stories/{id}/comparison", f"/api/stories/{story['id']}/comparison"),
            ("api /api/stories/{id}", f"/api/stories/{story['id']}"),
        ]
        for article in story["documents"][:2]:
            found.append(("api /api/articles/{id}", "/api/articles/" + quote(article, safe="")))
    languages = sorted({code for story in stories for code in story["languages"]})
    found += [("page /", "/"), ("api /api/stories", "/api/stories"), ("api /api/outlets", "/api/outlets")]
    found += [("page / (filtered)", f"/?language={code}") for code in languages[:4]]
    found += [("api /api/stories (filtered)", f"/api/stories?language={code}") for code in languages[:4]]
    for outlet in outlets[:4]:
        name = quote(outlet["name"], safe="")
        found += [
            ("page /outlets/{name}", f"/outlets/{name}"),
            ("api /api/outlets/{name}", f"/api/outlets/{name}"),
        ]
    return found


def drive(url: str, plan: list[tuple[str, str]], seconds: float, clients: int) -> tuple[dict, dict, float]:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=url, timeout=30) as http:
            while time.monotonic() < stop:
                name, path = rng.choice(plan)
                started = time.perf_counter()
                try:
                    ok = http.get(path).status_code == 200
                except httpx.HTTPError:
                    ok = False
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies[name].append(elapsed)
                    if not ok:
                        errors[name] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.monotonic() - began


def percentile(values: list[float], share: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def report(latencies: dict, errors: dict, elapsed: float, clients: int) -> bool:
    total = sum(len(v) for v in latencies.values())
    failed = sum(errors.values())
    print(
        f"{clients} clients, {elapsed:.1f} s: {total} requests, "
        f"{total / elapsed:.1f} requests/s, {failed} errors"
    )
    print(f"{'endpoint':36} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8}")
    for name in sorted(latencies):
        values = latencies[name]
        print(
            f"{name:36} {len(values):8d} {errors.get(name, 0):6d} "
            f"{percentile(values, 0.50):8.1f} {percentile(values, 0.95):8.1f}"
        )
    story_pages = latencies.get("page /stories/{id}", [])
    p95 = percentile(story_pages, 0.95) if story_pages else float("inf")
    passed = failed == 0 and p95 < STORY_PAGE_P95_MS
    verdict = "met" if passed else "NOT met"
    print(f"target (zero errors, story pages p95 < {STORY_PAGE_P95_MS:.0f} ms): {verdict} (p95 {p95:.1f} ms)")
    return passed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument(
        "--store", type=Path, help="the store to serve (default: examples/ in a temporary store)"
    )
    parser.add_argument("--seconds", type=float, default=20.0, help="how long to drive it (default 20)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    args = parser.parse_args(argv)
    process = None
    with tempfile.TemporaryDirectory(prefix="parallax-load-") as folder:
        url = args.url
        if url is None:
            store = args.store
            if store is None:
                store = Path(folder) / "store.sqlite"
                print("load_check: ingesting examples/ into a temporary store…", file=sys.stderr)
                build_store(store)
            process, url = start_server(store)
        try:
            wait_warm(url)
            plan = targets(url)
            for _, path in plan:  # one untimed pass: the first view of a page renders it
                httpx.get(url + path, timeout=120)
            latencies, errors, elapsed = drive(url, plan, args.seconds, args.clients)
        finally:
            if process is not None:
                process.terminate()
                process.wait(timeout=30)
    return 0 if report(latencies, errors, elapsed, args.clients) else 1


if __name__ == "__main__":
    os.environ.setdefault("PARALLAX_CACHE", tempfile.mkdtemp(prefix="parallax-load-cache-"))
    sys.exit(main())
