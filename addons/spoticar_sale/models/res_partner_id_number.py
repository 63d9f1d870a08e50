# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResPartnerIdNumber(models.Model):
    _inherit = "res.partner.id_number"

    licence_category = fields.Char(
        string="Licence Category",
        help="Categories of a driving licence (B, BE, C1...).",
    )
