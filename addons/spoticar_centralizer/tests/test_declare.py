# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
import re

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs
from odoo.addons.spoticar_centralizer import post_init_hook

from spoticar_core.declaration import validate_declaration
from spoticar_core.sandbox import SandboxServer

from .common import SpoticarCentralizerCommon


@tagged("post_install", "-at_install")
class TestCentralizerDeclare(SpoticarCentralizerCommon):
    """ "Déclarer et garantir" against the sandbox Centralisateur, one outcome per test."""

    def test_payload_is_valid_for_the_protocol(self):
        warranty = self._create_ready_warranty()
        payload = warranty._centralizer_prepare_payload()
        self.assertEqual(validate_declaration(payload), [])
        self.assertEqual(payload["guarantors"], ["spoticar_stellantis"])
        self.assertEqual(payload["dealer"]["rrd_code"], "953617Z")
        self.assertEqual(payload["customer"]["civility"], "M")
        self.assertEqual(payload["customer"]["birth_date"], "1960-05-17")
        self.assertEqual(payload["sale"]["origin"], "Reprise VO sur VO")
        self.assertEqual(payload["vehicle"]["vin"], "VF3UPHNS5PS123456")
        self.assertIs(payload["consent"]["phone"], False)
        self.assertEqual(payload["warranty"]["loyalty_product"], "Aucun")

    def test_success_stores_numbers_and_confirms_in_chatter(self):
        warranty = self._create_ready_warranty()
        key = warranty.centralizer_idempotency_key
        self.assertTrue(key)
        with trap_jobs() as trap:
            action = warranty.with_user(self.user_salesperson).action_centralizer_declare()
            trap.assert_jobs_count(0)
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(warranty.state, "declared")
        self.assertRegex(warranty.declaration_number, r"^SP953617Z\d{9}$")
        self.assertEqual(len(warranty.contract_ids), 1)
        contract = warranty.contract_ids
        self.assertEqual(contract.guarantor_id, self.guarantor_stellantis)
        self.assertRegex(contract.contract_number, r"^\d{11}$")
        # Same numbers on the Centralisateur side, under the warranty's key.
        stored = self.sandbox.store.lookup(key)[1]
        self.assertEqual(stored["declaration_number"], warranty.declaration_number)
        self.assertEqual(stored["contracts"], {"spoticar_stellantis": contract.contract_number})
        bodies = " ".join(self._messages(warranty))
        self.assertIn(
            "Your request was successful (purchase order number: N° %s)"
            % warranty.declaration_number,
            bodies,
        )
        self.assertIn(
            "[Garantie SPOTICAR Stellantis] The contract was created (contract number: %s)"
            % contract.contract_number,
            bodies,
        )
        exchange = self._exchanges(warranty)
        self.assertEqual(len(exchange), 1)
        self.assertEqual(exchange.result, "success")
        self.assertEqual(exchange.http_status, 201)
        self.assertEqual(exchange.declaration_number, warranty.declaration_number)
        self.assertEqual(exchange.idempotency_key, key)
        self.assertGreater(exchange.duration, 0)
        # Personal data masked in the log: no name, VIN, plate nor birth date in clear.
        self.assertEqual(warranty.customer_mobile, "+33 6 07 08 09 10")
        for secret in (
            "Dupond",
            "VF3UPHNS5PS123456",
            "FE-260-RZ",
            "1960-05-17",
            "+33 6 07 08 09 10",
        ):
            self.assertNotIn(secret, exchange.request_body)
        request = json.loads(exchange.request_body)
        self.assertEqual(request["customer"]["last_name"], "D***")
        self.assertEqual(request["vehicle"]["make"], "PEUGEOT")
        self.assertEqual(request["dealer"]["rrd_code"], "953617Z")

    def test_success_confirmations_in_french(self):
        self._activate_french()
        self.env["ir.module.module"]._load_module_terms(
            ["spoticar_centralizer"], ["fr_FR"], overwrite=True
        )
        warranty = self._create_ready_warranty().with_context(lang="fr_FR")
        warranty.action_centralizer_declare()
        contract = warranty.contract_ids
        bodies = " ".join(self._messages(warranty))
        self.assertIn(
            "Votre demande a été effectuée avec succès (numéro de bon de commande : N° %s)"
            % warranty.declaration_number,
            bodies,
        )
        self.assertIn(
            "[Garantie SPOTICAR Stellantis] La création a bien été effectuée "
            "(numéro de contrat : %s)" % contract.contract_number,
            bodies,
        )

    def test_validation_error_lists_the_french_messages(self):
        warranty = self._create_ready_warranty()
        # Emptied after validation (e.g. through an import): the Centralisateur reports both.
        warranty.write({"vehicle_category": False, "license_plate": False})
        with trap_jobs() as trap:
            action = warranty.action_centralizer_declare()
            trap.assert_jobs_count(0)
        self.assertEqual(action["params"]["type"], "danger")
        message = action["params"]["message"]
        self.assertIn("Le champ type véhicule est obligatoire", message)
        self.assertIn("Le champ immatriculation est obligatoire", message)
        self.assertEqual(warranty.state, "rejected")
        self.assertFalse(warranty.declaration_number)
        self.assertIn("Le champ immatriculation est obligatoire", warranty.rejection_reason)
        self.assertIn("Le champ type véhicule est obligatoire", " ".join(self._messages(warranty)))
        exchange = self._exchanges(warranty)
        self.assertEqual((exchange.result, exchange.http_status), ("rejected", 422))
        self.assertEqual(self.sandbox.stats()["declarations"], 0)
        # The warranty is left to fix: fixed, validated and declared with the same key.
        warranty.write({"vehicle_category": "VP", "license_plate": "FE-260-RZ"})
        warranty.action_validate()
        warranty.action_centralizer_declare()
        self.assertEqual(warranty.state, "declared")
        self.assertEqual(self.sandbox.stats()["contracts"], 1)

    def test_authentication_error(self):
        self.company.spoticar_centralizer_api_key = "wrong-key"
        warranty = self._create_ready_warranty()
        with trap_jobs() as trap:
            action = warranty.action_centralizer_declare()
            trap.assert_jobs_count(0)
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("clé d'API", action["params"]["message"])
        self.assertEqual(warranty.state, "ready")
        self.assertFalse(warranty.declaration_number)
        self.assertTrue(warranty.centralizer_last_error)
        exchange = self._exchanges(warranty)
        self.assertEqual((exchange.result, exchange.http_status), ("authentication", 401))
        self.assertEqual(self.sandbox.stats()["unauthorized"], 1)

    def test_server_error_queues_a_retry(self):
        warranty = self._create_ready_warranty()
        # Both attempts of the click fail (the client retries a 5xx once at once).
        self.sandbox.inject_fault("error", status=500, count=2)
        with trap_jobs() as trap, self._client_warnings():
            action = warranty.action_centralizer_declare()
            trap.assert_jobs_count(1, only=warranty._centralizer_job_declare)
            trap.assert_enqueued_job(
                warranty._centralizer_job_declare,
                properties={"identity_key": warranty._centralizer_job_identity_key()},
            )
        self.assertEqual(action["params"]["type"], "warning")
        self.assertEqual(warranty.state, "to_retry")
        self.assertIn("HTTP 500", warranty.centralizer_last_error)
        exchange = self._exchanges(warranty)
        self.assertEqual((exchange.result, exchange.http_status), ("transient", 500))
        # The retry goes through once the Centralisateur is back.
        trap.perform_enqueued_jobs()
        self.assertEqual(warranty.state, "declared")
        self.assertEqual(self.sandbox.stats()["contracts"], 1)

    def test_timeout_queues_a_retry(self):
        warranty = self._create_ready_warranty()
        # The sandbox waits 3 s without answering; the company timeout is 1 s (not raised to 10 s
        # by the test framework: the client's adapter applies it).
        self.sandbox.inject_fault("timeout", delay=3, count=2)
        with trap_jobs() as trap, self._client_warnings() as logs:
            warranty.action_centralizer_declare()
            trap.assert_jobs_count(1)
        self.assertTrue(any("timeout" in line for line in logs.output))
        self.assertEqual(warranty.state, "to_retry")
        exchange = self._exchanges(warranty)
        self.assertEqual((exchange.result, exchange.http_status), ("transient", 0))
        self.assertLess(exchange.duration, 5)
        self.assertEqual(self.sandbox.stats()["declarations"], 0)

    def test_connection_refused_queues_a_retry(self):
        self.company.spoticar_centralizer_url = "http://127.0.0.1:%d" % self._free_port()
        warranty = self._create_ready_warranty()
        with trap_jobs() as trap, self._client_warnings():
            action = warranty.action_centralizer_declare()
            trap.assert_jobs_count(1)
        self.assertIn("Connexion au Centralisateur impossible", action["params"]["message"])
        self.assertEqual(warranty.state, "to_retry")
        self.assertEqual(self._exchanges(warranty).result, "transient")

    def test_replay_after_timeout_makes_one_contract(self):
        """The Centralisateur stores the declaration, then the answer is lost: the retry, with the
        same idempotency key, gets the first answer and no second contract."""
        warranty = self._create_ready_warranty()
        key = warranty.centralizer_idempotency_key
        self.sandbox.inject_fault("timeout", after=True, delay=3, count=2)
        with trap_jobs() as trap:
            with self._client_warnings():
                warranty.action_centralizer_declare()
            self.assertEqual(warranty.state, "to_retry")
            self.assertEqual(self.sandbox.stats()["declarations"], 1)
            trap.perform_enqueued_jobs()
        self.assertEqual(warranty.state, "declared")
        self.assertEqual(warranty.centralizer_idempotency_key, key)
        stats = self.sandbox.stats()
        self.assertEqual(stats["declarations"], 1)
        self.assertEqual(stats["contracts"], 1)
        self.assertEqual(stats["duplicate_contracts"], 0)
        self.assertGreaterEqual(stats["replays"], 1)
        stored = self.sandbox.store.lookup(key)[1]
        self.assertEqual(warranty.declaration_number, stored["declaration_number"])
        self.assertEqual(
            warranty.contract_ids.contract_number, stored["contracts"]["spoticar_stellantis"]
        )
        self.assertEqual(self._exchanges(warranty).mapped("result"), ["transient", "replayed"])

    def test_sandbox_restart_between_two_calls(self):
        first = self._create_ready_warranty()
        first.action_centralizer_declare()
        port = self.sandbox.port
        self.sandbox.stop()
        sandbox = SandboxServer(self.sandbox_db, port=port, api_key=self.sandbox.api_key).start()
        type(self).sandbox = sandbox
        second = self._create_ready_warranty(license_plate="GA-123-BC", vin="VF3UPHNS5PS654321")
        second.action_centralizer_declare()
        self.assertEqual(second.state, "declared")
        first_seq = int(first.declaration_number[-9:])
        self.assertEqual(int(second.declaration_number[-9:]), first_seq + 1)
        self.assertNotEqual(first.contract_ids.contract_number, second.contract_ids.contract_number)
        # The restarted sandbox still knows the first declaration and its key.
        stored = sandbox.store.lookup(first.centralizer_idempotency_key)[1]
        self.assertEqual(stored["declaration_number"], first.declaration_number)
        self.assertEqual(sandbox.stats()["declarations"], 2)

    def test_declared_warranty_is_never_sent_again(self):
        warranty = self._create_ready_warranty()
        warranty.action_centralizer_declare()
        requests_before = self.sandbox.stats()["requests"]
        with self.assertRaisesRegex(UserError, "never sent again"):
            warranty.action_centralizer_declare()
        result = warranty._centralizer_job_declare()
        self.assertIn(warranty.declaration_number, result)
        self.assertEqual(warranty._centralizer_send()["kind"], "already")
        self.assertEqual(self.sandbox.stats()["requests"], requests_before)
        self.assertEqual(len(self._exchanges(warranty)), 1)

    def test_draft_warranty_cannot_be_declared(self):
        warranty = self._create_warranty()
        with self.assertRaises(UserError):
            warranty.action_centralizer_declare()
        self.assertEqual(self.sandbox.stats()["requests"], 0)

    def test_idempotency_key_is_unique_and_not_copied(self):
        warranty = self._create_warranty()
        other = self._create_warranty(license_plate="GA-123-BC", vin="VF3UPHNS5PS654321")
        self.assertTrue(re.match(r"^[0-9a-f-]{36}$", warranty.centralizer_idempotency_key))
        self.assertNotEqual(warranty.centralizer_idempotency_key, other.centralizer_idempotency_key)
        copy = warranty.copy()
        self.assertTrue(copy.centralizer_idempotency_key)
        self.assertNotEqual(copy.centralizer_idempotency_key, warranty.centralizer_idempotency_key)

    def test_install_gives_each_existing_warranty_its_own_key(self):
        first = self._create_warranty()
        second = self._create_warranty(license_plate="GA-123-BC", vin="VF3UPHNS5PS654321")
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE spoticar_warranty SET centralizer_idempotency_key = NULL WHERE id IN %s",
            [tuple((first | second).ids)],
        )
        (first | second).invalidate_recordset()
        post_init_hook(self.env)
        self.assertTrue(first.centralizer_idempotency_key)
        self.assertTrue(second.centralizer_idempotency_key)
        self.assertNotEqual(first.centralizer_idempotency_key, second.centralizer_idempotency_key)

    def test_missing_api_key(self):
        self.company.spoticar_centralizer_api_key = False
        warranty = self._create_ready_warranty()
        action = warranty.action_centralizer_declare()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("API key", action["params"]["message"])
        self.assertEqual(warranty.state, "ready")
        self.assertEqual(self.sandbox.stats()["requests"], 0)
