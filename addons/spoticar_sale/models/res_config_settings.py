# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    spoticar_registration_fee_product_id = fields.Many2one(
        related="company_id.spoticar_registration_fee_product_id", readonly=False
    )
    spoticar_margin_tax_id = fields.Many2one(
        related="company_id.spoticar_margin_tax_id", readonly=False
    )
    spoticar_normal_tax_id = fields.Many2one(
        related="company_id.spoticar_normal_tax_id", readonly=False
    )
    spoticar_margin_vat_rate = fields.Float(
        related="company_id.spoticar_margin_vat_rate", readonly=False
    )
