"""Parse checks of the deployment files (no Docker engine runs in CI) and of the addons."""

import ast
import configparser
import os
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ("spoticar_stock", "spoticar_sale", "spoticar_warranty", "spoticar_centralizer")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_services_and_ports(compose):
    services = compose["services"]
    assert {"db", "odoo", "sandbox", "odoo-test"} <= set(services)
    assert services["db"]["image"].startswith("postgres:16")
    assert "8069:8069" in services["odoo"]["ports"]
    assert "8070:8070" in services["sandbox"]["ports"]
    assert services["odoo"]["environment"]["SPOTICAR_CENTRALIZER_URL"] == "http://sandbox:8070"
    assert services["odoo-test"]["entrypoint"] == ["bash", "scripts/test"]
    assert services["odoo-test"]["profiles"] == ["test"]


def test_compose_mounts_addons_and_config(compose):
    volumes = compose["services"]["odoo"]["volumes"]
    assert "./addons:/mnt/extra-addons:ro" in volumes
    assert "./config/odoo.conf:/etc/odoo/odoo.conf:ro" in volumes


def test_sandbox_key_is_the_same_on_both_sides(compose):
    sandbox = compose["services"]["sandbox"]["entrypoint"]
    key = sandbox[sandbox.index("--api-key") + 1]
    assert compose["services"]["odoo"]["environment"]["SPOTICAR_SANDBOX_KEY"] == key


def test_dockerfile_builds_on_odoo_19():
    lines = (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()
    assert (
        lines[[i for i, line in enumerate(lines) if line.startswith("FROM")][0]] == "FROM odoo:19"
    )
    text = "\n".join(lines)
    assert "requirements-odoo.txt" in text and "/opt/spoticar" in text


def test_odoo_conf_points_at_the_db_service():
    conf = configparser.ConfigParser()
    conf.read(ROOT / "config" / "odoo.conf", encoding="utf-8")
    assert conf["options"]["db_host"] == "db"
    assert conf["options"]["addons_path"] == "/mnt/extra-addons"


@pytest.mark.parametrize("path", ["scripts/test", "scripts/run", ".ci/run"])
def test_commands_are_executable(path):
    assert os.access(ROOT / path, os.X_OK), f"{path} is not executable"


def test_ci_calls_the_test_command():
    assert re.search(r"^exec scripts/test$", (ROOT / ".ci" / "run").read_text(), re.MULTILINE)


@pytest.mark.parametrize("addon", ADDONS)
def test_addon_manifest(addon):
    manifest = ast.literal_eval((ROOT / "addons" / addon / "__manifest__.py").read_text())
    version = manifest["version"]
    assert re.fullmatch(r"19\.0\.\d+\.\d+\.\d+", version), version
    migrations = ROOT / "addons" / addon / "migrations"
    steps = sorted(p.name for p in migrations.iterdir()) if migrations.is_dir() else []
    for step in steps:  # a migration step is never ahead of the version it migrates to
        assert tuple(map(int, step.split("."))) <= tuple(map(int, version.split("."))), step
    assert manifest["license"] == "LGPL-3"
    assert manifest["author"] and manifest["website"]
    assert "description" not in manifest
    assert "spoticar_core" in manifest["external_dependencies"]["python"]
    for data_file in manifest.get("data", []) + manifest.get("demo", []):
        assert (ROOT / "addons" / addon / data_file).is_file(), data_file
    assert (ROOT / "addons" / addon / "i18n" / "fr.po").is_file()
    assert (ROOT / "addons" / addon / "static" / "description" / "icon.png").is_file()
    assert (ROOT / "addons" / addon / "readme" / "DESCRIPTION.md").is_file()


def test_addons_depend_on_each_other_in_chain():
    chain = {}
    for addon in ADDONS:
        manifest = ast.literal_eval((ROOT / "addons" / addon / "__manifest__.py").read_text())
        chain[addon] = manifest["depends"]
    assert "spoticar_stock" in chain["spoticar_sale"]
    assert "spoticar_sale" in chain["spoticar_warranty"]
    assert "spoticar_warranty" in chain["spoticar_centralizer"]
    assert "queue_job" in chain["spoticar_centralizer"]


def _po_entries(path):
    """(msgid, msgstr) pairs of a .po file, multi-line strings joined, header skipped."""
    entries, current, key = [], {}, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if "msgid" in current:
                entries.append((current["msgid"], current.get("msgstr", "")))
            current, key = {}, None
        elif line.startswith("#"):
            continue
        elif line.startswith(("msgid ", "msgstr ")):
            key, _, value = line.partition(" ")
            current[key] = ast.literal_eval(value)
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
    return [(msgid, msgstr) for msgid, msgstr in entries if msgid]


@pytest.mark.parametrize("addon", ADDONS)
def test_french_translation_is_complete(addon):
    untranslated = [
        msgid
        for msgid, msgstr in _po_entries(ROOT / "addons" / addon / "i18n" / "fr.po")
        if not msgstr
    ]
    assert untranslated == []
