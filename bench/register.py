#!/usr/bin/env python3
"""Benchmark of the livre de police (spoticar_purchase): writing entries, verifying the chain.

Not run in CI.

    PYTHONPATH=src python3 bench/register.py --db h_register_bench [--write 10000] [--total 100000]
        [--db_host 127.0.0.1 --db_user root] [--addons-path addons,/opt/odoo19/addons]

The database must have spoticar_purchase installed (``-i spoticar_purchase --stop-after-init``). The
script uses a company of its own ("Bench livre de police"), so its register is one establishment:

1. writes ``--write`` entries through the ORM (``spoticar.register.entry.create``: counter row
   locked, number, SHA-256 chain), and prints entries per second;
2. completes the register to ``--total`` entries with SQL (the chain computed by
   ``spoticar_core.register``, as the ORM would), unless it already holds them;
3. times "Vérifier l'intégrité" of the whole establishment (``_register_verify``) and prints it.

Target (2 cores): verifying 100,000 entries < 10 s.
"""

import argparse
import datetime
import time
from decimal import Decimal

import stock as stock_bench  # bench/stock.py (beside this script): the CPU reference
from psycopg2.extras import execute_values

import odoo
import odoo.service.server
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

from spoticar_core import register

COMPANY_NAME = "Bench livre de police"
TARGET_SECONDS = 10.0
CHAIN_FIELDS = None  # read from the addon once the registry is loaded


def _entry_vals(index):
    return {
        "entry_date": datetime.date(2020, 1, 1) + datetime.timedelta(days=index % 2000),
        "kind": "purchase" if index % 3 else "trade_in",
        "vehicle_make": "Peugeot",
        "vehicle_model": "308 (2)",
        "vehicle_version": "1.5 BlueHDi 130 S&S EAT8 Allure",
        "vehicle_color": "Gris Artense",
        "mileage": 20000 + index % 180000,
        "license_plate": f"BE-{index % 1000:03d}-{'ABCDEFGHJKLMNPQRSTVWXYZ'[index % 23]}Z",
        "registration_type": "M10PEUG1234",
        "vin": f"VF3{index:014d}",
        "origin_country": "France",
        "seller_type": "private",
        "seller_name": f"Vendeur {index}",
        "seller_address": "1 rue de Brest, 35000 Rennes",
        "id_document_type": "Identity card",
        "id_document_number": f"X{index:08d}",
        "id_document_date": datetime.date(2018, 1, 1),
        "id_document_authority": "Préfecture d'Ille-et-Vilaine",
        "amount": Decimal(5000 + index % 20000).quantize(Decimal("0.01")),
        "payment_mode": "transfer" if index % 3 else None,
    }


def _company(env):
    company = env["res.company"].search([("name", "=", COMPANY_NAME)], limit=1)
    if not company:
        company = env["res.company"].create(
            {"name": COMPANY_NAME, "currency_id": env.ref("base.EUR").id}
        )
    return company


def write_entries(env, company, count):
    Entry = env["spoticar.register.entry"].sudo().with_company(company)
    start = time.perf_counter()
    for index in range(count):
        vals = dict(_entry_vals(index), company_id=company.id)
        vals["amount"] = float(vals["amount"])
        vals["payment_mode"] = vals["payment_mode"] or False
        Entry.create(vals)
        if index % 1000 == 999:
            env.cr.commit()
    env.cr.commit()
    elapsed = time.perf_counter() - start
    print(f"written through the ORM: {count} entries in {elapsed:.1f} s ({count / elapsed:.0f}/s)")


def complete_with_sql(env, company, total):
    establishment, prefix = company._spoticar_register_establishment()
    cr = env.cr
    cr.execute(
        "SELECT last_number, last_hash FROM spoticar_register_counter WHERE establishment = %s",
        (establishment,),
    )
    last_number, last_hash = cr.fetchone() or (0, "")
    if last_number >= total:
        return establishment
    start = time.perf_counter()
    batch = []
    previous = last_hash or ""
    columns = (
        "name",
        "company_id",
        "currency_id",
        "previous_hash",
        "content_hash",
        "create_uid",
        "write_uid",
        "create_date",
        "write_date",
        *CHAIN_FIELDS,
    )
    now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    for number in range(last_number + 1, total + 1):
        content = dict.fromkeys(CHAIN_FIELDS)
        content.update(_entry_vals(number), number=number, establishment=establishment)
        digest = register.entry_hash(content, previous)
        batch.append(
            (
                f"{prefix}{number:06d}",
                company.id,
                company.currency_id.id,
                previous,
                digest,
                SUPERUSER_ID,
                SUPERUSER_ID,
                now,
                now,
                *(content[f] for f in CHAIN_FIELDS),
            )
        )
        previous = digest
        if len(batch) == 5000 or number == total:
            execute_values(
                cr._obj,
                f"INSERT INTO spoticar_register_entry ({', '.join(columns)}) VALUES %s",  # noqa: S608
                batch,
            )
            batch = []
    cr.execute(
        "UPDATE spoticar_register_counter SET last_number = %s, last_hash = %s"
        " WHERE establishment = %s",
        (total, previous, establishment),
    )
    cr.commit()
    print(
        f"completed with SQL: {total - last_number} entries in {time.perf_counter() - start:.1f} s"
    )
    return establishment


def main():
    global CHAIN_FIELDS
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", required=True)
    parser.add_argument("--db_host", default="127.0.0.1")
    parser.add_argument("--db_user", default=None)
    parser.add_argument("--addons-path", default="addons,/opt/odoo19/addons")
    parser.add_argument("--write", type=int, default=10_000)
    parser.add_argument("--total", type=int, default=100_000)
    args = parser.parse_args()
    cli = [f"--addons-path={args.addons_path}", f"--db_host={args.db_host}", "--log-level=warn"]
    if args.db_user:
        cli.append(f"--db_user={args.db_user}")
    config.parse_config(cli)
    odoo.service.server.load_server_wide_modules()
    from odoo.addons.spoticar_purchase.models.spoticar_register_entry import (  # noqa: PLC0415
        CHAIN_FIELDS as chain_fields,
    )

    CHAIN_FIELDS = chain_fields
    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        company = _company(env)
        cr.commit()
        establishment, _prefix = company._spoticar_register_establishment()
        cr.execute(
            "SELECT count(*) FROM spoticar_register_entry WHERE establishment = %s",
            (establishment,),
        )
        if cr.fetchone()[0] < args.write:
            write_entries(env, company, args.write)
        complete_with_sql(env, company, max(args.total, args.write))
        print(stock_bench.cpu_reference())
        start = time.perf_counter()
        count, broken = env["spoticar.register.entry"]._register_verify(establishment)
        elapsed = time.perf_counter() - start
        verdict = "OK" if elapsed < TARGET_SECONDS and not broken else "OVER TARGET OR BROKEN"
        print(
            f"verified the chain of {count} entries in {elapsed:.2f} s "
            f"(target < {TARGET_SECONDS:.0f} s, first broken: {broken or 'none'}): {verdict}"
        )


if __name__ == "__main__":
    main()
