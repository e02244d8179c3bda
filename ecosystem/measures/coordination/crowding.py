"""Crowding: many initiatives on one target in one place, run by actors who do not work together.

The "alphabet soup" of a crowded field: a cell — an SDG target (goal, or
sector such as a humanitarian cluster) in a place, as in
:mod:`ecosystem.measures.coordination.coverage` — holding many initiatives
whose actors have no ties to one another. For each cell:

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
    draw on, as in :func:`ecosystem.measures.coordination.gaps.fragmented_cells`.
density
    ``connected_pairs / actor_pairs``: the density of co-membership ties among
    the cell's actors across its initiatives (Wasserman & Faust 1994, §4.2),
    NaN when there is no cross-initiative pair (one initiative, or all actors
    in one initiative).
linked_initiatives
    Initiatives of the cell linked to at least one other initiative of the
    cell: they share an actor, or an actor of each has worked with the other
    elsewhere (the link of :func:`ecosystem.measures.coordination.gaps.fragmented_cells`).
crowding
    The cell's initiatives divided by the median number of initiatives in the
    non-empty cells of the same place kind and level: 3.0 means three times the
    typical cell.
flag
    Crowded and loosely connected: ``crowding ≥ min_crowding`` (default 2), at
    least ``min_initiatives`` initiatives (default 3), and fewer than
    ``max_linked_share`` (default half) of its initiatives linked to another.

In formulas, for a cell *C* with initiatives *I_C* and actors *A_C*::

    actor_pairs     = |{ {u, v} ⊆ A_C : no initiative of I_C has both u and v }|
    connected_pairs = |{ those pairs whose actors share an initiative anywhere }|
    density         = connected_pairs / actor_pairs
    crowding        = |I_C| / median over non-empty cells C' of |I_C'|

Co-presence registries
----------------------
A 3W sheet (who does what where) records only which organisation is present
in which cell: there are no ties beyond co-presence, and co-presence ties every
organisation in a cell to every other. With ``connectivity=False`` (what the
report passes for a co-presence registry) ``connected_pairs``, ``density``,
``linked_initiatives`` and ``flag`` are left NA and the explanation says why
(:data:`NOT_ASSESSED`); the counts and the crowding index stay.

Why the flag does not use the density: each actor works with a bounded number
of others, so pair density falls with the size of the cell whatever the
coordination. On the Ocean registry the median density is about 0.01 in
target × country cells of 6–100 initiatives, but 0.0036 in the basin cells of
100–335 initiatives; any fixed density threshold flags cells by size. The
median share of linked initiatives stays between 0.62 and 0.74 from cells of
3 initiatives to cells of 335.

References
----------
Wasserman, S. & Faust, K. (1994). *Social Network Analysis: Methods and
Applications*. Cambridge University Press (density, §4.2).

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
>>> c = crowding(reg)
>>> print(c[["place", "target", "initiatives", "crowding", "flag"]].to_string(index=False))
place target  initiatives  crowding  flag
  FJI   14.1            5       5.0  True
  KEN   14.1            1       1.0 False
  KEN   14.2            1       1.0 False

The median cell holds 1 initiative, so Fiji's crowding is 5 / 1. Of its
C(5, 2) = 10 actor pairs only a–b have worked together (density 0.1), which
links ``i1`` and ``i2``: 2 linked initiatives, fewer than half of 5, so the cell
is flagged.

>>> print(c.loc[0, "explanation"])  # doctest: +NORMALIZE_WHITESPACE
5 initiatives on target 14.1 in Fiji (5.0× the median cell) with 5 actors; 2 of 5
initiatives linked to another by a shared actor or actors who worked together; 1 of 10
actor pairs across initiatives (10.0%) have worked together; crowded and loosely connected

Without tie data beyond presence (``connectivity=False``, a 3W) the flag is not assessed:

>>> print(crowding(reg, connectivity=False).loc[0, "explanation"])  # doctest: +NORMALIZE_WHITESPACE
5 initiatives on target 14.1 in Fiji (5.0× the median cell) with 5 actors; connectivity not
assessed: a 3W records only who is present, so every organisation in a cell is tied by co-presence
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ecosystem.dormancy import DateLike
from ecosystem.errors import AnalysisError
from ecosystem.measures.coordination.cell_ties import cell_tie_counts
from ecosystem.measures.coordination.cells import (
    Cells,
    cell_index,
    cell_subject,
    require_place_kind,
    sort_cells,
    with_sdg_columns,
)
from ecosystem.model import Registry

__all__ = [
    "CROWDING_COLUMNS",
    "MAX_LINKED_SHARE",
    "MIN_CROWDING",
    "MIN_INITIATIVES",
    "NOT_ASSESSED",
    "crowding",
]

#: Default thresholds of the flag.
MIN_CROWDING = 2.0
MIN_INITIATIVES = 3
MAX_LINKED_SHARE = 0.5

#: Why connectivity is not assessed for a co-presence (3W) registry.
NOT_ASSESSED = ("connectivity not assessed: a 3W records only who is present, so every "
                "organisation in a cell is tied by co-presence")

CROWDING_COLUMNS = ["goal", "target", "place", "place_kind", "place_name", "initiatives",
                    "actors", "actor_pairs", "connected_pairs", "density", "linked_initiatives",
                    "crowding", "flag", "explanation"]


def crowding(reg: Registry, *, place_kind: str = "country", level: str = "target",
             dormant: str = "include", today: DateLike = None,
             min_crowding: float = MIN_CROWDING,
             min_initiatives: int = MIN_INITIATIVES,
             max_linked_share: float = MAX_LINKED_SHARE,
             vocabulary: str | None = None, cells: Cells | None = None,
             connectivity: bool = True) -> pd.DataFrame:
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
    today : DateLike, optional
        Reference date for dormancy.
    min_crowding, min_initiatives, max_linked_share
        Thresholds of ``flag`` (see the module docstring).
    vocabulary : str, optional
        Theme vocabulary of the sectors at sector level (see
        :func:`ecosystem.measures.coordination.cells.sector_vocabulary`).
    cells : Cells, optional
        The registry's cells from :func:`~ecosystem.measures.coordination.cells.cell_index`,
        computed once and shared; ``place_kind``, ``level``, ``vocabulary``,
        ``dormant`` and ``today`` are then taken from it.
    connectivity : bool
        Assess how connected each cell's actors are (default). False for a
        co-presence registry (a 3W), which records no tie beyond presence:
        ``connected_pairs``, ``density``, ``linked_initiatives`` and ``flag``
        are then NA and each explanation ends with :data:`NOT_ASSESSED`.

    Returns
    -------
    DataFrame
        One row per non-empty cell, columns :data:`CROWDING_COLUMNS`: ``goal``,
        ``target`` (NA at goal and sector level), ``place``, ``place_kind``,
        ``place_name``, ``initiatives``, ``actors``, ``actor_pairs``,
        ``connected_pairs``, ``density``, ``linked_initiatives``, ``crowding``,
        ``flag``, ``explanation``; at sector level a ``sector`` column follows
        ``target`` (goal and target NA). Sorted by goal and target, or sector
        name, most initiatives first. ``attrs["connectivity"]``: None when
        assessed, else the reason it is not.

    Raises
    ------
    AnalysisError
        Empty registry, unknown ``place_kind`` or ``level``, no place of that
        kind, no sector vocabulary (sector level), or a ``dormant`` choice that
        leaves nothing.
    """
    c = cells if cells is not None else cell_index(
        reg, place_kind=place_kind, level=level, vocabulary=vocabulary, dormant=dormant,
        today=today, what="crowding")
    place_kind, level = c.place_kind, c.level
    require_place_kind(c.reg, place_kind, "crowding")
    B, _, init_ids = c.incidence  # actors × initiatives, whole registry
    members = c.memberships
    if members.empty:
        raise AnalysisError(f"crowding: no initiative has both a {level} and a place of kind "
                            f"{place_kind!r}")
    groups = members.groupby(c.key, sort=False)
    counts = cell_tie_counts(
        B.tocsr(), groups.ngroup().to_numpy(),
        pd.Index(init_ids).get_indexer(members["initiative_id"].to_numpy(dtype=object)),
        groups.ngroups)
    out = pd.concat([groups.size().index.to_frame(index=False),
                     pd.DataFrame(counts, columns=["initiatives", "actors", "actor_pairs",
                                                   "connected_pairs", "linked_initiatives"])],
                    axis=1)
    if level == "goal":
        out.insert(1, "target", pd.Series(pd.NA, index=out.index, dtype="string"))
    with_sdg_columns(out, level)
    out = out.astype({"goal": "Int64", "target": "string", "place": "string",
                      "initiatives": "int64", "actors": "int64", "actor_pairs": "int64",
                      "connected_pairs": "int64", "linked_initiatives": "int64"})
    at = out.columns.get_loc("place") + 1
    out.insert(at, "place_kind", pd.Series(place_kind, index=out.index, dtype="string"))
    out.insert(at + 1, "place_name", pd.array(
        c.place_names.reindex(out["place"]).to_numpy(), dtype="string"))
    with np.errstate(invalid="ignore", divide="ignore"):
        out["density"] = np.where(out["actor_pairs"] > 0,
                                  out["connected_pairs"] / out["actor_pairs"].clip(lower=1),
                                  np.nan)
    out["crowding"] = out["initiatives"] / float(out["initiatives"].median())
    out["flag"] = ((out["crowding"] >= min_crowding) & (out["initiatives"] >= min_initiatives)
                   & (out["linked_initiatives"] < max_linked_share * out["initiatives"]))
    if not connectivity:
        out["connected_pairs"] = pd.array([pd.NA] * len(out), dtype="Int64")
        out["linked_initiatives"] = pd.array([pd.NA] * len(out), dtype="Int64")
        out["density"] = np.nan
        out["flag"] = pd.array([pd.NA] * len(out), dtype="boolean")
    out["explanation"] = _explain(out, level, connectivity)
    out.attrs["connectivity"] = None if connectivity else NOT_ASSESSED
    columns = CROWDING_COLUMNS
    if level == "sector":
        columns = columns[:2] + ["sector"] + columns[2:]
    return sort_cells(out)[columns]


def _explain(out: pd.DataFrame, level: str, connectivity: bool = True) -> pd.Series:
    texts = []
    for what, r in zip(cell_subject(out, level), out.itertuples(index=False)):
        where = r.place_name if isinstance(r.place_name, str) else r.place
        head = (f"{r.initiatives:,} initiative{'s' if r.initiatives != 1 else ''} on {what} in "
                f"{where} ({r.crowding:.1f}× the median cell) with {r.actors:,} "
                f"actor{'s' if r.actors != 1 else ''}")
        tail = ""
        if not connectivity:
            texts.append(f"{head}; {NOT_ASSESSED}")
            continue
        if r.initiatives > 1:
            tail = (f"; {r.linked_initiatives:,} of {r.initiatives:,} initiatives linked to another "
                    "by a shared actor or actors who worked together")
        if r.actor_pairs:
            tail += (f"; {r.connected_pairs:,} of {r.actor_pairs:,} actor pairs across "
                     f"initiatives ({r.density:.1%}) have worked together")
        flag = "; crowded and loosely connected" if r.flag else ""
        texts.append(head + tail + flag)
    return pd.Series(texts, index=out.index, dtype="string")
