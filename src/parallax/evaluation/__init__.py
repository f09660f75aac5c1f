"""Measuring parallax against gold answers: facts of comparisons, clusters of stories."""
