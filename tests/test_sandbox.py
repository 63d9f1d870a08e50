"""The sandbox Centralisateur as a black box over loopback HTTP, and its command line."""

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

from spoticar_core import sandbox as sandbox_module
from spoticar_core.declaration import example_declaration
from spoticar_core.sandbox import Fault, SandboxServer

KEY = "sandbox-test-key"
AUTH = {"Authorization": f"Bearer {KEY}"}
SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture
def sandbox(tmp_path):
    with SandboxServer(tmp_path / "sandbox.sqlite3", api_key=KEY) as server:
        yield server


@pytest.fixture
def http():
    with requests.Session() as session:
        yield session


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _payload(vin_suffix=0, rrd="953617Z", guarantors=("spoticar_stellantis",)):
    payload = example_declaration()
    payload["vehicle"]["vin"] = f"VF3UPHNS8PS{vin_suffix:06d}"
    payload["dealer"]["rrd_code"] = rrd
    payload["guarantors"] = list(guarantors)
    return payload


def _declare(http, sandbox, payload, key, headers=None, timeout=5):
    return http.post(
        f"{sandbox.url}/api/v1/declarations",
        json=payload,
        headers={**AUTH, "Idempotency-Key": key, **(headers or {})},
        timeout=timeout,
    )


# --- API basics -----------------------------------------------------------------------------------


def test_health_without_and_with_key(sandbox, http):
    answer = http.get(f"{sandbox.url}/api/v1/health", timeout=5)
    assert answer.status_code == 200
    assert answer.json()["authenticated"] is False and answer.json()["protocol_version"] == "1"
    assert http.get(f"{sandbox.url}/api/v1/health", headers=AUTH, timeout=5).json()["authenticated"]
    wrong = http.get(
        f"{sandbox.url}/api/v1/health", headers={"Authorization": "Bearer x"}, timeout=5
    )
    assert wrong.status_code == 401


def test_authentication_required(sandbox, http):
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": f"Basic {KEY}"}):
        answer = http.post(
            f"{sandbox.url}/api/v1/declarations",
            json=_payload(),
            headers={"Idempotency-Key": "k", **headers},
            timeout=5,
        )
        assert answer.status_code == 401
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")
        assert answer.json() == {
            "error": "unauthorized",
            "message": "Clé d'API absente ou invalide.",
        }
    assert http.get(f"{sandbox.url}/_sandbox/stats", timeout=5).status_code == 401
    assert sandbox.stats()["unauthorized"] == 4


def test_bad_requests(sandbox, http):
    url = f"{sandbox.url}/api/v1/declarations"
    no_key = http.post(url, json=_payload(), headers=AUTH, timeout=5)
    assert no_key.status_code == 400 and no_key.json()["error"] == "missing_idempotency_key"
    json_headers = {**AUTH, "Idempotency-Key": "k", "Content-Type": "application/json"}
    bad_json = http.post(url, data=b"{not json", headers=json_headers, timeout=5)
    assert bad_json.status_code == 400 and bad_json.json()["error"] == "bad_json"
    assert http.put(url, headers=AUTH, timeout=5).status_code == 405
    assert http.get(f"{sandbox.url}/api/v2/x", headers=AUTH, timeout=5).status_code == 404
    missing = http.get(f"{url}/SP953617Z000000001", headers=AUTH, timeout=5)
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"
    too_big = http.post(
        url,
        data=b"x" * (sandbox_module.MAX_BODY + 1),
        headers={**AUTH, "Idempotency-Key": "k"},
        timeout=5,
    )
    assert too_big.status_code == 413 and too_big.json()["error"] == "too_large"
    assert sandbox.stats()["declarations"] == 0


def test_422_lists_every_problem_and_stores_nothing(sandbox, http):
    payload = _payload()
    del payload["customer"]
    payload["vehicle"]["vin"] = "SHORT"
    answer = _declare(http, sandbox, payload, "k-422")
    assert answer.status_code == 422
    body = answer.json()
    assert body["error"] == "validation_error"
    fields = [error["field"] for error in body["errors"]]
    assert "customer.last_name" in fields and "vehicle.vin" in fields
    assert {"field": "customer.civility", "message": "Le champ civilité est obligatoire"} in body[
        "errors"
    ]
    stats = sandbox.stats()
    assert (stats["declarations"], stats["rejected"]) == (0, 1)
    # the same key is free for the fixed declaration
    assert _declare(http, sandbox, _payload(), "k-422").status_code == 201


# --- request handling limits --------------------------------------------------------------------


def _raw_exchange(sandbox, request, timeout=5):
    """Send raw bytes on a new connection; the answer read until the server closes or pauses."""
    with socket.create_connection(("127.0.0.1", sandbox.port), timeout=timeout) as sock:
        sock.sendall(request)
        chunks = []
        with contextlib.suppress(TimeoutError, ConnectionResetError):
            while chunk := sock.recv(65536):
                chunks.append(chunk)
                if b"\r\n\r\n" in b"".join(chunks) and b"}" in chunks[-1]:
                    break
        return b"".join(chunks)


@pytest.mark.parametrize("path", ["/api/v1/declarations", "/_sandbox/faults"])
def test_deeply_nested_json_is_answered_400(sandbox, http, path):
    depth = 100_000  # far beyond the interpreter's recursion limit
    answer = http.post(
        f"{sandbox.url}{path}",
        data=b"[" * depth + b"]" * depth,
        headers={**AUTH, "Idempotency-Key": "deep", "Content-Type": "application/json"},
        timeout=5,
    )
    assert answer.status_code == 400 and answer.json()["error"] == "bad_json"
    assert "imbriqué" in answer.json()["message"]
    # nested below the recursion limit but deeper than any declaration: refused the same way
    payload = _payload()
    payload["vehicle"]["make"] = _nested(200)
    assert _declare(http, sandbox, payload, "deep-2").status_code == 400
    # the server is still up and serves the next request on the same session
    assert _declare(http, sandbox, _payload(), "after-deep").status_code == 201


def _nested(depth):
    value = "x"
    for _ in range(depth):
        value = [value]
    return value


def test_json_content_type_is_required(sandbox, http):
    url = f"{sandbox.url}/api/v1/declarations"
    body = json.dumps(_payload()).encode()
    for content_type in (None, "text/plain", "application/x-www-form-urlencoded"):
        headers = {**AUTH, "Idempotency-Key": "ct"}
        if content_type:
            headers["Content-Type"] = content_type
        answer = http.post(url, data=body, headers=headers, timeout=5)
        assert answer.status_code == 415, content_type
        assert answer.json()["error"] == "unsupported_media_type"
    assert sandbox.stats()["declarations"] == 0
    for content_type in ("application/json", "Application/JSON; charset=utf-8"):
        headers = {**AUTH, "Idempotency-Key": "ct", "Content-Type": content_type}
        assert http.post(url, data=body, headers=headers, timeout=5).status_code in (200, 201)
    # a POST without a body needs no Content-Type
    assert http.post(f"{sandbox.url}/_sandbox/reset", headers=AUTH, timeout=5).status_code == 200


def test_large_body_is_refused_before_it_is_read(sandbox):
    big = sandbox_module.PRE_AUTH_MAX_BODY + 1
    head = (
        "POST /api/v1/declarations HTTP/1.1\r\nHost: x\r\nIdempotency-Key: big\r\n"
        "Content-Type: application/json\r\nContent-Length: {length}\r\n{auth}\r\n"
    )
    # no key: 401 as soon as the headers are in, without waiting for the body
    answer = _raw_exchange(sandbox, head.format(length=big, auth="").encode(), timeout=3)
    assert answer.startswith(b"HTTP/1.1 401 ")
    # with the key, beyond any accepted body (and beyond what is worth draining): 413 at once
    auth = f"Authorization: Bearer {KEY}\r\n"
    huge = sandbox_module.DRAIN_MAX_BODY + 1
    answer = _raw_exchange(sandbox, head.format(length=huge, auth=auth).encode(), timeout=3)
    assert answer.startswith(b"HTTP/1.1 413 ") and b"too_large" in answer
    # a length that is not a number is refused the same way
    answer = _raw_exchange(sandbox, head.format(length="-1", auth=auth).encode(), timeout=3)
    assert answer.startswith(b"HTTP/1.1 413 ")
    # a small unauthenticated body is read and answered 401 as usual
    small = json.dumps(_payload()).encode()
    request = head.format(length=len(small), auth="").encode() + small
    assert _raw_exchange(sandbox, request).startswith(b"HTTP/1.1 401 ")
    assert sandbox.stats()["declarations"] == 0


def test_slow_client_is_disconnected(sandbox, monkeypatch):
    monkeypatch.setattr(sandbox_module._Handler, "request_timeout", 0.5)
    request = b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 40
    start = time.monotonic()
    with socket.create_connection(("127.0.0.1", sandbox.port), timeout=5) as sock:
        closed = False
        for byte in request:  # one byte every 0.1 s: each read is quick, the whole is not
            try:
                sock.sendall(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            time.sleep(0.1)
        if not closed:
            with contextlib.suppress(ConnectionResetError):
                closed = sock.recv(1024) == b""
    assert closed, "the server kept the slow connection open"
    assert time.monotonic() - start < 3
    # a normal client is still served
    assert requests.get(f"{sandbox.url}/api/v1/health", timeout=5).status_code == 200


def test_burst_of_connections_waits_in_the_listen_queue(tmp_path):
    server = SandboxServer(tmp_path / "burst.sqlite3", api_key=KEY).bind()  # listening, not serving
    sockets = []
    try:
        for _ in range(30):
            sock = socket.socket()
            sock.settimeout(1)
            sock.connect(("127.0.0.1", server.port))  # completes only when the queue has room
            sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            sockets.append(sock)
        server.start()
        for sock in sockets:
            sock.settimeout(5)
            assert sock.recv(1024).startswith(b"HTTP/1.1 200 ")
    finally:
        for sock in sockets:
            sock.close()
        server.stop()


# --- numbering ------------------------------------------------------------------------------------


def test_declaration_numbers_per_dealer_and_contracts_per_guarantor(sandbox, http):
    first = _declare(http, sandbox, _payload(1), "a").json()
    second = _declare(http, sandbox, _payload(2), "b").json()
    other = _declare(http, sandbox, _payload(3, rrd="020319L"), "c").json()
    assert first["declaration_number"] == "SP953617Z100000001"
    assert second["declaration_number"] == "SP953617Z100000002"
    assert other["declaration_number"] == "SP020319L100000001"
    icare = [d["contracts"]["spoticar_stellantis"] for d in (first, second, other)]
    assert all(re.fullmatch(r"2\d{10}", number) for number in icare)
    assert len(set(icare)) == 3
    everything = _declare(
        http,
        sandbox,
        _payload(4, guarantors=("spoticar_stellantis", "autogarantie", "cirano")),
        "d",
    ).json()
    assert set(everything["contracts"]) == {"spoticar_stellantis", "autogarantie", "cirano"}
    assert re.fullmatch(r"AG\d{9}", everything["contracts"]["autogarantie"])
    assert re.fullmatch(r"CI\d{9}", everything["contracts"]["cirano"])
    assert everything["messages"][2] == (
        "[Auto Garantie] La création a bien été effectuée (numéro de contrat : "
        f"{everything['contracts']['autogarantie']})"
    )
    stats = sandbox.stats()
    assert stats["contracts"] == 6
    assert stats["contracts_by_guarantor"] == {
        "spoticar_stellantis": 4,
        "autogarantie": 1,
        "cirano": 1,
    }


def test_replay_and_conflict(sandbox, http):
    first = _declare(http, sandbox, _payload(1), "key-1")
    assert first.status_code == 201 and "Idempotent-Replayed" not in first.headers
    reordered = dict(reversed(list(_payload(1).items())))
    replay = _declare(http, sandbox, reordered, "key-1")
    assert replay.status_code == 200 and replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json() == first.json()
    conflict = _declare(http, sandbox, _payload(2), "key-1")
    assert conflict.status_code == 409 and conflict.json()["error"] == "idempotency_conflict"
    stats = sandbox.stats()
    assert (stats["declarations"], stats["contracts"], stats["replays"], stats["conflicts"]) == (
        1,
        1,
        1,
        1,
    )
    read = http.get(
        f"{sandbox.url}/api/v1/declarations/{first.json()['declaration_number']}",
        headers=AUTH,
        timeout=5,
    ).json()
    assert read["contracts"] == first.json()["contracts"]
    assert read["declaration"] == _payload(1)


def test_get_by_idempotency_key(sandbox, http):
    url = f"{sandbox.url}/api/v1/declarations"
    unknown = http.get(url, headers={**AUTH, "Idempotency-Key": "key-9"}, timeout=5)
    assert unknown.status_code == 404 and unknown.json()["error"] == "not_found"
    first = _declare(http, sandbox, _payload(1), "key-9")
    _declare(http, sandbox, _payload(2), "key-10")
    read = http.get(url, headers={**AUTH, "Idempotency-Key": "key-9"}, timeout=5)
    assert read.status_code == 200
    assert read.json()["declaration_number"] == first.json()["declaration_number"]
    assert read.json()["contracts"] == first.json()["contracts"]
    assert read.json()["declaration"] == _payload(1)
    assert http.get(url, headers=AUTH, timeout=5).status_code == 400
    assert http.get(url, headers={"Idempotency-Key": "key-9"}, timeout=5).status_code == 401
    assert sandbox.stats()["declarations"] == 2  # reading registers nothing


def test_duplicates_are_counted_for_benchmarks(sandbox, http):
    _declare(http, sandbox, _payload(1), "first")
    _declare(http, sandbox, _payload(1), "second-key-same-vehicle")
    stats = sandbox.stats()
    assert (stats["duplicate_declarations"], stats["duplicate_contracts"]) == (1, 1)


def test_concurrent_calls_with_one_key_make_one_contract(sandbox):
    answers = []

    def send():
        with requests.Session() as session:
            answers.append(_declare(session, sandbox, _payload(7), "same-key"))

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(a.status_code for a in answers) == [200] * 7 + [201]
    assert len({a.json()["declaration_number"] for a in answers}) == 1
    assert sandbox.stats()["contracts"] == 1


# --- persistence ----------------------------------------------------------------------------------


def test_restart_loses_nothing(tmp_path, http):
    db = tmp_path / "persist.sqlite3"
    with SandboxServer(db, api_key=KEY) as first:
        one = _declare(http, first, _payload(1), "persist-1").json()
        port = first.port
    with SandboxServer(db, port=port, api_key=KEY) as second:
        replay = _declare(http, second, _payload(1), "persist-1")
        two = _declare(http, second, _payload(2), "persist-2").json()
        stats = second.stats()
    assert replay.status_code == 200 and replay.json() == one
    assert two["declaration_number"] == "SP953617Z100000002"
    assert int(two["contracts"]["spoticar_stellantis"][3:]) == (
        int(one["contracts"]["spoticar_stellantis"][3:]) + 1
    )
    assert (stats["declarations"], stats["contracts"], stats["replays"]) == (2, 2, 1)


# --- faults ---------------------------------------------------------------------------------------


def test_faults_through_the_admin_endpoint(sandbox, http):
    url = f"{sandbox.url}/_sandbox/faults"
    added = http.post(url, json={"kind": "error", "status": 502}, headers=AUTH, timeout=5)
    assert added.status_code == 201
    assert added.json()["faults"][0]["kind"] == "error"
    assert _declare(http, sandbox, _payload(), "f-1").status_code == 502
    assert _declare(http, sandbox, _payload(), "f-1").status_code == 201  # count 1: used up
    assert http.get(url, headers=AUTH, timeout=5).json() == {"faults": []}
    http.post(
        url,
        json={"faults": [{"kind": "latency", "delay": 0.3, "count": None}, {"kind": "drop"}]},
        headers=AUTH,
        timeout=5,
    )
    assert len(http.get(url, headers=AUTH, timeout=5).json()["faults"]) == 2
    with pytest.raises(requests.ConnectionError):
        _declare(http, sandbox, _payload(2), "f-2")
    start = time.monotonic()
    assert _declare(http, sandbox, _payload(2), "f-2").status_code == 201
    assert time.monotonic() - start >= 0.3
    assert http.delete(url, headers=AUTH, timeout=5).json() == {"faults": []}
    for bad in ({"kind": "meteor"}, {"kind": "error", "rate": 2}, {"kind": "error", "x": 1}, [1]):
        answer = http.post(url, json=bad, headers=AUTH, timeout=5)
        assert answer.status_code == 400 and answer.json()["error"] == "bad_fault"
    assert sandbox.stats()["faults_injected"] == 4  # error, latency twice, drop


def test_fault_after_processing_stores_then_loses_the_answer(sandbox, http):
    sandbox.inject_fault("timeout", after=True, delay=5)
    with pytest.raises(requests.ReadTimeout):
        _declare(http, sandbox, _payload(), "after-1", timeout=(1, 0.3))
    assert sandbox.stats()["declarations"] == 1
    replay = _declare(http, sandbox, _payload(), "after-1")
    assert replay.status_code == 200
    sandbox.inject_fault("error", after=True)
    assert _declare(http, sandbox, _payload(9), "after-2").status_code == 500
    assert _declare(http, sandbox, _payload(9), "after-2").status_code == 200
    assert sandbox.stats()["contracts"] == 2


def test_fault_before_processing_stores_nothing(sandbox, http):
    sandbox.inject_fault("timeout", delay=5)
    with pytest.raises(requests.ReadTimeout):
        _declare(http, sandbox, _payload(), "before-1", timeout=(1, 0.3))
    assert sandbox.stats()["declarations"] == 0


def test_fault_rate_and_endpoint(tmp_path, http):
    with SandboxServer(tmp_path / "rate.sqlite3", api_key=KEY, seed=7) as server:
        server.inject_fault("error", rate=0.5, count=None)
        statuses = [_declare(http, server, _payload(i), f"rate-{i}").status_code for i in range(40)]
        assert 5 < statuses.count(500) < 35 and statuses.count(201) == 40 - statuses.count(500)
        assert http.get(f"{server.url}/api/v1/health", timeout=5).status_code == 200
        server.clear_faults()
        server.inject_fault("error", endpoint="health")
        assert http.get(f"{server.url}/api/v1/health", timeout=5).status_code == 500
        assert server.list_faults() == []


def test_fault_validation():
    with pytest.raises(ValueError):
        Fault("boom")
    with pytest.raises(ValueError):
        Fault("error", endpoint="admin")
    with pytest.raises(ValueError):
        Fault("error", count=0)
    with pytest.raises(ValueError):
        Fault("error", status=42)
    for delay in (float("nan"), float("inf"), -1, 10**9, "soon", None):
        with pytest.raises(ValueError):
            Fault("latency", delay=delay)
    assert Fault("latency", delay="0.5").delay == 0.5
    assert Fault("timeout", count=None).to_dict()["count"] is None


def test_stop_wakes_handlers_sleeping_in_a_fault(tmp_path):
    server = SandboxServer(tmp_path / "stop.sqlite3", api_key=KEY).start()
    server.inject_fault("timeout", delay=60)
    with requests.Session() as session, pytest.raises(requests.ReadTimeout):
        _declare(session, server, _payload(), "stop-1", timeout=(1, 0.2))
    start = time.monotonic()
    server.stop()
    assert time.monotonic() - start < 3
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{server.url}/api/v1/health", timeout=1)


def test_reset(sandbox, http):
    _declare(http, sandbox, _payload(), "reset-1")
    sandbox.inject_fault("error", count=None, endpoint="get")
    answer = http.post(f"{sandbox.url}/_sandbox/reset", headers=AUTH, timeout=5)
    assert answer.status_code == 200 and answer.json()["declarations"] == 0
    assert sandbox.list_faults() == []
    assert _declare(http, sandbox, _payload(), "reset-1").json()["declaration_number"] == (
        "SP953617Z100000001"
    )


# --- command line ---------------------------------------------------------------------------------


def test_command_line_starts_a_server_answering_health(tmp_path):
    port = _free_port()
    db = tmp_path / "cli" / "sandbox.sqlite3"
    env = dict(os.environ, PYTHONPATH=f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
    process = subprocess.Popen(
        [sys.executable, "-m", "spoticar_core.sandbox", "--port", str(port), "--db", str(db),
         "--api-key", KEY],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                answer = requests.get(
                    f"http://127.0.0.1:{port}/api/v1/health", headers=AUTH, timeout=1
                )
                break
            except requests.ConnectionError:
                assert process.poll() is None, process.communicate()
                assert time.monotonic() < deadline, "the sandbox did not start"
                time.sleep(0.1)
        assert answer.status_code == 200 and answer.json()["authenticated"] is True
        declared = requests.post(
            f"http://127.0.0.1:{port}/api/v1/declarations",
            json=_payload(),
            headers={**AUTH, "Idempotency-Key": "cli-1"},
            timeout=5,
        )
        assert declared.status_code == 201
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert f"listening on http://127.0.0.1:{port}" in out
    assert db.is_file()
    assert "Dupond" not in err  # the request log holds no personal data


def test_command_line_reports_a_busy_port(tmp_path, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code = sandbox_module.main(["--port", str(port), "--db", str(tmp_path / "x.sqlite3")])
    assert code == 1
    assert "cannot listen" in capsys.readouterr().err


@pytest.mark.skipif(
    not shutil.which("spoticar-centralizer-sandbox"), reason="package not installed (pip -e .)"
)
def test_console_script_is_installed():
    done = subprocess.run(
        ["spoticar-centralizer-sandbox", "--help"], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0
    assert "--db" in done.stdout and "--api-key" in done.stdout
