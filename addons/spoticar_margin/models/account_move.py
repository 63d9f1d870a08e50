# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models

from spoticar_core import margin

from .spoticar_vehicle_cost import BILL_SYNC


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._spoticar_sync_vehicle_costs()
        return posted

    def button_draft(self):
        res = super().button_draft()
        self._spoticar_sync_vehicle_costs()
        return res

    def button_cancel(self):
        res = super().button_cancel()
        self._spoticar_sync_vehicle_costs()
        return res

    def _spoticar_sync_vehicle_costs(self):
        """The costs of the vehicles follow the vendor bills: a line of a posted bill assigned
        to a vehicle is one cost (created or updated), any other line has none."""
        Cost = self.env["spoticar.vehicle.cost"].sudo().with_context(spoticar_bill_sync=BILL_SYNC)
        bills = self.filtered(lambda m: m.is_purchase_document(include_receipts=True))
        if not bills:
            return
        lines = bills.line_ids
        existing = Cost.search([("move_line_id", "in", lines.ids)])
        by_line = {cost.move_line_id: cost for cost in existing}
        keep = Cost.browse()
        for line in lines:
            move = line.move_id
            if move.state != "posted" or line.display_type != "product":
                continue
            if not line.spoticar_vehicle_id or line.company_currency_id.is_zero(line.balance):
                continue
            vals = {
                "product_tmpl_id": line.spoticar_vehicle_id.id,
                "category": line.spoticar_cost_category or margin.DEFAULT_COST_CATEGORY,
                "amount": line.balance,
                "date": move.invoice_date or move.date,
                "name": line.name or move.name,
                "partner_id": move.partner_id.id,
            }
            cost = by_line.get(line)
            if cost:
                cost.write(vals)
            else:
                cost = Cost.create(dict(vals, move_line_id=line.id))
            keep |= cost
        (existing - keep).unlink()
