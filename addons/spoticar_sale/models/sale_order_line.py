# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.spoticar_stock.models.common import MANAGER_GROUP, check_entry_vals

# Context value of the carte grise recompute's unlink: a Python object, which a JSON-RPC client
# cannot send, so a request cannot remove the carte grise lines of a confirmed order with the key.
FEE_RECOMPUTE = object()
REGISTRATION_TAX_CODES = [
    ("Y1", "Y1 - Regional tax"),
    ("Y2", "Y2 - Transport vehicle tax"),
    ("Y3", "Y3 - CO2 and mass malus"),
    ("Y4", "Y4 - Fixed tax"),
    ("Y5", "Y5 - Delivery fee"),
    ("ROUNDING", "Rounding of Y1 to Y4"),
]


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    is_registration_fee = fields.Boolean(
        string="Is a Carte Grise Line",
        default=False,
        copy=False,
        help="Carte grise tax paid in the name and for the account of the customer: "
        "a disbursement outside VAT.",
    )
    registration_tax_code = fields.Selection(REGISTRATION_TAX_CODES, copy=False)
    registration_fee_estimate = fields.Boolean(
        string="Carte Grise to Confirm",
        copy=False,
        readonly=True,
        help="Computed at the last known rate of the region: to be confirmed.",
    )
    is_trade_in = fields.Boolean(string="Is a Trade-in Line", default=False, copy=False)
    is_vehicle_line = fields.Boolean(compute="_compute_is_vehicle_line", string="Is a Vehicle Line")
    margin_vat_amount = fields.Monetary(
        compute="_compute_margin_vat_amount",
        store=True,
        string="VAT on Margin",
        groups=MANAGER_GROUP,
        help="VAT due on the margin (margin scheme): (sale price - purchase price) x "
        "rate / (100 + rate). Never printed.",
    )

    @api.depends("product_id.is_vehicle", "is_trade_in")
    def _compute_is_vehicle_line(self):
        for line in self:
            line.is_vehicle_line = bool(line.product_id.is_vehicle) and not line.is_trade_in

    @api.depends("price_total", "product_id", "tax_ids", "is_trade_in")
    def _compute_margin_vat_amount(self):
        for line in self:
            amount = 0.0
            if (
                line.product_id.is_vehicle
                and not line.is_trade_in
                and line.tax_ids.filtered("spoticar_margin_scheme")
            ):
                rate = line.company_id.spoticar_margin_vat_rate or 0.0
                margin = line.price_total - line.product_id.purchase_price * line.product_uom_qty
                if margin > 0:
                    amount = line.currency_id.round(margin * rate / (100.0 + rate))
            line.margin_vat_amount = amount

    @api.onchange("product_id")
    def _onchange_product_id_spoticar_vehicle(self):
        """Warn as soon as a vehicle already reserved or sold is chosen (confirming the order
        would be refused)."""
        vehicle = self.product_id
        if not vehicle.is_vehicle or self.is_trade_in:
            return None
        other = (
            self.env["sale.order"]
            .sudo()
            .search(
                [
                    ("vehicle_id", "=", vehicle.id),
                    ("state", "=", "sale"),
                    ("id", "!=", self.order_id._origin.id),
                ],
                limit=1,
            )
        )
        if other:
            message = self.env._(
                "Vehicle %(vehicle)s is already on the confirmed order %(order)s: this "
                "quotation cannot be confirmed unless that order is cancelled.",
                vehicle=vehicle.display_name,
                order=other.name,
            )
        elif vehicle.vehicle_state in ("reserved", "sold", "delivered"):
            message = self.env._(
                "Vehicle %(vehicle)s is %(state)s: this quotation cannot be confirmed.",
                vehicle=vehicle.display_name,
                state=dict(vehicle._fields["vehicle_state"]._description_selection(self.env))[
                    vehicle.vehicle_state
                ].lower(),
            )
        else:
            return None
        return {"warning": {"title": self.env._("Vehicle not available"), "message": message}}

    @api.depends("product_id", "company_id", "is_registration_fee", "is_trade_in")
    def _compute_tax_ids(self):
        special = self.filtered(lambda line: line.is_registration_fee or line.is_trade_in)
        vehicles = (self - special).filtered(lambda line: line.product_id.is_vehicle)
        super(SaleOrderLine, self - special - vehicles)._compute_tax_ids()
        special.tax_ids = False
        for line in vehicles:
            company = line.company_id or line.order_id.company_id or self.env.company
            regime = line.product_id.vat_regime or "margin"
            line.tax_ids = company._spoticar_get_vehicle_tax(regime)

    @api.depends("product_id", "product_uom_id", "product_uom_qty")
    def _compute_price_unit(self):
        fixed = self.filtered(lambda line: line.is_registration_fee or line.is_trade_in)
        super(SaleOrderLine, self - fixed)._compute_price_unit()

    def _reset_price_unit(self):
        """The vehicle line takes the vehicle's sale price, which includes the tax."""
        if self.product_id.is_vehicle and not self.is_trade_in:
            price = self.product_id.list_price
            self.update({"price_unit": price, "technical_price_unit": price})
            return
        return super()._reset_price_unit()

    def _action_launch_stock_rule(self, **kwargs):
        """The trade-in vehicle comes in: it is never delivered by the sale order."""
        return super(
            SaleOrderLine, self.filtered(lambda line: not line.is_trade_in)
        )._action_launch_stock_rule(**kwargs)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_entry_vals(self, vals)  # no price of 1e308, no quantity beyond a column
        lines = super().create(vals_list)
        if not self.env.context.get("spoticar_no_fee_update"):
            lines.filtered(
                lambda line: line.product_id.is_vehicle
            ).order_id._spoticar_update_registration_fees()
        return lines

    def write(self, vals):
        check_entry_vals(self, vals)
        if "registration_fee_estimate" in vals:
            raise UserError(
                self.env._(
                    "The 'to be confirmed' marking of a carte grise line is set by the carte "
                    "grise computation only: use Recompute."
                )
            )
        res = super().write(vals)
        if "product_id" in vals and not self.env.context.get("spoticar_no_fee_update"):
            self.order_id._spoticar_update_registration_fees()
        return res

    def _check_line_unlink(self):
        """The carte grise lines of a confirmed order, not invoiced, are replaced when its
        estimate is recomputed."""
        lines = super()._check_line_unlink()
        if self.env.context.get("spoticar_fee_recompute") is FEE_RECOMPUTE:
            lines = lines.filtered(lambda line: not line.is_registration_fee or line.invoice_lines)
        return lines

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invoiced_registration_fee(self):
        for line in self:
            if line.is_registration_fee and line.qty_invoiced:
                raise UserError(
                    self.env._(
                        "The carte grise line %(line)s is invoiced: it cannot be removed.",
                        line=line.name,
                    )
                )

    def unlink(self):
        orders = self.filtered(
            lambda line: line.product_id.is_vehicle and not line.is_trade_in
        ).order_id
        res = super().unlink()
        if not self.env.context.get("spoticar_no_fee_update"):
            orders.exists()._spoticar_update_registration_fees()
        return res

    def _prepare_invoice_line(self, **optional_values):
        res = super()._prepare_invoice_line(**optional_values)
        if self.is_registration_fee:
            res["tax_ids"] = [(5, 0, 0)]
        return res
