# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .common import check_reference_vals


class SpoticarVehicleMake(models.Model):
    _name = "spoticar.vehicle.make"
    _description = "Vehicle make"
    _order = "name"

    name = fields.Char(required=True)
    code = fields.Char(
        required=True, index=True, help="Short code of the make in the reference, e.g. PEU."
    )
    image_128 = fields.Image("Logo", max_width=128, max_height=128)
    model_ids = fields.One2many("spoticar.vehicle.model", "make_id", string="Models")
    active = fields.Boolean(default=True)

    _code_uniq = models.Constraint("unique(code)", "A make code must be unique.")

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = (
            self.env["product.template"]
            .with_context(active_test=False)
            .search_count([("vehicle_make_id", "in", self.ids)], limit=1)
        )
        if used:
            raise UserError(
                self.env._("This make is used by a vehicle: archive it instead of deleting it.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_reference_vals(self, vals)
        return super().create(vals_list)

    def write(self, vals):
        check_reference_vals(self, vals)
        return super().write(vals)
