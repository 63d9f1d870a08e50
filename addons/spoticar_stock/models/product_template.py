# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import re

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import float_compare
from odoo.tools.misc import formatLang

from spoticar_core import critair as critair_rules
from spoticar_core import formalities, identifiers, limits
from spoticar_core.exceptions import SpoticarValidationError

from .common import (
    BODY_TYPE_SELECTION,
    CONSUMPTION_NORM_SELECTION,
    ENERGY_SELECTION,
    EURO_NORM_SELECTION,
    GEARBOX_SELECTION,
    INSPECTION_RESULT_SELECTION,
    MANAGER_GROUP,
    VEHICLE_CATEGORY_SELECTION,
    VEHICLE_DATE_LIMITS,
    VEHICLE_LABEL_SELECTION,
    VEHICLE_NUMBER_LIMITS,
    VEHICLE_TEXT_LIMITS,
    check_entry_vals,
    create_trigram_index,
)

VEHICLE_STATE_SELECTION = [
    ("incoming", "Incoming"),
    ("stock", "In stock"),
    ("reserved", "Reserved"),
    ("sold", "Sold"),
    ("delivered", "Delivered"),
]
CRITAIR_SELECTION = [
    ("0", "Crit'Air 0 (electric)"),
    ("1", "Crit'Air 1"),
    ("2", "Crit'Air 2"),
    ("3", "Crit'Air 3"),
    ("4", "Crit'Air 4"),
    ("5", "Crit'Air 5"),
    ("nc", "Not classifiable"),
]
# Fields a vehicle takes from its version in the reference (see _compute_from_version).
VERSION_FIELDS = [
    "manufacturer_equivalence",
    "energy",
    "vehicle_category",
    "fiscal_power",
    "din_power",
    "power_kw",
    "displacement",
    "co2_emission",
    "euro_norm",
    "gearbox",
    "gear_count",
    "body_type",
    "doors",
    "seats",
    "four_wheel_drive",
    "ptac",
    "consumption_norm",
    "consumption_urban",
    "consumption_extra_urban",
    "consumption_mixed",
    "electric_range",
    "catalogue_price",
    "equipment_ids",
]
# Product actions of the gear menu that make no sense for a vehicle (see get_views).
NOT_VEHICLE_ACTIONS = (
    "stock.action_product_template_replenishment",
    "product.action_product_template_print_labels",
)
_logger = logging.getLogger(__name__)
# Typed text shorter than this (letters and digits) is not looked up as a plate or VIN in the
# name search of products ("CG" is a product code, not the start of a plate).
MIN_IDENTIFIER_SEARCH = 4
_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


def plate_key(value):
    """Letters and digits of a plate or VIN in upper case: how the user typed it does not matter."""
    return _NOT_ALNUM.sub("", (value or "").upper())


class ProductTemplate(models.Model):
    _inherit = "product.template"

    # === FIELDS === #
    is_vehicle = fields.Boolean("Is a vehicle", index=True, copy=True)
    # Identification
    license_plate = fields.Char(
        "License plate", tracking=True, copy=False, help="Stored normalised, e.g. DL-342-MP."
    )
    license_plate_key = fields.Char(
        "Plate search key", compute="_compute_license_plate_key", store=True, copy=False
    )
    vin = fields.Char(
        "VIN",
        tracking=True,
        copy=False,
        index=True,
        help="Vehicle identification number (17 characters).",
    )
    registration_type = fields.Char(
        "Type CG",
        tracking=True,
        help="Type, variant and version (field D.2 of the carte grise) or the CNIT (D.2.1), "
        "as printed, e.g. M10789456/23. Sent with the warranty declaration.",
    )
    vehicle_search = fields.Char(
        "Plate, VIN or reference",
        compute="_compute_vehicle_search",
        search="_search_vehicle_search",
        help="Search only: a plate or a VIN however it is typed, whole or in part (dl342mp, "
        "342-MP), the internal reference, or words of the make, model and version.",
    )
    # Reference
    vehicle_make_id = fields.Many2one(
        "spoticar.vehicle.make", string="Make", index=True, ondelete="restrict", tracking=True
    )
    vehicle_model_id = fields.Many2one(
        "spoticar.vehicle.model",
        string="Model",
        index=True,
        ondelete="restrict",
        domain="[('make_id', '=?', vehicle_make_id)]",
    )
    vehicle_version_id = fields.Many2one(
        "spoticar.vehicle.version",
        string="Version",
        index=True,
        ondelete="restrict",
        domain="[('model_id', '=?', vehicle_model_id),"
        " ('on_sale_at', '=', first_registration_date)]",
    )
    manufacturer_equivalence = fields.Char(
        "Manufacturer equivalence", compute="_compute_from_version", store=True, readonly=False
    )
    recognised_in_reference = fields.Boolean(
        "Recognised in the reference",
        compute="_compute_recognised_in_reference",
        help="The vehicle's version and equivalence code come from the vehicle reference.",
    )
    # Technical sheet
    energy = fields.Selection(
        ENERGY_SELECTION, compute="_compute_from_version", store=True, readonly=False
    )
    first_registration_date = fields.Date("First registration")
    model_year = fields.Integer(
        "Model year",
        compute="_compute_model_year",
        store=True,
        readonly=False,
        help="Filled with the year of the first registration when left empty.",
    )
    mileage = fields.Integer("Mileage (km)", tracking=True)
    mileage_guaranteed = fields.Boolean("Mileage guaranteed", default=True)
    fiscal_power = fields.Integer(
        "Fiscal power (CV)", compute="_compute_from_version", store=True, readonly=False
    )
    din_power = fields.Integer(
        "DIN power (hp)", compute="_compute_from_version", store=True, readonly=False
    )
    power_kw = fields.Integer(
        "Power (kW)", compute="_compute_from_version", store=True, readonly=False
    )
    displacement = fields.Integer(
        "Displacement (cm3)", compute="_compute_from_version", store=True, readonly=False
    )
    co2_emission = fields.Integer(
        "CO2 (g/km)", compute="_compute_from_version", store=True, readonly=False
    )
    euro_norm = fields.Selection(
        EURO_NORM_SELECTION, compute="_compute_from_version", store=True, readonly=False
    )
    gearbox = fields.Selection(
        GEARBOX_SELECTION, compute="_compute_from_version", store=True, readonly=False
    )
    gear_count = fields.Integer(
        "Number of speeds", compute="_compute_from_version", store=True, readonly=False
    )
    vehicle_category = fields.Selection(
        VEHICLE_CATEGORY_SELECTION,
        string="Vehicle category",
        compute="_compute_from_version",
        store=True,
        readonly=False,
    )
    body_type = fields.Selection(
        BODY_TYPE_SELECTION, compute="_compute_from_version", store=True, readonly=False
    )
    doors = fields.Integer(compute="_compute_from_version", store=True, readonly=False)
    seats = fields.Integer(compute="_compute_from_version", store=True, readonly=False)
    four_wheel_drive = fields.Boolean(
        "Four-wheel drive", compute="_compute_from_version", store=True, readonly=False
    )
    ptac = fields.Integer(
        "Gross vehicle weight (kg)",
        compute="_compute_from_version",
        store=True,
        readonly=False,
        help="PTAC, for utility vehicles.",
    )
    consumption_norm = fields.Selection(
        CONSUMPTION_NORM_SELECTION,
        string="Consumption norm",
        compute="_compute_from_version",
        store=True,
        readonly=False,
    )
    consumption_urban = fields.Float(
        "Urban consumption (l/100 km)",
        digits=(4, 1),
        compute="_compute_from_version",
        store=True,
        readonly=False,
    )
    consumption_extra_urban = fields.Float(
        "Extra-urban consumption (l/100 km)",
        digits=(4, 1),
        compute="_compute_from_version",
        store=True,
        readonly=False,
    )
    consumption_mixed = fields.Float(
        "Mixed consumption (l/100 km)",
        digits=(4, 1),
        compute="_compute_from_version",
        store=True,
        readonly=False,
    )
    electric_range = fields.Integer(
        "Range (km)", compute="_compute_from_version", store=True, readonly=False
    )
    vehicle_color = fields.Char("Colour")
    commercial_color = fields.Char("Commercial colour")
    interior_color = fields.Char("Interior colour")
    critair = fields.Selection(
        CRITAIR_SELECTION, string="Crit'Air", compute="_compute_critair", store=True
    )
    first_hand = fields.Boolean("First hand")
    keys_count = fields.Integer("Number of keys", default=2)
    is_imported = fields.Boolean(
        "Imported", help="First registered abroad (carte grise tax Y3 may be due)."
    )
    co2_malus_amount = fields.Monetary(
        "CO2 malus (grid amount)",
        currency_field="currency_id",
        help="For an import: the CO2 malus of its grid.",
    )
    mass_malus_amount = fields.Monetary(
        "Mass malus (grid amount)",
        currency_field="currency_id",
        help="For an import: the mass malus of its grid.",
    )
    mfr_warranty_end_date = fields.Date("Manufacturer warranty end date")
    mfr_warranty_end_km = fields.Integer("Manufacturer warranty end (km)")
    # === Contrôle technique (the last report, Code de la route R323-22) === #
    inspection_date = fields.Date(
        "Last technical inspection",
        tracking=True,
        help="Date of the last contrôle technique report.",
    )
    inspection_result = fields.Selection(
        INSPECTION_RESULT_SELECTION,
        "Technical inspection result",
        tracking=True,
    )
    inspection_counter_visit_date = fields.Date(
        "Counter-visit date",
        tracking=True,
        help="Date of the favourable counter-visit that followed a report asking for one.",
    )
    inspection_valid_until = fields.Date(
        "Technical inspection valid until",
        compute="_compute_inspection_valid_until",
        help="Last day a delivery may take place with this report (less than 6 months old; a "
        "counter-visit less than 2 months old).",
    )
    equipment_ids = fields.Many2many(
        "spoticar.vehicle.equipment",
        string="Equipment",
        compute="_compute_from_version",
        store=True,
        readonly=False,
    )
    vehicle_image_ids = fields.One2many(
        "spoticar.vehicle.image", "product_tmpl_id", string="Photos"
    )
    # Stock and prices
    vehicle_state = fields.Selection(
        VEHICLE_STATE_SELECTION,
        string="Vehicle state",
        default="incoming",
        index=True,
        tracking=True,
        copy=False,
    )
    vehicle_label = fields.Selection(
        VEHICLE_LABEL_SELECTION, string="Label", default="none", tracking=True
    )
    stock_entry_date = fields.Date("In stock since", copy=False)
    days_in_stock = fields.Integer("Days in stock", compute="_compute_days_in_stock")
    age_months = fields.Integer("Age (months)", compute="_compute_age_months")
    # The sale price of a vehicle is set at its creation; later changes are a manager's (write).
    list_price = fields.Float(tracking=True)
    purchase_price = fields.Monetary(
        "Purchase price",
        currency_field="currency_id",
        tracking=True,
        groups=MANAGER_GROUP,
    )
    catalogue_price = fields.Monetary(
        "Catalogue price",
        currency_field="currency_id",
        compute="_compute_from_version",
        store=True,
        readonly=False,
    )
    options_price = fields.Monetary("Options price", currency_field="currency_id")
    vat_regime = fields.Selection(
        [("margin", "Margin scheme (used goods)"), ("normal", "Normal VAT")],
        string="VAT regime",
        default="margin",
    )

    # Archived vehicles included: a vehicle (its plate and VIN) exists once in a company, sold,
    # delivered or archived; when it comes back, the archived record is restored.
    _license_plate_company_uniq = models.UniqueIndex(
        "(company_id, license_plate) WHERE is_vehicle AND license_plate IS NOT NULL",
        "This license plate is already used by another vehicle of the company.",
    )
    _vin_company_uniq = models.UniqueIndex(
        "(company_id, vin) WHERE is_vehicle AND vin IS NOT NULL",
        "This VIN is already used by another vehicle of the company.",
    )
    _license_plate_key_idx = models.Index(
        "(license_plate_key text_pattern_ops) WHERE license_plate_key IS NOT NULL"
    )
    # Stock VO list: equality on the state (and energy), range and sort on the price; the other
    # usual filters are included so that the count of a filtered list can stay in the index.
    _vehicle_list_idx = models.Index(
        "(vehicle_state, list_price)"
        " INCLUDE (company_id, mileage, energy, gearbox, first_registration_date)"
        " WHERE is_vehicle IS TRUE AND active IS TRUE"
    )
    _vehicle_list_energy_idx = models.Index(
        "(vehicle_state, energy, list_price) INCLUDE (company_id, mileage)"
        " WHERE is_vehicle IS TRUE AND active IS TRUE"
    )
    _default_code_prefix_idx = models.Index(
        "(default_code text_pattern_ops) WHERE default_code IS NOT NULL"
    )

    def init(self):
        res = super().init()
        # "Plate, VIN or reference" search: the internal reference is matched with ILIKE '%...%',
        # part of a plate with LIKE '%...%'.
        create_trigram_index(self.env.cr, self._table, "default_code", _logger)
        create_trigram_index(self.env.cr, self._table, "license_plate_key", _logger)
        return res

    # === COMPUTE === #
    @api.depends("license_plate")
    def _compute_license_plate_key(self):
        for template in self:
            template.license_plate_key = plate_key(template.license_plate) or False

    def _compute_vehicle_search(self):
        self.vehicle_search = False

    def _search_vehicle_search(self, operator, value):
        """The Stock VO search bar's default Enter: a plate or VIN however typed, whole or in part
        (``342mp``, ``342-MP``), the internal reference from its start, or words of the make,
        model and version in any order (``308 allure``)."""
        if operator not in ("ilike", "like", "=", "=ilike") or not isinstance(value, str):
            return NotImplemented
        value = value.strip()
        key = plate_key(value)
        # Internal reference: typed from its start (prefix search on an index), as is or in
        # upper case.
        domains = [
            Domain("default_code", "=like", f"{code}%") for code in {value, value.upper()} if code
        ]
        if key:
            domains += [
                Domain("license_plate_key", "like", key),
                Domain("vin", "=like", f"{key}%"),
            ]
        # A whole plate however typed (``aa 001 aa``) is looked up as a plate only: its blocks
        # are not words of a name, and a short block ("001", "75") would make the name search
        # read the trigram index and the rows of every dealer's matching vehicles.
        words = [] if identifiers.plate_format(value) else value.split()
        if words:
            # The vehicle's name is its make, model and version (or what was typed for a vehicle
            # outside the reference): every word must be found in it.
            domains.append(Domain.AND(Domain("name", "ilike", word) for word in words))
        return Domain.OR(domains)

    @api.model
    def _search_display_name(self, operator, value):
        """Also find vehicles by plate or VIN, however typed (many2one fields, quick search)."""
        domain = super()._search_display_name(operator, value)
        return self._vehicle_identifier_domain(domain, operator, value)

    @api.model
    def _vehicle_identifier_domain(self, domain, operator, value, variants=False):
        if operator in ("ilike", "=ilike", "like", "=like", "=") and isinstance(value, str):
            key = plate_key(value)
            if len(key) >= MIN_IDENTIFIER_SEARCH:
                by_identifier = Domain("license_plate_key", "=like", f"{key}%") | Domain(
                    "vin", "=like", f"{key}%"
                )
                if variants:
                    by_identifier = Domain("product_tmpl_id", "any", by_identifier)
                domain = Domain(domain) | by_identifier
        return domain

    @api.depends("first_registration_date")
    def _compute_model_year(self):
        for template in self:
            if not template.model_year and template.first_registration_date:
                template.model_year = template.first_registration_date.year
            else:
                template.model_year = template.model_year

    @api.depends("vehicle_version_id")
    def _compute_from_version(self):
        for template in self:
            version = template.vehicle_version_id
            if not version:
                # Vehicles outside the reference (trade-ins): keep what was entered.
                for fname in VERSION_FIELDS:
                    template[fname] = template[fname]
                continue
            values = version._prepare_vehicle_values()
            for fname in VERSION_FIELDS:
                if fname == "equipment_ids":
                    template.equipment_ids = version.equipment_ids
                else:
                    template[fname] = values[fname]

    @api.depends("vehicle_version_id", "manufacturer_equivalence")
    def _compute_recognised_in_reference(self):
        for template in self:
            template.recognised_in_reference = bool(
                template.vehicle_version_id
                and template.manufacturer_equivalence
                and template.manufacturer_equivalence
                == template.vehicle_version_id.manufacturer_equivalence
            )

    @api.depends("is_vehicle", "vehicle_category", "energy", "euro_norm", "first_registration_date")
    def _compute_critair(self):
        for template in self:
            if (
                not template.is_vehicle
                or not template.energy
                or not (template.euro_norm or template.first_registration_date)
            ):
                template.critair = False
                continue
            try:
                result = critair_rules.critair_class(
                    template.vehicle_category or "VP",
                    template.energy,
                    euro_norm=template.euro_norm or None,
                    first_registration=template.first_registration_date or None,
                )
            except SpoticarValidationError:
                template.critair = False
                continue
            template.critair = self._critair_key(result)

    @api.model
    def _critair_key(self, result):
        """Selection key of a class returned by spoticar_core.critair (0-5, or not classifiable)."""
        if result is None:
            return "nc"
        value = getattr(result, "value", result)
        text = str(value).strip().lower()
        if text in {"0", "1", "2", "3", "4", "5"}:
            return text
        return "nc"

    @api.depends("inspection_date", "inspection_result", "inspection_counter_visit_date")
    def _compute_inspection_valid_until(self):
        for template in self:
            template.inspection_valid_until = formalities.inspection_valid_until(
                template.inspection_date,
                template.inspection_result,
                template.inspection_counter_visit_date,
            )

    @api.depends("stock_entry_date", "vehicle_state")
    def _compute_days_in_stock(self):
        today = fields.Date.context_today(self)
        for template in self:
            if template.stock_entry_date and template.vehicle_state in ("stock", "reserved"):
                template.days_in_stock = (today - template.stock_entry_date).days
            else:
                template.days_in_stock = 0

    @api.depends("first_registration_date")
    def _compute_age_months(self):
        today = fields.Date.context_today(self)
        for template in self:
            if template.first_registration_date:
                delta = relativedelta(today, template.first_registration_date)
                template.age_months = max(delta.years * 12 + delta.months, 0)
            else:
                template.age_months = 0

    # === VIEWS === #
    @api.model
    def get_views(self, views, options=None):
        """A vehicle is neither replenished nor labelled: the Stock VO's gear menu does not offer
        the product actions "Replenish" and "Print Labels"."""
        result = super().get_views(views, options)
        if not self.env.context.get("default_is_vehicle"):
            return result
        hidden = {
            action.id
            for xmlid in NOT_VEHICLE_ACTIONS
            if (action := self.env.ref(xmlid, raise_if_not_found=False))
        }
        for view in result["views"].values():
            for key, actions in view.get("toolbar", {}).items():
                view["toolbar"][key] = [action for action in actions if action["id"] not in hidden]
        return result

    # === CONSTRAINTS AND ONCHANGES === #
    @api.constrains("is_vehicle", "company_id")
    def _check_vehicle_company(self):
        for template in self:
            if template.is_vehicle and not template.company_id:
                raise ValidationError(
                    self.env._(
                        "The vehicle %(name)s must belong to a company (the dealer).",
                        name=template.name,
                    )
                )

    @api.constrains(
        "inspection_date",
        "inspection_result",
        "inspection_counter_visit_date",
        "first_registration_date",
    )
    def _check_inspection(self):
        """A contrôle technique has a result, and its counter-visit follows a report that asked
        for one, on or after it."""
        for template in self:
            if template.inspection_date and not template.inspection_result:
                raise ValidationError(
                    self.env._(
                        "Technical inspection result: give the result of the contrôle technique "
                        "of %(date)s.",
                        date=template.inspection_date.strftime("%d/%m/%Y"),
                    )
                )
            if template.inspection_result and not template.inspection_date:
                raise ValidationError(
                    self.env._("Last technical inspection: give the date of the report.")
                )
            counter = template.inspection_counter_visit_date
            if counter and template.inspection_result != "counter_visit":
                raise ValidationError(
                    self.env._(
                        "Counter-visit date: only a report whose result is a counter-visit "
                        "is followed by a counter-visit."
                    )
                )
            if counter and counter < template.inspection_date:
                raise ValidationError(
                    self.env._(
                        "Counter-visit date: the counter-visit (%(counter)s) cannot precede "
                        "the report (%(report)s).",
                        counter=counter.strftime("%d/%m/%Y"),
                        report=template.inspection_date.strftime("%d/%m/%Y"),
                    )
                )
            first = template.first_registration_date
            if template.inspection_date and first and template.inspection_date < first:
                raise ValidationError(
                    self.env._(
                        "Last technical inspection: the report (%(report)s) cannot precede "
                        "the first registration (%(first)s).",
                        report=template.inspection_date.strftime("%d/%m/%Y"),
                        first=first.strftime("%d/%m/%Y"),
                    )
                )

    def _check_vehicle_identifiers_free(self, vals_list):
        """Refuse a plate or VIN already held by another vehicle of the same company, archived
        vehicles included.

        Checked before writing, with a French message naming the field; the unique indexes remain
        the guarantee against concurrent transactions.
        """
        seen = set()
        for record, vals in vals_list:
            if not vals.get("is_vehicle", record.is_vehicle):
                continue
            company_id = vals.get("company_id", record.company_id.id)
            for fname, label in (
                ("license_plate", self.env._("License plate")),
                ("vin", self.env._("VIN")),
            ):
                value = vals.get(fname, record[fname] if record else False)
                if not value:
                    continue
                key = (fname, company_id, value)
                other = (
                    self.sudo()
                    .with_context(active_test=False)
                    .search(
                        [
                            ("id", "not in", self.ids),
                            ("is_vehicle", "=", True),
                            ("company_id", "=", company_id),
                            (fname, "=", value),
                        ],
                        limit=1,
                    )
                )
                if other and not other.active:
                    raise ValidationError(
                        self.env._(
                            "%(field)s: %(value)s is already used by the archived vehicle "
                            "%(other)s of this company: restore that vehicle instead of creating "
                            "it again.",
                            field=label,
                            value=value,
                            other=other.display_name,
                        )
                    )
                if other or key in seen:
                    raise ValidationError(
                        self.env._(
                            "%(field)s: %(value)s is already used by the vehicle %(other)s of this "
                            "company.",
                            field=label,
                            value=value,
                            other=other.display_name or value,
                        )
                    )
                seen.add(key)

    @api.onchange("vehicle_make_id")
    def _onchange_vehicle_make_id(self):
        if self.vehicle_model_id and self.vehicle_model_id.make_id != self.vehicle_make_id:
            self.vehicle_model_id = False

    @api.onchange("vehicle_model_id")
    def _onchange_vehicle_model_id(self):
        if self.vehicle_version_id and self.vehicle_version_id.model_id != self.vehicle_model_id:
            self.vehicle_version_id = False

    @api.onchange("vehicle_make_id", "vehicle_model_id", "vehicle_version_id")
    def _onchange_vehicle_name(self):
        if self.is_vehicle:
            name = self._build_vehicle_name(
                self.vehicle_make_id, self.vehicle_model_id, self.vehicle_version_id
            )
            if name:
                self.name = name

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        self._check_product_create_access(vals_list)
        for vals in vals_list:
            self._check_vehicle_entry_vals(vals, vals.get("is_vehicle"))
            if vals.get("is_vehicle"):
                self._prepare_vehicle_vals(vals)
        self.browse()._check_vehicle_identifiers_free([(self.browse(), vals) for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        vals = dict(vals)
        self._check_vehicle_entry_vals(vals, vals.get("is_vehicle", any(self.mapped("is_vehicle"))))
        self._check_vehicle_write_access(vals)
        if {"license_plate", "vin", "registration_type"} & set(vals):
            self._normalize_identifier_vals(vals)
        if {"license_plate", "vin", "company_id", "active", "is_vehicle"} & set(vals):
            for template in self:
                template._check_vehicle_identifiers_free([(template, vals)])
        if vals.get("vehicle_version_id"):
            self._fill_from_version(vals)
        if vals.get("vehicle_version_id") and "vehicle_model_id" not in vals:
            version = self.env["spoticar.vehicle.version"].browse(vals["vehicle_version_id"])
            vals.update(vehicle_model_id=version.model_id.id, vehicle_make_id=version.make_id.id)
        if "name" in vals or not {
            "vehicle_version_id",
            "vehicle_model_id",
            "vehicle_make_id",
        } & set(vals):
            return super().write(vals)
        # The reference changed: the vehicle's name follows (make, model, version).
        for template in self:
            template_vals = dict(vals)
            if template.is_vehicle or vals.get("is_vehicle"):
                name = self._build_vehicle_name(
                    self.env["spoticar.vehicle.make"].browse(
                        vals.get("vehicle_make_id", template.vehicle_make_id.id)
                    ),
                    self.env["spoticar.vehicle.model"].browse(
                        vals.get("vehicle_model_id", template.vehicle_model_id.id)
                    ),
                    self.env["spoticar.vehicle.version"].browse(
                        vals.get("vehicle_version_id", template.vehicle_version_id.id)
                    ),
                )
                if name:
                    template_vals["name"] = name
            super(ProductTemplate, template).write(template_vals)
        return True

    @api.model
    def _check_vehicle_entry_vals(self, vals, is_vehicle):
        """Typing errors refused before SQL (integers, finite floats); a vehicle's figures, dates
        and texts within the limits of spoticar_core."""
        if not is_vehicle:
            check_entry_vals(self, vals)
            return
        model_year = {"model_year": limits.year_range(fields.Date.context_today(self))}
        check_entry_vals(
            self,
            vals,
            numbers=dict(VEHICLE_NUMBER_LIMITS, **model_year),
            dates=VEHICLE_DATE_LIMITS,
            texts=VEHICLE_TEXT_LIMITS,
        )

    @api.model
    def _check_product_create_access(self, vals_list):
        """A Spoticar salesperson creates vehicles (Stock VO, trade-ins), never other products:
        services and accessories are a manager's, whatever the form (an order line's quick
        create included)."""
        if (
            self.env.su
            or self.env.user.has_group(MANAGER_GROUP)
            or not self.env.user.has_group("spoticar_stock.group_spoticar_user")
        ):
            return
        is_vehicle = self.env.context.get("default_is_vehicle")
        for vals in vals_list:
            if not vals.get("is_vehicle", is_vehicle):
                raise AccessError(
                    self.env._(
                        "Only a Spoticar manager can create the product %(name)s: on an order, "
                        "choose an existing vehicle or service (vehicles are created from the "
                        "Stock VO).",
                        name=vals.get("name") or "",
                    )
                )

    def _check_vehicle_write_access(self, vals):
        """Archiving or restoring a vehicle and changing its sale price are a manager's.

        The salesperson sets the sale price when creating the vehicle; his lever afterwards is
        the discount on the order line. Guarded here, not only in the views.
        """
        if self.env.su or self.env.user.has_group(MANAGER_GROUP):
            return
        vehicles = self.filtered("is_vehicle")
        if not vehicles:
            return
        if "active" in vals:
            moved = vehicles.filtered(lambda v: v.active != bool(vals["active"]))
            if moved:
                raise AccessError(
                    self.env._(
                        "Only a Spoticar manager can archive or restore the vehicle %(vehicle)s.",
                        vehicle=moved[:1].display_name,
                    )
                )
        if "list_price" in vals:
            price = vals["list_price"] or 0.0
            changed = vehicles.filtered(
                lambda v: float_compare(
                    v.list_price, price, precision_rounding=v.currency_id.rounding or 0.01
                )
            )
            if changed:
                raise AccessError(
                    self.env._(
                        "Sales price: only a Spoticar manager can change the price of the "
                        "vehicle %(vehicle)s once created (give a discount on the order line "
                        "instead).",
                        vehicle=changed[:1].display_name,
                    )
                )

    # === ACTIONS === #
    def action_vehicle_receive(self):
        """Put the vehicle in the dealer's stock: one unit in its company's warehouse."""
        for template in self:
            if not template.is_vehicle:
                raise UserError(self.env._("%(name)s is not a vehicle.", name=template.name))
            if template.sudo().qty_available >= 1:
                continue
            warehouse = (
                self.env["stock.warehouse"]
                .sudo()
                .search([("company_id", "=", template.company_id.id)], limit=1)
            )
            if not warehouse:
                raise UserError(
                    self.env._(
                        "The company %(company)s has no warehouse.",
                        company=template.company_id.name,
                    )
                )
            self.env["stock.quant"].sudo().with_company(template.company_id).with_context(
                inventory_mode=True
            ).create(
                {
                    "product_id": template.product_variant_id.id,
                    "location_id": warehouse.lot_stock_id.id,
                    "inventory_quantity": 1,
                }
            ).action_apply_inventory()
        return True

    # === BUSINESS === #
    def _vehicle_mileage_display(self):
        """ "190 000 km (not guaranteed)" in the language of the environment (sheets, lists)."""
        self.ensure_one()
        text = self.env._("%(km)s km", km=formatLang(self.env, self.mileage or 0, digits=0))
        if not self.mileage_guaranteed:
            text = self.env._("%(km)s (not guaranteed)", km=text)
        return text

    def _vehicle_registration_display(self):
        """Month and year of first registration, "11/2014"."""
        self.ensure_one()
        return (
            self.first_registration_date.strftime("%m/%Y") if self.first_registration_date else ""
        )

    @api.model
    def _prepare_vehicle_vals(self, vals):
        """Complete the values of a new vehicle: storable product of a company, reference, name."""
        vals["type"] = "consu"
        vals["is_storable"] = True
        vals.setdefault("company_id", self.env.company.id)
        if not vals.get("default_code"):
            vals["default_code"] = (
                self.env["ir.sequence"]
                .with_company(vals["company_id"])
                .next_by_code("spoticar.vehicle")
            )
        self._normalize_identifier_vals(vals)
        registered = fields.Date.to_date(vals.get("first_registration_date"))
        if registered and not vals.get("model_year"):
            vals["model_year"] = registered.year
        version = self.env["spoticar.vehicle.version"].browse(vals.get("vehicle_version_id") or [])
        if version:
            vals.setdefault("vehicle_model_id", version.model_id.id)
            vals.setdefault("vehicle_make_id", version.make_id.id)
            self._fill_from_version(vals)
        model = self.env["spoticar.vehicle.model"].browse(vals.get("vehicle_model_id") or [])
        if model:
            vals.setdefault("vehicle_make_id", model.make_id.id)
        make = self.env["spoticar.vehicle.make"].browse(vals.get("vehicle_make_id") or [])
        if not vals.get("name"):
            vals["name"] = self._build_vehicle_name(make, model, version) or self.env._("Vehicle")
        return vals

    @api.model
    def _fill_from_version(self, vals):
        """Technical fields of the version for every one not given in ``vals``.

        The fields share one compute (_compute_from_version): once one of them is given (an
        energy typed in a create, a column of a CSV import), Odoo protects them all from it and
        the others would stay empty. Values given win; all the others come from the version.
        """
        version = self.env["spoticar.vehicle.version"].browse(vals["vehicle_version_id"])
        values = version._prepare_vehicle_values()
        for fname in VERSION_FIELDS:
            vals.setdefault(fname, values[fname])
        return vals

    @api.model
    def _build_vehicle_name(self, make, model, version):
        """Product name of a vehicle: "Peugeot 308 (2) 1.5 BlueHDi 130 S&S EAT8 Allure"."""
        return self.env["spoticar.vehicle.version"]._vehicle_full_name(
            make.name, model.name, version.name
        )

    @api.model
    def _normalize_identifier_vals(self, vals):
        """Validate and normalise the plate, VIN and Type CG with spoticar_core (French message)."""
        try:
            if vals.get("registration_type"):
                vals["registration_type"] = identifiers.normalize_registration_type(
                    vals["registration_type"]
                )
            elif "registration_type" in vals:
                vals["registration_type"] = False
            if vals.get("license_plate"):
                raw = vals["license_plate"]
                vals["license_plate"] = identifiers.validate_plate(raw).normalized
            elif "license_plate" in vals:
                vals["license_plate"] = False
            if vals.get("vin"):
                info = identifiers.validate_vin(
                    vals["vin"], allow_short=self._vin_allow_short(vals)
                )
                vals["vin"] = getattr(info, "vin", None) or identifiers.normalize_vin(vals["vin"])
            elif "vin" in vals:
                vals["vin"] = False
        except SpoticarValidationError as error:
            raise ValidationError(str(error)) from error
        return vals

    @api.model
    def _vin_allow_short(self, vals):
        """Pre-1981 vehicles may carry a VIN shorter than 17 characters."""
        date = fields.Date.to_date(vals.get("first_registration_date"))
        return bool(date and date.year < 1981)

    def _vehicle_set_state(self, state):
        """Move vehicles to ``state`` (tracked in the chatter); entering the stock dates it."""
        for template in self:
            if template.vehicle_state == state:
                continue
            vals = {"vehicle_state": state}
            if state == "stock" and not template.stock_entry_date:
                vals["stock_entry_date"] = fields.Date.context_today(template)
            template.write(vals)
