"""The core package stays pure Python: no Odoo import anywhere in src/spoticar_core."""

import ast
from pathlib import Path

import spoticar_core

SRC = Path(spoticar_core.__file__).parent


def _imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_core_never_imports_odoo():
    offenders = [
        f"{path.relative_to(SRC)}: {module}"
        for path in SRC.rglob("*.py")
        for module in _imported_modules(path)
        if module == "odoo" or module.startswith("odoo.")
    ]
    assert offenders == []


def test_core_modules_are_found():
    assert (SRC / "__init__.py").is_file()
    assert list(SRC.rglob("*.py")), "the package has no module"
