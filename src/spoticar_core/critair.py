"""Crit'Air class (certificat qualité de l'air) of passenger cars and light utility vehicles.

Arrêté du 21 juin 2016 établissant la nomenclature des véhicules classés en fonction de leur niveau
d'émission de polluants atmosphériques (NOR DEVR1612572A, annexe I), for category M1 (voitures,
``VP``) and N1 (véhicules utilitaires légers, ``VU``/``CTTE``):

- electric or hydrogen: class ``"0"`` (certificate "zéro émission moteur", class E of the annex);
- gas (LPG, CNG) and plug-in hybrids: class 1 whatever the norm;
- petrol (and non plug-in hybrids, E85, classed by their main fuel): Euro 5/6 → 1, Euro 4 → 2,
  Euro 2/3 → 3, older → not classified;
- diesel: Euro 5/6 → 2, Euro 4 → 3, Euro 3 → 4, Euro 2 → 5, older → not classified.

When the Euro norm (field V.9) is unknown, the first registration date (field B) decides, with the
dates of the annex: Euro 5/6 from 1 January 2011, Euro 4 from 1 January 2006, Euro 3 (diesel) from
1 January 2001, Euro 2 from 1 January 1997 for cars and 1 October 1997 for utility vehicles.
"""

import datetime
import re

from .exceptions import SpoticarValidationError

NOT_CLASSIFIED = "nc"
CLASSES = ("0", "1", "2", "3", "4", "5", NOT_CLASSIFIED)
CRITAIR_LABELS = {
    "0": "Crit'Air 0 (électrique ou hydrogène)",
    "1": "Crit'Air 1",
    "2": "Crit'Air 2",
    "3": "Crit'Air 3",
    "4": "Crit'Air 4",
    "5": "Crit'Air 5",
    NOT_CLASSIFIED: "Non classé",
}

_CATEGORIES = {"VP": "VP", "M1": "VP", "VU": "VU", "CTTE": "VU", "N1": "VU", "VUL": "VU"}
# Energies of the product field and carte grise codes (field P.3) → family used by the annex.
_ENERGY_FAMILIES = {
    "electric": "zero",
    "hydrogen": "zero",
    "EL": "zero",
    "H2": "zero",
    "HH": "zero",
    "HE": "zero",
    "lpg": "gas",
    "cng": "gas",
    "GPL": "gas",
    "GNV": "gas",
    "GN": "gas",
    "EG": "gas",
    "EN": "gas",
    "plugin_hybrid": "plugin",
    "EE": "plugin",
    "GL": "plugin",
    "PHEV": "plugin",
    "petrol": "petrol",
    "ES": "petrol",
    "hybrid": "petrol",
    "HYB": "petrol",
    "EH": "petrol",
    "e85": "petrol",
    "FE": "petrol",
    "diesel": "diesel",
    "GO": "diesel",
    "DIESEL": "diesel",
    "diesel_hybrid": "diesel",
    "GH": "diesel",
}

# Class by Euro norm for each family (norm 0 = before Euro 1).
_BY_NORM = {
    "petrol": {6: "1", 5: "1", 4: "2", 3: "3", 2: "3"},
    "diesel": {6: "2", 5: "2", 4: "3", 3: "4", 2: "5"},
}
# Start of each Euro norm by first registration date, per category (annexe I).
_NORM_DATES = {
    "VP": (
        (datetime.date(2011, 1, 1), 5),
        (datetime.date(2006, 1, 1), 4),
        (datetime.date(2001, 1, 1), 3),
        (datetime.date(1997, 1, 1), 2),
    ),
    "VU": (
        (datetime.date(2011, 1, 1), 5),
        (datetime.date(2006, 1, 1), 4),
        (datetime.date(2001, 1, 1), 3),
        (datetime.date(1997, 10, 1), 2),
    ),
}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}


def _category(category):
    code = _CATEGORIES.get(str(category or "").strip().upper())
    if not code:
        raise SpoticarValidationError(
            "vehicle_category",
            f"Catégorie « {category} » non prise en charge pour le Crit'Air : VP (voiture "
            "particulière, M1) ou VU (utilitaire léger, N1) attendu.",
        )
    return code


def _family(energy):
    text = str(energy or "").strip()
    family = _ENERGY_FAMILIES.get(text) or _ENERGY_FAMILIES.get(text.lower())
    family = family or _ENERGY_FAMILIES.get(text.upper())
    if not family:
        raise SpoticarValidationError(
            "energy",
            f"Énergie « {energy} » inconnue pour le Crit'Air : petrol, diesel, hybrid, "
            "plugin_hybrid, electric, hydrogen, e85, lpg ou cng attendu.",
        )
    return family


def parse_euro_norm(value):
    """``'Euro 6d-TEMP'``, ``'EURO5'``, ``5``, ``'Euro IV'`` → the norm (0: before Euro 1)."""
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = re.sub(r"[\s_\-.]+", "", str(value)).upper()
        match = re.search(r"EURO([0-6])", text) or re.fullmatch(r"([0-6])[A-Z]*", text)
        roman = re.fullmatch(r"(?:EURO)?(VI|IV|V|III|II|I)[A-Z]?", text)
        if match:
            number = int(match.group(1))
        elif roman:
            number = _ROMAN[roman.group(1)]
        else:
            number = None
    if number is None or not 0 <= number <= 6:
        raise SpoticarValidationError(
            "euro_norm",
            f"Norme Euro « {value} » illisible : Euro 1 à Euro 6 attendu (champ V.9 de la carte "
            "grise), ou laissez vide et indiquez la date de première immatriculation.",
        )
    return number


def _norm_from_date(category, first_registration):
    if isinstance(first_registration, datetime.datetime):
        first_registration = first_registration.date()
    if not isinstance(first_registration, datetime.date):
        try:
            first_registration = datetime.date.fromisoformat(str(first_registration))
        except ValueError as exc:
            raise SpoticarValidationError(
                "first_registration_date",
                f"Date de première immatriculation « {first_registration} » invalide : format "
                "AAAA-MM-JJ attendu.",
            ) from exc
    for start, norm in _NORM_DATES[category]:
        if first_registration >= start:
            return norm
    return 0


def critair_class(category, energy, euro_norm=None, first_registration=None):
    """The Crit'Air class: ``"0"`` to ``"5"``, or ``"nc"`` (non classé).

    ``category``: VP/M1 or VU/CTTE/N1; ``energy``: petrol, diesel, hybrid (petrol), diesel_hybrid,
    plugin_hybrid, electric, hydrogen, e85, lpg, cng (or the carte grise codes); ``euro_norm``:
    the norm of field V.9 when known, else ``first_registration`` (date or ISO string) decides.
    """
    category = _category(category)
    family = _family(energy)
    if family == "zero":
        return "0"
    if family in ("gas", "plugin"):
        return "1"
    norm = parse_euro_norm(euro_norm)
    if norm is None:
        if first_registration in (None, ""):
            raise SpoticarValidationError(
                "euro_norm",
                "Crit'Air : indiquez la norme Euro (champ V.9) ou, à défaut, la date de première "
                "immatriculation (champ B).",
            )
        norm = _norm_from_date(category, first_registration)
    return _BY_NORM[family].get(norm, NOT_CLASSIFIED)


def critair_label(critair):
    """French label of a class returned by :func:`critair_class`."""
    return CRITAIR_LABELS[critair]
