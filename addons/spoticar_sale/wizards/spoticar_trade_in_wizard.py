# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from odoo.addons.spoticar_stock.models.common import ENERGY_SELECTION


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
