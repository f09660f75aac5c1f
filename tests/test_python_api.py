"""The Python API as the README documents it."""

from __future__ import annotations

from pathlib import Path

import parallax
import parallax.compare  # the stage package must not shadow the API function
import parallax.extract

VISIT = Path(__file__).resolve().parents[1] / "examples" / "visit"


def test_compare_takes_paths_and_id_text_pairs_and_returns_typed_records():
    ru = (VISIT / "visit-ru.txt").read_bytes().decode("cp1251")
    comparison = parallax.compare_articles([VISIT / "visit-kk.txt", ("ru-copy", ru)])
    assert isinstance(comparison, parallax.Comparison)
    assert [d.id for d in comparison.documents] == ["visit-kk.txt", "ru-copy"]
    assert all(isinstance(f, parallax.AlignedFact) for f in comparison.facts)
    assert {f.status for f in comparison.facts} <= {"shared", "partial", "unique", "conflict"}
    [conflict] = [c for c in comparison.conflicts if {s.value for s in c.sides} == {250.0, 230.0}]
    assert {s.documents for s in conflict.sides} == {("visit-kk.txt",), ("ru-copy",)}


def test_extract_returns_each_documents_facts():
    [document] = parallax.analyse_articles([VISIT / "visit-zh.txt"])
    assert document.language == "zh"
    assert any(f.kind == "quantity" and f.unit == "USD" and f.value == 1.87e10 for f in document.facts)
    for fact in document.facts:
        assert document.article.text[fact.start : fact.end] == fact.text


GRAIN = [VISIT.parent / "grain" / name for name in ("grain-kk.txt", "grain-ru.html", "grain-uz.txt")]


def test_comparisons_grow_the_learned_alias_file_when_asked(tmp_path, monkeypatch):
    from parallax.extract.context import analysis_context
    from parallax.extract.entities import load_learned_aliases

    path = tmp_path / "learned.json"
    monkeypatch.setenv("PARALLAX_ALIASES", str(path))
    comparison = parallax.compare_articles(GRAIN, learn=True)
    learned = load_learned_aliases(path)
    # Aidarbek Saparov is in no curated alias file: met in three languages, he is remembered.
    saparov = [entry for entry in learned if "Saparov" in entry["name"]]
    assert saparov and len(saparov[0]["names"]) >= 2
    assert comparison.aliases["learned"] is not None
    # Nothing in the process changed: the default context knows no learned name, a context
    # built from the file knows the new one.
    assert saparov[0]["name"] not in analysis_context().lexicon.entities
    assert saparov[0]["name"] in analysis_context(learned=path).lexicon.entities


def test_a_comparison_learns_nothing_and_reads_no_learned_file_unless_asked(tmp_path, monkeypatch):
    path = tmp_path / "learned.json"
    monkeypatch.setenv("PARALLAX_ALIASES", str(path))
    # A learned file that would rename the minister, had the comparison read it.
    path.write_text(
        '{"schema": 1, "entity": [{"name": "Aydarbek Zzzaparov", "type": "person", "seen": 1,'
        ' "names": {"kk": ["Айдарбек Сапаров"], "ru": ["Айдарбек Сапаров"]}}]}',
        "utf-8",
    )
    before = path.read_bytes(), path.stat().st_mtime_ns
    comparison = parallax.compare_articles(GRAIN)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert not any("Zzzaparov" in str(f.value) for f in comparison.facts)
    assert comparison.aliases["learned"] is None and comparison.aliases["curated"]
    learning = parallax.compare_articles(GRAIN, learn=True)
    assert any("Zzzaparov" in str(f.value) for f in learning.facts)
