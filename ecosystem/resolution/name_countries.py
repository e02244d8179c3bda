"""Countries inside organisation names: "WWF Peru", "Ministerio del Ambiente de Chile".

Name comparison works on folded tokens (see :mod:`ecosystem.resolution.names`). This
module turns country names in a token list into ``cc:<ISO3>`` markers, so that
"WWF Peru" and "WWF-Perú" agree, "Ministry of Fisheries, Samoa" and "Samoa
Ministry of Fisheries" agree, and "University of Bergen" is never confused with
a body in another country.

The phrases come from the project's country table (:mod:`ecosystem.reference.countries`,
``data/countries.csv``: UN-style names and common aliases), from the Spanish,
French and Portuguese names that pycountry ships as gettext catalogues
(:func:`~ecosystem.reference.countries.translated_country_names`), each also
with its accented letters lost as some exports lose them ("Mxico"), and
from ``data/country_demonyms.csv`` (adjectives such as "Norwegian", authored
from public usage). Sub-national names in the country table ("England",
"Scotland", "Wales", "Northern Ireland") are left out: their governments are
not the state's.

Examples
--------
>>> mark_countries(["wwf", "peru"])
(['wwf', 'cc:PER'], ['PER'])
>>> mark_countries(["indian", "ocean", "commission"])[1]
[]
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache

import pandas as pd

from ecosystem.reference.countries import country_groups, translated_country_names
from ecosystem.reference.datapaths import REFERENCE_DIR
from ecosystem.reference.folding import fold, without_accented_letters

__all__ = ["DEMONYMS_CSV", "ELIDED", "SUBNATIONAL", "country_phrases", "demonyms", "iso2_words",
           "mark_countries", "whole_country"]

#: Demonyms ("Norwegian", "Costa Rican") → ISO3, authored for this project.
DEMONYMS_CSV = REFERENCE_DIR / "country_demonyms.csv"

#: Aliases of the country table that name a part of a state, not the state.
SUBNATIONAL = frozenset({"england", "scotland", "wales", "northern ireland"})

#: A demonym followed by one of these words names a sea, not a country ("Indian Ocean").
_NOT_AFTER_DEMONYM = frozenset({"ocean", "sea", "seas", "basin", "gulf", "coast"})

_WORD = re.compile(r"[0-9a-z]+")
_INNER_APOSTROPHE = re.compile(r"(?<=[a-z])'(?=[a-z])")
#: An elided article or pronoun before a word ("d'Ivoire", "l'Environnement", "qu'il"): no
#: word of its own where names are compared (:func:`ecosystem.resolution.names.name_tokens`).
ELIDED = re.compile(r"(?i)\b(?:[ldjnmst]|qu)'(?=[a-z])")


def _country_tokens(text: str) -> tuple[str, ...]:
    """Folded words of a country name: "St. Kitts & Nevis" → ("saint", "kitts", "and", "nevis")."""
    text = fold(text).replace("’", "'")
    if "'" in text:  # as name_tokens reads a name: "Côte d'Ivoire" → ("cote", "ivoire")
        text = _INNER_APOSTROPHE.sub("", ELIDED.sub(" ", text))
    text = text.replace("&", " and ")
    toks = tuple(_WORD.findall(text))
    if toks[:1] == ("the",):
        toks = toks[1:]
    return tuple("saint" if t == "st" else t for t in toks)


def _variants(name: str) -> list[str]:
    """A name and, for "Korea, Republic of" forms, the reversed "Republic of Korea"."""
    out = [name]
    if "," in name:
        head, _, tail = name.partition(",")
        out.append(f"{tail.strip()} {head.strip()}")
    return out


@lru_cache(maxsize=1)
def country_phrases() -> tuple[dict[tuple[str, ...], str], int]:
    """Folded country-name token tuples → ISO3, and the longest phrase length."""
    index: dict[tuple[str, ...], str] = {}
    groups = country_groups()
    names = []
    for row in groups.itertuples(index=False):
        names.append((row.name, row.iso3))
        for alias in ("" if pd.isna(row.aliases) else str(row.aliases)).split("|"):
            if alias and alias.casefold() not in SUBNATIONAL:
                names.append((alias, row.iso3))
    names += [(local, iso) for local, iso in translated_country_names() if len(local) > 3]
    names += [(dropped, iso) for name, iso in list(names)
              if (dropped := without_accented_letters(name))]  # "Mxico": an export lost the "é"
    for name, iso in names:
        for v in _variants(name):
            toks = _country_tokens(v)
            if toks and not (len(toks) == 1 and len(toks[0]) <= 1):
                index.setdefault(toks, iso)
    longest = max(len(k) for k in index) if index else 1
    return index, longest


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Folded demonym ("norwegian", "costa rican") → ISO3."""
    with open(DEMONYMS_CSV, encoding="utf-8", newline="") as fh:
        return {row["demonym"].strip().casefold(): row["iso3"] for row in csv.DictReader(fh)}


@lru_cache(maxsize=1)
def _demonym_phrases() -> dict[tuple[str, ...], str]:
    return {tuple(k.split()): v for k, v in demonyms().items()}


@lru_cache(maxsize=1)
def _starts() -> frozenset:
    return frozenset(k[0] for k in country_phrases()[0]) | frozenset(k[0] for k in _demonym_phrases())


def mark_countries(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Replace country names and demonyms in folded ``tokens`` by ``cc:ISO3`` markers.

    Longest phrases win ("papua new guinea" before "guinea"; "american samoa"
    before "samoa"). A demonym before "ocean" or "sea" is left alone.

    Returns
    -------
    (tokens, countries)
        The marked tokens and the ISO3 codes found, in order.
    """
    starts = _starts()
    if starts.isdisjoint(tokens):
        return list(tokens), []  # no country or demonym starts at any token
    index, longest = country_phrases()
    dem = _demonym_phrases()
    out: list[str] = []
    found: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        hit = None
        for k in range(min(longest, n - i) if tokens[i] in starts else 0, 0, -1):
            phrase = tuple(tokens[i:i + k])
            iso = index.get(phrase)
            if iso is None and k <= 3:
                iso = dem.get(phrase)
                if iso is not None and i + k < n and tokens[i + k] in _NOT_AFTER_DEMONYM:
                    iso = None
            if iso is not None:
                hit = (iso, k)
                break
        if hit:
            out.append("cc:" + hit[0])
            found.append(hit[0])
            i += hit[1]
        else:
            out.append(tokens[i])
            i += 1
    return out, found


def whole_country(text: str) -> str | None:
    """ISO3 when ``text`` is exactly a country name ("Fiji", "Viet Nam", "UK", "Perú").

    >>> whole_country("Republic of Korea"), whole_country("Fisheries")
    ('KOR', None)
    """
    index, _ = country_phrases()
    return index.get(_country_tokens(text))


@lru_cache(maxsize=1)
def _iso2() -> dict[str, tuple[str, ...]]:
    groups = country_groups()
    return {str(row.iso2).casefold(): _country_tokens(row.name)
            for row in groups.itertuples(index=False) if isinstance(row.iso2, str)}


def iso2_words(code: str) -> tuple[str, ...] | None:
    """Folded words of the country whose ISO 3166 alpha-2 code is ``code``.

    Used for a code written in capitals after an acronym ("WWF-NZ", "CI PH"),
    where it names a country office.

    >>> iso2_words("NZ")
    ('new', 'zealand')
    """
    return _iso2().get(code.casefold())
