# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .common import BODY_TYPE_SELECTION, VEHICLE_CATEGORY_SELECTION, check_reference_vals


class SpoticarVehicleModel(models.Model):
    _name = "spoticar.vehicle.model"
    _description = "Vehicle model"
    _order = "make_id, name"

    make_id = fields.Many2one(
        "spoticar.vehicle.make", string="Make", required=True, index=True, ondelete="restrict"
    )
    name = fields.Char(required=True, help='Commercial name and generation, e.g. "308 (2)".')
    code = fields.Char(required=True, index=True)
    body_type = fields.Selection(BODY_TYPE_SELECTION)
    vehicle_category = fields.Selection(VEHICLE_CATEGORY_SELECTION, string="Category", default="VP")
    version_ids = fields.One2many("spoticar.vehicle.version", "model_id", string="Versions")
    version_count = fields.Integer(compute="_compute_version_count")
    active = fields.Boolean(default=True)

    _code_uniq = models.Constraint("unique(code)", "A model code must be unique.")

    @api.depends("version_ids")
    def _compute_version_count(self):
        counts = dict(
            self.env["spoticar.vehicle.version"]._read_group(
                [("model_id", "in", self.ids)], ["model_id"], ["__count"]
            )
        )
        for record in self:
            record.version_count = counts.get(record, 0)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = (
            self.env["product.template"]
            .with_context(active_test=False)
            .search_count([("vehicle_model_id", "in", self.ids)], limit=1)
        )
        if used:
            raise UserError(
                self.env._("This model is used by a vehicle: archive it instead of deleting it.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_reference_vals(self, vals)
        return super().create(vals_list)

    def write(self, vals):
        check_reference_vals(self, vals)
        return super().write(vals)
