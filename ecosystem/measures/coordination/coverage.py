"""Coverage matrix: how many initiatives and actors work on each target, goal or sector per place.

Cells — target, goal or sector × place — are defined in
:mod:`ecosystem.measures.coordination.cells`. The matrix is returned in long ("tidy") form, one row per non-empty cell; empty
cells are the subject of :func:`ecosystem.measures.coordination.uncovered.uncovered`.

Examples
--------
>>> cov = coverage(reg, place_kind="ocean_basin")           # doctest: +SKIP
>>> cov.pivot(index="target", columns="place", values="initiatives")  # doctest: +SKIP
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ecosystem.measures.coordination.cells import (
    Cells,
    cell_actors,
    cell_index,
    cell_subject,
    require_place_kind,
    sort_cells,
    with_sdg_columns,
)
from ecosystem.model import Registry

__all__ = ["coverage"]


def coverage(reg: Registry, *, place_kind: str = "country", level: str = "target",
             dormant: str = "include", vocabulary: str | None = None,
             cells: Cells | None = None) -> pd.DataFrame:
    """Coverage matrix target (goal, sector) × place, in long form.

    Parameters
    ----------
    reg : Registry
    place_kind : str
        Kind of place (one of :data:`ecosystem.model.PLACE_KINDS`), e.g.
        ``"country"``, ``"ocean_basin"``, ``"admin1"``.
    level : {"target", "goal", "sector"}
    dormant : {"include", "exclude"}
        ``"exclude"`` counts active initiatives only (see :mod:`ecosystem.dormancy`).
    vocabulary : str, optional
        Theme vocabulary of the sectors at sector level (default: the first
        of :data:`~ecosystem.measures.coordination.cells.SECTOR_VOCABULARIES` present).
    cells : Cells, optional
        The registry's cells from :func:`~ecosystem.measures.coordination.cells.cell_index`,
        computed once and shared; ``place_kind``, ``level``, ``vocabulary`` and
        ``dormant`` are then taken from it.

    Returns
    -------
    DataFrame
        One row per non-empty cell: ``goal``, ``target`` (target and sector
        levels; null at sector level), ``sector`` (sector level only),
        ``place``, ``place_kind``, ``place_name``, ``initiatives`` (distinct
        initiatives in the cell), ``actors`` (distinct actors tied to them, any
        role), ``explanation``. Sorted by goal and target (framework order) or
        sector name, most initiatives first.

    Raises
    ------
    AnalysisError
        Empty registry, unknown ``place_kind`` or ``level``, no places of
        that kind in the registry (the message lists the kinds present), or at
        sector level no theme of a sector vocabulary (it lists those present).

    Examples
    --------
    >>> coverage(ocean, place_kind="ocean_basin").head(1)   # doctest: +SKIP
       goal target           place   place_kind      place_name  initiatives  actors ...
    0    14   14.1  North Atlantic  ocean_basin  North Atlantic          300    1689 ...
    >>> cov = coverage(rowca, place_kind="admin1", level="sector")  # doctest: +SKIP
    >>> cov.iloc[0]["explanation"]                               # doctest: +SKIP
    '2 registered initiative(s) with 1 distinct actor(s) work on sector Education in Gao (admin1)'
    """
    c = cells or cell_index(reg, place_kind=place_kind, level=level, vocabulary=vocabulary,
                            dormant=dormant, what="coverage")
    place_kind, level, dormant = c.place_kind, c.level, c.dormant
    require_place_kind(c.active, place_kind, "coverage")
    key = c.key
    out, CA, _ = cell_actors(c.active_incidence, c.memberships, key)
    out["initiatives"] = out["initiatives"].astype("int64")
    out["actors"] = np.asarray(CA.getnnz(axis=1), dtype="int64")
    out.insert(len(key), "place_kind", pd.Series(place_kind, index=out.index, dtype="string"))
    out.insert(len(key) + 1, "place_name", c.place_names.reindex(out["place"]).to_numpy())
    out["place_name"] = out["place_name"].astype("string")
    with_sdg_columns(out, level)
    what = cell_subject(out, level)
    scope = "active" if dormant == "exclude" else "registered"
    out["explanation"] = (
        out["initiatives"].astype(str) + f" {scope} initiative(s) with "
        + out["actors"].astype(str) + " distinct actor(s) work on " + what
        + " in " + out["place_name"].fillna(out["place"]) + " (" + place_kind + ")")
    out["explanation"] = out["explanation"].astype("string")
    return sort_cells(out)


