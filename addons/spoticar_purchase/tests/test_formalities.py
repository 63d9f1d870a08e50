# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Formalities of a purchase: the SIV declaration (Cerfa 13751, activity, receipt number) and the
W garage (number on the declaration, renewal activity from 1 November)."""

import re
import shutil
import unittest
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import html2plaintext, mute_logger

from odoo.addons.spoticar_stock.tests.common import pdf_text

from .common import SpoticarPurchaseCommon

DECLARATION = "spoticar_purchase.action_report_purchase_declaration"


def _squash(text):
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


class FormalitiesMixin:
    @classmethod
    def _setup_formalities(cls):
        cls.company.write(
            {
                "company_registry": "44306184100047",
                "spoticar_w_garage_number": "W-123-AB",
                "spoticar_w_garage_year": 2026,
            }
        )
        cls.user_salesperson.tz = "Europe/Paris"
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["spoticar_purchase"], ["fr_FR"], overwrite=True
        )
        cls.siv_type = cls.env.ref("spoticar_purchase.mail_activity_type_siv_purchase")
        cls.vehicle = cls._create_incoming_vehicle(
            vin="VF3LBYHZPFS123456", license_plate="FB-431-KC", mileage=85000
        )

    def _buy(self, seller=None, when="2026-12-20 10:00:00"):
        """A purchase order of ``self.vehicle`` confirmed by the salesperson at ``when`` (UTC)."""
        order = self._purchase(self.vehicle, seller or self.seller_private, 6500.0, confirm=False)
        order.user_id = self.user_salesperson
        with freeze_time(when):
            order.with_user(self.user_salesperson).button_confirm()
        return order

    def _flush_tracking(self):
        """Tracking values are written when the transaction commits (its precommit hooks)."""
        self.env.flush_all()
        self.env.cr.flush()

    def _receipt_tracking(self, order):
        return (
            order.sudo()
            .message_ids.tracking_value_ids.filtered(
                lambda t: t.field_id.name == "spoticar_siv_receipt"
            )
            .sorted("id")
        )

    def _siv_activities(self, order):
        return order.activity_ids.filtered(lambda a: a.activity_type_id == self.siv_type)


@tagged("post_install", "-at_install")
class TestSivPurchaseDeclaration(FormalitiesMixin, SpoticarPurchaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_formalities()
        cls.user_other_company = new_test_user(
            cls.env,
            login="spoticar_nantes_salesperson",
            groups="spoticar_stock.group_spoticar_user",
            company_id=cls.company_2.id,
            company_ids=[Command.set(cls.company_2.ids)],
        )
        cls.user_purchase_only = new_test_user(
            cls.env,
            login="purchase_only_user",
            groups="purchase.group_purchase_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def test_purchase_on_20_december_is_declared_by_4_january(self):
        order = self._buy()
        activity = self._siv_activities(order)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, date(2027, 1, 4))
        self.assertEqual(activity.user_id, self.user_salesperson)
        self.assertEqual(activity.summary, "Declare the purchase in the SIV")
        self.assertIn("FB-431-KC", activity.note)
        self.assertEqual(order.spoticar_siv_deadline, date(2027, 1, 4))

    def test_the_purchase_date_is_the_dealer_local_date(self):
        """Confirmed at 23:30 UTC on 20 December, that is 00:30 on 21 December in Paris."""
        order = self._buy(when="2026-12-20 23:30:00")
        self.assertEqual(self._siv_activities(order).date_deadline, date(2027, 1, 5))

    def test_no_activity_for_an_ordinary_purchase_or_a_draft(self):
        draft = self._purchase(self.vehicle, self.seller_private, 6500.0, confirm=False)
        self.assertFalse(self._siv_activities(draft))
        product = self.env["product.product"].create({"name": "Pneus", "type": "consu"})
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.seller_pro.id,
                "company_id": self.company.id,
                "order_line": [Command.create({"product_id": product.id, "price_unit": 100.0})],
            }
        )
        order.button_confirm()
        self.assertEqual(order.state, "purchase")
        self.assertFalse(self._siv_activities(order))

    def test_cancelling_the_purchase_removes_the_activity(self):
        order = self._buy()
        order.button_cancel()
        self.assertFalse(self._siv_activities(order))

    def test_receipt_number_is_tracked_and_closes_the_activity(self):
        order = self._buy()
        self._flush_tracking()  # end of the purchase's "transaction" (made without tracking)
        as_salesperson = order.with_user(self.user_salesperson).with_context(tracking_disable=False)
        as_salesperson.write({"spoticar_siv_receipt": "  DA-2026-000123 "})
        self._flush_tracking()
        self.assertEqual(order.spoticar_siv_receipt, "DA-2026-000123")
        self.assertFalse(self._siv_activities(order))
        tracking = self._receipt_tracking(order)
        self.assertEqual(len(tracking), 1)
        self.assertEqual(tracking.new_value_char, "DA-2026-000123")
        done = order.message_ids.filtered(lambda m: m.mail_activity_type_id == self.siv_type)
        self.assertEqual(len(done), 1)
        self.assertIn("DA-2026-000123", html2plaintext(done.body))
        # A correction is tracked too; emptying is refused.
        as_salesperson.write({"spoticar_siv_receipt": "DA-2026-000124"})
        self._flush_tracking()
        tracking = self._receipt_tracking(order)
        self.assertEqual(tracking.mapped("new_value_char"), ["DA-2026-000123", "DA-2026-000124"])
        with self.assertRaises(ValidationError):
            as_salesperson.write({"spoticar_siv_receipt": False})
        self.assertEqual(order.spoticar_siv_receipt, "DA-2026-000124")

    def test_receipt_number_format(self):
        order = self._buy().with_user(self.user_salesperson)
        for bad in ("   ", "A" * 41):
            with self.subTest(bad=bad), self.assertRaises(ValidationError):
                order.write({"spoticar_siv_receipt": bad})
        self.assertFalse(order.spoticar_siv_receipt)
        self.assertEqual(len(self._siv_activities(order)), 1, "nothing half-saved")
        order.write({"spoticar_siv_receipt": "A" * 40})
        self.assertEqual(order.spoticar_siv_receipt, "A" * 40)

    def test_receipt_number_only_on_a_confirmed_purchase(self):
        draft = self._purchase(self.vehicle, self.seller_private, 6500.0, confirm=False)
        with self.assertRaises(ValidationError):
            draft.with_user(self.user_salesperson).write({"spoticar_siv_receipt": "DA-1"})

    def test_roles_and_companies(self):
        order = self._buy()
        # The salesperson of the company works on it as the web client does (JSON-RPC calls).
        Order = self.env["purchase.order"].with_user(self.user_salesperson)
        found = Order.search([("spoticar_siv_receipt", "=", False), ("id", "=", order.id)])
        self.assertEqual(found, order)
        found.write({"spoticar_siv_receipt": "DA-2026-000123"})
        self.assertEqual(
            found.read(["spoticar_siv_receipt", "spoticar_siv_deadline"])[0][
                "spoticar_siv_receipt"
            ],
            "DA-2026-000123",
        )
        groups = Order.formatted_read_group(
            [("id", "=", order.id)], ["spoticar_siv_receipt"], ["__count"]
        )
        self.assertEqual(groups[0]["spoticar_siv_receipt"], "DA-2026-000123")
        rows = found.export_data(["name", "spoticar_siv_receipt"])["datas"]
        self.assertEqual(rows, [[order.name, "DA-2026-000123"]])
        # A salesperson of another company neither finds nor reads it, nor prints it.
        other = self.env(
            user=self.user_other_company, context={"allowed_company_ids": self.company_2.ids}
        )
        self.assertFalse(other["purchase.order"].search([("id", "=", order.id)]))
        with self.assertRaises(AccessError):
            order.with_env(other).read(["spoticar_siv_receipt"])
        with self.assertRaises(AccessError):
            order.with_env(other).write({"spoticar_siv_receipt": "DA-X"})
        with self.assertRaises(AccessError):
            other["ir.actions.report"]._render_qweb_html(DECLARATION, order.ids)
        # A purchaser outside the Spoticar groups does not see nor set the receipt number.
        with self.assertRaises(AccessError):
            order.with_user(self.user_purchase_only).read(["spoticar_siv_receipt"])
        with self.assertRaises(AccessError):
            order.with_user(self.user_purchase_only).write({"spoticar_siv_receipt": "DA-X"})
        self.assertEqual(order.spoticar_siv_receipt, "DA-2026-000123")

    def test_declaration_html_is_prefilled(self):
        order = self._buy()
        html = self.env["ir.actions.report"]._render_qweb_html(DECLARATION, order.ids)[0]
        text = _squash(html2plaintext(html.decode()))
        for expected in (
            "13751*02",
            "Garage Test Rennes",
            "44306184100047",
            "12 rue de Lorient",
            "W-123-AB",
            "FB-431-KC",
            "VF3LBYHZPFS123456",
            "M10PEUG1234",
            "Peugeot",
            "MARTIN",
            "Paul",
            "4 rue de Brest",
            # 10:00 UTC is 11:00 in Rennes in winter.
            "11:00",
            "04/01/2027",
            "Nicolas Vendeur",
        ):
            self.assertIn(expected, text)

    def test_declaration_of_a_professional_seller_gives_its_siret(self):
        order = self._buy(seller=self.seller_pro)
        values = order._spoticar_purchase_declaration_values()[0]
        self.assertTrue(values["seller"]["professional"])
        self.assertEqual(values["seller"]["company_name"], "Garage du Centre")
        self.assertEqual(values["seller"]["siret"], "73282932000074")
        self.assertEqual(values["seller"]["last_name"], "")

    def test_declaration_of_a_draft_is_refused(self):
        draft = self._purchase(self.vehicle, self.seller_private, 6500.0, confirm=False)
        with self.assertRaises(UserError):
            draft.action_print_purchase_declaration()
        with self.assertRaises(UserError):
            self.env["ir.actions.report"]._render_qweb_html(DECLARATION, draft.ids)


@tagged("post_install", "-at_install")
class TestWGarage(SpoticarPurchaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"spoticar_w_garage_number": "W-123-AB", "spoticar_w_garage_year": 2026})
        cls.renewal_type = cls.env.ref("spoticar_purchase.mail_activity_type_w_garage_renewal")

    def _renewals(self):
        return self.env["mail.activity"].search([("activity_type_id", "=", self.renewal_type.id)])

    def _run(self, day):
        self.env["res.company"]._cron_spoticar_w_garage_renewal(today=day)

    def test_before_1_november_nothing(self):
        self._run(date(2026, 10, 31))
        self.assertFalse(self._renewals())

    def test_from_1_november_one_activity_per_company_and_year(self):
        self._run(date(2026, 11, 1))
        self._run(date(2026, 11, 2))
        activity = self._renewals()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_manager)
        self.assertEqual(activity.date_deadline, date(2026, 12, 31))
        self.assertEqual(activity.summary, "Renew the W garage before 31 December")
        self.assertIn("W-123-AB", activity.note)
        self.assertIn("Garage Test Rennes", activity.note)
        # Done, it does not come back the next day; the renewed year gets its own next November.
        activity.action_feedback(feedback="Renouvelé")
        self._run(date(2026, 11, 3))
        self.assertFalse(self._renewals())
        self.company.spoticar_w_garage_year = 2027
        self._run(date(2026, 12, 1))
        self.assertFalse(self._renewals())
        self._run(date(2027, 11, 1))
        self.assertEqual(len(self._renewals()), 1)

    def test_the_cron_runs_on_its_own_date(self):
        cron = self.env.ref("spoticar_purchase.ir_cron_spoticar_w_garage_renewal")
        with freeze_time(datetime(2026, 11, 15, 6, 0)):
            cron.ir_actions_server_id.run()
        self.assertEqual(len(self._renewals()), 1)

    def test_a_company_without_year_or_manager_gets_nothing(self):
        self.company.spoticar_w_garage_year = 0
        self._run(date(2026, 11, 1))
        self.assertFalse(self._renewals())
        self.company_2.spoticar_w_garage_year = 2026
        with mute_logger("odoo.addons.spoticar_purchase.models.res_company"):
            self._run(date(2026, 11, 1))
        self.assertFalse(self._renewals())

    def test_w_garage_values_are_checked(self):
        with self.assertRaises(ValidationError):
            self.company.spoticar_w_garage_year = 1999
        with self.assertRaises(ValidationError):
            self.company.spoticar_w_garage_number = "W" * 21
        self.assertEqual(self.company.spoticar_w_garage_year, 2026)

    def test_a_salesperson_cannot_change_the_w_garage(self):
        for user in (self.user_salesperson, self.user_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.company.with_user(user).write({"spoticar_w_garage_number": "W-999-ZZ"})
                with self.assertRaises(AccessError):
                    self.env["res.config.settings"].with_user(user).create(
                        {"spoticar_w_garage_number": "W-999-ZZ"}
                    )
        self.assertEqual(self.company.spoticar_w_garage_number, "W-123-AB")
        # The administrator sets it in the settings of the company.
        settings = self.env["res.config.settings"].create(
            {"spoticar_w_garage_number": "W-456-CD", "spoticar_w_garage_year": 2027}
        )
        settings.execute()
        self.assertEqual(self.company.spoticar_w_garage_number, "W-456-CD")
        self.assertEqual(self.company.spoticar_w_garage_year, 2027)


@tagged("post_install", "-at_install")
class TestPurchaseDeclarationPdf(FormalitiesMixin, HttpCase, SpoticarPurchaseCommon):
    """The real PDF (wkhtmltopdf fetches the assets from the test server, hence HttpCase)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_formalities()

    @unittest.skipUnless(
        shutil.which("wkhtmltopdf") and shutil.which("pdftotext"), "wkhtmltopdf/pdftotext missing"
    )
    def test_declaration_pdf_is_one_french_page(self):
        order = self._buy()
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(DECLARATION, order.ids)
        )
        self.assertEqual(report_type, "pdf")
        text = pdf_text(pdf)
        # pdftotext ends every page with a form feed.
        self.assertEqual(text.count("\f"), 1, "the declaration fits one A4 page")
        text = _squash(text)
        for expected in (
            "DÉCLARATION D'ACHAT D'UN VÉHICULE D'OCCASION",
            "13751*02",
            "Garage Test Rennes",
            "44306184100047",
            "W-123-AB",
            "FB-431-KC",
            "VF3LBYHZPFS123456",
            "MARTIN",
            "20/12/2026",
            "11:00",
            "Je soussigné",
            "Signature manuscrite",
            "04/01/2027",
        ):
            self.assertIn(expected, text)
