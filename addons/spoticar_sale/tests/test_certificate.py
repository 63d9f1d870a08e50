# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import shutil
import unittest

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.spoticar_stock.tests.common import pdf_text

from .common import SpoticarSaleCommon

CERTIFICATE = "spoticar_sale.action_report_sale_certificate"
BOTH = "spoticar_sale.action_report_order_and_certificate"
# A 2x2 PNG, the drawn signature.
SIGNATURE = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d49484452000000020000000208020000"
        "00fdd49a730000001649444154789c63f8cfc0f01f0418181818fe03"
        "0023fc04fc6bb5e7f40000000049454e44ae426082"
    )
).decode()


def _pdf_pages(pdf):
    """The text of each page of a PDF (pdftotext ends every page with a form feed)."""
    return [" ".join(page.split()) for page in pdf_text(pdf).split("\f")[:-1]]


@tagged("post_install", "-at_install")
class TestSaleCertificate(HttpCase, SpoticarSaleCommon):
    """The certificat de cession (Cerfa 15776*02), rendered by wkhtmltopdf (an HttpCase: it
    fetches the assets from the server)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["spoticar_sale", "spoticar_stock"], ["fr_FR"], overwrite=True
        )
        cls.customer_rennes.write({"lang": "fr_FR", "civility": "mr"})
        cls.company.company_registry = "35260081100009"
        cls.vehicle_308.write(
            {
                "registration_type": "M10PEUG5FD8S",
                "inspection_date": "2021-10-04",
                "inspection_result": "favourable",
            }
        )

    def _render(self, report, order):
        pdf, fmt = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, order.ids)
        )
        self.assertEqual(fmt, "pdf")
        return _pdf_pages(pdf)

    @unittest.skipUnless(shutil.which("pdftotext"), "pdftotext is not installed")
    def test_certificate_pdf_one_page(self):
        co_holder = self._create_customer(lastname="DUPONT", firstname="Marie", civility="mrs")
        self.customer_rennes.co_holder_id = co_holder
        order = self._create_order(self.vehicle_308)
        order.action_confirm()
        pages = self._render(CERTIFICATE, order)
        self.assertEqual(len(pages), 1, "one A4 page")
        text = pages[0]
        for expected in (
            "15776*02",
            "CERTIFICAT DE CESSION D'UN VÉHICULE D'OCCASION",
            "R322-4",
            "Exemplaire n° 1 destiné à l'ancien propriétaire",
            "Exemplaire n° 2 destiné au nouveau propriétaire",
            # the vehicle
            "Numéro d'immatriculation (A) DL-342-MP",
            "Date de première immatriculation (B) 10/11/2014",
            f"Numéro d'identification du véhicule (E) {self.vehicle_308.vin}",
            "Marque (D.1) Peugeot",
            "Type, variante, version (D.2) M10PEUG5FD8S",
            "Genre national (J.1) VP",
            "Dénomination commerciale (D.3) 308 SW",
            "190 000 km",
            # the seller: the dealer
            "DÉCLARATION DE CESSION",
            "Garage Test Rennes",
            "35260081100009",
            "12 rue de Lorient 35000 Rennes",
            "certifie céder le véhicule désigné ci-dessus",
            "☒ à titre onéreux",
            "le (date) 01/11/2021",
            "certificat de situation administrative",
            "moins de 15 jours",
            "04/10/2021",
            "Signature de l'ancien propriétaire",
            # the buyer: the customer and the co-holder
            "DÉCLARATION D'ACHAT",
            "☐ Mme ☒ M.",
            "DUPONT",
            "Jean",
            "Co-titulaire",
            "Marie",
            "1 place de la Mairie 35000 Rennes",
            "certifie acquérir le véhicule désigné ci-dessus",
            "Signature du nouveau propriétaire",
        ):
            self.assertIn(expected, text)

    @unittest.skipUnless(shutil.which("pdftotext"), "pdftotext is not installed")
    def test_printed_with_the_order_form(self):
        order = self._create_order(self.vehicle_308)
        order.action_confirm()
        pages = self._render(BOTH, order)
        self.assertIn("Bon de commande", pages[0])
        self.assertIn("Contrôle technique", pages[0], "the CT is on the order form")
        self.assertIn("04/10/2021", pages[0])
        self.assertIn("CERTIFICAT DE CESSION", pages[-1])
        self.assertEqual(sum("CERTIFICAT DE CESSION" in page for page in pages), 1)
        action = order.action_spoticar_print_certificate()
        self.assertEqual(action["report_name"], "spoticar_sale.report_sale_certificate")
        draft = self._create_order(self._create_vehicle())
        with self.assertRaises(UserError):
            draft.action_spoticar_print_certificate()


@tagged("post_install", "-at_install")
class TestOnlineSignature(HttpCase, SpoticarSaleCommon):
    @unittest.skipUnless(shutil.which("pdftotext"), "pdftotext is not installed")
    def test_sign_through_the_portal(self):
        """The customer signs the proposition on the portal: the order is confirmed and the
        signed order form, with the signer and the signature, is kept on it."""
        order = self._create_order(self.vehicle_308, user_id=self.user_salesperson.id)
        self.assertTrue(order.require_signature)
        order._portal_ensure_token()
        result = self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept",
            {"access_token": order.access_token, "name": "Jean DUPONT", "signature": SIGNATURE},
        )
        self.assertFalse(result.get("error"), result)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.signed_by, "Jean DUPONT")
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "sale.order"),
                ("res_id", "=", order.id),
                ("name", "like", "Signed order form"),
            ]
        )
        self.assertEqual(len(attachment), 1)
        self.assertEqual(attachment.mimetype, "application/pdf")
        text = " ".join(_pdf_pages(attachment.raw))
        self.assertIn("Signed online by Jean DUPONT", text)
        self.assertIn("Read and approved, good for order", text, "the handwritten box stays")
        self.assertIn(attachment, order.message_ids.attachment_ids)
