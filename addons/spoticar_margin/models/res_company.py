# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from spoticar_core import stock


class ResCompany(models.Model):
    _inherit = "res.company"

    spoticar_ageing_alert_days = fields.Integer(
        "Ageing alert (days)",
        default=stock.DEFAULT_AGEING_ALERT_DAYS,
        help="A vehicle in stock for this many days gets one activity for the Spoticar managers.",
    )

    @api.constrains("spoticar_ageing_alert_days")
    def _check_spoticar_ageing_alert_days(self):
        for company in self:
            if not 1 <= company.spoticar_ageing_alert_days <= stock.AGEING_ALERT_DAYS_MAX:
                raise ValidationError(
                    self.env._(
                        "Ageing alert (days): enter a number of days from 1 to %(maximum)s.",
                        maximum=stock.AGEING_ALERT_DAYS_MAX,
                    )
                )
