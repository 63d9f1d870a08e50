# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from spoticar_core import advertising

from .common import SpoticarWebsiteCommon


@tagged("post_install", "-at_install")
class TestAdvertisingMentions(SpoticarWebsiteCommon):
    def test_selections_derive_from_the_core(self):
        Vehicle = self.env["product.template"]
        self.assertEqual(
            [key for key, _label in Vehicle._fields["co2_class"].selection],
            list(advertising.CO2_CLASS_KEYS),
        )
        self.assertEqual(
            [
                key
                for key, _label in self.env["res.company"]
                ._fields["spoticar_mobility_message"]
                .selection
            ],
            list(advertising.MOBILITY_MESSAGE_KEYS),
        )

    def test_co2_class_stored_from_the_co2(self):
        # The 308 SW 115 of the reference: 100 g/km, the top of class A.
        self.assertEqual(self.vehicle_308.co2_emission, 100)
        self.assertEqual(self.vehicle_308.co2_class, "A")
        self.vehicle_308.co2_emission = 101
        self.assertEqual(self.vehicle_308.co2_class, "B")
        self.vehicle_308.co2_emission = 251
        self.assertEqual(self.vehicle_308.co2_class, "G")
        self.assertFalse(self.vehicle_308.co2_class_missing)
        found = self.env["product.template"].search(
            [("id", "=", self.vehicle_308.id), ("co2_class", "=", "G")]
        )
        self.assertEqual(found, self.vehicle_308, "The class is stored (searchable)")

    def test_unknown_co2_leaves_the_class_empty_with_a_warning(self):
        vehicle = self._create_vehicle(co2_emission=0)
        self.assertFalse(vehicle.co2_class)
        self.assertTrue(vehicle.co2_class_missing)
        electric = self._create_vehicle(co2_emission=0, energy="electric")
        self.assertEqual(electric.co2_class, "A")
        self.assertFalse(electric.co2_class_missing)

    def test_utility_vehicles_have_no_class_and_no_warning(self):
        vehicle = self._create_vehicle(vehicle_category="VU", co2_emission=180)
        self.assertFalse(vehicle.co2_class)
        self.assertFalse(vehicle.co2_class_missing)

    def test_mobility_message_per_company(self):
        self.assertEqual(
            self.vehicle_308._spoticar_mobility_message(),
            "Pour les trajets courts, privilégiez la marche ou le vélo #SeDéplacerMoinsPolluer",
        )
        settings = Form(self.env["res.config.settings"].with_company(self.company))
        settings.spoticar_mobility_message = "public_transport"
        settings.save().execute()
        self.assertEqual(
            self.vehicle_308._spoticar_mobility_message(),
            "Au quotidien, prenez les transports en commun #SeDéplacerMoinsPolluer",
        )
        self.assertEqual(self.company_2.spoticar_mobility_message, "short_trips")

    def test_offered_warranties_reuse_the_eligibility(self):
        # A two-year-old diesel at 25 000 km: within Premium (60 months, 120 000 km), Advanced
        # (96 months, 150 000 km) and Essential.
        vehicle = self._create_vehicle(
            first_registration_date=fields.Date.today() - relativedelta(years=2), model_year=False
        )
        self.assertEqual(
            vehicle._spoticar_offered_warranties().mapped("name"),
            ["SPOTICAR PREMIUM", "SPOTICAR ADVANCED", "SPOTICAR ESSENTIAL"],
        )
        # The tutorial's 308 (2014, 190 000 km): past the age and mileage of both, Essential only.
        self.assertEqual(
            self.vehicle_308._spoticar_offered_warranties().mapped("name"), ["SPOTICAR ESSENTIAL"]
        )

    def test_salesperson_publishes_from_the_sheet(self):
        vehicle = self._create_vehicle().with_user(self.user_salesperson)
        vehicle.write({"spoticar_published": True})
        self.assertTrue(vehicle.spoticar_published)
        self.assertTrue(vehicle.spoticar_website_url.startswith("/vehicules-occasion/"))
        data = vehicle.read(["co2_class", "co2_class_missing", "spoticar_published"])
        self.assertEqual(data[0]["co2_class"], "A")
        groups = (
            self.env["product.template"]
            .with_user(self.user_salesperson)
            .formatted_read_group([("is_vehicle", "=", True)], ["co2_class"], ["__count"])
        )
        self.assertTrue(groups)
        exported = vehicle.export_data(["co2_class", "spoticar_published"])["datas"]
        self.assertEqual(exported[0][1], True)

    def test_published_domain(self):
        Vehicle = self.env["product.template"]
        other = self._create_published(company_id=self.company_2.id)
        hidden = self._create_vehicle()
        incoming = self._create_published(in_stock=False)
        published = Vehicle.search(Vehicle._spoticar_published_domain(self.company))
        self.assertIn(self.vehicle_308, published)
        self.assertNotIn(hidden, published)
        self.assertNotIn(incoming, published)
        self.assertNotIn(other, published)
        self.assertIn(other, Vehicle.search(Vehicle._spoticar_published_domain(self.company_2)))
        # Reserved by a confirmed order: it leaves at once.
        self._create_order(self.vehicle_308).action_confirm()
        self.assertEqual(self.vehicle_308.vehicle_state, "reserved")
        self.assertNotIn(
            self.vehicle_308, Vehicle.search(Vehicle._spoticar_published_domain(self.company))
        )

    def test_salesperson_has_no_channel_access(self):
        with self.assertRaises(AccessError):
            self.env["spoticar.publication.channel"].with_user(self.user_salesperson).search([])
