"""Costs and margins (spoticar_core.margin) and the stock life (spoticar_core.stock)."""

import datetime
from decimal import Decimal

import pytest

from spoticar_core import margin, stock, vocabulary


def test_worked_example_by_hand():
    # Purchase 10,000, costs 850, sale 12,990 incl. VAT under the margin scheme at 20 %:
    # margin incl. VAT 2,990; VAT = 2,990 / 1.2 x 0.2 = 498.333 -> 498.33;
    # sale excl. VAT = 12,990 - 498.33 = 12,491.67; gross = 12,491.67 - 10,000 = 2,491.67;
    # net = 2,491.67 - 850 = 1,641.67; cost price = 10,850.
    result = margin.margin_scheme_margins("12990", "10000", "850", 20)
    assert result.sale_excl_vat == Decimal("12491.67")
    assert result.gross_margin == Decimal("2491.67")
    assert result.net_margin == Decimal("1641.67")
    assert result.cost_price == Decimal("10850.00")
    assert margin.margin_scheme_vat("12990", "10000", 20) == Decimal("498.33")


def test_costs_never_change_the_margin_vat():
    without = margin.margin_scheme_margins("12990", "10000", 0, 20)
    with_costs = margin.margin_scheme_margins("12990", "10000", "4000", 20)
    assert without.sale_excl_vat == with_costs.sale_excl_vat
    assert without.gross_margin == with_costs.gross_margin
    assert with_costs.net_margin == Decimal("-1508.33")  # 2,491.67 - 4,000: a loss


def test_no_margin_vat_on_a_loss():
    assert margin.margin_scheme_vat("9000", "10000", 20) == Decimal("0.00")
    result = margin.margin_scheme_margins("9000", "10000", "100", 20)
    assert result.gross_margin == Decimal("-1000.00")
    assert result.net_margin == Decimal("-1100.00")


def test_amounts_to_the_cent_half_up():
    assert margin.to_cents(0.1) + margin.to_cents(0.2) == Decimal("0.30")
    assert margin.to_cents("2.675") == Decimal("2.68")
    # 100.10 x 20 / 120 = 16.6833 -> 16.68
    assert margin.margin_scheme_vat("10100.10", "10000", 20) == Decimal("16.68")


def test_normal_vat_margins():
    result = margin.margins("10000", "8000.50", "250.25")
    assert (result.gross_margin, result.net_margin, result.cost_price) == (
        Decimal("1999.50"),
        Decimal("1749.25"),
        Decimal("8250.75"),
    )


def test_cost_categories_are_the_issue_list():
    assert margin.COST_CATEGORY_KEYS == (
        "repairs",
        "bodywork",
        "tyres",
        "cleaning",
        "technical_inspection",
        "transport",
        "advertising",
        "warranty",
        "other",
    )
    assert margin.DEFAULT_COST_CATEGORY in margin.COST_CATEGORY_KEYS


@pytest.mark.parametrize(
    ("days", "bucket"),
    [
        (-3, "0_30"),
        (0, "0_30"),
        (30, "0_30"),
        (31, "31_60"),
        (60, "31_60"),
        (61, "61_90"),
        (90, "61_90"),
        (91, "over_90"),
        (4000, "over_90"),
    ],
)
def test_ageing_buckets_at_their_limits(days, bucket):
    assert stock.ageing_bucket(days) == bucket


def test_ageing_sql_agrees_with_python():
    sql = stock.ageing_bucket_sql("d")
    assert sql == (
        "CASE WHEN d <= 30 THEN '0_30' WHEN d <= 60 THEN '31_60' WHEN d <= 90 THEN '61_90' "
        "ELSE 'over_90' END"
    )


def test_days_in_stock():
    entry = datetime.date(2026, 1, 10)
    assert stock.days_in_stock(entry, datetime.date(2026, 3, 1)) == 50
    assert stock.days_in_stock(entry, datetime.datetime(2026, 1, 10, 18, 0)) == 0
    assert stock.days_in_stock(None, datetime.date(2026, 3, 1)) is None


def test_recon_states():
    assert stock.RECON_STATE_KEYS == ("to_prepare", "in_preparation", "ready")
    assert vocabulary.selection(stock.RECON_STATES)[-1] == ("ready", "Ready for sale")
    assert stock.RECON_NEW == "to_prepare" and stock.RECON_READY == "ready"
