"""Vehicle reference matching: word search without accents or case.

The dealer types what they know about a vehicle, in any order, with or without accents or capitals
("130 allure", "Citroen C3 puretech"): a reference entry matches when every typed word is found in
its text. ``normalize_words`` is the one normalisation used on both sides (the Odoo addon stores the
normalised text of each version and searches it word by word in SQL).
"""

import re
import unicodedata

_SPLIT = re.compile(r"[^0-9a-z]+")
# Letters that NFKD does not decompose into a base letter plus combining marks.
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i"})


def strip_accents(text):
    """Return ``text`` in lower case without accents or ligatures ("Citroën Œ" -> "citroen oe")."""
    if not text:
        return ""
    text = str(text).lower().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize_words(text):
    """Split ``text`` into lower-case words without accents.

    Any character that is not a letter or a digit separates words, so "S&S", "e-HDi" and
    "1.5" give ["s", "s"], ["e", "hdi"] and ["1", "5"]; the same rule applied to the query
    keeps both sides consistent.

    >>> normalize_words("Peugeot 308 (2) 1.5 BlueHDi 130 S&S EAT8 Allure")
    ['peugeot', '308', '2', '1', '5', 'bluehdi', '130', 's', 's', 'eat8', 'allure']
    >>> normalize_words("Citroën  ë-C4")
    ['citroen', 'e', 'c4']
    """
    return [word for word in _SPLIT.split(strip_accents(text)) if word]


def normalize_text(text):
    """The normalised words of ``text`` joined by single spaces, framed by spaces.

    The leading and trailing spaces let a caller look for a word start with ``" word"``.
    """
    words = normalize_words(text)
    return f" {' '.join(words)} " if words else ""


def matches(query, text):
    """True when every word of ``query`` starts a word of ``text`` (any order, no accents or case).

    A query word matches the beginning of a text word, so "allu" finds "Allure" and "130" finds
    "130", but "30" does not find "130". An empty query matches everything.

    >>> matches("130 allure", "Peugeot 308 (2) BlueHDi 130 EAT6 S&S Allure")
    True
    >>> matches("citroen", "Citroën C3")
    True
    >>> matches("130 active", "Peugeot 308 (2) BlueHDi 130 EAT6 S&S Allure")
    False
    """
    haystack = normalize_text(text)
    return all(f" {word}" in haystack for word in normalize_words(query))
