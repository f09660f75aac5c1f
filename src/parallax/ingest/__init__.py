"""Bytes in, Article out: files, stdin, HTML (trafilatura), encodings."""
