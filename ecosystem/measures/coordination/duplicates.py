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

**Grant registries** (360Giving, ``grant``) record awards: a funder's grants with
alike titles ("Towards core costs" to eight charities, three instalments to one)
are other awards. There a duplicate is one award published twice: near-identical
records whose flows name the same funders, recipients, amounts and award dates
(:func:`ecosystem.measures.coordination.grant_awards.award_keys`).

A drawn network (``link``) records links, not initiatives: it has no duplicates
(:data:`NO_RECORDS_TO_DUPLICATE`).

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

from ecosystem.dormancy import REAL_DATE_FROM, DateLike
from ecosystem.errors import AnalysisError
from ecosystem.kinds import registry_kind
from ecosystem.measures.coordination.cells import Cells
from ecosystem.measures.coordination.duplicate_links import CLUSTER_COLUMNS, Links, cluster_rows
from ecosystem.measures.coordination.duplicate_pairs import near_pair_index
from ecosystem.measures.coordination.grant_awards import award_keys
from ecosystem.measures.coordination.lead_relations import (
    OrganisationMatcher,
    pair_relations,
    principal_actors,
)
from ecosystem.measures.coordination.overlap import (
    DEFAULT_MIN_TEXT,
    OverlapCandidates,
    describe_pairs,
    overlap_candidates,
)
from ecosystem.measures.coordination.presence_cells import initiative_cells, pairs_in_one_cell
from ecosystem.model import Registry

__all__ = [
    "CLUSTER_COLUMNS", "DUPLICATE_MIN_SCORE", "KINDS", "KIND_LABELS", "NEAR_DUPLICATE_TEXT",
    "NEAR_DUPLICATE_TITLE", "NO_RECORDS_TO_DUPLICATE", "completeness", "duplicate_clusters",
    "near_duplicate_pairs",
]

#: Title similarity (rapidfuzz token-sort ratio, 0–100) for a near-identical record.
NEAR_DUPLICATE_TITLE = 90

#: Text cosine above which two records of one organisation are copies whatever their titles.
NEAR_DUPLICATE_TEXT = 0.9

#: Combined score for a substantive-overlap duplicate.
DUPLICATE_MIN_SCORE = 0.8

#: Cluster kinds, in the order the report counts them.
KINDS = ("same_lead", "same_organisation", "different_organisations", "reported_twice")

#: Why a drawn network (kind ``link``, :data:`ecosystem.kinds.KINDS`) has no duplicates.
NO_RECORDS_TO_DUPLICATE = ("a drawn network records links between organisations, not "
                           "initiatives: no record is registered twice (two links between one "
                           "pair make one tie of weight 2)")

#: Each cluster kind in words.
KIND_LABELS = {
    "same_lead": "same lead re-registration",
    "same_organisation": "same organisation under two names",
    "different_organisations": "different organisations doing the same thing",
    "reported_twice": "same organisation reported twice for one cell and activity",
}


def _with_relations(pairs: pd.DataFrame, principals: dict, matcher: OrganisationMatcher,
                    names: dict, word: str = "lead") -> pd.DataFrame:
    """``pairs`` with ``relation`` (same, organisation, different), ``lead`` and the
    relation in words in front of ``explanation``."""
    rel = pair_relations(pairs["initiative_a"], pairs["initiative_b"], principals, matcher,
                         names, word)
    first = [sorted(principals.get(a, ())) for a in pairs["initiative_a"]]
    out = pairs.assign(relation=[r for r, _ in rel])
    out["lead"] = pd.array([names.get(x[0], x[0]) if x else pd.NA for x in first],
                           dtype="string")
    out["explanation"] = pd.array([w + "; " + str(e) for (_, w), e in
                                   zip(rel, out["explanation"])], dtype="string")
    return out


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
    principals, matcher = principal_actors(reg), OrganisationMatcher(reg.actors)
    near = near_pair_index(c.features, c.scored(weights, min_text_copy), principals, matcher,
                           min_title, min_text_copy, weights)
    return _with_relations(describe_pairs(c.features, near.drop(columns="relation")),
                           principals, matcher, _actor_names(reg)).reset_index(drop=True)


def _actor_names(reg: Registry) -> dict:
    return reg.actors.set_index("actor_id")["name"].to_dict()


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


def _ranked(f, pairs: pd.DataFrame) -> np.ndarray:
    """Row order of ``pairs`` best score first, ties by the two initiatives' ids (the order
    of :func:`describe_pairs`)."""
    i, j = pairs["i"].to_numpy(dtype=np.int64), pairs["j"].to_numpy(dtype=np.int64)
    return np.lexsort((f.id_rank[j], f.id_rank[i], -pairs["score"].to_numpy(dtype=float)))


def _among(codes: np.ndarray, pool: np.ndarray) -> np.ndarray:
    """Whether each code is in ``pool`` (by one sort of the pool)."""
    pool = np.sort(pool)
    if len(pool) == 0:
        return np.zeros(len(codes), dtype=bool)
    return pool[np.minimum(np.searchsorted(pool, codes), len(pool) - 1)] == codes


def _links(pairs: pd.DataFrame, rows: np.ndarray, word: str,
           prefix: np.ndarray | None = None) -> Links:
    """:class:`Links` of ``pairs`` rows ``rows`` (in that order)."""
    n = len(rows)
    return Links(pairs["i"].to_numpy(dtype=np.int64)[rows],
                 pairs["j"].to_numpy(dtype=np.int64)[rows],
                 pairs["score"].to_numpy(dtype=float)[rows], np.full(n, word, dtype=object),
                 np.full(n, "", dtype=object) if prefix is None else prefix)


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

    Raises
    ------
    AnalysisError
        For a drawn network (:data:`NO_RECORDS_TO_DUPLICATE`).
    """
    kind = registry_kind(reg)
    if kind == "link":
        raise AnalysisError(NO_RECORDS_TO_DUPLICATE)
    c = candidates if candidates is not None else overlap_candidates(
        reg, dormant=dormant, today=today)
    f = c.features
    cand = c.scored(weights, min(min_text, min_text_copy))
    principals = principal_actors(reg)
    matcher = OrganisationMatcher(reg.actors)
    presence = kind == "presence"
    near = near_pair_index(f, cand, principals, matcher, min_title, min_text_copy, weights)
    rows = _ranked(f, near)
    if kind == "grant":  # one award published twice; alike titles are other awards
        key = award_keys(reg, f.ids)
        i, j = near["i"].to_numpy(dtype=np.int64)[rows], near["j"].to_numpy(dtype=np.int64)[rows]
        rows = rows[np.array([a is not None and a == b for a, b in zip(key[i], key[j])],
                             dtype=bool)]
        links = _links(near, rows, "lead")
    elif presence:
        # one activity: dates that do not meet (both known) make two periods' reports
        rows = rows[~(near["time_overlap"].to_numpy()[rows] == 0)]
        i, j = near["i"].to_numpy(dtype=np.int64)[rows], near["j"].to_numpy(dtype=np.int64)[rows]
        kept = pd.DataFrame({"initiative_a": f.ids[i], "initiative_b": f.ids[j],
                             "explanation": "", "row": np.arange(len(i))})
        where = initiative_cells(reg, cells)
        if len(kept):  # the cell words become the front of the explanation
            kept = pairs_in_one_cell(kept, where)
        links = _links(near, rows[kept["row"].to_numpy(dtype=np.int64)], "organisation",
                       kept["explanation"].to_numpy(dtype=object))
    else:
        n = max(len(f), 1)
        over = cand[((cand["score"] >= min_score) & (cand["text_cosine"] >= min_text)).to_numpy()]
        over = over[~_among(over["i"].to_numpy() * n + over["j"].to_numpy(),
                            near["i"].to_numpy() * n + near["j"].to_numpy())]
        a, b = _links(near, rows, "lead"), _links(over, _ranked(f, over), "lead")
        both = Links(*(np.concatenate([x, y]) for x, y in
                       zip((a.i, a.j, a.score, a.word, a.prefix),
                           (b.i, b.j, b.score, b.word, b.prefix))))
        order = np.argsort(-both.score, kind="stable")
        links = Links(both.i[order], both.j[order], both.score[order], both.word[order],
                      both.prefix[order])
    out = cluster_rows(f, links, reg, completeness(reg), principals, matcher, presence)
    for col in ("kind", "initiative_id", "title", "lead", "reason"):
        out[col] = out[col].astype("string")
    out["representative"] = out["representative"].astype(bool)
    return out.astype({"cluster": "int64", "size": "int64", "completeness": "int64"})
