# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ReportSpoticarRegister(models.AbstractModel):
    _name = "report.spoticar_purchase.report_register"
    _description = "Livre de police PDF"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        # Printed from the export wizard, the entries come in the data (the client sends no ids).
        docids = docids or data.get("entry_ids") or []
        docs = (
            self.env["spoticar.register.entry"]
            .browse(docids)
            .sorted(lambda e: (e.establishment, e.number))
        )
        dates = docs.mapped("entry_date")
        date_from = fields.Date.to_date(data.get("date_from")) or (min(dates) if dates else None)
        date_to = fields.Date.to_date(data.get("date_to")) or (max(dates) if dates else None)
        return {
            "doc_ids": docs.ids,
            "doc_model": "spoticar.register.entry",
            "docs": docs,
            "date_from": date_from,
            "date_to": date_to,
            "establishment_warehouse": docs.warehouse_id[:1]
            if (docs[:1].establishment or "").startswith("warehouse-")
            else self.env["stock.warehouse"],
        }
