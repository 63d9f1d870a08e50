# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import SpoticarCentralizerCommon


@tagged("post_install", "-at_install")
class TestCentralizerAccess(SpoticarCentralizerCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_admin = new_test_user(
            cls.env,
            login="spoticar_admin",
            groups="base.group_system,spoticar_stock.group_spoticar_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.user_manager_2 = new_test_user(
            cls.env,
            login="spoticar_manager_2",
            groups="spoticar_stock.group_spoticar_manager",
            company_id=cls.company_2.id,
            company_ids=[Command.set(cls.company_2.ids)],
        )

    def test_salesperson_declares_without_seeing_the_key_or_the_log(self):
        warranty = self._create_ready_warranty()
        as_salesperson = warranty.with_user(self.user_salesperson)
        as_salesperson.action_centralizer_declare()
        self.assertEqual(warranty.state, "declared")
        Exchange = self.env["spoticar.centralizer.exchange"]
        with self.assertRaises(AccessError):
            Exchange.with_user(self.user_salesperson).search([])
        with self.assertRaises(AccessError):
            self.company.with_user(self.user_salesperson).read(["spoticar_centralizer_api_key"])
        fields = self.env["res.company"].with_user(self.user_salesperson).fields_get()
        self.assertNotIn("spoticar_centralizer_api_key", fields)
        # The warranty form of a salesperson shows neither the log nor the exchanges count.
        self.assertNotIn(
            "centralizer_exchange_count",
            self.env["spoticar.warranty"].with_user(self.user_salesperson).fields_get(),
        )

    def test_manager_reads_the_log_but_not_the_key(self):
        warranty = self._create_ready_warranty()
        warranty.action_centralizer_declare()
        exchanges = self.env["spoticar.centralizer.exchange"].with_user(self.user_manager)
        exchange = exchanges.search([("warranty_id", "=", warranty.id)])
        self.assertEqual(exchange.result, "success")
        self.assertEqual(warranty.with_user(self.user_manager).centralizer_exchange_count, 1)
        with self.assertRaises(AccessError):
            exchange.write({"result": "rejected"})
        with self.assertRaises(AccessError):
            exchanges.create({"warranty_id": warranty.id, "result": "success"})
        with self.assertRaises(AccessError):
            self.company.with_user(self.user_manager).read(["spoticar_centralizer_api_key"])

    def test_administrator_reads_the_key(self):
        company = self.company.with_user(self.user_admin)
        self.assertEqual(company.spoticar_centralizer_api_key, "spoticar-test-key")
        settings = self.env["res.config.settings"].with_user(self.user_admin).create({})
        self.assertEqual(settings.spoticar_centralizer_api_key, "spoticar-test-key")

    def test_key_is_not_copied(self):
        field = self.env["res.company"]._fields["spoticar_centralizer_api_key"]
        self.assertFalse(field.copy)
        self.assertEqual(field.groups, "base.group_system")

    def test_log_of_another_dealer_is_hidden(self):
        warranty = self._create_ready_warranty()
        warranty.action_centralizer_declare()
        Exchange = self.env["spoticar.centralizer.exchange"]
        self.assertEqual(Exchange.with_user(self.user_manager).search_count([]), 1)
        self.assertEqual(Exchange.with_user(self.user_manager_2).search_count([]), 0)

    def test_manager_sees_the_failed_jobs(self):
        self.assertTrue(self.user_manager.has_group("queue_job.group_queue_job_manager"))
        self.assertFalse(self.user_salesperson.has_group("queue_job.group_queue_job_manager"))
        warranty = self._create_ready_warranty()
        warranty._centralizer_enqueue()
        job = self.env["queue.job"].search(
            [("identity_key", "=", warranty._centralizer_job_identity_key())]
        )
        job.write({"state": "failed", "exc_info": "boom"})
        menu = self.env.ref("spoticar_centralizer.spoticar_centralizer_queue_job_menu")
        Menu = self.env["ir.ui.menu"]
        domain = [("model_name", "=", "spoticar.warranty"), ("state", "=", "failed")]
        self.assertEqual(self.env["queue.job"].with_user(self.user_manager).search(domain), job)
        self.assertIn(menu.id, Menu.with_user(self.user_manager)._visible_menu_ids())
        self.assertNotIn(menu.id, Menu.with_user(self.user_salesperson)._visible_menu_ids())
        with self.assertRaises(AccessError):
            self.env["queue.job"].with_user(self.user_salesperson).search(domain)
