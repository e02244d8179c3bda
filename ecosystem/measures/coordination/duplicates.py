"""Duplicate initiatives: the same thing registered twice, or done twice.

Two kinds are kept apart, because they call for different action:

near-duplicate registration
    The **same lead actor** registered records with near-identical titles
    (rapidfuzz token-sort ratio ≥ ``min_title``, default 90) or near-identical
    text (TF-IDF cosine ≥ ``min_text_copy``, default 0.9). Usually one
    commitment entered twice, or re-registered at a later conference: a data
    cleaning matter for the registry.
substantive overlap
    Any other pair whose combined overlap score
    (:func:`ecosystem.measures.coordination.overlap.initiative_pairs`) is at least ``min_score``
    (default 0.8): typically *different* leads doing the same thing, a
    coordination matter. The reason says whether the leads differ.

Clusters are the connected components of each kind's pairs (so a chain
A–B, B–C makes one cluster even when A and C differ more), and each has a
**representative**: the most complete record (most of description, real start,
real end, targets or goals, places, partners beyond the lead, deliverables,
resources, URL), ties broken by the earliest real start, then by registry order.

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
 cluster                        kind initiative_id  representative  completeness
       1 near_duplicate_registration            i1            True             1
       1 near_duplicate_registration            i2           False             0

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
from ecosystem.measures.coordination.overlap import (
    DEFAULT_MIN_TEXT,
    OverlapCandidates,
    describe_pairs,
    overlap_candidates,
    pair_scores,
)
from ecosystem.model import Registry

__all__ = [
    "duplicate_clusters", "near_duplicate_pairs", "completeness", "DUPLICATE_MIN_SCORE",
    "NEAR_DUPLICATE_TITLE", "NEAR_DUPLICATE_TEXT", "KINDS", "CLUSTER_COLUMNS",
]

#: Title similarity (rapidfuzz token-sort ratio, 0–100) for a near-duplicate registration.
NEAR_DUPLICATE_TITLE = 90

#: Text cosine above which two records of one lead are copies whatever their titles.
NEAR_DUPLICATE_TEXT = 0.9

#: Combined score for a substantive-overlap duplicate.
DUPLICATE_MIN_SCORE = 0.8

KINDS = ("near_duplicate_registration", "substantive_overlap")

CLUSTER_COLUMNS = ["cluster", "kind", "initiative_id", "title", "lead", "representative",
                   "size", "completeness", "reason"]


def _lead_pairs(f, lead_ties: pd.DataFrame, min_title: float, block: int = 2000):
    """Index pairs sharing a lead actor whose titles reach ``min_title``."""
    pos = pd.Series(np.arange(len(f)), index=f.ids)
    lt = lead_ties.assign(k=lead_ties["initiative_id"].map(pos)).dropna(subset=["k"])
    found = []
    for _, k in lt.groupby("actor_id")["k"]:
        k = np.unique(k.to_numpy(dtype=np.int64))
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


def _leads(ties: pd.DataFrame) -> dict:
    """Lead actor ids of each initiative, as sets."""
    lt = ties[ties["role"] == "lead"]
    return {k: set(v) for k, v in lt.groupby("initiative_id")["actor_id"]}


def _near_duplicates(reg: Registry, f, cand: pd.DataFrame, min_title, min_text_copy, weights):
    """Near-duplicate registration pairs; ``cand`` are the scored overlap candidates."""
    ids = set(f.ids)
    lead_ties = reg.ties[(reg.ties["role"] == "lead") & reg.ties["initiative_id"].isin(ids)]
    lead_ties = lead_ties[["initiative_id", "actor_id"]].drop_duplicates()
    by_title = _lead_pairs(f, lead_ties, min_title)
    # copies of text come from the overlap candidates (the text search finds cosine ≥ 0.9)
    copies = cand[cand["text_cosine"] >= min_text_copy]
    by_text = copies[["i", "j"]].to_numpy(dtype=np.int64)
    pairs = np.unique(np.concatenate([by_title, by_text]), axis=0)
    scored = describe_pairs(f, pair_scores(f, pairs[:, 0], pairs[:, 1], weights))
    leads = _leads(reg.ties)
    names = reg.actors.set_index("actor_id")["name"]
    shared = [sorted(leads.get(a, set()) & leads.get(b, set()))
              for a, b in zip(scored["initiative_a"], scored["initiative_b"])]
    scored["lead"] = pd.array([names.get(s[0], s[0]) if s else pd.NA for s in shared],
                              dtype="string")
    ok = scored["lead"].notna() & ((scored["title_similarity"] >= min_title)
                                   | (scored["text_cosine"].fillna(0) >= min_text_copy))
    out = scored[ok].reset_index(drop=True)
    out["explanation"] = ("same lead " + out["lead"] + "; " + out["explanation"]).astype("string")
    return out


def near_duplicate_pairs(reg: Registry, *, min_title: float = NEAR_DUPLICATE_TITLE,
                         min_text_copy: float = NEAR_DUPLICATE_TEXT,
                         weights: dict[str, float] | None = None,
                         dormant: str = "include", today: DateLike = None,
                         candidates: OverlapCandidates | None = None) -> pd.DataFrame:
    """Pairs of records by the same lead with near-identical titles or text.

    Parameters
    ----------
    reg : Registry
    min_title, min_text_copy : float
        Title similarity (0–100) or text cosine making two records of one lead
        a near-duplicate registration.
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
        plus ``lead`` (the shared lead's name), best first; ``explanation`` starts with the
        shared lead.
    """
    c = candidates if candidates is not None else overlap_candidates(
        reg, dormant=dormant, today=today)
    return _near_duplicates(reg, c.features, c.scored(weights, min_text_copy), min_title,
                            min_text_copy, weights)


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


def _clusters(pairs: pd.DataFrame, kind: str, reg: Registry, comp: pd.Series,
              first: int) -> list[dict]:
    """Rows of the clusters (connected components) of ``pairs``."""
    if pairs.empty:
        return []
    codes, ids = pd.factorize(pd.concat([pairs["initiative_a"], pairs["initiative_b"]]))
    m = len(pairs)
    g = sp.coo_matrix((np.ones(m), (codes[:m], codes[m:])), shape=(len(ids), len(ids)))
    _, label = connected_components(g, directed=False)
    ini = reg.initiatives.set_index("initiative_id")
    start = ini["start"].where(ini["start"] >= REAL_DATE_FROM)
    order = pd.Series(np.arange(len(ini)), index=ini.index)
    lead_ties = reg.ties[reg.ties["role"] == "lead"].drop_duplicates("initiative_id")
    lead = lead_ties.set_index("initiative_id")["actor_id"].map(
        reg.actors.set_index("actor_id")["name"])
    members = pd.DataFrame({"initiative_id": np.asarray(ids, dtype=object), "label": label})
    members["completeness"] = members["initiative_id"].map(comp)
    members["start"] = members["initiative_id"].map(start)
    members["order"] = members["initiative_id"].map(order)
    members = members.sort_values(["label", "completeness", "start", "order"],
                                  ascending=[True, False, True, True], na_position="last")
    best = pairs.assign(_s=pairs["score"]).sort_values("_s", ascending=False)
    rank = members.groupby("label")["order"].transform("min")
    sizes = members.groupby("label")["initiative_id"].transform("size")
    members = members.assign(_size=sizes, _rank=rank).sort_values(
        ["_size", "_rank", "label"], ascending=[False, True, True], kind="stable")
    rows, cluster = [], first - 1
    for _, grp in members.groupby("label", sort=False):
        cluster += 1
        rep = grp["initiative_id"].iloc[0]
        for k, iid in enumerate(grp["initiative_id"]):
            if k == 0:
                reason = (f"representative: most complete record ({grp['completeness'].iloc[0]} "
                          "of 9 fields filled)")
            else:
                edge = best[(best["initiative_a"] == iid) | (best["initiative_b"] == iid)]
                direct = edge[(edge["initiative_a"] == rep) | (edge["initiative_b"] == rep)]
                e = (direct if len(direct) else edge).iloc[0]
                other = e["initiative_b"] if e["initiative_a"] == iid else e["initiative_a"]
                reason = (f"{kind.replace('_', ' ')} of {other} (score {e['score']:.2f}): "
                          f"{e['explanation']}")
            rows.append({"cluster": cluster, "kind": kind, "initiative_id": iid,
                         "title": ini.at[iid, "title"], "lead": lead.get(iid, pd.NA),
                         "representative": k == 0, "size": len(grp),
                         "completeness": int(grp["completeness"].iloc[k]), "reason": reason})
    return rows


def duplicate_clusters(reg: Registry, *, min_score: float = DUPLICATE_MIN_SCORE,
                       min_title: float = NEAR_DUPLICATE_TITLE,
                       min_text_copy: float = NEAR_DUPLICATE_TEXT,
                       weights: dict[str, float] | None = None,
                       min_text: float = DEFAULT_MIN_TEXT, dormant: str = "include",
                       today: DateLike = None,
                       candidates: OverlapCandidates | None = None) -> pd.DataFrame:
    """Clusters of duplicate initiatives, near-duplicate registrations apart from overlap.

    Parameters
    ----------
    reg : Registry
    min_score : float
        Combined overlap score for a substantive-overlap pair.
    min_title, min_text_copy : float
        Title similarity (0–100) or text cosine making two records of one lead
        a near-duplicate registration.
    weights, min_text
        Passed to :func:`ecosystem.measures.coordination.overlap.initiative_pairs`.
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
        One row per initiative per cluster: ``cluster`` (1, 2, … numbered
        across both kinds, largest first), ``kind`` (``near_duplicate_registration``
        or ``substantive_overlap``), ``initiative_id``, ``title``, ``lead``
        (name), ``representative`` (bool, one per cluster), ``size``,
        ``completeness`` (0–9 filled fields), ``reason`` (for the
        representative, why it was chosen; for the others, their strongest
        link in the cluster, preferably to the representative, in words).
        An initiative can sit in one cluster of each kind.
    """
    c = candidates if candidates is not None else overlap_candidates(
        reg, dormant=dormant, today=today)
    f = c.features
    cand = c.scored(weights, min(min_text, min_text_copy))
    near = _near_duplicates(reg, f, cand, min_title, min_text_copy, weights)
    over = describe_pairs(f, cand[(cand["score"] >= min_score)
                                  & (cand["text_cosine"] >= min_text)].reset_index(drop=True))
    key = lambda df: df["initiative_a"] + "\t" + df["initiative_b"]  # noqa: E731
    over = over[~key(over).isin(set(key(near)))]
    leads = _leads(reg.ties)
    same = [bool(leads.get(a, set()) & leads.get(b, set()))
            for a, b in zip(over["initiative_a"], over["initiative_b"])]
    over = over.assign(explanation=np.where(same, "same lead; ", "different leads; ")
                       + over["explanation"].astype(str))
    comp = completeness(reg)
    rows = _clusters(near, KINDS[0], reg, comp, 1)
    rows += _clusters(over, KINDS[1], reg, comp, 1 + (rows[-1]["cluster"] if rows else 0))
    out = pd.DataFrame(rows, columns=CLUSTER_COLUMNS)
    for c in ("kind", "initiative_id", "title", "lead", "reason"):
        out[c] = out[c].astype("string")
    out["representative"] = out["representative"].astype(bool)
    return out.astype({"cluster": "int64", "size": "int64", "completeness": "int64"})
