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
    :func:`country_iso3` and :func:`find_countries` also read the French, Spanish
    and Portuguese names pycountry's ISO 3166 translations give
    (:func:`translated_country_names`), and every name with its accented letters
    lost by an export ("Repblica Dominicana"). In free text, a one-word translated
    name that is also a first name is read as a person's name when a capitalised
    word follows it ("Maurice Strong", "Salvador Dalí"; "Malte et Portugal" is Malta).
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

Known ambiguities of :func:`find_countries`
-------------------------------------------
"Georgia" is always the country (never the US state); "Chad", "Jordan" as
first names are taken as countries; bare "Congo" is the Republic of the Congo
(COG), bare "Korea" the Republic of Korea (KOR), bare "Micronesia" the
Federated States (FSM). Phrases that contain a country name but name something
else ("Gulf of Guinea", "New Jersey", "South China Sea", "Niger Delta") are
skipped.

Examples
--------
>>> country_iso3("Republic of Korea"), country_iso3("Democratic People's Republic of Korea")
('KOR', 'PRK')
>>> find_countries("Projects in Nigeria, Papua New Guinea and the Dominican Republic")
['NGA', 'PNG', 'DOM']
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache

import pandas as pd

from ecosystem.reference.datapaths import REFERENCE_DIR
from ecosystem.reference.folding import fold, strip_accents, without_accented_letters
from ecosystem.reference.given_names import is_given_name

__all__ = ["COUNTRIES_CSV", "NOT_COUNTRIES", "TRANSLATIONS", "country_groups", "country_iso3",
           "country_name", "find_countries", "translated_country_names"]

#: The reference table.
COUNTRIES_CSV = REFERENCE_DIR / "countries.csv"

#: Phrases that contain a country name but do not name that country; matched
#: first and then ignored by :func:`find_countries`.
NOT_COUNTRIES = (
    "Gulf of Guinea", "Guinea Current", "New Guinea", "Niger Delta", "Niger River",
    "New Jersey", "New Mexico", "New South Wales", "Gulf of Mexico",
    "South China Sea", "East China Sea",
)


_DOTS_SPACES = re.compile(r"[.\s]+")
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[^\W\d_][\w'’.-]*")
#: Where a country's name may start: a word character after no word character or hyphen.
_WORD_START = re.compile(r"(?<![\w-])\w")


def _name_key(text: str) -> str:
    """Case-, accent-, punctuation- and 'the'-insensitive key of a country name."""
    text = fold(text).replace("&", " and ").replace("’", "'")
    if "." in text or "  " in text or not text.isprintable():  # (every space but " " is unprintable)
        text = _DOTS_SPACES.sub(" ", text)
    text = text.strip(" ,;")
    return text[4:] if text.startswith("the ") else text


@lru_cache(maxsize=1)
def _rows() -> tuple[dict, ...]:
    with open(COUNTRIES_CSV, encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Folded name or alias → ISO3 (names first, so they win over aliases, and aliases over
    the French, Spanish and Portuguese names); each name with accents also with its accented
    letters dropped, when five letters or more remain ("Mxico", "Repblica Dominicana")."""
    out: dict[str, str] = {}
    for row in _rows():
        out.setdefault(_name_key(row["iso3"]), row["iso3"])
    named = [(row["name"], row["iso3"]) for row in _rows()]
    named += [(alias, row["iso3"]) for row in _rows()
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

    Matching ignores case, accents, full stops and a leading "the". ISO3 codes
    are accepted as they are; ISO2 codes are not (too many are ordinary words).

    Examples
    --------
    >>> country_iso3("Viet Nam"), country_iso3("Côte d'Ivoire"), country_iso3("Ivory Coast")
    ('VNM', 'CIV', 'CIV')
    >>> country_iso3("Atlantis") is None
    True
    >>> country_iso3("Brasil"), country_iso3("Belice"), country_iso3("Mxico")  # es; accents lost
    ('BRA', 'BLZ', 'MEX')
    """
    return _iso3_cached(name) if isinstance(name, str) else None


@lru_cache(maxsize=65536)
def _iso3_cached(name: str) -> str | None:
    # (a blank name is tested here, once: the same names are looked up again and again)
    return _names().get(_name_key(name)) if name.strip() else None


@lru_cache(maxsize=1)
def _written_forms() -> tuple[tuple[str, str, bool], ...]:
    """(name as free text writes it, ISO3, translated) for every name and alias, then the French,
    Spanish and Portuguese names, then each with its accented letters lost, all without accents.

    Names with a comma are the formal "X, Republic of" forms: in free text a comma separates
    items, so only the plain forms are read. A form whose first letter was lost ("gypte") is
    no name a text writes.
    """
    english = [(n, row["iso3"]) for row in _rows() for n in [row["name"], *filter(None, row["aliases"].split("|"))]]
    translated = list(translated_country_names())
    out = [(strip_accents(n), iso3, False) for n, iso3 in english]
    out += [(strip_accents(n), iso3, True) for n, iso3 in translated]
    for n, iso3 in english + translated:
        dropped = without_accented_letters(n)
        if dropped and dropped[:1].isupper():
            out.append((dropped, iso3, True))
    return tuple((n, iso3, t) for n, iso3, t in out if "," not in n)


@lru_cache(maxsize=1)
def _surface() -> dict[str, str | None]:
    """Every form :func:`_written_forms` gives → ISO3 (None for :data:`NOT_COUNTRIES`), without
    accents: :func:`find_countries` reads the text without them. An English name wins over a
    translation written alike."""
    surface: dict[str, str | None] = {}
    for n, iso3, _ in _written_forms():
        surface.setdefault(n, iso3)
    for phrase in NOT_COUNTRIES:
        surface[strip_accents(phrase)] = None
    return surface


@lru_cache(maxsize=1)
def _first_names_too() -> frozenset[str]:
    """Case-folded one-word forms that only a translation gives and that are also first names
    ("maurice", "salvador", "dominique"): before a capitalised word they name a person."""
    english = {n.casefold() for n, _, translated in _written_forms() if not translated}
    return frozenset(n.casefold() for n, _, translated in _written_forms()
                     if translated and " " not in n and n.casefold() not in english and is_given_name(n))


#: A capitalised word straight after a match: the surname after a first name.
_CAPITALISED_NEXT = re.compile(r"[ \t]+[A-Z]")


def _regex(alternatives: list[str]) -> re.Pattern:
    """A whole-word, case-insensitive regex over ``alternatives``, tried in the order given."""
    body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alternatives)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    """One regex over every name and alias, longest first."""
    return _regex(sorted(_surface(), key=len, reverse=True))


@lru_cache(maxsize=1)
def _iso3_by_match() -> dict[str, str | None]:
    """A match of :func:`_pattern`, spaces made one and case-folded → ISO3 (None: not a country)."""
    return {re.sub(r"\s+", " ", a).casefold(): v for a, v in _surface().items()}


@lru_cache(maxsize=1)
def _patterns_by_initial() -> dict[str, re.Pattern]:
    """:func:`_pattern` cut by the (lower-case) first letter of its alternatives, in the same order.

    A word can only start a name whose first letter matches its own: trying those names alone
    finds what the whole regex finds (it tries the longest first too), an order of magnitude faster.
    """
    by_initial: dict[str, list[str]] = {}
    for a in sorted(_surface(), key=len, reverse=True):
        by_initial.setdefault(a[0].lower(), []).append(a)
    return {initial: _regex(alternatives) for initial, alternatives in by_initial.items()}


@lru_cache(maxsize=4096)
def _pattern_for(char: str) -> re.Pattern | None:
    """The regex of the names that may start with ``char`` (compared as the regex compares
    letters, ignoring case): its initial's, :func:`_pattern` when several initials match it
    (never seen), None when no name can start with it."""
    initials = [i for i in _patterns_by_initial() if re.fullmatch(re.escape(i), char, re.IGNORECASE)]
    if not initials:
        return None
    return _patterns_by_initial()[initials[0]] if len(initials) == 1 else _pattern()


def _country_matches(text: str) -> list[re.Match]:
    """``_pattern().finditer(text)``: the same matches, each word start tried only against
    the names that begin with its letter."""
    found: list[re.Match] = []
    end = 0
    for word in _WORD_START.finditer(text):
        start = word.start()
        if start < end:
            continue
        pattern = _pattern_for(text[start])
        m = pattern.match(text, start) if pattern is not None else None
        if m:
            found.append(m)
            end = m.end()
    return found


def _case_ok(found: str, alias: str) -> bool:
    """Single-word names must be capitalised as written or in capitals ("chad" is not Chad)."""
    if found == alias or found == alias.upper():
        return True
    if len(alias.split()) >= 2 and not alias.isupper():
        return True  # "republic of korea", "Papua new guinea"
    return found[:1].isupper() and found[1:] == alias[1:] and not alias.isupper()


@lru_cache(maxsize=1)
def _surface_by_key() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in _rows():  # the formal "X, Republic of" forms too: their first words pre-filter
        for n in [row["name"], *filter(None, row["aliases"].split("|"))]:
            n = strip_accents(n)
            out.setdefault(n.casefold(), n)
    for n, _, _ in _written_forms():
        out.setdefault(n.casefold(), n)
    for phrase in map(strip_accents, NOT_COUNTRIES):
        out.setdefault(phrase.casefold(), phrase)
    return out


def find_countries(text: str) -> list[str]:
    """ISO3 codes of the countries named in free text, in order of first mention.

    Matches whole words only, longest name first, so "Niger" is not found in
    "Nigeria", "Guinea" not in "Papua New Guinea" or "Guinea-Bissau", "Dominica"
    not in "Dominican Republic", "Sudan" not in "South Sudan". Single-word names
    must be capitalised ("Chad", "CHAD", not "chad"). See the module notes for
    accepted ambiguities ("Georgia").

    Examples
    --------
    >>> find_countries("Niger and Nigeria; Guinea-Bissau; Papua New Guinea")
    ['NER', 'NGA', 'GNB', 'PNG']
    >>> find_countries("Gulf of Guinea states, e.g. GHANA")
    ['GHA']
    >>> find_countries("Autoridad de los Recursos Acuáticos de Panamá; Université de Sénégal")
    ['PAN', 'SEN']
    >>> find_countries("Santo Domingo, Repblica Dominicana; Brasil; Malte et Portugal")
    ['DOM', 'BRA', 'MLT', 'PRT']
    >>> find_countries("Maurice Strong, Dominique Benzaken"), find_countries("Île Maurice")
    ([], ['MUS'])
    """
    if not isinstance(text, str) or not text:
        return []
    return list(_find_cached(text))


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """First word (case-folded) of every name, alias and ignored phrase: a cheap pre-filter."""
    words = {a.split()[0].casefold() for a in _surface_by_key().values() if a.split()}
    return frozenset(words)


@lru_cache(maxsize=65536)
def _find_cached(text: str) -> tuple[str, ...]:
    text = strip_accents(text)  # "Panamá", "Sénégal": as country_iso3, accents do not count
    tokens = _WORDS.findall(text)
    if not _first_words().intersection(v for w in tokens for v in (w.casefold(), w.casefold().rstrip("."))):
        return ()
    iso = _iso3_by_match()
    surface = _surface_by_key()
    out: list[str] = []
    for m in _country_matches(text):
        found = _SPACES.sub(" ", m.group(0))
        key = found.casefold()
        code = iso.get(key)
        if code is None or code in out:
            continue
        if key in _first_names_too() and _CAPITALISED_NEXT.match(text, m.end()):
            continue  # "Maurice Strong": a person
        if _case_ok(found, surface[key]):
            out.append(code)
    return tuple(out)


def country_name(iso3: str) -> str | None:
    """UN-style short name of an ISO3 code, or None.

    >>> country_name("TZA")
    'United Republic of Tanzania'
    """
    return _names_by_iso3().get(iso3) if isinstance(iso3, str) else None


@lru_cache(maxsize=1)
def _names_by_iso3() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in _rows():
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
    df = pd.DataFrame(list(_rows()))
    for col in df.columns:
        df[col] = df[col].replace("", None).astype("string")
    for col in ("sids", "ldc"):
        df[col] = df[col].map({"True": True, "False": False}).astype("boolean")
    return df
