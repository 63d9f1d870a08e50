"""Parse checks of the deployment files (no Docker engine runs in CI) and of the addons."""

import ast
import configparser
import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from spoticar_core import sandbox as sandbox_module

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ("spoticar_stock", "spoticar_sale", "spoticar_warranty", "spoticar_centralizer")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def _sandbox_args(compose):
    """The sandbox service's command line, parsed by the sandbox's own parser."""
    entrypoint = compose["services"]["sandbox"]["entrypoint"]
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")  # tomllib is Python 3.11+
    script = re.search(rf'^{re.escape(entrypoint[0])} = "([^"]+)"$', pyproject, re.MULTILINE)
    assert script and script.group(1) == "spoticar_core.sandbox:main", entrypoint[0]
    return sandbox_module._parser().parse_args(entrypoint[1:])


def _published(service, container_port):
    """The host port a compose service publishes for ``container_port``, or None."""
    for mapping in service.get("ports", []):
        host, _, target = str(mapping).rpartition(":")
        if int(target) == container_port:
            return int(host)
    return None


def _mounts(service):
    """{source: target} of a compose service's volumes."""
    return dict(volume.split(":")[:2] for volume in service.get("volumes", []))


def test_odoo_reaches_the_sandbox_it_starts(compose):
    services = compose["services"]
    args = _sandbox_args(compose)
    url = urlsplit(services["odoo"]["environment"]["SPOTICAR_CENTRALIZER_URL"])
    # the URL names the sandbox service and the port it listens on, on every interface
    assert url.hostname in services and services[url.hostname] is services["sandbox"]
    assert url.port == args.port
    assert args.host == "0.0.0.0", "the sandbox must listen beyond its own container"
    assert _published(services["sandbox"], args.port) is not None
    # its SQLite file lives on the service's volume (a restart loses nothing)
    assert any(args.db.startswith(target + "/") for target in _mounts(services["sandbox"]).values())


def test_odoo_reaches_the_database_service(compose):
    services = compose["services"]
    conf = configparser.ConfigParser()
    conf.read(ROOT / "config" / "odoo.conf", encoding="utf-8")
    options = conf["options"]
    db = services[options["db_host"]]
    assert (options["db_user"], options["db_password"]) == (
        db["environment"]["POSTGRES_USER"],
        db["environment"]["POSTGRES_PASSWORD"],
    )
    for name in ("odoo", "odoo-test"):  # scripts/run and scripts/test read PG* variables
        env = services[name]["environment"]
        assert (env["PGHOST"], env["PGUSER"], env["PGPASSWORD"]) == (
            options["db_host"],
            options["db_user"],
            options["db_password"],
        ), name
        assert options["db_host"] in services[name]["depends_on"], name
    # a PostgreSQL that the Odoo of the Dockerfile supports
    major = int(db["image"].partition(":")[2].split(".")[0])
    release = pytest.importorskip("odoo.release")
    assert major >= release.MIN_PG_VERSION


def test_odoo_serves_the_addons_and_the_port_it_publishes(compose):
    odoo = compose["services"]["odoo"]
    conf = configparser.ConfigParser()
    conf.read(ROOT / "config" / "odoo.conf", encoding="utf-8")
    mounts = _mounts(odoo)
    assert mounts["./addons"] == conf["options"]["addons_path"]
    assert mounts["./config/odoo.conf"] == odoo["environment"]["ODOO_RC"]
    assert (ROOT / "config" / "odoo.conf").is_file() and (ROOT / "addons").is_dir()
    # scripts/run (the entrypoint) serves on its default port: that is the port published
    assert odoo["entrypoint"][-1].endswith("/scripts/run")
    run = (ROOT / "scripts" / "run").read_text(encoding="utf-8")
    http_port = int(re.search(r"SPOTICAR_HTTP_PORT:-(\d+)", run).group(1))
    assert _published(odoo, http_port) is not None


def test_dockerfile_matches_the_addons_odoo_version():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    base = re.search(r"^FROM odoo:(\S+)$", text, re.MULTILINE).group(1)
    for addon in ADDONS:
        manifest = ast.literal_eval((ROOT / "addons" / addon / "__manifest__.py").read_text())
        assert manifest["version"].split(".")[0] == base, addon
    # everything the image copies exists, and it installs the OCA addons the suite depends on
    for line in re.findall(r"^COPY (.+) \S+$", text, re.MULTILINE):
        for source in line.split():
            assert (ROOT / source).exists(), source
    assert "requirements-odoo.txt" in re.search(r"^RUN pip3 install .*", text, re.M | re.S).group()


@pytest.mark.parametrize("path", ["scripts/test", "scripts/run", "scripts/lint", ".ci/run"])
def test_commands_are_executable(path):
    assert os.access(ROOT / path, os.X_OK), f"{path} is not executable"


def test_ci_runs_the_lint_then_the_test_command():
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert "set -euo pipefail" in lines  # a failed lint stops CI
    assert lines.index("scripts/lint") < lines.index("exec scripts/test")


def test_lint_help_runs_without_installing_anything(tmp_path):
    done = subprocess.run(
        [str(ROOT / "scripts" / "lint"), "--help"],
        capture_output=True,
        text=True,
        env=dict(os.environ, SPOTICAR_LINT_CACHE=str(tmp_path / "cache")),
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "scripts/lint --fix" in done.stdout and "#" not in done.stdout.splitlines()[0]
    assert not (tmp_path / "cache").exists()
    bad = subprocess.run(
        [str(ROOT / "scripts" / "lint"), "--bogus"], capture_output=True, text=True, check=False
    )
    assert bad.returncode == 2 and "unknown option --bogus" in bad.stderr


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


# --- Production profile (README, "Deploying for a dealer group") ----------------------------------


@pytest.fixture(scope="module")
def production():
    conf = configparser.ConfigParser()
    conf.read(ROOT / "config" / "odoo-production.conf", encoding="utf-8")
    return conf


def test_production_services_stay_out_of_the_demo(compose):
    services = compose["services"]
    for name in ("db-primary", "db-replica", "odoo-prod", "nginx"):
        assert services[name]["profiles"] == ["production"], name
    for name in ("db", "sandbox", "odoo"):  # `docker compose up` stays the demo
        assert "profiles" not in services[name], name


def test_the_demo_needs_no_production_secret():
    """Compose interpolates every service before it applies the profiles: a required variable
    (``${VAR:?...}``) of a production service would stop the demo's ``docker compose up``."""
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    variables = re.findall(r"\$\{(\w+)(:?[-?+]?)", "\n".join(lines))
    assert variables  # the production passwords come from the environment
    assert [name for name, operator in variables if "?" in operator] == []


@pytest.mark.parametrize("script", ["primary-init.sh", "replica-start.sh"])
def test_replication_scripts_refuse_an_empty_password(script, tmp_path):
    result = subprocess.run(
        ["bash", str(ROOT / "config" / "postgres" / script)],
        env={
            "PATH": os.environ["PATH"],
            "PGDATA": str(tmp_path),
            "POSTGRES_USER": "odoo",
            "REPLICATION_PASSWORD": "",
        },
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert result.returncode == 1
    assert "REPLICATION_PASSWORD is empty" in result.stderr
    assert not (tmp_path / "pg_hba.conf").exists()


def test_production_odoo_reaches_primary_and_replica(compose, production):
    services = compose["services"]
    options = production["options"]
    odoo = services["odoo-prod"]
    primary, replica = services[options["db_host"]], services[options["db_replica_host"]]
    assert primary is services["db-primary"] and replica is services["db-replica"]
    assert options["db_user"] == primary["environment"]["POSTGRES_USER"]
    # the password comes from the environment (the odoo image's entrypoint), never from the file
    assert "db_password" not in options
    assert odoo["environment"]["PASSWORD"] == primary["environment"]["POSTGRES_PASSWORD"]
    assert set(odoo["depends_on"]) == {"db-primary", "db-replica"}
    # the replica is made from the primary with the role the primary's init script creates
    init = (ROOT / "config" / "postgres" / "primary-init.sh").read_text(encoding="utf-8")
    start = (ROOT / "config" / "postgres" / "replica-start.sh").read_text(encoding="utf-8")
    role = re.search(r"CREATE ROLE (\w+) WITH REPLICATION", init).group(1)
    assert f"host replication {role} " in init
    assert f"-h {options['db_host']} " in start and f"-U {role} " in start and " -R " in start
    assert "wal_level=replica" in primary["command"]
    assert (
        replica["environment"]["REPLICATION_PASSWORD"]
        == (primary["environment"]["REPLICATION_PASSWORD"])
    )
    mounts = _mounts(replica)
    assert replica["entrypoint"][-1] in mounts.values()
    assert mounts["./config/postgres/replica-start.sh"] == replica["entrypoint"][-1]
    assert "./config/postgres/primary-init.sh" in _mounts(primary)


def test_production_odoo_runs_workers_and_the_queue_runner(compose, production):
    options = production["options"]
    odoo = compose["services"]["odoo-prod"]
    assert _mounts(odoo)["./config/odoo-production.conf"] == odoo["environment"]["ODOO_RC"]
    assert int(options["workers"]) >= 3 and int(options["max_cron_threads"]) >= 1
    assert int(options["limit_memory_soft"]) < int(options["limit_memory_hard"])
    assert int(options["limit_time_cpu"]) <= int(options["limit_time_real"])
    assert options.getboolean("proxy_mode")
    # queue_job: loaded server-wide (its runner), with the Centralisateur's channel within root
    assert "queue_job" in options["server_wide_modules"].split(",")
    channels = dict(c.split(":") for c in production["queue_job"]["channels"].split(","))
    assert 0 < int(channels["root.spoticar_centralizer"]) <= int(channels["root"])
    # one instance only: the runner must run once
    assert "deploy" not in odoo and "scale" not in odoo
    # the filestore on a named volume
    source = [s for s, t in _mounts(odoo).items() if t == options["data_dir"]][0]
    assert source in compose["volumes"]


def test_nginx_routes_http_and_websocket_to_odoo(compose, production):
    options = production["options"]
    nginx = compose["services"]["nginx"]
    text = (ROOT / "config" / "nginx-production.conf").read_text(encoding="utf-8")
    assert _mounts(nginx)["./config/nginx-production.conf"].startswith("/etc/nginx/conf.d/")
    upstreams = dict(re.findall(r"upstream (\w+) \{\s*server ([\w.:-]+);", text))
    websocket = re.search(r"location /websocket \{(.*?)\}", text, re.S).group(1)
    target = re.search(r"proxy_pass http://(\w+);", websocket).group(1)
    assert upstreams[target] == f"odoo-prod:{options['gevent_port']}"
    assert "proxy_set_header Upgrade $http_upgrade;" in websocket
    root = re.search(r"location / \{(.*?)\}", text, re.S).group(1)
    target = re.search(r"proxy_pass http://(\w+);", root).group(1)
    assert upstreams[target] == f"odoo-prod:{options['http_port']}"
    assert "X-Forwarded-Host" in text and "X-Forwarded-Proto" in text  # proxy_mode reads them
    assert _published(nginx, 80) is not None
