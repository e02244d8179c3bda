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

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz

from ecosystem.reference.folding import fold
from ecosystem.resolution.acronym_links import ACRONYM_DOMINANCE
from ecosystem.resolution.acronyms import acronym_definitions, acronym_plausible
from ecosystem.resolution.annotations import is_type_label, split_annotations
from ecosystem.resolution.country_acronyms import organisation_acronyms
from ecosystem.resolution.crosswalk import read_overrides
from ecosystem.resolution.known_bodies import Body, KnownBodies
from ecosystem.resolution.names import parse_name, tidy

__all__ = ["Context", "learn_context"]


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
    defs: Counter = Counter()
    names = set(names)
    own: set = set()
    for t in names:
        found = _name_definitions(t)
        defs.update(found)
        own |= found
    for t in set(texts) - names:
        defs.update(_text_definitions(t))
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
                   from_names=frozenset(own), overrides=read_overrides(overrides),
                   org_acronyms=organisation_acronyms(names, defs))


def _names_body(long: str, body: Body, known: KnownBodies) -> bool:
    """True when a long form is (a spelling of) one of the body's names."""
    toks = parse_name(long, known).tokens
    if "kb:" + body.id in toks:
        return True
    plain = parse_name(long).key
    return any(fuzz.ratio(plain, parse_name(n).key) >= 85
               for n in (body.canonical, *body.aliases))
