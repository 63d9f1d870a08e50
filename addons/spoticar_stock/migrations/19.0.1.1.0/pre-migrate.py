# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""19.0.1.1.0: the vehicle's colour moves from ``color`` to ``vehicle_color``.

``product.template.color`` is core's integer "Color Index"; this addon redefined it as a text,
which any other addon extending ``color`` (point_of_sale...) turns back into an integer, losing the
colours. The text column is renamed before the update, so the colours are kept under the new name
and the ORM creates core's integer ``color`` column again.
"""


def _column_type(cr, column):
    cr.execute(
        """
        SELECT data_type FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = 'product_template'
           AND column_name = %s
        """,
        [column],
    )
    row = cr.fetchone()
    return row[0] if row else None


def migrate(cr, version):
    if not version:
        return
    if _column_type(cr, "color") not in ("character varying", "text"):
        return  # already an integer: nothing of ours to keep
    if _column_type(cr, "vehicle_color") is None:
        cr.execute("ALTER TABLE product_template RENAME COLUMN color TO vehicle_color")
    else:
        cr.execute(
            """
            UPDATE product_template SET vehicle_color = color
             WHERE vehicle_color IS NULL AND color IS NOT NULL
            """
        )
        cr.execute("ALTER TABLE product_template DROP COLUMN color")
