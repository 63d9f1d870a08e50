# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.spoticar_stock.models.common import check_entry_vals

from spoticar_core import identifiers, register, vocabulary
from spoticar_core import limits as spoticar_limits
from spoticar_core.exceptions import SpoticarValidationError

SPOTICAR_GROUPS = "spoticar_stock.group_spoticar_user"
CONSENT_CHANNELS = ("email", "phone", "sms", "post")
PHONE_FIELDS = ("phone", "mobile")
# Written as legal documents write them (see _spoticar_format_identity).
IDENTITY_FIELDS = {"name", "lastname", "firstname", "l10n_fr_customer_type", "is_company"}
IDENTITY_FIELDS.update(PHONE_FIELDS)
# Customer texts sent with the warranty declaration: the protocol's lengths (spoticar_core).
CUSTOMER_TEXT_LIMITS = {
    "lastname": "customer.last_name",
    "firstname": "customer.first_name",
    "birth_name": "customer.birth_name",
    "street": "customer.street",
    "street2": "customer.street2",
    "zip": "customer.zip",
    "city": "customer.city",
    "email": "customer.email",
    "birth_city": "customer.birth_place",
    "function": "customer.profession",
}
CUSTOMER_DATE_LIMITS = {"birthdate_date": spoticar_limits.birth_date_range}
CONSENT_SOURCES = [
    ("order_form", "Order form"),
    ("showroom", "Showroom"),
    ("website", "Website"),
    ("phone", "Phone call"),
    ("email", "E-mail"),
    ("other", "Other"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    # === Customer === #
    l10n_fr_customer_type = fields.Selection(
        [("individual", "Individual"), ("professional", "Professional")],
        string="Customer Type",
        help="Individual: a private person (no company name). Professional: a company, "
        "whose company name and SIRET are required.",
    )
    customer_category_id = fields.Many2one(
        "res.partner.category",
        string="Customer Category",
    )
    contact_origin_id = fields.Many2one(
        "utm.source",
        string="Contact Origin",
        help="How the customer came to the dealer (website, walk-in, phone...).",
    )
    customer_since = fields.Date(
        default=fields.Date.context_today,
        help="Date the contact became a customer of the dealer.",
    )
    # === Identity === #
    civility = fields.Selection(
        vocabulary.selection(vocabulary.CIVILITIES),
        string="Civility",
    )
    birth_name = fields.Char(
        groups=SPOTICAR_GROUPS,
        help="Name at birth, when it differs from the usage name (left empty for a "
        "professional customer).",
    )
    mobile = fields.Char(string="Mobile")
    birth_department_id = fields.Many2one(
        "res.country.department",
        string="Birth Department",
        groups=SPOTICAR_GROUPS,
    )
    # Birth data and identity documents of the OCA addons: Spoticar groups only.
    birthdate_date = fields.Date(groups=SPOTICAR_GROUPS)
    age = fields.Integer(groups=SPOTICAR_GROUPS)
    birth_city = fields.Char(groups=SPOTICAR_GROUPS)
    birth_zip = fields.Char(groups=SPOTICAR_GROUPS)
    birth_state_id = fields.Many2one(groups=SPOTICAR_GROUPS)
    birth_country_id = fields.Many2one(groups=SPOTICAR_GROUPS)
    id_numbers = fields.One2many(groups=SPOTICAR_GROUPS)
    identity_document_id = fields.Many2one(
        "res.partner.id_number",
        compute="_compute_identity_documents",
        string="Identity Document",
        groups=SPOTICAR_GROUPS,
    )
    driving_licence_id = fields.Many2one(
        "res.partner.id_number",
        compute="_compute_identity_documents",
        string="Driving Licence",
        groups=SPOTICAR_GROUPS,
    )
    is_main_driver = fields.Boolean(
        string="Main Driver",
        default=True,
    )
    co_holder_id = fields.Many2one(
        "res.partner",
        string="Co-holder",
        help="Second holder of the registration certificate, with the same identity block.",
    )
    # === Marketing consent (one per channel, with date and source) === #
    consent_email = fields.Boolean(string="E-mail Consent")
    consent_email_date = fields.Date(string="E-mail Consent Date")
    consent_email_source = fields.Selection(CONSENT_SOURCES, string="E-mail Consent Source")
    consent_phone = fields.Boolean(string="Phone Consent")
    consent_phone_date = fields.Date(string="Phone Consent Date")
    consent_phone_source = fields.Selection(CONSENT_SOURCES, string="Phone Consent Source")
    consent_sms = fields.Boolean(string="SMS Consent")
    consent_sms_date = fields.Date(string="SMS Consent Date")
    consent_sms_source = fields.Selection(CONSENT_SOURCES, string="SMS Consent Source")
    consent_post = fields.Boolean(string="Post Consent")
    consent_post_date = fields.Date(string="Post Consent Date")
    consent_post_source = fields.Selection(CONSENT_SOURCES, string="Post Consent Source")

    # === Computes === #
    @api.depends("id_numbers.category_id", "id_numbers.status")
    def _compute_identity_documents(self):
        licence_category = self.env.ref(
            "spoticar_sale.id_category_driving_licence", raise_if_not_found=False
        )
        for partner in self:
            numbers = partner.sudo().id_numbers.filtered(lambda n: n.status != "close")
            licences = numbers.filtered(lambda n: n.category_id == licence_category)
            partner.identity_document_id = (numbers - licences)[:1]
            partner.driving_licence_id = licences[:1]

    # === Constraints === #
    @api.constrains(
        "l10n_fr_customer_type",
        "company_name",
        "company_registry",
        "vat",
        "is_company",
        "name",
        "birth_name",
    )
    def _check_spoticar_customer(self):
        for partner in self:
            if partner.l10n_fr_customer_type == "individual":
                if partner.company_name or partner.is_company:
                    raise ValidationError(
                        self.env._(
                            "Customer %(name)s is an individual: the company name must stay "
                            "empty (choose the Professional type for a company).",
                            name=partner.display_name,
                        )
                    )
            elif partner.l10n_fr_customer_type == "professional":
                if not partner._spoticar_is_french():
                    # A foreign company has no SIRET: its VAT number identifies it.
                    continue
                if not partner.company_registry:
                    raise ValidationError(
                        self.env._(
                            "Professional customer %(name)s: the SIRET number is required.",
                            name=partner.display_name,
                        )
                    )
                partner._spoticar_check_siret_vat()
                if partner.sudo().birth_name:
                    raise ValidationError(
                        self.env._(
                            "Professional customer %(name)s: the birth name must stay empty.",
                            name=partner.display_name,
                        )
                    )

    @api.constrains("l10n_fr_customer_type", "birthdate_date", *CUSTOMER_TEXT_LIMITS)
    def _check_spoticar_entry_limits(self):
        """A birth date in the past (not absurdly far); a customer's texts within the lengths the
        Centralisateur accepts, refused at entry rather than with a 422 at declaration."""
        for partner in self.sudo():
            fnames = list(CUSTOMER_DATE_LIMITS)
            if partner.l10n_fr_customer_type:
                fnames += list(CUSTOMER_TEXT_LIMITS)
            check_entry_vals(
                partner,
                {fname: partner[fname] for fname in fnames},
                dates=CUSTOMER_DATE_LIMITS,
                texts=CUSTOMER_TEXT_LIMITS if partner.l10n_fr_customer_type else None,
            )

    def _spoticar_is_french(self):
        """France and its overseas departments, or no country yet (a French dealer's default)."""
        self.ensure_one()
        return not self.country_id or (
            self.country_id.code in self.env["res.company"]._get_france_country_codes()
        )

    def _spoticar_cash_debtor(self):
        """(professional, resident) of this customer as a cash debtor (spoticar_core.register):
        a company or a professional customer acts for professional purposes; the residency
        follows the country of the address (France when none is given)."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        professional = bool(
            commercial.is_company
            or "professional" in (self.l10n_fr_customer_type, commercial.l10n_fr_customer_type)
        )
        country = self.country_id or commercial.country_id
        return professional, register.cash_debtor_resident(country.code)

    def _spoticar_check_siret_vat(self):
        self.ensure_one()
        siret = "".join((self.company_registry or "").split())
        if siret:
            if len(siret) != 14 or not siret.isdigit():
                raise ValidationError(
                    self.env._(
                        "The SIRET number %(siret)s of %(name)s must have 14 digits.",
                        siret=self.company_registry,
                        name=self.display_name,
                    )
                )
            try:
                identifiers.validate_siret(siret)
            except SpoticarValidationError as e:
                raise ValidationError(
                    self.env._(
                        "The SIRET number %(siret)s of %(name)s is invalid (wrong check key).",
                        siret=self.company_registry,
                        name=self.display_name,
                    )
                ) from e
        vat = "".join((self.vat or "").split()).upper()
        if vat and vat.startswith("FR"):
            try:
                identifiers.validate_vat(vat)
            except SpoticarValidationError as e:
                raise ValidationError(
                    self.env._(
                        "The VAT number %(vat)s of %(name)s is invalid.",
                        vat=self.vat,
                        name=self.display_name,
                    )
                ) from e

    @api.onchange("l10n_fr_customer_type")
    def _onchange_l10n_fr_customer_type(self):
        for partner in self:
            if partner.l10n_fr_customer_type:
                partner.is_company = partner.l10n_fr_customer_type == "professional"
            if partner.l10n_fr_customer_type == "individual":
                partner.company_name = False

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        dealer = self._spoticar_default_dealer()
        for vals in vals_list:
            self._spoticar_prepare_vals(vals)
            if dealer and "company_id" not in vals:
                parent = self.browse(vals.get("parent_id") or [])
                vals["company_id"] = parent.company_id.id if parent else dealer.id
        partners = super().create(vals_list)
        for partner in partners:
            if partner.l10n_fr_customer_type and not partner.ref:
                partner.ref = self.env["ir.sequence"].sudo().next_by_code("spoticar.customer")
        partners._spoticar_format_identity()
        return partners

    def write(self, vals):
        self._spoticar_prepare_vals(vals)
        address_changed = {"zip", "country_id", "city"} & set(vals)
        res = super().write(vals)
        if IDENTITY_FIELDS & set(vals):
            self._spoticar_format_identity()
        if address_changed and not self.env.context.get("spoticar_no_fee_update"):
            # The carte grise follows the holder's address, whoever changes it (portal user,
            # accountant...): the lines are recomputed with the system's rights.
            orders = (
                self.env["sale.order"]
                .sudo()
                .search(
                    [
                        ("partner_id", "in", self.ids),
                        ("state", "in", ("draft", "sent")),
                    ]
                )
            )
            orders._spoticar_update_registration_fees()
        return res

    def _spoticar_format_identity(self):
        """Names as French legal documents write them (last name in capitals, first names
        capitalised) for a customer in person, and phone numbers in the international format of
        Odoo's phone_validation, whoever typed them: the partner and every document print
        them so."""
        for partner in self:
            values = {}
            if partner.l10n_fr_customer_type and not partner.is_company:
                values["lastname"] = identifiers.legal_last_name(partner.lastname) or False
                values["firstname"] = identifiers.legal_first_names(partner.firstname) or False
            for fname in PHONE_FIELDS:
                if partner[fname]:
                    values[fname] = partner._spoticar_format_phone(partner[fname])
            values = {fname: value for fname, value in values.items() if value != partner[fname]}
            if values:
                partner.write(values)

    def _spoticar_format_phone(self, number):
        """``0612345678`` -> ``+33 6 12 34 56 78`` (the partner's country, else the company's);
        a number that cannot be read is kept as typed."""
        self.ensure_one()
        country = self.country_id or self.company_id.country_id or self.env.company.country_id
        return self._spoticar_format_phone_number(number, country)

    @api.model
    def _spoticar_format_phone_number(self, number, country):
        """A phone number as the suite stores it wherever it is typed (partner, warranty):
        the international format of Odoo's phone_validation for ``country`` (else the current
        company's), ``+33 6 12 34 56 78``; a number that cannot be read is kept as typed."""
        if not number:
            return number
        country = country or self.env.company.country_id
        return (
            self._phone_format(number=number, country=country, force_format="INTERNATIONAL")
            or number
        )

    @api.onchange("mobile", "country_id")
    def _onchange_mobile_spoticar(self):
        if self.mobile:
            self.mobile = self._spoticar_format_phone(self.mobile)

    @api.model
    def _spoticar_default_dealer(self):
        """The company a customer created by a salesperson belongs to: his current dealer.

        A customer's identity (birth data, identity documents) is then hidden from the other
        dealers' salespeople by the multi-company rules. A contact takes its parent's company.
        """
        if (
            self.env.su
            or "default_company_id" in self.env.context
            or not self.env.user.has_group(SPOTICAR_GROUPS)
        ):
            return self.env["res.company"]
        return self.env.company

    @api.model
    def _spoticar_prepare_vals(self, vals):
        """Keep is_company in line with the customer type and date the consents."""
        ctype = vals.get("l10n_fr_customer_type")
        if ctype and "is_company" not in vals:
            vals["is_company"] = ctype == "professional"
        today = fields.Date.context_today(self)
        for channel in CONSENT_CHANNELS:
            field = f"consent_{channel}"
            if vals.get(field) and not vals.get(f"{field}_date"):
                vals[f"{field}_date"] = today
        return vals
