# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import freeze_time, tagged

from .common import SpoticarWarrantyCommon


@tagged("post_install", "-at_install")
class TestWarrantyCron(SpoticarWarrantyCommon):
    @freeze_time("2026-11-10")
    def test_cron_activity_then_ended(self):
        activity_type = self.env.ref("spoticar_warranty.mail_activity_warranty_end")
        ending = self._create_warranty(user_id=self.user_salesperson.id)  # ends 30/11/2026
        ended = self._create_warranty(
            delivery_date=date(2025, 10, 1), license_plate="FE-261-RZ"
        )  # ended 01/10/2026
        later = self._create_warranty(duration_months=24, license_plate="FE-262-RZ")
        draft = self._create_warranty(license_plate="FE-263-RZ")
        self._force_vals(ending | ended | later, state="declared")
        self.assertEqual(ending.end_date, date(2026, 11, 30))
        self.assertEqual(ending.days_left, 20)
        # The list filter "ending within 30 days" finds it.
        expiring = self.env["spoticar.warranty"].search(
            [
                ("state", "=", "declared"),
                ("is_ended", "=", False),
                ("end_date", ">=", date(2026, 11, 10)),
                ("end_date", "<=", date(2026, 12, 10)),
            ]
        )
        self.assertEqual(expiring, ending)

        self.env["spoticar.warranty"]._cron_manage_expiration()
        activity = ending.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_salesperson)
        self.assertEqual(activity.date_deadline, date(2026, 11, 30))
        self.assertFalse(ending.is_ended)
        self.assertTrue(ended.is_ended)
        self.assertFalse(later.activity_ids or later.is_ended)
        self.assertFalse(draft.activity_ids or draft.is_ended)
        # Running it again schedules nothing more.
        self.env["spoticar.warranty"]._cron_manage_expiration()
        self.assertEqual(len(ending.activity_ids), 1)

    def test_cron_record(self):
        cron = self.env.ref("spoticar_warranty.ir_cron_spoticar_warranty_expiration")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        self.assertTrue(cron.active)
        cron.method_direct_trigger()
