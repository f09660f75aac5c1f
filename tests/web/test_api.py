"""The JSON API on the example corpus: contracts, filters, pagination, outlets, errors."""

from __future__ import annotations

import json
from urllib.parse import quote

import jsonschema
import pytest
from web_inputs import CONTRACTS, HOSTILE_ID, HOSTILE_ID_2, HOSTILE_OUTLET

from parallax.web.blindspots import COUNTED


def contract(name: str) -> dict:
    return json.loads((CONTRACTS / name).read_text(encoding="utf-8"))


def stories(client, **params) -> list[dict]:
    response = client.get("/api/stories", params=params)
    assert response.status_code == 200, response.text
    record = response.json()
    jsonschema.validate(record, contract("stories.schema.json"))
    return record["stories"]


def story_named(client, prefix: str) -> dict:
    return next(s for s in stories(client, limit=500) if s["documents"][0].startswith(prefix))


def groups(found: list[dict]) -> set[frozenset[str]]:
    return {frozenset(d.split("-")[0] for d in s["documents"]) for s in found}


def test_stories_follow_the_contract_and_group_each_example_story(client) -> None:
    found = stories(client)
    as_sets = [set(s["documents"]) for s in found]
    for name in ("visit", "grain", "flood", "summit"):
        holding = [s for s in as_sets if any(d.startswith(name + "-") for d in s)]
        assert len(holding) == 1, (name, as_sets)
        assert all(d.startswith(name + "-") for d in holding[0])
    assert {HOSTILE_ID, HOSTILE_ID_2} in as_sets
    last_seen = [s["last_seen"] for s in found]
    assert last_seen == sorted(last_seen, reverse=True), "newest first"
    visit = next(s for s in found if "visit-fr.html" in s["documents"])
    assert visit["conflicts"] == 2 and visit["articles"] == 5
    assert set(visit["languages"]) == {"ar", "fr", "kk", "ru", "zh"}
    assert "寰宇社" in visit["outlets"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"language": "fr"}, {"visit"}),
        ({"language": "tr"}, {"summit"}),
        ({"outlet": "Steppe Times"}, {"flood"}),
        ({"since": "2025-08-01"}, {"grain", "summit"}),
        ({"until": "2025-04-30"}, {"visit", "flood"}),
        ({"since": "2025-04-01", "until": "2025-05-31"}, {"flood", "wire", "caspian"}),
        ({"q": "Macron"}, {"visit"}),
        ({"q": "Макрон"}, {"visit"}),
        ({"q": "Ilek"}, {"flood"}),
        ({"language": "fr", "since": "2025-06-01"}, set()),
    ],
)
def test_filters(client, params, expected) -> None:
    found = stories(client, **params)
    names = {d.split("-")[0] for s in found for d in s["documents"]}
    assert names == expected


def test_limit_and_offset_page_through_every_story(client) -> None:
    everything = stories(client, limit=500)
    first = client.get("/api/stories", params={"limit": 2}).json()
    assert len(first["stories"]) == 2 and first["next_offset"] == 2
    seen, offset = [], 0
    while offset is not None:
        page = client.get("/api/stories", params={"limit": 2, "offset": offset}).json()
        seen += [s["id"] for s in page["stories"]]
        offset = page["next_offset"]
    assert seen == [s["id"] for s in everything]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"since": "last week"}, 422),
        ({"until": "2025-13-45"}, 422),
        ({"limit": 0}, 422),
        ({"offset": -1}, 422),
    ],
)
def test_bad_parameters_are_json_errors(client, params, status) -> None:
    response = client.get("/api/stories", params=params)
    assert response.status_code == status
    assert response.json()["error"]["status"] == status


def test_comparison_follows_the_compare_contract(client) -> None:
    visit = story_named(client, "visit")
    response = client.get(f"/api/stories/{visit['id']}/comparison")
    assert response.status_code == 200
    record = response.json()
    jsonschema.validate(record, contract("compare.schema.json"))
    assert {d["id"] for d in record["documents"]} == set(visit["documents"])
    assert len(record["conflicts"]) == 2
    values = sorted(v["value"] for c in record["conflicts"] for v in c["values"])
    assert 5.2e9 in values and 5.5e9 in values


def test_story_and_article_records(client) -> None:
    visit = story_named(client, "visit")
    record = client.get(f"/api/stories/{visit['id']}").json()
    assert record["story"]["id"] == visit["id"]
    assert [a["id"] for a in record["articles"]] == visit["documents"]
    article = client.get("/api/articles/visit-fr.html").json()
    assert article["story"] == visit["id"] and article["language"] == "fr"
    assert article["outlet"] == "Le Courrier de l'Eurasie"
    assert any(f["kind"] == "quantity" for f in article["facts"])
    jsonschema.validate(
        {"schema": 1, "documents": [article], "facts": article["facts"]}, contract("compare.schema.json")
    )


def test_articles_with_markup_hashes_and_slashes_in_their_ids(client) -> None:
    for article_id in (HOSTILE_ID, HOSTILE_ID_2):
        response = client.get("/api/articles/" + quote(article_id, safe=""))
        assert response.status_code == 200, response.text
        assert response.json()["id"] == article_id


def test_unknown_things_are_404_json(client) -> None:
    for path in (
        "/api/stories/nope",
        "/api/stories/nope/comparison",
        "/api/articles/nope.txt",
        "/api/outlets/Nope",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "nope" in response.json()["error"]["message"].lower()


def test_outlets_list(client) -> None:
    outlets = {o["name"]: o for o in client.get("/api/outlets").json()["outlets"]}
    assert outlets["ДалаАқпарат"]["articles"] == 4  # the Kazakh outlet covers all four stories
    assert outlets["ДалаАқпарат"]["languages"] == ["kk"]
    assert HOSTILE_OUTLET in outlets


def expected_blindspots(client, outlet: str) -> tuple[int, int, dict[str, list[int]]]:
    """The blindspot definition recomputed from the comparison contract of each of its stories."""
    corroborated = missed = 0
    by_kind: dict[str, list[int]] = {}
    for story in stories(client, outlet=outlet, limit=500):
        record = client.get(f"/api/stories/{story['id']}/comparison").json()
        own = {d["id"] for d in record["documents"] if d["outlet"] == outlet}
        if len(own) == len(record["documents"]):
            continue
        for fact in record["facts"]:
            if fact["status"] not in COUNTED or set(fact["documents"]) <= own:
                continue
            miss = int(not own & set(fact["documents"]))
            corroborated, missed = corroborated + 1, missed + miss
            counts = by_kind.setdefault(fact["kind"], [0, 0])
            counts[0], counts[1] = counts[0] + 1, counts[1] + miss
    return corroborated, missed, by_kind


@pytest.mark.parametrize("outlet", ["寰宇社", "ДалаАқпарат", "Steppe Times"])
def test_outlet_blindspots_follow_their_definition(client, outlet) -> None:
    response = client.get("/api/outlets/" + quote(outlet, safe=""))
    assert response.status_code == 200
    record = response.json()
    corroborated, missed, by_kind = expected_blindspots(client, outlet)
    assert (record["corroborated"], record["missed"]) == (corroborated, missed)
    assert corroborated > 0
    assert {k: [v["corroborated"], v["missed"]] for k, v in record["by_kind"].items()} == by_kind
    assert sum(m["corroborated"] for m in record["months"]) == corroborated
    assert record["stories_pending"] == 0
    assert record["peers"]["corroborated"] > 0
    for example in record["examples"]:
        assert example["reported_by"] and outlet not in example["reported_by"]


def test_the_chinese_outlet_misses_last_years_trade_turnover(client) -> None:
    """The planted omission of the visit story: the Chinese source leaves out the trade turnover."""
    record = client.get("/api/outlets/" + quote("寰宇社", safe="")).json()
    visit = story_named(client, "visit")
    march = next(m for m in record["months"] if m["month"] == "2025-03")
    assert march["missed"] >= 1
    assert any(e["story"] == visit["id"] and e["kind"] in ("number", "percent") for e in record["examples"])


def test_openapi_document_lists_the_api(client) -> None:
    document = client.get("/api/openapi.json").json()
    paths = document["paths"]
    for path in (
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/stories/{story_id}/comparison",
        "/api/stories/{story_id}/merge",
        "/api/stories/{story_id}/split",
        "/api/articles/{article_id}",
        "/api/articles/{article_id}/move",
        "/api/outlets",
        "/api/outlets/{name}",
        "/api/ingest",
    ):
        assert path in paths, path
    assert "/" not in paths and "/upload" not in paths
    assert client.get("/docs").status_code == 404  # its assets come from a CDN: not served


def test_status(client) -> None:
    status = client.get("/api/status").json()
    assert status["articles"] == 23 and status["stories"] == 5


def test_stories_carry_their_gist_in_latin_letters(client) -> None:
    import regex

    visit = story_named(client, "visit-")
    assert "Kassym-Jomart Tokayev" in visit["gist"] and "Emmanuel Macron" in visit["gist"]
    for story in stories(client, limit=500):
        assert all(regex.match(r"\p{Latin}", ch) for ch in story["gist"] if ch.isalpha()), story["gist"]


@pytest.mark.parametrize(
    "path", ["/", "/api/stories", "/api/status", "/outlets", "/upload", "/static/report.css"]
)
def test_head_is_answered_wherever_get_is(client, path) -> None:
    got = client.get(path)
    head = client.head(path)
    assert got.status_code == 200 and head.status_code == 200, path
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]


def test_head_on_a_story_page_and_a_missing_one(client) -> None:
    visit = story_named(client, "visit-")
    assert client.head(f"/stories/{visit['id']}").status_code == 200
    assert client.head(f"/api/stories/{visit['id']}/comparison").status_code == 200
    assert client.head("/api/stories/no-such-story").status_code == 404
    # a method nobody serves stays refused
    assert client.request("PUT", "/api/stories").status_code == 405


def test_the_story_page_puts_the_summary_first(client) -> None:
    visit = story_named(client, "visit-")
    html = client.get(f"/stories/{visit['id']}").text
    markers = (
        'class="gist"',
        "sum-conflicts",
        "sum-omissions",
        "sum-warnings",
        'class="facts-pane"',
        'class="columns"',
    )
    positions = [html.index(marker) for marker in markers]
    assert positions == sorted(positions)
    assert visit["gist"] in html
    assert html.count('class="sum-conflict"') == 2
