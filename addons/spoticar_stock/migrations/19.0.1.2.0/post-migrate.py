# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""19.0.1.2.0: the reconditioning stage. The vehicles of the database were being sold before the
stages existed: they are ready for sale (a new vehicle starts "to prepare")."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "UPDATE product_template SET spoticar_recon_state = 'ready' WHERE is_vehicle IS TRUE"
    )
