"""The Centralisateur client against the sandbox over loopback: answers, retries, errors, logs."""

import datetime
import json
import logging
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import urlsplit

import pytest
import requests

from spoticar_core import client as client_module
from spoticar_core.client import (
    ENVIRONMENTS,
    CentralizerAuthenticationError,
    CentralizerClient,
    CentralizerConflictError,
    CentralizerError,
    CentralizerNotFoundError,
    CentralizerPermanentError,
    CentralizerTransientError,
    CentralizerValidationError,
    DeclarationResult,
    new_idempotency_key,
)
from spoticar_core.declaration import example_declaration
from spoticar_core.exceptions import SpoticarError
from spoticar_core.sandbox import SandboxServer

KEY = "test-key"
FAST = {"timeout": (0.5, 0.5), "retries": 2, "backoff": 0.01}
PERSONAL = (
    "Dupond", "Jean", "Rue Spoticar", "jean.dupond@example.com", "0607080910", "1960-05-17",
    "DL-342-MP", "VF3UPHNS8PS123456", "Nicolas", KEY,
)  # fmt: skip


@pytest.fixture
def sandbox(tmp_path):
    with SandboxServer(tmp_path / "sandbox.sqlite3", port=0, api_key=KEY) as server:
        yield server


@pytest.fixture
def client(sandbox):
    with CentralizerClient(sandbox.url, KEY, **FAST) as centralizer:
        yield centralizer


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _payload(vin_suffix=None):
    payload = example_declaration()
    if vin_suffix is not None:
        payload["vehicle"]["vin"] = f"VF3UPHNS8PS{vin_suffix:06d}"
    return payload


# --- construction ---------------------------------------------------------------------------------


def test_base_url_from_environment_or_explicit():
    assert CentralizerClient(environment="sandbox").base_url == ENVIRONMENTS["sandbox"]
    for unpublished in ("test", "production"):  # no invented address: the URL must be given
        with pytest.raises(ValueError, match="base_url"):
            CentralizerClient(environment=unpublished)
    explicit = CentralizerClient("http://127.0.0.1:9/", environment="production")
    assert explicit.base_url == "http://127.0.0.1:9"
    with pytest.raises(ValueError):
        CentralizerClient()
    with pytest.raises(ValueError):
        CentralizerClient(environment="staging")
    with pytest.raises(ValueError):
        CentralizerClient("ftp://host")
    with pytest.raises(ValueError):
        CentralizerClient("http://host", timeout=(0, 5))
    assert CentralizerClient("sandbox", KEY).base_url == "http://127.0.0.1:8070"
    single = CentralizerClient("http://host", timeout=4)
    assert single.timeout == (4.0, 4.0)
    assert KEY not in repr(CentralizerClient("http://host", KEY))


def test_exception_hierarchy():
    assert issubclass(CentralizerError, SpoticarError)
    for cls in (
        CentralizerValidationError,
        CentralizerAuthenticationError,
        CentralizerTransientError,
        CentralizerPermanentError,
    ):
        assert issubclass(cls, CentralizerError)
    assert issubclass(CentralizerConflictError, CentralizerPermanentError)
    assert issubclass(CentralizerNotFoundError, CentralizerPermanentError)


def test_idempotency_key_is_checked(client):
    for key in ("", "with space", "x" * 256, None):
        with pytest.raises(ValueError):
            client.declare(_payload(), key)
    assert re.fullmatch(r"[0-9a-f-]{36}", new_idempotency_key())
    raw = _payload()
    raw["sale"]["sale_date"] = datetime.date(2025, 11, 28)
    with pytest.raises(ValueError, match="build_declaration"):
        client.declare(raw, "warranty-0")


# --- success and replay ---------------------------------------------------------------------------


def test_declare_success_gives_both_numbers(client, sandbox):
    result = client.declare(_payload(), "warranty-1")
    assert isinstance(result, DeclarationResult)
    assert result.status == 201 and not result.replayed and result.attempts == 1
    assert re.fullmatch(r"SP953617Z\d{9}", result.declaration_number)
    assert list(result.contracts) == ["spoticar_stellantis"]
    assert re.fullmatch(r"\d{11}", result.contracts["spoticar_stellantis"])
    assert result.messages == [
        "Votre demande a été effectuée avec succès (numéro de bon de commande : "
        f"N° {result.declaration_number})",
        "[Garantie SPOTICAR Stellantis] La création a bien été effectuée (numéro de contrat : "
        f"{result.contracts['spoticar_stellantis']})",
    ]
    assert result.raw["declaration_number"] == result.declaration_number
    again = client.declare(_payload(), "warranty-1")
    assert again.status == 200 and again.replayed
    assert (again.declaration_number, again.contracts) == (
        result.declaration_number,
        result.contracts,
    )
    assert sandbox.stats()["contracts"] == 1


def test_get_declaration_and_health(client):
    result = client.declare(_payload(), "warranty-2")
    read = client.get_declaration(result.declaration_number)
    assert read.declaration_number == result.declaration_number
    assert read.contracts == result.contracts and not read.replayed
    assert read.raw["declaration"]["customer"]["last_name"] == "Dupond"
    with pytest.raises(CentralizerNotFoundError) as info:
        client.get_declaration("SP953617Z999999999")
    assert info.value.status == 404 and info.value.attempts == 1
    health = client.health()
    assert health["status"] == "ok" and health["authenticated"] is True


# --- errors that are never retried ----------------------------------------------------------------


def test_422_gives_the_french_list_without_retry(client, sandbox):
    payload = _payload()
    del payload["vehicle"]["category"]
    payload["vehicle"]["license_plate"] = ""
    requests_before = sandbox.stats()["requests"]
    with pytest.raises(CentralizerValidationError) as info:
        client.declare(payload, "warranty-3")
    error = info.value
    assert error.status == 422 and error.attempts == 1
    assert error.errors == [
        {"field": "vehicle.category", "message": "Le champ type véhicule est obligatoire"},
        {"field": "vehicle.license_plate", "message": "Le champ immatriculation est obligatoire"},
    ]
    assert str(error) == (
        "Le Centralisateur a refusé la déclaration :\n"
        "- Le champ type véhicule est obligatoire\n"
        "- Le champ immatriculation est obligatoire"
    )
    assert sandbox.stats()["requests"] == requests_before + 1
    # fixed, the same key goes through (a 422 stores nothing)
    assert client.declare(_payload(), "warranty-3").status == 201


def test_401_wrong_key_is_not_retried(sandbox):
    with CentralizerClient(sandbox.url, "wrong", **FAST) as centralizer:
        with pytest.raises(CentralizerAuthenticationError) as info:
            centralizer.declare(_payload(), "warranty-4")
        assert info.value.status == 401 and info.value.attempts == 1
        assert "clé d'API" in str(info.value)
        with pytest.raises(CentralizerAuthenticationError):
            centralizer.health()
    with CentralizerClient(sandbox.url, None, **FAST) as anonymous:
        assert anonymous.health()["authenticated"] is False
        with pytest.raises(CentralizerAuthenticationError):
            anonymous.declare(_payload(), "warranty-4")
    assert sandbox.stats()["declarations"] == 0


def test_409_same_key_other_body_is_permanent(client, sandbox):
    client.declare(_payload(1), "warranty-5")
    with pytest.raises(CentralizerConflictError) as info:
        client.declare(_payload(2), "warranty-5")
    assert isinstance(info.value, CentralizerPermanentError)
    assert info.value.status == 409 and info.value.attempts == 1
    assert "clé d'idempotence" in str(info.value)
    assert sandbox.stats()["contracts"] == 1


def test_no_retry_on_any_4xx(client, sandbox):
    sandbox.inject_fault("error", status=418, count=None)
    with pytest.raises(CentralizerPermanentError) as info:
        client.declare(_payload(), "warranty-6")
    assert info.value.status == 418 and info.value.attempts == 1
    assert sandbox.stats()["faults_injected"] == 1


# --- transient failures and retries ---------------------------------------------------------------


def test_500_then_success_with_backoff(client, sandbox, monkeypatch):
    sleeps = []
    monkeypatch.setattr(client_module.time, "sleep", sleeps.append)
    sandbox.inject_fault("error", count=2)
    result = client.declare(_payload(), "warranty-7")
    assert result.status == 201 and result.attempts == 3
    assert sleeps == [0.01, 0.02]
    assert sandbox.stats()["contracts"] == 1


def test_500_every_time_is_transient(client, sandbox):
    sandbox.inject_fault("error", status=503, count=None)
    with pytest.raises(CentralizerTransientError) as info:
        client.declare(_payload(), "warranty-8")
    assert info.value.kind == "server" and info.value.status == 503
    assert info.value.attempts == 3
    assert "indisponible" in str(info.value)
    assert sandbox.stats()["declarations"] == 0


def test_timeout_is_transient_and_fast(sandbox):
    sandbox.inject_fault("timeout", delay=5, count=None)
    with CentralizerClient(sandbox.url, KEY, timeout=(0.5, 0.2), retries=1, backoff=0) as c:
        start = time.monotonic()
        with pytest.raises(CentralizerTransientError) as info:
            c.declare(_payload(), "warranty-9")
    assert time.monotonic() - start < 2
    assert info.value.kind == "timeout" and info.value.attempts == 2 and info.value.status is None
    assert "pas répondu à temps" in str(info.value)
    assert sandbox.stats()["declarations"] == 0


def test_connection_refused_is_transient():
    with CentralizerClient(f"http://127.0.0.1:{_free_port()}", KEY, **FAST) as c:
        with pytest.raises(CentralizerTransientError) as info:
            c.health()
    assert info.value.kind == "connection" and info.value.attempts == 3


@pytest.mark.parametrize("kind", ["timeout", "drop", "error"])
def test_retry_after_a_fault_after_processing_gets_the_first_answer(sandbox, kind):
    sandbox.inject_fault(kind, after=True, delay=3)
    with CentralizerClient(sandbox.url, KEY, timeout=(0.5, 0.3), retries=2, backoff=0) as c:
        result = c.declare(_payload(), "warranty-10")
    assert result.attempts == 2 and result.status == 200 and result.replayed
    stats = sandbox.stats()
    assert (stats["declarations"], stats["contracts"], stats["replays"]) == (1, 1, 1)


def test_replay_after_a_timeout_in_a_later_job_makes_exactly_one_contract(sandbox):
    """The Odoo flow: the call times out after the server stored it, the queue retries later."""
    sandbox.inject_fault("timeout", after=True, delay=3)
    with CentralizerClient(sandbox.url, KEY, timeout=(0.5, 0.3), retries=0) as c:
        with pytest.raises(CentralizerTransientError):
            c.declare(_payload(), "warranty-11")
        later = c.declare(_payload(), "warranty-11")
    assert later.replayed
    stored = sandbox.store.get(later.declaration_number)
    assert stored["contracts"] == later.contracts
    assert sandbox.stats()["contracts"] == 1


def test_get_by_key_after_a_lost_answer_tells_what_was_registered(sandbox, caplog):
    """The answer is lost, the body changed since: the key tells whether a declaration exists."""
    sandbox.inject_fault("timeout", after=True, delay=3)
    with CentralizerClient(sandbox.url, KEY, timeout=(0.5, 0.3), retries=0) as c:
        with pytest.raises(CentralizerNotFoundError) as info:
            c.get_declaration_by_key("warranty-12")
        assert info.value.status == 404
        with pytest.raises(CentralizerTransientError):
            c.declare(_payload(), "warranty-12")
        with caplog.at_level(logging.INFO, logger="spoticar_core.client"):
            found = c.get_declaration_by_key("warranty-12")
        with pytest.raises(ValueError):
            c.get_declaration_by_key("two words")
    stored = sandbox.store.get_by_key("warranty-12")
    assert found.declaration_number == stored["declaration_number"]
    assert found.contracts == stored["contracts"] and not found.replayed
    assert found.raw["declaration"] == _payload()
    assert "warranty-12" not in caplog.text  # the key is a header, not in the logged path
    assert sandbox.stats()["contracts"] == 1


def test_restart_of_the_sandbox_between_two_calls(tmp_path):
    db = tmp_path / "restart.sqlite3"
    with SandboxServer(db, api_key=KEY) as first:
        port = first.port
        with CentralizerClient(first.url, KEY, **FAST) as c:
            one = c.declare(_payload(1), "warranty-12")
            first.stop()
            with pytest.raises(CentralizerTransientError):
                c.declare(_payload(2), "warranty-13")
            with SandboxServer(db, port=port, api_key=KEY):
                replay = c.declare(_payload(1), "warranty-12")
                two = c.declare(_payload(2), "warranty-13")
                read = c.get_declaration(one.declaration_number)
    assert replay.replayed and replay.contracts == one.contracts
    assert int(two.declaration_number[-9:]) == int(one.declaration_number[-9:]) + 1
    assert read.contracts == one.contracts


# --- unreadable answers ---------------------------------------------------------------------------


class _Canned(BaseHTTPRequestHandler):
    answers = {}

    def _answer(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status, body = self.answers[urlsplit(self.path).path]
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def canned():
    server = HTTPServer(("127.0.0.1", 0), _Canned)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("<html>gateway</html>", "Réponse illisible"),
        ('{"status": "declared"}', "Réponse incomplète"),
    ],
)
def test_unreadable_success_is_permanent(canned, body, text):
    _Canned.answers = {"/api/v1/declarations": (201, body)}
    url = f"http://127.0.0.1:{canned.server_address[1]}"
    with CentralizerClient(url, KEY, **FAST) as c:
        with pytest.raises(CentralizerPermanentError) as info:
            c.declare(_payload(), "warranty-14")
    assert text in str(info.value) and info.value.attempts == 1


def test_422_without_a_list_still_gives_a_list(canned):
    _Canned.answers = {"/api/v1/declarations": (422, '{"message": "Dossier incomplet"}')}
    url = f"http://127.0.0.1:{canned.server_address[1]}"
    with CentralizerClient(url, KEY, **FAST) as c:
        with pytest.raises(CentralizerValidationError) as info:
            c.declare(_payload(), "warranty-15")
    assert info.value.errors == [{"field": "", "message": "Dossier incomplet"}]


# --- logs -----------------------------------------------------------------------------------------


def test_one_log_line_per_call_without_personal_data(client, sandbox, caplog):
    caplog.set_level(logging.INFO, logger="spoticar_core.client")
    result = client.declare(_payload(), "warranty-16")
    bad = _payload()
    bad["customer"]["email"] = "not-an-email-Dupond"
    with pytest.raises(CentralizerValidationError):
        client.declare(bad, "warranty-17")
    sandbox.inject_fault("error", count=1)
    client.declare(_payload(3), "warranty-18")
    client.get_declaration(result.declaration_number)
    records = [r for r in caplog.records if r.name == "spoticar_core.client"]
    lines = [r.getMessage() for r in records]
    assert len(lines) == 5, lines
    assert re.fullmatch(
        r"Centralisateur POST /api/v1/declarations -> 201 in \d+ ms \(attempt 1/3\)", lines[0]
    )
    assert lines[1].startswith("Centralisateur POST /api/v1/declarations -> 422 in ")
    assert lines[2].startswith("Centralisateur POST /api/v1/declarations -> 500 in ")
    assert records[2].levelno == logging.WARNING
    assert lines[3].endswith("(attempt 2/3)")
    assert lines[4].startswith(
        f"Centralisateur GET /api/v1/declarations/{result.declaration_number}"
    )
    text = "\n".join(lines) + "\n".join(str(r.args) for r in records)
    for secret in PERSONAL + ("not-an-email",):
        assert secret not in text, secret


# --- Odoo's test framework ------------------------------------------------------------------------


def test_works_under_odoo_style_session_send_patch(sandbox, monkeypatch):
    """Odoo tests patch Session.send: loopback only, and timeouts compared with ``< 10``."""
    original_send = requests.Session.send
    seen = []

    def odoo_like_send(session, request, **kwargs):
        timeout = kwargs.get("timeout")
        if timeout and timeout < 10:  # raises TypeError on a (connect, read) tuple
            kwargs["timeout"] = 10
        seen.append(timeout)
        if urlsplit(request.url).hostname not in ("127.0.0.1", "localhost"):
            raise requests.exceptions.ConnectionError("External requests verboten")
        return original_send(session, request, **kwargs)

    monkeypatch.setattr(requests.Session, "send", odoo_like_send)
    with CentralizerClient(sandbox.url, KEY, timeout=(0.5, 0.2), retries=0) as c:
        assert c.declare(_payload(), "warranty-19").status == 201
        sandbox.inject_fault("timeout", delay=3)
        start = time.monotonic()
        with pytest.raises(CentralizerTransientError) as info:
            c.declare(_payload(4), "warranty-20")
        assert info.value.kind == "timeout"
        assert time.monotonic() - start < 2  # our 0.2 s read timeout, not Odoo's 10 s
    with CentralizerClient("https://centralisateur.example", api_key=KEY, **FAST) as external:
        with pytest.raises(CentralizerTransientError) as info:
            external.health()
    assert info.value.kind == "connection"
    assert seen and all(timeout is None for timeout in seen)


def test_context_manager_closes_the_session(sandbox, monkeypatch):
    closed = []
    c = CentralizerClient(sandbox.url, KEY, **FAST)
    monkeypatch.setattr(c._session, "close", lambda: closed.append(True))
    with c:
        c.health()
    assert closed == [True]


def test_payload_is_sent_as_utf8_json(client, sandbox):
    payload = _payload()
    payload["customer"]["city"] = "SAINT-ÉTIENNE"
    payload["customer"]["zip"] = "42000"
    result = client.declare(payload, "warranty-21")
    stored = sandbox.store.get(result.declaration_number)["declaration"]
    assert stored["customer"]["city"] == "SAINT-ÉTIENNE"
    assert json.dumps(stored, sort_keys=True) == json.dumps(payload, sort_keys=True)
