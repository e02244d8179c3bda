"""How the organisations behind two records relate: one id, one body under two names, or two.

Duplicate records are told apart by who registered them
(:mod:`ecosystem.measures.coordination.duplicates`). A record's **principal
organisations** are its leads; a record without a lead (a 3W row, an IATI
activity as HXL) has its reporting organisations, and without those every
organisation tied to it (:func:`principal_actors`).

Two different actor ids are **likely one organisation** when name resolution
kept them apart but their names still point at one body.
:class:`OrganisationMatcher` reads every name an actor was written with
(``name``, ``official_name`` and ``source_names``), parsed by
:func:`ecosystem.resolution.names.parse_name` with the well-known bodies, and
accepts the first of these tests that holds (and none when the two actors carry
different organisation identifiers, or different countries):

1. the same organisation identifier (``org_ref``);
2. :func:`ecosystem.resolution.matching.same_body` of two of their names (the
   test name resolution applies to fuzzy candidates: typos, generic words,
   bracketed annotations such as "(Government)");
3. the same acronym of three letters or more given by both ("UNEP" and
   "UN Environnement Programme (UNEP)"), countries compatible — or one name
   the bare acronym, which says nothing of countries
   (:func:`ecosystem.resolution.matching.is_bare_acronym`: "NRC" and
   "Norwegian Refugee Council (NRC)") — and neither name a generic state body
   (:func:`ecosystem.resolution.generic_names.is_generic`);
4. one name is the other plus words ("Abrolhos Bank Alliance" in "Secretariat of the
   Abrolhos Bank Alliance for the coast"): every word of the shorter name
   (two words or more) is in the longer, countries and numbers compatible,
   neither name generic, and the shared words include one that is not frequent
   in the registry (:attr:`OrganisationMatcher.frequent`, the rule of fuzzy
   matching in :mod:`ecosystem.resolution.fuzzy_links`) or
   the longer name's extra words are only the acronym of the shorter
   (:func:`ecosystem.resolution.acronyms.acronym_fits`).

These tests are looser than resolution's, on purpose: they are applied only to
the leads of two records already found to be near-identical, where the question
is which of three things a person is looking at, not whether to merge two
actors everywhere in the network.

Examples
--------
>>> import pandas as pd
>>> actors = pd.DataFrame({"actor_id": ["brc", "brc-no", "nc", "nc-sec", "eco"],
...     "name": ["BRC", "Blue Reef Council (BRC)", "Abrolhos Bank Alliance",
...              "Secretariat of the Abrolhos Bank Alliance for the coast", "EcoJango"]})
>>> m = OrganisationMatcher(actors)
>>> m.evidence("brc", "brc-no")
'both written with the acronym BRC'
>>> m.evidence("nc", "nc-sec")
"'Abrolhos Bank Alliance' is part of 'Secretariat of the Abrolhos Bank Alliance for the coast'"
>>> m.evidence("nc", "eco") is None
True
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cached_property

import numpy as np
import pandas as pd

from ecosystem.model import Registry
from ecosystem.resolution.acronyms import acronym_fits
from ecosystem.resolution.fuzzy_links import COMMON_WORD_SHARE
from ecosystem.resolution.generic_names import COMMON_IN, is_generic
from ecosystem.resolution.known_bodies import KnownBodies
from ecosystem.resolution.matching import (
    countries_compatible,
    is_bare_acronym,
    plain_tokens,
    same_body,
)
from ecosystem.resolution.names import ParsedName, name_tokens, parse_name, stem

__all__ = ["MIN_ACRONYM", "PRINCIPAL_ROLES", "OrganisationMatcher", "pair_relations",
           "principal_actors", "records_relation"]

#: Roles read as a record's principal organisations, in order: the first present wins.
PRINCIPAL_ROLES = ("lead", "reporting")

#: Shortest acronym that, given by both names, says they are one organisation.
MIN_ACRONYM = 3


def principal_actors(reg: Registry) -> dict[str, frozenset[str]]:
    """Actor ids of each initiative's principal organisations.

    The initiative's leads; without a lead, its ``reporting`` organisations;
    without either, every actor tied to it (a 3W row names only the
    organisation present).

    Examples
    --------
    >>> ties = pd.DataFrame({"initiative_id": ["i", "i", "w"], "actor_id": ["a", "b", "c"],
    ...                      "role": ["lead", "partner", "implementing"]})
    >>> reg = Registry.from_frames(ties=ties.assign(registry="r", record_id="1"))
    >>> sorted((k, sorted(v)) for k, v in principal_actors(reg).items())
    [('i', ['a']), ('w', ['c'])]
    """
    ties = reg.ties[["initiative_id", "actor_id", "role"]].dropna(subset=["actor_id"])
    out: dict[str, frozenset[str]] = {}
    for role in PRINCIPAL_ROLES:
        t = ties[(ties["role"] == role) & ~ties["initiative_id"].isin(out.keys())]
        out.update(_sets(t))
    out.update(_sets(ties[~ties["initiative_id"].isin(out.keys())]))
    return out


def _sets(ties: pd.DataFrame) -> dict[str, frozenset[str]]:
    """Actor ids per initiative of ``ties``, by initiative id (one pass over plain arrays)."""
    acc: dict[str, set[str]] = {}
    for k, a in zip(ties["initiative_id"].to_numpy(dtype=object),
                    ties["actor_id"].to_numpy(dtype=object)):
        acc.setdefault(k, set()).add(a)
    return {k: frozenset(acc[k]) for k in sorted(acc)}


def _missing(x) -> bool:
    return x is None or (not isinstance(x, str) and pd.isna(x)) or not str(x).strip()


def _present(ids: np.ndarray, values: np.ndarray) -> dict[str, str]:
    """``{id: str(value).strip()}`` for the values that are not :func:`_missing`, in order
    (read from plain arrays: iterating a pandas string column costs far more)."""
    out = {}
    for a, v in zip(ids.tolist(), values.tolist()):
        if isinstance(v, str):
            v = v.strip()
            if v:
                out[a] = v
        elif not _missing(v):
            out[a] = str(v).strip()
    return out


class OrganisationMatcher:
    """Whether two actor ids are likely one organisation written two ways (module notes).

    Parameters
    ----------
    actors : DataFrame
        The registry's actors: ``actor_id`` and ``name``; ``official_name``,
        ``source_names`` (joined with " | "), ``country`` and ``org_ref`` are
        read when present.
    known : KnownBodies, optional
        Well-known bodies (default: the project's table).
    """

    def __init__(self, actors: pd.DataFrame, known: KnownBodies | None = None):
        self._actors = actors.drop_duplicates("actor_id").set_index("actor_id")
        # one dict per column, cleaned once: pairs look actors up hundreds of thousands of times
        ids = self._actors.index.to_numpy(dtype=object)
        self._values = {c: _present(ids, self._actors[c].to_numpy(dtype=object, na_value=None))
                        for c in ("name", "official_name", "source_names", "country", "org_ref")
                        if c in self._actors.columns}
        self._known = known if known is not None else KnownBodies.load()
        self._parsed: dict[str, list[ParsedName]] = {}
        self._cache: dict[tuple[str, str], str | None] = {}

    def _field(self, actor: str, column: str) -> str | None:
        return self._values.get(column, {}).get(actor)

    def names(self, actor: str) -> list[ParsedName]:
        """Every distinct name ``actor`` was written with, parsed (the id itself when none)."""
        if actor not in self._parsed:
            raw = [self._field(actor, c) for c in ("name", "official_name")]
            raw += (self._field(actor, "source_names") or "").split(" | ")
            seen = list(dict.fromkeys(n.strip() for n in raw if n and n.strip())) or [actor]
            self._parsed[actor] = [parse_name(n, self._known) for n in seen]
        return self._parsed[actor]

    @cached_property
    def _word_counts(self) -> Counter:
        """Distinct actor names each comparison word (and its plural stem) is in."""
        names = dict.fromkeys(self._actors["name"].dropna().astype(str)
                              .to_numpy(dtype=object).tolist())
        stems: dict[str, str] = {}  # each distinct word stemmed once
        counts: Counter = Counter()
        for n in names:
            words = {t for t, _ in name_tokens(n)}
            for t in list(words):
                s = stems.get(t)
                words.add(s if s is not None else stems.setdefault(t, stem(t)))
            counts.update(words)
        return counts

    @cached_property
    def common(self) -> frozenset[str]:
        """Words of at least :data:`~ecosystem.resolution.generic_names.COMMON_IN` actor
        names: what makes a state body's name generic
        (:func:`~ecosystem.resolution.generic_names.is_generic`)."""
        return frozenset(w for w, c in self._word_counts.items() if c >= COMMON_IN)

    @cached_property
    def frequent(self) -> frozenset[str]:
        """Words too frequent to tell a body apart: in at least
        :data:`~ecosystem.resolution.fuzzy_links.COMMON_WORD_SHARE` of the actor names
        (and :data:`~ecosystem.resolution.generic_names.COMMON_IN`), as fuzzy matching reads
        them."""
        n = len(self._actors["name"].dropna().unique())
        at_least = max(COMMON_IN, math.ceil(COMMON_WORD_SHARE * n))
        return frozenset(w for w, c in self._word_counts.items() if c >= at_least)

    def evidence(self, a: str, b: str) -> str | None:
        """Why actors ``a`` and ``b`` are likely one organisation, in words; None when not.

        The same id is trivially one organisation (returns "the same actor").
        """
        if a == b:
            return "the same actor"
        key = (a, b) if a < b else (b, a)
        if key not in self._cache:
            self._cache[key] = self._evidence(*key)
        return self._cache[key]

    def _evidence(self, a: str, b: str) -> str | None:
        ref_a, ref_b = self._field(a, "org_ref"), self._field(b, "org_ref")
        if ref_a and ref_b:
            return f"the same organisation identifier {ref_a}" if ref_a == ref_b else None
        ca, cb = self._field(a, "country"), self._field(b, "country")
        if ca and cb and ca != cb:
            return None
        pairs = [(x, y) for x in self.names(a) for y in self.names(b)]
        for x, y in pairs:
            if same_body(x, y, self.frequent):
                return f"'{x.display}' and '{y.display}' name one body"
        for x, y in pairs:
            if self._same_acronym(x, y):
                return f"both written with the acronym {x.acronym}"
        for x, y in pairs:
            found = self._contained(x, y) or self._contained(y, x)
            if found:
                return found
        return None

    def _same_acronym(self, x: ParsedName, y: ParsedName) -> bool:
        return (bool(x.acronym) and bool(y.acronym) and len(x.acronym) >= MIN_ACRONYM
                and x.acronym.casefold() == y.acronym.casefold()
                and (countries_compatible(x, y) or is_bare_acronym(x) or is_bare_acronym(y))
                and not is_generic(x, self.common) and not is_generic(y, self.common))

    def _contained(self, short: ParsedName, long: ParsedName) -> str | None:
        ts, tl = plain_tokens(short), plain_tokens(long)
        if (len(ts) < 2 or len(ts) >= len(tl) or not set(ts) <= set(tl)
                or short.numbers != long.numbers or not countries_compatible(short, long)):
            return None
        if is_generic(short, self.common) or is_generic(long, self.common):
            return None
        extra = [t for t in tl if t not in set(ts)]
        if any(t not in self.frequent for t in ts) or (
                len(extra) == 1 and acronym_fits(extra[0], " ".join(ts))):
            return f"'{short.display}' is part of '{long.display}'"
        return None


def _name(names: Mapping[str, str], actor: str) -> str:
    return str(names.get(actor, actor))


def _relation(pa: frozenset, pb: frozenset, matcher: OrganisationMatcher,
              names: Mapping[str, str], word: str) -> tuple[str, str]:
    shared = sorted(pa & pb)
    if shared:
        return "same", f"same {word} {_name(names, shared[0])}"
    for a in sorted(pa):
        for b in sorted(pb):
            why = matcher.evidence(a, b)
            if why:
                return "organisation", (f"{word}s {_name(names, a)} and {_name(names, b)} "
                                        f"are likely one organisation ({why})")
    if not pa or not pb:
        return "different", f"a {word} not recorded"
    return "different", (f"different organisations {_name(names, min(pa))} and "
                         f"{_name(names, min(pb))}")


def pair_relations(initiative_a: Iterable[str], initiative_b: Iterable[str],
                   principals: dict[str, frozenset[str]],
                   matcher: OrganisationMatcher, names: pd.Series | Mapping[str, str],
                   word: str = "lead") -> list[tuple[str, str]]:
    """How the principal organisations of each pair of records relate, and in words.

    Parameters
    ----------
    initiative_a, initiative_b : sequences of str
        The two records of each pair.
    principals : dict
        :func:`principal_actors` of the registry.
    matcher : OrganisationMatcher
    names : Series
        Actor name by actor id (for the words).
    word : str
        What a principal organisation is called in the words ("lead"; "organisation"
        in a presence registry).

    Returns
    -------
    list of (relation, words)
        ``relation`` is ``same`` (a principal organisation in common),
        ``organisation`` (two ids likely one organisation) or ``different``.

    Examples
    --------
    >>> m = OrganisationMatcher(pd.DataFrame({"actor_id": ["a", "b", "c"],
    ...     "name": ["UNEP", "UN Environnement Programme (UNEP)", "Ocean Lab"]}))
    >>> p = {"i1": frozenset({"a"}), "i2": frozenset({"a"}), "i3": frozenset({"b"}),
    ...      "i4": frozenset({"c"})}
    >>> names = pd.Series({"a": "UNEP", "b": "UN Environnement Programme (UNEP)",
    ...                    "c": "Ocean Lab"})
    >>> [r for r, _ in pair_relations(["i1", "i1", "i1"], ["i2", "i3", "i4"], p, m, names)]
    ['same', 'organisation', 'different']
    """
    none: frozenset[str] = frozenset()
    if isinstance(names, pd.Series):
        names = names.to_dict()
    return [_relation(principals.get(a, none), principals.get(b, none), matcher, names, word)
            for a, b in zip(initiative_a, initiative_b)]


def records_relation(members: list[str], principals: dict[str, frozenset[str]],
                     matcher: OrganisationMatcher) -> str:
    """How the principal organisations of a group of records relate, as a whole.

    ``same`` when records sharing a principal actor id link them all; else
    ``organisation`` when they are all linked once ids likely one organisation
    are joined too; else ``different``.

    Examples
    --------
    >>> m = OrganisationMatcher(pd.DataFrame({"actor_id": ["a", "b", "c"],
    ...     "name": ["UNEP", "UN Environnement Programme (UNEP)", "Ocean Lab"]}))
    >>> p = {"i1": frozenset({"a"}), "i2": frozenset({"a", "c"}), "i3": frozenset({"b"})}
    >>> records_relation(["i1", "i2"], p, m), records_relation(["i1", "i3"], p, m)
    ('same', 'organisation')
    >>> records_relation(["i1", "i3", "i4"], p, m)  # i4 has no principal organisation
    'different'
    """
    parent = list(range(len(members)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict[str, int] = {}
    for k, iid in enumerate(members):
        for a in sorted(principals.get(iid, ())):
            if a in owner:
                parent[find(k)] = find(owner[a])
            else:
                owner[a] = k
    if len({find(k) for k in range(len(members))}) == 1:
        return "same"
    acts = sorted(owner)
    for x, a in enumerate(acts):
        for b in acts[x + 1:]:
            if find(owner[a]) != find(owner[b]) and matcher.evidence(a, b):
                parent[find(owner[a])] = find(owner[b])
    return "organisation" if len({find(k) for k in range(len(members))}) == 1 else "different"
