"""Country names → ISO 3166 alpha-3 codes, and country groupings.

The reference table ``data/countries.csv`` was authored for this project from
public facts: the ISO 3166 rows (generated once from pycountry), UN-style short
names and common variants as ``|``-separated aliases, the UN M49 regions, the
M49 historical "developed regions" grouping, the UN-OHRLLS list of Small Island
Developing States (SIDS) and the UN list of Least Developed Countries (LDC).

Why a table and not a library look-up: pycountry's fuzzy search resolves
"Republic of Korea" to North Korea (PRK) and does not know many UN-style names
("Micronesia (Federated States of)", "Türkiye"); country_converter breaks on
pandas 3. An explicit alias table is exact and reviewable.

Columns of ``data/countries.csv`` (and of :func:`country_groups`)
-----------------------------------------------------------------
iso3, iso2
    ISO 3166-1 alpha-3 and alpha-2 codes.
name
    UN-style short name ("Republic of Korea", "Bolivia (Plurinational State of)").
aliases
    Other names, ``|``-separated (pycountry's names, common and former names).
    :func:`country_iso3` and :func:`~ecosystem.reference.country_text.find_countries`
    also read the French, Spanish and Portuguese names pycountry's ISO 3166
    translations give (:func:`translated_country_names`), and every name with its
    accented letters lost by an export ("Repblica Dominicana").
m49_region, m49_subregion, m49_intermediate_region
    UN M49 regions ("Africa", "Sub-Saharan Africa", "Western Africa").
    Antarctica has none.
development_group
    "developed" or "developing", following the M49 historical classification
    of developed regions: Europe, Northern America, Australia and New Zealand
    (with their external territories) and Japan are developed; every other
    country is developing. Used for North/South analyses.
sids, ldc
    Small Island Developing State (UN members and associate members, UN-OHRLLS
    list) and Least Developed Country (UN list after the graduations of Bhutan
    in 2023 and São Tomé and Príncipe in 2024).

Examples
--------
>>> country_iso3("Republic of Korea"), country_iso3("Democratic People's Republic of Korea")
('KOR', 'PRK')

Countries named in free text are read by
:func:`ecosystem.reference.country_text.find_countries`.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache

import pandas as pd

from ecosystem.reference.datapaths import REFERENCE_DIR
from ecosystem.reference.folding import fold, without_accented_letters

__all__ = ["COUNTRIES_CSV", "TRANSLATIONS", "country_code_or_name", "country_groups",
           "country_iso3", "country_name", "country_rows", "translated_country_names"]

#: The reference table.
COUNTRIES_CSV = REFERENCE_DIR / "countries.csv"

_DOTS_SPACES = re.compile(r"[.\s]+")


def _name_key(text: str) -> str:
    """Case-, accent-, punctuation- and 'the'-insensitive key of a country name."""
    text = fold(text).replace("&", " and ").replace("’", "'")
    if "." in text or "  " in text or not text.isprintable():  # (every space but " " is unprintable)
        text = _DOTS_SPACES.sub(" ", text)
    text = text.strip(" ,;")
    return text[4:] if text.startswith("the ") else text


@lru_cache(maxsize=1)
def country_rows() -> tuple[dict, ...]:
    """The rows of ``data/countries.csv``, as :class:`csv.DictReader` reads them."""
    with open(COUNTRIES_CSV, encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Folded name or alias → ISO3 (names first, so they win over aliases, and aliases over
    the French, Spanish and Portuguese names); each name with accents also with its accented
    letters dropped, when five letters or more remain ("Mxico", "Repblica Dominicana")."""
    out: dict[str, str] = {}
    named = [(row["name"], row["iso3"]) for row in country_rows()]
    named += [(alias, row["iso3"]) for row in country_rows()
              for alias in filter(None, row["aliases"].split("|"))]
    named += list(translated_country_names())
    for name, iso3 in named:
        out.setdefault(_name_key(name), iso3)
    for name, iso3 in named:
        dropped = without_accented_letters(name)
        if dropped:
            out.setdefault(_name_key(dropped), iso3)
    return out


#: The languages of :func:`translated_country_names`: those the registries write besides
#: English (the Ocean registry's Latin American and West African partners).
TRANSLATIONS = ("fr", "es", "pt")


@lru_cache(maxsize=1)
def translated_country_names() -> tuple[tuple[str, str], ...]:
    """(name, ISO3) of every country in French, Spanish and Portuguese: the ISO 3166
    translations pycountry ships ("Brasil", "Belice", "República Dominicana", "Côte d'Ivoire").

    Examples
    --------
    >>> names = translated_country_names()
    >>> ("Belice", "BLZ") in names, ("Trinidad y Tobago", "TTO") in names
    (True, True)
    """
    import gettext

    import pycountry

    out: list[tuple[str, str]] = []
    for lang in TRANSLATIONS:
        try:
            tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:  # a pycountry without that locale: the English names still serve
            continue
        for c in pycountry.countries:
            for english in dict.fromkeys((c.name, getattr(c, "common_name", None) or c.name)):
                name = tr.gettext(english)
                if name != english:
                    out.append((name, c.alpha_3))
    return tuple(dict.fromkeys(out))


def country_iso3(name: str) -> str | None:
    """ISO 3166 alpha-3 code of a country name, or None.

    Matching ignores case, accents, full stops and a leading "the". A code is
    read only where the table lists it as a name people write ("USA", "UK");
    otherwise free text uses ISO3 codes as acronyms ("(BMU)" of Germany's
    environment ministry, "CAF" of the Development Bank of Latin America) or
    words ("and", "are"): :func:`country_code_or_name` reads codes too.

    Examples
    --------
    >>> country_iso3("Viet Nam"), country_iso3("Côte d'Ivoire"), country_iso3("Ivory Coast")
    ('VNM', 'CIV', 'CIV')
    >>> country_iso3("Atlantis") is None
    True
    >>> country_iso3("Brasil"), country_iso3("Belice"), country_iso3("Mxico")  # es; accents lost
    ('BRA', 'BLZ', 'MEX')
    >>> country_iso3("USA"), country_iso3("BMU"), country_iso3("and")
    ('USA', None, None)
    """
    return _iso3_cached(name) if isinstance(name, str) else None


def country_code_or_name(text: str) -> str | None:
    """ISO3 of a country given by its ISO3 code in any case ("fji", "FJI") or by its name, as
    a user types a country on the command line.

    >>> country_code_or_name("fji"), country_code_or_name("Fiji"), country_code_or_name("XYZ")
    ('FJI', 'FJI', None)
    """
    if not isinstance(text, str):
        return None
    code = text.strip().upper()
    return code if code in _codes() else country_iso3(text)


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    """The ISO3 codes of the reference table."""
    return frozenset(row["iso3"] for row in country_rows())


@lru_cache(maxsize=65536)
def _iso3_cached(name: str) -> str | None:
    # (a blank name is tested here, once: the same names are looked up again and again)
    return _names().get(_name_key(name)) if name.strip() else None


def country_name(iso3: str) -> str | None:
    """UN-style short name of an ISO3 code, or None.

    >>> country_name("TZA")
    'United Republic of Tanzania'
    """
    return _names_by_iso3().get(iso3) if isinstance(iso3, str) else None


@lru_cache(maxsize=1)
def _names_by_iso3() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in country_rows():
        out.setdefault(row["iso3"], row["name"])  # the first row of a code, as a scan finds it
    return out


def country_groups() -> pd.DataFrame:
    """The reference table as a DataFrame (one row per ISO 3166 country).

    Columns: iso3, iso2, name, aliases, m49_region, m49_subregion,
    m49_intermediate_region, development_group, sids (bool), ldc (bool).
    Empty strings are nulls.

    Examples
    --------
    >>> g = country_groups()
    >>> row = g.set_index("iso3").loc["FJI"]
    >>> row["development_group"], bool(row["sids"])
    ('developing', True)
    """
    df = pd.DataFrame(list(country_rows()))
    for col in df.columns:
        df[col] = df[col].replace("", None).astype("string")
    for col in ("sids", "ldc"):
        df[col] = df[col].map({"True": True, "False": False}).astype("boolean")
    return df
