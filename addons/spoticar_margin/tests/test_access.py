# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issue 15: purchase prices, costs and margins are the managers'; a salesperson calling the ORM
as the web client does over JSON-RPC (read, search, read_group, export_data) is refused."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SpoticarMarginCommon

MANAGER_FIELDS = (
    "purchase_price",
    "spoticar_cost_total",
    "spoticar_cost_price",
    "spoticar_gross_margin",
    "spoticar_net_margin",
)


@tagged("post_install", "-at_install")
class TestMarginAccess(SpoticarMarginCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicle = cls._create_vehicle(purchase_price=10000.0, list_price=12990.0)
        cls.cost = cls._add_cost(cls.vehicle, 850.0)
        cls.order = cls._sell(cls.vehicle)

    def test_salesperson_never_sees_prices_costs_and_margins_of_a_vehicle(self):
        Product = self.env["product.template"].with_user(self.user_salesperson)
        vehicle = self.vehicle.with_user(self.user_salesperson)
        self.assertEqual(vehicle.read(["name"])[0]["name"], self.vehicle.name)
        for fname in MANAGER_FIELDS:
            with self.subTest(field=fname):
                with self.assertRaises(AccessError):
                    vehicle.read([fname])
                with self.assertRaises(AccessError):
                    Product.search([(fname, ">", 0)])
                with self.assertRaises(AccessError):
                    Product.read_group([("is_vehicle", "=", True)], [f"{fname}:sum"], ["energy"])
                with self.assertRaises(AccessError):
                    Product.read_group([("is_vehicle", "=", True)], ["energy"], [fname])
                with self.assertRaises(AccessError):
                    vehicle.export_data([fname])
        with self.assertRaises(AccessError):
            vehicle.write({"purchase_price": 1.0})

    def test_salesperson_never_sees_the_margins_of_an_order(self):
        order = self.order.with_user(self.user_salesperson)
        self.assertEqual(order.read(["name"])[0]["name"], self.order.name)
        for fname in (
            "spoticar_vehicle_sale_excl",
            "spoticar_purchase_total",
            "spoticar_cost_total",
            "spoticar_gross_margin",
            "spoticar_net_margin",
        ):
            with self.subTest(field=fname):
                with self.assertRaises(AccessError):
                    order.read([fname])
                with self.assertRaises(AccessError):
                    order.export_data([fname])
                with self.assertRaises(AccessError):
                    order.search([(fname, ">", 0)])
                with self.assertRaises(AccessError):
                    order.read_group([], [f"{fname}:sum"], ["user_id"])

    def test_salesperson_has_no_access_to_costs_and_dashboards(self):
        for model in ("spoticar.vehicle.cost", "spoticar.sale.report", "spoticar.stock.report"):
            Model = self.env[model].with_user(self.user_salesperson)
            with self.subTest(model=model):
                with self.assertRaises(AccessError):
                    Model.search([])
                with self.assertRaises(AccessError):
                    Model.read_group([], ["company_id"], ["company_id"])
        cost = self.cost.with_user(self.user_salesperson)
        with self.assertRaises(AccessError):
            cost.read(["amount"])
        with self.assertRaises(AccessError):
            cost.export_data(["amount"])
        with self.assertRaises(AccessError):
            cost.write({"amount": 1.0})
        with self.assertRaises(AccessError):
            self.env["spoticar.vehicle.cost"].with_user(self.user_salesperson).create(
                {"product_tmpl_id": self.vehicle.id, "amount": 10.0}
            )

    def test_manager_sees_and_enters_costs_of_his_company_only(self):
        vehicle = self.vehicle.with_user(self.user_manager)
        self.assertAlmostEqual(vehicle.spoticar_cost_price, 10850.0, places=2)
        self.assertAlmostEqual(vehicle.spoticar_net_margin, 1641.67, places=2)
        Cost = self.env["spoticar.vehicle.cost"].with_user(self.user_manager)
        cost = Cost.create({"product_tmpl_id": self.vehicle.id, "amount": 45.5})
        self.assertEqual(cost.company_id, self.company)
        self.assertEqual(cost.category, "other")
        other = self._create_vehicle(company_id=self.company_2.id)
        other_cost = self.env["spoticar.vehicle.cost"].create(
            {"product_tmpl_id": other.id, "amount": 99.0}
        )
        self.assertNotIn(other_cost, Cost.search([]))
        rows = self.env["spoticar.sale.report"].with_user(self.user_manager).search([])
        self.assertIn(self.order, rows.order_id)
        self.assertEqual(rows.company_id, self.company)
