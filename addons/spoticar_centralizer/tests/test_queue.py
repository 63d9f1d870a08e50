# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.queue_job.exception import FailedJobError, RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import SpoticarCentralizerCommon

JOB_FUNCTION = "<spoticar.warranty>._centralizer_job_declare"


@tagged("post_install", "-at_install")
class TestCentralizerQueue(SpoticarCentralizerCommon):
    """Reliable transmission through queue_job: enqueueing, then what the job does."""

    def _assert_job_raises(self, exception_class, warranty):
        """Like assertRaises, without its savepoint: the job's own cursor has written the exchange
        and the state, which must survive the exception (queue_job rolls the job back before a
        retry)."""
        try:
            warranty._centralizer_job_declare()
        except exception_class:
            return
        self.fail(f"{exception_class.__name__} not raised")

    def test_job_function_has_a_retry_pattern(self):
        config = self.env["queue.job.function"].job_config(JOB_FUNCTION)
        self.assertEqual(config.channel, "root.spoticar_centralizer")
        self.assertEqual(config.retry_pattern, {1: 60, 3: 300, 5: 1800, 8: 3600})

    def test_batch_enqueues_the_ready_warranties(self):
        ready = self._create_ready_warranty() | self._create_ready_warranty(
            license_plate="GA-123-BC", vin="VF3UPHNS5PS654321"
        )
        draft = self._create_warranty(license_plate="GB-124-BC", vin="VF3UPHNS5PS654322")
        with trap_jobs() as trap:
            action = (
                (ready | draft).with_user(self.user_salesperson).action_centralizer_declare_batch()
            )
            trap.assert_jobs_count(2)
            for warranty in ready:
                trap.assert_enqueued_job(
                    warranty._centralizer_job_declare,
                    properties={
                        "identity_key": warranty._centralizer_job_identity_key(),
                        "max_retries": 12,
                    },
                )
        self.assertIn("1", action["params"]["message"])  # one skipped
        self.assertEqual(set(ready.mapped("state")), {"sent"})
        self.assertEqual(draft.state, "draft")
        self.assertEqual(self.sandbox.stats()["requests"], 0)  # nothing sent before the jobs run
        trap.perform_enqueued_jobs()
        self.assertEqual(set(ready.mapped("state")), {"declared"})
        self.assertEqual(self.sandbox.stats()["contracts"], 2)

    def test_batch_without_ready_warranty(self):
        draft = self._create_warranty()
        with self.assertRaises(UserError):
            draft.action_centralizer_declare_batch()

    def test_enqueue_twice_makes_one_job(self):
        warranty = self._create_ready_warranty()
        counter_before = self.env["queue.job"].search_count([])
        warranty._centralizer_enqueue()
        warranty._centralizer_enqueue()
        jobs = self.env["queue.job"].search(
            [("identity_key", "=", warranty._centralizer_job_identity_key())]
        )
        self.assertEqual(len(jobs), 1)
        self.assertEqual(self.env["queue.job"].search_count([]), counter_before + 1)
        self.assertEqual(jobs.channel, "root.spoticar_centralizer")
        self.assertEqual(jobs.max_retries, 12)
        self.assertEqual(jobs.records, warranty)

    def test_cron_requeues_the_waiting_warranties(self):
        waiting = self._create_ready_warranty()
        self._force_vals(waiting, state="to_retry")
        queued = self._create_ready_warranty(license_plate="GA-123-BC", vin="VF3UPHNS5PS654321")
        self._force_vals(queued, state="sent")
        ready = self._create_ready_warranty(license_plate="GB-124-BC", vin="VF3UPHNS5PS654322")
        with trap_jobs() as trap:
            self.env["spoticar.warranty"]._cron_centralizer_retry()
            trap.assert_jobs_count(2)
            trap.assert_enqueued_job(waiting._centralizer_job_declare)
            trap.assert_enqueued_job(queued._centralizer_job_declare)
            # "to_retry" without a stored body (sent before bodies were kept): the job first asks
            # the Centralisateur by key and journals that on its own cursor.
            with self.enter_registry_test_mode():
                trap.perform_enqueued_jobs()
        self.assertEqual((waiting | queued).mapped("state"), ["declared", "declared"])
        self.assertEqual(ready.state, "ready")

    def test_cron_leaves_a_running_job_alone(self):
        warranty = self._create_ready_warranty()
        self._force_vals(warranty, state="to_retry")
        warranty._centralizer_enqueue()
        job = self.env["queue.job"].search(
            [("identity_key", "=", warranty._centralizer_job_identity_key())]
        )
        job.write({"state": "started"})
        with trap_jobs() as trap:
            self.env["spoticar.warranty"]._cron_centralizer_retry()
            trap.assert_jobs_count(0)
        job.write({"state": "failed"})
        with trap_jobs() as trap:
            self.env["spoticar.warranty"]._cron_centralizer_retry()
            trap.assert_jobs_count(1)

    def test_job_transient_failure_raises_retryable_and_keeps_the_log(self):
        warranty = self._create_ready_warranty()
        self._force_vals(warranty, state="sent")
        self.sandbox.inject_fault("error", status=503, count=1)
        # The job records its failure on its own cursor (the job is rolled back before a retry).
        with self.enter_registry_test_mode(), self._client_warnings():
            self._assert_job_raises(RetryableJobError, warranty)
        warranty.invalidate_recordset()
        self.assertEqual(warranty.state, "to_retry")
        self.assertIn("HTTP 503", warranty.centralizer_last_error)
        exchange = self._exchanges(warranty)
        self.assertEqual((exchange.result, exchange.http_status), ("transient", 503))
        # Next try: declared.
        self.assertIn(warranty.declaration_number or "", warranty._centralizer_job_declare())
        self.assertEqual(warranty.state, "declared")

    def test_job_authentication_failure_fails_the_job(self):
        self.company.spoticar_centralizer_api_key = "wrong-key"
        warranty = self._create_ready_warranty()
        self._force_vals(warranty, state="to_retry")
        with self.enter_registry_test_mode():
            self._assert_job_raises(FailedJobError, warranty)
        warranty.invalidate_recordset()
        self.assertEqual(warranty.state, "ready")
        self.assertEqual(self._exchanges(warranty).result, "authentication")

    def test_job_rejection_is_done_and_rejects_the_warranty(self):
        warranty = self._create_ready_warranty()
        warranty.write({"vehicle_category": False})
        self._force_vals(warranty, state="sent")
        with self.enter_registry_test_mode():
            result = warranty._centralizer_job_declare()
        warranty.invalidate_recordset()
        self.assertIn("Le champ type véhicule est obligatoire", result)
        self.assertEqual(warranty.state, "rejected")

    def test_waiting_warranty_cannot_be_cancelled_or_deleted(self):
        warranty = self._create_ready_warranty()
        self._force_vals(warranty, state="to_retry")
        with self.assertRaises(UserError):
            warranty.action_cancel()
        with self.assertRaises(UserError):
            warranty.unlink()
