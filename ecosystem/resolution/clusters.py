"""Group organisation-name variants into actors (the engine behind :mod:`ecosystem.resolution.resolve`).

:func:`ecosystem.resolution.context.learn_context` reads what a registry's own
text teaches (acronym definitions) together with the known-bodies table and
the overrides; :class:`NameResolver` then clusters name variants with the links
described in :mod:`ecosystem.resolution.resolve` and names each cluster.

Examples
--------
>>> from ecosystem.resolution.context import learn_context
>>> r = NameResolver(learn_context(["Wildlife Conservation Society of Fiji (WCSF)"]))
>>> res = r.resolve(["WCSF", "Wildlife Conservation Society of Fiji"])
>>> res.actor_ids[0] == res.actor_ids[1]
True
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from ecosystem.reference.countries import country_name
from ecosystem.reference.folding import fold
from ecosystem.reference.orgids import is_bridge_ref
from ecosystem.resolution.acronym_links import join_acronyms
from ecosystem.resolution.annotations import is_type_label
from ecosystem.resolution.context import Context
from ecosystem.resolution.country_acronyms import as_organisation, country_abbreviation
from ecosystem.resolution.crosswalk import NOT_AN_ORGANISATION
from ecosystem.resolution.fuzzy_links import fuzzy_links
from ecosystem.resolution.generic_names import complete_countries, is_generic
from ecosystem.resolution.matching import (
    Clusters,
    is_bare_acronym,
    signature,
)
from ecosystem.resolution.names import ParsedName, parse_name, tidy
from ecosystem.resolution.word_links import (
    initials_links,
    shared_acronym_links,
    trailing_annotations,
)

__all__ = ["NameResolver", "Resolution", "slug"]


def _record_country(p: ParsedName, written: ParsedName) -> str | None:
    """The record country a generic name was read in, when the name itself has none."""
    extra = p.soft_countries - written.countries
    if len(extra) == 1 and not written.countries:
        iso = next(iter(extra))
        return iso if len(iso) == 3 and iso.isalpha() and iso.isupper() else None
    return None


def _qualified_key(p: ParsedName) -> str:
    """Key with every country of the name, in brackets or not, as a marker."""
    if not p.soft_countries and not p.hard_countries and "cc:" not in p.key:
        return p.key  # no country at all: the key itself
    plain = [t for t in p.tokens if not t.startswith("cc:")]
    return " ".join(plain + sorted("cc:" + c for c in p.countries))


_NOT_SLUG = re.compile(r"[^0-9a-z]+")


def _is_body_key(key: str) -> bool:
    """A parse key that is one known body and nothing else (``kb:unep``)."""
    return key.startswith("kb:") and " " not in key


def slug(text: str, limit: int = 60) -> str:
    """Readable id from a name: "Peace Boat" → "peace-boat".

    >>> slug("Fundación Islas de la Bahía")
    'fundacion-islas-de-la-bahia'
    """
    s = _NOT_SLUG.sub("-", fold(text)).strip("-") or "actor"
    if len(s) > limit:
        s = s[:limit].rsplit("-", 1)[0] or s[:limit]
    return s


@dataclass
class Resolution:
    """Output of :meth:`NameResolver.resolve`, aligned with the input names."""

    actor_ids: list
    methods: list
    scores: list
    reasons: list
    actors: dict  # actor_id -> {name, actor_type, country, org_ref}


class NameResolver:
    """Cluster name variants into actors under a :class:`Context`.

    Parameters
    ----------
    context : Context
        Definitions, known bodies and overrides (:func:`ecosystem.resolution.context.learn_context`);
        its cache keeps parsed names and fuzzy neighbours across resolvers.
    """

    def __init__(self, context: Context):
        self.context = context
        self._parsed: dict[str, ParsedName] = context.cache.setdefault("parsed", {})
        self._plain: dict[str, str] = context.cache.setdefault("plain", {})
        self._near: dict[str, dict] = context.cache.setdefault("near", {})

    def parse(self, name: str) -> ParsedName:
        """:func:`parse_name` with the context's known bodies, cached per context."""
        p = self._parsed.get(name)
        if p is None:
            p = parse_name(name, self.context.known)
            if p.country and self.context.org_acronyms and country_abbreviation(p) \
                    and fold(p.raw.strip().replace(".", "")) in self.context.org_acronyms:
                p = as_organisation(p)  # "DRC" of a 3W sheet: the Danish Refugee Council
            self._parsed[name] = p
        return p

    def _plain_key(self, name: str) -> str:
        k = self._plain.get(name)
        if k is None:
            k = self._plain[name] = parse_name(name).key
        return k

    def resolve(self, names: Sequence[str], refs: Sequence[str | None] | None = None,
                weights: Sequence[float] | None = None,
                contexts: Sequence[str | None] | None = None,
                places: Sequence[frozenset | None] | None = None) -> Resolution:
        """Resolve ``names`` (with optional org identifiers, mention counts and contexts).

        ``contexts`` gives, per name, the record country under which a generic
        name is read (:mod:`ecosystem.resolution.generic_names`): the name then counts as
        annotated with that country, like "Ministry of Environment (Fiji)".
        ``places`` gives, per other name, the contexts of the records it is met in
        (:func:`~ecosystem.resolution.record_contexts.mention_places`): written without a
        country, it joins a generic name kept apart in one context only when it is met
        there alone (:class:`~ecosystem.resolution.matching.Clusters`).
        """
        n = len(names)
        refs = [r if isinstance(r, str) and r else None for r in refs] if refs is not None \
            else [None] * n
        weights = list(weights) if weights is not None else [1] * n
        items = list(names)
        reasons: dict[int, str] = {}
        overrides = {self.parse(v).key: c for v, c in self.context.overrides}
        forced = []
        for i in range(n):
            p = self.parse(items[i])
            canon = overrides.get(p.key) if p.tokens else None
            if not p.tokens:
                reasons[i] = "no organisation name"
            elif canon is not None and canon.casefold() == NOT_AN_ORGANISATION:
                reasons[i] = "override: not an organisation"
            elif canon is None and len(p.tokens) <= 3 and not p.country \
                    and not any(t.startswith("kb:") for t in p.tokens) and is_type_label(p.display):
                reasons[i] = "type label only"  # "Academic Institution", "NGO"
            elif canon is not None:
                forced.append((i, canon))
        # evidence: long forms of acronym definitions and override targets
        defs = self.context.definitions
        long_index = {}
        for (long, _), _c in defs.items():
            if long not in long_index:
                long_index[long] = len(items)
                items.append(long)
        for _, canon in forced:
            items.append(canon)
        spelled = self._known_spellings(items)
        refs += [None] * (len(items) - n)
        weights += [0] * (len(items) - n)
        parsed = [self.parse(x) for x in items]
        for idx, _anchor, p in spelled:
            parsed[idx] = p
        common = self.context.cache.get("common", frozenset())
        complete_countries(parsed, n, contexts or (), common)
        trailing_annotations(parsed, n)
        for i, ctx in enumerate(contexts or ()):
            if isinstance(ctx, str) and ctx and not parsed[i].countries:
                parsed[i] = replace(parsed[i], soft_countries=frozenset({ctx}))
        # a generic long form ("Ministry of Environment and Energy (MINAE)") says nothing
        # about which country's ministry: it is no evidence; the mention defining it
        # votes for its own cluster instead (see join_acronyms)
        for li in long_index.values():
            if common and is_generic(parsed[li], common):
                reasons[li] = "generic long form"
        active = [i for i in range(len(items)) if i not in reasons and parsed[i].tokens]
        kept: list = [None] * len(items)  # a generic name's context
        seen: list = [None] * len(items)  # where a name written without a country is met
        for i, ctx in enumerate(contexts or ()):
            kept[i] = ctx if isinstance(ctx, str) and ctx else None
        for i, met in enumerate(places or ()):
            if kept[i] is None and not parsed[i].countries:
                seen[i] = met
        cl = Clusters([signature(p) for p in parsed], refs, kept, seen)
        cl.bare = [is_bare_acronym(p) for p in parsed]

        by_key, forced_name = self._rule_links(active, parsed, refs, weights, forced, spelled, cl)
        fuzzy_score = self._fuzzy(by_key, parsed, cl)
        for i in shared_acronym_links(active, parsed, cl, common):
            fuzzy_score.setdefault(i, 1.0)
        acronym_score = join_acronyms(self.parse, self.context.definitions, self.context.known,
                                      by_key, parsed, cl, long_index, reasons, contexts or (),
                                      self.context.from_names, n)
        defined = {acr.replace(".", "").upper() for _, acr in self.context.definitions}
        for i in initials_links(active, parsed, cl, defined):
            acronym_score.setdefault(i, 1.0)
        return self._name_clusters(n, items, parsed, refs, weights, cl, reasons, by_key,
                                   forced_name, fuzzy_score, acronym_score)

    def _rule_links(self, active, parsed, refs, weights, forced, spelled, cl):
        """Overrides, known spellings, identifiers, same key, country: the exact links.

        Returns the items grouped by comparison key (heaviest first) and the
        override names of overridden items.
        """
        by_key = defaultdict(list)
        for i in active:
            by_key[parsed[i].key].append(i)
        for members in by_key.values():
            members.sort(key=lambda i: (-weights[i], i))
        forced_name = {}
        lone = []
        for i, canon in forced:
            target = by_key.get(self.parse(canon).key)
            if target:
                # a name made its own canonical is kept apart with the names written like it
                own = self.parse(canon).key == parsed[i].key
                for j in (target if own else target[:1]):
                    cl.union(i, j, force=True)
                lone += [i] if own else []
                forced_name[i] = tidy(canon)
        for i in lone:  # after every override merge: overrides may still join it
            cl.lone[cl.find(i)] = True
        for idx, anchor, _p in spelled:
            cl.union(idx, anchor, force=True)
        groups = [defaultdict(list), defaultdict(list), defaultdict(list)]
        by_ref, by_qualified, by_country = groups
        for i in active:
            if refs[i]:
                by_ref[refs[i]].append(i)
            if parsed[i].countries:
                by_qualified[_qualified_key(parsed[i])].append(i)
            if parsed[i].country:
                by_country[parsed[i].country].append(i)
        for members in by_ref.values():
            members.sort(key=lambda i: (-weights[i], i))
            for j in members[1:]:
                cl.union(members[0], j, force=True, keep=True)
        # a country in brackets first joins the same name with that country inside it,
        # then names with one key join, then a country's names join its government
        for grouping in (by_qualified, by_key, by_country):
            for members in grouping.values():
                members.sort(key=lambda i: (-weights[i], i))
                for j in members[1:]:
                    cl.union(members[0], j)
        return by_key, forced_name

    def _known_spellings(self, items: list) -> list:
        """Add the known bodies' names, read as plain words, so that misspelt
        forms ("United Nations Environmental Programme") reach the body by fuzzy
        matching. Returns (index, index of the body's anchor, parsed name)."""
        plain = self.context.cache.setdefault("known_plain", {})
        out = []
        for body in self.context.known.bodies.values():
            anchor = len(items)
            items.append(body.canonical)
            for name in (body.canonical, *body.aliases):
                p = plain.get(name)
                if p is None:
                    p = plain[name] = parse_name(name)
                if len(p.tokens) >= 2 and not p.country:
                    out.append((len(items), anchor, p))
                    items.append(name)
        return out

    def _fuzzy(self, by_key, parsed, cl) -> dict:
        return fuzzy_links(by_key, parsed, cl, self._near)

    def _name_clusters(self, n, items, parsed, refs, weights, cl, reasons, by_key,
                       forced_name, fuzzy_score, acronym_score) -> Resolution:
        known = self.context.known
        groups = defaultdict(list)
        wanted = set()
        for i in range(len(items)):
            if i not in reasons and parsed[i].tokens:
                root = cl.find(i)
                groups[root].append(i)
                if i < n:
                    wanted.add(root)
        info = {}
        acronym_roots = {}
        for x, share in acronym_score.items():
            acronym_roots[cl.find(x)] = share
        for root in wanted:
            members = groups[root]
            info[root] = self._describe(members, items, parsed, weights, forced_name, cl, root)
            info[root]["acronym_share"] = acronym_roots.get(root)
        # unique readable ids: biggest actors get the plain slug
        order = sorted(wanted, key=lambda r: (-info[r]["weight"], info[r]["name"], r))
        taken, ids = set(), {}
        for r in order:
            base = info[r].pop("base")
            aid, k = base, 2
            while aid in taken:
                aid, k = f"{base}-{k}", k + 1
            taken.add(aid)
            ids[r] = aid
        actor_ids, methods, scores, out_reasons = [], [], [], []
        for i in range(n):
            if i in reasons or not parsed[i].tokens:
                actor_ids.append(None)
                methods.append(None)
                scores.append(None)
                out_reasons.append(reasons.get(i, "no organisation name"))
                continue
            root = cl.find(i)
            d = info[root]
            method, score = self._method(i, items, parsed, refs, d, forced_name,
                                         fuzzy_score, acronym_score, known)
            actor_ids.append(ids[root])
            methods.append(method)
            scores.append(score)
            out_reasons.append(None)
        actors = {ids[r]: {k: info[r].get(k) for k in ("name", "actor_type", "country", "org_ref",
                                                      "known_body")}
                  for r in wanted}
        return Resolution(actor_ids, methods, scores, out_reasons, actors)

    def _describe(self, members, items, parsed, weights, forced_name, cl, root) -> dict:
        known = self.context.known
        weight = sum(weights[i] for i in members)
        if len(members) == 1:  # most clusters: one name, its key
            top_key = _qualified_key(parsed[members[0]])
        else:
            key_w = Counter()
            for i in members:
                key_w[_qualified_key(parsed[i])] += weights[i] + 1e-3
            top_key = key_w.most_common(1)[0][0]
        forced = [forced_name[i] for i in members if i in forced_name]
        forced_keys = {self.parse(f).key for f in forced}
        # a merge into a known body by one of its names keeps the body, whichever name of the
        # cluster is written most ("Oxfam Novib" merged into Oxfam stays Oxfam, id and name)
        if len(forced_keys) == 1 and _is_body_key(next(iter(forced_keys))):
            top_key = next(iter(forced_keys))
        refs = sorted(cl.refs[root], key=lambda r: (is_bridge_ref(r), r))  # a registration first
        d = {"weight": weight, "org_ref": refs[0] if refs else None, "actor_type": None,
             "country": None, "key": top_key}
        countries = {parsed[i].country for i in members if parsed[i].country}
        body_key = _is_body_key(top_key)
        if forced and not (body_key and forced_keys == {top_key}):
            d["name"] = Counter(forced).most_common(1)[0][0]
            d["base"] = slug(d["name"])
        elif body_key:
            body = known.bodies[top_key[3:]]
            d.update(name=body.canonical, base=body.id, actor_type=body.actor_type,
                     country=body.country, known_body=True)
        else:
            pool = [i for i in members if weights[i] > 0] or members
            # a group of a generic name kept apart is named after it before the names met
            # without a country that joined it: "Ministry of Environment (India)", not a
            # misspelling
            kept = any(cl.kept[i] for i in pool)
            best = pool[0] if len(pool) == 1 else min(
                pool, key=lambda i: (parsed[i].is_acronym, -weights[i], kept and bool(cl.seen[i]),
                                     "(" in parsed[i].display, len(parsed[i].display),
                                     parsed[i].display))
            d["name"] = parsed[best].display
            if len(countries) == 1 and all(parsed[i].country for i in members):
                d["actor_type"], d["country"] = "government", next(iter(countries))
            read_in = _record_country(parsed[best], self.parse(items[best]))
            if read_in:  # a generic name read in its record's country
                d["name"] = f"{d['name']} ({country_name(read_in) or read_in})"
                d["country"] = read_in
            d["base"] = slug(d["name"])
            d["canonical_key"] = parsed[best].key
        if "canonical_key" not in d:
            d["canonical_key"] = self.parse(d["name"]).key
        return d

    def _method(self, i, items, parsed, refs, d, forced_name, fuzzy_score,
                acronym_score, known) -> tuple[str, float]:
        p = parsed[i]
        if i in forced_name:
            return "override", 1.0
        if p.display == d["name"] or tidy(items[i]) == d["name"]:
            return "exact", 1.0
        if p.key == d["canonical_key"]:
            if "kb:" in p.key and self._plain_key(items[i]) != self._plain_key(d["name"]):
                return "known_body", 1.0
            return "normalised", 1.0
        if p.country:
            return "country", 1.0
        if refs[i] and d["org_ref"] == refs[i]:
            return "ref", 1.0
        if i in acronym_score:
            return "acronym", float(acronym_score[i])
        if "kb:" in p.key and p.key == d["key"]:
            return "known_body", 1.0
        if i in fuzzy_score:
            return "fuzzy", float(fuzzy_score[i])
        if d.get("acronym_share"):
            return "acronym", d["acronym_share"]  # long forms pooled under one acronym
        if "kb:" in d["key"]:
            return "known_body", 1.0
        s = fuzz.token_sort_ratio(p.key, d["canonical_key"]) / 100
        return "fuzzy", round(s, 3)
