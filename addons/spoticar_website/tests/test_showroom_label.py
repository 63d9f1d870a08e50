# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
import shutil
import unittest

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import html2plaintext

from odoo.addons.spoticar_stock.tests.common import pdf_text

from .common import SpoticarWebsiteCommon

LABEL = "spoticar_website.action_report_showroom_label"
ORDER = "spoticar_sale.action_report_vehicle_order"


class LabelMixin:
    @classmethod
    def _setup_french(cls):
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["spoticar_stock", "spoticar_sale", "spoticar_website"], ["fr_FR"], overwrite=True
        )
        cls.env.user.lang = "fr_FR"
        cls.customer_rennes.lang = "fr_FR"


@tagged("post_install", "-at_install")
class TestShowroomLabel(LabelMixin, SpoticarWebsiteCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()

    def _text(self, vehicle):
        html, _fmt = self.env["ir.actions.report"]._render_qweb_html(LABEL, vehicle.ids)
        return " ".join(html2plaintext(html.decode()).split()), html.decode()

    def test_label_mentions(self):
        registered = fields.Date.today() - relativedelta(years=2)
        vehicle = self._create_vehicle(
            mileage=25000,
            commercial_color="Gris Artense",
            list_price=18990.0,
            first_registration_date=registered,
            model_year=False,
        )
        text, html = self._text(vehicle)
        for expected in (
            "Peugeot",
            "308 (2)",
            "BlueHDi 130 EAT6 S&S Allure",
            registered.strftime("%m/%Y"),
            "25 000 km",
            "18 990,00",
            "Prix TTC, carte grise non comprise",
            "Crit'Air",
            "99 g/km de CO2 : classe",
            "ESP",  # safety first among the equipment
            "SPOTICAR PREMIUM",
            "#SeDéplacerMoinsPolluer",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("non garanti", text)
        self.assertIn("data:image/png;base64", html, "The QR code is an image in the label")
        self.assertEqual(html.count('class="spoticar_co2_step'), 7, "The A-G scale")
        self.assertRegex(
            html,
            r'class="spoticar_co2_step spoticar_co2_own"[^>]*>\s*<span>A</span>',
            "The vehicle's class (A) is marked on the scale",
        )
        self.assertEqual(html.count("spoticar_co2_step spoticar_co2_own"), 1)
        self.assertNotIn("15 000", text, "Never the purchase price")
        self.assertNotIn("Livre de police", text, "No register number before the purchase")

    def test_label_mileage_not_guaranteed_and_register_number(self):
        text, _html = self._text(self.vehicle_308)
        self.assertIn("190 000 km (non garanti)", text)
        bought = self._create_incoming_vehicle(list_price=12490.0, license_plate="FA-999-PA")
        self._receive(self._purchase(bought, self.seller_private, 8765.0))
        self.assertTrue(bought.register_number)
        text, _html = self._text(bought)
        self.assertIn(bought.register_number, text)

    def test_label_unknown_co2(self):
        vehicle = self._create_vehicle(co2_emission=0)
        text, html = self._text(vehicle)
        self.assertIn("Émissions de CO2 inconnues", text)
        self.assertNotIn('class="spoticar_co2_step', html)

    def test_salesperson_prints_the_label(self):
        report = self.env.ref(LABEL).with_user(self.user_salesperson)
        html, _fmt = report._render_qweb_html(LABEL, self.vehicle_308.ids)
        text = " ".join(html2plaintext(html.decode()).split())
        self.assertIn("190 000 km (non garanti)", text)
        self.assertIn("SPOTICAR ESSENTIAL", text)
        self.assertNotIn("7 000", text, "Never the purchase price")

    def test_label_only_for_vehicles(self):
        service = self.env["product.template"].create({"name": "Nettoyage", "type": "service"})
        with self.assertRaisesRegex(UserError, "Nettoyage"):
            self.env["ir.actions.report"]._render_qweb_html(LABEL, service.ids)


@tagged("post_install", "-at_install")
class TestShowroomLabelPdf(LabelMixin, HttpCase, SpoticarWebsiteCommon):
    """The real PDFs (wkhtmltopdf fetches the assets from the server)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()

    def _pdf_text(self, report, records):
        pdf, fmt = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, records.ids)
        )
        self.assertEqual(fmt, "pdf")
        text = pdf_text(pdf)
        return text.split("\f")[:-1]

    @staticmethod
    def _cell(pages, label):
        """The text of the cell starting with ``label`` (its columns are 2+ spaces apart)."""
        for page in pages:
            for line in page.splitlines():
                for cell in re.split(r"\s{2,}", line.strip()):
                    if cell.startswith(label):
                        return " ".join(cell.split())
        return None

    @unittest.skipUnless(shutil.which("pdftotext"), "pdftotext is not installed")
    def test_label_one_page_same_wording_as_the_order_form(self):
        label_pages = self._pdf_text(LABEL, self.vehicle_308)
        self.assertEqual(len(label_pages), 1, "The showroom label is one A4 page")
        order_pages = self._pdf_text(ORDER, self._create_order(self.vehicle_308))
        for label in ("Désignation :", "1re mise en circulation :", "Kilométrage :"):
            on_order = self._cell(order_pages, label)
            self.assertTrue(on_order, f"{label} not found on the order form")
            self.assertEqual(self._cell(label_pages, label), on_order)
        self.assertEqual(
            self._cell(order_pages, "Kilométrage :"), "Kilométrage : 190 000 km (non garanti)"
        )
        self.assertEqual(
            self._cell(order_pages, "Désignation :"),
            "Désignation : Peugeot 308 SW (2) 1.6 e-HDi 115 Féline",
        )
        text = " ".join(" ".join(label_pages).split())
        self.assertIn("carte grise non comprise", text)
        self.assertIn("#SeDéplacerMoinsPolluer", text)
