"""Crit'Air class (spoticar_core.critair).

Source: arrêté du 21 juin 2016 (NOR DEVR1612572A), annexe I, columns "Voitures" and "Véhicules
utilitaires légers" (https://www.legifrance.gouv.fr/affichTexte.do?cidTexte=JORFTEXT000032749723).
"""

import datetime

import pytest

from spoticar_core.critair import CRITAIR_LABELS, critair_class, critair_label, parse_euro_norm
from spoticar_core.exceptions import SpoticarValidationError


@pytest.mark.parametrize(
    ("category", "energy", "norm", "expected"),
    [
        ("VP", "electric", None, "0"),
        ("VU", "hydrogen", None, "0"),
        ("VP", "EL", "Euro 6", "0"),
        ("VP", "lpg", "Euro 2", "1"),  # gas: class 1 whatever the norm
        ("VU", "cng", None, "1"),
        ("VP", "plugin_hybrid", "Euro 4", "1"),
        ("VP", "petrol", "Euro 6d-TEMP", "1"),
        ("VP", "petrol", "EURO5", "1"),
        ("VP", "petrol", "Euro 4", "2"),
        ("VP", "petrol", "Euro 3", "3"),
        ("VP", "petrol", "Euro 2", "3"),
        ("VP", "petrol", "Euro 1", "nc"),
        ("VP", "hybrid", "Euro 6", "1"),  # non plug-in hybrid: classed by its main fuel
        ("VP", "diesel_hybrid", "Euro 6", "2"),
        ("VP", "e85", "Euro 5", "1"),
        ("VP", "diesel", "Euro 6", "2"),
        ("VP", "diesel", "5", "2"),
        ("VP", "diesel", "Euro 4", "3"),
        ("VP", "diesel", "Euro IV", "3"),
        ("VU", "diesel", "Euro 3", "4"),
        ("VP", "diesel", 2, "5"),
        ("VP", "diesel", "Euro 1", "nc"),
        ("VP", "diesel", "0", "nc"),
        ("CTTE", "GO", "Euro 5", "2"),
    ],
)
def test_class_by_euro_norm(category, energy, norm, expected):
    assert critair_class(category, energy, euro_norm=norm) == expected


@pytest.mark.parametrize(
    ("category", "energy", "first", "expected"),
    [
        ("VP", "petrol", "2011-01-01", "1"),
        ("VP", "petrol", "2010-12-31", "2"),
        ("VP", "petrol", "2006-01-01", "2"),
        ("VP", "petrol", "2005-12-31", "3"),
        ("VP", "petrol", "1997-01-01", "3"),
        ("VP", "petrol", "1996-12-31", "nc"),
        ("VP", "diesel", "2014-11-10", "2"),  # the tutorial's 308
        ("VP", "diesel", "2010-12-31", "3"),
        ("VP", "diesel", "2005-12-31", "4"),
        ("VP", "diesel", "2001-01-01", "4"),
        ("VP", "diesel", "2000-12-31", "5"),
        ("VP", "diesel", "1997-01-01", "5"),
        ("VP", "diesel", "1996-12-31", "nc"),
        # Light utility vehicles: Euro 2 from 1 October 1997.
        ("VU", "diesel", "1997-09-30", "nc"),
        ("VU", "diesel", "1997-10-01", "5"),
        ("VU", "petrol", "1997-09-30", "nc"),
        ("VU", "petrol", "1997-10-01", "3"),
        ("VU", "diesel", "2011-01-01", "2"),
        ("VU", "petrol", "2011-01-01", "1"),
    ],
)
def test_class_by_first_registration_when_the_norm_is_unknown(category, energy, first, expected):
    assert critair_class(category, energy, first_registration=first) == expected
    as_date = datetime.date.fromisoformat(first)
    assert critair_class(category, energy, first_registration=as_date) == expected


def test_the_norm_wins_over_the_date():
    # A diesel first registered in 2010 but type-approved Euro 5 is class 2, not 3.
    assert critair_class("VP", "diesel", euro_norm="Euro 5", first_registration="2010-06-01") == "2"


@pytest.mark.parametrize(
    ("args", "field", "message"),
    [
        (("PL", "diesel", "Euro 5"), "vehicle_category", "Catégorie « PL » non prise en charge"),
        (("VP", "charbon", "Euro 5"), "energy", "Énergie « charbon » inconnue pour le Crit'Air"),
        (("VP", "diesel", "Euro 9"), "euro_norm", "Norme Euro « Euro 9 » illisible"),
        (("VP", "diesel", None, None), "euro_norm", "indiquez la norme Euro (champ V.9)"),
        (("VP", "diesel", None, "10/06/2010"), "first_registration_date", "format AAAA-MM-JJ"),
    ],
)
def test_errors_in_french(args, field, message):
    with pytest.raises(SpoticarValidationError) as error:
        critair_class(*args)
    assert error.value.field == field
    assert message in str(error.value)


def test_labels_and_norm_parsing():
    assert critair_label("nc") == "Non classé"
    assert critair_label("0") == "Crit'Air 0 (électrique ou hydrogène)"
    assert set(CRITAIR_LABELS) == {"0", "1", "2", "3", "4", "5", "nc"}
    assert parse_euro_norm(None) is None
    assert parse_euro_norm("euro 6b") == 6
    assert parse_euro_norm("Euro VI") == 6
    # Selection keys of the spoticar_stock euro_norm field, and other spellings.
    assert [parse_euro_norm(f"euro{n}") for n in range(1, 7)] == [1, 2, 3, 4, 5, 6]
    assert parse_euro_norm("euro_5") == parse_euro_norm("EURO 5.b") == 5
