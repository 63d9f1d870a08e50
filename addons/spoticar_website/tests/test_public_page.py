# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import html
import re

from odoo.tests import HttpCase, tagged

from .common import NANTES, RENNES, SpoticarWebsiteCommon


@tagged("post_install", "-at_install")
class TestPublicPage(HttpCase, SpoticarWebsiteCommon):
    """The public stock page and the vehicle pages, as an anonymous visitor."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["spoticar_stock", "spoticar_website"], ["fr_FR"], overwrite=True
        )
        (cls.website | cls.website_2).write(
            {
                "language_ids": [(6, 0, cls.env.ref("base.lang_fr").ids)],
                "default_lang_id": cls.env.ref("base.lang_fr").id,
            }
        )
        # A vehicle bought from a private person: its livre de police entry exists.
        cls.bought = cls._create_incoming_vehicle(list_price=12490.0, license_plate="FA-321-PA")
        cls._receive(cls, cls._purchase(cls.bought, cls.seller_private, 8765.0))
        # Bought, it enters the workshop ("to prepare"): published once ready for sale.
        cls.bought.action_spoticar_recon_ready()
        cls.bought.spoticar_published = True

    def _open(self, path, host=RENNES, **kwargs):
        return self.url_open(path, headers={"Host": host}, **kwargs)

    def _text(self, response):
        return " ".join(html.unescape(response.text).split())

    def test_list_shows_the_published_stock(self):
        hidden = self._create_vehicle(license_plate="GH-111-CD")
        response = self._open("/vehicules-occasion")
        self.assertEqual(response.status_code, 200)
        text = self._text(response)
        self.assertIn(self.vehicle_308._spoticar_public_path(), text)
        self.assertIn(self.bought._spoticar_public_path(), text)
        self.assertNotIn(hidden._spoticar_public_path(), text)
        self.assertIn("190 000 km (non garanti)", text)
        self.assertIn("Pour les trajets courts, privilégiez la marche ou le vélo", text)
        self.assertIn("#SeDéplacerMoinsPolluer", text)

    def test_vehicle_page_content_and_nothing_private(self):
        self.assertTrue(self.bought.register_number)
        response = self._open(self.bought._spoticar_public_path())
        self.assertEqual(response.status_code, 200)
        text = self._text(response)
        for expected in (
            "Peugeot",
            "308 SW (2)",
            "1.6 e-HDi 115 Féline",
            "12 490",
            "carte grise non comprise",
            "05/2018",
            "85 000 km",
            "Crit'Air 2",
            "Classe CO2",
            "#SeDéplacerMoinsPolluer",
            "Essai",
        ):
            self.assertIn(expected, text)
        # Private: purchase price, VIN, plate's register data, seller.
        for private in (
            "8765",
            "8 765",
            self.bought.register_number,
            "MARTIN",
            "X4RTBPFW4",
            "M10PEUG1234",
        ):
            self.assertNotIn(private, text)
        self.assertNotIn(
            self.vehicle_308.vin, self._text(self._open(self.vehicle_308._spoticar_public_path()))
        )

    def test_vin_shown_when_the_dealer_chooses(self):
        path = self.vehicle_308._spoticar_public_path()
        self.assertNotIn(self.vehicle_308.vin, self._open(path).text)
        self.company.spoticar_website_show_vin = True
        self.assertIn(self.vehicle_308.vin, self._open(path).text)

    def test_filters_sort_and_pagination(self):
        petrol = self._create_published(
            vehicle_version_id=self.version_c3_83, list_price=9000.0, mileage=12000
        )
        text = self._text(self._open("/vehicules-occasion?energy=petrol"))
        self.assertIn(petrol._spoticar_public_path(), text)
        self.assertNotIn(self.vehicle_308._spoticar_public_path(), text)
        text = self._text(self._open(f"/vehicules-occasion?make={self.make_citroen.id}"))
        self.assertIn(petrol._spoticar_public_path(), text)
        self.assertNotIn(self.bought._spoticar_public_path(), text)
        text = self._text(self._open("/vehicules-occasion?km_max=50000&gearbox=manual"))
        self.assertIn(petrol._spoticar_public_path(), text)
        self.assertNotIn(self.vehicle_308._spoticar_public_path(), text)
        text = self._text(
            self._open("/vehicules-occasion?price_min=9500&price_max=11000&year_min=2014")
        )
        self.assertIn(self.vehicle_308._spoticar_public_path(), text)
        self.assertNotIn(petrol._spoticar_public_path(), text)
        # Sort: the cheapest first, or the dearest first.
        text = self._text(self._open("/vehicules-occasion?sort=price_desc"))
        self.assertLess(
            text.index(self.bought._spoticar_public_path()),
            text.index(petrol._spoticar_public_path()),
        )
        # Garbage in the query string is ignored, never a traceback.
        self.assertEqual(
            self._open("/vehicules-occasion?make=abc&year_min=-3&sort=x").status_code, 200
        )
        # Pagination: 12 a page.
        extra = [self._create_published(list_price=20000.0 + i) for i in range(12)]
        first = self._text(self._open("/vehicules-occasion"))
        second = self._text(self._open("/vehicules-occasion/page/2"))
        self.assertIn("/vehicules-occasion/page/2", first)
        self.assertIn(extra[-1]._spoticar_public_path(), second)
        self.assertNotIn(extra[-1]._spoticar_public_path(), first)

    def test_each_website_shows_its_company_stock(self):
        vehicle_2 = self._create_published(company_id=self.company_2.id)
        rennes = self._text(self._open("/vehicules-occasion", host=RENNES))
        nantes = self._text(self._open("/vehicules-occasion", host=NANTES))
        self.assertIn(self.vehicle_308._spoticar_public_path(), rennes)
        self.assertNotIn(vehicle_2._spoticar_public_path(), rennes)
        self.assertIn(vehicle_2._spoticar_public_path(), nantes)
        self.assertNotIn(self.vehicle_308._spoticar_public_path(), nantes)
        self.assertEqual(
            self._open(vehicle_2._spoticar_public_path(), host=RENNES).status_code, 404
        )

    def test_reserved_or_unpublished_vehicle_leaves_at_once(self):
        path = self.vehicle_308._spoticar_public_path()
        self.assertEqual(self._open(path).status_code, 200)
        self._create_order(self.vehicle_308).action_confirm()
        self.assertEqual(self._open(path).status_code, 404)
        self.assertNotIn(path, self._open("/vehicules-occasion").text)
        path = self.bought._spoticar_public_path()
        self.bought.spoticar_published = False
        self.assertEqual(self._open(path).status_code, 404)
        self.bought.spoticar_published = True
        self.assertEqual(self._open(path).status_code, 200)
        self.bought.action_spoticar_recon_start()  # back in the workshop: not ready for sale
        self.assertEqual(self._open(path).status_code, 404)
        self.assertNotIn(path, self._open("/vehicules-occasion").text)
        self.assertEqual(self._open("/vehicules-occasion/not-a-vehicle").status_code, 404)

    # === The request form === #
    def _form_token(self, path):
        page = self._open(path).text
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def _post_request(self, vehicle, **values):
        path = vehicle._spoticar_public_path()
        data = {
            "csrf_token": self._form_token(path),
            "request_type": "test_drive",
            "name": "Julie Bernard",
            "email": "julie.bernard@example.com",
            "phone": "06 12 34 56 78",
            "message": "Disponible samedi ?",
        }
        data.update(values)
        return self._open(f"/vehicules-occasion/{vehicle.id}/request", data=data)

    def _leads(self, vehicle):
        return self.env["crm.lead"].search([("spoticar_vehicle_id", "=", vehicle.id)])

    def test_request_creates_a_lead_linked_to_the_vehicle(self):
        response = self._post_request(self.vehicle_308)
        self.assertEqual(response.status_code, 200)
        self.assertIn("votre demande a été envoyée", response.text)
        lead = self._leads(self.vehicle_308)
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.contact_name, "Julie Bernard")
        self.assertEqual(lead.email_from, "julie.bernard@example.com")
        self.assertEqual(lead.spoticar_request_type, "test_drive")
        self.assertEqual(lead.company_id, self.company)
        self.assertFalse(lead.user_id, "Nobody's lead until the dealer assigns it")
        self.assertIn("Disponible samedi", lead.description)
        self.assertIn("Peugeot", lead.name)

    def test_request_spam_protection_and_checks(self):
        # Robots fill the honeypot: thanked, no lead.
        response = self._post_request(self.vehicle_308, website_url="http://spam.example.com")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self._leads(self.vehicle_308))
        # Without the CSRF token: refused.
        response = self._open(
            f"/vehicules-occasion/{self.vehicle_308.id}/request",
            data={"name": "Robot", "email": "robot@example.com"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._leads(self.vehicle_308))
        # No way to answer: a French message, no lead.
        response = self._post_request(self.vehicle_308, email="", phone="")
        self.assertEqual(response.status_code, 400)
        self.assertIn("E-mail ou téléphone", response.text)
        response = self._post_request(self.vehicle_308, email="julie@")
        self.assertEqual(response.status_code, 400)
        self.assertIn("adresse valide", response.text)
        self.assertFalse(self._leads(self.vehicle_308))
        # A vehicle that is not published: nothing to ask about.
        hidden = self._create_vehicle()
        response = self._open(
            f"/vehicules-occasion/{hidden.id}/request",
            data={
                "csrf_token": self._form_token(self.vehicle_308._spoticar_public_path()),
                "name": "X",
                "email": "x@example.com",
            },
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self._leads(hidden))
