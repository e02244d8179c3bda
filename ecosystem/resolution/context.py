"""What actor resolution knows before it sees the names: acronym definitions, bodies, overrides.

:func:`learn_context` reads a registry's own text for acronym definitions —
organisation names that give their acronym ("Full Name (ACR)", "ACR - Full
Name", also when the acronym abbreviates a translation) and free text passing
the Schwartz–Hearst test (:mod:`ecosystem.resolution.acronyms`) — loads the known-bodies
table (:mod:`ecosystem.resolution.known_bodies`), switches off the acronyms of known
bodies that this registry uses for other bodies ("contested"), finds the
country abbreviations it uses for organisations ("DRC" for the Danish Refugee
Council, :mod:`ecosystem.resolution.country_acronyms`), and reads the
overrides file (:mod:`ecosystem.resolution.crosswalk`).

Examples
--------
>>> ctx = learn_context(["Wildlife Conservation Society of Fiji (WCSF)"])
>>> dict(ctx.definitions)
{('Wildlife Conservation Society of Fiji', 'WCSF'): 1}
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz

from ecosystem.errors import InputError
from ecosystem.reference.folding import fold
from ecosystem.resolution.acronym_links import ACRONYM_DOMINANCE
from ecosystem.resolution.acronyms import acronym_definitions, acronym_plausible
from ecosystem.resolution.annotations import is_type_label, split_annotations
from ecosystem.resolution.country_acronyms import organisation_acronyms
from ecosystem.resolution.crosswalk import (
    DEFAULT_OVERRIDES,
    NOT_AN_ORGANISATION,
    read_overrides,
)
from ecosystem.resolution.known_bodies import Body, KnownBodies
from ecosystem.resolution.names import parse_name, tidy

__all__ = ["Context", "checked_overrides", "learn_context"]


def _label(long: str) -> bool:
    """A long form that is only a type label ("Institución académica"): no definition."""
    return long.count(" ") < 4 and is_type_label(long)


def _text_definitions(text: str) -> set[tuple[str, str]]:
    """Definitions in free text: "Long Form (ACR)" passing the Schwartz–Hearst test."""
    return {d for d in acronym_definitions(text) if not _label(d[0])}


def _name_definitions(name: str) -> set[tuple[str, str]]:
    """Definitions in one organisation name: the whole name is the long form.

    "Full Name (ACR)", "ACR (Full Name)", "Full Name - ACR", "Full Name ACR";
    the acronym may abbreviate a translation (:func:`acronym_plausible`).
    """
    found = set(acronym_definitions(name))
    defined = {a for _, a in found}
    core, _, acronyms, _, _ = split_annotations(tidy(name))
    core = core.rpartition(":")[2].strip()
    for a in acronyms:
        if a not in defined and len(core.split()) >= 2 and acronym_plausible(a, core):
            found.add((core, a))
    # "INA (Institución académica)": a type label is no long form
    return {d for d in found if not _label(d[0])}


@dataclass
class Context:
    """What resolution knows before it sees the names: definitions, bodies, overrides."""

    known: KnownBodies
    definitions: Counter = field(default_factory=Counter)  # (long form, acronym) -> texts
    #: The definitions given by organisation names ("Instituto Costarricense de Turismo
    #: (ICT)"), not only by free text ("information and communication technology (ICT)").
    from_names: frozenset = frozenset()
    #: Country abbreviations this registry uses for organisations ("DRC", see
    #: :mod:`ecosystem.resolution.country_acronyms`).
    org_acronyms: frozenset = frozenset()
    overrides: list = field(default_factory=list)  # (variant, canonical)
    #: Parsed names and fuzzy neighbours, shared by every resolver of this context.
    cache: dict = field(default_factory=dict, repr=False)

    def with_names(self, names: Iterable[str]) -> Context:
        """A copy that also knows the definitions given by ``names``."""
        defs = Counter(self.definitions)
        own: set = set()
        for t in names:
            own |= _name_definitions(t)
        defs.update(own)
        return replace(self, definitions=defs, from_names=self.from_names | own)


def learn_context(names: Iterable[str], texts: Iterable[str] = (),
                  overrides: str | Path | None = None,
                  known: KnownBodies | None = None) -> Context:
    """Learn acronym definitions and set up known bodies and overrides.

    Parameters
    ----------
    names : iterable of str
        Organisation names as written (each may define its own acronym).
    texts : iterable of str
        Free text (titles, descriptions, source fragments) that may define acronyms.
    overrides : str or Path, optional
        Overrides CSV (:func:`ecosystem.resolution.crosswalk.read_overrides`);
        default ``data/actor_overrides.csv``.
    known : KnownBodies, optional
        The known-bodies table; default :meth:`KnownBodies.load`.

    A known body's acronym is not used when the texts define it as another body
    more often than as that body ("contested").
    """
    known = known or KnownBodies.load()
    names = set(names)
    own: set = set()
    found_all: list = []  # every definition found, counted once at the end
    for t in names:
        found = _name_definitions(t)
        found_all += found
        own |= found
    for t in set(texts) - names:
        found_all += _text_definitions(t)
    defs: Counter = Counter(found_all)
    agree, other = Counter(), Counter()
    for (long, short), n in defs.items():
        toks = re.findall(r"[0-9a-z]+", fold(short))
        if len(toks) != 1 or known.acronym_owner(toks[0]) is None:
            continue
        owner = known.acronym_owner(toks[0])
        if _names_body(long, known.bodies[owner], known):
            agree[toks[0]] += n
        else:
            other[toks[0]] += n
    contested = {a for a in other if other[a] > ACRONYM_DOMINANCE * agree[a]}
    return Context(known=known.without_acronyms(contested), definitions=defs,
                   from_names=frozenset(own), overrides=checked_overrides(overrides),
                   org_acronyms=organisation_acronyms(names, defs))


def _names_body(long: str, body: Body, known: KnownBodies) -> bool:
    """True when a long form is (a spelling of) one of the body's names."""
    toks = parse_name(long, known).tokens
    if "kb:" + body.id in toks:
        return True
    plain = parse_name(long).key
    return any(fuzz.ratio(plain, parse_name(n).key) >= 85
               for n in (body.canonical, *body.aliases))


def checked_overrides(path: str | Path | None = None) -> list[tuple[str, str]]:
    """:func:`~ecosystem.resolution.crosswalk.read_overrides`, refusing rows that contradict.

    Names are compared as the resolver compares them (:func:`parse_name` keys). A
    variant given two different canonicals, or a chain of rows that leads back to
    its start (A → B, B → A), would merge in an arbitrary order.

    Raises
    ------
    InputError
        Naming the overrides file, the line of the row that contradicts an
        earlier one, and the field ``canonical``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "overrides.csv"
    >>> _ = f.write_text("variant,canonical\\nAlpha Trust,Beta Fund\\n"
    ...                  "Beta Fund,Alpha Trust\\n", encoding="utf-8")
    >>> try:
    ...     checked_overrides(f)
    ... except InputError as exc:
    ...     print(str(exc).split(": ", 1)[0].endswith("line 3, field canonical"))
    True
    """
    rows = read_overrides(path)
    file = Path(path) if path is not None else DEFAULT_OVERRIDES
    to: dict[str, tuple[str, str]] = {}   # variant key -> (canonical key, canonical)
    for variant, canonical in rows:
        kv, kc = parse_name(variant).key, parse_name(canonical).key
        if canonical.casefold() == NOT_AN_ORGANISATION or not kv or kv == kc:
            continue
        if kv in to and to[kv][0] != kc:
            raise InputError(f"{variant!r} is already made {to[kv][1]!r} by an earlier row; "
                             f"one variant cannot have two canonicals: keep one row",
                             file=file, record=_line_of(file, variant, canonical),
                             field="canonical")
        chain, k = [variant, canonical], kc
        while k in to and k != kv and len(chain) <= len(to) + 1:
            k, name = to[k]
            chain.append(name)
        if k == kv:
            raise InputError(f"overrides form a cycle ({' -> '.join(chain)}): a name "
                             f"cannot lead back to itself; remove one of these rows",
                             file=file, record=_line_of(file, variant, canonical),
                             field="canonical")
        to[kv] = (kc, canonical)
    return rows


def _line_of(file: Path, variant: str, canonical: str) -> str | None:
    """``"line N"`` of the row ``variant,canonical`` in ``file`` (None if not found)."""
    columns = None
    with open(file, encoding="utf-8-sig", newline="") as fh:
        for n, line in enumerate(fh, start=1):
            if line.lstrip().startswith("#"):
                continue
            cells = [c.strip() for c in next(csv.reader([line]), [])]
            if columns is None:
                columns = cells
            elif dict(zip(columns, cells)).items() >= {("variant", variant),
                                                       ("canonical", canonical)}:
                return f"line {n}"
    return None
