"""Coverage matrix: how many initiatives and actors work on each SDG target (or goal) in each place.

A **cell** is a pair (target, place) — or (goal, place) with ``level="goal"``.
An initiative is in a cell when it is tagged with the target (or goal) and the
place. A place is an ``initiative_places`` row of the chosen kind (``country``
ISO3 codes, ``ocean_basin`` names, ``admin1`` areas, ...).

At goal level an initiative counts for a goal when it is tagged with the goal
itself or with one of its targets.

The matrix is returned in long ("tidy") form, one row per non-empty cell; empty
cells are the subject of :func:`ecosystem.gaps.uncovered`.

Examples
--------
>>> cov = coverage(reg, place_kind="ocean_basin")           # doctest: +SKIP
>>> cov.pivot(index="target", columns="place", values="initiatives")  # doctest: +SKIP
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .errors import AnalysisError
from .graphs import filter_registry, incidence_matrix, require_initiatives
from .model import PLACE_KINDS, Registry
from .sdg import target_rank

LEVELS = ("target", "goal")


def _check(reg: Registry, place_kind: str, level: str, what: str) -> None:
    if level not in LEVELS:
        raise AnalysisError(f"{what}: unknown level {level!r}; use one of {LEVELS}")
    if place_kind not in PLACE_KINDS:
        raise AnalysisError(
            f"{what}: unknown place_kind {place_kind!r}; use one of {PLACE_KINDS}")
    require_initiatives(reg, what)


def place_names(reg: Registry, place_kind: str) -> pd.Series:
    """Display name of each place of ``place_kind`` (the code itself when no name is recorded)."""
    p = reg.initiative_places
    p = p[p["kind"] == place_kind]
    names = p.dropna(subset=["name"]).drop_duplicates("place").set_index("place")["name"]
    codes = pd.Index(p["place"].unique())
    out = pd.Series(codes.to_numpy(), index=codes, dtype="string")
    out.update(names)
    if place_kind == "country":
        try:
            from .countries import country_groups

            ref = country_groups().set_index("iso3")["name"]
            missing = out.index[out.to_numpy() == out.index.to_numpy()]
            out.loc[missing] = ref.reindex(missing).fillna(pd.Series(missing, index=missing))
        except ImportError:  # the country reference table is optional here
            pass
    return out


def cell_memberships(reg: Registry, *, place_kind: str = "country",
                     level: str = "target") -> pd.DataFrame:
    """One row per (initiative, target or goal, place): which cells each initiative is in.

    Returns
    -------
    DataFrame
        ``initiative_id``, ``goal``, ``target`` (only with ``level="target"``),
        ``place``, ``place_kind``.
    """
    places = reg.initiative_places
    places = places.loc[places["kind"] == place_kind, ["initiative_id", "place"]]
    places = places.drop_duplicates()
    if level == "target":
        facets = reg.initiative_targets[["initiative_id", "goal", "target"]].drop_duplicates()
    else:
        facets = pd.concat([reg.initiative_goals[["initiative_id", "goal"]],
                            reg.initiative_targets[["initiative_id", "goal"]]])
        facets = facets.drop_duplicates()
    cells = facets.merge(places, on="initiative_id")
    cells["place_kind"] = pd.Series(place_kind, index=cells.index, dtype="string")
    return cells.reset_index(drop=True)


def coverage(reg: Registry, *, place_kind: str = "country", level: str = "target",
             dormant: str = "include") -> pd.DataFrame:
    """Coverage matrix target (or goal) × place, in long form.

    Parameters
    ----------
    reg : Registry
    place_kind : str
        Kind of place (one of :data:`ecosystem.model.PLACE_KINDS`), e.g.
        ``"country"``, ``"ocean_basin"``, ``"admin1"``.
    level : {"target", "goal"}
    dormant : {"include", "exclude"}
        ``"exclude"`` counts active initiatives only (see :mod:`ecosystem.dormancy`).

    Returns
    -------
    DataFrame
        One row per non-empty cell: ``goal``, ``target`` (target level only),
        ``place``, ``place_kind``, ``place_name``, ``initiatives`` (distinct
        initiatives in the cell), ``actors`` (distinct actors tied to them, any
        role), ``explanation``. Sorted by goal, target, most initiatives first.

    Raises
    ------
    AnalysisError
        Empty registry, unknown ``place_kind`` or ``level``, or no places of
        that kind in the registry (the message lists the kinds present).

    Examples
    --------
    >>> coverage(ocean, place_kind="ocean_basin").head(1)   # doctest: +SKIP
       goal target           place   place_kind      place_name  initiatives  actors ...
    0    14   14.1  North Atlantic  ocean_basin  North Atlantic          300    1689 ...
    """
    _check(reg, place_kind, level, "coverage")
    reg = filter_registry(reg, dormant=dormant)
    present = reg.initiative_places["kind"].dropna().unique().tolist()
    if place_kind not in present:
        raise AnalysisError(
            f"coverage: the registry has no places of kind {place_kind!r}; "
            f"kinds present: {', '.join(sorted(present)) or 'none'}")
    cells = cell_memberships(reg, place_kind=place_kind, level=level)
    key = ["goal", "target", "place"] if level == "target" else ["goal", "place"]
    out, CA, _ = cell_actors(reg, cells, key)
    out["initiatives"] = out["initiatives"].astype("int64")
    out["actors"] = np.asarray(CA.getnnz(axis=1), dtype="int64")
    out.insert(len(key), "place_kind", pd.Series(place_kind, index=out.index, dtype="string"))
    out.insert(len(key) + 1, "place_name", place_names(reg, place_kind).reindex(out["place"])
               .to_numpy())
    out["place_name"] = out["place_name"].astype("string")
    what = "target " + out["target"] if level == "target" else "SDG " + out["goal"].astype(str)
    scope = "active" if dormant == "exclude" else "registered"
    out["explanation"] = (
        out["initiatives"].astype(str) + f" {scope} initiative(s) with "
        + out["actors"].astype(str) + " distinct actor(s) work on " + what
        + " in " + out["place_name"].fillna(out["place"]) + " (" + place_kind + ")")
    out["explanation"] = out["explanation"].astype("string")
    return sort_cells(out)


def cell_actors(reg: Registry, cells: pd.DataFrame, key: list[str]):
    """The cells × actors incidence (which actors take part in a cell's initiatives).

    Parameters
    ----------
    reg : Registry
    cells : DataFrame
        Output of :func:`cell_memberships`.
    key : list of str
        Columns that identify a cell.

    Returns
    -------
    keys : DataFrame
        One row per cell: the ``key`` columns and ``initiatives`` (count).
    CA : scipy.sparse.csr_matrix
        Cells × actors; entry = number of the cell's initiatives the actor
        takes part in. Columns follow ``actor_ids``.
    actor_ids : numpy array of str
    """
    B, actor_ids, init_ids = incidence_matrix(reg)
    codes = cells.groupby(key, sort=False, dropna=False).ngroup().to_numpy()
    keys = cells[key].drop_duplicates().reset_index(drop=True)  # same first-seen order
    col = pd.Index(init_ids).get_indexer(cells["initiative_id"])
    C = sp.csr_matrix((np.ones(len(cells)), (codes, col)), shape=(len(keys), len(init_ids)))
    C.sum_duplicates()
    C.data[:] = 1.0
    keys["initiatives"] = np.asarray(C.getnnz(axis=1))
    return keys, (C @ B.T).tocsr(), actor_ids


def sort_cells(df: pd.DataFrame) -> pd.DataFrame:
    """Sort cell rows by goal, target (framework order), most initiatives first, place."""
    order = df["goal"].astype("float64") * 1000
    if "target" in df.columns:
        order = target_rank(df["target"]).to_numpy()
    cols = {"_order": order}
    df = df.assign(**cols)
    by = ["_order"] + [c for c in ("initiatives", "place") if c in df.columns]
    asc = [True] + [c != "initiatives" for c in by[1:]]
    return df.sort_values(by, ascending=asc, kind="stable").drop(columns="_order").reset_index(
        drop=True)
