# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SpoticarVehicleEquipment(models.Model):
    _name = "spoticar.vehicle.equipment"
    _description = "Vehicle equipment"
    _order = "category, name"

    name = fields.Char(required=True)
    code = fields.Char(required=True, index=True)
    category = fields.Selection(
        [
            ("safety", "Safety"),
            ("comfort", "Comfort"),
            ("multimedia", "Multimedia"),
            ("driving", "Driving aids"),
            ("exterior", "Exterior"),
            ("interior", "Interior"),
        ],
        default="comfort",
        required=True,
    )
    active = fields.Boolean(default=True)

    _code_uniq = models.Constraint("unique(code)", "An equipment code must be unique.")

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = (
            self.env["product.template"]
            .with_context(active_test=False)
            .search_count([("equipment_ids", "in", self.ids)], limit=1)
        )
        if used:
            raise UserError(
                self.env._(
                    "This equipment is used by a vehicle: archive it instead of deleting it."
                )
            )
