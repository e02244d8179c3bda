"""Country codes and names as written in registries → places of kind ``"country"``.

ISO 3166 alpha-2/alpha-3 codes are looked up exactly in pycountry (plus ``XK``
→ ``XKX`` for Kosovo, the user-assigned code IATI uses). Names go through
:func:`ecosystem.reference.countries.country_iso3` (the project's reviewed UN-style
alias table), never through a fuzzy search (pycountry's turns "Republic of Korea"
into North Korea).

Examples
--------
>>> iso3_from_code("sl"), iso3_from_code("998")
('SLE', None)
>>> country_place("UK", "")["place"]
'GBR'
>>> country_place("Atlantis", "")["kind"]
'other'
"""
from __future__ import annotations

from functools import lru_cache

import pycountry

from ecosystem.reference.countries import country_iso3
from ecosystem.reference.countries import country_name as un_name

__all__ = ["country_name", "country_place", "iso3_from_code", "iso3_from_name"]


@lru_cache(maxsize=4096)
def iso3_from_code(code: str | None) -> str | None:
    """ISO3 of an ISO 3166 alpha-2 or alpha-3 code, None when it is not one."""
    code = (code or "").strip().upper()
    if code == "XK":
        return "XKX"
    if len(code) == 2 and code.isalpha():
        found = pycountry.countries.get(alpha_2=code)
    elif len(code) == 3 and code.isalpha():
        found = pycountry.countries.get(alpha_3=code)
    else:
        return None
    return found.alpha_3 if found else None


def iso3_from_name(name: str | None) -> str | None:
    """ISO3 of a country name ("Mali", "UK", "THE NETHERLANDS"), None when unknown."""
    name = " ".join((name or "").split())
    if not name:
        return None
    return country_iso3(name)


@lru_cache(maxsize=1024)
def country_name(iso3: str) -> str | None:
    """Display name of an ISO3 code: the UN-style name of the reference table, else pycountry's.

    >>> country_name("BOL"), country_name("XXX") is None
    ('Bolivia (Plurinational State of)', True)
    """
    name = un_name(iso3)
    if name:
        return name
    found = pycountry.countries.get(alpha_3=iso3)
    return getattr(found, "name", None)


def country_place(name: str | None, code: str | None) -> dict:
    """``{"place", "kind", "name"}`` of a country given by code and/or name.

    The code wins when it is an ISO code; otherwise the name is looked up.
    Unknown countries are kept as written with kind ``"other"``.
    """
    iso3 = iso3_from_code(code) or iso3_from_name(name) or iso3_from_name(code)
    if iso3:
        return {"place": iso3, "kind": "country", "name": country_name(iso3)}
    written = " ".join((name or code or "").split())
    return {"place": written, "kind": "other", "name": name or None}
