"""The livre de police (register of used goods bought for resale) and the buying side's money rules.

One home for what the purchase addon and the bench share:

- the vocabulary of the register: how a vehicle came in, who sold it, how it was paid, where the
  market value of an appraisal comes from;
- the cash cap of a payment (Code monétaire et financier L112-6 and D112-3);
- the integrity chain of an electronic register (Code pénal R321-6-1: integrity and intangibility of
  the entries): each entry carries the SHA-256 of its canonical content and of the previous entry's
  hash, so that changing, removing or inserting an entry breaks the chain from that entry on.

    >>> cash_cap(debtor_professional=True)
    Decimal('1000')
    >>> first = entry_hash({"number": 1, "vin": "VF3ABC"}, "")
    >>> verify_chain([({"number": 1, "vin": "VF3ABC"}, "", first)]) is None
    True
"""

import datetime
import hashlib
from decimal import Decimal

from .vocabulary import Term, keys

# -------------------------------------------------------------------------------------------------
# Vocabulary
# -------------------------------------------------------------------------------------------------

# How the vehicle came in (R321-5: a purchase has a price, an exchange or a deposit an
# estimate of the market value).
ENTRY_KINDS = (
    Term("purchase", "Purchase", "Achat"),
    Term("trade_in", "Trade-in (exchange)", "Reprise (échange)"),
    Term("deposit", "Deposit", "Dépôt-vente"),
)
ENTRY_KIND_KEYS = keys(ENTRY_KINDS)
# Kinds whose amount is an estimate of the market value, not a price paid.
ESTIMATED_KINDS = ("trade_in", "deposit")

SELLER_TYPES = (
    Term("private", "Private person", "Particulier"),
    Term("professional", "Professional", "Professionnel"),
)
SELLER_TYPE_KEYS = keys(SELLER_TYPES)

PAYMENT_MODES = (
    Term("transfer", "Bank transfer", "Virement"),
    Term("cheque", "Cheque", "Chèque"),
    Term("cash", "Cash", "Espèces"),
)
PAYMENT_MODE_KEYS = keys(PAYMENT_MODES)

MARKET_VALUE_SOURCES = (
    Term("argus", "Argus", "Argus"),
    Term("lacentrale", "La Centrale", "La Centrale"),
    Term("other", "Other", "Autre"),
)
MARKET_VALUE_SOURCE_KEYS = keys(MARKET_VALUE_SOURCES)

# What R321-3 / R321-5 ask of a seller, by seller type: the key of each datum and its French name.
SELLER_REQUIRED = {
    "private": (
        ("seller_name", "nom du vendeur"),
        ("seller_address", "adresse du vendeur"),
        ("id_document_type", "type de pièce d'identité"),
        ("id_document_number", "numéro de pièce d'identité"),
        ("id_document_date", "date de délivrance de la pièce d'identité"),
        ("id_document_authority", "autorité de délivrance de la pièce d'identité"),
    ),
    "professional": (
        ("seller_name", "raison sociale du vendeur"),
        ("seller_address", "adresse du vendeur"),
        ("seller_siret", "SIRET du vendeur"),
    ),
}


def missing_seller_data(seller_type, data):
    """French names of the seller data R321-3/R321-5 require and ``data`` lacks, in order.

    >>> missing_seller_data("professional", {"seller_name": "Garage", "seller_address": "Lyon"})
    ['SIRET du vendeur']
    """
    if seller_type not in SELLER_REQUIRED:
        return ["type de vendeur (particulier ou professionnel)"]
    return [label for key, label in SELLER_REQUIRED[seller_type] if not data.get(key)]


# -------------------------------------------------------------------------------------------------
# Money: the cash cap (Code monétaire et financier L112-6, D112-3)
# -------------------------------------------------------------------------------------------------

# A debt paid in cash by a debtor domiciled in France or acting for professional purposes:
# 1,000 EUR.
CASH_CAP = Decimal("1000")
# A private debtor whose tax domicile is abroad: 15,000 EUR.
CASH_CAP_NON_RESIDENT = Decimal("15000")


def cash_cap(debtor_professional, debtor_resident=True):
    """The most a debt may be paid in cash (EUR), D112-3.

    A dealer buying a vehicle is the debtor and acts for professional purposes: 1,000 EUR.
    """
    if not debtor_professional and not debtor_resident:
        return CASH_CAP_NON_RESIDENT
    return CASH_CAP


# Countries of Odoo whose residents have their tax domicile in France: metropolitan France and the
# overseas departments (Guadeloupe, Guyane, Martinique, La Réunion, Mayotte), which Odoo lists as
# countries of their own.
FRENCH_TAX_COUNTRY_CODES = frozenset({"FR", "GP", "GF", "MQ", "RE", "YT"})


def cash_debtor_resident(country_code):
    """Whether a debtor of this country (ISO code) counts as resident in France for the cash cap.

    A debtor without a known country counts as resident: the lower cap applies, the dealer cannot
    prove a domicile abroad.
    """
    return not country_code or country_code.upper() in FRENCH_TAX_COUNTRY_CODES


def cash_allowed(amount, debtor_professional, debtor_resident=True):
    """Whether ``amount`` (EUR, any number type) may be paid in cash: at most the cap."""
    return money(amount) <= cash_cap(debtor_professional, debtor_resident)


def money(value):
    """A Decimal to the cent of a number typed, stored as float or read from a numeric column."""
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


# -------------------------------------------------------------------------------------------------
# Integrity chain
# -------------------------------------------------------------------------------------------------


def canonical_value(value):
    """The text of one value in the canonical content: stable across float, Decimal and dates."""
    kind = type(value)
    # The frequent types first: the check of a register of 100,000 entries calls this 2.5M times.
    if kind is str:
        return value
    if kind is int:
        return str(value)
    if value is None or value is False:
        return ""
    if value is True:
        return "1"
    if kind in (float, Decimal):
        return str(money(value))
    if kind in (datetime.date, datetime.datetime):
        return value.isoformat()
    return str(value)


def canonical_content(content):
    """The bytes hashed for an entry: one ``key=value`` line per key, keys sorted, UTF-8.

    Values are their canonical text with backslashes and line feeds escaped (``\\\\``, ``\\n``),
    so that no value can forge another line; keys are field names.
    """
    lines = []
    for key in sorted(content):
        value = content[key]
        text = value if type(value) is str else canonical_value(value)
        if "\\" in text or "\n" in text:
            text = text.replace("\\", "\\\\").replace("\n", "\\n")
        lines.append(f"{key}={text}\n")
    return "".join(lines).encode()


def entry_hash(content, previous_hash):
    """SHA-256 (hex) of the previous entry's hash followed by the entry's canonical content."""
    digest = hashlib.sha256()
    digest.update((previous_hash or "").encode())
    digest.update(b"\n")
    digest.update(canonical_content(content))
    return digest.hexdigest()


def verify_chain(entries, start_number=1):
    """Index of the first broken entry of a chain, or None when the whole chain holds.

    ``entries`` is an iterable of ``(content, previous_hash, stored_hash)`` in the register's
    order; ``content["number"]`` must follow ``start_number`` without gap. An entry is broken when
    its number is not the next one, when its ``previous_hash`` is not the stored hash of the entry
    before it, or when its content no longer gives its stored hash.
    """
    expected_previous = ""
    expected_number = start_number
    for index, (content, previous_hash, stored_hash) in enumerate(entries):
        if (
            int(content.get("number") or 0) != expected_number
            or (previous_hash or "") != expected_previous
            or entry_hash(content, previous_hash) != stored_hash
        ):
            return index
        expected_previous = stored_hash
        expected_number += 1
    return None
