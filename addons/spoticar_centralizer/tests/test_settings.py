# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SpoticarCentralizerCommon


@tagged("post_install", "-at_install")
class TestCentralizerSettings(SpoticarCentralizerCommon):
    def _settings(self):
        return self.env["res.config.settings"].with_company(self.company).create({})

    def test_settings_write_the_company(self):
        settings = (
            self.env["res.config.settings"]
            .with_company(self.company)
            .create(
                {
                    "spoticar_centralizer_environment": "production",
                    "spoticar_centralizer_timeout": 15.0,
                }
            )
        )
        settings.execute()
        self.assertEqual(self.company.spoticar_centralizer_environment, "production")
        self.assertEqual(self.company.spoticar_centralizer_timeout, 15.0)

    def test_connection_ok(self):
        action = self._settings().action_spoticar_centralizer_test_connection()
        self.assertEqual(action["params"]["type"], "success")
        self.assertIn("protocol version 1", action["params"]["message"])

    def test_connection_wrong_key(self):
        self.company.spoticar_centralizer_api_key = "wrong-key"
        action = self._settings().action_spoticar_centralizer_test_connection()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("clé d'API", action["params"]["message"])

    def test_connection_refused(self):
        self.company.spoticar_centralizer_url = "http://127.0.0.1:%d" % self._free_port()
        with self._client_warnings():
            action = self._settings().action_spoticar_centralizer_test_connection()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("Connexion au Centralisateur impossible", action["params"]["message"])

    def test_client_factory_uses_the_company_settings(self):
        self.company.spoticar_centralizer_environment = "production"
        with self.company._spoticar_centralizer_client() as client:
            self.assertEqual(client.environment, "production")
            self.assertEqual(client.base_url, self.sandbox.url)
            self.assertEqual(client.timeout, (1.0, 1.0))
            self.assertNotIn("spoticar-test-key", repr(client))

    def test_client_factory_refuses_a_missing_or_wrong_url(self):
        self.company.spoticar_centralizer_url = False
        with self.assertRaisesRegex(UserError, "URL"):
            self.company._spoticar_centralizer_client()
        self.company.spoticar_centralizer_url = "centralisateur.example.com"
        with self.assertRaisesRegex(UserError, "not valid"):
            self.company._spoticar_centralizer_client()
        action = self._settings().action_spoticar_centralizer_test_connection()
        self.assertEqual(action["params"]["type"], "danger")
        warranty = self._create_ready_warranty()
        action = warranty.action_centralizer_declare()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertEqual(warranty.state, "ready")
