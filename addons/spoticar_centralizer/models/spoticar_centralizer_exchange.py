# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

EXCHANGE_RESULTS = [
    ("success", "Declared"),
    ("replayed", "Declared (replayed answer)"),
    ("recovered", "Declared (found by its key)"),
    ("not_found", "Nothing registered under the key"),
    ("rejected", "Rejected (data to fix)"),
    ("authentication", "Authentication refused"),
    ("transient", "Temporary failure (retried)"),
    ("permanent", "Refused"),
]


class SpoticarCentralizerExchange(models.Model):
    """One call to the Centralisateur: what was sent, what came back (personal data masked)."""

    _name = "spoticar.centralizer.exchange"
    _description = "Centralisateur Exchange"
    _order = "create_date desc, id desc"
    _check_company_auto = True
    _rec_name = "warranty_id"

    warranty_id = fields.Many2one(
        comodel_name="spoticar.warranty",
        string="Warranty",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        string="Company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    idempotency_key = fields.Char(readonly=True)
    method = fields.Char(readonly=True)
    url = fields.Char(string="URL", readonly=True)
    request_body = fields.Text(string="Request", readonly=True, help="Personal data masked.")
    response_body = fields.Text(string="Response", readonly=True, help="Personal data masked.")
    http_status = fields.Integer(string="HTTP Status", readonly=True)
    duration = fields.Float(string="Duration (s)", digits=(16, 3), readonly=True)
    result = fields.Selection(selection=EXCHANGE_RESULTS, required=True, readonly=True)
    error = fields.Text(readonly=True)
    declaration_number = fields.Char(readonly=True)
