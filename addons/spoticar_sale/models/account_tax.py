# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountTax(models.Model):
    _inherit = "account.tax"

    spoticar_margin_scheme = fields.Boolean(
        string="Used Goods Margin Scheme",
        help="Tax of the margin scheme (art. 297 A CGI): the VAT is due on the margin only "
        "and is never printed on the documents.",
    )
