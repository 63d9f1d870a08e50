# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issue 15: a vehicle reaching the company's N days in stock gets one activity for the
managers, however often the daily job runs."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SpoticarMarginCommon


@tagged("post_install", "-at_install")
class TestAgeing(SpoticarMarginCommon):
    def _activities(self, vehicle):
        return self.env["mail.activity"].search(
            [("res_model", "=", "product.template"), ("res_id", "=", vehicle.id)]
        )

    def test_job_twice_gives_one_activity(self):
        self.company.spoticar_ageing_alert_days = 60
        today = fields.Date.context_today(self.env["product.template"])
        old = self._create_vehicle()
        old.stock_entry_date = today - timedelta(days=60)
        young = self._create_vehicle()
        young.stock_entry_date = today - timedelta(days=59)
        Product = self.env["product.template"]
        Product._cron_spoticar_ageing_alert()
        Product._cron_spoticar_ageing_alert()
        activity = self._activities(old)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_manager)
        self.assertIn("60", activity.summary)
        self.assertFalse(self._activities(young))
        # Done by the manager: the next runs do not bring it back for the same entry.
        activity.action_feedback(feedback="Prix baissé")
        Product._cron_spoticar_ageing_alert()
        self.assertFalse(self._activities(old))
        # Back in stock later (a new entry): alerted again once it reaches N days.
        old.stock_entry_date = today - timedelta(days=61)
        Product._cron_spoticar_ageing_alert()
        Product._cron_spoticar_ageing_alert()
        self.assertEqual(len(self._activities(old)), 1)

    def test_sold_vehicles_are_not_alerted(self):
        self.company.spoticar_ageing_alert_days = 30
        vehicle = self._create_vehicle()
        vehicle.stock_entry_date = fields.Date.context_today(vehicle) - timedelta(days=40)
        vehicle._vehicle_set_state("delivered")
        self.env["product.template"]._cron_spoticar_ageing_alert()
        self.assertFalse(self._activities(vehicle))

    def test_setting_is_checked(self):
        settings = self.env["res.config.settings"].with_company(self.company).create({})
        self.assertEqual(settings.spoticar_ageing_alert_days, 90)
        with self.assertRaisesRegex(ValidationError, "Ageing alert"):
            settings.spoticar_ageing_alert_days = 0
        with self.assertRaisesRegex(ValidationError, "Ageing alert"):
            self.company.spoticar_ageing_alert_days = 3651
        settings.spoticar_ageing_alert_days = 45
        self.assertEqual(self.company.spoticar_ageing_alert_days, 45)
