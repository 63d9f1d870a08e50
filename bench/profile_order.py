#!/usr/bin/env python3
"""Where the time of one order goes (issue 17): create and confirm, by method. Not run in CI.

    PYTHONPATH=src python3 bench/profile_order.py --db i17_profile [--template i17_base]
        [--orders 30] [--keep-db]

On a database with the seven Spoticar addons (``--template`` copies one, otherwise they are
installed), prepared as ``bench/load.py`` prepares it (reused when it already is: the last dealer
company, its salesperson working in French, its customer and vehicles in stock), this process
creates (``web_save``, as the web client) and confirms (``action_confirm``) ``--orders`` orders as
that salesperson, each in a savepoint rolled back, the cache emptied before each step as a new
request finds it. The dealer's first sale is committed once before (what is set up on a first
sale is not the cost of every order). Then the same with a plain storable product of the same
company (created for the run, rolled back): Odoo's own sale and delivery of a one-line order, to
which the vehicle order adds its carte grise lines, the reservation of the vehicle, the SIV
activity and the vehicle's tracking.

Printed: the machine, the p50 time and the SQL queries of each step for both orders, then, per
order, the time and queries of the methods that matter (each counted once, at its outermost
call, with what it calls). The time of a request on Odoo's server adds its dispatch and a
colder cache (``bench/load.py`` reads it from the server's log). No target: exits 0.
"""

import argparse
import collections
import functools
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import load  # noqa: E402  (bench/load.py: the preparation)
import scale  # noqa: E402  (bench/scale.py: database, Odoo options, machine)

# (model, method): the suite's steps, then Odoo's, of create and confirm
METHODS = (
    ("sale.order", "web_save"),
    ("sale.order.line", "create"),
    ("sale.order", "_spoticar_update_registration_fees"),
    ("sale.order", "_spoticar_set_registration_fee_lines"),
    ("sale.order", "_compute_fiscal_position_id"),
    ("sale.order", "action_confirm"),
    ("sale.order", "_spoticar_check_cash_cap"),
    ("sale.order", "_spoticar_check_registration_fees"),
    ("sale.order", "_spoticar_reserve_vehicles"),
    ("sale.order", "_action_confirm"),
    ("sale.order.line", "_action_launch_stock_rule"),
    ("stock.rule", "_get_rule"),
    ("stock.move", "create"),
    ("stock.move", "_assign_picking"),
    ("stock.picking", "create"),
    ("stock.move", "_action_assign"),
    ("sale.order", "_spoticar_schedule_siv_activity"),
    ("product.template", "_vehicle_set_state"),
    ("mail.message", "create"),
)


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    scale.add_database_arguments(parser, "i17_profile")
    parser.add_argument("--orders", type=int, default=30, help="orders measured of each kind (30)")
    parser.add_argument("--warmup", type=int, default=5, help="orders first, not counted (5)")
    parser.add_argument(
        "--keep-db", action="store_true", help="keep the database when this run made it"
    )
    args = parser.parse_args()
    # what bench/load.py's preparation reads: one company, enough vehicles
    args.clients, args.races = 1, 0
    args.vehicles = args.orders + args.warmup + 1
    return args


class Timings:
    """Inclusive time and SQL queries of METHODS, each counted at its outermost call."""

    def __init__(self, registry):
        self.time = collections.defaultdict(float)
        self.queries = collections.defaultdict(int)
        self.calls = collections.defaultdict(int)
        self.active = set()
        self.patched = []
        for model, name in METHODS:
            cls = registry[model]
            original = cls.__dict__.get(name)
            self.patched.append((cls, name, original))
            setattr(cls, name, self._wrap(f"{model}.{name}", getattr(cls, name)))

    def _wrap(self, label, method):
        timings = self

        @functools.wraps(method)
        def timed(record, *args, **kwargs):
            if label in timings.active:
                return method(record, *args, **kwargs)
            timings.active.add(label)
            queries, start = record.env.cr.sql_log_count, time.perf_counter()
            try:
                return method(record, *args, **kwargs)
            finally:
                timings.time[label] += time.perf_counter() - start
                timings.queries[label] += record.env.cr.sql_log_count - queries
                timings.calls[label] += 1
                timings.active.discard(label)

        return timed

    def reset(self):
        self.time.clear()
        self.queries.clear()
        self.calls.clear()

    def restore(self):
        for cls, name, original in self.patched:
            if original is None:
                delattr(cls, name)
            else:
                setattr(cls, name, original)


def run_orders(env, company, products, timings, warmup):
    """An order of each product: ([(create s, create queries, confirm s, confirm queries)],
    then the time, queries and calls of METHODS), both after the ``warmup`` first orders."""
    steps = []
    cr = env.cr
    for i, product in enumerate(products):
        if i == warmup:
            timings.reset()
        cr.execute("SAVEPOINT profile_order")
        env.invalidate_all()
        queries, start = cr.sql_log_count, time.perf_counter()
        order_id = env["sale.order"].web_save(
            {
                "partner_id": company["customer"],
                **load.ORDER_DATES,
                "order_line": [[0, 0, {"product_id": product}]],
            },
            specification={"name": {}, "state": {}},
        )[0]["id"]
        env.flush_all()
        created, create_queries = time.perf_counter() - start, cr.sql_log_count - queries
        env.invalidate_all()  # a new request
        queries, start = cr.sql_log_count, time.perf_counter()
        env["sale.order"].browse(order_id).action_confirm()
        env.flush_all()
        confirmed, confirm_queries = time.perf_counter() - start, cr.sql_log_count - queries
        if i >= warmup:
            steps.append((created, create_queries, confirmed, confirm_queries))
        cr.execute("ROLLBACK TO SAVEPOINT profile_order")
    return steps, dict(timings.time), dict(timings.queries), dict(timings.calls)


def first_sale(cr, company):
    """The dealer's first order, committed (once per database): what Odoo and the suite set up
    once per company on its first sale (the vehicle taxes, the carte grise product) is then not
    counted in every order of the measure, which are rolled back."""
    from odoo import SUPERUSER_ID, api

    env = api.Environment(cr, SUPERUSER_ID, {"allowed_company_ids": [company["id"]]})
    if env["sale.order"].search_count(
        [("company_id", "=", company["id"]), ("state", "=", "sale")], limit=1
    ):
        return
    order = env["sale.order"].create(
        {
            "partner_id": company["customer"],
            **load.ORDER_DATES,
            "order_line": [(0, 0, {"product_id": company["variants"][-1]})],
        }
    )
    order.action_confirm()
    cr.commit()


def plain_product(cr, company):
    """A storable product of the company with 1,000 units in its stock (rolled back)."""
    from odoo import SUPERUSER_ID, api

    env = api.Environment(cr, SUPERUSER_ID, {"allowed_company_ids": [company["id"]]})
    template = env["product.template"].create(
        {
            "name": "Bench plain product",
            "type": "consu",
            "is_storable": True,
            "list_price": 100.0,
            "company_id": company["id"],
        }
    )
    env["stock.quant"]._update_available_quantity(
        template.product_variant_id, env["stock.location"].browse(company["location"]), 1000
    )
    return template.product_variant_id.id


def report(args, kinds):
    n = args.orders
    print(f"\n{n} orders of each kind (p50; per order; each step with an empty cache)")
    print(f"  {'':50} {'vehicle':>20} {'plain product':>20}")
    for label, index in (("create (web_save)", 0), ("confirm (action_confirm)", 2)):
        cells = []
        for steps, *_rest in kinds.values():
            p50 = statistics.median(step[index] for step in steps) * 1000
            queries = statistics.median(step[index + 1] for step in steps)
            cells.append(f"{p50:7.1f} ms {queries:4.0f} q")
        print(f"  {label:50} {cells[0]:>20} {cells[1]:>20}")
    heading = "by method (inclusive, outermost call)"
    print(f"\n  {heading:50} ms/order  queries  calls | plain product")
    (_s, times, queries, calls), (_p, ptimes, pqueries, pcalls) = kinds.values()
    for model, name in METHODS:
        label = f"{model}.{name}"
        if label not in times and label not in ptimes:
            continue
        plain = (
            f"{ptimes[label] / n * 1000:7.1f} {pqueries[label] / n:5.1f} q"
            if label in ptimes
            else f"{'-':>15}"
        )
        print(
            f"  {label:50} {times.get(label, 0) / n * 1000:7.1f} {queries.get(label, 0) / n:8.1f}"
            f" {calls.get(label, 0) / n:6.1f} | {plain}"
        )


def main():
    args = parse_args()
    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    conn = scale.pg_connect(args)
    cursor = conn.cursor()
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [args.db])
    made = not cursor.fetchone()
    conn.close()
    scale.ensure_database(args)
    config.parse_config(scale.odoo_args(args))
    registry = Registry(args.db)
    try:
        with registry.cursor() as cr:
            print(scale.describe(cr), flush=True)
            plan = load.prepare(api.Environment(cr, SUPERUSER_ID, {}), args)
        company = plan["companies"][-1]
        registry = Registry(args.db)  # the preparation may have reloaded it
        with registry.cursor() as cr:
            first_sale(cr, company)
        timings = Timings(registry)
        kinds = {}
        with registry.cursor() as cr:
            su = api.Environment(cr, SUPERUSER_ID, {})
            user = su["res.users"].search([("login", "=", company["users"][0])])
            env = api.Environment(
                cr,
                user.id,
                {"lang": "fr_FR", "tz": "Europe/Paris", "allowed_company_ids": [company["id"]]},
            )
            sold = {
                order.vehicle_id.id
                for order in su["sale.order"].search([("state", "=", "sale")])
                if order.vehicle_id
            }
            vehicles = [v for v in company["variants"] if v not in sold]
            count = args.orders + args.warmup
            if len(vehicles) < count:
                sys.exit(f"{len(vehicles)} vehicles left unsold in {company['id']}: {count} needed")
            kinds["vehicle"] = run_orders(env, company, vehicles[:count], timings, args.warmup)
            plain = plain_product(cr, company)
            kinds["plain"] = run_orders(env, company, [plain] * count, timings, args.warmup)
            cr.rollback()
        timings.restore()
        report(args, kinds)
    finally:
        odoo.sql_db.close_all()
        if made and not args.keep_db:
            scale.drop_database(args)
    print(f"\nmachine at the end: {scale.machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
