"""Which cluster of full names a bare acronym joins, from the registry's own definitions.

Every "Long Form (ACR)" found in the registry is a vote of ACR for the cluster
its long form belongs to. Votes are first pooled:

* clusters whose long forms name the same body once countries are ignored
  ("National Institute of Biology" and "National Institute of Biology (NIB)
  Spain"), or whose long forms are near-identical (rapidfuzz token-sort ratio
  ≥ 85: "… Observing System" / "… Observation System") or one within the
  other (token-set ratio ≥ 90: "Institute for Fisheries Research" /
  "National Institute for Fisheries Research");
* then, when the remaining pools are in different languages, one pool per
  language (:func:`ecosystem.resolution.language.language_of`), they are
  translations of one body ("Ministerio de Ambiente y Energía" / "Ministry of
  Environment and Energy") and pool together. Two pools in the same language
  ("Aitutaki Conservation Trust" / "Aspire Coronation Trust" for ACT) stay
  apart: the acronym is ambiguous.

The acronym joins every cluster of the winning pool when the pool has at least
:data:`ACRONYM_DOMINANCE` times the votes of the runner-up (:func:`join_acronyms`).

Examples
--------
>>> pooled_votes({1: 3, 2: 2}, {1: ["Ministry of Environment and Energy"],
...                             2: ["Ministerio de Ambiente y Energía"]})
([1, 2], 5, 0)
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace

from rapidfuzz import fuzz

from ecosystem.resolution.known_bodies import KnownBodies
from ecosystem.resolution.language import language_of
from ecosystem.resolution.matching import Clusters, same_body
from ecosystem.resolution.names import ParsedName, parse_name

__all__ = ["ACRONYM_DOMINANCE", "join_acronyms", "pooled_votes"]

#: The winning pool needs at least this many times the votes of the next one.
ACRONYM_DOMINANCE = 2.0


def _similar(a: list[str], b: list[str]) -> bool:
    for x in a:
        px = parse_name(x)
        for y in b:
            py = parse_name(y)
            kx = " ".join(t for t in px.tokens if not t.startswith("cc:"))
            ky = " ".join(t for t in py.tokens if not t.startswith("cc:"))
            if kx and ky and (kx == ky or fuzz.token_sort_ratio(kx, ky) >= 85
                              or fuzz.token_set_ratio(kx, ky) >= 90):
                return True
            if same_body(_no_countries(px), _no_countries(py)):
                return True
    return False


def _no_countries(p: ParsedName) -> ParsedName:
    return replace(p, tokens=tuple(t for t in p.tokens if not t.startswith("cc:")),
                   hard_countries=frozenset(), soft_countries=frozenset(), qualifiers=frozenset())


def pooled_votes(votes: dict, long_forms: dict) -> tuple[list, int, int]:
    """Pool an acronym's votes; return (clusters of the winning pool, its votes, runner-up votes).

    Parameters
    ----------
    votes : dict
        Cluster id → number of definitions pointing to it.
    long_forms : dict
        Cluster id → the long forms (text) that define the acronym for it.
    """
    roots = sorted(votes, key=lambda r: (-votes[r], r))
    parent = {r: r for r in roots}

    def find(r):
        while parent[r] != r:
            r = parent[r]
        return r

    for i, a in enumerate(roots):
        for b in roots[i + 1:]:
            if find(a) != find(b) and _similar(long_forms[a], long_forms[b]):
                parent[find(b)] = find(a)
    pools: dict = {}
    for r in roots:
        pools.setdefault(find(r), []).append(r)
    if len(pools) > 1:
        langs = {}
        for p, members in pools.items():
            c = Counter(language_of(x) for r in members for x in long_forms[r])
            c.pop(None, None)
            langs[p] = c.most_common(1)[0][0] if c else None
        known = [lang for lang in langs.values() if lang]
        if len(known) == len(pools) and len(set(known)) == len(known):
            pools = {roots[0]: roots}  # one pool per language: translations
    ranked = sorted(pools.values(), key=lambda m: (-sum(votes[r] for r in m), m[0]))
    top = ranked[0]
    second = sum(votes[r] for r in ranked[1]) if len(ranked) > 1 else 0
    return top, sum(votes[r] for r in top), second


def join_acronyms(parse: Callable[[str], ParsedName], definitions: Counter, known: KnownBodies,
                  by_key: dict[str, list[int]], parsed: list[ParsedName], cl: Clusters,
                  long_index: dict[str, int], reasons: dict[int, str],
                  contexts: Sequence) -> dict[int, float]:
    """Join each bare acronym to the cluster its registry's definitions vote for.

    Parameters
    ----------
    parse : callable
        Name → :class:`ParsedName` (with the known bodies).
    definitions : Counter
        ``(long form, acronym)`` → number of texts defining it.
    known : KnownBodies
        The known bodies: a known body's acronym only joins a pool holding the body.
    by_key : dict
        Comparison key → indexes of the names with that key, heaviest first.
    parsed : list of ParsedName
        Every name being resolved, long forms included.
    cl : Clusters
        The clusters so far; merged in place.
    long_index : dict
        Long form → its index in ``parsed``.
    reasons : dict
        Index → why that name is set aside (it casts no vote).
    contexts : sequence
        Per name, the record country a generic name is read in, else None: such
        a name that gives its own acronym votes for its own cluster.

    Returns
    -------
    dict
        Index of each name joined through an acronym → the winning pool's share
        of the votes.
    """
    table: dict[str, Counter] = defaultdict(Counter)
    for i, ctx in enumerate(contexts):
        own = parse(parsed[i].raw)
        if isinstance(ctx, str) and own.acronym and not own.is_acronym:
            skey = parse(own.acronym).key
            if skey and ":" not in skey:
                table[skey][i] += 1
    for (long, short), c in definitions.items():
        skey = parse(short).key
        li = long_index[long]
        if not skey or li in reasons or not parsed[li].tokens or " " in skey and ":" in skey:
            continue
        if parsed[li].key == skey and not skey.startswith("kb:"):
            continue
        if ":" in skey and not skey.startswith("kb:"):
            continue
        table[skey][by_key[parsed[li].key][0]] += c
    scores = {}
    for key, members in by_key.items():
        body = key.startswith("kb:")
        if key not in table or not (body or any(parsed[i].is_acronym or cl.bare[i]
                                                for i in members)):
            continue
        votes, longs = Counter(), defaultdict(list)
        for li, c in table[key].items():
            votes[cl.find(li)] += c
            longs[cl.find(li)].append(parsed[li].raw)
        if body and cl.find(members[0]) in votes:
            b = known.bodies[key[3:]]
            longs[cl.find(members[0])] += [b.canonical, *b.aliases]
        top, cnt, second = pooled_votes(votes, longs)
        if body and cl.find(members[0]) not in {cl.find(r) for r in top}:
            continue  # a known body's acronym used for other names: leave them
        if cnt >= ACRONYM_DOMINANCE * second and cnt > 0:
            # the clusters of one pool are one body by the registry's own usage
            for r in top[1:]:
                if len(cl.refs[cl.find(top[0])] | cl.refs[cl.find(r)]) <= 1:
                    cl.union(top[0], r, force=True)
            if cl.union(top[0], members[0], adopt=True):
                for x in members:
                    scores[x] = round(cnt / sum(votes.values()), 3)
    return scores
