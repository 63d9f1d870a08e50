"""HTTP client of the Centralisateur, protocol version 1 (``docs/centralizer-protocol.md``).

Plain Python on a ``requests.Session``::

    with CentralizerClient("https://centralisateur.example", api_key=key) as client:
        result = client.declare(payload, idempotency_key="warranty-42-7f3c...")
        result.declaration_number  # "SP953617Z103833712"
        result.contracts  # {"spoticar_stellantis": "22511015251"}

- a connect and a read timeout on every call; they are applied by the session's transport adapter
  (so they hold even under Odoo's test framework, which patches ``Session.send`` and would raise
  any timeout under 10 s to 10 s, and fails on ``(connect, read)`` tuples);
- retries with exponential backoff only for connection errors, timeouts and 5xx answers, never for
  4xx; ``declare`` always sends its ``Idempotency-Key`` so a retry never makes a second contract;
- typed exceptions: :class:`CentralizerValidationError` (422, ``.errors``),
  :class:`CentralizerAuthenticationError` (401/403), :class:`CentralizerTransientError` (network,
  timeout, 5xx: retry later with the same key), :class:`CentralizerPermanentError` (409, other 4xx,
  unreadable answer); all derive from :class:`CentralizerError`, whose ``str()`` is French;
- one log line per HTTP attempt on the ``spoticar_core.client`` logger: method, URL path, status or
  error kind, duration, attempt. Never a body, a header or a query string.
"""

import json
import logging
import re
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import requests
from requests.adapters import HTTPAdapter

from spoticar_core.exceptions import SpoticarError

_logger = logging.getLogger(__name__)

# The environments a client can target. Only the sandbox has a known address: the real
# Centralisateur URLs (test and production) are not public, they come from Réseaux Connect and are
# configured by the integrator (the client then needs its base_url). When they are published, add
# them here, in one place. A base_url given to the client always wins.
ENVIRONMENTS = {
    "test": None,
    "production": None,
    "sandbox": "http://127.0.0.1:8070",
}
DEFAULT_TIMEOUT = (3.05, 20.0)  # (connect, read) in seconds
DEFAULT_RETRIES = 2  # retries after the first attempt
DEFAULT_BACKOFF = 0.5  # seconds before the first retry, doubled each time
MAX_BACKOFF = 8.0
USER_AGENT = "spoticar-core (Centralisateur protocol v1)"
API_PREFIX = "/api/v1"
_KEY_RE = re.compile(r"^[\x21-\x7e]{1,255}$")  # printable ASCII, no space


# -------------------------------------------------------------------------------------------------
# Exceptions
# -------------------------------------------------------------------------------------------------


class CentralizerError(SpoticarError):
    """A call to the Centralisateur failed; ``str()`` is a French message for the user.

    ``status`` is the HTTP status (None when no answer came), ``response`` the decoded JSON answer
    when there was one, ``attempts`` how many HTTP attempts were made and ``duration`` their total
    time in seconds.
    """

    def __init__(self, message, *, status=None, response=None, attempts=1, duration=0.0):
        super().__init__(message)
        self.message = message
        self.status = status
        self.response = response
        self.attempts = attempts
        self.duration = duration

    def __str__(self):
        return self.message


class CentralizerValidationError(CentralizerError):
    """422: the declaration was refused; ``errors`` is the ``[{"field", "message"}]`` list."""

    def __init__(self, message, errors, **kwargs):
        super().__init__(message, **kwargs)
        self.errors = errors


class CentralizerAuthenticationError(CentralizerError):
    """401 or 403: the API key is missing, wrong or not allowed."""


class CentralizerTransientError(CentralizerError):
    """No usable answer (timeout, connection error) or a 5xx: send again later with the same key.

    ``kind`` is ``"timeout"``, ``"connection"`` or ``"server"``.
    """

    def __init__(self, message, kind, **kwargs):
        super().__init__(message, **kwargs)
        self.kind = kind


class CentralizerPermanentError(CentralizerError):
    """409, another 4xx or an unreadable answer: sending again as is will not help."""


class CentralizerConflictError(CentralizerPermanentError):
    """409: this idempotency key was already used with a different declaration body."""


class CentralizerNotFoundError(CentralizerPermanentError):
    """404: no such declaration."""


# -------------------------------------------------------------------------------------------------
# Results
# -------------------------------------------------------------------------------------------------


@dataclass
class DeclarationResult:
    """A declaration as answered by the Centralisateur.

    ``contracts`` maps each guarantor code to its contract number; ``messages`` are the French
    confirmations to show the user; ``replayed`` is True when the answer is the stored one of an
    earlier call with the same idempotency key (HTTP 200 instead of 201); ``raw`` is the decoded
    JSON answer (for ``get_declaration`` it holds the declaration body: personal data).
    """

    declaration_number: str
    contracts: dict
    raw: dict
    status: int = 201
    replayed: bool = False
    messages: list = field(default_factory=list)
    attempts: int = 1
    duration: float = 0.0


class _TimeoutAdapter(HTTPAdapter):
    """Transport adapter applying the client's (connect, read) timeout to every request."""

    def __init__(self, timeout, **kwargs):
        self.timeout = timeout
        super().__init__(**kwargs)

    def send(self, request, timeout=None, **kwargs):  # pylint: disable=arguments-differ
        return super().send(request, timeout=self.timeout if timeout is None else timeout, **kwargs)


def new_idempotency_key():
    """A fresh random idempotency key. Store it with the record and reuse it on every retry."""
    return str(uuid.uuid4())


def _duration_ms(start):
    return round((time.monotonic() - start) * 1000)


# -------------------------------------------------------------------------------------------------
# Client
# -------------------------------------------------------------------------------------------------


class CentralizerClient:
    """Client of the Centralisateur protocol v1. Use it as a context manager (closes the session).

    :param base_url: root URL of the service (``https://host``, without ``/api/v1``); wins over
        ``environment``; an environment name here is taken as ``environment``
    :param api_key: the dealer's API key, sent as ``Authorization: Bearer <key>``
    :param environment: ``"test"``, ``"production"`` or ``"sandbox"`` (see ``ENVIRONMENTS``)
    :param timeout: ``(connect, read)`` seconds, or one number for both
    :param retries: how many times a transient failure is retried (0: never)
    :param backoff: seconds before the first retry, doubled at each retry (capped at 8 s)
    """

    def __init__(
        self,
        base_url=None,
        api_key=None,
        *,
        environment=None,
        timeout=DEFAULT_TIMEOUT,
        retries=DEFAULT_RETRIES,
        backoff=DEFAULT_BACKOFF,
    ):
        if base_url in ENVIRONMENTS and environment is None:
            base_url, environment = None, base_url  # CentralizerClient("test", key)
        if not base_url:
            if environment not in ENVIRONMENTS:
                raise ValueError(
                    f"base_url or environment ({', '.join(ENVIRONMENTS)}) is required, "
                    f"got environment={environment!r}"
                )
            base_url = ENVIRONMENTS[environment]
            if not base_url:
                raise ValueError(
                    f"the {environment} Centralisateur has no known address: give its base_url "
                    "(supplied by Réseaux Connect)"
                )
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"invalid Centralisateur base URL: {base_url!r}")
        if isinstance(timeout, (int, float)):
            timeout = (float(timeout), float(timeout))
        connect, read = timeout
        if connect <= 0 or read <= 0:
            raise ValueError("timeouts must be positive")
        if retries < 0 or backoff < 0:
            raise ValueError("retries and backoff must be positive or zero")
        self.base_url = base_url.rstrip("/")
        self.environment = environment
        self.api_key = api_key
        self.timeout = (float(connect), float(read))
        self.retries = int(retries)
        self.backoff = float(backoff)
        self._session = requests.Session()
        adapter = _TimeoutAdapter(self.timeout)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._session.headers.update({"Accept": "application/json", "User-Agent": USER_AGENT})

    # --- lifecycle -------------------------------------------------------------------------------

    def close(self):
        self._session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def __repr__(self):  # never show the key
        return f"<CentralizerClient {self.base_url}>"

    # --- public API ------------------------------------------------------------------------------

    def declare(self, payload, idempotency_key):
        """Send a declaration; return a :class:`DeclarationResult` (201, or 200 for a replay).

        Use ONE idempotency key per warranty, stored before the first call and reused on every
        retry: the Centralisateur then answers a retry of a processed declaration with the first
        answer instead of a second contract.
        """
        if not isinstance(idempotency_key, str) or not _KEY_RE.match(idempotency_key):
            raise ValueError("idempotency_key must be 1 to 255 printable ASCII characters")
        try:
            body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        except (TypeError, ValueError) as exc:
            raise ValueError(
                "the declaration is not JSON-serialisable (dates, Decimals...): build it with "
                "spoticar_core.declaration.build_declaration"
            ) from exc
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "Idempotency-Key": idempotency_key,
        }
        response, attempts, duration = self._call(
            "POST", f"{API_PREFIX}/declarations", body=body, headers=headers
        )
        data = self._check(response, attempts, duration)
        result = self._result(response, data, attempts, duration)
        result.replayed = response.status_code == 200
        return result

    def get_declaration(self, number):
        """Read a declaration back by its number (``CentralizerNotFoundError`` when unknown)."""
        path = f"{API_PREFIX}/declarations/{quote(str(number), safe='')}"
        response, attempts, duration = self._call("GET", path)
        data = self._check(response, attempts, duration)
        return self._result(response, data, attempts, duration)

    def get_declaration_by_key(self, idempotency_key):
        """The declaration registered under an idempotency key (``CentralizerNotFoundError``
        when none was): after a lost answer, tells whether the Centralisateur registered it.

        The key travels in the ``Idempotency-Key`` header, never in the URL (nor in the logs).
        """
        if not isinstance(idempotency_key, str) or not _KEY_RE.match(idempotency_key):
            raise ValueError("idempotency_key must be 1 to 255 printable ASCII characters")
        response, attempts, duration = self._call(
            "GET", f"{API_PREFIX}/declarations", headers={"Idempotency-Key": idempotency_key}
        )
        data = self._check(response, attempts, duration)
        return self._result(response, data, attempts, duration)

    def health(self):
        """Check the service and the key; return the decoded answer (``{"status": "ok", ...}``).

        With a key, a wrong key raises :class:`CentralizerAuthenticationError`: this is the
        "Tester la connexion" call.
        """
        response, attempts, duration = self._call("GET", f"{API_PREFIX}/health")
        return self._check(response, attempts, duration)

    # --- internals -------------------------------------------------------------------------------

    def _call(self, method, path, body=None, headers=None):
        """Send with retries on transient failures; return (response, attempts, seconds)."""
        headers = dict(headers or {})
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        url = self.base_url + path
        total = self.retries + 1
        started = time.monotonic()
        error = None
        for attempt in range(1, total + 1):
            start = time.monotonic()
            try:
                # timeout=None: the adapter applies self.timeout (see _TimeoutAdapter)
                response = self._session.request(
                    method, url, data=body, headers=headers, timeout=None, allow_redirects=False
                )
            except requests.Timeout as exc:
                self._log(logging.WARNING, method, path, "timeout", start, attempt, total)
                error = CentralizerTransientError(
                    "Le Centralisateur n'a pas répondu à temps (délai de connexion de %g s ou de "
                    "lecture de %g s dépassé)." % self.timeout,
                    "timeout",
                )
                error.__cause__ = exc
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
                self._log(logging.WARNING, method, path, "connection error", start, attempt, total)
                error = CentralizerTransientError(
                    "Connexion au Centralisateur impossible ou interrompue (%s)."
                    % self._host_text(),
                    "connection",
                )
                error.__cause__ = exc
            except requests.RequestException as exc:
                self._log(logging.WARNING, method, path, type(exc).__name__, start, attempt, total)
                raise CentralizerPermanentError(
                    "Appel au Centralisateur impossible : %s." % type(exc).__name__,
                    attempts=attempt,
                    duration=time.monotonic() - started,
                ) from exc
            else:
                status = response.status_code
                level = logging.WARNING if status >= 500 else logging.INFO
                self._log(level, method, path, status, start, attempt, total)
                if status < 500:
                    return response, attempt, time.monotonic() - started
                error = CentralizerTransientError(
                    "Le Centralisateur est momentanément indisponible (erreur HTTP %d)." % status,
                    "server",
                    status=status,
                    response=self._json_or_none(response),
                )
            if attempt < total:
                time.sleep(min(self.backoff * 2 ** (attempt - 1), MAX_BACKOFF))
        error.attempts = total
        error.duration = time.monotonic() - started
        raise error

    def _log(self, level, method, path, outcome, start, attempt, total):
        _logger.log(
            level,
            "Centralisateur %s %s -> %s in %d ms (attempt %d/%d)",
            method,
            path,
            outcome,
            _duration_ms(start),
            attempt,
            total,
        )

    def _host_text(self):
        return urlsplit(self.base_url).netloc

    @staticmethod
    def _json_or_none(response):
        try:
            return response.json()
        except ValueError:
            return None

    def _check(self, response, attempts, duration):
        """Map a non-5xx answer to its decoded JSON or to a typed exception."""
        status = response.status_code
        data = self._json_or_none(response)
        info = {"status": status, "response": data, "attempts": attempts, "duration": duration}
        message = data.get("message") if isinstance(data, dict) else None
        if status in (401, 403):
            raise CentralizerAuthenticationError(
                "Le Centralisateur refuse la clé d'API (HTTP %d) : vérifiez la clé et l'adresse "
                "dans la configuration." % status,
                **info,
            )
        if status == 422:
            errors = data.get("errors") if isinstance(data, dict) else None
            if not isinstance(errors, list):
                errors = [{"field": "", "message": message or "Déclaration refusée."}]
            lines = "\n".join(
                f"- {e.get('message', '')}" if isinstance(e, dict) else f"- {e}" for e in errors
            )
            raise CentralizerValidationError(
                "Le Centralisateur a refusé la déclaration :\n" + lines, errors, **info
            )
        if status == 409:
            raise CentralizerConflictError(
                message or "Cette clé d'idempotence a déjà servi pour une déclaration différente.",
                **info,
            )
        if status == 404:
            raise CentralizerNotFoundError(message or "Déclaration introuvable.", **info)
        if not 200 <= status < 300:
            raise CentralizerPermanentError(
                "Le Centralisateur a refusé la demande (HTTP %d)%s"
                % (status, f" : {message}" if message else "."),
                **info,
            )
        if not isinstance(data, dict):
            raise CentralizerPermanentError(
                "Réponse illisible du Centralisateur (HTTP %d, JSON attendu)." % status, **info
            )
        return data

    @staticmethod
    def _result(response, data, attempts, duration):
        number = data.get("declaration_number")
        contracts = data.get("contracts")
        if not isinstance(number, str) or not number or not isinstance(contracts, dict):
            raise CentralizerPermanentError(
                "Réponse incomplète du Centralisateur (numéro de déclaration ou contrats absents).",
                status=response.status_code,
                response=data,
                attempts=attempts,
                duration=duration,
            )
        messages = data.get("messages")
        return DeclarationResult(
            declaration_number=number,
            contracts=dict(contracts),
            raw=data,
            status=response.status_code,
            messages=list(messages) if isinstance(messages, list) else [],
            attempts=attempts,
            duration=duration,
        )
