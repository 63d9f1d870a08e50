# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Selections shared by the vehicle reference and the vehicles, and the checks of typed values."""

import math

from spoticar_core import formalities, limits, vocabulary

# The Spoticar managers' group (XML id), for groups= and has_group() in every addon.
MANAGER_GROUP = "spoticar_stock.group_spoticar_manager"

# Energies and categories are the suite's vocabulary (spoticar_core.vocabulary): never copied here.
ENERGY_SELECTION = vocabulary.selection(vocabulary.ENERGIES)
GEARBOX_SELECTION = [("manual", "Manual"), ("automatic", "Automatic")]
VEHICLE_CATEGORY_SELECTION = vocabulary.selection(vocabulary.VEHICLE_CATEGORIES)
# Certified-used-car programmes, and "no label".
VEHICLE_LABEL_SELECTION = vocabulary.selection(vocabulary.LABELS) + vocabulary.selection(
    [vocabulary.NO_LABEL]
)
# Result of a contrôle technique: the rule's vocabulary (spoticar_core.formalities).
INSPECTION_RESULT_SELECTION = vocabulary.selection(formalities.INSPECTION_RESULTS)
BODY_TYPE_SELECTION = [
    ("hatchback", "Hatchback"),
    ("sedan", "Sedan"),
    ("estate", "Estate"),
    ("suv", "SUV"),
    ("mpv", "MPV"),
    ("coupe", "Coupe"),
    ("convertible", "Convertible"),
    ("van", "Van"),
    ("pickup", "Pick-up"),
]
EURO_NORM_SELECTION = [
    ("euro1", "Euro 1"),
    ("euro2", "Euro 2"),
    ("euro3", "Euro 3"),
    ("euro4", "Euro 4"),
    ("euro5", "Euro 5"),
    ("euro6", "Euro 6"),
]
CONSUMPTION_NORM_SELECTION = [("nedc", "NEDC"), ("wltp", "WLTP")]

# Limits of the typed values of a vehicle (spoticar_core.limits), checked at entry.
VEHICLE_NUMBER_LIMITS = {
    "mileage": limits.MILEAGE,
    "fiscal_power": limits.FISCAL_POWER,
    "din_power": limits.DIN_POWER,
    "power_kw": limits.POWER_KW,
    "displacement": limits.DISPLACEMENT,
    "co2_emission": limits.CO2_EMISSION,
    "ptac": limits.PTAC,
    "gear_count": limits.GEAR_COUNT,
    "doors": limits.DOORS,
    "seats": limits.SEATS,
    "electric_range": limits.ELECTRIC_RANGE,
    "keys_count": limits.KEYS_COUNT,
    "consumption_urban": limits.CONSUMPTION,
    "consumption_extra_urban": limits.CONSUMPTION,
    "consumption_mixed": limits.CONSUMPTION,
    "mfr_warranty_end_km": limits.MANUFACTURER_WARRANTY_KM,
    "list_price": limits.AMOUNT,
    "purchase_price": limits.AMOUNT,
    "catalogue_price": limits.AMOUNT,
    "options_price": limits.AMOUNT,
    "co2_malus_amount": limits.AMOUNT,
    "mass_malus_amount": limits.AMOUNT,
}
VEHICLE_DATE_LIMITS = {
    "first_registration_date": limits.first_registration_range,
    "mfr_warranty_end_date": lambda today: (limits.DATE_MIN, limits.DATE_MAX),
    "stock_entry_date": lambda today: (limits.DATE_MIN, limits.DATE_MAX),
    # A contrôle technique is entered once it took place: never in the future.
    "inspection_date": limits.past_date_range,
    "inspection_counter_visit_date": limits.past_date_range,
}
# Texts sent with the warranty declaration: the protocol's length.
VEHICLE_TEXT_LIMITS = {"registration_type": "vehicle.registration_type"}
# The vehicle reference: names sent with the declaration (make, model, version).
REFERENCE_TEXT_LIMITS = {
    "spoticar.vehicle.make": "vehicle.make",
    "spoticar.vehicle.model": "vehicle.model",
    "spoticar.vehicle.version": "vehicle.version",
}


def create_trigram_index(cr, table, column, logger):
    """GIN trigram index on ``table.column`` for LIKE/ILIKE '%...%' searches, when pg_trgm is there.

    Odoo creates the pg_trgm extension with the database; without it (and without the right to
    create it) the search still works, unindexed.
    """
    from odoo.tools import SQL  # noqa: PLC0415

    cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
    if not cr.fetchone():
        try:
            with cr.savepoint():
                cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception:  # noqa: BLE001 - no right to create it: plain scans instead
            logger.info(
                "pg_trgm not available: %s.%s is not indexed for word search", table, column
            )
            return
    cr.execute(
        SQL(
            "CREATE INDEX IF NOT EXISTS %s ON %s USING gin (%s gin_trgm_ops)",
            SQL.identifier(f"{table}_{column}_trgm_idx"),
            SQL.identifier(table),
            SQL.identifier(column),
        )
    )


# A float of a model (weight, cost...) beyond this is a typing error, and rounding it to the cent
# would overflow (1e308).
FLOAT_MAX = 1e15


def check_entry_vals(model, vals, numbers=None, dates=None, texts=None):
    """Refuse typing errors in ``vals`` before they reach SQL, naming the field (ValidationError).

    Every integer of ``vals`` must fit a PostgreSQL integer and every float be finite and below
    :data:`FLOAT_MAX`, whatever the model. ``numbers`` maps field names to a
    ``spoticar_core.limits.Range`` (0 stands for "not filled" when the range starts above 0),
    ``dates`` to a function ``today -> (earliest, latest)``, ``texts`` to the declaration path
    whose length limit applies (``"customer.last_name"``). All limits come from
    ``spoticar_core.limits``; none is written here.
    """
    _check_column_values(model, vals)
    for fname, bounds in (numbers or {}).items():
        value = vals.get(fname)
        if isinstance(value, str):  # numeric text, already checked to be a number above
            value = float(value)
        if value is None or value is False or (value == 0 and not bounds.contains(0)):
            continue
        if not bounds.contains(value):
            _refuse(model, fname, value, bounds.minimum, bounds.maximum)
    if dates:
        _check_dates(model, vals, dates)
    for fname, path in (texts or {}).items():
        value = vals.get(fname)
        maximum = limits.declaration_max_length(path)
        if isinstance(value, str) and maximum and len(value.strip()) > maximum:
            from odoo.exceptions import ValidationError  # noqa: PLC0415

            raise ValidationError(
                model.env._(
                    "%(field)s: %(length)s characters, at most %(maximum)s are accepted "
                    "(limit of the Centralisateur declaration).",
                    field=_label(model, fname),
                    length=len(value.strip()),
                    maximum=maximum,
                )
            )


def check_reference_vals(model, vals):
    """The reference (make, model, version): figures and names within the vehicle's limits."""
    check_entry_vals(
        model,
        vals,
        numbers={k: v for k, v in VEHICLE_NUMBER_LIMITS.items() if k in model._fields},
        texts={"name": REFERENCE_TEXT_LIMITS[model._name]},
    )


def _label(model, fname):
    return model._fields[fname]._description_string(model.env)


def _refuse(model, fname, value, minimum, maximum):
    from odoo.exceptions import ValidationError  # noqa: PLC0415

    raise ValidationError(
        model.env._(
            "%(field)s: %(value)s is not accepted (expected from %(minimum)s to %(maximum)s).",
            field=_label(model, fname),
            value=value,
            minimum=minimum,
            maximum=maximum,
        )
    )


def _check_column_values(model, vals):
    """Integers that fit the column, finite floats that can be rounded: for every model."""
    for fname, value in vals.items():
        field = model._fields.get(fname)
        if field is None or value is None or value is False:
            continue
        if field.type == "integer":
            low, high = limits.INTEGER_MIN, limits.INTEGER_MAX
        elif field.type in ("float", "monetary"):
            low, high = -FLOAT_MAX, FLOAT_MAX
        else:
            continue
        number = value
        if isinstance(value, str):  # Odoo converts numeric text ("12.5") itself
            try:
                number = float(value)
            except ValueError:
                number = None
        if (
            isinstance(number, bool)
            or not isinstance(number, (int, float))
            or (isinstance(number, float) and not math.isfinite(number))
            or not low <= number <= high
        ):
            _refuse(model, fname, value, low, high)


def _check_dates(model, vals, dates):
    from odoo import fields  # noqa: PLC0415
    from odoo.exceptions import ValidationError  # noqa: PLC0415
    from odoo.tools.misc import format_date  # noqa: PLC0415

    today = fields.Date.context_today(model)
    for fname, date_range in dates.items():
        value = vals.get(fname)
        if not value:
            continue
        earliest, latest = date_range(today)
        try:
            day = fields.Date.to_date(value)
        except (TypeError, ValueError):
            day = None
        if day is None or not earliest <= day <= latest:
            raise ValidationError(
                model.env._(
                    "%(field)s: %(value)s is not accepted (expected from %(earliest)s to "
                    "%(latest)s).",
                    field=_label(model, fname),
                    value=format_date(model.env, day) if day else value,
                    earliest=format_date(model.env, earliest),
                    latest=format_date(model.env, latest),
                )
            )
