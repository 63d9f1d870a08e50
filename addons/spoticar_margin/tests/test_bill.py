# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issue 15: vendor bill lines assigned to a vehicle are its costs, without retyping."""

from datetime import date

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import tagged

from .common import SpoticarMarginCommon


@tagged("post_install", "-at_install")
class TestBill(SpoticarMarginCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company, install_demo=False
        )
        cls.vehicle = cls._create_vehicle(purchase_price=10000.0)

    def _bill(self, move_type="in_invoice", **line_vals):
        return (
            self.env["account.move"]
            .with_company(self.company)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": self.seller_pro.id,
                    "invoice_date": date(2026, 3, 10),
                    "company_id": self.company.id,
                    "invoice_line_ids": [
                        Command.create(
                            dict(
                                {
                                    "name": "Carrosserie aile avant",
                                    "quantity": 1,
                                    "price_unit": 640.0,
                                    "tax_ids": [Command.clear()],
                                    "spoticar_vehicle_id": self.vehicle.id,
                                    "spoticar_cost_category": "bodywork",
                                },
                                **line_vals,
                            )
                        ),
                        Command.create(
                            {
                                "name": "Fournitures atelier",
                                "quantity": 1,
                                "price_unit": 55.0,
                                "tax_ids": [Command.clear()],
                            }
                        ),
                    ],
                }
            )
        )

    def test_posted_bill_line_is_a_cost_and_draft_removes_it(self):
        bill = self._bill()
        self.assertFalse(self.vehicle.spoticar_cost_ids, "A draft bill gives no cost")
        bill.action_post()
        cost = self.vehicle.spoticar_cost_ids
        self.assertEqual(len(cost), 1, "Only the line assigned to the vehicle")
        self.assertEqual(cost.category, "bodywork")
        self.assertAlmostEqual(cost.amount, 640.0, places=2)
        self.assertEqual(cost.date, date(2026, 3, 10))
        self.assertEqual(cost.partner_id, self.seller_pro)
        self.assertEqual(cost.move_id, bill)
        self.assertAlmostEqual(self.vehicle.spoticar_cost_price, 10640.0, places=2)
        # Posting again (or any resync) keeps one cost.
        bill._spoticar_sync_vehicle_costs()
        self.assertEqual(len(self.vehicle.spoticar_cost_ids), 1)
        # A cost of a bill is changed on the bill only.
        with self.assertRaisesRegex(UserError, "vendor bill"):
            cost.write({"amount": 1.0})
        with self.assertRaisesRegex(UserError, "vendor bill"):
            cost.unlink()
        bill.button_draft()
        self.assertFalse(self.vehicle.spoticar_cost_ids)
        self.assertAlmostEqual(self.vehicle.spoticar_cost_total, 0.0, places=2)
        bill.action_post()
        self.assertEqual(len(self.vehicle.spoticar_cost_ids), 1)
        bill.button_draft()
        bill.button_cancel()
        self.assertFalse(self.vehicle.spoticar_cost_ids)

    def test_credit_note_lowers_the_costs(self):
        self._bill().action_post()
        self._bill(move_type="in_refund", price_unit=100.0).action_post()
        self.assertAlmostEqual(self.vehicle.spoticar_cost_total, 540.0, places=2)

    def test_a_cost_cannot_be_linked_to_a_bill_by_hand(self):
        bill = self._bill()
        bill.action_post()
        line = bill.invoice_line_ids[1]
        with self.assertRaises(UserError):
            self._add_cost(self.vehicle, 55.0, move_line_id=line.id)
