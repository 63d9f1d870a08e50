# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import csv
import io

from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import SpoticarWebsiteCommon


@tagged("post_install", "-at_install")
class TestFeed(HttpCase, SpoticarWebsiteCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["spoticar_stock", "spoticar_website"], ["fr_FR"], overwrite=True
        )
        Channel = cls.env["spoticar.publication.channel"]
        cls.channel_csv = Channel.create(
            {"name": "Leboncoin", "feed_format": "csv", "company_id": cls.company.id}
        )
        cls.channel_xml = Channel.create(
            {"name": "La Centrale", "feed_format": "xml", "company_id": cls.company.id}
        )
        cls.env["spoticar.vehicle.image"].create(
            {
                "product_tmpl_id": cls.vehicle_308.id,
                "name": "Front",
                # A 1x1 PNG.
                "image_1920": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8"
                "BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
            }
        )

    def _get(self, channel, token=None):
        return self.url_open(f"/spoticar/feed/{channel.id}/{token or channel.token}")

    def _csv_rows(self, response):
        return list(csv.DictReader(io.StringIO(response.content.decode()), delimiter=";"))

    def test_csv_feed_content(self):
        response = self._get(self.channel_csv)
        self.assertEqual(response.status_code, 200)
        self.assertIn("text/csv", response.headers["Content-Type"])
        rows = self._csv_rows(response)
        self.assertEqual(len(rows), 1)
        row = rows[0]
        self.assertEqual(row["identifier"], self.vehicle_308.default_code)
        self.assertEqual(row["make"], "Peugeot")
        self.assertEqual(row["model"], "308 SW (2)")
        self.assertEqual(row["version"], "1.6 e-HDi 115 Féline")
        self.assertEqual(row["first_registration"], "2014-11-10")
        self.assertEqual(row["mileage_km"], "190000")
        self.assertEqual(row["mileage_guaranteed"], "0")
        self.assertEqual(row["energy"], "gazole")
        self.assertEqual(row["gearbox"], "Manuelle")
        self.assertEqual(row["power_din_hp"], "115")
        self.assertEqual(row["power_fiscal_cv"], "6")
        self.assertEqual(row["doors"], "5")
        self.assertEqual(row["seats"], "5")
        self.assertEqual(row["price_eur"], "10000.00")
        self.assertEqual(row["co2_g_km"], "100")
        self.assertEqual(row["co2_class"], "A")
        self.assertEqual(row["critair"], "Crit'Air 2")
        self.assertEqual(row["equipment"], "Air conditioning")
        self.assertEqual(row["description"], "Très bel état, carnet suivi.")
        self.assertEqual(row["dealer_name"], "Garage Test Rennes")
        self.assertEqual(row["dealer_phone"], "+33 2 99 00 00 00")
        self.assertEqual(row["dealer_email"], "contact@garage-rennes.example.com")
        self.assertEqual(
            row["mobility_message"],
            "Pour les trajets courts, privilégiez la marche ou le vélo #SeDéplacerMoinsPolluer",
        )
        self.assertTrue(row["url"].startswith("https://rennes.example.com/vehicules-occasion/"))
        self.assertEqual(row["vin"], "", "The VIN stays private unless the dealer shows it")
        self.assertNotIn(self.vehicle_308.vin, response.text)
        self.assertNotIn("7000", response.text, "Never the purchase price")
        # The photo URL serves the photo.
        photo_path = row["photo_urls"].split("rennes.example.com", 1)[1]
        photo = self.url_open(photo_path)
        self.assertEqual(photo.status_code, 200)
        self.assertEqual(photo.headers["Content-Type"], "image/png")

    def test_xml_feed_content_and_vin_when_shown(self):
        self.company.spoticar_website_show_vin = True
        response = self._get(self.channel_xml)
        self.assertEqual(response.status_code, 200)
        root = etree.fromstring(response.content)
        vehicles = root.findall("vehicle")
        self.assertEqual(len(vehicles), 1)
        self.assertEqual(vehicles[0].findtext("co2_class"), "A")
        self.assertEqual(vehicles[0].findtext("price_eur"), "10000.00")
        self.assertEqual(vehicles[0].findtext("vin"), self.vehicle_308.vin)

    def test_wrong_token_or_inactive_channel_is_a_404(self):
        good = self._get(self.channel_csv)
        self.assertEqual(good.status_code, 200)
        for token in ("wrong", self.channel_csv.token[:-1], self.channel_xml.token):
            response = self._get(self.channel_csv, token=token)
            self.assertEqual(response.status_code, 404)
            self.assertNotIn("Peugeot", response.text)
        response = self.url_open(f"/spoticar/feed/999999/{self.channel_csv.token}")
        self.assertEqual(response.status_code, 404)
        self.channel_csv.active = False
        self.assertEqual(self._get(self.channel_csv).status_code, 404)

    def test_regenerated_token_replaces_the_former(self):
        former = self.channel_csv.token
        self.assertGreaterEqual(len(former), 40)
        self.channel_csv.with_user(self.user_manager).action_regenerate_token()
        self.assertNotEqual(self.channel_csv.token, former)
        self.assertEqual(self._get(self.channel_csv, token=former).status_code, 404)
        self.assertEqual(self._get(self.channel_csv).status_code, 200)
        with self.assertRaises(UserError):
            self.channel_csv.with_user(self.user_manager).write({"token": "chosen-token"})
        channel = self.env["spoticar.publication.channel"].with_user(self.user_manager)
        created = channel.create({"name": "Autre", "token": "chosen"})
        self.assertNotEqual(created.token, "chosen")

    def test_reserved_and_sold_vehicles_leave_the_feed(self):
        other = self._create_published()
        preparing = self._create_published()
        preparing.action_spoticar_recon_start()  # in the workshop: not ready for sale
        codes = {row["identifier"] for row in self._csv_rows(self._get(self.channel_csv))}
        self.assertEqual(codes, {self.vehicle_308.default_code, other.default_code})
        self._create_order(self.vehicle_308).action_confirm()
        other.sudo()._vehicle_set_state("sold")
        self.assertEqual(self._csv_rows(self._get(self.channel_csv)), [])

    def test_channels_per_company(self):
        channel_2 = self.env["spoticar.publication.channel"].create(
            {"name": "Nantes", "company_id": self.company_2.id}
        )
        vehicle_2 = self._create_published(company_id=self.company_2.id)
        rows = self._csv_rows(self._get(channel_2))
        self.assertEqual([row["identifier"] for row in rows], [vehicle_2.default_code])
        own = self.env["spoticar.publication.channel"].with_user(self.user_manager).search([])
        self.assertNotIn(channel_2, own, "A manager sees his company's channels only")
