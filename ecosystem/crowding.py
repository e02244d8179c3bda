"""Crowding: many initiatives on one target in one place, run by actors who do not work together.

The "alphabet soup" of a crowded field: a cell — an SDG target (goal, or
sector such as a humanitarian cluster) in a place, as in
:mod:`ecosystem.coverage` — holding many initiatives whose actors have no ties
to one another. For each cell:

initiatives, actors
    Distinct initiatives in the cell and distinct actors tied to them.
actor_pairs
    Pairs of the cell's actors that do **not** take part in a common initiative
    *of the cell*. Actors of the same initiative are connected by construction;
    counting them would make any cell with one large consortium look
    well-knit. These cross-initiative pairs are the ones coordination depends on.
connected_pairs
    Those of ``actor_pairs`` that are co-members of some initiative elsewhere in
    the registry (any place, any target, dormant records included: people who
    worked together once know each other) — the co-membership ties the cell can
    draw on, as in :func:`ecosystem.gaps.fragmented_cells`.
density
    ``connected_pairs / actor_pairs``: the density of co-membership ties among
    the cell's actors across its initiatives (Wasserman & Faust 1994, §4.2),
    NaN when there is no cross-initiative pair (one initiative, or all actors
    in one initiative).
linked_initiatives
    Initiatives of the cell linked to at least one other initiative of the
    cell: they share an actor, or an actor of each has worked with the other
    elsewhere (the link of :func:`ecosystem.gaps.fragmented_cells`).
crowding
    The cell's initiatives divided by the median number of initiatives in the
    non-empty cells of the same place kind and level: 3.0 means three times the
    typical cell.
flag
    Crowded and loosely connected: ``crowding ≥ min_crowding`` (default 2), at
    least ``min_initiatives`` initiatives (default 3), and fewer than
    ``max_linked_share`` (default half) of its initiatives linked to another.

Why the flag does not use the density: each actor works with a bounded number
of others, so pair density falls roughly as 1/size whatever the coordination.
On the Ocean registry (target × country) the median density is 0.0097 in cells
of 6–10 initiatives and 0.0096 in cells of 31–100, but 0.0033 in the basin
cells of 100–335 initiatives; any fixed density threshold flags cells by size.
The share of linked initiatives stays between 0.57 and 0.73 (medians) from
cells of 3 initiatives to cells of 335.

References
----------
Wasserman, S. & Faust, K. (1994). *Social Network Analysis: Methods and
Applications*. Cambridge University Press (density, §4.2).

Examples
--------
>>> crowding(reg, place_kind="ocean_basin").query("flag").head()   # doctest: +SKIP
>>> crowding(rowca, place_kind="admin1", level="sector")          # doctest: +SKIP
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .coverage import (LEVELS, cell_key, cell_memberships, cell_subject, place_names,
                       sort_cells, with_sdg_columns)
from .errors import AnalysisError
from .graphs import filter_registry, incidence_matrix, require_initiatives
from .model import PLACE_KINDS, Registry

#: Default thresholds of the flag.
MIN_CROWDING = 2.0
MIN_INITIATIVES = 3
MAX_LINKED_SHARE = 0.5

CROWDING_COLUMNS = ["goal", "target", "place", "place_kind", "place_name", "initiatives",
                    "actors", "actor_pairs", "connected_pairs", "density", "linked_initiatives",
                    "crowding", "flag", "explanation"]


def _pairs(m: sp.csr_matrix) -> int:
    """Number of unordered pairs (u ≠ v) with a non-zero in the symmetric matrix ``m``."""
    m = sp.triu(m, k=1)
    return int(m.count_nonzero())


def crowding(reg: Registry, *, place_kind: str = "country", level: str = "target",
             dormant: str = "include", today=None, min_crowding: float = MIN_CROWDING,
             min_initiatives: int = MIN_INITIATIVES,
             max_linked_share: float = MAX_LINKED_SHARE,
             vocabulary: str | None = None) -> pd.DataFrame:
    """Crowding index per target (goal, sector) × place cell.

    Parameters
    ----------
    reg : Registry
    place_kind : str
        One of :data:`ecosystem.model.PLACE_KINDS` (``"country"``,
        ``"ocean_basin"``, ``"admin1"``, ...).
    level : {"target", "goal", "sector"}
    dormant : {"include", "exclude", "only"}
        Which initiatives count in the cells (ties elsewhere always count).
    today : date-like, optional
        Reference date for dormancy.
    min_crowding, min_initiatives, max_linked_share
        Thresholds of ``flag`` (see the module docstring).
    vocabulary : str, optional
        Theme vocabulary of the sectors at sector level (see
        :func:`ecosystem.coverage.sector_vocabulary`).

    Returns
    -------
    DataFrame
        One row per non-empty cell, columns :data:`CROWDING_COLUMNS`: ``goal``,
        ``target`` (NA at goal and sector level), ``place``, ``place_kind``,
        ``place_name``, ``initiatives``, ``actors``, ``actor_pairs``,
        ``connected_pairs``, ``density``, ``linked_initiatives``, ``crowding``,
        ``flag``, ``explanation``; at sector level a ``sector`` column follows
        ``target`` (goal and target NA). Sorted by goal and target, or sector
        name, most initiatives first.

    Raises
    ------
    AnalysisError
        Empty registry, unknown ``place_kind`` or ``level``, no place of that
        kind, no sector vocabulary (sector level), or a ``dormant`` choice that
        leaves nothing.
    """
    if level not in LEVELS:
        raise AnalysisError(f"crowding: unknown level {level!r}; use one of {LEVELS}")
    if place_kind not in PLACE_KINDS:
        raise AnalysisError(f"crowding: unknown place_kind {place_kind!r}; use one of "
                            f"{PLACE_KINDS}")
    require_initiatives(reg, "crowding")
    present = sorted(reg.initiative_places["kind"].dropna().unique().tolist())
    if place_kind not in present:
        raise AnalysisError(f"crowding: the registry has no places of kind {place_kind!r}; "
                            f"kinds present: {', '.join(present) or 'none'}")
    B, _, init_ids = incidence_matrix(reg)  # actors × initiatives, whole registry
    G = (B @ B.T).tocsr()  # co-membership anywhere in the registry
    col = pd.Series(np.arange(len(init_ids)), index=init_ids)
    Bc = B.tocsc()
    cells = cell_memberships(filter_registry(reg, dormant=dormant, today=today),
                             place_kind=place_kind, level=level, vocabulary=vocabulary)
    if cells.empty:
        raise AnalysisError(f"crowding: no initiative has both a {level} and a place of kind "
                            f"{place_kind!r}")
    key = cell_key(level)
    rows = []
    for k, grp in cells.groupby(key, sort=False)["initiative_id"]:
        cols = col[grp.unique()].to_numpy()
        sub = Bc[:, cols]
        members = np.unique(sub.indices)
        n = len(members)
        if len(cols) < 2 or n < 2:
            # one actor (a 3W cell of one organisation) links the initiatives it is in
            shared = int((np.diff(sub.indptr) > 0).sum()) if n == 1 else 0
            rows.append((*k, len(cols), n, 0, 0, shared if shared >= 2 else 0))
            continue
        local = sub[members]
        within = _pairs(local @ local.T)  # share an initiative of the cell
        knows = G[members][:, members]  # co-members anywhere (diagonal: themselves)
        linked = (local.T @ knows @ local).tocoo()  # cell initiative × cell initiative
        n_linked = len(np.unique(linked.row[linked.row != linked.col]))
        anywhere = _pairs(knows)
        rows.append((*k, len(cols), n, n * (n - 1) // 2 - within, anywhere - within, n_linked))
    out = pd.DataFrame(rows, columns=key + ["initiatives", "actors", "actor_pairs",
                                            "connected_pairs", "linked_initiatives"])
    if level == "goal":
        out.insert(1, "target", pd.Series(pd.NA, index=out.index, dtype="string"))
    with_sdg_columns(out, level)
    out = out.astype({"goal": "Int64", "target": "string", "place": "string",
                      "initiatives": "int64", "actors": "int64", "actor_pairs": "int64",
                      "connected_pairs": "int64", "linked_initiatives": "int64"})
    at = out.columns.get_loc("place") + 1
    out.insert(at, "place_kind", pd.Series(place_kind, index=out.index, dtype="string"))
    out.insert(at + 1, "place_name", pd.array(
        place_names(reg, place_kind).reindex(out["place"]).to_numpy(), dtype="string"))
    with np.errstate(invalid="ignore", divide="ignore"):
        out["density"] = np.where(out["actor_pairs"] > 0,
                                  out["connected_pairs"] / out["actor_pairs"].clip(lower=1),
                                  np.nan)
    out["crowding"] = out["initiatives"] / float(out["initiatives"].median())
    out["flag"] = ((out["crowding"] >= min_crowding) & (out["initiatives"] >= min_initiatives)
                   & (out["linked_initiatives"] < max_linked_share * out["initiatives"]))
    out["explanation"] = _explain(out, level)
    columns = CROWDING_COLUMNS
    if level == "sector":
        columns = columns[:2] + ["sector"] + columns[2:]
    return sort_cells(out)[columns]


def _explain(out: pd.DataFrame, level: str) -> pd.Series:
    texts = []
    for what, r in zip(cell_subject(out, level), out.itertuples(index=False)):
        where = r.place_name if isinstance(r.place_name, str) else r.place
        head = (f"{r.initiatives} initiative{'s' if r.initiatives != 1 else ''} on {what} in "
                f"{where} ({r.crowding:.1f}× the median cell) with {r.actors} actors")
        tail = ""
        if r.initiatives > 1:
            tail = (f"; {r.linked_initiatives} of {r.initiatives} initiatives linked to another "
                    "by a shared actor or actors who worked together")
        if r.actor_pairs:
            tail += (f"; {r.connected_pairs:,} of {r.actor_pairs:,} actor pairs across "
                     f"initiatives ({r.density:.1%}) have worked together")
        flag = "; crowded and loosely connected" if r.flag else ""
        texts.append(head + tail + flag)
    return pd.Series(texts, index=out.index, dtype="string")
