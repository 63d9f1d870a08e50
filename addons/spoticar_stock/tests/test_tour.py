# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import HttpCase, tagged

from .common import SpoticarStockCommon


@tagged("post_install", "-at_install")
class TestStockTour(HttpCase, SpoticarStockCommon):
    def test_find_by_plate_and_create_by_version_words(self):
        self._create_vehicle(license_plate="DL-342-MP", vehicle_version_id=self.version_308_sw_115)
        self._create_vehicle(license_plate="DL-343-MP")
        self.start_tour("/odoo", "spoticar_stock_tour", login=self.user_salesperson.login)
        vehicle = self.env["product.template"].search([("license_plate", "=", "FE-261-RZ")])
        self.assertEqual(len(vehicle), 1)
        self.assertEqual(vehicle.vehicle_version_id, self.version_308_130_allure)
        self.assertEqual(vehicle.manufacturer_equivalence, "T1PEU308BH130A")
        self.assertEqual(vehicle.first_registration_date, date(2018, 10, 10))
        self.assertEqual(vehicle.name, "Peugeot 308 (2) BlueHDi 130 EAT6 S&S Allure")
        self.assertEqual(vehicle.company_id, self.company)
        self.assertEqual(vehicle.mileage, 25000)
