# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import HttpCase, tagged

from .common import SpoticarWarrantyCommon


@tagged("post_install", "-at_install")
class TestWarrantyTour(HttpCase, SpoticarWarrantyCommon):
    def test_warranty_tour(self):
        """From the order to a warranty ready to declare, with the missing-fields message."""
        self._activate_french()
        self.user_salesperson.lang = "fr_FR"
        customer = self._create_customer(birthdate_date=False, birth_city=False, lastname="Dupond")
        vehicle = self._create_vehicle(first_registration_date=date(2022, 1, 10))
        order = self._create_confirmed_order(vehicle, partner=customer)
        self.start_tour(
            f"/odoo/action-sale.action_orders/{order.id}",
            "spoticar_warranty_tour",
            login=self.user_salesperson.login,
        )
        warranty = order.spoticar_warranty_ids
        self.assertEqual(len(warranty), 1)
        self.assertEqual(warranty.state, "ready")
        self.assertEqual(warranty.customer_birthdate, date(1960, 5, 17))
        self.assertEqual(warranty.customer_birth_city, "Tours")
        self.assertEqual(warranty.start_date, order.delivery_date)
        self.assertTrue(warranty.mfr_warranty_unlimited_km)
        vehicle_block = warranty._get_declaration_payload()["vehicle"]
        self.assertEqual(vehicle_block["manufacturer_warranty_end_km"], 999999)


@tagged("post_install", "-at_install")
class TestWarrantyPhoneTour(HttpCase, SpoticarWarrantyCommon):
    browser_size = "390x844"
    touch_enabled = True

    def test_warranty_phone_tour(self):
        """The warranty form at a phone's width (the Odoo mobile app's)."""
        customer = self._create_customer(birth_city=False)
        order = self._create_confirmed_order(self._create_vehicle(), partner=customer)
        action = order.with_user(self.user_salesperson).action_spoticar_warranty()
        self.start_tour(
            f"/odoo/action-spoticar_warranty.spoticar_warranty_action/{action['res_id']}",
            "spoticar_warranty_phone_tour",
            login=self.user_salesperson.login,
        )

    def test_sale_vo_tab_phone_tour(self):
        """The "Vente VO" tab of the order at a phone's width."""
        order = self._create_confirmed_order(self._create_vehicle(), confirm=False)
        self.start_tour(
            f"/odoo/action-sale.action_orders/{order.id}",
            "spoticar_sale_vo_phone_tour",
            login=self.user_salesperson.login,
        )

    def test_order_header_phone_tour(self):
        """A confirmed vehicle order at a phone's width: "Warranty" is the visible, primary
        button until the warranty is declared, printing the order form follows it; once
        declared, printing is the visible button."""
        order = self._create_confirmed_order(self._create_vehicle())
        self.assertFalse(order.spoticar_warranty_declared)
        self.start_tour(
            f"/odoo/action-sale.action_orders/{order.id}",
            "spoticar_warranty_order_phone_tour",
            login=self.user_salesperson.login,
        )
        warranty = order.spoticar_warranty_ids
        self.assertEqual(len(warranty), 1, "The visible button opened a new warranty")
        self.assertEqual(warranty.state, "draft")
        self.assertFalse(order.spoticar_warranty_declared)

        self._force_vals(warranty, state="declared", declaration_number="SP953617Z103833712")
        self.assertTrue(order.spoticar_warranty_declared)
        self.start_tour(
            f"/odoo/action-sale.action_orders/{order.id}",
            "spoticar_warranty_declared_order_phone_tour",
            login=self.user_salesperson.login,
        )
