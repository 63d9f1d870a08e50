#!/usr/bin/env python3
"""Benchmark (not in CI): warranties declared through the queue against the sandbox Centralisateur,
with injected faults.

    PYTHONPATH=src python3 bench/declarations.py [--count 1000] [--fault-rate 0.10] [--workers 4]
        [--db spoticar_bench_declarations] [--keep-db] [--db-host 127.0.0.1] [--db-user USER]

What it does:

1. creates the database (``spoticar_centralizer`` installed, no demo data) unless it exists;
2. starts a sandbox Centralisateur (``spoticar_core.sandbox.SandboxServer``) on a free loopback
   port,
   with faults hitting ``--fault-rate`` of the declaration requests: HTTP 500 before processing,
   connection dropped before processing, and the worst case, a timeout *after* the declaration was
   stored (the answer is lost: only the idempotency key prevents a second contract);
3. creates ``--count`` warranties ready to declare (one vehicle each) and queues them all with the
   list action "Déclarer et garantir" (one ``queue_job`` job per warranty);
4. runs the queue with ``--workers`` threads doing what the queue_job runner does for each job:
   ``RunJobController._acquire_job`` then ``RunJobController._runjob`` (perform, commit; on
   ``RetryableJobError`` postpone with the job function's retry pattern, shortened here to 1-2 s
   so the run does not wait minutes; on another error mark the job failed);
5. prints the time, the declarations per second, the warranties declared exactly once (declared in
   Odoo, with the number the sandbox stored for their idempotency key, one declaration and one
   contract on the sandbox side) and the duplicate contracts of the sandbox.

Exit code 0 when every warranty is declared exactly once and the sandbox has no duplicate contract.
"""

import argparse
import datetime
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "src"))

API_KEY = "bench-centralizer-key"
LETTERS = "ABCDEFGHJKLMNPQRTVXYZ"
CHANNEL = "root.spoticar_centralizer"
BENCH_RETRY_PATTERN = {1: 1, 5: 2}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="warranties to declare (1000)")
    parser.add_argument("--fault-rate", type=float, default=0.10, help="share of faulty requests")
    parser.add_argument("--workers", type=int, default=4, help="queue worker threads (4)")
    parser.add_argument("--timeout", type=float, default=0.5, help="company timeout in s (0.5)")
    parser.add_argument("--db", default="spoticar_bench_declarations")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database")
    parser.add_argument("--db-host", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--db-port", default=os.environ.get("PGPORT", "5432"))
    parser.add_argument("--db-user", default=os.environ.get("PGUSER"))
    parser.add_argument("--seed", type=int, default=42)
    return parser.parse_args()


def odoo_args(args):
    import odoo

    odoo_root = os.path.dirname(odoo.__path__[0])
    addons = [os.path.join(ROOT, "addons")]
    if os.path.isdir(os.path.join(odoo_root, "addons", "web")):
        addons.append(os.path.join(odoo_root, "addons"))
    result = [
        f"--addons-path={','.join(addons)}",
        "-d",
        args.db,
        f"--db_host={args.db_host}",
        f"--db_port={args.db_port}",
        "--workers=0",
        "--max-cron-threads=0",
        "--log-level=warn",
    ]
    if args.db_user:
        result.append(f"--db_user={args.db_user}")
    return result


def ensure_database(args):
    """Install spoticar_centralizer in a fresh database unless it is there already."""
    import psycopg2

    params = {
        "host": args.db_host,
        "port": args.db_port,
        "user": args.db_user,
        "dbname": "postgres",
    }
    with psycopg2.connect(**params) as conn:
        cr = conn.cursor()
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [args.db])
        exists = bool(cr.fetchone())
    if exists:
        with psycopg2.connect(**dict(params, dbname=args.db)) as conn:
            cr = conn.cursor()
            cr.execute(
                "SELECT 1 FROM ir_module_module WHERE name = 'spoticar_centralizer' "
                "AND state = 'installed'"
            )
            if cr.fetchone():
                return False
    print(f"==> installing spoticar_centralizer in {args.db} (a few minutes)", flush=True)
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "src"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            *odoo_args(args),
            "-i",
            "spoticar_centralizer",
            "--stop-after-init",
            "--http-port=0",
        ],
        check=True,
        env=env,
    )
    return True


def drop_database(args):
    import psycopg2

    params = {
        "host": args.db_host,
        "port": args.db_port,
        "user": args.db_user,
        "dbname": "postgres",
    }
    conn = psycopg2.connect(**params)
    conn.autocommit = True
    conn.cursor().execute(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
    conn.close()


def plates(count):
    for index in range(count):
        first, rest = divmod(index, 899)
        yield f"{LETTERS[first // len(LETTERS)]}{LETTERS[first % len(LETTERS)]}-{rest + 101:03d}-BC"


def setup(env, sandbox, args):
    company = env.ref("base.main_company")
    company.write(
        {
            "spoticar_dealer_code": "953617Z",
            "spoticar_icare_identifier": "IC953617",
            "spoticar_guarantor_stellantis": True,
            "spoticar_centralizer_url": sandbox.url,
            "spoticar_centralizer_api_key": API_KEY,
            "spoticar_centralizer_environment": "test",
            "spoticar_centralizer_timeout": args.timeout,
        }
    )
    # A clean queue: jobs left by an earlier run of the bench on this database are dropped.
    env.cr.execute("DELETE FROM queue_job WHERE channel = %s", [CHANNEL])
    function = env["queue.job.function"].search(
        [("name", "=", "<spoticar.warranty>._centralizer_job_declare")]
    )
    function.retry_pattern = BENCH_RETRY_PATTERN
    fr = env.ref("base.fr")
    admin = env.ref("base.user_admin")
    product = env.ref("spoticar_warranty.product_spoticar_premium")
    vals_list = []
    for index, plate in enumerate(plates(args.count)):
        vals_list.append(
            {
                "company_id": company.id,
                "seller_id": admin.id,
                "sale_origin": "vo_on_vo",
                "sale_date": datetime.date(2025, 11, 20),
                "delivery_date": datetime.date(2025, 11, 30),
                "customer_title": "mr",
                "customer_lastname": f"Dupond{index}",
                "customer_firstname": "Jean",
                "customer_street": "Rue Spoticar",
                "customer_zip": "75010",
                "customer_city": "PARIS",
                "customer_country_id": fr.id,
                "customer_birthdate": datetime.date(1960, 5, 17),
                "customer_birth_city": "Tours",
                "customer_birth_country_id": fr.id,
                "customer_nationality_id": fr.id,
                "vehicle_category": "VP",
                "vehicle_label": "spoticar",
                "license_plate": plate,
                "vehicle_make": "PEUGEOT",
                "vehicle_model": "208",
                "vehicle_version": "1.2 PURETECH 100 CH S&S ALLURE",
                "first_registration_date": datetime.date(2023, 5, 11),
                "energy": "petrol",
                "din_power": 100,
                "vin": f"VF3UPHNS5PS{index:06d}",
                "mileage": 12000,
                "mfr_warranty_end_date": datetime.date(2025, 5, 11),
                "mfr_warranty_end_km": 999999,
                "product_id": product.id,
                "duration_months": 12,
            }
        )
    Warranty = (
        env["spoticar.warranty"]
        .with_company(company)
        .with_context(tracking_disable=True, mail_create_nolog=True)
    )
    warranties = Warranty.create(vals_list)
    warranties.action_validate()
    return warranties.with_context(tracking_disable=False)


def inject_faults(sandbox, rate):
    """Three kinds of faults that together hit about ``rate`` of the declaration requests."""
    third = 1 - (1 - rate) ** (1 / 3)  # each kind drawn independently: 1 - (1 - t)^3 = rate
    sandbox.inject_fault("error", status=500, count=None, rate=third)
    sandbox.inject_fault("drop", count=None, rate=third)
    sandbox.inject_fault("timeout", after=True, delay=1.0, count=None, rate=third)


def run_queue(registry, workers):
    """Emulate the queue_job runner on CHANNEL with ``workers`` threads until the queue is empty."""
    from psycopg2 import OperationalError

    from odoo import SUPERUSER_ID, api

    from odoo.addons.queue_job.controllers.main import RunJobController

    stop = threading.Event()
    counts = {"performed": 0, "errors": 0}
    lock = threading.Lock()

    def next_job():
        try:
            return _next_job()
        except OperationalError:  # two workers raced for the same row: try again
            return None

    def _next_job():
        with registry.cursor() as cr:
            # like the runner: read committed, so that a row another worker just took is skipped
            cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            cr.execute(
                "SELECT uuid FROM queue_job WHERE channel = %s AND state = 'pending' "
                "AND (eta IS NULL OR eta <= now() AT TIME ZONE 'UTC') "
                "ORDER BY priority, date_created, id LIMIT 1 FOR UPDATE SKIP LOCKED",
                [CHANNEL],
            )
            row = cr.fetchone()
            if row:
                cr.execute(
                    "UPDATE queue_job SET state = 'enqueued', date_enqueued = now() "
                    "AT TIME ZONE 'UTC' WHERE uuid = %s",
                    row,
                )
                return row[0]
            cr.execute(
                "SELECT count(*) FROM queue_job WHERE channel = %s "
                "AND state IN ('pending', 'enqueued', 'started')",
                [CHANNEL],
            )
            if not cr.fetchone()[0]:
                stop.set()
            return None

    def worker():
        threading.current_thread().dbname = registry.db_name
        while not stop.is_set():
            uuid = next_job()
            if not uuid:
                time.sleep(0.05)
                continue
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                job = RunJobController._acquire_job(env, uuid)
                if not job:
                    # Row briefly locked by another worker's scan: back to pending (the real
                    # runner requeues such jobs too).
                    cr.rollback()
                    cr.execute(
                        "UPDATE queue_job SET state = 'pending' WHERE uuid = %s "
                        "AND state = 'enqueued'",
                        [uuid],
                    )
                    continue
                try:
                    RunJobController._runjob(env, job)
                except Exception:  # noqa: BLE001 - the job is marked failed by _runjob
                    with lock:
                        counts["errors"] += 1
                with lock:
                    counts["performed"] += 1

    threads = [threading.Thread(target=worker, name=f"bench-worker-{i}") for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counts


def check(env, sandbox, warranties):
    """Warranties declared exactly once, from both sides."""
    import sqlite3

    conn = sqlite3.connect(sandbox.db_path)
    by_key = dict(conn.execute("SELECT idempotency_key, number FROM declarations"))
    per_vin = dict(conn.execute("SELECT vin, count(*) FROM declarations GROUP BY vin"))
    contracts = {}
    for number, _guarantor, declaration in conn.execute(
        "SELECT number, guarantor, declaration_number FROM contracts"
    ):
        contracts.setdefault(declaration, []).append(number)
    conn.close()
    exactly_once = 0
    for warranty in warranties:
        number = warranty.declaration_number
        if (
            warranty.state == "declared"
            and number
            and by_key.get(warranty.centralizer_idempotency_key) == number
            and per_vin.get(warranty.vin) == 1
            and sorted(contracts.get(number, []))
            == sorted(warranty.contract_ids.mapped("contract_number"))
        ):
            exactly_once += 1
    return exactly_once


def main():
    args = parse_args()
    logging.basicConfig(level=logging.WARNING)
    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    from spoticar_core.sandbox import SandboxServer

    created = ensure_database(args)
    config.parse_config(odoo_args(args))
    # Each failed attempt is a WARNING of the client; the sandbox logs every request at INFO.
    logging.getLogger("spoticar_core").setLevel(logging.ERROR)
    logging.getLogger("odoo.addons.queue_job").setLevel(logging.CRITICAL)
    workdir = tempfile.mkdtemp(prefix="spoticar-bench-")
    sandbox = SandboxServer(
        os.path.join(workdir, "sandbox.sqlite3"), port=0, api_key=API_KEY, seed=args.seed
    ).start()
    try:
        registry = Registry(args.db)
        threading.current_thread().dbname = args.db
        from odoo import SUPERUSER_ID, api

        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            started = time.monotonic()
            warranties = setup(env, sandbox, args)
            cr.commit()
            print(
                f"==> {len(warranties)} warranties ready in {time.monotonic() - started:.1f} s",
                flush=True,
            )
            inject_faults(sandbox, args.fault_rate)
            admin_env = api.Environment(cr, env.ref("base.user_admin").id, {})
            start = time.monotonic()
            warranties.with_env(admin_env).action_centralizer_declare_batch()
            cr.commit()
            ids = warranties.ids
        counts = run_queue(registry, args.workers)
        elapsed = time.monotonic() - start
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            warranties = env["spoticar.warranty"].browse(ids)
            exactly_once = check(env, sandbox, warranties)
            declared = warranties.filtered(lambda w: w.state == "declared")
            jobs = env["queue.job"].search([("channel", "=", CHANNEL)])
            failed_jobs = jobs.filtered(lambda j: j.state == "failed")
            exchanges = env["spoticar.centralizer.exchange"].search_count(
                [("warranty_id", "in", ids)]
            )
        stats = sandbox.stats()
        import stock as stock_bench  # bench/stock.py (it imports Odoo): the CPU reference

        print()
        print(stock_bench.cpu_reference())
        print(f"warranties:                       {len(ids)}")
        print(f"queue workers:                    {args.workers} threads (emulated runner)")
        print(f"time (queue, enqueue to empty):   {elapsed:.1f} s")
        print(f"declarations per second:          {len(declared) / elapsed:.1f}")
        print(f"declared in Odoo:                 {len(declared)}")
        print(f"declared exactly once:            {exactly_once}")
        print(
            f"job runs (incl. retries):         {counts['performed']}, failed jobs: "
            f"{len(failed_jobs)}"
        )
        print(f"exchanges logged:                 {exchanges}")
        print(
            f"sandbox requests / faults:        {stats['requests']} / {stats['faults_injected']} "
            f"({stats['faults_injected'] / max(stats['requests'], 1):.1%})"
        )
        print(f"sandbox declarations / contracts: {stats['declarations']} / {stats['contracts']}")
        print(f"sandbox replays:                  {stats['replays']}")
        print(f"duplicate declarations:           {stats['duplicate_declarations']}")
        print(f"duplicate contracts:              {stats['duplicate_contracts']}")
        ok = exactly_once == len(ids) and stats["duplicate_contracts"] == 0
        print("RESULT:", "OK" if ok else "FAILED")
        return 0 if ok else 1
    finally:
        sandbox.stop()
        shutil.rmtree(workdir, ignore_errors=True)
        if not args.keep_db:
            odoo.sql_db.close_all()
            drop_database(args)
        elif created:
            print(f"kept database {args.db}")


if __name__ == "__main__":
    sys.exit(main())
