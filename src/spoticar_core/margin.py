"""Costs and margins of a used vehicle, as dealers count them (dealer-duties.md, "Money").

- cost price = purchase price excl. VAT + the costs (reconditioning, transport...);
- gross margin = sale price excl. VAT - purchase price excl. VAT;
- net margin = gross margin - costs.

Under the margin scheme (CGI art. 297 A) the VAT is due on the margin between the sale price
incl. VAT and the purchase price: ``(sale - purchase) x rate / (100 + rate)``, never negative.
The costs never enter that base: they lower the net margin, not the VAT. Amounts are
:class:`~decimal.Decimal` rounded to the cent (half up).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .vocabulary import Term, keys

CENT = Decimal("0.01")

COST_CATEGORIES = (
    Term("repairs", "Mechanical repairs", "réparations mécaniques"),
    Term("bodywork", "Bodywork", "carrosserie"),
    Term("tyres", "Tyres", "pneumatiques"),
    Term("cleaning", "Cleaning", "nettoyage"),
    Term("technical_inspection", "Technical inspection", "contrôle technique"),
    Term("transport", "Transport", "transport"),
    Term("advertising", "Advertising", "publicité"),
    Term("warranty", "Warranty cost", "coût de garantie"),
    Term("other", "Other", "autre"),
)
COST_CATEGORY_KEYS = keys(COST_CATEGORIES)
DEFAULT_COST_CATEGORY = "other"


def to_cents(value):
    """``value`` (number or text) as a Decimal rounded to the cent, half up."""
    if isinstance(value, float):
        value = repr(value)  # the shortest text of the float: 0.1 stays 0.1
    return Decimal(value or 0).quantize(CENT, rounding=ROUND_HALF_UP)


def margin_scheme_vat(sale_incl_vat, purchase, rate):
    """VAT due on the margin (margin scheme): the margin incl. VAT x rate / (100 + rate)."""
    margin = to_cents(sale_incl_vat) - to_cents(purchase)
    if margin <= 0:
        return Decimal("0.00")
    rate = Decimal(str(rate))
    return to_cents(margin * rate / (Decimal(100) + rate))


@dataclass(frozen=True)
class Margins:
    sale_excl_vat: Decimal
    purchase: Decimal
    costs: Decimal
    cost_price: Decimal
    gross_margin: Decimal
    net_margin: Decimal


def margins(sale_excl_vat, purchase, costs=0):
    """Cost price, gross and net margins of a vehicle sold ``sale_excl_vat``."""
    sale, purchase, costs = to_cents(sale_excl_vat), to_cents(purchase), to_cents(costs)
    gross = sale - purchase
    return Margins(sale, purchase, costs, purchase + costs, gross, gross - costs)


def margin_scheme_margins(sale_incl_vat, purchase, costs, rate):
    """Margins of a vehicle sold under the margin scheme: the sale price excl. VAT is the price
    incl. VAT less the VAT on the margin (the costs play no part in that VAT)."""
    vat = margin_scheme_vat(sale_incl_vat, purchase, rate)
    return margins(to_cents(sale_incl_vat) - vat, purchase, costs)
