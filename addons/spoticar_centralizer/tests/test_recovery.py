# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A declaration cannot be forged nor stuck: the body sent with a key is the one retried, a change
after a lost answer asks the Centralisateur first (GET by key), a 409 is resolved the same way."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs

from spoticar_core.declaration import canonical_json

from .common import SpoticarCentralizerCommon


@tagged("post_install", "-at_install")
class TestCentralizerRecovery(SpoticarCentralizerCommon):
    def _lose_the_answer(self, warranty, after=True):
        """Click "Déclarer et garantir": the Centralisateur registers (after=True) or not, and the
        answer never comes back (both attempts of the click)."""
        self.sandbox.inject_fault("timeout", after=after, delay=3, count=2)
        with self._client_warnings(), trap_jobs() as trap:
            warranty.action_centralizer_declare()
            trap.assert_jobs_count(1)
        self.assertEqual(warranty.state, "to_retry")
        self.assertEqual(self.sandbox.stats()["declarations"], 1 if after else 0)
        return trap

    def _assert_declared_once(self, warranty):
        stored = self.sandbox.store.lookup(warranty.centralizer_idempotency_key)[1]
        self.assertEqual(warranty.state, "declared")
        self.assertEqual(warranty.declaration_number, stored["declaration_number"])
        self.assertEqual(
            warranty.contract_ids.mapped("contract_number"), list(stored["contracts"].values())
        )
        stats = self.sandbox.stats()
        self.assertEqual((stats["declarations"], stats["contracts"]), (1, 1))
        self.assertEqual(stats["duplicate_contracts"], 0)

    def test_body_is_stored_at_the_first_attempt_and_resent_as_is(self):
        """Answer lost after storing, then the seller renamed himself, then the retry."""
        warranty = self._create_ready_warranty()
        self._lose_the_answer(warranty)
        sent = warranty.sudo().centralizer_request_body
        self.assertEqual(sent, canonical_json(warranty._centralizer_prepare_payload()))
        self.user_salesperson.name = "Nicolas Vendeur-Renommé"
        self.assertNotEqual(sent, canonical_json(warranty._centralizer_prepare_payload()))
        result = warranty._centralizer_job_declare()
        self.assertIn(warranty.declaration_number, result)
        self._assert_declared_once(warranty)
        self.assertEqual(self.sandbox.stats()["conflicts"], 0)
        self.assertEqual(self._exchanges(warranty).mapped("result"), ["transient", "replayed"])

    def test_job_stores_the_body_with_its_failure(self):
        """In a job the failure is recorded on its own cursor: the body survives the rollback."""
        warranty = self._create_ready_warranty()
        warranty.action_centralizer_declare_batch()
        self.sandbox.inject_fault("timeout", after=True, delay=3, count=1)
        with self.enter_registry_test_mode(), self._client_warnings():
            try:
                warranty._centralizer_job_declare()
            except RetryableJobError:
                pass
            else:
                self.fail("RetryableJobError not raised")
        warranty.invalidate_recordset()
        self.assertEqual(warranty.state, "to_retry")
        self.assertTrue(warranty.sudo().centralizer_request_body)
        self.user_salesperson.name = "Nicolas Vendeur-Renommé"
        warranty._centralizer_job_declare()
        self._assert_declared_once(warranty)
        self.assertEqual(self.sandbox.stats()["conflicts"], 0)

    def test_change_after_a_lost_answer_asks_the_centralisateur_first(self):
        warranty = self._create_ready_warranty()
        registered = warranty._centralizer_prepare_payload()
        self._lose_the_answer(warranty)
        warranty.write({"customer_city": "LYON", "customer_zip": "69001"})
        action = warranty.action_centralizer_declare()
        self._assert_declared_once(warranty)
        self.assertEqual(self.sandbox.stats()["conflicts"], 0)
        self.assertEqual(self._exchanges(warranty).mapped("result"), ["transient", "recovered"])
        self.assertEqual(self._exchanges(warranty)[-1].method, "GET")
        # What the Centralisateur registered, not the data changed since, is the declaration.
        self.assertEqual(warranty.sudo().centralizer_request_body, canonical_json(registered))
        self.assertEqual(action["params"]["type"], "warning")
        self.assertIn("changes made since were not declared", action["params"]["message"])
        self.assertIn("not declared", " ".join(self._messages(warranty)))

    def test_change_after_a_lost_request_sends_the_new_data(self):
        warranty = self._create_ready_warranty()
        self._lose_the_answer(warranty, after=False)
        warranty.write({"customer_city": "LYON", "customer_zip": "69001"})
        with self.enter_registry_test_mode():  # the job journals on its own cursor
            warranty._centralizer_job_declare()
        self._assert_declared_once(warranty)
        stored = self.sandbox.store.get(warranty.declaration_number)["declaration"]
        self.assertEqual(stored["customer"]["city"], "LYON")
        self.assertEqual(
            self._exchanges(warranty).mapped("result"),
            ["transient", "not_found", "success"],
        )

    def test_conflict_is_resolved_by_the_key(self):
        """The key is registered with another body (e.g. a warranty sent before bodies were
        kept): the 409 takes the registered declaration instead of leaving it "ready"."""
        warranty = self._create_ready_warranty()
        other = warranty._centralizer_prepare_payload()
        other["customer"]["city"] = "LYON"
        self.sandbox.store.declare(warranty.centralizer_idempotency_key, other)
        warranty.action_centralizer_declare()
        self._assert_declared_once(warranty)
        self.assertEqual(self.sandbox.stats()["conflicts"], 1)
        self.assertEqual(self._exchanges(warranty).mapped("http_status"), [409, 200])

    def test_lookup_unreachable_keeps_the_warranty_waiting(self):
        warranty = self._create_ready_warranty()
        self._lose_the_answer(warranty)
        warranty.write({"customer_city": "LYON", "customer_zip": "69001"})
        self.sandbox.inject_fault("error", status=503, endpoint="get", count=2)
        with self._client_warnings(), trap_jobs():
            warranty.action_centralizer_declare()
        self.assertEqual(warranty.state, "to_retry")
        self.assertTrue(warranty.sudo().centralizer_request_body)
        self.assertEqual(self.sandbox.stats()["declarations"], 1)
        with self.assertRaises(UserError):
            warranty.action_cancel()
        warranty.action_centralizer_declare()
        self._assert_declared_once(warranty)

    def test_key_and_state_cannot_be_forged_to_declare_twice(self):
        warranty = self._create_ready_warranty()
        warranty.with_user(self.user_salesperson).action_centralizer_declare()
        number = warranty.declaration_number
        contract = warranty.contract_ids.contract_number
        as_salesperson = warranty.with_user(self.user_salesperson)
        for vals in (
            {"state": "ready"},
            {"declaration_number": False},
            {"centralizer_idempotency_key": "another-key"},
            {"centralizer_last_error": "x"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                as_salesperson.write(vals)
        with self.assertRaises(UserError):
            as_salesperson.action_centralizer_declare()
        self.assertEqual((warranty.declaration_number, warranty.state), (number, "declared"))
        self.assertEqual(warranty.contract_ids.contract_number, contract)
        self.assertEqual(self.sandbox.stats()["declarations"], 1)

    def test_number_typed_while_to_retry_is_impossible_then_declared_outside(self):
        warranty = self._create_ready_warranty()
        self._lose_the_answer(warranty, after=False)
        for user in (self.user_salesperson, self.user_manager):
            with self.assertRaises(UserError):
                warranty.with_user(user).write({"declaration_number": "SP953617Z103833712"})
        self.assertFalse(warranty.declaration_number)
        # The manager's action records the numbers and leaves a consistent warranty.
        action = warranty.with_user(self.user_manager).action_open_declare_outside()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.user_manager)
            .create(
                {
                    "warranty_id": warranty.id,
                    "declaration_number": "SP953617Z103833712",
                    "contract_number": "22511015251",
                }
            )
        )
        wizard.action_confirm()
        self.assertEqual(warranty.state, "declared")
        self.assertFalse(warranty.sudo().centralizer_request_body)
        self.assertFalse(warranty.centralizer_last_error)
        # The queued retry and the cron leave it alone; nothing more is sent.
        requests_before = self.sandbox.stats()["requests"]
        self.assertIn("SP953617Z103833712", warranty._centralizer_job_declare())
        with trap_jobs() as trap:
            self.env["spoticar.warranty"]._cron_centralizer_retry()
            trap.assert_jobs_count(0)
        self.assertEqual(self.sandbox.stats()["requests"], requests_before)

    def test_change_survives_a_failure_before_the_next_try(self):
        """Changed after a lost request, then a try fails on the configuration: the next one still
        asks first, then sends the changed data (not the old body)."""
        warranty = self._create_ready_warranty()
        self._lose_the_answer(warranty, after=False)
        warranty.write({"customer_city": "LYON", "customer_zip": "69001"})
        api_key = self.company.spoticar_centralizer_api_key
        self.company.spoticar_centralizer_api_key = False
        warranty.action_centralizer_declare()
        self.assertEqual(warranty.state, "ready")
        self.assertTrue(warranty.sudo().centralizer_request_body)
        with self.assertRaises(UserError):  # the Centralisateur may hold the first body
            warranty.action_cancel()
        self.company.spoticar_centralizer_api_key = api_key
        warranty.action_centralizer_declare()
        self._assert_declared_once(warranty)
        stored = self.sandbox.store.get(warranty.declaration_number)["declaration"]
        self.assertEqual(stored["customer"]["city"], "LYON")
        self.assertEqual(
            self._exchanges(warranty).mapped("result"),
            ["transient", "permanent", "not_found", "success"],
        )
