"""Store faults, with real processes and real files: two ingests at once, a damaged file, a store
on a read-only filesystem."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
EXAMPLES = ROOT / "examples"
FILES = ["flood/flood-en.txt", "flood/flood-kk.txt", "grain/grain-zh.txt", "visit/visit-ru.txt"]


def parallax(*args: str, **kwargs) -> subprocess.Popen:
    environment = {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    return subprocess.Popen(
        [sys.executable, "-m", "parallax.cli", *args],
        env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs,
    )


def run(*args: str) -> tuple[int, str, str]:
    process = parallax(*args)
    out, err = process.communicate(timeout=600)
    return process.returncode, out, err


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name in FILES:
        shutil.copy(EXAMPLES / name, folder / Path(name).name)
    return folder


@pytest.fixture(scope="module")
def built_store(tmp_path_factory, corpus) -> Path:
    path = tmp_path_factory.mktemp("store") / "store.sqlite"
    code, _out, err = run("ingest", str(corpus), "--store", str(path))
    assert code == 0, err
    return path


def count_articles(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM articles").fetchone()[0]


def test_two_ingests_at_once_on_a_new_store_both_succeed(tmp_path, corpus):
    store = tmp_path / "store.sqlite"
    processes = [parallax("ingest", str(corpus), "--store", str(store), "--json") for _ in range(2)]
    results = [(p.wait(timeout=600), p.stdout.read(), p.stderr.read()) for p in processes]
    for code, _out, err in results:
        assert code == 0 and "Traceback" not in err, err
    import json

    summaries = [json.loads(out) for _, out, _ in results]
    assert sum(s["ingested"] for s in summaries) == len(FILES)
    assert sum(s["duplicates"] for s in summaries) == len(FILES)
    assert count_articles(store) == len(FILES)


def damaged_copy(source: Path, target: Path) -> Path:
    """The store with garbage over its last pages (the header and the first pages intact)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    data = bytearray(target.read_bytes())
    page = 4096
    pages = len(data) // page
    for start in range(page * (pages - pages // 3), len(data), page):
        data[start : start + page] = bytes((i * 7 + 13) % 256 for i in range(min(page, len(data) - start)))
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize("command", [["stories"], ["ingest", "CORPUS"]])
def test_a_damaged_store_gives_one_clear_line(tmp_path, built_store, corpus, command):
    store = damaged_copy(built_store, tmp_path / "damaged.sqlite")
    args = [str(corpus) if a == "CORPUS" else a for a in command]
    code, _out, err = run(*args, "--store", str(store))
    assert code == 1
    assert "Traceback" not in err
    [line] = err.strip().splitlines()[-1:]
    assert line.startswith(f"parallax: error: {store}: ") and "parallax store check" in line, err


def test_store_check_and_recover(tmp_path, built_store):
    assert run("store", "check", "--store", str(built_store))[0] == 0
    store = damaged_copy(built_store, tmp_path / "damaged.sqlite")
    code, out, _err = run("store", "check", "--store", str(store))
    assert code == 1 and out.startswith(f"{store}: damaged")
    new = tmp_path / "recovered.sqlite"
    code, out, err = run("store", "recover", str(new), "--store", str(store))
    assert code == 0, err
    assert out.startswith("recovered ")
    assert run("store", "check", "--store", str(new))[0] == 0
    assert run("stories", "--store", str(new))[0] == 0


def can_mount_read_only() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not can_mount_read_only(), reason="needs unshare for a read-only bind mount")
def test_a_store_on_a_read_only_filesystem_is_read_and_writes_are_refused(tmp_path, built_store, corpus):
    folder = tmp_path / "disk"
    folder.mkdir()
    with sqlite3.connect(built_store) as src, sqlite3.connect(folder / "store.sqlite") as dst:
        src.backup(dst)
    mount = tmp_path / "mounted"
    mount.mkdir()
    store = mount / "store.sqlite"
    python = f"PYTHONPATH={SRC} {sys.executable} -m parallax.cli"
    script = (
        f"mount --bind {folder} {mount} && mount -o remount,bind,ro {mount} && "
        f"{python} stories --json --store {store} > {tmp_path}/stories.json 2> {tmp_path}/read.err; "
        f"echo $? > {tmp_path}/read.code; "
        f"{python} ingest {corpus} --store {store} 2> {tmp_path}/write.err; echo $? > {tmp_path}/write.code"
    )
    subprocess.run(["unshare", "-rm", "sh", "-c", script], check=True, timeout=600)
    assert (tmp_path / "read.code").read_text().strip() == "0", (tmp_path / "read.err").read_text()
    assert '"stories"' in (tmp_path / "stories.json").read_text()
    assert (tmp_path / "write.code").read_text().strip() == "1"
    write_err = (tmp_path / "write.err").read_text()
    assert f"parallax: error: {store}: cannot change the store (it is on a read-only disk" in write_err
    assert "Traceback" not in write_err
