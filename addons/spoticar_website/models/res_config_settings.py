# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    spoticar_mobility_message = fields.Selection(
        related="company_id.spoticar_mobility_message", readonly=False
    )
    spoticar_website_show_vin = fields.Boolean(
        related="company_id.spoticar_website_show_vin", readonly=False
    )
