# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models

GREYCARD_FIELDS = {
    "fiscal_power",
    "energy",
    "first_registration_date",
    "vehicle_category",
    "ptac",
    "co2_emission",
    "is_imported",
    "co2_malus_amount",
    "mass_malus_amount",
}


class ProductTemplate(models.Model):
    _inherit = "product.template"

    def write(self, vals):
        res = super().write(vals)
        if GREYCARD_FIELDS & set(vals) and not self.env.context.get("spoticar_no_fee_update"):
            orders = (
                self.env["sale.order"]
                .sudo()
                .search(
                    [
                        ("vehicle_id", "in", self.product_variant_ids.ids),
                        ("state", "in", ("draft", "sent")),
                    ]
                )
            )
            orders._spoticar_update_registration_fees()
        return res
