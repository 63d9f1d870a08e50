# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.fields import Command

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

    vehicle_order_count = fields.Integer(
        "Proposals and orders", compute="_compute_vehicle_order_count"
    )

    def _compute_vehicle_order_count(self):
        counts = dict.fromkeys(self.ids, 0)
        vehicles = self.filtered("is_vehicle")
        if vehicles:
            groups = self.env["sale.order"]._read_group(
                [("vehicle_id.product_tmpl_id", "in", vehicles.ids)],
                ["vehicle_id"],
                ["__count"],
            )
            for variant, count in groups:
                counts[variant.product_tmpl_id.id] += count
        for template in self:
            template.vehicle_order_count = counts.get(template.id, 0)

    def action_spoticar_create_offer(self):
        """A new proposal for this vehicle: the customer to choose, the salesperson and the
        dates filled (the order's defaults)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "spoticar_sale.sale_order_action_spoticar"
        )
        action.update(
            {
                "views": [(False, "form")],
                "view_mode": "form",
                "res_id": False,
                "target": "current",
                "context": {
                    "default_company_id": self.company_id.id,
                    "default_user_id": self.env.uid,
                    "default_order_line": [
                        Command.create({"product_id": self.product_variant_id.id})
                    ],
                },
            }
        )
        return action

    def action_spoticar_view_orders(self):
        """The vehicle's proposals and orders."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "spoticar_sale.sale_order_action_spoticar"
        )
        action.update(
            {
                "domain": [("vehicle_id.product_tmpl_id", "=", self.id)],
                "context": {"create": False},
            }
        )
        return action

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
