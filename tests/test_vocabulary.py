"""The suite's one vocabulary (spoticar_core.vocabulary) and the warranty-to-declaration map."""

import datetime

import pytest

from spoticar_core import declaration, greycard, vocabulary

MAPPED_BLOCKS = ("sale", "customer", "vehicle", "consent", "warranty")


def test_every_energy_is_understood_by_the_calculator_and_the_declaration():
    for term in vocabulary.ENERGIES:
        assert greycard.normalize_energy(term.key) == term.key
        assert term.key in declaration.schema_field("vehicle.energy").choices
        # the calculator explains each energy in French
        assert greycard.ENERGY_LABELS[term.key] == term.label_fr


def test_every_energy_has_a_family_for_the_warranty_km_limits():
    assert set(vocabulary.ENERGY_FAMILIES) == set(vocabulary.ENERGY_KEYS)
    assert set(vocabulary.ENERGY_FAMILIES.values()) <= set(vocabulary.ENERGY_KEYS)


@pytest.mark.parametrize(
    ("path", "terms"),
    [
        ("vehicle.category", vocabulary.VEHICLE_CATEGORIES),
        ("warranty.label", vocabulary.LABELS),
        ("customer.civility", vocabulary.CIVILITIES),
    ],
)
def test_declaration_enums_are_the_protocol_values_of_the_vocabulary(path, terms):
    assert set(declaration.schema_field(path).choices) == {t.protocol_value for t in terms}


def test_a_declared_civility_is_written_as_the_protocol_expects():
    body = dict(declaration.example_declaration())
    body["customer"] = dict(
        body["customer"], civility=vocabulary.protocol_value(vocabulary.CIVILITIES, "mrs")
    )
    assert declaration.validate_declaration(body) == []
    body["customer"]["civility"] = "mrs"  # the Odoo key, not the protocol's value
    assert [e["field"] for e in declaration.validate_declaration(body)] == ["customer.civility"]


def test_guarantors_listed_by_a_declaration_are_the_commercial_ones():
    body = declaration.example_declaration()
    for guarantor in vocabulary.COMMERCIAL_GUARANTORS:
        dealer = dict(body["dealer"], cirano_identifier="RS8010004")
        errors = declaration.validate_declaration(
            dict(body, dealer=dealer, guarantors=[guarantor.code])
        )
        assert errors == [], guarantor.code
    npo = declaration.validate_declaration(dict(body, guarantors=[vocabulary.NPO.code]))
    assert [e["field"] for e in npo] == ["guarantors"]
    assert [code for code, _name in vocabulary.guarantor_selection()][0] == "npo"


def test_a_guarantor_identifier_is_a_dealer_field_of_the_declaration():
    for guarantor in vocabulary.ALL_GUARANTORS:
        if guarantor.identifier_field:
            assert declaration.schema_field(f"dealer.{guarantor.identifier_field}")


@pytest.mark.parametrize(
    ("vehicle_label", "make", "expected"),
    [
        ("ds_certified", "Peugeot", "ds_certified"),
        ("none", "DS", "ds_certified"),
        (False, " Alfa Romeo ", "alfa_romeo_certified"),
        ("none", "Peugeot", "spoticar"),
        (None, None, "spoticar"),
    ],
)
def test_label_of_a_vehicle(vehicle_label, make, expected):
    assert vocabulary.label_of(vehicle_label, make) == expected


def test_selection_and_protocol_value_helpers():
    assert vocabulary.selection(vocabulary.VEHICLE_CATEGORIES)[0][0] == "VP"
    assert vocabulary.protocol_value(vocabulary.SALE_ORIGINS, "no_trade_in") == "Vente sans reprise"
    assert vocabulary.protocol_value(vocabulary.SALE_ORIGINS, "unknown") is None
    assert vocabulary.protocol_value(vocabulary.SALE_ORIGINS, False) is None


# --- the map from the Odoo warranty to the declaration --------------------------------------------


def test_every_declaration_field_outside_the_dealer_block_is_filled_by_the_warranty():
    schema_paths = {
        f"{name}.{field.name}"
        for name in MAPPED_BLOCKS
        for field in declaration.BLOCKS[name].fields
    }
    mapped = [path for _name, path in declaration.WARRANTY_FIELD_PATHS]
    assert len(mapped) == len(set(mapped)), "a declaration field is filled twice"
    assert set(mapped) == schema_paths


def test_every_required_declaration_field_is_required_on_the_warranty():
    required = declaration.warranty_required_fields()
    for name, path in declaration.WARRANTY_FIELD_PATHS:
        field = declaration.schema_field(path)
        if field.required and field.type != "boolean":
            assert name in required, path
        if not field.required and name not in [
            n for n, p in declaration.WARRANTY_FIELD_PATHS if declaration.schema_field(p).required
        ]:
            assert name not in required, path


def test_a_professional_customer_also_needs_company_name_and_siret():
    base = set(declaration.warranty_required_fields())
    professional = set(declaration.warranty_required_fields(professional=True))
    assert professional - base == {
        declaration.warranty_field_of(p) for p in declaration.PROFESSIONAL_REQUIRED
    }
    assert {"customer_company_name", "customer_siret"} == professional - base


def test_text_limits_are_the_declaration_ones():
    """A warranty field is held to the strictest limit of the declaration fields it fills, and the
    declaration refuses one character more than that."""
    limits = declaration.warranty_max_lengths()
    body = declaration.example_declaration()
    for name, limit in limits.items():
        refused_at = []
        for path in declaration.warranty_paths(name):
            if declaration.schema_field(path).type not in ("string", "email"):
                continue
            block, _, field = path.partition(".")
            too_long = dict(body, **{block: dict(body[block], **{field: "A" * (limit + 1)})})
            if path in [e["field"] for e in declaration.validate_declaration(too_long)]:
                refused_at.append(path)
        assert refused_at, name
    assert limits["vin"] == 17
    assert limits["product_id"] == 16  # the product code, the stricter of code and name


def test_build_declaration_keeps_dates_and_drops_empty_values():
    body = declaration.build_declaration(
        dealer={"rrd_code": "953617Z"},
        guarantors=[],
        sale={"sale_date": datetime.date(2026, 11, 2), "order_reference": False},
        customer={},
        vehicle={},
        consent={"email": False},
        warranty={},
    )
    assert body["sale"] == {"sale_date": "2026-11-02"}
    assert body["consent"] == {"email": False}


def test_the_guarantors_of_a_declaration_come_from_the_warranty_product():
    assert declaration.warranty_field_of(declaration.GUARANTORS_FIELD) == "product_id"
    assert declaration.warranty_field_of("sale.sale_date") == "sale_date"
    assert declaration.warranty_field_of("dealer.rrd_code") is None


@pytest.mark.parametrize("name", sorted(declaration.warranty_max_values()))
def test_numbers_above_their_bound_are_refused_by_the_declaration(name):
    limit = declaration.warranty_max_values()[name]
    (path,) = declaration.warranty_paths(name)
    block, _, field = path.partition(".")
    body = declaration.example_declaration()
    at_limit = dict(body, **{block: dict(body[block], **{field: limit})})
    assert path not in [e["field"] for e in declaration.validate_declaration(at_limit)]
    above = dict(body, **{block: dict(body[block], **{field: limit + 1})})
    assert [e["field"] for e in declaration.validate_declaration(above)] == [path]


def test_passenger_car_and_national_genre():
    assert vocabulary.is_passenger_car("VP")
    assert vocabulary.is_passenger_car(False)  # unknown category: the stricter rules
    assert not vocabulary.is_passenger_car("VU")
    assert set(vocabulary.NATIONAL_GENRES) == set(vocabulary.VEHICLE_CATEGORY_KEYS)
    assert vocabulary.NATIONAL_GENRES["VU"] == "CTTE"
