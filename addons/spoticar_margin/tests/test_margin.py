# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issue 15: costs, margins per vehicle and per order, the sales and stock reporting views."""

from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SpoticarMarginCommon


@tagged("post_install", "-at_install")
class TestMargin(SpoticarMarginCommon):
    def test_worked_example_by_hand(self):
        """Purchase 10,000, costs 850, sale 12,990 incl. VAT under the margin scheme (20 %).

        Margin incl. VAT = 12,990 - 10,000 = 2,990; VAT on the margin = 2,990 / 1.2 x 0.2
        = 498.33; sale excl. VAT = 12,990 - 498.33 = 12,491.67; gross margin = 12,491.67
        - 10,000 = 2,491.67; net margin = 2,491.67 - 850 = 1,641.67; cost price = 10,850.
        """
        vehicle = self._create_vehicle(
            purchase_price=10000.0, list_price=12990.0, vat_regime="margin"
        )
        order = self._create_order(vehicle)
        line = order.order_line.filtered("is_vehicle_line")
        self.assertAlmostEqual(line.price_total, 12990.0, places=2)
        self.assertAlmostEqual(order.margin_vat_amount, 498.33, places=2)
        self.assertAlmostEqual(order.spoticar_gross_margin, 2491.67, places=2)
        self.assertAlmostEqual(order.spoticar_net_margin, 2491.67, places=2)

        self._add_cost(vehicle, 600.0, "bodywork")
        self._add_cost(vehicle, 250.0, "tyres")
        self.assertAlmostEqual(vehicle.spoticar_cost_total, 850.0, places=2)
        self.assertAlmostEqual(vehicle.spoticar_cost_price, 10850.0, places=2)
        order.action_confirm()
        # The costs never enter the margin-VAT base, even recomputed.
        line._compute_margin_vat_amount()
        self.assertAlmostEqual(line.margin_vat_amount, 498.33, places=2)
        order.invalidate_recordset()
        self.assertAlmostEqual(order.spoticar_vehicle_sale_excl, 12491.67, places=2)
        self.assertAlmostEqual(order.spoticar_purchase_total, 10000.0, places=2)
        self.assertAlmostEqual(order.spoticar_cost_total, 850.0, places=2)
        self.assertAlmostEqual(order.spoticar_gross_margin, 2491.67, places=2)
        self.assertAlmostEqual(order.spoticar_net_margin, 1641.67, places=2)
        vehicle.invalidate_recordset()
        self.assertEqual(vehicle.spoticar_sale_order_id, order)
        self.assertAlmostEqual(vehicle.spoticar_gross_margin, 2491.67, places=2)
        self.assertAlmostEqual(vehicle.spoticar_net_margin, 1641.67, places=2)

        self.env.flush_all()
        row = self.env["spoticar.sale.report"].search([("order_id", "=", order.id)])
        self.assertEqual(len(row), 1)
        self.assertAlmostEqual(row.revenue, 12491.67, places=2)
        self.assertAlmostEqual(row.margin_vat_amount, 498.33, places=2)
        self.assertAlmostEqual(row.gross_margin, 2491.67, places=2)
        self.assertAlmostEqual(row.net_margin, 1641.67, places=2)
        self.assertAlmostEqual(row.cost_total, 850.0, places=2)

    def test_normal_vat_vehicle(self):
        # 12,000 incl. 20 % VAT: 10,000 excl. VAT; purchase 8,000; costs 300.
        vehicle = self._create_vehicle(
            purchase_price=8000.0, list_price=12000.0, vat_regime="normal"
        )
        self._add_cost(vehicle, 300.0, "cleaning")
        order = self._sell(vehicle)
        self.assertAlmostEqual(order.spoticar_vehicle_sale_excl, 10000.0, places=2)
        self.assertAlmostEqual(order.spoticar_gross_margin, 2000.0, places=2)
        self.assertAlmostEqual(order.spoticar_net_margin, 1700.0, places=2)

    def test_cost_amount_is_checked(self):
        vehicle = self._create_vehicle()
        with self.assertRaisesRegex(ValidationError, "Amount excl. VAT"):
            self._add_cost(vehicle, 0.0)
        with self.assertRaisesRegex(ValidationError, "Amount excl. VAT"):
            self._add_cost(vehicle, 1e12)

    def test_rotation_and_attach_rate_by_salesperson(self):
        """Two vehicles sold by the salesperson (one with a declared warranty), one by the
        manager: attach rate 50 % and 0 %, average days in stock of the vehicles sold."""
        sold = date(2026, 3, 2)
        first = self._create_vehicle(stock_entry_date=sold - timedelta(days=20))
        second = self._create_vehicle(stock_entry_date=sold - timedelta(days=60))
        third = self._create_vehicle(stock_entry_date=sold - timedelta(days=100))
        order_1 = self._sell(first, sale_date=sold)
        self._sell(second, sale_date=sold)
        self._sell(third, user=self.user_manager, sale_date=sold)
        self._declare_warranty(order_1)
        self.env.flush_all()
        groups = self.env["spoticar.sale.report"].formatted_read_group(
            [("product_tmpl_id", "in", (first | second | third).ids)],
            ["user_id"],
            ["vehicle_count:sum", "warranty_count:sum", "warranty_rate:avg", "days_in_stock:avg"],
        )
        by_user = {group["user_id"][0]: group for group in groups}
        seller = by_user[self.user_salesperson.id]
        self.assertEqual(seller["vehicle_count:sum"], 2)
        self.assertEqual(seller["warranty_count:sum"], 1)
        self.assertAlmostEqual(seller["warranty_rate:avg"], 50.0)
        self.assertAlmostEqual(seller["days_in_stock:avg"], 40.0)  # (20 + 60) / 2
        manager = by_user[self.user_manager.id]
        self.assertAlmostEqual(manager["warranty_rate:avg"], 0.0)
        self.assertAlmostEqual(manager["days_in_stock:avg"], 100.0)

    def test_stock_ageing_buckets_with_value(self):
        today = fields.Date.context_today(self.env["product.template"])
        fresh = self._create_vehicle(purchase_price=9000.0)
        fresh.stock_entry_date = today - timedelta(days=30)
        old = self._create_vehicle(purchase_price=7000.0)
        old.stock_entry_date = today - timedelta(days=91)
        self._add_cost(old, 500.0)
        self.env.flush_all()
        Report = self.env["spoticar.stock.report"]
        rows = Report.search([("product_tmpl_id", "in", (fresh | old).ids)])
        by_vehicle = {row.product_tmpl_id: row for row in rows}
        self.assertEqual(by_vehicle[fresh].ageing, "0_30")
        self.assertEqual(by_vehicle[old].ageing, "over_90")
        self.assertEqual(by_vehicle[old].days_in_stock, 91)
        self.assertAlmostEqual(by_vehicle[old].stock_value, 7500.0, places=2)
        self.assertEqual(by_vehicle[old].warehouse_id.company_id, self.company)
        groups = Report.formatted_read_group(
            [("product_tmpl_id", "in", (fresh | old).ids)], ["ageing"], ["stock_value:sum"]
        )
        self.assertEqual(
            {group["ageing"]: group["stock_value:sum"] for group in groups},
            {"0_30": 9000.0, "over_90": 7500.0},
        )
