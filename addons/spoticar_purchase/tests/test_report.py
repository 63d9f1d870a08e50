# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The livre de police printed (PDF, landscape) and exported (CSV) by period; its number on the
vehicle sheet and the order form."""

import base64
import csv
import io
import re
import shutil
import unittest

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import html2plaintext
from odoo.tools.pdf import PdfFileReader

from odoo.addons.spoticar_stock.tests.common import pdf_text

from .common import SpoticarPurchaseCommon


def _squash(text):
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


class RegisterEntriesMixin:
    @classmethod
    def _setup_entries(cls):
        cls.vehicle_a = cls._create_incoming_vehicle(vin="VF3LBYHZPFS123456")
        cls.vehicle_b = cls._create_incoming_vehicle()
        for vehicle, seller, price, mode in (
            (cls.vehicle_a, cls.seller_private, 6500.0, "cheque"),
            (cls.vehicle_b, cls.seller_pro, 9000.0, "transfer"),
        ):
            order = cls._purchase(vehicle, seller, price, payment_mode=mode)
            picking = order.picking_ids
            picking.move_ids.quantity = 1.0
            picking.move_ids.picked = True
            picking.button_validate()
        cls.entries = (cls.vehicle_a | cls.vehicle_b).register_entry_ids
        today = cls.entries[:1].entry_date
        cls.export = cls.env["spoticar.register.export"].create(
            {"company_id": cls.company.id, "date_from": today, "date_to": today}
        )


@tagged("post_install", "-at_install")
class TestRegisterExport(RegisterEntriesMixin, SpoticarPurchaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_entries()

    def test_csv_holds_the_register_columns_of_the_period(self):
        self.export.with_user(self.user_salesperson).action_export_csv()
        content = base64.b64decode(self.export.csv_file).decode()
        self.assertTrue(content.startswith("\ufeff"))
        rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
        header, first, second = rows
        self.assertEqual(header[0], "Numéro")
        by_header = dict(zip(header, first, strict=True))
        self.assertEqual(by_header["Numéro"], "LP-000001")
        self.assertEqual(by_header["VIN"], "VF3LBYHZPFS123456")
        self.assertEqual(by_header["Numéro de pièce"], "X4RTBPFW4")
        self.assertEqual(by_header["Prix ou valeur estimée"], "6500.00")
        self.assertEqual(by_header["Mode de paiement"], "cheque")
        self.assertEqual(
            dict(zip(header, second, strict=True))["SIRET du vendeur"], "73282932000074"
        )

    def test_a_period_without_entries_is_refused(self):
        self.export.write({"date_from": "2001-01-01", "date_to": "2001-01-31"})
        with self.assertRaises(UserError):
            self.export.action_export_csv()

    def test_register_html_has_the_establishment_and_every_entry(self):
        html = self.env["ir.actions.report"]._render_qweb_html(
            "spoticar_purchase.action_report_register", self.entries.ids
        )[0]
        text = _squash(html2plaintext(html.decode()))
        for expected in (
            self.company.name,
            "LP-000001",
            "LP-000002",
            self.vehicle_a.license_plate,
            "X4RTBPFW4",
            "SIRET 73282932000074",
            "Garage du Centre",
        ):
            self.assertIn(expected, text)

    def test_register_number_on_the_vehicle_sheet_and_the_order_form(self):
        number = self.vehicle_a.register_number
        self.assertEqual(number, "LP-000001")
        sheet = self.env["ir.actions.report"]._render_qweb_html(
            "spoticar_stock.action_report_vehicle_sheet", self.vehicle_a.ids
        )[0]
        self.assertIn(number, html2plaintext(sheet.decode()))
        self.vehicle_a.sudo().list_price = 9900.0
        order = self._create_order(self.vehicle_a)
        form = self.env["ir.actions.report"]._render_qweb_html(
            "spoticar_sale.action_report_vehicle_order", order.ids
        )[0]
        self.assertIn(number, html2plaintext(form.decode()))


@tagged("post_install", "-at_install")
class TestRegisterPdf(RegisterEntriesMixin, HttpCase, SpoticarPurchaseCommon):
    """Real PDF: wkhtmltopdf fetches the assets from the test HTTP server, hence HttpCase."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_entries()

    @unittest.skipUnless(
        shutil.which("wkhtmltopdf") and shutil.which("pdftotext"), "wkhtmltopdf/pdftotext missing"
    )
    def test_register_pdf_is_landscape_with_page_numbers(self):
        self.company.external_report_layout_id = self.env.ref("web.external_layout_standard")
        action = self.export.action_print_pdf()
        self.assertEqual(action["report_name"], "spoticar_purchase.report_register")
        pdf, _type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "spoticar_purchase.action_report_register", self.entries.ids, data=action["data"]
            )
        )
        page = PdfFileReader(io.BytesIO(pdf)).pages[0]
        self.assertGreater(float(page.mediabox.width), float(page.mediabox.height))
        text = _squash(pdf_text(pdf))
        for expected in (
            "Livre de police",
            self.company.name,
            "LP-000001",
            "LP-000002",
            self.vehicle_b.license_plate,
            "VF3LBYHZPFS123456",
            f"Livre de police - {self.company.name}",
            "Page 1 / 1",
        ):
            self.assertIn(expected, text)
