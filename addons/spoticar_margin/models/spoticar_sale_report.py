# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools

from odoo.addons.spoticar_stock.models.common import ENERGY_SELECTION, VEHICLE_LABEL_SELECTION


class SpoticarSaleReport(models.Model):
    """One row per confirmed order of a vehicle: the sales dashboard, the
    rotation of the vehicles sold, the warranty attach rate and the carte grise collected.

    Ratios are averages of per-row figures (0 or 100 for the attach rate), so that any grouping
    of the pivot gives the right ratio and never a sum of ratios."""

    _name = "spoticar.sale.report"
    _description = "Spoticar sales analysis"
    _auto = False
    _rec_name = "order_id"
    _order = "date desc"

    date = fields.Date("Sale date", readonly=True)
    order_id = fields.Many2one("sale.order", "Order", readonly=True)
    product_tmpl_id = fields.Many2one("product.template", "Vehicle", readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    warehouse_id = fields.Many2one("stock.warehouse", "Site", readonly=True)
    user_id = fields.Many2one("res.users", "Salesperson", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    vehicle_make_id = fields.Many2one("spoticar.vehicle.make", "Make", readonly=True)
    vehicle_model_id = fields.Many2one("spoticar.vehicle.model", "Model", readonly=True)
    energy = fields.Selection(ENERGY_SELECTION, readonly=True)
    vehicle_label = fields.Selection(VEHICLE_LABEL_SELECTION, string="Label", readonly=True)
    vat_regime = fields.Selection(
        [("margin", "Margin scheme (used goods)"), ("normal", "Normal VAT")],
        string="VAT regime",
        readonly=True,
    )
    vehicle_count = fields.Integer("Vehicles sold", readonly=True)
    price_total = fields.Monetary("Sale incl. VAT", readonly=True)
    revenue = fields.Monetary("Revenue excl. VAT", readonly=True)
    margin_vat_amount = fields.Monetary("VAT on margin", readonly=True)
    purchase_price = fields.Monetary("Purchase price", readonly=True)
    cost_total = fields.Monetary("Costs", readonly=True)
    gross_margin = fields.Monetary("Gross margin", readonly=True)
    net_margin = fields.Monetary("Net margin", readonly=True)
    days_in_stock = fields.Float("Days in stock (average)", readonly=True, aggregator="avg")
    warranty_count = fields.Integer("Sold with a declared warranty", readonly=True)
    warranty_rate = fields.Float(
        "Warranty attach rate (%)",
        readonly=True,
        aggregator="avg",
        help="Vehicles sold with a declared warranty / vehicles sold (average of 0 or 100 per "
        "vehicle sold).",
    )
    registration_fee_amount = fields.Monetary("Carte grise collected", readonly=True)

    def _query(self):
        # From the orders' stored figures (spoticar_margin's sale.order fields), not from their
        # lines: one row per confirmed vehicle order; LEFT JOINs that PostgreSQL drops when the
        # pivot groups by no vehicle field.
        return """
            SELECT so.id AS id,
                   COALESCE(so.sale_date, so.date_order::date) AS date,
                   so.id AS order_id,
                   pt.id AS product_tmpl_id,
                   so.company_id AS company_id,
                   so.warehouse_id AS warehouse_id,
                   so.user_id AS user_id,
                   so.partner_id AS partner_id,
                   so.spoticar_vehicle_make_id AS vehicle_make_id,
                   so.spoticar_vehicle_model_id AS vehicle_model_id,
                   so.spoticar_energy AS energy,
                   so.spoticar_vehicle_label AS vehicle_label,
                   pt.vat_regime AS vat_regime,
                   so.spoticar_vehicle_count AS vehicle_count,
                   so.spoticar_vehicle_price_total AS price_total,
                   so.spoticar_vehicle_sale_excl AS revenue,
                   so.spoticar_vehicle_margin_vat AS margin_vat_amount,
                   so.spoticar_purchase_total AS purchase_price,
                   so.spoticar_cost_total AS cost_total,
                   so.spoticar_gross_margin AS gross_margin,
                   so.spoticar_net_margin AS net_margin,
                   GREATEST(COALESCE(so.sale_date, so.date_order::date)
                            - so.spoticar_stock_entry_date, 0) AS days_in_stock,
                   CASE WHEN so.spoticar_warranty_declared THEN 1 ELSE 0 END AS warranty_count,
                   CASE WHEN so.spoticar_warranty_declared THEN 100 ELSE 0 END AS warranty_rate,
                   so.spoticar_registration_fee_amount AS registration_fee_amount
              FROM sale_order so
         LEFT JOIN product_product pp ON pp.id = so.vehicle_id
         LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE so.state = 'sale'
               AND so.vehicle_id IS NOT NULL
        """

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(f"CREATE OR REPLACE VIEW {self._table} AS ({self._query()})")  # noqa: S608
