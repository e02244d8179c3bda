"""Coordination gaps: fragmented cells, uncovered targets, missing bridges and stakeholders.

Each function answers one question a coordination unit asks and returns a tidy
DataFrame with an ``explanation`` column saying in words why the row is there.
This module holds the gaps between initiatives and communities; the other gap
questions have modules of their own, all listed by
:mod:`ecosystem.measures.coordination`:

==============================  ===============================================
:func:`fragmented_cells`        several initiatives in a cell, no link between them
:func:`missing_bridges`         communities on the same target with no bridge
:func:`dormancy_summary`        share of dormant records by reason
                                (definition in :mod:`ecosystem.dormancy`)
``coverage``, ``uncovered``,    initiatives per cell, empty cells, high need with
``need_gaps``,                  low coverage, stakeholder types absent from a
``missing_stakeholders``        community or cell: :mod:`.coverage`,
                                :mod:`.uncovered`, :mod:`.need`, :mod:`.stakeholders`
==============================  ===============================================

Every function takes ``dormant="include"|"exclude"``: with ``"exclude"`` only
active initiatives are counted (see :func:`ecosystem.filters.filter_registry`).

Cells can be SDG targets, goals or sectors (``level="sector"``: themes such as
humanitarian clusters or DAC sectors, for 3W sheets and IATI files; see
:mod:`ecosystem.measures.coordination.coverage`).

A missing bridge is a structural hole between two communities (Burt 1992):
nobody is placed to carry information from one to the other.

References
----------
Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition.*
Harvard University Press.

Examples
--------
Five initiatives on target 14.1 in Fiji, one actor each (``a`` to ``e``);
``a`` and ``b`` also run ``i6`` together (14.2 in Kenya), and ``f`` runs ``i7``
(14.1 in Kenya).

>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> ids = ["i1", "i2", "i3", "i4", "i5", "i6", "i7"]
>>> reg = Registry.from_frames(
...     actors=pd.DataFrame({"actor_id": list("abcdef"), "name": list("ABCDEF"),
...                          "actor_type": "ngo"}),
...     initiatives=pd.DataFrame({"initiative_id": ids, "registry": "r", "record_id": ids,
...                               "kind": "partnership"}),
...     ties=pd.DataFrame({"initiative_id": ids[:5] + ["i6", "i6", "i7"],
...                        "actor_id": list("abcde") + ["a", "b", "f"], "role": "lead",
...                        "registry": "r", "record_id": "x"}),
...     initiative_targets=pd.DataFrame({"initiative_id": ids, "goal": 14,
...                                      "target": ["14.1"] * 5 + ["14.2", "14.1"]}),
...     initiative_places=pd.DataFrame({"initiative_id": ids, "kind": "country",
...                                     "place": ["FJI"] * 5 + ["KEN"] * 2}))

``i1`` and ``i2`` are linked (their actors worked together in ``i6``), so the
Fiji cell is not fragmented in the strict sense, but its initiatives fall into
four unlinked groups: {i1, i2}, {i3}, {i4}, {i5}.

>>> len(fragmented_cells(reg))
0
>>> f = fragmented_cells(reg, strict=False)
>>> print(f.loc[0, "explanation"])  # doctest: +NORMALIZE_WHITESPACE
5 initiatives work on target 14.1 in Fiji with 5 actors, but they fall into 4 groups
with no link between groups (1 linked pair of initiatives, each inside a group)

With communities {a, b}, {c, d} and {f}, the first two each have two
initiatives on 14.1 and no actor of one has worked with an actor of the other:

>>> membership = pd.DataFrame({"actor_id": list("abcdf"), "community": [1, 1, 2, 2, 3]})
>>> b = missing_bridges(reg, membership)
>>> print(b[["target", "community_a", "community_b", "initiatives_a",
...          "initiatives_b"]].to_string(index=False))
target  community_a  community_b  initiatives_a  initiatives_b
  14.1            1            2              2              2
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecosystem.dormancy import AsOf, DateLike, dormant_initiatives
from ecosystem.errors import AnalysisError
from ecosystem.filters import filter_registry
from ecosystem.graphs import incidence_matrix
from ecosystem.measures.coordination.cell_links import cell_link_counts, unlinked_cells
from ecosystem.measures.coordination.cells import (
    Cells,
    cell_index,
    cell_subject,
    sort_cells,
    with_sdg_columns,
)
from ecosystem.measures.coordination.stakeholders import check_membership
from ecosystem.model import Registry, require_initiatives
from ecosystem.reference.sdg import target_rank

__all__ = ["dormancy_summary", "fragmented_cells", "missing_bridges"]


def fragmented_cells(reg: Registry, *, place_kind: str = "country", level: str = "target",
                     min_initiatives: int = 2, strict: bool = True,
                     dormant: str = "include", vocabulary: str | None = None,
                     cells: Cells | None = None) -> pd.DataFrame:
    """Cells where several initiatives work side by side with no link between them.

    Two initiatives of a cell are *linked* when they share an actor, or when an
    actor of one and an actor of the other take part together in any initiative
    of the registry (a co-membership tie, dormant records included: people who
    worked together once know each other). A cell is **fragmented** when it has
    at least ``min_initiatives`` initiatives and no two of them are linked
    (``strict=True``), or when its initiatives fall into two or more unlinked
    groups (``strict=False``). Initiatives without any actor count as unlinked.

    On a 3W sheet an initiative is one organisation's activity, so two
    activities of the same organisation are always linked: use
    ``strict=False`` there, which finds cells where several organisations
    (groups) work side by side without a joint activity.

    All cells are assessed at once, without a loop over pairs of initiatives
    (:mod:`ecosystem.measures.coordination.cell_links`): the strict test looks for
    ties only in cells where no actor is in two initiatives.

    Parameters
    ----------
    reg : Registry
    place_kind, level, vocabulary : str
        As in :func:`ecosystem.measures.coordination.coverage.coverage`
        (``level`` target, goal or sector).
    min_initiatives : int
        Smallest number of initiatives for a cell to be considered (default 2).
    strict : bool
        Require every pair to be unlinked (default) or only two or more groups.
    dormant : {"include", "exclude"}
        Which initiatives count in the cells.
    cells : Cells, optional
        The registry's cells from :func:`~ecosystem.measures.coordination.cells.cell_index`,
        computed once and shared; ``place_kind``, ``level``, ``vocabulary`` and
        ``dormant`` are then taken from it.

    Returns
    -------
    DataFrame
        ``goal``, ``target`` (target level; null at sector level), ``sector``
        (sector level), ``place``, ``place_kind``,
        ``place_name``, ``initiatives``, ``actors``, ``linked_pairs`` (pairs of
        initiatives that are linked), ``groups`` (connected groups of linked
        initiatives), ``initiative_ids`` (``|``-joined), ``explanation``.
    """
    c = cells if cells is not None else cell_index(
        reg, place_kind=place_kind, level=level, vocabulary=vocabulary, dormant=dormant,
        what="fragmented_cells")
    place_kind, level, key = c.place_kind, c.level, c.key
    if min_initiatives < 2:
        raise AnalysisError("fragmented_cells: min_initiatives must be at least 2")
    members = c.memberships
    size = members.groupby(key)["initiative_id"].transform("size")
    members = members[size >= min_initiatives].reset_index(drop=True)
    B, _, init_ids = c.incidence
    groups = members.groupby(key, sort=False)
    cell = groups.ngroup().to_numpy()
    n_init = groups.size().to_numpy()
    col = pd.Index(init_ids).get_indexer(members["initiative_id"].to_numpy(dtype=object))
    if strict:  # no linked pair at all: as many groups as initiatives
        keep, actors = unlinked_cells(B.tocsr(), cell, col, groups.ngroups)
        counts = np.c_[n_init, actors, n_init, np.zeros_like(n_init)]
    else:
        counts = cell_link_counts(B.tocsr(), cell, col, groups.ngroups, pairs_min_groups=2)
        keep = counts[:, 2] >= 2
    ids = members["initiative_id"].to_numpy(dtype=object)
    rows = []
    for k, pos in groups.indices.items():
        g = cell[pos[0]]
        if keep[g]:
            rows.append((*(k if isinstance(k, tuple) else (k,)), n_init[g], counts[g, 1],
                         max(counts[g, 3], 0), counts[g, 2], "|".join(sorted(ids[pos]))))
    cols = key + ["initiatives", "actors", "linked_pairs", "groups", "initiative_ids"]
    out = pd.DataFrame(rows, columns=cols)
    out = out.astype({"initiatives": "int64", "actors": "int64", "linked_pairs": "int64",
                      "groups": "int64", "place": "string", "initiative_ids": "string"})
    out.insert(len(key), "place_kind", pd.Series(place_kind, index=out.index, dtype="string"))
    out.insert(len(key) + 1, "place_name", c.place_names.reindex(out["place"]).to_numpy())
    with_sdg_columns(out, level)
    out["goal"] = out["goal"].astype("Int64")
    if level == "sector":
        out["sector"] = out["sector"].astype("string")
    what = cell_subject(out, level)
    link = np.where(out["linked_pairs"] == 0,
                    "no two share an actor or have actors who ever worked together",
                    "they fall into " + out["groups"].astype(str) + " groups with no link "
                    "between groups (" + out["linked_pairs"].astype(str) + " linked pair"
                    + np.where(out["linked_pairs"] == 1, "", "s") + " of initiatives, each "
                    "inside a group)")
    out["explanation"] = pd.array(
        out["initiatives"].astype(str) + " initiatives work on " + what + " in "
        + out["place_name"].fillna(out["place"]).astype(str) + " with "
        + out["actors"].astype(str) + " actors, but " + link, dtype="string")
    return sort_cells(out)


def missing_bridges(reg: Registry, membership: pd.DataFrame | None = None, *,
                    min_initiatives: int = 2, dormant: str = "include",
                    incidence: tuple | None = None) -> pd.DataFrame:
    """Pairs of communities that work on the same target with no bridge between them.

    A community *works on* a target when its actors take part in initiatives
    recording that target. Two communities are *bridged* when an actor belongs
    to both (overlapping memberships) or when an actor of one and an actor of
    the other take part together in any initiative of the registry. A missing
    bridge is a pair of unbridged communities that each have at least
    ``min_initiatives`` initiatives on the same target.

    Parameters
    ----------
    reg : Registry
    membership : DataFrame, optional
        ``actor_id, community`` (an actor may be in several communities).
        Defaults to :func:`ecosystem.measures.network.communities.communities` on ``reg``.
    min_initiatives : int
        Initiatives each community must have on the target (default 2).
    dormant : {"include", "exclude"}
        Which initiatives count as work on a target (bridges use every record).
    incidence : tuple, optional
        ``(B, actor_ids, initiative_ids)`` of ``reg`` from
        :func:`ecosystem.graphs.incidence_matrix`, when already computed
        (:attr:`ecosystem.measures.coordination.cells.Cells.incidence`).

    Returns
    -------
    DataFrame
        ``goal``, ``target``, ``community_a``, ``community_b``,
        ``initiatives_a``, ``initiatives_b``, ``actors_a``, ``actors_b`` (the
        community's initiatives on the target and its actors taking part in
        them), ``explanation``. Largest pairs (by the smaller community's
        initiatives) first.
    """
    require_initiatives(reg, "missing_bridges")
    m = check_membership(reg, membership)
    B, actor_ids, _ = incidence if incidence is not None else incidence_matrix(reg)
    comms = pd.Index(sorted(m["community"].unique()))
    M = sp.csr_matrix((np.ones(len(m)), (pd.Index(actor_ids).get_indexer(m["actor_id"]),
                                         comms.get_indexer(m["community"]))),
                      shape=(len(actor_ids), len(comms)))
    CB = (M.T @ B).tocsr()
    bridged = ((CB @ CB.T) + (M.T @ M)).tocsr()
    active = filter_registry(reg, dormant=dormant)
    work = (active.ties[["initiative_id", "actor_id"]].drop_duplicates()
            .merge(active.initiative_targets[["initiative_id", "goal", "target"]],
                   on="initiative_id")
            .merge(m, on="actor_id"))
    per = (work.groupby(["goal", "target", "community"])
           .agg(initiatives=("initiative_id", "nunique"), actors=("actor_id", "nunique"))
           .reset_index())
    per = per[per["initiatives"] >= min_initiatives]
    pairs = per.merge(per, on=["goal", "target"], suffixes=("_a", "_b"))
    pairs = pairs[pairs["community_a"] < pairs["community_b"]]
    ia = comms.get_indexer(pairs["community_a"])
    ib = comms.get_indexer(pairs["community_b"])
    linked = np.asarray(bridged[ia, ib]).ravel() > 0 if len(pairs) else np.array([], bool)
    out = pairs[~linked].copy()
    cols = ["goal", "target", "community_a", "community_b", "initiatives_a", "initiatives_b",
            "actors_a", "actors_b"]
    out = out[cols].astype({c: "int64" for c in cols[4:]})
    out["explanation"] = pd.array(
        "communities " + out["community_a"].astype(str) + " (" + out["initiatives_a"].astype(str)
        + " initiatives, " + out["actors_a"].astype(str) + " actors) and "
        + out["community_b"].astype(str) + " (" + out["initiatives_b"].astype(str)
        + " initiatives, " + out["actors_b"].astype(str) + " actors) both work on target "
        + out["target"].astype(str) + ", but no actor belongs to both and no actor of one "
        "has ever worked with an actor of the other", dtype="string")
    smaller = np.minimum(out["initiatives_a"], out["initiatives_b"])
    out = out.assign(_m=smaller, _t=target_rank(out["target"]).to_numpy())
    out = out.sort_values(["_m", "_t", "community_a", "community_b"],
                          ascending=[False, True, True, True], kind="stable")
    return out.drop(columns=["_m", "_t"]).reset_index(drop=True)


def dormancy_summary(reg: Registry, today: DateLike | AsOf = None, *,
                     rule: str = "combined") -> pd.DataFrame:
    """Share of dormant records, overall and by reason, as of the data's date.

    Uses :func:`ecosystem.dormancy.dormant_initiatives` (its module docstring
    gives each registry kind's rule and the as-of date).

    Parameters
    ----------
    reg : Registry
    today : DateLike or AsOf, optional
        The as-of date (default :func:`ecosystem.dormancy.as_of_date` of ``reg``:
        the data's own date, never the wall clock).
    rule : {"combined", "any"}
        How the partnership clauses combine (:mod:`ecosystem.dormancy`).

    Returns
    -------
    DataFrame
        ``status`` ("dormant", "active" or "not assessed"), ``reason`` (the
        clause that made the record dormant, or why it was not assessed; "all"
        on the dormant and active totals), ``initiatives``, ``share`` (of all
        initiatives), ``explanation``. Totals come first, then a "not assessed"
        row per reason, then the dormant rows per clause met by some record.

    Examples
    --------
    Two records, one with nothing dated, one that ended in 2018 with no
    deliverable: both dormant, each for its own reason.

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> reg = Registry.from_frames(
    ...     actors=pd.DataFrame({"actor_id": ["a"], "name": ["A"], "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2"], "registry": "r",
    ...                               "record_id": ["1", "2"], "kind": "partnership",
    ...                               "start": [None, "2015-01-01"],
    ...                               "end": [None, "2018-06-30"]}),
    ...     ties=pd.DataFrame({"initiative_id": ["i1", "i2"], "actor_id": "a",
    ...                        "role": "lead", "registry": "r", "record_id": ["1", "2"]}))
    >>> d = dormancy_summary(reg, today="2026-03-26")
    >>> print(d[["status", "reason", "initiatives", "share"]].to_string(index=False))
     status                                     reason  initiatives  share
    dormant                                        all            2    1.0
     active                                        all            0    0.0
    dormant     no real dates and no dated deliverable            1    0.5
    dormant completion date passed with no deliverable            1    0.5

    A registry with no date at all is not assessed (never 100% dormant):

    >>> undated = Registry.from_frames(actors=reg.actors, ties=reg.ties,
    ...     initiatives=reg.initiatives.assign(start=None, end=None))
    >>> print(dormancy_summary(undated).loc[2, "explanation"])
    2 of 2 initiatives (100.0%) are not assessed: no dates: dormancy not assessed
    """
    require_initiatives(reg, "dormancy_summary")
    d = dormant_initiatives(reg, today, rule=rule)
    n = len(d)
    rows = []
    for status, mask in (("dormant", d["dormant"]), ("active", d["assessed"] & ~d["dormant"])):
        k = int(mask.sum())
        rows.append((status, "all", k, k / n,
                     f"{k:,} of {n:,} initiatives ({k / n:.1%}) are {status}"))
    for reason, k in d.loc[~d["assessed"], "reason"].value_counts(sort=False).items():
        rows.append(("not assessed", reason, int(k), k / n,
                     f"{k:,} of {n:,} initiatives ({k / n:.1%}) are not assessed: {reason}"))
    clauses = {
        "no real dates and no dated deliverable":
            d["dormant"] & d["no_real_dates"] & d["no_dated_deliverable"],
        "completion date passed with no deliverable": d["dormant"] & d["ended_without_deliverable"],
    }
    if rule == "any":
        clauses = {"no real start or end date": d["dormant"] & d["no_real_dates"],
                   "no deliverable with a real date": d["dormant"] & d["no_dated_deliverable"],
                   **{k: v for k, v in clauses.items() if k.startswith("completion")}}
    clauses["activity suspended"] = d["dormant"] & d["reason"].str.startswith("activity status")
    clauses["activity with no transaction or start in two years"] = \
        d["dormant"] & d["reason"].str.contains("no transaction and no start", regex=False)
    for reason, mask in clauses.items():
        if k := int(mask.sum()):
            rows.append(("dormant", reason, k, k / n,
                         f"{k:,} of {n:,} initiatives ({k / n:.1%}) are dormant because: {reason}"
                         + (" (a record can meet several clauses)" if rule == "any" else "")))
    out = pd.DataFrame(rows, columns=["status", "reason", "initiatives", "share", "explanation"])
    return out.astype({"status": "string", "reason": "string", "initiatives": "int64",
                       "share": "float64", "explanation": "string"})
