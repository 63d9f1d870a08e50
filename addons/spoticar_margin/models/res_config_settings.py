# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    spoticar_ageing_alert_days = fields.Integer(
        related="company_id.spoticar_ageing_alert_days", readonly=False
    )
