# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import SpoticarStockCommon


@tagged("post_install", "-at_install")
class TestAccess(SpoticarStockCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicle = cls._create_vehicle()
        cls.vehicle_2 = cls._create_vehicle(company_id=cls.company_2.id)
        cls.user_salesperson_2 = new_test_user(
            cls.env,
            login="spoticar_salesperson_2",
            groups="spoticar_stock.group_spoticar_user",
            company_id=cls.company_2.id,
            company_ids=[Command.set(cls.company_2.ids)],
        )
        cls.user_internal = new_test_user(
            cls.env,
            login="spoticar_internal",
            groups="base.group_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def test_salesperson_manages_vehicles_of_his_company(self):
        Product = self.env["product.template"].with_user(self.user_salesperson)
        vehicles = Product.search([("is_vehicle", "=", True)])
        self.assertIn(self.vehicle, vehicles)
        self.assertNotIn(self.vehicle_2, vehicles)
        vals = self._vehicle_vals(list_price=17990.0)
        del vals["purchase_price"]
        vehicle = Product.create(vals)
        self.assertEqual(vehicle.company_id, self.company)
        self.assertEqual(vehicle.list_price, 17990.0)
        vehicle.write({"mileage": 30000, "list_price": 17990})
        vehicle.action_vehicle_receive()
        self.assertEqual(vehicle.vehicle_state, "stock")
        with self.assertRaises(AccessError):
            self.vehicle_2.with_user(self.user_salesperson).read(["name"])
        with self.assertRaises(AccessError):
            vehicle.unlink()

    def test_other_dealer_does_not_see_the_vehicles(self):
        Product = self.env["product.template"].with_user(self.user_salesperson_2)
        self.assertEqual(Product.search([("is_vehicle", "=", True)]), self.vehicle_2)
        self.assertFalse(Product.search([("vehicle_search", "ilike", self.vehicle.license_plate)]))
        variants = (
            self.env["product.product"]
            .with_user(self.user_salesperson_2)
            .search([("is_vehicle", "=", True)])
        )
        self.assertEqual(variants, self.vehicle_2.product_variant_ids)

    def test_reference_read_only_for_salesperson(self):
        version = self.version_308_130_allure.with_user(self.user_salesperson)
        self.assertEqual(version.name, "BlueHDi 130 EAT6 S&S Allure")
        with self.assertRaises(AccessError):
            version.write({"din_power": 131})
        with self.assertRaises(AccessError):
            self.env["spoticar.vehicle.make"].with_user(self.user_salesperson).create(
                {"name": "X", "code": "X"}
            )

    def test_manager_administers_the_reference(self):
        version = self.version_308_130_allure.with_user(self.user_manager)
        version.write({"din_power": 131})
        self.assertEqual(version.din_power, 131)
        make = (
            self.env["spoticar.vehicle.make"]
            .with_user(self.user_manager)
            .create({"name": "Lancia", "code": "T_LAN"})
        )
        make.unlink()

    def test_internal_user_without_spoticar_group(self):
        with self.assertRaises(AccessError):
            self.env["spoticar.vehicle.version"].with_user(self.user_internal).search([])
        with self.assertRaises(AccessError):
            self.env["product.template"].with_user(self.user_internal).create(self._vehicle_vals())

    def test_purchase_price_reserved_to_manager_in_views(self):
        arch = (
            self.env["product.template"]
            .with_user(self.user_salesperson)
            .get_views(
                [(self.env.ref("spoticar_stock.product_template_vehicle_view_form").id, "form")]
            )["views"]["form"]["arch"]
        )
        self.assertNotIn('name="purchase_price"', arch)
        arch = (
            self.env["product.template"]
            .with_user(self.user_manager)
            .get_views(
                [(self.env.ref("spoticar_stock.product_template_vehicle_view_form").id, "form")]
            )["views"]["form"]["arch"]
        )
        self.assertIn('name="purchase_price"', arch)

    def test_salesperson_can_export_the_list(self):
        """The tutorial's "Exporter (CSV)": the export of the list is allowed to salespeople."""
        self.assertTrue(self.user_salesperson.has_group("base.group_allow_export"))
        self.assertTrue(self.user_salesperson.has_group("stock.group_stock_user"))
        data = (
            self.env["product.template"]
            .with_user(self.user_salesperson)
            .browse(self.vehicle.ids)
            .export_data(
                ["default_code", "name", "license_plate", "mileage", "list_price", "vehicle_state"]
            )["datas"]
        )
        self.assertEqual(data[0][2], self.vehicle.license_plate)

    def test_salesperson_does_not_archive_vehicles(self):
        vehicle = self.vehicle.with_user(self.user_salesperson)
        with self.assertRaises(AccessError):
            vehicle.action_archive()
        with self.assertRaises(AccessError):
            vehicle.write({"active": False})
        self.assertTrue(self.vehicle.active)
        self.vehicle.with_user(self.user_manager).action_archive()
        self.assertFalse(self.vehicle.active)
        with self.assertRaises(AccessError):
            vehicle.action_unarchive()
        self.vehicle.with_user(self.user_manager).action_unarchive()
        self.assertTrue(self.vehicle.active)

    def test_sale_price_changed_by_manager_only(self):
        """The salesperson sets the price at creation; later changes are a manager's, tracked."""
        Product = self.env["product.template"].with_user(self.user_salesperson)
        vals = self._vehicle_vals(list_price=18990.0)
        del vals["purchase_price"]
        vehicle = Product.create(vals)
        self.assertEqual(vehicle.list_price, 18990.0)
        with self.assertRaises(AccessError):
            vehicle.write({"list_price": 17990.0})
        with self.assertRaises(AccessError):
            vehicle.product_variant_id.write({"lst_price": 1.0})
        self.assertEqual(vehicle.list_price, 18990.0)
        vehicle.write({"list_price": 18990.0, "mileage": 25100})  # unchanged price: allowed
        self.assertEqual(vehicle.mileage, 25100)
        self.env.cr.flush()  # end of the creation "transaction" (created without tracking)
        managed = vehicle.with_user(self.user_manager).with_context(tracking_disable=False)
        managed.write({"list_price": 17990.0})
        managed.env.flush_all()
        managed.env.cr.flush()
        self.assertEqual(vehicle.list_price, 17990.0)
        tracking = managed.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "list_price"
        )
        self.assertEqual(tracking[:1].old_value_float, 18990.0)
        self.assertEqual(tracking[:1].new_value_float, 17990.0)

    def test_purchase_price_reserved_to_manager_over_the_orm(self):
        """Read, search, read_group, export and write of the purchase price: managers only."""
        Product = self.env["product.template"].with_user(self.user_salesperson)
        vehicle = Product.browse(self.vehicle.ids)
        self.assertEqual(vehicle.name, self.vehicle.name)
        with self.assertRaises(AccessError):
            vehicle.read(["purchase_price"])
        with self.assertRaises(AccessError):
            Product.search([("purchase_price", ">", 0)])
        with self.assertRaises(AccessError):
            Product.read_group([("is_vehicle", "=", True)], ["purchase_price:sum"], [])
        with self.assertRaises(AccessError):
            Product.formatted_read_group([("is_vehicle", "=", True)], [], ["purchase_price:sum"])
        with self.assertRaises(AccessError):
            vehicle.export_data(["name", "purchase_price"])
        with self.assertRaises(AccessError):
            vehicle.write({"purchase_price": 1.0})
        vals = self._vehicle_vals()
        with self.assertRaises(AccessError):
            Product.create(vals)
        self.assertNotIn("purchase_price", vehicle.fields_get())
        managed = self.vehicle.with_user(self.user_manager)
        self.assertEqual(managed.read(["purchase_price"])[0]["purchase_price"], 15000.0)
        managed.write({"purchase_price": 14500.0})
        self.assertEqual(managed.export_data(["purchase_price"])["datas"], [[14500.0]])
