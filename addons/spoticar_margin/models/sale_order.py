# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from spoticar_core import margin

from .spoticar_vehicle_cost import MANAGER_GROUP


class SaleOrder(models.Model):
    _inherit = "sale.order"

    spoticar_vehicle_sale_excl = fields.Monetary(
        "Vehicle sale excl. VAT",
        compute="_compute_spoticar_margins",
        groups=MANAGER_GROUP,
        help="Price of the vehicles sold excl. VAT (under the margin scheme: the price less the "
        "VAT on the margin).",
    )
    spoticar_purchase_total = fields.Monetary(
        "Purchase price",
        compute="_compute_spoticar_margins",
        groups=MANAGER_GROUP,
    )
    spoticar_cost_total = fields.Monetary(
        "Costs", compute="_compute_spoticar_margins", groups=MANAGER_GROUP
    )
    spoticar_gross_margin = fields.Monetary(
        "Gross margin",
        compute="_compute_spoticar_margins",
        groups=MANAGER_GROUP,
        help="Sale excl. VAT minus the purchase price.",
    )
    spoticar_net_margin = fields.Monetary(
        "Net margin",
        compute="_compute_spoticar_margins",
        groups=MANAGER_GROUP,
        help="Gross margin minus the costs of the vehicles.",
    )

    @api.depends(
        "order_line.price_subtotal",
        "order_line.margin_vat_amount",
        "order_line.product_id",
        "order_line.is_trade_in",
    )
    def _compute_spoticar_margins(self):
        for order in self:
            figures = order._spoticar_margins()
            order.spoticar_vehicle_sale_excl = float(figures.sale_excl_vat)
            order.spoticar_purchase_total = float(figures.purchase)
            order.spoticar_cost_total = float(figures.costs)
            order.spoticar_gross_margin = float(figures.gross_margin)
            order.spoticar_net_margin = float(figures.net_margin)

    def _spoticar_margins(self):
        """Margins of the vehicles sold by the order (spoticar_core.margin): sale excl. VAT of
        the vehicle lines, their purchase prices and costs. Trade-ins are purchases, not sales."""
        self.ensure_one()
        lines = self.sudo().order_line.filtered(
            lambda line: line.product_id.is_vehicle and not line.is_trade_in
        )
        sale = sum(
            margin.to_cents(line.price_subtotal) - margin.to_cents(line.margin_vat_amount)
            for line in lines
        )
        purchase = sum(
            margin.to_cents(line.product_id.purchase_price) * margin.to_cents(line.product_uom_qty)
            for line in lines
        )
        costs = sum(
            margin.to_cents(vehicle.spoticar_cost_total)
            for vehicle in lines.product_id.product_tmpl_id
        )
        return margin.margins(sale, purchase, costs)
