# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    spoticar_warranty_ids = fields.One2many(
        "spoticar.warranty",
        "sale_order_id",
        string="Warranties",
        groups="spoticar_stock.group_spoticar_user",
    )
    spoticar_warranty_count = fields.Integer(
        string="Warranty count",
        compute="_compute_spoticar_warranty_count",
        groups="spoticar_stock.group_spoticar_user",
    )

    spoticar_warranty_declared = fields.Boolean(
        string="Warranty declared",
        compute="_compute_spoticar_warranty_declared",
        store=True,
        help="The order's warranty is declared. Until then the warranty is the next step of a "
        "confirmed vehicle order, its first header button; then printing is. Stored: the warranty "
        "attach rate of the dashboards counts it.",
    )

    @api.depends("spoticar_warranty_ids.state")
    def _compute_spoticar_warranty_declared(self):
        # Only whether a declared warranty exists, for the header's order of buttons: read with
        # the system's rights, as the order's users without Spoticar rights see it too.
        for order in self:
            order.spoticar_warranty_declared = (
                "declared" in order.sudo().spoticar_warranty_ids.mapped("state")
            )

    @api.depends("spoticar_warranty_ids")
    def _compute_spoticar_warranty_count(self):
        for order in self:
            order.spoticar_warranty_count = len(order.spoticar_warranty_ids)

    def action_spoticar_warranty(self):
        """ "Garantie" button: open the order's warranty, creating it pre-filled."""
        self.ensure_one()
        return self.env["spoticar.warranty"]._action_open_from_order(self)
