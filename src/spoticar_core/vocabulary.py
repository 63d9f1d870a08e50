"""The suite's vocabulary: every list of values that the calculator, the declaration and Odoo share.

Energies, vehicle categories, warranty labels, civilities, sale origins, loyalty products and
guarantors are defined here once. Each value is a :class:`Term`:

- ``key``: the stored value (Odoo selection key, calculator and declaration value);
- ``label``: the English source string that Odoo shows, translated by the addons' ``fr.po``;
- ``label_fr``: the French wording of the documents, the command line and the messages of this
  package;
- ``code``: how the Centralisateur writes the value, when it differs from ``key``.

The Odoo addons build their selections with :func:`selection` and never copy a list; a test of each
addon compares the installed selections with the keys below.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    key: str
    label: str
    label_fr: str
    code: str = ""

    @property
    def protocol_value(self):
        """The value written in the declaration."""
        return self.code or self.key


def selection(terms):
    """Odoo selection ``[(key, label)]`` of ``terms``."""
    return [(term.key, term.label) for term in terms]


def keys(terms):
    return tuple(term.key for term in terms)


def term(terms, key):
    """The term of ``key`` in ``terms``, or None."""
    for candidate in terms:
        if candidate.key == key:
            return candidate
    return None


def protocol_value(terms, key):
    """How the declaration writes ``key`` (None for an empty or unknown key)."""
    found = term(terms, key) if key else None
    return found.protocol_value if found else None


# -------------------------------------------------------------------------------------------------
# Vehicles
# -------------------------------------------------------------------------------------------------

ENERGIES = (
    Term("petrol", "Petrol", "essence"),
    Term("diesel", "Diesel", "gazole"),
    Term("hybrid", "Hybrid", "hybride"),
    Term("plugin_hybrid", "Plug-in hybrid", "hybride rechargeable"),
    Term("electric", "Electric", "électrique"),
    Term("hydrogen", "Hydrogen", "hydrogène"),
    Term("e85", "Flex fuel E85", "superéthanol E85"),
    Term("lpg", "LPG", "GPL"),
    Term("cng", "CNG", "GNV"),
)
ENERGY_KEYS = keys(ENERGIES)

# Energy families of the warranty products' km limits and of the information statement's boxes.
ENERGY_FAMILIES = {
    "petrol": "petrol",
    "e85": "petrol",
    "lpg": "petrol",
    "cng": "petrol",
    "diesel": "diesel",
    "hybrid": "hybrid",
    "plugin_hybrid": "hybrid",
    "electric": "electric",
    "hydrogen": "electric",
}

VEHICLE_CATEGORIES = (
    Term("VP", "Passenger car (VP)", "voiture particulière (VP)"),
    Term("VU", "Light utility vehicle (VU)", "véhicule utilitaire léger (VU)"),
)
VEHICLE_CATEGORY_KEYS = keys(VEHICLE_CATEGORIES)
# The passenger car category: a vehicle of unknown category counts as one (the stricter rules).
PASSENGER_CAR = "VP"
# National genre (J.1 of the registration certificate) of each category: a light utility vehicle
# is registered as a "camionnette".
NATIONAL_GENRES = {"VP": "VP", "VU": "CTTE"}


def is_passenger_car(category):
    """True for a passenger car (VP) and for a vehicle whose category is not known."""
    return not category or category == PASSENGER_CAR


# Certified-used-car programmes. A vehicle without a label of its own takes its make's programme.
LABELS = (
    Term("spoticar", "Spoticar", "Spoticar"),
    Term("ds_certified", "DS Certified", "DS Certified"),
    Term("alfa_romeo_certified", "Alfa Romeo Certified", "Alfa Romeo Certified"),
)
LABEL_KEYS = keys(LABELS)
NO_LABEL = Term("none", "No label", "sans label")
MAKE_LABELS = {"ds": "ds_certified", "alfa romeo": "alfa_romeo_certified"}
DEFAULT_LABEL = "spoticar"


def label_of(vehicle_label, make):
    """The warranty label of a vehicle: its own label, else the one of its make."""
    if vehicle_label and vehicle_label != NO_LABEL.key:
        return vehicle_label
    return MAKE_LABELS.get((make or "").strip().lower(), DEFAULT_LABEL)


# -------------------------------------------------------------------------------------------------
# Customers and sales
# -------------------------------------------------------------------------------------------------

CIVILITIES = (
    Term("mr", "Mr", "M.", code="M"),
    Term("mrs", "Mrs", "Mme", code="MME"),
)
CIVILITY_KEYS = keys(CIVILITIES)

SALE_ORIGINS = (
    Term("no_trade_in", "Sale without trade-in", "Vente sans reprise", code="Vente sans reprise"),
    Term("vo_on_vo", "Reprise VO sur VO", "Reprise VO sur VO", code="Reprise VO sur VO"),
    Term("vn_on_vo", "Reprise VN sur VO", "Reprise VN sur VO", code="Reprise VN sur VO"),
    Term("other", "Other", "Autre", code="Autre"),
)

LOYALTY_PRODUCTS = (
    Term("none", "None", "Aucun", code="Aucun"),
    Term("allure_care", "Peugeot Allure Care", "Peugeot Allure Care", code="Peugeot Allure Care"),
    Term("we_care", "Citroën We Care", "Citroën We Care", code="Citroën We Care"),
    Term(
        "other",
        "Other manufacturer programme",
        "Autre programme constructeur",
        code="Autre programme constructeur",
    ),
)

# -------------------------------------------------------------------------------------------------
# Guarantors, as on the Centralisateur "Profil" page. NPO (Nouvelle Prestation Obligatoire, the sale
# declaration for customer relations and assistance) is implied by every declaration and needs the
# Icare identifier; the commercial warranty guarantors each return one contract number.
# -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Guarantor:
    code: str
    name: str
    identifier_field: str | None  # dealer field that must be filled when this guarantor is used
    contract_format: str  # documentation of the contract number returned by the sandbox
    implied: bool = False  # declared with every warranty, never listed in "guarantors"


NPO = Guarantor("npo", "NPO", "icare_identifier", "", implied=True)
COMMERCIAL_GUARANTORS = (
    Guarantor(
        "spoticar_stellantis",
        "Garantie SPOTICAR Stellantis",
        "icare_identifier",
        "11 chiffres (contrat Icare, ex. 22511015251)",
    ),
    Guarantor("autogarantie", "Auto Garantie", None, "AG + 9 chiffres (ex. AG000000001)"),
    Guarantor(
        "cirano", "Garantie Cirano", "cirano_identifier", "CI + 9 chiffres (ex. CI000000001)"
    ),
)
ALL_GUARANTORS = (NPO, *COMMERCIAL_GUARANTORS)


def guarantor_selection():
    """Odoo selection of every guarantor, NPO first."""
    return [(guarantor.code, guarantor.name) for guarantor in ALL_GUARANTORS]
