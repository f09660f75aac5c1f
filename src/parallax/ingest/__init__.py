"""Bytes in, Article out: files, stdin, HTML (trafilatura), encodings."""

from parallax.ingest.read import DEFAULT_MAX_BYTES, STDIN, article_ids, read_article

__all__ = ["DEFAULT_MAX_BYTES", "STDIN", "article_ids", "read_article"]
