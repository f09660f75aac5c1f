"""The date core: names, calendars and the reading of date expressions, for every stage.

Ground floor: the cleaner (datelines, before the language is known) and the extractor (date
facts in running text) both read dates through this package, so a date is read one way
wherever it is met.

* ``names``: month and weekday names and date patterns, only from the generated
  ``cldr/<code>.json``;
* ``calendars``: the one converter between calendars (ICU): Solar Hijri, Hijri -> Gregorian;
* ``lexicon``: a language's date words (names, relative words, spelled numbers, data
  supplements), and ``any_language()``, every language's month names for datelines;
* ``grammar``: date shapes compiled from templates: a language's rules (running text), and
  every language's CLDR shapes as one any-language alternation (datelines);
* ``shapes``: CLDR's date patterns of every language as grammar templates (datelines);
* ``parts``: what a match says (day, month, year in their calendar, ranges, shifts);
* ``resolve``: parts to ISO values against the publication date; ``value_of`` for named parts.
"""
