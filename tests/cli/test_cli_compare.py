"""The ``parallax`` command on real files: JSON contracts, stdin, removed lines, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from parallax.cli import main

ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = ROOT / "tests" / "contracts"
VISIT = ROOT / "examples" / "visit"


def contract(name: str) -> dict:
    return json.loads((CONTRACTS / name).read_text(encoding="utf-8"))


def run(argv, capsys):
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_contract_copies_match_the_shared_ones():
    shared = ROOT.parent / "shared" / "contracts"
    if not shared.is_dir():
        pytest.skip("../shared/contracts is not beside this checkout")
    for path in CONTRACTS.glob("*.json"):
        assert json.loads(path.read_text()) == json.loads((shared / path.name).read_text())


def test_compare_json_follows_the_contract(capsys):
    code, out, _ = run(
        ["compare", "--json", VISIT / "visit-kk.txt", VISIT / "visit-ar.txt", VISIT / "visit-fr.html"], capsys
    )
    assert code == 0
    record = json.loads(out)
    jsonschema.validate(record, contract("compare.schema.json"))
    assert [d["id"] for d in record["documents"]] == ["visit-kk.txt", "visit-ar.txt", "visit-fr.html"]
    assert {d["language"] for d in record["documents"]} == {"kk", "ar", "fr"}
    for conflict in record["conflicts"]:
        for side in conflict["values"]:
            assert record["facts"][side["fact"]]["status"] == "conflict"
            assert record["facts"][side["fact"]]["value"] == side["value"]


def test_extract_json_follows_the_contract_without_statuses(capsys):
    code, out, _ = run(["extract", "--json", VISIT / "visit-zh.txt"], capsys)
    assert code == 0
    record = json.loads(out)
    jsonschema.validate(record, contract("compare.schema.json"))
    assert record["facts"] and all("status" not in fact for fact in record["facts"])
    usd = [f for f in record["facts"] if f["kind"] == "quantity" and f["unit"] == "USD"]
    assert 18_700_000_000 in [f["value"] for f in usd]


def test_extract_reads_stdin_and_no_clean_keeps_every_line(monkeypatch, capsys):
    text = "Переговоры завершились подписанием восьми соглашений.\n443.35\nРост составил 21 процент.\n"
    monkeypatch.setattr(
        sys, "stdin", type("Stdin", (), {"buffer": __import__("io").BytesIO(text.encode())})()
    )
    code, out, _ = run(["extract", "--json", "--no-clean", "-"], capsys)
    assert code == 0
    record = json.loads(out)
    assert record["documents"][0]["id"] == "-"
    values = {(f["kind"], f["value"]) for f in record["facts"] if f["kind"] in ("quantity", "percent")}
    assert ("percent", 21) in values and ("quantity", 8) in values
    assert ("quantity", 443.35) in values  # --no-clean: the ticker line is kept as text


def test_show_removed_lists_dropped_lines_with_reasons(capsys):
    code, out, _ = run(["extract", "--json", "--show-removed", VISIT / "visit-kk.txt"], capsys)
    assert code == 0
    removed = json.loads(out)["documents"][0]["removed"]
    reasons = {r["text"]: r["reason"] for r in removed}
    assert reasons["497.12"] == "ticker"
    assert reasons["#Тоқаев #Франция #мемлекеттік_сапар"] == "hashtags"
    code, out, _ = run(["extract", "--show-removed", VISIT / "visit-kk.txt"], capsys)
    assert "Removed from visit-kk.txt" in out and "ticker" in out


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.txt", b"", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "binary"),
        ("numbers.txt", b"1,2,3\n4,5,6\n7,8,9\n" * 50, "not an article"),
    ],
)
def test_bad_input_gets_one_line_naming_the_file(tmp_path, capsys, name, data, problem):
    bad = write(tmp_path / name, data)
    code, out, err = run(["compare", bad, VISIT / "visit-kk.txt"], capsys)
    assert code != 0
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and problem in lines[0].lower()
    assert "Traceback" not in err


def test_a_huge_file_fails_fast_without_being_read(tmp_path, capsys):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    code, _, err = run(["extract", huge], capsys)
    assert code != 0 and "huge.txt" in err and len(err.strip().splitlines()) == 1


def test_undecodable_bytes_are_refused(tmp_path, capsys):
    noise = bytes((i * 97 + 13) % 128 + 128 for i in range(4000))
    bad = write(tmp_path / "noise.txt", noise)
    code, _, err = run(["extract", bad], capsys)
    assert code != 0 and "noise.txt" in err and len(err.strip().splitlines()) == 1


def test_compare_needs_two_articles(capsys):
    code, out, err = run(["compare", VISIT / "visit-kk.txt"], capsys)
    assert code != 0 and out == ""
    assert "visit-kk.txt" in err and "extract" in err and len(err.strip().splitlines()) == 1


def test_missing_file_is_named(capsys):
    code, _, err = run(["compare", "no-such-file.txt", VISIT / "visit-kk.txt"], capsys)
    assert code != 0 and "no-such-file.txt" in err and "Traceback" not in err


def test_the_installed_command_runs_as_a_process():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "parallax.cli",
            "compare",
            str(VISIT / "visit-kk.txt"),
            str(VISIT / "visit-ru.txt"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Conflicts" in result.stdout and "230" in result.stdout


UNDATED_DE = """Umsatz im Maschinenbau gestiegen

Im ersten Quartal stieg der Umsatz um 5 Prozent, gestern meldete der Verband neue Aufträge.
Im gleichen Zeitraum des Vorjahres war er noch gesunken.
"""


def test_an_undated_article_is_warned_about_in_json_and_on_the_terminal(tmp_path, capsys):
    path = tmp_path / "undated.txt"
    path.write_text(UNDATED_DE, encoding="utf-8")
    code, out, err = run(["extract", "--json", path], capsys)
    assert code == 0
    record = json.loads(out)
    jsonschema.validate(record, contract("compare.schema.json"))
    assert record["documents"][0]["published"] is None
    assert any("undated.txt: no publication date" in warning for warning in record["warnings"])
    assert "undated.txt: no publication date" in err
    assert all(fact["value"] is None for fact in record["facts"] if fact["kind"] == "date")


def test_published_and_language_options_resolve_relative_dates(tmp_path, capsys):
    path = tmp_path / "undated.txt"
    path.write_text(UNDATED_DE, encoding="utf-8")
    code, out, err = run(["extract", "--json", "--published", "2025-05-07", "--language", "de", path], capsys)
    assert code == 0
    record = json.loads(out)
    assert record["documents"][0]["published"] == "2025-05-07"
    assert record["documents"][0]["language"] == "de"
    assert record["warnings"] == [] and "no publication date" not in err
    dates = [fact["value"] for fact in record["facts"] if fact["kind"] == "date"]
    assert dates == ["2025-01/2025-03", "2025-05-06", "2024-01/2024-03"]


def test_compare_takes_the_same_options(tmp_path, capsys):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(UNDATED_DE, encoding="utf-8")
    second.write_text(UNDATED_DE.replace("5 Prozent", "5,0 Prozent"), encoding="utf-8")
    code, out, _ = run(["compare", "--json", "--published", "2025-05-07", first, second], capsys)
    assert code == 0
    record = json.loads(out)
    assert [d["published"] for d in record["documents"]] == ["2025-05-07", "2025-05-07"]
    assert not any("no publication date" in warning for warning in record["warnings"])


@pytest.mark.parametrize(
    ("option", "value", "problem"),
    [("--published", "2025-13-40", "is not a date"), ("--language", "xx", "no language data")],
)
def test_bad_published_or_language_is_one_clear_error(tmp_path, capsys, option, value, problem):
    path = tmp_path / "undated.txt"
    path.write_text(UNDATED_DE, encoding="utf-8")
    code, out, err = run(["extract", option, value, path], capsys)
    assert code == 1 and out == ""
    assert err.startswith(f"parallax: error: {option}:") and problem in err
    assert len(err.strip().splitlines()) == 1


TARGET_EN = (
    "Astana, 4 March 2026 - The ministry plans to raise the number of rural clinics"
    " to 1,200 by 2028.\nThere are 950 rural clinics in the country today, the minister told reporters.\n"
)
TARGET_RU = (
    "Астана, 4 марта 2026 года. Министерство намерено довести число сельских клиник"
    " до 1200 к 2028 году.\nСейчас в стране 950 сельских клиник, сообщил министр журналистам.\n"
)


def written(directory: Path, texts: dict[str, str]) -> list[Path]:
    """The texts as files named by their keys, in that order."""
    paths = []
    for name, text in texts.items():
        paths.append(directory / name)
        paths[-1].write_text(text, encoding="utf-8")
    return paths


def test_a_target_figure_keeps_the_contract_qualifier_and_says_target(tmp_path, capsys):
    # The contract's qualifier values are fixed; a goal ("to reach X") is none of them.
    english, russian = written(tmp_path, {"target-en.txt": TARGET_EN, "target-ru.txt": TARGET_RU})
    for argv in (["extract", "--json", russian], ["compare", "--json", english, russian]):
        code, out, _ = run(argv, capsys)
        assert code == 0
        record = json.loads(out)
        jsonschema.validate(record, contract("compare.schema.json"))
        goals = [f for f in record["facts"] if f.get("target")]
        assert [f["value"] for f in goals] == [1200]
        assert all(f["qualifier"] is None for f in goals)


RATE_EN = (
    "Astana, 3 March 2026. The new plant will produce 200,000 tonnes of cement per year, the minister said.\n"
)
RATE_DE = (
    "Astana, 3. März 2026. Das neue Werk soll 200.000 Tonnen Zement pro Jahr herstellen,"
    " sagte der Minister.\n"
)


def test_a_rate_says_its_period_in_json_and_on_the_terminal(tmp_path, capsys):
    # Without its period a rate reads as a total: "200,000 tonnes" is not "200,000 tonnes a year".
    english, german = written(tmp_path, {"rate-en.txt": RATE_EN, "rate-de.txt": RATE_DE})
    code, out, _ = run(["extract", "--json", english], capsys)
    assert code == 0
    [tonnes] = [f for f in json.loads(out)["facts"] if f.get("unit") == "tonne"]
    assert (tonnes["value"], tonnes["per"]) == (200_000, "year")
    code, out, _ = run(["compare", "--json", english, german], capsys)
    record = json.loads(out)
    jsonschema.validate(record, contract("compare.schema.json"))
    [tonnes] = [f for f in record["facts"] if f.get("unit") == "tonne"]
    assert (tonnes["status"], tonnes["per"]) == ("shared", "year")
    for argv in (["extract", english], ["compare", english, german]):
        code, out, _ = run(argv, capsys)
        assert code == 0 and "200,000 tonne" in out and "per year" in out
