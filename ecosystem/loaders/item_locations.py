"""A place written after an organisation's name only locates it: find and remove it.

Member lists locate each organisation: "Blue Ventures – Bristol, UK",
"Ayuntamiento de Bermeo – Bermeo (Bizkaia)", "Ocean Lab (Monterey, CA)",
"Ministry of Foreign Affairs, Singapore". The place is not part of the name and
is no actor of its own. :func:`split_location` separates such a trailing
location from the name, reading three shapes at the end of the text, outside
brackets:

1. a dash with a space on at least one side, then a location;
2. a bracket that holds only a location;
3. commas, then a location.

A *location* is one or more comma-separated parts, each a place
(:func:`ecosystem.reference.gazetteer.place_kind`): a country, a US state or its
postal code, or a city, possibly followed by a short bracketed region
("Bermeo (Bizkaia)"). Hyphenated city names count when one of their parts is a
city ("Vitoria-Gasteiz"). A place that *is* the name stays: "Government of
Canada", "WWF Peru" (no separator), "Belgium (Federal Public Service …)".

Examples
--------
>>> split_location("Blue Ventures – Bristol, UK")
('Blue Ventures', 'Bristol, UK')
>>> split_location("Ocean Lab (Monterey, CA)")
('Ocean Lab', 'Monterey, CA')
>>> split_location("Conservation International - Samoa Office")
('Conservation International - Samoa Office', None)
"""
from __future__ import annotations

import re

from ecosystem.loaders.partner_names import acronym_matches
from ecosystem.reference.gazetteer import is_region_code, place_kind

__all__ = ["is_location", "split_location"]

_REGION_AFTER = re.compile(r"^(.+?)\s*\(([^()]{2,40})\)$")
_TRAILING_BRACKET = re.compile(r"\s*\(([^()]*)\)\s*$")
_DASH = re.compile(r"\s+[-–—]\s*|\s*[-–—]\s+")


def _place_part(part: str, first: bool) -> bool:
    part = part.strip(" .")
    if not part:
        return False
    m = _REGION_AFTER.match(part)
    if m and m.group(2)[:1].isupper() and len(m.group(2).split()) <= 3:
        part = m.group(1).strip()  # "Bermeo (Bizkaia)": a city and its region
    if place_kind(part):
        return True
    if not first and is_region_code(part):
        return True
    if "-" in part:
        return any(place_kind(p.strip()) == "city" for p in part.split("-") if len(p.strip()) > 2)
    return False


def is_location(text: str) -> bool:
    """True when ``text`` is a location: comma-separated places ("Monterey, CA, USA").

    >>> is_location("Donostia-San Sebastian (Gipuzkoa)"), is_location("Samoa Office")
    (True, False)
    """
    parts = [p for p in text.split(",")]
    if not parts or len(parts) > 4 or any(not p.strip() for p in parts):
        return False
    return all(_place_part(p, k == 0) for k, p in enumerate(parts))


def _depth0(text: str, pos: int) -> bool:
    return text.count("(", 0, pos) == text.count(")", 0, pos)


def split_location(name: str) -> tuple[str, str | None]:
    """Split a trailing location from an organisation's name.

    Parameters
    ----------
    name : str
        One item of a partner list.

    Returns
    -------
    (str, str or None)
        The name without the location, and the location (None when there is
        none; the name is then returned unchanged). The name left must have a
        letter and must not itself be a place, else nothing is split.

    Examples
    --------
    >>> split_location("Ministry of Foreign Affairs, Singapore")
    ('Ministry of Foreign Affairs', 'Singapore')
    >>> split_location("Gobierno Vasco – Vitoria-Gasteiz (Alava)")
    ('Gobierno Vasco', 'Vitoria-Gasteiz (Alava)')
    >>> split_location("Government of Canada"), split_location("Victoria, BC, Canada")
    (('Government of Canada', None), ('Victoria, BC, Canada', None))
    >>> split_location("Ocean Wise – Vancouver, BC, Canada")
    ('Ocean Wise', 'Vancouver, BC, Canada')
    """
    text = name.strip()
    candidates: list[tuple[int, int]] = []  # (end of name, start of location)
    m = _TRAILING_BRACKET.search(text)
    if m and m.start() > 0:
        candidates.append((m.start(), m.start(1)))
    for d in _DASH.finditer(text):
        if _depth0(text, d.start()):
            candidates.append((d.start(), d.end()))
    for k, ch in enumerate(text):
        if ch == "," and _depth0(text, k):
            candidates.append((k, k + 1))
    for end, start in sorted(candidates):
        head = text[:end].strip(" ,;:-–—")
        tail = text[start:].strip()
        if m and start == m.start(1):
            tail = m.group(1)
        if not re.search(r"[^\W\d_]", head) or not is_location(tail):
            continue
        if tail.isupper() and acronym_matches(tail, head):
            continue  # "Centre for Ocean Law - COL": an acronym, though COL is Colombia's code
        if place_kind(head) or is_location(head):
            return text, None
        return head, tail
    return text, None
