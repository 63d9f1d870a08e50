"""Vehicle reference word search (spoticar_core.catalogue)."""

import pytest

from spoticar_core.catalogue import matches, normalize_text, normalize_words, strip_accents

VERSION = "Peugeot 308 (2) 1.5 BlueHDi 130 S&S EAT8 Allure"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("130 allure", ["130", "allure"]),
        ("  130   ALLURE ", ["130", "allure"]),
        ("Citroën ë-C4", ["citroen", "e", "c4"]),
        (
            "Peugeot 308 SW (2) 1.6 e-HDi 115 Féline",
            ["peugeot", "308", "sw", "2", "1", "6", "e", "hdi", "115", "feline"],
        ),
        ("Œuvre Straße", ["oeuvre", "strasse"]),
        ("", []),
        (None, []),
        ("&-/", []),
    ],
)
def test_normalize_words(text, words):
    assert normalize_words(text) == words


def test_strip_accents_keeps_length_of_plain_text():
    assert strip_accents("ÉÈÊËéèêëàâäîïôöùûüç") == "eeeeeeeeaaaiioouuuc"


def test_normalize_text_is_framed_by_spaces():
    assert normalize_text("DS 7 Crossback") == " ds 7 crossback "
    assert normalize_text("") == ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("130 allure", True),
        ("allure 130", True),
        ("ALLURE   130", True),
        ("allu", True),  # word start
        ("bluehdi eat8", True),
        ("peugeot 308", True),
        ("s&s", True),
        ("lure", False),  # not a word start
        ("130 active", False),
        ("130 allure gt", False),
        ("", True),
    ],
)
def test_matches(query, expected):
    assert matches(query, VERSION) is expected


def test_matches_without_accents_on_either_side():
    assert matches("feline", "1.6 e-HDi 115 Féline")
    assert matches("FÉLINE", "1.6 e-HDi 115 Feline")
    assert matches("citroen c3", "Citroën C3 (3) PureTech 83")


def test_matches_is_consistent_with_normalize_words():
    # Each word of a text always matches that text, whatever its typing.
    for word in normalize_words(VERSION):
        assert matches(word.upper(), VERSION)
