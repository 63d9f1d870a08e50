# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError

from spoticar_core.client import CentralizerClient

DEFAULT_TIMEOUT = 10.0
# A click on "Déclarer et garantir" retries a temporary failure once at once; the queue does
# the rest.
INTERACTIVE_RETRIES = 1


class ResCompany(models.Model):
    _inherit = "res.company"

    spoticar_centralizer_url = fields.Char(
        string="Centralisateur URL",
        help="Base URL of the Centralisateur API for the chosen environment, without /api/v1, "
        "as given by Réseaux Connect.",
    )
    spoticar_centralizer_api_key = fields.Char(
        string="Centralisateur API Key",
        groups="base.group_system",
        copy=False,
    )
    spoticar_centralizer_environment = fields.Selection(
        selection=[("test", "Test"), ("production", "Production")],
        string="Centralisateur Environment",
        default="test",
        required=True,
    )
    spoticar_centralizer_timeout = fields.Float(
        string="Centralisateur Timeout (s)",
        default=DEFAULT_TIMEOUT,
        help="Seconds to wait for the Centralisateur before the call counts as failed and is "
        "retried later.",
    )

    def _spoticar_centralizer_client(self, retries=INTERACTIVE_RETRIES):
        """The Centralisateur client of this company: the only place where the addon builds one.

        The API key is read as superuser: salespeople declare warranties without ever reading
        the key.
        """
        self.ensure_one()
        company = self.sudo()
        if not company.spoticar_centralizer_api_key:
            raise UserError(
                self.env._(
                    "The Centralisateur API key of the company %(company)s is not set: an "
                    "administrator must enter it in Settings > Spoticar warranties > "
                    "Centralisateur.",
                    company=self.name,
                )
            )
        if not company.spoticar_centralizer_url:
            raise UserError(
                self.env._(
                    "The Centralisateur URL of the company %(company)s is not set: an "
                    "administrator must enter it in Settings > Spoticar warranties > "
                    "Centralisateur.",
                    company=self.name,
                )
            )
        try:
            return CentralizerClient(
                base_url=company.spoticar_centralizer_url,
                api_key=company.spoticar_centralizer_api_key,
                environment=company.spoticar_centralizer_environment or "test",
                timeout=company.spoticar_centralizer_timeout or DEFAULT_TIMEOUT,
                retries=retries,
            )
        except ValueError as error:
            raise UserError(
                self.env._(
                    "The Centralisateur settings of the company %(company)s are not valid "
                    "(%(error)s): check the URL and the timeout in Settings > Spoticar "
                    "warranties > Centralisateur.",
                    company=self.name,
                    error=error,
                )
            ) from error
