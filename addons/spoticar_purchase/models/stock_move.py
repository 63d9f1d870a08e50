# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError

from spoticar_core import register


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        entering = self.filtered(lambda m: m._spoticar_is_vehicle_entry())
        provenances = {move.id: move._spoticar_register_provenance() for move in entering}
        for move in entering:
            if provenances[move.id]:
                move._spoticar_check_register_data(provenances[move.id])
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        for move in entering.filtered(lambda m: m.state == "done"):
            if provenances[move.id]:
                move._spoticar_write_register_entry(provenances[move.id])
        for move in moves.filtered(
            lambda m: (
                m.state == "done"
                and m.product_id.is_vehicle
                and m.location_dest_id.usage == "customer"
            )
        ):
            move._spoticar_register_exit()
        return moves

    def _spoticar_is_vehicle_entry(self):
        """A vehicle coming from outside (a seller, an inventory) into the dealer's stock."""
        self.ensure_one()
        return (
            self.product_id.is_vehicle
            and self.location_dest_id.usage == "internal"
            and self.location_id.usage not in ("internal", "transit")
            and not self.sudo().product_id.product_tmpl_id.register_entry_ids.filtered(
                lambda e: not e.exit_date
            )
        )

    def _spoticar_register_provenance(self):
        """How the vehicle came in: (kind, seller, amount, payment mode, origin values) or None.

        A purchase order line gives a purchase; a sale order that took the vehicle as trade-in,
        an exchange valued at the trade-in value. A vehicle of unknown provenance (put in stock by
        an inventory) gets no entry.
        """
        self.ensure_one()
        line = self.purchase_line_id
        if line:
            order = line.order_id
            return {
                "kind": "purchase",
                "partner": order.partner_id,
                "amount": line.price_total,
                "payment_mode": order.spoticar_payment_mode,
                "currency": order.currency_id,
                "origin": {"purchase_order_id": order.id},
            }
        sale = (
            self.env["sale.order"]
            .sudo()
            .search([("trade_in_vehicle_id", "=", self.product_id.id)], limit=1)
        )
        if sale:
            return {
                "kind": "trade_in",
                "partner": sale.partner_id,
                "amount": sale.trade_in_value,
                "payment_mode": False,
                "currency": sale.currency_id,
                "origin": {"sale_order_id": sale.id},
            }
        return None

    def _spoticar_check_register_data(self, provenance):
        """One French message listing what the livre de police lacks (R321-3 / R321-5)."""
        self.ensure_one()
        seller = provenance["partner"]._spoticar_register_seller_vals()
        missing = register.missing_seller_data(seller["seller_type"], seller)
        if provenance["kind"] == "purchase" and not provenance["payment_mode"]:
            missing.append(self.env._("payment mode of the purchase order"))
        if missing:
            raise UserError(
                self.env._(
                    "The vehicle %(vehicle)s cannot be received: the livre de police needs "
                    "%(missing)s (seller: %(seller)s).",
                    vehicle=self.product_id.display_name,
                    missing=", ".join(missing),
                    seller=provenance["partner"].display_name,
                )
            )
        if provenance["kind"] == "purchase":
            self.purchase_line_id.order_id._spoticar_check_cash_cap()

    def _spoticar_write_register_entry(self, provenance):
        self.ensure_one()
        template = self.product_id.product_tmpl_id.sudo()
        vals = {
            "company_id": self.company_id.id,
            "warehouse_id": self.location_dest_id.warehouse_id.id,
            "currency_id": provenance["currency"].id,
            "entry_date": fields.Date.context_today(self),
            "kind": provenance["kind"],
            "amount": provenance["amount"],
            "payment_mode": provenance["payment_mode"] or False,
            **template._spoticar_register_vehicle_vals(),
            **provenance["partner"]._spoticar_register_seller_vals(),
            **provenance["origin"],
        }
        return self.env["spoticar.register.entry"].sudo().create(vals)

    def _spoticar_register_exit(self):
        """The vehicle leaves to a customer: its entry gets the sale date and the buyer."""
        self.ensure_one()
        entries = self.sudo().product_id.product_tmpl_id.register_entry_ids.filtered(
            lambda e: not e.exit_date
        )
        if not entries:
            return
        order = self.sale_line_id.order_id
        buyer = order.partner_id or self.picking_id.partner_id
        entries._register_exit(
            fields.Date.context_today(self), buyer.commercial_partner_id.name, order or None
        )
