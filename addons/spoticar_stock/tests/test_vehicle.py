# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import SpoticarStockCommon


@tagged("post_install", "-at_install")
class TestVehicle(SpoticarStockCommon):
    def test_create_vehicle_in_stock(self):
        vehicle = self._create_vehicle()
        self.assertTrue(vehicle.is_storable)
        self.assertEqual(vehicle.company_id, self.company)
        self.assertEqual(vehicle.qty_available, 1)
        self.assertEqual(vehicle.vehicle_state, "stock")
        self.assertEqual(vehicle.name, "Peugeot 308 (2) BlueHDi 130 EAT6 S&S Allure")
        self.assertEqual(vehicle.manufacturer_equivalence, "T1PEU308BH130A")
        self.assertTrue(vehicle.recognised_in_reference)
