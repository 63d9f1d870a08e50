# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from . import spoticar_vehicle_reference_mixin  # noqa: F401 (the mixin is defined first)
from .common import BODY_TYPE_SELECTION, VEHICLE_CATEGORY_SELECTION


class SpoticarVehicleModel(models.Model):
    _name = "spoticar.vehicle.model"
    _inherit = ["spoticar.vehicle.reference.mixin"]
    _description = "Vehicle model"
    _order = "make_id, name"
    _spoticar_vehicle_field = "vehicle_model_id"

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

    def _spoticar_used_message(self):
        return self.env._("This model is used by a vehicle: archive it instead of deleting it.")
