"""The Centralisateur declaration, protocol version 1: schema, validation and log masking.

This module is the single place where the declaration body is described. The sandbox server and the
Odoo connector both call :func:`validate_declaration`, and ``docs/centralizer-protocol.md`` carries
the table produced by :func:`schema_markdown` (a test keeps the two identical). When the real
specification arrives, adapt ``BLOCKS``, ``GUARANTORS`` and the checks below, then regenerate the
table in the document.

A declaration is a JSON object made of blocks::

    {"dealer": {...}, "guarantors": ["spoticar_stellantis"], "sale": {...}, "customer": {...},
     "vehicle": {...}, "consent": {...}, "warranty": {...}}

:func:`validate_declaration` returns every problem at once as ``[{"field", "message"}]`` where
``field`` is the dotted path (``"vehicle.category"``) and ``message`` is French, in the words of the
Centralisateur ("Le champ type véhicule est obligatoire").
"""

import copy
import datetime
import hashlib
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from . import limits, vocabulary
from .vocabulary import Guarantor  # noqa: F401 - part of this module's interface

PROTOCOL_VERSION = "1"

# The guarantors that a declaration lists (NPO is implied by every declaration), the civilities,
# vehicle categories, labels and energies: spoticar_core.vocabulary, the suite's one vocabulary.
GUARANTORS = {g.code: g for g in vocabulary.COMMERCIAL_GUARANTORS}
CIVILITIES = tuple(term.protocol_value for term in vocabulary.CIVILITIES)
VEHICLE_CATEGORIES = vocabulary.VEHICLE_CATEGORY_KEYS
LABELS = vocabulary.LABEL_KEYS
ENERGIES = vocabulary.ENERGY_KEYS

# Numbers the Centralisateur gives (see "Numbering" in docs/centralizer-protocol.md): checked when a
# manager records a declaration made outside Odoo.
DECLARATION_NUMBER_RE = re.compile(r"^SP(\d{6}[A-Z])(\d{9})$")
CONTRACT_NUMBER_RES = {
    "spoticar_stellantis": re.compile(r"^\d{11}$"),
    "autogarantie": re.compile(r"^AG\d{9}$"),
    "cirano": re.compile(r"^CI\d{9}$"),
}


def declaration_number_error(number, rrd_code=None):
    """French message when ``number`` is not a declaration number of the dealer, else None."""
    match = DECLARATION_NUMBER_RE.match(number or "")
    if not match:
        return (
            "Le numéro de déclaration doit s'écrire SP, le code RRD du point de vente et 9 "
            "chiffres (ex. SP953617Z103833712)."
        )
    if rrd_code and match.group(1) != rrd_code:
        return f"Le numéro de déclaration ne porte pas le code RRD du point de vente ({rrd_code})."
    return None


def contract_number_error(guarantor_code, number):
    """French message when ``number`` is not a contract number of the guarantor, else None."""
    guarantor = GUARANTORS.get(guarantor_code)
    pattern = CONTRACT_NUMBER_RES.get(guarantor_code)
    if guarantor is None or pattern is None:
        return f"Garant inconnu : {guarantor_code}."
    if not pattern.match(number or ""):
        return f"Le numéro de contrat {guarantor.name} doit s'écrire : {guarantor.contract_format}."
    return None


CIVILITIES = ("M", "MME")
VEHICLE_CATEGORIES = ("VP", "VU")
LABELS = ("spoticar", "ds_certified", "alfa_romeo_certified")


@dataclass(frozen=True)
class Field:
    """One field of a block. ``label`` is the French name used in "Le champ <label> est ..."."""

    name: str
    label: str
    type: str  # string, date, integer, boolean, decimal, enum, country, email, phone
    required: bool = False
    personal: bool = False
    choices: tuple = ()
    max_length: int | None = None
    example: object = None
    help: str = ""
    max_value: int | None = None  # integers: the largest value that makes sense (limits)


@dataclass(frozen=True)
class Block:
    name: str
    label: str
    fields: tuple
    help: str = ""

    def field(self, name):
        for field in self.fields:
            if field.name == name:
                return field
        return None


_S = "string"
# What ``vehicle.manufacturer_warranty_end_km`` holds when the manufacturer warranty has no km
# limit ("kilométrage illimité"): the largest value the field accepts.
UNLIMITED_MANUFACTURER_WARRANTY_KM = limits.MANUFACTURER_WARRANTY_KM.maximum
_BLOCK_LIST = (
    Block(
        "dealer",
        "point de vente",
        (
            Field(
                "rrd_code",
                "code RRD",
                _S,
                True,
                max_length=7,
                example="953617Z",
                help="6 chiffres et une lettre majuscule",
            ),
            Field(
                "name",
                "raison sociale du point de vente",
                _S,
                True,
                max_length=128,
                example="AXILOG DEMO",
            ),
            Field(
                "icare_identifier",
                "identifiant Icare",
                _S,
                True,
                max_length=32,
                example="IC953617",
                help="obligatoire (NPO)",
            ),
            Field(
                "cirano_identifier",
                "identifiant Cirano",
                _S,
                max_length=32,
                example="RS8010004",
                help="obligatoire avec le garant cirano",
            ),
            Field("stellantis_t_code", "code T Stellantis", _S, max_length=32, example=""),
        ),
        "Le point de vente déclarant et ses identifiants chez les garants.",
    ),
    Block(
        "sale",
        "vente",
        (
            Field(
                "origin",
                "origine de la vente",
                _S,
                True,
                max_length=64,
                example="Reprise VO sur VO",
            ),
            Field(
                "seller_name",
                "vendeur véhicule d'occasion",
                _S,
                True,
                True,
                max_length=128,
                example="Nicolas Pélissier",
            ),
            Field("sale_date", "date de vente", "date", True, example="2025-11-28"),
            Field("delivery_date", "date de livraison", "date", True, example="2025-11-30"),
            Field(
                "order_reference",
                "référence du bon de commande",
                _S,
                max_length=64,
                example="S00042",
            ),
            Field(
                "sale_price", "prix de vente", "decimal", example="10290.76", help="TTC, en euros"
            ),
            Field("trade_in_value", "valeur de reprise", "decimal", example="0.00"),
        ),
    ),
    Block(
        "customer",
        "client",
        (
            Field("civility", "civilité", "enum", True, True, CIVILITIES, example="M"),
            Field("last_name", "nom", _S, True, True, max_length=64, example="Dupond"),
            Field("first_name", "prénom", _S, True, True, max_length=64, example="Jean"),
            Field("birth_name", "nom de naissance", _S, personal=True, max_length=64, example=""),
            Field("street", "adresse", _S, True, True, max_length=128, example="Rue Spoticar"),
            Field("street2", "complément adresse 1", _S, personal=True, max_length=128, example=""),
            Field("street3", "complément adresse 2", _S, personal=True, max_length=128, example=""),
            Field(
                "zip",
                "code postal",
                _S,
                True,
                True,
                max_length=10,
                example="75010",
                help="5 chiffres en France",
            ),
            Field("city", "ville", _S, True, True, max_length=64, example="PARIS"),
            Field("country", "pays de résidence", "country", True, True, example="FR"),
            Field(
                "email",
                "e-mail",
                "email",
                personal=True,
                max_length=128,
                example="jean.dupond@example.com",
            ),
            Field("phone", "téléphone fixe", "phone", personal=True, example="0102030405"),
            Field("mobile", "téléphone mobile", "phone", personal=True, example="0607080910"),
            Field("birth_date", "date de naissance", "date", True, True, example="1960-05-17"),
            Field(
                "birth_place", "lieu de naissance", _S, True, True, max_length=64, example="Tours"
            ),
            Field("birth_country", "pays de naissance", "country", True, True, example="FR"),
            Field("nationality", "nationalité", "country", True, True, example="FR"),
            Field("profession", "profession", _S, personal=True, max_length=64, example=""),
            Field(
                "company_name",
                "société",
                _S,
                personal=True,
                max_length=128,
                example="",
                help="client professionnel",
            ),
            Field("siret", "SIRET", _S, personal=True, max_length=14, example=""),
        ),
        "Le bénéficiaire de la garantie. Tout le bloc est une donnée personnelle.",
    ),
    Block(
        "vehicle",
        "véhicule",
        (
            Field(
                "category", "type véhicule", "enum", True, choices=VEHICLE_CATEGORIES, example="VP"
            ),
            Field(
                "license_plate",
                "immatriculation",
                _S,
                True,
                True,
                max_length=12,
                example="DL-342-MP",
                help="SIV AA-123-AA ou FNI 1234 AB 75",
            ),
            Field(
                "registration_type",
                "type carte grise",
                _S,
                max_length=32,
                example="M10789456/23",
                help="type CG : D.2 (type, variante, version) ou D.2.1 (CNIT)",
            ),
            Field(
                "first_registration_date",
                "date première immat.",
                "date",
                True,
                example="2023-05-11",
            ),
            Field("make", "marque", _S, True, max_length=64, example="PEUGEOT"),
            Field("model", "modèle véhicule", _S, True, max_length=64, example="208"),
            Field(
                "version",
                "version",
                _S,
                True,
                max_length=128,
                example="1.2 PURETECH 100 CH S&S ALLURE",
            ),
            Field("energy", "énergie", "enum", True, choices=ENERGIES, example="petrol"),
            Field(
                "displacement",
                "cylindrée",
                "integer",
                example=1199,
                help="cm3",
                max_value=limits.DISPLACEMENT.maximum,
            ),
            Field(
                "fiscal_power",
                "puissance fiscale",
                "integer",
                example=5,
                help="CV",
                max_value=limits.FISCAL_POWER.maximum,
            ),
            Field(
                "din_power",
                "puissance DIN",
                "integer",
                True,
                example=100,
                help="ch",
                max_value=limits.DIN_POWER.maximum,
            ),
            Field(
                "power_kw", "puissance kW", "integer", example=74, max_value=limits.POWER_KW.maximum
            ),
            Field(
                "vin",
                "VIN",
                _S,
                True,
                True,
                max_length=17,
                example="VF3UPHNS8PS123456",
                help="17 caractères, sans I, O ni Q",
            ),
            Field("four_wheel_drive", "4x4", "boolean", example=False),
            Field(
                "mileage",
                "km jour de la vente",
                "integer",
                True,
                example=12000,
                max_value=limits.MILEAGE.maximum,
            ),
            Field("rating", "cote du véhicule", "decimal", example=""),
            Field(
                "manufacturer_warranty_end_date",
                "date fin garantie constructeur",
                "date",
                True,
                example="2025-05-11",
            ),
            Field(
                "manufacturer_warranty_end_km",
                "km garantie constructeur",
                "integer",
                True,
                example=UNLIMITED_MANUFACTURER_WARRANTY_KM,
                help="999999 : kilométrage illimité",
                max_value=limits.MANUFACTURER_WARRANTY_KM.maximum,
            ),
        ),
    ),
    Block(
        "consent",
        "consentement du client",
        (
            Field("email", "consentement e-mail", "boolean", True, example=True),
            Field("phone", "consentement téléphone", "boolean", True, example=False),
            Field("sms", "consentement SMS", "boolean", True, example=True),
            Field("mail", "consentement courrier", "boolean", True, example=False),
        ),
        "Consentement du client (FOCUS), par canal.",
    ),
    Block(
        "warranty",
        "garantie",
        (
            Field("label", "label", "enum", True, choices=LABELS, example="spoticar"),
            Field("product_code", "code produit", _S, True, max_length=16, example="SPR"),
            Field("product_name", "garantie", _S, True, max_length=64, example="SPOTICAR PREMIUM"),
            Field(
                "duration_months",
                "durée",
                "integer",
                True,
                example=12,
                help="en mois",
                max_value=limits.WARRANTY_MONTHS.maximum,
            ),
            Field("start_date", "date début de garantie", "date", True, example="2025-11-30"),
            Field("end_date", "date fin de garantie", "date", True, example="2026-11-30"),
            Field(
                "loyalty_product", "produit fidélisation", _S, True, max_length=64, example="Aucun"
            ),
            Field("price", "prix de la garantie", "decimal", example="0.00"),
        ),
    ),
)
BLOCKS = {block.name: block for block in _BLOCK_LIST}
GUARANTORS_FIELD = "guarantors"
GUARANTORS_LABEL = "garants"
TOP_LEVEL = ("dealer", GUARANTORS_FIELD, "sale", "customer", "vehicle", "consent", "warranty")
PERSONAL_BLOCKS = ("customer",)  # every key of these blocks is masked, known or not

_RRD_RE = re.compile(r"^\d{6}[A-Z]$")
_VIN_RE = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")
_PLATE_RES = (
    re.compile(r"^[A-HJ-NP-TV-Z]{2}-\d{3}-[A-HJ-NP-TV-Z]{2}$"),  # SIV
    re.compile(r"^\d{1,4} ?[A-Z]{1,3} ?(\d{2}|2[AB]|97\d)$"),  # FNI
)
_ZIP_FR_RE = re.compile(r"^\d{5}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_RE = re.compile(r"^\+?[0-9][0-9 .\-]{5,19}$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def field_label(path):
    """French label of a dotted path (``"vehicle.vin"`` -> ``"VIN"``), else the path itself."""
    if path == GUARANTORS_FIELD:
        return GUARANTORS_LABEL
    block_name, _, field_name = path.partition(".")
    block = BLOCKS.get(block_name)
    if not block:
        return path
    if not field_name:
        return block.label
    field = block.field(field_name)
    return field.label if field else path


# -------------------------------------------------------------------------------------------------
# The warranty record of Odoo (``spoticar.warranty``) and the declaration: which field of the record
# fills which field of the body. Its mandatory fields, their labels and their limits come from here,
# so that a warranty that passes "Valider" carries everything the Centralisateur requires.
# -------------------------------------------------------------------------------------------------

WARRANTY_FIELD_PATHS = (
    # sale
    ("sale_origin", "sale.origin"),
    ("seller_id", "sale.seller_name"),
    ("sale_date", "sale.sale_date"),
    ("delivery_date", "sale.delivery_date"),
    ("sale_order_id", "sale.order_reference"),
    ("sale_price", "sale.sale_price"),
    ("trade_in_value", "sale.trade_in_value"),
    # customer
    ("customer_title", "customer.civility"),
    ("customer_lastname", "customer.last_name"),
    ("customer_firstname", "customer.first_name"),
    ("customer_birth_name", "customer.birth_name"),
    ("customer_street", "customer.street"),
    ("customer_street2", "customer.street2"),
    ("customer_street3", "customer.street3"),
    ("customer_zip", "customer.zip"),
    ("customer_city", "customer.city"),
    ("customer_country_id", "customer.country"),
    ("customer_email", "customer.email"),
    ("customer_phone", "customer.phone"),
    ("customer_mobile", "customer.mobile"),
    ("customer_birthdate", "customer.birth_date"),
    ("customer_birth_city", "customer.birth_place"),
    ("customer_birth_country_id", "customer.birth_country"),
    ("customer_nationality_id", "customer.nationality"),
    ("customer_profession", "customer.profession"),
    ("customer_company_name", "customer.company_name"),
    ("customer_siret", "customer.siret"),
    # vehicle
    ("vehicle_category", "vehicle.category"),
    ("license_plate", "vehicle.license_plate"),
    ("registration_doc_type", "vehicle.registration_type"),
    ("first_registration_date", "vehicle.first_registration_date"),
    ("vehicle_make", "vehicle.make"),
    ("vehicle_model", "vehicle.model"),
    ("vehicle_version", "vehicle.version"),
    ("energy", "vehicle.energy"),
    ("displacement", "vehicle.displacement"),
    ("fiscal_power", "vehicle.fiscal_power"),
    ("din_power", "vehicle.din_power"),
    ("power_kw", "vehicle.power_kw"),
    ("vin", "vehicle.vin"),
    ("four_wheel_drive", "vehicle.four_wheel_drive"),
    ("mileage", "vehicle.mileage"),
    ("vehicle_rating", "vehicle.rating"),
    ("mfr_warranty_end_date", "vehicle.manufacturer_warranty_end_date"),
    ("mfr_warranty_end_km", "vehicle.manufacturer_warranty_end_km"),
    # consent
    ("consent_email", "consent.email"),
    ("consent_phone", "consent.phone"),
    ("consent_sms", "consent.sms"),
    ("consent_post", "consent.mail"),
    # warranty: the product gives the label, the code and the name
    ("product_id", "warranty.label"),
    ("product_id", "warranty.product_code"),
    ("product_id", "warranty.product_name"),
    ("duration_months", "warranty.duration_months"),
    ("start_date", "warranty.start_date"),
    ("end_date", "warranty.end_date"),
    ("loyalty_product", "warranty.loyalty_product"),
    ("price", "warranty.price"),
)
# Required for a professional customer only (the dealer's rule, not the protocol's).
PROFESSIONAL_REQUIRED = ("customer.company_name", "customer.siret")


def schema_field(path):
    """The :class:`Field` of a dotted path (``"sale.sale_date"``), or None."""
    block_name, _, field_name = path.partition(".")
    block = BLOCKS.get(block_name)
    return block.field(field_name) if block else None


def warranty_paths(warranty_field):
    """The declaration paths that a warranty field fills."""
    return [path for name, path in WARRANTY_FIELD_PATHS if name == warranty_field]


def warranty_required_fields(professional=False):
    """The warranty fields that must be filled before "Valider", in the order of the form.

    A boolean is never missing (false is an answer), so the consent fields are not listed.
    """
    required = []
    for name, path in WARRANTY_FIELD_PATHS:
        field = schema_field(path)
        needed = field.required or (professional and path in PROFESSIONAL_REQUIRED)
        if needed and field.type != "boolean" and name not in required:
            required.append(name)
    return required


def warranty_max_lengths():
    """``{warranty field: max length}`` of the text fields the declaration limits."""
    limits = {}
    for name, path in WARRANTY_FIELD_PATHS:
        length = schema_field(path).max_length
        if length:
            limits[name] = min(length, limits.get(name, length))
    return limits


def warranty_max_values():
    """``{warranty field: largest value}`` of the numbers the declaration bounds."""
    return {
        name: schema_field(path).max_value
        for name, path in WARRANTY_FIELD_PATHS
        if schema_field(path).max_value is not None
    }


def warranty_field_of(path):
    """The warranty field that fills a declaration path, or None. The guarantors come from the
    warranty product's guarantor."""
    if path == GUARANTORS_FIELD:
        return "product_id"
    for name, candidate in WARRANTY_FIELD_PATHS:
        if candidate == path:
            return name
    return None


def mandatory_fields():
    """Dotted paths of every mandatory field (conditional ones excluded)."""
    return [f"{b.name}.{f.name}" for b in _BLOCK_LIST for f in b.fields if f.required]


# -------------------------------------------------------------------------------------------------
# Validation
# -------------------------------------------------------------------------------------------------


def _is_empty(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _parse_date(value):
    if not isinstance(value, str) or not _DATE_RE.match(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def _check_type(field, value):  # noqa: C901 - one branch per type reads best
    """Return a French message when ``value`` (not empty) does not fit ``field``, else None."""
    label = field.label
    kind = field.type
    if kind == "boolean":
        if not isinstance(value, bool):
            return f"Le champ {label} doit valoir true ou false"
        return None
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return f"Le champ {label} doit être un nombre entier"
        if value < 0:
            return f"Le champ {label} doit être positif ou nul"
        if field.max_value is not None and value > field.max_value:
            return f"Le champ {label} ne doit pas dépasser {field.max_value}"
        return None
    if kind == "decimal":
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return f"Le champ {label} doit être un montant (ex. 10290.76)"
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            return f"Le champ {label} doit être un montant (ex. 10290.76)"
        if not amount.is_finite() or amount < 0:
            return f"Le champ {label} doit être un montant positif ou nul"
        if amount.as_tuple().exponent < -2:
            return f"Le champ {label} doit avoir au plus deux décimales"
        return None
    if not isinstance(value, str):
        return f"Le champ {label} doit être un texte"
    if field.max_length and len(value) > field.max_length:
        return f"Le champ {label} ne doit pas dépasser {field.max_length} caractères"
    if kind == "date" and _parse_date(value) is None:
        return f"Le champ {label} doit être une date au format AAAA-MM-JJ"
    if kind == "enum" and value not in field.choices:
        return f"Le champ {label} doit valoir l'une des valeurs : {', '.join(field.choices)}"
    if kind == "country" and not _COUNTRY_RE.match(value):
        return f"Le champ {label} doit être un code pays ISO à deux lettres (ex. FR)"
    if kind == "email" and not _EMAIL_RE.match(value):
        return f"Le champ {label} n'est pas une adresse e-mail valide"
    if kind == "phone" and not _PHONE_RE.match(value):
        return f"Le champ {label} n'est pas un numéro de téléphone valide"
    return None


def _check_format(path, value):
    """Field-specific formats, for values that already passed the type check."""
    if path == "dealer.rrd_code" and not _RRD_RE.match(value):
        return "Le champ code RRD doit comporter 6 chiffres suivis d'une lettre majuscule"
    if path == "vehicle.vin" and not _VIN_RE.match(value):
        return (
            "Le champ VIN doit comporter 17 caractères (chiffres et lettres majuscules "
            "sauf I, O et Q)"
        )
    if path == "vehicle.license_plate" and not any(r.match(value) for r in _PLATE_RES):
        return "Le champ immatriculation doit être au format AA-123-AA (ou 1234 AB 75)"
    if path == "customer.siret" and not re.match(r"^\d{14}$", value):
        return "Le champ SIRET doit comporter 14 chiffres"
    return None


def _validate_block(block, data, errors):
    if data is None:
        data = {}  # a missing block reports each of its mandatory fields
    if not isinstance(data, dict):
        errors.append(_error(block.name, f"Le bloc {block.label} doit être un objet JSON"))
        return
    for field in block.fields:
        path = f"{block.name}.{field.name}"
        value = data.get(field.name)
        if _is_empty(value):
            if field.required:
                errors.append(_error(path, f"Le champ {field.label} est obligatoire"))
            continue
        message = _check_type(field, value) or (
            _check_format(path, value) if isinstance(value, str) else None
        )
        if message:
            errors.append(_error(path, message))
    known = {field.name for field in block.fields}
    for name in sorted(set(data) - known, key=str):
        errors.append(_error(f"{block.name}.{name}", f"Le champ {block.name}.{name} est inconnu"))


def _validate_guarantors(payload, errors):
    value = payload.get(GUARANTORS_FIELD)
    if value is None or value == []:
        errors.append(_error(GUARANTORS_FIELD, "Le champ garants est obligatoire (au moins un)"))
        return []
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        errors.append(
            _error(GUARANTORS_FIELD, "Le champ garants doit être une liste de codes de garant")
        )
        return []
    codes = []
    for code in value:
        if code not in GUARANTORS:
            errors.append(
                _error(
                    GUARANTORS_FIELD,
                    f"Le garant « {code} » est inconnu (valeurs possibles : "
                    f"{', '.join(GUARANTORS)})",
                )
            )
        elif code in codes:
            errors.append(_error(GUARANTORS_FIELD, f"Le garant « {code} » est en double"))
        else:
            codes.append(code)
    return codes


def _validate_cross_fields(payload, codes, errors):
    """Rules between fields, checked only on values that are individually valid."""
    failed = {error["field"] for error in errors}

    def get(path):
        if path in failed:
            return None
        block, _, name = path.partition(".")
        data = payload.get(block)
        return data.get(name) if isinstance(data, dict) else None

    dealer = payload.get("dealer") if isinstance(payload.get("dealer"), dict) else {}
    for code in codes:
        guarantor = GUARANTORS[code]
        path = f"dealer.{guarantor.identifier_field}" if guarantor.identifier_field else None
        if path and path not in failed and _is_empty(dealer.get(guarantor.identifier_field)):
            errors.append(
                _error(
                    path,
                    f"Le champ {field_label(path)} est obligatoire pour la garantie "
                    f"« {guarantor.name} »",
                )
            )

    start, end = _parse_date(get("warranty.start_date")), _parse_date(get("warranty.end_date"))
    if start and end and end <= start:
        errors.append(
            _error(
                "warranty.end_date",
                "La date de fin de garantie doit être postérieure à la date de début de garantie",
            )
        )
    first_reg = _parse_date(get("vehicle.first_registration_date"))
    sale_date = _parse_date(get("sale.sale_date"))
    if first_reg and sale_date and first_reg > sale_date:
        errors.append(
            _error(
                "vehicle.first_registration_date",
                "La date de première immatriculation ne peut pas être postérieure à la date de "
                "vente",
            )
        )
    birth_date = _parse_date(get("customer.birth_date"))
    if birth_date and sale_date and birth_date >= sale_date:
        errors.append(
            _error(
                "customer.birth_date",
                "La date de naissance doit être antérieure à la date de vente",
            )
        )
    zip_code, country = get("customer.zip"), get("customer.country")
    if zip_code and country == "FR" and not _ZIP_FR_RE.match(zip_code):
        errors.append(_error("customer.zip", "Le champ code postal doit comporter 5 chiffres"))


def _error(field, message):
    return {"field": field, "message": message}


def validate_declaration(payload):
    """Check a declaration body; return the list of ``{"field", "message"}`` problems (French).

    An empty list means the declaration is valid. Every problem is reported at once, in the order
    of the blocks and fields. Messages never repeat the submitted values (they may be personal).
    """
    if not isinstance(payload, dict):
        return [_error("", "Le corps de la requête doit être un objet JSON")]
    errors = []
    codes = []
    for name in TOP_LEVEL:
        if name == GUARANTORS_FIELD:
            codes = _validate_guarantors(payload, errors)
        else:
            _validate_block(BLOCKS[name], payload.get(name), errors)
    for name in sorted(set(payload) - set(TOP_LEVEL), key=str):
        errors.append(_error(str(name), f"Le bloc {name} est inconnu"))
    _validate_cross_fields(payload, codes, errors)
    return errors


# -------------------------------------------------------------------------------------------------
# Personal data masking (for logs and the exchange journal)
# -------------------------------------------------------------------------------------------------

MASK = "***"


def _mask_value(value):
    if value is None or value == "" or isinstance(value, bool):
        return value
    if isinstance(value, str):
        if "@" in value:
            return value[:1] + MASK + "@" + MASK
        if _DATE_RE.match(value):
            return "****-**-**"
        return value[:1] + MASK if len(value) > 3 else MASK
    if isinstance(value, (int, float)):
        return MASK
    return MASK


def _personal_names(block_name):
    block = BLOCKS.get(block_name)
    return {field.name for field in block.fields if field.personal} if block else set()


def mask_personal_data(payload):
    """Return a deep copy of a declaration (or of an answer embedding one) safe to log or store.

    Every value of the customer block and every field flagged ``personal`` (seller name, plate,
    VIN) is replaced by a mask keeping at most the first character: ``"Dupond"`` -> ``"D***"``,
    ``"jean@example.com"`` -> ``"j***@***"``, dates -> ``"****-**-**"``. Booleans (consents) and
    empty values are kept. The input is not modified. A nested ``"declaration"`` object (as in the
    answer of ``GET /api/v1/declarations/{number}``) is masked too.
    """
    if not isinstance(payload, dict):
        return copy.deepcopy(payload)
    masked = copy.deepcopy(payload)
    for block_name, data in masked.items():
        if block_name == "declaration" and isinstance(data, dict):
            masked[block_name] = mask_personal_data(data)
            continue
        if not isinstance(data, dict):
            continue
        personal = set(data) if block_name in PERSONAL_BLOCKS else _personal_names(block_name)
        for name in personal & set(data):
            data[name] = _mask_value(data[name])
    return masked


# -------------------------------------------------------------------------------------------------
# Helpers
# -------------------------------------------------------------------------------------------------


def canonical_json(payload):
    """Stable JSON text of a payload (sorted keys, no spaces): the same body gives the same text."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def payload_fingerprint(payload):
    """SHA-256 of :func:`canonical_json`: how the server tells a replay from a different body."""
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


def _to_json_value(field, value):
    """Python/Odoo value -> protocol value; None when empty (Odoo gives False for empty fields)."""
    if field is None:
        return value  # unknown field: kept as is, validation names it
    if field.type == "boolean":
        return value if value is None else bool(value)
    if value is None or value is False or (isinstance(value, str) and not value.strip()):
        return None
    if field.type == "date" and isinstance(value, (datetime.date, datetime.datetime)):
        return (value.date() if isinstance(value, datetime.datetime) else value).isoformat()
    if field.type == "decimal" and isinstance(value, (int, float, Decimal)):
        return str(Decimal(str(value)).quantize(Decimal("0.01")))
    if field.type == "integer" and isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.strip()
    return value


def build_declaration(*, dealer, guarantors, sale, customer, vehicle, consent, warranty):
    """Assemble a declaration body from plain dicts of Python values (e.g. read from Odoo).

    Dates become ``AAAA-MM-JJ``, amounts (float, int, Decimal) decimal strings with two decimals,
    integral floats integers, text is stripped; empty values (None, False, "") are left out so the
    validation reports them as missing; booleans are kept. Unknown keys are kept (and reported by
    :func:`validate_declaration`). Returns the body, blocks in protocol order; it is not
    validated here: call :func:`validate_declaration` on it.
    """
    blocks = {
        "dealer": dealer,
        "sale": sale,
        "customer": customer,
        "vehicle": vehicle,
        "consent": consent,
        "warranty": warranty,
    }
    payload = {}
    for name in TOP_LEVEL:
        if name == GUARANTORS_FIELD:
            payload[name] = list(guarantors or [])
            continue
        block, data = BLOCKS[name], blocks[name] or {}
        converted = {key: _to_json_value(block.field(key), value) for key, value in data.items()}
        payload[name] = {key: value for key, value in converted.items() if value is not None}
    return payload


def example_declaration():
    """A complete, valid declaration built from the field examples (a fresh copy on every call)."""
    payload = {}
    for name in TOP_LEVEL:
        if name == GUARANTORS_FIELD:
            payload[name] = ["spoticar_stellantis"]
            continue
        payload[name] = {
            field.name: field.example
            for field in BLOCKS[name].fields
            if field.example not in (None, "")
        }
    return payload


def _type_text(field):
    if field.type == "enum":
        return "enum: " + ", ".join(f"`{choice}`" for choice in field.choices)
    if field.type == "string" and field.max_length:
        return f"string ({field.max_length})"
    if field.type == "integer" and field.max_value is not None:
        return f"integer (0 à {field.max_value})"
    return {
        "decimal": "decimal (string)",
        "date": "date (AAAA-MM-JJ)",
        "country": "country (ISO 2)",
    }.get(field.type, field.type)


def schema_markdown():
    """The field tables of the protocol document, generated from ``BLOCKS`` and ``GUARANTORS``."""
    lines = []
    for block in _BLOCK_LIST:
        lines += [f"#### `{block.name}` ({block.label})", ""]
        if block.help:
            lines += [block.help, ""]
        lines += [
            "| Field | Type | Mandatory | Personal | French label | Example | Notes |",
            "|---|---|---|---|---|---|---|",
        ]
        for field in block.fields:
            example = (
                "" if field.example in (None, "") else json.dumps(field.example, ensure_ascii=False)
            )
            lines.append(
                f"| `{field.name}` | {_type_text(field)} | {'yes' if field.required else 'no'} "
                f"| {'yes' if field.personal or block.name in PERSONAL_BLOCKS else 'no'} "
                f"| {field.label} | {example and '`' + example + '`'} | {field.help} |"
            )
        lines.append("")
    lines += [
        f"#### `{GUARANTORS_FIELD}` ({GUARANTORS_LABEL})",
        "",
        "A non-empty JSON list of guarantor codes, without duplicates; one contract per code.",
        "",
        "| Code | Guarantor | Dealer identifier required | Contract number (sandbox) |",
        "|---|---|---|---|",
    ]
    for guarantor in GUARANTORS.values():
        ident = f"`dealer.{guarantor.identifier_field}`" if guarantor.identifier_field else "none"
        lines.append(
            f"| `{guarantor.code}` | {guarantor.name} | {ident} | {guarantor.contract_format} |"
        )
    return "\n".join(lines) + "\n"
