"""The life of a vehicle in the dealer's stock: the reconditioning stages and the ageing buckets.

A vehicle entering the stock is *to prepare*; the workshop takes it *in preparation*; once
*ready for sale*, it is what the stock list and the publishing feed treat as available. The
ageing buckets are the dealers' usual ones (days since the vehicle entered the stock).
"""

import datetime
from dataclasses import dataclass

from .vocabulary import Term, keys

RECON_STATES = (
    Term("to_prepare", "To prepare", "à préparer"),
    Term("in_preparation", "In preparation", "en préparation"),
    Term("ready", "Ready for sale", "prêt à la vente"),
)
RECON_STATE_KEYS = keys(RECON_STATES)
# The stage of a new vehicle entering the stock, and of the vehicles that were in stock before
# the stages existed (they were being sold: ready).
RECON_NEW = "to_prepare"
RECON_READY = "ready"
# Vehicle states (spoticar_stock) of a vehicle that is in the dealer's stock and not yet sold.
IN_STOCK_STATES = ("stock",)
ON_HAND_STATES = ("stock", "reserved")


@dataclass(frozen=True)
class AgeingBucket:
    key: str
    label: str
    first_day: int
    last_day: int | None  # None: no upper bound


AGEING_BUCKETS = (
    AgeingBucket("0_30", "0-30 days", 0, 30),
    AgeingBucket("31_60", "31-60 days", 31, 60),
    AgeingBucket("61_90", "61-90 days", 61, 90),
    AgeingBucket("over_90", "Over 90 days", 91, None),
)
# Days in stock from which a manager is alerted, unless the company sets another figure.
DEFAULT_AGEING_ALERT_DAYS = 90
AGEING_ALERT_DAYS_MAX = 3650


def ageing_selection():
    """Odoo selection ``[(key, label)]`` of the ageing buckets."""
    return [(bucket.key, bucket.label) for bucket in AGEING_BUCKETS]


def ageing_bucket(days):
    """The bucket of a vehicle ``days`` in stock (a negative figure, entry dated in the future,
    counts as 0)."""
    days = max(int(days), 0)
    for bucket in AGEING_BUCKETS:
        if bucket.last_day is None or days <= bucket.last_day:
            return bucket.key
    raise AssertionError("the last bucket has no upper bound")  # pragma: no cover


def ageing_bucket_sql(days_expression):
    """SQL CASE giving the bucket key of ``days_expression`` (an integer SQL expression written
    by the caller, never user input), for the reporting views."""
    whens = " ".join(
        f"WHEN {days_expression} <= {bucket.last_day} THEN '{bucket.key}'"
        for bucket in AGEING_BUCKETS
        if bucket.last_day is not None
    )
    return f"CASE {whens} ELSE '{AGEING_BUCKETS[-1].key}' END"


def days_in_stock(entry_date, end_date):
    """Days from the entry in stock to the sale (``end_date``), or to today; None without entry."""
    if not entry_date:
        return None
    if isinstance(entry_date, datetime.datetime):
        entry_date = entry_date.date()
    if isinstance(end_date, datetime.datetime):
        end_date = end_date.date()
    return max((end_date - entry_date).days, 0)
