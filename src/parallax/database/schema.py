"""The store's schema, as an ordered list of migrations.

``PRAGMA user_version`` records how many migrations a file has had; opening a store applies
the missing ones in one transaction each. Never edit a migration that has shipped: add one.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[str] = [
    # 1: articles and their analysis, the inverted anchor index, stories and corrections.
    """
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL,
        format TEXT NOT NULL,
        title TEXT,
        published TEXT,
        outlet TEXT,
        url TEXT,
        language TEXT,
        encoding TEXT,
        source TEXT,
        lead TEXT NOT NULL DEFAULT '',
        analysis TEXT NOT NULL,
        extractor_version INTEGER NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles (published);
    CREATE INDEX articles_outlet ON articles (outlet);
    CREATE INDEX articles_language ON articles (language);

    -- Free-text search in any script: trigram tokens need no word segmentation (Chinese).
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content = 'articles', content_rowid = 'rowid', tokenize = 'trigram'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;

    CREATE TABLE embeddings (
        article INTEGER PRIMARY KEY REFERENCES articles (rowid) ON DELETE CASCADE,
        encoder TEXT NOT NULL,
        vector BLOB NOT NULL
    );

    -- The inverted index of language-neutral anchors, ordered by day so that a lookup reads
    -- only the days of its time window, however common the anchor.
    CREATE TABLE anchors (
        anchor TEXT NOT NULL,
        day INTEGER NOT NULL,
        article INTEGER NOT NULL REFERENCES articles (rowid) ON DELETE CASCADE,
        PRIMARY KEY (anchor, day, article)
    ) WITHOUT ROWID;
    CREATE INDEX anchors_article ON anchors (article);

    CREATE TABLE anchor_counts (
        anchor TEXT PRIMARY KEY,
        articles INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );

    CREATE TABLE story_members (
        article INTEGER PRIMARY KEY REFERENCES articles (rowid) ON DELETE CASCADE,
        story TEXT NOT NULL REFERENCES stories (id)
    );
    CREATE INDEX story_members_story ON story_members (story);

    CREATE TABLE story_aliases (
        old TEXT PRIMARY KEY,
        new TEXT NOT NULL
    );

    CREATE TABLE links (
        a INTEGER NOT NULL REFERENCES articles (rowid) ON DELETE CASCADE,
        b INTEGER NOT NULL REFERENCES articles (rowid) ON DELETE CASCADE,
        score REAL NOT NULL,
        PRIMARY KEY (a, b)
    ) WITHOUT ROWID;

    -- Analysts' corrections, replayed on every relink. payload: {"together": [[rowid...]...],
    -- "apart": [[[rowid...], [rowid...]]...]} in article rowids, which never change.
    CREATE TABLE corrections (
        seq INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL
    );

    CREATE TABLE comparisons (
        story TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        record BLOB NOT NULL
    );

    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        state TEXT NOT NULL
    );
    """,
    # 2: the store's own settings (whether its analyses use and grow the learned aliases).
    """
    CREATE TABLE settings (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite3.Connection) -> int:
    """Apply every missing migration; returns the version the file is at afterwards."""
    current = schema_version(db)
    if current > SCHEMA_VERSION:
        raise RuntimeError(f"store schema {current} is newer than this parallax ({SCHEMA_VERSION})")
    for version in range(current, SCHEMA_VERSION):
        db.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated the file while this one waited for the lock.
            if schema_version(db) > version:
                db.execute("COMMIT")
                continue
            for statement in _statements(MIGRATIONS[version]):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {version + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION


def _statements(script: str) -> list[str]:
    """Split a migration into statements (executescript would commit the open transaction)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
