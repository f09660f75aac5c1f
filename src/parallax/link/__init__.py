"""Story linking: candidate index, scorer, incremental assignment, corrections."""
