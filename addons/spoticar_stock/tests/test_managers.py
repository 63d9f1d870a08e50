# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The addressees of a company's activities (ageing alerts, W garage renewal, trade-in
approvals, carte grise rates): its active internal Spoticar managers, first by id."""

from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import SpoticarStockCommon

MANAGER_GROUP = "spoticar_stock.group_spoticar_manager"


@tagged("post_install", "-at_install")
class TestCompanyManagers(SpoticarStockCommon):
    def _manager(self, login, company):
        return new_test_user(
            self.env,
            login=login,
            groups=MANAGER_GROUP,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    def test_managers_are_the_active_internal_managers_of_the_company(self):
        root = self.env.ref("base.user_root")
        # OdooBot is in the group (the addon's data) and in every company created as it
        self.assertTrue(root.with_context(active_test=False).has_group(MANAGER_GROUP))
        self.assertIn(self.company, root.company_ids)
        archived = self._manager("spoticar_manager_archived", self.company)
        archived.action_archive()
        second = self._manager("spoticar_manager_second", self.company)
        elsewhere = self._manager("spoticar_manager_elsewhere", self.company_2)
        # whatever the caller's context: an archived user sees no activity
        for context in ({}, {"active_test": False}):
            with self.subTest(context=context):
                managers = self.company.with_context(**context)._spoticar_managers()
                self.assertEqual(managers, self.user_manager | second)
                self.assertEqual(managers[0], self.user_manager)
                self.assertNotIn(self.user_salesperson, managers)
        self.assertEqual(self.company_2._spoticar_managers(), elsewhere)
