"""No module defines a class under a name the domain model uses: ``Conflict`` is the
comparison's conflict everywhere, never an HTTP error as well."""

from __future__ import annotations

import ast
from pathlib import Path

import parallax
from parallax import model

PACKAGE = Path(parallax.__file__).parent


def classes_defined(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)}


def test_no_class_shares_a_name_with_the_domain_model() -> None:
    domain = classes_defined(Path(model.__file__))
    clashes = {
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in PACKAGE.rglob("*.py")
        if path.name != "model.py" or path.parent != PACKAGE
        for name in classes_defined(path) & domain
    }
    assert not clashes, sorted(clashes)
