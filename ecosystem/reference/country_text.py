"""Countries named in free text: :func:`find_countries`.

A record's coverage ("Santo Domingo, Repblica Dominicana"), a partner list or a name is read
for the countries it names, whole words only and the longest name first, in English, French,
Spanish and Portuguese (:func:`ecosystem.reference.countries.translated_country_names`), with
or without accents, and with accented letters an export lost. A one-word translated name that
is also a first name is a person's name before a capitalised word ("Maurice Strong").

Known ambiguities
-----------------
"Georgia" is always the country (never the US state); "Chad", "Jordan" as
first names are taken as countries; bare "Congo" is the Republic of the Congo
(COG), bare "Korea" the Republic of Korea (KOR), bare "Micronesia" the
Federated States (FSM). Phrases that contain a country name but name something
else ("Gulf of Guinea", "New Jersey", "South China Sea", "Niger Delta") are
skipped.

Examples
--------
>>> find_countries("Projects in Nigeria, Papua New Guinea and the Dominican Republic")
['NGA', 'PNG', 'DOM']
"""
from __future__ import annotations

import re
from functools import lru_cache

from ecosystem.reference.countries import country_rows, translated_country_names
from ecosystem.reference.folding import strip_accents, without_accented_letters
from ecosystem.reference.given_names import is_given_name

__all__ = ["NOT_COUNTRIES", "find_countries"]

#: Phrases that contain a country name but do not name that country; matched
#: first and then ignored by :func:`find_countries`.
NOT_COUNTRIES = (
    "Gulf of Guinea", "Guinea Current", "New Guinea", "Niger Delta", "Niger River",
    "New Jersey", "New Mexico", "New South Wales", "Gulf of Mexico",
    "South China Sea", "East China Sea",
)


_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[^\W\d_][\w'’.-]*")
#: Where a country's name may start: a word character after no word character or hyphen.
_WORD_START = re.compile(r"(?<![\w-])\w")


@lru_cache(maxsize=1)
def _written_forms() -> tuple[tuple[str, str, bool], ...]:
    """(name as free text writes it, ISO3, translated) for every name and alias, then the French,
    Spanish and Portuguese names, then each with its accented letters lost, all without accents.

    Names with a comma are the formal "X, Republic of" forms: in free text a comma separates
    items, so only the plain forms are read. A form whose first letter was lost ("gypte") is
    no name a text writes.
    """
    english = [(n, row["iso3"]) for row in country_rows()
               for n in [row["name"], *filter(None, row["aliases"].split("|"))]]
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
                     if translated and " " not in n and n.casefold() not in english
                     and is_given_name(n))


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
    for row in country_rows():  # the formal "X, Republic of" forms too: their first words pre-filter
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
