"""``parallax spark ingest`` and ``parallax spark export``.

Importing this module is cheap: PySpark (and the JVM) load only when ``spark ingest`` runs,
and ``spark export`` needs no JVM at all.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .job import JobSummary

DEFAULT_MASTER = "local[*]"


def add_spark_command(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``spark`` (with ``ingest`` and ``export``) on the ``parallax`` command's subparsers."""
    spark = commands.add_parser(
        "spark", help="process a corpus beyond one machine on Spark, and load slices of it into a store"
    )
    actions = spark.add_subparsers(dest="spark_command", required=True, metavar="ACTION")

    ingest = actions.add_parser(
        "ingest", help="read, analyse and link a corpus into Parquet tables (local mode by default)"
    )
    add_ingest_arguments(ingest)
    ingest.add_argument("--json", action="store_true", help="print the job summary as JSON")
    ingest.set_defaults(run=run_spark_ingest)

    export = actions.add_parser("export", help="load a slice of the Parquet tables into the embedded store")
    export.add_argument("--input", type=Path, required=True, metavar="DIR", help="a `spark ingest` output")
    export.add_argument("--store", type=Path, default=None, help="the store file (default: user data folder)")
    export.add_argument(
        "--language", action="append", default=[], metavar="CODE", help="only this language (repeatable)"
    )
    export.add_argument(
        "--outlet", action="append", default=[], metavar="NAME", help="only this outlet (repeatable)"
    )
    export.add_argument("--since", metavar="DATE", help="only articles published on or after DATE")
    export.add_argument("--until", metavar="DATE", help="only articles published on or before DATE")
    export.add_argument(
        "--whole-stories",
        action="store_true",
        help="load every article of the stories the slice touches, not only the slice's own",
    )
    export.add_argument("--json", action="store_true", help="print the summary as JSON")
    export.set_defaults(run=run_spark_export)
    return spark


def add_ingest_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--input",
        nargs="+",
        action="extend",
        required=True,
        metavar="PATH",
        help="files and folders: text/HTML, JSONL, Parquet, WARC, feeds (on a filesystem all executors see)",
    )
    parser.add_argument("--output", required=True, metavar="DIR", help="where the Parquet tables go")
    parser.add_argument(
        "--master",
        default=DEFAULT_MASTER,
        help=f"Spark master (default {DEFAULT_MASTER}: this machine's cores)",
    )
    parser.add_argument("--partitions", type=int, default=None, help="shuffle partitions (default: Spark's)")
    parser.add_argument("--outlet", help="the outlet of every article read")
    parser.add_argument("--strict", action="store_true", help="exit with 1 when any record was rejected")


def _say(message: str) -> None:
    if sys.stderr.isatty():
        print(f"parallax spark: {message}", file=sys.stderr, flush=True)


def run_spark_ingest(args: argparse.Namespace) -> int:
    from .job import create_session, run_ingest

    master = None if args.master in ("", "submit") else args.master
    spark = create_session(master, partitions=args.partitions)
    try:
        summary = run_ingest(spark, args.input, args.output, outlet=args.outlet, say=_say)
    finally:
        spark.stop()
    print_summary(summary, args.json)
    return 1 if args.strict and summary.rejected else 0


def print_summary(summary: JobSummary, as_json: bool) -> None:
    if as_json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
        return
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(summary.rejected_by_kind.items()))
    print(
        f"{summary.articles} articles in {summary.stories} {'story' if summary.stories == 1 else 'stories'},"
        f" {summary.duplicates} duplicates,"
        f" {summary.rejected} rejected{f' ({kinds})' if kinds else ''}; {summary.files} files,"
        f" {summary.candidate_pairs} candidate pairs, {summary.links} links, {summary.seconds:.0f} s"
    )
    rejected = f" (the rejected records are in {summary.output}/rejected)" if summary.rejected else ""
    print(f"tables in {summary.output}/{rejected}")


def run_spark_export(args: argparse.Namespace) -> int:
    from ..model import ParallaxError
    from .export import export_slice

    if not args.input.is_dir():
        raise ParallaxError(f"{args.input}: no such folder")
    summary = export_slice(
        args.input,
        args.store,
        languages=args.language,
        outlets=args.outlet,
        since=args.since,
        until=args.until,
        whole_stories=args.whole_stories,
    )
    if args.json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False))
    else:
        print(
            f"exported {summary.articles} articles in {len(summary.stories)} stories"
            f" ({summary.duplicates} already in the store, {summary.links} links)"
        )
    return 0
