"""Group organisation-name variants into actors (the engine behind :mod:`ecosystem.resolve`).

:func:`learn_context` reads what a registry's own text teaches (acronym
definitions) together with the known-bodies table and the overrides;
:class:`NameResolver` then clusters name variants with the links described in
:mod:`ecosystem.resolve` and names each cluster.

Examples
--------
>>> r = NameResolver(learn_context(["Wildlife Conservation Society of Fiji (WCSF)"]))
>>> res = r.resolve(["WCSF", "Wildlife Conservation Society of Fiji"])
>>> res.actor_ids[0] == res.actor_ids[1]
True
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from .acronym_links import ACRONYM_DOMINANCE, pooled_votes
from .acronyms import acronym_definitions, acronym_plausible
from .crosswalk import NOT_AN_ORGANISATION, read_overrides
from .known_bodies import KnownBodies
from .name_matching import (Clusters, fuzzy_pairs, fuzzy_string, is_bare_acronym, same_body,
                            signature)
from .names import ParsedName, parse_name, split_annotations, tidy

#: Words in at least this share of distinct names are "common" (not distinctive).
COMMON_WORD_SHARE = 0.005


def _text_definitions(text: str) -> set[tuple[str, str]]:
    """Definitions in free text: "Long Form (ACR)" passing the Schwartz–Hearst test."""
    return set(acronym_definitions(text))


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
    return found


@dataclass
class Context:
    """What resolution knows before it sees the names: definitions, bodies, overrides."""

    known: KnownBodies
    definitions: Counter = field(default_factory=Counter)  # (long form, acronym) -> texts
    overrides: list = field(default_factory=list)  # (variant, canonical)
    #: Parsed names and fuzzy neighbours, shared by every resolver of this context.
    cache: dict = field(default_factory=dict, repr=False)

    def with_names(self, names) -> "Context":
        """A copy that also knows the definitions given by ``names``."""
        defs = Counter(self.definitions)
        for t in names:
            defs.update(_name_definitions(t))
        return replace(self, definitions=defs)


def learn_context(names, texts=(), overrides=None, known: KnownBodies | None = None) -> Context:
    """Learn acronym definitions and set up known bodies and overrides.

    Parameters
    ----------
    names : iterable of str
        Organisation names as written (each may define its own acronym).
    texts : iterable of str
        Free text (titles, descriptions, source fragments) that may define acronyms.

    A known body's acronym is not used when the texts define it as another body
    more often than as that body ("contested").
    """
    known = known or KnownBodies.load()
    defs: Counter = Counter()
    names = set(names)
    for t in names:
        defs.update(_name_definitions(t))
    for t in set(texts) - names:
        defs.update(_text_definitions(t))
    agree, other = Counter(), Counter()
    for (long, short), n in defs.items():
        toks = re.findall(r"[0-9a-z]+", _fold(short))
        if len(toks) != 1 or known.acronym_owner(toks[0]) is None:
            continue
        owner = known.acronym_owner(toks[0])
        if _names_body(long, known.bodies[owner], known):
            agree[toks[0]] += n
        else:
            other[toks[0]] += n
    contested = {a for a in other if other[a] > ACRONYM_DOMINANCE * agree[a]}
    return Context(known=known.without_acronyms(contested), definitions=defs,
                   overrides=read_overrides(overrides))


def _names_body(long: str, body, known: KnownBodies) -> bool:
    """True when a long form is (a spelling of) one of the body's names."""
    toks = parse_name(long, known).tokens
    if "kb:" + body.id in toks:
        return True
    plain = parse_name(long).key
    return any(fuzz.ratio(plain, parse_name(n).key) >= 85
               for n in (body.canonical, *body.aliases))


def _qualified_key(p: ParsedName) -> str:
    """Key with every country of the name, in brackets or not, as a marker."""
    plain = [t for t in p.tokens if not t.startswith("cc:")]
    return " ".join(plain + sorted("cc:" + c for c in p.countries))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def slug(text: str, limit: int = 60) -> str:
    """Readable id from a name: "Peace Boat" → "peace-boat".

    >>> slug("Fundación Islas de la Bahía")
    'fundacion-islas-de-la-bahia'
    """
    s = re.sub(r"[^0-9a-z]+", "-", _fold(text)).strip("-") or "actor"
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
    """Cluster name variants into actors under a :class:`Context`."""

    def __init__(self, context: Context):
        self.context = context
        self._parsed: dict[str, ParsedName] = context.cache.setdefault("parsed", {})
        self._plain: dict[str, str] = context.cache.setdefault("plain", {})
        self._near: dict[str, dict] = context.cache.setdefault("near", {})

    def parse(self, name: str) -> ParsedName:
        p = self._parsed.get(name)
        if p is None:
            p = self._parsed[name] = parse_name(name, self.context.known)
        return p

    def _plain_key(self, name: str) -> str:
        k = self._plain.get(name)
        if k is None:
            k = self._plain[name] = parse_name(name).key
        return k

    def resolve(self, names, refs=None, weights=None) -> Resolution:
        """Resolve ``names`` (with optional org identifiers and mention counts)."""
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
        active = [i for i in range(len(items)) if i not in reasons and parsed[i].tokens]
        cl = Clusters([signature(p) for p in parsed], refs)
        cl.bare = [is_bare_acronym(p) for p in parsed]

        by_key = defaultdict(list)
        for i in active:
            by_key[parsed[i].key].append(i)
        for members in by_key.values():
            members.sort(key=lambda i: (-weights[i], i))
        forced_name = {}
        for k, (i, canon) in enumerate(forced):
            target = by_key[self.parse(canon).key][0]
            cl.union(i, target, force=True)
            forced_name[i] = tidy(canon)
        for idx, anchor, _p in spelled:
            cl.union(idx, anchor, force=True)
        by_ref = defaultdict(list)
        for i in active:
            if refs[i]:
                by_ref[refs[i]].append(i)
        for members in by_ref.values():
            for j in members[1:]:
                cl.union(members[0], j, force=True)
        # a country in brackets first joins the same name with that country inside it
        by_qualified = defaultdict(list)
        for i in active:
            if parsed[i].countries:
                by_qualified[_qualified_key(parsed[i])].append(i)
        for members in by_qualified.values():
            members.sort(key=lambda i: (-weights[i], i))
            for j in members[1:]:
                cl.union(members[0], j)
        for members in by_key.values():
            for j in members[1:]:
                cl.union(members[0], j)
        by_country = defaultdict(list)
        for i in active:
            if parsed[i].country:
                by_country[parsed[i].country].append(i)
        for members in by_country.values():
            members.sort(key=lambda i: (-weights[i], i))
            for j in members[1:]:
                cl.union(members[0], j)

        fuzzy_score = self._fuzzy(by_key, parsed, cl)
        acronym_score = self._acronyms(by_key, parsed, weights, cl, long_index)
        return self._name_clusters(n, items, parsed, refs, weights, cl, reasons, by_key,
                                   forced_name, fuzzy_score, acronym_score)

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

    def _neighbours(self, strings: list[str]) -> None:
        """Fill the fuzzy-neighbour cache for strings not seen before."""
        near = self._near
        new = [x for x in dict.fromkeys(strings) if x not in near]
        if not new:
            return
        for x in new:
            near[x] = {}
        pool = list(near)
        for i, j, score in fuzzy_pairs(new, pool):
            a, b = new[i], pool[j]
            if a != b:
                near[a][b] = near[b][a] = score

    def _fuzzy(self, by_key, parsed, cl) -> dict:
        reps = [m[0] for m in by_key.values()
                if not parsed[m[0]].country and not (
                    parsed[m[0]].is_acronym and not any(":" in t for t in parsed[m[0]].tokens))]
        strings = [fuzzy_string(parsed[i]) for i in reps]
        rep_of = defaultdict(list)
        for i, x in zip(reps, strings):
            if len(x) >= 5:
                rep_of[x].append(i)
        self._neighbours(list(rep_of))
        df = Counter(t for x in rep_of for t in set(x.split()))
        common = frozenset(t for t, c in df.items()
                           if c >= max(5, COMMON_WORD_SHARE * len(rep_of)))
        edges = []
        for x, mine in rep_of.items():
            for i in mine[1:]:
                edges.append((100, mine[0], i))
            for y, score in self._near[x].items():
                if y in rep_of and x < y:
                    edges.extend((score, i, j) for i in mine for j in rep_of[y])
        scores = {}
        for s, i, j in sorted(edges, key=lambda e: (-e[0], e[1], e[2])):
            if same_body(parsed[i], parsed[j], common) and cl.union(i, j):
                for x in by_key[parsed[j].key] + by_key[parsed[i].key]:
                    scores.setdefault(x, s / 100)
        return scores

    def _acronyms(self, by_key, parsed, weights, cl, long_index) -> dict:
        table: dict[str, Counter] = defaultdict(Counter)
        for (long, short), c in self.context.definitions.items():
            skey = self.parse(short).key
            li = long_index[long]
            if not skey or not parsed[li].tokens or " " in skey and ":" in skey:
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
                b = self.context.known.bodies[key[3:]]
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

    def _name_clusters(self, n, items, parsed, refs, weights, cl, reasons, by_key,
                       forced_name, fuzzy_score, acronym_score) -> Resolution:
        known = self.context.known
        groups = defaultdict(list)
        for i in range(len(items)):
            if i not in reasons and parsed[i].tokens:
                groups[cl.find(i)].append(i)
        wanted = {cl.find(i) for i in range(n) if i not in reasons and parsed[i].tokens}
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
        actors = {ids[r]: {k: info[r][k] for k in ("name", "actor_type", "country", "org_ref")}
                  for r in wanted}
        return Resolution(actor_ids, methods, scores, out_reasons, actors)

    def _describe(self, members, items, parsed, weights, forced_name, cl, root) -> dict:
        known = self.context.known
        weight = sum(weights[i] for i in members)
        key_w = Counter()
        for i in members:
            key_w[_qualified_key(parsed[i])] += weights[i] + 1e-3
        top_key = key_w.most_common(1)[0][0]
        refs = sorted(cl.refs[root])
        d = {"weight": weight, "org_ref": refs[0] if refs else None, "actor_type": None,
             "country": None, "key": top_key}
        forced = [forced_name[i] for i in members if i in forced_name]
        countries = {parsed[i].country for i in members if parsed[i].country}
        if forced:
            d["name"] = Counter(forced).most_common(1)[0][0]
            d["base"] = slug(d["name"])
        elif top_key.startswith("kb:") and " " not in top_key:
            body = known.bodies[top_key[3:]]
            d.update(name=body.canonical, base=body.id, actor_type=body.actor_type,
                     country=body.country)
        else:
            pool = [i for i in members if weights[i] > 0] or members
            best = min(pool, key=lambda i: (parsed[i].is_acronym, -weights[i],
                                            "(" in parsed[i].display, len(parsed[i].display),
                                            parsed[i].display))
            d["name"] = parsed[best].display
            d["base"] = slug(d["name"])
            if len(countries) == 1 and all(parsed[i].country for i in members):
                d["actor_type"], d["country"] = "government", next(iter(countries))
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
