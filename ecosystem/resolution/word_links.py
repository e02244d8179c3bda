"""Links between names that need no fuzzy score: words run together, an acronym with
type words added, two names giving the same acronym.

Fuzzy matching (:mod:`ecosystem.resolution.matching`) compares sorted words, so
some variants of one name are never candidates:

* the same letters split into other words ("Norwegian Ship Owners'
  Association" / "Norwegian Shipowners' Association"): :func:`joined_edges`;
* an acronym with generic type words added, the acronym written in capitals
  in both ("CARE" / "CARE International"): :func:`acronym_word_edges`;
* two names that each give the same acronym, the words of one all in the
  other ("Santa Barbara (UCSB)" / "UCSB University of California Santa
  Barbara"), or, for an acronym of four letters or more, the same country
  inside both ("Peruvian Sea Institute - IMARPE" / "IMARPE – Research
  Institute of the Sea of Peru"): :func:`shared_acronym_links`;
* a bare acronym of four letters or more that the registry never defines, and the one
  name whose words' initials spell it ("TIDE" / "Toledo Institute for Development and
  Environment", "CNRS" / "Centre National Recherche Scientifique"):
  :func:`initials_links`.

A word that the registry writes in brackets after a name may also be written
after it without brackets ("Finnish Environment Institute (Syke)" /
"Finnish Environment Institute Syke"): :func:`trailing_annotations` reads it
as the same annotation.

The first two give candidate pairs that still have to pass
:func:`ecosystem.resolution.matching.same_body`; the third merges under the
cannot-link rules of :class:`ecosystem.resolution.matching.Clusters`.

Examples
--------
>>> from ecosystem.resolution.names import parse_name
>>> names = [parse_name(n) for n in ("Ship Owners Association", "Shipowners Association")]
>>> joined_edges([0, 1], names)
[(100, 0, 1)]
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from ecosystem.resolution.acronyms import acronym_fits, initials
from ecosystem.resolution.matching import Clusters, fuzzy_string, plain_tokens
from ecosystem.resolution.names import ParsedName

__all__ = ["MIN_INITIALS", "acronym_word_edges", "initials_links", "joined_edges",
           "shared_acronym_links", "trailing_annotations"]

#: Groups of names sharing one acronym larger than this are not compared pairwise.
_MAX_GROUP = 30
#: Fewest letters of a bare acronym joined to a name by its initials alone.
MIN_INITIALS = 4
_RAW_WORD = re.compile(r"\w+")
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def joined_edges(reps: list[int], parsed: list[ParsedName],
                 plain: dict[int, list[str]] | None = None) -> list[tuple[int, int, int]]:
    """(100, i, j) for names whose words, in order and run together, are the same.

    ``plain`` may give the names' :func:`ecosystem.resolution.matching.plain_tokens`.
    """
    joined: dict[str, list[int]] = defaultdict(list)
    for i in reps:
        joined["".join(plain[i] if plain is not None else plain_tokens(parsed[i]))].append(i)
    return [(100, m[0], i) for m in joined.values() for i in m[1:]]


def acronym_word_edges(bare: list[int], by_string: dict[str, list[int]],
                       parsed: list[ParsedName]) -> list[tuple[int, int, int]]:
    """(100, i, j) for a bare acronym ``i`` and a name ``j`` that is the acronym, in
    capitals, with generic words added ("CARE International").

    Parameters
    ----------
    bare : list of int
        Indexes of bare acronyms.
    by_string : dict
        :func:`ecosystem.resolution.matching.fuzzy_string` → indexes of the
        other names.
    parsed : list of ParsedName
    """
    out = []
    for i in bare:
        acr = fuzzy_string(parsed[i])
        out.extend((100, i, j) for j in by_string.get(acr, ())
                   if acr.upper() in _RAW_WORD.findall(parsed[j].raw))
    return out


def _expands(acronym: str, p: ParsedName) -> bool:
    """The name, without its brackets and its acronym, spells out the acronym
    (:func:`ecosystem.resolution.acronyms.acronym_fits`)."""
    core = " ".join(w for w in _BRACKETS.sub(" ", p.display).split()
                    if w.replace(".", "").upper() != acronym)
    return acronym_fits(acronym, core)


def shared_acronym_links(active: list[int], parsed: list[ParsedName], cl: Clusters,
                         common: frozenset) -> set[int]:
    """Merge names that give the same acronym when the words of one are all in the other.

    The shared words must include one outside ``common`` (words too frequent
    in the registry to identify a body), and the shorter name must lie in one
    wider name only (or in several already merged) that spells the acronym out
    ("Santa Barbara (UCSB) National Center for Ecological Analysis" does not). An acronym of four letters
    or more also joins names with the same countries inside them. Returns the
    indexes of the names merged into another.

    Examples
    --------
    >>> from ecosystem.resolution.matching import signature
    >>> from ecosystem.resolution.names import parse_name
    >>> ps = [parse_name(n) for n in ("Santa Barbara (UCSB)",
    ...                               "UCSB University of California Santa Barbara")]
    >>> cl = Clusters([signature(p) for p in ps], [None, None])
    >>> sorted(shared_acronym_links([0, 1], ps, cl, frozenset({"university"})))
    [0]
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for i in active:
        p = parsed[i]
        if p.acronym and not p.is_acronym and len(p.acronym) >= 3:
            groups[p.acronym.replace(".", "").upper()].append(i)
    merged: set[int] = set()
    for acr, members in groups.items():
        if len(members) < 2 or len(members) > _MAX_GROUP:
            continue
        if len(acr) >= 4:
            # "Peruvian Sea Institute - IMARPE" / "IMARPE – Research Institute of the Sea
            # of Peru": one acronym of four letters or more, one country inside the names
            by_country: dict[frozenset, list[int]] = defaultdict(list)
            for i in members:
                if parsed[i].hard_countries:
                    by_country[parsed[i].hard_countries].append(i)
            for same in by_country.values():
                merged.update(j for j in same[1:] if cl.union(same[0], j))
        words = {i: set(plain_tokens(parsed[i])) for i in members}
        for j in members:
            shared = words[j]
            if not any(t not in common and ":" not in t for t in shared):
                continue
            wider = {cl.find(i) for i in members if i != j and shared <= words[i]
                     and words[i] != shared and _expands(acr, parsed[i])}
            # one wider name only: "Santa Barbara (UCSB)" also lies in "Santa Barbara
            # (UCSB) National Center for Ecological Analysis", so it joins neither
            if len(wider) == 1 and cl.union(next(iter(wider)), j):
                merged.add(j)
    return merged


def initials_links(active: list[int], parsed: list[ParsedName], cl: Clusters,
                   defined: set[str]) -> set[int]:
    """Join each bare acronym to the one name whose words' initials spell it; return the
    indexes of the acronyms joined.

    Only an acronym of :data:`MIN_INITIALS` letters or more that the registry does not
    define (``defined``: its acronyms in capitals; a definition decides instead,
    :mod:`ecosystem.resolution.acronym_links`), still alone with other bare acronyms,
    and whose initials one name alone (or one group of names) spells, its connectors
    left out (:func:`ecosystem.resolution.acronyms.initials`); the name gives no acronym
    of its own. An acronym of :data:`MIN_INITIALS` letters exactly must also be met in
    records of a country where the name is met (the :attr:`~.matching.Clusters.seen` and
    :attr:`~.matching.Clusters.kept` places, or a country in the name): four initials
    are shared by too many bodies ("NPAA" in Sierra Leone is not the "National Protected
    Areas Agency" of the Comoros). The acronym takes the name's countries (``adopt``).

    Examples
    --------
    >>> from ecosystem.resolution.matching import signature
    >>> from ecosystem.resolution.names import parse_name
    >>> ps = [parse_name(n) for n in ("TIDE", "Toledo Institute for Development and "
    ...                               "Environment", "WWF")]
    >>> cl = Clusters([signature(p) for p in ps], [None] * 3, seen=[{"BLZ"}, {"BLZ"}, None])
    >>> cl.bare = [True, False, True]
    >>> initials_links([0, 1, 2], ps, cl, {"TIDE"}), initials_links([0, 1, 2], ps, cl, set())
    (set(), {0})
    """
    spelled: dict[str, set[int]] = defaultdict(set)
    for j in active:
        p = parsed[j]
        if not p.is_acronym and not p.acronym and "(" not in p.display:
            letters = initials(p.display)
            if len(letters) >= MIN_INITIALS:
                spelled[letters].add(j)
    merged: set[int] = set()
    for i in active:
        p = parsed[i]
        acr = p.display.replace(".", "").upper()
        if not (p.is_acronym and acr.isalpha() and len(acr) >= MIN_INITIALS
                and acr not in defined and cl.bare[cl.find(i)]):
            continue
        names = spelled.get(acr, set())
        groups = {cl.find(j) for j in names}
        if len(groups) != 1 or (len(acr) == MIN_INITIALS and _countries(cl, parsed, {i})
                                .isdisjoint(_countries(cl, parsed, names))):
            continue
        if cl.union(next(iter(groups)), i, adopt=True):
            merged.add(i)
    return merged


def _countries(cl: Clusters, parsed: list[ParsedName], items: set[int]) -> set[str]:
    """The countries where ``items`` are met or kept apart, or that they name."""
    return {c for k in items for c in cl.seen[k] | cl.kept[k] | parsed[k].countries
            if not c.startswith("?")}


def trailing_annotations(parsed: list[ParsedName], n: int) -> None:
    """Read a last word as an annotation where the names write it so, in place.

    When one of the first ``n`` names is another name plus a last word, and
    some name writes that word in brackets after the other name ("Finnish
    Environment Institute (Syke)"), the word is a bracket qualifier there too.

    Examples
    --------
    >>> from ecosystem.resolution.names import parse_name
    >>> ps = [parse_name(x) for x in ("Finnish Environment Institute (Syke)",
    ...                               "Finnish Environment Institute Syke")]
    >>> trailing_annotations(ps, 2)
    >>> ps[1].key == ps[0].key, sorted(ps[1].qualifiers)
    (True, ['syke'])
    """
    written = {(p.key, q) for p in parsed[:n] for q in p.qualifiers}
    written |= {(p.key, p.acronym.casefold()) for p in parsed[:n]
                if p.acronym and not p.is_acronym}
    if not written:
        return
    words = {w for _, w in written}
    for i in range(n):
        p = parsed[i]
        if len(p.tokens) < 3 or p.tokens[-1] not in words:
            continue
        last = p.tokens[-1]
        head = replace(p, tokens=p.tokens[:-1])
        if (head.key, last) in written:
            parsed[i] = replace(head, qualifiers=p.qualifiers | {last})
