# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from odoo.addons.spoticar_stock.models.common import ENERGY_SELECTION, check_entry_vals

from spoticar_core import limits

# The trade-in's figures, checked as the vehicle's (spoticar_core.limits).
TRADE_IN_NUMBER_LIMITS = {
    "mileage": limits.MILEAGE,
    "fiscal_power": limits.FISCAL_POWER,
    "value": limits.AMOUNT,
}
TRADE_IN_DATE_LIMITS = {"first_registration_date": limits.first_registration_range}


class SpoticarTradeInWizard(models.TransientModel):
    _name = "spoticar.trade.in.wizard"
    _description = "Trade-in of a vehicle on an order"

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade")
    currency_id = fields.Many2one(related="order_id.currency_id")
    name = fields.Char(string="Vehicle", required=True, help="Make, model and version.")
    license_plate = fields.Char(required=True)
    vin = fields.Char(string="VIN")
    first_registration_date = fields.Date()
    mileage = fields.Integer()
    fiscal_power = fields.Integer(string="Fiscal Power (CV)")
    energy = fields.Selection(ENERGY_SELECTION)
    value = fields.Monetary(string="Trade-in Value", required=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_entry_vals(self, vals, numbers=TRADE_IN_NUMBER_LIMITS, dates=TRADE_IN_DATE_LIMITS)
        return super().create(vals_list)

    def write(self, vals):
        check_entry_vals(self, vals, numbers=TRADE_IN_NUMBER_LIMITS, dates=TRADE_IN_DATE_LIMITS)
        return super().write(vals)

    def action_confirm(self):
        self.ensure_one()
        vehicle_vals = {
            "name": self.name,
            "license_plate": self.license_plate,
            "vin": self.vin,
            "first_registration_date": self.first_registration_date,
            "mileage": self.mileage,
            "fiscal_power": self.fiscal_power,
            "energy": self.energy,
        }
        self.order_id._spoticar_create_trade_in(
            {k: v for k, v in vehicle_vals.items() if v}, self.value
        )
        return {"type": "ir.actions.act_window_close"}
