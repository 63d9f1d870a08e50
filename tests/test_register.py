"""The livre de police rules of spoticar_core.register: cash cap, seller data, integrity chain."""

import datetime
from decimal import Decimal

from spoticar_core import register


def _chain(count):
    entries, previous = [], ""
    for number in range(1, count + 1):
        content = {
            "number": number,
            "entry_date": datetime.date(2026, 1, 1) + datetime.timedelta(days=number),
            "vin": f"VF3{number:014d}",
            "price": 1000.5 * number,
        }
        stored = register.entry_hash(content, previous)
        entries.append((content, previous, stored))
        previous = stored
    return entries


def test_cash_cap_of_a_dealer_paying_a_seller_is_one_thousand_euros():
    # The dealer is the debtor and acts for professional purposes (D112-3).
    assert register.cash_allowed(Decimal("1000.00"), debtor_professional=True)
    assert not register.cash_allowed(1000.01, debtor_professional=True)
    # The cap stays 1,000 EUR for a professional, resident or not.
    assert not register.cash_allowed(1500, debtor_professional=True, debtor_resident=False)


def test_cash_cap_of_a_non_resident_private_debtor_is_higher():
    assert register.cash_allowed(14999.99, debtor_professional=False, debtor_resident=False)
    assert not register.cash_allowed(15000.01, debtor_professional=False, debtor_resident=False)
    assert not register.cash_allowed(1000.01, debtor_professional=False, debtor_resident=True)


def test_missing_seller_data_names_each_missing_datum_in_french():
    private = {
        "seller_name": "Jean Martin",
        "seller_address": "1 rue de Lyon",
        "id_document_type": "CNI",
    }
    assert register.missing_seller_data("private", private) == [
        "numéro de pièce d'identité",
        "date de délivrance de la pièce d'identité",
        "autorité de délivrance de la pièce d'identité",
    ]
    professional = {
        "seller_name": "Garage",
        "seller_address": "Lyon",
        "seller_siret": "73282932000074",
    }
    assert register.missing_seller_data("professional", professional) == []
    assert register.missing_seller_data(False, professional)


def test_hash_does_not_depend_on_how_an_amount_is_stored():
    as_float = register.entry_hash({"number": 1, "price": 12500.0}, "")
    as_numeric = register.entry_hash({"number": 1, "price": Decimal("12500.00")}, "")
    assert as_float == as_numeric
    assert as_float != register.entry_hash({"number": 1, "price": 12500.01}, "")


def test_an_intact_chain_verifies():
    assert register.verify_chain(_chain(50)) is None


def test_a_changed_entry_is_named():
    entries = _chain(10)
    content, previous, stored = entries[6]
    entries[6] = (dict(content, vin="VF3TAMPERED"), previous, stored)
    assert register.verify_chain(entries) == 6


def test_a_removed_entry_breaks_the_chain_where_it_was():
    entries = _chain(10)
    del entries[3]
    assert register.verify_chain(entries) == 3


def test_a_rehashed_entry_still_breaks_the_next_link():
    entries = _chain(10)
    content, previous, _stored = entries[4]
    forged = dict(content, price=1.0)
    entries[4] = (forged, previous, register.entry_hash(forged, previous))
    assert register.verify_chain(entries) == 5


def test_a_value_cannot_forge_another_field():
    forged = register.entry_hash({"number": 1, "vin": "VF3\nprice=1.00"}, "")
    assert forged != register.entry_hash({"number": 1, "vin": "VF3", "price": 1.0}, "")
    escaped = register.entry_hash({"number": 1, "vin": "VF3\\nprice=1.00"}, "")
    assert escaped != forged


def test_cash_debtor_resident_by_country():
    assert register.cash_debtor_resident("FR")
    assert register.cash_debtor_resident("re")  # La Réunion, a French department
    assert register.cash_debtor_resident(False)  # unknown: the lower cap
    assert not register.cash_debtor_resident("BE")


def test_cash_cap_of_a_customer_at_the_limit():
    # a private customer resident in France pays 1,000.00 EUR in cash, not 1,000.01
    assert register.cash_allowed("1000.00", debtor_professional=False, debtor_resident=True)
    assert not register.cash_allowed(1000.01, debtor_professional=False, debtor_resident=True)
    # a private customer living in Belgium: up to 15,000 EUR; a Belgian company: 1,000 EUR
    assert register.cash_allowed(15000, False, register.cash_debtor_resident("BE"))
    assert not register.cash_allowed(15000.01, False, register.cash_debtor_resident("BE"))
    assert not register.cash_allowed(1000.01, True, register.cash_debtor_resident("BE"))
