"""Language of an article and of each sentence.

lingua (where it knows the language), cld2 (which knows Kyrgyz and Uzbek too) and the letter
and word profiles of the language files each give a probability per language; a language's
score is their weighted mean, times how well its alphabet accounts for the text's letters.
Models load lazily, on the first detection.
"""

from .decide import detect_language, detect_sentence_languages, language_scores
from .settings import SETTINGS, DetectSettings

__all__ = ["SETTINGS", "DetectSettings", "detect_language", "detect_sentence_languages", "language_scores"]
