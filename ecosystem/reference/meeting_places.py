"""Meeting and headquarters cities: an address there is not a place of work.

Registries ask where an initiative works, and often get where its lead sits.
The UN Ocean Conference registry's "location" field (``geographical_coverage``)
is mostly an address: "NY, USA" for UNDP, "Permanent Mission of India, New
York, USA" for India's commitments, "Geneva, Switzerland" for WMO. Read as
places of work, those addresses make the United States the busiest country of
the registry. :func:`meeting_place` recognises a text that gives **only** one
of these cities — with its state or country, the filler words "city" or
"headquarters", and perhaps the diplomatic mission writing from there — and
says which city it is; the loader then records it as a place of kind
``"other"`` and does not read the host country from it. "USA" or "United
States" alone is not a city: it stays the country. A text naming anything else
("West Sayville, New York, USA", "Tokyo, Japan; New York") is not recognised.

The table ``data/meeting_places.csv`` was authored for this project from public
facts: the four headquarters duty stations of the United Nations Secretariat
(United Nations Headquarters in New York; the United Nations Offices at
Geneva, Vienna and Nairobi), where UN bodies and the permanent missions of
member states sit, and where the 2017 UN Ocean Conference met (New York).
Columns: ``city``; ``country`` (ISO3); ``aliases`` (``|``-separated ways the
city is written, "NYC", "UNHQ"); ``states`` (its state or province as written
after it, "NY"); ``reason`` (shown with the place).

Venues of later conferences are left out on purpose: in the Ocean registry
"Lisboa, Portugal" (2022 venue) is written by Lisbon's own bodies (Oceano Azul
Foundation, Oceanário de Lisboa) and "Nice" (2025) by the University of Nice:
local organisations for which the host country is a place of work.

Examples
--------
>>> m = meeting_place("NY, USA")
>>> m.city, m.country, m.kept
('New York', 'USA', '')
>>> meeting_place("Permanent Mission of India, New York , USA").kept
'Permanent Mission of India'
>>> meeting_place("USA") is None, meeting_place("West Sayville, New York, USA") is None
(True, True)
>>> meeting_place("Nairobi Kenya").city
'Nairobi'
>>> meeting_place("Geneva, SWITZERLAND").reason
'United Nations Office at Geneva'
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from ecosystem.reference.countries import country_iso3
from ecosystem.reference.datapaths import REFERENCE_DIR
from ecosystem.reference.folding import fold

__all__ = ["MEETING_PLACES_CSV", "MISSION_WORDS", "MeetingPlace", "meeting_place"]

#: The table of meeting and headquarters cities.
MEETING_PLACES_CSV = REFERENCE_DIR / "meeting_places.csv"

#: A part of the text naming a diplomatic mission ("Permanent Mission of India"): the
#: mission sits in the city; the country it names is kept.
MISSION_WORDS = re.compile(r"\b(permanent mission|mission of|embassy|consulate)\b",
                           re.IGNORECASE)

_FILLER = frozenset({"city", "headquarters", "hq"})
_PARTS = re.compile(r"\s*(?:[,;/()]|\s-\s)\s*")


@dataclass(frozen=True)
class MeetingPlace:
    """A meeting or headquarters city recognised in a text.

    Attributes
    ----------
    city : str
    country : str
        ISO3 of the host country (not a place of work when read from the text).
    reason : str
        Why the city is a meeting or headquarters place.
    kept : str
        The parts of the text naming a diplomatic mission, whose countries still count.
    """

    city: str
    country: str
    reason: str
    kept: str


def _key(text: str) -> str:
    return " ".join(fold(text).replace(".", " ").split())


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[MeetingPlace, frozenset, frozenset], ...]:
    with open(MEETING_PLACES_CSV, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return tuple((MeetingPlace(r["city"], r["country"], r["reason"], ""),
                  frozenset(_key(a) for a in r["aliases"].split("|") if a.strip()),
                  frozenset(_key(s) for s in r["states"].split("|") if s.strip()))
                 for r in rows)


def _is_city(part: str, aliases: frozenset, country: str, states: frozenset) -> bool:
    """The part is the city, with filler words or its state or country at most
    ("New York City", "UNHQ New York", "Nairobi Kenya")."""
    key = _key(part)
    words = f" {key} "  # keys are words joined by one space: a whole-word test is a substring test
    for alias in sorted(aliases, key=len, reverse=True):
        if f" {alias} " in words:
            rest = re.sub(rf"(?:^| ){re.escape(alias)}(?= |$)", " ", key).split()
            rest = [w for w in rest if w not in _FILLER and w not in aliases]
            if not rest or _is_host(" ".join(rest), country, states):
                return True
    return False


def _is_host(part: str, country: str, states: frozenset) -> bool:
    """The part is the host country, the city's state, or the state then the country."""
    key = _key(part)
    if key in states or country_iso3(part.strip(" .")) == country:
        return True
    for state in states:
        if key.startswith(state + " ") and country_iso3(key[len(state) + 1:]) == country:
            return True
    return False


@lru_cache(maxsize=8192)
def meeting_place(text: str | None) -> MeetingPlace | None:
    """The meeting or headquarters city ``text`` gives, when it gives only that (module notes).

    Parameters
    ----------
    text : str or None
        A location as written ("NY, USA", "UNHQ, New York").

    Returns
    -------
    MeetingPlace or None
        None when the text names anything else than one city of the table, its
        state or host country, filler words and a diplomatic mission.
    """
    if not text or not text.strip():
        return None
    parts = [p for p in _PARTS.split(text) if p and p.strip(" .")]
    for place, aliases, states in _table():
        city, kept = False, []
        for part in parts:
            if _is_city(part, aliases, place.country, states):
                city = True
            elif MISSION_WORDS.search(part):
                kept.append(part.strip())
            elif not _is_host(part, place.country, states):
                break
        else:
            if city:
                return MeetingPlace(place.city, place.country, place.reason, "; ".join(kept))
    return None
