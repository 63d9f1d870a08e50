# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.fields import Domain

from spoticar_core.catalogue import normalize_text, normalize_words

from . import spoticar_vehicle_reference_mixin  # noqa: F401 (the mixin is defined first)
from .common import (
    BODY_TYPE_SELECTION,
    CONSUMPTION_NORM_SELECTION,
    ENERGY_SELECTION,
    EURO_NORM_SELECTION,
    GEARBOX_SELECTION,
    VEHICLE_CATEGORY_SELECTION,
    create_trigram_index,
)

_logger = logging.getLogger(__name__)

# A version stays selectable for vehicles first registered this many months after the end of its
# commercialisation (vehicles in dealer stock are registered after the catalogue moved on).
REGISTRATION_GRACE_MONTHS = 6


class SpoticarVehicleVersion(models.Model):
    _name = "spoticar.vehicle.version"
    _inherit = ["spoticar.vehicle.reference.mixin"]
    _description = "Vehicle version"
    # The normalised "make model version" text sorts like make, model, version, without joins.
    _order = "search_text, id"
    _spoticar_vehicle_field = "vehicle_version_id"

    # === FIELDS === #
    model_id = fields.Many2one(
        "spoticar.vehicle.model", string="Model", required=True, index=True, ondelete="restrict"
    )
    make_id = fields.Many2one(related="model_id.make_id", store=True, index=True, string="Make")
    name = fields.Char(
        required=True, help='Engine, gearbox and trim, e.g. "1.5 BlueHDi 130 S&S EAT8 Allure".'
    )
    manufacturer_equivalence = fields.Char(
        "Manufacturer equivalence",
        required=True,
        index=True,
        help="Code of the version in the reference (JATO-style); it identifies the version "
        "when importing.",
    )
    energy = fields.Selection(ENERGY_SELECTION, required=True)
    vehicle_category = fields.Selection(VEHICLE_CATEGORY_SELECTION, string="Category", default="VP")
    fiscal_power = fields.Integer("Fiscal power (CV)")
    din_power = fields.Integer("DIN power (hp)")
    power_kw = fields.Integer("Power (kW)")
    displacement = fields.Integer("Displacement (cm3)")
    co2_emission = fields.Integer("CO2 (g/km)")
    euro_norm = fields.Selection(EURO_NORM_SELECTION)
    gearbox = fields.Selection(GEARBOX_SELECTION)
    gear_count = fields.Integer("Number of speeds")
    body_type = fields.Selection(BODY_TYPE_SELECTION)
    doors = fields.Integer()
    seats = fields.Integer()
    four_wheel_drive = fields.Boolean("Four-wheel drive")
    ptac = fields.Integer("Gross vehicle weight (kg)")
    consumption_norm = fields.Selection(CONSUMPTION_NORM_SELECTION, string="Consumption norm")
    consumption_urban = fields.Float("Urban consumption (l/100 km)", digits=(4, 1))
    consumption_extra_urban = fields.Float("Extra-urban consumption (l/100 km)", digits=(4, 1))
    consumption_mixed = fields.Float("Mixed consumption (l/100 km)", digits=(4, 1))
    electric_range = fields.Integer("Range (km)")
    sale_start = fields.Date("On sale from")
    sale_end = fields.Date("On sale until")
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: (
            self.env.ref("base.EUR", raise_if_not_found=False) or self.env.company.currency_id
        ),
    )
    catalogue_price = fields.Monetary("Catalogue price", currency_field="currency_id")
    equipment_ids = fields.Many2many("spoticar.vehicle.equipment", string="Standard equipment")
    search_text = fields.Char(
        compute="_compute_search_text",
        store=True,
        help="Make, model, version and code in lower case without accents, for the word search.",
    )
    on_sale_at = fields.Date(
        compute="_compute_on_sale_at",
        search="_search_on_sale_at",
        help="Search only: the versions that could be registered at that date.",
    )
    active = fields.Boolean(default=True)

    _manufacturer_equivalence_uniq = models.Constraint(
        "unique(manufacturer_equivalence)",
        "A manufacturer equivalence code must be unique in the reference.",
    )
    _sale_dates_check = models.Constraint(
        "CHECK(sale_end IS NULL OR sale_start IS NULL OR sale_end >= sale_start)",
        "The end of commercialisation cannot be before its start.",
    )
    _model_sale_start_idx = models.Index("(model_id, sale_start, sale_end)")
    _search_text_order_idx = models.Index("(search_text, id)")

    # === COMPUTE === #
    @api.depends("model_id.make_id.name", "model_id.name", "name", "manufacturer_equivalence")
    def _compute_search_text(self):
        for version in self:
            version.search_text = normalize_text(
                " ".join(
                    part or ""
                    for part in (
                        version.model_id.make_id.name,
                        version.model_id.name,
                        version.name,
                        version.manufacturer_equivalence,
                    )
                )
            )

    @api.depends("model_id.make_id.name", "model_id.name", "name")
    def _compute_display_name(self):
        for version in self:
            version.display_name = self._vehicle_full_name(
                version.model_id.make_id.name, version.model_id.name, version.name
            )

    def _compute_on_sale_at(self):
        self.on_sale_at = False

    def _search_on_sale_at(self, operator, value):
        if operator != "in":
            return NotImplemented
        dates = [fields.Date.to_date(v) for v in value if v]
        if not dates:
            return Domain.TRUE
        return Domain.OR(
            (Domain("sale_start", "=", False) | Domain("sale_start", "<=", date))
            & (
                Domain("sale_end", "=", False)
                | Domain("sale_end", ">=", date - relativedelta(months=REGISTRATION_GRACE_MONTHS))
            )
            for date in dates
        )

    @api.model
    def _vehicle_full_name(self, make, model, version):
        """ "Peugeot 308 (2) BlueHDi 130"; a make the model starts with is not repeated ("DS 7")."""
        if make and model and (model == make or model.startswith(f"{make} ")):
            make = False
        return " ".join(part for part in (make, model, version) if part)

    # === SEARCH === #
    @api.model
    def _search_display_name(self, operator, value):
        """Word search: every typed word starts a word of the version (any order, accents, case)."""
        if operator in ("ilike", "like", "=ilike", "=like") and isinstance(value, str):
            words = normalize_words(value)
            if not words:
                return Domain.TRUE
            return Domain.AND(Domain("search_text", "like", f" {word}") for word in words)
        return super()._search_display_name(operator, value)

    def init(self):
        res = super().init()
        # Word search: LIKE '% word%' on the normalised text.
        create_trigram_index(self.env.cr, self._table, "search_text", _logger)
        return res

    # === CRUD === #
    def _spoticar_used_message(self):
        return self.env._("This version is used by a vehicle: archive it instead of deleting it.")

    # === BUSINESS === #
    def _prepare_vehicle_values(self):
        """Values a vehicle takes from its version (technical fields and equivalence code)."""
        self.ensure_one()
        return {
            "vehicle_make_id": self.model_id.make_id.id,
            "vehicle_model_id": self.model_id.id,
            "manufacturer_equivalence": self.manufacturer_equivalence,
            "energy": self.energy,
            "vehicle_category": self.vehicle_category or "VP",
            "fiscal_power": self.fiscal_power,
            "din_power": self.din_power,
            "power_kw": self.power_kw,
            "displacement": self.displacement,
            "co2_emission": self.co2_emission,
            "euro_norm": self.euro_norm,
            "gearbox": self.gearbox,
            "gear_count": self.gear_count,
            "body_type": self.body_type or self.model_id.body_type,
            "doors": self.doors,
            "seats": self.seats,
            "four_wheel_drive": self.four_wheel_drive,
            "ptac": self.ptac,
            "consumption_norm": self.consumption_norm,
            "consumption_urban": self.consumption_urban,
            "consumption_extra_urban": self.consumption_extra_urban,
            "consumption_mixed": self.consumption_mixed,
            "electric_range": self.electric_range,
            "catalogue_price": self.catalogue_price,
            "equipment_ids": [fields.Command.set(self.equipment_ids.ids)],
        }
