# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_date, formatLang

from spoticar_core import formalities, limits, register, vocabulary

SIV_ACTIVITY_TYPE = "spoticar_purchase.mail_activity_type_siv_purchase"
# The SIV is French: a purchase nobody gave a time zone to happened in metropolitan France.
FRENCH_TIME_ZONE = "Europe/Paris"


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    spoticar_payment_mode = fields.Selection(
        vocabulary.selection(register.PAYMENT_MODES),
        string="Payment mode",
        tracking=True,
        help="How the dealer pays the seller: written in the livre de police. Cash is refused "
        "above the legal cap (Code monétaire et financier L112-6, D112-3).",
    )
    spoticar_is_vehicle_purchase = fields.Boolean(
        "Vehicle purchase", compute="_compute_spoticar_is_vehicle_purchase", store=True
    )
    spoticar_register_entry_ids = fields.One2many(
        "spoticar.register.entry", "purchase_order_id", string="Livre de police entries"
    )

    spoticar_siv_receipt = fields.Char(
        "SIV receipt number",
        tracking=True,
        copy=False,
        groups="spoticar_stock.group_spoticar_user",
        help="The number of the receipt (accusé d'enregistrement) the SIV gives the purchase "
        'declaration (Cerfa 13751). Entering it marks the activity "Declare the purchase in the '
        'SIV" done.',
    )
    spoticar_siv_deadline = fields.Date(
        "Declare in the SIV by",
        compute="_compute_spoticar_siv_deadline",
        help="The last day to declare the purchase in the SIV (Code de la route R322-4).",
    )

    @api.depends("order_line.product_id.is_vehicle")
    def _compute_spoticar_is_vehicle_purchase(self):
        for order in self:
            order.spoticar_is_vehicle_purchase = any(
                order.order_line.product_id.mapped("is_vehicle")
            )

    @api.depends("date_approve", "spoticar_is_vehicle_purchase")
    def _compute_spoticar_siv_deadline(self):
        for order in self:
            order.spoticar_siv_deadline = (
                formalities.siv_declaration_deadline(order._spoticar_purchase_date())
                if order.spoticar_is_vehicle_purchase and order.date_approve
                else False
            )

    @api.constrains("spoticar_payment_mode", "order_line")
    def _check_spoticar_cash_cap(self):
        for order in self:
            order._spoticar_check_cash_cap()

    def _spoticar_check_cash_cap(self):
        """Cash above the cap is refused: the dealer pays as a professional (D112-3)."""
        self.ensure_one()
        if self.spoticar_payment_mode != "cash":
            return
        total = sum(self.order_line.mapped("price_total"))
        if not register.cash_allowed(total, debtor_professional=True):
            cap = register.cash_cap(debtor_professional=True)
            raise ValidationError(
                self.env._(
                    "Payment mode: %(amount)s cannot be paid in cash, the legal cap is %(cap)s "
                    "(Code monétaire et financier L112-6 and D112-3). Pay by transfer or cheque.",
                    amount=formatLang(self.env, total, currency_obj=self.currency_id),
                    cap=formatLang(self.env, float(cap), currency_obj=self.currency_id),
                )
            )

    @api.constrains("spoticar_siv_receipt")
    def _check_spoticar_siv_receipt(self):
        for order in self.sudo():
            receipt = order.spoticar_siv_receipt
            if not receipt:
                continue
            problem = limits.text_problem(receipt, limits.SIV_RECEIPT_MAX_LENGTH)
            if problem == "too_long":
                raise ValidationError(
                    self.env._(
                        "SIV receipt number: at most %(max)s characters.",
                        max=limits.SIV_RECEIPT_MAX_LENGTH,
                    )
                )
            if problem:
                raise ValidationError(
                    self.env._("SIV receipt number: type the number the SIV gave the declaration.")
                )
            if order.state not in ("purchase", "done") or not order.spoticar_is_vehicle_purchase:
                raise ValidationError(
                    self.env._(
                        "SIV receipt number: %(order)s is not a confirmed vehicle purchase; the "
                        "purchase is declared in the SIV once the vehicle is bought.",
                        order=order.name,
                    )
                )

    # === CRUD === #
    def write(self, vals):
        if "spoticar_siv_receipt" in vals:
            vals = dict(vals)
            receipt = vals["spoticar_siv_receipt"]
            if isinstance(receipt, str) and receipt and not receipt.strip():
                raise ValidationError(
                    self.env._("SIV receipt number: type the number the SIV gave the declaration.")
                )
            if isinstance(receipt, str):
                receipt = receipt.strip()
            if not receipt:
                if self.sudo().filtered("spoticar_siv_receipt"):
                    raise ValidationError(
                        self.env._(
                            "SIV receipt number: a purchase declared in the SIV keeps its receipt "
                            "number; correct it instead of emptying it."
                        )
                    )
                receipt = False
            vals["spoticar_siv_receipt"] = receipt
        result = super().write(vals)
        if vals.get("spoticar_siv_receipt"):
            self._spoticar_close_siv_activities()
        return result

    # === ACTIONS === #
    def button_confirm(self):
        for order in self:
            order._spoticar_check_cash_cap()
        return super().button_confirm()

    def button_approve(self, force=False):
        result = super().button_approve(force=force)
        self.filtered(
            lambda o: o.state == "purchase" and o.spoticar_is_vehicle_purchase
        )._spoticar_schedule_siv_declaration()
        return result

    def button_cancel(self):
        result = super().button_cancel()
        siv_type = self.env.ref(SIV_ACTIVITY_TYPE)
        self.activity_ids.filtered(lambda a: a.activity_type_id == siv_type).unlink()
        return result

    def action_print_purchase_declaration(self):
        """The Cerfa 13751 of the vehicle(s) bought, to sign by hand and declare in the SIV."""
        self._spoticar_check_purchase_declaration()
        return self.env.ref("spoticar_purchase.action_report_purchase_declaration").report_action(
            self
        )

    # === BUSINESS === #
    def _spoticar_purchase_datetime(self):
        """The date and time of purchase (confirmation of the order), in the dealer's time zone:
        the buyer's, else the current user's, else the company's, else French time."""
        self.ensure_one()
        tz = (
            self.user_id.tz or self.env.user.tz or self.company_id.partner_id.tz or FRENCH_TIME_ZONE
        )
        return fields.Datetime.context_timestamp(self.with_context(tz=tz), self.date_approve)

    def _spoticar_purchase_date(self):
        """The date of purchase, in the dealer's time zone."""
        return self._spoticar_purchase_datetime().date()

    def _spoticar_schedule_siv_declaration(self):
        """The activity "Declare the purchase in the SIV", due 15 days after the purchase, to the
        buyer of the order (once per order, none when the receipt is already there)."""
        siv_type = self.env.ref(SIV_ACTIVITY_TYPE)
        for order in self:
            if order.sudo().spoticar_siv_receipt or siv_type in order.activity_ids.activity_type_id:
                continue
            vehicles = order.order_line.product_id.filtered("is_vehicle")
            order.activity_schedule(
                SIV_ACTIVITY_TYPE,
                date_deadline=formalities.siv_declaration_deadline(order._spoticar_purchase_date()),
                user_id=(order.user_id or self.env.user).id,
                note=self.env._(
                    "Declare the purchase of %(vehicles)s in the SIV (print the purchase "
                    "declaration, Cerfa 13751, for the handwritten signature), then enter the SIV "
                    "receipt number on %(order)s.",
                    vehicles=", ".join(
                        v.license_plate or v.display_name for v in vehicles.product_tmpl_id
                    ),
                    order=order.name,
                ),
            )

    def _spoticar_close_siv_activities(self):
        siv_type = self.env.ref(SIV_ACTIVITY_TYPE)
        for order in self:
            activities = order.activity_ids.filtered(lambda a: a.activity_type_id == siv_type)
            if activities:
                activities.action_feedback(
                    feedback=self.env._(
                        "SIV receipt number: %(receipt)s",
                        receipt=order.sudo().spoticar_siv_receipt,
                    )
                )

    def _spoticar_check_purchase_declaration(self):
        for order in self:
            if not order.spoticar_is_vehicle_purchase or order.state not in ("purchase", "done"):
                raise UserError(
                    self.env._(
                        "Purchase declaration: %(order)s is not a confirmed vehicle purchase. "
                        "Confirm the purchase order first: its confirmation is the date and time "
                        "of purchase.",
                        order=order.name,
                    )
                )

    def _spoticar_purchase_declaration_values(self):
        """What the Cerfa 13751*02 of each vehicle of this order holds, ready to print."""
        self.ensure_one()
        company = self.company_id
        seller = self.partner_id.commercial_partner_id.sudo()
        seller_type = self.partner_id._spoticar_seller_type()
        purchased = self._spoticar_purchase_datetime()
        purchase_date = purchased.date()
        lang = self.env.lang

        def address(partner):
            return {
                "street": partner.street or "",
                "street2": partner.street2 or "",
                "zip": partner.zip or "",
                "city": partner.city or "",
                "country": partner.country_id.name
                if partner.country_id.code not in (False, "FR")
                else "",
            }

        dealer = {
            "name": company.name,
            "siret": company.sudo()._get_siret() or "",
            "w_garage_number": company.spoticar_w_garage_number or "",
            "w_garage_year": company.spoticar_w_garage_year or "",
            **address(company.partner_id.sudo()),
        }
        if seller_type == "professional":
            seller_vals = {
                "professional": True,
                "company_name": seller.name or "",
                "siret": "".join((seller.company_registry or "").split()),
                "last_name": "",
                "first_names": "",
            }
        else:
            seller_vals = {
                "professional": False,
                "company_name": "",
                "siret": "",
                "last_name": seller.lastname or seller.name or "",
                "first_names": seller.firstname or "",
            }
        seller_vals.update(address(seller))
        declarations = []
        for vehicle in self.order_line.product_id.filtered("is_vehicle").product_tmpl_id.sudo():
            declarations.append(
                {
                    "order": self,
                    "dealer": dealer,
                    "seller": seller_vals,
                    "vehicle": {
                        "plate": vehicle.license_plate or "",
                        "first_registration": format_date(
                            self.env, vehicle.first_registration_date, lang_code=lang
                        )
                        if vehicle.first_registration_date
                        else "",
                        "make": vehicle.vehicle_make_id.name or "",
                        "type": vehicle.registration_type or "",
                        "model": " ".join(
                            p
                            for p in (
                                vehicle.vehicle_model_id.name,
                                vehicle.vehicle_version_id.name,
                            )
                            if p
                        ),
                        "vin": vehicle.vin or "",
                        "mileage": formatLang(self.env, vehicle.mileage, digits=0)
                        if vehicle.mileage
                        else "",
                    },
                    "purchase_date": format_date(self.env, purchase_date, lang_code=lang),
                    "purchase_time": purchased.strftime("%H:%M"),
                    "deadline": format_date(
                        self.env,
                        formalities.siv_declaration_deadline(purchase_date),
                        lang_code=lang,
                    ),
                    "days": formalities.SIV_DECLARATION_DAYS,
                    "signatory": (self.user_id or self.env.user).name,
                    "place": company.city or "",
                }
            )
        return declarations
