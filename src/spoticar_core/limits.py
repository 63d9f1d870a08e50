"""Limits of the values typed into the suite: one home for the addons and the command line.

A value outside these limits is a typing error (a mileage of -5 km, 10^6 fiscal horsepower, a
first registration in year 1, a birth date in 2090): the addons refuse it at entry, with a message
naming the field, instead of storing it, crashing on it (an integer column holds at most 2^31 - 1,
a float of 1e308 overflows when rounded to the cent) or sending it to the Centralisateur, which
refuses it with a 422. Text lengths are the protocol's, read from :mod:`spoticar_core.declaration`.

    >>> MILEAGE.contains(190000)
    True
    >>> FISCAL_POWER.contains(10**6)
    False
    >>> declaration_max_length("customer.last_name")
    64
"""

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Integers stored in a PostgreSQL ``integer`` column.
INTEGER_MIN = -(2**31)
INTEGER_MAX = 2**31 - 1
# No vehicle of the French registration system, and no living customer, is dated before this year.
FIRST_YEAR = 1900
# Age of the oldest living person, rounded up: a birth date further back is a typing error.
HUMAN_AGE_MAX = 130
# Any other date of a sheet (end of the manufacturer warranty...).
DATE_MIN = datetime.date(FIRST_YEAR, 1, 1)
DATE_MAX = datetime.date(2100, 12, 31)


@dataclass(frozen=True)
class Range:
    """Inclusive bounds of a number; ``contains`` refuses booleans, NaN, infinities and text."""

    minimum: int | Decimal
    maximum: int | Decimal
    integer: bool = True

    def contains(self, value):
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
            return False
        if isinstance(value, float) and not math.isfinite(value):
            return False
        if isinstance(value, Decimal) and not value.is_finite():
            return False
        if self.integer and value != int(value):
            return False
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return False
        return Decimal(self.minimum) <= number <= Decimal(self.maximum)


# Vehicle sheet. Zero means "not filled" for the optional figures (Odoo's empty integer).
MILEAGE = Range(0, 2_000_000)  # km; odometers stop at 999 999, a few go round once more
FISCAL_POWER = Range(1, 500)  # CV (P.6): the most powerful road cars stay under 300 CV
DIN_POWER = Range(0, 5_000)  # hp
POWER_KW = Range(0, 4_000)  # kW (P.2)
DISPLACEMENT = Range(0, 20_000)  # cm3 (P.1)
CO2_EMISSION = Range(0, 2_000)  # g/km (V.7)
PTAC = Range(0, 60_000)  # kg (F.2): a road train is at most 44 t
GEAR_COUNT = Range(0, 20)
DOORS = Range(0, 9)
SEATS = Range(0, 99)  # S.1, buses included
ELECTRIC_RANGE = Range(0, 5_000)  # km
KEYS_COUNT = Range(0, 20)
CONSUMPTION = Range(0, 100, integer=False)  # l/100 km
MANUFACTURER_WARRANTY_KM = Range(0, 999_999)  # km; 999 999 when the manufacturer sets no limit
# Commercial warranty, in months.
WARRANTY_MONTHS = Range(0, 120)
# Money (euros, to the cent): prices, costs, maluses, deposits. A used-vehicle dealer never
# handles a hundred million euros on one vehicle; above, it is a typing error.
AMOUNT = Range(Decimal(0), Decimal("100000000.00"), integer=False)


# Numbers typed from an administrative document. Their formats are not published, so they are
# only bounded: a longer text is a paste error, not a number.
# The receipt number (accusé d'enregistrement) the SIV gives a purchase or sale declaration.
SIV_RECEIPT_MAX_LENGTH = 40
# The number of a W garage certificate (Cerfa 13752, "W garage" plate: W-123-AB style).
W_GARAGE_NUMBER_MAX_LENGTH = 20
# The year of validity of a W garage certificate: the arrêté of 9 February 2009 created it.
W_GARAGE_FIRST_YEAR = 2009


def text_problem(value, max_length):
    """Why ``value`` cannot be stored as a typed number: ``"empty"``, ``"too_long"``, or None.

    Blank (None, "", only spaces, or not a text) is ``"empty"``; the length is counted on the
    text stripped of its outer spaces, which is what the addons store.

        >>> text_problem("  DA-2026-000123 ", SIV_RECEIPT_MAX_LENGTH) is None
        True
        >>> text_problem("   ", SIV_RECEIPT_MAX_LENGTH)
        'empty'
    """
    if not isinstance(value, str) or not value.strip():
        return "empty"
    if len(value.strip()) > max_length:
        return "too_long"
    return None


def w_garage_year_range(today):
    """Years a W garage certificate may be valid for: from 2009 to next year (renewed ahead)."""
    return Range(W_GARAGE_FIRST_YEAR, today.year + 1)


def year_range(today, ahead=1):
    """Years a vehicle's model year may take: from :data:`FIRST_YEAR` to next year."""
    return Range(FIRST_YEAR, today.year + ahead)


def first_registration_range(today):
    """(earliest, latest) first registration date: 1 January :data:`FIRST_YEAR` to ``today``."""
    return DATE_MIN, today


def past_date_range(today):
    """(earliest, latest) date of an event that already took place (a contrôle technique)."""
    return DATE_MIN, today


def birth_date_range(today):
    """(earliest, latest) birth date of a customer: :data:`HUMAN_AGE_MAX` years back to today."""
    earliest = max(DATE_MIN, _years_before(today, HUMAN_AGE_MAX))
    return earliest, today


def _years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def declaration_max_length(path):
    """Maximum length of the text sent as ``path`` (``"customer.last_name"``) in a declaration.

    None when the protocol sets no limit. Raises KeyError for a path the protocol does not know:
    a map of Odoo fields to declaration fields that drifts from the schema fails loudly.
    """
    from .declaration import BLOCKS  # noqa: PLC0415 - the declaration takes its bounds from here

    block_name, _, field_name = path.partition(".")
    field = BLOCKS[block_name].field(field_name)
    if field is None:
        raise KeyError(path)
    return field.max_length
