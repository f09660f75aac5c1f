"""The sentence encoder interface, the bundled backend and the embedding cache."""
