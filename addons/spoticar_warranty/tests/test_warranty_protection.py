# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""State, numbers and contracts change only through the business methods, whoever calls the ORM
(as a JSON-RPC client would, with .with_user())."""

from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import Form, new_test_user, tagged

from .common import SpoticarWarrantyCommon

NUMBER = "SP953617Z103833712"
CONTRACT = "22511015251"


@tagged("post_install", "-at_install")
class TestWarrantyProtection(SpoticarWarrantyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_admin = new_test_user(
            cls.env,
            login="spoticar_warranty_admin",
            groups="base.group_system,spoticar_stock.group_spoticar_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.roles = {
            "salesperson": cls.user_salesperson,
            "manager": cls.user_manager,
            "admin": cls.user_admin,
        }

    def _declared(self, **vals):
        warranty = self._create_warranty(**vals)
        warranty.action_validate()
        warranty._spoticar_declare_outside(NUMBER, {self.guarantor_stellantis: CONTRACT})
        return warranty

    def test_protected_fields_refused_to_every_role(self):
        warranty = self._create_warranty()
        for role, user in self.roles.items():
            as_user = warranty.with_user(user)
            for vals in (
                {"state": "declared"},
                {"state": "ready"},
                {"declaration_number": NUMBER},
                {"declaration_date": date(2025, 12, 1)},
                {"name": "GAR/FAKE"},
                {"is_ended": True},
                {"declaration_correction": True},
                {
                    "contract_ids": [
                        Command.create(
                            {"guarantor_id": self.guarantor_stellantis.id, "contract_number": "1"}
                        )
                    ]
                },
            ):
                with self.subTest(role=role, vals=vals), self.assertRaises(UserError):
                    as_user.write(vals)
        # A context key set by the client does not open the guard.
        with self.assertRaises(UserError):
            warranty.with_user(self.user_admin).with_context(
                spoticar_warranty_protected_write=True
            ).write({"state": "declared"})
        self.assertEqual(warranty.state, "draft")
        self.assertFalse(warranty.declaration_number)
        self.assertFalse(warranty.contract_ids)

    def test_create_is_a_draft_without_numbers(self):
        Warranty = self.env["spoticar.warranty"]
        for role, user in self.roles.items():
            for vals in ({"state": "declared"}, {"declaration_number": NUMBER}, {"name": "X"}):
                with self.subTest(role=role, vals=vals), self.assertRaises(UserError):
                    Warranty.with_user(user).create(self._warranty_vals(**vals))
        draft = Warranty.with_user(self.user_salesperson).create(
            self._warranty_vals(state="draft", name="/")
        )
        self.assertEqual(draft.state, "draft")
        self.assertTrue(draft.name.startswith("GAR/"))

    def test_declared_data_frozen_but_for_a_manager_correction(self):
        warranty = self._declared()
        for role, user in self.roles.items():
            with self.subTest(role=role), self.assertRaises(UserError):
                warranty.with_user(user).write({"customer_lastname": "Durand"})
            with self.subTest(role=role), self.assertRaises(UserError):
                warranty.with_user(user).write({"state": "cancelled"})
        with self.assertRaises(UserError):
            warranty.with_user(self.user_salesperson).action_cancel()
        with self.assertRaises(AccessError):  # no delete right
            warranty.with_user(self.user_salesperson).unlink()
        for role in ("manager", "admin"):
            with self.subTest(role=role), self.assertRaises(UserError):
                warranty.with_user(self.roles[role]).unlink()
        # Not in the declaration: the responsible can change.
        warranty.with_user(self.user_salesperson).write({"user_id": self.user_manager.id})
        # The correction is a manager's, logged field by field in the chatter.
        with self.assertRaises(AccessError):
            warranty.with_user(self.user_salesperson).action_start_declaration_correction()
        warranty.with_user(self.user_manager).action_start_declaration_correction()
        self.assertTrue(warranty.declaration_correction)
        with self.assertRaises(UserError):
            warranty.with_user(self.user_salesperson).write({"customer_lastname": "Durand"})
        warranty.with_user(self.user_manager).write({"customer_lastname": "Durand"})
        self.assertEqual(warranty.customer_lastname, "Durand")
        self.assertIn("Dupond → Durand", " ".join(warranty.message_ids.mapped("body")))
        warranty.with_user(self.user_manager).action_end_declaration_correction()
        self.assertFalse(warranty.declaration_correction)
        with self.assertRaises(UserError):
            warranty.with_user(self.user_manager).write({"customer_lastname": "Martin"})
        self.assertEqual((warranty.state, warranty.declaration_number), ("declared", NUMBER))

    def test_contract_rows_read_only(self):
        warranty = self._declared()
        contract = warranty.contract_ids
        self.assertEqual(contract.contract_number, CONTRACT)
        for role, user in self.roles.items():
            Contract = self.env["spoticar.warranty.contract"].with_user(user)
            with self.subTest(role=role):
                # Read, search, group and export: yes.
                self.assertEqual(Contract.search([("warranty_id", "=", warranty.id)]), contract)
                read = contract.with_user(user).read(["contract_number"])
                self.assertEqual(read[0]["contract_number"], CONTRACT)
                groups = Contract.formatted_read_group(
                    [("id", "=", contract.id)], ["guarantor_id"], ["__count"]
                )
                self.assertEqual(groups[0]["__count"], 1)
                self.assertEqual(
                    contract.with_user(user).export_data(["contract_number"])["datas"], [[CONTRACT]]
                )
                with self.assertRaises(AccessError):
                    contract.with_user(user).write({"contract_number": "22511015252"})
                with self.assertRaises(AccessError):
                    Contract.create(
                        {
                            "warranty_id": warranty.id,
                            "guarantor_id": self.guarantor_stellantis.id,
                            "contract_number": "1",
                        }
                    )
                with self.assertRaises(AccessError):
                    contract.with_user(user).unlink()
        # Even with every access right, only the business methods change them.
        with self.assertRaises(UserError):
            contract.sudo().write({"contract_number": "22511015252"})
        with self.assertRaises(UserError):
            contract.sudo().unlink()
        self.assertEqual(contract.contract_number, CONTRACT)

    def test_declared_outside_odoo_by_a_manager_only(self):
        warranty = self._create_warranty()
        with self.assertRaises(AccessError):
            warranty.with_user(self.user_salesperson).action_open_declare_outside()
        with self.assertRaises(AccessError):
            self.env["spoticar.warranty.declare.outside"].with_user(self.user_salesperson).create(
                {"warranty_id": warranty.id, "declaration_number": NUMBER}
            )
        action = warranty.with_user(self.user_manager).action_open_declare_outside()
        Wizard = self.env[action["res_model"]].with_user(self.user_manager)
        wizard = Form(Wizard.with_context(action["context"]))
        wizard.declaration_number = "SP953617Z12"
        wizard.contract_number = CONTRACT
        with self.assertRaisesRegex(ValidationError, "SP, le code RRD"):
            wizard.save().action_confirm()
        wizard.declaration_number = "SP020319L103833712"  # another dealer's number
        with self.assertRaisesRegex(ValidationError, "953617Z"):
            wizard.save().action_confirm()
        wizard.declaration_number = " sp953617z103833712 "
        wizard.contract_number = "AG000000001"
        with self.assertRaisesRegex(ValidationError, "11 chiffres"):
            wizard.save().action_confirm()
        self.assertEqual(warranty.state, "draft")
        wizard.contract_number = CONTRACT
        wizard.save().action_confirm()
        self.assertEqual(warranty.state, "declared")
        self.assertEqual(warranty.declaration_number, NUMBER)
        self.assertEqual(warranty.declaration_date, date.today())
        self.assertEqual(warranty.contract_ids.contract_number, CONTRACT)
        self.assertEqual(warranty.contract_ids.guarantor_id, self.guarantor_stellantis)
        bodies = " ".join(warranty.message_ids.mapped("body"))
        self.assertIn("Declaration made outside Odoo recorded by Claire Responsable", bodies)
        self.assertIn(CONTRACT, bodies)
        # Declared: nothing more to record.
        with self.assertRaises(UserError):
            warranty.with_user(self.user_manager).action_open_declare_outside()

    def test_messages_in_french(self):
        self._activate_french()
        warranty = self._create_warranty().with_context(lang="fr_FR")
        with self.assertRaisesRegex(UserError, "N° de déclaration"):
            warranty.with_user(self.user_salesperson).write({"declaration_number": NUMBER})
        declared = self._declared().with_context(lang="fr_FR")
        with self.assertRaisesRegex(UserError, "est déclarée"):
            declared.with_user(self.user_manager).write({"customer_lastname": "Durand"})
