# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, RedirectWarning, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import SpoticarWarrantyCommon


@tagged("post_install", "-at_install")
class TestWarrantySetupAccess(SpoticarWarrantyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env,
            login="spoticar_warranty_admin",
            groups="base.group_system,spoticar_stock.group_spoticar_manager,"
            "sales_team.group_sale_salesman",
            company_id=cls.company_2.id,
            company_ids=[Command.set((cls.company | cls.company_2).ids)],
        )
        cls.user_salesperson_2 = new_test_user(
            cls.env,
            login="spoticar_salesperson_2",
            groups="spoticar_stock.group_spoticar_user,sales_team.group_sale_salesman",
            company_id=cls.company_2.id,
            company_ids=[Command.set(cls.company_2.ids)],
        )

    def test_settings_admin_only(self):
        # An administrator sets the dealer profile through the settings.
        settings = (
            self.env["res.config.settings"]
            .with_user(self.admin)
            .with_company(self.company_2)
            .create(
                {
                    "spoticar_dealer_code": "123456A",
                    "spoticar_icare_identifier": "ICARE-2",
                    "spoticar_guarantor_cirano": True,
                    "spoticar_cirano_identifier": "RS8010004",
                }
            )
        )
        self.assertTrue(settings.spoticar_guarantor_npo)
        settings.execute()
        self.assertEqual(self.company_2.spoticar_dealer_code, "123456A")
        self.assertEqual(self.company_2.spoticar_cirano_identifier, "RS8010004")
        self.assertEqual(
            self.company_2._spoticar_get_enabled_guarantors().mapped("code"),
            ["npo", "cirano"],
        )
        # A salesperson or a Spoticar manager cannot change them.
        for user in (self.user_salesperson, self.user_manager):
            with self.assertRaises(AccessError):
                self.env["res.config.settings"].with_user(user).create(
                    {"spoticar_dealer_code": "999999Z"}
                )
            with self.assertRaises(AccessError):
                self.company.with_user(user).write({"spoticar_guarantor_cirano": False})
            with self.assertRaises(AccessError):
                self.guarantor_stellantis.with_user(user).write({"name": "X"})
        self.assertEqual(self.company.spoticar_dealer_code, "953617Z")

    def test_cirano_requires_identifier(self):
        with self.assertRaisesRegex(ValidationError, "Cirano"), self.env.cr.savepoint():
            self.env["res.config.settings"].with_user(self.admin).with_company(self.company).create(
                {"spoticar_guarantor_cirano": True}
            )
        self.company.invalidate_recordset()
        self.assertFalse(self.company.spoticar_guarantor_cirano)
        self.company.spoticar_guarantor_cirano = True
        self.assertIn(
            "The Cirano identifier is not set.",
            self.company._spoticar_get_setup_problems(),
        )
        self.company.write({"spoticar_guarantor_cirano": True, "spoticar_cirano_identifier": "RS1"})
        self.assertIn("cirano", self.company._spoticar_get_enabled_guarantors().mapped("code"))

    def test_first_warranty_without_setup_redirects(self):
        vehicle = self._create_vehicle(company_id=self.company_2.id)
        order = self._create_confirmed_order(
            vehicle,
            partner=self._create_customer(company_id=self.company_2.id),
            user_id=self.user_salesperson_2.id,
        )
        # An administrator is led to the settings.
        with self.assertRaises(RedirectWarning) as caught:
            order.with_user(self.admin).with_company(self.company_2).action_spoticar_warranty()
        message, action_id = caught.exception.args[:2]
        self.assertIn("Spoticar RRD dealer code", message)
        self.assertIn("Icare identifier", message)
        self.assertEqual(
            action_id,
            self.env.ref("spoticar_warranty.res_config_settings_action_spoticar_warranty").id,
        )
        # A salesperson is told to ask an administrator.
        with self.assertRaisesRegex(UserError, "administrator"):
            order.with_user(self.user_salesperson_2).action_spoticar_warranty()
        self.assertFalse(self.env["spoticar.warranty"].search([("sale_order_id", "=", order.id)]))
        # Once set up, the warranty is created.
        self.company_2.write(
            {
                "spoticar_dealer_code": "123456A",
                "spoticar_icare_identifier": "ICARE-2",
                "spoticar_guarantor_autogarantie": True,
            }
        )
        action = order.with_user(self.user_salesperson_2).action_spoticar_warranty()
        self.assertTrue(action["res_id"])

    def test_multi_company_isolation(self):
        warranty = self._create_warranty()
        Warranty = self.env["spoticar.warranty"]
        self.assertEqual(
            Warranty.with_user(self.user_salesperson).search([("id", "=", warranty.id)]),
            warranty,
        )
        # The other dealer's salesperson never sees it, nor its contract numbers.
        self._force_vals(
            warranty,
            contract_ids=[
                Command.create(
                    {
                        "guarantor_id": self.guarantor_stellantis.id,
                        "contract_number": "22511015251",
                    }
                )
            ],
        )
        self.assertFalse(
            Warranty.with_user(self.user_salesperson_2).search([("id", "=", warranty.id)])
        )
        self.assertFalse(
            self.env["spoticar.warranty.contract"]
            .with_user(self.user_salesperson_2)
            .search([("contract_number", "=", "22511015251")])
        )
        with self.assertRaises(AccessError):
            warranty.with_user(self.user_salesperson_2).read(["customer_lastname"])
        with self.assertRaises(AccessError):
            warranty.with_user(self.user_salesperson_2).write({"customer_lastname": "X"})

    def test_numbering_per_company(self):
        warranty_1 = self._create_warranty()
        warranty_2 = self._create_warranty(company_id=self.company_2.id)
        self.assertTrue(warranty_1.name.startswith("GAR/"))
        self.assertTrue(warranty_2.name.startswith("GAR/"))
        sequences = self.env["ir.sequence"].search([("code", "=", "spoticar.warranty")])
        self.assertEqual(set(sequences.company_id.ids), {self.company.id, self.company_2.id})
        # Each dealer has its own sequence, used again for its next warranty.
        self.assertEqual(
            self.env["spoticar.warranty"]._get_sequence(self.company_2),
            sequences.filtered(lambda s: s.company_id == self.company_2),
        )

    def test_salesperson_rights(self):
        warranty = self._create_warranty().with_user(self.user_salesperson)
        warranty.customer_profession = "Teacher"
        with self.assertRaises(AccessError):
            warranty.unlink()
        with self.assertRaises(AccessError):
            self.product_premium.with_user(self.user_salesperson).max_age_months = 120
        # The manager adjusts the products (defaults to check with the brand).
        self.product_premium.with_user(self.user_manager).max_age_months = 72
        self.assertEqual(self.product_premium.max_age_months, 72)
        # Users outside the Spoticar groups see no warranty (personal data).
        outsider = new_test_user(
            self.env, login="outsider", groups="base.group_user", company_id=self.company.id
        )
        with self.assertRaises(AccessError):
            self.env["spoticar.warranty"].with_user(outsider).search([])
