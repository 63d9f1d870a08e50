# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import SpoticarSaleCommon


@tagged("post_install", "-at_install")
class TestQueryCount(SpoticarSaleCommon):
    def _create_and_confirm_queries(self):
        vehicle = self._create_vehicle()
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        order = self._create_order(vehicle)
        order.action_confirm()
        self.env.flush_all()
        self.assertEqual(len(order.order_line.filtered("is_registration_fee")), 3)
        return self.env.cr.sql_log_count - start

    def test_create_confirm_bounded(self):
        self._create_and_confirm_queries()  # warm the caches (taxes, sequences...)
        small_stock = self._create_and_confirm_queries()
        for _i in range(30):
            self._create_vehicle()
        large_stock = self._create_and_confirm_queries()
        self.assertLessEqual(large_stock, small_stock + 2, "The queries grow with the stock size")
        vehicle = self._create_vehicle()
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(QUERY_LIMIT):
            order = self._create_order(vehicle)
            order.action_confirm()
            self.env.flush_all()


# Measured: 134 queries with spoticar_sale alone; the margin leaves room for the addons
# installed on top (warranty, centralizer) without hiding a per-vehicle query.
QUERY_LIMIT = 200
