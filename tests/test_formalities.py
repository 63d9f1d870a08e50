"""The formalities rules: SIV deadline, contrôle technique at delivery, W garage renewal."""

import datetime as dt

import pytest

from spoticar_core import formalities as f


def test_siv_deadline_is_15_days_after():
    assert f.siv_declaration_deadline(dt.date(2026, 2, 20)) == dt.date(2026, 3, 7)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2026, 8, 31), 6, dt.date(2027, 2, 28)),
        (dt.date(2020, 2, 29), 48, dt.date(2024, 2, 29)),
        (dt.date(2020, 2, 29), 12, dt.date(2021, 2, 28)),
        (dt.date(2026, 11, 15), 2, dt.date(2027, 1, 15)),
    ],
)
def test_add_months(day, months, expected):
    assert f.add_months(day, months) == expected


def test_required_only_more_than_four_years():
    first = dt.date(2022, 6, 15)
    assert not f.inspection_required(first, dt.date(2026, 6, 15))  # exactly 4 years
    assert f.inspection_required(first, dt.date(2026, 6, 16))
    assert not f.inspection_required(first, dt.date(2030, 1, 1), passenger_car=False)
    assert f.inspection_required(None, dt.date(2026, 6, 16))


def test_favourable_report_less_than_six_months():
    first, report = dt.date(2015, 1, 1), dt.date(2026, 5, 10)
    assert f.inspection_problem(first, dt.date(2026, 11, 9), report, "favourable") is None
    assert (
        f.inspection_problem(first, dt.date(2026, 11, 10), report, "favourable") == "expired"
    )  # exactly 6 months
    assert f.inspection_problem(first, dt.date(2026, 5, 9), report, "favourable") == "future"
    assert f.inspection_problem(first, dt.date(2026, 6, 1)) == "missing"


def test_counter_visit_less_than_two_months():
    first, report, counter = dt.date(2015, 1, 1), dt.date(2026, 9, 1), dt.date(2026, 9, 20)
    assert f.inspection_problem(first, dt.date(2026, 10, 1), report, "counter_visit") == "missing"
    assert (
        f.inspection_problem(first, dt.date(2026, 11, 19), report, "counter_visit", counter) is None
    )
    assert (
        f.inspection_problem(first, dt.date(2026, 11, 20), report, "counter_visit", counter)
        == "expired"
    )
    assert (
        f.inspection_problem(first, dt.date(2026, 9, 10), report, "counter_visit", counter)
        == "future"
    )
    assert (
        f.inspection_valid_until(report, "counter_visit", dt.date(2026, 8, 1)) is None
    )  # before the report


def test_young_car_needs_nothing():
    assert f.inspection_problem(dt.date(2024, 1, 1), dt.date(2026, 12, 1)) is None


def test_w_garage_renewal():
    assert not f.w_garage_renewal_due(dt.date(2026, 10, 31), 2026)
    assert f.w_garage_renewal_due(dt.date(2026, 11, 1), 2026)
    assert f.w_garage_renewal_due(dt.date(2027, 1, 5), 2026)
    assert not f.w_garage_renewal_due(dt.date(2026, 11, 1), 2027)
    assert not f.w_garage_renewal_due(dt.date(2026, 11, 1), None)
    assert f.w_garage_renewal_window(2026) == (dt.date(2026, 11, 1), dt.date(2026, 12, 31))
