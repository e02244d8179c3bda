"""Well-known international bodies, their acronyms, translations and former names.

Registries name the same body in several languages and under old names:
"UNEP", "UN Environment", "ONU-Environnement" and "PNUMA" are one body; so are
"Secretariat of the Pacific Community" and "Pacific Community". Such facts
cannot be learned from a single registry, so they come from a small authored
table, ``data/known_bodies.csv`` (public facts about the bodies' official names
in the UN languages):

id
    Stable short identifier, used in actor ids (``undp``).
canonical, acronym
    Official English name and acronym.
actor_type
    One of :data:`ecosystem.model.ACTOR_TYPES`.
parent
    Id of the body that runs this one (``ioc`` → ``unesco``): "IOC-UNESCO" is
    the IOC, and a programme is never merged with its parent.
country
    ISO3 of a national body (NOAA → USA), so "US NOAA" is still NOAA.
aliases
    Other names and acronyms, ``|``-separated.
seat
    ISO3 of the country where an international body has its seat (European
    Union → BEL). The body is of no country (``country`` stays empty); the
    loaders read its seat to tell its address from a place of work
    (:func:`ecosystem.reference.known_body_names.seat_of`).

Inside a name, the longest alias found becomes one marker token ``kb:<id>``
(see :func:`ecosystem.resolution.names.parse_name`): "WWF-Peru" and "World Wildlife Fund
Peru" both read as ``kb:wwf cc:PER`` and stay apart from the global ``kb:wwf``.
A name that spells one of a body's names, misspelt around one of its aliases
("Pacific Island Forum Fisheries Agency" around "Forum Fisheries Agency"), is
the body itself (:meth:`KnownBodies.spells`).
A one-word acronym alias is only recognised when written in capitals (or when
it is the whole name), so "who" in a sentence is not the World Health
Organization.

Examples
--------
>>> kb = KnownBodies.load()
>>> kb.match_whole("ONU-Environnement")
'unep'
>>> kb.canonical("unep")
'United Nations Environment Programme'
"""
from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from ecosystem.errors import InputError
from ecosystem.model import ACTOR_TYPES
from ecosystem.reference.acronym_shape import looks_like_acronym
from ecosystem.reference.known_body_names import KNOWN_BODIES_CSV
from ecosystem.resolution.names import STOPWORDS, name_tokens, parse_name

__all__ = ["KNOWN_BODIES_CSV", "SPELLING_RATIO", "Body", "KnownBodies"]

#: Least rapidfuzz ratio (0–100) of a name to a body's name for a misspelling of it.
SPELLING_RATIO = 90

_COLUMNS = ("id", "canonical", "acronym", "actor_type", "parent", "country", "aliases")


@dataclass(frozen=True)
class Body:
    """One row of the known-bodies table."""

    id: str
    canonical: str
    acronym: str | None
    actor_type: str
    parent: str | None
    country: str | None
    aliases: tuple[str, ...]


class KnownBodies:
    """The known-bodies table, indexed for finding bodies inside names.

    Parameters
    ----------
    bodies : list of Body
        The table's rows (usually read by :meth:`load`).
    disabled_acronyms : frozenset of str, optional
        Folded one-word acronyms not to read as bodies (see :meth:`without_acronyms`).

    Examples
    --------
    >>> kb = KnownBodies([Body("spc", "Pacific Community", "SPC", "intergovernmental", None,
    ...                        None, ("Secretariat of the Pacific Community",))])
    >>> kb.match_whole("Secretariat of the Pacific Community"), kb.acronym_owner("spc")
    ('spc', 'spc')
    """

    def __init__(self, bodies: list[Body], disabled_acronyms: frozenset[str] = frozenset()):
        self.bodies = {b.id: b for b in bodies}
        self.disabled_acronyms = frozenset(disabled_acronyms)
        self._phrases: dict[tuple[str, ...], str] = {}
        self._acronyms: dict[str, str] = {}
        for b in bodies:
            names = [b.canonical, *b.aliases] + ([b.acronym] if b.acronym else [])
            for n in names:
                toks = tuple(t for t, _ in name_tokens(n) if t not in STOPWORDS)
                if not toks:
                    continue
                if len(toks) == 1 and looks_like_acronym(n.replace(" ", "")):
                    if toks[0] not in self.disabled_acronyms:
                        self._acronyms.setdefault(toks[0], b.id)
                else:
                    self._phrases.setdefault(toks, b.id)
        self._longest = max((len(k) for k in self._phrases), default=1)
        self._starts = {k[0] for k in self._phrases} | set(self._acronyms)
        #: First word → the lengths of the names it starts, longest first (1 for an acronym).
        lengths: dict[str, set[int]] = {}
        for k in self._phrases:
            lengths.setdefault(k[0], set()).add(len(k))
        for a in self._acronyms:
            lengths.setdefault(a, set()).add(1)
        self._lengths = {w: sorted(ns, reverse=True) for w, ns in lengths.items()}
        self._stop = STOPWORDS
        #: Shared by the copies of one table that differ only in disabled acronyms
        #: (:meth:`without_acronyms`); a name without those acronyms parses alike in all.
        self.family: object = object()

    @classmethod
    def load(cls, path: str | Path | None = None) -> KnownBodies:
        """Read the table (default ``data/known_bodies.csv``)."""
        return _load(str(path or KNOWN_BODIES_CSV))

    def without_acronyms(self, acronyms: Iterable[str]) -> KnownBodies:
        """A copy that no longer reads the given folded one-word acronyms as bodies.

        Used when a registry spells out one of these acronyms as another body
        more often than as the known one.
        """
        acronyms = frozenset(acronyms) | self.disabled_acronyms
        if acronyms == self.disabled_acronyms:
            return self
        copy = KnownBodies(list(self.bodies.values()), acronyms)
        copy.family = self.family
        return copy

    def acronym_owner(self, folded: str) -> str | None:
        """Id of the body whose one-word acronym (folded) this is."""
        return self._acronyms.get(folded)

    def canonical(self, body_id: str) -> str:
        """The official English name of a body."""
        return self.bodies[body_id].canonical

    def substitute(self, tokens: list[str], upper: list[bool] | None = None) -> list[str]:
        """Replace known names inside folded ``tokens`` by ``kb:<id>`` markers.

        Stop words inside a name are skipped while matching ("Food and
        Agriculture Organization of the United Nations"); the longest alias
        wins; a parent marker next to its child's is dropped.
        """
        if self._starts.isdisjoint(tokens) and "kb:" not in " ".join(tokens):
            return list(tokens)  # no known name starts here and there is no marker to merge
        content = [i for i, t in enumerate(tokens) if t not in self._stop]
        out: list[str] = []
        ci, pos = 0, 0
        whole = len(content) == 1
        found = False
        while ci < len(content):
            hit = None
            first = tokens[content[ci]]
            for n in self._lengths.get(first, ()):  # only the lengths of names starting here
                if n > len(content) - ci:
                    continue
                phrase = tuple(tokens[content[j]] for j in range(ci, ci + n))
                bid = self._phrases.get(phrase)
                if bid is None and n == 1:
                    bid = self._acronyms.get(phrase[0])
                    if bid is not None and not whole and upper is not None \
                            and not upper[content[ci]]:
                        bid = None
                if bid is not None:
                    hit = (bid, n)
                    break
            start = content[ci]
            out.extend(tokens[pos:start])
            if hit:
                found = True
                out.append("kb:" + hit[0])
                pos = content[ci + hit[1] - 1] + 1
                ci += hit[1]
            else:
                out.append(tokens[start])
                pos = start + 1
                ci += 1
        out.extend(tokens[pos:])
        if not found and not any(t.startswith("kb:") for t in out):
            return out  # no body named: the tokens as they were
        markers = {t[3:] for t in out if t.startswith("kb:")}
        parents = {self.bodies[m].parent for m in markers if self.bodies[m].parent}
        seen: set[str] = set()
        kept = []
        for t in out:  # "UNEP (UN Environment)": one body named twice is that body
            if t.startswith("kb:") and (t[3:] in parents or t in seen):
                continue
            seen.add(t)
            kept.append(t)
        return kept

    def spelled_by(self, core: str, acronym: str) -> str | None:
        """Id of the body whose one-word acronym ``acronym`` is, when ``core`` spells one of
        its names (rapidfuzz ratio ≥ :data:`SPELLING_RATIO` of the comparison keys): "UN
        Environnement Programme (UNEP)" is UNEP with a misspelt word, "Union of Nordic Energy
        Producers (UNEP)" is not.

        Examples
        --------
        >>> kb = KnownBodies.load()
        >>> kb.spelled_by("UN Environnement Programme", "UNEP")
        'unep'
        >>> kb.spelled_by("Union of Nordic Energy Producers", "UNEP") is None
        True
        """
        owner = self.acronym_owner(acronym.casefold())
        return owner if owner is not None and self.spells(core, owner) else None

    def spells(self, core: str, body_id: str) -> bool:
        """Whether ``core`` spells one of the body's names: rapidfuzz ratio ≥
        :data:`SPELLING_RATIO` of the comparison keys, or the same words in another order
        ("… para la Agricultura y la Alimentación"), and no country in ``core`` (a country
        office is another actor).

        Examples
        --------
        >>> kb = KnownBodies.load()
        >>> kb.spells("Pacific Island Forum Fisheries Agency", "ffa")  # "Islands", misspelt
        True
        >>> kb.spells("United Nations Development Programme Fiji", "undp")  # an office
        False
        >>> kb.spells("Organización de las Naciones Unidas para la Agricultura y la Alimentación",
        ...           "fao")
        True
        """
        plain = parse_name(core)
        body = self.bodies[body_id]
        words = sorted(plain.key.split())
        return bool(plain.key) and not plain.countries and any(
            fuzz.ratio(plain.key, key := parse_name(n).key) >= SPELLING_RATIO
            or sorted(key.split()) == words for n in (body.canonical, *body.aliases))

    def match_whole(self, name: str) -> str | None:
        """Id of the body when ``name`` as a whole is one of its names."""
        toks = parse_name(name, known=self).tokens
        return toks[0][3:] if len(toks) == 1 and toks[0].startswith("kb:") else None


@lru_cache(maxsize=4)
def _load(path: str) -> KnownBodies:
    p = Path(path)
    if not p.exists():
        raise InputError("known-bodies table not found", file=p)
    with open(p, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"missing columns {missing}", file=p, record="line 1")
        bodies = []
        for i, row in enumerate(reader, start=2):
            if row["actor_type"] not in ACTOR_TYPES:
                raise InputError(f"actor_type must be one of {ACTOR_TYPES}", file=p,
                                 record=f"line {i}", field="actor_type")
            bodies.append(Body(
                id=row["id"].strip(), canonical=row["canonical"].strip(),
                acronym=row["acronym"].strip() or None, actor_type=row["actor_type"],
                parent=row["parent"].strip() or None, country=row["country"].strip() or None,
                aliases=tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
            ))
    return KnownBodies(bodies)
