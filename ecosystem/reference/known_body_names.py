"""The names of well-known bodies, as the extraction rules below resolution read them.

Some bodies are named with category words: the Pacific Community (SPC) reads
like "a community of the Pacific", the Marine Stewardship Council like a kind
of council. The known-bodies table (``data/known_bodies.csv``, read whole by
:class:`ecosystem.resolution.known_bodies.KnownBodies`) lists their names and
aliases; a phrase that is one of them is an organisation, whatever its words.

Examples
--------
>>> is_known_body_name("Pacific Community"), is_known_body_name("the pacific  community")
(True, True)
>>> is_known_body_name("Local communities")
False

An international body's table row gives the country of its seat (``seat``,
ISO3): "Brussels, Belgium" written as the location of a European Union
commitment is where the Union sits, not where the commitment works
(:func:`seat_of`).

>>> seat_of("Baltic Marine Environment Protection Commission (HELCOM)")
('FIN', 'Baltic Marine Environment Protection Commission')
>>> seat_of("WWF") is None  # a national or world NGO: no seat in the table
True
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from itertools import pairwise

from ecosystem.reference.datapaths import REFERENCE_DIR
from ecosystem.reference.folding import fold_phrase

__all__ = ["KNOWN_BODIES_CSV", "is_known_body_name", "joins_known_name", "known_body_acronyms",
           "known_body_names", "seat_of"]

#: The known-bodies table.
KNOWN_BODIES_CSV = REFERENCE_DIR / "known_bodies.csv"


@lru_cache(maxsize=1)
def _table_rows() -> tuple[dict, ...]:
    with open(KNOWN_BODIES_CSV, encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


@lru_cache(maxsize=1)
def known_body_names() -> frozenset[str]:
    """Every name and alias of two words or more in the known-bodies table, folded
    (:func:`~ecosystem.reference.folding.fold_phrase`). One-word names are acronyms or
    single words ("UNESCO", "Interpol"), which the category rules never take for a kind.

    Examples
    --------
    >>> "united nations environment programme" in known_body_names()
    True
    """
    names = set()
    for row in _table_rows():
        for name in [row.get("canonical") or "", *(row.get("aliases") or "").split("|")]:
            folded = fold_phrase(name)
            if len(folded.split()) >= 2:
                names.add(folded)
    return frozenset(names)


@lru_cache(maxsize=1)
def known_body_acronyms() -> frozenset[str]:
    """The known bodies' acronyms as the table writes them ("IUCN", "SPREP").

    Examples
    --------
    >>> {"IUCN", "WMO"} <= known_body_acronyms(), "Ocean" in known_body_acronyms()
    (True, False)
    """
    return frozenset(a for row in _table_rows() for a in (row.get("acronym") or "").split("|") if a)


def is_known_body_name(text: str) -> bool:
    """True when ``text`` (a leading "the" aside) is a known body's name or alias.

    Parameters
    ----------
    text : str
        A phrase as written.

    Returns
    -------
    bool
    """
    folded = fold_phrase(text).strip(" .,;:")
    return folded.removeprefix("the ") in known_body_names()


@lru_cache(maxsize=1)
def _seats() -> dict[str, tuple[str, str]]:
    """Folded name, alias or acronym → (seat ISO3, canonical name), for the bodies with a seat."""
    seats: dict[str, tuple[str, str]] = {}
    for row in _table_rows():
        seat = (row.get("seat") or "").strip()
        if not seat:
            continue
        names = [row["canonical"], *(row.get("aliases") or "").split("|"),
                 *(row.get("acronym") or "").split("|")]
        for name in names:
            key = fold_phrase(name).strip(" .,;:")
            if key:
                seats.setdefault(key, (seat, row["canonical"]))
    return seats


_LAST_BRACKET = re.compile(r"\s*\(([^()]*)\)\s*$")


def seat_of(name: str | None) -> tuple[str, str] | None:
    """The seat country and canonical name of the international body ``name`` names as a whole.

    Parameters
    ----------
    name : str or None
        A name as written: the body's name, an alias or its acronym, perhaps
        with the acronym in brackets after the name ("Indian Ocean Rim
        Association (IORA)").

    Returns
    -------
    (str, str) or None
        ISO3 of the country where the body has its seat, and its canonical
        name; None when ``name`` is not a body of the table with a seat (a
        list of several bodies is none).

    Examples
    --------
    >>> seat_of("European Union"), seat_of("OECD")[0]
    (('BEL', 'European Union'), 'FRA')
    """
    text = (name or "").strip()
    candidates = [text]
    bracket = _LAST_BRACKET.search(text)
    if bracket:
        candidates += [text[:bracket.start()], bracket.group(1)]
    seats = _seats()
    for candidate in candidates:
        key = fold_phrase(candidate).strip(" .,;:").removeprefix("the ")
        if key in seats:
            return seats[key]
    return None


_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _names_as_words() -> tuple[tuple[tuple[str, ...], ...], frozenset]:
    """The names as word tuples, and every pair of consecutive words in them."""
    names = tuple(tuple(_WORD.findall(n)) for n in known_body_names())
    pairs = frozenset(p for words in names for p in pairwise(words))
    return names, pairs


def joins_known_name(before: str, after: str) -> bool:
    """True when a known body's name runs across the join of ``before`` and ``after``, two
    words or more on each side: a comma inside the name cut it ("United Nations Educational" |
    "Scientific and Cultural Organization").

    Examples
    --------
    >>> joins_known_name("Commission of the United Nations Educational",
    ...                  "Scientific and Cultural Organization")
    True
    >>> joins_known_name("Ministry of Education", "Science and Culture")
    False
    >>> joins_known_name("World Wide Fund for Nature (WWF)", "International Union for Conservation")
    False
    """
    b, a = _WORD.findall(fold_phrase(before)), _WORD.findall(fold_phrase(after))
    names, pairs = _names_as_words()
    if not b or not a or (b[-1], a[0]) not in pairs:
        return False  # the cheap test first: no name has these two words side by side
    words, cut = b + a, len(b)
    # two words of the name or more on each side: "WWF, WWF International" holds no cut name
    for name in names:
        k = len(name)
        for start in range(max(0, cut - k + 2), min(cut - 1, len(words) - k + 1)):
            if tuple(words[start:start + k]) == name:
                return True
    return False
