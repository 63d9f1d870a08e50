# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from spoticar_core import margin, vocabulary


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    spoticar_vehicle_id = fields.Many2one(
        "product.template",
        string="Vehicle",
        index="btree_not_null",
        copy=True,
        domain="[('is_vehicle', '=', True), ('company_id', 'in', (company_id, False))]",
        help="Vendor bill line: the vehicle this cost is for. Posting the bill adds it to the "
        "vehicle's costs; resetting the bill to draft or cancelling it removes it.",
    )
    spoticar_cost_category = fields.Selection(
        vocabulary.selection(margin.COST_CATEGORIES),
        string="Cost category",
        help="Category of the vehicle's cost (Other when empty).",
    )

    def write(self, vals):
        res = super().write(vals)
        if {"spoticar_vehicle_id", "spoticar_cost_category"} & set(vals):
            self.move_id.filtered(lambda m: m.state == "posted")._spoticar_sync_vehicle_costs()
        return res
