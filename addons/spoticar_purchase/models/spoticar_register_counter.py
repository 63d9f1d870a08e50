# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class SpoticarRegisterCounter(models.Model):
    """The last number and hash of the livre de police of one establishment.

    One row per establishment, locked FOR UPDATE while an entry is written: two receptions at once
    wait for each other (or one is retried), so numbers never repeat and never skip. Written only
    in SQL by :meth:`spoticar.register.entry._register_allocate`; no access right for anyone.
    """

    _name = "spoticar.register.counter"
    _description = "Livre de police counter of an establishment"

    establishment = fields.Char(required=True, readonly=True)
    last_number = fields.Integer(readonly=True)
    last_hash = fields.Char(readonly=True)

    _establishment_unique = models.Constraint(
        "UNIQUE(establishment)", "An establishment has one livre de police counter."
    )
