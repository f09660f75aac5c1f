"""The stored word-frequency table answers as wordfreq does, and a plain word needs no wordfreq."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
import wordfreq

from parallax.extract.entities.common import VOCABULARY_MIN_ZIPF, stored_zipf

# One language per path through wordfreq's preprocessing: Latin with ß (case folding), Turkish
# (dotted and dotless i, cedillas), Cyrillic, Arabic (NFKC, marks removed) and Chinese (jieba).
LANGUAGES = ["de", "en", "tr", "ru", "ar", "zh"]

# Words built to leave the plain path: digits, elisions, phrases, marks, tatweel, cedillas.
AWKWARD = {
    "de": ["straße", "fußball-wm", "2024", "b2b", "café au lait", "ʼbild"],
    "en": ["don't", "u.s.", "covid-19", "new york", "naïve", "café"],
    "tr": ["istanbul", "i̇stanbul", "şehir", "șehir", "türkiye'de", "1990'larda"],
    "ru": ["ёлка", "москва-сити", "2-й", "в общем", "й"],
    "ar": ["الرياض", "العـربية", "مُحَمَّد", "٢٠٢٤", "ﻻ"],
    "zh": ["北京", "中华人民共和国", "美元", "2024年", "體育"],
}


def wordfreq_answer(word: str, code: str) -> float:
    value = wordfreq.zipf_frequency(word, code)
    return value if value >= VOCABULARY_MIN_ZIPF else 0.0


def sample_words(code: str) -> list[str]:
    frequencies = wordfreq.get_frequency_dict(code)
    words = sorted(frequencies)
    frequent = [word for word in words if frequencies[word] >= 10 ** (VOCABULARY_MIN_ZIPF - 9)]
    rng = random.Random(code)
    picked = rng.sample(frequent, 300) + rng.sample(words, 100)
    variants = [variant for word in picked[:60] for variant in (word.capitalize(), word + "s", word[:-1])]
    return picked + variants + AWKWARD[code]


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_stored_table_answers_as_wordfreq(code: str) -> None:
    words = sample_words(code)
    expected = [wordfreq_answer(word.lower(), code) for word in words]
    assert [stored_zipf(word, code) for word in words] == expected


def test_a_language_wordfreq_lacks_reads_zero() -> None:
    assert stored_zipf("және", "kk") == 0.0


# A plain word is read in the stored table alone; a word with a digit still asks wordfreq.
_READ_BACK = """
import sys
from parallax.extract.entities.common import stored_zipf
plain = [stored_zipf(word, code) for word, code in [("Regierung", "de"), ("правительство", "ru"),
                                                     ("الحكومة", "ar"), ("hükümet", "tr")]]
before = "wordfreq" in sys.modules
digits = stored_zipf("covid19", "en")
print(before, "wordfreq" in sys.modules, all(value > 3 for value in plain))
"""


def test_a_plain_word_is_read_without_importing_wordfreq(tmp_path: Path) -> None:
    source = str(Path(__file__).resolve().parents[2] / "src")
    env = {**os.environ, "PARALLAX_CACHE": str(tmp_path),
           "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}
    # The first process builds and stores the tables (with wordfreq); the second reads them back.
    first, second = (subprocess.run([sys.executable, "-c", _READ_BACK], capture_output=True, text=True,
                                    env=env, check=True).stdout.strip() for _ in range(2))
    assert first == "True True True"
    assert second == "False True True"
