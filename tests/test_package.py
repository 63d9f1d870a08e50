"""The core package stays pure Python: no Odoo import anywhere in src/spoticar_core."""

import ast
import os
import re
import subprocess
import sys
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


def test_every_core_module_imports_where_odoo_cannot_be_imported():
    # A fresh interpreter where "import odoo" fails: every module of the package, and the console
    # scripts of pyproject.toml, still import (what the Odoo-free command line and CI rely on).
    modules = sorted(f"spoticar_core.{path.stem}" for path in SRC.glob("*.py"))
    assert "spoticar_core.greycard" in modules and "spoticar_core.sandbox" in modules
    pyproject = (SRC.parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    scripts = re.findall(r'^\S+ = "(spoticar_core[.\w]*):(\w+)"$', pyproject, re.MULTILINE)
    assert scripts, "no console script found in pyproject.toml"
    code = (
        "import importlib, sys\n"
        "sys.modules['odoo'] = None  # import odoo raises ImportError\n"
        "for name in sys.argv[1:]:\n"
        "    module, _, attr = name.partition(':')\n"
        "    loaded = importlib.import_module(module)\n"
        "    assert not attr or callable(getattr(loaded, attr)), name\n"
        "assert not [m for m in sys.modules if m.startswith('odoo.')], 'odoo imported'\n"
    )
    env = dict(os.environ, PYTHONPATH=str(SRC.parent))
    done = subprocess.run(
        [sys.executable, "-c", code, *modules, *(f"{m}:{f}" for m, f in scripts)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
