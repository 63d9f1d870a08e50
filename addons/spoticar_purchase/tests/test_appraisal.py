# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Appraisals: computed offer, approval above the salesperson's limit, trade-in or purchase."""

from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import SpoticarPurchaseCommon


@tagged("post_install", "-at_install")
class TestAppraisal(SpoticarPurchaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"spoticar_appraisal_margin": 15.0, "spoticar_appraisal_limit": 5000.0})
        cls.order = cls._create_order(cls.vehicle_308, partner=cls.seller_private)

    def _appraisal(self, user=None, market_value=10000.0, **vals):
        Appraisal = self.env["spoticar.appraisal"]
        if user:
            Appraisal = Appraisal.with_user(user)
        values = {
            "sale_order_id": self.order.id,
            "partner_id": self.seller_private.id,
            "license_plate": "fb 321 kc",
            "vehicle_version_id": self.version_308_sw_115.id,
            "first_registration_date": date(2019, 6, 1),
            "mileage": 64000,
            "vehicle_color": "Blanc Banquise",
            "market_value": market_value,
            "market_value_source": "argus",
            "condition_bodywork": "average",
            "doc_registration": True,
            "repair_line_ids": [
                Command.create({"name": "Pneus avant", "amount": 300.0}),
                Command.create({"name": "Rayure portière", "amount": 150.55}),
            ],
        }
        values.update(vals)
        return Appraisal.create(values)

    def test_offer_is_market_value_minus_repairs_minus_target_margin(self):
        appraisal = self._appraisal()
        self.assertEqual(appraisal.license_plate, "FB-321-KC")
        self.assertEqual(appraisal.repair_total, 450.55)
        self.assertEqual(appraisal.margin_amount, 1500.0)
        self.assertEqual(appraisal.offer_computed, 8049.45)
        self.assertEqual(appraisal.offer, 8049.45)
        appraisal.offer = 7800.0
        self.assertEqual(appraisal.offer, 7800.0)
        self.assertTrue(appraisal.name.startswith("EXP/"))

    def test_offer_within_the_limit_is_approved_at_once(self):
        appraisal = self._appraisal(self.user_salesperson, market_value=5000.0)
        self.assertFalse(appraisal.needs_approval)
        appraisal.action_submit()
        self.assertEqual(appraisal.state, "approved")

    def test_offer_above_the_limit_needs_a_manager(self):
        appraisal = self._appraisal(self.user_salesperson)
        self.assertTrue(appraisal.needs_approval)
        appraisal.action_submit()
        self.assertEqual(appraisal.state, "to_approve")
        activity = appraisal.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertTrue(activity.user_id.has_group("spoticar_stock.group_spoticar_manager"))
        with self.assertRaises(AccessError):
            appraisal.action_approve()
        with self.assertRaises(AccessError):
            appraisal.write({"state": "approved"})
        with self.assertRaises(UserError):
            appraisal.write({"offer": 1.0})
        with self.assertRaises(UserError):
            appraisal.repair_line_ids[0].amount = 1.0
        with self.assertRaises(UserError):
            appraisal.action_accept_trade_in()  # not approved: refused before anything is created
        appraisal.with_user(self.user_manager).action_approve()
        self.assertEqual(appraisal.state, "approved")
        self.assertEqual(appraisal.approved_by_id, self.user_manager)
        self.assertFalse(appraisal.activity_ids)

    def test_manager_refuses_and_the_salesperson_revises(self):
        appraisal = self._appraisal(self.user_salesperson)
        appraisal.action_submit()
        appraisal.with_user(self.user_manager).action_refuse()
        self.assertEqual(appraisal.state, "refused")
        appraisal.offer = 4900.0
        appraisal.action_submit()
        self.assertEqual(appraisal.state, "approved")

    def test_accepted_as_trade_in_adds_the_line_and_the_incoming_vehicle(self):
        appraisal = self._appraisal(self.user_salesperson, market_value=5000.0)
        appraisal.action_submit()
        appraisal.action_accept_trade_in()
        self.assertEqual(appraisal.state, "accepted")
        vehicle = appraisal.product_tmpl_id
        self.assertRecordValues(
            vehicle,
            [
                {
                    "vehicle_state": "incoming",
                    "license_plate": "FB-321-KC",
                    "mileage": 64000,
                    "reconditioning_cost": 450.55,
                    "spoticar_appraisal_id": appraisal.id,
                }
            ],
        )
        self.assertEqual(vehicle.sudo().purchase_price, appraisal.offer)
        line = self.order.order_line.filtered("is_trade_in")
        self.assertEqual(line.price_unit, -appraisal.offer)
        self.assertEqual(self.order.trade_in_vehicle_id.product_tmpl_id, vehicle)
        vehicle.action_vehicle_receive()
        entry = vehicle.register_entry_ids
        self.assertRecordValues(
            entry,
            [{"kind": "trade_in", "amount": appraisal.offer, "vehicle_color": "Blanc Banquise"}],
        )

    def test_accepted_as_purchase_order_to_a_professional(self):
        appraisal = self._appraisal(
            sale_order_id=False, partner_id=self.seller_pro.id, payment_mode="transfer"
        )
        appraisal.action_submit()  # a manager's own appraisal: approved at once
        self.assertEqual(appraisal.state, "approved")
        appraisal.action_accept_purchase()
        order = appraisal.purchase_order_id
        self.assertEqual(order.partner_id, self.seller_pro)
        self.assertEqual(order.amount_total, appraisal.offer)
        self.assertEqual(appraisal.product_tmpl_id.vehicle_state, "incoming")
        order.button_confirm()
        self._receive(order)
        self.assertEqual(appraisal.product_tmpl_id.vehicle_state, "stock")
        self.assertEqual(order.spoticar_register_entry_ids.amount, appraisal.offer)

    def test_typing_errors_are_refused_at_entry(self):
        with self.assertRaises(ValidationError):
            self._appraisal(mileage=-5)
        with self.assertRaises(ValidationError):
            self._appraisal(license_plate="not a plate")

    def test_sale_order_opens_the_appraisal_with_the_customer(self):
        action = self.order.action_spoticar_appraisal()
        self.assertEqual(action["res_model"], "spoticar.appraisal")
        self.assertEqual(action["context"]["default_partner_id"], self.seller_private.id)
