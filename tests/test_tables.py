"""Derived language tables stored in the cache directory: read back only when built from the same inputs."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from parallax import tables
from parallax.cli import main
from parallax.extract import context
from parallax.extract.entities import canon, lexicon, save_learned_aliases
from parallax.extract.entities.find import find_entities
from parallax.extract.entities.gazetteer import gazetteer_for
from parallax.lang.dates import grammar as dates_grammar

TEXTS = {
    "ru": "Президент Казахстана Касым-Жомарт Токаев 12 марта 2025 года прибыл в Ташкент, где Нурлан "
    "Сапаров встретил делегацию. С 3 по 5 апреля пройдут переговоры с Шавкатом Мирзиёевым.",
    "kk": "Мемлекет басшысы Қасым-Жомарт Тоқаев 2025 жылғы 12 наурызда Ташкентке барды. Нұрлан "
    "Сапаров делегацияны қарсы алды, былтыр тауар айналымы 4,2 млрд долларға жетті.",
    "ar": "وصل الرئيس الكازاخستاني قاسم جومارت توكاييف إلى طشقند في 12 مارس 2025، والتقى نورلان ساباروف.",
    "zh": "哈萨克斯坦总统托卡耶夫于2025年3月12日抵达塔什干，萨帕罗夫迎接了代表团。",
}


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    directory = tmp_path / "cache"
    monkeypatch.setenv("PARALLAX_CACHE", str(directory))
    tables.forget_built()
    yield directory
    monkeypatch.undo()
    tables.forget_built()


def stored_files(directory, name):
    return sorted(p.name for p in (directory / "tables").glob(f"{name}-*.pickle"))


def test_a_table_is_built_once_then_read_back(cache_dir):
    built = []

    def build():
        built.append(1)
        return {"Tokayev": ["Тоқаев", "توكاييف"]}

    first = tables.stored_table("names", build)
    second = tables.stored_table("names", build)
    assert first == second == {"Tokayev": ["Тоқаев", "توكاييف"]}
    assert len(built) == 1
    assert len(stored_files(cache_dir, "names")) == 1
    assert second is not first  # read from the file: a fresh copy the caller may change


def test_a_damaged_table_is_built_again(cache_dir):
    tables.stored_table("names", lambda: {"a": 1})
    (path,) = (cache_dir / "tables").glob("names-*.pickle")
    path.write_bytes(b"\x80\x05not a pickle")
    assert tables.stored_table("names", lambda: {"a": 2}) == {"a": 2}
    assert pickle.loads(path.read_bytes()) == {"a": 2}


def test_with_the_cache_off_tables_are_built_every_time_and_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv("PARALLAX_CACHE", "off")
    built = []
    for _ in range(2):
        assert tables.stored_table("names", lambda: built.append(1) or "table") == "table"
    assert len(built) == 2
    assert not any(tmp_path.iterdir())


def test_an_unwritable_cache_only_means_building_again(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("PARALLAX_CACHE", str(blocker))
    assert tables.stored_table("names", lambda: [1, 2]) == [1, 2]


def test_the_key_follows_every_input_file(tmp_path, monkeypatch):
    data = tmp_path / "lang"
    data.mkdir()
    (data / "xx.toml").write_text('scale = ["mln"]\n', encoding="utf-8")
    monkeypatch.setattr(tables, "_SOURCES", (data,))
    try:
        tables.forget_built()
        before = tables.inputs_key()
        (data / "xx.toml").write_text('scale = ["mln", "mlrd"]\n', encoding="utf-8")
        tables.forget_built()
        edited = tables.inputs_key()
        (data / "notes.txt").write_text("not an input", encoding="utf-8")
        tables.forget_built()
        assert tables.inputs_key() == edited != before
    finally:
        monkeypatch.undo()
        tables.forget_built()


def test_a_table_built_from_other_inputs_is_replaced(cache_dir, monkeypatch):
    tables.stored_table("names", lambda: "old")
    monkeypatch.setattr(tables, "inputs_key", lambda: "0" * 24)
    assert tables.stored_table("names", lambda: "new") == "new"
    assert stored_files(cache_dir, "names") == [f"names-{'0' * 24}.pickle"]


def sample_sources():
    return [(rule.pattern.pattern, rule.pattern.flags) for rule in dates_grammar.grammar("ru").rules] + [
        (r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})(?:\.(?P<year>\d{4}))?", 0),
        (r"(?i)(?<!\w)(млрд|млн)\.?", 0),
    ]


SAMPLES = [
    "12 марта 2025 года", "с 3 по 5 апреля", "12.03.2025 и 1.4", "в прошлом году", "4,2 млрд. тенге", "",
]


def outcomes(patterns):
    return [
        [(m.span(), m.groupdict(), m.lastgroup) for m in pattern.finditer(text)]
        for pattern in patterns
        for text in SAMPLES
    ]


def test_stored_patterns_match_exactly_as_re_compile_does(cache_dir):
    sources = sample_sources()
    expected = outcomes([re.compile(pattern, flags) for pattern, flags in sources])
    built = tables.stored_patterns("patterns", sources)
    loaded = tables.stored_patterns("patterns", sources)
    assert outcomes(built) == outcomes(loaded) == expected
    assert any(any(found) for found in expected)  # the samples do match
    assert [p.groupindex for p in loaded] == [re.compile(s, f).groupindex for s, f in sources]


def test_a_stored_program_the_engine_rejects_falls_back_to_compiling(cache_dir):
    sources = [(r"(?P<year>\d{4}) жыл", 0)]
    tables.stored_patterns("patterns", sources)
    (path,) = (cache_dir / "tables").glob("patterns-*.pickle")
    path.write_bytes(pickle.dumps({sources[0]: (sources[0][0], 0, ["not", "code"], 0, {}, ())}))
    (pattern,) = tables.stored_patterns("patterns", sources)
    assert pattern.search("2024 жыл").group("year") == "2024"


def everything_extraction_reads(learned=None):
    analysis = context.analysis_context(learned=learned)
    names = analysis.lexicon
    return {
        "keys": canon.known_keys(names),
        "curated": lexicon.curated_key_names(),
        "gazetteers": {code: dict(gazetteer_for(code, names).index) for code in ("ru", "kk", "ar")},
        "strings": dict(gazetteer_for("zh", names).strings),
        "found": {
            code: [(m.start, m.end, m.value, m.kind) for m in find_entities(text, code, analysis)]
            for code, text in TEXTS.items()
        },
        "dates": {code: [r.pattern.pattern for r in dates_grammar.grammar(code).rules] for code in TEXTS},
    }


def test_tables_read_back_give_what_building_gives_learned_names_included(cache_dir, tmp_path, monkeypatch):
    learned = tmp_path / "learned.json"
    monkeypatch.setenv("PARALLAX_ALIASES", str(learned))
    save_learned_aliases(
        [{"name": "Nurlan Saparov", "type": "person",
          "names": {"ru": ["Нурлан Сапаров"], "kk": ["Нұрлан Сапаров"], "ar": ["نورلان ساباروف"]}}],
        learned,
    )
    monkeypatch.setenv("PARALLAX_CACHE", "off")
    tables.forget_built()
    built = everything_extraction_reads(learned)
    assert "Nurlan Saparov" in {m[2] for m in built["found"]["kk"]}

    monkeypatch.setenv("PARALLAX_CACHE", str(cache_dir))
    tables.forget_built()
    everything_extraction_reads(learned)  # builds and stores
    tables.forget_built()
    assert everything_extraction_reads(learned) == built


def test_after_prepare_a_process_reads_the_tables_instead_of_building_them(cache_dir, monkeypatch, capsys):
    assert main(["prepare", "ru", "kk"]) == 0
    out = capsys.readouterr().out
    assert "ru, kk" in out and str(cache_dir / "tables") in out
    for name in ("entities", "known-keys", "dates-kk", "dates-ru", "gazetteer-kk", "gazetteer-ru"):
        assert len(stored_files(cache_dir, name)) == 1, name

    tables.forget_built()

    def no_building(*args):
        raise AssertionError("built although stored")

    monkeypatch.setattr(lexicon, "_countries", no_building)
    monkeypatch.setattr(tables, "_program", no_building)
    found = find_entities(TEXTS["kk"], "kk")
    assert "Kassym-Jomart Tokayev" in {m.value for m in found}
    assert dates_grammar.grammar("kk").rules


def test_prepare_names_an_unknown_language_and_fails(cache_dir, capsys):
    assert main(["prepare", "kk", "xx"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == "parallax: error: prepare: no language data for xx"


def test_forgetting_what_was_built_forgets_every_table_of_the_process(cache_dir):
    """One public call stands for a new process: no caller lists private caches to clear."""
    first = tables.shared_tables().get(dates_grammar.grammar, "ru")
    assert tables.shared_tables().get(dates_grammar.grammar, "ru") is first
    tables.forget_built()
    again = tables.shared_tables().get(dates_grammar.grammar, "ru")
    assert again is not first
    assert [rule.pattern.pattern for rule in again.rules] == [rule.pattern.pattern for rule in first.rules]


def test_no_test_clears_a_private_cache_by_hand():
    """Starting over as a new process is ``tables.forget_built()``; a test that lists private
    caches to clear breaks silently when one is added or renamed."""
    tests = Path(__file__).resolve().parent
    needle = ".cache_" + "clear("
    offenders = [p.name for p in tests.rglob("*.py") if needle in p.read_text("utf-8")]
    assert offenders == []
