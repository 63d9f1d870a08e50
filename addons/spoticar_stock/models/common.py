# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Selections shared by the vehicle reference and the vehicles."""

from spoticar_core import vocabulary

# Energies and categories are the suite's vocabulary (spoticar_core.vocabulary): never copied here.
ENERGY_SELECTION = vocabulary.selection(vocabulary.ENERGIES)
GEARBOX_SELECTION = [("manual", "Manual"), ("automatic", "Automatic")]
VEHICLE_CATEGORY_SELECTION = vocabulary.selection(vocabulary.VEHICLE_CATEGORIES)
# Certified-used-car programmes, and "no label".
VEHICLE_LABEL_SELECTION = vocabulary.selection(vocabulary.LABELS) + vocabulary.selection(
    [vocabulary.NO_LABEL]
)
BODY_TYPE_SELECTION = [
    ("hatchback", "Hatchback"),
    ("sedan", "Sedan"),
    ("estate", "Estate"),
    ("suv", "SUV"),
    ("mpv", "MPV"),
    ("coupe", "Coupe"),
    ("convertible", "Convertible"),
    ("van", "Van"),
    ("pickup", "Pick-up"),
]
EURO_NORM_SELECTION = [
    ("euro1", "Euro 1"),
    ("euro2", "Euro 2"),
    ("euro3", "Euro 3"),
    ("euro4", "Euro 4"),
    ("euro5", "Euro 5"),
    ("euro6", "Euro 6"),
]
CONSUMPTION_NORM_SELECTION = [("nedc", "NEDC"), ("wltp", "WLTP")]


def create_trigram_index(cr, table, column, logger):
    """GIN trigram index on ``table.column`` for LIKE/ILIKE '%...%' searches, when pg_trgm is there.

    Odoo creates the pg_trgm extension with the database; without it (and without the right to
    create it) the search still works, unindexed.
    """
    from odoo.tools import SQL  # noqa: PLC0415

    cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
    if not cr.fetchone():
        try:
            with cr.savepoint():
                cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception:  # noqa: BLE001 - no right to create it: plain scans instead
            logger.info(
                "pg_trgm not available: %s.%s is not indexed for word search", table, column
            )
            return
    cr.execute(
        SQL(
            "CREATE INDEX IF NOT EXISTS %s ON %s USING gin (%s gin_trgm_ops)",
            SQL.identifier(f"{table}_{column}_trgm_idx"),
            SQL.identifier(table),
            SQL.identifier(column),
        )
    )
