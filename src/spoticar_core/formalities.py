"""The formalities of buying and selling a used vehicle: SIV, contrôle technique, W garage.

One home for the dates and rules that the purchase and sale addons apply (sources in
``shared/reference/dealer-duties.md``, "SIV formalities"):

- a professional declares a purchase (Cerfa 13751*02) and a sale (Cerfa 15776*02) in the SIV within
  15 days (Code de la route R322-4 and R322-9; arrêté of 9 February 2009);
- a passenger car more than 4 years old is handed over with a contrôle technique report less than
  6 months old, or, when that report asked for a counter-visit, a counter-visit less than 2 months
  old (Code de la route R323-22);
- the W garage certificate (arrêté of 9 February 2009 art. 9, Cerfa 13752) is valid one calendar
  year and is renewed between 1 November and 31 December.

    >>> import datetime
    >>> siv_declaration_deadline(datetime.date(2026, 12, 20))
    datetime.date(2027, 1, 4)
    >>> inspection_problem(
    ...     first_registration=datetime.date(2018, 3, 1), delivery=datetime.date(2026, 12, 1),
    ...     inspection_date=datetime.date(2026, 7, 1), result="favourable") is None
    True
"""

import datetime

from .vocabulary import Term, keys

# -------------------------------------------------------------------------------------------------
# SIV declarations (purchase and sale)
# -------------------------------------------------------------------------------------------------

SIV_DECLARATION_DAYS = 15


def siv_declaration_deadline(event_date):
    """The last day to declare in the SIV a purchase or a sale made on ``event_date`` (a date)."""
    return event_date + datetime.timedelta(days=SIV_DECLARATION_DAYS)


# -------------------------------------------------------------------------------------------------
# Contrôle technique
# -------------------------------------------------------------------------------------------------

INSPECTION_RESULTS = (
    Term("favourable", "Favourable", "Favorable"),
    Term("counter_visit", "Counter-visit required", "Contre-visite"),
)
INSPECTION_RESULT_KEYS = keys(INSPECTION_RESULTS)

# A passenger car needs a report when it is MORE than this many years old at delivery.
INSPECTION_REQUIRED_AFTER_YEARS = 4
# The report (favourable) must be LESS than this many months old at delivery.
INSPECTION_VALIDITY_MONTHS = 6
# After a report asking for a counter-visit: the counter-visit must be LESS than this many months
# old.
COUNTER_VISIT_VALIDITY_MONTHS = 2


def add_months(day, months):
    """``day`` plus ``months`` calendar months, the day clipped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - 28 always exists


def inspection_required(first_registration, delivery, passenger_car=True):
    """True when delivering on ``delivery`` needs a contrôle technique report.

    A passenger car (VP) first registered on ``first_registration`` needs one when it is more than
    4 years old that day: on the 4th anniversary itself it does not, the day after it does. A
    vehicle of unknown first registration is treated as needing one (the dealer cannot prove
    otherwise).
    """
    if not passenger_car:
        return False
    if not first_registration:
        return True
    return delivery > add_months(first_registration, 12 * INSPECTION_REQUIRED_AFTER_YEARS)


def inspection_valid_until(inspection_date, result, counter_visit_date=None):
    """The last day a delivery may take place with this report, or None when it cannot serve.

    A favourable report serves while it is less than 6 months old: up to the day before its
    6-month anniversary. After a report asking for a counter-visit, the counter-visit (favourable,
    on ``counter_visit_date``) serves while it is less than 2 months old; without it, nothing
    serves.
    """
    if not inspection_date or result not in INSPECTION_RESULT_KEYS:
        return None
    if result == "favourable":
        return add_months(inspection_date, INSPECTION_VALIDITY_MONTHS) - datetime.timedelta(days=1)
    if not counter_visit_date or counter_visit_date < inspection_date:
        return None
    return add_months(counter_visit_date, COUNTER_VISIT_VALIDITY_MONTHS) - datetime.timedelta(
        days=1
    )


def inspection_problem(
    first_registration,
    delivery,
    inspection_date=None,
    result=None,
    counter_visit_date=None,
    passenger_car=True,
):
    """Why delivering on ``delivery`` is not allowed by the contrôle technique rule, or None.

    Returns a key: ``"missing"`` (no report, or a counter-visit report without its counter-visit),
    ``"future"`` (a report dated after the delivery), ``"expired"`` (too old at delivery).
    """
    if not inspection_required(first_registration, delivery, passenger_car):
        return None
    if not inspection_date or result not in INSPECTION_RESULT_KEYS:
        return "missing"
    last = inspection_valid_until(inspection_date, result, counter_visit_date)
    if last is None:
        return "missing"
    served = counter_visit_date if result == "counter_visit" else inspection_date
    if served > delivery:
        return "future"
    if delivery > last:
        return "expired"
    return None


# -------------------------------------------------------------------------------------------------
# W garage
# -------------------------------------------------------------------------------------------------

W_GARAGE_RENEWAL_START = (11, 1)  # 1 November
W_GARAGE_RENEWAL_END = (12, 31)  # 31 December


def w_garage_renewal_window(valid_year):
    """The first and last day to renew a W garage certificate valid for ``valid_year``."""
    return (
        datetime.date(valid_year, *W_GARAGE_RENEWAL_START),
        datetime.date(valid_year, *W_GARAGE_RENEWAL_END),
    )


def w_garage_renewal_due(today, valid_year):
    """True when, on ``today``, a W garage certificate valid for ``valid_year`` must be renewed.

    From 1 November of its year on (and after its year, once it has lapsed); never before. A
    company without a year of validity (``valid_year`` falsy) has nothing to renew.
    """
    if not valid_year:
        return False
    return today >= w_garage_renewal_window(valid_year)[0]
