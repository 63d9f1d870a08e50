# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The formalities of a vehicle sale: SIV declaration, contrôle technique at delivery, cash cap."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import tagged

from .common import SpoticarSaleCommon


@tagged("post_install", "-at_install")
class TestSivDeclaration(SpoticarSaleCommon):
    def test_activity_at_confirmation_closed_by_the_receipt(self):
        order = self._create_order(
            self.vehicle_308, user_id=self.user_salesperson.id, sale_date=date(2026, 12, 20)
        )
        order.action_confirm()
        siv_type = self.env.ref("spoticar_sale.mail_activity_type_siv_sale")
        activity = order.activity_ids.filtered(lambda a: a.activity_type_id == siv_type)
        self.assertEqual(len(activity), 1)
        # 15 days after the sale of 20 December 2026: 4 January 2027
        self.assertEqual(activity.date_deadline, date(2027, 1, 4))
        self.assertEqual(order.siv_sale_deadline, date(2027, 1, 4))
        self.assertEqual(activity.user_id, self.user_salesperson)
        # a record is tracked from the transaction after its creation (mail's _track_discard)
        self.env.flush_all()
        self.env.cr.precommit.run()
        order.with_user(self.user_salesperson).with_context(tracking_disable=False).write(
            {"siv_sale_receipt": " 2026-CES-000123 "}
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()
        self.assertEqual(order.siv_sale_receipt, "2026-CES-000123")
        self.assertFalse(
            order.activity_ids.filtered(lambda a: a.activity_type_id == siv_type),
            "the receipt number marks the activity done",
        )
        done = order.message_ids.filtered(lambda m: "2026-CES-000123" in (m.body or ""))
        self.assertTrue(done, "the activity is done with the receipt number")
        tracked = order.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "siv_sale_receipt"
        )
        self.assertEqual(tracked.new_value_char, "2026-CES-000123")

    def test_no_activity_for_an_order_without_vehicle(self):
        service = self.env["product.product"].create(
            {"name": "Lavage", "type": "service", "list_price": 20.0}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer_rennes.id,
                "order_line": [Command.create({"product_id": service.id})],
            }
        )
        order.action_confirm()
        self.assertFalse(order.activity_ids)
        self.assertFalse(order.siv_sale_deadline)


@tagged("post_install", "-at_install")
class TestCashCap(SpoticarSaleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service = cls.env["product.product"].create(
            {"name": "Préparation", "type": "service", "list_price": 1000.0, "taxes_id": False}
        )
        cls.belgian = cls._create_customer(
            lastname="PEETERS", zip="1000", city="Bruxelles", country_id=cls.env.ref("base.be").id
        )
        cls.belgian_company = cls._create_customer(
            l10n_fr_customer_type="professional",
            is_company=True,
            name="Flandre Auto BV",
            zip="2000",
            city="Anvers",
            country_id=cls.env.ref("base.be").id,
        )

    def _service_order(self, price, partner=None, **vals):
        return self.env["sale.order"].create(
            dict(
                {
                    "partner_id": (partner or self.customer_rennes).id,
                    "payment_mode": "cash",
                    "order_line": [
                        Command.create(
                            {"product_id": self.service.id, "price_unit": price, "tax_ids": False}
                        )
                    ],
                },
                **vals,
            )
        )

    def test_resident_at_one_thousand_euros(self):
        order = self._service_order(1000.0)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        order = self._service_order(1000.01)
        with self.assertRaises(UserError) as error:
            order.action_confirm()
        self.assertIn("1,000.01", str(error.exception))
        self.assertIn("1000 EUR", str(error.exception))
        self.assertEqual(order.state, "draft", "nothing half-done")

    def test_non_resident_private_at_fifteen_thousand_euros(self):
        vehicle = self._create_vehicle(list_price=15000.0, vat_regime="margin")
        order = self._create_order(
            vehicle, self.belgian, payment_mode="cash", sale_destination="export"
        )
        self.assertEqual(order.amount_total, 15000.0)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        order = self._service_order(15000.01, self.belgian)
        with self.assertRaises(UserError) as error:
            order.action_confirm()
        self.assertIn("15000 EUR", str(error.exception))
        # a Belgian company acts for professional purposes: 1,000 EUR
        with self.assertRaises(UserError):
            self._service_order(1000.01, self.belgian_company).action_confirm()

    def test_salesperson_cannot_bypass(self):
        """Over JSON-RPC a salesperson confirms in cash, or switches a confirmed order to cash:
        refused both ways."""
        order = self._create_order(self.vehicle_308, payment_mode="cash").with_user(
            self.user_salesperson
        )
        with self.assertRaises(UserError):
            order.action_confirm()
        order.payment_mode = "transfer"
        order.action_confirm()
        with self.assertRaises(UserError):
            order.write({"payment_mode": "cash"})
        self.assertEqual(order.payment_mode, "transfer")


@tagged("post_install", "-at_install")
class TestCashCapPayment(SpoticarSaleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company, install_demo=False
        )
        cls.cash_journal = cls.env["account.journal"].create(
            {"name": "Caisse", "type": "cash", "code": "CSHT", "company_id": cls.company.id}
        )
        cls.bank_journal = cls.env["account.journal"].create(
            {"name": "Banque", "type": "bank", "code": "BNKT", "company_id": cls.company.id}
        )

    def _invoice(self):
        order = self._create_order(self.vehicle_308)
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        return invoice

    def _register(self, invoice, journal, amount):
        return (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": journal.id, "amount": amount})
        )

    def test_cash_journal_up_to_the_cap(self):
        invoice = self._invoice()
        self._register(invoice, self.cash_journal, 1000.0).action_create_payments()
        # 1,000 EUR already paid in cash: one more cent is refused, the rest by transfer
        wizard = self._register(invoice, self.cash_journal, 0.01)
        with self.assertRaises(UserError) as error:
            wizard.action_create_payments()
        self.assertIn("1,000.01", str(error.exception))
        self._register(invoice, self.bank_journal, invoice.amount_residual).action_create_payments()
        self.assertEqual(invoice.payment_state in ("paid", "in_payment"), True)


@tagged("post_install", "-at_install")
class TestInspectionAtDelivery(SpoticarSaleCommon):
    """A passenger car more than 4 years old is delivered with a report less than 6 months old
    (a counter-visit less than 2 months old), Code de la route R323-22."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicle = cls._create_vehicle(
            first_registration_date=date(2021, 6, 15), list_price=15000.0, vat_regime="margin"
        )

    def _delivery(self, vehicle=None):
        order = self._create_order(vehicle or self.vehicle, sale_date=date(2021, 11, 1))
        order.action_confirm()
        picking = order.picking_ids
        picking.move_ids.quantity = 1.0
        picking.move_ids.picked = True
        return picking

    def _problems(self, picking, day):
        with freeze_time(day):
            return [problem for _p, _v, problem, _d in picking._spoticar_inspection_problems()]

    def test_exactly_four_years(self):
        picking = self._delivery()
        self.assertEqual(self._problems(picking, "2025-06-15 12:00:00"), [])
        self.assertEqual(self._problems(picking, "2025-06-16 12:00:00"), ["missing"])
        with freeze_time("2025-06-16 12:00:00"), self.assertRaises(UserError) as error:
            picking.button_validate()
        message = str(error.exception)
        for expected in ("16/06/2025", "15/06/2021", "4 years", "6 months"):
            self.assertIn(expected, message)
        self.assertNotEqual(picking.state, "done")
        with freeze_time("2025-06-15 12:00:00"):
            picking.button_validate()
        self.assertEqual(picking.state, "done")

    def test_exactly_six_months(self):
        self.vehicle.write(
            {"inspection_date": date(2025, 1, 16), "inspection_result": "favourable"}
        )
        picking = self._delivery()
        self.assertEqual(self._problems(picking, "2025-07-15 12:00:00"), [])
        self.assertEqual(self._problems(picking, "2025-07-16 12:00:00"), ["expired"])
        with freeze_time("2025-07-16 12:00:00"), self.assertRaises(UserError) as error:
            picking.button_validate()
        self.assertIn("16/01/2025", str(error.exception))
        self.assertIn("15/07/2025", str(error.exception), "until when it was valid")

    def test_counter_visit_two_months(self):
        self.vehicle.write(
            {
                "inspection_date": date(2025, 5, 2),
                "inspection_result": "counter_visit",
            }
        )
        picking = self._delivery()
        self.assertEqual(self._problems(picking, "2025-06-20 12:00:00"), ["missing"])
        self.vehicle.inspection_counter_visit_date = date(2025, 5, 16)
        self.assertEqual(self._problems(picking, "2025-07-15 12:00:00"), [])
        self.assertEqual(self._problems(picking, "2025-07-16 12:00:00"), ["expired"])

    def test_delivery_made_by_hand_is_checked_too(self):
        """A delivery order typed by hand (no sale order) is no way around the rule; a move
        between the dealer's own locations is no delivery."""
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.out_type_id.id,
                "partner_id": self.customer_rennes.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.vehicle.product_variant_id.id,
                            "product_uom_qty": 1.0,
                            "location_id": self.warehouse.lot_stock_id.id,
                            "location_dest_id": self.ref("stock.stock_location_customers"),
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.move_ids.write({"quantity": 1.0, "picked": True})
        self.assertFalse(picking.sale_id)
        self.assertEqual(self._problems(picking, "2025-06-16 12:00:00"), ["missing"])
        with freeze_time("2025-06-16 12:00:00"), self.assertRaises(UserError) as error:
            picking.button_validate()
        self.assertIn("15/06/2021", str(error.exception))
        self.assertNotEqual(picking.state, "done")
        internal = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.int_type_id.id,
                "location_id": self.warehouse.lot_stock_id.id,
                "location_dest_id": self.warehouse.lot_stock_id.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.vehicle.product_variant_id.id,
                            "product_uom_qty": 1.0,
                            "location_id": self.warehouse.lot_stock_id.id,
                            "location_dest_id": self.warehouse.lot_stock_id.id,
                        }
                    )
                ],
            }
        )
        self.assertEqual(self._problems(internal, "2025-06-16 12:00:00"), [])

    def test_utility_vehicle_needs_none(self):
        van = self._create_vehicle(
            first_registration_date=date(2015, 1, 1),
            vehicle_category="VU",
            list_price=9000.0,
            vat_regime="margin",
        )
        picking = self._delivery(van)
        self.assertEqual(self._problems(picking, "2025-07-16 12:00:00"), [])

    def test_salesperson_cannot_override(self):
        picking = self._delivery().with_user(self.user_salesperson)
        with self.assertRaises(AccessError):
            picking.write({"inspection_override_reason": "Client pressé"})
        with self.assertRaises(AccessError):
            picking.copy({"inspection_override_reason": "Client pressé"})
        with self.assertRaises(AccessError):
            picking.action_spoticar_inspection_override()
        with self.assertRaises(AccessError):
            picking._spoticar_override_inspection("Client pressé")
        with self.assertRaises(AccessError):
            self.env["spoticar.inspection.override.wizard"].with_user(self.user_salesperson).create(
                {"picking_id": picking.id, "reason": "Client pressé"}
            )
        with self.assertRaises(UserError):
            picking.button_validate()
        self.assertFalse(picking.inspection_override_reason)

    def test_manager_overrides_with_a_reason(self):
        picking = self._delivery()
        order = picking.sale_id
        manager_picking = picking.with_user(self.user_manager)
        with self.assertRaises(AccessError):
            manager_picking.write({"inspection_override_reason": "RPC"})
        action = manager_picking.action_spoticar_inspection_override()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.user_manager)
            .with_context(**action["context"])
            .create({"reason": "Véhicule vendu pour export, contrôle à la charge de l'acheteur"})
        )
        self.assertIn("refused", wizard.problem)
        wizard.action_confirm()
        self.assertEqual(picking.state, "done")
        self.assertIn("pour export", picking.inspection_override_reason)
        for record in (picking, order):
            self.assertTrue(
                record.message_ids.filtered(lambda m: "pour export" in (m.body or "")),
                f"the reason is in the chatter of {record._name}",
            )


@tagged("post_install", "-at_install")
class TestFormalitiesAccess(SpoticarSaleCommon):
    """What a salesperson does over JSON-RPC with the formalities: write, read, search,
    read_group, export_data; never the manager's override."""

    def test_salesperson_roles(self):
        order = self._create_order(self.vehicle_308, user_id=self.user_salesperson.id)
        order.action_confirm()
        Order = self.env["sale.order"].with_user(self.user_salesperson)
        mine = Order.browse(order.id)
        mine.write({"siv_sale_receipt": "CES-42"})
        self.assertEqual(mine.read(["siv_sale_receipt"])[0]["siv_sale_receipt"], "CES-42")
        self.assertEqual(Order.search([("siv_sale_receipt", "=", "CES-42")]), order)
        groups = Order.formatted_read_group(
            [("id", "=", order.id)], ["siv_sale_receipt"], ["__count"]
        )
        self.assertEqual(groups[0]["siv_sale_receipt"], "CES-42")
        self.assertEqual(groups[0]["__count"], 1)
        exported = mine.export_data(["name", "siv_sale_receipt", "vehicle_inspection_date"])
        self.assertEqual(exported["datas"][0][1], "CES-42")
        # the contrôle technique is entered on the vehicle sheet, opened from the order
        self.assertEqual(mine.action_spoticar_open_vehicle()["res_id"], self.vehicle_308.id)
        self.vehicle_308.with_user(self.user_salesperson).write(
            {"inspection_date": date(2026, 1, 5), "inspection_result": "favourable"}
        )
        self.assertEqual(mine.vehicle_inspection_date, date(2026, 1, 5))
        Vehicle = self.env["product.template"].with_user(self.user_salesperson)
        self.assertEqual(
            Vehicle.search([("inspection_result", "=", "favourable")]), self.vehicle_308
        )
        Picking = self.env["stock.picking"].with_user(self.user_salesperson)
        picking = Picking.browse(order.picking_ids.id)
        self.assertEqual(picking.export_data(["inspection_override_reason"])["datas"], [[""]])
        with self.assertRaises(AccessError):
            picking.write({"inspection_override_reason": "RPC"})

    def test_certificate_time_of_a_sale_confirmed_that_day(self):
        self.user_salesperson.tz = "Europe/Paris"
        order = self._create_order(
            self.vehicle_308, sale_date=date(2026, 11, 27), user_id=self.user_salesperson.id
        )
        order.action_confirm()
        # confirmed at 9:05 UTC on the sale day: 10:05 in Rennes (winter time)
        order.date_order = datetime(2026, 11, 27, 9, 5)
        values = order._spoticar_certificate_values()
        self.assertEqual((values["day"], values["hour"]), ("27/11/2026", "10:05"))
        self.assertEqual(values["genre"], "VP")
        # confirmed another day than the sale date: the time is left to write by hand
        order.date_order = datetime(2026, 11, 28, 9, 5)
        self.assertEqual(order._spoticar_certificate_values()["hour"], "")
        order_2 = self._create_order(self._create_vehicle(vehicle_category="VU"))
        self.assertEqual(order_2._spoticar_certificate_values()["genre"], "CTTE")
        self.assertEqual(order_2._spoticar_certificate_values()["hour"], "", "not confirmed")
