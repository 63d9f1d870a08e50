# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Buying a vehicle: purchase order, payment mode and cash cap, reception into the register."""

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import SpoticarPurchaseCommon


@tagged("post_install", "-at_install")
class TestPurchase(SpoticarPurchaseCommon):
    def test_reception_puts_the_vehicle_in_stock_and_writes_the_register(self):
        vehicle = self._create_incoming_vehicle(vin="VF3LBYHZPFS123456")
        order = self._purchase(vehicle, self.seller_private, 6500.0, payment_mode="cheque")
        self.assertEqual(vehicle.vehicle_state, "incoming")
        self.assertFalse(order.spoticar_register_entry_ids)
        self._receive(order)
        self.assertEqual(vehicle.vehicle_state, "stock")
        entry = order.spoticar_register_entry_ids
        self.assertEqual(len(entry), 1)
        self.assertRecordValues(
            entry,
            [
                {
                    "kind": "purchase",
                    "product_tmpl_id": vehicle.id,
                    "vehicle_make": "Peugeot",
                    "license_plate": vehicle.license_plate,
                    "vin": "VF3LBYHZPFS123456",
                    "vehicle_color": "Gris Artense",
                    "mileage": 85000,
                    "registration_type": vehicle.registration_type,
                    "origin_country": self.env.ref("base.fr").name,
                    "seller_type": "private",
                    "seller_name": self.seller_private.name,
                    "seller_address": "4 rue de Brest, 35000 Rennes",
                    "id_document_number": "X4RTBPFW4",
                    "id_document_authority": "Préfecture d'Ille-et-Vilaine",
                    "seller_siret": False,
                    "amount": 6500.0,
                    "payment_mode": "cheque",
                    "amount_is_estimate": False,
                }
            ],
        )
        self.assertEqual(str(entry.id_document_date), "2019-03-12")
        self.assertEqual(vehicle.register_number, entry.name)

    def test_professional_seller_is_written_with_its_siret(self):
        vehicle = self._create_incoming_vehicle()
        order = self._purchase(vehicle, self.seller_pro, 9000.0)
        self._receive(order)
        entry = order.spoticar_register_entry_ids
        self.assertEqual(entry.seller_type, "professional")
        self.assertEqual(entry.seller_siret, "73282932000074")
        self.assertFalse(entry.id_document_number)

    def test_missing_seller_identity_blocks_the_reception_with_one_message(self):
        seller = self._create_customer(lastname="SANSPAPIERS", firstname="Luc")
        vehicle = self._create_incoming_vehicle()
        order = self._purchase(vehicle, seller, 3000.0)
        order.spoticar_payment_mode = False
        with self.assertRaises(UserError) as caught:
            self._receive(order)
        message = str(caught.exception)
        for missing in (
            "adresse du vendeur",
            "type de pièce d'identité",
            "numéro de pièce d'identité",
            "date de délivrance",
            "autorité de délivrance",
            "payment mode",
        ):
            self.assertIn(missing, message)
        self.assertEqual(vehicle.vehicle_state, "incoming")
        self.assertFalse(
            self.env["spoticar.register.entry"].search([("product_tmpl_id", "=", vehicle.id)])
        )

    def test_cash_above_the_legal_cap_is_refused(self):
        vehicle = self._create_incoming_vehicle()
        with self.assertRaises(ValidationError) as caught:
            self._purchase(
                vehicle, self.seller_private, 1000.01, payment_mode="cash", confirm=False
            )
        self.assertIn("L112-6", str(caught.exception))
        order = self._purchase(vehicle, self.seller_private, 1000.0, payment_mode="cash")
        self.assertEqual(order.state, "purchase")
        with self.assertRaises(ValidationError):
            order.write(
                {"order_line": [Command.update(order.order_line.id, {"price_unit": 1500.0})]}
            )
        other = self._purchase(self._create_incoming_vehicle(), self.seller_private, 4000.0)
        with self.assertRaises(ValidationError):
            other.spoticar_payment_mode = "cash"

    def test_salesperson_buys_and_receives_a_vehicle(self):
        vehicle = self._create_incoming_vehicle()
        order = self._purchase(vehicle, self.seller_pro, 9000.0).with_user(self.user_salesperson)
        self._receive(order)
        self.assertEqual(len(order.spoticar_register_entry_ids), 1)

    def test_trade_in_received_is_written_as_an_exchange_at_its_value(self):
        order = self._create_order(self.vehicle_308, partner=self.seller_private)
        trade_in = order._spoticar_create_trade_in(
            {"name": "Renault Clio", "license_plate": "AB-123-CD", "mileage": 120000}, 2500.0
        )
        trade_in.product_tmpl_id.action_vehicle_receive()
        entry = trade_in.product_tmpl_id.register_entry_ids
        self.assertRecordValues(
            entry,
            [
                {
                    "kind": "trade_in",
                    "amount": 2500.0,
                    "seller_name": self.seller_private.name,
                    "sale_order_id": order.id,
                    "amount_is_estimate": True,
                    "license_plate": "AB-123-CD",
                }
            ],
        )

    def test_vehicle_of_unknown_provenance_gets_no_entry(self):
        vehicle = self._create_vehicle(license_plate="GG-456-HH")
        self.assertEqual(vehicle.vehicle_state, "stock")
        self.assertFalse(vehicle.register_entry_ids)

    def test_delivery_to_the_buyer_writes_the_exit(self):
        vehicle = self._create_incoming_vehicle()
        self._receive(self._purchase(vehicle, self.seller_pro, 9000.0))
        vehicle.sudo().list_price = 12000.0
        # A passenger car of 2018: delivered with a contrôle technique of less than 6 months.
        vehicle.write({"inspection_date": fields.Date.today(), "inspection_result": "favourable"})
        sale = self._create_order(vehicle)
        sale.action_confirm()
        delivery = sale.picking_ids
        delivery.move_ids.quantity = 1.0
        delivery.move_ids.picked = True
        delivery.button_validate()
        entry = vehicle.register_entry_ids
        self.assertTrue(entry.exit_date)
        self.assertEqual(entry.buyer_name, self.customer_rennes.name)
        self.assertEqual(entry.exit_order_id, sale)
        self.assertEqual(
            self.env["spoticar.register.entry"].action_verify_integrity()["params"]["type"],
            "success",
        )
