# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command, Domain

from odoo.addons.spoticar_stock.models.common import (
    ENERGY_SELECTION,
    MANAGER_GROUP,
    VEHICLE_CATEGORY_SELECTION,
    VEHICLE_LABEL_SELECTION,
)

from spoticar_core import declaration, identifiers, vocabulary
from spoticar_core.exceptions import SpoticarValidationError

WARRANTY_STATES = [
    ("draft", "Draft"),
    ("ready", "Ready to declare"),
    ("sent", "Sent"),
    ("declared", "Declared"),
    ("rejected", "Rejected"),
    ("cancelled", "Cancelled"),
]
EDITABLE_STATES = ("draft", "rejected")
# States from which a manager may record a declaration made outside Odoo.
OUTSIDE_DECLARATION_STATES = ("draft", "ready", "sent", "rejected")
# Set by the business methods only (never by a form, an import or a JSON-RPC write).
PROTECTED_FIELDS = (
    "name",
    "state",
    "declaration_number",
    "declaration_date",
    "contract_ids",
    "rejection_reason",
    "is_ended",
    "declaration_correction",
)
# The only data of a declared warranty that did not go in the declaration.
DECLARED_FREE_FIELDS = ("user_id",)
# Phones typed on the warranty, formatted as the partner's are (Odoo's phone_validation).
PHONE_FIELDS = ("customer_phone", "customer_mobile")
# Context key of the business methods' writes. Its value is a Python object, which JSON-RPC
# cannot send: a client cannot pass the guard by setting the key in its context.
_PROTECTED_WRITE_KEY = "spoticar_warranty_protected_write"
_PROTECTED_WRITE = object()

# What "Valider" requires, in the order of the declaration form, and the text limits: the fields
# of the Centralisateur's declaration that each warranty field fills (spoticar_core.declaration).
MANDATORY_FIELDS = declaration.warranty_required_fields()
MANDATORY_FIELDS_PROFESSIONAL = [
    name
    for name in declaration.warranty_required_fields(professional=True)
    if name not in MANDATORY_FIELDS
]
MAX_LENGTHS = declaration.warranty_max_lengths()
MAX_VALUES = declaration.warranty_max_values()


class SpoticarWarranty(models.Model):
    _name = "spoticar.warranty"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Spoticar warranty"
    _order = "create_date desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "license_plate", "vin", "customer_lastname"]

    # "My warranties" of a salesperson with the count the list shows: an index-only scan,
    # whatever the size of the dealer (the company is the record rule's condition).
    _user_company_idx = models.Index("(user_id, company_id)")

    # === FIELDS: general === #
    name = fields.Char(string="Reference", required=True, copy=False, readonly=True, default="/")
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        readonly=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        WARRANTY_STATES,
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    sale_order_id = fields.Many2one(
        "sale.order",
        string="Order",
        index=True,
        check_company=True,
        ondelete="restrict",
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", check_company=True, tracking=True
    )
    vehicle_id = fields.Many2one(
        "product.template",
        string="Vehicle",
        index=True,
        check_company=True,
        ondelete="restrict",
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        help="Receives the activity before the warranty ends.",
    )
    declaration_number = fields.Char(copy=False, tracking=True, index="btree_not_null")
    contract_ids = fields.One2many(
        "spoticar.warranty.contract", "warranty_id", string="Contracts", copy=False
    )
    declaration_date = fields.Date(copy=False, tracking=True)
    declaration_correction = fields.Boolean(
        string="Correction in progress",
        copy=False,
        tracking=True,
        help="A manager is correcting the data of this declared warranty; each change is logged "
        "in the chatter.",
    )
    rejection_reason = fields.Text(copy=False)
    is_ended = fields.Boolean(
        string="Ended", copy=False, tracking=True, help="Set by the daily job."
    )
    missing_field_names = fields.Char(
        compute="_compute_missing_field_names",
        help="Technical: mandatory fields still empty, highlighted on the form.",
    )
    days_left = fields.Integer(compute="_compute_days_left")
    eligibility_warning = fields.Text(
        compute="_compute_eligibility_warning",
        help="Technical: why the vehicle does not fit the chosen product, or that no product of "
        "its label fits it, shown on the form as soon as it opens.",
    )

    # === FIELDS: sale === #
    sale_origin = fields.Selection(
        vocabulary.selection(vocabulary.SALE_ORIGINS), string="Sale origin", default="no_trade_in"
    )
    seller_id = fields.Many2one("res.users", string="Used-car seller")
    sale_date = fields.Date()
    delivery_date = fields.Date()
    consent_email = fields.Boolean(string="Consent: e-mail")
    consent_phone = fields.Boolean(string="Consent: phone")
    consent_sms = fields.Boolean(string="Consent: SMS")
    consent_post = fields.Boolean(string="Consent: post")

    # === FIELDS: customer (copied from the order, completed here) === #
    customer_is_company = fields.Boolean(string="Professional customer")
    customer_company_name = fields.Char(string="Company name")
    customer_siret = fields.Char(string="SIRET")
    customer_title = fields.Selection(
        vocabulary.selection(vocabulary.CIVILITIES), string="Civility"
    )
    customer_lastname = fields.Char(string="Last name")
    customer_firstname = fields.Char(string="First name")
    customer_birth_name = fields.Char(string="Birth name")
    customer_street = fields.Char(string="Address")
    customer_street2 = fields.Char(string="Address complement 1")
    customer_street3 = fields.Char(string="Address complement 2")
    customer_zip = fields.Char(string="Postcode")
    customer_city = fields.Char(string="City")
    customer_country_id = fields.Many2one("res.country", string="Country of residence")
    customer_phone = fields.Char(string="Landline")
    customer_mobile = fields.Char(string="Mobile")
    customer_email = fields.Char(string="E-mail")
    customer_birthdate = fields.Date(string="Birth date")
    customer_birth_city = fields.Char(string="Birth place")
    customer_birth_country_id = fields.Many2one("res.country", string="Birth country")
    customer_nationality_id = fields.Many2one("res.country", string="Nationality")
    customer_profession = fields.Char(string="Profession")

    # === FIELDS: vehicle (copied from the vehicle sheet) === #
    vehicle_category = fields.Selection(VEHICLE_CATEGORY_SELECTION, string="Vehicle type")
    vehicle_label = fields.Selection(VEHICLE_LABEL_SELECTION, string="Vehicle label")
    license_plate = fields.Char(string="Plate", tracking=True)
    registration_doc_type = fields.Char(
        string="Registration certificate type",
        help="CNIT or type-variant-version code, field D.2 of the carte grise.",
    )
    vehicle_make = fields.Char(string="Make")
    vehicle_model = fields.Char(string="Model")
    vehicle_version = fields.Char(string="Version")
    first_registration_date = fields.Date(string="First registration")
    energy = fields.Selection(ENERGY_SELECTION)
    displacement = fields.Integer(string="Displacement (cm3)")
    fiscal_power = fields.Integer(string="Fiscal power (CV)")
    din_power = fields.Integer(string="DIN power (hp)")
    power_kw = fields.Integer(string="Power (kW)")
    vin = fields.Char(string="VIN", tracking=True)
    four_wheel_drive = fields.Boolean(string="4x4")
    mileage = fields.Integer(string="Km on the day of the sale")
    sale_price = fields.Monetary(string="Sale price")
    trade_in_value = fields.Monetary(string="Trade-in value")
    vehicle_rating = fields.Monetary(string="Vehicle rating")
    mfr_warranty_end_date = fields.Date(string="Manufacturer warranty end date")
    mfr_warranty_end_km = fields.Integer(
        string="Manufacturer warranty km",
        help="Mileage up to which the manufacturer warranty runs (warranty booklet or the "
        'manufacturer\'s file). When it has no km limit, tick "Unlimited mileage" instead of '
        "typing a number.",
    )
    mfr_warranty_unlimited_km = fields.Boolean(
        string="Unlimited mileage",
        help="The manufacturer warranty has no km limit: the declaration sends the value the "
        "Centralisateur expects for it (999999) and the km field is no longer required.",
    )

    # === FIELDS: warranty === #
    product_id = fields.Many2one(
        "spoticar.warranty.product",
        string="Warranty",
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    label = fields.Selection(related="product_id.label", store=True)
    guarantor_id = fields.Many2one(related="product_id.guarantor_id", store=True)
    duration_months = fields.Integer(
        string="Duration (months)",
        compute="_compute_duration_months",
        store=True,
        readonly=False,
        tracking=True,
    )
    start_date = fields.Date(
        string="Warranty start date",
        compute="_compute_start_date",
        store=True,
        readonly=False,
        tracking=True,
        help="The later of the delivery date and the manufacturer warranty end date.",
    )
    end_date = fields.Date(
        string="Warranty end date",
        compute="_compute_end_date",
        store=True,
        tracking=True,
        index=True,
    )
    loyalty_product = fields.Selection(
        vocabulary.selection(vocabulary.LOYALTY_PRODUCTS), string="Loyalty product", default="none"
    )
    price = fields.Monetary(
        compute="_compute_price",
        store=True,
        readonly=False,
        help="Price of the commercial warranty paid by the customer, if any.",
    )

    # === COMPUTE METHODS === #
    @api.depends(
        *MANDATORY_FIELDS,
        *MANDATORY_FIELDS_PROFESSIONAL,
        "customer_is_company",
        "mfr_warranty_unlimited_km",
    )
    def _compute_missing_field_names(self):
        for warranty in self:
            missing = warranty._get_missing_fields()
            # Wrapped in commas so that the view can test ",end_date," exactly.
            warranty.missing_field_names = ",%s," % ",".join(missing) if missing else ""

    @api.depends(
        "state",
        "company_id",
        "product_id",
        "duration_months",
        "vehicle_label",
        "vehicle_make",
        "vehicle_category",
        "energy",
        "mileage",
        "first_registration_date",
        "delivery_date",
    )
    def _compute_eligibility_warning(self):
        for warranty in self:
            warning = False
            if warranty.state in EDITABLE_STATES:
                if warranty.product_id:
                    errors = warranty._get_eligibility_errors()
                    warning = "\n".join(errors) if errors else False
                elif warranty.vehicle_category or warranty.vehicle_make or warranty.vehicle_label:
                    if not warranty._get_eligible_products():
                        warning = warranty._get_no_eligible_product_message()
            warranty.eligibility_warning = warning

    @api.depends("end_date")
    def _compute_days_left(self):
        today = fields.Date.context_today(self)
        for warranty in self:
            warranty.days_left = (warranty.end_date - today).days if warranty.end_date else 0

    @api.depends("product_id")
    def _compute_duration_months(self):
        for warranty in self:
            durations = warranty.product_id._get_durations() if warranty.product_id else []
            if durations and warranty.duration_months not in durations:
                warranty.duration_months = durations[0]

    @api.depends("delivery_date", "mfr_warranty_end_date")
    def _compute_start_date(self):
        for warranty in self:
            dates = [d for d in (warranty.delivery_date, warranty.mfr_warranty_end_date) if d]
            warranty.start_date = max(dates) if dates else False

    @api.depends("start_date", "duration_months")
    def _compute_end_date(self):
        for warranty in self:
            if (
                warranty.start_date
                and 0 < warranty.duration_months <= MAX_VALUES["duration_months"]
            ):
                warranty.end_date = warranty.start_date + relativedelta(
                    months=warranty.duration_months
                )
            else:
                warranty.end_date = False

    @api.depends("product_id")
    def _compute_price(self):
        for warranty in self:
            warranty.price = warranty.product_id.price

    # === ONCHANGE === #
    @api.onchange("customer_phone", "customer_mobile", "customer_country_id")
    def _onchange_customer_phones(self):
        vals = {fname: self[fname] for fname in PHONE_FIELDS if self[fname]}
        if vals:
            self._spoticar_format_phone_vals(vals, self._spoticar_phone_country())
            self.update(vals)

    # === CONSTRAINTS === #
    @api.constrains("license_plate", "vin", "registration_doc_type")
    def _check_identifiers(self):
        for warranty in self:
            errors = warranty._get_identifier_errors()
            if errors:
                raise ValidationError("\n".join(errors))

    @api.constrains(*MAX_LENGTHS, *MAX_VALUES)
    def _check_declaration_limits(self):
        """Texts and numbers that go in the declaration are held to its limits when typed."""
        for warranty in self:
            for name, limit in MAX_LENGTHS.items():
                value = warranty[name]
                if isinstance(value, str) and len(value) > limit:
                    raise ValidationError(
                        self.env._(
                            "The field %(field)s cannot exceed %(limit)s characters "
                            "(Centralisateur declaration).",
                            field=self._get_field_label(name),
                            limit=limit,
                        )
                    )
            for name, limit in MAX_VALUES.items():
                if warranty[name] > limit:
                    raise ValidationError(
                        self.env._(
                            "The field %(field)s cannot exceed %(limit)s "
                            "(Centralisateur declaration).",
                            field=self._get_field_label(name),
                            limit=limit,
                        )
                    )

    @api.constrains("duration_months")
    def _check_duration_months(self):
        for warranty in self:
            if warranty.duration_months < 0:
                raise ValidationError(self.env._("The warranty duration cannot be negative."))

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        if not self._spoticar_is_protected_write():
            for vals in vals_list:
                self._spoticar_check_create_vals(vals)
        for vals in vals_list:
            self._normalize_identifier_vals(vals)
            if self._spoticar_phone_vals(vals):
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                country = (
                    self.env["res.country"].browse(vals.get("customer_country_id"))
                    or company.country_id
                )
                self._spoticar_format_phone_vals(vals, country)
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                vals["name"] = self._get_sequence(company).next_by_id()
        return super().create(vals_list)

    @api.model
    def _get_sequence(self, company):
        """The company's warranty sequence, created on first use from the shared one."""
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search(
            [("code", "=", "spoticar.warranty"), ("company_id", "=", company.id)], limit=1
        )
        if not sequence:
            template = self.env.ref(
                "spoticar_warranty.seq_spoticar_warranty", raise_if_not_found=False
            )
            sequence = Sequence.create(
                {
                    "name": "%s - %s" % (template.name if template else "Warranty", company.name),
                    "code": "spoticar.warranty",
                    "prefix": template.prefix if template else "GAR/%(year)s/",
                    "padding": template.padding if template else 5,
                    "company_id": company.id,
                }
            )
        return sequence

    def write(self, vals):
        if self._spoticar_phone_vals(vals):
            by_country = self.grouped(lambda warranty: warranty._spoticar_phone_country(vals))
            if len(by_country) > 1:
                # The same typed number reads differently by country of residence.
                for warranties in by_country.values():
                    warranties.write(dict(vals))
                return True
            country = next(iter(by_country), self.env["res.country"])
            self._spoticar_format_phone_vals(vals, country)
        if not self._spoticar_is_protected_write():
            self._spoticar_check_write_vals(vals)
        self._normalize_identifier_vals(vals)
        return super().write(vals)

    # === CRUD: phones === #
    @api.model
    def _spoticar_phone_vals(self, vals):
        return [fname for fname in PHONE_FIELDS if vals.get(fname)]

    def _spoticar_phone_country(self, vals=None):
        """The country a phone typed on the warranty is read in: the customer's country of
        residence (being written, or stored), else the dealer's."""
        self.ensure_one()
        vals = vals or {}
        if "customer_country_id" in vals:
            country = self.env["res.country"].browse(vals["customer_country_id"])
        else:
            country = self.customer_country_id
        return country or self.company_id.country_id or self.env.company.country_id

    @api.model
    def _spoticar_format_phone_vals(self, vals, country):
        """``0612345678`` -> ``+33 6 12 34 56 78``, as on the partner; a number that cannot be
        read is kept as typed (the declaration's check reports it)."""
        Partner = self.env["res.partner"]
        for fname in self._spoticar_phone_vals(vals):
            vals[fname] = Partner._spoticar_format_phone_number(vals[fname].strip(), country)

    # === CRUD: guards === #
    def _spoticar_is_protected_write(self):
        return self.env.context.get(_PROTECTED_WRITE_KEY) is _PROTECTED_WRITE

    def _spoticar_write_protected(self, vals):
        """The business methods' write: the only way to change the protected fields."""
        return self.with_context(**{_PROTECTED_WRITE_KEY: _PROTECTED_WRITE}).write(vals)

    @api.model
    def _spoticar_protected_fields(self):
        """Fields only the business methods set (extended by the connector)."""
        return set(PROTECTED_FIELDS)

    @api.model
    def _spoticar_declaration_fields(self):
        """Fields of a declared warranty frozen with its declaration: every stored field but the
        protected ones, the chatter's and the responsible."""
        free = (
            set(DECLARED_FREE_FIELDS)
            | set(self.env["mail.thread"]._fields)
            | set(self.env["mail.activity.mixin"]._fields)
            | set(models.MAGIC_COLUMNS)
            | {"display_name"}
        )
        return {
            name
            for name, field in self._fields.items()
            if field.store
            and field.column_type
            and name not in free
            and name not in self._spoticar_protected_fields()
        }

    def _spoticar_field_labels(self, names):
        return ", ".join(
            sorted(self._fields[name].get_description(self.env)["string"] for name in names)
        )

    @api.model
    def _spoticar_check_create_vals(self, vals):
        """A new warranty starts as a draft without declaration data, whoever creates it."""
        forged = {
            name
            for name in self._spoticar_protected_fields() & set(vals)
            if vals[name]
            and not (name == "state" and vals[name] == "draft")
            and not (name == "name" and vals[name] == "/")
        }
        if forged:
            raise UserError(
                self.env._(
                    "A new warranty is a draft: %(fields)s are set by Odoo only (validation, "
                    "declaration to the Centralisateur or a manager's action).",
                    fields=self._spoticar_field_labels(forged),
                )
            )

    def _spoticar_check_write_vals(self, vals):
        """Refuse a direct write of the protected fields, and of a declared warranty's data
        outside a manager's correction."""
        forged = self._spoticar_protected_fields() & set(vals)
        if forged:
            raise UserError(
                self.env._(
                    "%(fields)s cannot be changed directly: use the buttons of the warranty "
                    "(validation, declaration, cancellation, or a manager's action).",
                    fields=self._spoticar_field_labels(forged),
                )
            )
        frozen = self._spoticar_declaration_fields() & set(vals)
        declared = self.filtered(lambda w: w.state == "declared")
        if not frozen or not declared:
            return
        is_manager = self.env.user.has_group(MANAGER_GROUP)
        locked = declared.filtered(lambda w: not (w.declaration_correction and is_manager))
        if locked:
            raise UserError(
                self.env._(
                    "Warranty %(names)s is declared: its declaration data (%(fields)s) cannot "
                    "be changed. A Spoticar manager can correct it with “Correct the "
                    "declaration”.",
                    names=", ".join(locked.mapped("name")),
                    fields=self._spoticar_field_labels(frozen),
                )
            )
        for warranty in declared:
            changes = [
                self.env._(
                    "%(field)s: %(old)s → %(new)s",
                    field=self._fields[name].get_description(self.env)["string"],
                    old=warranty._spoticar_display_value(name, warranty[name]),
                    new=warranty._spoticar_display_value(
                        name,
                        self._fields[name].convert_to_record(
                            self._fields[name].convert_to_cache(vals[name], warranty), warranty
                        ),
                    ),
                )
                for name in sorted(frozen)
            ]
            warranty.message_post(
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (
                    self.env._("Declaration corrected by %(user)s:", user=self.env.user.name),
                    Markup("").join(Markup("<li>%s</li>") % change for change in changes),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _spoticar_display_value(self, name, value):
        field = self._fields[name]
        if field.type in ("many2one", "many2many", "one2many"):
            return ", ".join(value.mapped("display_name")) or "-"
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value) or "-"
        if value is False or value is None:
            return "-"
        return str(value)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_declared(self):
        if any(w.state in ("sent", "declared") for w in self):
            raise UserError(self.env._("A sent or declared warranty cannot be deleted."))

    # === ACTIONS === #
    def action_validate(self):
        """Check everything at once, then move to "ready to declare"."""
        for warranty in self:
            if warranty.state not in EDITABLE_STATES:
                raise UserError(
                    self.env._(
                        "Warranty %(name)s cannot be validated in its current state.",
                        name=warranty.name,
                    )
                )
            warranty._check_ready()
        self._spoticar_write_protected({"state": "ready", "rejection_reason": False})
        return True

    def action_reset_draft(self):
        for warranty in self:
            if warranty.state not in ("ready", "rejected", "cancelled"):
                raise UserError(
                    self.env._(
                        "Only a warranty ready to declare, rejected or cancelled can "
                        "go back to draft."
                    )
                )
        self._spoticar_write_protected({"state": "draft"})
        return True

    def action_cancel(self):
        if any(w.state in ("sent", "declared") for w in self):
            raise UserError(
                self.env._(
                    "A sent or declared warranty cannot be cancelled here: ask the guarantor."
                )
            )
        self._spoticar_write_protected({"state": "cancelled"})
        return True

    def action_open_declare_outside(self):
        """ "Declared outside Odoo": a manager records the numbers of a declaration made
        elsewhere (e.g. on the Centralisateur site)."""
        self.ensure_one()
        self._spoticar_check_can_declare_outside()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Declared outside Odoo"),
            "res_model": "spoticar.warranty.declare.outside",
            "view_mode": "form",
            "target": "new",
            "context": {"default_warranty_id": self.id},
        }

    def action_start_declaration_correction(self):
        """A manager opens the correction of a declared warranty's data (logged field by field)."""
        self._spoticar_check_manager()
        for warranty in self:
            if warranty.state != "declared" or warranty.declaration_correction:
                raise UserError(
                    self.env._(
                        "Only a declared warranty can be corrected (%(name)s).", name=warranty.name
                    )
                )
        self._spoticar_write_protected({"declaration_correction": True})
        for warranty in self:
            warranty.message_post(
                body=self.env._(
                    "Correction of the declaration opened by %(user)s. The Centralisateur is not "
                    "informed: have the guarantor correct the declaration too.",
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_end_declaration_correction(self):
        self._spoticar_check_manager()
        corrected = self.filtered("declaration_correction")
        corrected._spoticar_write_protected({"declaration_correction": False})
        for warranty in corrected:
            warranty.message_post(
                body=self.env._(
                    "Correction of the declaration closed by %(user)s.", user=self.env.user.name
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _spoticar_check_manager(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only a Spoticar manager can do this."))

    def _spoticar_outside_declaration_states(self):
        return OUTSIDE_DECLARATION_STATES

    def _spoticar_check_can_declare_outside(self):
        self._spoticar_check_manager()
        for warranty in self:
            if warranty.declaration_number or (
                warranty.state not in warranty._spoticar_outside_declaration_states()
            ):
                raise UserError(
                    self.env._(
                        "Warranty %(name)s is declared or cancelled: no declaration can be "
                        "recorded on it.",
                        name=warranty.name,
                    )
                )

    def _spoticar_declare_outside(self, number, contracts, declaration_date=None):
        """Record a declaration made outside Odoo: ``contracts`` maps guarantors to numbers.

        The numbers are checked against the protocol's formats; the warranty becomes declared and
        the chatter says who recorded what."""
        self.ensure_one()
        self._spoticar_check_can_declare_outside()
        number = (number or "").strip().upper()
        errors = []
        error = declaration.declaration_number_error(
            number, self.company_id.sudo().spoticar_dealer_code
        )
        if error:
            errors.append(error)
        clean = {}
        for guarantor, contract in contracts.items():
            contract = (contract or "").strip().upper()
            error = declaration.contract_number_error(guarantor.code, contract)
            if error:
                errors.append(error)
            clean[guarantor] = contract
        if errors:
            raise ValidationError("\n".join(errors))
        self.sudo()._spoticar_write_protected(
            {
                "declaration_number": number,
                "declaration_date": declaration_date or fields.Date.context_today(self),
                "state": "declared",
                "rejection_reason": False,
                "contract_ids": [Command.clear()]
                + [
                    Command.create({"guarantor_id": guarantor.id, "contract_number": contract})
                    for guarantor, contract in clean.items()
                ],
            }
        )
        lines = [
            self.env._(
                "Declaration made outside Odoo recorded by %(user)s: declaration number "
                "%(number)s.",
                user=self.env.user.name,
                number=number,
            )
        ] + [
            self.env._(
                "[%(guarantor)s] contract number: %(number)s",
                guarantor=guarantor.name,
                number=contract,
            )
            for guarantor, contract in clean.items()
        ]
        self.message_post(body=Markup("<br/>").join(lines), subtype_xmlid="mail.mt_note")
        return True

    def action_print_information_statement(self):
        self._check_printable()
        return self.env.ref("spoticar_warranty.action_report_information_statement").report_action(
            self
        )

    def action_print_subscription_certificate(self):
        self._check_printable()
        return self.env.ref(
            "spoticar_warranty.action_report_subscription_certificate"
        ).report_action(self)

    def action_view_sale_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.sale_order_id.id,
            "view_mode": "form",
        }

    # === BUSINESS METHODS: validation === #
    def _get_missing_fields(self):
        """Names of the mandatory fields still empty, in form order."""
        self.ensure_one()
        names = list(MANDATORY_FIELDS)
        if self.customer_is_company:
            names += MANDATORY_FIELDS_PROFESSIONAL
        missing = []
        for name in names:
            field = self._fields[name]
            if field.compute and field.readonly:
                # Computed by Odoo (the end date): never asked to the user; the fields it is
                # computed from are reported instead.
                continue
            if name == "mfr_warranty_end_km" and self.mfr_warranty_unlimited_km:
                continue
            value = self[name]
            if isinstance(value, str):
                value = value.strip()
            if not value:
                missing.append(name)
        return missing

    def _get_field_label(self, field_name):
        """Translated field label in lower case, as in "Le champ type véhicule"."""
        label = self._fields[field_name].get_description(self.env)["string"]
        return label[:1].lower() + label[1:] if label[1:2].islower() else label

    def _get_identifier_errors(self):
        """French messages for an invalid plate, VIN or Type CG (spoticar_core rules)."""
        self.ensure_one()
        errors = []
        if self.license_plate:
            try:
                identifiers.validate_plate(self.license_plate)
            except SpoticarValidationError as e:
                errors.append(str(e))
        if self.vin:
            try:
                identifiers.validate_vin(self.vin)
            except SpoticarValidationError as e:
                errors.append(str(e))
        if self.registration_doc_type:
            try:
                identifiers.normalize_registration_type(self.registration_doc_type)
            except SpoticarValidationError as e:
                errors.append(str(e))
        return errors

    @api.model
    def _normalize_identifier_vals(self, vals):
        """Store the plate, VIN and Type CG normalised (DL-342-MP); invalid values are left
        as typed so that the constraint reports them."""
        for field_name, normalize in (
            ("license_plate", identifiers.normalize_plate),
            ("vin", identifiers.normalize_vin),
            ("registration_doc_type", identifiers.normalize_registration_type),
        ):
            if vals.get(field_name):
                try:
                    vals[field_name] = normalize(vals[field_name])
                except SpoticarValidationError:
                    vals[field_name] = vals[field_name].strip()

    def _get_age_months(self, on_date):
        self.ensure_one()
        delta = relativedelta(on_date, self.first_registration_date)
        return delta.years * 12 + delta.months + (1 if delta.days > 0 else 0)

    def _get_eligibility_errors(self, product=None):
        """French reasons why the vehicle or the set-up does not fit the product (the
        warranty's, or ``product``: then its duration is not checked)."""
        self.ensure_one()
        check_duration = product is None
        product = self.product_id if product is None else product
        if not product:
            return []
        errors = []
        if product.guarantor_id not in self.company_id._spoticar_get_enabled_guarantors():
            errors.append(
                self.env._(
                    "The guarantor %(guarantor)s of %(product)s is not enabled for %(company)s.",
                    guarantor=product.guarantor_id.name,
                    product=product.name,
                    company=self.company_id.name,
                )
            )
        durations = product._get_durations()
        if check_duration and self.duration_months and self.duration_months not in durations:
            errors.append(
                self.env._(
                    "%(product)s is offered for %(durations)s months, not %(duration)s.",
                    product=product.name,
                    durations=", ".join(str(d) for d in durations),
                    duration=self.duration_months,
                )
            )
        vehicle_label = vocabulary.label_of(self.vehicle_label, self.vehicle_make)
        if product.label != vehicle_label:
            errors.append(
                self.env._(
                    "Vehicle not eligible for %(product)s: the product belongs to the "
                    "%(product_label)s label, the vehicle to %(vehicle_label)s.",
                    product=product.name,
                    product_label=dict(self._fields["label"]._description_selection(self.env)).get(
                        product.label
                    ),
                    vehicle_label=dict(
                        self._fields["vehicle_label"]._description_selection(self.env)
                    ).get(vehicle_label),
                )
            )
        if self.vehicle_category == "VP" and not product.allow_vp:
            errors.append(
                self.env._(
                    "Vehicle not eligible for %(product)s: passenger cars (VP) are not covered.",
                    product=product.name,
                )
            )
        if self.vehicle_category == "VU" and not product.allow_vu:
            errors.append(
                self.env._(
                    "Vehicle not eligible for %(product)s: light commercial vehicles "
                    "(VU) are not covered.",
                    product=product.name,
                )
            )
        subscription_date = self.delivery_date or fields.Date.context_today(self)
        if self.first_registration_date and product.max_age_months:
            age = self._get_age_months(subscription_date)
            if age > product.max_age_months:
                errors.append(
                    self.env._(
                        "Vehicle not eligible for %(product)s: %(age)s months old at "
                        "subscription (first registration %(first)s), maximum "
                        "%(max)s months.",
                        product=product.name,
                        age=age,
                        first=self.first_registration_date.strftime("%d/%m/%Y"),
                        max=product.max_age_months,
                    )
                )
        if self.energy and self.mileage:
            max_km = product._get_max_km(self.energy)
            if max_km and self.mileage > max_km:
                energy_label = dict(self._fields["energy"]._description_selection(self.env)).get(
                    self.energy
                )
                errors.append(
                    self.env._(
                        "Vehicle not eligible for %(product)s: %(km)s km at the sale, "
                        "maximum %(max)s km for energy %(energy)s.",
                        product=product.name,
                        km=self.mileage,
                        max=max_km,
                        energy=energy_label,
                    )
                )
        return errors

    def _get_date_errors(self):
        """Dates that the dealer checks on top of the declaration's own rules."""
        self.ensure_one()
        errors = []
        if (
            self.first_registration_date
            and self.delivery_date
            and self.delivery_date < self.first_registration_date
        ):
            errors.append(self.env._("The delivery date is before the first registration date."))
        if self.start_date and self.delivery_date and self.start_date < self.delivery_date:
            errors.append(self.env._("The warranty cannot start before the delivery date."))
        return errors

    def _get_declaration_errors(self, reported_fields):
        """What the Centralisateur would refuse in the declaration of this warranty (its French
        messages), but for the fields already reported by the checks above."""
        self.ensure_one()
        errors = []
        for error in declaration.validate_declaration(self._get_declaration_payload()):
            name = declaration.warranty_field_of(error["field"])
            if name not in reported_fields and error["message"] not in errors:
                errors.append(error["message"])
        return errors

    def _get_validation_errors(self):
        """Every problem of the warranty, one French line each: the mandatory fields, the
        identifiers, the dates, the eligibility, then whatever else the declaration refuses."""
        self.ensure_one()
        missing = self._get_missing_fields()
        errors = [
            self.env._("The field %(field)s is required", field=self._get_field_label(f))
            for f in missing
        ]
        identifier_errors = self._get_identifier_errors()
        errors += identifier_errors
        errors += self._get_date_errors()
        errors += self._get_eligibility_errors()
        reported = set(missing)
        # An empty computed field (the end date) is reported through the fields it is computed
        # from, not a second time by the declaration's check.
        for name in MANDATORY_FIELDS:
            field = self._fields[name]
            if field.compute and field.readonly and not self[name]:
                if reported & set(self.pool.field_depends[field]):
                    reported.add(name)
        if identifier_errors:
            reported |= {"license_plate", "vin", "registration_doc_type"}
        errors += self._get_declaration_errors(reported)
        return errors

    def _get_declaration_payload(self):
        """The declaration body (protocol v1) of this warranty, assembled by
        ``spoticar_core.declaration``: block and field names, JSON types and empty values are
        handled there, in one place. Odoo stores 0 for an empty number: 0 is sent as missing."""
        self.ensure_one()
        company = self.company_id.sudo()
        guarantor = self.guarantor_id
        return declaration.build_declaration(
            dealer={
                "rrd_code": company.spoticar_dealer_code,
                "name": company.name,
                "icare_identifier": company.spoticar_icare_identifier,
                "cirano_identifier": company.spoticar_cirano_identifier,
                "stellantis_t_code": company.spoticar_stellantis_code,
            },
            guarantors=[guarantor.code] if guarantor.code in declaration.GUARANTORS else [],
            sale={
                "origin": vocabulary.protocol_value(vocabulary.SALE_ORIGINS, self.sale_origin),
                "seller_name": self.seller_id.name,
                "sale_date": self.sale_date,
                "delivery_date": self.delivery_date,
                "order_reference": self.sale_order_id.name,
                "sale_price": self.sale_price or None,
                "trade_in_value": self.trade_in_value or None,
            },
            customer={
                "civility": vocabulary.protocol_value(vocabulary.CIVILITIES, self.customer_title),
                "last_name": self.customer_lastname,
                "first_name": self.customer_firstname,
                "birth_name": self.customer_birth_name,
                "street": self.customer_street,
                "street2": self.customer_street2,
                "street3": self.customer_street3,
                "zip": self.customer_zip,
                "city": self.customer_city,
                "country": self.customer_country_id.code,
                "email": self.customer_email,
                "phone": self.customer_phone,
                "mobile": self.customer_mobile,
                "birth_date": self.customer_birthdate,
                "birth_place": self.customer_birth_city,
                "birth_country": self.customer_birth_country_id.code,
                "nationality": self.customer_nationality_id.code,
                "profession": self.customer_profession,
                "company_name": self.customer_is_company and self.customer_company_name,
                "siret": self.customer_is_company and self.customer_siret,
            },
            vehicle={
                "category": self.vehicle_category,
                "license_plate": self.license_plate,
                "registration_type": self.registration_doc_type,
                "first_registration_date": self.first_registration_date,
                "make": self.vehicle_make,
                "model": self.vehicle_model,
                "version": self.vehicle_version,
                "energy": self.energy,
                "displacement": self.displacement or None,
                "fiscal_power": self.fiscal_power or None,
                "din_power": self.din_power or None,
                "power_kw": self.power_kw or None,
                "vin": self.vin,
                "four_wheel_drive": self.four_wheel_drive,
                "mileage": self.mileage or None,
                "rating": self.vehicle_rating or None,
                "manufacturer_warranty_end_date": self.mfr_warranty_end_date,
                "manufacturer_warranty_end_km": (
                    declaration.UNLIMITED_MANUFACTURER_WARRANTY_KM
                    if self.mfr_warranty_unlimited_km
                    else self.mfr_warranty_end_km or None
                ),
            },
            consent={
                "email": self.consent_email,
                "phone": self.consent_phone,
                "sms": self.consent_sms,
                "mail": self.consent_post,
            },
            warranty={
                "label": self.label,
                "product_code": self.product_id.code,
                "product_name": self.product_id.name,
                "duration_months": self.duration_months or None,
                "start_date": self.start_date,
                "end_date": self.end_date,
                "loyalty_product": vocabulary.protocol_value(
                    vocabulary.LOYALTY_PRODUCTS, self.loyalty_product
                ),
                "price": self.price or None,
            },
        )

    def _check_ready(self):
        """Raise one UserError listing every problem; True when all is right."""
        for warranty in self:
            warranty.company_id._spoticar_check_warranty_setup()
            errors = warranty._get_validation_errors()
            if errors:
                error = UserError("\n".join(errors))
                # An incomplete warranty is the user's daily work, not a server problem:
                # the HTTP layer logs it at INFO instead of WARNING.
                error.loglevel = logging.INFO
                raise error
        return True

    def _get_report_lang(self):
        """The documents are French legal documents: French when installed."""
        self.ensure_one()
        if self.env["res.lang"]._get_code("fr_FR"):
            return "fr_FR"
        return self.partner_id.lang or self.env.lang

    def _get_energy_box(self):
        """Energy box ticked on the information statement."""
        self.ensure_one()
        return vocabulary.ENERGY_FAMILIES.get(self.energy, False)

    def _check_printable(self):
        not_declared = self.filtered(lambda w: w.state != "declared")
        if not_declared:
            raise UserError(
                self.env._(
                    "The documents can be printed once the warranty is declared (%(names)s).",
                    names=", ".join(not_declared.mapped("name")),
                )
            )

    # === BUSINESS METHODS: pre-fill === #
    @api.model
    def _get_order_vehicle(self, order):
        vehicle = order.vehicle_id
        if vehicle and vehicle._name == "product.product":
            vehicle = vehicle.product_tmpl_id
        if not vehicle:
            vehicle = order.order_line.product_id.product_tmpl_id.filtered(lambda t: t.is_vehicle)[
                :1
            ]
        return vehicle or self.env["product.template"]

    @api.model
    def _prepare_customer_vals(self, partner):
        title = partner.civility or {"male": "mr", "female": "mrs"}.get(partner.gender, False)
        is_company = partner.is_company or (partner.l10n_fr_customer_type == "professional")
        person = partner
        if partner.is_company and partner.child_ids:
            person = partner.child_ids.filtered(lambda c: c.type == "contact")[:1] or partner
        lastname = person.lastname or (False if person.is_company else person.name)
        return {
            "partner_id": partner.id,
            "customer_is_company": bool(is_company),
            "customer_company_name": partner.commercial_company_name
            or (partner.name if partner.is_company else False),
            "customer_siret": partner.company_registry or False,
            "customer_title": title,
            "customer_lastname": lastname,
            "customer_firstname": person.firstname or False,
            "customer_birth_name": person.birth_name or False,
            "customer_street": partner.street or False,
            "customer_street2": partner.street2 or False,
            "customer_zip": partner.zip or False,
            "customer_city": partner.city or False,
            "customer_country_id": partner.country_id.id,
            "customer_phone": partner.phone or False,
            "customer_mobile": partner.mobile or False,
            "customer_email": partner.email or False,
            "customer_birthdate": person.birthdate_date or False,
            "customer_birth_city": person.birth_city or False,
            "customer_birth_country_id": (person.birth_country_id or partner.browse()).id,
            "customer_nationality_id": (person.nationality_id or partner.browse()).id,
            "customer_profession": person.function or False,
            "consent_email": bool(partner.consent_email),
            "consent_phone": bool(partner.consent_phone),
            "consent_sms": bool(partner.consent_sms),
            "consent_post": bool(partner.consent_post),
        }

    @api.model
    def _prepare_vehicle_vals(self, vehicle):
        label = vehicle.vehicle_label or False
        return {
            "vehicle_id": vehicle.id,
            "vehicle_category": vehicle.vehicle_category or False,
            "vehicle_label": label,
            "license_plate": vehicle.license_plate or False,
            "registration_doc_type": vehicle.registration_type or False,
            "vehicle_make": vehicle.vehicle_make_id.display_name or False,
            "vehicle_model": vehicle.vehicle_model_id.name if vehicle.vehicle_model_id else False,
            "vehicle_version": vehicle.vehicle_version_id.name
            if vehicle.vehicle_version_id
            else False,
            "first_registration_date": vehicle.first_registration_date or False,
            "energy": vehicle.energy or False,
            "displacement": vehicle.displacement or 0,
            "fiscal_power": vehicle.fiscal_power or 0,
            "din_power": vehicle.din_power or 0,
            "power_kw": int(vehicle.power_kw or 0),
            "vin": vehicle.vin or False,
            "four_wheel_drive": bool(vehicle.four_wheel_drive),
            "mileage": vehicle.mileage or 0,
            "mfr_warranty_end_date": vehicle.mfr_warranty_end_date or False,
            **self._prepare_mfr_warranty_km_vals(vehicle.mfr_warranty_end_km),
        }

    @api.model
    def _prepare_mfr_warranty_km_vals(self, km):
        """The manufacturer warranty km of a vehicle sheet: the protocol's "unlimited" value
        (999999) ticks "Unlimited mileage"."""
        if (km or 0) >= declaration.UNLIMITED_MANUFACTURER_WARRANTY_KM:
            return {"mfr_warranty_end_km": 0, "mfr_warranty_unlimited_km": True}
        return {"mfr_warranty_end_km": km or 0, "mfr_warranty_unlimited_km": False}

    @api.model
    def _get_label_products(self, company, vehicle_label, vehicle_category, vehicle_make=None):
        """The products of the vehicle's label that the company's guarantors offer for its
        category, in the order the brand sells them (sequence)."""
        guarantors = company._spoticar_get_enabled_guarantors()
        domain = (
            Domain("guarantor_id", "in", guarantors.ids)
            & Domain("company_id", "in", [False, company.id])
            & Domain("label", "=", vocabulary.label_of(vehicle_label, vehicle_make))
        )
        if vehicle_category == "VU":
            domain &= Domain("allow_vu", "=", True)
        elif vehicle_category == "VP":
            domain &= Domain("allow_vp", "=", True)
        return self.env["spoticar.warranty.product"].search(domain, order="sequence, id")

    @api.model
    def _get_default_product(self, company, vehicle_label, vehicle_category, vehicle_make=None):
        """The first product (by sequence) of the vehicle's label that its guarantors offer."""
        return self._get_label_products(company, vehicle_label, vehicle_category, vehicle_make)[:1]

    def _get_eligible_products(self):
        """The products of the label the vehicle of this warranty is eligible for (age, km,
        energy, VP/VU), in the order the brand sells them: the first one is pre-filled."""
        self.ensure_one()
        products = self._get_label_products(
            self.company_id, self.vehicle_label, self.vehicle_category, self.vehicle_make
        )
        return products.filtered(lambda product: not self._get_eligibility_errors(product))

    def _get_no_eligible_product_message(self):
        """Why no product can be pre-filled: each product of the label and its reasons."""
        self.ensure_one()
        label_key = vocabulary.label_of(self.vehicle_label, self.vehicle_make)
        label = dict(self._fields["label"]._description_selection(self.env)).get(label_key)
        products = self._get_label_products(
            self.company_id, self.vehicle_label, self.vehicle_category, self.vehicle_make
        )
        if not products:
            return self.env._(
                "No warranty product of the %(label)s label is offered for this vehicle by the "
                "guarantors enabled for %(company)s.",
                label=label,
                company=self.company_id.name,
            )
        lines = [
            self.env._(
                "The vehicle is eligible for no warranty product of the %(label)s label:",
                label=label,
            )
        ]
        for product in products:
            lines += self._get_eligibility_errors(product)
        return "\n".join(lines)

    @api.model
    def _prepare_values_from_order(self, order):
        """Values of a new warranty pre-filled from a confirmed order."""
        vehicle = self._get_order_vehicle(order)
        vals = {
            "sale_order_id": order.id,
            "company_id": order.company_id.id,
            "user_id": order.user_id.id or self.env.user.id,
            "seller_id": order.user_id.id,
            "sale_date": order.sale_date or (order.date_order and order.date_order.date()) or False,
            "delivery_date": order.delivery_date
            or (order.commitment_date and order.commitment_date.date())
            or False,
            "sale_origin": "vo_on_vo" if order.trade_in_vehicle_id else "no_trade_in",
            "trade_in_value": order.trade_in_value or 0.0,
        }
        vals.update(self._prepare_customer_vals(order.partner_id))
        vals.update(self._prepare_vehicle_vals(vehicle))
        vehicle_line = order.order_line.filtered(
            lambda line: line.product_id.product_tmpl_id == vehicle
        )[:1]
        vals["sale_price"] = (
            vehicle_line.price_total if vehicle_line else vehicle.list_price
        ) or 0.0
        # The first product of the label the vehicle is eligible for; none when it fits no
        # product (the form then says why at once).
        product = self.new(vals)._get_eligible_products()[:1]
        if product:
            vals["product_id"] = product.id
        return vals

    @api.model
    def _action_open_from_order(self, order):
        """The "Garantie" button: open the order's warranty, creating it if needed."""
        order.ensure_one()
        if order.state != "sale":
            raise UserError(
                self.env._(
                    "A warranty is created from a confirmed order; %(order)s is not confirmed.",
                    order=order.name,
                )
            )
        warranty = self.search(
            [("sale_order_id", "=", order.id), ("state", "!=", "cancelled")], limit=1
        )
        if not warranty:
            order.company_id._spoticar_check_warranty_setup()
            warranty = self.create(self._prepare_values_from_order(order))
        return warranty._get_form_action()

    def _get_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Warranty"),
            "res_model": "spoticar.warranty",
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    # === CRON === #
    @api.model
    def _cron_manage_expiration(self):
        """Daily: schedule an activity before the end, then mark ended warranties."""
        params = self.env["ir.config_parameter"].sudo()
        delay = int(params.get_param("spoticar_warranty.expiry_alert_days", 30))
        today = fields.Date.context_today(self)
        activity_type = self.env.ref("spoticar_warranty.mail_activity_warranty_end")
        expiring = self.search(
            [
                ("state", "=", "declared"),
                ("is_ended", "=", False),
                ("end_date", ">=", today),
                ("end_date", "<=", today + relativedelta(days=delay)),
            ]
        ).filtered(lambda w: activity_type not in w.activity_ids.activity_type_id)
        for warranty in expiring:
            warranty.activity_schedule(
                "spoticar_warranty.mail_activity_warranty_end",
                date_deadline=warranty.end_date,
                user_id=(warranty.user_id or warranty.seller_id).id
                or self.env.ref("base.user_admin").id,
            )
        ended = self.search(
            [
                ("state", "=", "declared"),
                ("is_ended", "=", False),
                ("end_date", "<", today),
            ]
        )
        ended._spoticar_write_protected({"is_ended": True})
        return True
