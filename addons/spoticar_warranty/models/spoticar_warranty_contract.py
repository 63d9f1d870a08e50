# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SpoticarWarrantyContract(models.Model):
    _name = "spoticar.warranty.contract"
    _description = "Warranty contract number per guarantor"
    _order = "warranty_id, id"
    _check_company_auto = True

    # === FIELDS === #
    warranty_id = fields.Many2one(
        "spoticar.warranty", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="warranty_id.company_id", store=True, index=True, precompute=True
    )
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

    # === CRUD METHODS === #
    # Contract numbers come from the Centralisateur (or a manager's "Declared outside Odoo"):
    # they change only through the warranty's business methods, whoever calls the ORM.
    def _check_business_method(self):
        if not self.env["spoticar.warranty"]._spoticar_is_protected_write():
            raise UserError(
                self.env._(
                    "Contract numbers are given by the Centralisateur: they cannot be created, "
                    "changed or deleted by hand (a manager records a declaration made outside "
                    "Odoo with “Declared outside Odoo”)."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self.browse().check_access("create")  # the access rights speak first
        self._check_business_method()
        return super().create(vals_list)

    def write(self, vals):
        self.check_access("write")
        self._check_business_method()
        return super().write(vals)

    def unlink(self):
        self.check_access("unlink")
        self._check_business_method()
        return super().unlink()
