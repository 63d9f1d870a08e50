# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        moves.filtered(
            lambda m: m.state == "done" and m.product_id.is_vehicle
        )._vehicle_update_state()
        return moves

    def _vehicle_update_state(self):
        """A vehicle entering the dealer's stock is in stock; leaving to a customer, delivered."""
        for move in self:
            template = move.product_id.product_tmpl_id.sudo()
            src, dest = move.location_id.usage, move.location_dest_id.usage
            if dest == "customer":
                template._vehicle_set_state("delivered")
            elif (
                dest == "internal"
                and src != "internal"
                and template.vehicle_state in ("incoming", "delivered")
            ):
                template._vehicle_set_state("stock")
