"""A server beyond loopback needs its token and checks every Host; bounded query parameters; the
CLI says what is wrong (dates, rejected inputs on stderr with exit status 3); unknown language
codes are not stored; a right-to-left override in a title stays inside it in the page title."""

from __future__ import annotations

import json
import warnings

import pytest
from fastapi.testclient import TestClient

from parallax.cli import main
from parallax.ingest.sources import iter_articles
from parallax.model import Article, InputWarning
from parallax.web.app import create_app
from parallax.web.served import ServedStore

TOKEN = "a-long-enough-test-token-1234"
TEXT = (
    "Floods in the Aktobe region\n\nRescuers evacuated 1,240 residents from villages along the Ilek river "
    "on Friday, the emergency ministry said. The water flooded 312 homes in the Alga district.\n"
)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    held = ServedStore(tmp_path_factory.mktemp("serve") / "store.sqlite", warm=False)
    yield held
    held.close()


@pytest.fixture(scope="module")
def public(served):
    app = create_app(served, host="0.0.0.0", allowed_host=["news.example"], token=TOKEN)
    with TestClient(app, base_url="http://news.example") as client:
        yield client


def test_beyond_loopback_every_request_needs_the_token(public):
    assert public.get("/api/stories").status_code == 401
    wrong = {"Authorization": "Bearer wrong-token-wrong-token"}
    assert public.get("/api/stories", headers=wrong).status_code == 401
    assert public.get("/api/stories", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert public.post("/api/ingest", json={"urls": []}).status_code == 401


def test_a_browser_trades_the_token_in_the_address_for_a_cookie(public):
    response = public.get(f"/?token={TOKEN}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert "parallax_token=" in response.headers["set-cookie"]
    assert "HttpOnly" in response.headers["set-cookie"]
    assert public.get("/api/stories", cookies={"parallax_token": TOKEN}).status_code == 200


def test_every_request_host_is_checked_against_the_allowed_hosts(public):
    headers = {"Authorization": f"Bearer {TOKEN}"}
    rebound = {**headers, "Host": "rebound.attacker.example"}
    assert public.get("/api/stories", headers=rebound).status_code == 400
    assert public.get("/api/stories", headers={**headers, "Host": "news.example:8000"}).status_code == 200


def test_serve_beyond_loopback_wants_the_allowed_hosts_named(tmp_path, capsys):
    assert main(["serve", "--host", "0.0.0.0", "--store", str(tmp_path / "s.sqlite")]) == 1
    assert "--allowed-host" in capsys.readouterr().err


@pytest.mark.parametrize("offset", ["9223372036854775808", "-1", "1e3", "99999999999"])
def test_numeric_query_parameters_are_bounded(served, offset):
    with TestClient(create_app(served), base_url="http://127.0.0.1:8000") as client:
        response = client.get(f"/api/stories?offset={offset}")
    assert response.status_code == 422, response.text


def test_stories_since_not_a_date_says_so(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["stories", "--since", "notadate", "--store", str(tmp_path / "s.sqlite")])
    assert stop.value.code == 2
    assert "'notadate' is not a date: give it as YYYY-MM-DD" in capsys.readouterr().err


def test_ingest_rejections_go_to_stderr_and_exit_3(tmp_path, capsys):
    good = tmp_path / "flood.txt"
    good.write_text(TEXT, encoding="utf-8")
    bad = tmp_path / "rates.txt"
    bad.write_text("1.5\n2.5\n3.5\n" * 20, encoding="utf-8")
    code = main(["ingest", str(good), str(bad), "--store", str(tmp_path / "s.sqlite")])
    out, err = capsys.readouterr()
    assert code == 3
    assert out.startswith("ingested 1, duplicates 0, rejected 1") and "rates.txt" not in out
    assert f"parallax: rejected {bad}: not an article" in err
    assert main(["ingest", str(good), "--store", str(tmp_path / "s.sqlite")]) == 0  # a duplicate is fine


def test_an_unknown_language_code_is_not_stored(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    records = [
        {"id": "a", "text": TEXT, "language": "english"},
        {"id": "b", "text": TEXT + " ", "language": "EN-gb"},
        {"id": "c", "text": TEXT + "  ", "language": "kaz"},
    ]
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        articles = {a.id: a for a in iter_articles([str(corpus)]) if isinstance(a, Article)}
    assert articles["a"].language is None  # detected when analysed
    assert articles["b"].language == "en" and articles["c"].language == "kk"
    [warning] = [str(w.message) for w in caught if issubclass(w.category, InputWarning)]
    assert "line 1" in warning and "'english' is no ISO 639 code" in warning


def test_a_right_to_left_override_in_a_title_stays_inside_it(served):
    result = served.ingest([Article(id="rlo", text=TEXT, title="Floods \u202eevil\u202c in Aktobe")])
    [stored] = result.articles
    with TestClient(create_app(served), base_url="http://127.0.0.1:8000") as client:
        page = client.get(f"/stories/{stored['story']}").text
    title = page[page.index("<title>") + 7 : page.index("</title>")]
    assert title.startswith("\u2068") and "\u2069 · parallax" in title
