"""The package's rooms import only downwards, and imports sit at module level (docs/architecture.md).

The layer contracts themselves are import-linter's (``[tool.importlinter]`` in pyproject.toml, run
by ``make lint``); this test runs them too, so ``pytest`` alone catches an upward import, and it
keeps the few function-level imports to the ones Django, Wagtail or start-up time require.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import wagtail_gov_review

PACKAGE = Path(wagtail_gov_review.__file__).resolve().parent
REPO = PACKAGE.parent

# (module path, imported module): each with its reason in docs/architecture.md.
ALLOWED_FUNCTION_IMPORTS = {
    ("apps.py", ".models"),  # app registry: ready()
    ("apps.py", ".workflows.gate.actions"),  # app registry: ready()
    ("apps.py", ".user_units"),  # app registry: ready()
    ("workflows/gate/finish.py", ".takedown"),  # imported by wagtail.models while it loads
    ("checks/recognizers/leader.py", "pypinyin"),  # 0.6 s import, only for a leader list
    ("inspection/export.py", "weasyprint"),  # 2 s import and Pango, only for a PDF
}


def function_level_imports() -> set[tuple[str, str]]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom):
                    name = "." * inner.level + (inner.module or "")
                elif isinstance(inner, ast.Import):
                    name = inner.names[0].name
                else:
                    continue
                found.add((path.relative_to(PACKAGE).as_posix(), name))
    return found


def test_function_level_imports_are_only_the_documented_ones():
    assert function_level_imports() == ALLOWED_FUNCTION_IMPORTS


def test_import_contracts_are_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_every_room_of_the_package_has_a_layer():
    """A new module or package must be placed in the layer contract, or nothing checks it."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    named = {room.strip() for layer in contract["layers"] for room in layer.split("|")}
    rooms = {
        path.stem if path.is_file() else path.name
        for path in PACKAGE.iterdir()
        if (path.suffix == ".py" and path.stem != "__init__")
        or (path.is_dir() and (path / "__init__.py").exists())
    }
    assert rooms - named == set()
