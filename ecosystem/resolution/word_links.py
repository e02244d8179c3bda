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
  Institute of the Sea of Peru"): :func:`shared_acronym_links`.

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

from ecosystem.resolution.acronyms import acronym_fits
from ecosystem.resolution.matching import Clusters, fuzzy_string, plain_tokens
from ecosystem.resolution.names import ParsedName

__all__ = ["acronym_word_edges", "joined_edges", "shared_acronym_links", "trailing_annotations"]

#: Groups of names sharing one acronym larger than this are not compared pairwise.
_MAX_GROUP = 30
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
