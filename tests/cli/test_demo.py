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


def test_demo_prints_one_screen_per_story_with_its_report(tmp_path, capsys):
    reports = tmp_path / "reports"
    code = main(["demo", "--out", str(reports), "--no-store"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    lines = captured.out.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("─") and "sources" in line]
    assert len(starts) == 4
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        screen = lines[start:end]
        assert len(screen) <= 50, screen[0]
        name = screen[0].strip("─ ").split()[0]
        assert screen[-1] == f"report: {reports / (name + '.html')}"
        headings = [
            next(i for i, line in enumerate(screen) if line.startswith(h)) for h in ("Conflicts", "Omissions")
        ]
        assert headings == sorted(headings)
    assert max(len(line) for line in lines if not line.startswith("report: ")) <= 80
    assert "compare" in captured.err and "demo --all" in captured.err


def test_compare_prints_names_sentences_only_with_entities(capsys):
    from pathlib import Path

    visit = Path(__file__).resolve().parents[2] / "examples" / "visit"
    files = [str(visit / "visit-kk.txt"), str(visit / "visit-fr.html")]
    assert main(["compare", *files]) == 0
    short = capsys.readouterr().out
    assert main(["compare", *files, "--entities"]) == 0
    full = capsys.readouterr().out
    assert "sentences with --entities" in short
    assert "People, places, organisations (" in full and len(full.splitlines()) > len(short.splitlines())
    assert main(["compare", *files, "--all"]) == 0
    assert capsys.readouterr().out == full
