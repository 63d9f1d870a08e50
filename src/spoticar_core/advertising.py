"""Legal mentions of a used-vehicle advertisement: CO2 class and mobility message.

- CO2 class A to G of a passenger car (category M1, ``VP``) in every advertisement, new or used,
  since 1 March 2022: loi Climat 2021-1104 art. 7, décret 2021-1840, arrêté du 28 décembre 2021
  (Code de l'environnement R229-105). Classes by g/km: A <= 100, B 101-120, C 121-140, D 141-160,
  E 161-200, F 201-250, G > 250.
- Mobility message in every vehicle advertisement (Code de la route L328-1, décret 2021-1841,
  D328-3): one of three official messages, with the hashtag ``#SeDéplacerMoinsPolluer``.

The Odoo addons build their selections from :data:`CO2_CLASSES` and :data:`MOBILITY_MESSAGES` and
never copy them.
"""

from .vocabulary import Term, keys

# Upper bound (g/km, included) of each class; G has none.
CO2_CLASS_BOUNDS = (
    ("A", 100),
    ("B", 120),
    ("C", 140),
    ("D", 160),
    ("E", 200),
    ("F", 250),
    ("G", None),
)
CO2_CLASSES = tuple(
    Term(letter, f"Class {letter}", f"Classe {letter}") for letter, _bound in CO2_CLASS_BOUNDS
)
CO2_CLASS_KEYS = keys(CO2_CLASSES)
# Colours of the A-G scale, as on the energy label: dark green to red.
CO2_CLASS_COLORS = {
    "A": "#009036",
    "B": "#55AB26",
    "C": "#C8D200",
    "D": "#FFED00",
    "E": "#FBBA00",
    "F": "#EB6909",
    "G": "#E2001A",
}
# Categories the CO2 class applies to: passenger cars (M1).
CO2_CLASS_CATEGORIES = frozenset({"VP", "M1"})
# Energies whose CO2 of 0 g/km is a real figure, not a missing one.
ZERO_EMISSION_ENERGIES = frozenset({"electric", "hydrogen"})

MOBILITY_HASHTAG = "#SeDéplacerMoinsPolluer"
MOBILITY_MESSAGES = (
    Term(
        "short_trips",
        "For short trips, walk or cycle",
        "Pour les trajets courts, privilégiez la marche ou le vélo",
    ),
    Term("carpool", "Think about carpooling", "Pensez à covoiturer"),
    Term(
        "public_transport",
        "Every day, take public transport",
        "Au quotidien, prenez les transports en commun",
    ),
)
MOBILITY_MESSAGE_KEYS = keys(MOBILITY_MESSAGES)
DEFAULT_MOBILITY_MESSAGE = "short_trips"


def co2_class(g_km):
    """CO2 class ``"A"``-``"G"`` of ``g_km`` (WLTP or NEDC as registered), None when unknown.

    >>> co2_class(100), co2_class(101), co2_class(250), co2_class(251), co2_class(None)
    ('A', 'B', 'F', 'G', None)
    """
    if g_km is None or isinstance(g_km, bool):
        return None
    value = float(g_km)
    if value < 0 or value != value:  # negative or NaN: not a figure
        return None
    for letter, bound in CO2_CLASS_BOUNDS:
        if bound is None or value <= bound:
            return letter
    return None  # pragma: no cover - G has no bound


def applies_to(category):
    """Whether the CO2 class is due for a vehicle of ``category`` (passenger cars, the default
    when the category is not given)."""
    return not category or category in CO2_CLASS_CATEGORIES


def vehicle_co2_class(g_km, energy=None, category=None):
    """The CO2 class of a vehicle sheet, where a CO2 of 0 (or empty) means "not entered" except
    for an electric or hydrogen car; None when unknown or not due (utility vehicles)."""
    if not applies_to(category):
        return None
    if not g_km and energy not in ZERO_EMISSION_ENERGIES:
        return None
    return co2_class(g_km or 0)


def mobility_message(key, with_hashtag=True):
    """The French mobility message of ``key`` (the default one for an unknown key), followed by
    the hashtag."""
    found = next((term for term in MOBILITY_MESSAGES if term.key == key), None)
    if found is None:
        found = next(term for term in MOBILITY_MESSAGES if term.key == DEFAULT_MOBILITY_MESSAGE)
    return f"{found.label_fr} {MOBILITY_HASHTAG}" if with_hashtag else found.label_fr
