#!/usr/bin/env python3
"""Benchmark of a national network on one database (issue 17). Not run in CI.

    PYTHONPATH=src python3 bench/scale.py --db i17_scale [--template i17_base]
        [--companies 1000] [--vehicles 1000000] [--versions 50000] [--orders 500000]
        [--warranties 300000] [--runs 60] [--phase both|small|large] [--keep-db]

The database needs the seven Spoticar addons installed (``--template`` copies a database where
they are, otherwise the script installs them, a few minutes). Two phases on the same database:

1. **small**: one dealer company (made with the ORM: partner, warehouse, sales team, 10
   salespeople) with a tenth of everything: ``--vehicles / 10`` vehicles (10 % in stock, with
   their quant in the company's stock location), ``--orders / 10`` confirmed orders, each with
   its vehicle line and its three carte grise lines, and ``--warranties / 10`` declared warranties
   (with their contract). Measured, then
2. **large**: the other ``--companies - 1`` dealers (company, partner, warehouse with its view
   and stock locations) and the rest of the vehicles, orders and warranties spread over them.
   The measured dealer keeps its share: the growth measured is the cost of the rest of the
   network (record rules, indexes, statistics), at the same size of the dealer's own data.

Every row is made by SQL COPY from a template record that the ORM created in the measured
company (vehicle, its variant and quant, customer, confirmed order and its lines, declared
warranty and contract; company, warehouse and locations): all the columns Odoo fills are
there, the varying ones (ids, names, plates, VINs, references, versions, companies, states,
dates, prices) are set per row.

Measured as a salesperson of the measured company (``with_user``, record rules applied), p50
and p95 over ``--runs`` runs, what the web client sends:

- plate lookup: ``web_search_read`` of the Stock VO list on ``vehicle_search`` (any typing);
- filtered, sorted first page of the Stock VO list (80 rows) with its count;
- version autocomplete: ``web_name_search`` with the vehicle form's domain, and without;
- create + confirm an order with its carte grise lines (server side, with the SQL queries);
- the order form PDF, and wkhtmltopdf alone on the same HTML (both timed in the run: ratio);
- the sales list and the warranty list of the salesperson ("My sales", "My warranties").

Prints the machine (cores, load, PostgreSQL version), a table per phase and, for the large
phase, the ratio of each p50 to the small phase. Exit 0 only when every target holds.
"""

import argparse
import contextlib
import io
import json
import logging
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, datetime, timedelta

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "src"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

MODULES = ",".join(
    (
        "spoticar_stock",
        "spoticar_sale",
        "spoticar_warranty",
        "spoticar_centralizer",
        "spoticar_purchase",
        "spoticar_margin",
        "spoticar_website",
    )
)
MARK = "SCALE"  # default_code prefix of the generated vehicles
# Targets of issue 17 on a 2-core machine (p50, ms), the query count growth allowed between the
# phases and the PDF ratio.
TARGETS = {
    "plate": 5,
    "page": 50,
    "version_form": 10,
    "version_all": 10,
    "order": 250,
    "sales_list": 100,
    "warranty_list": 100,
}
QUERY_GROWTH = 2
PDF_RATIO = 1.3


def add_database_arguments(parser, default_db):
    """The database options of the benches that copy a template (scale, load, profile_order)."""
    parser.add_argument("--db", default=default_db)
    parser.add_argument("--template", help="copy this database (addons installed) when --db is new")
    parser.add_argument("--db-host", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--db-port", default=os.environ.get("PGPORT", "5432"))
    parser.add_argument("--db-user", default=os.environ.get("PGUSER"))


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_database_arguments(parser, "i17_scale")
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--vehicles", type=int, default=1_000_000)
    parser.add_argument("--versions", type=int, default=50_000)
    parser.add_argument("--orders", type=int, default=500_000)
    parser.add_argument("--warranties", type=int, default=300_000)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--phase", choices=["both", "small", "large"], default="both")
    parser.add_argument(
        "--results", default=None, help="JSON file of the figures (default: /tmp/<db>.json)"
    )
    parser.add_argument("--keep-db", action="store_true", help="keep the database at the end")
    args = parser.parse_args()
    args.results = args.results or os.path.join(tempfile.gettempdir(), f"{args.db}.json")
    return args


def odoo_args(args):
    import odoo

    odoo_root = os.path.dirname(odoo.__path__[0])
    addons = [os.path.join(ROOT, "addons")]
    if os.path.isdir(os.path.join(odoo_root, "addons", "web")):
        addons.append(os.path.join(odoo_root, "addons"))
    result = [
        f"--addons-path={','.join(addons)}",
        f"--db_host={args.db_host}",
        f"--db_port={args.db_port}",
        "--log-level=warn",
    ]
    if args.db_user:
        result.append(f"--db_user={args.db_user}")
    return result


def pg_connect(args, dbname="postgres"):
    import psycopg2

    conn = psycopg2.connect(host=args.db_host, port=args.db_port, user=args.db_user, dbname=dbname)
    conn.autocommit = True
    return conn


def ensure_database(args):
    conn = pg_connect(args)
    cr = conn.cursor()
    cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [args.db])
    if cr.fetchone():
        conn.close()
        return
    if args.template:
        print(f"==> {args.db}: copy of {args.template}", flush=True)
        cr.execute(f'CREATE DATABASE "{args.db}" TEMPLATE "{args.template}"')
        conn.close()
        return
    conn.close()
    print(f"==> installing the Spoticar addons in {args.db} (a few minutes)", flush=True)
    subprocess.run(
        [sys.executable, "-m", "odoo", *odoo_args(args), "-d", args.db, "-i", MODULES]
        + ["--without-demo", "--stop-after-init", "--http-port=0"],
        check=True,
        env=dict(os.environ, PYTHONPATH=os.path.join(ROOT, "src")),
    )


def drop_database(args):
    conn = pg_connect(args)
    conn.cursor().execute(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
    conn.close()


# --- Bulk rows: COPY of clones of a template row --------------------------------------------------


def _encode(value):
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, dict | list):
        value = json.dumps(value)
    elif isinstance(value, date | datetime):
        value = value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    else:
        value = str(value)
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


def reserve_ids(cr, table, count):
    """``count`` consecutive ids taken from the table's sequence."""
    if not count:
        return []
    cr.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
    sequence = cr.fetchone()[0]
    cr.execute("SELECT nextval(%s)", [sequence])
    start = cr.fetchone()[0]
    cr.execute("SELECT setval(%s, %s)", [sequence, start + count - 1])
    return list(range(start, start + count))


def clone(cr, table, template_id, rows, chunk=50_000):
    """COPY one row per dict of ``rows`` (an iterable of column values, ``id`` included): the
    other columns are those of the template row."""
    cr.execute(f"SELECT * FROM {table} WHERE id = %s", [template_id])  # noqa: S608 - our tables
    columns = [d[0] for d in cr.description]
    template = [_encode(v) for v in cr.fetchone()]
    position = {name: i for i, name in enumerate(columns)}
    buf = io.StringIO()
    count = 0

    def flush():
        buf.seek(0)
        cr._obj.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buf)
        buf.seek(0)
        buf.truncate()

    for row in rows:
        values = list(template)
        for name, value in row.items():
            values[position[name]] = _encode(value)
        buf.write("\t".join(values))
        buf.write("\n")
        count += 1
        if not count % chunk:
            flush()
    flush()
    return count


# --- Templates (ORM) ------------------------------------------------------------------------------


def setup(env, args):
    """The measured company and its users, the reference and the template records (ORM)."""
    import stock as stock_bench

    from odoo.fields import Command

    company = env["res.company"].search([("name", "=", "Spoticar Bench 0001")])
    if company:
        return json.loads(env["ir.config_parameter"].get_param("bench_scale.templates"))
    t0 = time.time()
    eur = env.ref("base.EUR")
    eur.active = True
    fr = env.ref("base.fr")
    company = env["res.company"].create(
        {
            "name": "Spoticar Bench 0001",
            "street": "12 rue de Lorient",
            "zip": "35000",
            "city": "Rennes",
            "country_id": fr.id,
            "currency_id": eur.id,
        }
    )
    env = env(context=dict(env.context, allowed_company_ids=company.ids, tracking_disable=True))
    company = company.with_env(env)
    # Odoo 19 makes a company's warehouse with its chart of accounts or in tests only.
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    if not warehouse:
        warehouse = env["stock.warehouse"].create({"company_id": company.id, "code": "W0001"})
    group = env.ref("spoticar_stock.group_spoticar_user")
    users = env["res.users"].create(
        [
            {
                "name": f"Vendeur {i:02d}",
                "login": f"bench_vendeur_{i:02d}" if i else "bench_vendeur",
                "group_ids": [Command.link(group.id)],
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
            }
            for i in range(10)
        ]
    )
    network_user = env["res.users"].create(
        {
            "name": "Vendeur réseau",
            "login": "bench_network",
            "group_ids": [Command.link(group.id)],
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
        }
    )
    stock_bench.generate(env, args.versions, 0)  # the reference (COPY), no vehicle
    env.cr.execute(
        "SELECT id FROM spoticar_vehicle_version WHERE manufacturer_equivalence LIKE 'BENCH-%%'"
        " AND fiscal_power BETWEEN 4 AND 9 ORDER BY id LIMIT 1"
    )
    version = env["spoticar.vehicle.version"].browse(env.cr.fetchone()[0])
    vehicle = env["product.template"].create(
        {
            "is_vehicle": True,
            "company_id": company.id,
            "vehicle_version_id": version.id,
            "first_registration_date": date(2019, 11, 19),
            "model_year": 2019,
            "mileage": 25000,
            "license_plate": "ZZ-998-ZZ",  # plate(n) begins with A to E
            "vin": "VF3TMPLTE00000001",
            "list_price": 18990.0,
            "purchase_price": 15000.0,
            "vehicle_label": "spoticar",
            "vehicle_color": "Gris Artense",
        }
    )
    vehicle.action_vehicle_receive()
    customer = env["res.partner"].create(
        {
            "l10n_fr_customer_type": "individual",
            "lastname": "MODELE",
            "firstname": "Jean",
            "street": "1 place de la Mairie",
            "zip": "35000",
            "city": "Rennes",
            "country_id": fr.id,
            "email": "client@example.com",
            "company_id": company.id,
        }
    )
    order = (
        env["sale.order"]
        .with_user(users[0])
        .create(
            {
                "partner_id": customer.id,
                "company_id": company.id,
                "sale_date": date(2021, 11, 1),
                "delivery_date": date(2021, 11, 15),
                "order_line": [Command.create({"product_id": vehicle.product_variant_id.id})],
            }
        )
    )
    order.action_confirm()
    order = order.sudo()
    assert len(order.order_line) == 4, "the template order has a vehicle and 3 carte grise lines"
    Warranty = env["spoticar.warranty"]
    warranty = Warranty.create(Warranty._prepare_values_from_order(order))
    guarantor = env["spoticar.warranty.guarantor"].search([], limit=1)
    # as the declaration does (the business methods' sentinel; SQL COPY clones it afterwards)
    from odoo.addons.spoticar_warranty.models.spoticar_warranty import (
        _PROTECTED_WRITE,
        _PROTECTED_WRITE_KEY,
    )

    contract = (
        env["spoticar.warranty.contract"]
        .with_context(**{_PROTECTED_WRITE_KEY: _PROTECTED_WRITE})
        .create(
            {"warranty_id": warranty.id, "guarantor_id": guarantor.id, "contract_number": "TMPL-1"}
        )
    )
    quant = env["stock.quant"].search(
        [
            ("product_id", "=", vehicle.product_variant_id.id),
            ("location_id", "=", warehouse.lot_stock_id.id),
        ]
    )
    templates = {
        "company": company.id,
        "company_partner": company.partner_id.id,
        "warehouse": warehouse.id,
        "view_location": warehouse.view_location_id.id,
        "stock_location": warehouse.lot_stock_id.id,
        "team": order.team_id.id,
        "users": users.ids,
        "network_user": network_user.id,
        "vehicle": vehicle.id,
        "variant": vehicle.product_variant_id.id,
        "quant": quant.id,
        "customer": customer.id,
        "order": order.id,
        "lines": order.order_line.sorted(lambda line: line.is_registration_fee).ids,
        "warranty": warranty.id,
        "contract": contract.id,
    }
    env["ir.config_parameter"].set_param("bench_scale.templates", json.dumps(templates))
    env.cr.commit()
    print(f"templates (ORM): {time.time() - t0:.1f} s", flush=True)
    return templates


def add_companies(cr, tpl, count):
    """``count`` dealer companies cloned from the measured one, each with its partner, warehouse,
    view and stock locations. Returns [(company, warehouse, stock location)]."""
    cr.execute("SELECT count(*) FROM res_company WHERE name LIKE 'Spoticar Bench %%'")
    first = cr.fetchone()[0] + 1
    partner_ids = reserve_ids(cr, "res_partner", count)
    company_ids = reserve_ids(cr, "res_company", count)
    view_ids = reserve_ids(cr, "stock_location", count)
    stock_ids = reserve_ids(cr, "stock_location", count)
    warehouse_ids = reserve_ids(cr, "stock_warehouse", count)
    names = [f"Spoticar Bench {first + i:04d}" for i in range(count)]
    codes = [f"W{first + i:04d}" for i in range(count)]
    clone(
        cr,
        "res_partner",
        tpl["company_partner"],
        (
            {
                "id": pid,
                "name": name,
                "complete_name": name,
                "commercial_partner_id": pid,
                "company_id": None,  # set below, once the company exists
            }
            for pid, name in zip(partner_ids, names, strict=True)
        ),
    )
    clone(
        cr,
        "res_company",
        tpl["company"],
        (
            {"id": cid, "name": name, "partner_id": pid, "parent_path": f"{cid}/"}
            for cid, pid, name in zip(company_ids, partner_ids, names, strict=True)
        ),
    )
    cr.execute(
        "UPDATE res_partner p SET company_id = c.id FROM res_company c"
        " WHERE c.partner_id = p.id AND c.id = ANY(%s)",
        [company_ids],
    )
    clone(
        cr,
        "stock_location",
        tpl["view_location"],
        (
            {
                "id": vid,
                "name": code,
                "complete_name": code,
                "company_id": cid,
                "parent_path": f"{vid}/",
                "warehouse_id": None,  # set below, once the warehouse exists
            }
            for vid, cid, wid, code in zip(view_ids, company_ids, warehouse_ids, codes, strict=True)
        ),
    )
    clone(
        cr,
        "stock_location",
        tpl["stock_location"],
        (
            {
                "id": sid,
                "location_id": vid,
                "complete_name": f"{code}/Stock",
                "company_id": cid,
                "parent_path": f"{vid}/{sid}/",
                "warehouse_id": None,  # set below, once the warehouse exists
                "barcode": f"{code}STOCK",
            }
            for sid, vid, cid, wid, code in zip(
                stock_ids, view_ids, company_ids, warehouse_ids, codes, strict=True
            )
        ),
    )
    clone(
        cr,
        "stock_warehouse",
        tpl["warehouse"],
        (
            {
                "id": wid,
                "name": name,
                "code": code,
                "company_id": cid,
                "partner_id": pid,
                "view_location_id": vid,
                "lot_stock_id": sid,
            }
            for wid, cid, pid, vid, sid, name, code in zip(
                warehouse_ids,
                company_ids,
                partner_ids,
                view_ids,
                stock_ids,
                names,
                codes,
                strict=True,
            )
        ),
    )
    cr.execute(
        "UPDATE stock_location l SET warehouse_id = w.id FROM stock_warehouse w"
        " WHERE w.id = ANY(%s) AND l.id IN (w.view_location_id, w.lot_stock_id)",
        [warehouse_ids],
    )
    return list(zip(company_ids, warehouse_ids, stock_ids, strict=True))


def populate(cr, tpl, plan):
    """Vehicles, customers, confirmed orders with their carte grise lines, declared warranties
    and their contracts, per ``plan``: [(company, warehouse, stock location, team, [users],
    vehicles, orders, warranties)]. Orders sell vehicles out of stock (90 %), one each."""
    from stock import plate

    t0 = time.time()
    cr.execute("SELECT count(*) FROM product_template WHERE default_code LIKE %s", [MARK + "%"])
    offset = cr.fetchone()[0]
    cr.execute(
        "SELECT id, model_id, make_id, energy, fiscal_power, din_power, co2_emission, name"
        " FROM spoticar_vehicle_version WHERE manufacturer_equivalence LIKE 'BENCH-%%'"
    )
    versions = cr.fetchall()
    rng = random.Random(17 + offset)
    n_vehicles = sum(p[5] for p in plan)
    n_orders = sum(p[6] for p in plan)
    tmpl_ids = reserve_ids(cr, "product_template", n_vehicles)
    variant_ids = reserve_ids(cr, "product_product", n_vehicles)
    vehicles = []  # (n, tmpl, variant, company, location, in stock, version row, price)
    k = 0
    for company, _warehouse, location, *_rest, count, orders, _w in plan:
        assert orders <= count - count // 10 - 1, "more orders than vehicles out of stock"
        for j in range(count):
            version = versions[rng.randrange(len(versions))]
            vehicles.append(
                (
                    offset + k,
                    tmpl_ids[k],
                    variant_ids[k],
                    company,
                    location,
                    j % 10 == 0,
                    version,
                    rng.randrange(3000, 60000),
                )
            )
            k += 1
    today = date.today()

    def vehicle_rows():
        for n, tid, _vid, company, _loc, in_stock, version, price in vehicles:
            plate_text = plate(n)
            first = date(2012, 1, 1) + timedelta(days=n * 7919 % (13 * 365))
            yield {
                "id": tid,
                "name": {"en_US": f"{version[7]} {plate_text}"},
                "default_code": f"{MARK}{n:07d}",
                "license_plate": plate_text,
                "license_plate_key": plate_text.replace("-", ""),
                "vin": f"VF3{MARK}{n:09d}",
                "company_id": company,
                "vehicle_version_id": version[0],
                "vehicle_model_id": version[1],
                "vehicle_make_id": version[2],
                "energy": version[3],
                "fiscal_power": version[4],
                "din_power": version[5],
                "co2_emission": version[6],
                "first_registration_date": first,
                "model_year": first.year,
                "mileage": n * 104729 % 250000,
                "list_price": price,
                "purchase_price": round(price * 0.8),
                "vehicle_state": "stock" if in_stock else ("delivered" if n % 3 else "sold"),
                "vehicle_label": ("spoticar", "none", "ds_certified")[n % 3],
                "gearbox": ("manual", "automatic")[n % 2],
                "stock_entry_date": today - timedelta(days=n % 400),
            }

    clone(cr, "product_template", tpl["vehicle"], vehicle_rows())
    clone(
        cr,
        "product_product",
        tpl["variant"],
        (
            {"id": v[2], "product_tmpl_id": v[1], "default_code": f"{MARK}{v[0]:07d}"}
            for v in vehicles
        ),
    )
    in_stock = [v for v in vehicles if v[5]]
    quant_ids = reserve_ids(cr, "stock_quant", len(in_stock))
    clone(
        cr,
        "stock_quant",
        tpl["quant"],
        (
            {"id": qid, "product_id": v[2], "location_id": v[4], "company_id": v[3]}
            for qid, v in zip(quant_ids, in_stock, strict=True)
        ),
    )
    print(f"  {n_vehicles} vehicles: {time.time() - t0:.0f} s", flush=True)
    # Orders: per company, its first vehicles out of stock, spread over its salespeople.
    t1 = time.time()
    sold = []  # (order n, vehicle, company, warehouse, team, user, warranty?)
    index = 0
    for company, warehouse, _loc, team, users, count, orders, warranties in plan:
        own = [v for v in vehicles[index : index + count] if not v[5]][:orders]
        index += count
        for j, vehicle in enumerate(own):
            sold.append((vehicle, company, warehouse, team, users[j % len(users)], j < warranties))
    partner_ids = reserve_ids(cr, "res_partner", n_orders)
    order_ids = reserve_ids(cr, "sale_order", n_orders)
    clone(
        cr,
        "res_partner",
        tpl["customer"],
        (
            {
                "id": pid,
                "name": f"CLIENT{s[0][0]} Jean",
                "complete_name": f"CLIENT{s[0][0]} Jean",
                "lastname": f"CLIENT{s[0][0]}",
                "commercial_partner_id": pid,
                "company_id": s[1],
                "email": f"client{s[0][0]}@example.com",
                "email_normalized": f"client{s[0][0]}@example.com",
            }
            for pid, s in zip(partner_ids, sold, strict=True)
        ),
    )

    def order_rows():
        for oid, pid, (vehicle, company, warehouse, team, user, _w) in zip(
            order_ids, partner_ids, sold, strict=True
        ):
            day = date(2019, 1, 1) + timedelta(days=vehicle[0] % 2500)
            yield {
                "id": oid,
                "name": f"SC{vehicle[0]:07d}",
                "partner_id": pid,
                "partner_invoice_id": pid,
                "partner_shipping_id": pid,
                "company_id": company,
                "warehouse_id": warehouse,
                "team_id": team,
                "user_id": user,
                "vehicle_id": vehicle[2],
                "date_order": datetime.combine(day, datetime.min.time()),
                "sale_date": day,
                "delivery_date": day + timedelta(days=14),
                "access_token": None,
            }

    clone(cr, "sale_order", tpl["order"], order_rows())
    for position, line_tpl in enumerate(tpl["lines"]):
        line_ids = reserve_ids(cr, "sale_order_line", n_orders)

        def line_rows(line_ids=line_ids, vehicle_line=position == 0):
            for lid, oid, pid, (vehicle, company, _wh, _team, user, _w) in zip(
                line_ids, order_ids, partner_ids, sold, strict=True
            ):
                row = {
                    "id": lid,
                    "order_id": oid,
                    "company_id": company,
                    "order_partner_id": pid,
                    "salesman_id": user,
                }
                if vehicle_line:
                    row.update(product_id=vehicle[2], name=f"[{MARK}{vehicle[0]:07d}]")
                yield row

        clone(cr, "sale_order_line", line_tpl, line_rows())
    print(f"  {n_orders} orders ({4 * n_orders} lines): {time.time() - t1:.0f} s", flush=True)
    t2 = time.time()
    declared = [
        (oid, pid, s) for oid, pid, s in zip(order_ids, partner_ids, sold, strict=True) if s[5]
    ]
    warranty_ids = reserve_ids(cr, "spoticar_warranty", len(declared))
    contract_ids = reserve_ids(cr, "spoticar_warranty_contract", len(declared))

    def warranty_rows():
        for wid, (oid, pid, (vehicle, company, _wh, _team, user, _w)) in zip(
            warranty_ids, declared, strict=True
        ):
            n = vehicle[0]
            yield {
                "id": wid,
                "name": f"GAR{n:07d}",
                "company_id": company,
                "sale_order_id": oid,
                "partner_id": pid,
                "vehicle_id": vehicle[2],
                "user_id": user,
                "seller_id": user,
                "state": "declared",
                "declaration_number": f"SP953617Z{n:09d}",
                "declaration_date": date(2019, 1, 15) + timedelta(days=n % 2500),
                "customer_lastname": f"CLIENT{n}",
                "license_plate": plate(n),
                "vin": f"VF3{MARK}{n:09d}",
                "centralizer_idempotency_key": f"scale-{n}",
            }

    clone(cr, "spoticar_warranty", tpl["warranty"], warranty_rows())
    clone(
        cr,
        "spoticar_warranty_contract",
        tpl["contract"],
        (
            {
                "id": cid,
                "warranty_id": wid,
                "company_id": d[2][1],
                "contract_number": f"C{d[2][0][0]}",
            }
            for cid, wid, d in zip(contract_ids, warranty_ids, declared, strict=True)
        ),
    )
    print(f"  {len(declared)} warranties: {time.time() - t2:.0f} s", flush=True)


def vacuum(registry):
    """What autovacuum does on a live database after a bulk load (visibility map, statistics)."""
    with registry.cursor() as cr:
        cr._cnx.autocommit = True
        for table in (
            "product_template",
            "product_product",
            "stock_quant",
            "res_partner",
            "res_company",
            "sale_order",
            "sale_order_line",
            "spoticar_warranty",
            "spoticar_warranty_contract",
            "spoticar_vehicle_version",
        ):
            cr.execute(f"VACUUM ANALYZE {table}")
        cr._cnx.autocommit = False


# --- Measures -------------------------------------------------------------------------------------


def percentiles(timings):
    import stock as stock_bench

    return stock_bench.percentiles(timings)


def measure(func, inputs, runs):
    func(inputs[0])  # warm the caches (ORM, prepared plans)
    timings = []
    result = None
    for i in range(runs):
        t0 = time.perf_counter()
        result = func(inputs[i % len(inputs)])
        timings.append((time.perf_counter() - t0) * 1000)
    p50, p95 = percentiles(timings)
    return {"p50": p50, "p95": p95, "rows": result}


def list_spec(env, view_xmlid):
    """The fields of a list view as the web client asks for them."""
    from lxml import etree

    view = env.ref(view_xmlid).sudo()
    model = env[view.model]
    arch = etree.fromstring(model.get_views([(view.id, "list")])["views"]["list"]["arch"])
    spec = {}
    for node in arch.iterchildren("field"):
        if node.get("optional") == "hide":  # hidden columns are not asked for
            continue
        name = node.get("name")
        field = model._fields[name]
        spec[name] = {"fields": {"display_name": {}}} if field.type == "many2one" else {}
    return spec


def run_measures(registry, tpl, args):
    import stock as stock_bench  # bench/stock.py: the Stock VO list's calls

    from odoo import api
    from odoo.fields import Command

    results = {}
    with registry.cursor() as cr:
        env = api.Environment(
            cr,
            tpl["users"][0],
            {"lang": "en_US", "tz": "Europe/Paris", "allowed_company_ids": [tpl["company"]]},
        )
        Product = env["product.template"]
        Version = env["spoticar.vehicle.version"]
        cr.execute(
            "SELECT license_plate, id FROM product_template WHERE company_id = %s AND is_vehicle"
            " AND default_code LIKE %s ORDER BY id",
            [tpl["company"], MARK + "%"],
        )
        plates = [row[0] for row in cr.fetchall()]
        rng = random.Random(3)
        typed = []
        for p in rng.sample(plates, 20):
            typed += [p.replace("-", "").lower(), p.replace("-", " "), p]
        stock_spec = list_spec(env, "spoticar_stock.product_template_vehicle_view_list")

        def plate_lookup(text):
            return stock_bench.stock_list(Product, stock_bench.plate_domain(text), stock_spec)

        def page(i):
            return stock_bench.stock_list(
                Product, stock_bench.page_domain(i), stock_spec, order=stock_bench.PAGE_ORDER
            )

        cr.execute(
            "SELECT model_id, sale_start + 30, lower(split_part(name, ' ', 1)"
            " || ' ' || split_part(name, ' ', 2) || ' ' || split_part(name, ' ', 4))"
            " FROM spoticar_vehicle_version"
            " WHERE manufacturer_equivalence LIKE 'BENCH-%%' ORDER BY id LIMIT 200"
        )
        forms = cr.fetchall()

        def version_form(form):
            model_id, on_date, words = form
            return stock_bench.version_autocomplete(Version, words, model_id, on_date)

        def version_all(words):
            return stock_bench.version_autocomplete(Version, words)

        sales_spec = list_spec(env, "spoticar_sale.sale_order_view_list_spoticar")
        warranty_spec = list_spec(env, "spoticar_warranty.spoticar_warranty_view_list")

        def sales_list(_i):
            return env["sale.order"].web_search_read(
                [("user_id", "=", env.uid)], sales_spec, limit=80, count_limit=10001
            )["length"]

        def warranty_list(_i):
            return env["spoticar.warranty"].web_search_read(
                [("user_id", "=", env.uid)], warranty_spec, limit=80, count_limit=10001
            )["length"]

        results["plate"] = measure(plate_lookup, typed, args.runs)
        results["page"] = measure(page, list(range(10)), args.runs)
        results["version_form"] = measure(version_form, forms, args.runs)
        results["version_all"] = measure(
            version_all,
            ["130 allure", "puretech 110 feline", "hybrid 136 gt", "bluehdi eat8 rivoli"],
            args.runs,
        )
        results["sales_list"] = measure(sales_list, [0], args.runs)
        results["warranty_list"] = measure(warranty_list, [0], args.runs)

        # Create + confirm, as the salesperson: vehicles in stock of the measured company.
        cr.execute(
            "SELECT p.id FROM product_product p JOIN product_template t ON t.id = p.product_tmpl_id"
            " WHERE t.company_id = %s AND t.vehicle_state = 'stock' AND t.default_code LIKE %s"
            " AND t.first_registration_date < '2021-06-01'"
            " ORDER BY t.id DESC LIMIT %s",
            [tpl["company"], MARK + "%", args.runs + 1],
        )
        variants = [row[0] for row in cr.fetchall()]
        customer = tpl["customer"]
        timings, queries = [], []
        order = None
        for variant in variants:
            env.flush_all()
            env.invalidate_all()
            start_count = cr.sql_log_count
            t0 = time.perf_counter()
            order = env["sale.order"].create(
                {
                    "partner_id": customer,
                    "company_id": tpl["company"],
                    "sale_date": date(2021, 11, 1),
                    "delivery_date": date(2021, 11, 15),
                    "order_line": [Command.create({"product_id": variant})],
                }
            )
            order.action_confirm()
            env.flush_all()
            timings.append((time.perf_counter() - t0) * 1000)
            queries.append(cr.sql_log_count - start_count)
        p50, p95 = percentiles(timings[1:])  # the first one warms the caches
        results["order"] = {
            "p50": p50,
            "p95": p95,
            "rows": len(order.order_line),
            "queries": statistics.median(queries[1:]),
        }
        with odoo_server(args, ["--workers=2", "--max-cron-threads=0"]) as url:
            results["pdf"] = measure_pdf(env, order, args.runs, url)
        cr.rollback()
    return results


LAUNCHER = """import sys, time
if len(sys.argv) > 1 and sys.argv[1] == "gevent":
    while True:
        time.sleep(3600)
import odoo.cli
odoo.cli.main()
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def odoo_server(args, extra=(), port=None, log=None):
    """An Odoo server on ``args.db`` (a subprocess) until the block ends: yields its URL."""
    port = port or free_port()
    # The multi-process server starts its gevent (websocket) process again with its own
    # sys.argv[0]: a script, not "python -m odoo" (odoo/__main__.py fails to import alone). The
    # benches never use the bus, and gevent may not start where its plugins' metadata is broken
    # (zope.interface on the development machine): the launcher keeps an idle process in its
    # place, so the server does not respawn it several times a second.
    odoo_bin = os.path.join(tempfile.gettempdir(), f"i17-odoo-bin-{os.getpid()}.py")
    with open(odoo_bin, "w") as f:
        f.write(LAUNCHER)
    command = [
        sys.executable,
        odoo_bin,
        "server",
        *odoo_args(args),
        "-d",
        args.db,
        f"--db-filter=^{args.db}$",
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        *extra,
    ]
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "src"))
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    process = subprocess.Popen(command, env=env, stdout=out, stderr=out, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 180
        while True:
            try:
                with urllib.request.urlopen(url + "/web/health", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.time() > deadline:
                if log:
                    out.flush()
                    with open(log, errors="replace") as f:
                        print("".join(f.readlines()[-20:]), file=sys.stderr)
                raise RuntimeError(f"Odoo did not start on {url}")
            time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if log:
            out.close()
        os.remove(odoo_bin)


def measure_pdf(env, order, runs, report_url):
    """The order form PDF through Odoo, and wkhtmltopdf alone on the same HTML and arguments.
    Both fetch the report's CSS from ``report_url`` (an Odoo server on the database), as in
    production."""
    from odoo.tools.misc import find_in_path

    env["ir.config_parameter"].sudo().set_param("report.url", report_url)
    Report = env["ir.actions.report"]
    report = env.ref("spoticar_sale.action_report_vehicle_order")
    html = Report._render_qweb_html(report, order.ids)[0]
    bodies, _res_ids, header, footer, specific_args = Report.with_context(
        report_pdf_no_attachment=True
    )._prepare_html(html, report_model=report.model)
    wkhtmltopdf = find_in_path("wkhtmltopdf")
    command_args = Report._build_wkhtmltopdf_args(
        report.get_paperformat(), False, specific_paperformat_args=specific_args
    )
    workdir = tempfile.mkdtemp(prefix="i17-pdf-")
    paths = {}
    for name, content in (("header", header), ("footer", footer), ("body", bodies[0])):
        if content:
            paths[name] = os.path.join(workdir, f"{name}.html")
            with open(paths[name], "wb") as f:
                f.write(content if isinstance(content, bytes) else content.encode())
    command = [wkhtmltopdf, "--quiet", *command_args]
    if "header" in paths:
        command += ["--header-html", paths["header"]]
    if "footer" in paths:
        command += ["--footer-html", paths["footer"]]
    command += [paths["body"], os.path.join(workdir, "out.pdf")]

    def odoo_pdf(_i):
        return len(Report._render_qweb_pdf(report, order.ids)[0])

    def alone(_i):
        subprocess.run(command, check=False, capture_output=True)
        return os.path.getsize(os.path.join(workdir, "out.pdf"))

    try:
        odoo_result = measure(odoo_pdf, [0], runs)
        alone_result = measure(alone, [0], runs)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return {
        "p50": odoo_result["p50"],
        "p95": odoo_result["p95"],
        "alone_p50": alone_result["p50"],
        "alone_p95": alone_result["p95"],
        "rows": odoo_result["rows"],
    }


# --- Report ---------------------------------------------------------------------------------------

LABELS = [
    ("plate", "plate lookup, Stock VO list"),
    ("page", "filtered sorted first page + count"),
    ("version_form", "version autocomplete, form domain"),
    ("version_all", "version autocomplete, whole reference"),
    ("order", "create + confirm order (server side)"),
    ("pdf", "order form PDF (Odoo)"),
    ("sales_list", "sales list of the salesperson"),
    ("warranty_list", "warranty list of the salesperson"),
]


def machine():
    load = os.getloadavg()
    return f"{os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"


def round_trip_reference(cr, count=2000):
    """The time of one query that PostgreSQL does nothing for (``SELECT 1`` through ``cr``,
    mean of ``count``): the cost of a round trip between two processes. An order makes about
    two hundred of them; on a virtual machine where waking a process on another core is slow,
    they weigh far more than the CPU reference tells."""
    start = time.perf_counter()
    for _run in range(count):
        cr.execute("SELECT 1")
        cr.fetchall()
    return f"SQL round trip {(time.perf_counter() - start) / count * 1e6:.0f} µs (SELECT 1)"


def describe(cr):
    """The first line of a bench's output: the machine, PostgreSQL's version (``cr``: a cursor
    on it), the CPU reference and the SQL round trip, to compare the runs of two machines."""
    import stock as stock_bench  # bench/stock.py: the CPU reference

    cr.execute("SHOW server_version")
    return (
        f"machine: {machine()}, PostgreSQL {cr.fetchone()[0]}, {stock_bench.cpu_reference()}, "
        f"{round_trip_reference(cr)}"
    )


def report(phase, results, small=None):
    """Print the table of a phase; return the targets missed."""
    missed = []
    print(f"\n{phase}: p50 / p95 in ms over the runs, ratio = p50 / p50 of the small phase")
    print(f"{'measure':40} {'p50':>8} {'p95':>8} {'ratio':>6} {'target':>9}  rows")
    for key, label in LABELS:
        r = results[key]
        ratio = f"{r['p50'] / small[key]['p50']:6.2f}" if small else ""
        if key == "pdf":
            target, ok = "", True
        else:
            target, ok = f"< {TARGETS[key]}", r["p50"] < TARGETS[key]
        if not ok:
            missed.append(label)
        print(
            f"{label:40} {r['p50']:8.1f} {r['p95']:8.1f} {ratio:>6} {target:>9}  {r['rows']}"
            f"{'' if ok else '  MISSED'}"
        )
    pdf = results["pdf"]
    pdf_ratio = pdf["p50"] / pdf["alone_p50"]
    ok = pdf_ratio <= PDF_RATIO
    if not ok:
        missed.append("order form PDF ratio")
    print(
        f"{'wkhtmltopdf alone, same HTML':40} {pdf['alone_p50']:8.1f} {pdf['alone_p95']:8.1f}"
        f" {'':>6} {'':>9}\n{'PDF: Odoo / wkhtmltopdf alone (p50)':40} {pdf_ratio:8.2f}"
        f" {'':>8} {'':>6} {'<= ' + str(PDF_RATIO):>9}{'' if ok else '  MISSED'}"
    )
    queries = results["order"]["queries"]
    line = f"{'SQL queries, create + confirm':40} {queries:8.0f}"
    if small:
        grown = queries - small["order"]["queries"]
        ok = grown <= QUERY_GROWTH
        if not ok:
            missed.append("query count growth")
        line += f" {'':>8} {grown:+6.0f} {'<= +' + str(QUERY_GROWTH):>9}{'' if ok else '  MISSED'}"
    print(line)
    return missed


def counts(registry):
    with registry.cursor() as cr:
        cr.execute(
            "SELECT (SELECT count(*) FROM res_company),"
            " (SELECT count(*) FROM product_template WHERE is_vehicle),"
            " (SELECT count(*) FROM product_template WHERE is_vehicle AND vehicle_state = 'stock'),"
            " (SELECT count(*) FROM spoticar_vehicle_version),"
            " (SELECT count(*) FROM sale_order WHERE state = 'sale'),"
            " (SELECT count(*) FROM sale_order_line WHERE is_registration_fee),"
            " (SELECT count(*) FROM spoticar_warranty WHERE state = 'declared')"
        )
        row = cr.fetchone()
    return (
        f"{row[0]} companies, {row[1]} vehicles ({row[2]} in stock), {row[3]} versions, "
        f"{row[4]} confirmed orders ({row[5]} carte grise lines), {row[6]} declared warranties"
    )


def main():
    args = parse_args()
    # a kill ends the run through the ``finally`` blocks: servers and clusters stopped
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))
    import odoo
    import odoo.service.server
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    ensure_database(args)
    config.parse_config(odoo_args(args))
    # wkhtmltopdf's notices on a Debian build (no header and footer with an unpatched Qt)
    logging.getLogger("odoo.addons.base.models.ir_actions_report").setLevel(logging.ERROR)
    odoo.service.server.load_server_wide_modules()
    registry = Registry(args.db)
    with registry.cursor() as cr:
        print(describe(cr), flush=True)
        tpl = setup(api.Environment(cr, SUPERUSER_ID, {}), args)
    stored = {}
    if os.path.exists(args.results):
        with open(args.results) as f:
            stored = json.load(f)
    small_share = (args.vehicles // 10, args.orders // 10, args.warranties // 10)
    missed = []
    try:
        if args.phase in ("both", "small"):
            with registry.cursor() as cr:
                cr.execute(
                    "SELECT count(*) FROM product_template WHERE default_code LIKE %s", [MARK + "%"]
                )
                if not cr.fetchone()[0]:
                    print(f"==> small phase data: 1 company, {small_share[0]} vehicles", flush=True)
                    plan = [
                        (
                            tpl["company"],
                            tpl["warehouse"],
                            tpl["stock_location"],
                            tpl["team"],
                            tpl["users"],
                            *small_share,
                        )
                    ]
                    populate(cr, tpl, plan)
                    cr.commit()
            vacuum(registry)
            print(f"small: {counts(registry)}", flush=True)
            stored["small"] = run_measures(registry, tpl, args)
            stored["small_load"] = machine()
            missed += report("small", stored["small"])
            with open(args.results, "w") as f:
                json.dump(stored, f, indent=1)
        if args.phase in ("both", "large"):
            with registry.cursor() as cr:
                cr.execute("SELECT count(*) FROM res_company WHERE name LIKE 'Spoticar Bench %%'")
                if cr.fetchone()[0] < args.companies:
                    others = args.companies - 1
                    print(f"==> large phase data: {others} more companies", flush=True)
                    t0 = time.time()
                    companies = add_companies(cr, tpl, others)
                    print(f"  {others} companies: {time.time() - t0:.0f} s", flush=True)
                    rest = [
                        args.vehicles - small_share[0],
                        args.orders - small_share[1],
                        args.warranties - small_share[2],
                    ]
                    plan = []
                    for i, (company, warehouse, location) in enumerate(companies):
                        share = [total // others + (i < total % others) for total in rest]
                        plan.append(
                            (company, warehouse, location, None, [tpl["network_user"]], *share)
                        )
                    populate(cr, tpl, plan)
                    cr.commit()
            vacuum(registry)
            print(f"large: {counts(registry)}", flush=True)
            stored["large"] = run_measures(registry, tpl, args)
            missed += report("large", stored["large"], stored.get("small"))
            if stored.get("small_load"):
                print(f"(small phase measured with {stored['small_load']})")
            print(f"machine now: {machine()}")
        with open(args.results, "w") as f:
            json.dump(stored, f, indent=1)
    finally:
        odoo.sql_db.close_all()
        if not args.keep_db:
            drop_database(args)
    print("RESULT:", "OK" if not missed else "MISSED: " + ", ".join(missed))
    return 0 if not missed else 1


if __name__ == "__main__":
    sys.exit(main())
