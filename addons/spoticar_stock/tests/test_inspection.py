# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import html2plaintext

from spoticar_core import formalities

from .common import SpoticarStockCommon


@tagged("post_install", "-at_install")
class TestInspectionFields(SpoticarStockCommon):
    """The contrôle technique of a vehicle: entered once it took place, consistent, shown."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicle = cls._create_vehicle(in_stock=False, first_registration_date=date(2015, 3, 2))

    def test_result_selection_is_the_core_vocabulary(self):
        keys = [
            key
            for key, _label in self.env["product.template"]._fields["inspection_result"].selection
        ]
        self.assertEqual(tuple(keys), formalities.INSPECTION_RESULT_KEYS)

    def test_dates_not_in_the_future(self):
        today = fields.Date.context_today(self.vehicle)
        for fname, label in (
            ("inspection_date", "Last technical inspection"),
            ("inspection_counter_visit_date", "Counter-visit date"),
        ):
            with self.assertRaises(ValidationError) as error:
                self.vehicle.write({fname: today + timedelta(days=1)})
            self.assertIn(label, str(error.exception))
        self.vehicle.write({"inspection_date": today, "inspection_result": "favourable"})
        self.assertEqual(self.vehicle.inspection_date, today)

    def test_consistency(self):
        with self.assertRaises(ValidationError) as error:
            self.vehicle.write({"inspection_date": date(2026, 5, 4)})
        self.assertIn("Technical inspection result", str(error.exception))
        with self.assertRaises(ValidationError) as error:
            self.vehicle.write(
                {
                    "inspection_date": date(2026, 5, 4),
                    "inspection_result": "favourable",
                    "inspection_counter_visit_date": date(2026, 5, 20),
                }
            )
        self.assertIn("Counter-visit date", str(error.exception))
        with self.assertRaises(ValidationError) as error:
            self.vehicle.write(
                {
                    "inspection_date": date(2026, 5, 4),
                    "inspection_result": "counter_visit",
                    "inspection_counter_visit_date": date(2026, 5, 3),
                }
            )
        self.assertIn("04/05/2026", str(error.exception))
        with self.assertRaises(ValidationError):
            self.vehicle.write(
                {"inspection_date": date(2015, 3, 1), "inspection_result": "favourable"}
            )
        self.assertFalse(self.vehicle.inspection_date, "nothing half-saved")

    def test_valid_until(self):
        # A favourable report of 4 May 2026 serves up to 3 November 2026 (less than 6 months).
        self.vehicle.write({"inspection_date": date(2026, 5, 4), "inspection_result": "favourable"})
        self.assertEqual(self.vehicle.inspection_valid_until, date(2026, 11, 3))
        # A counter-visit of 20 May 2026 serves up to 19 July 2026 (less than 2 months).
        self.vehicle.write(
            {
                "inspection_result": "counter_visit",
                "inspection_counter_visit_date": date(2026, 5, 20),
            }
        )
        self.assertEqual(self.vehicle.inspection_valid_until, date(2026, 7, 19))

    def test_on_the_vehicle_sheet(self):
        self.vehicle.write({"inspection_date": date(2026, 5, 4), "inspection_result": "favourable"})
        html, _fmt = self.env["ir.actions.report"]._render_qweb_html(
            "spoticar_stock.action_report_vehicle_sheet", self.vehicle.ids
        )
        text = " ".join(html2plaintext(html.decode()).split())
        self.assertIn("Technical inspection 04/05/2026", text)
        self.assertIn("Favourable", text)
        arch = self.env["product.template"].get_views(
            [(self.env.ref("spoticar_stock.product_template_vehicle_view_form").id, "form")]
        )["views"]["form"]["arch"]
        for fname in ("inspection_date", "inspection_result", "inspection_counter_visit_date"):
            self.assertIn(f'name="{fname}"', arch)
