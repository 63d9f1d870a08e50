# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class SpoticarInspectionOverrideWizard(models.TransientModel):
    _name = "spoticar.inspection.override.wizard"
    _description = "Deliver without valid technical inspection"

    picking_id = fields.Many2one("stock.picking", required=True, ondelete="cascade")
    problem = fields.Text(compute="_compute_problem", string="Problem")
    reason = fields.Text(required=True)

    def _compute_problem(self):
        for wizard in self:
            problems = wizard.picking_id._spoticar_inspection_problems()
            wizard.problem = "\n".join(
                picking._spoticar_inspection_message(vehicle, problem, day)
                for picking, vehicle, problem, day in problems
            )

    def action_confirm(self):
        self.ensure_one()
        return self.picking_id._spoticar_override_inspection(self.reason)
