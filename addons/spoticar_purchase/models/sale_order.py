# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    spoticar_appraisal_ids = fields.One2many(
        "spoticar.appraisal", "sale_order_id", string="Appraisals"
    )
    spoticar_appraisal_count = fields.Integer(compute="_compute_spoticar_appraisal_count")

    def _compute_spoticar_appraisal_count(self):
        for order in self:
            order.spoticar_appraisal_count = len(order.spoticar_appraisal_ids)

    def action_spoticar_appraisal(self):
        """Appraise the customer's car: the way in of a trade-in (the quick wizard stays)."""
        self.ensure_one()
        if self.state not in ("draft", "sent"):
            raise UserError(self.env._("A trade-in can only be added to a proposition."))
        appraisal = self.spoticar_appraisal_ids.filtered(lambda a: a.state != "accepted")[:1]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Appraisal"),
            "res_model": "spoticar.appraisal",
            "view_mode": "form",
            "res_id": appraisal.id,
            "context": {
                "default_sale_order_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_company_id": self.company_id.id,
            },
        }
