# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SpoticarStockCommon


@tagged("post_install", "-at_install")
class TestVersionSearch(SpoticarStockCommon):
    def _names(self, text, domain=None):
        Version = self.env["spoticar.vehicle.version"].with_user(self.user_salesperson)
        return {name for _id, name in Version.name_search(text, domain or [], limit=50)}

    def test_word_search_any_order_without_accents_or_case(self):
        allure = "Peugeot 308 (2) BlueHDi 130 EAT6 S&S Allure"
        self.assertEqual(self._names("130 allure"), {allure})
        self.assertEqual(self._names("ALLURE 130"), {allure})
        self.assertEqual(self._names("  allu   13 "), {allure})
        self.assertEqual(self._names("130"), {allure, "Peugeot 308 (2) PureTech 130 S&S Active"})
        self.assertEqual(self._names("feline"), {"Peugeot 308 SW (2) 1.6 e-HDi 115 Féline"})
        self.assertEqual(self._names("citroen c3"), {"Citroën C3 (3) PureTech 83 S&S Feel"})
        self.assertEqual(self._names("T1PEU308BH130A"), {allure})
        self.assertEqual(self._names("130 allure gt"), set())

    def test_versions_on_sale_at_first_registration(self):
        """By default the form offers the versions of the model on sale at the registration date."""
        domain_2019 = [("model_id", "=", self.model_308.id), ("on_sale_at", "=", "2019-11-19")]
        self.assertEqual(
            self._names("", domain_2019),
            {
                "Peugeot 308 (2) BlueHDi 130 EAT6 S&S Allure",
                "Peugeot 308 (2) PureTech 130 S&S Active",
            },
        )
        self.assertEqual(
            self._names("130 allure", domain_2019), {"Peugeot 308 (2) BlueHDi 130 EAT6 S&S Allure"}
        )
        domain_2015 = [("model_id", "=", self.model_308.id), ("on_sale_at", "=", date(2015, 5, 1))]
        self.assertEqual(
            self._names("", domain_2015), {"Peugeot 308 (2) 1.6 BlueHDi 120 S&S Allure"}
        )
        # A few months after the end of commercialisation the version is still offered (stock
        # vehicles).
        domain_late = [("model_id", "=", self.model_308.id), ("on_sale_at", "=", "2017-12-15")]
        self.assertIn("Peugeot 308 (2) 1.6 BlueHDi 120 S&S Allure", self._names("", domain_late))
        # No date yet: no filter on the date.
        self.assertEqual(
            len(
                self._names("", [("model_id", "=", self.model_308.id), ("on_sale_at", "=", False)])
            ),
            3,
        )

    def test_field_domain_of_the_vehicle_form(self):
        """The version field's domain on the vehicle uses the model and the registration date."""
        vehicle = self._create_vehicle(in_stock=False)
        field = vehicle._fields["vehicle_version_id"]
        self.assertIn("on_sale_at", field.domain)
        self.assertIn("first_registration_date", field.domain)

    def test_search_text_follows_renames(self):
        self.make_peugeot.name = "PEUGEÓT"
        self.assertIn(
            "PEUGEÓT 308 (2) BlueHDi 130 EAT6 S&S Allure", self._names("peugeot 130 allure")
        )

    def test_used_version_is_archived_not_deleted(self):
        self._create_vehicle(in_stock=False)
        with self.assertRaises(UserError):
            self.version_308_130_allure.unlink()
        with self.assertRaises(UserError):
            self.model_308.unlink()
        with self.assertRaises(UserError):
            self.make_peugeot.unlink()
        with self.assertRaises(UserError):
            self.equipment_ac.unlink()
        self.version_308_130_allure.action_archive()
        self.assertFalse(self.version_308_130_allure.active)
        self.version_c3_83.unlink()  # never used
