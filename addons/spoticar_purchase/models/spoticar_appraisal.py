# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tools import float_compare, float_round

from odoo.addons.spoticar_stock.models.common import (
    ENERGY_SELECTION,
    MANAGER_GROUP,
    check_entry_vals,
)

from spoticar_core import limits, register, vocabulary

APPRAISAL_STATES = [
    ("draft", "Draft"),
    ("to_approve", "To approve"),
    ("approved", "Approved"),
    ("refused", "Refused"),
    ("accepted", "Accepted"),
]
CONDITION_SELECTION = [("good", "Good"), ("average", "Average"), ("poor", "Poor")]
# What makes the offer: once submitted, changed only by going back to draft.
VALUATION_FIELDS = {"market_value", "offer", "repair_line_ids", "partner_id", "sale_order_id"}
APPRAISAL_NUMBER_LIMITS = {
    "mileage": limits.MILEAGE,
    "market_value": limits.AMOUNT,
    "offer": limits.AMOUNT,
}
APPRAISAL_DATE_LIMITS = {"first_registration_date": limits.first_registration_range}
# Vehicle fields an appraisal describes, as the stock vehicle names them.
VEHICLE_FIELDS = (
    "license_plate",
    "vin",
    "vehicle_make_id",
    "vehicle_model_id",
    "vehicle_version_id",
    "first_registration_date",
    "mileage",
    "energy",
    "vehicle_color",
    "registration_type",
)


class SpoticarAppraisal(models.Model):
    _name = "spoticar.appraisal"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Vehicle appraisal"
    _order = "id desc"
    _check_company_auto = True

    # === FIELDS === #
    name = fields.Char("Reference", readonly=True, copy=False, default="/")
    state = fields.Selection(
        APPRAISAL_STATES, default="draft", required=True, readonly=True, tracking=True, copy=False
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users", string="Salesperson", default=lambda self: self.env.user, tracking=True
    )
    sale_order_id = fields.Many2one(
        "sale.order",
        string="Proposal",
        check_company=True,
        help="The proposal whose customer trades this vehicle in; empty for a purchase on its own.",
    )
    partner_id = fields.Many2one(
        "res.partner", string="Seller", required=True, tracking=True, check_company=True
    )
    # The vehicle, described like a stock vehicle
    license_plate = fields.Char("License plate")
    vin = fields.Char("VIN")
    vehicle_make_id = fields.Many2one("spoticar.vehicle.make", string="Make")
    vehicle_model_id = fields.Many2one(
        "spoticar.vehicle.model", string="Model", domain="[('make_id', '=?', vehicle_make_id)]"
    )
    vehicle_version_id = fields.Many2one(
        "spoticar.vehicle.version",
        string="Version",
        domain="[('model_id', '=?', vehicle_model_id)]",
    )
    vehicle_description = fields.Char(
        "Vehicle", help="Make, model and version when the vehicle is not in the reference."
    )
    first_registration_date = fields.Date("First registration")
    mileage = fields.Integer("Mileage (km)")
    energy = fields.Selection(ENERGY_SELECTION)
    vehicle_color = fields.Char("Colour")
    registration_type = fields.Char("Type CG (D.2)")
    # Condition checklist
    condition_bodywork = fields.Selection(CONDITION_SELECTION, "Bodywork")
    condition_tyres = fields.Selection(CONDITION_SELECTION, "Tyres")
    condition_interior = fields.Selection(CONDITION_SELECTION, "Interior")
    condition_mechanics = fields.Selection(CONDITION_SELECTION, "Mechanics")
    doc_registration = fields.Boolean("Carte grise")
    doc_technical_inspection = fields.Boolean("Contrôle technique")
    doc_service_book = fields.Boolean("Service book")
    keys_count = fields.Integer("Number of keys", default=2)
    photo_ids = fields.Many2many("ir.attachment", string="Photos")
    condition_note = fields.Text("Condition notes")
    # Valuation
    repair_line_ids = fields.One2many(
        "spoticar.appraisal.repair", "appraisal_id", string="Repairs", copy=True
    )
    repair_total = fields.Monetary("Repair total", compute="_compute_offer_figures", store=True)
    market_value = fields.Monetary("Market value", tracking=True)
    market_value_source = fields.Selection(
        vocabulary.selection(register.MARKET_VALUE_SOURCES), string="Source"
    )
    margin_amount = fields.Monetary("Target margin", compute="_compute_offer_figures", store=True)
    offer_computed = fields.Monetary("Computed offer", compute="_compute_offer_figures", store=True)
    offer = fields.Monetary(
        "Offer",
        compute="_compute_offer",
        store=True,
        readonly=False,
        tracking=True,
        help="Market value minus repairs minus the company's target margin; may be changed.",
    )
    needs_approval = fields.Boolean(compute="_compute_needs_approval")
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    payment_mode = fields.Selection(
        vocabulary.selection(register.PAYMENT_MODES),
        string="Payment mode",
        help="How the dealer pays the seller when the vehicle is bought (purchase order).",
    )
    # Outcome
    product_tmpl_id = fields.Many2one(
        "product.template", string="Stock vehicle", readonly=True, copy=False
    )
    purchase_order_id = fields.Many2one("purchase.order", readonly=True, copy=False)

    # === COMPUTES === #
    @api.depends("market_value", "repair_line_ids.amount", "company_id.spoticar_appraisal_margin")
    def _compute_offer_figures(self):
        for appraisal in self:
            rounding = appraisal.currency_id.rounding or 0.01
            repairs = float_round(
                sum(appraisal.repair_line_ids.mapped("amount")), precision_rounding=rounding
            )
            margin = float_round(
                (appraisal.market_value or 0.0)
                * (appraisal.company_id.spoticar_appraisal_margin or 0.0)
                / 100.0,
                precision_rounding=rounding,
            )
            appraisal.repair_total = repairs
            appraisal.margin_amount = margin
            appraisal.offer_computed = max(
                float_round(
                    (appraisal.market_value or 0.0) - repairs - margin,
                    precision_rounding=rounding,
                ),
                0.0,
            )

    @api.depends("offer_computed")
    def _compute_offer(self):
        for appraisal in self:
            appraisal.offer = appraisal.offer_computed

    @api.depends("offer", "company_id.spoticar_appraisal_limit")
    def _compute_needs_approval(self):
        for appraisal in self:
            appraisal.needs_approval = (
                float_compare(
                    appraisal.offer,
                    appraisal.company_id.spoticar_appraisal_limit,
                    precision_rounding=appraisal.currency_id.rounding or 0.01,
                )
                > 0
            )

    @api.onchange("sale_order_id")
    def _onchange_sale_order_id(self):
        if self.sale_order_id:
            self.partner_id = self.sale_order_id.partner_id

    @api.onchange("license_plate")
    def _onchange_license_plate(self):
        """A plate typed loosely finds the vehicle already known and fills its description."""
        if not self.license_plate:
            return
        vehicle = self.env["product.template"].search(
            [("is_vehicle", "=", True), ("vehicle_search", "=", self.license_plate)], limit=1
        )
        for fname in VEHICLE_FIELDS:
            if vehicle and vehicle[fname] and not self[fname]:
                self[fname] = vehicle[fname]

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_appraisal_vals(vals)
            if vals.get("state", "draft") != "draft" and not self.env.su:
                raise AccessError(self.env._("An appraisal is created as a draft."))
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"]
                    .with_company(vals.get("company_id") or self.env.company.id)
                    .next_by_code("spoticar.appraisal")
                    or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        self._check_appraisal_vals(vals)
        if not self.env.su:
            guarded = {"state", "approved_by_id", "product_tmpl_id", "purchase_order_id"} & set(
                vals
            )
            if guarded:
                raise AccessError(
                    self.env._(
                        "The state of an appraisal changes only through its buttons (submit, "
                        "approve, refuse, accept)."
                    )
                )
            if VALUATION_FIELDS & set(vals) and self.filtered(
                lambda a: a.state not in ("draft", "refused")
            ):
                raise UserError(
                    self.env._(
                        "The offer of the appraisal %(name)s is submitted: set it back to draft "
                        "to change it.",
                        name=self.filtered(lambda a: a.state not in ("draft", "refused"))[:1].name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if self.filtered(lambda a: a.state == "accepted"):
            raise UserError(self.env._("An accepted appraisal cannot be deleted."))

    @api.model
    def _check_appraisal_vals(self, vals):
        check_entry_vals(self, vals, numbers=APPRAISAL_NUMBER_LIMITS, dates=APPRAISAL_DATE_LIMITS)
        if vals.get("license_plate") or vals.get("vin") or "registration_type" in vals:
            self.env["product.template"]._normalize_identifier_vals(vals)

    # === ACTIONS === #
    def _set_state(self, state, **extra):
        self.sudo().write(dict(extra, state=state))

    def action_submit(self):
        """Approved at once within the salesperson's limit; above it, a manager decides."""
        for appraisal in self:
            if appraisal.state not in ("draft", "refused"):
                raise UserError(self.env._("Only a draft appraisal can be submitted."))
            if appraisal.market_value <= 0 or appraisal.offer <= 0:
                raise UserError(
                    self.env._("Market value and offer: type the market value before submitting.")
                )
            if appraisal.needs_approval and not self.env.user.has_group(MANAGER_GROUP):
                appraisal._set_state("to_approve")
                appraisal._schedule_approval_activity()
            else:
                appraisal._set_state("approved", approved_by_id=self.env.user.id)
        return True

    def _schedule_approval_activity(self):
        self.ensure_one()
        managers = self.company_id._spoticar_managers()
        manager = managers.filtered(lambda u: u != self.env.user)[:1] or managers[:1]
        if manager:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Approve the trade-in offer"),
                note=self.env._("Offer %(offer)s above the salesperson's limit.", offer=self.offer),
                user_id=manager.id,
            )

    def _check_manager(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only a Spoticar manager can approve or refuse an appraisal.")
            )

    def action_approve(self):
        self._check_manager()
        for appraisal in self:
            if appraisal.state != "to_approve":
                raise UserError(self.env._("Only an appraisal to approve can be approved."))
            appraisal._set_state("approved", approved_by_id=self.env.user.id)
            appraisal.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_refuse(self):
        self._check_manager()
        for appraisal in self:
            if appraisal.state != "to_approve":
                raise UserError(self.env._("Only an appraisal to approve can be refused."))
            appraisal._set_state("refused")
            appraisal.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_draft(self):
        for appraisal in self:
            if appraisal.state not in ("to_approve", "approved", "refused"):
                raise UserError(self.env._("An accepted appraisal cannot go back to draft."))
            appraisal._set_state("draft", approved_by_id=False)
            appraisal.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def _check_acceptable(self):
        self.ensure_one()
        if self.state != "approved":
            raise UserError(self.env._("Only an approved appraisal can be accepted."))

    def _prepare_vehicle_vals(self):
        self.ensure_one()
        vals = {
            fname: (self[fname].id if isinstance(self[fname], models.BaseModel) else self[fname])
            for fname in VEHICLE_FIELDS
            if self[fname]
        }
        if self.vehicle_description and not self.vehicle_version_id:
            vals["name"] = self.vehicle_description
        vals.update(
            keys_count=self.keys_count,
            spoticar_appraisal_id=self.id,
            reconditioning_cost=self.repair_total,
        )
        return vals

    def action_accept_trade_in(self):
        """The offer becomes the trade-in line of the proposal (as the trade-in wizard does)."""
        self.ensure_one()
        self._check_acceptable()
        if not self.sale_order_id:
            raise UserError(self.env._("Proposal: this appraisal is not linked to a proposal."))
        product = self.sale_order_id._spoticar_create_trade_in(
            self._prepare_vehicle_vals(), self.offer
        )
        self._set_state("accepted", product_tmpl_id=product.product_tmpl_id.id)
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.sale_order_id.id,
            "view_mode": "form",
        }

    def action_accept_purchase(self):
        """The vehicle enters the stock as incoming, bought by a purchase order to the seller."""
        self.ensure_one()
        self._check_acceptable()
        vals = dict(
            self._prepare_vehicle_vals(),
            is_vehicle=True,
            vehicle_state="incoming",
            vat_regime="margin",
            list_price=0.0,
            sale_ok=True,
            purchase_ok=True,
            company_id=self.company_id.id,
            taxes_id=[Command.clear()],
        )
        template = self.env["product.template"].create(vals)
        template.sudo().purchase_price = self.offer
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "spoticar_payment_mode": self.payment_mode,
                "origin": self.name,
                "order_line": [
                    Command.create(
                        {
                            "product_id": template.product_variant_id.id,
                            "product_qty": 1.0,
                            "price_unit": self.offer,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        self._set_state("accepted", product_tmpl_id=template.id, purchase_order_id=order.id)
        return {
            "type": "ir.actions.act_window",
            "res_model": "purchase.order",
            "res_id": order.id,
            "view_mode": "form",
        }


class SpoticarAppraisalRepair(models.Model):
    _name = "spoticar.appraisal.repair"
    _description = "Repair estimate of an appraisal"
    _order = "appraisal_id, sequence, id"

    appraisal_id = fields.Many2one(
        "spoticar.appraisal", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="appraisal_id.company_id", store=True)
    currency_id = fields.Many2one(related="appraisal_id.currency_id")
    name = fields.Char("Repair", required=True)
    amount = fields.Monetary("Estimate", required=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_entry_vals(self, vals, numbers={"amount": limits.AMOUNT})
        lines = super().create(vals_list)
        lines._check_appraisal_draft()
        return lines

    def write(self, vals):
        check_entry_vals(self, vals, numbers={"amount": limits.AMOUNT})
        self._check_appraisal_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_in_draft(self):
        self._check_appraisal_draft()

    def _check_appraisal_draft(self):
        if self.appraisal_id.filtered(lambda a: a.state not in ("draft", "refused")):
            raise UserError(
                self.env._("The appraisal is submitted: set it back to draft to change repairs.")
            )
