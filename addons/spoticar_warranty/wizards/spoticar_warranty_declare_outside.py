# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from spoticar_core.declaration import GUARANTORS


class SpoticarWarrantyDeclareOutside(models.TransientModel):
    """A manager records a declaration made outside Odoo (e.g. on the Centralisateur site)."""

    _name = "spoticar.warranty.declare.outside"
    _description = "Declaration made outside Odoo"

    warranty_id = fields.Many2one("spoticar.warranty", required=True, ondelete="cascade")
    guarantor_id = fields.Many2one(related="warranty_id.guarantor_id")
    needs_contract = fields.Boolean(compute="_compute_needs_contract")
    declaration_number = fields.Char(
        required=True, help="Given by the Centralisateur, e.g. SP953617Z103833712."
    )
    declaration_date = fields.Date(required=True, default=fields.Date.context_today)
    contract_number = fields.Char(help="Given by the guarantor, e.g. 22511015251 (Icare).")

    @api.depends("guarantor_id")
    def _compute_needs_contract(self):
        for wizard in self:
            wizard.needs_contract = wizard.guarantor_id.code in GUARANTORS

    def action_confirm(self):
        self.ensure_one()
        contracts = {}
        if self.needs_contract:
            if not (self.contract_number or "").strip():
                raise UserError(
                    self.env._(
                        "Enter the contract number given by %(guarantor)s.",
                        guarantor=self.guarantor_id.name,
                    )
                )
            contracts[self.guarantor_id] = self.contract_number
        self.warranty_id._spoticar_declare_outside(
            self.declaration_number, contracts, self.declaration_date
        )
        return {"type": "ir.actions.act_window_close"}
