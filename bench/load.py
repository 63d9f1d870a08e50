#!/usr/bin/env python3
"""Load benchmark on Odoo's multi-process server (issue 17). Not run in CI.

    PYTHONPATH=src python3 bench/load.py --db i17_load [--template i17_base] [--duration 120]
        [--alone 20] [--clients 20] [--workers 4] [--races 50] [--declarations 1000] [--replica]
        [--skip orders,races,declarations] [--statements N] [--activity] [--keep-db]

On a database with the seven Spoticar addons (``--template`` copies one, otherwise they are
installed), the script prepares (once, with the ORM and SQL COPY): French loaded, ``--clients``
dealer companies (each with its warehouse, two salespeople working in French, a customer and
vehicles in stock with their quant). It then copies that database (``pg_dump``) to a PostgreSQL
server made for the run as the deployment files configure it: ``initdb`` with the settings of
the ``db-primary`` service of ``docker-compose.yml`` and the autovacuum settings of
``config/postgres/tuning.sql``, in a temporary directory on a free port, run as the ``postgres``
system user and torn down at the end. Odoo runs there as in production, a subprocess::

    odoo server --workers 4 --max-cron-threads 1 --load=base,web,queue_job
        (config file with [queue_job] channels = root:4,root.spoticar_centralizer:4)

It first lets that server's cron worker run the scheduled jobs due on the copy (every daily
job is due at once on a database no server ran: a server that has been running has run them),
then measures over HTTP (JSON-RPC, as the web client):

1. orders: one salesperson alone for ``--alone`` seconds, then ``--clients`` salespeople of as
   many companies, concurrently, for ``--duration`` seconds: the Stock VO list
   (``web_search_read`` of the vehicles in stock, 80 rows and the count), then create
   (``web_save``) and confirm (``action_confirm``) an order of one of their vehicles. Orders per
   second, p50/p95 of the list, the creation and the confirmation as the client sees them,
   errors; beside them, where the time goes on the server: the p50 of the time the request
   spent in its worker, split into SQL and Python, and its SQL queries, read from Odoo's own
   request log line (``--log-handler=werkzeug:INFO``). The client's time minus the server's is
   the wait for a free worker (and the CPU shared with the other processes);
2. races: ``--races`` times, two salespeople of the same company confirm two orders of the same
   vehicle at the same instant: exactly one must win, the other must get a French message, and
   no serialization error may reach them;
3. declarations: ``--declarations`` warranties declared by the REAL queue_job runner of that
   server (jobs run by its workers over /queue_job/runjob), against the sandbox
   Centralisateur with 50 ms of latency on every declaration, 10 % of faults (errors,
   dropped connections, answers lost after storing) and one restart of the sandbox in the
   middle: each declared exactly once, no duplicate contract, declarations per second.

``--replica`` adds the primary's streaming replica (``pg_basebackup -R``, with the settings of
the ``db-replica`` service) and measures the orders phase twice: once with Odoo on the primary
only, once with ``db_replica_host`` / ``db_replica_port``, where Odoo sends its read-only
requests (searches and reads) to the replica. Each client also reads its order back right after
confirming it (does the read see the write?).

Where the time of the orders phase goes on the database side: ``--statements N`` adds
pg_stat_statements to the bench's cluster and prints the ``N`` statements that cost PostgreSQL
the most time with the 20 salespeople, and the tables read by sequential scans; ``--activity``
samples ``pg_stat_activity`` every 20 ms in that phase and prints what Odoo's connections did on
average: run a statement, wait for a lock, or sit idle in their transaction while Odoo's Python
works (then the workers' CPU, not the database, holds the requests back).

Targets (issue 17, 2 cores): 0 errors and confirmation p95 < 1 s; each race exactly one winner
and a French message; every declaration exactly once, 0 duplicate contracts, >= 20 declarations
per second. Exit 0 only when they hold.
"""

import argparse
import collections
import contextlib
import json
import logging
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "src"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import scale  # noqa: E402 - the bench helpers (database, COPY clones, Odoo subprocess)
import stock as stock_bench  # noqa: E402 - the request log's parser

PASSWORD = "load-bench"
CHANNELS = "root:4,root.spoticar_centralizer:4"
CLUSTER_USER = "odoo"  # superuser of the primary made for --replica (Odoo refuses "postgres")
STOCK_SPEC = {
    name: {}
    for name in (
        "default_code",
        "name",
        "gearbox",
        "license_plate",
        "first_registration_date",
        "mileage",
        "co2_emission",
        "critair",
        "list_price",
        "vehicle_label",
        "currency_id",
    )
}
# the orders' dates: the tutorial's sale (its carte grise rates are shipped)
ORDER_DATES = {"sale_date": "2021-11-01", "delivery_date": "2021-11-15"}
FRENCH_WORDS = ("Véhicule", "véhicule", "commande")
SERIALIZATION_WORDS = ("serializ", "concurrent update", "could not", "deadlock")


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    scale.add_database_arguments(parser, "i17_load")
    parser.add_argument("--duration", type=int, default=120, help="seconds of orders (120)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument(
        "--alone", type=int, default=20, help="seconds of one salesperson alone first (20)"
    )
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--vehicles", type=int, default=200, help="in stock per company (200)")
    parser.add_argument("--races", type=int, default=50)
    parser.add_argument("--declarations", type=int, default=1000)
    parser.add_argument("--fault-rate", type=float, default=0.10)
    parser.add_argument("--timeout", type=float, default=0.5, help="Centralisateur timeout (s)")
    parser.add_argument("--replica", action="store_true", help="primary + streaming replica")
    parser.add_argument("--skip", default="", help="phases to skip: orders,races,declarations")
    parser.add_argument(
        "--statements",
        type=int,
        default=0,
        metavar="N",
        help="print the N SQL statements that cost PostgreSQL the most time in the orders phase"
        " (pg_stat_statements on the run's cluster)",
    )
    parser.add_argument(
        "--activity",
        action="store_true",
        help="sample what Odoo's connections do in the orders phase (pg_stat_activity every"
        " 20 ms): running a statement, waiting for a lock, idle in their transaction",
    )
    parser.add_argument("--keep-db", action="store_true")
    return parser.parse_args()


# --- Preparation (ORM, in this process) -----------------------------------------------------------


def prepare(env, args):
    """Companies, salespeople, customers and vehicles in stock (once); returns the plan."""
    from odoo.fields import Command

    param = env["ir.config_parameter"].get_param("bench_load.plan")
    if param:
        return json.loads(param)
    t0 = time.time()
    env["res.lang"]._activate_lang("fr_FR")
    env["ir.module.module"].search(
        [("name", "in", scale.MODULES.split(",") + ["base", "sale", "stock"])]
    )._update_translations(["fr_FR"])
    eur = env.ref("base.EUR")
    eur.active = True
    fr = env.ref("base.fr")
    group = env.ref("spoticar_stock.group_spoticar_user")
    companies = env["res.company"].create(
        [
            {
                "name": f"Spoticar Load {i:02d}",
                "zip": "35000",
                "city": "Rennes",
                "country_id": fr.id,
                "currency_id": eur.id,
            }
            for i in range(1, args.clients + 1)
        ]
    )
    plan = {"companies": []}
    template = None
    for i, company in enumerate(companies, 1):
        cenv = env(context=dict(env.context, allowed_company_ids=company.ids))
        warehouse = cenv["stock.warehouse"].create({"company_id": company.id, "code": f"L{i:02d}"})
        users = cenv["res.users"].create(
            [
                {
                    "name": f"Vendeur {i:02d}{suffix}",
                    "login": f"load_{i:02d}{suffix}",
                    "password": PASSWORD,
                    "lang": "fr_FR",
                    "tz": "Europe/Paris",
                    "group_ids": [Command.link(group.id)],
                    "company_id": company.id,
                    "company_ids": [Command.set(company.ids)],
                }
                for suffix in ("a", "b")
            ]
        )
        customer = cenv["res.partner"].create(
            {
                "l10n_fr_customer_type": "individual",
                "lastname": f"CLIENT{i:02d}",
                "firstname": "Jean",
                "street": "1 place de la Mairie",
                "zip": "35000",
                "city": "Rennes",
                "country_id": fr.id,
                "company_id": company.id,
            }
        )
        if template is None:
            cenv.cr.execute(
                "SELECT id FROM spoticar_vehicle_version WHERE fiscal_power BETWEEN 4 AND 9"
                " ORDER BY id LIMIT 1"
            )
            row = cenv.cr.fetchone()
            if not row:
                import stock as stock_bench

                stock_bench.generate(cenv, 1000, 0)
                cenv.cr.execute(
                    "SELECT id FROM spoticar_vehicle_version WHERE fiscal_power BETWEEN 4 AND 9"
                    " ORDER BY id LIMIT 1"
                )
                row = cenv.cr.fetchone()
            template = cenv["product.template"].create(
                {
                    "is_vehicle": True,
                    "company_id": company.id,
                    "vehicle_version_id": row[0],
                    "first_registration_date": date(2019, 11, 19),
                    "model_year": 2019,
                    "mileage": 25000,
                    "license_plate": "ZZ-998-ZZ",
                    "vin": "VF3TMPLTE00000002",
                    "list_price": 18990.0,
                    "vehicle_label": "spoticar",
                }
            )
            template.action_vehicle_receive()
            quant = cenv["stock.quant"].search(
                [
                    ("product_id", "=", template.product_variant_id.id),
                    ("location_id", "=", warehouse.lot_stock_id.id),
                ]
            )
            plan["template"] = {
                "vehicle": template.id,
                "variant": template.product_variant_id.id,
                "quant": quant.id,
            }
        plan["companies"].append(
            {
                "id": company.id,
                "warehouse": warehouse.id,
                "location": warehouse.lot_stock_id.id,
                "users": users.mapped("login"),
                "customer": customer.id,
            }
        )
    env.flush_all()  # the template's quant (quantity 1) is read by SQL to clone it
    add_vehicles(env.cr, plan, args.vehicles + args.races)
    env["ir.config_parameter"].set_param("bench_load.plan", json.dumps(plan))
    env.cr.commit()
    print(f"prepared in {time.time() - t0:.0f} s", flush=True)
    return plan


def add_vehicles(cr, plan, per_company):
    """Vehicles in stock (first registration 2016-2020) per company, with their quant."""
    from stock import plate

    tpl = plan["template"]
    count = per_company * len(plan["companies"])
    tmpl_ids = scale.reserve_ids(cr, "product_template", count)
    variant_ids = scale.reserve_ids(cr, "product_product", count)
    quant_ids = scale.reserve_ids(cr, "stock_quant", count)
    rows = []
    for k in range(count):
        company = plan["companies"][k // per_company]
        rows.append((k, tmpl_ids[k], variant_ids[k], quant_ids[k], company))
    scale.clone(
        cr,
        "product_template",
        tpl["vehicle"],
        (
            {
                "id": tid,
                "name": {"en_US": f"Load vehicle {plate(k)}"},
                "default_code": f"LOAD{k:06d}",
                "license_plate": plate(k),
                "license_plate_key": plate(k).replace("-", ""),
                "vin": f"VF3LOADBENCH{k:05d}",
                "company_id": company["id"],
                "first_registration_date": date(2016 + k % 5, 1 + k % 12, 1 + k % 28),
                "model_year": 2016 + k % 5,
                "vehicle_state": "stock",
            }
            for k, tid, _vid, _qid, company in rows
        ),
    )
    scale.clone(
        cr,
        "product_product",
        tpl["variant"],
        (
            {"id": vid, "product_tmpl_id": tid, "default_code": f"LOAD{k:06d}"}
            for k, tid, vid, _qid, _company in rows
        ),
    )
    scale.clone(
        cr,
        "stock_quant",
        tpl["quant"],
        (
            {
                "id": qid,
                "product_id": vid,
                "location_id": company["location"],
                "company_id": company["id"],
            }
            for _k, _tid, vid, qid, company in rows
        ),
    )
    for company in plan["companies"]:
        company["variants"] = [vid for _k, _tid, vid, _qid, c in rows if c["id"] == company["id"]]


# --- JSON-RPC clients -----------------------------------------------------------------------------


def available(client, company):
    """The company's bench vehicles that no confirmed order sells yet."""
    sold = {
        order["vehicle_id"][0]
        for order in client.call(
            "sale.order", "search_read", [("state", "=", "sale")], ["vehicle_id"]
        )
        if order["vehicle_id"]
    }
    return [variant for variant in company["variants"] if variant not in sold]


class RpcError(Exception):
    def __init__(self, error):
        data = error.get("data") or {}
        self.name = data.get("name", "")
        self.message = data.get("message") or error.get("message", "")
        super().__init__(f"{self.name}: {self.message}")


class Client:
    """A salesperson in the web client: a session and JSON-RPC calls."""

    def __init__(self, url, db, login, company_id):
        self.url = url
        self.session = requests.Session()
        self.company_id = company_id
        result = self._post(
            "/web/session/authenticate", {"db": db, "login": login, "password": PASSWORD}
        )
        self.uid = result["uid"]
        self.context = {
            "lang": "fr_FR",
            "tz": "Europe/Paris",
            "uid": self.uid,
            "allowed_company_ids": [company_id],
        }

    def _post(self, path, params):
        response = self.session.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "params": params, "id": 1},
            timeout=120,
        )
        response.raise_for_status()
        body = response.json()
        if body.get("error"):
            raise RpcError(body["error"])
        return body["result"]

    def call(self, model, method, *args, **kwargs):
        kwargs.setdefault("context", self.context)
        return self._post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def stock_list(self):
        return self.call(
            "product.template",
            "web_search_read",
            domain=[("is_vehicle", "=", True), ("vehicle_state", "=", "stock")],
            specification=STOCK_SPEC,
            limit=80,
            count_limit=10001,
        )["length"]

    def create_order(self, customer, variant):
        return self.call(
            "sale.order",
            "web_save",
            [],
            {
                "partner_id": customer,
                **ORDER_DATES,
                "order_line": [[0, 0, {"product_id": variant}]],
            },
            specification={"name": {}, "state": {}},
        )[0]["id"]

    def confirm(self, order_id):
        return self.call("sale.order", "action_confirm", [order_id])

    def order_state(self, order_id):
        return self.call("sale.order", "web_read", [order_id], specification={"state": {}})[0][
            "state"
        ]


def ms(seconds):
    return seconds * 1000


def pct(values):
    if not values:
        return float("nan"), float("nan")
    return scale.percentiles(values)


def orders_phase(url, args, plan, label, check_read=False):
    """``--clients`` salespeople: list, create and confirm orders for ``--duration`` s."""
    stats = {"list": [], "create": [], "confirm": [], "errors": [], "stale_reads": 0, "orders": 0}
    lock = threading.Lock()
    clients = [
        Client(url, args.db, company["users"][0], company["id"])
        for company in plan["companies"][: args.clients]
    ]
    # each client sells its company's vehicles not sold yet (a previous run may have sold
    # some); the last --races vehicles of the first company are left to the races
    queues = [
        available(client, company)
        for client, company in zip(clients, plan["companies"], strict=False)
    ]
    queues[0] = queues[0][: -args.races or None]
    offset = log_offset(url)
    cpu_before = cpu_seconds()
    start = time.time()
    deadline = start + args.duration

    def run(client, company, variants):
        while time.time() < deadline and variants:
            variant = variants.pop(0)
            try:
                t0 = time.perf_counter()
                client.stock_list()
                t1 = time.perf_counter()
                order_id = client.create_order(company["customer"], variant)
                t2 = time.perf_counter()
                client.confirm(order_id)
                t3 = time.perf_counter()
                stale = check_read and client.order_state(order_id) != "sale"
                with lock:
                    stats["list"].append(ms(t1 - t0))
                    stats["create"].append(ms(t2 - t1))
                    stats["confirm"].append(ms(t3 - t2))
                    stats["orders"] += 1
                    stats["stale_reads"] += bool(stale)
            except (RpcError, requests.RequestException) as e:
                with lock:
                    stats["errors"].append(str(e)[:300])

    threads = [
        threading.Thread(target=run, args=(client, company, queue))
        for client, company, queue in zip(clients, plan["companies"], queues, strict=False)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.time() - start
    server = server_side(url, offset)
    cpu = {kind: used - cpu_before[kind] for kind, used in cpu_seconds().items()}
    print(f"\n{label}: {len(clients)} clients, {elapsed:.0f} s, load {scale.machine()}")
    print("  client side (request sent to answer read)   | server side, p50 (in the worker)")
    for key in ("list", "create", "confirm"):
        p50, p95 = pct(stats[key])
        queries, sql, python = server[key]
        print(
            f"  {key:8} p50 {p50:7.0f} ms   p95 {p95:7.0f} ms   | {sql + python:6.0f} ms"
            f" = SQL {sql:5.0f} ms + Python {python:5.0f} ms, {queries:.0f} queries"
        )
    print(f"  orders confirmed: {stats['orders']}, {stats['orders'] / elapsed:.2f} orders/s")
    print(cpu_used(cpu, elapsed, stats["orders"], "order"))
    print(f"  errors: {len(stats['errors'])}")
    for error in stats["errors"][:5]:
        print(f"    {error}")
    if check_read:
        print(
            f"  orders read back right after their confirmation not confirmed: "
            f"{stats['stale_reads']}"
        )
    _p50, p95 = pct(stats["confirm"])
    ok = not stats["errors"] and p95 < 1000
    return ok, stats


def races_phase(url, args, plan):
    """Two salespeople of one company confirm an order of the same vehicle at the same instant."""
    company = plan["companies"][0]
    a = Client(url, args.db, company["users"][0], company["id"])
    b = Client(url, args.db, company["users"][1], company["id"])
    outcomes = {"one_winner": 0, "french": 0, "serialization": 0, "other": []}
    vehicles = available(a, company)[-args.races :]
    if len(vehicles) < args.races:
        raise SystemExit(f"only {len(vehicles)} vehicles left for the races: a new database")
    for round_, variant in enumerate(vehicles):
        try:
            orders = [c.create_order(company["customer"], variant) for c in (a, b)]
        except RpcError as e:  # the vehicle is sold by an earlier run: next one
            outcomes["other"].append(f"round {round_}: {e}")
            continue
        barrier = threading.Barrier(2)
        results = [None, None]

        def confirm(i, client, order_id, barrier=barrier, results=results):
            barrier.wait()
            try:
                client.confirm(order_id)
                results[i] = True
            except RpcError as e:
                results[i] = e

        threads = [
            threading.Thread(target=confirm, args=(i, c, o))
            for i, (c, o) in enumerate(zip((a, b), orders, strict=True))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        winners = [r for r in results if r is True]
        losers = [r for r in results if r is not True]
        if len(winners) == 1:
            outcomes["one_winner"] += 1
        for error in losers:
            text = f"{error.name} {error.message}"
            if any(word in text for word in SERIALIZATION_WORDS):
                outcomes["serialization"] += 1
            if "UserError" in error.name or "ValidationError" in error.name:
                if any(word in error.message for word in FRENCH_WORDS):
                    outcomes["french"] += 1
                else:
                    outcomes["other"].append(text)
            else:
                outcomes["other"].append(text)
            outcomes.setdefault("messages", []).append(error.message)
    print(f"\nraces: {args.races} rounds, two salespeople confirming the same vehicle at once")
    print(f"  exactly one winner: {outcomes['one_winner']} / {args.races}")
    print(f"  losers told in French (UserError/ValidationError): {outcomes['french']}")
    print(f"  serialization errors reaching a user: {outcomes['serialization']}")
    messages = outcomes.get("messages", [])
    if messages:  # one per round, each naming its vehicle: the first one tells the wording
        print(f"    first of {len(messages)}: « {messages[0]} »")
    for other in outcomes["other"][:5]:
        print(f"  other: {other}")
    ok = (
        outcomes["one_winner"] == args.races
        and outcomes["french"] == args.races
        and not outcomes["serialization"]
    )
    return ok


def declarations_phase(args, registry, url):
    """Declarations through the real queue_job runner of the server at ``url``."""
    import declarations as bench_declarations

    from odoo import SUPERUSER_ID, api

    from spoticar_core.sandbox import SandboxServer

    workdir = tempfile.mkdtemp(prefix="i17-sandbox-")
    sandbox = SandboxServer(
        os.path.join(workdir, "sandbox.sqlite3"),
        port=0,
        api_key=bench_declarations.API_KEY,
        seed=17,
    ).start()
    try:
        count_args = argparse.Namespace(count=args.declarations, timeout=args.timeout)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            t0 = time.time()
            warranties = bench_declarations.setup(env, sandbox, count_args)
            cr.commit()
            ids = warranties.ids
            print(f"\n==> {len(ids)} warranties ready in {time.time() - t0:.0f} s", flush=True)
            sandbox.inject_fault("latency", delay=0.05, count=None, rate=1.0)
            bench_declarations.inject_faults(sandbox, args.fault_rate)
            admin_env = api.Environment(cr, env.ref("base.user_admin").id, {})
            cpu_before = cpu_seconds()
            start = time.monotonic()
            warranties.with_env(admin_env).action_centralizer_declare_batch()
            cr.commit()
        conn = scale.pg_connect(args, args.db)
        pg = conn.cursor()
        restarted = False
        deadline = time.monotonic() + 1800
        while time.monotonic() < deadline:
            pg.execute(
                "SELECT count(*) FILTER (WHERE state IN ('pending', 'enqueued', 'started')),"
                " count(*) FILTER (WHERE state = 'done') FROM queue_job WHERE channel = %s",
                [bench_declarations.CHANNEL],
            )
            running, done = pg.fetchone()
            if not restarted and done >= len(ids) // 2:
                sandbox.stop()  # the Centralisateur restarts mid-run (same port, same data)
                time.sleep(1)
                sandbox.start()
                restarted = True
                print(f"  sandbox restarted after {done} jobs done", flush=True)
            if not running:
                break
            time.sleep(0.2)
        elapsed = time.monotonic() - start
        cpu = {kind: used - cpu_before[kind] for kind, used in cpu_seconds().items()}
        conn.close()
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            warranties = env["spoticar.warranty"].browse(ids)
            exactly_once = bench_declarations.check(env, sandbox, warranties)
            declared = len(warranties.filtered(lambda w: w.state == "declared"))
            jobs = env["queue.job"].search([("channel", "=", bench_declarations.CHANNEL)])
            failed = len(jobs.filtered(lambda j: j.state == "failed"))
        stats = sandbox.stats()
    finally:
        sandbox.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    rate = declared / elapsed
    print(f"declarations through the queue_job runner of {url} ({args.workers} workers)")
    print(f"  time: {elapsed:.1f} s, {rate:.1f} declarations/s (target >= 20)")
    print(
        f"  declared: {declared}, exactly once: {exactly_once} / {len(ids)}, failed jobs: {failed}"
    )
    print(cpu_used(cpu, elapsed, declared, "declaration") + " (the sandbox runs in this bench)")
    print(
        f"  sandbox: {stats['requests']} requests, {stats['faults_injected']} faults, "
        f"{stats['replays']} replays, {stats['declarations']} declarations, "
        f"{stats['contracts']} contracts, duplicate contracts {stats['duplicate_contracts']}"
    )
    return exactly_once == len(ids) and stats["duplicate_contracts"] == 0 and rate >= 20


# --- Server side: Odoo's request log -------------------------------------------------------------

url_logs = {}  # URL of a running server: its log file
SERVER_METHODS = {"list": "web_search_read", "create": "web_save", "confirm": "action_confirm"}
MODELS = ("sale.order", "product.template")
CALL_KW = "/web/dataset/call_kw/"


def cpu_used(cpu, elapsed, count, unit):
    """The line of a phase's CPU: cores busy on average by kind of process, CPU per ``unit``
    (``cpu``: seconds used by kind over ``elapsed`` seconds, for ``count`` units)."""
    line = "  CPU used (cores busy on average): " + ", ".join(
        f"{kind} {used / elapsed:.2f}" for kind, used in cpu.items()
    )
    if count:
        line += f"; per {unit}: {sum(cpu.values()) / count * 1000:.0f} ms of CPU"
    return line


def cpu_seconds():
    """CPU seconds used so far by Odoo's processes, PostgreSQL's and this bench's clients
    (``/proc``; processes that ended meanwhile are not counted)."""
    ticks = {"Odoo": 0, "PostgreSQL": 0, "bench clients": 0}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                command = f.read().decode(errors="replace")
        except OSError:
            continue
        if int(pid) == os.getpid():
            kind = "bench clients"
        elif "postgres" in command:
            kind = "PostgreSQL"
        elif "i17-odoo-bin" in command:  # scale.odoo_server's launcher
            kind = "Odoo"
        else:
            continue
        ticks[kind] += int(fields[11]) + int(fields[12])  # utime + stime
    hertz = os.sysconf("SC_CLK_TCK")
    return {kind: value / hertz for kind, value in ticks.items()}


def log_offset(url):
    return os.path.getsize(url_logs[url])


def server_side(url, offset):
    """{list|create|confirm: (queries, SQL ms, Python ms) p50} of the requests logged by the
    server at ``url`` since ``offset``: the time spent in the worker, without the wait for one."""
    figures = {key: ([], [], []) for key in SERVER_METHODS}
    keys = {method: key for key, method in SERVER_METHODS.items()}
    for verb, path, status, queries, sql, python in stock_bench.request_log(url_logs[url], offset):
        if verb != "POST" or status != 200 or not path.startswith(CALL_KW):
            continue
        model, _slash, method = path[len(CALL_KW) :].partition("/")
        if model in MODELS and method in keys:
            query_counts, sql_ms, python_ms = figures[keys[method]]
            query_counts.append(queries)
            sql_ms.append(sql * 1000)
            python_ms.append(python * 1000)
    return {
        key: tuple(statistics.median(values) if values else float("nan") for values in columns)
        for key, columns in figures.items()
    }


# --- Odoo server as in production -----------------------------------------------------------------


def server_config(args, path, replica_port=None):
    lines = [
        "[options]",
        f"workers = {args.workers}",
        "max_cron_threads = 1",
        "server_wide_modules = base,web,queue_job",
        "limit_time_cpu = 600",
        "limit_time_real = 1200",
        "log_level = warn",
        "",
        "[queue_job]",
        f"channels = {CHANNELS}",
    ]
    if replica_port:
        lines[1:1] = ["db_replica_host = 127.0.0.1", f"db_replica_port = {replica_port}"]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


@contextlib.contextmanager
def production_server(args, workdir, replica_port=None, name="odoo"):
    conf = server_config(args, os.path.join(workdir, f"{name}.conf"), replica_port)
    log = os.path.join(workdir, f"{name}.log")
    extra = [
        "-c",
        conf,
        f"--workers={args.workers}",
        "--max-cron-threads=1",
        "--load=base,web,queue_job",
        f"--gevent-port={scale.free_port()}",
        # Odoo's request line: SQL queries, SQL time and the rest of the server time
        "--log-handler=werkzeug:INFO",
    ]
    with scale.odoo_server(args, extra, log=log) as url:
        print(
            f"==> Odoo on {url}: {args.workers} workers, 1 cron thread, queue_job runner"
            f" ({CHANNELS}){', replica on port %s' % replica_port if replica_port else ''}"
            f", log {log}",
            flush=True,
        )
        url_logs[url] = log
        catch_up_scheduled_jobs(args)
        yield url


# the jobs Odoo's cron worker would take now (ir.cron._get_ready_sql_condition, in SQL)
READY_JOBS = """
    SELECT id FROM ir_cron
     WHERE active
       AND (nextcall <= now() AT TIME ZONE 'UTC'
            OR id IN (SELECT cron_id FROM ir_cron_trigger
                       WHERE call_at <= now() AT TIME ZONE 'UTC'))
"""


def catch_up_scheduled_jobs(args, timeout=900):
    """Let the server run the scheduled jobs due on the copied database before measuring.

    A copy of a database that no server ran has every daily job due at once (the procurement
    scheduler, the auto-vacuum of internal data, the suite's activities...). Odoo's cron
    worker sleeps a minute after it starts, then runs them one after the other: in the middle
    of the measure, which a server that has been running does not do. Wake it (the NOTIFY that
    ``ir.cron._notifydb`` sends) and wait until no job is due nor running (a running job's row
    is locked by the cron worker). The NOTIFY is sent again while jobs are due: a job the
    worker found locked by this check waits for its next wake-up."""
    start = time.time()
    notify = scale.pg_connect(args)  # the cron worker listens on the "postgres" database
    conn = scale.pg_connect(args, args.db)
    conn.autocommit = False
    cr = conn.cursor()
    try:
        while time.time() - start < timeout:
            cr.execute(READY_JOBS)
            ready = len(cr.fetchall())
            cr.execute("SELECT count(*) FROM ir_cron WHERE active")
            active = cr.fetchone()[0]
            cr.execute("SELECT id FROM ir_cron WHERE active FOR NO KEY UPDATE SKIP LOCKED")
            running = active - len(cr.fetchall())
            conn.rollback()  # at once: the cron worker locks the jobs the same way
            if not ready and not running:
                took = time.time() - start
                print(f"  scheduled jobs due at start: run in {took:.0f} s", flush=True)
                return
            if ready:
                notify.cursor().execute("SELECT pg_notify('cron_trigger', %s)", [args.db])
            time.sleep(2)
        print(f"  scheduled jobs still due or running after {timeout} s: measuring anyway")
    finally:
        conn.close()
        notify.close()


# --- PostgreSQL primary and streaming replica -----------------------------------------------------


def pg_bin(name):
    found = sorted(
        d
        for d in os.listdir("/usr/lib/postgresql")
        if os.path.exists(f"/usr/lib/postgresql/{d}/bin/{name}")
    )
    return f"/usr/lib/postgresql/{found[-1]}/bin/{name}"


def as_postgres(command, **kwargs):
    """PostgreSQL refuses to run as root: the clusters run as the postgres system user."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    kwargs.setdefault("check", True)
    return subprocess.run(command, **kwargs)


def deployment_settings(service):
    """The ``-c name=value`` settings of a PostgreSQL service of ``docker-compose.yml``."""
    import yaml

    with open(os.path.join(ROOT, "docker-compose.yml")) as f:
        command = yaml.safe_load(f)["services"][service]["command"]
    return [value for flag, value in zip(command, command[1:], strict=False) if flag == "-c"]


def start_cluster(data, port, workdir):
    as_postgres(
        [
            pg_bin("pg_ctl"),
            "-D",
            data,
            "-l",
            data + ".log",
            "-w",
            "-o",
            f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1",
            "start",
        ],
        stdout=subprocess.DEVNULL,
    )


@contextlib.contextmanager
def deployment_clusters(workdir, replica=False, statements=False):
    """A PostgreSQL primary (``initdb``) with the settings of the ``db-primary`` service of
    ``docker-compose.yml``, and with ``replica`` its streaming replica (``pg_basebackup -R``)
    with those of ``db-replica``, on free ports; yields their ports (replica: None).
    ``statements`` adds pg_stat_statements to the primary (planning time included)."""
    primary_dir = os.path.join(workdir, "primary")
    replica_dir = os.path.join(workdir, "replica")
    primary_port, replica_port = scale.free_port(), scale.free_port()
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres")
    started = []
    try:
        as_postgres(
            [pg_bin("initdb"), "-D", primary_dir, "-U", CLUSTER_USER, "-A", "trust"],
            stdout=subprocess.DEVNULL,
        )
        with open(os.path.join(primary_dir, "postgresql.auto.conf"), "a") as f:
            f.write("".join(f"{setting}\n" for setting in deployment_settings("db-primary")))
            f.write("hot_standby = on\n")
            if statements:
                f.write("shared_preload_libraries = 'pg_stat_statements'\n")
                f.write("pg_stat_statements.track_planning = on\n")
        with open(os.path.join(primary_dir, "pg_hba.conf"), "a") as f:
            f.write("host replication all 127.0.0.1/32 trust\n")
        start_cluster(primary_dir, primary_port, workdir)
        started.append(primary_dir)
        if replica:
            as_postgres(
                [
                    pg_bin("pg_basebackup"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(primary_port),
                    "-U",
                    CLUSTER_USER,
                    "-D",
                    replica_dir,
                    "-R",
                    "-X",
                    "stream",
                ]
            )
            with open(os.path.join(replica_dir, "postgresql.auto.conf"), "a") as f:
                f.write("".join(f"{setting}\n" for setting in deployment_settings("db-replica")))
            start_cluster(replica_dir, replica_port, workdir)
            started.append(replica_dir)
        print(
            f"==> PostgreSQL {'primary' if replica else 'server'} on port {primary_port} with the "
            "settings of docker-compose.yml"
            + (f", streaming replica on port {replica_port}" if replica else "")
            + f" ({workdir})",
            flush=True,
        )
        yield primary_port, replica_port if replica else None
    finally:
        for data in reversed(started):
            as_postgres(
                [pg_bin("pg_ctl"), "-D", data, "-m", "fast", "-w", "stop"],
                stdout=subprocess.DEVNULL,
                check=False,
            )


def copy_database(args, local):
    """The prepared database copied to the bench's cluster, with the autovacuum settings of
    ``config/postgres/tuning.sql`` applied as the README says."""
    env = dict(os.environ, PGPASSWORD="")
    target = ["-h", local.db_host, "-p", str(local.db_port), "-U", local.db_user]
    subprocess.run(["createdb", *target, local.db], check=True, env=env)
    dump = subprocess.Popen(
        ["pg_dump", "-h", args.db_host, "-p", str(args.db_port), "-Fc", args.db]
        + (["-U", args.db_user] if args.db_user else []),
        stdout=subprocess.PIPE,
    )
    subprocess.run(
        ["pg_restore", *target, "--no-owner", "--no-privileges", "-d", local.db],
        stdin=dump.stdout,
        check=True,
        env=env,
    )
    dump.wait()
    subprocess.run(
        ["psql", *target, "-q", "-v", "ON_ERROR_STOP=1", "-d", local.db, "-f"]
        + [os.path.join(ROOT, "config", "postgres", "tuning.sql")],
        check=True,
        env=env,
    )
    subprocess.run(["vacuumdb", *target, "--analyze", "-q", "-d", local.db], check=True, env=env)


def transactions(args, port):
    """Transactions committed so far in the database on the cluster at ``port``."""
    conn = scale.pg_connect(argparse.Namespace(**dict(vars(args), db_port=port)), args.db)
    cr = conn.cursor()
    cr.execute("SELECT xact_commit FROM pg_stat_database WHERE datname = %s", [args.db])
    count = cr.fetchone()[0]
    conn.close()
    return count


SEQ_SCANS = "SELECT relname, seq_scan, seq_tup_read FROM pg_stat_user_tables"


def statements_reset(local):
    """Start counting the statements from now (pg_stat_statements, ``--statements``); return
    the tables' sequential scans so far."""
    conn = scale.pg_connect(local, local.db)
    cr = conn.cursor()
    cr.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
    cr.execute("SELECT pg_stat_statements_reset()")
    cr.execute(SEQ_SCANS)
    scans = {name: (count, rows) for name, count, rows in cr.fetchall()}
    conn.close()
    return scans


def statements_report(local, count, orders, scans_before_by_table):
    """The ``count`` statements that cost PostgreSQL the most time (planning + execution) since
    ``statements_reset``, and the tables read by sequential scans meanwhile: where the
    database's share of an order goes."""
    time.sleep(1)  # the backends report their table statistics at most once a second
    conn = scale.pg_connect(local, local.db)
    cr = conn.cursor()
    cr.execute(SEQ_SCANS)
    seq_scans = []  # (rows read, scans, table) since the reset
    for name, scans, rows_read in cr.fetchall():
        scans_before, rows_before = scans_before_by_table.get(name, (0, 0))
        if scans > scans_before:
            seq_scans.append((rows_read - rows_before, scans - scans_before, name))
    seq_scans.sort(reverse=True)
    cr.execute(
        """SELECT calls, total_plan_time, total_exec_time, rows, query
             FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = %s
            ORDER BY total_plan_time + total_exec_time DESC""",
        [local.db],
    )
    rows = cr.fetchall()
    conn.close()
    total = sum(plan + execute for _calls, plan, execute, _rows, _query in rows) or 1.0
    all_calls = sum(row[0] for row in rows)
    per_order = orders or 1
    print(
        f"\nSQL statements of the orders phase (pg_stat_statements): {len(rows)} distinct, "
        f"{all_calls / per_order:.0f} calls and {total / per_order:.1f} ms (planning + execution) "
        f"per order; the {count} costliest:"
    )
    print("   share  calls/order  ms/call: plan    exec  statement")
    for calls, plan, execute, _rows, query in rows[:count]:
        text = " ".join(query.split())
        print(
            f"  {100 * (plan + execute) / total:5.1f} %  {calls / per_order:11.2f}"
            f"          {plan / calls:6.3f}  {execute / calls:6.3f}  {text[:160]}"
        )
    print("  tables read by sequential scans (rows read per order, scans per order):")
    for rows_read, scans, name in seq_scans[:count] or [(0, 0, "none")]:
        print(f"    {name:40} {rows_read / per_order:9.1f} rows  {scans / per_order:6.2f} scans")


class ActivitySampler:
    """What the connections to the bench's database do while a phase runs (``--activity``):
    ``pg_stat_activity`` read every ``interval`` seconds by a thread on a connection of its own.

    On average over the samples, how many connections run a statement (or wait for a core to
    run it), wait for a lock or another event, sit idle in their transaction (PostgreSQL waits
    for Odoo's Python) or idle between two requests: whether the database or Odoo's workers
    hold the requests back."""

    QUERY = """
        SELECT state, wait_event_type, wait_event FROM pg_stat_activity
         WHERE datname = %s AND backend_type = 'client backend' AND pid <> pg_backend_pid()"""

    def __init__(self, local, interval=0.02):
        self.local = local
        self.interval = interval
        self.counts = collections.Counter()
        self.samples = 0
        self._stop = threading.Event()
        self._thread = None

    def __enter__(self):
        conn = scale.pg_connect(self.local, self.local.db)
        self._thread = threading.Thread(target=self._run, args=(conn,), daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()

    def _run(self, conn):
        cr = conn.cursor()
        try:
            while not self._stop.wait(self.interval):
                cr.execute(self.QUERY, [self.local.db])
                self.counts.update(self.label(*row) for row in cr.fetchall())
                self.samples += 1
        finally:
            conn.close()

    @staticmethod
    def label(state, wait_type, wait_event):
        if state == "active" and not wait_type:
            return "running a statement (or waiting for a core to run it)"
        if wait_type == "Lock":
            return f"waiting for a lock ({wait_event})"
        if state == "idle in transaction" and wait_type == "Client":
            return "idle in a transaction: PostgreSQL waits for Odoo"
        if state == "idle" and wait_type == "Client":
            return "idle between requests"
        return f"{state}, waiting for {wait_type or 'nothing'}: {wait_event or '-'}"

    def report(self):
        samples = self.samples or 1
        locks = sum(
            count for label, count in self.counts.items() if label.startswith("waiting for a lock")
        )
        print(
            f"\nOdoo's connections to PostgreSQL in the orders phase ({self.samples} samples of"
            f" pg_stat_activity, one every {self.interval * 1000:.0f} ms), on average:"
        )
        rare = 0
        for label, count in self.counts.most_common():
            if count / samples >= 0.005:
                print(f"  {count / samples:6.2f}  {label}")
            else:
                rare += 1
        if rare:
            print(f"  (and {rare} rarer states, each under 0.005 on average)")
        print(f"  waiting for a lock, all kinds: {locks / samples:.2f}")


def replica_run(local, plan, workdir, replica_port):
    """The orders phase on the primary alone, then with its replica."""
    results = {}
    time.sleep(5)  # the replica catches up with the copy before measuring
    for label, replica in (("primary only", None), ("with the replica", replica_port)):
        before = transactions(local, replica_port)
        with production_server(local, workdir, replica, name=label.replace(" ", "_")) as url:
            ok, stats = orders_phase(url, local, plan, f"orders, {label}", check_read=True)
        stats["replica_transactions"] = transactions(local, replica_port) - before
        results[label] = (ok, stats)
    print("\nStock VO list under load, p50 / p95 (ms), transactions served by the replica:")
    for label, (_ok, stats) in results.items():
        p50, p95 = pct(stats["list"])
        print(
            f"  {label:18} {p50:7.0f} {p95:7.0f}   replica transactions "
            f"{stats['replica_transactions']}, stale reads {stats['stale_reads']}"
        )
    return all(ok for ok, _stats in results.values())


def main():
    args = parse_args()
    # a kill ends the run through the ``finally`` blocks: servers and clusters stopped
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))
    import odoo
    import odoo.service.server
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    skip = set(filter(None, args.skip.split(",")))
    # each fault is logged by the sandbox (INFO) and each failed attempt by the client (WARNING)
    logging.getLogger("spoticar_core").setLevel(logging.ERROR)
    scale.ensure_database(args)
    config.parse_config(scale.odoo_args(args))
    odoo.service.server.load_server_wide_modules()
    registry = Registry(args.db)
    threading.current_thread().dbname = args.db
    with registry.cursor() as cr:
        print(scale.describe(cr), flush=True)
        plan = prepare(api.Environment(cr, SUPERUSER_ID, {}), args)
    results = {}
    workdir = tempfile.mkdtemp(prefix="i17-load-")
    try:
        with deployment_clusters(
            workdir, replica=args.replica, statements=bool(args.statements)
        ) as (primary_port, replica_port):
            local = argparse.Namespace(
                **dict(vars(args), db_host="127.0.0.1", db_port=str(primary_port))
            )
            local.db_user = CLUSTER_USER
            copy_database(args, local)
            if args.replica:
                results["replica"] = replica_run(local, plan, workdir, replica_port)
            else:
                with production_server(local, workdir) as url:
                    if "orders" not in skip:
                        # one salesperson alone first (the last company: the first one keeps
                        # its vehicles for the races): the cost of a request without waiting
                        alone = argparse.Namespace(
                            **dict(vars(local), clients=1, duration=args.alone)
                        )
                        last = dict(plan, companies=plan["companies"][-1:])
                        orders_phase(url, alone, last, "orders, one salesperson alone")
                        scans = statements_reset(local) if args.statements else None
                        activity = ActivitySampler(local)
                        with activity if args.activity else contextlib.nullcontext():
                            results["orders"], stats = orders_phase(url, local, plan, "orders")
                        if args.statements:
                            statements_report(local, args.statements, stats["orders"], scans)
                        if args.activity:
                            activity.report()
                    if "races" not in skip:
                        results["races"] = races_phase(url, local, plan)
                    if "declarations" not in skip:
                        # the ORM of this process (set-up and checks) on the bench's cluster
                        odoo.sql_db.close_all()
                        config["db_host"], config["db_port"] = local.db_host, primary_port
                        config["db_user"] = local.db_user
                        cluster_registry = Registry.new(local.db)
                        results["declarations"] = declarations_phase(local, cluster_registry, url)
            odoo.sql_db.close_all()  # before the clusters stop
    finally:
        odoo.sql_db.close_all()
        shutil.rmtree(workdir, ignore_errors=True)
        if not args.keep_db:
            scale.drop_database(args)
    print(f"\nmachine at the end: {scale.machine()}")
    failed = [name for name, ok in results.items() if not ok]
    print("RESULT:", "OK" if not failed else "FAILED: " + ", ".join(failed))
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
