# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from odoo.addons.spoticar_stock.models.common import MANAGER_GROUP

from spoticar_core import margin

MARGIN_DEPENDS = (
    "order_line.price_subtotal",
    "order_line.price_total",
    "order_line.margin_vat_amount",
    "order_line.product_id",
    "order_line.product_uom_qty",
    "order_line.is_trade_in",
    "order_line.product_id.purchase_price",
    "order_line.product_id.spoticar_cost_total",
)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # Stored: the sales dashboard (spoticar.sale.report) reads them from the orders, not from
    # their lines, so that its pivots stay fast on a large history.
    spoticar_vehicle_count = fields.Integer(
        "Vehicles sold", compute="_compute_spoticar_margins", store=True, groups=MANAGER_GROUP
    )
    spoticar_vehicle_price_total = fields.Monetary(
        "Vehicle sale incl. VAT",
        compute="_compute_spoticar_margins",
        store=True,
        groups=MANAGER_GROUP,
    )
    spoticar_vehicle_margin_vat = fields.Monetary(
        "Vehicle VAT on margin",
        compute="_compute_spoticar_margins",
        store=True,
        groups=MANAGER_GROUP,
    )
    spoticar_vehicle_sale_excl = fields.Monetary(
        "Vehicle sale excl. VAT",
        compute="_compute_spoticar_margins",
        store=True,
        groups=MANAGER_GROUP,
        help="Price of the vehicles sold excl. VAT (under the margin scheme: the price less the "
        "VAT on the margin).",
    )
    spoticar_purchase_total = fields.Monetary(
        "Purchase price",
        compute="_compute_spoticar_margins",
        store=True,
        groups=MANAGER_GROUP,
    )
    spoticar_cost_total = fields.Monetary(
        "Costs", compute="_compute_spoticar_margins", store=True, groups=MANAGER_GROUP
    )
    spoticar_gross_margin = fields.Monetary(
        "Gross margin",
        compute="_compute_spoticar_margins",
        store=True,
        groups=MANAGER_GROUP,
        help="Sale excl. VAT minus the purchase price.",
    )
    spoticar_net_margin = fields.Monetary(
        "Net margin",
        compute="_compute_spoticar_margins",
        store=True,
        groups=MANAGER_GROUP,
        help="Gross margin minus the costs of the vehicles.",
    )
    spoticar_registration_fee_amount = fields.Monetary(
        "Carte grise collected",
        compute="_compute_spoticar_registration_fee_amount",
        store=True,
        groups=MANAGER_GROUP,
    )

    # The vehicle sold, as the dashboards group the sales (stored: no join on the vehicles).
    spoticar_vehicle_make_id = fields.Many2one(
        related="vehicle_id.vehicle_make_id", store=True, string="Vehicle make"
    )
    spoticar_vehicle_model_id = fields.Many2one(
        related="vehicle_id.vehicle_model_id", store=True, string="Vehicle model"
    )
    spoticar_energy = fields.Selection(
        related="vehicle_id.energy", store=True, string="Vehicle energy"
    )
    spoticar_vehicle_label = fields.Selection(
        related="vehicle_id.vehicle_label", store=True, string="Vehicle label"
    )
    spoticar_stock_entry_date = fields.Date(
        related="vehicle_id.stock_entry_date", store=True, string="Vehicle in stock since"
    )

    @api.depends(*MARGIN_DEPENDS)
    def _compute_spoticar_margins(self):
        for order in self:
            figures = order._spoticar_margins()
            lines = order._spoticar_vehicle_lines()
            order.spoticar_vehicle_count = int(sum(lines.mapped("product_uom_qty")))
            order.spoticar_vehicle_price_total = sum(lines.mapped("price_total"))
            order.spoticar_vehicle_margin_vat = sum(lines.mapped("margin_vat_amount"))
            order.spoticar_vehicle_sale_excl = float(figures.sale_excl_vat)
            order.spoticar_purchase_total = float(figures.purchase)
            order.spoticar_cost_total = float(figures.costs)
            order.spoticar_gross_margin = float(figures.gross_margin)
            order.spoticar_net_margin = float(figures.net_margin)

    @api.depends("order_line.price_total", "order_line.is_registration_fee")
    def _compute_spoticar_registration_fee_amount(self):
        for order in self:
            order.spoticar_registration_fee_amount = sum(
                order.order_line.filtered("is_registration_fee").mapped("price_total")
            )

    def _spoticar_vehicle_lines(self):
        self.ensure_one()
        return self.sudo().order_line.filtered(
            lambda line: line.product_id.is_vehicle and not line.is_trade_in
        )

    def _spoticar_margins(self):
        """Margins of the vehicles sold by the order (spoticar_core.margin): sale excl. VAT of
        the vehicle lines, their purchase prices and costs. Trade-ins are purchases, not sales."""
        lines = self._spoticar_vehicle_lines()
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
