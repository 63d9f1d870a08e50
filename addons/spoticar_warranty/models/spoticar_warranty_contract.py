# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class SpoticarWarrantyContract(models.Model):
    _name = "spoticar.warranty.contract"
    _description = "Warranty contract number per guarantor"
    _order = "warranty_id, id"
    _check_company_auto = True

    # === FIELDS === #
    warranty_id = fields.Many2one(
        "spoticar.warranty", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="warranty_id.company_id", store=True, index=True)
    guarantor_id = fields.Many2one(
        "spoticar.warranty.guarantor", required=True, ondelete="restrict"
    )
    guarantor_code = fields.Selection(related="guarantor_id.code")
    contract_number = fields.Char(required=True, copy=False)
    date = fields.Date(default=fields.Date.context_today)

    _warranty_guarantor_uniq = models.Constraint(
        "UNIQUE(warranty_id, guarantor_id)",
        "A warranty has one contract number per guarantor.",
    )
