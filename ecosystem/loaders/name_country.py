"""The country a name as written says it belongs to: "Government of Fiji", "University of
Genoa, Italy", "WWF (Peru)".

A name is a country's when it is the country or its government, or when a country qualifies
it at its end, after a comma, a dash or inside a closing bracket. A trailing code that is an
ISO3 code and also the initials of the name before it is the name's own acronym, not a
country: "Ministry of Marine Resources (MMR)" is the Cook Islands' ministry, not Myanmar's.

A list whose line breaks were lost may run a country into the next name: "New Zealand
University of Porto" (:func:`country_then_name`); a piece may announce places
(:data:`PLACES_HEADING`) or end on one (:data:`FROM_COUNTRY`).

Examples
--------
>>> country_of("Ministry of Environment - Samoa"), country_of("Blue Ventures")
('WSM', None)
>>> country_then_name("New Zealand University of Porto")
('New Zealand', 'University of Porto')
"""
from __future__ import annotations

import re

from ecosystem.loaders.name_boundaries import stands_alone
from ecosystem.loaders.org_name_parts import acronym_matches, without_last_bracket
from ecosystem.reference.countries import country_iso3
from ecosystem.reference.country_text import find_countries

__all__ = ["FROM_COUNTRY", "PLACES_HEADING", "country_of", "country_then_name"]

_STATE_OF = re.compile(r"^(?:the )?(?:government|republic|kingdom|state|commonwealth|principality)"
                       r"\s+of\s+(.+)$", re.IGNORECASE)
_TRAILING_PLACE = re.compile(r"(?:,|\s[-–]|\()\s*([^,()–-]+?)\)?\s*$")


def country_of(name: str) -> str | None:
    """ISO3 when ``name`` is a country, its government, or is qualified by a country at its end.

    >>> country_of("Government of Fiji"), country_of("University of Genoa, Italy"), country_of("WWF")
    ('FJI', 'ITA', None)
    >>> country_of("Ministry of Marine Resources (MMR)"), country_of("Ministry of Fisheries (PNG)")
    (None, 'PNG')
    >>> country_of("Federal Ministry for the Environment (BMU)")  # an acronym, not Bermuda

    """
    bare = without_last_bracket(name).strip()
    code = country_iso3(bare)
    if code:
        return code
    m = _STATE_OF.match(bare)
    if m and country_iso3(m.group(1)):
        return country_iso3(m.group(1))
    # (:data:`_TRAILING_PLACE` is tried at every comma, dash and bracket: only where one is)
    m = _TRAILING_PLACE.search(name) if "," in name or "(" in name or "-" in name or "–" in name else None
    if m and country_iso3(m.group(1)) and not _own_acronym(m.group(1), name[:m.start()]):
        return country_iso3(m.group(1))
    return None


def _own_acronym(code: str, before: str) -> bool:
    """Whether a trailing code that countries are written as ("PNG", "USA") is the name's own
    acronym: "Pacific Nursing Group (PNG)" is no Papua New Guinea. (Other ISO3 codes are no
    country in text at all: "Ministry of Marine Resources (MMR)" is not Myanmar's.)"""
    code = code.strip()
    return code.isupper() and len(code) == 3 and acronym_matches(code, before)


_LEADING_LINK = re.compile(r"^(?:of|for|and)\b")
#: A heading that announces a list of places ("Participating countries:").
PLACES_HEADING = re.compile(r"\b(?:countries|country|nations|islands|regions|locations|sites|states|provinces)\b"
                             r"[^.;]*:\s*$", re.IGNORECASE)
#: A country a piece ends on after "from", "in" or "across".
FROM_COUNTRY = re.compile(r"\b(?:from|in|across)\s+(?:the\s+)?([A-Z][\w .'’-]+)$")


def country_then_name(text: str) -> tuple[str | None, str]:
    """A country written before the next name when line breaks were lost:
    "New Zealand University of Porto" → ("New Zealand", "University of Porto")."""
    words = text.split()
    if len(words) < 3 or not find_countries(" ".join(words[:5])):
        return None, text
    for n in range(min(5, len(words) - 2), 0, -1):
        head, rest = " ".join(words[:n]), " ".join(words[n:])
        if country_iso3(head) and rest[:1].isupper() and stands_alone(rest) and len(rest.split()) >= 2 \
                and not country_iso3(text) and not _LEADING_LINK.match(rest):
            return head, rest
    return None, text
