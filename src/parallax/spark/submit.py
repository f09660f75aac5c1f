"""The Spark job as a script for ``spark-submit`` (the cluster decides the master and resources).

    spark-submit --master yarn --conf spark.executorEnv.PARALLAX_SPARK_ENCODER_THREADS=1 \\
        "$(python -c 'import parallax.spark.submit as s; print(s.__file__)')" \\
        --input /data/ccnews/2025/ --output hdfs:///parallax/ccnews-2025

Every executor needs parallax installed in the Python that runs its workers (``PYSPARK_PYTHON``;
e.g. a packed virtualenv via ``--archives``), and must see the input files at the paths given.
``python -m parallax.spark.submit ...`` runs the same job on this machine.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from .cli import add_ingest_arguments, print_summary
    from .job import create_session, run_ingest

    parser = argparse.ArgumentParser(prog="parallax-spark", description="parallax's corpus job on Spark")
    add_ingest_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print the job summary as JSON")
    parser.set_defaults(master=None)
    args = parser.parse_args(argv)
    spark = create_session(args.master, partitions=args.partitions)
    try:
        summary = run_ingest(spark, args.input, args.output, outlet=args.outlet)
    finally:
        spark.stop()
    print_summary(summary, args.json)
    return 1 if args.strict and summary.rejected else 0


if __name__ == "__main__":
    sys.exit(main())
