"""``parallax spark ingest``: the whole corpus job, from input files to Parquet tables.

1. The driver lists the input files in the local reader's order (``input_units``).
2. Partitions read, analyse and encode them (``analysis.analyse_units``, Arrow batches); the
   result is staged once as Parquet, so no Python stage ever runs twice.
3. Ids are made run-unique in input order and duplicates (same content hash) dropped, keeping
   the first, as ``Store.ingest`` does.
4. Candidate pairs, scores and stories (``linking``).
5. The tables are written partitioned by date, overwriting only the partitions written
   (re-running on the same input gives the same output).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..link.score import SETTINGS, LinkSettings
from .linking import BLOCKS, BlockSettings
from .tables import ANALYSED, RAW, UNDATED

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from ..ingest.sources import Rejected
    from .analysis import Unit

SUMMARY_FILE = "_parallax.json"
STAGING = "_staging"
MAX_RECORDS_PER_FILE = 200_000
Say = Callable[[str], None]


@dataclass
class JobSummary:
    inputs: list[str]
    output: str
    files: int = 0
    read: int = 0
    articles: int = 0
    duplicates: int = 0
    rejected: int = 0
    rejected_by_kind: dict[str, int] = field(default_factory=dict)
    candidate_pairs: int = 0
    links: int = 0
    stories: int = 0
    seconds: float = 0.0
    extractor_version: int = 0
    encoder: str = ""
    settings: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def create_session(
    master: str | None = "local[*]", app_name: str = "parallax", partitions: int | None = None
) -> SparkSession:
    """A SparkSession; in local mode the workers run this very Python and log quietly.

    Python workers get ``OMP_NUM_THREADS`` (``PARALLAX_SPARK_ENCODER_THREADS``, default 1) in
    their environment: Spark runs one task per core, and the e5 engine only keeps to one
    thread when told so before it starts (a session made elsewhere should set
    ``spark.executorEnv.OMP_NUM_THREADS`` too).
    """
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name).config(
        "spark.executorEnv.OMP_NUM_THREADS", _worker_threads()
    )
    local = master is not None and master.startswith("local")
    if master:
        builder = builder.master(master)
    if local:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        builder = (
            builder.config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", str(sys.stderr.isatty()).lower())
            .config("spark.driver.memory", os.environ.get("PARALLAX_SPARK_DRIVER_MEMORY", "4g"))
            .config("spark.sql.shuffle.partitions", str(partitions or 8))
            .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={_quiet_log_config()}")
        )
    elif partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(partitions))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    configure(spark)
    return spark


def _worker_threads() -> str:
    """The encoder threads of a Python worker, as ``spark-submit --conf`` or the environment set them.

    A thread count already given for the workers' OpenMP wins; else the encoder's own setting.
    """
    from pyspark import SparkConf

    given = SparkConf()  # holds spark-submit's --conf values when launched by it
    from_environment = os.environ.get("PARALLAX_SPARK_ENCODER_THREADS", "1")
    threads = given.get("spark.executorEnv.PARALLAX_SPARK_ENCODER_THREADS", from_environment)
    return given.get("spark.executorEnv.OMP_NUM_THREADS", threads)


def configure(spark: SparkSession) -> None:
    """Settings the job relies on, whoever made the session (the CLI or spark-submit)."""
    spark.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic")
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
    spark.conf.set("spark.sql.parquet.compression.codec", "zstd")


def _quiet_log_config() -> str:
    path = Path(tempfile.gettempdir()) / "parallax-spark-log4j2.properties"
    if not path.exists():
        path.write_text(
            "rootLogger.level = error\nrootLogger.appenderRef.stderr.ref = console\n"
            "appender.console.type = Console\nappender.console.name = console\n"
            "appender.console.target = SYSTEM_ERR\nappender.console.layout.type = PatternLayout\n"
            "appender.console.layout.pattern = spark: %p %c{1}: %m%n%ex\n"
        )
    return str(path)


def reason_kind(reason: str) -> str:
    """A coarse class of a rejection's reason, for counting (the reason itself is kept whole)."""
    text = reason.lower()
    rules = (
        (
            "broken_record",
            (
                "broken warc",
                "broken json",
                "broken parquet",
                "not a warc",
                "not a json",
                "json array",
                "not a readable parquet",
            ),
        ),
        ("undecodable", ("binary", "undecodable", "not utf-8", "invalid utf", "byte-order mark")),
        ("no_text", ("no text", "empty", "not an article", "no main text", "no html pages", "no entries")),
        ("analysis_failed", ("analysis failed",)),
        ("too_large", ("too large",)),
    )
    for kind, needles in rules:
        if any(needle in text for needle in needles):
            return kind
    return "unreadable"


def run_ingest(
    spark: SparkSession,
    inputs: Sequence[str],
    output: str,
    *,
    outlet: str | None = None,
    settings: LinkSettings = SETTINGS,
    blocks: BlockSettings = BLOCKS,
    say: Say | None = None,
) -> JobSummary:
    """Read, analyse, link and write ``inputs`` as Parquet tables under ``output``."""
    say = say or (lambda message: None)
    started = time.perf_counter()
    output = output.rstrip("/")
    staging = f"{output}/{STAGING}"
    spark.sparkContext.setCheckpointDir(f"{staging}/checkpoints")
    summary = _new_summary(inputs, output, settings, blocks)

    units, early_rejections = _units_to_read(inputs)
    summary.files = len(units)
    say(f"reading and analysing {len(units)} files")
    analysed = _read_and_analyse(spark, units, outlet, blocks.lsh, f"{staging}/analysed")
    rejected = _rejections(spark, analysed, early_rejections)
    claimed = _with_run_unique_ids(analysed)
    kept, duplicates = _first_of_each_content(claimed)
    kept = _staged(spark, kept, f"{staging}/kept")
    total = kept.count()
    summary.articles = total
    summary.read = int(claimed.count())
    summary.duplicates = int(duplicates.count())

    say(f"linking {total} articles")
    links, members = _link(kept, total, settings, blocks, summary)

    say("writing the tables")
    _write_tables(output, kept, members, links, summary)
    _write(rejected.select("source", "reason", "kind"), output, "rejected", ["source"], partitioned=False)
    _write(duplicates, output, "duplicates", ["article_id"], partitioned=False)
    _count_rejections(rejected, summary)
    summary.seconds = round(time.perf_counter() - started, 1)
    _write_summary(spark, output, summary)
    _delete(spark, staging)
    return summary


def _new_summary(
    inputs: Sequence[str], output: str, settings: LinkSettings, blocks: BlockSettings
) -> JobSummary:
    """The summary of a run about to start: what it reads and writes, and with which settings."""
    from ..pipeline import EXTRACTOR_VERSION
    from .analysis import encoder_name

    summary = JobSummary(inputs=[os.fspath(i) for i in inputs], output=output)
    summary.extractor_version = EXTRACTOR_VERSION
    summary.encoder = encoder_name()
    summary.settings = {"link": asdict(settings), "blocks": asdict(blocks)}
    return summary


def _units_to_read(inputs: Sequence[str]) -> tuple[list[Unit], list[Rejected]]:
    """The input files in the local reader's order, and the inputs rejected before reading."""
    from ..model import ParallaxError
    from .analysis import input_units

    units, early_rejections = input_units(inputs)
    if not units:
        reasons = "; ".join(str(r) for r in early_rejections) or "nothing given"
        raise ParallaxError(f"no input files to read ({reasons})")
    return units, early_rejections


def _read_and_analyse(
    spark: SparkSession, units: list[Unit], outlet: str | None, lsh: tuple[int, int, int], staged_at: str
) -> DataFrame:
    """Every record read and analysed (or rejected), staged once as Parquet and read back."""
    from .analysis import analyse_records, read_units

    slices = max(1, min(len(units), spark.sparkContext.defaultParallelism * 4))
    unit_rows = [(u.index, u.path) for u in units]
    unit_frame = spark.createDataFrame(
        spark.sparkContext.parallelize(unit_rows, slices), "index long, path string"
    )

    def read(batches: Iterable) -> Iterator:
        return read_units(batches, outlet)

    def analyse(batches: Iterable) -> Iterator:
        return analyse_records(batches, lsh)

    # Records are spread over the partitions before the costly analysis, so one big JSONL or
    # WARC file does not leave every core but one idle.
    partitions = int(spark.conf.get("spark.sql.shuffle.partitions"))
    records = unit_frame.mapInArrow(read, RAW.spark()).repartition(partitions, "ordinal")
    records.mapInArrow(analyse, ANALYSED.spark()).write.mode("overwrite").parquet(staged_at)
    return spark.read.schema(ANALYSED.spark()).parquet(staged_at)


def _rejections(spark: SparkSession, analysed: DataFrame, early_rejections: list[Rejected]) -> DataFrame:
    """Rejected records and inputs (source, reason, ordinal), each with the kind of its reason."""
    from pyspark.sql import functions as F

    rejected = analysed.where(F.col("reason").isNotNull()).select("source", "reason", "ordinal")
    if early_rejections:
        early = spark.createDataFrame(
            [(r.source, r.reason, -1) for r in early_rejections], "source string, reason string, ordinal long"
        )
        rejected = rejected.unionByName(early)
    kind_udf = F.udf(lambda reason: reason_kind(reason), "string")
    return rejected.withColumn("kind", kind_udf("reason"))


def _with_run_unique_ids(analysed: DataFrame) -> DataFrame:
    """Records that claimed an id, each given ``article_id``: the id, or ``id#n`` for its n-th
    claimant in input order (as the local store makes ids unique)."""
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    claimed = analysed.where(F.col("wanted_id").isNotNull())
    claim_order = Window.partitionBy("wanted_id").orderBy("ordinal")
    return claimed.withColumn("claim", F.row_number().over(claim_order)).withColumn(
        "article_id",
        F.when(F.col("claim") == 1, F.col("wanted_id")).otherwise(
            F.concat(F.col("wanted_id"), F.lit("#"), F.col("claim").cast("string"))
        ),
    )


def _first_of_each_content(claimed: DataFrame) -> tuple[DataFrame, DataFrame]:
    """(kept, duplicates): the readable articles, the first of each content hash kept (input
    order); the later copies as (article_id, duplicate_of, source)."""
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    readable = claimed.where(F.col("reason").isNull())
    first_of_content = Window.partitionBy("content_hash").orderBy("ordinal")
    readable = readable.withColumn("copy", F.row_number().over(first_of_content)).withColumn(
        "duplicate_of", F.first("article_id").over(first_of_content)
    )
    duplicates = readable.where(F.col("copy") > 1).select("article_id", "duplicate_of", "source")
    kept = (
        readable.where(F.col("copy") == 1)
        .drop("copy", "duplicate_of", "claim", "reason", "wanted_id")
        .withColumnRenamed("ordinal", "node")
        .withColumn("order_published", F.coalesce(F.col("published"), F.lit("9999")))
        .withColumn(
            "date", F.when(F.col("day") == -1, F.lit(UNDATED)).otherwise(F.substring("published", 1, 10))
        )
    )
    return kept, duplicates


def _staged(spark: SparkSession, frame: DataFrame, path: str) -> DataFrame:
    """``frame`` written once as Parquet and read back, so what it took to make it never runs twice."""
    frame.write.mode("overwrite").parquet(path)
    return spark.read.schema(frame.schema).parquet(path)


def _link(
    kept: DataFrame, total: int, settings: LinkSettings, blocks: BlockSettings, summary: JobSummary
) -> tuple[DataFrame, DataFrame]:
    """(links, members): the accepted links between articles, and the story of every article."""
    from .linking import candidate_pairs, joining_links, pair_features, score_pairs

    features = kept.select(
        "node", "article_id", "day", "order_published", "language", "anchors", "vector", "bands"
    )
    pairs, frequencies = candidate_pairs(features, total, settings, blocks)
    pairs = pairs.checkpoint()
    summary.candidate_pairs = pairs.count()
    links = score_pairs(pairs, pair_features(features, frequencies), total, settings).checkpoint()
    summary.links = links.count()
    return links, _story_members(kept, joining_links(links, features, settings))


def _story_members(kept: DataFrame, links: DataFrame) -> DataFrame:
    """(node, article_id, story_id, date) of every article: stories are the connected components
    of the links that join stories (``joining_links``), each named after its first article in
    (published, id) order."""
    from pyspark.sql import functions as F

    from .linking import connected_components

    roots = connected_components(links.select("a", "b"))
    members = (
        kept.select("node", "article_id", "order_published", "date")
        .join(roots, "node", "left")
        .withColumn("root", F.coalesce("root", "node"))
    )
    opener = members.groupBy("root").agg(
        F.min(F.struct("order_published", "article_id")).getField("article_id").alias("opener")
    )
    story_id = F.udf(lambda article_id: _story_id(article_id), "string")
    openers = opener.withColumn("story_id", story_id("opener"))
    return members.join(openers, "root").select("node", "article_id", "story_id", "date").checkpoint()


def _write_tables(
    output: str, kept: DataFrame, members: DataFrame, links: DataFrame, summary: JobSummary
) -> None:
    """The articles, facts, mentions, story_members, stories and links tables."""
    articles = kept.join(members.select("node", "story_id"), "node")
    _write(articles.select(*ARTICLE_COLUMNS), output, "articles", ["article_id"])
    facts = _facts(articles)
    _write(
        facts.withColumnRenamed("index", "fact_index").withColumnRenamed("sentence", "sentence_index"),
        output,
        "facts",
        ["article_id", "fact_index"],
    )
    _write(_mentions(facts), output, "mentions", ["article_id", "start"])
    _write(
        members.select("story_id", "article_id", "date"), output, "story_members", ["story_id", "article_id"]
    )
    stories = _stories(articles)
    summary.stories = stories.count()
    _write(stories, output, "stories", ["story_id"])
    _write(_named_links(links, members), output, "links", ["article_a", "article_b"])


def _facts(articles: DataFrame) -> DataFrame:
    """One row per fact of every article, with its article and date."""
    from pyspark.sql import functions as F

    return articles.select("article_id", "date", F.explode("facts").alias("fact")).select(
        "article_id", "date", "fact.*"
    )


def _mentions(facts: DataFrame) -> DataFrame:
    """The entity facts as mentions: where, in which words, of which canonical entity."""
    from pyspark.sql import functions as F

    return facts.where(F.col("kind") == "entity").select(
        "article_id",
        "date",
        F.col("index").alias("fact_index"),
        "start",
        "end",
        "text",
        F.col("value").alias("canonical"),
        F.col("entity_type").alias("type"),
        "language",
        F.col("sentence").alias("sentence_index"),
        "anchor",
    )


def _named_links(links: DataFrame, members: DataFrame) -> DataFrame:
    """The links between nodes as links between article ids, dated by the first article."""
    from pyspark.sql import functions as F

    ids = members.select("node", "article_id", "date")
    return (
        links.join(ids.select(F.col("node").alias("a"), F.col("article_id").alias("article_a"), "date"), "a")
        .join(ids.select(F.col("node").alias("b"), F.col("article_id").alias("article_b")), "b")
        .select("article_a", "article_b", "score", "cosine", "evidence", "overlap", "days_apart", "date")
    )


def _count_rejections(rejected: DataFrame, summary: JobSummary) -> None:
    summary.rejected_by_kind = {r["kind"]: r["count"] for r in rejected.groupBy("kind").count().collect()}
    summary.rejected = sum(summary.rejected_by_kind.values())


ARTICLE_COLUMNS = (
    "article_id",
    "story_id",
    "title",
    "published",
    "outlet",
    "url",
    "language",
    "format",
    "encoding",
    "source",
    "text",
    "lead",
    "content_hash",
    "extractor_version",
    "analysis",
    "anchors",
    "vector",
    "date",
)


def _story_id(article_id: str) -> str:
    from ..link.linker import story_id_for

    return story_id_for(article_id)


def _stories(articles: DataFrame) -> DataFrame:
    """One row per story, as ``parallax stories --json`` describes a story."""
    from pyspark.sql import functions as F

    order = F.struct("order_published", "article_id")
    titled = F.when(F.col("title").isNotNull(), order)
    return (
        articles.groupBy("story_id")
        .agg(
            F.count("*").alias("size"),
            F.min(order).getField("article_id").alias("opener"),
            F.sort_array(F.collect_list(F.struct("order_published", "article_id"))).alias("ordered"),
            F.sort_array(F.collect_set("language")).alias("languages"),
            F.sort_array(F.collect_set("outlet")).alias("outlets"),
            F.min_by("title", titled).alias("title"),
            F.min("published").alias("first_seen"),
            F.max("published").alias("last_seen"),
        )
        .select(
            "story_id",
            "size",
            "opener",
            F.col("ordered.article_id").alias("documents"),
            "languages",
            "outlets",
            "title",
            "first_seen",
            "last_seen",
            F.when(F.col("first_seen").isNull(), F.lit(UNDATED))
            .otherwise(F.substring("first_seen", 1, 10))
            .alias("date"),
        )
    )


def _write(frame: DataFrame, output: str, name: str, order: list[str], *, partitioned: bool = True) -> None:
    """Overwrite the table's partitions that this run writes (dynamic partition overwrite)."""
    writer_frame = frame.repartition("date") if partitioned else frame.coalesce(1)
    writer_frame = writer_frame.sortWithinPartitions(*(["date"] if partitioned else []), *order)
    writer = writer_frame.write.mode("overwrite").option("maxRecordsPerFile", MAX_RECORDS_PER_FILE)
    if partitioned:
        writer = writer.partitionBy("date")
    writer.parquet(f"{output}/{name}")


def _hadoop_path(spark: SparkSession, path: str) -> tuple[Any, Any]:
    jvm = spark.sparkContext._jvm
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
    return hadoop_path, hadoop_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())


def _write_summary(spark: SparkSession, output: str, summary: JobSummary) -> None:
    path, fs = _hadoop_path(spark, f"{output}/{SUMMARY_FILE}")
    stream = fs.create(path, True)
    try:
        stream.write(bytearray(json.dumps(summary.as_dict(), indent=2, ensure_ascii=False).encode("utf-8")))
    finally:
        stream.close()


def _delete(spark: SparkSession, path: str) -> None:
    hadoop_path, fs = _hadoop_path(spark, path)
    fs.delete(hadoop_path, True)
