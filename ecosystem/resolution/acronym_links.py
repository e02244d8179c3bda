"""Which cluster of full names a bare acronym joins, from the registry's own definitions.

Every "Long Form (ACR)" found in the registry is a vote of ACR for the cluster
its long form belongs to. Votes are first pooled:

* clusters whose long forms name the same body once countries are ignored
  ("National Institute of Biology" and "National Institute of Biology (NIB)
  Spain"), or whose long forms are near-identical (rapidfuzz token-sort ratio
  ≥ 85: "… Observing System" / "… Observation System") or, both of at
  least three words, one within the other (token-set ratio ≥ 90: "Institute
  for Fisheries Research" / "National Institute for Fisheries Research");
  long forms that name different well-known bodies never pool
  ("United Nations" / "United Nations Development Programme");
* then, when the remaining pools are in different languages, one pool per
  language (:func:`ecosystem.reference.language.language_of`), they are
  translations of one body ("Ministerio de Ambiente y Energía" / "Ministry of
  Environment and Energy") and pool together. Two pools in the same language
  ("Aitutaki Conservation Trust" / "Aspire Coronation Trust" for ACT) stay
  apart: the acronym is ambiguous.

The acronym joins every cluster of the winning pool when the pool has at least
:data:`ACRONYM_DOMINANCE` times the votes of the runner-up (:func:`join_acronyms`).
The pool's clusters merge under the cannot-link rules (:func:`_pool_union`):
a country office of a well-known body, or a list naming several bodies, is
never swept in. An acronym that no mention writes bare still joins the
clusters of the names that give it as their own, where their long forms name
one body (the first rule above, not the translation rule).

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
from functools import lru_cache

from rapidfuzz import fuzz

from ecosystem.reference.language import language_of
from ecosystem.resolution.acronyms import acronym_plausible
from ecosystem.resolution.annotations import split_annotations
from ecosystem.resolution.known_bodies import KnownBodies
from ecosystem.resolution.matching import Clusters, same_body
from ecosystem.resolution.names import ParsedName, parse_name

__all__ = ["ACRONYM_DOMINANCE", "join_acronyms", "pooled_votes"]

#: The winning pool needs at least this many times the votes of the next one.
ACRONYM_DOMINANCE = 2.0


def _markers(p: ParsedName) -> frozenset:
    return frozenset(t for t in p.tokens if t.startswith("kb:"))


@lru_cache(maxsize=1 << 14)
def _plain(name: str) -> ParsedName:
    return parse_name(name)


def _similar(a: list[str], b: list[str], parse: Callable[[str], ParsedName]) -> bool:
    for x in a:
        mx, px = _markers(parse(x)), _plain(x)
        for y in b:
            my, py = _markers(parse(y)), _plain(y)
            if mx and my and mx != my:
                continue  # "United Nations" / "United Nations Development Programme"
            kx = " ".join(t for t in px.tokens if not t.startswith("cc:"))
            ky = " ".join(t for t in py.tokens if not t.startswith("cc:"))
            if kx and ky and (kx == ky or fuzz.token_sort_ratio(kx, ky) >= 85
                              or (min(len(kx.split()), len(ky.split())) >= 3
                                  and fuzz.token_set_ratio(kx, ky) >= 90)):
                return True
            if same_body(_no_countries(px), _no_countries(py)):
                return True
    return False


def _no_countries(p: ParsedName) -> ParsedName:
    return replace(p, tokens=tuple(t for t in p.tokens if not t.startswith("cc:")),
                   hard_countries=frozenset(), soft_countries=frozenset(), qualifiers=frozenset())


def pooled_votes(votes: dict, long_forms: dict,
                 parse: Callable[[str], ParsedName] = parse_name) -> tuple[list, int, int]:
    """Pool an acronym's votes; return (clusters of the winning pool, its votes, runner-up votes).

    Parameters
    ----------
    votes : dict
        Cluster id → number of definitions pointing to it.
    long_forms : dict
        Cluster id → the long forms (text) that define the acronym for it.
    parse : callable, optional
        Name → :class:`ParsedName`; with the known bodies, long forms naming
        different known bodies ("United Nations" / "United Nations Development
        Programme") never pool.
    """
    roots = sorted(votes, key=lambda r: (-votes[r], r))
    parent = {r: r for r in roots}

    def find(r):
        while parent[r] != r:
            r = parent[r]
        return r

    for i, a in enumerate(roots):
        for b in roots[i + 1:]:
            if find(a) != find(b) and _similar(long_forms[a], long_forms[b], parse):
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


def _country_free(cl: Clusters, r: int) -> bool:
    return all(not (h or s) for h, s, _ in cl.sigs[cl.find(r)])


def _pool_union(cl: Clusters, a: int, b: int, longs: dict,
                parse: Callable[[str], ParsedName]) -> bool:
    """Merge two clusters of one acronym's winning pool.

    The cannot-link rules hold (countries, identifiers), with one exception:
    a cluster written without any country joins one written with a country
    ("Consiglio Nazionale delle Ricerche" / "National Research Council of
    Italy") — but never for a well-known body, which has country offices
    ("WWF" / "World Wide Fund South Africa"). Clusters whose long forms name
    different known bodies never merge ("IUCN and The Nature Conservancy");
    one naming none may join a body's cluster (a misspelt name of the body).
    """
    ma = frozenset().union(*(_markers(parse(x)) for x in longs.get(a, ())))
    mb = frozenset().union(*(_markers(parse(x)) for x in longs.get(b, ())))
    if ma and mb and ma != mb:
        return False
    if cl.union(a, b):
        return True
    if ma or mb or cl.refs_conflict(a, b):
        return False
    if _country_free(cl, a) or _country_free(cl, b):
        return cl.union(a, b, force=True)
    return False


def _unit_of_state(p: ParsedName) -> bool:
    """A state written with the acronym of one of its units, not its own: "Government of
    Ecuador (DIRNEA - Navy)" (DIRNEA is the navy's maritime directorate). "Government of
    Samoa (GoS)" abbreviates the state itself."""
    return bool(p.country) and set(p.tokens) <= {"government", f"cc:{p.country}"} \
        and not acronym_plausible(p.acronym, split_annotations(p.display)[0])


def join_acronyms(parse: Callable[[str], ParsedName], definitions: Counter, known: KnownBodies,
                  by_key: dict[str, list[int]], parsed: list[ParsedName], cl: Clusters,
                  long_index: dict[str, int], reasons: dict[int, str],
                  contexts: Sequence, from_names: frozenset = frozenset(),
                  given: int = 0) -> dict[int, float]:
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
        Per name, the context a generic name is read in, else None.
    from_names : frozenset, optional
        The definitions that organisation names give. A bare acronym written
        as an organisation is read by these alone when there are any: free
        text also defines terms that are no organisation ("information and
        communication technology (ICT)" against "Instituto Costarricense de
        Turismo (ICT)").
    given : int, optional
        The first ``given`` names are names as written (the rest are long forms
        and override targets). Each that gives its own acronym ("Federal
        Ministry for Economic Cooperation and Development (BMZ)", also when the
        acronym abbreviates another language) votes for its own cluster.

    Returns
    -------
    dict
        Index of each name joined through an acronym → the winning pool's share
        of the votes.
    """
    table: dict[str, Counter] = defaultdict(Counter)
    own_forms: dict[str, Counter] = defaultdict(Counter)
    for i in range(max(given, len(contexts))):
        if i in reasons:
            continue
        own = parse(parsed[i].raw)
        if own.acronym and not own.is_acronym and len(own.tokens) >= 2 and not _unit_of_state(own):
            skey = parse(own.acronym).key
            if skey and ":" not in skey:
                table[skey][i] += 1
                own_forms[skey][i] += 1
    named = {parse(short).key for _, short in from_names}
    for (long, short), c in definitions.items():
        skey = parse(short).key
        if skey in named and (long, short) not in from_names:
            continue
        li = long_index[long]
        if not skey or li in reasons or not parsed[li].tokens or " " in skey and ":" in skey:
            continue
        if parsed[li].key == skey and not skey.startswith("kb:"):
            continue
        if ":" in skey and not skey.startswith("kb:"):
            continue
        table[skey][by_key[parsed[li].key][0]] += c
    scores = {}
    written_bare = set()
    for key, members in by_key.items():
        body = key.startswith("kb:")
        if key not in table or not (body or any(parsed[i].is_acronym or cl.bare[i]
                                                for i in members)):
            continue
        written_bare.add(key)
        votes, longs = Counter(), defaultdict(list)
        for li, c in table[key].items():
            votes[cl.find(li)] += c
            longs[cl.find(li)].append(parsed[li].raw)
        if body and cl.find(members[0]) in votes:
            b = known.bodies[key[3:]]
            longs[cl.find(members[0])] += [b.canonical, *b.aliases]
        top, cnt, second = pooled_votes(votes, longs, parse)
        if body and cl.find(members[0]) not in {cl.find(r) for r in top}:
            continue  # a known body's acronym used for other names: leave them
        if cnt >= ACRONYM_DOMINANCE * second and cnt > 0:
            # the clusters of one pool are one body by the registry's own usage
            for r in top[1:]:
                _pool_union(cl, top[0], r, longs, parse)
            if cl.union(top[0], members[0], adopt=True):
                for x in members:
                    scores[x] = round(cnt / sum(votes.values()), 3)
    for key in sorted(own_forms.keys() - written_bare):  # sorted: merges in a fixed order
        _join_long_forms(own_forms[key], parsed, cl, parse)
    return scores


def _join_long_forms(definers: Counter, parsed: list[ParsedName], cl: Clusters,
                     parse: Callable[[str], ParsedName]) -> None:
    """Join the clusters of names that give one acronym no mention writes bare, where their
    long forms name one body (:func:`_similar`, not the translation rule of :func:`pooled_votes`).

    "Federal Ministry for Economic Cooperation and Development (BMZ)" and "German Federal
    Ministry for Economic Cooperation and Development - BMZ" were two actors: the country the
    demonym gives kept their keys apart, and only a bare "BMZ" would have joined them. The
    merge keeps the cannot-link rules (:func:`_pool_union`): the US and an unnamed country's
    "Environmental Protection Agency (EPA)" stay apart.
    """
    longs: dict[int, list[str]] = defaultdict(list)
    for li in definers:
        longs[cl.find(li)].append(parsed[li].raw)
    roots = sorted(longs)
    for k, a in enumerate(roots):
        for b in roots[k + 1:]:
            if cl.find(a) != cl.find(b) and _similar(longs[a], longs[b], parse):
                _pool_union(cl, a, b, longs, parse)
