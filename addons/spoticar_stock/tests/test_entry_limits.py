# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from spoticar_core import limits

from .common import SpoticarStockCommon


@tagged("post_install", "-at_install")
class TestEntryLimits(SpoticarStockCommon):
    """Typing errors are refused at entry with a message naming the field, never stored, never a
    crash of the database or of the rounding."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicle = cls._create_vehicle(in_stock=False)

    def _assert_refused(self, fname, value, label):
        with self.assertRaises(ValidationError) as error:
            self._create_vehicle(in_stock=False, **{fname: value})
        self.assertIn(label, str(error.exception))
        with self.assertRaises(ValidationError) as error:
            self.vehicle.write({fname: value})
        self.assertIn(label, str(error.exception))

    def test_bad_numbers_refused(self):
        tomorrow = fields.Date.context_today(self.vehicle) + timedelta(days=1)
        for fname, value, label in (
            ("mileage", -5, "Mileage (km)"),
            ("mileage", 2**31, "Mileage (km)"),
            ("mileage", limits.MILEAGE.maximum + 1, "Mileage (km)"),
            ("fiscal_power", -3, "Fiscal power (CV)"),
            ("fiscal_power", 10**6, "Fiscal power (CV)"),
            ("fiscal_power", 2**40, "Fiscal power (CV)"),
            ("din_power", -130, "DIN power (hp)"),
            ("ptac", 10**30, "Gross vehicle weight (kg)"),
            ("keys_count", 2**31, "Number of keys"),
            ("list_price", -100.0, "Sales Price"),
            ("list_price", 1e308, "Sales Price"),
            ("list_price", float("nan"), "Sales Price"),
            ("list_price", float("inf"), "Sales Price"),
            ("purchase_price", -1.0, "Purchase price"),
            ("co2_malus_amount", 1e26, "CO2 malus"),
            ("consumption_mixed", -3.8, "Mixed consumption"),
            ("model_year", 1, "Model year"),
            ("first_registration_date", date(1, 1, 1), "First registration"),
            ("first_registration_date", "1899-12-31", "First registration"),
            ("first_registration_date", tomorrow, "First registration"),
            ("mfr_warranty_end_date", date(9990, 1, 1), "Manufacturer warranty end date"),
        ):
            with self.subTest(field=fname, value=value):
                self._assert_refused(fname, value, label)
        self.assertEqual(self.vehicle.mileage, 25000)
        self.assertEqual(self.vehicle.list_price, 18990.0)

    def test_real_values_accepted(self):
        self.vehicle.write(
            {
                "mileage": 0,
                "fiscal_power": 0,  # not filled: the carte grise asks for it
                "list_price": 99999.99,
                "first_registration_date": fields.Date.context_today(self.vehicle),
                "model_year": fields.Date.context_today(self.vehicle).year + 1,
                "consumption_mixed": 4.2,
            }
        )
        self.vehicle.write({"mileage": 999999, "fiscal_power": 41, "ptac": 3500})
        self.assertEqual(self.vehicle.fiscal_power, 41)
        vintage = self._create_vehicle(first_registration_date=date(1965, 6, 1), in_stock=False)
        self.assertEqual(vintage.first_registration_date, date(1965, 6, 1))

    def test_other_products_keep_their_values_but_not_crashes(self):
        product = self.env["product.template"].create({"name": "Remise", "list_price": -50.0})
        self.assertEqual(product.list_price, -50.0)
        with self.assertRaises(ValidationError):
            product.write({"list_price": 1e308})
        with self.assertRaises(ValidationError):
            product.write({"sequence": 2**31})

    def test_texts_within_the_protocol(self):
        size = limits.declaration_max_length("vehicle.version")
        version = self.version_308_130_allure.with_user(self.user_manager)
        with self.assertRaises(ValidationError) as error:
            version.write({"name": "X" * (size + 1)})
        self.assertIn(str(size), str(error.exception))
        version.write({"name": "X" * size})
        with self.assertRaises(ValidationError):
            self.env["spoticar.vehicle.make"].create(
                {"name": "M" * (limits.declaration_max_length("vehicle.make") + 1), "code": "T_M"}
            )
        with self.assertRaises(ValidationError):
            version.write({"fiscal_power": -3})

    def test_import_refuses_bad_values(self):
        """Odoo's CSV import (load) goes through the same checks: a message, no row."""
        result = self.env["product.template"].load(
            ["name", "is_vehicle", "mileage", "license_plate"],
            [["Peugeot 208", "1", "-5", "GB-117-KT"]],
        )
        self.assertFalse(result["ids"])
        self.assertIn("Mileage (km)", " ".join(m["message"] for m in result["messages"]))
