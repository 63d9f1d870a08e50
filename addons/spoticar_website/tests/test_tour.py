# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged

from .common import SpoticarWebsiteCommon


@tagged("post_install", "-at_install")
class TestVisitorTour(HttpCase, SpoticarWebsiteCommon):
    def test_visitor_filters_opens_and_asks_for_a_test_drive(self):
        # The tour runs on Odoo's default website (the browser's host): it shows this dealer.
        self.env.ref("website.default_website").company_id = self.company
        citroen = self._create_published(
            vehicle_version_id=self.version_c3_83, list_price=9000.0, mileage=12000
        )
        self.start_tour("/vehicules-occasion", "spoticar_website_visitor_tour")
        lead = self.env["crm.lead"].search([("spoticar_vehicle_id", "=", citroen.id)])
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.spoticar_request_type, "test_drive")
        self.assertEqual(lead.email_from, "camille.durand@example.com")
