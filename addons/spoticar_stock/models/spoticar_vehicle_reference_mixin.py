# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.exceptions import UserError

from .common import check_reference_vals


class SpoticarVehicleReferenceMixin(models.AbstractModel):
    """What the make, the model and the version of the reference share: their figures and names
    are checked on every create and write, and an entry a vehicle uses (archived vehicles
    included) cannot be deleted, only archived."""

    _name = "spoticar.vehicle.reference.mixin"
    _description = "Vehicle reference entry"

    # the field of product.template that points to an entry of this model
    _spoticar_vehicle_field = None

    def _spoticar_used_message(self):
        """The message (translated: the user sees it in French) refusing to delete an entry that
        a vehicle uses."""
        raise NotImplementedError

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = (
            self.env["product.template"]
            .with_context(active_test=False)
            .search_count([(self._spoticar_vehicle_field, "in", self.ids)], limit=1)
        )
        if used:
            raise UserError(self._spoticar_used_message())

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_reference_vals(self, vals)
        return super().create(vals_list)

    def write(self, vals):
        check_reference_vals(self, vals)
        return super().write(vals)
