#!/usr/bin/env python3
"""Benchmark of the manager's dashboards (spoticar_margin) on a large history. Not run in CI.

    PYTHONPATH=src python3 bench/dashboard.py --db i15_bench [--vehicles 100000] [--lines 200000]
        [--runs 30] [--db_host 127.0.0.1 --db_user root] [--addons-path addons,/opt/odoo19/addons]

The database must have spoticar_margin installed (``-i spoticar_margin --stop-after-init``). The
script builds the stock of ``bench/stock.py`` (reference and vehicles by SQL COPY) unless it is
there, then, by SQL as well: entry dates, purchase prices and reconditioning stages of the
vehicles, two costs per vehicle, and sale orders selling vehicles: one vehicle line and three
carte grise lines per order (``--lines`` order lines in all), a declared warranty on one order in
three. It then measures, as a Spoticar manager (record rules included), the ``read_group`` that
each dashboard's pivot and graph make (``formatted_read_group``, the web client's call), and a
plain ``sale.report`` pivot (revenue by month) on the same data as the baseline.

It prints p50/p95 in milliseconds per view and the ratio of each p50 to the baseline's. Target
(2 cores): each dashboard read_group p50 < 300 ms.
"""

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta

from odoo import SUPERUSER_ID, api

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stock as stock_bench  # noqa: E402  (bench/stock.py: the stock generator)

# Every dashboard of the "Tableau de bord" menu: (label, model, groupby, aggregates).
DASHBOARDS = [
    (
        "sales by month",
        "spoticar.sale.report",
        ["date:month"],
        ["vehicle_count:sum", "revenue:sum", "gross_margin:sum", "net_margin:sum"],
    ),
    (
        "sales by salesperson",
        "spoticar.sale.report",
        ["user_id"],
        ["vehicle_count:sum", "revenue:sum", "gross_margin:sum", "net_margin:sum"],
    ),
    ("sales by make", "spoticar.sale.report", ["vehicle_make_id"], ["net_margin:sum"]),
    (
        "sales by energy x label",
        "spoticar.sale.report",
        ["energy", "vehicle_label"],
        ["vehicle_count:sum", "net_margin:sum"],
    ),
    ("rotation by month", "spoticar.sale.report", ["date:month"], ["days_in_stock:avg"]),
    (
        "warranty attach rate by salesperson",
        "spoticar.sale.report",
        ["user_id"],
        ["vehicle_count:sum", "warranty_count:sum", "warranty_rate:avg"],
    ),
    (
        "carte grise by month",
        "spoticar.sale.report",
        ["date:month"],
        ["registration_fee_amount:sum"],
    ),
    (
        "stock by site x ageing",
        "spoticar.stock.report",
        ["warehouse_id", "ageing"],
        ["vehicle_count:sum", "stock_value:sum", "days_in_stock:avg"],
    ),
    ("vehicle costs by category", "spoticar.vehicle.cost", ["category"], ["amount:sum"]),
]
BASELINE = ("sale.report revenue by month", "sale.report", ["date:month"], ["price_subtotal:sum"])


def generate_sales(env, n_lines):
    cr = env.cr
    cr.execute("SELECT count(*) FROM sale_order WHERE client_order_ref = 'BENCH'")
    if cr.fetchone()[0]:
        print("sales already generated")
        return
    t0 = time.time()
    company = env.company
    rng = random.Random(4)
    cr.execute(
        "SELECT t.id, p.id FROM product_template t JOIN product_product p"
        " ON p.product_tmpl_id = t.id WHERE t.is_vehicle AND t.default_code LIKE 'BENCH%'"
        " ORDER BY t.id"
    )
    vehicles = cr.fetchall()
    # Vehicles: entered in stock over the last 18 months, bought at 75-90 % of their price,
    # mostly ready for sale; two costs each.
    cr.execute(
        """UPDATE product_template
              SET stock_entry_date = CURRENT_DATE - (id % 540),
                  purchase_price = round(list_price * (0.75 + (id % 16) / 100.0), 2),
                  spoticar_recon_state = (ARRAY['ready', 'ready', 'ready', 'to_prepare',
                                                'in_preparation'])[1 + id % 5]
            WHERE is_vehicle AND default_code LIKE 'BENCH%'"""
    )
    categories = ["repairs", "bodywork", "tyres", "cleaning", "technical_inspection", "transport"]
    stock_bench.copy(
        cr,
        "spoticar_vehicle_cost",
        ["product_tmpl_id", "company_id", "category", "amount", "date", "name"],
        (
            (
                tmpl_id,
                company.id,
                rng.choice(categories),
                rng.randrange(50, 1500),
                date.today(),
                "b",
            )
            for tmpl_id, _p in vehicles
            for _ in range(2)
        ),
    )
    cr.execute(
        """UPDATE product_template t SET spoticar_cost_total = c.total,
                  spoticar_cost_price = t.purchase_price + c.total
             FROM (SELECT product_tmpl_id, SUM(amount) AS total FROM spoticar_vehicle_cost
                 GROUP BY product_tmpl_id) c
            WHERE c.product_tmpl_id = t.id"""
    )
    # The vehicles on hand are in the warehouse's stock: one quant each.
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    cr.execute(
        """INSERT INTO stock_quant (product_id, location_id, company_id, quantity,
                   reserved_quantity, in_date)
           SELECT p.id, %s, t.company_id, 1, 0, now()
             FROM product_template t JOIN product_product p ON p.product_tmpl_id = t.id
            WHERE t.is_vehicle AND t.default_code LIKE 'BENCH%%'
              AND t.vehicle_state IN ('stock', 'reserved')""",
        [warehouse.lot_stock_id.id],
    )
    cr.execute(
        """UPDATE product_template SET spoticar_warehouse_id = %s
            WHERE is_vehicle AND default_code LIKE 'BENCH%%'
              AND vehicle_state IN ('stock', 'reserved')""",
        [warehouse.id],
    )
    # Salespeople, customers, the warehouse and the carte grise product.
    group = env.ref("spoticar_stock.group_spoticar_user")
    sellers = env["res.users"].search([("login", "like", "bench_seller_%")])
    if not sellers:
        sellers = env["res.users"].create(
            [
                {
                    "name": f"Bench seller {i}",
                    "login": f"bench_seller_{i}",
                    "group_ids": [(4, group.id)],
                    "company_id": company.id,
                    "company_ids": [(6, 0, company.ids)],
                }
                for i in range(12)
            ]
        )
    partners = env["res.partner"].create([{"name": f"Bench customer {i}"} for i in range(200)])
    fee = company._spoticar_get_registration_fee_product()
    fee_product = fee.product_variant_id.id if fee._name == "product.template" else fee.id
    n_orders = min(n_lines // 4, len(vehicles))
    sold = rng.sample(vehicles, n_orders)
    orders = []
    for n, (_tmpl_id, product_id) in enumerate(sold):
        day = date.today() - timedelta(days=rng.randrange(0, 720))
        partner = partners[n % len(partners)].id
        orders.append(
            (
                f"BENCH/{n:07d}",
                "BENCH",
                partner,
                partner,
                partner,
                company.id,
                sellers[n % len(sellers)].id,
                warehouse.id,
                f"{day} 10:00:00",
                day,
                "sale",
                company.currency_id.id,
                product_id,
                "showroom",
                "transfer",
                "direct",
                "metropolitan",
            )
        )
    stock_bench.copy(
        cr,
        "sale_order",
        [
            "name",
            "client_order_ref",
            "partner_id",
            "partner_invoice_id",
            "partner_shipping_id",
            "company_id",
            "user_id",
            "warehouse_id",
            "date_order",
            "sale_date",
            "state",
            "currency_id",
            "vehicle_id",
            "sale_channel",
            "payment_mode",
            "picking_policy",
            "sale_destination",
        ],
        orders,
    )
    cr.execute(
        """INSERT INTO sale_order_line (order_id, company_id, currency_id, order_partner_id,
                   salesman_id, state, name, sequence, product_id, product_uom_qty, customer_lead,
                   price_unit, price_subtotal, price_tax, price_total, margin_vat_amount,
                   is_registration_fee, is_trade_in)
           SELECT so.id, so.company_id, so.currency_id, so.partner_id, so.user_id, 'sale',
                  t.name->>'en_US', 10, so.vehicle_id, 1, 0, t.list_price, t.list_price, 0,
                  t.list_price,
                  GREATEST(round((t.list_price - t.purchase_price) * 20 / 120.0, 2), 0),
                  false, false
             FROM sale_order so
             JOIN product_product p ON p.id = so.vehicle_id
             JOIN product_template t ON t.id = p.product_tmpl_id
            WHERE so.client_order_ref = 'BENCH'"""
    )
    cr.execute(
        """INSERT INTO sale_order_line (order_id, company_id, currency_id, order_partner_id,
                   salesman_id, state, name, sequence, product_id, product_uom_qty, customer_lead,
                   price_unit, price_subtotal, price_tax, price_total, is_registration_fee,
                   is_trade_in, registration_tax_code)
           SELECT so.id, so.company_id, so.currency_id, so.partner_id, so.user_id, 'sale',
                  'Carte grise ' || code, 20 + k, %s, 1, 0, amount, amount, 0, amount, true,
                  false, code
             FROM sale_order so,
                  (VALUES (1, 'Y1', 276.0), (2, 'Y4', 11.0), (3, 'Y5', 2.76)) AS f(k, code, amount)
            WHERE so.client_order_ref = 'BENCH'""",
        [fee_product],
    )
    # A declared warranty on one order in three.
    product_premium = env.ref("spoticar_warranty.product_spoticar_premium")
    cr.execute(
        """INSERT INTO spoticar_warranty (name, company_id, sale_order_id, state, product_id,
                   declaration_number, seller_id, sale_date)
           SELECT 'BENCH-' || so.id, so.company_id, so.id, 'declared', %s,
                  'SPBENCH' || so.id, so.user_id, so.sale_date
             FROM sale_order so
            WHERE so.client_order_ref = 'BENCH' AND so.id %% 3 = 0""",
        [product_premium.id],
    )
    # The orders' stored figures, as spoticar_margin computes them (sale.order fields).
    cr.execute(
        """UPDATE sale_order so
              SET spoticar_vehicle_count = 1,
                  spoticar_vehicle_price_total = l.price_total,
                  spoticar_vehicle_margin_vat = l.margin_vat_amount,
                  spoticar_vehicle_sale_excl = l.price_subtotal - l.margin_vat_amount,
                  spoticar_purchase_total = t.purchase_price,
                  spoticar_cost_total = t.spoticar_cost_total,
                  spoticar_gross_margin = l.price_subtotal - l.margin_vat_amount
                      - t.purchase_price,
                  spoticar_net_margin = l.price_subtotal - l.margin_vat_amount - t.purchase_price
                      - t.spoticar_cost_total,
                  spoticar_registration_fee_amount = 289.76,
                  spoticar_warranty_declared = so.id %% 3 = 0,
                  spoticar_vehicle_make_id = t.vehicle_make_id,
                  spoticar_vehicle_model_id = t.vehicle_model_id,
                  spoticar_energy = t.energy,
                  spoticar_vehicle_label = t.vehicle_label,
                  spoticar_stock_entry_date = t.stock_entry_date
             FROM sale_order_line l, product_product p, product_template t
            WHERE l.order_id = so.id AND l.product_id = so.vehicle_id
              AND p.id = so.vehicle_id AND t.id = p.product_tmpl_id
              AND so.client_order_ref = %s""",
        ["BENCH"],
    )
    cr.execute(
        "SELECT count(*) FROM sale_order_line l JOIN sale_order o ON o.id = l.order_id"
        " WHERE o.client_order_ref = 'BENCH'"
    )
    print(f"sales: {n_orders} orders, {cr.fetchone()[0]} lines in {time.time() - t0:.1f} s")
    for table in (
        "product_template",
        "sale_order",
        "sale_order_line",
        "spoticar_vehicle_cost",
        "spoticar_warranty",
        "stock_quant",
    ):
        cr.execute(f"ANALYZE {table}")  # noqa: S608 (fixed names)
    env.invalidate_all()


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    stock_bench.add_server_arguments(parser)
    parser.add_argument("--vehicles", type=int, default=100_000)
    parser.add_argument("--versions", type=int, default=50_000)
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    registry = stock_bench.open_registry(args)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        stock_bench.generate(env, args.versions, args.vehicles)
        generate_sales(env, args.lines)
        user = env["res.users"].search([("login", "=", "bench_manager")])
        if not user:
            user = env["res.users"].create(
                {
                    "name": "Bench manager",
                    "login": "bench_manager",
                    "group_ids": [
                        (4, env.ref("spoticar_stock.group_spoticar_manager").id),
                        (4, env.ref("sales_team.group_sale_manager").id),
                    ],
                    "company_id": env.company.id,
                    "company_ids": [(6, 0, env.company.ids)],
                }
            )
        cr.commit()
    with registry.cursor() as cr:
        cr._cnx.autocommit = True
        for table in ("product_template", "sale_order", "sale_order_line", "stock_quant"):
            cr.execute(f"VACUUM ANALYZE {table}")  # noqa: S608 (fixed names)
        cr._cnx.autocommit = False
    with registry.cursor() as cr:
        env = api.Environment(cr, user.id, {"lang": "en_US", "tz": "Europe/Paris"})
        cr.execute("SELECT count(*) FROM spoticar_sale_report")
        sold = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM spoticar_stock_report")
        on_hand = cr.fetchone()[0]
        print(f"data: {sold} vehicles sold, {on_hand} vehicles on hand")
        print(stock_bench.cpu_reference())

        def read_group(spec):
            _label, model, groupby, aggregates = spec
            return len(env[model].formatted_read_group([], groupby, aggregates))

        base = stock_bench.measure(BASELINE[0], read_group, [BASELINE], args.runs)
        results = [
            stock_bench.measure(spec[0], read_group, [spec], args.runs) for spec in DASHBOARDS
        ]
        print(f"{'read_group':40} {'p50 ms':>8} {'p95 ms':>8} {'groups':>7} {'x baseline':>10}")
        for row in [base, *results]:
            print(
                f"{row['label']:40} {row['p50']:8.1f} {row['p95']:8.1f} {row['result']:7d}"
                f" {row['p50'] / base['p50']:10.2f}"
            )
        worst = max(row["p50"] for row in results)
        print(
            f"worst dashboard p50: {worst:.1f} ms (target < 300 ms): "
            f"{'OK' if worst < 300 else 'OVER'}"
        )
        cr.rollback()


if __name__ == "__main__":
    main()
