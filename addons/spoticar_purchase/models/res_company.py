# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    spoticar_register_scope = fields.Selection(
        [("company", "Company"), ("warehouse", "Warehouse")],
        string="Livre de police per",
        default="company",
        required=True,
        help="The establishment that keeps a livre de police numbered without gap: the whole "
        "company, or each warehouse (a site declared on its own to the préfecture).",
    )
    spoticar_appraisal_margin = fields.Float(
        "Target margin on trade-ins (%)",
        default=15.0,
        help="The appraisal's offer is the market value minus the repairs minus this share of "
        "the market value.",
    )
    spoticar_appraisal_limit = fields.Monetary(
        "Salesperson's offer limit",
        currency_field="currency_id",
        default=10000.0,
        help="An appraisal offering more than this amount needs a Spoticar manager's approval.",
    )

    def _spoticar_register_establishment(self, warehouse=None):
        """(establishment key, register number prefix) of an entry of this company."""
        self.ensure_one()
        if self.spoticar_register_scope == "warehouse":
            warehouse = warehouse or self.env["stock.warehouse"].sudo().search(
                [("company_id", "=", self.id)], limit=1
            )
            if warehouse:
                return f"warehouse-{warehouse.id}", f"LP-{warehouse.code}-"
        return f"company-{self.id}", "LP-"
