# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io
import re
import shutil
import unittest
from datetime import date

from odoo.tests import HttpCase, tagged
from odoo.tools import html2plaintext

from .common import SpoticarStockCommon, pdf_text

# A 2x2 PNG (red), enough for wkhtmltopdf to embed a photo.
PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d49484452000000020000000208020000"
        "00fdd49a730000001649444154789c63f8cfc0f01f0418181818fe03"
        "0023fc04fc6bb5e7f40000000049454e44ae426082"
    )
)


def _squash(text):
    """Spaces of any kind (thousands separators, no-break) become one plain space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


class ReportVehiclesMixin:
    @classmethod
    def _setup_report_vehicles(cls):
        cls.vehicle_feline = cls._create_vehicle(
            vehicle_version_id=cls.version_308_sw_115,
            license_plate="DL-342-MP",
            first_registration_date=date(2014, 11, 10),
            model_year=2014,
            mileage=190000,
            mileage_guaranteed=False,
            list_price=10000,
            vehicle_color="Marron",
            commercial_color="Noir",
            image_1920=PNG,
        )
        cls.vehicle_allure = cls._create_vehicle(
            license_plate="FE-260-RZ", mileage=25000, list_price=18990, vehicle_label="spoticar"
        )
        cls.env["spoticar.vehicle.image"].create(
            [
                {"product_tmpl_id": cls.vehicle_feline.id, "name": "Avant", "image_1920": PNG},
                {"product_tmpl_id": cls.vehicle_feline.id, "name": "Arrière", "image_1920": PNG},
            ]
        )
        cls.Report = cls.env["ir.actions.report"]


@tagged("post_install", "-at_install")
class TestVehicleReports(ReportVehiclesMixin, SpoticarStockCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_report_vehicles()

    def _html_text(self, report_ref, records, user=None):
        report = self.Report.with_user(user) if user else self.Report
        html, _format = report._render_qweb_html(report_ref, records.ids)
        return _squash(html2plaintext(html.decode()))

    def test_vehicle_sheet_text(self):
        text = self._html_text("spoticar_stock.action_report_vehicle_sheet", self.vehicle_feline)
        for expected in (
            "Peugeot 308 SW (2) 1.6 e-HDi 115 Féline",
            "DL-342-MP",
            "11/2014",
            "190,000 km (not guaranteed)",
            "10,000.00",
            "6 CV",
            "115 hp",
            "100 g/km",
            "Diesel",
            "Marron",
            "Air conditioning",
            "Crit'Air" if self.vehicle_feline.critair else "Peugeot",
            "Garage Test Rennes",
        ):
            self.assertIn(expected, text)
        text = self._html_text("spoticar_stock.action_report_vehicle_sheet", self.vehicle_allure)
        self.assertIn("25,000 km", text)
        self.assertNotIn("not guaranteed", text)
        self.assertIn("Spoticar", text)

    def test_vehicle_sheet_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"].search([("name", "=", "spoticar_stock")])._update_translations(
            ["fr_FR"]
        )
        self.company.partner_id.lang = "fr_FR"
        text = self._html_text("spoticar_stock.action_report_vehicle_sheet", self.vehicle_feline)
        self.assertIn("190 000 km (non garanti)", text)
        self.assertIn("Mise en circulation", text)
        self.assertIn("11/2014", text)
        self.assertIn("Air conditioning", text)  # equipment names are reference data

    def test_vehicle_list_text(self):
        vehicles = self.vehicle_feline | self.vehicle_allure
        text = self._html_text(
            "spoticar_stock.action_report_vehicle_list", vehicles, user=self.user_salesperson
        )
        for expected in (
            "DL-342-MP",
            "FE-260-RZ",
            "Peugeot 308 (2) BlueHDi 130 EAT6 S&S Allure",
            "10/11/2014",
            "19/11/2019",
            "99 g/km",
            "2 vehicle(s)",
        ):
            self.assertIn(expected, text)


@tagged("post_install", "-at_install")
class TestVehicleReportsPdf(ReportVehiclesMixin, HttpCase, SpoticarStockCommon):
    """Real PDFs: wkhtmltopdf fetches the assets from the test HTTP server, hence HttpCase."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_report_vehicles()

    @unittest.skipUnless(
        shutil.which("wkhtmltopdf") and shutil.which("pdftotext"), "wkhtmltopdf/pdftotext missing"
    )
    def test_real_pdfs(self):
        Report = self.Report.with_context(force_report_rendering=True)
        for report_ref, records, expected in (
            (
                "spoticar_stock.action_report_vehicle_sheet",
                self.vehicle_feline,
                ["DL-342-MP", "11/2014", "190,000 km (not guaranteed)"],
            ),
            (
                "spoticar_stock.action_report_vehicle_list",
                self.vehicle_feline | self.vehicle_allure,
                ["FE-260-RZ", "DL-342-MP", "2 vehicle(s)"],
            ),
        ):
            with self.subTest(report=report_ref):
                pdf, report_format = Report._render_qweb_pdf(report_ref, records.ids)
                self.assertEqual(report_format, "pdf")
                self.assertTrue(pdf.startswith(b"%PDF"))
                text = pdf_text(pdf)
                text = _squash(text)
                for item in expected:
                    self.assertIn(item, text)
        self.assertTrue(io.BytesIO(pdf).getbuffer().nbytes > 1000)
