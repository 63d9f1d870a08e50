"""French vehicle and customer identifiers (spoticar_core.identifiers).

Rules and sources: domain-findings §6 (SIV plate regex and WW/SS/000 rules, FNI format, ISO 3779
VIN, SIREN/SIRET Luhn with the La Poste exception, French VAT key), INSEE COG for departments.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spoticar_core import identifiers
from spoticar_core.declaration import BLOCKS
from spoticar_core.exceptions import SpoticarValidationError
from spoticar_core.identifiers import (
    department_to_region,
    french_vat_from_siren,
    normalize_department,
    normalize_plate,
    normalize_registration_type,
    normalize_vin,
    postcode_to_department,
    regions,
    validate_plate,
    validate_siren,
    validate_siret,
    validate_vat,
    validate_vin,
    vin_check_digit,
)

# ------------------------------------------------------------------------------------------------
# Plates
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "normalized", "plate_format"),
    [
        ("dl342mp", "DL-342-MP", "SIV"),
        ("DL 342 MP", "DL-342-MP", "SIV"),
        ("dl-342-mp", "DL-342-MP", "SIV"),
        (" Dl.342_mP ", "DL-342-MP", "SIV"),
        ("AA-001-AA", "AA-001-AA", "SIV"),
        ("QZ-999-QQ", "QZ-999-QQ", "SIV"),  # Q is used
        ("1234 AB 75", "1234 AB 75", "FNI"),
        ("1234ab75", "1234 AB 75", "FNI"),
        ("5 A 13", "5 A 13", "FNI"),
        ("123 abc 2a", "123 ABC 2A", "FNI"),
        ("98-XY-2B", "98 XY 2B", "FNI"),
        ("12 AB 974", "12 AB 974", "FNI"),
        ("4567 XZ 971", "4567 XZ 971", "FNI"),
    ],
)
def test_valid_plates(typed, normalized, plate_format):
    assert normalize_plate(typed) == normalized
    assert identifiers.plate_format(typed) == plate_format
    info = validate_plate(typed)
    assert (info.normalized, info.format, info.provisional) == (normalized, plate_format, False)


@pytest.mark.parametrize(
    "typed", ["308 allure", "dl342", "DL-342-MP-2", "VF3LBHNZ6JS100777", "", "  ", None, 342]
)
def test_plate_format_is_none_for_what_is_not_a_whole_plate(typed):
    assert identifiers.plate_format(typed) is None


def test_fni_plate_gives_its_department():
    assert validate_plate("12 AB 974").department == "974"
    assert validate_plate("DL-342-MP").department is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("AI-123-BC", "les lettres I, O et U ne sont jamais utilisées dans le format SIV"),
        ("AB-123-CO", "(trouvé : O)"),
        ("UB-123-CD", "(trouvé : U)"),
        ("SS-123-AB", "le groupe de lettres SS est interdit"),
        ("AB-123-SS", "le groupe de lettres SS est interdit"),
        ("AB-000-CD", "le groupe de chiffres 000 n'est jamais attribué"),
        ("WW-123-AB", "le préfixe WW est réservé aux immatriculations provisoires"),
        ("AB-1234-CD", "le format attendu est AA-123-AA (SIV) ou 1234 AB 75"),
        ("A1-234-CD", "le format attendu est AA-123-AA"),
        ("12345 AB 75", "le format attendu"),
        ("0 AB 75", "le numéro d'un ancien format FNI ne peut pas être 0"),
        ("12 AB 96", "le département 96 n'existe pas"),
        ("", "Immatriculation : la valeur est vide."),
        (None, "Immatriculation : la valeur est vide."),
    ],
)
def test_invalid_plates_say_which_rule_in_french(typed, message):
    with pytest.raises(SpoticarValidationError) as error:
        validate_plate(typed)
    assert error.value.field == "license_plate"
    assert message in str(error.value)
    assert str(error.value).startswith("Immatriculation")


def test_ww_plate_accepted_as_provisional_when_asked():
    info = validate_plate("ww 123 ab", allow_provisional=True)
    assert (info.normalized, info.format, info.provisional) == ("WW-123-AB", "SIV", True)


_SIV_LETTER = st.sampled_from("ABCDEFGHJKLMNPQRSTVWXYZ")
_SIV_BLOCK = st.tuples(_SIV_LETTER, _SIV_LETTER).map("".join).filter(lambda b: b != "SS")


@given(
    left=_SIV_BLOCK.filter(lambda b: b != "WW"),
    number=st.integers(min_value=1, max_value=999),
    right=_SIV_BLOCK,
    separator=st.sampled_from(["", "-", " ", " - ", "."]),
    lower=st.booleans(),
)
def test_normalising_a_valid_siv_plate_twice_changes_nothing(left, number, right, separator, lower):
    typed = f"{left}{separator}{number:03d}{separator}{right}"
    typed = typed.lower() if lower else typed
    once = normalize_plate(typed)
    assert normalize_plate(once) == once
    assert once == f"{left}-{number:03d}-{right}"
    assert validate_plate(typed).normalized == once


@given(
    number=st.integers(min_value=1, max_value=9999),
    letters=st.text(alphabet="ABCDEFGHJKLMNPQRSTVWXYZ", min_size=1, max_size=3),
    department=st.sampled_from(["01", "13", "2A", "2B", "75", "95", "971", "974", "976"]),
)
def test_normalising_a_valid_fni_plate_twice_changes_nothing(number, letters, department):
    once = normalize_plate(f"{number}{letters.lower()}{department}")
    assert normalize_plate(once) == once
    assert validate_plate(once).format == "FNI"


# ------------------------------------------------------------------------------------------------
# VIN
# ------------------------------------------------------------------------------------------------


def test_vin_with_a_correct_check_digit():
    info = validate_vin("1m8gdm9axkp042788")  # textbook example, check digit X
    assert (info.vin, info.check_digit, info.check_digit_ok, info.warnings) == (
        "1M8GDM9AXKP042788",
        "X",
        True,
        [],
    )


@pytest.mark.parametrize(
    ("vin", "wmi", "manufacturer"),
    [
        ("VF3LCYHZPHS123456", "VF3", "Peugeot"),
        ("VF7SA9HP0AW123456", "VF7", "Citroën"),
        ("VR3UHZKXZMT123456", "VR3", "Peugeot"),
        ("VR1UJZKXZMW123456", "VR1", "DS Automobiles"),
        ("ZARFANAN3K7123456", "ZAR", "Alfa Romeo"),
        ("W0VZRHNS7L6123456", "W0V", "Opel"),
        ("XTA21099043123456", "XTA", None),
    ],
)
def test_vin_wmi_and_manufacturer(vin, wmi, manufacturer):
    info = validate_vin(vin)
    assert (info.wmi, info.manufacturer) == (wmi, manufacturer)


def test_wrong_check_digit_is_a_french_warning_not_an_error():
    vin = "VF3LCYHZPHS123456"
    expected = vin_check_digit(vin)
    assert expected != vin[8]
    info = validate_vin(vin)
    assert info.check_digit_ok is False
    assert info.warnings == [
        f"La clé de contrôle du VIN (9e caractère « P », attendu « {expected} ») ne correspond "
        "pas : elle n'est pas obligatoire en Europe, vérifiez la saisie."
    ]
    fixed = vin[:8] + expected + vin[9:]
    assert validate_vin(fixed).warnings == []


@pytest.mark.parametrize(
    ("vin", "message"),
    [
        (
            "VF3LCYHZPHS12345O",
            "les lettres I, O et Q sont interdites (norme ISO 3779) ; trouvé : O",
        ),
        ("VF3LCYHZPHS1234IQ", "trouvé : I, Q"),
        ("VF3LCYHZPHS12345", "17 caractères sont attendus, 16 saisis"),
        ("VF3LCYHZPHS1234567", "17 caractères sont attendus, 18 saisis"),
        ("VF3LCYHZPHS12345*", "seuls les lettres et les chiffres sont admis"),
        ("", "VIN : la valeur est vide."),
    ],
)
def test_invalid_vins_in_french(vin, message):
    with pytest.raises(SpoticarValidationError) as error:
        validate_vin(vin)
    assert error.value.field == "vin"
    assert message in str(error.value)


def test_short_pre_1981_number_only_when_the_caller_says_so():
    with pytest.raises(SpoticarValidationError, match="de 5 à 16 pour un véhicule antérieur"):
        validate_vin("AB", allow_short=True)
    with pytest.raises(SpoticarValidationError, match="17 caractères sont attendus, 7 saisis"):
        validate_vin("1234567")
    info = validate_vin("r 12 345 67", allow_short=True)
    assert (info.vin, info.short, info.check_digit) == ("R1234567", True, None)
    assert "véhicule antérieur à 1981" in info.warnings[0]
    assert normalize_vin(" vf3-lcy ") == "VF3LCY"


# ------------------------------------------------------------------------------------------------
# SIREN, SIRET, VAT
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "value", "compact"),
    [
        (validate_siren, "732 829 320", "732829320"),
        (validate_siren, "356000000", "356000000"),  # La Poste
        (validate_siret, "732 829 320 00074", "73282932000074"),
        (validate_siret, "35600000000048", "35600000000048"),  # La Poste head office (Luhn)
        (validate_siret, "35600000049837", "35600000049837"),  # La Poste: digit sum multiple of 5
        (validate_vat, "FR44732829320", "FR44732829320"),
        (validate_vat, "fr 44 732 829 320", "FR44732829320"),
        (validate_vat, "DE136695976", "DE136695976"),
    ],
)
def test_valid_company_numbers(function, value, compact):
    assert function(value) == compact


@pytest.mark.parametrize(
    ("function", "value", "field", "message"),
    [
        (
            validate_siren,
            "732829321",
            "siren",
            "la clé de contrôle (algorithme de Luhn) est fausse",
        ),
        (validate_siren, "73282932", "siren", "9 chiffres sont attendus"),
        (validate_siren, "73282932A", "siren", "seuls des chiffres sont admis"),
        (validate_siret, "73282932000075", "siret", "la clé de contrôle (algorithme de Luhn)"),
        (validate_siret, "7328293200007", "siret", "14 chiffres sont attendus"),
        (
            validate_siret,
            "35600000049838",
            "siret",
            "pour La Poste (SIREN 356000000), la somme des chiffres du SIRET doit être un "
            "multiple de 5",
        ),
        (validate_siret, "73282932100072", "siret", "la clé de contrôle du SIREN"),
        (validate_vat, "FR45732829320", "vat", "la clé ne correspond pas au SIREN"),
        (validate_vat, "FR4473282932", "vat", "FR suivi de 11 caractères"),
        (validate_vat, "732829320", "vat", "il doit commencer par le code pays"),
        (validate_vat, "DE136695975", "vat", "incorrects pour le pays DE"),
        (validate_vat, "", "vat", "la valeur est vide"),
    ],
)
def test_invalid_company_numbers_in_french(function, value, field, message):
    with pytest.raises(SpoticarValidationError) as error:
        function(value)
    assert error.value.field == field
    assert message in str(error.value)


def test_french_vat_key_from_siren():
    assert french_vat_from_siren("732829320") == "FR44732829320"
    assert validate_vat(french_vat_from_siren("356000000")) == "FR39356000000"


# ------------------------------------------------------------------------------------------------
# Postcode, department, region
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("postcode", "department", "region"),
    [
        ("35000", "35", ("53", "Bretagne")),
        ("01000", "01", ("84", "Auvergne-Rhône-Alpes")),
        ("75001", "75", ("11", "Île-de-France")),
        ("20000", "2A", ("94", "Corse")),
        ("20199", "2A", ("94", "Corse")),
        ("20200", "2B", ("94", "Corse")),
        ("20600", "2B", ("94", "Corse")),
        ("97100", "971", ("01", "Guadeloupe")),
        ("97200", "972", ("02", "Martinique")),
        ("97300", "973", ("03", "Guyane")),
        ("97400", "974", ("04", "La Réunion")),
        ("97600", "976", ("06", "Mayotte")),
        (" 59 000 ", "59", ("32", "Hauts-de-France")),
    ],
)
def test_postcode_to_department_and_region(postcode, department, region):
    assert postcode_to_department(postcode) == department
    assert department_to_region(department) == region


@pytest.mark.parametrize(
    ("postcode", "message"),
    [
        ("97133", "Saint-Barthélemy"),
        ("97150", "Saint-Martin"),
        ("97500", "Code postal « 97500 » inconnu"),
        ("98000", "Code postal « 98000 » inconnu"),
        ("00100", "Code postal « 00100 » inconnu"),
        ("3500", "5 chiffres sont attendus"),
        ("ABCDE", "5 chiffres sont attendus"),
        (None, "5 chiffres sont attendus"),
    ],
)
def test_postcodes_outside_the_regions_are_refused(postcode, message):
    with pytest.raises(SpoticarValidationError) as error:
        postcode_to_department(postcode)
    assert error.value.field == "postcode"
    assert message in str(error.value)


def test_departments_and_regions():
    assert normalize_department("2a") == "2A"
    assert normalize_department("1") == "01"
    assert len(regions()) == 18  # 13 metropolitan + 5 overseas
    with pytest.raises(SpoticarValidationError, match="la Corse est divisée en 2A"):
        department_to_region("20")
    with pytest.raises(SpoticarValidationError, match="Département « 975 » inconnu"):
        department_to_region("975")


# ------------------------------------------------------------------------------------------------
# Type CG (D.2 / D.2.1)
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("M10789456/23", "M10789456/23"),  # the tutorial's declaration
        ("  m10pgtvp000f001 ", "M10PGTVP000F001"),  # a 15-character SIV CNIT
        ("3h  ncfc / 1", "3H NCFC / 1"),  # type / variant / version as typed from D.2
        ("e2*2007/46*0535", "E2*2007/46*0535"),
    ],
)
def test_registration_type_normalised(typed, expected):
    assert normalize_registration_type(typed) == expected


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [
        ("", "la valeur est vide"),
        ("   ", "la valeur est vide"),
        ("M10_789", "seuls les lettres, les chiffres"),
        ("M10789456;23", "seuls les lettres, les chiffres"),
        ("A" * 33, "32 caractères au plus, 33 saisis"),
    ],
)
def test_registration_type_refused_with_a_french_message(typed, fragment):
    with pytest.raises(SpoticarValidationError) as error:
        normalize_registration_type(typed)
    assert error.value.field == "registration_type"
    assert fragment in str(error.value)
    assert str(error.value).startswith("Type CG")


def test_registration_type_fits_the_declaration_field():
    field = BLOCKS["vehicle"].field("registration_type")
    assert normalize_registration_type("A" * field.max_length) == "A" * field.max_length


@pytest.mark.parametrize(
    ("typed", "last_name"),
    [
        ("dupont", "DUPONT"),
        ("  de la   fontaine ", "DE LA FONTAINE"),
        ("le gall-pélissier", "LE GALL-PÉLISSIER"),
        ("", ""),
        (None, ""),
    ],
)
def test_legal_last_name(typed, last_name):
    from spoticar_core.identifiers import legal_last_name

    assert legal_last_name(typed) == last_name


@pytest.mark.parametrize(
    ("typed", "first_names"),
    [
        ("jean", "Jean"),
        ("JEAN-pierre  marie", "Jean-Pierre Marie"),
        ("élodie", "Élodie"),
        ("marie-ève", "Marie-Ève"),
        ("", ""),
    ],
)
def test_legal_first_names(typed, first_names):
    from spoticar_core.identifiers import legal_first_names

    assert legal_first_names(typed) == first_names


@given(st.text(max_size=40))
def test_legal_names_are_stable(text):
    from spoticar_core.identifiers import legal_first_names, legal_last_name

    assert legal_last_name(legal_last_name(text)) == legal_last_name(text)
    assert legal_first_names(legal_first_names(text)) == legal_first_names(text)


def test_legal_first_names_stable_when_a_capital_is_two_letters():
    from spoticar_core.identifiers import legal_first_names

    once = legal_first_names("ß")  # its capital is "SS"
    assert legal_first_names(once) == once
