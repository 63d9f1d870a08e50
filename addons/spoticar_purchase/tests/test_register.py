# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The livre de police: numbering, append-only guards, integrity chain, access of each role."""

import uuid

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import SpoticarPurchaseCommon


@tagged("post_install", "-at_install")
class TestRegister(SpoticarPurchaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.entries = cls.env["spoticar.register.entry"]
        for seller, price in ((cls.seller_private, 6500.0), (cls.seller_pro, 9000.0)):
            vehicle = cls._create_incoming_vehicle()
            order = cls._purchase(vehicle, seller, price)
            picking = order.picking_ids
            picking.move_ids.quantity = 1.0
            picking.move_ids.picked = True
            picking.button_validate()
            cls.entries |= order.spoticar_register_entry_ids
        cls.entry_1, cls.entry_2 = cls.entries.sorted("number")
        cls.user_admin = cls.env.ref("base.user_admin")
        cls.user_other_company = new_test_user(
            cls.env,
            login="spoticar_other_dealer",
            groups="spoticar_stock.group_spoticar_manager",
            company_id=cls.company_2.id,
            company_ids=[(6, 0, cls.company_2.ids)],
        )

    def _verify(self, user=None):
        Entry = self.env["spoticar.register.entry"]
        if user:
            Entry = Entry.with_user(user)
        return Entry.action_verify_integrity()["params"]

    def test_entries_are_numbered_in_order_without_gap(self):
        self.assertEqual(self.entries.sorted("number").mapped("number"), [1, 2])
        self.assertEqual(self.entry_1.name, "LP-000001")
        self.assertEqual(self.entry_2.previous_hash, self.entry_1.content_hash)
        self.assertEqual(len(self.entry_1.content_hash), 64)
        third = self._receive(
            self._purchase(self._create_incoming_vehicle(), self.seller_pro, 100.0)
        )
        entry_3 = third.move_ids.purchase_line_id.order_id.spoticar_register_entry_ids
        self.assertEqual(entry_3.number, 3)
        self.assertEqual(entry_3.previous_hash, self.entry_2.content_hash)

    def test_warehouse_scope_numbers_each_warehouse_on_its_own(self):
        self.company.spoticar_register_scope = "warehouse"
        picking = self._receive(
            self._purchase(self._create_incoming_vehicle(), self.seller_pro, 100.0)
        )
        entry = picking.move_ids.purchase_line_id.order_id.spoticar_register_entry_ids
        self.assertEqual(entry.number, 1)
        self.assertEqual(entry.name, f"LP-{self.warehouse.code}-000001")

    def test_verify_integrity_of_an_intact_register(self):
        params = self._verify(self.user_salesperson)
        self.assertEqual(params["type"], "success")
        self.assertIn("2", params["message"])

    def test_sql_tamper_is_found_and_the_entry_named(self):
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE spoticar_register_entry SET mileage = 12000 WHERE id = %s", (self.entry_2.id,)
        )
        params = self._verify()
        self.assertEqual(params["type"], "danger")
        self.assertIn(self.entry_2.name, params["message"])
        self.assertNotIn(self.entry_1.name, params["message"])

    def test_sql_deletion_of_the_last_entry_is_found(self):
        self.env.flush_all()
        self.env.cr.execute("DELETE FROM spoticar_register_entry WHERE id = %s", (self.entry_2.id,))
        params = self._verify()
        self.assertEqual(params["type"], "danger")

    def test_nobody_edits_deletes_or_duplicates_an_entry(self):
        for user in (self.user_salesperson, self.user_manager, self.user_admin):
            entry = self.entry_1.with_user(user)
            with self.assertRaises(UserError):
                entry.write({"mileage": 1})
            with self.assertRaises(AccessError):
                entry.unlink()
            with self.assertRaises(UserError):
                entry.copy()
            with self.assertRaises(AccessError):
                entry.create({"kind": "purchase", "entry_date": "2026-01-01"})
        # Not even the superuser: the ORM guards do not depend on access rights.
        with self.assertRaises(UserError):
            self.entry_1.sudo().write({"mileage": 1})
        with self.assertRaises(UserError):
            self.entry_1.sudo().write({"exit_date": "2026-01-01"})
        with self.assertRaises(UserError):
            self.entry_1.sudo().with_context(spoticar_register_exit=True).write({"vin": "X"})
        with self.assertRaises(UserError):
            self.entry_1.sudo().unlink()
        self.assertEqual(self.entry_1.mileage, 85000)
        self.assertEqual(self._verify()["type"], "success")

    def test_roles_read_search_group_and_export_their_register(self):
        for user in (self.user_salesperson, self.user_manager):
            Entry = self.env["spoticar.register.entry"].with_user(user)
            found = Entry.search([])
            self.assertEqual(found, self.entries)
            self.assertEqual(found.read(["name", "vin"])[0]["name"][:3], "LP-")
            groups = Entry.formatted_read_group([], ["kind"], ["amount:sum"])
            self.assertEqual(groups[0]["amount:sum"], 15500.0)
            rows = found.export_data(["name", "seller_name", "amount"])["datas"]
            self.assertEqual(len(rows), 2)
        other_env = self.env(
            user=self.user_other_company, context={"allowed_company_ids": self.company_2.ids}
        )
        self.assertFalse(other_env["spoticar.register.entry"].search([]))
        with self.assertRaises(AccessError):
            self.entry_1.with_env(other_env).read(["vin"])
        with self.assertRaises(AccessError):
            self.env["spoticar.register.counter"].with_user(self.user_salesperson).search([])

    def test_a_correction_is_a_new_entry_pointing_at_the_corrected_one(self):
        correction = self.entry_1._register_correct({"mileage": 85500}, "Kilométrage mal relevé")
        self.assertEqual(correction.number, 3)
        self.assertEqual(correction.corrects_id, self.entry_1)
        self.assertEqual(correction.corrected_number, 1)
        self.assertEqual(correction.mileage, 85500)
        self.assertEqual(correction.vin, self.entry_1.vin)
        self.assertEqual(self.entry_1.mileage, 85000)
        self.assertTrue(self.entry_1.is_corrected)
        self.assertEqual(self.entry_1.corrected_by_ids, correction)
        self.assertEqual(self._verify()["type"], "success")
        with self.assertRaises(UserError):
            self.entry_1._register_correct({"mileage": 1}, "")

    def test_a_manager_corrects_an_entry_from_its_form(self):
        Wizard = self.env["spoticar.register.correct"].with_user(self.user_manager)
        wizard = Wizard.with_context(active_id=self.entry_1.id).create(
            {"reason": "Kilométrage mal relevé"}
        )
        self.assertEqual(wizard.mileage, self.entry_1.mileage)  # the entry's values, to change
        wizard.mileage = 85500
        action = wizard.action_correct()
        correction = self.env["spoticar.register.entry"].browse(action["res_id"])
        self.assertEqual(correction.corrects_id, self.entry_1)
        self.assertEqual(correction.mileage, 85500)
        self.assertEqual(correction.correction_reason, "Kilométrage mal relevé")
        self.assertEqual(self.entry_1.mileage, 85000)  # the entry stays as written
        self.assertEqual(self._verify()["type"], "success")
        # nothing changed, or an entry already corrected: refused
        again = Wizard.with_context(active_id=correction.id).create({"reason": "Rien"})
        with self.assertRaises(UserError):
            again.action_correct()
        twice = Wizard.with_context(active_id=self.entry_1.id).create({"reason": "Encore"})
        twice.mileage = 85600
        with self.assertRaises(UserError):
            twice.action_correct()

    def test_a_salesperson_cannot_correct_an_entry(self):
        with self.assertRaises(AccessError):
            self.env["spoticar.register.correct"].with_user(self.user_salesperson).with_context(
                active_id=self.entry_1.id
            ).create({"reason": "Essai"})

    def test_concurrent_receptions_never_share_a_number_nor_leave_a_gap(self):
        """Two transactions numbering the same establishment at once: the second waits for the
        first's lock, is refused while the first runs, and gets the next number once retried
        (as Odoo retries a request that failed to serialise)."""
        key = f"test-concurrency-{uuid.uuid4().hex}"
        numbers = []
        try:
            with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
                entry_a = api.Environment(cr_a, SUPERUSER_ID, {})["spoticar.register.entry"]
                entry_b = api.Environment(cr_b, SUPERUSER_ID, {})["spoticar.register.entry"]
                number_a, previous_a = entry_a._register_allocate(key)
                cr_b.execute("SET LOCAL lock_timeout = '300ms'")
                with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.OperationalError):
                    entry_b._register_allocate(key)
                cr_b.rollback()
                entry_a._register_counter_move(key, number_a, "hash-a")
                cr_a.commit()
                numbers.append(number_a)
                number_b, previous_b = entry_b._register_allocate(key)
                entry_b._register_counter_move(key, number_b, "hash-b")
                cr_b.commit()
                numbers.append(number_b)
            self.assertEqual(numbers, [1, 2])
            self.assertEqual((previous_a, previous_b), ("", "hash-a"))
        finally:
            with self.registry.cursor() as cr:
                cr.execute("DELETE FROM spoticar_register_counter WHERE establishment = %s", (key,))
