"""Entry limits shared by the addons (spoticar_core.limits)."""

import datetime
from decimal import Decimal

import pytest

from spoticar_core import limits
from spoticar_core.declaration import example_declaration, validate_declaration


@pytest.mark.parametrize(
    "value",
    [-5, -1, 2_000_001, 2**31, 10**24, 1e308, float("inf"), float("nan"), True, "12", None],
)
def test_mileage_refuses_absurd_values(value):
    assert not limits.MILEAGE.contains(value)


@pytest.mark.parametrize("value", [0, 1, 190_000, 2_000_000, 190_000.0, Decimal("5")])
def test_mileage_accepts_real_values(value):
    assert limits.MILEAGE.contains(value)


def test_integer_range_refuses_fractions():
    assert not limits.FISCAL_POWER.contains(6.5)
    assert limits.FISCAL_POWER.contains(6)
    assert not limits.FISCAL_POWER.contains(0)
    assert not limits.FISCAL_POWER.contains(-3)
    assert not limits.FISCAL_POWER.contains(10**6)


def test_amounts_to_the_cent_without_overflow():
    assert limits.AMOUNT.contains(10290.76)
    assert limits.AMOUNT.contains(Decimal("99999999.99"))
    assert not limits.AMOUNT.contains(-100)
    assert not limits.AMOUNT.contains(1e308)
    assert not limits.AMOUNT.contains(Decimal("NaN"))
    assert not limits.AMOUNT.contains(Decimal("-Infinity"))


def test_every_range_fits_an_integer_column():
    ranges = [v for v in vars(limits).values() if isinstance(v, limits.Range) and v.integer]
    assert ranges
    for bounds in ranges:
        assert limits.INTEGER_MIN <= bounds.minimum <= bounds.maximum <= limits.INTEGER_MAX


def test_first_registration_and_birth_dates():
    today = datetime.date(2026, 11, 29)
    earliest, latest = limits.first_registration_range(today)
    assert earliest <= datetime.date(1900, 1, 1) < datetime.date(1901, 1, 1)
    assert latest == today
    assert not earliest <= datetime.date(1, 1, 1) <= latest
    assert not earliest <= datetime.date(2026, 11, 30) <= latest
    born_min, born_max = limits.birth_date_range(today)
    assert born_min <= datetime.date(1960, 5, 17) <= born_max
    assert not born_min <= datetime.date(2090, 1, 1) <= born_max
    assert not born_min <= datetime.date(1850, 1, 1) <= born_max
    leap = limits.birth_date_range(datetime.date(2032, 2, 29))[0]
    assert leap == datetime.date(1902, 2, 28)


def test_model_year_range():
    years = limits.year_range(datetime.date(2026, 11, 29))
    assert years.contains(2027) and years.contains(1900)
    assert not years.contains(2028) and not years.contains(1)


@pytest.mark.parametrize(
    "path", ["customer.last_name", "customer.birth_place", "vehicle.registration_type"]
)
def test_text_limit_is_the_one_the_centralisateur_checks(path):
    """A text of the maximum length passes the declaration's validation, one more character not."""
    size = limits.declaration_max_length(path)
    assert size
    block, _, name = path.partition(".")
    payload = example_declaration()
    payload[block][name] = "A" * size
    assert not [e for e in validate_declaration(payload) if e["field"] == path]
    payload[block][name] = "A" * (size + 1)
    assert [e for e in validate_declaration(payload) if e["field"] == path]


def test_text_limit_of_an_unknown_field_fails_loudly():
    with pytest.raises(KeyError):
        limits.declaration_max_length("customer.nickname")
    assert limits.declaration_max_length("customer.birth_date") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("DA-2026-000123", None),
        ("  DA-2026-000123  ", None),
        ("A" * 40, None),
        (" " + "A" * 40 + " ", None),
        ("A" * 41, "too_long"),
        ("", "empty"),
        ("   ", "empty"),
        (None, "empty"),
        (False, "empty"),
        (12, "empty"),
    ],
)
def test_siv_receipt_text_bounds(value, expected):
    """40 characters pass, 41 do not; blank and non-text are refused as empty."""
    assert limits.text_problem(value, limits.SIV_RECEIPT_MAX_LENGTH) == expected


def test_w_garage_year_range():
    today = datetime.date(2026, 11, 29)
    years = limits.w_garage_year_range(today)
    assert years.contains(2009) and years.contains(2027)
    assert not years.contains(2008)
    assert not years.contains(2028)


def test_past_date_range_ends_today():
    today = datetime.date(2026, 11, 29)
    earliest, latest = limits.past_date_range(today)
    assert latest == today
    assert earliest == limits.DATE_MIN
