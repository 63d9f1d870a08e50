#!/usr/bin/env python3
"""Benchmark of the Stock VO (spoticar_stock) on a large stock. Not run in CI.

    PYTHONPATH=src python3 bench/stock.py --db h_stock_bench [--vehicles 100000] [--versions 50000]
        [--runs 60] [--db_host 127.0.0.1 --db_user root] [--addons-path addons,/opt/odoo19/addons]

The database must have spoticar_stock installed (``-i spoticar_stock --stop-after-init``). The
script bulk-generates the reference (makes, models, 50,000 versions) and 100,000 vehicles with SQL
COPY (the ORM creates about 50 products a second on a small machine), unless they are already
there, then measures what the web client calls, as a salesperson (record rules included):

- plate lookup: ``web_search_read`` of the Stock VO list on ``vehicle_search ilike "dl 342 mp"``;
- filtered and sorted first page: in stock, diesel, km and price ranges, sorted by price, 80 rows,
  with the count the list shows;
- version autocomplete: ``web_name_search("130 allure")`` on the version field, with the form's
  domain (model and first registration date), and without a model (word search over the whole
  reference);
- baseline: Odoo's own product search by internal reference (``default_code ilike``) on the same
  data.

It prints p50/p95 in milliseconds per measure and the ratio to the baseline. Targets (2 cores):
plate lookup p50 < 20 ms, filtered page p50 < 150 ms, autocomplete p50 < 50 ms.
"""

import argparse
import io
import random
import re
import statistics
import sys
import time
from datetime import date, timedelta

import odoo
import odoo.service.server
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

from spoticar_core.catalogue import normalize_text

LETTERS = "ABCDEFGHJKLMNPQRTVXYZ"
ENERGIES = (
    ["diesel"] * 40 + ["petrol"] * 40 + ["hybrid"] * 8 + ["plugin_hybrid"] * 5 + ["electric"] * 7
)
TRIMS = [
    "Active",
    "Allure",
    "GT Line",
    "GT",
    "Feel",
    "Shine",
    "So Chic",
    "Rivoli",
    "Edition",
    "Elegance",
    "Lounge",
    "Super",
    "Veloce",
    "Limited",
    "Longitude",
    "Business",
    "Féline",
    "Première",
]
ENGINES = [
    "PureTech 82",
    "PureTech 110",
    "PureTech 130",
    "BlueHDi 100",
    "BlueHDi 130",
    "1.6 e-HDi 115",
    "Hybrid 136",
    "Hybrid 225 e-EAT8",
    "E-Tense 136",
    "1.2 Turbo 100",
    "MultiJet 120",
    "JTDm 160",
]
GEARBOXES = ["BVM5", "BVM6", "EAT6", "EAT8", "DCT6", "AT8"]
LIST_SPEC = {
    name: {}
    for name in (
        "image_128",
        "default_code",
        "name",
        "gearbox",
        "license_plate",
        "first_registration_date",
        "mileage",
        "co2_emission",
        "critair",
        "vehicle_state",
        "list_price",
        "vehicle_label",
        "currency_id",
    )
}


def plate(n):
    """The n-th valid SIV plate (no I, O, U, S, W)."""
    a, rest = divmod(n, 999 * len(LETTERS) ** 2)
    b, rest = divmod(rest, 999 * len(LETTERS))
    c, number = divmod(rest, 999)
    return f"{LETTERS[a % 21]}{LETTERS[b]}-{number + 1:03d}-{LETTERS[c]}{LETTERS[(n // 7) % 21]}"


def copy(cr, table, columns, rows):
    buf = io.StringIO()
    for row in rows:
        buf.write(
            "\t".join(
                "\\N" if v is None else str(v).replace("\\", "\\\\").replace("\t", " ") for v in row
            )
        )
        buf.write("\n")
    buf.seek(0)
    cr._obj.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buf)


def generate(env, n_versions, n_vehicles):
    cr = env.cr
    cr.execute(
        "SELECT count(*) FROM spoticar_vehicle_version"
        " WHERE manufacturer_equivalence LIKE 'BENCH-%'"
    )
    if cr.fetchone()[0] >= n_versions:
        print(f"reference already generated ({n_versions} versions)")
    else:
        t0 = time.time()
        makes = env["spoticar.vehicle.make"].create(
            [
                {"name": name, "code": f"BENCH-{name.upper()}"}
                for name in (
                    "Peugeot",
                    "Citroën",
                    "DS",
                    "Opel",
                    "Fiat",
                    "Alfa Romeo",
                    "Jeep",
                    "Lancia",
                    "Abarth",
                    "Chrysler",
                )
            ]
        )
        models = env["spoticar.vehicle.model"].create(
            [
                {
                    "make_id": make.id,
                    "name": f"M{i} ({g})",
                    "code": f"BENCH-{make.code}-{i}-{g}",
                    "body_type": "suv",
                }
                for make in makes
                for i in range(1, 26)
                for g in (1, 2, 3, 4)
            ]
        )
        rng = random.Random(1)
        rows = []
        for n in range(n_versions):
            model = models[n % len(models)]
            name = f"{rng.choice(ENGINES)} {rng.choice(GEARBOXES)} {rng.choice(TRIMS)} {n}"
            start = date(2010, 1, 1) + timedelta(days=rng.randrange(0, 15 * 365))
            end = start + timedelta(days=rng.randrange(365, 6 * 365))
            code = f"BENCH-{n:07d}"
            rows.append(
                (
                    model.id,
                    model.make_id.id,
                    name,
                    code,
                    rng.choice(ENERGIES),
                    "VP",
                    rng.randrange(3, 12),
                    rng.randrange(70, 300),
                    rng.randrange(50, 220),
                    rng.randrange(0, 180),
                    start,
                    end,
                    normalize_text(f"{model.make_id.name} {model.name} {name} {code}"),
                    True,
                    env.company.currency_id.id,
                )
            )
        copy(
            cr,
            "spoticar_vehicle_version",
            [
                "model_id",
                "make_id",
                "name",
                "manufacturer_equivalence",
                "energy",
                "vehicle_category",
                "fiscal_power",
                "din_power",
                "power_kw",
                "co2_emission",
                "sale_start",
                "sale_end",
                "search_text",
                "active",
                "currency_id",
            ],
            rows,
        )
        print(f"reference: {n_versions} versions in {time.time() - t0:.1f} s")
    cr.execute(
        "SELECT count(*) FROM product_template WHERE is_vehicle AND default_code LIKE 'BENCH%'"
    )
    if cr.fetchone()[0] >= n_vehicles:
        print(f"stock already generated ({n_vehicles} vehicles)")
        return
    t0 = time.time()
    cr.execute(
        "SELECT id, model_id, make_id, energy FROM spoticar_vehicle_version"
        " WHERE manufacturer_equivalence LIKE 'BENCH-%'"
    )
    versions = cr.fetchall()
    uom_id = env.ref("uom.product_uom_unit").id
    company_id = env.company.id
    rng = random.Random(2)
    states = (
        ["stock"] * 70 + ["incoming"] * 10 + ["reserved"] * 8 + ["sold"] * 7 + ["delivered"] * 5
    )
    rows = []
    for n in range(n_vehicles):
        version_id, model_id, make_id, energy = versions[rng.randrange(len(versions))]
        plate_text = plate(n)
        first = date(2012, 1, 1) + timedelta(days=rng.randrange(0, 13 * 365))
        rows.append(
            (
                f'{{"en_US": "Bench vehicle {n}"}}',
                "consu",
                True,
                True,
                True,
                True,
                "none",
                "no",
                uom_id,
                company_id,
                True,
                f"BENCH{n:07d}",
                plate_text,
                plate_text.replace("-", ""),
                f"VF3BENCH{n:09d}",
                make_id,
                model_id,
                version_id,
                energy,
                first,
                first.year,
                rng.randrange(0, 250000),
                True,
                rng.randrange(3000, 60000),
                rng.choice(states),
                rng.choice(["spoticar", "none", "ds_certified"]),
                rng.choice(["manual", "automatic"]),
                rng.randrange(0, 200),
                "margin",
                "VP",
                1,
                "2",
            )
        )
    copy(
        cr,
        "product_template",
        [
            "name",
            "type",
            "sale_ok",
            "purchase_ok",
            "active",
            "is_storable",
            "tracking",
            "service_tracking",
            "uom_id",
            "company_id",
            "is_vehicle",
            "default_code",
            "license_plate",
            "license_plate_key",
            "vin",
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
            "vehicle_label",
            "gearbox",
            "co2_emission",
            "vat_regime",
            "vehicle_category",
            "sale_delay",
            "critair",
        ],
        rows,
    )
    cr.execute(
        """INSERT INTO product_product (product_tmpl_id, active)
           SELECT t.id, true FROM product_template t
            WHERE t.is_vehicle AND t.default_code LIKE 'BENCH%'
              AND NOT EXISTS (SELECT 1 FROM product_product p WHERE p.product_tmpl_id = t.id)"""
    )
    cr.execute(
        "ANALYZE product_template; ANALYZE product_product; ANALYZE spoticar_vehicle_version"
    )
    env.invalidate_all()
    print(f"stock: {n_vehicles} vehicles in {time.time() - t0:.1f} s")


def stock_list(product, domain, spec, order=None):
    """The Stock VO list as the web client asks it: a page of 80 vehicles and the count (up to
    10,001). Returns the count."""
    return product.web_search_read(domain, spec, limit=80, order=order, count_limit=10001)["length"]


def plate_domain(text):
    """The Stock VO list searched by plate, however typed."""
    return [("is_vehicle", "=", True), ("vehicle_search", "ilike", text)]


def page_domain(i):
    """The ``i``-th filtered page of the Stock VO list: diesel vehicles in stock from 10,000 to
    30,000 EUR, in one of five mileage bands of 50,000 km (sorted by ``PAGE_ORDER``)."""
    low = (i % 5) * 20000
    return [
        ("is_vehicle", "=", True),
        ("vehicle_state", "=", "stock"),
        ("energy", "=", "diesel"),
        ("mileage", ">=", low),
        ("mileage", "<", low + 50000),
        ("list_price", ">=", 10000),
        ("list_price", "<", 30000),
    ]


PAGE_ORDER = "list_price desc, id desc"


def version_autocomplete(version, words, model_id=None, on_date=None):
    """The version field's autocomplete (8 names): with the vehicle form's domain (its model and
    first registration date) when ``model_id`` is given, else over the whole reference. Returns
    the number of names."""
    domain = []
    if model_id:
        domain = [("model_id", "=", model_id), ("on_sale_at", "=", on_date.isoformat())]
    return len(version.web_name_search(words, {"display_name": {}}, domain=domain, limit=8))


def percentiles(timings):
    """(p50, p95) of a list of timings (the benches' one definition)."""
    timings = sorted(timings)
    p95 = timings[min(len(timings) - 1, int(round(0.95 * len(timings))) - 1)]
    return statistics.median(timings), p95


# Odoo's request log line (werkzeug, INFO): "VERB /path HTTP/1.1" status - queries SQL-s rest-s.
# Odoo 19 writes the JSON-RPC calls as /web/dataset/call_kw/<model>/<method>#<model>.<method>.
REQUEST_LINE = re.compile(
    r'"(?P<verb>[A-Z]+) (?P<path>[^\s#]+)(?:#\S*)? HTTP/[\d.]+" (?P<status>\d+) - '
    r"(?P<queries>\d+) (?P<sql>[\d.]+) (?P<python>[\d.]+)"
)


def request_log(path, offset=0):
    """(verb, path, status, SQL queries, SQL seconds, other seconds) of each request that the
    Odoo server logging to ``path`` wrote from ``offset`` on, in order."""
    with open(path, encoding="utf-8", errors="replace") as log:
        log.seek(offset)
        for line in log:
            match = REQUEST_LINE.search(line)
            if match:
                yield (
                    match["verb"],
                    match["path"],
                    int(match["status"]),
                    int(match["queries"]),
                    float(match["sql"]),
                    float(match["python"]),
                )


def add_server_arguments(parser):
    """The database options every bench running inside Odoo takes."""
    parser.add_argument("--db", required=True)
    parser.add_argument("--db_host", default="127.0.0.1")
    parser.add_argument("--db_user", default=None)
    parser.add_argument("--addons-path", default="addons,/opt/odoo19/addons")


def open_registry(args):
    """Odoo configured from those options, and the registry of the bench's database."""
    cli = [f"--addons-path={args.addons_path}", f"--db_host={args.db_host}", "--log-level=warn"]
    if args.db_user:
        cli.append(f"--db_user={args.db_user}")
    config.parse_config(cli)
    odoo.service.server.load_server_wide_modules()
    return Registry(args.db)


def measure(label, func, inputs, runs):
    func(inputs[0])  # warm the caches (ORM, prepared plans)
    timings = []
    result = None
    for i in range(runs):
        t0 = time.perf_counter()
        result = func(inputs[i % len(inputs)])
        timings.append((time.perf_counter() - t0) * 1000)
    p50, p95 = percentiles(timings)
    return {"label": label, "p50": p50, "p95": p95, "result": result}


def cpu_reference(additions=5_000_000):
    """The CPU's speed as one figure: a fixed pure-Python loop, best of three. Timed figures
    follow the speed of the CPU, not only the number of cores: printed with them, it tells how
    two machines' runs compare."""
    best = float("inf")
    for _run in range(3):
        start = time.perf_counter()
        total = 0
        for i in range(additions):
            total += i
        best = min(best, time.perf_counter() - start)
    return f"CPU reference {best * 1000:.0f} ms ({additions:,} Python additions, best of 3)"


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_server_arguments(parser)
    parser.add_argument("--vehicles", type=int, default=100_000)
    parser.add_argument("--versions", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()
    registry = open_registry(args)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        generate(env, args.versions, args.vehicles)
        user = env["res.users"].search([("login", "=", "bench_vendeur")])
        if not user:
            user = env["res.users"].create(
                {
                    "name": "Bench vendeur",
                    "login": "bench_vendeur",
                    "group_ids": [(4, env.ref("spoticar_stock.group_spoticar_user").id)],
                    "company_id": env.company.id,
                    "company_ids": [(6, 0, env.company.ids)],
                }
            )
        cr.commit()
    # What autovacuum does on a live database after a bulk load (visibility map, statistics).
    with registry.cursor() as cr:
        cr._cnx.autocommit = True
        cr.execute("VACUUM ANALYZE product_template")
        cr.execute("VACUUM ANALYZE spoticar_vehicle_version")
        cr._cnx.autocommit = False
    rng = random.Random(3)
    plates_typed = []
    for n in (rng.randrange(args.vehicles) for _ in range(20)):
        p = plate(n)
        plates_typed += [p.replace("-", "").lower(), p.replace("-", " "), p]
    codes = [f"BENCH{rng.randrange(args.vehicles):07d}" for _ in range(20)]
    with registry.cursor() as cr:
        env = api.Environment(cr, user.id, {"lang": "en_US", "tz": "Europe/Paris"})
        Product = env["product.template"]
        Version = env["spoticar.vehicle.version"]
        cr.execute(
            # What the salesperson knows of a vehicle: engine and trim ("puretech 130 allure").
            "SELECT model_id, sale_start + 30, lower(split_part(name, ' ', 1)"
            " || ' ' || split_part(name, ' ', 2) || ' ' || split_part(name, ' ', 4))"
            " FROM spoticar_vehicle_version"
            " WHERE manufacturer_equivalence LIKE 'BENCH-%' ORDER BY id LIMIT 200"
        )
        forms = cr.fetchall()

        def plate_lookup(typed):
            return stock_list(Product, plate_domain(typed), LIST_SPEC)

        def baseline(code):
            return stock_list(
                Product, [("is_vehicle", "=", True), ("default_code", "ilike", code)], LIST_SPEC
            )

        def page(i):
            return stock_list(Product, page_domain(i), LIST_SPEC, order=PAGE_ORDER)

        def autocomplete_form(form):
            model_id, on_date, words = form
            return version_autocomplete(Version, words, model_id, on_date)

        def autocomplete_all(words):
            return version_autocomplete(Version, words)

        results = [
            measure("baseline: product search by internal reference", baseline, codes, args.runs),
            measure(
                "plate lookup (vehicle_search, any typing)", plate_lookup, plates_typed, args.runs
            ),
            measure(
                "filtered + sorted first page (80 rows + count)", page, list(range(10)), args.runs
            ),
            measure(
                "version autocomplete, form domain (model + date)",
                autocomplete_form,
                forms,
                args.runs,
            ),
            measure(
                "version autocomplete, whole reference",
                autocomplete_all,
                [
                    "130 allure",
                    "puretech 110 feline",
                    "hybrid 136 gt",
                    "bluehdi eat8 rivoli",
                    "jtdm super",
                ],
                args.runs,
            ),
        ]
        cr.rollback()
    base = results[0]["p50"]
    targets = {1: 20, 2: 150, 3: 50, 4: 50}
    print(f"\n{args.vehicles} vehicles, {args.versions} versions, {args.runs} runs each (ms)")
    print(cpu_reference())
    print(f"{'measure':52} {'p50':>8} {'p95':>8} {'x base':>7} {'target':>7}  rows")
    ok = True
    for i, r in enumerate(results):
        target = targets.get(i)
        flag = "" if target is None else ("ok" if r["p50"] < target else "MISSED")
        ok &= flag != "MISSED"
        print(
            f"{r['label']:52} {r['p50']:8.1f} {r['p95']:8.1f} {r['p50'] / base:7.2f} "
            f"{('< %d' % target) if target else '':>7}  {r['result']} {flag}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
