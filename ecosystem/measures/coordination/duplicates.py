"""Duplicate initiatives, labelled by who registered them.

Pairs
-----
near-identical records
    Two records of the **same principal organisation** (its lead; see
    :func:`ecosystem.measures.coordination.lead_relations.principal_actors`), or
    of two actor ids that are likely one organisation, with near-identical
    titles (rapidfuzz token-sort ratio ≥ ``min_title``, default 90) or text
    (TF-IDF cosine ≥ ``min_text_copy``, default 0.9).
substantive overlap
    Any other pair whose combined overlap score
    (:func:`ecosystem.measures.coordination.overlap.initiative_pairs`) is at
    least ``min_score`` (default 0.8).

Clusters and their labels
-------------------------
Clusters are the connected components of all these pairs together, so each
pair and each initiative is in one cluster only (a chain A–B, B–C makes one
cluster even when A and C differ more). A cluster is labelled by its records'
principal organisations (:data:`KIND_LABELS`):

``same_lead``
    "same lead re-registration": the records are linked through shared lead
    actor ids (one commitment entered twice, or re-registered at a later
    conference) — a data-cleaning matter for the registry.
``same_organisation``
    "same organisation under two names": linked only once leads that
    name resolution kept apart are read as one organisation
    (:class:`ecosystem.measures.coordination.lead_relations.OrganisationMatcher`:
    an identifier, one body's names, a shared acronym, one name inside the other).
``different_organisations``
    "different organisations doing the same thing": some records stay apart
    even then — a coordination matter.

**Presence registries** (3W/4W, :data:`ecosystem.kinds.KINDS` ``presence``)
record who is present where: two organisations in one sector × place cell are
co-present, never duplicates. There a duplicate is the same organisation
reported twice for one cell and activity: two records of one organisation
(or of two ids likely one organisation) sharing a sector × place cell (the
``cells`` given, else the kind's default cells,
:func:`ecosystem.measures.coordination.presence_cells.initiative_cells`) with
near-identical titles or text, and dates that overlap when both records have
them; kind ``reported_twice`` or ``same_organisation``. When the registry has no cells at all (no sector
vocabulary or no place), the cell test is left out and the reason says so.

Each cluster has a **representative**: the most complete record (most of
description, real start, real end, targets or goals, places, partners beyond
the lead, deliverables, resources, URL), ties broken by the earliest real
start, then by registry order.

Titles that differ only in a place name ("... in Municipality of Bar" and
"... in Municipality of Herceg Novi") pass the title test; the reason shows the
title similarity and text cosine so a reader can set them aside.

Title similarity is rapidfuzz's token-sort ratio: both titles lower-cased,
stripped of punctuation, their words sorted, then compared by the normalised
InDel (insertion–deletion) similarity::

    ratio(x, y) = 100 · (1 − indel(x, y) / (|x| + |y|))

where indel(x, y) is the number of characters to insert or delete to turn
*x* into *y* (Levenshtein 1966 without substitutions). The text cosine is that
of TF-IDF vectors (Salton & Buckley 1988).

References
----------
Levenshtein, V. I. (1966). Binary codes capable of correcting deletions,
insertions, and reversals. *Soviet Physics Doklady* 10(8), 707–710.
Salton, G. & Buckley, C. (1988). Term-weighting approaches in automatic text
retrieval. *Information Processing & Management* 24(5), 513–523.

Examples
--------
Reef Trust registered its Fiji reef project twice, once without a description:

>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> ids = ["i1", "i2", "i3"]
>>> reg = Registry.from_frames(
...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["Reef Trust", "Ocean Lab"],
...                          "actor_type": "ngo"}),
...     initiatives=pd.DataFrame({
...         "initiative_id": ids, "registry": "r", "record_id": ids, "kind": "partnership",
...         "title": ["Coral reef restoration in Fiji", "Coral reef restoration, Fiji",
...                   "Ocean acidification monitoring"],
...         "description": ["Local communities restore coral reefs.", None,
...                         "Sensors measure acidity offshore."]}),
...     ties=pd.DataFrame({"initiative_id": ids, "actor_id": ["a", "a", "b"], "role": "lead",
...                        "registry": "r", "record_id": ids}))
>>> d = duplicate_clusters(reg)
>>> print(d[["cluster", "kind", "initiative_id", "representative",
...          "completeness"]].to_string(index=False))
 cluster      kind initiative_id  representative  completeness
       1 same_lead            i1            True             1
       1 same_lead            i2           False             0
>>> KIND_LABELS["same_lead"]
'same lead re-registration'

The sorted titles "coral fiji in reef restoration" (30 characters) and "coral
fiji reef restoration" (27) differ by 3 deletions: 100 · (1 − 3/57) = 94.7.

>>> round(float(near_duplicate_pairs(reg).loc[0, "title_similarity"]), 1)
94.7
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from rapidfuzz import fuzz, process, utils
from scipy.sparse.csgraph import connected_components

from ecosystem.dormancy import REAL_DATE_FROM, DateLike
from ecosystem.kinds import registry_kind
from ecosystem.measures.coordination.cells import Cells
from ecosystem.measures.coordination.lead_relations import (
    OrganisationMatcher,
    pair_relations,
    principal_actors,
    records_relation,
)
from ecosystem.measures.coordination.overlap import (
    DEFAULT_MIN_TEXT,
    OverlapCandidates,
    describe_pairs,
    overlap_candidates,
    pair_scores,
)
from ecosystem.measures.coordination.presence_cells import initiative_cells, pairs_in_one_cell
from ecosystem.model import Registry

__all__ = [
    "CLUSTER_COLUMNS", "DUPLICATE_MIN_SCORE", "KINDS", "KIND_LABELS", "NEAR_DUPLICATE_TEXT",
    "NEAR_DUPLICATE_TITLE", "completeness", "duplicate_clusters", "near_duplicate_pairs",
]

#: Title similarity (rapidfuzz token-sort ratio, 0–100) for a near-identical record.
NEAR_DUPLICATE_TITLE = 90

#: Text cosine above which two records of one organisation are copies whatever their titles.
NEAR_DUPLICATE_TEXT = 0.9

#: Combined score for a substantive-overlap duplicate.
DUPLICATE_MIN_SCORE = 0.8

#: Cluster kinds, in the order the report counts them.
KINDS = ("same_lead", "same_organisation", "different_organisations", "reported_twice")

#: Each cluster kind in words.
KIND_LABELS = {
    "same_lead": "same lead re-registration",
    "same_organisation": "same organisation under two names",
    "different_organisations": "different organisations doing the same thing",
    "reported_twice": "same organisation reported twice for one cell and activity",
}

CLUSTER_COLUMNS = ["cluster", "kind", "initiative_id", "title", "lead", "representative",
                   "size", "completeness", "reason"]


def _principal_pairs(f, principals: dict, min_title: float, block: int = 2000):
    """Index pairs sharing a principal organisation whose titles reach ``min_title``."""
    pos = {k: n for n, k in enumerate(f.ids)}
    by_actor: dict[str, list[int]] = {}
    for iid, acts in principals.items():
        if iid in pos:
            for a in acts:
                by_actor.setdefault(a, []).append(pos[iid])
    found = []
    for k in by_actor.values():
        k = np.unique(np.asarray(k, dtype=np.int64))
        if len(k) < 2:
            continue
        titles = f.titles[k]
        for s in range(0, len(k), block):
            sim = process.cdist(titles[s:s + block], titles, scorer=fuzz.token_sort_ratio,
                                processor=utils.default_process, score_cutoff=min_title,
                                dtype=np.uint8, workers=-1)
            a, b = np.nonzero(sim)
            a = a + s
            keep = a < b
            found.append(np.stack([k[a[keep]], k[b[keep]]], axis=1))
    return np.concatenate(found) if found else np.empty((0, 2), dtype=np.int64)


def _with_relations(pairs: pd.DataFrame, principals: dict, matcher: OrganisationMatcher,
                    names: pd.Series | dict, word: str = "lead") -> pd.DataFrame:
    """``pairs`` with ``relation`` (same, organisation, different), ``lead`` and the
    relation in words in front of ``explanation``."""
    names = names.to_dict() if isinstance(names, pd.Series) else names
    rel = pair_relations(pairs["initiative_a"], pairs["initiative_b"], principals, matcher,
                         names, word)
    first = [sorted(principals.get(a, ())) for a in pairs["initiative_a"]]
    out = pairs.assign(relation=[r for r, _ in rel])
    out["lead"] = pd.array([names.get(x[0], x[0]) if x else pd.NA for x in first],
                           dtype="string")
    out["explanation"] = pd.array([w + "; " + str(e) for (_, w), e in
                                   zip(rel, out["explanation"])], dtype="string")
    return out


def _near_pairs(reg: Registry, f, cand: pd.DataFrame, min_title, min_text_copy, weights,
                principals: dict, matcher: OrganisationMatcher,
                word: str = "lead") -> pd.DataFrame:
    """Near-identical records of one organisation; ``cand`` are the scored candidates."""
    by_title = _principal_pairs(f, principals, min_title)
    # copies of text come from the overlap candidates (the text search finds cosine ≥ 0.9)
    copies = cand[cand["text_cosine"] >= min_text_copy]
    by_text = copies[["i", "j"]].to_numpy(dtype=np.int64)
    pairs = np.unique(np.concatenate([by_title, by_text]), axis=0)
    scored = describe_pairs(f, pair_scores(f, pairs[:, 0], pairs[:, 1], weights))
    names = reg.actors.set_index("actor_id")["name"]
    scored = _with_relations(scored, principals, matcher, names, word)
    ok = (scored["relation"] != "different") & (
        (scored["title_similarity"] >= min_title)
        | (scored["text_cosine"].fillna(0) >= min_text_copy))
    return scored[ok].reset_index(drop=True)


def near_duplicate_pairs(reg: Registry, *, min_title: float = NEAR_DUPLICATE_TITLE,
                         min_text_copy: float = NEAR_DUPLICATE_TEXT,
                         weights: dict[str, float] | None = None,
                         dormant: str = "include", today: DateLike = None,
                         candidates: OverlapCandidates | None = None) -> pd.DataFrame:
    """Pairs of records by one organisation with near-identical titles or text.

    Parameters
    ----------
    reg : Registry
    min_title, min_text_copy : float
        Title similarity (0–100) or text cosine making two records of one
        organisation near-identical.
    weights : dict, optional
        Component weights of the combined score (see
        :data:`ecosystem.measures.coordination.overlap.DEFAULT_WEIGHTS`).
    dormant : {"include", "exclude", "only"}
    today : DateLike, optional
        Reference date for dormancy (default: today).
    candidates : OverlapCandidates, optional
        Features and candidates from
        :func:`~ecosystem.measures.coordination.overlap.overlap_candidates`, computed once and
        shared; ``dormant`` and ``today`` are then those it was built with.

    Returns
    -------
    DataFrame
        The columns of :func:`ecosystem.measures.coordination.overlap.initiative_pairs`
        plus ``relation`` (``same``: a shared principal organisation;
        ``organisation``: two ids likely one organisation) and ``lead`` (the
        first record's lead), best first; ``explanation`` starts with the relation
        ("same lead Reef Trust", "leads X and Y are likely one organisation (…)").
    """
    c = candidates if candidates is not None else overlap_candidates(
        reg, dormant=dormant, today=today)
    return _near_pairs(reg, c.features, c.scored(weights, min_text_copy), min_title,
                       min_text_copy, weights, principal_actors(reg),
                       OrganisationMatcher(reg.actors))


def completeness(reg: Registry) -> pd.Series:
    """Number of filled fields per initiative (0–9), indexed by ``initiative_id``.

    Counted: description, real start, real end, a target or goal, a place, a
    partner beyond the lead, a deliverable, a resource, a URL.
    """
    ini = reg.initiatives
    ids = ini["initiative_id"].tolist()

    def has(table: pd.DataFrame) -> np.ndarray:
        present = set(table["initiative_id"].tolist())
        return np.fromiter((i in present for i in ids), dtype=bool, count=len(ids))

    parts = [
        ini["description"].fillna("").str.strip().str.len().to_numpy() > 0,
        (ini["start"] >= REAL_DATE_FROM).fillna(False).to_numpy(dtype=bool),
        (ini["end"] >= REAL_DATE_FROM).fillna(False).to_numpy(dtype=bool),
        has(reg.initiative_targets) | has(reg.initiative_goals),
        has(reg.initiative_places),
        has(reg.ties[reg.ties["role"] != "lead"]),
        has(reg.deliverables),
        has(reg.resources),
        ini["url"].fillna("").str.strip().str.len().to_numpy() > 0,
    ]
    return pd.Series(np.sum(parts, axis=0), index=ids, name="completeness")


#: Cluster kind of each :func:`~ecosystem.measures.coordination.lead_relations.records_relation`.
_KIND_OF = {"same": "same_lead", "organisation": "same_organisation",
            "different": "different_organisations"}


def _best_links(pairs: pd.DataFrame, rep: pd.Series) -> pd.DataFrame:
    """Each member's strongest link: the best-scored pair it is in, one with its
    cluster's representative ``rep[member]`` first; columns ``other``, ``score``,
    ``explanation``, indexed by member."""
    best = pairs.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)
    rank = np.arange(len(best))
    a, b = best["initiative_a"].to_numpy(dtype=object), best["initiative_b"].to_numpy(dtype=object)
    links = pd.DataFrame({"member": np.r_[a, b], "other": np.r_[b, a], "rank": np.r_[rank, rank]})
    links["direct"] = links["other"].to_numpy(dtype=object) == links["member"].map(rep).to_numpy(
        dtype=object)
    links = links.sort_values(["member", "direct", "rank"], ascending=[True, False, True],
                              kind="stable").drop_duplicates("member")
    at = links["rank"].to_numpy()
    return pd.DataFrame({"other": links["other"].to_numpy(dtype=object),
                         "score": best["score"].to_numpy()[at],
                         "explanation": best["explanation"].to_numpy(dtype=object)[at]},
                        index=links["member"].to_numpy(dtype=object))


def _clusters(pairs: pd.DataFrame, reg: Registry, comp: pd.Series, principals: dict,
              matcher: OrganisationMatcher, presence: bool) -> pd.DataFrame:
    """The cluster rows (connected components of ``pairs``), columns :data:`CLUSTER_COLUMNS`.

    Pairs are indexed by initiative once (connected components of their sparse
    adjacency, one table of each member's links), never scanned per member.
    """
    if pairs.empty:
        return pd.DataFrame(columns=CLUSTER_COLUMNS)
    codes, ids = pd.factorize(pd.concat([pairs["initiative_a"], pairs["initiative_b"]]))
    m = len(pairs)
    g = sp.coo_matrix((np.ones(m), (codes[:m], codes[m:])), shape=(len(ids), len(ids)))
    _, label = connected_components(g, directed=False)
    ini = reg.initiatives.set_index("initiative_id")
    start = ini["start"].where(ini["start"] >= REAL_DATE_FROM)
    order = pd.Series(np.arange(len(ini)), index=ini.index)
    names = reg.actors.set_index("actor_id")["name"]
    members = pd.DataFrame({"initiative_id": np.asarray(ids, dtype=object), "label": label})
    members["completeness"] = members["initiative_id"].map(comp)
    members["start"] = members["initiative_id"].map(start)
    members["order"] = members["initiative_id"].map(order)
    members = members.sort_values(["label", "completeness", "start", "order"],
                                  ascending=[True, False, True, True], na_position="last")
    rank = members.groupby("label")["order"].transform("min")
    sizes = members.groupby("label")["initiative_id"].transform("size")
    members = members.assign(_size=sizes, _rank=rank).sort_values(
        ["_size", "_rank", "label"], ascending=[False, True, True], kind="stable")
    # clusters in the order of their first row; members keep their order within
    cluster = pd.factorize(members["label"].to_numpy())[0] + 1
    members = members.iloc[np.argsort(cluster, kind="stable")]
    cluster = np.sort(cluster, kind="stable")
    mid = members["initiative_id"].to_numpy(dtype=object)
    first_row = np.r_[True, cluster[1:] != cluster[:-1]]
    rep = pd.Series(mid[first_row][cluster - 1], index=mid)
    kinds = {}
    for c, grp in zip(cluster[first_row], np.split(mid, np.flatnonzero(first_row)[1:])):
        kind = _KIND_OF[records_relation(list(grp), principals, matcher)]
        kinds[c] = "reported_twice" if presence and kind == "same_lead" else kind
    link = _best_links(pairs, rep).reindex(mid)
    comp_ = members["completeness"].to_numpy()
    reason = [f"representative: most complete record ({c} of 9 fields filled)" if r else
              f"like {o} (score {s:.2f}): {e}"
              for r, c, o, s, e in zip(first_row, comp_, link["other"], link["score"],
                                       link["explanation"])]
    t = reg.ties[["initiative_id", "actor_id"]]
    t = t[t["initiative_id"].isin(rep.index)]
    t = t[[a in principals.get(i, ()) for i, a in zip(t["initiative_id"].to_numpy(dtype=object),
                                                      t["actor_id"].to_numpy(dtype=object))]]
    first = t.drop_duplicates("initiative_id").set_index("initiative_id")["actor_id"]
    lead = [names.get(x, x) if x is not None else pd.NA
            for x in (first.get(i) for i in mid)]
    return pd.DataFrame({
        "cluster": cluster, "kind": [kinds[c] for c in cluster], "initiative_id": mid,
        "title": ini["title"].reindex(mid).to_numpy(dtype=object), "lead": lead,
        "representative": first_row, "size": members["_size"].to_numpy(),
        "completeness": comp_.astype(np.int64), "reason": reason}, columns=CLUSTER_COLUMNS)


def duplicate_clusters(reg: Registry, *, min_score: float = DUPLICATE_MIN_SCORE,
                       min_title: float = NEAR_DUPLICATE_TITLE,
                       min_text_copy: float = NEAR_DUPLICATE_TEXT,
                       weights: dict[str, float] | None = None,
                       min_text: float = DEFAULT_MIN_TEXT, dormant: str = "include",
                       today: DateLike = None,
                       candidates: OverlapCandidates | None = None,
                       cells: Cells | None = None) -> pd.DataFrame:
    """Clusters of duplicate initiatives, each counted once and labelled by who registered them.

    Parameters
    ----------
    reg : Registry
    min_score : float
        Combined overlap score for a substantive-overlap pair (not used for a
        presence registry, where different organisations are co-present).
    min_title, min_text_copy : float
        Title similarity (0–100) or text cosine making two records of one
        organisation near-identical.
    weights, min_text
        Passed to :func:`ecosystem.measures.coordination.overlap.initiative_pairs`.
    dormant : {"include", "exclude", "only"}
    today : DateLike, optional
        Reference date for dormancy (default: today).
    candidates : OverlapCandidates, optional
        Features and candidates from
        :func:`~ecosystem.measures.coordination.overlap.overlap_candidates`, computed once and
        shared; ``dormant`` and ``today`` are then those it was built with.
    cells : Cells, optional
        The sector × place cells of a presence registry (default: the presence
        kind's default cells, :data:`ecosystem.kinds.KINDS`).

    Returns
    -------
    DataFrame
        One row per initiative: ``cluster`` (1, 2, … largest first), ``kind``
        (one of :data:`KINDS`, in words :data:`KIND_LABELS`), ``initiative_id``,
        ``title``, ``lead`` (name of its first principal organisation),
        ``representative`` (bool, one per cluster), ``size``, ``completeness``
        (0–9 filled fields), ``reason`` (for the representative, why it was
        chosen; for the others, their strongest link in the cluster, preferably
        to the representative, in words, starting with how the two leads relate).
    """
    c = candidates if candidates is not None else overlap_candidates(
        reg, dormant=dormant, today=today)
    f = c.features
    cand = c.scored(weights, min(min_text, min_text_copy))
    principals = principal_actors(reg)
    matcher = OrganisationMatcher(reg.actors)
    presence = registry_kind(reg) == "presence"
    pairs = _near_pairs(reg, f, cand, min_title, min_text_copy, weights, principals, matcher,
                        "organisation" if presence else "lead")
    if presence:
        # one activity: dates that do not meet (both known) make two periods' reports
        pairs = pairs[~(pairs["time_overlap"] == 0)]
        pairs = pairs_in_one_cell(pairs, initiative_cells(reg, cells))
    else:
        over = describe_pairs(f, cand[(cand["score"] >= min_score)
                                      & (cand["text_cosine"] >= min_text)].reset_index(drop=True))
        key = lambda df: df["initiative_a"] + "\t" + df["initiative_b"]
        over = over[~key(over).isin(set(key(pairs)))]
        over = _with_relations(over, principals, matcher,
                               reg.actors.set_index("actor_id")["name"])
        pairs = pd.concat([pairs, over], ignore_index=True)
    out = _clusters(pairs, reg, completeness(reg), principals, matcher, presence)
    for col in ("kind", "initiative_id", "title", "lead", "reason"):
        out[col] = out[col].astype("string")
    out["representative"] = out["representative"].astype(bool)
    return out.astype({"cluster": "int64", "size": "int64", "completeness": "int64"})
