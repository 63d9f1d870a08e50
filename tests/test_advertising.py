"""CO2 class and mobility message of advertisements (spoticar_core.advertising).

Sources: arrêté du 28 décembre 2021 (classes A-G by g/km) and décret 2021-1841 (the three messages
and the hashtag), see ../shared/reference/dealer-duties.md "Advertising and showroom label".
"""

import pytest

from spoticar_core import advertising
from spoticar_core.advertising import (
    applies_to,
    co2_class,
    mobility_message,
    vehicle_co2_class,
)


@pytest.mark.parametrize(
    ("g_km", "expected"),
    [
        (0, "A"),
        (99, "A"),
        (100, "A"),
        (100.4, "B"),  # above 100 g/km is B, even by a fraction
        (101, "B"),
        (120, "B"),
        (121, "C"),
        (140, "C"),
        (141, "D"),
        (160, "D"),
        (161, "E"),
        (200, "E"),
        (201, "F"),
        (250, "F"),
        (251, "G"),
        (400, "G"),
    ],
)
def test_co2_class_at_the_limits(g_km, expected):
    assert co2_class(g_km) == expected


@pytest.mark.parametrize("g_km", [None, -1, float("nan"), True])
def test_co2_class_unknown(g_km):
    assert co2_class(g_km) is None


def test_vehicle_co2_class_empty_figure_is_unknown_except_zero_emission():
    assert vehicle_co2_class(0, "diesel") is None
    assert vehicle_co2_class(None, "petrol") is None
    assert vehicle_co2_class(0, "electric") == "A"
    assert vehicle_co2_class(None, "hydrogen") == "A"
    assert vehicle_co2_class(128, "petrol", "VP") == "C"


def test_co2_class_only_for_passenger_cars():
    assert applies_to("VP") and applies_to("M1") and applies_to(None)
    assert not applies_to("VU")
    assert vehicle_co2_class(128, "diesel", "VU") is None


def test_scale_has_seven_classes_with_a_colour_each():
    assert advertising.CO2_CLASS_KEYS == ("A", "B", "C", "D", "E", "F", "G")
    assert set(advertising.CO2_CLASS_COLORS) == set(advertising.CO2_CLASS_KEYS)
    assert advertising.CO2_CLASSES[2].label_fr == "Classe C"


def test_mobility_messages_are_the_official_ones():
    assert [term.label_fr for term in advertising.MOBILITY_MESSAGES] == [
        "Pour les trajets courts, privilégiez la marche ou le vélo",
        "Pensez à covoiturer",
        "Au quotidien, prenez les transports en commun",
    ]
    assert mobility_message("carpool") == "Pensez à covoiturer #SeDéplacerMoinsPolluer"
    assert mobility_message("carpool", with_hashtag=False) == "Pensez à covoiturer"
    # An unknown or empty choice falls back to the first message, never to no message.
    assert mobility_message(None).startswith("Pour les trajets courts")
