"""Fuzzy links between name variants: candidates by string similarity, accepted by rule.

Each comparison key's heaviest variant (the one written with accents, if any:
it tells a lost letter, "São" / "So") is reduced to its
:func:`ecosystem.resolution.matching.fuzzy_string`. Candidate pairs come from
:func:`ecosystem.resolution.matching.fuzzy_pairs` (rapidfuzz ratio ≥
:data:`ecosystem.resolution.matching.CANDIDATE_CUTOFF`, cached across calls in
``near``), plus the exact links of :mod:`ecosystem.resolution.word_links`
(words run together, an acronym with type words added). A pair is merged, best
score first, when :func:`ecosystem.resolution.matching.same_body` holds and
the cannot-link rules allow it.

Examples
--------
>>> from collections import defaultdict
>>> from ecosystem.resolution.matching import Clusters, signature
>>> from ecosystem.resolution.names import parse_name
>>> ps = [parse_name(n) for n in ("Reef Check Foundation", "Reef Chek Foundation", "Sea Shepherd")]
>>> by_key = defaultdict(list)
>>> for i, p in enumerate(ps):
...     by_key[p.key].append(i)
>>> cl = Clusters([signature(p) for p in ps], [None] * 3)
>>> sorted(fuzzy_links(by_key, ps, cl, {}))
[0, 1]
"""
from __future__ import annotations

from collections import Counter, defaultdict

from ecosystem.resolution.matching import Clusters, fuzzy_pairs, plain_tokens, same_body
from ecosystem.resolution.names import GENERIC_EXTRAS, ParsedName
from ecosystem.resolution.word_links import acronym_word_edges, joined_edges

__all__ = ["COMMON_WORD_SHARE", "MAX_NEIGHBOURS", "MAX_SAME_STRING", "fuzzy_links", "neighbours"]

#: Words in at least this share of distinct names are "common" (not distinctive).
COMMON_WORD_SHARE = 0.005
#: Candidates kept per new string, best first (a string is its own first). The Ocean registry's
#: most crowded string has 8; a field of thousands of look-alike names would otherwise give
#: every pair of them (quadratic time and memory).
MAX_NEIGHBOURS = 16
#: Names of one fuzzy string linked to each name of a neighbouring string (the others are linked
#: to the first of their own string at score 100). The Ocean registry's largest such group has 55
#: names ("government"); thousands of one name's permutations would link every pair of them.
MAX_SAME_STRING = 64


def neighbours(near: dict[str, dict], strings: list[str]) -> None:
    """Fill the fuzzy-neighbour cache ``near`` (string → {string: score}) for new strings.

    Each new string brings its :data:`MAX_NEIGHBOURS` best candidates; a pair is
    kept when either string has the other among them.
    """
    new = [x for x in dict.fromkeys(strings) if x not in near]
    if not new:
        return
    for x in new:
        near[x] = {}
    pool = list(near)
    for i, j, score in fuzzy_pairs(new, pool, per_query=MAX_NEIGHBOURS + 1):
        a, b = new[i], pool[j]
        if a != b:
            near[a][b] = near[b][a] = score


def fuzzy_links(by_key: dict[str, list[int]], parsed: list[ParsedName], cl: Clusters,
                near: dict[str, dict]) -> dict[int, float]:
    """Merge similar names in ``cl``; return index → score (0–1) of each name merged.

    Parameters
    ----------
    by_key : dict
        Comparison key → indexes of the names with that key, heaviest first.
    parsed : list of ParsedName
    cl : Clusters
        Merged in place.
    near : dict
        The fuzzy-neighbour cache (see :func:`neighbours`).
    """
    bare, reps = [], []
    for m in by_key.values():
        r = m[0] if not parsed[m[0]].raw.isascii() else \
            next((i for i in m if not parsed[i].raw.isascii()), m[0])
        p = parsed[r]
        if p.country:
            continue
        if p.is_acronym and not any(":" in t for t in p.tokens):
            bare.append(r)
        else:
            reps.append(r)
    plain = {i: plain_tokens(parsed[i]) for i in reps}
    strings = [" ".join(sorted([t for t in plain[i] if t not in GENERIC_EXTRAS] or plain[i]))
               for i in reps]  # fuzzy_string, from the tokens computed once
    rep_of, by_string = defaultdict(list), defaultdict(list)
    for i, x in zip(reps, strings):
        by_string[x].append(i)
        if len(x) >= 5:
            rep_of[x].append(i)
    neighbours(near, list(rep_of))
    df = Counter(t for x in rep_of for t in set(x.split()))
    common = frozenset(t for t, c in df.items()
                       if c >= max(5, COMMON_WORD_SHARE * len(rep_of)))
    edges = []
    for x, mine in rep_of.items():
        for i in mine[1:]:
            edges.append((100, mine[0], i))
        for y, score in near[x].items():
            if y in rep_of and x < y:
                edges.extend((score, i, j) for i in mine[:MAX_SAME_STRING]
                             for j in rep_of[y][:MAX_SAME_STRING])
    edges += joined_edges(reps, parsed, plain) + acronym_word_edges(bare, by_string, parsed)
    scores = {}
    for s, i, j in sorted(edges, key=lambda e: (-e[0], e[1], e[2])):
        # a name met in one record (or one country's records), or kept apart there, joins
        # the generic name of its key kept apart there, not the key's first ("Minister of
        # Sea" in record 7: the "Ministry of Sea" of record 7)
        i, j = _kept_where_met(cl, j, by_key[parsed[i].key], i), \
            _kept_where_met(cl, i, by_key[parsed[j].key], j)
        if same_body(parsed[i], parsed[j], common) and cl.union(i, j):
            for x in by_key[parsed[j].key] + by_key[parsed[i].key]:
                scores.setdefault(x, s / 100)
    return scores


def _kept_where_met(cl: Clusters, i: int, members: list[int], default: int) -> int:
    """Of ``members`` (the names of one key), the generic name kept apart where every record
    of ``i`` lies, or where ``i`` itself is kept apart
    (:class:`~ecosystem.resolution.matching.Clusters`), else ``default``."""
    where = cl.seen[i] or cl.kept[i]
    if not where or not cl.kept[default] or where <= cl.kept[default]:
        return default
    return next((k for k in members if cl.kept[k] and where <= cl.kept[k]), default)
