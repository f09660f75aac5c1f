"""The same input gives the same claims: in any order of the sources, on every run.

An analyst must never see a conflict appear or vanish because of the order of the file names,
nor a fact change because an earlier run learned something.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

import parallax
from parallax import api
from parallax.model import Article, Comparison
from parallax.render.json import comparison_record, dumps

ROOT = Path(__file__).resolve().parents[1]
STORIES = dict(api.iter_example_stories())
PERMUTATIONS = 3


def claims(comparison: Comparison) -> tuple[frozenset, frozenset]:
    """What a comparison asserts, free of listing order: facts and conflicts as sets."""
    facts = frozenset(
        (
            f.kind,
            None if f.kind == "quote" else json.dumps(f.value, sort_keys=True),
            f.unit,
            f.status,
            frozenset(f.documents),
            frozenset((m.document, m.start, m.end) for m in f.mentions),
        )
        for f in comparison.facts
    )
    conflicts = frozenset(
        frozenset((side.value, side.unit, frozenset(side.documents)) for side in conflict.sides)
        for conflict in comparison.conflicts
    )
    return facts, conflicts


def orders(count: int, seed: int) -> list[tuple[int, ...]]:
    """The given order, the reverse, and a few shuffles (the same every run)."""
    every = list(itertools.permutations(range(count)))
    random.Random(seed).shuffle(every)
    chosen = [tuple(range(count)), tuple(reversed(range(count)))]
    chosen += [p for p in every if p not in chosen][:PERMUTATIONS]
    return chosen


def assert_order_free(articles: list[Article], seed: int) -> Comparison:
    reference = None
    for order in orders(len(articles), seed):
        comparison = parallax.compare_articles([articles[i] for i in order])
        assert [d.id for d in comparison.documents] == [articles[i].id for i in order]
        if reference is None:
            reference = claims(comparison)
            first = comparison
            continue
        got = claims(comparison)
        assert got[1] == reference[1], f"conflicts change with the order {order}"
        assert got[0] == reference[0], f"facts change with the order {order}: {got[0] ^ reference[0]}"
    return first


@pytest.mark.slow
@pytest.mark.parametrize("story", sorted(STORIES))
def test_every_example_story_gives_the_same_claims_in_any_order(story: str) -> None:
    assert_order_free(api.example_articles(STORIES[story]), seed=len(story))


@pytest.mark.slow
def test_eight_sources_with_a_disputed_figure_on_several_sides_give_the_same_claims() -> None:
    """Near-twin sources (a re-scrape with a ticker, a figure changed) make scores tie."""
    visit = api.example_articles(STORIES["visit"])
    twins = [
        Article(
            id=f"rescrape-{article.id}",
            text="USD 470,12\nEUR 512,40\n" + article.text.replace("5,2", "5,5").replace("5.2", "5.5"),
            language=article.language,
            outlet="Rescraped",
        )
        for article in visit[:3]
    ]
    comparison = assert_order_free(visit + twins, seed=8)
    assert comparison.conflicts  # the disputed contract value stays a conflict


def canonical_json(comparison: Comparison) -> dict:
    """The whole ``compare --json`` record with only its listing order taken out.

    The sources are listed in the order given, and the facts by their first source (by design:
    the analyst reads the sources in the order asked for); everything else, every value, flag,
    speaker, name and text, must be the same byte for byte.
    """
    record = json.loads(dumps(comparison_record(comparison)))

    def text(item: object) -> str:
        return json.dumps(item, sort_keys=True, ensure_ascii=False)

    facts = [
        text({**f, "documents": sorted(f["documents"]), "mentions": sorted(map(text, f["mentions"]))})
        for f in record["facts"]
    ]
    conflicts = [
        {
            "about": conflict["about"],
            "values": sorted(
                text({**side, "documents": sorted(side["documents"]), "fact": facts[side["fact"]]})
                for side in conflict["values"]
            ),
        }
        for conflict in record["conflicts"]
    ]
    return {
        **record,
        "documents": sorted(record["documents"], key=lambda d: d["id"]),
        "facts": sorted(facts),
        "conflicts": sorted(conflicts, key=text),
        "warnings": sorted(record["warnings"]),
    }


@pytest.mark.slow
@pytest.mark.parametrize("story", sorted(STORIES))
def test_the_whole_json_is_the_same_in_any_order_of_the_sources(story: str) -> None:
    """Not only the claims: a quote aligned across languages is shown in the same words with
    the same direct flag, every name and speaker the same, whatever source comes first."""
    articles = api.example_articles(STORIES[story])
    reference = None
    for order in orders(len(articles), seed=len(story))[:3]:
        got = canonical_json(parallax.compare_articles([articles[i] for i in order]))
        if reference is None:
            reference = got
            continue
        for key in reference:
            assert got[key] == reference[key], f"{key} change with the order {order}"


def test_listing_follows_the_given_order() -> None:
    visit = api.example_articles(STORIES["visit"])
    forward = parallax.compare_articles(visit[:3])
    backward = parallax.compare_articles(visit[:3][::-1])
    for comparison in (forward, backward):
        ids = [d.id for d in comparison.documents]
        for fact in comparison.facts:
            assert fact.documents == sorted(fact.documents, key=ids.index)
            first = [m.document for m in fact.mentions]
            assert first == sorted(first, key=ids.index)
        for conflict in comparison.conflicts:
            for side in conflict.sides:
                assert comparison.facts[side.fact].status == "conflict"


def run_cli(*args: str, env: dict[str, str], seed: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "parallax.cli", *args],
        env={**env, "PYTHONHASHSEED": seed},
        capture_output=True,
        text=True,
        cwd=env.get("HOME", ROOT),
        timeout=600,
    )


@pytest.fixture
def fresh_home(tmp_path: Path) -> dict[str, str]:
    """A user with an empty home: data, cache and learned aliases where a new user has them."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARALLAX_")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"))
    return env


def alias_file(env: dict[str, str]) -> Path:
    return Path(env["XDG_DATA_HOME"]) / "parallax" / "learned_aliases.json"


@pytest.mark.slow
def test_compare_twice_prints_the_same_json_and_leaves_the_alias_file_alone(fresh_home) -> None:
    files = [str(p) for p in STORIES["grain"]]
    first = run_cli("compare", *files, "--json", env=fresh_home, seed="1")
    assert first.returncode == 0, first.stderr
    assert not alias_file(fresh_home).exists()
    second = run_cli("compare", *files, "--json", env=fresh_home, seed="2")
    assert second.stdout == first.stdout
    record = json.loads(first.stdout)
    assert record["aliases"]["learned"] is None and record["aliases"]["curated"]


@pytest.mark.slow
def test_learning_is_asked_for_and_recorded(fresh_home) -> None:
    files = [str(p) for p in STORIES["grain"]]
    learnt = run_cli("compare", *files, "--json", "--learn", env=fresh_home, seed="1")
    assert learnt.returncode == 0, learnt.stderr
    assert alias_file(fresh_home).exists()
    assert json.loads(learnt.stdout)["aliases"]["learned"]
    plain = run_cli("compare", *files, "--json", env=fresh_home, seed="1")
    assert json.loads(plain.stdout)["aliases"]["learned"] is None


@pytest.mark.slow
def test_demo_twice_in_a_fresh_home_prints_the_same(fresh_home) -> None:
    first = run_cli("demo", "--json", "--no-store", env=fresh_home, seed="3")
    assert first.returncode == 0, first.stderr
    second = run_cli("demo", "--json", "--no-store", env=fresh_home, seed="4")
    assert second.stdout == first.stdout
    assert len(first.stdout.splitlines()) == len(STORIES)
    assert not alias_file(fresh_home).exists()


@pytest.mark.slow
def test_a_store_learns_only_once_set_to(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from parallax.cli import main
    from parallax.store import Store

    aliases = tmp_path / "learned.json"
    monkeypatch.setenv("PARALLAX_ALIASES", str(aliases))
    store_path = tmp_path / "store.sqlite"
    files = [str(p) for p in STORIES["grain"]]
    assert main(["ingest", *files, "--store", str(store_path)]) == 0
    with Store(store_path) as store:
        assert not store.learns
        [story] = [s.id for s in store.stories() if len(s.documents) >= 3]
        assert store.compare_story(story).aliases["learned"] is None
    assert not aliases.exists()

    assert main(["ingest", files[0], "--store", str(store_path), "--learn"]) == 0
    with Store(store_path) as store:
        assert store.learns
        assert store.compare_story(story).aliases["learned"] is not None
    assert aliases.exists()

    assert main(["ingest", files[0], "--store", str(store_path), "--no-learn"]) == 0
    with Store(store_path) as store:
        assert not store.learns
