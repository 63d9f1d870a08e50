# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    spoticar_warranty_count = fields.Integer(
        string="Warranty count",
        compute="_compute_spoticar_warranty_count",
        groups="spoticar_stock.group_spoticar_user",
    )

    def _compute_spoticar_warranty_count(self):
        counts = dict(
            self.env["spoticar.warranty"]._read_group(
                [("vehicle_id", "in", self.ids)], ["vehicle_id"], ["__count"]
            )
        )
        for template in self:
            template.spoticar_warranty_count = counts.get(template, 0)

    def _spoticar_get_confirmed_order(self):
        """Last confirmed order selling this vehicle."""
        self.ensure_one()
        return self.env["sale.order"].search(
            [("vehicle_id", "in", self.product_variant_ids.ids), ("state", "=", "sale")],
            order="date_order desc, id desc",
            limit=1,
        )

    def action_spoticar_warranty(self):
        """ "Garantie" button of the vehicle sheet."""
        self.ensure_one()
        warranties = self.env["spoticar.warranty"].search(
            [("vehicle_id", "=", self.id), ("state", "!=", "cancelled")],
            limit=1,
        )
        if warranties:
            return warranties._get_form_action()
        order = self._spoticar_get_confirmed_order()
        if not order:
            raise UserError(
                self.env._(
                    "Vehicle %(vehicle)s has no confirmed order: confirm the sale "
                    "first, then create the warranty.",
                    vehicle=self.display_name,
                )
            )
        return self.env["spoticar.warranty"]._action_open_from_order(order)
