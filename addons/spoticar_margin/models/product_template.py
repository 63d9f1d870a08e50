# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.spoticar_stock.models.common import MANAGER_GROUP

from spoticar_core import stock


class ProductTemplate(models.Model):
    _inherit = "product.template"

    spoticar_warehouse_id = fields.Many2one(
        "stock.warehouse",
        string="Site",
        compute="_compute_spoticar_warehouse_id",
        store=True,
        help="Warehouse holding the vehicle (stock dashboard by site).",
    )
    spoticar_cost_ids = fields.One2many(
        "spoticar.vehicle.cost", "product_tmpl_id", string="Cost lines", groups=MANAGER_GROUP
    )
    spoticar_cost_total = fields.Monetary(
        "Costs",
        currency_field="currency_id",
        compute="_compute_spoticar_cost_total",
        store=True,
        groups=MANAGER_GROUP,
        help="Sum of the vehicle's costs excl. VAT (reconditioning, transport...).",
    )
    spoticar_cost_price = fields.Monetary(
        "Cost price",
        currency_field="currency_id",
        compute="_compute_spoticar_cost_total",
        store=True,
        groups=MANAGER_GROUP,
        help="Purchase price plus the costs.",
    )
    spoticar_sale_order_id = fields.Many2one(
        "sale.order",
        string="Sale order",
        compute="_compute_spoticar_margins",
        groups=MANAGER_GROUP,
        help="The confirmed order that sold the vehicle.",
    )
    spoticar_gross_margin = fields.Monetary(
        "Gross margin",
        currency_field="currency_id",
        compute="_compute_spoticar_margins",
        groups=MANAGER_GROUP,
        help="Sale price excl. VAT minus the purchase price, once sold.",
    )
    spoticar_net_margin = fields.Monetary(
        "Net margin",
        currency_field="currency_id",
        compute="_compute_spoticar_margins",
        groups=MANAGER_GROUP,
        help="Gross margin minus the costs, once sold.",
    )
    spoticar_ageing_alert_entry_date = fields.Date(
        "Ageing alert for the entry of",
        copy=False,
        readonly=True,
        groups=MANAGER_GROUP,
        help="Entry in stock for which the managers were alerted (one activity per entry).",
    )

    @api.depends(
        "product_variant_ids.stock_quant_ids.quantity",
        "product_variant_ids.stock_quant_ids.location_id",
    )
    def _compute_spoticar_warehouse_id(self):
        for template in self:
            quants = (
                template.sudo()
                .product_variant_ids.stock_quant_ids.filtered(
                    lambda q: q.quantity > 0 and q.location_id.usage == "internal"
                )
                .sorted("id")
                if template.is_vehicle
                else ()
            )
            template.spoticar_warehouse_id = (
                quants[:1].location_id.warehouse_id if quants else False
            )

    @api.depends("spoticar_cost_ids.amount", "purchase_price")
    def _compute_spoticar_cost_total(self):
        for template in self:
            costs = sum(template.sudo().spoticar_cost_ids.mapped("amount"))
            template.spoticar_cost_total = costs
            template.spoticar_cost_price = template.sudo().purchase_price + costs

    def _compute_spoticar_margins(self):
        lines = (
            self.env["sale.order.line"]
            .sudo()
            .search(
                [
                    ("product_id.product_tmpl_id", "in", self.ids),
                    ("order_id.state", "=", "sale"),
                    ("is_trade_in", "=", False),
                ]
            )
        )
        orders = {line.product_id.product_tmpl_id: line.order_id for line in lines}
        for template in self:
            order = orders.get(template, self.env["sale.order"])
            figures = order._spoticar_margins() if order else None
            template.spoticar_sale_order_id = order
            template.spoticar_gross_margin = figures.gross_margin if figures else 0.0
            template.spoticar_net_margin = figures.net_margin if figures else 0.0

    @api.model
    def _cron_spoticar_ageing_alert(self):
        """Daily: a vehicle on hand for the company's N days gets one activity for the managers
        (once per entry in stock, however often the job runs)."""
        today = fields.Date.context_today(self)
        for company in self.env["res.company"].sudo().search([]):
            managers = company._spoticar_managers()
            if not managers:
                continue
            days = company.spoticar_ageing_alert_days or stock.DEFAULT_AGEING_ALERT_DAYS
            vehicles = (
                self.sudo()
                .search(
                    [
                        ("is_vehicle", "=", True),
                        ("company_id", "=", company.id),
                        ("vehicle_state", "in", stock.ON_HAND_STATES),
                        ("stock_entry_date", "<=", today - timedelta(days=days)),
                    ]
                )
                .filtered(lambda v: v.spoticar_ageing_alert_entry_date != v.stock_entry_date)
            )
            for vehicle in vehicles:
                vehicle.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=managers[0].id,
                    summary=self.env._("%(days)s days in stock: review the price", days=days),
                    note=self.env._(
                        "%(vehicle)s has been in stock since %(date)s (%(days)s days): review "
                        "its price, its publication or its sale to a trader.",
                        vehicle=vehicle.display_name,
                        date=vehicle.stock_entry_date,
                        days=(today - vehicle.stock_entry_date).days,
                    ),
                )
                vehicle.spoticar_ageing_alert_entry_date = vehicle.stock_entry_date
