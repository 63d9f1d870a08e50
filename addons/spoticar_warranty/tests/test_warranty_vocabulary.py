# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""One vocabulary: the Odoo selections are the core's, and "Valider" is the declaration's rules."""

import string
from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from spoticar_core import declaration, vocabulary

from .common import SpoticarWarrantyCommon

# (model, field, the core's terms); the "none" label of a vehicle comes on top of the labels.
SELECTIONS = [
    ("product.template", "energy", vocabulary.ENERGIES),
    ("spoticar.vehicle.version", "energy", vocabulary.ENERGIES),
    ("spoticar.trade.in.wizard", "energy", vocabulary.ENERGIES),
    ("spoticar.warranty", "energy", vocabulary.ENERGIES),
    ("product.template", "vehicle_category", vocabulary.VEHICLE_CATEGORIES),
    ("spoticar.vehicle.model", "vehicle_category", vocabulary.VEHICLE_CATEGORIES),
    ("spoticar.vehicle.version", "vehicle_category", vocabulary.VEHICLE_CATEGORIES),
    ("spoticar.warranty", "vehicle_category", vocabulary.VEHICLE_CATEGORIES),
    ("product.template", "vehicle_label", (*vocabulary.LABELS, vocabulary.NO_LABEL)),
    ("spoticar.warranty", "vehicle_label", (*vocabulary.LABELS, vocabulary.NO_LABEL)),
    ("spoticar.warranty.product", "label", vocabulary.LABELS),
    ("res.partner", "civility", vocabulary.CIVILITIES),
    ("spoticar.warranty", "customer_title", vocabulary.CIVILITIES),
    ("spoticar.warranty", "sale_origin", vocabulary.SALE_ORIGINS),
    ("spoticar.warranty", "loyalty_product", vocabulary.LOYALTY_PRODUCTS),
]

TEXT = st.text(alphabet=string.ascii_letters + string.digits + " -'éè", max_size=140)
# Fields emptied or given other values by the property test: every field of the declaration map
# that a salesperson types, plus the dates the rules compare.
CHAR_FIELDS = [
    name
    for name, _path in declaration.WARRANTY_FIELD_PATHS
    if name.startswith("customer_") and not name.endswith("_id") and name != "customer_birthdate"
] + ["vehicle_make", "vehicle_model", "vehicle_version"]
DATE_FIELDS = [
    "sale_date",
    "delivery_date",
    "customer_birthdate",
    "first_registration_date",
    "mfr_warranty_end_date",
]
INT_FIELDS = ["mileage", "din_power", "mfr_warranty_end_km", "duration_months"]
DATES = st.one_of(
    st.just(False), st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31))
)

CHANGES = st.fixed_dictionaries(
    {},
    optional={
        **{name: st.one_of(st.just(False), TEXT) for name in CHAR_FIELDS},
        **{name: DATES for name in DATE_FIELDS},
        **{name: st.integers(min_value=0, max_value=2_000_000) for name in INT_FIELDS},
        "customer_is_company": st.booleans(),
        "customer_title": st.sampled_from([False, *vocabulary.CIVILITY_KEYS]),
        "vehicle_category": st.sampled_from([False, *vocabulary.VEHICLE_CATEGORY_KEYS]),
        "energy": st.sampled_from([False, *vocabulary.ENERGY_KEYS]),
    },
)


@tagged("post_install", "-at_install")
class TestWarrantyVocabulary(SpoticarWarrantyCommon):
    def test_every_selection_has_the_core_keys(self):
        for model, field_name, terms in SELECTIONS:
            field = self.env[model]._fields[field_name]
            keys = [key for key, _label in field._description_selection(self.env)]
            self.assertEqual(keys, [term.key for term in terms], f"{model}.{field_name}")

    def test_guarantor_codes_are_npo_and_the_declaration_guarantors(self):
        field = self.env["spoticar.warranty.guarantor"]._fields["code"]
        keys = {key for key, _label in field._description_selection(self.env)}
        self.assertEqual(keys, {"npo", *declaration.GUARANTORS})
        # every guarantor of the data file has one of them
        codes = set(self.env["spoticar.warranty.guarantor"].search([]).mapped("code"))
        self.assertEqual(codes, keys)

    def test_valider_requires_the_sale_date_the_declaration_requires(self):
        warranty = self._create_warranty(sale_date=False)
        self.assertIn(",sale_date,", warranty.missing_field_names)  # highlighted on the form
        with self.assertRaises(UserError):
            warranty.action_validate()
        self.assertEqual(warranty.state, "draft")

    def test_a_text_longer_than_the_declaration_allows_is_refused_when_typed(self):
        warranty = self._create_warranty()
        with self.assertRaises(ValidationError) as caught:
            warranty.customer_lastname = "D" * 65
        self.assertIn("64", str(caught.exception))
        warranty.customer_lastname = "D" * 64  # the limit itself is accepted
        with self.assertRaises(ValidationError):
            self.product_premium.code = "X" * 17

    def test_a_number_above_the_declaration_bound_is_refused_when_typed(self):
        warranty = self._create_warranty()
        with self.assertRaises(ValidationError) as caught:
            warranty.duration_months = 95690  # typed instead of 9: no end date in year 10000
        self.assertIn("120", str(caught.exception))
        with self.assertRaises(ValidationError):
            warranty.mileage = 2_000_001
        warranty.mileage = 2_000_000

    def test_the_declaration_writes_the_protocol_values(self):
        payload = self._create_warranty(
            customer_title="mrs", sale_origin="no_trade_in"
        )._get_declaration_payload()
        self.assertEqual(payload["customer"]["civility"], "MME")
        self.assertEqual(payload["sale"]["origin"], "Vente sans reprise")
        self.assertEqual(payload["warranty"]["loyalty_product"], "Aucun")
        self.assertEqual(payload["guarantors"], ["spoticar_stellantis"])

    @settings(
        max_examples=40,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(changes=CHANGES)
    @example(changes={"sale_date": False})
    @example(changes={"customer_birthdate": date(2025, 12, 1)})
    @example(changes={"first_registration_date": date(2025, 11, 25)})
    @example(changes={"customer_is_company": True, "customer_company_name": "Garage"})
    @example(changes={"customer_zip": "7501"})
    def test_a_warranty_that_passes_valider_is_accepted_by_the_centralisateur(self, changes):
        """Property: whatever is typed, "Valider" lets through only what the declaration's
        schema accepts."""
        try:
            with self.env.cr.savepoint():
                warranty = self._create_warranty(**changes)
                warranty.action_validate()
        except (UserError, ValidationError):
            return  # refused with a message: nothing to declare
        self.assertEqual(warranty.state, "ready")
        self.assertEqual(
            declaration.validate_declaration(warranty._get_declaration_payload()), [], changes
        )
