# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
import shutil
import subprocess
import unittest

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import HttpCase, tagged
from odoo.tools import html2plaintext

from .common import SpoticarWarrantyCommon

STATEMENT = "spoticar_warranty.action_report_information_statement"
CERTIFICATE = "spoticar_warranty.action_report_subscription_certificate"


def _flat(text):
    return re.sub(r"\s+", " ", text)


@tagged("post_install", "-at_install")
class TestWarrantyReports(SpoticarWarrantyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activate_french()
        cls.company.write({"street": "3, Allée Edmé Lheureux", "email": "vo@garage.test"})
        cls.warranty = cls._create_warranty(
            customer_email="jean.dupond@example.com",
            displacement=1199,
            declaration_number="SP953617Z103833712",
            contract_ids=[
                Command.create(
                    {
                        "guarantor_id": cls.env.ref(
                            "spoticar_warranty.guarantor_spoticar_stellantis"
                        ).id,
                        "contract_number": "22511015251",
                    }
                )
            ],
        )

    def _html_text(self, report_ref):
        html, _ = self.env["ir.actions.report"]._render_qweb_html(report_ref, self.warranty.ids)
        return _flat(html2plaintext(html.decode()))

    def test_not_printable_before_declared(self):
        for report_ref in (STATEMENT, CERTIFICATE):
            with self.assertRaisesRegex(UserError, "declared"):
                self.env["ir.actions.report"]._render_qweb_html(report_ref, self.warranty.ids)
        with self.assertRaisesRegex(UserError, "declared"):
            self.warranty.action_print_information_statement()

    def test_information_statement_text(self):
        self._force_vals(self.warranty, state="declared")
        text = self._html_text(STATEMENT)
        for expected in (
            "GARANTIE COMMERCIALE SPOTICAR PREMIUM - RELEVÉ D'INFORMATION",
            "DISTRIBUTEUR VENDEUR DU VÉHICULE",
            "Garage Test Rennes",
            "953617Z",
            "3, Allée Edmé Lheureux",
            "35000",
            "Rennes",
            "VOS COORDONNÉES (BÉNÉFICIAIRE)",
            "☒ M. ☐ Mme",
            "DUPOND Jean",
            "Date de naissance : 17/05/1960",
            "Lieu de naissance : Tours",
            "+33 6 07 08 09 10",
            "jean.dupond@example.com",
            "VÉHICULE D'OCCASION GARANTI",
            "Marque : PEUGEOT",
            "Modèle : 208",
            "1.2 PURETECH 100 CH S&S ALLURE / 1 199",
            "☒ VP ☐ VU",
            "☒ essence ☐ diesel ☐ hybride ☐ électrique",
            "N° de série (indiquer les 17 caractères) : VF3UPHNS5PS123456",
            "Immatriculation : FE-260-RZ",
            "100 ch DIN",
            "1ère mise en circulation : 11/05/2023",
            "Km à la livraison : 12 000",
            "SPOTICAR PREMIUM",
            "12 mois",
            "30/11/2025",
            "30/11/2026",
            "SP953617Z103833712",
            "22511015251",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("12000", text, "The French thousands separator")

    def test_subscription_certificate_text(self):
        self._force_vals(self.warranty, state="declared")
        text = self._html_text(CERTIFICATE)
        for expected in (
            "CONTRAT DE GARANTIE COMMERCIALE",
            "Certificat de souscription",
            "Garantie Stellantis Test",
            "2 avenue du Garant",
            "Nanterre",
            "SPOTICAR PREMIUM",
            "Incluse dans le prix du véhicule",
            "12 mois",
            "Étendue territoriale",
            "France métropolitaine",
            "Mise en œuvre de la garantie",
            "sans préjudice de la garantie légale de conformité",
            "Garanties légales",
            "deux ans à compter de la délivrance du bien",
            "douze premiers mois",
            "L. 217-1 à L. 217-32",
            "1641 à 1649 du code civil",
            "12 000",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("12000", text, "The French thousands separator")
        # A price is printed when the warranty has one.
        self._force_vals(self.warranty, state="draft")
        self.warranty.price = 390.0
        self._force_vals(self.warranty, state="declared")
        self.assertIn("390,00", self._html_text(CERTIFICATE))


@tagged("post_install", "-at_install")
class TestWarrantyPdf(HttpCase, SpoticarWarrantyCommon):
    """Real wkhtmltopdf renders, read back with pdftotext.

    An HttpCase: wkhtmltopdf fetches the report assets from this server, which must share
    the test transaction (a TransactionCase would leave it waiting on the test's locks).
    """

    @unittest.skipUnless(shutil.which("pdftotext"), "pdftotext is not installed")
    def test_real_pdfs(self):
        self._activate_french()
        warranty = self._create_warranty(state="declared", declaration_number="SP953617Z103833712")
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        for report_ref, expected in (
            (
                STATEMENT,
                [
                    "GARANTIE COMMERCIALE SPOTICAR PREMIUM - RELEVÉ D'INFORMATION",
                    "VF3UPHNS5PS123456",
                    "FE-260-RZ",
                    "SP953617Z103833712",
                ],
            ),
            (
                CERTIFICATE,
                [
                    "CONTRAT DE GARANTIE COMMERCIALE",
                    "Garantie Stellantis Test",
                    "2 avenue du Garant",
                    "Garanties légales",
                ],
            ),
        ):
            pdf, report_type = Report._render_qweb_pdf(report_ref, warranty.ids)
            self.assertEqual(report_type, "pdf")
            self.assertTrue(pdf.startswith(b"%PDF"))
            text = subprocess.run(
                ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
            ).stdout.decode()
            for fragment in expected:
                self.assertIn(fragment, _flat(text))
            # pdftotext ends every page with a form feed.
            self.assertEqual(text.count("\f"), 1, "%s fits one page" % report_ref)
