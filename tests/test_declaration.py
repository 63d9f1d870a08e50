"""The Centralisateur declaration schema: French validation, masking, the protocol document."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest

from spoticar_core import declaration as decl
from spoticar_core.declaration import (
    example_declaration,
    field_label,
    mandatory_fields,
    mask_personal_data,
    payload_fingerprint,
    schema_markdown,
    validate_declaration,
)

VIN_MESSAGE = (
    "Le champ VIN doit comporter 17 caractères (chiffres et lettres majuscules sauf I, O et Q)"
)
DOC = Path(__file__).resolve().parents[1] / "docs" / "centralizer-protocol.md"


def _fields(errors):
    return [error["field"] for error in errors]


def test_example_declaration_is_valid_and_complete():
    payload = example_declaration()
    assert validate_declaration(payload) == []
    assert set(payload) == set(decl.TOP_LEVEL)
    for path in mandatory_fields():
        block, _, name = path.partition(".")
        assert payload[block][name] not in (None, ""), path


def test_tutorial_messages_for_missing_vehicle_type_and_plate():
    payload = example_declaration()
    del payload["vehicle"]["category"]
    payload["vehicle"]["license_plate"] = "  "
    assert validate_declaration(payload) == [
        {"field": "vehicle.category", "message": "Le champ type véhicule est obligatoire"},
        {"field": "vehicle.license_plate", "message": "Le champ immatriculation est obligatoire"},
    ]


def test_empty_declaration_lists_every_mandatory_field_at_once():
    errors = validate_declaration({})
    assert _fields(errors)[:2] == [
        "dealer.rrd_code",
        "dealer.name",
    ]  # blocks, then fields, in order
    assert _fields(errors)[-1] == "warranty.loyalty_product"
    assert set(_fields(errors)) == set(mandatory_fields()) | {"guarantors"}
    assert len(errors) == len(mandatory_fields()) + 1
    assert all(error["message"].startswith("Le champ ") for error in errors)
    assert {
        "field": "customer.birth_date",
        "message": "Le champ date de naissance est obligatoire",
    } in errors


def test_optional_fields_may_be_missing():
    payload = example_declaration()
    for block in decl.BLOCKS.values():
        for field in block.fields:
            if not field.required:
                payload[block.name].pop(field.name, None)
    payload["guarantors"] = ["spoticar_stellantis", "autogarantie"]
    assert validate_declaration(payload) == []


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            "sale.sale_date",
            "28/11/2025",
            "Le champ date de vente doit être une date au format AAAA-MM-JJ",
        ),
        (
            "sale.sale_date",
            "2025-02-30",
            "Le champ date de vente doit être une date au format AAAA-MM-JJ",
        ),
        ("vehicle.mileage", "12000", "Le champ km jour de la vente doit être un nombre entier"),
        ("vehicle.mileage", -1, "Le champ km jour de la vente doit être positif ou nul"),
        ("vehicle.din_power", True, "Le champ puissance DIN doit être un nombre entier"),
        ("vehicle.four_wheel_drive", "oui", "Le champ 4x4 doit valoir true ou false"),
        ("consent.sms", 1, "Le champ consentement SMS doit valoir true ou false"),
        (
            "sale.sale_price",
            "10 290,76",
            "Le champ prix de vente doit être un montant (ex. 10290.76)",
        ),
        ("sale.sale_price", "10.001", "Le champ prix de vente doit avoir au plus deux décimales"),
        ("sale.sale_price", "-5", "Le champ prix de vente doit être un montant positif ou nul"),
        ("vehicle.category", "VL", "Le champ type véhicule doit valoir l'une des valeurs : VP, VU"),
        (
            "customer.civility",
            "Monsieur",
            "Le champ civilité doit valoir l'une des valeurs : M, MME",
        ),
        (
            "customer.nationality",
            "France",
            "Le champ nationalité doit être un code pays ISO à deux lettres (ex. FR)",
        ),
        ("customer.email", "jean.dupond", "Le champ e-mail n'est pas une adresse e-mail valide"),
        (
            "customer.mobile",
            "06-x",
            "Le champ téléphone mobile n'est pas un numéro de téléphone valide",
        ),
        ("customer.last_name", 42, "Le champ nom doit être un texte"),
        ("customer.last_name", "X" * 65, "Le champ nom ne doit pas dépasser 64 caractères"),
        ("customer.zip", "7501", "Le champ code postal doit comporter 5 chiffres"),
        ("customer.siret", "1234", "Le champ SIRET doit comporter 14 chiffres"),
        (
            "dealer.rrd_code",
            "95361Z",
            "Le champ code RRD doit comporter 6 chiffres suivis d'une lettre majuscule",
        ),
        (
            "vehicle.license_plate",
            "DL342MPX",
            "Le champ immatriculation doit être au format AA-123-AA (ou 1234 AB 75)",
        ),
        (
            "vehicle.vin",
            "VF3UPHNS8PS12345",
            VIN_MESSAGE,
        ),
        (
            "vehicle.vin",
            "VF3UPHNS8PO123456",
            VIN_MESSAGE,
        ),
    ],
)
def test_wrong_values_are_refused_in_french(path, value, message):
    payload = example_declaration()
    block, _, name = path.partition(".")
    payload[block][name] = value
    assert validate_declaration(payload) == [{"field": path, "message": message}]


@pytest.mark.parametrize("plate", ["DL-342-MP", "1234 AB 75", "123 ABC 2A", "FE-260-RZ"])
def test_plate_formats_accepted(plate):
    payload = example_declaration()
    payload["vehicle"]["license_plate"] = plate
    assert validate_declaration(payload) == []


def test_zip_rule_only_for_france():
    payload = example_declaration()
    payload["customer"].update(country="BE", zip="1000")
    assert validate_declaration(payload) == []


@pytest.mark.parametrize(
    ("guarantors", "message"),
    [
        (None, "Le champ garants est obligatoire (au moins un)"),
        ([], "Le champ garants est obligatoire (au moins un)"),
        ("spoticar_stellantis", "Le champ garants doit être une liste de codes de garant"),
        (
            ["icare_premium"],
            "Le garant « icare_premium » est inconnu (valeurs possibles : spoticar_stellantis, "
            "autogarantie, cirano)",
        ),
        (["cirano", "cirano"], "Le garant « cirano » est en double"),
    ],
)
def test_guarantors_list(guarantors, message):
    payload = example_declaration()
    payload["guarantors"] = guarantors
    assert validate_declaration(payload) == [{"field": "guarantors", "message": message}]


def test_cirano_needs_the_cirano_identifier_and_icare_is_always_needed():
    payload = example_declaration()
    payload["guarantors"] = ["cirano"]
    del payload["dealer"]["cirano_identifier"]
    payload["dealer"]["icare_identifier"] = ""
    assert validate_declaration(payload) == [
        {
            "field": "dealer.icare_identifier",
            "message": "Le champ identifiant Icare est obligatoire",
        },
        {
            "field": "dealer.cirano_identifier",
            "message": "Le champ identifiant Cirano est obligatoire pour la garantie "
            "« Garantie Cirano »",
        },
    ]


def test_dates_must_be_consistent():
    payload = example_declaration()
    payload["warranty"]["end_date"] = payload["warranty"]["start_date"]
    payload["vehicle"]["first_registration_date"] = "2025-12-01"
    payload["customer"]["birth_date"] = "2026-01-01"
    assert validate_declaration(payload) == [
        {
            "field": "warranty.end_date",
            "message": "La date de fin de garantie doit être postérieure à la date de début "
            "de garantie",
        },
        {
            "field": "vehicle.first_registration_date",
            "message": "La date de première immatriculation ne peut pas être postérieure à la "
            "date de vente",
        },
        {
            "field": "customer.birth_date",
            "message": "La date de naissance doit être antérieure à la date de vente",
        },
    ]


def test_unknown_fields_and_blocks_and_wrong_shapes():
    payload = example_declaration()
    payload["vehicle"]["colour"] = "rouge"
    payload["extra"] = {}
    payload["consent"] = ["email"]
    assert validate_declaration(payload) == [
        {"field": "vehicle.colour", "message": "Le champ vehicle.colour est inconnu"},
        {"field": "consent", "message": "Le bloc consentement du client doit être un objet JSON"},
        {"field": "extra", "message": "Le bloc extra est inconnu"},
    ]
    assert validate_declaration([1]) == [
        {"field": "", "message": "Le corps de la requête doit être un objet JSON"}
    ]


def test_messages_never_repeat_the_submitted_values():
    payload = example_declaration()
    payload["customer"]["email"] = "secret-person.example"
    payload["customer"]["last_name"] = "Z" * 80
    text = json.dumps(validate_declaration(payload), ensure_ascii=False)
    assert "secret-person" not in text and "ZZZ" not in text


def test_mask_personal_data_hides_customer_seller_plate_and_vin():
    payload = example_declaration()
    payload["customer"]["unexpected"] = "Rue secrète"
    original = json.dumps(payload, sort_keys=True)
    masked = mask_personal_data(payload)
    assert json.dumps(payload, sort_keys=True) == original  # input untouched
    text = json.dumps(masked, ensure_ascii=False)
    for secret in (
        "Dupond",
        "Jean",
        "Rue Spoticar",
        "75010",
        "PARIS",
        "jean.dupond@example.com",
        "0102030405",
        "0607080910",
        "1960-05-17",
        "Tours",
        "Nicolas Pélissier",
        "DL-342-MP",
        "VF3UPHNS8PS123456",
        "Rue secrète",
    ):
        assert secret not in text, secret
    assert masked["customer"]["last_name"] == "D***"
    assert masked["customer"]["email"] == "j***@***"
    assert masked["customer"]["birth_date"] == "****-**-**"
    assert masked["consent"] == payload["consent"]
    assert masked["dealer"] == payload["dealer"]
    assert masked["warranty"] == payload["warranty"]
    assert masked["vehicle"]["make"] == "PEUGEOT"


def test_mask_personal_data_on_answers_and_broken_payloads():
    answer = {"declaration_number": "SP953617Z100000001", "declaration": example_declaration()}
    masked = mask_personal_data(answer)
    assert masked["declaration_number"] == "SP953617Z100000001"
    assert "Dupond" not in json.dumps(masked)
    assert mask_personal_data({"customer": ["Dupond"], "vehicle": None}) == {
        "customer": ["Dupond"],
        "vehicle": None,
    }
    assert mask_personal_data("text") == "text"


def test_field_labels_and_fingerprint():
    assert field_label("vehicle.category") == "type véhicule"
    assert field_label("customer") == "client"
    assert field_label("guarantors") == "garants"
    assert field_label("vehicle.nope") == "vehicle.nope"
    payload = example_declaration()
    reordered = {name: payload[name] for name in reversed(list(payload))}
    before = payload_fingerprint(payload)
    assert payload_fingerprint(reordered) == before
    payload["vehicle"]["mileage"] += 1
    assert payload_fingerprint(payload) != before


def test_protocol_document_carries_the_generated_field_tables():
    """docs/centralizer-protocol.md and the code describe the same fields (one source of truth)."""
    text = DOC.read_text(encoding="utf-8")
    assert schema_markdown() in text, (
        "regenerate the tables: PYTHONPATH=src python3 -c "
        "'from spoticar_core.declaration import schema_markdown; print(schema_markdown())'"
    )


def test_build_declaration_from_odoo_like_values():
    example = example_declaration()
    vehicle = dict(
        example["vehicle"],
        first_registration_date=datetime.date(2023, 5, 11),
        manufacturer_warranty_end_date=datetime.date(2025, 5, 11),
        mileage=12000.0,  # an Odoo Float
        registration_type=False,  # an empty Odoo Char
        rating=False,
        four_wheel_drive=False,
    )
    sale = dict(
        example["sale"],
        sale_date=datetime.datetime(2025, 11, 28, 10, 55),
        delivery_date=datetime.date(2025, 11, 30),
        sale_price=10290.76,
        trade_in_value=Decimal("0"),
        seller_name="  Nicolas Pélissier ",
    )
    payload = decl.build_declaration(
        dealer=example["dealer"],
        guarantors=("spoticar_stellantis",),
        sale=sale,
        customer=dict(example["customer"], birth_name=False, street2=None),
        vehicle=vehicle,
        consent=example["consent"],
        warranty=dict(example["warranty"], price=0),
    )
    assert list(payload) == list(decl.TOP_LEVEL)
    assert validate_declaration(payload) == []
    assert payload["sale"]["sale_date"] == "2025-11-28"
    assert payload["sale"]["sale_price"] == "10290.76"
    assert payload["sale"]["trade_in_value"] == "0.00"
    assert payload["sale"]["seller_name"] == "Nicolas Pélissier"
    assert payload["vehicle"]["mileage"] == 12000 and isinstance(payload["vehicle"]["mileage"], int)
    assert payload["vehicle"]["four_wheel_drive"] is False
    assert "registration_type" not in payload["vehicle"] and "rating" not in payload["vehicle"]
    assert "birth_name" not in payload["customer"] and "street2" not in payload["customer"]
    assert payload["warranty"]["price"] == "0.00"


def test_build_declaration_leaves_missing_values_to_the_validation():
    payload = decl.build_declaration(
        dealer={"rrd_code": "953617Z", "colour": "x"},
        guarantors=None,
        sale=None,
        customer={"last_name": False},
        vehicle={},
        consent={},
        warranty={},
    )
    errors = validate_declaration(payload)
    assert {"field": "customer.last_name", "message": "Le champ nom est obligatoire"} in errors
    assert {"field": "dealer.colour", "message": "Le champ dealer.colour est inconnu"} in errors
    assert {
        "field": "guarantors",
        "message": "Le champ garants est obligatoire (au moins un)",
    } in errors


def test_number_checks_accept_what_the_sandbox_issues_and_nothing_else(tmp_path):
    """The checks of a declaration recorded by hand accept exactly the numbers of the protocol."""
    from spoticar_core.sandbox import SandboxStore

    store = SandboxStore(tmp_path / "numbers.sqlite3")
    payload = decl.example_declaration()
    payload["guarantors"] = ["spoticar_stellantis", "autogarantie", "cirano"]
    payload["dealer"]["cirano_identifier"] = payload["dealer"].get("cirano_identifier") or "C1"
    status, answer = store.declare("numbers", payload)
    store.close()
    assert status == 201
    number = answer["declaration_number"]
    assert decl.declaration_number_error(number, "953617Z") is None
    assert "code RRD" in decl.declaration_number_error(number, "020319L")
    for code, contract in answer["contracts"].items():
        assert decl.contract_number_error(code, contract) is None
        assert "doit s'écrire" in decl.contract_number_error(code, contract + "0")
    for wrong in ("", "SP953617Z10383371", "sp953617z103833712", "SP953617Z103833712 "):
        assert "SP, le code RRD" in decl.declaration_number_error(wrong)
    assert decl.contract_number_error("spoticar_stellantis", "AG000000001")
    assert decl.contract_number_error("npo", "1") == "Garant inconnu : npo."
