"""`parallax demo`, the README's main command, on the bundled corpus."""

from __future__ import annotations

import json

from parallax.cli import main


def test_demo_compares_every_story_writes_reports_and_fills_the_store(tmp_path, monkeypatch, capsys):
    store = tmp_path / "store.sqlite"
    monkeypatch.setenv("PARALLAX_STORE", str(store))
    code = main(["demo", "--out", str(tmp_path / "reports"), "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    comparisons = [json.loads(line) for line in captured.out.splitlines() if line.strip()]
    assert len(comparisons) == 4
    assert sum(len(c["conflicts"]) for c in comparisons) == 2
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == [
        "flood.html",
        "grain.html",
        "summit.html",
        "visit.html",
    ]
    assert f"parallax serve --store {store}" in captured.err

    code = main(["stories", "--json"])
    stories = json.loads(capsys.readouterr().out)["stories"]
    assert code == 0 and len(stories) == 4
    assert sum(len(s["documents"]) for s in stories) == 21
    assert all(s["outlets"] for s in stories)  # outlets come from the corpus manifest
