"""French vehicle and customer identifiers.

- Plates: SIV (``AB-123-CD``, since 2009) and the old FNI (``1234 AB 75``), normalised and
  validated;
- VIN (ISO 3779): 17 characters without I, O, Q, position-9 check digit (a warning only, as it is
  not mandatory in Europe), WMI and manufacturer;
- SIREN, SIRET (with the La Poste exception) and VAT numbers, with ``python-stdnum``;
- postcode to department, department to region (INSEE codes, ``data/departments.csv``);
- a person's names as French legal documents write them (last name in capitals, first names
  capitalised).

Every refusal raises :class:`~spoticar_core.exceptions.SpoticarValidationError` whose message, in
French, names the field and the rule broken. Sources: domain-findings §6 (see ``docs/greycard.md``).
"""

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from stdnum import luhn
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidLength, ValidationError
from stdnum.fr import siren as fr_siren
from stdnum.fr import siret as fr_siret
from stdnum.fr import tva as fr_tva

from .exceptions import SpoticarValidationError

FORMAT_SIV = "SIV"
FORMAT_FNI = "FNI"

# SIV letters: the whole alphabet except I, O and U (Q is used).
_SIV_LETTERS = "ABCDEFGHJKLMNPQRSTVWXYZ"
_SIV_RAW = re.compile(r"^([A-Z]{2})(\d{3})([A-Z]{2})$")
# FNI: 1 to 4 digits, 1 to 3 letters, then the department: 2 digits, 2A/2B, or 97x overseas.
_FNI_RAW = re.compile(r"^(\d{1,4})([A-Z]{1,3})(97[1-6]|2[AB]|\d{2})$")
_PLATE_JUNK = re.compile(r"[\s\-_.·/]+")

_VIN_ALLOWED = re.compile(r"^[A-HJ-NPR-Z0-9]+$")
_VIN_TRANSLITERATION = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)

# World manufacturer identifiers (positions 1-3) of the brands a Stellantis dealer sees most.
WMI_MANUFACTURERS = {
    "VF3": "Peugeot",
    "VR3": "Peugeot",
    "VF7": "Citroën",
    "VR7": "Citroën",
    "VR1": "DS Automobiles",
    "VXK": "Opel",
    "W0L": "Opel",
    "W0V": "Opel",
    "ZFA": "Fiat",
    "ZAR": "Alfa Romeo",
    "ZLA": "Lancia",
    "ZAC": "Jeep (FCA Italie)",
    "1C4": "Jeep / Chrysler",
    "1J4": "Jeep",
    "VF1": "Renault",
    "UU1": "Dacia",
    "VF6": "Renault Trucks",
    "WVW": "Volkswagen",
    "WV1": "Volkswagen Véhicules utilitaires",
    "WV2": "Volkswagen Véhicules utilitaires",
    "WAU": "Audi",
    "WBA": "BMW",
    "WMW": "Mini",
    "WDD": "Mercedes-Benz",
    "WF0": "Ford (Allemagne)",
    "TMB": "Škoda",
    "VSS": "SEAT",
    "SAL": "Land Rover",
    "JTD": "Toyota",
    "VNK": "Toyota (France)",
    "KNA": "Kia",
    "KMH": "Hyundai",
    "SJN": "Nissan (Royaume-Uni)",
    "VSK": "Nissan (Espagne)",
    "YV1": "Volvo",
    "TSM": "Suzuki (Hongrie)",
}

_DEPARTMENT_ALIASES = {"2a": "2A", "2b": "2B"}


@dataclass(frozen=True)
class PlateInfo:
    """A validated plate: ``normalized`` is the canonical spelling, ``format`` SIV or FNI."""

    normalized: str
    format: str
    provisional: bool = False
    department: str | None = None  # FNI only: the department at the end of the number


@dataclass(frozen=True)
class VinInfo:
    """A validated VIN (or a pre-1981 short number when ``short``)."""

    vin: str
    wmi: str
    manufacturer: str | None
    check_digit: str | None  # the digit computed for position 9 (None for a short number)
    check_digit_ok: bool | None
    short: bool = False
    warnings: list = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Plates
# --------------------------------------------------------------------------------------------


def _plate_error(value, rule):
    return SpoticarValidationError(
        "license_plate", f"Immatriculation « {value} » invalide : {rule}"
    )


def _compact_plate(value):
    if not isinstance(value, str) or not value.strip():
        raise SpoticarValidationError("license_plate", "Immatriculation : la valeur est vide.")
    return _PLATE_JUNK.sub("", value).upper()


def _plate_shape(compact):
    """(format, match of its blocks) of a compacted plate, or (None, None)."""
    for shape, pattern in ((FORMAT_SIV, _SIV_RAW), (FORMAT_FNI, _FNI_RAW)):
        match = pattern.match(compact)
        if match:
            return shape, match
    return None, None


def plate_format(value):
    """:data:`FORMAT_SIV` or :data:`FORMAT_FNI` when ``value`` has the shape of a whole French
    plate, however it is typed (``aa 001 aa``, ``1234ab75``), else ``None``. Shape only, as
    :func:`normalize_plate`; never raises."""
    if not isinstance(value, str):
        return None
    return _plate_shape(_PLATE_JUNK.sub("", value).upper())[0]


def normalize_plate(value):
    """Return the canonical spelling: ``DL-342-MP`` (SIV) or ``1234 AB 75`` (FNI).

    Only the shape is checked here (letters, digits, blocks); :func:`validate_plate` checks the
    issuing rules as well. Raise :class:`SpoticarValidationError` when the shape is neither.
    """
    shape, match = _plate_shape(_compact_plate(value))
    if shape:
        return ("-" if shape == FORMAT_SIV else " ").join(match.groups())
    raise _plate_error(
        value,
        "le format attendu est AA-123-AA (SIV) ou 1234 AB 75 (ancien format FNI).",
    )


def validate_plate(value, allow_provisional=False):
    """Validate a French plate and say which format it is.

    SIV rules: letters I, O and U never used, SS forbidden, block 000 never issued, WW on the left
    only for a provisional registration (accepted when ``allow_provisional``). FNI: 1 to 4 digits
    (not all zero), 1 to 3 letters, a department (2 digits, 2A/2B, 971 to 976).
    """
    normalized = normalize_plate(value)
    if "-" in normalized:
        left, digits, right = normalized.split("-")
        bad = sorted({c for c in left + right if c not in _SIV_LETTERS})
        if bad:
            raise _plate_error(
                value,
                "les lettres I, O et U ne sont jamais utilisées dans le format SIV "
                f"(trouvé : {', '.join(bad)}).",
            )
        if "SS" in (left, right):
            raise _plate_error(value, "le groupe de lettres SS est interdit dans le format SIV.")
        if digits == "000":
            raise _plate_error(value, "le groupe de chiffres 000 n'est jamais attribué.")
        provisional = left == "WW"
        if provisional and not allow_provisional:
            raise _plate_error(
                value,
                "le préfixe WW est réservé aux immatriculations provisoires (certificat WW).",
            )
        return PlateInfo(normalized=normalized, format=FORMAT_SIV, provisional=provisional)
    number, _letters, department = normalized.split(" ")
    if int(number) == 0:
        raise _plate_error(value, "le numéro d'un ancien format FNI ne peut pas être 0.")
    if department not in ("2A", "2B", "20", "975") and department not in _departments():
        raise _plate_error(value, f"le département {department} n'existe pas.")
    return PlateInfo(normalized=normalized, format=FORMAT_FNI, department=department)


# --------------------------------------------------------------------------------------------
# VIN
# --------------------------------------------------------------------------------------------


def normalize_vin(value):
    """Upper-case the VIN and drop spaces and dashes."""
    if not isinstance(value, str) or not value.strip():
        raise SpoticarValidationError("vin", "VIN : la valeur est vide.")
    return re.sub(r"[\s\-]+", "", value).upper()


def vin_check_digit(vin):
    """The ISO 3779 / FMVSS 115 check digit of a 17-character VIN (``'0'``-``'9'`` or ``'X'``)."""
    total = sum(_VIN_TRANSLITERATION[c] * w for c, w in zip(vin, _VIN_WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def validate_vin(value, allow_short=False):
    """Validate a VIN: 17 characters, digits and letters except I, O and Q.

    The position-9 check digit is computed; a mismatch only adds a French warning (it is not
    mandatory in Europe). ``allow_short`` accepts the shorter numbers of vehicles built before 1981
    (5 to 16 letters or digits), with a warning.
    """
    vin = normalize_vin(value)
    if not re.fullmatch(r"[A-Z0-9]+", vin):
        raise SpoticarValidationError(
            "vin", f"VIN « {value} » invalide : seuls les lettres et les chiffres sont admis."
        )
    if len(vin) != 17:
        if allow_short and 5 <= len(vin) < 17:
            return VinInfo(
                vin=vin,
                wmi=vin[:3],
                manufacturer=None,
                check_digit=None,
                check_digit_ok=None,
                short=True,
                warnings=[
                    f"Numéro de série court ({len(vin)} caractères) accepté : véhicule antérieur "
                    "à 1981, hors norme ISO 3779."
                ],
            )
        rule = "17 caractères sont attendus"
        if allow_short:
            rule += " (de 5 à 16 pour un véhicule antérieur à 1981)"
        raise SpoticarValidationError(
            "vin", f"VIN « {value} » invalide : {rule}, {len(vin)} saisis."
        )
    if not _VIN_ALLOWED.match(vin):
        bad = ", ".join(sorted({c for c in vin if c in "IOQ"}))
        raise SpoticarValidationError(
            "vin",
            f"VIN « {value} » invalide : les lettres I, O et Q sont interdites (norme ISO 3779) ; "
            f"trouvé : {bad}.",
        )
    expected = vin_check_digit(vin)
    warnings = []
    if vin[8] != expected:
        warnings.append(
            f"La clé de contrôle du VIN (9e caractère « {vin[8]} », attendu « {expected} ») ne "
            "correspond pas : elle n'est pas obligatoire en Europe, vérifiez la saisie."
        )
    wmi = vin[:3]
    return VinInfo(
        vin=vin,
        wmi=wmi,
        manufacturer=WMI_MANUFACTURERS.get(wmi),
        check_digit=expected,
        check_digit_ok=vin[8] == expected,
        warnings=warnings,
    )


# --------------------------------------------------------------------------------------------
# Type CG: D.2 (type, variant, version) or D.2.1 (CNIT) of the carte grise
# --------------------------------------------------------------------------------------------

REGISTRATION_TYPE_MAX_LENGTH = 32  # the "type carte grise" field of the declaration (protocol v1)
_REGISTRATION_TYPE_ALLOWED = re.compile(r"[A-Z0-9 /*.\-]+")


def normalize_registration_type(value):
    """Normalise the "Type CG" as printed on the carte grise (field D.2, or D.2.1 for the CNIT).

    Upper case, outer spaces removed and inner runs of spaces made single: ``m10789456/23``
    gives ``M10789456/23``. Letters, digits, spaces and the signs ``/ * - .`` of type-approval
    codes are admitted, at most 32 characters (what the Centralisateur declaration carries).
    """
    if not isinstance(value, str) or not value.strip():
        raise SpoticarValidationError("registration_type", "Type CG : la valeur est vide.")
    code = re.sub(r"\s+", " ", value.strip()).upper()
    if not _REGISTRATION_TYPE_ALLOWED.fullmatch(code):
        raise SpoticarValidationError(
            "registration_type",
            f"Type CG « {value} » invalide : seuls les lettres, les chiffres, les espaces et les "
            "signes / * - . sont admis.",
        )
    if len(code) > REGISTRATION_TYPE_MAX_LENGTH:
        raise SpoticarValidationError(
            "registration_type",
            f"Type CG « {value} » invalide : {REGISTRATION_TYPE_MAX_LENGTH} caractères au plus, "
            f"{len(code)} saisis.",
        )
    return code


# --------------------------------------------------------------------------------------------
# SIREN, SIRET, VAT
# --------------------------------------------------------------------------------------------


def _stdnum_rule(exc, length):
    if isinstance(exc, InvalidLength):
        return f"{length} chiffres sont attendus"
    if isinstance(exc, InvalidChecksum | InvalidComponent):
        return "la clé de contrôle (algorithme de Luhn) est fausse"
    return "seuls des chiffres sont admis"


def validate_siren(value):
    """Validate a SIREN (9 digits, Luhn); return it compact."""
    try:
        return fr_siren.validate(value or "")
    except ValidationError as exc:
        raise SpoticarValidationError(
            "siren", f"SIREN « {value} » invalide : {_stdnum_rule(exc, 9)}."
        ) from exc


def validate_siret(value):
    """Validate a SIRET (14 digits, Luhn; La Poste: digit sum multiple of 5); return it compact."""
    try:
        return fr_siret.validate(value or "")
    except ValidationError as exc:
        rule = _stdnum_rule(exc, 14)
        compact = fr_siret.compact(value or "")
        if isinstance(exc, InvalidChecksum) and compact.startswith("356000000"):
            rule = (
                "pour La Poste (SIREN 356000000), la somme des chiffres du SIRET doit être un "
                "multiple de 5"
            )
        elif isinstance(exc, InvalidChecksum) and not luhn.is_valid(compact[:9]):
            rule = (
                "la clé de contrôle du SIREN (9 premiers chiffres, algorithme de Luhn) est fausse"
            )
        raise SpoticarValidationError("siret", f"SIRET « {value} » invalide : {rule}.") from exc


def french_vat_from_siren(siren):
    """The numeric French VAT number of a SIREN: key = (12 + 3 × (SIREN mod 97)) mod 97."""
    siren = validate_siren(siren)
    key = (12 + 3 * (int(siren) % 97)) % 97
    return f"FR{key:02d}{siren}"


def _vat_error(value, rule):
    return SpoticarValidationError("vat", f"Numéro de TVA « {value} » invalide : {rule}.")


def validate_vat(value):
    """Validate a VAT number: French ones (``FR`` + key + SIREN) fully, others by stdnum's rules.

    Return the compact number with its country prefix. Only VIES says whether it is in use.
    """
    if not isinstance(value, str) or not value.strip():
        raise SpoticarValidationError("vat", "Numéro de TVA : la valeur est vide.")
    compact = re.sub(r"[\s.\-/]+", "", value).upper()
    if not compact[:2].isalpha():
        raise SpoticarValidationError(
            "vat",
            f"Numéro de TVA « {value} » invalide : il doit commencer par le code pays (FR pour "
            "la France).",
        )
    if compact[:2] != "FR":
        try:
            return eu_vat.validate(compact)
        except ValidationError as exc:
            raise SpoticarValidationError(
                "vat",
                f"Numéro de TVA « {value} » invalide : format ou clé de contrôle incorrects pour "
                f"le pays {compact[:2]}.",
            ) from exc
    number = compact[2:]
    try:
        return "FR" + fr_tva.validate(number)
    except InvalidLength as exc:
        rule = "FR suivi de 11 caractères (clé de 2 caractères et SIREN) est attendu"
        raise _vat_error(value, rule) from exc
    except InvalidChecksum as exc:
        rule = "la clé ne correspond pas au SIREN (clé = (12 + 3 × (SIREN mod 97)) mod 97)"
        raise _vat_error(value, rule) from exc
    except ValidationError as exc:
        rule = "le SIREN contenu dans le numéro est invalide ou le format est incorrect"
        raise _vat_error(value, rule) from exc


# --------------------------------------------------------------------------------------------
# Postcode, department, region
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _departments():
    """``{department_code: (department_name, region_code, region_name)}`` from the INSEE table."""
    text = resources.files("spoticar_core").joinpath("data/departments.csv").read_text("utf-8")
    return {
        row["department_code"]: (row["department_name"], row["region_code"], row["region_name"])
        for row in csv.DictReader(text.splitlines())
    }


def regions():
    """``{region_code: region_name}`` of the 13 metropolitan and 5 overseas regions."""
    return {code: name for _dep, code, name in _departments().values()}


def postcode_to_department(postcode):
    """Department code of a French postcode (``35000`` → ``35``, ``97400`` → ``974``).

    Corsica: 20000-20199 → 2A, 20200-20999 → 2B. Overseas: 971 to 976, except 97133
    (Saint-Barthélemy) and 97150 (Saint-Martin), which are outside these regions, like 975 and 98.
    """
    code = str(postcode or "").strip().replace(" ", "")
    if not re.fullmatch(r"\d{5}", code):
        raise SpoticarValidationError(
            "postcode", f"Code postal « {postcode} » invalide : 5 chiffres sont attendus."
        )
    if code in ("97133", "97150"):
        name = "Saint-Barthélemy" if code == "97133" else "Saint-Martin"
        raise SpoticarValidationError(
            "postcode",
            f"Code postal « {code} » ({name}) : collectivité d'outre-mer hors des régions "
            "françaises, pas de département ni de taxe régionale.",
        )
    if code.startswith("20"):
        return "2A" if int(code) < 20200 else "2B"
    department = code[:3] if code.startswith("97") else code[:2]
    if department not in _departments():
        raise SpoticarValidationError(
            "postcode",
            f"Code postal « {code} » inconnu : il ne correspond à aucun département d'une région "
            "française (métropole ou 971 à 976).",
        )
    return department


def normalize_department(department):
    """Canonical department code (``'1'`` → ``'01'``, ``'2a'`` → ``'2A'``) or an error."""
    code = str(department or "").strip()
    code = _DEPARTMENT_ALIASES.get(code.lower(), code)
    if code.isdigit() and len(code) == 1:
        code = "0" + code
    if code == "20":
        raise SpoticarValidationError(
            "department",
            "Département « 20 » invalide : la Corse est divisée en 2A (Corse-du-Sud) et 2B "
            "(Haute-Corse).",
        )
    if code not in _departments():
        raise SpoticarValidationError(
            "department",
            f"Département « {department} » inconnu (codes INSEE 01 à 95, 2A, 2B, 971 à 976).",
        )
    return code


def department_name(department):
    return _departments()[normalize_department(department)][0]


def department_to_region(department):
    """``(region_code, region_name)`` of a department: ``'35'`` → ``('53', 'Bretagne')``."""
    _name, region_code, region_name = _departments()[normalize_department(department)]
    return region_code, region_name


# -------------------------------------------------------------------------------------------------
# A person's names, as French legal documents (carte grise, order form, warranty) write them.
_NAME_WORD = re.compile(r"[^\W\d_]+")


def legal_last_name(value):
    """Last name in capitals, blanks collapsed: ``"de la  fontaine"`` -> ``"DE LA FONTAINE"``."""
    return " ".join(str(value or "").split()).upper()


def legal_first_names(value):
    """First names capitalised, each part of a compound name too: ``"JEAN-pierre marie"`` ->
    ``"Jean-Pierre Marie"``, ``"élodie"`` -> ``"Élodie"``."""
    text = " ".join(str(value or "").split())
    return _NAME_WORD.sub(_capitalise, text)


def _capitalise(match):
    word = match.group(0)
    # A letter whose capital is two letters ("ß" -> "SS") keeps the second in lower case, so that
    # capitalising again changes nothing.
    first = word[0].upper()
    return first[0] + first[1:].lower() + word[1:].lower()
