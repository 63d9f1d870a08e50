# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    spoticar_register_scope = fields.Selection(
        related="company_id.spoticar_register_scope", readonly=False
    )
    spoticar_appraisal_margin = fields.Float(
        related="company_id.spoticar_appraisal_margin", readonly=False
    )
    spoticar_appraisal_limit = fields.Monetary(
        related="company_id.spoticar_appraisal_limit", readonly=False
    )
    spoticar_w_garage_number = fields.Char(
        related="company_id.spoticar_w_garage_number", readonly=False
    )
    spoticar_w_garage_year = fields.Integer(
        related="company_id.spoticar_w_garage_year", readonly=False
    )
