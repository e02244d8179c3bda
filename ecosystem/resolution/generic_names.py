"""Generic names of national bodies, and the country a mention of one refers to.

"Ministry of Environment" or "Ministry of Foreign Affairs" written without a
country names a different ministry in every record that uses it. Merged by
name alone they become a false hub linking Fiji's, Samoa's and Chile's
commitments. Resolution therefore reads such a mention together with the
country of its record (:mod:`ecosystem.resolution.record_contexts`): the record's
only country place (a ministry named in a project in Belize is Belize's, whoever
leads it), else the lead's country when the lead names one ("Government of Fiji",
"Department of Environment, Fiji"). The mention is then resolved like
"Ministry of Environment (Fiji)". With no record country it is read in its
record alone: generic names are never pooled across records that may be of
different countries, so each such record keeps its own "Ministry of
Environment". A mention that carries an organisation
identifier is not read this way: the identifier says which body it is
("Department for International Development", ``GB-GOV-1``, in records of
Albania and Malawi is one UK department, not one per recipient country).
When all the identified mentions of a generic name carry one identifier and
lie in records of two or more countries, the name is that body (a donor)
in the registry's other mentions too.

The crosswalk marks the kept-apart variants
(:func:`~ecosystem.resolution.record_contexts.context_label`):
"Ministry of Environment [FJI]" for a record country, "Ministry of
Environment [record i4]" for a record without one; their method is
``generic``, so the data-quality appendix can count them (:func:`kept_apart`).

A name is generic (:func:`is_generic`) when it has a head word of a state body
("ministry", "department", "directorate", "agency", …), no country, no region
of a state, no known body, and at most :data:`MAX_GENERIC_WORDS` other words,
each common in the registry (used by at least :data:`COMMON_IN` distinct names) —
"Ministry of Earth Sciences" is generic, "Lagos State Ministry of Environment"
(Lagos State's) is not.

A state body that is not generic but written without its country takes the
one country the registry writes its name with (:func:`country_completions`):
states have no country offices, so "Federal Ministry …" is the "German Federal
Ministry …".

Examples
--------
>>> from ecosystem.resolution.names import parse_name
>>> common = frozenset({"environment", "foreign", "affairs"})
>>> is_generic(parse_name("Ministry of Environment"), common)
True
>>> is_generic(parse_name("Ministry of Environment, Fiji"), common)
False
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np
import pandas as pd

from ecosystem.model import Registry
from ecosystem.reference.gazetteer import region_named
from ecosystem.resolution.names import ParsedName
from ecosystem.resolution.record_contexts import lead_country, record_context, record_countries

__all__ = [
    "COMMON_IN",
    "HEAD_WORDS",
    "MAX_GENERIC_WORDS",
    "SUPRANATIONAL_WORDS",
    "common_words",
    "complete_countries",
    "country_completions",
    "is_generic",
    "is_state_body",
    "mention_contexts",
]

#: A word used by at least this many distinct names is common.
COMMON_IN = 5
#: A generic name has at most this many words besides its head words.
MAX_GENERIC_WORDS = 3
_SMALL_WORD_LETTERS = frozenset("oafdtey")

#: Head words of bodies of a state (a minister named for a partner stands for the ministry:
#: "Minister of Agriculture" without a country names a different one in every record).
HEAD_WORDS = frozenset(
    "ministry ministries ministerio ministere ministero ministerie viceministerio "
    "minister ministre ministro "
    "department departamento departement directorate direction direccion direcao "
    "secretaria agency agencia authority autoridad bureau service servicio navy armada "
    "government gobierno municipality municipalidad".split()
)
#: Words of a region of several states: a body named with one is that region's
#: ("European Environment Agency"), not a state's written without its country.
SUPRANATIONAL_WORDS = frozenset(
    "european africa african asian pacific caribbean arab nordic baltic mediterranean "
    "inter-american interamerican ibero-american iberoamerican commonwealth".split()
)


def common_words(parsed: list[ParsedName], at_least: int = COMMON_IN) -> frozenset[str]:
    """Words used by at least ``at_least`` distinct names.

    >>> from ecosystem.resolution.names import parse_name
    >>> names = [parse_name(n) for n in ("Ministry of Fisheries", "Ministry of Health", "WWF")]
    >>> sorted(common_words(names, at_least=2))
    ['ministry']
    """
    df = Counter(t for p in {p.key: p for p in parsed}.values() for t in set(p.tokens))
    return frozenset(t for t, c in df.items() if c >= at_least)


def is_generic(p: ParsedName, common: frozenset[str]) -> bool:
    """True for a state body named without anything that says which state's.

    A word of a region of several states (:data:`SUPRANATIONAL_WORDS`: "European
    Environment Agency") names that region's body. Besides its head words it has at
    most :data:`MAX_GENERIC_WORDS` words, all common: "Ministry of Environment and
    Natural Resources" is generic,
    "Federal Ministry for Economic Cooperation and Development" (four words
    besides "ministry") names one state's body even when each word is common.
    So does a name giving an acronym other than its initials ("Ministry of
    Environment (MINAM)"; "Ministry of Environment (MoE)" is still generic), and a name
    naming a region of a state (:func:`~ecosystem.reference.gazetteer.region_named`:
    "Queensland Government", "Sabah Parks Authority", "Government of Flanders"): a body of
    that region, whichever records name it.

    >>> from ecosystem.resolution.names import parse_name
    >>> common = frozenset({"government", "queensland", "environment"})
    >>> is_generic(parse_name("Queensland Government"), common)
    False
    """
    toks = p.tokens
    if not toks or p.countries or p.numbers or any(":" in t for t in toks) \
            or not SUPRANATIONAL_WORDS.isdisjoint(toks):
        return False
    rest = [t for t in toks if t not in HEAD_WORDS]
    if not (len(rest) < len(toks) and len(rest) <= MAX_GENERIC_WORDS
            and all(t in common for t in rest)):
        return False
    # "Ministry of Environment (MINAM)": its own acronym says which ministry
    if p.acronym and not p.is_acronym and not _initials_only(p.acronym, toks):
        return False
    return region_named(p.raw) is None  # "Government of Tamil Nadu": that region's


def _initials_only(acronym: str, tokens: tuple[str, ...]) -> bool:
    """True when the acronym is the initials of the name's words ("MoE", "MAF"),
    which any country's ministry of that name has."""
    letters = [c for c in acronym.casefold() if c.isalpha()]
    k = 0
    for t in tokens:  # letters of small words ("of", "and", "y", "de") may come between
        if k < len(letters) and letters[k] != t[0] and letters[k] in _SMALL_WORD_LETTERS:
            k += 1
        if k >= len(letters) or letters[k] != t[0]:
            return False
        k += 1
    return k == len(letters)


def is_state_body(p: ParsedName) -> bool:
    """True for a name with a head word of a state body ("ministry", "agency", …).

    >>> from ecosystem.resolution.names import parse_name
    >>> is_state_body(parse_name("Federal Ministry of Finance")), is_state_body(parse_name("WWF"))
    (True, False)
    """
    return any(t in HEAD_WORDS for t in p.tokens)


def country_completions(parsed: list[ParsedName]) -> dict[str, str]:
    """Key without countries → the one country that state-body names with that key write.

    A state body has no country offices: "Federal Ministry for Economic
    Cooperation and Development" written without a country is the "German
    Federal Ministry for Economic Cooperation and Development" when that is
    the only country the registry writes the name with. Keys written with two
    or more countries get no completion.

    >>> from ecosystem.resolution.names import parse_name
    >>> names = [parse_name(n) for n in ("German Federal Ministry of Finance",
    ...                                  "Ministry of Fisheries, Fiji", "Ministry of Fisheries, Samoa")]
    >>> country_completions(names)
    {'federal ministry finance': 'DEU'}
    """
    seen: dict[str, set] = {}
    for p in parsed:
        if p.countries and not p.country and is_state_body(p) and len(p.countries) == 1:
            key = " ".join(t for t in p.tokens if not t.startswith("cc:"))
            seen.setdefault(key, set()).update(p.countries)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def mention_contexts(reg: Registry, parse: Callable[[str], ParsedName],
                     common: frozenset[str]) -> list[str | None]:
    """Per mention of ``reg``: the context its name is read in, None for a specific name.

    A generic name (:func:`is_generic`) without an organisation identifier is
    read in the country written beside it (the mention's ``country``: "Ministry
    of Environment, Samoa"), else in its record's country, else in its record alone
    (:func:`~ecosystem.resolution.record_contexts.mention_places`).

    Parameters
    ----------
    reg : Registry
    parse : callable
        Name → :class:`ParsedName`.
    common : frozenset of str
        Words common in the registry (:func:`common_words`).

    Examples
    --------
    >>> import pandas as pd
    >>> from ecosystem.resolution.names import parse_name
    >>> m = pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i3"],
    ...                   "role": ["lead", "partner", "partner", "partner"],
    ...                   "name": ["Government of Fiji", "Ministry of Environment",
    ...                            "Ministry of Environment", "Ministry of Environment"],
    ...                   "org_ref": [None, None, None, "FJ-GOV-9"], "actor_type": "unknown",
    ...                   "registry": "demo", "record_id": ["1", "1", "2", "3"]})
    >>> reg = Registry.from_frames(mentions=m)
    >>> mention_contexts(reg, parse_name, frozenset({"environment"}))
    [None, 'FJI', '?i2', None]
    """
    m = reg.mentions
    names = m["name"].astype(str)
    generic = {n for n in set(names.tolist()) if is_generic(parse(n), common)}
    if not generic:
        return [None] * len(names)

    rc = record_countries(reg, lambda name: lead_country(parse(name)))
    at = np.flatnonzero(names.isin(generic).to_numpy())
    sub = m.iloc[at]
    refs = [r.strip() if isinstance(r, str) and r.strip() else None
            for r in sub["org_ref"].astype(object).where(sub["org_ref"].notna(), None).tolist()]
    # a generic name the registry identifies as one body met in records of several
    # countries is that body everywhere: a donor, not each recipient's department
    keys = {n: parse(n).key for n in generic}
    seen_refs: dict[str, set] = {}
    seen_places: dict[str, set] = {}
    sub_names, sub_ids = sub["name"].astype(str).tolist(), sub["initiative_id"].tolist()
    rc_of = rc.to_dict()  # one country per record (the index is unique)
    for n, i, r in zip(sub_names, sub_ids, refs):
        if r is not None:
            seen_refs.setdefault(keys[n], set()).add(r.upper())
            seen_places.setdefault(keys[n], set()).add(rc_of.get(i))
    donors = {k for k, rs in seen_refs.items()
              if len(rs) == 1 and len(seen_places[k] - {None}) >= 2}
    out: list[str | None] = [None] * len(names)
    # the country written beside the name ("Ministry of Energy and Energy Affairs, Trinidad and
    # Tobago" in a Chinese-led record) says whose body it is before the record's country does
    own = (sub["country"].astype(object).where(sub["country"].notna(), None).tolist()
           if "country" in sub else [None] * len(sub))
    for k, n, i, r, c in zip(at.tolist(), sub_names, sub_ids, refs, own):
        if r is None and keys[n] not in donors:
            out[k] = c or rc_of.get(i) or record_context(i)
    return out


def complete_countries(parsed: list[ParsedName], n: int, contexts: Sequence,
                       common: frozenset[str]) -> None:
    """Give the first ``n`` names their :func:`country_completions`, in place.

    Only a state body written without a country, not generic and not read in
    a context (``contexts``), takes the one country of its key; it takes it
    as a bracketed country ("Federal Ministry … (Germany)").

    Examples
    --------
    >>> from ecosystem.resolution.names import parse_name
    >>> ps = [parse_name(n) for n in ("German Federal Ministry of Finance",
    ...                               "Federal Ministry of Finance")]
    >>> complete_countries(ps, 2, (), frozenset())
    >>> sorted(ps[1].soft_countries)
    ['DEU']
    """
    completions = country_completions(parsed[:n])
    if not completions:
        return
    for i in range(n):
        p = parsed[i]
        if p.countries or not is_state_body(p) or is_generic(p, common) or (
                i < len(contexts) and isinstance(contexts[i], str) and contexts[i]):
            continue
        iso = completions.get(p.key)
        if iso is not None:
            parsed[i] = replace(p, soft_countries=frozenset({iso}))


def kept_apart(crosswalk: pd.DataFrame) -> pd.DataFrame:
    """Generic names kept apart per record country or per record, for the data-quality appendix.

    One row per generic name as written: ``name``, ``variants`` (crosswalk
    rows with method ``generic``: one per record country or record without a
    country, and registry) and ``actors`` (distinct actors they became),
    most actors first.

    Examples
    --------
    >>> cw = pd.DataFrame({"variant": ["Ministry of Environment [FJI]",
    ...                                "Ministry of Environment [record i4]", "WWF"],
    ...                    "actor_id": ["moe-fiji", "moe", "wwf"], "score": 1.0,
    ...                    "method": ["generic", "generic", "exact"], "registry": "demo"})
    >>> kept_apart(cw).to_dict("records")
    [{'name': 'Ministry of Environment', 'variants': 2, 'actors': 2}]
    """
    g = crosswalk[crosswalk["method"] == "generic"]
    names = g["variant"].astype(str).str.replace(r" \[[^\[\]]*\]$", "", regex=True)
    out = (g.assign(name=names).groupby("name")
           .agg(variants=("variant", "size"), actors=("actor_id", "nunique")).reset_index())
    out = out.sort_values(["actors", "name"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)
