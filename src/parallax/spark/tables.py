"""The schemas of the Spark job's tables, as Arrow schemas (Spark's follow from them).

docs/scaling.md documents every column. Output tables are Parquet, partitioned by ``date``:
the article's publication day as ``YYYY-MM-DD``, or ``undated``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyarrow as pa

if TYPE_CHECKING:
    from pyspark.sql.types import StructType

UNDATED = "undated"


@dataclass(frozen=True)
class Table:
    name: str
    fields: tuple[tuple[str, pa.DataType], ...]

    def arrow(self) -> pa.Schema:
        return pa.schema(list(self.fields))

    def spark(self) -> StructType:
        from pyspark.sql.pandas.types import from_arrow_schema

        return from_arrow_schema(self.arrow())

    @property
    def columns(self) -> list[str]:
        return [name for name, _ in self.fields]


FACT = pa.struct(
    [
        ("index", pa.int32()),
        ("kind", pa.string()),
        ("value", pa.string()),
        ("number", pa.float64()),
        ("unit", pa.string()),
        ("qualifier", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("text", pa.string()),
        ("sentence", pa.int32()),
        ("sentence_start", pa.int32()),
        ("sentence_end", pa.int32()),
        ("language", pa.string()),
        ("entity_type", pa.string()),
        ("speaker", pa.string()),
        ("anchor", pa.string()),
        ("attrs", pa.string()),
    ]
)

# What the readers hand over: one row per record read, or per rejection (``reason`` set).
RECORD_FIELDS = (
    ("ordinal", pa.int64()),
    ("source", pa.string()),
    ("reason", pa.string()),
    ("wanted_id", pa.string()),
    ("text", pa.string()),
    ("format", pa.string()),
    ("title", pa.string()),
    ("published", pa.string()),
    ("outlet", pa.string()),
    ("url", pa.string()),
    ("language", pa.string()),
    ("encoding", pa.string()),
)
RAW = Table("raw", RECORD_FIELDS)

# What the analysing partitions hand back: one row per article, or per rejection (``reason`` set).
ANALYSED = Table(
    "analysed",
    (
        *RECORD_FIELDS,
        ("lead", pa.string()),
        ("analysis", pa.string()),
        ("extractor_version", pa.int32()),
        ("content_hash", pa.string()),
        ("day", pa.int32()),
        ("anchors", pa.list_(pa.string())),
        ("vector", pa.list_(pa.float32())),
        ("bands", pa.list_(pa.int64())),
        ("facts", pa.list_(FACT)),
    ),
)

# A scored candidate pair that the local scorer accepts (the links of the story graph).
LINK = Table(
    "links",
    (
        ("a", pa.int64()),
        ("b", pa.int64()),
        ("score", pa.float64()),
        ("cosine", pa.float64()),
        ("evidence", pa.float64()),
        ("overlap", pa.float64()),
        ("days_apart", pa.int32()),
    ),
)

OUTPUT_TABLES = (
    "articles",
    "facts",
    "mentions",
    "stories",
    "story_members",
    "links",
    "rejected",
    "duplicates",
)
