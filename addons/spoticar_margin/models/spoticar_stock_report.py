# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools

from odoo.addons.spoticar_stock.models.common import ENERGY_SELECTION, VEHICLE_LABEL_SELECTION

from spoticar_core import stock, vocabulary


class SpoticarStockReport(models.Model):
    """One row per vehicle on hand (in stock or reserved): the stock value and its ageing by
    site, days counted to today."""

    _name = "spoticar.stock.report"
    _description = "Spoticar stock analysis"
    _auto = False
    _rec_name = "product_tmpl_id"
    _order = "days_in_stock desc"

    product_tmpl_id = fields.Many2one("product.template", "Vehicle", readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    warehouse_id = fields.Many2one("stock.warehouse", "Site", readonly=True)
    vehicle_make_id = fields.Many2one("spoticar.vehicle.make", "Make", readonly=True)
    vehicle_model_id = fields.Many2one("spoticar.vehicle.model", "Model", readonly=True)
    energy = fields.Selection(ENERGY_SELECTION, readonly=True)
    vehicle_label = fields.Selection(VEHICLE_LABEL_SELECTION, string="Label", readonly=True)
    vehicle_state = fields.Selection(
        [("stock", "In stock"), ("reserved", "Reserved")], string="Vehicle state", readonly=True
    )
    spoticar_recon_state = fields.Selection(
        vocabulary.selection(stock.RECON_STATES), string="Reconditioning", readonly=True
    )
    stock_entry_date = fields.Date("In stock since", readonly=True)
    days_in_stock = fields.Float("Days in stock (average)", readonly=True, aggregator="avg")
    ageing = fields.Selection(stock.ageing_selection(), string="Ageing", readonly=True)
    vehicle_count = fields.Integer("Vehicles", readonly=True)
    purchase_price = fields.Monetary("Purchase price", readonly=True)
    cost_total = fields.Monetary("Costs", readonly=True)
    stock_value = fields.Monetary(
        "Stock value", readonly=True, help="Cost price: purchase price plus the costs."
    )
    list_price = fields.Monetary("Sale price incl. VAT", readonly=True)

    def _query(self):
        days = "GREATEST(CURRENT_DATE - COALESCE(pt.stock_entry_date, CURRENT_DATE), 0)"
        return f"""
            SELECT pt.id AS id,
                   pt.id AS product_tmpl_id,
                   pt.company_id AS company_id,
                   pt.spoticar_warehouse_id AS warehouse_id,
                   pt.vehicle_make_id AS vehicle_make_id,
                   pt.vehicle_model_id AS vehicle_model_id,
                   pt.energy AS energy,
                   pt.vehicle_label AS vehicle_label,
                   pt.vehicle_state AS vehicle_state,
                   pt.spoticar_recon_state AS spoticar_recon_state,
                   pt.stock_entry_date AS stock_entry_date,
                   {days} AS days_in_stock,
                   {stock.ageing_bucket_sql(days)} AS ageing,
                   1 AS vehicle_count,
                   COALESCE(pt.purchase_price, 0) AS purchase_price,
                   COALESCE(pt.spoticar_cost_total, 0) AS cost_total,
                   COALESCE(pt.purchase_price, 0) + COALESCE(pt.spoticar_cost_total, 0)
                       AS stock_value,
                   pt.list_price AS list_price
              FROM product_template pt
             WHERE pt.is_vehicle IS TRUE
               AND pt.active IS TRUE
               AND pt.vehicle_state IN %(states)s
        """

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"CREATE OR REPLACE VIEW {self._table} AS ({self._query()})",  # noqa: S608
            {"states": stock.ON_HAND_STATES},
        )
