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
from functools import lru_cache

from ecosystem.loaders.org_name_parts import acronym_matches, has_org_head
from ecosystem.reference.acronym_shape import looks_like_acronym
from ecosystem.reference.gazetteer import is_region_code, place_kind
from ecosystem.reference.topic_words import is_topic_word

__all__ = ["is_location", "is_town_and_country", "looks_like_place", "split_location", "strip_listed_locations"]

_ACRONYM_IN_PLACE = re.compile(r"^([A-Z][A-Z0-9&-]{1,7})\s+(?:in|en|au|aux|à|em|no|na)\s+"
                               r"(?:the\s+)?(?=[A-Z])")
_AFTER_LAST_BRACKET = re.compile(r"(?<=\))\s+(?=[^()]+$)")
_DIGIT = re.compile(r"\d")
_INNER_HYPHEN = re.compile(r"\w-\w")
_LETTER = re.compile(r"[^\W\d_]")
_SPACED_HYPHEN = re.compile(r"\s-|-\s")

_MAY_LOCATE = re.compile(r"[-–—,(]|\s(?:in|en|au|aux|à|em|no|na)\s")
_REGION_OF = re.compile(r"^(?:the\s+)?(?:special\s+administrative\s+|autonomous\s+|overseas\s+)?"
                        r"(?:region|province|state|territory|department|prefecture|county|district|"
                        r"collectivity)\s+of\s+(?:the\s+)?(.+)$", re.IGNORECASE)
#: An international body "in" a country names its country office, not a location.
_INTERNATIONAL = re.compile(r"\b(?:United Nations|UN|International|World|Global|Intergovernmental|European)\b")
_CAPITALS_NAME = re.compile(r"^[^a-z]*[A-Z]{3}[^a-z]*\([^()]*\)$")
_TITLE_PLACE = re.compile(r"[A-Z][a-zà-ÿ]+")
_IN_COUNTRY = re.compile(r"\s+in\s+(?:the\s+)?(?=[A-Z])")
_REGION_AFTER = re.compile(r"^(.+?)\s*\(([^()]{2,40})\)$")
_TRAILING_BRACKET = re.compile(r"\s*\(([^()]*)\)\s*$")
_DASH = re.compile(r"\s+[-–—]\s*|\s*[-–—]\s+")


def _has_dash(text: str) -> bool:
    """Whether ``text`` holds a dash: :data:`_DASH`, which starts with spaces and so is tried at
    every position, is searched only then."""
    return "-" in text or "–" in text or "—" in text


def _place_part(part: str, first: bool) -> bool:
    part = part.strip(" .")
    if not part:
        return False
    m = _REGION_AFTER.match(part) if ")" in part else None
    if m and m.group(2)[:1].isupper() and len(m.group(2).split()) <= 3:
        part = m.group(1).strip()  # "Bermeo (Bizkaia)": a city and its region
    if place_kind(part):
        return True
    region = _REGION_OF.match(part)
    if region and place_kind(region.group(1)) == "country":
        return True  # "Special Administrative Region of China"
    if not first and is_region_code(part):
        return True
    if "-" in part and _INNER_HYPHEN.search(part) and not _SPACED_HYPHEN.search(part):
        pieces = part.split("-")
        # "Donostia-San Sebastian"; but "GRID-Arendal", an acronym beside a town, is a body there
        acronym = not part.isupper() and any(p.strip().isupper() and len(p.strip()) > 1 for p in pieces)
        return not acronym and all(_place_shaped(p) for p in pieces) \
            and any(place_kind(p.strip()) == "city" for p in pieces)
    return False


_CONTINENTS = {"africa", "asia", "europe", "oceania", "americas", "north america", "south america",
               "latin america", "caribbean", "pacific", "antarctica", "middle east"}


def _place_shaped(part: str) -> bool:
    """A short capitalised phrase with no organisation word: "Pireas", "Sal Island"."""
    part = part.strip(" .")
    words = part.split()
    return 0 < len(words) <= 3 and part[:1].isupper() and not _DIGIT.search(part) \
        and not has_org_head(part)


def looks_like_place(text: str) -> bool:
    """A short capitalised phrase with no organisation word, possibly with a region in brackets.

    Used when the list's own structure says a location comes here (most of its
    dashes introduce one): "Sukarrieta (Bizkaia)", "Londres (Reino Unido)".

    >>> looks_like_place("Sukarrieta (Bizkaia)"), looks_like_place("Fisheries Division (MFD)")
    (True, False)
    """
    m = _REGION_AFTER.match(text.strip(" ."))
    if m:
        region = m.group(2)
        if region.isupper() or not (region[:1].isupper() or region.isalpha()):
            return False  # "(tarragona)" written in lower case is still a region
        text = m.group(1)
    return all(_place_shaped(p) for p in text.split(",")) and not text.isupper()


@lru_cache(maxsize=1 << 16)
def is_location(text: str, after_dash: bool = False) -> bool:
    """True when ``text`` is a location: comma-separated places ("Monterey, CA, USA").

    With ``after_dash``, the text follows a dash after a name; then a last part
    that is a country, a US state, a province code or a continent makes the
    whole a location when the parts before it are short capitalised phrases
    ("Pireas, Greece", "Sal Island, Cabo Verde, Africa"), even if the
    gazetteer does not know them.

    >>> is_location("Donostia-San Sebastian (Gipuzkoa)"), is_location("Samoa Office")
    (True, False)
    >>> is_location("Flatraket, Norway"), is_location("Flatraket, Norway", after_dash=True)
    (False, True)
    """
    parts = [p for p in text.split(",")]
    if not parts or len(parts) > 4 or any(not p.strip() for p in parts):
        return False
    if all(_place_part(p, k == 0) for k, p in enumerate(parts)):
        return True
    if len(parts) >= 2 and all(is_region_code(p.strip(" .")) for p in parts):
        return True  # "NB, NS, PE": provinces
    if len(parts) >= 2 and is_region_code(parts[0].strip(" .")) and all(_place_part(p, False) for p in parts[1:]):
        return True  # "BC, Canada"
    if not after_dash or len(parts) < 2:
        return False
    last = parts[-1].strip(" .")
    return bool(place_kind(last) in ("country", "us_state") or is_region_code(last)
                or last.lower() in _CONTINENTS) and all(_place_shaped(p) for p in parts[:-1])


@lru_cache(maxsize=1 << 14)
def is_town_and_country(text: str) -> bool:
    """A town the gazetteer may not know, then its country: "Abbassa, Egypt".

    The town must be a short capitalised phrase with no organisation word,
    acronym or topic word ("Fisheries, Kenya" is a ministry's topic list).

    >>> is_town_and_country("Abbassa, Egypt"), is_town_and_country("Aquaculture, Kenya")
    (True, False)
    """
    parts = [p.strip(" .") for p in text.split(",")]
    if len(parts) != 2 or place_kind(parts[1]) != "country" or not _place_shaped(parts[0]):
        return False
    words = parts[0].split()
    return not any(is_topic_word(w) or looks_like_acronym(w, loose=False) for w in words) \
        and all(w[:1].isupper() for w in words)


def _depth0(text: str, pos: int) -> bool:
    return text.count("(", 0, pos) == text.count(")", 0, pos)


@lru_cache(maxsize=1 << 16)
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
    if not _MAY_LOCATE.search(text):
        return text, None
    candidates: list[tuple[int, int]] = []  # (end of name, start of location)
    m = _TRAILING_BRACKET.search(text)
    if m and m.start() > 0:
        candidates.append((m.start(), m.start(1)))
    for d in _DASH.finditer(text) if _has_dash(text) else ():
        if _depth0(text, d.start()):
            candidates.append((d.start(), d.end()))
    glued = _AFTER_LAST_BRACKET.search(text) if ")" in text else None  # "Marine Institute (MI) Ireland"
    if glued:
        candidates.append((glued.start(), glued.end()))
    within = _ACRONYM_IN_PLACE.match(text)
    if within:  # "DAMP in Senegal", "DGMZ en Guinée": a national body's acronym and its country
        candidates.append((len(within.group(1)), within.end()))
    for d in _IN_COUNTRY.finditer(text):  # "University of North Texas in the U.S.A"
        if _depth0(text, d.start()) and place_kind(text[d.end():].strip(" .")) == "country" \
                and has_org_head(text[:d.start()]) and not _INTERNATIONAL.search(text[:d.start()]):
            candidates.append((d.start(), d.end()))
    k = text.find(",")
    while k >= 0:
        if _depth0(text, k):
            candidates.append((k, k + 1))
        k = text.find(",", k + 1)
    for end, start in sorted(candidates):
        head = text[:end].strip(" ,;:-–—")
        tail = text[start:].strip()
        if m and start == m.start(1):
            tail = m.group(1)
        dash = text[end:start].strip(" ") in ("-", "–", "—")
        # after a name in capitals and its acronym, a word in lower case after its capital is a place:
        # "MINISTRSTVO ZA VISOKO SOLSTVO (MVZI) Slovenja"
        capitals_then_place = glued is not None and start == glued.end() and _CAPITALS_NAME.search(head) \
            and _TITLE_PLACE.fullmatch(tail.strip(" .")) is not None and not has_org_head(tail)
        if not _LETTER.search(head) or not (is_location(tail, after_dash=dash) or is_town_and_country(tail)
                                            or capitals_then_place):
            continue
        if tail.isupper() and acronym_matches(tail, head):
            continue  # "Centre for Ocean Law - COL": an acronym, though COL is Colombia's code
        if place_kind(head) or is_location(head):
            return text, None
        if dash and looks_like_acronym(head, loose=True) and place_kind(tail) == "country":
            continue  # "WWF - New Zealand": a network's country office, not a location
        return head, tail
    return text, None


def _dash_tail(item: str) -> int | None:
    """Start of the text after the last top-level dash of ``item`` (None when there is none)."""
    if not _has_dash(item):
        return None
    found = None
    for d in _DASH.finditer(item):
        if _depth0(item, d.start()) and d.start() > 0:
            found = d
    return found.start() if found else None


def strip_listed_locations(items: list[str]) -> list[str]:
    """Drop the places after the dashes of a list whose dashes mostly introduce places.

    When at least three items, and at least half of those with a dash, end in
    a location the gazetteer knows ("Albacora – Bermeo (Bizkaia)"), the list's
    structure is "Name – Place": the other dash tails that look like places
    ("AZTI – Sukarrieta (Bizkaia)") are places too and are removed.

    >>> strip_listed_locations(["Barna – Bermeo (Bizkaia)", "Bristol Lab – Bristol, UK",
    ...                         "Reef Lab – Perth, Australia", "AZTI – Sukarrieta (Bizkaia)"])
    ['Barna – Bermeo (Bizkaia)', 'Bristol Lab – Bristol, UK', 'Reef Lab – Perth, Australia', 'AZTI']
    """
    tails = [_dash_tail(x) for x in items]
    with_dash = [k for k, t in enumerate(tails) if t is not None]
    located = [k for k in with_dash if split_location(items[k])[1] is not None]
    if len(located) < 3 or 2 * len(located) < len(with_dash):
        return items
    out = list(items)
    for k in with_dash:
        item = items[k]
        if k in located:
            # "Bolton food- O Grove (Pontevedra)": the region in brackets is read first; the
            # town before it, after the dash, is the rest of the same location
            item = split_location(item)[0]
            tail_at = _dash_tail(item)
            if tail_at is None:
                continue
            head, tail = item[:tail_at], _DASH.sub("", item[tail_at:], count=1)
            if _LETTER.search(head) and looks_like_place(tail.strip(" .;")):
                out[k] = head.strip()
            continue
        head, tail = item[:tails[k]], _DASH.sub("", item[tails[k]:], count=1)
        if _LETTER.search(head) and looks_like_place(tail.strip(" .;")):
            out[k] = head.strip()
    return out
