# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    origin_country_id = fields.Many2one(
        "res.country",
        string="Country of origin",
        help="Country the vehicle comes from (livre de police); France when empty.",
    )
    spoticar_appraisal_id = fields.Many2one(
        "spoticar.appraisal", string="Appraisal", readonly=True, copy=False, index="btree_not_null"
    )
    reconditioning_cost = fields.Monetary(
        "Reconditioning estimate",
        currency_field="currency_id",
        copy=False,
        help="Repairs estimated by the appraisal: a cost on top of the purchase price.",
    )
    register_entry_ids = fields.One2many(
        "spoticar.register.entry", "product_tmpl_id", string="Livre de police entries"
    )
    register_number = fields.Char(
        "Register number (VO)",
        compute="_compute_register_number",
        help="The vehicle's number in the livre de police (its latest entry).",
    )

    @api.depends("register_entry_ids")
    def _compute_register_number(self):
        for template in self:
            entries = template.sudo().register_entry_ids.sorted("id")
            template.register_number = entries[-1:].name or False

    def _spoticar_register_vehicle_vals(self):
        """The vehicle's characteristics as the livre de police holds them (R321-3)."""
        self.ensure_one()
        country = self.origin_country_id or self.env.ref("base.fr")
        return {
            "product_tmpl_id": self.id,
            "vehicle_make": self.vehicle_make_id.name or False,
            "vehicle_model": self.vehicle_model_id.name or False,
            "vehicle_version": self.vehicle_version_id.name or self.name,
            "vehicle_color": self.vehicle_color or self.commercial_color or False,
            "mileage": self.mileage,
            "license_plate": self.license_plate or False,
            "registration_type": self.registration_type or False,
            "vin": self.vin or False,
            "origin_country": country.name,
        }
