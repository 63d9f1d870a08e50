# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from spoticar_core import limits, margin, vocabulary

# Context value of the vendor bill synchronisation: a Python object, which a JSON-RPC client
# cannot send, so a request cannot change or remove a cost that comes from a posted bill.
BILL_SYNC = object()


class SpoticarVehicleCost(models.Model):
    _name = "spoticar.vehicle.cost"
    _description = "Vehicle cost"
    _order = "date desc, id desc"
    _check_company_auto = True

    product_tmpl_id = fields.Many2one(
        "product.template",
        string="Vehicle",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        domain="[('is_vehicle', '=', True)]",
    )
    company_id = fields.Many2one(
        related="product_tmpl_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    category = fields.Selection(
        vocabulary.selection(margin.COST_CATEGORIES),
        required=True,
        default=margin.DEFAULT_COST_CATEGORY,
    )
    amount = fields.Monetary(
        "Amount excl. VAT",
        currency_field="currency_id",
        required=True,
        help="Cost excluding VAT; a vendor credit note gives a negative cost.",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    name = fields.Char("Description")
    partner_id = fields.Many2one("res.partner", string="Vendor")
    move_line_id = fields.Many2one(
        "account.move.line",
        string="Vendor bill line",
        readonly=True,
        copy=False,
        ondelete="cascade",
        index="btree_not_null",
    )
    move_id = fields.Many2one(related="move_line_id.move_id", string="Vendor bill")

    _move_line_uniq = models.UniqueIndex(
        "(move_line_id) WHERE move_line_id IS NOT NULL",
        "A vendor bill line gives one cost.",
    )

    @api.constrains("amount")
    def _check_amount(self):
        for cost in self:
            if not cost.amount or abs(cost.amount) > limits.AMOUNT.maximum:
                raise ValidationError(
                    self.env._(
                        "Amount excl. VAT: enter an amount other than 0 and at most "
                        "%(maximum)s (cost %(cost)s).",
                        maximum=int(limits.AMOUNT.maximum),
                        cost=cost.name or cost.product_tmpl_id.display_name,
                    )
                )

    def _spoticar_check_not_from_bill(self):
        if self.env.context.get("spoticar_bill_sync") is BILL_SYNC:
            return
        from_bill = self.filtered("move_line_id")
        if from_bill:
            raise UserError(
                self.env._(
                    "The cost %(cost)s comes from the vendor bill %(bill)s: change the bill "
                    "(reset it to draft) instead.",
                    cost=from_bill[:1].name or from_bill[:1].display_name,
                    bill=from_bill[:1].move_line_id.move_id.name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get("spoticar_bill_sync") is not BILL_SYNC and any(
            vals.get("move_line_id") for vals in vals_list
        ):
            raise UserError(
                self.env._("A cost is linked to a vendor bill line only by posting the bill.")
            )
        return super().create(vals_list)

    def write(self, vals):
        self._spoticar_check_not_from_bill()
        if "move_line_id" in vals and self.env.context.get("spoticar_bill_sync") is not BILL_SYNC:
            raise UserError(
                self.env._("A cost is linked to a vendor bill line only by posting the bill.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_from_bill(self):
        self._spoticar_check_not_from_bill()
