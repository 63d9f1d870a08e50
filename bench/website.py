#!/usr/bin/env python3
"""Benchmark of the public stock page and the marketplace feed (spoticar_website). Not run in CI.

    PYTHONPATH=src python3 bench/website.py --db i16_bench [--vehicles 10000] [--runs 40]
        [--db_host 127.0.0.1 --db_user root] [--addons-path addons,/opt/odoo19/addons]

The database must have spoticar_website installed (``-i spoticar_website --stop-after-init``). The
script bulk-generates, with SQL COPY, ``--vehicles`` published vehicles in stock of the default
website's company (plus as many reserved, sold and unpublished ones, which the page must skip),
unless they are already there, creates a CSV and an XML channel, then starts an Odoo server on a
free port and requests, as an anonymous visitor:

- the list page: first page, later pages, filtered (energy, price, km), sorted by price or km;
- a vehicle page;
- as a baseline, the website's home page (Odoo's layout and menus, no vehicle);
- the full feed of each channel.

Server-side figures come from Odoo's own request log line (werkzeug, ``--log-level=info``): number
of SQL queries, time in SQL and time outside SQL for each request. It prints p50/p95 per measure in
milliseconds and the queries per request (min/max). Targets (2 cores): list page p50 < 150 ms
server-side, queries per list page bounded (the same whatever the stock size), full feed < 5 s.

Measured on 29 November 2026, 10,000 published vehicles + 5,000 reserved, sold or unpublished,
40 requests each, server-side ms (p50 / p95, queries per request):

    measure                      load 5.5 (2 cores)    load 13 (2 cores)     queries
    list, first page             42 / 53               423 / 784             20
    list, a later page           42 / 53               352 / 677             20
    list, filtered and sorted    43 / 47               290 / 435             20
    vehicle page                 30 / 42               207 / 835             19-34
    baseline: home page          17 / 23                88 / 120             6-27
    full feed CSV (2.7 MB)       0.56 s (worst 0.71)   2.9 s (worst 4.3)
    full feed XML (10.7 MB)      0.85 s (worst 0.88)   4.2 s (worst 5.4)

The number of queries of a list page is constant (20, 6 of them Odoo's website layout), whatever
the page and the stock size; the page's own SQL reads the published-stock index (page 400: 1 ms,
make/model counts: 5 ms). On the machine shared with five test runs (load 13) every figure is about
7 times the quiet one, Odoo's own home page included.
"""

import argparse
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta

import requests

from odoo import SUPERUSER_ID, api

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stock as stock_bench  # noqa: E402  (bench/stock.py: COPY, percentiles, the server set-up)

# Odoo's request log line: ... "GET /path HTTP/1.1" 200 - <queries> <sql time> <other time>


def generate(env, company, n_vehicles):
    cr = env.cr
    cr.execute(
        "SELECT count(*) FROM product_template WHERE is_vehicle AND spoticar_published"
        " AND vehicle_state = 'stock' AND company_id = %s AND default_code LIKE 'WEBBENCH%%'",
        [company.id],
    )
    if cr.fetchone()[0] >= n_vehicles:
        print(f"stock already generated ({n_vehicles} published vehicles)")
        return
    t0 = time.time()
    makes = env["spoticar.vehicle.make"].create(
        [
            {"name": name, "code": f"WEBBENCH-{name.upper()}"}
            for name in ("Peugeot", "Citroën", "DS", "Opel", "Fiat", "Jeep")
        ]
    )
    models = env["spoticar.vehicle.model"].create(
        [
            {"make_id": make.id, "name": f"M{i}", "code": f"WEBBENCH-{make.code}-{i}"}
            for make in makes
            for i in range(1, 11)
        ]
    )
    versions = env["spoticar.vehicle.version"].create(
        [
            {
                "model_id": model.id,
                "name": f"Version {j}",
                "manufacturer_equivalence": f"WEBBENCH-{model.id}-{j}",
                "energy": ("diesel", "petrol", "hybrid", "electric")[j % 4],
            }
            for model in models
            for j in range(4)
        ]
    )
    equipment = env["spoticar.vehicle.equipment"].search([], limit=8)
    uom_id = env.ref("uom.product_uom_unit").id
    rng = random.Random(2)
    # The published stock, then as many vehicles the page must not show.
    states = ["stock"] * n_vehicles + [
        rng.choice(["reserved", "sold", "delivered", "incoming"]) for _ in range(n_vehicles // 2)
    ]
    rows = []
    for n, state in enumerate(states):
        version = versions[rng.randrange(len(versions))]
        first = date(2012, 1, 1) + timedelta(days=rng.randrange(0, 13 * 365))
        co2 = rng.randrange(0, 260)
        rows.append(
            (
                f'{{"en_US": "{version.make_id.name} {version.model_id.name} {version.name}"}}',
                "consu",
                True,
                True,
                True,
                "none",
                "no",
                uom_id,
                company.id,
                True,
                f"WEBBENCH{n:07d}",
                version.make_id.id,
                version.model_id.id,
                version.id,
                version.energy,
                first,
                first.year,
                rng.randrange(0, 250000),
                True,
                rng.randrange(3000, 60000),
                state,
                rng.choice(["manual", "automatic"]),
                co2,
                "ABCDEFG"[min(6, max(0, (co2 - 81) // 20))] if co2 else None,
                "VP",
                "2",
                state != "stock" and n % 3 == 0 and "f" or "t",
                first,
                5,
                5,
                110,
            )
        )
    stock_bench.copy(
        cr,
        "product_template",
        [
            "name",
            "type",
            "sale_ok",
            "active",
            "is_storable",
            "tracking",
            "service_tracking",
            "uom_id",
            "company_id",
            "is_vehicle",
            "default_code",
            "vehicle_make_id",
            "vehicle_model_id",
            "vehicle_version_id",
            "energy",
            "first_registration_date",
            "model_year",
            "mileage",
            "mileage_guaranteed",
            "list_price",
            "vehicle_state",
            "gearbox",
            "co2_emission",
            "co2_class",
            "vehicle_category",
            "critair",
            "spoticar_published",
            "stock_entry_date",
            "doors",
            "seats",
            "din_power",
        ],
        rows,
    )
    cr.execute(
        """INSERT INTO product_product (product_tmpl_id, active)
           SELECT t.id, true FROM product_template t
            WHERE t.default_code LIKE 'WEBBENCH%'
              AND NOT EXISTS (SELECT 1 FROM product_product p WHERE p.product_tmpl_id = t.id)"""
    )
    if equipment:
        cr.execute(
            "INSERT INTO product_template_spoticar_vehicle_equipment_rel"
            " (product_template_id, spoticar_vehicle_equipment_id)"
            " SELECT t.id, e FROM product_template t, unnest(%s) e"
            " WHERE t.default_code LIKE 'WEBBENCH%%' ON CONFLICT DO NOTHING",
            [equipment.ids[:4]],
        )
    env.invalidate_all()
    print(f"stock: {len(states)} vehicles ({n_vehicles} published) in {time.time() - t0:.1f} s")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    stock_bench.add_server_arguments(parser)
    parser.add_argument("--vehicles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    registry = stock_bench.open_registry(args)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        website = env["website"].search([], limit=1)
        website.domain = False
        company = website.company_id
        company_name = company.name
        generate(env, company, args.vehicles)
        Channel = env["spoticar.publication.channel"]
        channels = {}
        for fmt in ("csv", "xml"):
            channel = Channel.search(
                [("name", "=", f"Bench {fmt}"), ("company_id", "=", company.id)], limit=1
            ) or Channel.create(
                {"name": f"Bench {fmt}", "feed_format": fmt, "company_id": company.id}
            )
            channels[fmt] = (channel.id, channel.token)
        published = env["product.template"].search(
            env["product.template"]._spoticar_published_domain(company), limit=20
        )
        vehicle_paths = [v._spoticar_public_path() for v in published]
        count = env["product.template"].search_count(
            env["product.template"]._spoticar_published_domain(company)
        )
        cr.commit()
    with registry.cursor() as cr:
        cr._cnx.autocommit = True
        cr.execute("VACUUM ANALYZE product_template")
        cr._cnx.autocommit = False
    print(f"published vehicles of {company_name}: {count}")

    port = free_port()
    logfile = tempfile.NamedTemporaryFile(
        prefix="spoticar-bench-", suffix=".log", delete=False
    ).name
    server_cmd = [
        sys.executable,
        "-m",
        "odoo",
        f"--addons-path={args.addons_path}",
        f"--db_host={args.db_host}",
        "-d",
        args.db,
        f"--db-filter=^{args.db}$",
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        "--gevent-port=0",
        "--workers=0",
        "--max-cron-threads=0",
        "--log-level=info",
        f"--logfile={logfile}",
    ]
    if args.db_user:
        server_cmd.append(f"--db_user={args.db_user}")
    server = subprocess.Popen(server_cmd, env=dict(os.environ))
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if requests.get(f"{base}/web/health", timeout=2).ok:
                    break
            except requests.RequestException:
                time.sleep(1)
        session = requests.Session()
        session.get(f"{base}/vehicules-occasion", timeout=60)  # warm the caches (assets, views)
        rng = random.Random(4)
        pages = max(1, count // 12)
        measures = {
            "list, first page": lambda i: "/vehicules-occasion",
            "list, a later page": lambda i: f"/vehicules-occasion/page/{rng.randrange(2, pages)}",
            "list, filtered and sorted": lambda i: (
                "/vehicules-occasion?energy=diesel&price_min=10000&price_max=30000"
                f"&km_max={50000 + 10000 * (i % 10)}&sort=km_asc"
            ),
            "vehicle page": lambda i: vehicle_paths[i % len(vehicle_paths)],
            # Odoo's floor: the website's home page (layout, menus, no vehicle).
            "baseline: home page": lambda i: "/",
        }
        client = {}
        for label, path_of in measures.items():
            client[label] = []
            for i in range(args.runs):
                t0 = time.perf_counter()
                response = session.get(base + path_of(i), timeout=60)
                client[label].append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, (label, response.status_code)
        feeds = {}
        for fmt, (channel_id, token) in channels.items():
            timings = []
            for _ in range(3):
                t0 = time.perf_counter()
                response = session.get(f"{base}/spoticar/feed/{channel_id}/{token}", timeout=120)
                timings.append(time.perf_counter() - t0)
                assert response.status_code == 200
            feeds[fmt] = (min(timings), max(timings), len(response.content))
        time.sleep(1)
    finally:
        server.terminate()
        server.wait(timeout=30)

    # Server-side figures from the request log, in the order of the requests.
    server_lines = [
        (queries, sql + python)
        for verb, path, _status, queries, sql, python in stock_bench.request_log(logfile)
        if verb == "GET"
        and (path == "/" or path.startswith("/vehicules-occasion"))
        and "/photo/" not in path
    ]
    server_lines = server_lines[1:]  # the warm-up request
    print(f"\n{count} published vehicles, {args.runs} requests per measure")
    print(stock_bench.cpu_reference())
    print(f"{'measure':28} {'server p50':>11} {'server p95':>11} {'client p50':>11} {'queries':>9}")
    for index, label in enumerate(measures):
        chunk = server_lines[index * args.runs : (index + 1) * args.runs]
        server_ms = [seconds * 1000 for _queries, seconds in chunk]
        queries = [q for q, _seconds in chunk]
        s50, s95 = stock_bench.percentiles(server_ms) if server_ms else (float("nan"), float("nan"))
        c50, _c95 = stock_bench.percentiles(client[label])
        q = f"{min(queries)}-{max(queries)}" if queries else "?"
        print(f"{label:28} {s50:9.1f}ms {s95:9.1f}ms {c50:9.1f}ms {q:>9}")
    for fmt, (best, worst, size) in feeds.items():
        print(f"full feed {fmt}: {best:.2f} s (worst {worst:.2f} s), {size / 1e6:.1f} MB")
    print(f"(server log: {logfile})")


if __name__ == "__main__":
    main()
