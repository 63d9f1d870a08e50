# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import shutil
import unittest

from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import html2plaintext

from odoo.addons.spoticar_stock.tests.common import pdf_text

from .common import SpoticarSaleCommon

REPORT = "spoticar_sale.action_report_vehicle_order"


@tagged("post_install", "-at_install")
class TestOrderReport(SpoticarSaleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(["spoticar_sale"], ["fr_FR"], overwrite=True)
        cls.customer_rennes.lang = "fr_FR"
        cls.lender = cls.env["res.partner"].create(
            {"name": "Banque PSA Finance", "is_company": True}
        )

    def _text(self, order):
        html, _fmt = self.env["ir.actions.report"]._render_qweb_html(REPORT, order.ids)
        return " ".join(html2plaintext(html.decode()).split())

    def test_order_form_text(self):
        order = self._create_order(
            self.vehicle_308,
            deposit_amount=500.0,
            deposit_kind="arrhes",
            payment_mode="credit",
            financing_partner_id=self.lender.id,
            affected_credit=True,
        )
        text = self._text(order)
        for expected in (
            "Proposition",
            "Garage Test Rennes",
            "Jean DUPONT",
            "Peugeot 308 SW (2) 1.6 e-HDi 115 Féline",
            "11/2014",
            "190 000 km (non garanti)",
            "DL-342-MP",
            self.vehicle_308.vin,
            "Crit'Air",
            "Taxe régionale (Y1)",
            "débours",
            "319,76",
            "10 319,76",
            "Arrhes versées",
            "15/11/2021",
            "Banque PSA Finance",
            "Régime particulier – Biens d'occasion",
            "Garanties légales",
            "rétractation",
            "Le vendeur",
            "L'acheteur",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("TVA sur marge", text, "The VAT on the margin is never printed")
        self.assertNotIn("Dont TVA", text)

    def test_order_form_variants(self):
        vehicle = self._create_vehicle(
            list_price=24000.0, vat_regime="normal", mileage_guaranteed=True, mileage=42000
        )
        order = self._create_order(vehicle, deposit_amount=1000.0, deposit_kind="acompte")
        order.action_confirm()
        text = self._text(order)
        self.assertIn("Bon de commande", text)
        self.assertIn("ACOMPTE", text)
        self.assertIn("42 000 km", text)
        self.assertNotIn("non garanti", text)
        self.assertIn("Dont TVA", text)
        self.assertIn("4 000,00", text)
        self.assertNotIn("rétractation dans", text, "No withdrawal right in the showroom")
        self.assertIn("comptant", text)

    def test_plain_sales_user_prints_his_order(self):
        """A sales user outside the Spoticar groups confirms a vehicle order and prints it."""
        seller = new_test_user(
            self.env,
            login="plain_sales_user",
            groups="sales_team.group_sale_salesman",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        self.assertFalse(seller.has_group("spoticar_stock.group_spoticar_user"))
        order = self._create_order(self.vehicle_308, user_id=seller.id)
        order = order.with_user(seller)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        report = self.env.ref(REPORT).with_user(seller)
        self.assertTrue(report.read(["report_name"]))
        html, _fmt = report._render_qweb_html(REPORT, order.ids)
        text = " ".join(html2plaintext(html.decode()).split())
        self.assertIn("DL-342-MP", text)
        self.assertIn("Peugeot", text)
        self.assertIn("308 SW (2)", text)
        self.assertIn("10 319,76", text)
        # Identity data stays reserved to the Spoticar groups.
        self.customer_rennes.birthdate_date = "1970-01-02"
        html, _fmt = report._render_qweb_html(REPORT, order.ids)
        self.assertNotIn("02/01/1970", html.decode())

    def test_export_without_carte_grise(self):
        order = self._create_order(self.vehicle_308, sale_destination="export")
        text = self._text(order)
        self.assertIn("Vente à l'export", text)
        self.assertNotIn("Taxe régionale", text)


@tagged("post_install", "-at_install")
class TestOrderReportPdf(HttpCase, SpoticarSaleCommon):
    """One real wkhtmltopdf render (an HttpCase: wkhtmltopdf fetches the assets from the server)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(["spoticar_sale"], ["fr_FR"], overwrite=True)
        cls.customer_rennes.lang = "fr_FR"

    def _pdf_pages(self, order):
        """The text of each page of the real PDF of ``order``."""
        pdf, fmt = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, order.ids)
        )
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = pdf_text(pdf)
        # pdftotext ends every page with a form feed.
        return [" ".join(page.split()) for page in text.split("\f")[:-1]]

    def _add_services(self, order, count):
        services = self.env["product.product"].create(
            [
                {"name": "Service %d" % i, "type": "service", "list_price": 150.0 + i}
                for i in range(count)
            ]
        )
        order.order_line = [Command.create({"product_id": p.id}) for p in services]

    @unittest.skipUnless(shutil.which("pdftotext"), "pdftotext is not installed")
    def test_real_pdf(self):
        order = self._create_order(self.vehicle_308)
        pages = self._pdf_pages(order)
        text = " ".join(pages)
        self.assertTrue(text, "pdftotext read no text")
        for expected in (
            "Proposition",
            "DL-342-MP",
            "11/2014",
            "non garanti",
            "Taxe fixe (Y4)",
            "2,76",
            "10 319,76",
        ):
            self.assertIn(expected, text)

    @unittest.skipUnless(shutil.which("pdftotext"), "pdftotext is not installed")
    def test_ordinary_sale_fits_one_page(self):
        """One vehicle, the carte grise, two services, a deposit and a credit: one A4 page."""
        lender = self.env["res.partner"].create({"name": "Banque PSA Finance", "is_company": True})
        order = self._create_order(
            self.vehicle_308,
            deposit_amount=500.0,
            deposit_kind="arrhes",
            payment_mode="credit",
            financing_partner_id=lender.id,
            affected_credit=True,
            max_delivery_km=190500,
        )
        self._add_services(order, 2)
        pages = self._pdf_pages(order)
        self.assertEqual(len(pages), 1, "The order form of an ordinary sale fits one page")
        for expected in ("190 000 km", "190 500 km", "Service 1", "L'acheteur"):
            self.assertIn(expected, pages[0])

    @unittest.skipUnless(shutil.which("pdftotext"), "pdftotext is not installed")
    def test_long_order_keeps_signatures_with_totals(self):
        """When the lines do not fit one page, the signatures stay on the page of the totals."""
        order = self._create_order(self.vehicle_308)
        self._add_services(order, 30)
        pages = self._pdf_pages(order)
        self.assertGreater(len(pages), 1)
        with_total = [i for i, page in enumerate(pages) if "Véhicule et articles TTC" in page]
        with_signatures = [i for i, page in enumerate(pages) if "L'acheteur" in page]
        self.assertEqual(len(with_total), 1, pages)
        self.assertEqual(with_total, with_signatures, "Signatures and totals on the same page")
