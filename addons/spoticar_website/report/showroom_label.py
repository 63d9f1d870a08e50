# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.exceptions import UserError


class ReportShowroomLabel(models.AbstractModel):
    _name = "report.spoticar_website.report_showroom_label"
    _description = "Showroom label"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["product.template"].browse(docids)
        others = docs.filtered(lambda template: not template.is_vehicle)
        if others:
            raise UserError(
                self.env._(
                    "Showroom label: %(product)s is not a vehicle of the stock.",
                    product=others[0].display_name,
                )
            )
        return {"doc_ids": docids, "doc_model": "product.template", "docs": docs}
