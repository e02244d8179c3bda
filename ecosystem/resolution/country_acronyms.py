"""When an abbreviation that names a country is an organisation's acronym.

"UK", "USA" or "DRC" written alone as a partner usually name a country, that
is its government (:mod:`ecosystem.resolution.names`). But "DRC" in a
humanitarian 3W sheet is the Danish Refugee Council, and "RMI" may be a
research institute. The registry's own usage decides, as it does for the
acronyms of well-known bodies (:mod:`ecosystem.resolution.context`, "contested"):

A bare abbreviation in capitals that reads as a country (not the country's
name written out: "France", "FRANCE" stay countries) is an organisation's
acronym in a registry when

1. the registry defines it as something other than that country, with a
   long form whose word initials are its letters ("Danish Refugee Council
   (DRC)", in a name or in free text; "University of South Florida (USA)"
   only locates the university), or
2. one of the registry's organisation names, not itself a country, has
   exactly these word initials ("Danish Refugee Council" for DRC) while no
   name of the registry writes the country out ("Democratic Republic of the
   Congo").

It then stays an organisation acronym in every mention of that registry: it
may join the full name the registry defines for it (:mod:`ecosystem.resolution.acronym_links`),
never the country's government.

Examples
--------
>>> from ecosystem.resolution.names import parse_name
>>> sorted(organisation_acronyms(["DRC", "Danish Refugee Council", "Oxfam"], {}))
['drc']
>>> sorted(organisation_acronyms(["DRC", "Democratic Republic of the Congo"], {}))
[]
>>> as_organisation(parse_name("DRC")).tokens, as_organisation(parse_name("DRC")).country
(('drc',), None)
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace

from ecosystem.reference.folding import fold
from ecosystem.resolution.name_countries import country_phrases
from ecosystem.resolution.names import STOPWORDS, ParsedName, parse_name

__all__ = ["as_organisation", "country_abbreviation", "organisation_acronyms"]

_WORD = re.compile(r"[0-9a-z]+")


def country_abbreviation(p: ParsedName) -> str | None:
    """ISO3 when the name is an abbreviation in capitals that reads as a country
    ("DRC", "UK"), not the country's name written out ("FRANCE").

    >>> from ecosystem.resolution.names import parse_name
    >>> country_abbreviation(parse_name("DRC")), country_abbreviation(parse_name("FRANCE"))
    ('COD', None)
    """
    compact = p.raw.strip().replace(".", "")
    if not p.country or not p.is_acronym or " " in compact or len(compact) > 4 \
            or not compact.isupper():
        return None
    return p.country


def _initials(p: ParsedName) -> str:
    """Initials of the words as written, small words left out ("Danish Refugee Council": drc)."""
    return "".join(w[0] for w in _WORD.findall(fold(p.display)) if w not in STOPWORDS)


def organisation_acronyms(names: Iterable[str],
                          definitions: Mapping[tuple[str, str], int]) -> frozenset[str]:
    """The folded country abbreviations a registry uses for organisations (module notes).

    Parameters
    ----------
    names : iterable of str
        The registry's organisation names as written.
    definitions : mapping
        ``(long form, acronym)`` → count, as learned from the registry.
    """
    names = list(dict.fromkeys(names))
    abbrevs = {}
    for n in names:  # only short names in capitals are parsed
        compact = n.strip().replace(".", "")
        if len(compact) <= 4 and " " not in compact and compact.isupper():
            iso = country_abbreviation(parse_name(n))
            if iso is not None:
                abbrevs[fold(compact)] = iso
    if not abbrevs:
        return frozenset()
    out = set()
    for long, short in definitions:
        a = fold(short.replace(".", "")).strip()
        if a in abbrevs:
            lp = parse_name(long)
            # "University of South Florida (USA)" locates a body: only a long form
            # spelling the letters out defines them
            if _initials(lp) == a and lp.country != abbrevs[a]:
                out.add(a)
    index, _ = country_phrases()
    firsts = {k[0] for k, iso in index.items() if iso in set(abbrevs.values())}
    spelled, words = {}, {}
    # only names that may spell an abbreviation out or name its country are read
    starts = {a[0] for a in abbrevs} | {w[0] for w in firsts} | {"t", "l", "e", "g"}
    for n in names:
        if n.count(" ") > 8 or n[:1].casefold() not in starts \
                or fold(n.strip().replace(".", "")) in abbrevs:
            continue
        ws = words[n] = [w for w in _WORD.findall(fold(n)) if w not in STOPWORDS]
        a = "".join(w[0] for w in ws)
        if a in abbrevs and a not in out and len(ws) >= 2:
            p = parse_name(n)
            if len(p.tokens) >= 2 and not p.country:
                spelled.setdefault(a, n)
    if spelled:
        isos = {abbrevs[a] for a in spelled}
        firsts = {k[0] for k, iso in index.items() if iso in isos}
        written_out = {p.country for n, ws in words.items() if firsts.intersection(ws)
                       for p in [parse_name(n)] if p.country in isos}
        out |= {a for a in spelled if abbrevs[a] not in written_out}
    return frozenset(out)


def as_organisation(p: ParsedName) -> ParsedName:
    """The name read as an organisation's acronym instead of a country."""
    word = "".join(_WORD.findall(fold(p.raw)))
    return replace(p, tokens=(word,), country=None, hard_countries=frozenset(),
                   acronym=p.raw.strip().replace(".", ""))
