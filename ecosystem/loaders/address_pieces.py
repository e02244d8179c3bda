"""Pieces of a partner list that say where a body is, not which: addresses and place notes.

A partner field written from a letterhead or a contact sheet carries the address with the
names ("Dive Centre, Plakias, 74060 Rethymno, Crete, Greece"), and a list may add where a body
works after its name ("Universidad Autónoma de Santo Domingo (UASD), recinto Puerto Plata").
:func:`~ecosystem.loaders.partner_names.not_organisation_reason` reads both as a "place":

* :func:`is_address` — a postcode and its town ("74060 Rethymno", "A-2201 Gerasdorf", "Bali
  80363"), or a street and its number in three words or fewer ("Lorenz Steinergasse 6"); a year
  is no postcode ("Marine Life 2030", "Natura 2000");
* :func:`is_place_note` — a word in lower case, then a place: the campus or office of the body
  before it ("recinto Puerto Plata", "office Nairobi"); a name that starts in lower case and
  goes on in capitals ("iCow Kenya") is a name.

Examples
--------
>>> is_address("74060 Rethymno", ["74060", "Rethymno"])
True
>>> is_address("Marine Life 2030", ["Marine", "Life", "2030"])
False
>>> is_place_note(["recinto", "Puerto", "Plata"]), is_place_note(["iCow", "Kenya"])
(True, False)
"""
from __future__ import annotations

import re

from ecosystem.reference.gazetteer import place_kind

__all__ = ["is_address", "is_place_note"]

#: A postcode before its town (five digits, or a country's letter and a dash first: "A-2201"),
#: or after a town of one or two words (four or five digits that are not a year: 19xx-21xx).
_POSTCODE_AND_TOWN = re.compile(
    r"(?:[A-Z]{1,3}\s?-\s?\d{4,5}|\d{5})\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)?"
    r"|[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)?\s+(?:[A-Z]{1,3}-)?(?!19\d\d\b|20\d\d\b|2100\b)\d{4,5}")
#: A street and its house number ("Steinergasse 6", "Main Street 10", "Via Roma 3").
_STREET_AND_NUMBER = re.compile(r"(?i)(?:\w*(?:strasse|straße|strae|gasse|weg|platz)|\b(?:street|road|"
                                r"avenue|boulevard|rue|calle|avenida|rua|via)\b.*)\.?\s+\d+[a-z]?$")


def is_address(text: str, words: list[str]) -> bool:
    """True when ``text`` (its ``words``) is a postal address: a postcode and its town, or a
    street and its number in three words or fewer."""
    return bool(_POSTCODE_AND_TOWN.fullmatch(text)
                or (len(words) <= 3 and _STREET_AND_NUMBER.search(text)))


def is_place_note(words: list[str]) -> bool:
    """True when ``words`` are a word in lower case, then a place (a country, region or city)."""
    return len(words) >= 2 and words[0].islower() and bool(place_kind(" ".join(words[1:])))
