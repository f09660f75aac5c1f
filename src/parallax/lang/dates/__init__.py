"""The date core: names, calendars and the reading of date expressions, for every stage.

Ground floor: the cleaner (datelines) and the extractor (date facts) both read dates through
this package, so a date is read one way wherever it is met.
"""
