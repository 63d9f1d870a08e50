# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import formatLang

from spoticar_core import register, vocabulary


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    spoticar_payment_mode = fields.Selection(
        vocabulary.selection(register.PAYMENT_MODES),
        string="Payment mode",
        tracking=True,
        help="How the dealer pays the seller: written in the livre de police. Cash is refused "
        "above the legal cap (Code monétaire et financier L112-6, D112-3).",
    )
    spoticar_is_vehicle_purchase = fields.Boolean(
        "Vehicle purchase", compute="_compute_spoticar_is_vehicle_purchase", store=True
    )
    spoticar_register_entry_ids = fields.One2many(
        "spoticar.register.entry", "purchase_order_id", string="Livre de police entries"
    )

    @api.depends("order_line.product_id.is_vehicle")
    def _compute_spoticar_is_vehicle_purchase(self):
        for order in self:
            order.spoticar_is_vehicle_purchase = any(
                order.order_line.product_id.mapped("is_vehicle")
            )

    @api.constrains("spoticar_payment_mode", "order_line")
    def _check_spoticar_cash_cap(self):
        for order in self:
            order._spoticar_check_cash_cap()

    def _spoticar_check_cash_cap(self):
        """Cash above the cap is refused: the dealer pays as a professional (D112-3)."""
        self.ensure_one()
        if self.spoticar_payment_mode != "cash":
            return
        total = sum(self.order_line.mapped("price_total"))
        if not register.cash_allowed(total, debtor_professional=True):
            cap = register.cash_cap(debtor_professional=True)
            raise ValidationError(
                self.env._(
                    "Payment mode: %(amount)s cannot be paid in cash, the legal cap is %(cap)s "
                    "(Code monétaire et financier L112-6 and D112-3). Pay by transfer or cheque.",
                    amount=formatLang(self.env, total, currency_obj=self.currency_id),
                    cap=formatLang(self.env, float(cap), currency_obj=self.currency_id),
                )
            )

    def button_confirm(self):
        for order in self:
            order._spoticar_check_cash_cap()
        return super().button_confirm()
