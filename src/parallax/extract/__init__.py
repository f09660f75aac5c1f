"""Pure functions: text + language data -> Mentions (quantities, percents, dates, entities, quotes)."""
