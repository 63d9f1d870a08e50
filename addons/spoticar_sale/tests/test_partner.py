# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.tests import Form, new_test_user, tagged

from spoticar_core import limits

from .common import SpoticarSaleCommon


@tagged("post_install", "-at_install")
class TestCustomer(SpoticarSaleCommon):
    def test_individual(self):
        partner = self._create_customer(
            lastname="MARTIN",
            firstname="Bernard",
            birth_name="DURAND",
            civility="mr",
            consent_email=True,
            consent_email_source="showroom",
        )
        self.assertEqual(partner.name, "Bernard MARTIN")
        self.assertFalse(partner.is_company)
        self.assertTrue(partner.ref, "A customer gets a number")
        self.assertTrue(partner.consent_email_date, "The consent is dated")
        self.assertFalse(partner.consent_sms_date)
        with self.assertRaisesRegex(ValidationError, "individual"):
            partner.company_name = "Garage Martin"
            self.env.flush_all()

    def test_professional(self):
        partner = self._create_customer(
            l10n_fr_customer_type="professional",
            name="Transports Martin",
            company_registry="732 829 320 00074",
            vat="FR44732829320",
        )
        self.assertTrue(partner.is_company)
        self.assertEqual(partner.company_registry, "73282932000074")
        with self.assertRaisesRegex(ValidationError, "birth name"):
            partner.birth_name = "MARTIN"
            self.env.flush_all()

    def test_professional_refused(self):
        Partner = self.env["res.partner"]
        base = {
            "l10n_fr_customer_type": "professional",
            "name": "Société Sans Siret",
            "country_id": self.fr.id,
        }
        for vals, message in (
            ({}, "SIRET number is required"),
            ({"company_registry": "73282932000075"}, "SIRET number 73282932000075 .* invalid"),
            ({"company_registry": "7328293200"}, "14 digits"),
            (
                {"company_registry": "73282932000074", "vat": "FR45732829320"},
                "VAT number FR45732829320",
            ),
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
                self.env.cr.savepoint(),
            ):
                Partner.create(dict(base, **vals))
                self.env.flush_all()
        self.assertFalse(Partner.search([("name", "=", "Société Sans Siret")]))

    def test_foreign_professional_without_siret(self):
        partner = self._create_customer(
            l10n_fr_customer_type="professional",
            name="Autohaus Köln GmbH",
            country_id=self.env.ref("base.de").id,
            vat="DE123456789",
        )
        self.env.flush_all()
        self.assertTrue(partner.is_company)
        self.assertFalse(partner.company_registry)

    def test_french_message(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["spoticar_sale"], ["fr_FR"], overwrite=True
        )
        with self.assertRaisesRegex(ValidationError, "numéro SIRET est obligatoire"):
            self.env["res.partner"].with_context(lang="fr_FR").create(
                {
                    "l10n_fr_customer_type": "professional",
                    "name": "Sans Siret",
                    "country_id": self.fr.id,
                }
            )
            self.env.flush_all()

    def test_identity_documents_and_co_holder(self):
        licence = self.env.ref("spoticar_sale.id_category_driving_licence")
        card = self.env.ref("spoticar_sale.id_category_identity_card")
        co_holder = self._create_customer(
            lastname="DUPONT", firstname="Marie", is_main_driver=False
        )
        partner = self._create_customer(
            lastname="DUPONT",
            firstname="Paul",
            co_holder_id=co_holder.id,
            id_numbers=[
                Command.create(
                    {"category_id": card.id, "name": "180435012345", "place_issuance": "Rennes"}
                ),
                Command.create(
                    {"category_id": licence.id, "name": "13AB12345", "licence_category": "B"}
                ),
            ],
        )
        self.assertEqual(partner.identity_document_id.name, "180435012345")
        self.assertEqual(partner.driving_licence_id.licence_category, "B")
        self.assertEqual(partner.co_holder_id, co_holder)

    def test_identity_data_only_for_spoticar_groups(self):
        card = self.env.ref("spoticar_sale.id_category_identity_card")
        partner = self._create_customer(
            lastname="SECRET",
            birthdate_date="1980-02-03",
            birth_city="Vannes",
            id_numbers=[Command.create({"category_id": card.id, "name": "ID-42"})],
        )
        plain_user = new_test_user(
            self.env,
            login="plain_internal",
            groups="base.group_user",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        as_plain = partner.with_user(plain_user)
        self.assertEqual(as_plain.name, "SECRET")
        with self.assertRaises(AccessError):
            as_plain.read(["birthdate_date"])
        with self.assertRaises(AccessError):
            as_plain.read(["birth_name"])
        self.assertFalse(
            self.env["res.partner.id_number"]
            .with_user(plain_user)
            .search([("partner_id", "=", partner.id)])
        )
        as_seller = partner.with_user(self.user_salesperson)
        self.assertEqual(str(as_seller.read(["birthdate_date"])[0]["birthdate_date"]), "1980-02-03")
        self.assertEqual(as_seller.id_numbers.name, "ID-42")

    def test_customer_form(self):
        """The "Nouveau client" form: type professional switches to a company."""
        form = Form(
            self.env["res.partner"].with_user(self.user_salesperson),
            view="spoticar_sale.res_partner_view_form_spoticar",
        )
        form.l10n_fr_customer_type = "professional"
        self.assertTrue(form.is_company)
        form.name = "Garage Client SARL"
        form.company_registry = "44306184100047"
        form.zip = "35000"
        form.city = "Rennes"
        partner = form.save()
        self.assertEqual(partner.l10n_fr_customer_type, "professional")
        self.assertTrue(partner.ref)


@tagged("post_install", "-at_install")
class TestCustomerEntryLimits(SpoticarSaleCommon):
    def test_birth_date_in_the_past(self):
        customer = self._create_customer(lastname="NAISSANCE")
        for value in ("2090-01-01", "1800-05-17", "0001-01-01"):
            with self.subTest(value=value), self.assertRaises(ValidationError) as error:
                customer.write({"birthdate_date": value})
                self.env.flush_all()
            self.assertIn("Birthdate", str(error.exception))
        with self.assertRaises(ValidationError):
            self._create_customer(lastname="FUTUR", birthdate_date="2090-01-01")
        customer.birthdate_date = "1960-05-17"
        self.assertEqual(str(customer.birthdate_date), "1960-05-17")

    def test_customer_texts_within_the_protocol(self):
        size = limits.declaration_max_length("customer.last_name")
        with self.assertRaises(ValidationError) as error:
            self._create_customer(lastname="L" * (size + 1))
        self.assertIn(str(size), str(error.exception))
        customer = self._create_customer(lastname="L" * size)
        street = limits.declaration_max_length("customer.street")
        with self.assertRaises(ValidationError):
            customer.write({"street": "S" * (street + 1)})
            self.env.flush_all()
        with self.assertRaises(ValidationError):
            customer.write({"birth_city": "V" * 200})
            self.env.flush_all()
        # A supplier is not declared: no protocol limit on it.
        supplier = self.env["res.partner"].create({"name": "Fournisseur", "street": "S" * 200})
        self.assertEqual(len(supplier.street), 200)
