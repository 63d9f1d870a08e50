# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from spoticar_core import declaration

from .common import SpoticarWarrantyCommon

# The fields of the declaration that "Valider" must require (the Centralisateur's mandatory data),
# written out here rather than read from the implementation.
REQUIRED_FIELDS = [
    "sale_origin",
    "seller_id",
    "sale_date",
    "customer_title",
    "customer_lastname",
    "customer_firstname",
    "customer_street",
    "customer_zip",
    "customer_city",
    "customer_country_id",
    "customer_birthdate",
    "customer_birth_city",
    "customer_birth_country_id",
    "customer_nationality_id",
    "vehicle_category",
    "license_plate",
    "vehicle_make",
    "vehicle_model",
    "vehicle_version",
    "first_registration_date",
    "energy",
    "din_power",
    "vin",
    "mileage",
    "delivery_date",
    "mfr_warranty_end_date",
    "mfr_warranty_end_km",
    "product_id",
    "duration_months",
    "start_date",
    "loyalty_product",
]
# The end date is required by the declaration too, but computed: reported through its inputs.


@tagged("post_install", "-at_install")
class TestWarrantyValidation(SpoticarWarrantyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activate_french()

    def test_complete_warranty_goes_ready(self):
        warranty = self._create_warranty()
        self.assertFalse(warranty._get_missing_fields())
        self.assertFalse(warranty.missing_field_names)
        warranty.with_user(self.user_salesperson).action_validate()
        self.assertEqual(warranty.state, "ready")
        self.assertTrue(warranty._check_ready())

    def test_every_missing_field_reported_at_once(self):
        empty = {name: False for name in REQUIRED_FIELDS}
        empty.update(duration_months=0, mileage=0, din_power=0, mfr_warranty_end_km=0)
        warranty = self._create_warranty(**empty)
        missing = warranty._get_missing_fields()
        self.assertEqual(set(REQUIRED_FIELDS) - set(missing), set(), "required but not reported")
        for name in missing:  # nothing filled in is reported
            self.assertFalse(warranty[name], name)
        # The form highlights them: the computed list is used in decoration-danger.
        self.assertIn(",vehicle_category,", warranty.missing_field_names)
        self.assertIn(",license_plate,", warranty.missing_field_names)
        with self.assertRaises(UserError) as caught:
            warranty.with_context(lang="fr_FR").action_validate()
        lines = str(caught.exception).splitlines()
        self.assertIn("Le champ type véhicule est obligatoire", lines)
        self.assertIn("Le champ immatriculation est obligatoire", lines)
        self.assertIn("Le champ VIN est obligatoire", lines)
        self.assertIn("Le champ civilité est obligatoire", lines)
        self.assertIn("Le champ nom est obligatoire", lines)
        self.assertIn("Le champ garantie est obligatoire", lines)
        self.assertEqual(len(lines), len(missing), lines)  # one line per missing field
        self.assertEqual(warranty.state, "draft")
        # Filling two of them removes exactly those two lines.
        warranty.write({"vehicle_category": "VP", "license_plate": "fe260rz"})
        self.assertEqual(warranty.license_plate, "FE-260-RZ")
        with self.assertRaises(UserError) as caught:
            warranty.with_context(lang="fr_FR").action_validate()
        message = str(caught.exception)
        self.assertNotIn("type véhicule", message)
        self.assertNotIn("immatriculation", message)
        self.assertEqual(len(message.splitlines()), len(missing) - 2)

    def test_highlighted_fields_are_matched_exactly(self):
        # The view tests ",end_date," in the list: a missing manufacturer warranty end date must
        # not highlight the warranty's own end date, which is set.
        warranty = self._create_warranty(mfr_warranty_end_date=False)
        self.assertTrue(warranty.end_date)
        self.assertIn(",mfr_warranty_end_date,", warranty.missing_field_names)
        self.assertNotIn(",end_date,", warranty.missing_field_names)
        warranty.mfr_warranty_end_date = date(2026, 3, 31)
        self.assertFalse(warranty.missing_field_names)

    def test_computed_end_date_never_reported_missing(self):
        # No delivery date nor manufacturer warranty end: the start date (typed) is missing, the
        # end date (computed from it) is not asked for.
        warranty = self._create_warranty(delivery_date=False, mfr_warranty_end_date=False)
        self.assertFalse(warranty.end_date)
        self.assertIn(",start_date,", warranty.missing_field_names)
        self.assertNotIn(",end_date,", warranty.missing_field_names)
        with self.assertRaises(UserError) as caught:
            warranty.with_context(lang="fr_FR").action_validate()
        message = str(caught.exception)
        self.assertIn("Le champ date début de garantie est obligatoire", message)
        self.assertNotIn("fin de garantie", message)
        # No duration: the duration is reported, not the end date.
        warranty.write(
            {
                "delivery_date": date(2025, 11, 30),
                "mfr_warranty_end_date": date(2025, 5, 11),
                "duration_months": 0,
            }
        )
        self.assertFalse(warranty.end_date)
        self.assertEqual(warranty._get_missing_fields(), ["duration_months"])
        with self.assertRaises(UserError) as caught:
            warranty.with_context(lang="fr_FR").action_validate()
        self.assertEqual(
            str(caught.exception).splitlines(), ["Le champ durée (mois) est obligatoire"]
        )
        # Once computed, nothing is missing.
        warranty.duration_months = 12
        self.assertEqual(warranty.end_date, date(2026, 11, 30))
        warranty.action_validate()
        self.assertEqual(warranty.state, "ready")

    def test_unlimited_manufacturer_warranty_km(self):
        warranty = self._create_warranty(mfr_warranty_end_km=0)
        self.assertIn(",mfr_warranty_end_km,", warranty.missing_field_names)
        help_fr = warranty.with_context(lang="fr_FR")._fields["mfr_warranty_end_km"]
        self.assertIn(
            "Kilométrage illimité",
            help_fr.get_description(warranty.with_context(lang="fr_FR").env)["help"],
        )
        with self.assertRaises(UserError):
            warranty.action_validate()
        # Ticked as a salesperson: no longer missing, the declaration sends the protocol's value.
        warranty.with_user(self.user_salesperson).mfr_warranty_unlimited_km = True
        self.assertFalse(warranty.missing_field_names)
        payload = warranty._get_declaration_payload()
        self.assertEqual(payload["vehicle"]["manufacturer_warranty_end_km"], 999999)
        self.assertEqual(declaration.validate_declaration(payload), [])
        warranty.with_user(self.user_salesperson).action_validate()
        self.assertEqual(warranty.state, "ready")

    def test_eligibility_warning_as_soon_as_the_form_opens(self):
        # A product the vehicle does not fit: said on the form before "Valider".
        warranty = self._create_warranty(mileage=100000, energy="petrol")
        self.assertIn("80000", warranty.with_context(lang="fr_FR").eligibility_warning)
        warranty.energy = "diesel"
        self.assertFalse(warranty.eligibility_warning)
        # No product of the label fits: said too, with each product's reason.
        self.product_essential.max_km_diesel = 50000
        warranty.write({"product_id": False, "mileage": 160000})
        warning = warranty.with_context(lang="fr_FR").eligibility_warning
        self.assertIn("aucun produit de garantie du label Spoticar", warning)
        for product in (self.product_premium, self.product_advanced, self.product_essential):
            self.assertIn(product.name, warning)

    def test_professional_needs_company_name_and_siret(self):
        warranty = self._create_warranty(customer_is_company=True)
        with self.assertRaises(UserError) as caught:
            warranty.with_context(lang="fr_FR").action_validate()
        message = str(caught.exception)
        self.assertIn("Le champ raison sociale est obligatoire", message)
        self.assertIn("Le champ SIRET est obligatoire", message)

    def test_invalid_plate_and_vin_refused(self):
        warranty = self._create_warranty()
        with self.assertRaises(ValidationError):
            warranty.license_plate = "AA-000-AA"  # 000 is never issued
        with self.assertRaises(ValidationError):
            warranty.vin = "VF3UPHNS5PS12345I"  # I is not allowed
        with self.assertRaises(ValidationError):
            warranty.vin = "VF3UPHN"
        warranty.vin = "vf3uphns5ps123456"
        self.assertEqual(warranty.vin, "VF3UPHNS5PS123456")

    def test_registration_type_normalised_or_refused(self):
        warranty = self._create_warranty()
        warranty.registration_doc_type = " m10789456/23 "
        self.assertEqual(warranty.registration_doc_type, "M10789456/23")
        with self.assertRaises(ValidationError) as caught:
            warranty.registration_doc_type = "M10_789456"
        self.assertIn("Type CG", str(caught.exception))
        with self.assertRaises(ValidationError):
            warranty.registration_doc_type = "M" * 33  # the declaration carries 32 at most

    def _assert_not_eligible(self, warranty, *fragments):
        with self.assertRaises(UserError) as caught:
            warranty.with_context(lang="fr_FR").action_validate()
        message = str(caught.exception)
        for fragment in fragments:
            self.assertIn(fragment, message)
        self.assertEqual(warranty.state, "draft")
        return message

    def test_eligibility_age(self):
        # Premium: 60 months at most. First registration 10/2019, delivery 30/11/2025: 74 months
        # (started months count).
        warranty = self._create_warranty(first_registration_date=date(2019, 10, 1))
        self._assert_not_eligible(
            warranty,
            "Véhicule non éligible à SPOTICAR PREMIUM",
            "74 mois",
            "maximum 60 mois",
        )
        # Advanced accepts up to 96 months.
        warranty.product_id = self.product_advanced
        warranty.action_validate()
        self.assertEqual(warranty.state, "ready")

    def test_eligibility_km_by_energy(self):
        # 100,000 km: over the petrol limit (80,000), under the diesel one (120,000).
        warranty = self._create_warranty(mileage=100000, energy="petrol")
        self._assert_not_eligible(warranty, "100000 km", "maximum 80000 km", "l'énergie Essence")
        warranty.energy = "diesel"
        warranty.action_validate()
        self.assertEqual(warranty.state, "ready")

    def test_eligibility_category(self):
        warranty = self._create_warranty(vehicle_category="VU")
        self._assert_not_eligible(
            warranty, "véhicules utilitaires légers (VU) ne sont pas couverts"
        )
        self.product_premium.allow_vu = True
        warranty.action_validate()
        self.assertEqual(warranty.state, "ready")

    def test_eligibility_label_duration_guarantor(self):
        warranty = self._create_warranty(vehicle_label="ds_certified", duration_months=48)
        message = self._assert_not_eligible(warranty, "DS Certified", "12, 24, 36 mois, pas 48")
        self.assertIn("le produit relève du label Spoticar", message)
        self.company.spoticar_guarantor_stellantis = False
        self.company.spoticar_guarantor_autogarantie = True
        warranty.write({"vehicle_label": "spoticar", "duration_months": 12})
        self._assert_not_eligible(warranty, "n'est pas activé")

    def test_unlabelled_vehicle_follows_its_make(self):
        # A vehicle without a label goes to its make's programme: Spoticar for a Peugeot, never
        # another brand's certified product.
        Warranty = self.env["spoticar.warranty"]
        self.assertEqual(
            Warranty._get_default_product(self.company, "none", "VP", "Peugeot"),
            self.product_premium,
        )
        ds_product = self.env.ref("spoticar_warranty.product_ds_certified")
        self.assertEqual(Warranty._get_default_product(self.company, False, "VP", "DS"), ds_product)
        alfa_product = self.env.ref("spoticar_warranty.product_alfa_romeo_certified")
        warranty = self._create_warranty(vehicle_label="none", product_id=alfa_product.id)
        message = self._assert_not_eligible(warranty, "Alfa Romeo Certified")
        self.assertIn("le véhicule du label Spoticar", message)
        warranty.product_id = self.product_premium
        warranty.action_validate()
        self.assertEqual(warranty.state, "ready")

    def test_date_computations(self):
        # Manufacturer warranty already over: starts at delivery.
        warranty = self._create_warranty()
        self.assertEqual(warranty.start_date, date(2025, 11, 30))
        self.assertEqual(warranty.end_date, date(2026, 11, 30))
        # Manufacturer warranty still running: starts when it ends.
        warranty.mfr_warranty_end_date = date(2026, 3, 31)
        self.assertEqual(warranty.start_date, date(2026, 3, 31))
        self.assertEqual(warranty.end_date, date(2027, 3, 31))
        warranty.duration_months = 24
        self.assertEqual(warranty.end_date, date(2028, 3, 31))
        # End of month: 31 August + 6 months is the last day of February.
        warranty.write(
            {
                "product_id": self.product_essential.id,
                "mfr_warranty_end_date": date(2025, 8, 31),
                "delivery_date": date(2025, 8, 31),
            }
        )
        self.assertEqual(warranty.duration_months, 6)
        self.assertEqual(warranty.end_date, date(2026, 2, 28))
        # The product change keeps a duration it offers.
        warranty.product_id = self.product_premium
        self.assertEqual(warranty.duration_months, 12)
        # Start date may be moved by hand, end follows.
        warranty.start_date = date(2025, 9, 15)
        self.assertEqual(warranty.end_date, date(2026, 9, 15))

    def test_start_before_delivery_refused(self):
        warranty = self._create_warranty()
        warranty.start_date = date(2025, 11, 1)
        self._assert_not_eligible(warranty, "ne peut pas commencer avant la date de livraison")

    def test_states_tracked_in_chatter(self):
        warranty = self._create_warranty().with_context(tracking_disable=False)
        self.env.cr.flush()  # records created in this transaction are not tracked yet
        warranty.action_validate()
        self.env.cr.flush()
        tracking = warranty.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual(tracking[:1].old_value_char, "Draft")
        self.assertEqual(tracking[:1].new_value_char, "Ready to declare")

    def test_state_transitions(self):
        warranty = self._create_warranty()
        warranty.action_validate()
        warranty._spoticar_declare_outside(
            "SP953617Z103833712", {self.guarantor_stellantis: "22511015251"}
        )
        self.assertEqual(warranty.state, "declared")
        with self.assertRaises(UserError):
            warranty.action_cancel()
        with self.assertRaises(UserError):
            warranty.unlink()
        other = self._create_warranty()
        other.action_cancel()
        other.action_reset_draft()
        self.assertEqual(other.state, "draft")

    def test_product_rules_are_checked(self):
        product = self.product_premium.with_user(self.user_manager)
        self.assertEqual(product._get_durations(), [12, 24, 36])
        self.assertEqual(product._get_max_km("diesel"), 120000)
        self.assertEqual(product._get_max_km("plugin_hybrid"), 80000)
        self.assertEqual(product._get_max_km("lpg"), 80000)
        self.assertTrue(product.to_check)
        with self.assertRaisesRegex(ValidationError, "12,24,36"), self.env.cr.savepoint():
            product.duration_options = "12, douze"
        with self.assertRaisesRegex(ValidationError, "negative"), self.env.cr.savepoint():
            product.max_km_diesel = -1
        product.duration_options = "24, 12"
        self.assertEqual(product._get_durations(), [12, 24])
