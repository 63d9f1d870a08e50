"""Carte grise calculator (spoticar_core.greycard).

Worked cases: tests/data/greycard_cases.json, copied from the shared research notes with their
sources (ANTS/service-public tables, press articles, a paid invoice, BOFiP). Edge cases below follow
rules.md (CIBS L421-29 to L421-92, BOFiP BOI-AIS-MOB-10-20-40).
"""

import csv
import datetime
import json
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spoticar_core import greycard
from spoticar_core.exceptions import GreycardError, SpoticarError, SpoticarValidationError
from spoticar_core.greycard import GreycardInput, Tariffs, compute, full_months, started_months

CASES = json.loads((Path(__file__).parent / "data" / "greycard_cases.json").read_text("utf-8"))
D = Decimal


def _input_from_case(inputs):
    return GreycardInput(
        fiscal_power=inputs["cv"],
        energy=inputs["energy"],
        first_registration_date=inputs["first_registration_date"],
        operation_date=inputs["operation_date"],
        postcode=inputs.get("postcode"),
        department=inputs.get("department"),
        category=inputs["vehicle_type"],
        imported=inputs["imported"],
        co2_malus=inputs.get("co2_malus"),
        mass_malus=inputs.get("mass_malus"),
    )


def vp(cv=6, energy="petrol", first="2020-01-01", day="2024-06-01", postcode="35000", **kw):
    return compute(
        GreycardInput(
            fiscal_power=cv,
            energy=energy,
            first_registration_date=first,
            operation_date=day,
            postcode=postcode,
            **kw,
        )
    )


# ------------------------------------------------------------------------------------------------
# Worked cases with sources
# ------------------------------------------------------------------------------------------------


def test_all_worked_cases_are_loaded():
    assert len(CASES) >= 21
    assert all(case["sourced"] and case["source_url"] for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_worked_case(case):
    result = compute(_input_from_case(case["inputs"]))
    expected = case["expected"]
    for key in ("y1", "y2", "y3", "y4", "y5", "total"):
        assert getattr(result, key) == D(str(expected[key])).quantize(D("0.01")), key
    assert result.region_code == case["inputs"]["region_code"]
    if "regional_rate_used" in case:
        assert result.rate_per_cv == D(str(case["regional_rate_used"])).quantize(D("0.01"))
    if "subtotal_before_rounding" in case:
        assert result.subtotal == D(str(case["subtotal_before_rounding"])).quantize(D("0.01"))


def test_tutorial_order_with_the_date_of_the_issue():
    """Issue 3: 6 CV diesel of 10/11/2014, 01/11/2021, Rennes: 306 + 0 + 0 + 11 + 2.76 = 319.76."""
    result = vp(6, "diesel", "2014-11-10", "2021-11-01", "35000")
    assert (result.y1, result.y2, result.y3, result.y4, result.y5, result.total) == (
        D("306.00"),
        D("0.00"),
        D("0.00"),
        D("11.00"),
        D("2.76"),
        D("319.76"),
    )
    assert (result.region_code, result.region_name, result.rate_per_cv) == (
        "53",
        "Bretagne",
        D("51.00"),
    )
    assert result.notes[0] == (
        "Y1 : 6 CV × 51,00 €/CV (Bretagne, tarif en vigueur depuis le 01/01/2021) = 306,00 €."
    )
    assert result.lines() == [
        ("Y1", "Taxe régionale (Y1)", D("306.00")),
        ("Y4", "Taxe fixe (Y4)", D("11.00")),
        ("Y5", "Redevance d'acheminement (Y5)", D("2.76")),
    ]


# ------------------------------------------------------------------------------------------------
# Y1: 10-year half rate, no cumulation, exemptions by period, national change of 1 May 2025
# ------------------------------------------------------------------------------------------------


def test_ten_year_half_rate_from_the_anniversary_day_included():
    before = vp(6, "petrol", "2014-06-15", "2024-06-14")
    on_day = vp(6, "petrol", "2014-06-15", "2024-06-15")
    assert before.y1 == D("330.00")  # 6 x 55 (Bretagne from 1 May 2023)
    assert before.y1_reduction is None
    assert on_day.y1 == D("165.00")
    assert on_day.y1_reduction == "ten_years"
    assert "10 ans ou plus : demi-tarif (CIBS L421-45)" in on_day.explanations["Y1"]
    # The boundary interpretation is a known uncertainty, shown near the anniversary only.
    assert any("jour anniversaire inclus" in note for note in on_day.notes)
    assert not any("jour anniversaire" in note for note in vp(6, "petrol", "2010-01-01").notes)


def test_ten_year_rule_on_29_february():
    assert vp(6, "petrol", "2012-02-29", "2022-02-27").y1 == D("306.00")
    assert vp(6, "petrol", "2012-02-29", "2022-02-28").y1 == D("153.00")


def test_no_cumulation_of_energy_reduction_and_ten_year_half_rate():
    # Bretagne 2022: hybrids at 50 %; a 12-year-old hybrid stays at half rate, not a quarter.
    result = vp(8, "hybrid", "2010-01-01", "2022-06-01")
    assert result.y1 == D("204.00")  # 8 x 51 / 2
    assert result.y1_reduction == "energy"
    assert "pas de cumul" in result.explanations["Y1"]


def test_no_cumulation_of_category_half_rate_and_ten_year_half_rate():
    result = vp(10, "diesel", "2005-01-01", "2024-06-01", category="N2", ptac=7500)
    assert result.y1 == D("275.00")  # 10 x 55 / 2, not / 4
    assert result.y1_reduction == "category"
    assert result.y2 == D("189.00")


def test_electric_exempt_until_30_april_2025_then_full_rate():
    assert vp(5, "electric", "2024-01-10", "2025-04-30").y1 == D("0.00")
    after = vp(5, "electric", "2024-01-10", "2025-05-01")
    assert after.y1 == D("300.00")  # Bretagne 60 EUR/CV
    assert after.total == D("313.76")


def test_old_electric_car_after_may_2025_gets_the_ten_year_half_rate():
    """No regional tariff for EVs after 1 May 2025: the 10-year halving applies (rules.md §1)."""
    result = vp(5, "electric", "2012-03-01", "2025-06-01")
    assert result.y1 == D("150.00")
    assert result.y1_reduction == "ten_years"


def test_hauts_de_france_electric_exempt_then_half_from_april_2026_without_cumulation():
    assert vp(7, "electric", "2021-06-01", "2026-03-31", postcode="59000").y1 == D("0.00")
    april = vp(7, "electric", "2021-06-01", "2026-04-01", postcode="59000")
    assert april.y1 == D("150.50")  # 7 x 43 x 50 %
    old = vp(7, "electric", "2012-06-01", "2026-04-01", postcode="59000")
    assert old.y1 == D("150.50")  # not a quarter
    assert any("Incertitude" in note and "Hauts-de-France" in note for note in april.notes)


@pytest.mark.parametrize(
    ("energy", "day", "y1"),
    [
        # Corse kept 100 % for hybrids, E85 and gas until the national change of 1 May 2025.
        ("hybrid", "2025-04-30", "0.00"),
        ("hybrid", "2025-05-01", "258.00"),
        ("e85", "2025-04-30", "0.00"),
        ("e85", "2025-05-01", "258.00"),
        ("lpg", "2025-04-30", "0.00"),
        ("cng", "2025-05-01", "258.00"),
        ("plugin_hybrid", "2025-05-01", "258.00"),
        ("electric", "2025-04-30", "0.00"),
        ("electric", "2025-05-01", "258.00"),
    ],
)
def test_national_change_of_1_may_2025_in_corsica(energy, day, y1):
    assert vp(6, energy, "2022-01-01", day, postcode="20000").y1 == D(y1)


@pytest.mark.parametrize(
    ("postcode", "energy", "day", "y1"),
    [
        ("35000", "hybrid", "2023-04-30", "153.00"),  # Bretagne 50 % until 30 Apr 2023 (6 x 51 / 2)
        ("35000", "hybrid", "2023-05-01", "330.00"),  # then full rate at 55
        ("67000", "lpg", "2022-01-31", "0.00"),  # Grand Est 100 % until 31 Jan 2022
        ("67000", "lpg", "2022-02-01", "288.00"),  # 6 x 48
        ("75001", "e85", "2023-07-31", "0.00"),  # Île-de-France until 31 Jul 2023
        ("75001", "e85", "2023-08-01", "276.90"),  # 6 x 46.15
        ("59000", "hybrid", "2025-02-28", "108.60"),  # Hauts-de-France 50 % (6 x 36.20 / 2)
        ("59000", "hybrid", "2025-03-01", "252.00"),  # 6 x 42
        ("97400", "hybrid", "2022-06-01", "306.00"),  # overseas never granted hybrid reductions
        ("97400", "electric", "2022-06-01", "0.00"),
    ],
)
def test_clean_vehicle_exemptions_by_region_and_period(postcode, energy, day, y1):
    assert vp(6, energy, "2020-01-01", day, postcode=postcode).y1 == D(y1)


def test_e85_conversion_reduction_capped_at_750():
    # 20 CV converted to E85 in Île-de-France in 2022: 20 x 46.15 = 923, reduction capped at 750.
    converted = vp(20, "e85", "2020-01-01", "2022-06-01", postcode="75001", e85_conversion=True)
    assert converted.y1 == D("173.00")
    assert "plafonnée à 750,00 €" in converted.explanations["Y1"]
    assert vp(20, "e85", "2020-01-01", "2022-06-01", postcode="75001").y1 == D("0.00")


def test_e85_conversion_cap_applies_to_the_zero_rate_only():
    # Old CIBS L421-50: the 750 EUR cap limits the zero tariff of a converted vehicle. Bretagne
    # granted 50 % to E85 in 2022: 40 CV x 51 = 2 040, half rate 1 020 (a 1 020 reduction), no cap.
    converted = vp(40, "e85", "2020-01-01", "2022-06-01", postcode="35000", e85_conversion=True)
    assert converted.y1 == D("1020.00")
    assert "plafonnée" not in converted.explanations["Y1"]
    assert converted.y1 == vp(40, "e85", "2020-01-01", "2022-06-01", postcode="35000").y1


@pytest.mark.parametrize(
    ("category", "ptac", "y1", "y2", "y5"),
    [
        ("VP", None, "306.00", "0.00", "2.76"),
        ("CTTE", None, "306.00", "34.00", "2.76"),
        ("VU", 3500, "306.00", "34.00", "2.76"),
        ("N1_TRACTOR", 3000, "153.00", "34.00", "2.76"),
        ("M2", 4000, "153.00", "127.00", "2.76"),
        ("L3E", None, "153.00", "0.00", "2.76"),
        ("MTL", None, "153.00", "0.00", "2.76"),
        ("L1E", None, "0.00", "0.00", "0.00"),
    ],
)
def test_categories(category, ptac, y1, y2, y5):
    result = vp(6, "petrol", "2019-01-01", "2022-06-01", category=category, ptac=ptac)
    assert (result.y1, result.y2, result.y5) == (D(y1), D(y2), D(y5))
    assert result.y4 == D("11.00")


# ------------------------------------------------------------------------------------------------
# Y2 brackets
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "ptac", "y2"),
    [
        ("N2", 3501, "127.00"),
        ("N2", 6000, "127.00"),
        ("N2", 6001, "189.00"),
        ("N2", 11000, "189.00"),
        ("N3", 11001, "285.00"),
        ("CAM", 19000, "285.00"),
        ("TCP", 8000, "189.00"),
    ],
)
def test_y2_brackets(category, ptac, y2):
    result = vp(10, "diesel", "2019-01-01", "2022-06-01", category=category, ptac=ptac)
    assert result.y2 == D(y2)
    assert result.y1 == D("255.00")  # half rate for M2, M3, N2, N3


def test_y2_errors_in_french():
    with pytest.raises(GreycardError, match="PTAC manquant") as error:
        vp(category="N2")
    assert error.value.field == "ptac"
    with pytest.raises(GreycardError, match="limitée à 3500 kg"):
        vp(category="CTTE", ptac=3600)


# ------------------------------------------------------------------------------------------------
# Y3 for imported used vehicles
# ------------------------------------------------------------------------------------------------


def test_started_months_match_the_bofip_examples():
    assert started_months(datetime.date(2023, 2, 13), datetime.date(2025, 4, 10)) == 26
    assert started_months(datetime.date(2019, 2, 13), datetime.date(2025, 3, 1)) == 73
    assert started_months(datetime.date(2019, 9, 13), datetime.date(2026, 9, 13)) == 85
    assert full_months(datetime.date(2024, 1, 31), datetime.date(2024, 2, 29)) == 1
    assert full_months(datetime.date(2024, 1, 31), datetime.date(2024, 2, 28)) == 0


@pytest.mark.parametrize(
    ("first", "day", "y3", "pct"),
    [
        ("2023-02-13", "2025-04-10", "720.00", "28"),  # BOFiP: 26 months -> 28 %
        ("2019-02-13", "2025-03-01", "520.00", "48"),  # BOFiP: 73 months -> 48 %
        ("2025-03-01", "2025-03-01", "970.00", "3"),  # first started month
        ("2010-01-01", "2025-03-01", "0.00", "100"),  # 183 months -> 100 %
    ],
)
def test_y3_decote_from_1_march_2025(first, day, y3, pct):
    result = vp(6, "petrol", first, day, imported=True, co2_malus=1000, mass_malus=0)
    assert result.y3 == D(y3)
    assert f"décote forfaitaire de {pct} %" in result.explanations["Y3"]


@pytest.mark.parametrize(
    ("first", "day", "y3", "periods"),
    [
        ("2024-06-01", "2024-11-30", "1000.00", 0),  # 5 full months: no period started yet
        ("2024-06-01", "2024-12-01", "900.00", 1),  # first day of the 7th month
        ("2023-06-01", "2024-06-01", "800.00", 2),  # anniversary starts the 2nd period
        ("2020-01-15", "2025-02-28", "400.00", 6),  # 61 months
        ("2015-08-01", "2025-02-28", "0.00", 10),  # 10 started periods -> 100 %
    ],
)
def test_y3_reduction_before_1_march_2025(first, day, y3, periods):
    result = vp(6, "petrol", first, day, imported=True, co2_malus=1000)
    assert result.y3 == D(y3)
    assert f"{periods} période(s) de 12 mois" in result.explanations["Y3"]


def test_y3_mass_malus_and_caps():
    # First registered abroad on 10/01/2024, in France on 10/03/2025 (new rule).
    result = vp(
        6,
        "petrol",
        "2024-01-10",
        "2025-03-10",
        imported=True,
        co2_malus=20000,
        mass_malus=3000,
        purchase_price=30000,
        co2_grid_max=60000,
    )
    # 15 started months -> 16 %: CO2 16 800 capped at 50 % of 30 000 = 15 000; mass 2 520.
    assert result.y3 == D("17520.00")
    assert "plafonné à 50 % du prix d'achat TTC" in result.explanations["Y3"]
    capped = vp(
        6,
        "petrol",
        "2024-01-10",
        "2025-03-10",
        imported=True,
        co2_malus=20000,
        mass_malus=3000,
        co2_grid_max=10000,
    )
    assert capped.y3 == D("10000.00")
    assert "maximum de la grille CO2" in capped.explanations["Y3"]
    unchecked = vp(6, "petrol", "2024-01-10", "2025-03-10", imported=True, co2_malus=100)
    assert "plafond de 50 % du prix d'achat TTC non vérifié" in unchecked.explanations["Y3"]


def test_y3_exemptions_and_errors():
    ev = vp(6, "electric", "2023-01-10", "2025-06-10", imported=True, co2_malus=0)
    assert ev.y3 == D("0.00")
    assert "exonéré des taxes CO2 et masse" in ev.explanations["Y3"]
    assert (
        "abattement de 40 %"
        in vp(6, "e85", "2023-01-10", "2025-06-10", imported=True, co2_malus=100).explanations["Y3"]
    )
    with pytest.raises(GreycardError, match="Malus CO2 manquant pour un véhicule importé"):
        vp(6, "petrol", "2023-01-10", "2025-06-10", imported=True)
    with pytest.raises(GreycardError, match="déjà immatriculé en France") as error:
        vp(6, "petrol", "2023-01-10", "2025-06-10", co2_malus=500)
    assert error.value.field == "imported"
    with pytest.raises(GreycardError, match="ne s'applique qu'aux véhicules dont la première"):
        vp(6, "petrol", "2021-06-10", "2025-06-10", imported=True, co2_malus=0, mass_malus=500)
    assert vp(6, "petrol", "2021-06-10", "2025-06-10").y3 == D("0.00")
    utility = vp(
        6, "diesel", "2023-01-10", "2025-06-10", category="CTTE", imported=True, co2_malus=900
    )
    assert utility.y3 == D("648.00")  # 30 started months: 28 % décote
    assert "pour un utilitaire N1, le malus n'est dû que s'il est" in utility.explanations["Y3"]


# ------------------------------------------------------------------------------------------------
# Rounding
# ------------------------------------------------------------------------------------------------


def test_half_euro_subtotal_is_rounded_up():
    # Île-de-France 2024: 10 x 54.95 = 549.50; 549.50 + 11 = 560.50 -> 561 + 2.76.
    result = vp(10, "petrol", "2020-01-01", "2024-06-01", postcode="75001")
    assert result.y1 == D("549.50")
    assert result.subtotal == D("560.50")
    assert result.total == D("563.76")
    assert result.rounding == D("0.50")
    assert ("ROUNDING", "Arrondi à l'euro du sous-total Y1 à Y4", D("0.50")) in result.lines()
    assert sum(amount for _code, _label, amount in result.lines()) == result.total
    assert any("Incertitude : l'arrondi du total" in note for note in result.notes)


def test_subtotal_below_half_is_rounded_down_and_cents_half_up():
    # 5 CV, 10 years old, IdF 2024: 5 x 54.95 / 2 = 137.375 -> 137.38; 148.38 -> 148 + 2.76.
    result = vp(5, "petrol", "2010-01-01", "2024-06-01", postcode="75001")
    assert result.y1 == D("137.38")
    assert result.total == D("150.76")
    assert result.rounding == D("-0.38")
    assert sum(amount for _code, _label, amount in result.lines()) == result.total


# ------------------------------------------------------------------------------------------------
# Errors, in French, never a guess
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"postcode": "99999"}, "postcode", "Code postal « 99999 » inconnu"),
        ({"postcode": "97133"}, "postcode", "Saint-Barthélemy"),
        ({"postcode": "7500"}, "postcode", "5 chiffres sont attendus"),
        ({"postcode": None}, "postcode", "Code postal du titulaire manquant"),
        (
            {"postcode": "35000", "department": "56"},
            "postcode",
            "incohérent avec le département 56",
        ),
        ({"postcode": None, "department": "20"}, "department", "2A (Corse-du-Sud)"),
        ({"day": "2020-12-31"}, "operation_date", "les tarifs régionaux commencent le 01/01/2021"),
        ({"day": "2027-01-05"}, "operation_date", "vérifiés que jusqu'au 31/12/2026"),
        ({"day": "05/01/2024"}, "operation_date", "format AAAA-MM-JJ"),
        ({"first": "2024-07-01"}, "first_registration_date", "postérieure à la date"),
        ({"energy": "charbon"}, "energy", "Énergie « charbon » inconnue"),
        ({"cv": 0}, "fiscal_power", "Puissance fiscale « 0 » invalide"),
        ({"cv": "six"}, "fiscal_power", "nombre entier de chevaux fiscaux"),
        ({"category": "TRAIN"}, "category", "Catégorie « TRAIN » inconnue"),
        ({"ptac": -5, "category": "CTTE"}, "ptac", "PTAC « -5 » invalide"),
        (
            {"imported": True, "co2_malus": "beaucoup"},
            "co2_malus",
            "Malus CO2 « beaucoup » invalide",
        ),
        ({"cv": 10**24}, "fiscal_power", "de 1 à 500 attendu"),
        ({"cv": "٦"}, "fiscal_power", "Puissance fiscale « ٦ » invalide"),
        ({"cv": True}, "fiscal_power", "Puissance fiscale « True » invalide"),
        ({"ptac": 10**30, "category": "CAM"}, "ptac", "de 1 à 60000 attendue"),
        ({"imported": True, "co2_malus": D("1e26")}, "co2_malus", "montant en euros de 0 à"),
        ({"imported": True, "co2_malus": float("inf")}, "co2_malus", "montant attendu"),
        ({"imported": True, "co2_malus": "1e3"}, "co2_malus", "montant attendu"),
        ({"first": "0001-01-01"}, "first_registration_date", "entre le 01/01/1900"),
        ({"first": datetime.date(9990, 1, 1)}, "first_registration_date", "et le 31/12/2100"),
        ({"first": "20200101"}, "first_registration_date", "format AAAA-MM-JJ"),
        ({"day": "٢٠٢٤-٠٦-٠١"}, "operation_date", "format AAAA-MM-JJ"),
    ],
)
def test_errors_are_explicit_and_french(kwargs, field, message):
    with pytest.raises(GreycardError) as error:
        vp(**kwargs)
    assert error.value.field == field
    assert message in str(error.value)
    assert isinstance(error.value, SpoticarValidationError)


def test_department_instead_of_postcode():
    assert vp(postcode=None, department="2b").region_name == "Corse"
    assert vp(postcode=None, department="971").region_code == "01"


# ------------------------------------------------------------------------------------------------
# The tariffs are data
# ------------------------------------------------------------------------------------------------


def test_rate_periods_are_contiguous_from_2021_for_every_region():
    tariffs = greycard.default_tariffs()
    assert {code for code, _name in tariffs.departments.values()} == {
        rate.region_code for rate in tariffs.rates
    }
    for code in {rate.region_code for rate in tariffs.rates}:
        rates = tariffs.region_rates(code)
        assert rates[0].valid_from == datetime.date(2021, 1, 1), code
        for previous, following in zip(rates, rates[1:], strict=False):
            assert previous.valid_to + datetime.timedelta(days=1) == following.valid_from, code
        assert all(rate.source_url.startswith("http") for rate in rates), code
        assert all(rate.eur_per_cv <= D("60") or code == "11" for rate in rates), code


def _copy_data(tmp_path):
    source = Path(greycard.__file__).parent / "data"
    for name in (greycard.RATES_FILE, greycard.DEPARTMENTS_FILE, greycard.NATIONAL_FILE):
        shutil.copy(source / name, tmp_path / name)
    return tmp_path


def test_an_integrator_updates_the_tariffs_without_code(tmp_path, monkeypatch):
    data = _copy_data(tmp_path)
    rates = (data / greycard.RATES_FILE).read_text("utf-8").splitlines()
    rates = [
        line.replace("53,Bretagne,2025-05-01,,", "53,Bretagne,2025-05-01,2026-12-31,")
        for line in rates
    ]
    rates.append("53,Bretagne,2027-01-01,,58.00,0,0,0,0,https://example.org/deliberation-2027")
    (data / greycard.RATES_FILE).write_text("\n".join(rates) + "\n", "utf-8")
    national = json.loads((data / greycard.NATIONAL_FILE).read_text("utf-8"))
    national["known_until"] = "2027-12-31"
    (data / greycard.NATIONAL_FILE).write_text(json.dumps(national), "utf-8")

    tariffs = Tariffs.load(data)
    inp = GreycardInput(6, "petrol", "2020-01-01", "2027-01-05", postcode="35000")
    assert compute(inp, tariffs=tariffs).y1 == D("348.00")
    with pytest.raises(GreycardError):
        compute(inp)  # the package data stop at 2026-12-31
    monkeypatch.setenv(greycard.DATA_DIR_ENV, str(data))
    assert compute(inp).y1 == D("348.00")


def test_tariffs_saved_by_a_french_spreadsheet_are_read(tmp_path):
    """BOM, semicolons and decimal commas, as a French spreadsheet saves a CSV file."""
    data = _copy_data(tmp_path)
    path = data / greycard.RATES_FILE
    rows = list(csv.reader(path.read_text("utf-8").splitlines()))
    for cells in rows[1:]:
        cells[4] = cells[4].replace(".", ",")
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    tariffs = Tariffs.load(data)
    assert tariffs.rates == greycard.default_tariffs().rates
    inp = GreycardInput(6, "petrol", "2022-01-01", "2024-06-01", postcode="75001")
    assert compute(inp, tariffs=tariffs).y1 == D("329.70")


def test_overlapping_periods_are_refused(tmp_path):
    data = _copy_data(tmp_path)
    with (data / greycard.RATES_FILE).open("a", encoding="utf-8") as handle:
        handle.write("53,Bretagne,2025-06-01,,61.00,0,0,0,0,https://example.org\n")
    with pytest.raises(SpoticarError, match="chevauche la précédente"):
        Tariffs.load(data)


def test_bad_rate_row_is_refused(tmp_path):
    data = _copy_data(tmp_path)
    with (data / greycard.RATES_FILE).open("a", encoding="utf-8") as handle:
        handle.write("53,Bretagne,2030-01-01,,soixante,0,0,0,0,https://example.org\n")
    with pytest.raises(SpoticarError, match="nombre « soixante » invalide"):
        Tariffs.load(data)


def test_uncertainties_are_visible_as_notes():
    idf = vp(6, "petrol", "2022-01-01", "2026-03-10", postcode="75001")
    assert any("majoration Île-de-France 2026" in note for note in idf.notes)
    corse = vp(6, "petrol", "2022-01-01", "2026-03-10", postcode="20000")
    assert any("date d'effet de la hausse 2026" in note for note in corse.notes)
    plain = vp(6, "petrol", "2022-01-01", "2024-03-10")
    assert not any(note.startswith("Incertitude") for note in plain.notes)


# ------------------------------------------------------------------------------------------------
# Properties
# ------------------------------------------------------------------------------------------------

_DEPARTMENTS = sorted(greycard.default_tariffs().departments)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cv=st.integers(min_value=1, max_value=60),
    energy=st.sampled_from(greycard.ENERGIES),
    department=st.sampled_from(_DEPARTMENTS),
    day=st.dates(min_value=datetime.date(2021, 1, 1), max_value=datetime.date(2026, 12, 31)),
    age_days=st.integers(min_value=0, max_value=9000),
    category=st.sampled_from(["VP", "CTTE", "N2", "L3E", "L1E"]),
    imported=st.booleans(),
    co2=st.decimals(min_value=0, max_value=60000, places=2),
)
def test_total_is_rounded_subtotal_plus_y5(
    cv, energy, department, day, age_days, category, imported, co2
):
    first = day - datetime.timedelta(days=age_days)
    result = compute(
        GreycardInput(
            fiscal_power=cv,
            energy=energy,
            first_registration_date=first,
            operation_date=day,
            department=department,
            category=category,
            ptac=7000 if category == "N2" else None,
            imported=imported,
            co2_malus=co2 if imported else None,
        )
    )
    subtotal = result.y1 + result.y2 + result.y3 + result.y4
    assert result.total == subtotal.quantize(D("1"), ROUND_HALF_UP) + result.y5
    assert sum(amount for _code, _label, amount in result.lines()) == result.total
    for amount in (result.y1, result.y2, result.y3, result.y4, result.y5, result.total):
        assert amount == amount.quantize(D("0.01")) and amount >= 0
    assert result.y1 <= cv * result.rate_per_cv
    assert all(isinstance(note, str) and note for note in result.notes)


# ------------------------------------------------------------------------------------------------
# Tariffs given by the caller (Odoo) and estimates after the last known period
# ------------------------------------------------------------------------------------------------


def _rows_as_odoo_gives_them():
    """The package rows converted as the Odoo tariff records give them to the calculator
    (spoticar.greycard.rate._spoticar_core_row): dates, floats, False for an empty date."""
    rows = []
    for ref, row in enumerate(greycard.package_rate_rows(), start=1):
        converted = {
            "ref": ref,
            "region_code": row["region_code"],
            "valid_from": datetime.date.fromisoformat(row["valid_from"]),
            "valid_to": datetime.date.fromisoformat(row["valid_to"]) if row["valid_to"] else False,
            "eur_per_cv": float(row["eur_per_cv"]),
            "source_url": row["source_url"],
            "note": row["note"] or False,
        }
        for column in greycard.EXEMPTION_COLUMNS:
            converted[column] = float(row[column])
        rows.append(converted)
    return rows


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_worked_case_with_the_rows_given_by_odoo(case):
    tariffs = Tariffs.from_rows(_rows_as_odoo_gives_them(), national={"known_until": "2026-12-31"})
    from_rows = compute(_input_from_case(case["inputs"]), tariffs=tariffs)
    from_csv = compute(_input_from_case(case["inputs"]), tariffs=Tariffs.load())
    assert from_rows.as_dict() == from_csv.as_dict()
    expected = case["expected"]
    for key in ("y1", "y2", "y3", "y4", "y5", "total"):
        assert getattr(from_rows, key) == D(str(expected[key])).quantize(D("0.01")), key
    assert isinstance(from_rows.rate_ref, int)
    row = _rows_as_odoo_gives_them()[from_rows.rate_ref - 1]
    assert (row["region_code"], row["valid_from"]) == (
        from_rows.region_code,
        from_rows.rate_valid_from,
    )


def test_rows_given_by_odoo_equal_the_csv_rows():
    from_rows = Tariffs.from_rows(_rows_as_odoo_gives_them())
    assert from_rows.rates == Tariffs.load().rates
    assert from_rows.known_until == datetime.date(2026, 12, 31)


def test_rows_given_by_a_caller_are_checked():
    rows = _rows_as_odoo_gives_them()
    rows.append(dict(rows[-1], valid_from=datetime.date(2026, 6, 1), ref=999))
    with pytest.raises(SpoticarError, match="chevauche la précédente"):
        Tariffs.from_rows(rows)
    bad = _rows_as_odoo_gives_them()
    bad[0]["eur_per_cv"] = -1.0
    with pytest.raises(SpoticarError, match="tarif régional n° 1 : nombre « -1.0 » invalide"):
        Tariffs.from_rows(bad)


def test_national_parameters_given_by_the_caller():
    tariffs = Tariffs.from_rows(
        _rows_as_odoo_gives_them(),
        national={
            "known_until": datetime.date(2026, 12, 31),
            "y4_taxe_fixe": [
                {"valid_from": "2021-01-01", "valid_to": "2025-12-31", "amount": "11.00"},
                {"valid_from": datetime.date(2026, 1, 1), "valid_to": False, "amount": 12.5},
            ],
        },
    )
    inp = GreycardInput(6, "petrol", "2020-01-01", "2026-06-01", postcode="35000")
    result = compute(inp, tariffs=tariffs)
    assert result.y4 == D("12.50")
    assert result.total == D("375.76")  # 360 + 12.50 = 372.50 rounded to 373, + 2.76


def test_after_the_reviewed_date_refused_unless_an_estimate_is_asked():
    inp = GreycardInput(6, "petrol", "2020-01-01", "2027-01-15", postcode="35000")
    with pytest.raises(GreycardError, match="vérifiés que jusqu'au 31/12/2026") as error:
        compute(inp)
    assert error.value.field == "operation_date"
    result = compute(inp, estimate=True)
    assert result.estimate is True
    assert (result.rate_per_cv, result.y1, result.total) == (D("60.00"), D("360.00"), D("373.76"))
    assert result.estimate_note == (
        "tarif 2027 non encore publié pour la région Bretagne : montant calculé au tarif 2026, "
        "à confirmer"
    )
    assert result.notes[0] == f"Estimation : {result.estimate_note}."
    assert (result.estimate_year, result.estimate_rate_year) == (2027, 2026)
    assert result.estimate_from == datetime.date(2027, 1, 1)
    assert result.as_dict()["estimate"] is True
    known = compute(GreycardInput(6, "petrol", "2020-01-01", "2026-12-31", postcode="35000"))
    assert known.estimate is False and known.estimate_note is None
    assert "estimate_note" in known.as_dict() and known.as_dict()["estimate"] is False


def test_estimate_after_a_closed_last_period():
    """Île-de-France's 2026 row is closed on 31/12/2026: 2027 is estimated at 68.95."""
    inp = GreycardInput(5, "petrol", "2020-01-01", "2027-03-01", postcode="75001")
    result = compute(inp, estimate=True)
    assert (result.rate_per_cv, result.y1) == (D("68.95"), D("344.75"))
    assert "région Île-de-France" in result.estimate_note


def test_estimate_never_before_the_first_period():
    inp = GreycardInput(6, "petrol", "2010-01-01", "2020-06-01", postcode="35000")
    with pytest.raises(GreycardError, match="commencent le 01/01/2021"):
        compute(inp, estimate=True)


def test_a_rate_entered_for_the_new_year_is_known_for_that_year():
    """A manager closes Bretagne's row and adds 2027 at 58 EUR/CV without moving the review
    date: 2027 is known in Bretagne, still estimated elsewhere, and 2028 again estimated."""
    rows = _rows_as_odoo_gives_them()
    last = max(
        (row for row in rows if row["region_code"] == "53"), key=lambda row: row["valid_from"]
    )
    last["valid_to"] = datetime.date(2026, 12, 31)
    rows.append(dict(last, valid_from=datetime.date(2027, 1, 1), valid_to=False, eur_per_cv=58.0))
    tariffs = Tariffs.from_rows(rows, national={"known_until": "2026-12-31"})
    rennes = GreycardInput(6, "petrol", "2020-01-01", "2027-01-15", postcode="35000")
    result = compute(rennes, tariffs=tariffs)
    assert (result.estimate, result.y1) == (False, D("348.00"))
    nantes = GreycardInput(6, "petrol", "2020-01-01", "2027-01-15", postcode="44000")
    with pytest.raises(GreycardError):
        compute(nantes, tariffs=tariffs)
    assert compute(nantes, tariffs=tariffs, estimate=True).estimate is True
    later = GreycardInput(6, "petrol", "2020-01-01", "2028-01-15", postcode="35000")
    result = compute(later, tariffs=tariffs, estimate=True)
    assert (result.estimate, result.y1) == (True, D("348.00"))
    assert "tarif 2028 non encore publié" in result.estimate_note
    assert "au tarif 2027" in result.estimate_note


def test_disputed_2026_dates_keep_1_march_and_name_both():
    """PACA 60, Corse 53 and La Réunion 60 EUR/CV: 1 March 2026, the announced date in the note."""
    tariffs = Tariffs.load()
    for code, rate, announced in (
        ("93", D("60"), "1er janvier"),
        ("94", D("53"), "1er janvier"),
        ("04", D("60"), "1er février"),
    ):
        row = tariffs.rate_for(code, datetime.date(2026, 3, 1))
        assert row.valid_from == datetime.date(2026, 3, 1)
        assert row.eur_per_cv == rate
        assert announced in row.note and "1er mars 2026" in row.note
        assert tariffs.rate_for(code, datetime.date(2026, 2, 28)).eur_per_cv < rate


def test_regions_come_from_the_departments():
    regions = dict(greycard.regions())
    assert regions["53"] == "Bretagne" and regions["04"] == "La Réunion"
    assert set(regions) == {rate.region_code for rate in Tariffs.load().rates}
