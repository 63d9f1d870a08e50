# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class SpoticarVehicleImage(models.Model):
    _name = "spoticar.vehicle.image"
    _description = "Vehicle photo"
    _inherit = ["image.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, default="Photo")
    sequence = fields.Integer(default=10)
    product_tmpl_id = fields.Many2one(
        "product.template", string="Vehicle", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="product_tmpl_id.company_id", store=True, index=True)
    image_1920 = fields.Image(required=True)
