# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from . import spoticar_vehicle_reference_mixin  # noqa: F401 (the mixin is defined first)


class SpoticarVehicleMake(models.Model):
    _name = "spoticar.vehicle.make"
    _inherit = ["spoticar.vehicle.reference.mixin"]
    _description = "Vehicle make"
    _order = "name"
    _spoticar_vehicle_field = "vehicle_make_id"

    name = fields.Char(required=True)
    code = fields.Char(
        required=True, index=True, help="Short code of the make in the reference, e.g. PEU."
    )
    image_128 = fields.Image("Logo", max_width=128, max_height=128)
    model_ids = fields.One2many("spoticar.vehicle.model", "make_id", string="Models")
    active = fields.Boolean(default=True)

    _code_uniq = models.Constraint("unique(code)", "A make code must be unique.")

    def _spoticar_used_message(self):
        return self.env._("This make is used by a vehicle: archive it instead of deleting it.")
