"""Actor resolution: organisation names as written → one actor per organisation.

The same organisation appears under many names ("UNEP", "United Nations
Environment Programme", "UN Environment", "ONU-Environnement"). Resolution
groups the distinct ``(name, org identifier)`` variants of a registry's
mentions and flow parties into actors, with these links, strongest first:

``override``
    The overrides file says so (:mod:`ecosystem.resolution.crosswalk`).
``ref``
    Same organisation identifier (IATI org-id such as ``XM-DAC-41114``; case
    and spaces ignored). An actor never holds two identifiers.
``exact`` / ``normalised``
    Same comparison key (:func:`ecosystem.resolution.names.parse_name`: case, accents,
    punctuation, "the", legal suffixes, type labels, own acronym, country in
    brackets).
``known_body``
    Names, acronyms and translations of a well-known body
    (:mod:`ecosystem.resolution.known_bodies`).
``country``
    A country named alone is its government ("Chile" = "Government of the
    Republic of Chile").
``fuzzy``
    rapidfuzz similarity of the sorted tokens, accepted only under the rules
    of :func:`ecosystem.resolution.matching.same_body` (no merge across countries,
    numbers, programmes or extra distinctive words), plus the exact word links
    of :mod:`ecosystem.resolution.word_links` ("Ship Owners" / "Shipowners",
    "CARE" / "CARE International", two names giving one acronym).
``acronym``
    A bare acronym joins the full name that this registry's own text defines
    for it ("Full Name (ACR)", found by the Schwartz–Hearst rule, see
    :mod:`ecosystem.resolution.acronyms`), when one definition dominates (at least twice
    as frequent as any other; translations pool, :mod:`ecosystem.resolution.acronym_links`).

Merges obey cannot-link rules for every member (:class:`ecosystem.resolution.matching.Clusters`):
a country office ("UNDP (Fiji)", "WWF-NZ") never joins its body or another
office; a state body without its country takes the one the registry writes
it with (:func:`ecosystem.resolution.generic_names.country_completions`); "DRC"
is a country unless the registry uses it for an organisation
(:mod:`ecosystem.resolution.country_acronyms`); a type label alone
("Academic Institution") is no organisation (``unresolved``).

Generic names of state bodies ("Ministry of Environment") are read in the
country of the record that mentions them, or in the record alone when it has
no country (:mod:`ecosystem.resolution.generic_names`): they become "Ministry of
Environment (Fiji)", "… (Samoa)", never one false hub. Their crosswalk variant
carries that context (``Ministry of Environment [FJI]``, ``Ministry of
Environment [record i4]``) and their method is ``generic``.

Outputs
-------
``actors``: actor_id (readable slug, "peace-boat"; a known body's id, "undp"),
name (the name the mentions write most, one vote per initiative: "UNEP";
:mod:`ecosystem.resolution.display_names`), official_name (the known body's
name, or the most frequent full variant: "United Nations Environment
Programme"), actor_type (reference data for known bodies and countries, else
the lead mentions' type, else the most frequent known type, else the type the
names give: :mod:`ecosystem.resolution.actor_types`), country,
org_ref, source_names (" | "-joined variants). ``ties``: one per (initiative,
actor, role); an initiative's lead keeps no partner tie to it. ``flows``:
provider/receiver actor ids. ``crosswalk``: variant, actor_id, score, method
(``generic`` for the kept-apart generic names: count them there), registry.
``unresolved``: mentions that are no organisation, with the reason.

Examples
--------
>>> keys = resolve_names(["UNEP", "UN Environment", "WWF", "WWF Peru"])
>>> keys["UNEP"] == keys["UN Environment"], keys["WWF"] == keys["WWF Peru"]
(True, False)
"""
from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ecosystem.loaders.dropped_letters import restore_names
from ecosystem.model import Registry
from ecosystem.resolution.actor_table import actor_table, first_ties
from ecosystem.resolution.clusters import NameResolver
from ecosystem.resolution.context import learn_context
from ecosystem.resolution.generic_names import common_words, is_generic, mention_contexts
from ecosystem.resolution.record_contexts import (
    UNKNOWN_COUNTRY,
    context_label,
    lead_country,
    mention_places,
    record_countries,
)

__all__ = ["resolve_names", "resolve_registry"]


def _norm_ref(ref) -> str | None:
    if ref is None or (not isinstance(ref, str) and pd.isna(ref)):
        return None
    r = "".join(str(ref).split()).upper()
    return r or None


def _variants(reg: Registry, contexts: list | None = None) -> pd.DataFrame:
    """Distinct (name, ref, context, registry) of mentions and flow parties, with counts.

    ``contexts`` gives, per mention, the record country under which a generic
    name is read (see :mod:`ecosystem.resolution.generic_names`), else None.
    """
    m = reg.mentions
    parts = [pd.DataFrame({"name": m["name"], "ref": m["org_ref"].map(_norm_ref),
                           "context": contexts if contexts is not None else None,
                           "registry": m["registry"]})]
    f = reg.flows
    if len(f):
        reg_of = reg.initiatives.set_index("initiative_id")["registry"]
        freg = f["initiative_id"].map(reg_of)
        for side in ("provider", "receiver"):
            names = f[f"{side}_name"].astype("string")
            refs = f[f"{side}_ref"].map(_norm_ref)
            names = names.where(names.notna() & (names.str.strip() != ""), refs)
            parts.append(pd.DataFrame({"name": names, "ref": refs, "context": None,
                                       "registry": freg}))
    v = pd.concat(parts, ignore_index=True)
    v = v[v["name"].notna()]
    v["registry"] = v["registry"].fillna("")
    for col in ("ref", "context"):
        v[col] = v[col].astype(object).where(v[col].notna(), None)
    return (v.groupby(["name", "ref", "context", "registry"], dropna=False, sort=True).size()
             .rename("count").reset_index())


def _contexts(reg: Registry, resolver: NameResolver) -> list:
    """Per mention: the context a generic name is read in, else None
    (:func:`ecosystem.resolution.generic_names.mention_contexts`)."""
    common = resolver.context.cache.get("common")
    if common is None:
        parsed = [resolver.parse(n) for n in set(reg.mentions["name"].astype(str).tolist())]
        common = resolver.context.cache["common"] = common_words(parsed)
    return mention_contexts(reg, resolver.parse, common)


def _places(reg: Registry, resolver: NameResolver, variants: pd.DataFrame) -> list:
    """Per variant read in no context: the contexts of the records its mentions lie in
    (:func:`ecosystem.resolution.record_contexts.mention_places`); None for the others."""
    m = reg.mentions
    places = mention_places(reg, lambda name: lead_country(resolver.parse(name)))
    met: dict[tuple, set] = {}
    for name, ref, registry, place in zip(m["name"].tolist(), m["org_ref"].tolist(),
                                          m["registry"].fillna("").tolist(), places):
        met.setdefault((name, _norm_ref(ref), registry), set()).add(place)
    return [None if isinstance(c, str) else frozenset(met.get((n, _norm_ref(r), g), ())) or None
            for n, r, c, g in zip(variants["name"].tolist(), variants["ref"].tolist(),
                                  variants["context"].tolist(), variants["registry"].tolist())]


def _learn(reg: Registry, overrides=None):
    """Context learned from a registry: its names and its free text define acronyms."""
    names = set(reg.mentions["name"].dropna().astype(str).tolist())
    for side in ("provider_name", "receiver_name"):
        names |= set(reg.flows[side].dropna().astype(str).tolist())
    cols = [reg.mentions["source_text"], reg.initiatives["title"], reg.initiatives["description"]]
    texts = set(pd.concat(cols, ignore_index=True).dropna().astype(str).tolist())
    return learn_context(sorted(names), sorted(texts), overrides=overrides)


def resolve_registry(reg: Registry, overrides: str | Path | None = None) -> Registry:
    """Resolve a registry's mentions into actors and ties; fill flows' actor ids.

    Parameters
    ----------
    reg : Registry
        With ``mentions`` (and possibly ``flows``) from the loaders.
    overrides : str or Path, optional
        Overrides CSV (``variant,canonical``); default ``data/actor_overrides.csv``.

    Returns
    -------
    Registry
        A copy with ``actors``, ``ties``, ``crosswalk``, ``unresolved`` and the
        flows' ``provider_actor_id`` / ``receiver_actor_id`` filled. Partner ties
        of an initiative's own lead are dropped; ties are unique per
        (initiative, actor, role).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"initiative_id": ["i1", "i1", "i2"],
    ...                   "name": ["Peace Boat", "Peace Boat (lead entity)", "PEACE BOAT"],
    ...                   "role": ["lead", "partner", "partner"], "actor_type": "ngo",
    ...                   "registry": "demo", "record_id": ["1", "1", "2"]})
    >>> ini = pd.DataFrame({"initiative_id": ["i1", "i2"], "registry": "demo",
    ...                     "record_id": ["1", "2"], "kind": "partnership"})
    >>> out = resolve_registry(Registry.from_frames(mentions=m, initiatives=ini))
    >>> out.actors["actor_id"].tolist(), len(out.ties)
    (['peace-boat'], 2)
    """
    context = _learn(reg, overrides)
    resolver = NameResolver(context)
    contexts = _contexts(reg, resolver)
    variants = _variants(reg, contexts)
    result = resolver.resolve(variants["name"].tolist(), variants["ref"].tolist(),
                              variants["count"].tolist(), variants["context"].tolist(),
                              _places(reg, resolver, variants))
    variants["actor_id"] = result.actor_ids
    variants["method"] = result.methods
    variants["score"] = result.scores
    variants["reason"] = result.reasons

    key = ["name", "ref", "context"]
    vmap = (variants.sort_values("count", ascending=False)
            .drop_duplicates(key).set_index(key)[["actor_id", "reason"]])
    m = reg.mentions.copy()
    m["ref"] = m["org_ref"].map(_norm_ref)
    m["context"] = contexts
    idx = pd.MultiIndex.from_arrays([m["name"], m["ref"].astype(object),
                                     m["context"].astype(object)])
    m["actor_id"] = vmap["actor_id"].reindex(idx).to_numpy()
    m["reason"] = vmap["reason"].reindex(idx).to_numpy()

    unresolved = m[m["actor_id"].isna()]
    new_unres = pd.DataFrame({"initiative_id": unresolved["initiative_id"],
                              "text": unresolved["name"], "role": unresolved["role"],
                              "reason": unresolved["reason"].fillna("no organisation name")})
    unres = pd.concat([reg.unresolved, new_unres], ignore_index=True)

    m = m[m["actor_id"].notna()]
    ties = first_ties(m)
    # where each record works, by its places alone (the leads are what is being located)
    places = record_countries(reg, lambda name: None)
    actors = actor_table(m, variants, result, parse=resolver.parse,
                         record_country=dict(zip(places.index, places.to_numpy())))
    flows = _flows(reg.flows, variants)
    cw = variants[variants["actor_id"].notna()].copy()
    cw["variant"] = [context_label(n, c) for n, c in zip(cw["name"].tolist(), cw["context"].tolist())]
    # a generic name kept apart per record country or per record (see generic_names)
    cw["method"] = cw["method"].where(cw["context"].isna(), "generic")
    cw = (cw.sort_values(["count"], ascending=False, kind="stable")
            .drop_duplicates(["variant", "registry"]))
    cw = cw[["variant", "actor_id", "score", "method", "registry"]].sort_values(
        ["actor_id", "variant"], kind="stable")
    out = reg.replace(actors=actors, ties=ties, flows=flows, crosswalk=cw, unresolved=unres)
    _remember(out, context)
    return out


def _flows(flows: pd.DataFrame, variants: pd.DataFrame) -> pd.DataFrame:
    if not len(flows):
        return flows
    by_ref = variants.dropna(subset=["ref", "actor_id"]).drop_duplicates("ref") \
        .set_index("ref")["actor_id"]
    by_name = variants[variants["ref"].isna()].dropna(subset=["actor_id"]) \
        .drop_duplicates("name").set_index("name")["actor_id"]
    f = flows.copy()
    for side in ("provider", "receiver"):
        refs = f[f"{side}_ref"].map(_norm_ref)
        # object dtype: an all-null mapping must not be typed as numbers (then names
        # cannot be filled into it).
        from_ref = refs.map(by_ref).astype(object)
        from_name = f[f"{side}_name"].map(by_name).astype(object)
        f[f"{side}_actor_id"] = from_ref.where(from_ref.notna(), from_name)
    return f


# ---------------------------------------------------------------------------
# resolve_names: the same resolution for names given by a caller
# ---------------------------------------------------------------------------

_CONTEXTS: dict[int, tuple] = {}


def _remember(reg: Registry, context) -> None:
    key = id(reg)
    _CONTEXTS[key] = (weakref.ref(reg), context)
    weakref.finalize(reg, _CONTEXTS.pop, key, None)


def _context_for(reg: Registry, overrides):
    hit = _CONTEXTS.get(id(reg))
    if hit is not None and hit[0]() is reg and overrides is None:
        return hit[1]
    context = _learn(reg, overrides)
    if overrides is None:
        _remember(reg, context)
    return context


def resolve_names(names: Iterable[str], registry: Registry | None = None,
                  overrides: str | Path | None = None) -> pd.Series:
    """Map each name to the key of the organisation it resolves to.

    Two names denote the same organisation exactly when their keys are equal.
    With a ``registry``, what was learned from it is used: its crosswalk (a
    name it already resolved keeps that actor id as key), the acronyms its
    text defines, and the overrides; a name new to it gets the actor id of
    the registry actor it joins, or a key starting with ``new:``. A generic
    name ("Ministry of Environment") that the registry reads in several
    records is the registry's actor only when all of them are one actor;
    otherwise it joins none of them.

    Parameters
    ----------
    names : list of str
    registry : Registry, optional
        A resolved registry used as context.
    overrides : str or Path, optional
        Overrides CSV; default ``data/actor_overrides.csv``.

    Returns
    -------
    pandas.Series
        Indexed by the input names (in order, duplicates kept), string keys;
        ``<NA>`` for a name that is no organisation.

    Examples
    --------
    >>> s = resolve_names(["PNUD", "United Nations Development Programme", "UNDP Fiji"])
    >>> s.iloc[0] == s.iloc[1], s.iloc[0] == s.iloc[2]
    (True, False)
    """
    names = [str(n) for n in names]
    if registry is None:
        context = learn_context(sorted(set(names)), overrides=overrides)
        resolver = NameResolver(context)
        result = resolver.resolve(list(dict.fromkeys(names)), None, None)
        key_of = dict(zip(dict.fromkeys(names), result.actor_ids))
        keys = [key_of[n] for n in names]
        return pd.Series(keys, index=names, dtype="string")

    written = names
    known_ids = registry.crosswalk.drop_duplicates("variant").set_index("variant")["actor_id"]
    if not (names and all(n in known_ids.index for n in set(names))):
        # as the registry reads them: "Fundacin" of an export that dropped accented letters
        # is the "Fundación" the registry's names hold (ecosystem.loaders.dropped_letters)
        names = restore_names(names, registry)
    if names and all(n in known_ids.index for n in set(names)):
        # every name is one the registry resolved: each keeps its actor id, whatever the
        # other names (the rule below), so the registry's names need not be resolved again
        return pd.Series([known_ids[n] for n in names], index=written, dtype="string")
    context = _context_for(registry, overrides).with_names(sorted(set(names)))
    resolver = NameResolver(context)
    variants = _variants(registry, _contexts(registry, resolver))
    places = _places(registry, resolver, variants)
    new = [n for n in dict.fromkeys(names)]
    common = context.cache.get("common", frozenset())
    new_ctx = [UNKNOWN_COUNTRY if is_generic(resolver.parse(n), common) else None for n in new]
    all_names = variants["name"].tolist() + new
    all_refs = variants["ref"].tolist() + [None] * len(new)
    weights = variants["count"].tolist() + [0] * len(new)
    result = resolver.resolve(all_names, all_refs, weights,
                              variants["context"].tolist() + new_ctx, places + [None] * len(new))
    n_reg = len(variants)
    texts = [context_label(n, c) for n, c in zip(variants["name"], variants["context"])]
    # cluster label → the registry actor most of its registry variants belong to
    label_to_actor: dict[str, str] = {}
    votes: dict[str, Counter] = {}
    for i in range(n_reg):
        lab = result.actor_ids[i]
        aid = known_ids.get(texts[i])
        if lab is not None and aid is not None and not pd.isna(aid):
            votes.setdefault(lab, Counter())[aid] += int(variants["count"].iat[i]) or 1
    for lab, c in votes.items():
        label_to_actor[lab] = c.most_common(1)[0][0]
    # a generic name read in several records: its one registry actor, if it has one;
    # another name: the one registry actor of the names with its comparison key
    generic_actors: dict[str, set] = {}
    key_actors: dict[str, set] = {}
    for i in range(n_reg):
        name = variants["name"].iat[i]
        if isinstance(variants["context"].iat[i], str):
            generic_actors.setdefault(name, set()).add(known_ids.get(texts[i]))
        elif not isinstance(variants["ref"].iat[i], str):
            key_actors.setdefault(resolver.parse(name).key, set()).add(known_ids.get(texts[i]))
    out = {}
    for j, n in enumerate(new):
        lab = result.actor_ids[n_reg + j]
        if n in known_ids.index:
            out[n] = known_ids[n]
        elif len(generic_actors.get(n, ())) == 1 and None not in generic_actors[n]:
            out[n] = next(iter(generic_actors[n]))
        elif new_ctx[j] is None and len(same := key_actors.get(resolver.parse(n).key, ())) == 1 \
                and None not in same:
            out[n] = next(iter(same))
        elif lab is None:
            out[n] = None
        else:
            out[n] = label_to_actor.get(lab, "new:" + lab)
    return pd.Series([out[n] for n in names], index=written, dtype="string")
