# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged

from .common import SpoticarMarginCommon


@tagged("post_install", "-at_install")
class TestDashboardTour(HttpCase, SpoticarMarginCommon):
    def test_manager_opens_the_dashboard(self):
        vehicle = self._create_vehicle(purchase_price=10000.0, list_price=12990.0)
        self._add_cost(vehicle, 850.0)
        self._sell(vehicle)
        self.start_tour("/odoo", "spoticar_margin_dashboard_tour", login=self.user_manager.login)
