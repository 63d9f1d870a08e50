# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from decimal import Decimal

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools.misc import formatLang

from odoo.addons.spoticar_stock.models.common import MANAGER_GROUP, check_entry_vals

from spoticar_core import exceptions as spoticar_exceptions
from spoticar_core import formalities, limits, register, vocabulary
from spoticar_core import greycard as spoticar_greycard

from .sale_order_line import FEE_RECOMPUTE

_logger = logging.getLogger(__name__)

PAYMENT_MODES = [
    ("transfer", "Bank transfer"),
    ("cheque", "Cheque"),
    ("card", "Card"),
    ("cash", "Cash"),
    ("credit", "Credit"),
]
# Typed figures of the order form, within the limits of spoticar_core.
ORDER_NUMBER_LIMITS = {"deposit_amount": limits.AMOUNT, "max_delivery_km": limits.MILEAGE}
# Context value of the carte grise computation's writes: a Python object, which a JSON-RPC client
# cannot send, so setting the key in a request's context does not open the guard.
_FEE_WRITE = object()
# Set only by the carte grise computation (_spoticar_set_registration_fee_lines).
ESTIMATE_FIELDS = {
    "registration_fee_rate_id",
    "registration_fee_estimate",
    "registration_fee_estimate_year",
    "registration_fee_estimate_rate_year",
}
SALE_CHANNELS = [
    ("showroom", "At the dealership"),
    ("distance", "Distance sale"),
    ("off_premises", "Off-premises sale"),
    ("fair", "Fair or show"),
]


class SaleOrder(models.Model):
    _inherit = "sale.order"

    _vehicle_sold_once = models.UniqueIndex(
        "(vehicle_id) WHERE state = 'sale' AND vehicle_id IS NOT NULL",
        "This vehicle is already sold on another confirmed order.",
    )
    # "My sales" of a salesperson with the count the list shows: an index-only scan, whatever
    # the number of dealers (the company is the record rule's condition).
    _user_company_idx = models.Index("(user_id, company_id)")

    # === Vehicle === #
    vehicle_id = fields.Many2one(
        "product.product",
        string="Vehicle",
        compute="_compute_vehicle_id",
        store=True,
        index="btree_not_null",
        help="The vehicle sold by this order (its vehicle line).",
    )
    vehicle_tmpl_id = fields.Many2one(related="vehicle_id.product_tmpl_id", string="Vehicle Sheet")
    # === Order form data === #
    delivery_date = fields.Date(
        string="Latest Delivery Date",
        tracking=True,
        help="Latest delivery date promised to the customer.",
    )
    sale_date = fields.Date(
        default=fields.Date.context_today,
        tracking=True,
        help="Date of the sale; the carte grise is computed at this date.",
    )
    deliverer_id = fields.Many2one(
        "res.users",
        string="Deliverer",
        domain=lambda self: self._spoticar_deliverer_domain(),
    )
    payment_mode = fields.Selection(PAYMENT_MODES, default="transfer", tracking=True)
    financing_partner_id = fields.Many2one(
        "res.partner",
        string="Financing Body",
        help="Lender of a credit sale.",
    )
    deposit_amount = fields.Monetary(string="Deposit")
    deposit_kind = fields.Selection(
        [("acompte", "Acompte (firm sale)"), ("arrhes", "Arrhes (cancellable)")],
        default="arrhes",
        help="Without a stipulation, any advance payment of a consumer is arrhes (Code de "
        "la consommation L214-1): the buyer may withdraw and lose it.",
    )
    offer_date = fields.Datetime(default=fields.Datetime.now)
    sale_channel = fields.Selection(SALE_CHANNELS, default="showroom", required=True)
    affected_credit = fields.Boolean(
        help="The sale is financed by an affected consumer credit (14-day withdrawal).",
    )
    immediate_delivery_request = fields.Boolean(
        help="The buyer of an affected-credit sale expressly asks for immediate delivery.",
    )
    sale_destination = fields.Selection(
        [("metropolitan", "Sale in metropolitan France"), ("export", "Export")],
        default="metropolitan",
        required=True,
    )
    max_delivery_km = fields.Integer(string="Max. Km at Delivery")
    is_professional_customer = fields.Boolean(
        compute="_compute_is_professional_customer",
        store=True,
        string="Professional Customer",
    )
    withdrawal_right = fields.Boolean(
        compute="_compute_withdrawal_right",
        help="Distance or off-premises sale, or affected credit: the buyer has a 14-day "
        "withdrawal right.",
    )
    # === Trade-in === #
    trade_in_vehicle_id = fields.Many2one(
        "product.product",
        string="Trade-in Vehicle",
        copy=False,
        readonly=True,
    )
    trade_in_value = fields.Monetary(copy=False, readonly=True)
    # === Carte grise === #
    registration_fee_total = fields.Monetary(
        compute="_compute_registration_fee_total", string="Carte Grise Total"
    )
    registration_fee_message = fields.Text(
        string="Carte Grise Message",
        readonly=True,
        copy=False,
        help="Why the carte grise could not be computed.",
    )
    registration_fee_region = fields.Char(readonly=True, copy=False)
    registration_fee_rate_id = fields.Many2one(
        "spoticar.greycard.rate",
        string="Carte Grise Rate",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        help="Regional rate (Y1) used for the carte grise lines.",
    )
    registration_fee_estimate = fields.Boolean(
        string="Carte Grise to Confirm",
        readonly=True,
        copy=False,
        help="The rate of the holder's region for the sale date is not known yet: the carte "
        "grise was computed at the last known rate and must be confirmed (Recompute once the "
        "new rate is entered).",
    )
    registration_fee_estimate_year = fields.Integer(
        string="Carte Grise Year to Confirm",
        readonly=True,
        copy=False,
        help="Year of the sale, whose rate is not known yet.",
    )
    registration_fee_estimate_rate_year = fields.Integer(
        string="Carte Grise Year of the Rate Used", readonly=True, copy=False
    )
    registration_fee_estimate_note = fields.Char(
        string="Carte Grise Estimate", compute="_compute_registration_fee_estimate_note"
    )
    registration_fee_key = fields.Char(readonly=True, copy=False)
    # === SIV declaration of the sale (Cerfa 15776*02) === #
    siv_sale_receipt = fields.Char(
        string="SIV Sale Receipt No.",
        tracking=True,
        copy=False,
        help="Number of the receipt the registration system (SIV) gives for the declaration "
        "of the sale: entering it closes the activity of the declaration.",
    )
    siv_sale_deadline = fields.Date(
        string="SIV Declaration Deadline",
        compute="_compute_siv_sale_deadline",
        help="The sale is declared in the SIV within 15 days (Code de la route R322-4).",
    )
    # The vehicle's contrôle technique, shown on the order (entered on the vehicle sheet).
    vehicle_inspection_date = fields.Date(
        related="vehicle_tmpl_id.inspection_date", string="Last technical inspection"
    )
    vehicle_inspection_result = fields.Selection(
        related="vehicle_tmpl_id.inspection_result", string="Technical inspection result"
    )
    vehicle_inspection_counter_visit_date = fields.Date(
        related="vehicle_tmpl_id.inspection_counter_visit_date", string="Counter-visit date"
    )
    margin_vat_amount = fields.Monetary(
        compute="_compute_margin_vat_amount",
        string="VAT on Margin",
        groups=MANAGER_GROUP,
    )

    # === Computes === #
    @api.depends("order_line.product_id", "order_line.is_trade_in")
    def _compute_vehicle_id(self):
        for order in self:
            lines = order.order_line.filtered(
                lambda line: line.product_id.is_vehicle and not line.is_trade_in
            )
            order.vehicle_id = lines[:1].product_id

    @api.depends("partner_id.l10n_fr_customer_type", "partner_id.commercial_partner_id")
    def _compute_is_professional_customer(self):
        for order in self:
            order.is_professional_customer = (
                order.partner_id.commercial_partner_id.l10n_fr_customer_type == "professional"
                or order.partner_id.l10n_fr_customer_type == "professional"
            )

    @api.depends("sale_channel", "affected_credit")
    def _compute_withdrawal_right(self):
        for order in self:
            order.withdrawal_right = (
                order.sale_channel in ("distance", "off_premises") or order.affected_credit
            )

    @api.depends("order_line.price_total", "order_line.is_registration_fee")
    def _compute_registration_fee_total(self):
        for order in self:
            order.registration_fee_total = sum(
                order.order_line.filtered("is_registration_fee").mapped("price_total")
            )

    @api.depends(
        "registration_fee_estimate",
        "registration_fee_estimate_year",
        "registration_fee_estimate_rate_year",
        "registration_fee_region",
    )
    @api.depends_context("lang")
    def _compute_registration_fee_estimate_note(self):
        for order in self:
            order.registration_fee_estimate_note = order.registration_fee_estimate and self.env._(
                "%(year)s carte grise rate not yet published for region %(region)s: amount "
                "computed at the %(rate_year)s rate, to be confirmed",
                year=order.registration_fee_estimate_year,
                region=order.registration_fee_region,
                rate_year=order.registration_fee_estimate_rate_year,
            )

    @api.depends("sale_date", "date_order", "state", "vehicle_id")
    def _compute_siv_sale_deadline(self):
        for order in self:
            order.siv_sale_deadline = (
                order.state == "sale"
                and order.vehicle_id
                and formalities.siv_declaration_deadline(order._spoticar_sale_day())
            )

    @api.depends("order_line.margin_vat_amount")
    def _compute_margin_vat_amount(self):
        for order in self:
            order.margin_vat_amount = sum(order.order_line.sudo().mapped("margin_vat_amount"))

    @api.model
    def _spoticar_deliverer_domain(self):
        """The dealer's staff: internal users of the order's company in the Spoticar groups."""
        group = self.env.ref("spoticar_stock.group_spoticar_user", raise_if_not_found=False)
        return (
            "[('share', '=', False), ('company_ids', 'in', company_id),"
            f" ('all_group_ids', 'in', {group.id if group else 0})]"
        )

    # === Onchanges === #
    @api.onchange("partner_id")
    def _onchange_partner_id_spoticar(self):
        for order in self:
            if order.partner_id.contact_origin_id and not order.source_id:
                order.source_id = order.partner_id.contact_origin_id

    @api.onchange("payment_mode")
    def _onchange_payment_mode(self):
        for order in self:
            if order.payment_mode != "credit":
                order.affected_credit = False

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        partners = self.env["res.partner"].browse(
            [vals["partner_id"] for vals in vals_list if vals.get("partner_id")]
        )
        origin_by_partner = {p.id: p.contact_origin_id.id for p in partners}
        for vals in vals_list:
            check_entry_vals(self, vals, numbers=ORDER_NUMBER_LIMITS)
            if not vals.get("source_id") and origin_by_partner.get(vals.get("partner_id")):
                vals["source_id"] = origin_by_partner[vals["partner_id"]]
        orders = super().create(vals_list)
        orders._spoticar_update_registration_fees()
        return orders

    def write(self, vals):
        check_entry_vals(self, vals, numbers=ORDER_NUMBER_LIMITS)
        if (
            ESTIMATE_FIELDS & set(vals)
            and self.env.context.get("spoticar_fee_write") is not _FEE_WRITE
        ):
            raise UserError(
                self.env._(
                    "The carte grise rate and its 'to be confirmed' marking are set by the "
                    "carte grise computation only: use Recompute."
                )
            )
        if isinstance(vals.get("siv_sale_receipt"), str):
            vals = dict(vals, siv_sale_receipt=vals["siv_sale_receipt"].strip() or False)
        res = super().write(vals)
        if {"partner_id", "sale_date", "date_order", "sale_destination", "order_line"} & set(vals):
            self._spoticar_update_registration_fees()
        if vals.get("payment_mode") == "cash" or {"partner_id", "order_line"} & set(vals):
            self.filtered(lambda o: o.state == "sale")._spoticar_check_cash_cap()
        if vals.get("siv_sale_receipt"):
            self._spoticar_close_siv_activity()
        return res

    # === Actions === #
    def action_confirm(self):
        self._spoticar_check_cash_cap()
        self._spoticar_check_registration_fees()
        self._spoticar_reserve_vehicles()
        res = super().action_confirm()
        self._spoticar_schedule_siv_activity()
        return res

    def _action_cancel(self):
        vehicles = self.filtered(lambda o: o.state == "sale").vehicle_id.product_tmpl_id
        res = super()._action_cancel()
        for vehicle in vehicles.sudo().filtered(lambda v: v.vehicle_state == "reserved"):
            vehicle._vehicle_set_state("stock" if vehicle.qty_available >= 1 else "incoming")
        return res

    def action_spoticar_update_registration_fees(self):
        """Button: recompute the carte grise lines now (also an estimate of a confirmed order
        not invoiced)."""
        drafts = self.filtered(lambda o: o.state in ("draft", "sent"))
        drafts.write({"registration_fee_key": False})
        drafts._spoticar_update_registration_fees()
        estimated = self.filtered(lambda o: o.state == "sale" and o.registration_fee_estimate)
        invoiced = estimated.filtered(lambda o: o._spoticar_registration_fee_invoiced())
        if invoiced:
            raise UserError(
                self.env._(
                    "The carte grise lines of order %(order)s are already invoiced: they "
                    "cannot be recomputed.",
                    order=invoiced[:1].name,
                )
            )
        estimated._spoticar_recompute_estimates()
        return True

    def action_spoticar_recompute_estimates(self):
        """Server action: recompute the estimated carte grise of these orders, except the
        invoiced ones. Returns the orders recomputed."""
        return self._spoticar_recompute_estimates()

    def action_spoticar_trade_in(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Trade-in"),
            "res_model": "spoticar.trade.in.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    # === Business: cash cap (Code monétaire et financier L112-6, D112-3) === #
    def _spoticar_cash_debtor(self):
        """(professional, resident) of the customer who pays this order."""
        self.ensure_one()
        return self.partner_id._spoticar_cash_debtor()

    def _spoticar_check_cash_cap(self):
        """An order paid in cash is refused above the legal cap of its customer."""
        for order in self.filtered(lambda o: o.payment_mode == "cash"):
            professional, resident = order._spoticar_cash_debtor()
            amount = order.currency_id._convert(
                order.amount_total,
                self.env.ref("base.EUR"),
                order.company_id,
                order.date_order or fields.Date.context_today(order),
            )
            if not register.cash_allowed(amount, professional, resident):
                raise UserError(
                    self.env._(
                        "Payment mode: order %(order)s cannot be paid in cash: %(amount)s is "
                        "above the legal cap of %(cap)s EUR for this customer (Code monétaire "
                        "et financier L112-6 and D112-3). Choose another payment mode.",
                        order=order.name,
                        amount=order._spoticar_format_amount(order.amount_total),
                        cap=register.cash_cap(professional, resident),
                    )
                )

    def _spoticar_format_amount(self, amount):
        self.ensure_one()
        return formatLang(self.env, amount, currency_obj=self.currency_id)

    # === Business: SIV declaration of the sale === #
    def _spoticar_sale_day(self):
        """The day of the sale: its sale date, else the day the order was confirmed."""
        self.ensure_one()
        return self.sale_date or fields.Date.context_today(self, self.date_order)

    def _spoticar_schedule_siv_activity(self):
        """Declare the sale in the SIV within 15 days: an activity to the salesperson of each
        confirmed vehicle order without its receipt number."""
        for order in self.filtered(
            lambda o: o.state == "sale" and o.vehicle_id and not o.siv_sale_receipt
        ):
            order.activity_schedule(
                "spoticar_sale.mail_activity_type_siv_sale",
                date_deadline=formalities.siv_declaration_deadline(order._spoticar_sale_day()),
                user_id=(order.user_id or self.env.user).id,
                note=self.env._(
                    "Declare the sale of %(vehicle)s in the SIV (certificat de cession, Cerfa "
                    "15776*02), then enter the receipt number on the order.",
                    vehicle=order.vehicle_id.display_name,
                ),
            )

    def _spoticar_close_siv_activity(self):
        for order in self.filtered("siv_sale_receipt"):
            order.activity_feedback(
                ["spoticar_sale.mail_activity_type_siv_sale"],
                feedback=self.env._("SIV receipt No. %(number)s", number=order.siv_sale_receipt),
            )

    # === Business: the certificat de cession (Cerfa 15776*02) === #
    def _spoticar_certificate_values(self):
        """What the sale certificate prints besides the records: the date and time of the sale
        (the time of the confirmation when it took place on the sale day, else left to write
        by hand), the national genre (J.1) and the buyers (the customer, then the co-holder)."""
        self.ensure_one()
        day = self._spoticar_sale_day()
        hour = ""
        if self.state == "sale" and self.date_order:
            tz = self.user_id.tz or self.env.user.tz or "Europe/Paris"
            moment = fields.Datetime.context_timestamp(self.with_context(tz=tz), self.date_order)
            if moment.date() == day:
                hour = moment.strftime("%H:%M")
        vehicle = self.vehicle_id
        return {
            "day": day.strftime("%d/%m/%Y"),
            "hour": hour,
            "genre": vocabulary.NATIONAL_GENRES.get(
                vehicle.vehicle_category or vocabulary.PASSENGER_CAR, ""
            ),
            "buyers": self.partner_id | self.partner_id.co_holder_id,
            "registration": vehicle.first_registration_date
            and vehicle.first_registration_date.strftime("%d/%m/%Y")
            or "",
            "inspection": vehicle.inspection_date
            and vehicle.inspection_date.strftime("%d/%m/%Y")
            or "",
        }

    def _spoticar_certificate_lang(self):
        """French, the language of the form, when installed; else the customer's."""
        self.ensure_one()
        if self.env["res.lang"]._get_data(code="fr_FR").code:
            return "fr_FR"
        return self.partner_id.lang or self.env.lang

    def action_spoticar_open_vehicle(self):
        """The vehicle sheet of the order, where its contrôle technique is entered."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.vehicle_tmpl_id.display_name,
            "res_model": "product.template",
            "res_id": self.vehicle_tmpl_id.id,
            "view_mode": "form",
            "views": [
                (self.env.ref("spoticar_stock.product_template_vehicle_view_form").id, "form")
            ],
            "target": "current",
        }

    def action_spoticar_print_certificate(self):
        """Header button of a confirmed vehicle order: the certificat de cession."""
        self.ensure_one()
        if self.state != "sale" or not self.vehicle_id:
            raise UserError(
                self.env._("The sale certificate is printed once the vehicle order is confirmed.")
            )
        return self.env.ref("spoticar_sale.action_report_sale_certificate").report_action(self)

    # === Business: the signed order form === #
    def _spoticar_attach_signed_order_form(self):
        """Keep the order form signed online on the order: its PDF, with the signature, the
        signer and the date, attached and posted in the chatter."""
        self.ensure_one()
        # A real PDF even when the server runs its tests (where reports render as HTML).
        pdf, _fmt = (
            self.env["ir.actions.report"]
            .sudo()
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("spoticar_sale.action_report_vehicle_order", self.ids)
        )
        filename = self.env._("Signed order form - %(order)s.pdf", order=self.name)
        message = self.sudo().message_post(
            body=self.env._(
                "Order form signed online by %(signer)s: the signed PDF is attached.",
                signer=self.signed_by,
            ),
            attachments=[(filename, pdf)],
        )
        return message.attachment_ids

    # === Business: vehicle reservation === #
    def _spoticar_reserve_vehicles(self):
        """Reserve the vehicles of the orders being confirmed.

        The vehicle rows are locked with ``SELECT ... FOR UPDATE NOWAIT``: a concurrent
        confirmation of another order with the same vehicle fails at once with a clear
        message instead of waiting, and the one that waits for nothing sees the first
        order once it is committed. A partial unique index on confirmed orders backs it.
        """
        vehicles = self.vehicle_id.product_tmpl_id
        if not vehicles:
            return
        archived = self.vehicle_id.filtered(lambda v: not v.active or not v.product_tmpl_id.active)
        if archived:
            raise UserError(
                self.env._(
                    "Vehicle %(vehicle)s is archived: it cannot be sold.",
                    vehicle=archived[:1].display_name,
                )
            )
        seen = {}
        for order in self.filtered("vehicle_id"):
            other = seen.get(order.vehicle_id)
            if other:
                raise UserError(
                    self.env._(
                        "Vehicle %(vehicle)s is on both orders %(first)s and %(second)s: "
                        "it can be sold only once.",
                        vehicle=order.vehicle_id.display_name,
                        first=other.name,
                        second=order.name,
                    )
                )
            seen[order.vehicle_id] = order
        try:
            # a lost race is expected, not an error: no "bad query" ERROR line (as ir.cron does)
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT id FROM product_template WHERE id IN %s FOR UPDATE NOWAIT",
                    [tuple(vehicles.ids)],
                    log_exceptions=False,
                )
        except psycopg2.errors.LockNotAvailable as e:
            raise UserError(
                self.env._(
                    "Vehicle %(vehicle)s is being reserved by another order at this very "
                    "moment: it cannot be sold twice. Reload the order and check the vehicle.",
                    vehicle=", ".join(vehicles.mapped("display_name")),
                )
            ) from e
        sold = self.sudo().search(
            [
                ("vehicle_id", "in", self.vehicle_id.ids),
                ("state", "=", "sale"),
                ("id", "not in", self.ids),
            ],
            limit=1,
        )
        if sold:
            raise UserError(
                self.env._(
                    "Vehicle %(vehicle)s is already sold on order %(order)s: it cannot be "
                    "sold twice. Cancel that order first.",
                    vehicle=sold.vehicle_id.display_name,
                    order=sold.name,
                )
            )
        gone = vehicles.filtered(lambda v: v.vehicle_state in ("sold", "delivered"))
        if gone:
            raise UserError(
                self.env._(
                    "Vehicle %(vehicle)s is already sold.",
                    vehicle=gone[:1].display_name,
                )
            )
        vehicles.sudo()._vehicle_set_state("reserved")

    # === Business: carte grise lines === #
    def _spoticar_registration_fee_date(self):
        self.ensure_one()
        return self.sale_date or fields.Date.context_today(self, self.date_order)

    def _spoticar_registration_fee_key_value(self):
        """Everything the carte grise depends on, as a string: recompute when it changes."""
        self.ensure_one()
        vehicle = self.vehicle_id
        partner = self.partner_id
        return "|".join(
            str(v)
            for v in (
                self.sale_destination,
                vehicle.id,
                vehicle.fiscal_power,
                vehicle.energy,
                vehicle.first_registration_date,
                vehicle.vehicle_category,
                vehicle.ptac,
                vehicle.co2_emission,
                vehicle.is_imported,
                vehicle.co2_malus_amount,
                vehicle.mass_malus_amount,
                partner.id,
                partner.zip,
                partner.country_id.code,
                self._spoticar_registration_fee_date(),
            )
        )

    def _spoticar_update_registration_fees(self):
        """Recompute the carte grise lines of draft orders whose inputs changed.

        Confirmed orders keep their lines (frozen). Lines already invoiced are never
        removed.
        """
        if self.env.context.get("spoticar_no_fee_update"):
            return
        for order in self.with_context(spoticar_no_fee_update=True):
            if order.state not in ("draft", "sent"):
                continue
            key = order._spoticar_registration_fee_key_value()
            if key == order.registration_fee_key:
                continue
            order._spoticar_set_registration_fee_lines(key=key)

    def _spoticar_set_registration_fee_lines(self, key=None):
        """Replace the carte grise lines and their summary fields by a new computation, in
        one write of the order (``key``: the inputs computed from, when given)."""
        self.ensure_one()
        old_lines = self.order_line.filtered("is_registration_fee")
        if old_lines.filtered(lambda line: line.qty_invoiced):
            raise UserError(
                self.env._(
                    "The carte grise lines of order %(order)s are already invoiced: they "
                    "cannot be recomputed.",
                    order=self.name,
                )
            )
        old_lines.with_context(spoticar_fee_recompute=FEE_RECOMPUTE).unlink()
        values = {
            "registration_fee_message": False,
            "registration_fee_region": False,
            "registration_fee_rate_id": False,
            "registration_fee_estimate": False,
            "registration_fee_estimate_year": False,
            "registration_fee_estimate_rate_year": False,
        }
        if key is not None:
            values["registration_fee_key"] = key
        if not self.vehicle_id or self.sale_destination == "export":
            self.with_context(spoticar_fee_write=_FEE_WRITE).write(values)
            return
        result, message = self._spoticar_compute_greycard()
        if message:
            values["registration_fee_message"] = message
            self.with_context(spoticar_fee_write=_FEE_WRITE).write(values)
            return
        values["registration_fee_region"] = result.region_name or False
        values["registration_fee_rate_id"] = result.rate_ref or False
        if result.estimate:
            values["registration_fee_estimate"] = True
            values["registration_fee_estimate_year"] = result.estimate_year
            values["registration_fee_estimate_rate_year"] = result.estimate_rate_year
        line_vals = [
            Command.create(vals)
            for vals in self._spoticar_prepare_registration_fee_lines_vals(result)
        ]
        values["order_line"] = line_vals
        self.with_context(spoticar_fee_write=_FEE_WRITE).write(values)
        if result.estimate:
            self._spoticar_schedule_rate_activity(result)

    def _spoticar_greycard_missing_inputs(self):
        self.ensure_one()
        vehicle = self.vehicle_id
        missing = []
        if not self.partner_id.zip:
            missing.append(self.env._("the customer's postcode"))
        if not vehicle.fiscal_power:
            missing.append(self.env._("the vehicle's fiscal power (CV)"))
        if not vehicle.energy:
            missing.append(self.env._("the vehicle's energy"))
        if not vehicle.first_registration_date:
            missing.append(self.env._("the vehicle's first registration date"))
        return missing

    def _spoticar_greycard_input(self):
        """Build the spoticar_core GreycardInput of the order."""
        self.ensure_one()
        vehicle = self.vehicle_id
        vehicle_line = self.order_line.filtered(
            lambda line: line.product_id == vehicle and not line.is_trade_in
        )[:1]
        return spoticar_greycard.GreycardInput(
            fiscal_power=vehicle.fiscal_power,
            energy=vehicle.energy,
            first_registration_date=vehicle.first_registration_date,
            operation_date=self._spoticar_registration_fee_date(),
            postcode=(self.partner_id.zip or "").strip(),
            category=vehicle.vehicle_category or "VP",
            ptac=vehicle.ptac or None,
            imported=bool(vehicle.is_imported),
            co2_malus=Decimal(str(vehicle.co2_malus_amount or 0)),
            mass_malus=Decimal(str(vehicle.mass_malus_amount or 0)),
            purchase_price=Decimal(str(vehicle_line.price_total or vehicle.list_price or 0)),
        )

    def _spoticar_compute_greycard(self):
        """Return (result, False) or (False, French message saying what to fill)."""
        self.ensure_one()
        missing = self._spoticar_greycard_missing_inputs()
        if missing:
            return False, self.env._(
                "Carte grise not computed: fill in %(missing)s.", missing=", ".join(missing)
            )
        exceptions = spoticar_exceptions
        try:
            result = spoticar_greycard.compute(
                self._spoticar_greycard_input(),
                tariffs=self.env["spoticar.greycard.rate"]._spoticar_tariffs(),
                estimate=True,
            )
        except exceptions.SpoticarValidationError as e:
            return False, self.env._("Carte grise not computed: %(reason)s", reason=str(e))
        return result, False

    def _spoticar_prepare_registration_fee_lines_vals(self, result):
        self.ensure_one()
        product = self.company_id._spoticar_get_registration_fee_product()
        if not product:
            raise UserError(
                self.env._(
                    "Set the carte grise product in the Spoticar settings of company %(company)s.",
                    company=self.company_id.name,
                )
            )
        sequence = max(self.order_line.mapped("sequence") or [10]) + 1
        vals_list = []
        for code, label, amount in result.lines():
            if not amount:
                continue
            name = self.env._("Carte grise - %(label)s", label=label)
            if result.estimate:
                name = self.env._("%(name)s (to be confirmed)", name=name)
            vals_list.append(
                {
                    "product_id": product.id,
                    "name": name,
                    "registration_fee_estimate": result.estimate,
                    "product_uom_qty": 1.0,
                    "price_unit": float(amount),
                    "tax_ids": [Command.clear()],
                    "is_registration_fee": True,
                    "registration_tax_code": code.upper(),
                    "sequence": sequence,
                }
            )
            sequence += 1
        return vals_list

    def _spoticar_registration_fee_invoiced(self):
        self.ensure_one()
        return bool(
            self.order_line.filtered("is_registration_fee").invoice_lines.filtered(
                lambda line: line.parent_state != "cancel"
            )
        )

    def _spoticar_recompute_estimates(self):
        """Recompute the estimated carte grise of these orders (draft or confirmed), never an
        invoiced one. Returns the orders recomputed."""
        done = self.browse()
        for order in self.filtered("registration_fee_estimate"):
            if order.state == "cancel" or order._spoticar_registration_fee_invoiced():
                continue
            order = order.with_context(spoticar_no_fee_update=True)
            order._spoticar_set_registration_fee_lines(
                key=order._spoticar_registration_fee_key_value()
                if order.state in ("draft", "sent")
                else None
            )
            done |= order
        return self.browse(done.ids)

    def _spoticar_schedule_rate_activity(self, result):
        """One activity per region and period for the Spoticar managers of the company: enter
        the new rate on the last known period (searched before scheduling, never one per
        order)."""
        self.ensure_one()
        rate = self.registration_fee_rate_id.sudo()
        activity_type = self.env.ref("spoticar_sale.mail_activity_type_greycard_rate")
        managers = self.company_id._spoticar_managers()
        if not managers or not rate:
            return
        existing = (
            self.env["mail.activity"]
            .sudo()
            .search_count(
                [
                    ("res_model", "=", rate._name),
                    ("res_id", "=", rate.id),
                    ("activity_type_id", "=", activity_type.id),
                    ("user_id", "in", managers.ids),
                ],
                limit=1,
            )
        )
        if existing:
            return
        rate.activity_schedule(
            "spoticar_sale.mail_activity_type_greycard_rate",
            user_id=managers[0].id,
            summary=self.env._(
                "Enter the %(year)s carte grise rate of region %(region)s",
                year=result.estimate_year,
                region=result.region_name,
            ),
            note=self.env._(
                "Order %(order)s was computed at the last known rate (%(note)s). Close this "
                "period with Valid To, add the new one, then recompute the estimated orders.",
                order=self.name,
                note=self.registration_fee_estimate_note,
            ),
        )

    def _spoticar_check_registration_fees(self):
        for order in self:
            if order.state not in ("draft", "sent") or not order.vehicle_id:
                continue
            order._spoticar_update_registration_fees()
            if order.registration_fee_message and order.sale_destination != "export":
                raise UserError(order.registration_fee_message)

    def _get_update_prices_lines(self):
        lines = super()._get_update_prices_lines()
        return lines.filtered(lambda line: not line.is_registration_fee and not line.is_trade_in)

    # === Business: trade-in === #
    def _spoticar_create_trade_in(self, vehicle_vals, value):
        """Create the trade-in vehicle (incoming, margin scheme) and its negative line."""
        self.ensure_one()
        if self.state not in ("draft", "sent"):
            raise UserError(self.env._("A trade-in can only be added to a proposition."))
        if value <= 0:
            raise UserError(self.env._("The trade-in value must be positive."))
        vals = {
            "type": "consu",
            "is_storable": True,
            "is_vehicle": True,
            "vehicle_state": "incoming",
            "vat_regime": "margin",
            "list_price": 0.0,
            "sale_ok": True,
            "purchase_ok": True,
            "company_id": self.company_id.id,
            "taxes_id": [Command.clear()],
        }
        vals.update(vehicle_vals)
        template = self.env["product.template"].create(vals)
        # The trade-in value is the vehicle's purchase price, a field of the managers: set by
        # this business method for the salesperson who takes the trade-in.
        template.sudo().purchase_price = value
        product = template.product_variant_id
        self.write(
            {
                "trade_in_vehicle_id": product.id,
                "trade_in_value": value,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "name": self.env._(
                                "Trade-in: %(vehicle)s", vehicle=template.display_name
                            ),
                            "product_uom_qty": 1.0,
                            "price_unit": -value,
                            "tax_ids": [Command.clear()],
                            "is_trade_in": True,
                            "sequence": max(self.order_line.mapped("sequence") or [10]) + 50,
                        }
                    )
                ],
            }
        )
        return product

    # === Demo === #
    @api.model
    def _spoticar_create_demo_order(self, partner_id, company_id):
        """The tutorial's proposition: the Peugeot 308 SW DL-342-MP sold on 01/11/2021."""
        company = self.env["res.company"].browse(company_id)
        Product = self.env["product.template"].with_company(company)
        vehicle = Product.search(
            [("license_plate", "=", "DL-342-MP"), ("company_id", "=", company.id)], limit=1
        )
        if not vehicle:
            vehicle = Product.create(
                {
                    "name": "Peugeot 308 SW (2) 1.6 e-HDi 115 Féline",
                    "is_vehicle": True,
                    "company_id": company.id,
                    "license_plate": "DL-342-MP",
                    "vin": "VF34H9HR8ES321654",
                    "energy": "diesel",
                    "fiscal_power": 6,
                    "din_power": 115,
                    "co2_emission": 100,
                    "first_registration_date": "2014-11-10",
                    "model_year": 2014,
                    "mileage": 190000,
                    "mileage_guaranteed": False,
                    "vehicle_color": "Marron",
                    "list_price": 10000.0,
                    "purchase_price": 7000.0,
                    "vat_regime": "margin",
                }
            )
        road = self.env.ref("spoticar_sale.product_road_preparation")
        company._spoticar_setup_taxes()
        seller = self.env.ref("spoticar_stock.user_vendeur_demo", raise_if_not_found=False)
        return self.with_company(company).create(
            {
                "partner_id": partner_id,
                "company_id": company.id,
                "user_id": seller.id if seller else self.env.uid,
                "sale_date": "2021-11-01",
                "delivery_date": "2021-11-01",
                "offer_date": "2021-11-01 10:55:00",
                "payment_mode": "transfer",
                "order_line": [
                    Command.create({"product_id": vehicle.product_variant_id.id}),
                    Command.create({"product_id": road.id}),
                ],
            }
        )
