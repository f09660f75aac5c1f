"""One local[2] Spark session for the Spark tests, and the example corpus run once through the job."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def spark():
    from parallax.spark.job import create_session

    session = create_session("local[2]", partitions=4)
    yield session
    session.stop()


@pytest.fixture(scope="session")
def example_run(spark, tmp_path_factory):
    """The bundled example corpus through ``parallax spark ingest``: (output folder, summary)."""
    from parallax.spark.job import run_ingest

    output = tmp_path_factory.mktemp("spark") / "examples"
    summary = run_ingest(spark, [str(EXAMPLES)], str(output))
    return output, summary


@pytest.fixture(scope="session")
def local_examples(tmp_path_factory):
    """The same corpus through the local path: ``Store.ingest`` then the deterministic relink."""
    from parallax.store import Store

    path = tmp_path_factory.mktemp("local") / "store.sqlite"
    with Store(path) as store:
        store.ingest([str(EXAMPLES)])
        store.relink()
        stories = [s.as_dict() for s in store.stories()]
    return path, stories


def read_table(output: Path, name: str) -> list[dict]:
    import pyarrow as pa
    import pyarrow.dataset as ds

    path = output / name
    if any(p.name.startswith("date=") for p in path.iterdir()):
        partitioning = ds.partitioning(pa.schema([("date", pa.string())]), flavor="hive")
        return ds.dataset(str(path), format="parquet", partitioning=partitioning).to_table().to_pylist()
    return ds.dataset(str(path), format="parquet").to_table().to_pylist()
