"""Carte grise (certificat d'immatriculation) calculator for a used vehicle changing hands.

``compute(GreycardInput(...))`` returns a :class:`GreycardResult` with, as ``Decimal`` to the cent:

- Y1, taxe régionale: fiscal power × the rate per CV of the holder's region on the operation date,
  with the category rates (L421-46/47), the energy reductions voted by the region for the period, or
  the half rate of vehicles 10 years old or more when no other special rate applies (L421-45);
- Y2, taxe sur les véhicules de transport (categories N, M2, M3), by PTAC bracket (L421-56);
- Y3, CO2 and mass taxes, only for a used vehicle imported and registered for the first time in
  France: the grid amounts (given as inputs) less the age reduction (rule before 1 March 2025, or
  the fixed table from that date), the caps that can be checked, the exemptions;
- Y4, taxe fixe, and Y5, redevance d'acheminement;
- total = round_half_up_to_euro(Y1 + Y2 + Y3 + Y4) + Y5.

The calculator keeps no state: it computes with the :class:`Tariffs` it is given. The command
line reads them from the data files of the package (``data/regional_rates.csv``,
``data/departments.csv``, ``data/greycard_national.json``, see ``Tariffs.load``); Odoo builds them
from its tariff records (``Tariffs.from_rows``). A date outside the known periods or an unknown
postcode raises :class:`~spoticar_core.exceptions.GreycardError` with a French message, unless
``compute(..., estimate=True)`` is asked for a date after the last known period of the region: the
amounts are then computed at the last known rate and the result is marked as an estimate.
"""

import contextlib
import csv
import datetime
import json
import os
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from pathlib import Path

from . import identifiers, limits, vocabulary
from .exceptions import GreycardError, SpoticarError, SpoticarValidationError

DATA_DIR_ENV = "SPOTICAR_GREYCARD_DATA"
RATES_FILE = "regional_rates.csv"
DEPARTMENTS_FILE = "departments.csv"
NATIONAL_FILE = "greycard_national.json"

CENT = Decimal("0.01")
EURO = Decimal("1")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)

# The energies of the suite (spoticar_core.vocabulary): keys, and French words of the explanations.
ENERGIES = vocabulary.ENERGY_KEYS
ENERGY_LABELS = {term.key: term.label_fr for term in vocabulary.ENERGIES}
# Energy codes of the carte grise (field P.3) and of the worked cases.
ENERGY_ALIASES = {
    "ES": "petrol",
    "ESSENCE": "petrol",
    "GASOLINE": "petrol",
    "GO": "diesel",
    "GAZOLE": "diesel",
    "EL": "electric",
    "ELECTRIQUE": "electric",
    "HYB": "hybrid",
    "EH": "hybrid",
    "GH": "hybrid",
    "EE": "plugin_hybrid",
    "GL": "plugin_hybrid",
    "PHEV": "plugin_hybrid",
    "H2": "hydrogen",
    "HH": "hydrogen",
    "FE": "e85",
    "GPL": "lpg",
    "EG": "lpg",
    "GNV": "cng",
    "GN": "cng",
    "EN": "cng",
}
# Regional reduction column of regional_rates.csv for each energy (none for petrol and diesel).
ENERGY_EXEMPTION_COLUMN = {
    "electric": "exemption_electric_pct",
    "hydrogen": "exemption_electric_pct",
    "hybrid": "exemption_hybrid_pct",
    "plugin_hybrid": "exemption_hybrid_pct",
    "e85": "exemption_e85_pct",
    "lpg": "exemption_gpl_gnv_pct",
    "cng": "exemption_gpl_gnv_pct",
}
EXEMPTION_COLUMNS = tuple(dict.fromkeys(ENERGY_EXEMPTION_COLUMN.values()))
# Genres of the carte grise (field J.1) and synonyms, to the EU categories of the data file.
CATEGORY_ALIASES = {
    "VP": "M1",
    "CTTE": "N1",
    "VU": "N1",
    "DERIV-VP": "N1",
    "CL": "L1E",
    "MTL": "L3E",
    "MTT1": "L3E",
    "MTT2": "L3E",
}

LINE_LABELS = {
    "Y1": "Taxe régionale (Y1)",
    "Y2": "Taxe sur les véhicules de transport (Y2)",
    "Y3": "Taxes CO2 et masse, véhicule importé (Y3)",
    "Y4": "Taxe fixe (Y4)",
    "Y5": "Redevance d'acheminement (Y5)",
    "ROUNDING": "Arrondi à l'euro du sous-total Y1 à Y4",
}


# ------------------------------------------------------------------------------------------------
# Formatting helpers (French)
# ------------------------------------------------------------------------------------------------


def fr_amount(value):
    """``Decimal('3685.3')`` → ``'3 685,30 €'``."""
    text = f"{Decimal(value).quantize(CENT, ROUND_HALF_UP):,.2f}"
    return text.replace(",", " ").replace(".", ",") + " €"


def fr_number(value):
    """``Decimal('54.95')`` → ``'54,95'``, ``Decimal('0.5')`` → ``'0,5'``."""
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",")


def fr_date(day):
    return day.strftime("%d/%m/%Y")


# ------------------------------------------------------------------------------------------------
# Tariff data
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegionalRate:
    """One row of ``regional_rates.csv``: a region's rate per CV and reductions over a period."""

    region_code: str
    region_name: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    eur_per_cv: Decimal
    exemptions: dict
    source_url: str
    note: str = ""
    ref: object = field(default=None, compare=False)  # the caller's id of the row (Odoo record id)

    def covers(self, day):
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def exemption_pct(self, energy):
        column = ENERGY_EXEMPTION_COLUMN.get(energy)
        return self.exemptions[column] if column else Decimal(0)


def _parse_date(text, where):
    try:
        return datetime.date.fromisoformat(text)
    except (TypeError, ValueError) as exc:
        raise SpoticarError(f"{where} : date « {text} » invalide (format AAAA-MM-JJ).") from exc


def _parse_decimal(text, where):
    try:
        value = Decimal(str(text).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise SpoticarError(f"{where} : nombre « {text} » invalide.") from exc
    if not value.is_finite() or value < 0:
        raise SpoticarError(f"{where} : nombre « {text} » invalide.")
    return value


def _cell(value):
    """A CSV cell or a value given by a caller (date, Decimal, float, None) as stripped text."""
    if value is None or value is False:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _csv_rows(text):
    """Rows of a CSV file as saved by a text editor or a spreadsheet (``,`` or ``;``)."""
    lines = text.splitlines()
    header = lines[0] if lines else ""
    delimiter = ";" if header.count(";") > header.count(",") else ","
    return csv.DictReader(lines, delimiter=delimiter)


def _optional_date(text, where):
    return _parse_date(text, where) if text else None


@lru_cache(maxsize=8)
def _package_text(name):
    """Text of a data file shipped in the package (read-only, so it can be read once)."""
    return (
        resources.files("spoticar_core")
        .joinpath("data")
        .joinpath(name)
        .read_text(encoding="utf-8-sig")
    )


def package_rate_rows():
    """The rows of the package's ``regional_rates.csv`` as dicts of text (a new list each call)."""
    return [dict(row) for row in _csv_rows(_package_text(RATES_FILE))]


def package_national():
    """The package's ``greycard_national.json`` (a new dict each call)."""
    return json.loads(_package_text(NATIONAL_FILE))


def package_departments():
    """``{department_code: (region_code, region_name)}`` of the package's ``departments.csv``."""
    return _parse_departments(_package_text(DEPARTMENTS_FILE))


def regions():
    """``[(region_code, region_name)]`` of the package, sorted by name: the one list of regions."""
    return sorted(set(package_departments().values()), key=lambda item: item[1])


def _parse_departments(text):
    return {
        row["department_code"].strip(): (row["region_code"].strip(), row["region_name"].strip())
        for row in _csv_rows(text)
    }


class Tariffs:
    """The dated tariff tables: regional rates, departments and the national parameters.

    ``Tariffs.load()`` reads the files of the package, or of the directory named by the
    ``SPOTICAR_GREYCARD_DATA`` environment variable, or of ``directory``.
    ``Tariffs.from_rows(rates, national)`` builds them from rows given by a caller (Odoo). The rows
    are checked (dates, amounts, no overlapping periods for a region) so a bad update fails loudly.

    An open-ended period (no ``valid_to``) is trusted until ``known_until`` (the date up to which
    the tariffs were reviewed), or until the end of the year it starts in if that is later: a
    rate entered for a new year is known for that year.
    """

    def __init__(self, rates, departments, national):
        self.rates = rates
        self.departments = departments
        self.national = national
        self.first_day = min(rate.valid_from for rate in rates)
        self.known_until = _parse_date(national["known_until"], NATIONAL_FILE)
        self._check()

    @classmethod
    def load(cls, directory=None):
        directory = directory or os.environ.get(DATA_DIR_ENV)
        if directory:
            base = Path(directory)

            def read(name):
                return (base / name).read_text(encoding="utf-8-sig")

        else:
            base = resources.files("spoticar_core").joinpath("data")

            def read(name):
                return base.joinpath(name).read_text(encoding="utf-8-sig")

        rates = [
            cls._parse_rate(row, line)
            for line, row in enumerate(_csv_rows(read(RATES_FILE)), start=2)
        ]
        departments = _parse_departments(read(DEPARTMENTS_FILE))
        national = json.loads(read(NATIONAL_FILE))
        return cls(rates, departments, national)

    @classmethod
    def from_rows(cls, rates, national=None, departments=None):
        """Tariffs from the rows of a caller, e.g. the tariff records of Odoo.

        ``rates``: dicts with the columns of ``regional_rates.csv`` (text, or ``date``/``Decimal``/
        number values; ``region_name`` may be left out, ``ref`` is kept on the row as given).
        ``national``: the national parameters that differ from the package's
        ``greycard_national.json`` (``known_until``, ``y4_taxe_fixe``, ``y5_redevance``...), as
        in that file. ``departments``: default the package's ``departments.csv``.
        """
        departments = departments if departments is not None else package_departments()
        names = dict(departments.values())
        parsed = []
        for line, row in enumerate(rates, start=1):
            row = dict(row)
            if not row.get("region_name"):
                row["region_name"] = names.get(row.get("region_code"), "")
            parsed.append(cls._parse_rate(row, line, where=f"tarif régional n° {line}"))
        merged = package_national()
        for key, value in (national or {}).items():
            merged[key] = _cell(value) if key == "known_until" else value
        return cls(parsed, departments, merged)

    @staticmethod
    def _parse_rate(row, line, where=None):
        where = where or f"{RATES_FILE} ligne {line}"
        ref = row.get("ref")
        row = {key: _cell(value) for key, value in row.items() if key is not None}
        missing = [
            column
            for column in ("region_code", "region_name", "valid_from", "eur_per_cv")
            + EXEMPTION_COLUMNS
            if not row.get(column)
        ]
        if missing:
            raise SpoticarError(
                f"{where} : colonne(s) vide(s) ou absente(s) : {', '.join(missing)}."
            )
        exemptions = {}
        for column in EXEMPTION_COLUMNS:
            pct = _parse_decimal(row[column], where)
            if pct > HUNDRED:
                raise SpoticarError(f"{where} : {column} doit être compris entre 0 et 100.")
            exemptions[column] = pct
        return RegionalRate(
            region_code=row["region_code"].strip(),
            region_name=row["region_name"].strip(),
            valid_from=_parse_date(row["valid_from"].strip(), where),
            valid_to=_optional_date((row.get("valid_to") or "").strip(), where),
            eur_per_cv=_parse_decimal(row["eur_per_cv"], where),
            exemptions=exemptions,
            source_url=row.get("source_url") or "",
            note=row.get("note") or "",
            ref=ref or None,
        )

    def _check(self):
        by_region = {}
        for rate in self.rates:
            if rate.valid_to and rate.valid_to < rate.valid_from:
                raise SpoticarError(
                    f"{RATES_FILE} : région {rate.region_code}, période du "
                    f"{fr_date(rate.valid_from)} terminée avant de commencer."
                )
            by_region.setdefault(rate.region_code, []).append(rate)
        for code, rates in by_region.items():
            rates.sort(key=lambda r: r.valid_from)
            for previous, following in zip(rates, rates[1:], strict=False):
                if previous.valid_to is None or previous.valid_to >= following.valid_from:
                    raise SpoticarError(
                        f"{RATES_FILE} : région {code}, la période commençant le "
                        f"{fr_date(following.valid_from)} chevauche la précédente."
                    )
        unknown = sorted({r for r, _n in self.departments.values()} - set(by_region))
        if unknown:
            raise SpoticarError(
                f"{RATES_FILE} : aucun tarif pour la ou les régions {', '.join(unknown)}."
            )

    def region_rates(self, region_code):
        return sorted(
            (rate for rate in self.rates if rate.region_code == region_code),
            key=lambda r: r.valid_from,
        )

    def reviewed_end(self, rate):
        """Last day for which ``rate`` is known: its ``valid_to``, else ``known_until`` or the
        end of the year it starts in, whichever is later."""
        if rate.valid_to:
            return rate.valid_to
        return max(self.known_until, datetime.date(rate.valid_from.year, 12, 31))

    def last_known(self, region_code, day):
        """``(rate, last_known_day)`` when ``day`` is after the last known period of the region
        (the last row that started by then, and the last day it is known for), else ``None``."""
        if day < self.first_day:
            return None
        started = [rate for rate in self.region_rates(region_code) if rate.valid_from <= day]
        if not started:
            return None
        rate = started[-1]
        end = self.reviewed_end(rate)
        if day <= end:
            return None
        return rate, end

    def rate_for(self, region_code, day):
        """The row in force in the region on ``day``, or a :class:`GreycardError`."""
        if day < self.first_day:
            raise GreycardError(
                "operation_date",
                f"Date de l'opération « {fr_date(day)} » hors des périodes connues : les tarifs "
                f"régionaux commencent le {fr_date(self.first_day)}.",
            )
        for rate in self.region_rates(region_code):
            if rate.covers(day) and day <= self.reviewed_end(rate):
                return rate
        if day > self.known_until:
            raise GreycardError(
                "operation_date",
                f"Date de l'opération « {fr_date(day)} » hors des périodes connues : les tarifs "
                f"n'ont été vérifiés que jusqu'au {fr_date(self.known_until)} ; mettez à jour "
                "les tarifs (regional_rates.csv et known_until de greycard_national.json).",
            )
        raise GreycardError(
            "operation_date",
            f"Date de l'opération « {fr_date(day)} » hors des périodes connues pour la région "
            f"{region_code} : aucun tarif régional n'est en vigueur ce jour-là.",
        )

    def national_amount(self, key, day, estimate=False):
        """The amount of ``key`` (``y4_taxe_fixe``, ``y5_redevance``) on ``day``; with
        ``estimate``, after its last period, the last known amount."""
        last = None
        for row in self.national[key]:
            start = _parse_date(_cell(row["valid_from"]), NATIONAL_FILE)
            end = _optional_date(_cell(row.get("valid_to")), NATIONAL_FILE)
            if start <= day and (end is None or day <= end):
                return Decimal(_cell(row["amount"]))
            if estimate and start <= day and (last is None or start > last[0]):
                last = (start, Decimal(_cell(row["amount"])))
        if last:
            return last[1]
        raise GreycardError(
            "operation_date",
            f"Date de l'opération « {fr_date(day)} » hors des périodes connues ({key}).",
        )


@lru_cache(maxsize=4)
def _cached_tariffs(directory):
    return Tariffs.load(directory)


def default_tariffs():
    """The tariffs of the package (or of ``$SPOTICAR_GREYCARD_DATA``), read once: for the
    command line and scripts. Odoo passes its own table to :func:`compute`."""
    return _cached_tariffs(os.environ.get(DATA_DIR_ENV) or None)


# ------------------------------------------------------------------------------------------------
# Input and result
# ------------------------------------------------------------------------------------------------


@dataclass
class GreycardInput:
    """What the calculator needs. Dates may be ``date`` objects or ISO strings."""

    fiscal_power: int
    energy: str
    first_registration_date: datetime.date
    operation_date: datetime.date
    postcode: str | None = None
    department: str | None = None
    category: str = "VP"
    ptac: int | None = None  # kg, for utility vehicles
    imported: bool = False  # used vehicle registered for the first time in France
    co2_malus: Decimal | None = None  # CO2 grid amount of the first-registration year (euros)
    mass_malus: Decimal | None = None  # mass grid amount of the first-registration year (euros)
    purchase_price: Decimal | None = None  # TTC, to check the 50 % cap of the CO2 tax
    co2_grid_max: Decimal | None = None  # maximum of that year's CO2 grid, to check L421-74
    e85_conversion: bool = False  # converted to E85 since the last certificate


@dataclass
class GreycardResult:
    region_code: str
    region_name: str
    department: str
    rate_per_cv: Decimal
    rate_valid_from: datetime.date
    rate_valid_to: datetime.date | None
    rate_source: str
    y1: Decimal
    y2: Decimal
    y3: Decimal
    y4: Decimal
    y5: Decimal
    subtotal: Decimal
    rounding: Decimal
    total: Decimal
    y1_reduction_pct: Decimal = Decimal("0.00")
    y1_reduction: str | None = None  # "category", "energy", "ten_years" or None
    explanations: dict = field(default_factory=dict)
    uncertainties: list = field(default_factory=list)
    rate_ref: object = None  # ``ref`` of the regional row used (Odoo record id)
    # Estimate: the date is after the last known period of the region (compute(estimate=True)).
    estimate: bool = False
    estimate_year: int | None = None  # year of the operation, whose rate is not known
    estimate_rate_year: int | None = None  # year of the last known rate, used instead
    estimate_from: datetime.date | None = None  # first day without a known rate

    @property
    def estimate_note(self):
        """« tarif 2027 non encore publié pour la région Bretagne : montant calculé au tarif
        2026, à confirmer », or ``None``."""
        if not self.estimate:
            return None
        return (
            f"tarif {self.estimate_year} non encore publié pour la région {self.region_name} : "
            f"montant calculé au tarif {self.estimate_rate_year}, à confirmer"
        )

    @property
    def notes(self):
        """The estimate warning if any, the French explanation of each amount, then the known
        uncertainties that apply."""
        head = [f"Estimation : {self.estimate_note}."] if self.estimate else []
        return (
            head
            + [f"{code} : {text}" for code, text in self.explanations.items()]
            + list(self.uncertainties)
        )

    def lines(self):
        """``(code, label_fr, amount)`` of the taxes due (non-zero), then the rounding if any.

        The amounts of the lines add up to ``total``.
        """
        lines = [
            (code, LINE_LABELS[code], amount)
            for code, amount in (
                ("Y1", self.y1),
                ("Y2", self.y2),
                ("Y3", self.y3),
                ("Y4", self.y4),
                ("Y5", self.y5),
            )
            if amount
        ]
        if self.rounding:
            lines.append(("ROUNDING", LINE_LABELS["ROUNDING"], self.rounding))
        return lines

    def as_dict(self):
        return {
            "region": self.region_name,
            "region_code": self.region_code,
            "department": self.department,
            "rate_per_cv": self.rate_per_cv,
            "y1": self.y1,
            "y1_reduction": self.y1_reduction,
            "y1_reduction_pct": self.y1_reduction_pct,
            "y2": self.y2,
            "y3": self.y3,
            "y4": self.y4,
            "y5": self.y5,
            "subtotal": self.subtotal,
            "rounding": self.rounding,
            "total": self.total,
            "estimate": self.estimate,
            "estimate_note": self.estimate_note,
            "notes": self.notes,
        }


# ------------------------------------------------------------------------------------------------
# Input checks
# ------------------------------------------------------------------------------------------------


def normalize_energy(energy):
    code = str(energy or "").strip()
    if code.lower() in ENERGIES:
        return code.lower()
    alias = ENERGY_ALIASES.get(code.upper())
    if alias:
        return alias
    raise GreycardError(
        "energy",
        f"Énergie « {energy} » inconnue : valeurs admises {', '.join(ENERGIES)} "
        "(ou les codes de la carte grise ES, GO, EL, H2, FE, GPL, GNV...).",
    )


def normalize_category(category, ptac=None, categories=None):
    code = str(category or "").strip().upper().replace(" ", "")
    code = CATEGORY_ALIASES.get(code, code)
    if code == "CAM":  # camion: N2 up to 12 t, N3 above
        code = "N3" if ptac and ptac > 12000 else "N2"
    elif code == "TCP":  # transport en commun de personnes: M2 up to 5 t, M3 above
        code = "M3" if ptac and ptac > 5000 else "M2"
    known = categories if categories is not None else default_tariffs().national["categories"]
    if code not in known:
        raise GreycardError(
            "category",
            f"Catégorie « {category} » inconnue : valeurs admises VP, CTTE (ou VU), "
            f"{', '.join(sorted(known))}.",
        )
    return code


# Bounds of the inputs: far beyond any real vehicle or sale, they stop absurd values (10^24 CV, a
# PTAC of 10^30 kg, the year 1 or 9990) before they give an absurd amount or overflow a
# calculation. The command line checks its arguments with them; the addons can check their fields.
# The bounds of the calculator's inputs are the suite's (spoticar_core.limits).
FISCAL_POWER_MAX = limits.FISCAL_POWER.maximum  # CV (field P.6)
PTAC_MAX_KG = limits.PTAC.maximum  # kg (field F.2)
AMOUNT_MAX = limits.AMOUNT.maximum  # euros: malus of a grid, purchase price, grid maximum
DATE_MIN = limits.DATE_MIN
DATE_MAX = limits.DATE_MAX

# Written forms accepted from text (command line, CSV, a form): ASCII digits only, so "٦" (an
# Arabic-Indic six) or "6_0" are refused, and dates only as AAAA-MM-JJ (not 20240101).
_INTEGER_TEXT = re.compile(r"[0-9]{1,9}")
_AMOUNT_TEXT = re.compile(r"[0-9]{1,15}(?:[.,][0-9]{1,15})?")
_DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _as_date(value, field_name, label):
    day = None
    if isinstance(value, datetime.datetime):
        day = value.date()
    elif isinstance(value, datetime.date):
        day = value
    elif isinstance(value, str) and _DATE_TEXT.fullmatch(value.strip()):
        with contextlib.suppress(ValueError):
            day = datetime.date.fromisoformat(value.strip())
    if day is None:
        raise GreycardError(
            field_name, f"{label} « {value} » invalide : date attendue au format AAAA-MM-JJ."
        )
    if not DATE_MIN <= day <= DATE_MAX:
        raise GreycardError(
            field_name,
            f"{label} « {day.isoformat()} » invalide : date attendue entre le {fr_date(DATE_MIN)} "
            f"et le {fr_date(DATE_MAX)}.",
        )
    return day


def _as_amount(value, field_name, label):
    if value is None or value == "":
        return None
    amount = None
    if isinstance(value, str):
        text = value.strip()
        if _AMOUNT_TEXT.fullmatch(text):
            amount = Decimal(text.replace(",", "."))
    elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        with contextlib.suppress(InvalidOperation):
            amount = Decimal(str(value))
    if amount is None or not amount.is_finite():
        raise GreycardError(field_name, f"{label} « {value} » invalide : montant attendu.")
    if not 0 <= amount <= AMOUNT_MAX:
        raise GreycardError(
            field_name,
            f"{label} « {value} » invalide : montant en euros de 0 à {fr_amount(AMOUNT_MAX)} "
            "attendu.",
        )
    return amount.quantize(CENT, ROUND_HALF_UP)


def _as_integer(value):
    """``value`` as an int when it is an integer or its ASCII decimal writing, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _INTEGER_TEXT.fullmatch(value.strip()):
        return int(value.strip())
    return None


def _as_fiscal_power(value):
    power = _as_integer(value)
    if power is None or not 1 <= power <= FISCAL_POWER_MAX:
        raise GreycardError(
            "fiscal_power",
            f"Puissance fiscale « {value} » invalide : nombre entier de chevaux fiscaux (CV) "
            f"de 1 à {FISCAL_POWER_MAX} attendu (champ P.6 de la carte grise).",
        )
    return power


def _as_ptac(value):
    if value is None or value == "":
        return None
    ptac = _as_integer(value)
    if ptac is None or not 1 <= ptac <= PTAC_MAX_KG:
        raise GreycardError(
            "ptac",
            f"PTAC « {value} » invalide : masse en kilogrammes de 1 à {PTAC_MAX_KG} attendue "
            "(champ F.2).",
        )
    return ptac


# The input checks, public: each returns the clean value or raises GreycardError (field, French
# message).
check_fiscal_power = _as_fiscal_power
check_ptac = _as_ptac


def check_amount(value, field_name="amount", label="Montant"):
    return _as_amount(value, field_name, label)


def check_date(value, field_name="date", label="Date"):
    return _as_date(value, field_name, label)


def add_months(day, months):
    """``day`` plus ``months`` calendar months, the day clamped to the end of the month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (following - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


def full_months(start, end):
    """Number of whole calendar months from ``start`` to ``end`` (0 when ``end`` < one month)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    while months > 0 and add_months(start, months) > end:
        months -= 1
    return max(months, 0)


def started_months(start, end):
    """Months started since ``start`` on ``end``: the anniversary day starts a new month.

    BOFiP BOI-AIS-MOB-10-20-40: 13/02/2023 → 10/04/2025 = 26 months; 13/02/2019 → 01/03/2025 = 73.
    """
    return full_months(start, end) + 1


def ten_year_anniversary(first_registration, years=10):
    return add_months(first_registration, 12 * years)


def _resolve_region(inp, tariffs):
    department = None
    try:
        if inp.department not in (None, ""):
            department = identifiers.normalize_department(inp.department)
        if inp.postcode not in (None, ""):
            from_postcode = identifiers.postcode_to_department(inp.postcode)
            if department and from_postcode != department:
                raise GreycardError(
                    "postcode",
                    f"Code postal « {inp.postcode} » (département {from_postcode}) incohérent "
                    f"avec le département {department} indiqué.",
                )
            department = from_postcode
    except GreycardError:
        raise
    except SpoticarValidationError as exc:
        raise GreycardError(exc.field, exc.message) from exc
    if department is None:
        raise GreycardError(
            "postcode",
            "Code postal du titulaire manquant : la taxe régionale dépend de la région du "
            "nouveau titulaire (domicile, ou établissement d'affectation du véhicule).",
        )
    if department not in tariffs.departments:
        raise GreycardError(
            "department", f"Département « {department} » absent du tableau des régions."
        )
    region_code, region_name = tariffs.departments[department]
    return department, region_code, region_name


# ------------------------------------------------------------------------------------------------
# The calculation
# ------------------------------------------------------------------------------------------------


def _e85_conversion_capped(ctx, full, amount):
    """True when the E85 conversion cap of old CIBS L421-50 limits this Y1 reduction.

    The cap (750 EUR of reduction) applies to the zero tariff of a vehicle converted to E85 since
    its last certificate, not to a 50 % reduction.
    """
    cap = ctx["tariffs"].national["e85_conversion_cap"]
    return (
        ctx["y1_reduction"] == "energy"
        and ctx["energy"] == "e85"
        and ctx["e85_conversion"]
        and amount == 0
        and ctx["operation_date"] <= _parse_date(cap["valid_to"], NATIONAL_FILE)
        and full - amount > Decimal(cap["max_reduction"])
    )


def _compute_y1(ctx, rate):
    """Y1 and its explanation; sets the reduction applied on ``ctx``."""
    national = ctx["tariffs"].national
    category = national["categories"][ctx["category"]]
    power = ctx["fiscal_power"]
    full = (power * rate.eur_per_cv).quantize(CENT, ROUND_HALF_UP)
    base_text = (
        f"{power} CV × {fr_amount(rate.eur_per_cv)}/CV ({rate.region_name}, tarif en vigueur "
        f"depuis le {fr_date(rate.valid_from)})"
    )
    category_factor = Decimal(category["y1_factor"])
    energy_pct = rate.exemption_pct(ctx["energy"])
    energy_factor = (HUNDRED - energy_pct) / HUNDRED
    if category_factor == 0:
        ctx["y1_reduction"] = "category"
        ctx["y1_reduction_pct"] = Decimal("100.00")
        return ZERO, f"{base_text} ; {category['label']} : tarif nul (CIBS L421-46) = 0,00 €."
    if category_factor < 1 or energy_pct > 0:
        # A special tariff: category half rate or regional energy reduction, the more favourable
        # one (assumption), and never the extra 10-year halving (no cumulation, L421-45).
        if energy_pct > 0 and energy_factor <= category_factor:
            ctx["y1_reduction"] = "energy"
            factor = energy_factor
            kind = "exonération totale" if energy_pct == HUNDRED else "réduction"
            reason = (
                f"{kind} régionale de {fr_number(energy_pct)} % pour l'énergie "
                f"{ENERGY_LABELS[ctx['energy']]} (délibération de la région pour la période)"
            )
        else:
            ctx["y1_reduction"] = "category"
            factor = category_factor
            reason = f"{category['label']} : demi-tarif (CIBS L421-47)"
        amount = (full * factor).quantize(CENT, ROUND_HALF_UP)
        if _e85_conversion_capped(ctx, full, amount):
            cap = national["e85_conversion_cap"]
            amount = full - Decimal(cap["max_reduction"])
            reason += f", plafonnée à {fr_amount(cap['max_reduction'])} (conversion au E85)"
        ctx["y1_reduction_pct"] = ((1 - factor) * HUNDRED).quantize(CENT)
        note = f"{base_text} = {fr_amount(full)} ; {reason} = {fr_amount(amount)}."
        if ctx["ten_years_old"] and amount:
            note += " Pas de demi-tarif supplémentaire pour les 10 ans (pas de cumul, L421-45)."
        return amount, note
    if ctx["ten_years_old"]:
        ctx["y1_reduction"] = "ten_years"
        ctx["y1_reduction_pct"] = Decimal("50.00")
        amount = (full * Decimal(national["ten_year_rule"]["factor"])).quantize(CENT, ROUND_HALF_UP)
        return amount, (
            f"{base_text} = {fr_amount(full)} ; première immatriculation du "
            f"{fr_date(ctx['first_registration_date'])}, 10 ans ou plus : demi-tarif "
            f"(CIBS L421-45) = {fr_amount(amount)}."
        )
    return full, f"{base_text} = {fr_amount(full)}."


def _compute_y2(ctx):
    national = ctx["tariffs"].national
    category = national["categories"][ctx["category"]]
    if not category["y2"]:
        return ZERO, f"non due pour la catégorie {category['label']} (CIBS L421-55)."
    ptac = ctx["ptac"]
    if ptac is None:
        if category.get("ptac_required"):
            raise GreycardError(
                "ptac",
                f"PTAC manquant : il est nécessaire pour la catégorie {category['label']} "
                "(taxe sur les véhicules de transport, Y2).",
            )
        ptac_text = "PTAC ≤ 3 500 kg (catégorie N1)"
        ptac = category.get("ptac_max_kg", 3500)
    else:
        ptac_text = f"PTAC {ptac} kg"
    limit = category.get("ptac_max_kg")
    if limit and ptac > limit:
        raise GreycardError(
            "ptac",
            f"PTAC « {ptac} » kg incohérent : la catégorie {category['label']} est limitée à "
            f"{limit} kg.",
        )
    for bracket in national["y2_brackets"]:
        if bracket["ptac_max_kg"] is None or ptac <= bracket["ptac_max_kg"]:
            amount = Decimal(bracket["amount"])
            return amount, f"{ptac_text} : {fr_amount(amount)} (CIBS L421-56)."
    raise SpoticarError(f"{NATIONAL_FILE} : y2_brackets n'a pas de tranche finale.")


def _decote_pct(ctx):
    """(percentage, explanation) of the age reduction of the malus on the operation date."""
    national = ctx["tariffs"].national
    first, day = ctx["first_registration_date"], ctx["operation_date"]
    new = national["y3_decote_new"]
    if day >= _parse_date(new["valid_from"], NATIONAL_FILE):
        months = started_months(first, day)
        for row in new["table"]:
            if row["months_max"] is None or months <= row["months_max"]:
                pct = Decimal(row["pct"])
                break
        return pct, (
            f"{months} mois entamés depuis la première immatriculation du {fr_date(first)} : "
            f"décote forfaitaire de {fr_number(pct)} % (barème en vigueur depuis le "
            f"{fr_date(_parse_date(new['valid_from'], NATIONAL_FILE))}, CIBS L421-7-2)"
        )
    old = national["y3_decote_old"]
    months = full_months(first, day)
    periods = 0
    if months >= old["first_period_starts_after_months"]:
        periods = months // old["period_months"] + 1
    pct = min(HUNDRED, Decimal(old["pct_per_period"] * periods))
    return pct, (
        f"{periods} période(s) de 12 mois entamée(s) depuis la première immatriculation du "
        f"{fr_date(first)} (la première à partir du 7e mois) : réfaction de {fr_number(pct)} % "
        "(règle antérieure au 1er mars 2025, CIBS L421-60 et L421-73)"
    )


def _compute_y3(ctx):
    national = ctx["tariffs"].national
    category = national["categories"][ctx["category"]]
    co2, mass = ctx["co2_malus"], ctx["mass_malus"]
    if not ctx["imported"]:
        if (co2 or 0) > 0 or (mass or 0) > 0:
            raise GreycardError(
                "imported",
                "Malus CO2 ou masse indiqué pour un véhicule déjà immatriculé en France : Y3 "
                "n'est dû qu'à la première immatriculation en France d'un véhicule importé.",
            )
        return ZERO, "véhicule déjà immatriculé en France : pas de malus CO2 ni masse."
    if not category["y3"]:
        return ZERO, f"non due pour la catégorie {category['label']} (CIBS L421-36)."
    if ctx["energy"] in national["y3_exempt_energies"]:
        return ZERO, (
            f"véhicule {ENERGY_LABELS[ctx['energy']]} : exonéré des taxes CO2 et masse "
            "(CIBS L421-67 et L421-78)."
        )
    if co2 is None:
        raise GreycardError(
            "co2_malus",
            "Malus CO2 manquant pour un véhicule importé : indiquez le montant lu sur la grille "
            "de l'année de première immatriculation (0 si aucun).",
        )
    mass = mass or ZERO
    first = ctx["first_registration_date"]
    mass_from = _parse_date(national["y3_mass_malus_from_first_registration"], NATIONAL_FILE)
    if mass > 0 and first < mass_from:
        raise GreycardError(
            "mass_malus",
            f"Malus masse « {mass} » invalide : il ne s'applique qu'aux véhicules dont la "
            f"première immatriculation date du {fr_date(mass_from)} ou après.",
        )
    pct, decote_text = _decote_pct(ctx)
    keep = (HUNDRED - pct) / HUNDRED
    co2_due = (co2 * keep).quantize(CENT, ROUND_HALF_UP)
    mass_due = (mass * keep).quantize(CENT, ROUND_HALF_UP)
    parts = [
        f"malus CO2 de la grille {fr_amount(co2)}, malus masse {fr_amount(mass)} ; {decote_text}"
        f" : {fr_amount(co2_due)} + {fr_amount(mass_due)}"
    ]
    price_cap = national["y3_price_cap"]
    if first >= _parse_date(price_cap["first_registration_from"], NATIONAL_FILE):
        price = ctx["purchase_price"]
        if price is None:
            parts.append("plafond de 50 % du prix d'achat TTC non vérifié (prix non fourni)")
        else:
            cap = (price * Decimal(price_cap["pct"]) / HUNDRED).quantize(CENT, ROUND_HALF_UP)
            if co2_due > cap:
                co2_due = cap
                parts.append(
                    f"malus CO2 plafonné à 50 % du prix d'achat TTC ({fr_amount(cap)}, "
                    "CIBS L421-61)"
                )
    amount = co2_due + mass_due
    grid_max = ctx["co2_grid_max"]
    if grid_max is None:
        if mass_due > 0:
            parts.append("plafond CO2 + masse (maximum de la grille CO2) non vérifié")
    elif amount > grid_max:
        amount = grid_max
        parts.append(f"total plafonné au maximum de la grille CO2 ({fr_amount(grid_max)}, L421-74)")
    if ctx["category"] == "N1" and amount:
        parts.append(
            "pour un utilitaire N1, le malus n'est dû que s'il est un véhicule de tourisme au sens "
            "du CIBS (pick-up de 5 places ou plus, camionnette à deux rangs de places ou plus) : "
            "sinon, indiquez un malus nul"
        )
    if ctx["energy"] == "e85":
        parts.append(
            "superéthanol E85 : le malus saisi doit tenir compte de l'abattement de 40 % des "
            "émissions de CO2 (CIBS L421-68)"
        )
    return amount, " ; ".join(parts) + f" = {fr_amount(amount)}."


def _uncertainties(ctx, tariffs, region_code, subtotal):
    notes = []
    day = ctx["operation_date"]
    for item in tariffs.national.get("uncertainties", []):
        if item.get("regions") and region_code not in item["regions"]:
            continue
        if item.get("energies") and ctx["energy"] not in item["energies"]:
            continue
        start = _optional_date(item.get("valid_from"), NATIONAL_FILE)
        end = _optional_date(item.get("valid_to"), NATIONAL_FILE)
        if (start and day < start) or (end and day > end):
            continue
        when = item.get("when")
        if when == "fractional_subtotal" and subtotal == subtotal.to_integral_value():
            continue
        if when == "ten_year_anniversary_month":
            anniversary = ten_year_anniversary(ctx["first_registration_date"])
            if abs((day - anniversary).days) > 31:
                continue
        notes.append(item["note"])
    return notes


def compute(inp, tariffs=None, estimate=False):
    """Compute the carte grise amounts of ``inp`` (a :class:`GreycardInput`) with ``tariffs``
    (default: :func:`default_tariffs`, the package's files, for the command line).

    ``estimate``: when the operation date is after the last known period of the holder's region
    (or after the date up to which the tariffs were reviewed), compute at the last known rate and
    mark the result as an estimate instead of raising :class:`GreycardError`.
    """
    tariffs = tariffs or default_tariffs()
    national = tariffs.national
    ptac = _as_ptac(inp.ptac)
    ctx = {
        "tariffs": tariffs,
        "fiscal_power": _as_fiscal_power(inp.fiscal_power),
        "energy": normalize_energy(inp.energy),
        "category": normalize_category(inp.category, ptac, national["categories"]),
        "ptac": ptac,
        "first_registration_date": _as_date(
            inp.first_registration_date,
            "first_registration_date",
            "Date de première immatriculation",
        ),
        "operation_date": _as_date(inp.operation_date, "operation_date", "Date de l'opération"),
        "imported": bool(inp.imported),
        "co2_malus": _as_amount(inp.co2_malus, "co2_malus", "Malus CO2"),
        "mass_malus": _as_amount(inp.mass_malus, "mass_malus", "Malus masse"),
        "purchase_price": _as_amount(inp.purchase_price, "purchase_price", "Prix d'achat"),
        "co2_grid_max": _as_amount(inp.co2_grid_max, "co2_grid_max", "Maximum de la grille CO2"),
        "e85_conversion": bool(inp.e85_conversion),
        "y1_reduction": None,
        "y1_reduction_pct": Decimal("0.00"),
    }
    first, day = ctx["first_registration_date"], ctx["operation_date"]
    if first > day:
        raise GreycardError(
            "first_registration_date",
            f"Date de première immatriculation « {fr_date(first)} » postérieure à la date de "
            f"l'opération ({fr_date(day)}).",
        )
    years = national["ten_year_rule"]["years"]
    ctx["ten_years_old"] = day >= ten_year_anniversary(first, years)
    department, region_code, region_name = _resolve_region(inp, tariffs)
    estimated = None
    try:
        rate = tariffs.rate_for(region_code, day)
    except GreycardError:
        estimated = tariffs.last_known(region_code, day) if estimate else None
        if estimated is None:
            raise
        rate, last_known_day = estimated

    y1, y1_text = _compute_y1(ctx, rate)
    y2, y2_text = _compute_y2(ctx)
    y3, y3_text = _compute_y3(ctx)
    y4 = tariffs.national_amount("y4_taxe_fixe", day, estimate=bool(estimated))
    category = national["categories"][ctx["category"]]
    y5 = (
        tariffs.national_amount("y5_redevance", day, estimate=bool(estimated))
        if category["y5"]
        else ZERO
    )
    subtotal = y1 + y2 + y3 + y4
    rounded = subtotal.quantize(EURO, ROUND_HALF_UP)
    total = (rounded + y5).quantize(CENT)
    explanations = {
        "Y1": y1_text,
        "Y2": y2_text,
        "Y3": y3_text,
        "Y4": f"taxe fixe de {fr_amount(y4)}, due pour tout certificat (CIBS L421-38).",
        "Y5": (
            f"redevance d'acheminement du titre de {fr_amount(y5)}."
            if category["y5"]
            else "redevance d'acheminement non due pour un cyclomoteur."
        ),
        "Total": (
            f"sous-total Y1 à Y4 {fr_amount(subtotal)} arrondi à l'euro le plus proche "
            f"({fr_amount(rounded)}), plus Y5 {fr_amount(y5)} = {fr_amount(total)}."
        ),
    }
    return GreycardResult(
        region_code=region_code,
        region_name=region_name,
        department=department,
        rate_per_cv=rate.eur_per_cv.quantize(CENT),
        rate_valid_from=rate.valid_from,
        rate_valid_to=rate.valid_to,
        rate_source=rate.source_url,
        y1=y1.quantize(CENT),
        y2=y2.quantize(CENT),
        y3=y3.quantize(CENT),
        y4=y4.quantize(CENT),
        y5=y5.quantize(CENT),
        subtotal=subtotal.quantize(CENT),
        rounding=(rounded - subtotal).quantize(CENT),
        total=total,
        y1_reduction_pct=ctx["y1_reduction_pct"],
        y1_reduction=ctx["y1_reduction"],
        explanations=explanations,
        uncertainties=_uncertainties(ctx, tariffs, region_code, subtotal),
        rate_ref=rate.ref,
        estimate=bool(estimated),
        estimate_year=day.year if estimated else None,
        estimate_rate_year=last_known_day.year if estimated else None,
        estimate_from=last_known_day + datetime.timedelta(days=1) if estimated else None,
    )
