# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo import fields, models
from odoo.exceptions import UserError

from spoticar_core.client import CentralizerError

_logger = logging.getLogger(__name__)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    spoticar_centralizer_url = fields.Char(
        related="company_id.spoticar_centralizer_url",
        readonly=False,
    )
    spoticar_centralizer_api_key = fields.Char(
        related="company_id.spoticar_centralizer_api_key",
        readonly=False,
        groups="base.group_system",
    )
    spoticar_centralizer_environment = fields.Selection(
        related="company_id.spoticar_centralizer_environment",
        readonly=False,
    )
    spoticar_centralizer_timeout = fields.Float(
        related="company_id.spoticar_centralizer_timeout",
        readonly=False,
    )

    def action_spoticar_centralizer_test_connection(self):
        """Call the health endpoint with the saved settings and say whether it answers."""
        self.ensure_one()
        self.check_access("write")
        # The form is saved before the button runs: the related fields are already on the company.
        company = self.company_id
        try:
            with company._spoticar_centralizer_client() as client:
                health = client.health()
        except CentralizerError as error:
            _logger.info("Centralisateur health check failed for company %s: %s", company.id, error)
            return self._spoticar_centralizer_notify(
                "danger",
                self.env._("The Centralisateur does not answer correctly: %(error)s", error=error),
            )
        except UserError as error:
            return self._spoticar_centralizer_notify("danger", str(error))
        version = health.get("protocol_version") if isinstance(health, dict) else None
        message = self.env._("Connection to the Centralisateur is working.")
        if version:
            message = self.env._(
                "Connection to the Centralisateur is working (protocol version %(version)s).",
                version=version,
            )
        return self._spoticar_centralizer_notify("success", message)

    def _spoticar_centralizer_notify(self, kind, message):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Centralisateur"),
                "message": message,
                "type": kind,
                "sticky": kind == "danger",
            },
        }
