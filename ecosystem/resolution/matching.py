"""When two parsed organisation names denote one body, and clustering under that rule.

Fuzzy similarity alone merges the wrong things: "WWF" and "WWF Peru", "University
of Bergen" and "University of Bremen", "Colônia de Pescadores Z-01" and "Z-03"
are all very similar strings. So a pair found by fuzzy matching is accepted
only when :func:`same_body` holds:

* the same numbers;
* compatible countries (:func:`countries_compatible`): a country inside one
  name and none in the other means a country office or another body;
* the same well-known bodies (``kb:`` markers);
* every other word matched on the other side, exactly, by plural stem, or as a
  typo (one letter dropped, as when a registry lost its accented letters —
  also in short words, "São" / "So", :func:`lost_letters`; or the same first
  letter, at least 5 letters, rapidfuzz ratio ≥ 85) — but a name of one word is
  matched only exactly or by its lost letters: one-word names are brands that
  differ by a letter ("Plastix" / "Plastics SA", "conservationXlabs" /
  "Conservation"); the only
  words allowed on one side alone are generic type words ("Foundation",
  "Society", "International"…), and only when the shared words include a
  distinctive one (rare in the registry).

Candidates are found with :func:`rapidfuzz.process.cdist` over the sorted,
stemmed tokens without generic words, in blocks of similar length, so a name is
compared only with names whose length allows the cutoff ratio, and once per pair
(:func:`ecosystem.resolution.similar_pairs.fuzzy_pairs`, re-exported here) (``make bench``,
``benchmarks/resolve_bench.py``, measures resolution of the Ocean registry).
Clusters are built by
:class:`Clusters`, a union–find that refuses a merge breaking a cannot-link
rule for any member (two org identifiers, or incompatible countries), so one
bare name cannot chain "Ministry of Environment (Fiji)" to "Ministry of
Environment (Samoa)".

Examples
--------
>>> from ecosystem.resolution.names import parse_name
>>> same_body(parse_name("University of Bergen"), parse_name("University of Bremen"))
False
>>> same_body(parse_name("Ministry of Enviroment"), parse_name("Ministry of Environment"))
True
>>> same_body(parse_name("Plastix"), parse_name("Plastics SA"))
False
>>> same_body(parse_name("Reef State University"), parse_name("University of Reef"))
False
"""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Indel

from ecosystem.reference.folding import fold
from ecosystem.reference.orgids import is_bridge_ref
from ecosystem.resolution.names import GENERIC_EXTRAS, ParsedName, stem
from ecosystem.resolution.similar_pairs import CANDIDATE_CUTOFF, fuzzy_pairs

__all__ = ["CANDIDATE_CUTOFF", "TYPO_RATIO", "Clusters", "Signature", "countries_compatible",
           "fuzzy_pairs", "fuzzy_string", "is_bare_acronym", "lost_letters", "plain_tokens",
           "same_body", "signature"]

#: Minimum ratio for two words to count as one word with a typo.
TYPO_RATIO = 85


def countries_compatible(a: ParsedName, b: ParsedName) -> bool:
    """True unless the countries of the two names show two different bodies.

    Both names carry countries: they must be the same set (the countries
    inside a name, if any, else those in brackets). Only one does: it must be
    a bracketed annotation ("Blue Ventures (UK)"), not part of the name ("WWF
    Peru").

    >>> from ecosystem.resolution.names import parse_name
    >>> countries_compatible(parse_name("WWF"), parse_name("WWF Peru"))
    False
    >>> countries_compatible(parse_name("Blue Ventures"), parse_name("Blue Ventures (UK)"))
    True
    """
    return _signatures_compatible(signature(a), signature(b))


#: (countries inside the name, countries in brackets, other bracket qualifiers).
Signature = tuple[frozenset, frozenset, frozenset]


def signature(p: ParsedName) -> Signature:
    """(countries inside the name, countries in brackets, other bracket qualifiers)."""
    return p.hard_countries, p.soft_countries, p.qualifiers


def is_bare_acronym(p: ParsedName) -> bool:
    """An acronym (or any one-word name: "Arap") that is no known body.

    Written without a country, it says nothing about countries, so when the
    registry defines it, it may join a full name that has one.
    """
    plain = [t for t in p.tokens if not t.startswith("cc:")]
    return ((p.is_acronym or len(plain) == 1) and bool(plain)
            and not any(t.startswith("kb:") for t in plain))


def _signatures_compatible(s1, s2) -> bool:
    (h1, so1, q1), (h2, so2, q2) = s1, s2
    if q1 and q2 and q1 != q2:
        return False
    # a bracketed country beside one inside the name only locates it: "Hellenic Centre
    # for Marine Research (HCMR) Ireland" is still the Greek centre
    c1, c2 = h1 or so1, h2 or so2
    if c1 and c2:
        return c1 == c2
    if c1:
        return not h1
    if c2:
        return not h2
    return True


def _typo(x: str, y: str) -> bool:
    """One word written twice: a dropped letter ("Energa", "reas"), or a close
    spelling with the same first letter ("Enviroment")."""
    if ":" in x + y or _COMPASS.findall(x) != _COMPASS.findall(y):
        return False  # (not "Northwestern" / "Northeastern")
    if min(len(x), len(y)) >= 4 and Indel.distance(x, y) == 1:
        return True
    if len(x) == len(y) >= 5 and sorted(x) == sorted(y) and OSA.distance(x, y) == 1:
        return True  # two letters swapped: "pubilc"
    return len(x) >= 5 and len(y) >= 5 and x[0] == y[0] and fuzz.ratio(x, y) >= TYPO_RATIO


_RAW_WORD = re.compile(r"\w+")
_COMPASS = re.compile(r"north|south|east|west")


def lost_letters(p: ParsedName) -> dict[str, str]:
    """Words of the name written with accented letters → the word with those letters
    dropped, as registries that lost them write it ("São" → "so", "Perú" → "per").

    >>> from ecosystem.resolution.names import parse_name
    >>> lost_letters(parse_name("University of São Paulo"))
    {'sao': 'so'}
    """
    if p.raw.isascii():
        return {}
    out = {}
    for w in _RAW_WORD.findall(p.raw):
        if not w.isascii():
            kept = "".join(c for c in w if c.isascii()).casefold()
            if kept:
                out[stem(fold(w))] = stem(kept)
    return out


def plain_tokens(p: ParsedName) -> list[str]:
    """Stemmed tokens without country markers."""
    return list(_plain_cached(p.tokens))


@lru_cache(maxsize=1 << 16)
def _plain_cached(tokens: tuple[str, ...]) -> tuple[str, ...]:
    # same_body runs for every candidate pair: stem each name's tokens once
    return tuple(stem(t) if ":" not in t else t for t in tokens if not t.startswith("cc:"))


def same_body(a: ParsedName, b: ParsedName, common: frozenset = frozenset()) -> bool:
    """True when two names that look alike denote one body (see the module notes).

    Parameters
    ----------
    common : frozenset, optional
        Words too frequent in the registry to identify a body on their own
        ("ministry", "ocean"); extra generic words are accepted only when the
        names share a word outside this set.
    """
    if a.numbers != b.numbers or not countries_compatible(a, b):
        return False
    ta, tb = plain_tokens(a), plain_tokens(b)
    if not ta or not tb:
        return False
    if "".join(ta) == "".join(tb):
        return True
    A, B = set(ta), set(tb)
    only_a, only_b = sorted(A - B), sorted(B - A)
    if _host_prefix(a, b, only_a, only_b, B, common) or _host_prefix(b, a, only_b, only_a, A, common):
        return True
    if any(":" in t for t in only_a + only_b):
        return False
    paired = False
    lost_a, lost_b = lost_letters(a), lost_letters(b)
    one_word = len(A) == 1 or len(B) == 1  # a brand: "Plastix" is not "Plastics SA"
    for x in list(only_a):
        y = next((y for y in only_b if (not one_word and _typo(x, y)) or lost_a.get(x) == y
                  or lost_b.get(y) == x), None)
        if y is not None:
            only_a.remove(x)
            only_b.remove(y)
            paired = True
    if only_a and only_b:
        return False
    extra = only_a or only_b
    if not extra:
        # a name of common words that gives an acronym of its own, not its initials
        # ("Centre of Marine Sciences (CCMAR)"), is that body; the same words without it,
        # and in no shared country, may be any such centre
        return (paired or A == B) and not (
            _identified(a, ta) != _identified(b, tb) and all(t in common for t in A & B)
            and not a.hard_countries & b.hard_countries)
    if any(t not in GENERIC_EXTRAS for t in extra):
        return False
    if [t for t in ta if t in B] != [t for t in tb if t in A]:
        return False  # "Florida International University" is not the "University of Florida"
    shared = (A & B) - GENERIC_EXTRAS
    return any(t not in common for t in shared)


def _identified(p: ParsedName, plain: list[str]) -> bool:
    """The name gives an acronym other than the initials of its words ("CCMAR")."""
    return (bool(p.acronym) and not p.is_acronym
            and p.acronym.replace(".", "").casefold() != "".join(t[0] for t in plain))


def _host_prefix(a: ParsedName, b: ParsedName, extra, other_extra, theirs, common) -> bool:
    """"UNEP Global Partnership on Marine Litter" = "Global Partnership on Marine Litter".

    A programme is often written after the well-known body that hosts it. Only
    one ``kb:`` marker may be extra, first in its name; the name is no list
    ("Blue Ventures and WWF"); the other name has no marker and at least two
    words, one of them distinctive.
    """
    return (len(extra) == 1 and extra[0].startswith("kb:") and not other_extra
            and a.tokens[:1] == (extra[0],) and " and " not in a.raw and "&" not in a.raw
            and not any(":" in t for t in theirs) and len(theirs) >= 2
            and any(t not in common for t in theirs))


def fuzzy_string(p: ParsedName) -> str:
    """The string compared by :func:`fuzzy_pairs`: sorted stemmed plain tokens, generic words out.

    Two names that :func:`same_body` accepts differ here by typos only.
    """
    toks = plain_tokens(p)
    core = [t for t in toks if t not in GENERIC_EXTRAS] or toks
    return " ".join(sorted(core))


class Clusters:
    """Union–find over items with cannot-link rules checked for every member.

    Each item has a country signature (see :func:`signature`) and an optional
    organisation identifier; a merge is refused when any two members of the
    two groups would have incompatible countries or different identifiers.
    A group marked :attr:`lone` (a name the overrides file keeps apart) joins
    no other group, not even by a forced merge. A generic name kept apart in a
    context (``kept``: "Ministry of Agriculture" read in India's records) is linked
    only to names met in records of that context alone (``seen``: "Minister of
    Agriculture" in a Chilean record is no Indian ministry, a misspelling in an Indian
    record is); a name that says which body it is ("Ministry of Environment (MINAM)")
    may be linked to others as usual, and its group with them. A bare acronym joined
    through the registry's definitions (``adopt``) is not held to the places.

    Parameters
    ----------
    signatures : list
        Per item, its :func:`signature`.
    refs : list
        Per item, its organisation identifier or None.
    kept : list, optional
        Per item, the context a generic name is kept apart in
        (:func:`~ecosystem.resolution.generic_names.mention_contexts`), else None.
    seen : list, optional
        Per item written without a country, the contexts of the records it is met in
        (:func:`~ecosystem.resolution.record_contexts.mention_places`), else None.

    Examples
    --------
    >>> from ecosystem.resolution.names import parse_name
    >>> names = [parse_name(n) for n in ("WWF", "WWF (Peru)", "WWF (Chile)")]
    >>> cl = Clusters([signature(p) for p in names], [None, None, None])
    >>> cl.union(0, 1), cl.union(0, 2), cl.labels()
    (True, False, [0, 0, 2])
    >>> names = [parse_name(n) for n in ("Minister of Agriculture", "Ministry of Agriculture",
    ...                                  "Ministry of Agrciulture")]
    >>> cl = Clusters([signature(p) for p in names], [None] * 3, kept=[None, "IND", None],
    ...               seen=[{"CHL"}, None, {"IND"}])
    >>> cl.union(0, 1), cl.union(2, 1)
    (False, True)
    """

    def __init__(self, signatures: list[Signature], refs: list[str | None],
                 kept: list[str | None] | None = None,
                 seen: list[frozenset | None] | None = None):
        n = len(signatures)
        self.parent = list(range(n))
        self.sigs = [{s} for s in signatures]
        #: True for a group made only of acronyms (set by the caller, see is_bare_acronym).
        self.bare = [False] * n
        #: True for a group the overrides keep apart (set by the caller, see NameResolver).
        self.lone = [False] * n
        self.refs = [{r} if isinstance(r, str) and r else set() for r in refs]
        #: Per item, the context its generic name is kept apart in (empty: none).
        self.kept = [frozenset({k}) if isinstance(k, str) and k else frozenset()
                     for k in kept or [None] * n]
        #: Per item written without a country, the contexts of its records (empty: none).
        self.seen = [frozenset(s) if s else frozenset() for s in seen or [None] * n]

    def refs_conflict(self, i: int, j: int) -> bool:
        """True when the groups of ``i`` and ``j`` carry two different registrations.

        A bridge id (:func:`~ecosystem.reference.orgids.is_bridge_ref`) is one publisher's
        label for an organisation it writes without a registration: it contradicts no other
        identifier, so names decide, as for names written with none.
        """
        refs = self.refs[self.find(i)] | self.refs[self.find(j)]
        return len(refs) > 1 and len({r for r in refs if not is_bridge_ref(r)}) > 1

    def find(self, i: int) -> int:
        """The representative of ``i``'s group."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def can_merge(self, i: int, j: int) -> bool:
        """True when no rule forbids merging the groups of ``i`` and ``j``."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        if self.refs_conflict(ri, rj) or self.lone[ri] or self.lone[rj]:
            return False
        return all(_signatures_compatible(s, t) for s in self.sigs[ri] for t in self.sigs[rj])

    def _places_compatible(self, i: int, j: int) -> bool:
        """A generic name kept apart in a context is linked to names met only there."""
        return ((not self.kept[i] or self.seen[j] <= self.kept[i])
                and (not self.kept[j] or self.seen[i] <= self.kept[j]))

    def union(self, i: int, j: int, force: bool = False, adopt: bool = False,
              keep: bool = False) -> bool:
        """Merge the groups of ``i`` and ``j``; False when a rule forbids it.

        ``force`` skips the rules (overrides, shared identifiers). With
        ``adopt``, a group made only of acronyms (:attr:`bare`) takes the
        countries of the group it joins — "MASI" may stand for a name with a
        country in it: its members written without a country are not checked,
        those written with one are; identifiers still have to agree. With
        ``keep`` (a forced merge by identifier), the group keeps the countries
        of ``i``'s group only: the identifier says which body it is, and a
        country written in one of its names ("DfID (UK Aid)") must not keep
        the body's other names from joining.
        """
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        if self.lone[ri] or self.lone[rj]:
            return False
        if self.refs_conflict(ri, rj) and not force:
            return False
        if adopt and (self.bare[ri] or self.bare[rj]):
            empty = (frozenset(), frozenset(), frozenset())
            si = self.sigs[ri] - {empty} if self.bare[ri] else self.sigs[ri]
            sj = self.sigs[rj] - {empty} if self.bare[rj] else self.sigs[rj]
            if not all(_signatures_compatible(s, t) for s in si for t in sj):
                return False
            force = True
        if not force and not self._places_compatible(i, j):
            return False
        if not force and not self.can_merge(ri, rj):
            return False
        if keep:
            self.sigs[rj] = set(self.sigs[ri])
        if len(self.sigs[ri]) < len(self.sigs[rj]):
            ri, rj = rj, ri
        self.parent[rj] = ri
        if adopt and self.bare[rj] != self.bare[ri]:
            bare = rj if self.bare[rj] else ri  # the acronym takes the full name's countries
            self.sigs[bare] -= {(frozenset(), frozenset(), frozenset())}
        self.bare[ri] = self.bare[ri] and self.bare[rj]
        self.sigs[ri] |= self.sigs[rj]
        self.refs[ri] |= self.refs[rj]
        self.sigs[rj], self.refs[rj] = set(), set()
        return True

    def labels(self) -> list[int]:
        """The representative of every item's group, in item order."""
        return [self.find(i) for i in range(len(self.parent))]
