# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import SpoticarSaleCommon


@tagged("post_install", "-at_install")
class TestRegistrationFee(SpoticarSaleCommon):
    def test_tutorial_order(self):
        """6 CV diesel of 11/2014 sold on 01/11/2021 to a customer in Rennes."""
        order = self._create_order(self.vehicle_308)
        self.assertEqual(self._fee_amounts(order), {"Y1": 306.0, "Y4": 11.0, "Y5": 2.76})
        fee_lines = order.order_line.filtered("is_registration_fee")
        self.assertFalse(fee_lines.tax_ids, "A disbursement is outside VAT")
        self.assertEqual(
            fee_lines.product_id, self.env.ref("spoticar_sale.product_registration_fee")
        )
        self.assertEqual(order.registration_fee_total, 319.76)
        self.assertEqual(order.amount_total, 10319.76)
        self.assertEqual(order.registration_fee_region, "Bretagne")
        self.assertFalse(order.registration_fee_message)
        self.assertEqual(order.vehicle_id, self.vehicle_308.product_variant_id)

    def _amounts_for(self, postcode, sale_date, **vehicle_vals):
        partner = self._create_customer(lastname="TEST", zip=postcode, city="Ville")
        vehicle = self._create_vehicle(**vehicle_vals)
        order = self._create_order(vehicle, partner, sale_date=sale_date)
        self.assertFalse(order.registration_fee_message)
        return self._fee_amounts(order)

    def test_regions_energies_ages(self):
        cases = [
            # Normandie (Rouen), petrol 7 CV of 2021 in June 2024: 46 euros per CV
            (
                "76000",
                date(2024, 6, 1),
                {
                    "vehicle_version_id": self.version_308_130_active,
                    "first_registration_date": date(2021, 5, 1),
                },
                {"Y1": 322.0, "Y4": 11.0, "Y5": 2.76},
            ),
            # Occitanie (Toulouse), diesel 10 CV of 2019 on 1 July 2025
            (
                "31000",
                date(2025, 7, 1),
                {
                    "fiscal_power": 10,
                    "energy": "diesel",
                    "first_registration_date": date(2019, 1, 1),
                },
                {"Y1": 595.0, "Y4": 11.0, "Y5": 2.76},
            ),
            # Hauts-de-France (Lille), electric after 1 May 2025: exempt, Y4 + Y5 only
            (
                "59000",
                date(2025, 6, 10),
                {
                    "fiscal_power": 7,
                    "energy": "electric",
                    "first_registration_date": date(2021, 6, 1),
                },
                {"Y4": 11.0, "Y5": 2.76},
            ),
            # Bretagne (Rennes), hybrid 8 CV in May 2023: no reduction any more
            (
                "35000",
                date(2023, 5, 2),
                {
                    "fiscal_power": 8,
                    "energy": "hybrid",
                    "first_registration_date": date(2020, 1, 1),
                },
                {"Y1": 440.0, "Y4": 11.0, "Y5": 2.76},
            ),
        ]
        for postcode, sale_date, vehicle_vals, expected in cases:
            with self.subTest(postcode=postcode, sale_date=sale_date):
                self.assertEqual(self._amounts_for(postcode, sale_date, **vehicle_vals), expected)

    def test_paris_rounding_line(self):
        """Île-de-France 2026: Y1 with cents, the sub-total is rounded to the euro."""
        amounts = self._amounts_for(
            "75011",
            date(2026, 3, 10),
            vehicle_version_id=self.version_308_130_active,
            fiscal_power=6,
            energy="petrol",
            first_registration_date=date(2022, 1, 1),
        )
        self.assertEqual(amounts["Y1"], 413.7)
        self.assertAlmostEqual(sum(amounts.values()), 427.76, places=2)

    def test_ten_years_half_rate(self):
        """A car of 10 years or more pays half the regional rate (Bretagne 2021: 51 euros)."""
        amounts = self._amounts_for(
            "35000",
            date(2021, 11, 1),
            fiscal_power=6,
            energy="diesel",
            first_registration_date=date(2010, 6, 1),
        )
        self.assertEqual(amounts["Y1"], 153.0)

    def test_recomputed_on_address_date_and_vehicle(self):
        order = self._create_order(self.vehicle_308)
        self.assertEqual(self._fee_amounts(order)["Y1"], 306.0)
        # The customer moves to Rouen (Normandie: 35 euros per CV in 2021)
        self.customer_rennes.write({"zip": "76000", "city": "Rouen"})
        self.assertEqual(self._fee_amounts(order)["Y1"], 210.0)
        # The sale date moves to 2024 (Normandie 46 euros per CV)
        order.sale_date = date(2024, 6, 1)
        self.assertEqual(self._fee_amounts(order)["Y1"], 276.0)
        # Another vehicle (7 CV) replaces the first one
        other = self._create_vehicle(vehicle_version_id=self.version_308_130_active)
        order.order_line.filtered(
            lambda line: line.product_id.is_vehicle
        ).product_id = other.product_variant_id
        self.assertEqual(order.vehicle_id, other.product_variant_id)
        self.assertEqual(self._fee_amounts(order)["Y1"], 322.0)
        self.assertEqual(len(order.order_line.filtered("is_registration_fee")), 3)
        # The vehicle's power is corrected on its sheet
        other.fiscal_power = 5
        self.assertEqual(self._fee_amounts(order)["Y1"], 230.0)
        # No vehicle, no carte grise
        order.order_line.filtered(lambda line: line.product_id.is_vehicle).unlink()
        self.assertFalse(order.order_line.filtered("is_registration_fee"))

    def test_frozen_once_confirmed(self):
        order = self._create_order(self.vehicle_308)
        order.action_confirm()
        fee_lines = order.order_line.filtered("is_registration_fee")
        self.customer_rennes.write({"zip": "76000", "city": "Rouen"})
        self.vehicle_308.fiscal_power = 9
        self.assertEqual(order.order_line.filtered("is_registration_fee"), fee_lines)
        self.assertEqual(self._fee_amounts(order), {"Y1": 306.0, "Y4": 11.0, "Y5": 2.76})
        # A price update of the order does not touch them either
        order.action_update_prices()
        self.assertEqual(self._fee_amounts(order)["Y1"], 306.0)

    def test_export_has_no_carte_grise(self):
        order = self._create_order(self.vehicle_308, sale_destination="export")
        self.assertFalse(order.order_line.filtered("is_registration_fee"))
        order.sale_destination = "metropolitan"
        self.assertEqual(self._fee_amounts(order)["Y1"], 306.0)
        order.sale_destination = "export"
        self.assertFalse(order.order_line.filtered("is_registration_fee"))

    def test_missing_inputs_french_message(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["spoticar_sale"], ["fr_FR"], overwrite=True
        )
        partner = self._create_customer(lastname="SANSADRESSE", zip=False, lang="fr_FR")
        vehicle = self._create_vehicle(fiscal_power=0, energy="diesel")
        order = self._create_order(vehicle, partner.with_context(lang="fr_FR"))
        order = order.with_context(lang="fr_FR")
        order.action_spoticar_update_registration_fees()
        self.assertFalse(order.order_line.filtered("is_registration_fee"))
        self.assertIn("code postal", order.registration_fee_message)
        self.assertIn("puissance fiscale", order.registration_fee_message)
        with self.assertRaisesRegex(UserError, "code postal"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        partner.zip = "35000"
        vehicle.fiscal_power = 6
        self.assertFalse(order.registration_fee_message)
        self.assertEqual(self._fee_amounts(order)["Y1"], 306.0)

    def test_core_error_is_shown(self):
        """A date outside the tariff table is refused by spoticar_core with a French text."""
        order = self._create_order(self.vehicle_308, sale_date=date(2019, 1, 1))
        self.assertTrue(order.registration_fee_message)
        self.assertFalse(order.order_line.filtered("is_registration_fee"))

    def test_extra_article_keeps_fees(self):
        order = self._create_order(self.vehicle_308)
        fee_lines = order.order_line.filtered("is_registration_fee")
        road = self.env.ref("spoticar_sale.product_road_preparation")
        order.order_line = [Command.create({"product_id": road.id})]
        self.assertEqual(self._fee_amounts(order), {"Y1": 306.0, "Y4": 11.0, "Y5": 2.76})
        self.assertEqual(len(order.order_line), 5)
        # nothing the carte grise depends on changed: the same lines, not computed again
        self.assertEqual(order.order_line.filtered("is_registration_fee"), fee_lines)

    def test_address_changed_by_a_user_without_sales_rights(self):
        order = self._create_order(self.vehicle_308)
        contact_manager = new_test_user(
            self.env,
            login="contact_manager",
            groups="base.group_user,base.group_partner_manager",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        self.customer_rennes.with_user(contact_manager).write({"zip": "76000", "city": "Rouen"})
        self.assertEqual(self._fee_amounts(order)["Y1"], 210.0)
