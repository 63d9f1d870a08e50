# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import SpoticarSaleCommon


@tagged("post_install", "-at_install")
class TestIdentityPerDealer(SpoticarSaleCommon):
    """A customer's identity (birth data, identity documents) stays with the dealer that created
    him: another dealer's salesperson reads, searches, groups and exports nothing of it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_salesperson_2 = new_test_user(
            cls.env,
            login="spoticar_salesperson_nantes",
            name="Vendeur Nantes",
            groups="spoticar_stock.group_spoticar_user",
            company_id=cls.company_2.id,
            company_ids=[Command.set(cls.company_2.ids)],
        )
        card = cls.env.ref("spoticar_sale.id_category_identity_card")
        # Created by the Rennes salesperson, as in the showroom.
        cls.customer = (
            cls.env["res.partner"]
            .with_user(cls.user_salesperson)
            .with_context(allowed_company_ids=cls.company.ids)
            .create(
                {
                    "l10n_fr_customer_type": "individual",
                    "lastname": "CONFIDENTIEL",
                    "firstname": "Anne",
                    "zip": "35000",
                    "country_id": cls.fr.id,
                    "birthdate_date": "1975-04-12",
                    "birth_city": "Vannes",
                    "id_numbers": [Command.create({"category_id": card.id, "name": "ID-RENNES"})],
                }
            )
        )
        cls.contact = (
            cls.env["res.partner"]
            .with_user(cls.user_salesperson)
            .with_context(allowed_company_ids=cls.company.ids)
            .create({"name": "Conjoint", "parent_id": cls.customer.id})
        )
        cls.id_number = cls.customer.sudo().id_numbers

    def test_customer_belongs_to_the_dealer(self):
        self.assertEqual(self.customer.company_id, self.company)
        self.assertEqual(self.contact.company_id, self.company)
        # Where the salesperson chooses, his choice is kept.
        shared = (
            self.env["res.partner"]
            .with_user(self.user_salesperson)
            .create({"name": "Banque partagée", "company_id": False})
        )
        self.assertFalse(shared.company_id)
        # Same dealer: everything is there.
        mine = self.customer.with_user(self.user_salesperson)
        self.assertEqual(mine.read(["birth_city"])[0]["birth_city"], "Vannes")
        self.assertEqual(mine.id_numbers.name, "ID-RENNES")

    def test_partner_hidden_from_another_dealer(self):
        Partner = (
            self.env["res.partner"]
            .with_user(self.user_salesperson_2)
            .with_context(allowed_company_ids=self.company_2.ids)
        )
        domain = [("id", "in", (self.customer | self.contact).ids)]
        self.assertFalse(Partner.search(domain))
        self.assertFalse(Partner.search([("birth_city", "=", "Vannes")]))
        self.assertFalse(Partner.search([("id_numbers.name", "=", "ID-RENNES")]))
        with self.assertRaises(AccessError):
            self.customer.with_user(self.user_salesperson_2).with_context(
                allowed_company_ids=self.company_2.ids
            ).read(["birthdate_date", "birth_city"])
        groups = Partner.formatted_read_group(domain, ["birth_city"], ["__count"])
        self.assertFalse(groups)
        self.assertFalse(Partner.read_group(domain, ["birth_city"], ["birth_city"]))
        with self.assertRaises(AccessError):
            self.customer.with_user(self.user_salesperson_2).with_context(
                allowed_company_ids=self.company_2.ids
            ).export_data(["name", "birthdate_date", "birth_city", "id_numbers/name"])

    def test_identity_documents_hidden_from_another_dealer(self):
        IdNumber = (
            self.env["res.partner.id_number"]
            .with_user(self.user_salesperson_2)
            .with_context(allowed_company_ids=self.company_2.ids)
        )
        domain = [("id", "=", self.id_number.id)]
        self.assertFalse(IdNumber.search(domain))
        self.assertFalse(IdNumber.search([("name", "=", "ID-RENNES")]))
        with self.assertRaises(AccessError):
            self.id_number.with_user(self.user_salesperson_2).with_context(
                allowed_company_ids=self.company_2.ids
            ).read(["name"])
        self.assertFalse(IdNumber.formatted_read_group(domain, ["name"], ["__count"]))
        self.assertFalse(IdNumber.read_group(domain, ["name"], ["name"]))
        with self.assertRaises(AccessError):
            self.id_number.with_user(self.user_salesperson_2).with_context(
                allowed_company_ids=self.company_2.ids
            ).export_data(["name", "partner_id"])
        # The dealer's own salesperson still sees them.
        mine = self.env["res.partner.id_number"].with_user(self.user_salesperson)
        self.assertEqual(mine.search(domain), self.id_number)
        self.assertEqual(
            mine.browse(self.id_number.id).export_data(["name"])["datas"], [["ID-RENNES"]]
        )
