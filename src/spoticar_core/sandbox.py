"""The sandbox Centralisateur: a real HTTP server speaking protocol v1, on SQLite.

Command line (also ``python -m spoticar_core.sandbox``)::

    spoticar-centralizer-sandbox --port 8070 --db var/sandbox.sqlite3 \
        [--host 127.0.0.1] [--api-key KEY] [--seed N]

In-process, for tests::

    with SandboxServer(db_path, port=0, api_key="k") as sandbox:   # .start() ... .stop()
        sandbox.url                       # "http://127.0.0.1:54321"
        sandbox.inject_fault("error", count=1)          # next declaration answers 500
        sandbox.inject_fault("timeout", after=True, delay=2)  # stored, then no answer
        sandbox.stats()["contracts"]

What it does, like the real service as we understand it (see ``docs/centralizer-protocol.md``):
validates with :func:`spoticar_core.declaration.validate_declaration` (422 list), numbers
declarations "SP" + dealer code + a 9-digit sequence per dealer and contracts per guarantor (11
digits for Spoticar Stellantis / Icare), answers a replayed ``Idempotency-Key`` with the first
answer (HTTP 200, never a second contract) and a reused key with another body with 409, and keeps
everything in SQLite so a restart loses nothing.

Faults are injected through the Python API or the admin endpoint ``/_sandbox/faults`` (same Bearer
key), so a test or a benchmark in another process can drive them; ``/_sandbox/stats`` gives the
counters a benchmark needs ("0 duplicate contracts").
"""

import argparse
import contextlib
import datetime
import hmac
import io
import json
import logging
import math
import os
import random
import signal
import socket
import sqlite3
import sys
import threading
import time
from dataclasses import asdict, dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from spoticar_core.declaration import (
    GUARANTORS,
    PROTOCOL_VERSION,
    payload_fingerprint,
    validate_declaration,
)

_logger = logging.getLogger(__name__)

DEFAULT_API_KEY = "spoticar-sandbox-key"
DEFAULT_PORT = 8070
SEQUENCE_START = 100000000  # first declaration of a dealer gets sequence 100000001
MAX_BODY = 1024 * 1024
PRE_AUTH_MAX_BODY = 64 * 1024  # read before the API key is checked; larger bodies need the key
DRAIN_MAX_BODY = 16 * MAX_BODY  # authenticated bodies above MAX_BODY drained up to this (413)
MAX_JSON_DEPTH = 64  # nesting of a request's JSON (a declaration is 3 levels deep)
MAX_FAULT_DELAY = 3600.0  # seconds
LISTEN_BACKLOG = 128  # pending connections queued while every handler is busy (bursts of clients)
REQUEST_TIMEOUT = 30.0  # seconds a client has to send a whole request (line, headers, body)
IDLE_TIMEOUT = 60.0  # seconds an idle keep-alive connection is kept open
FAULT_KINDS = ("latency", "error", "timeout", "drop")
FAULT_ENDPOINTS = ("declare", "get", "health", "any")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS declarations (
    number TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    fingerprint TEXT NOT NULL,
    rrd_code TEXT NOT NULL,
    vin TEXT,
    sale_date TEXT,
    payload TEXT NOT NULL,
    response TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS contracts (
    number TEXT PRIMARY KEY,
    declaration_number TEXT NOT NULL REFERENCES declarations(number),
    guarantor TEXT NOT NULL,
    UNIQUE (declaration_number, guarantor)
);
CREATE TABLE IF NOT EXISTS sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""


def _now():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def _contract_number(code, sequence, now):
    if code == "spoticar_stellantis":  # Icare: 11 digits, "2" + year (2) + sequence (8)
        return f"2{now:%y}{sequence % 10**8:08d}"
    prefix = {"autogarantie": "AG", "cirano": "CI"}.get(code, code[:2].upper())
    return f"{prefix}{sequence:09d}"


# -------------------------------------------------------------------------------------------------
# Storage
# -------------------------------------------------------------------------------------------------


class SandboxStore:
    """Declarations, contracts, sequences and counters in one SQLite file.

    WAL journal, synchronous NORMAL: a committed declaration survives a restart of the process.
    """

    def __init__(self, db_path):
        self.db_path = str(db_path)
        self._lock = threading.RLock()
        # one long-lived connection shared by the handler threads under the lock: opening and
        # closing a connection per request would checkpoint the WAL (and fsync) every time
        self._conn = sqlite3.connect(
            self.db_path, timeout=30, isolation_level=None, check_same_thread=False
        )
        with self._connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(_SCHEMA)

    @contextlib.contextmanager
    def _connect(self):
        with self._lock:
            if self._conn is None:
                raise RuntimeError("the sandbox store is closed")
            yield self._conn

    def close(self):
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    @staticmethod
    def _next(conn, name, start):
        row = conn.execute("SELECT value FROM sequences WHERE name = ?", (name,)).fetchone()
        value = (row[0] if row else start) + 1
        conn.execute(
            "INSERT INTO sequences (name, value) VALUES (?, ?) "
            "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
            (name, value),
        )
        return value

    @staticmethod
    def _bump(conn, name, step=1):
        conn.execute(
            "INSERT INTO counters (name, value) VALUES (?, ?) "
            "ON CONFLICT(name) DO UPDATE SET value = value + excluded.value",
            (name, step),
        )

    def bump(self, name, step=1):
        with self._connect() as conn:
            self._bump(conn, name, step)

    def lookup(self, key):
        """(fingerprint, response) stored for an idempotency key, or None."""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT fingerprint, response FROM declarations WHERE idempotency_key = ?", (key,)
            ).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    def declare(self, key, payload):
        """Store a valid declaration once per key; return (status, answer).

        201 and a new answer the first time; 200 and the stored answer for the same key and body;
        409 for the same key with another body. Runs in one IMMEDIATE transaction, so concurrent
        calls with the same key cannot both create contracts.
        """
        fingerprint = payload_fingerprint(payload)
        with self._connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = self._declare(conn, key, fingerprint, payload)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        return result

    def _declare(self, conn, key, fingerprint, payload):
        row = conn.execute(
            "SELECT fingerprint, response FROM declarations WHERE idempotency_key = ?", (key,)
        ).fetchone()
        if row:
            if row[0] != fingerprint:
                self._bump(conn, "conflicts")
                return 409, _conflict_answer()
            self._bump(conn, "replays")
            return 200, json.loads(row[1])
        now = _now()
        rrd = payload["dealer"]["rrd_code"]
        number = f"SP{rrd}{self._next(conn, 'declaration:' + rrd, SEQUENCE_START):09d}"
        contracts = {
            code: _contract_number(code, self._next(conn, "contract:" + code, 0), now)
            for code in payload["guarantors"]
        }
        messages = [
            f"Votre demande a été effectuée avec succès (numéro de bon de commande : N° {number})"
        ] + [
            f"[{GUARANTORS[code].name}] La création a bien été effectuée (numéro de contrat : "
            f"{contract})"
            for code, contract in contracts.items()
        ]
        answer = {
            "protocol_version": PROTOCOL_VERSION,
            "declaration_number": number,
            "status": "declared",
            "dealer_code": rrd,
            "created_at": now.isoformat().replace("+00:00", "Z"),
            "contracts": contracts,
            "messages": messages,
        }
        conn.execute(
            "INSERT INTO declarations (number, idempotency_key, fingerprint, rrd_code, vin, "
            "sale_date, payload, response, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                number,
                key,
                fingerprint,
                rrd,
                payload["vehicle"]["vin"],
                payload["sale"]["sale_date"],
                json.dumps(payload, ensure_ascii=False),
                json.dumps(answer, ensure_ascii=False),
                answer["created_at"],
            ),
        )
        conn.executemany(
            "INSERT INTO contracts (number, declaration_number, guarantor) VALUES (?, ?, ?)",
            [(contract, number, code) for code, contract in contracts.items()],
        )
        self._bump(conn, "declared")
        return 201, answer

    def get(self, number):
        """The stored answer with the declaration body under ``"declaration"``, or None."""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT response, payload FROM declarations WHERE number = ?", (number,)
            ).fetchone()
        if not row:
            return None
        answer = json.loads(row[0])
        answer["declaration"] = json.loads(row[1])
        return answer

    def get_by_key(self, key):
        """Like :meth:`get`, for the declaration registered under an idempotency key, or None."""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT number FROM declarations WHERE idempotency_key = ?", (key,)
            ).fetchone()
        return self.get(row[0]) if row else None

    def stats(self):
        """Counts a benchmark checks: declarations, contracts, replays, duplicates..."""
        with self._connect() as conn:
            counters = dict(conn.execute("SELECT name, value FROM counters").fetchall())
            declarations = conn.execute("SELECT COUNT(*) FROM declarations").fetchone()[0]
            by_guarantor = dict(
                conn.execute("SELECT guarantor, COUNT(*) FROM contracts GROUP BY guarantor")
            )
            # the same vehicle sold by the same dealer on the same day declared more than once
            duplicates = conn.execute(
                "SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM declarations "
                "GROUP BY rrd_code, vin, sale_date HAVING n > 1)"
            ).fetchone()[0]
            duplicate_contracts = conn.execute(
                "SELECT COUNT(*) FROM contracts c JOIN declarations d "
                "ON d.number = c.declaration_number WHERE d.number NOT IN ("
                "SELECT MIN(number) FROM declarations GROUP BY rrd_code, vin, sale_date)"
            ).fetchone()[0]
        return {
            "declarations": declarations,
            "contracts": sum(by_guarantor.values()),
            "contracts_by_guarantor": by_guarantor,
            "duplicate_declarations": duplicates,
            "duplicate_contracts": duplicate_contracts,
            "replays": counters.get("replays", 0),
            "conflicts": counters.get("conflicts", 0),
            "rejected": counters.get("rejected", 0),
            "unauthorized": counters.get("unauthorized", 0),
            "faults_injected": counters.get("faults_injected", 0),
            "requests": counters.get("requests", 0),
        }

    def reset(self):
        """Forget everything (declarations, contracts, sequences, counters)."""
        with self._connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            for table in ("contracts", "declarations", "sequences", "counters"):
                conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            conn.execute("COMMIT")


def _conflict_answer():
    return {
        "error": "idempotency_conflict",
        "message": "Cette clé d'idempotence a déjà servi pour une déclaration différente.",
    }


# -------------------------------------------------------------------------------------------------
# Faults
# -------------------------------------------------------------------------------------------------


@dataclass
class Fault:
    """A fault to inject into matching requests.

    - ``kind``: ``latency`` (wait ``delay`` then go on), ``error`` (answer ``status``, 500 by
      default), ``timeout`` (wait ``delay`` then close the connection without an answer: set
      ``delay`` above the client's read timeout), ``drop`` (close the connection at once);
    - ``after``: False hits the request before it is processed (nothing stored); True hits it
      after the declaration was processed and stored (the answer is lost or replaced): the case
      where a retry with the same idempotency key must get the first answer;
    - ``count``: how many requests it hits (None: until cleared); ``rate``: probability (0 to 1)
      that a matching request is hit, for benchmarks ("10 % of faults");
    - ``endpoint``: ``declare`` (POST /api/v1/declarations), ``get``, ``health`` or ``any``.
    """

    kind: str
    count: int | None = 1
    rate: float = 1.0
    delay: float = 30.0
    status: int = 500
    after: bool = False
    endpoint: str = "declare"

    def __post_init__(self):
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"fault kind must be one of {', '.join(FAULT_KINDS)}")
        if self.endpoint not in FAULT_ENDPOINTS:
            raise ValueError(f"fault endpoint must be one of {', '.join(FAULT_ENDPOINTS)}")
        if self.count is not None and (not isinstance(self.count, int) or self.count < 1):
            raise ValueError("fault count must be a positive integer or null")
        if not 0 <= float(self.rate) <= 1:
            raise ValueError("fault rate must be between 0 and 1")
        try:
            delay = float(self.delay)
        except (TypeError, ValueError):
            delay = math.nan
        if not (math.isfinite(delay) and 0 <= delay <= MAX_FAULT_DELAY):  # NaN compares False
            raise ValueError(f"fault delay must be from 0 to {MAX_FAULT_DELAY:g} seconds")
        if not 100 <= int(self.status) <= 599:
            raise ValueError("fault status must be an HTTP status")
        self.rate, self.delay, self.status = float(self.rate), float(self.delay), int(self.status)
        self.after = bool(self.after)

    def to_dict(self):
        return asdict(self)


class _Faults:
    """The active faults, shared by the handler threads."""

    def __init__(self, seed=None):
        self._lock = threading.Lock()
        self._faults = []
        self._random = random.Random(seed)

    def add(self, fault):
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self):
        with self._lock:
            self._faults.clear()

    def list(self):
        with self._lock:
            return [fault.to_dict() for fault in self._faults]

    def take(self, endpoint, after):
        """The faults hitting this request at this phase: latencies first, then one terminal."""
        hits = []
        with self._lock:
            for fault in list(self._faults):
                if fault.after != after or fault.endpoint not in (endpoint, "any"):
                    continue
                if fault.kind != "latency" and any(hit.kind != "latency" for hit in hits):
                    continue
                if fault.rate < 1 and self._random.random() >= fault.rate:
                    continue
                hits.append(fault)
                if fault.count is not None:
                    fault.count -= 1
                    if fault.count <= 0:
                        self._faults.remove(fault)
        return sorted(hits, key=lambda fault: fault.kind != "latency")


class _DropConnection(Exception):
    """Raised inside the handler to close the connection without an answer."""


class _DeadlineReader(io.RawIOBase):
    """The socket read side, with a deadline for the whole request besides the per-read timeout.

    The socket timeout alone bounds each ``recv``: a client sending one byte every few seconds
    would hold a handler thread for ever. With ``deadline`` set, every read waits at most until
    then and raises ``TimeoutError`` after it.
    """

    def __init__(self, sock, idle_timeout):
        self._sock = sock
        self._idle_timeout = idle_timeout
        self.deadline = None

    def readable(self):
        return True

    def readinto(self, buffer):
        timeout = self._idle_timeout
        if self.deadline is not None:
            timeout = self.deadline - time.monotonic()
            if timeout <= 0:
                raise TimeoutError("request not received in time")
        self._sock.settimeout(min(timeout, self._idle_timeout))
        return self._sock.recv_into(buffer)


def _json_depth(value):
    """Nesting depth of a parsed JSON value (iterative: no recursion on hostile input)."""
    depth, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            depth = max(depth, level)
            if level > MAX_JSON_DEPTH:
                break
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return depth


def _too_deep(body):
    """True when ``body`` is JSON nested deeper than MAX_JSON_DEPTH (the parser would recurse)."""
    if body.count(b"[") + body.count(b"{") <= MAX_JSON_DEPTH:
        return False
    try:
        return _json_depth(json.loads(body.decode("utf-8"))) > MAX_JSON_DEPTH
    except RecursionError:
        return True
    except (UnicodeDecodeError, ValueError):
        return False  # not JSON at all: the endpoint answers its own 400


# -------------------------------------------------------------------------------------------------
# HTTP
# -------------------------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "SpoticarCentralizerSandbox/1"
    timeout = IDLE_TIMEOUT  # idle keep-alive connections are closed after a minute
    request_timeout = REQUEST_TIMEOUT
    wbufsize = 64 * 1024  # headers and body leave in one segment (no Nagle / delayed-ACK stall)
    disable_nagle_algorithm = True

    @property
    def sandbox(self):
        return self.server.sandbox

    def setup(self):
        super().setup()
        self.rfile.close()  # replaced by a reader with a deadline
        self._reader = _DeadlineReader(self.connection, self.timeout)
        self.rfile = io.BufferedReader(self._reader, self.rbufsize if self.rbufsize > 0 else 8192)

    def handle_one_request(self):
        # wait up to the idle timeout for a request to start, then the whole request (line,
        # headers, body) must arrive within request_timeout
        self._reader.deadline = None
        try:
            started = self.rfile.peek(1)
        except (TimeoutError, ConnectionError):
            started = b""
        if not started:
            self.close_connection = True
            return
        self._reader.deadline = time.monotonic() + self.request_timeout
        try:
            super().handle_one_request()
        finally:
            self._reader.deadline = None

    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        _logger.debug("%s " + format, self.client_address[0], *args)

    def log_request(self, code="-", size="-"):
        # the request line holds no personal data (paths carry only declaration numbers)
        _logger.info("sandbox %s %s -> %s", self.command, self.path.split("?")[0], code)

    # --- plumbing -------------------------------------------------------------------------------

    def _send_json(self, status, data, headers=None):
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _error(self, status, code, message):
        self._send_json(status, {"error": code, "message": message})

    def _content_length(self):
        """The declared body length, or None when it is not a plain decimal number."""
        length = (self.headers.get("Content-Length") or "0").strip()
        if self.headers.get("Transfer-Encoding") or not (length.isascii() and length.isdigit()):
            return None
        return int(length)

    def _refuse_body(self, status, code, message):
        """Answer without reading the body, then close the connection."""
        self.close_connection = True
        if status == 401:
            self._unauthorized()
        else:
            self._error(status, code, message)
        with contextlib.suppress(OSError):
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_WR)  # the answer, then end of stream
        return None

    def _json_content_type(self):
        media_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        return media_type == "application/json"

    def _authorized(self, required=True):
        """True when the Bearer key is right; None when absent and not required."""
        expected = self.sandbox.api_key
        header = self.headers.get("Authorization", "")
        if expected is None:
            return True
        if not header and not required:
            return None
        scheme, _, key = header.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            key.strip().encode(), expected.encode()
        )

    def _unauthorized(self):
        self.sandbox.store.bump("unauthorized")
        self._send_json(
            401,
            {"error": "unauthorized", "message": "Clé d'API absente ou invalide."},
            {"WWW-Authenticate": 'Bearer realm="centralisateur"'},
        )

    def _apply_faults(self, endpoint, after):
        for fault in self.sandbox.faults.take(endpoint, after):
            self.sandbox.store.bump("faults_injected")
            _logger.info("sandbox fault %s (after=%s) on %s", fault.kind, after, endpoint)
            if fault.kind == "latency":
                self.sandbox.sleep(fault.delay)
            elif fault.kind == "error":
                self._error(fault.status, "injected_fault", "Erreur interne simulée.")
                return True
            elif fault.kind == "timeout":
                self.sandbox.sleep(fault.delay)
                raise _DropConnection
            elif fault.kind == "drop":
                raise _DropConnection
        return False

    def _drop(self):
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _dispatch(self, method):
        path = self.path.split("?")[0].rstrip("/") or "/"
        body = b""
        if method in ("POST", "PUT", "DELETE"):
            length = self._content_length()
            too_large = (413, "too_large", "Requête trop volumineuse ou de taille inconnue.")
            if length is None:
                return self._refuse_body(*too_large)
            if length > PRE_AUTH_MAX_BODY and not self._authorized():
                # the key is checked before a large body is read
                return self._refuse_body(401, "unauthorized", "")
            if length > MAX_BODY:
                if length <= DRAIN_MAX_BODY:
                    self.rfile.read(length)  # drained, so the client reads the 413 cleanly
                    self.close_connection = True
                    return self._error(*too_large)
                return self._refuse_body(*too_large)
            body = self.rfile.read(length) if length else b""
            if body and not self._json_content_type():
                return self._error(
                    415,
                    "unsupported_media_type",
                    "Type de contenu non pris en charge : application/json attendu.",
                )
            if _too_deep(body):
                return self._error(
                    400,
                    "bad_json",
                    f"Le corps de la requête est un JSON imbriqué sur plus de {MAX_JSON_DEPTH} "
                    "niveaux.",
                )
        self._reader.deadline = None  # the request is read: the answer is not hurried
        self.connection.settimeout(self.timeout)
        self.sandbox.store.bump("requests")
        try:
            if path.startswith("/_sandbox/"):
                return self._admin(method, path, body)
            return self._api(method, path, body)
        except _DropConnection:
            self._drop()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def do_GET(self):  # noqa: N802 - stdlib names
        self._dispatch("GET")

    def do_POST(self):  # noqa: N802
        self._dispatch("POST")

    def do_DELETE(self):  # noqa: N802
        self._dispatch("DELETE")

    def do_PUT(self):  # noqa: N802
        self._dispatch("PUT")

    # --- API ------------------------------------------------------------------------------------

    def _api(self, method, path, body):
        if path == "/api/v1/health":
            return self._health(method)
        if path == "/api/v1/declarations":
            if method == "GET":
                return self._get_by_key()
            if method != "POST":
                return self._error(405, "method_not_allowed", "Méthode non autorisée.")
            return self._declare(body)
        if path.startswith("/api/v1/declarations/"):
            if method != "GET":
                return self._error(405, "method_not_allowed", "Méthode non autorisée.")
            return self._get(path.rsplit("/", 1)[1])
        return self._error(404, "not_found", "Ressource inconnue.")

    def _health(self, method):
        if method != "GET":
            return self._error(405, "method_not_allowed", "Méthode non autorisée.")
        if self._apply_faults("health", after=False):
            return None
        authorized = self._authorized(required=False)
        if authorized is False:
            return self._unauthorized()
        return self._send_json(
            200,
            {
                "status": "ok",
                "service": "sandbox",
                "protocol_version": PROTOCOL_VERSION,
                "authenticated": bool(authorized) and self.headers.get("Authorization") is not None,
                "time": _now().isoformat().replace("+00:00", "Z"),
            },
        )

    def _idempotency_key(self):
        """The request's Idempotency-Key (1 to 255 characters), or None."""
        key = (self.headers.get("Idempotency-Key") or "").strip()
        return key if 0 < len(key) <= 255 else None

    def _declare(self, body):
        if self._apply_faults("declare", after=False):
            return None
        if not self._authorized():
            return self._unauthorized()
        key = self._idempotency_key()
        if key is None:
            return self._error(
                400,
                "missing_idempotency_key",
                "L'en-tête Idempotency-Key est obligatoire (1 à 255 caractères).",
            )
        try:
            payload = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return self._error(400, "bad_json", "Le corps de la requête n'est pas un JSON valide.")
        store = self.sandbox.store
        known = store.lookup(key)
        if known and known[0] != payload_fingerprint(payload):
            store.bump("conflicts")
            status, answer = 409, _conflict_answer()
        elif not known and (errors := validate_declaration(payload)):
            store.bump("rejected")
            status, answer = 422, {"error": "validation_error", "errors": errors}
        else:
            status, answer = store.declare(key, payload)
        if self._apply_faults("declare", after=True):
            return None
        headers = {"Idempotent-Replayed": "true"} if status == 200 else None
        return self._send_json(status, answer, headers)

    def _get(self, number):
        if self._apply_faults("get", after=False):
            return None
        if not self._authorized():
            return self._unauthorized()
        answer = self.sandbox.store.get(number)
        if answer is None:
            return self._error(404, "not_found", "Déclaration inconnue.")
        if self._apply_faults("get", after=True):
            return None
        return self._send_json(200, answer)

    def _get_by_key(self):
        """What was registered under the request's Idempotency-Key (after a lost answer)."""
        if self._apply_faults("get", after=False):
            return None
        if not self._authorized():
            return self._unauthorized()
        key = self._idempotency_key()
        if key is None:
            return self._error(
                400,
                "missing_idempotency_key",
                "L'en-tête Idempotency-Key est obligatoire (1 à 255 caractères).",
            )
        answer = self.sandbox.store.get_by_key(key)
        if answer is None:
            return self._error(404, "not_found", "Aucune déclaration pour cette clé.")
        if self._apply_faults("get", after=True):
            return None
        return self._send_json(200, answer)

    # --- admin ----------------------------------------------------------------------------------

    def _admin(self, method, path, body):
        if not self._authorized():
            return self._unauthorized()
        if path == "/_sandbox/faults":
            if method == "GET":
                return self._send_json(200, {"faults": self.sandbox.faults.list()})
            if method == "DELETE":
                self.sandbox.clear_faults()
                return self._send_json(200, {"faults": []})
            if method == "POST":
                return self._add_faults(body)
        elif path == "/_sandbox/stats" and method == "GET":
            return self._send_json(200, self.sandbox.stats())
        elif path == "/_sandbox/reset" and method == "POST":
            self.sandbox.reset()
            return self._send_json(200, self.sandbox.stats())
        else:
            return self._error(404, "not_found", "Ressource inconnue.")
        return self._error(405, "method_not_allowed", "Méthode non autorisée.")

    def _add_faults(self, body):
        try:
            data = json.loads(body.decode("utf-8") or "null")
            specs = data.get("faults", [data]) if isinstance(data, dict) else data
            if not isinstance(specs, list) or not all(isinstance(s, dict) for s in specs):
                raise ValueError('a fault object, a list or {"faults": [...]} is expected')
            faults = [Fault(**spec) for spec in specs]
        except (UnicodeDecodeError, ValueError, TypeError) as exc:
            return self._error(400, "bad_fault", f"Panne invalide : {exc}")
        for fault in faults:
            self.sandbox.faults.add(fault)
        return self._send_json(201, {"faults": self.sandbox.faults.list()})


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # stop() closes the open connections itself
    allow_reuse_address = True
    request_queue_size = LISTEN_BACKLOG  # socketserver's default of 5 resets bursts of clients

    def __init__(self, address, sandbox):
        self.sandbox = sandbox
        self._open = set()
        self._open_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request, client_address):
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def close_open_connections(self):
        with self._open_lock:
            requests = list(self._open)
            self._open.clear()
        for request in requests:
            try:
                request.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


# -------------------------------------------------------------------------------------------------
# Public server object
# -------------------------------------------------------------------------------------------------


class SandboxServer:
    """The sandbox Centralisateur, started in a background thread.

    :param db_path: the SQLite file (created when missing); a new server on the same file finds
        every declaration, contract and sequence again
    :param port: TCP port, 0 for a free one (read ``.port`` / ``.url`` after ``start()``)
    :param api_key: the Bearer key expected; None accepts any request (not recommended)
    :param seed: seed of the random draw of faults with a ``rate`` below 1
    """

    def __init__(self, db_path, port=0, *, host="127.0.0.1", api_key=DEFAULT_API_KEY, seed=None):
        self.db_path = str(db_path)
        self.host = host
        self.port = port
        self.api_key = api_key
        self._store = SandboxStore(self.db_path)
        self.faults = _Faults(seed)
        self._stopping = threading.Event()
        self._server = None
        self._thread = None

    @property
    def store(self):
        """The SQLite store (reopened when used after ``stop()``)."""
        if self._store is None:
            self._store = SandboxStore(self.db_path)
        return self._store

    @property
    def url(self):
        host = "127.0.0.1" if self.host in ("", "0.0.0.0") else self.host
        return f"http://{host}:{self.port}"

    def bind(self):
        """Open the listening socket (port 0 picks a free one); return self."""
        if not self._server:
            self._stopping.clear()
            self._server = _Server((self.host, self.port), self)
            self.port = self._server.server_address[1]
        return self

    def start(self):
        """Bind and serve in a daemon thread; return self."""
        if self._thread:
            return self
        self.bind()
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name=f"centralizer-sandbox-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def serve_forever(self):
        """Bind and serve in the calling thread until ``shutdown()`` (the command line)."""
        self.bind()
        try:
            self._server.serve_forever(poll_interval=0.2)
        finally:
            self._stopping.set()
            self._close()

    def shutdown(self):
        """Ask ``serve_forever`` to return (from another thread or a signal handler)."""
        server = self._server
        if server:
            self._stopping.set()
            threading.Thread(target=server.shutdown, daemon=True).start()

    def stop(self):
        """Stop serving, wake the handlers sleeping in faults and close every open connection."""
        if not self._server:
            return
        self._stopping.set()
        self._server.shutdown()
        if self._thread:
            self._thread.join(timeout=5)
            self._thread = None
        self._close()

    def _close(self):
        if self._server:
            self._server.server_close()
            self._server.close_open_connections()
            self._server = None
        if self._store is not None:
            self._store.close()
            self._store = None

    def sleep(self, seconds):
        """Wait in a handler; returns early when the server stops."""
        self._stopping.wait(seconds)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    # --- faults and counters ----------------------------------------------------------------------

    def inject_fault(self, kind, **options):
        """Add a :class:`Fault` (see its options) and return it."""
        return self.faults.add(Fault(kind, **options))

    def clear_faults(self):
        self.faults.clear()

    def list_faults(self):
        return self.faults.list()

    def stats(self):
        return self.store.stats()

    def reset(self):
        """Forget every declaration and counter, and the faults."""
        self.clear_faults()
        self.store.reset()


# -------------------------------------------------------------------------------------------------
# Command line
# -------------------------------------------------------------------------------------------------


def _parser():
    parser = argparse.ArgumentParser(
        prog="spoticar-centralizer-sandbox",
        description="Sandbox Centralisateur (protocol v1) on SQLite, for demos, tests and benches.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (127.0.0.1)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="TCP port (8070)")
    parser.add_argument(
        "--db", default="centralizer-sandbox.sqlite3", help="SQLite file (created when missing)"
    )
    parser.add_argument(
        "--api-key",
        default=os.environ.get("SPOTICAR_SANDBOX_KEY", DEFAULT_API_KEY),
        help="Bearer key expected (default: $SPOTICAR_SANDBOX_KEY or %s)" % DEFAULT_API_KEY,
    )
    parser.add_argument("--seed", type=int, default=None, help="seed of random fault draws")
    parser.add_argument("--log-level", default="INFO", help="logging level (INFO)")
    return parser


def main(argv=None):
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    directory = os.path.dirname(os.path.abspath(args.db))
    os.makedirs(directory, exist_ok=True)
    sandbox = SandboxServer(
        args.db, args.port, host=args.host, api_key=args.api_key, seed=args.seed
    )

    try:
        sandbox.bind()
    except OSError as exc:
        print(
            f"spoticar-centralizer-sandbox: cannot listen on {args.host}:{args.port}: {exc}",
            file=sys.stderr,
        )
        return 1
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: sandbox.shutdown())
    print(f"Sandbox Centralisateur listening on {sandbox.url} (database {args.db})", flush=True)
    try:
        sandbox.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    _logger.info("sandbox stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
