"""Language of an article and of each sentence."""
