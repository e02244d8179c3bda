"""Coverage matrix: how many initiatives and actors work on each target, goal or sector per place.

A **cell** is a pair (target, place) — or (goal, place) with ``level="goal"``,
or (sector, place) with ``level="sector"``. An initiative is in a cell when it
is tagged with the target (goal, sector) and the place. A place is an
``initiative_places`` row of the chosen kind (``country`` ISO3 codes,
``ocean_basin`` names, ``admin1`` areas, ...).

At goal level an initiative counts for a goal when it is tagged with the goal
itself or with one of its targets.

Sector level
------------
Registries without SDG tags — a 3W sheet (who does what where), IATI
activities — say what an initiative works on through ``initiative_themes``:
humanitarian clusters (vocabulary ``"cluster"``: Food Security, Protection,
WASH, ...), OECD DAC sectors (``"dac_sector"``, 5-digit, and
``"dac_category"``, 3-digit), communities of ocean action. With
``level="sector"`` a cell is (theme, place) for the themes of one vocabulary:
the one named by ``vocabulary=``, by default the first of
:data:`SECTOR_VOCABULARIES` the registry has. Sector-level tables keep the
``goal`` and ``target`` columns (null) and add a ``sector`` column (the theme
name) after them, so code reading either level finds the same columns.

The matrix is returned in long ("tidy") form, one row per non-empty cell; empty
cells are the subject of :func:`ecosystem.measures.coordination.gaps.uncovered`.

Examples
--------
>>> cov = coverage(reg, place_kind="ocean_basin")           # doctest: +SKIP
>>> cov.pivot(index="target", columns="place", values="initiatives")  # doctest: +SKIP
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecosystem.errors import AnalysisError
from ecosystem.filters import filter_registry
from ecosystem.graphs import incidence_matrix
from ecosystem.model import PLACE_KINDS, Registry, require_initiatives
from ecosystem.reference.sdg import target_rank

LEVELS = ("target", "goal", "sector")

#: Theme vocabularies read as sectors at ``level="sector"``, in order of preference.
SECTOR_VOCABULARIES = ("cluster", "dac_sector", "dac_category", "ocean_action_community")


def _check(reg: Registry, place_kind: str, level: str, what: str) -> None:
    if level not in LEVELS:
        raise AnalysisError(f"{what}: unknown level {level!r}; use one of {LEVELS}")
    if place_kind not in PLACE_KINDS:
        raise AnalysisError(
            f"{what}: unknown place_kind {place_kind!r}; use one of {PLACE_KINDS}")
    require_initiatives(reg, what)


def sector_vocabulary(reg: Registry, vocabulary: str | None = None,
                      what: str = "coverage") -> str:
    """The theme vocabulary read as sectors: ``vocabulary`` if given, else the first present.

    Raises
    ------
    AnalysisError
        When ``vocabulary`` is not among the registry's theme vocabularies, or,
        without it, none of :data:`SECTOR_VOCABULARIES` is; the message lists
        the vocabularies present.

    Examples
    --------
    >>> sector_vocabulary(rowca)                                 # doctest: +SKIP
    'cluster'
    """
    present = sorted(reg.initiative_themes["vocabulary"].dropna().unique().tolist())
    listed = ", ".join(present) or "none"
    if vocabulary is not None:
        if vocabulary not in present:
            raise AnalysisError(f"{what}: no initiative theme of vocabulary {vocabulary!r}; "
                                f"vocabularies present: {listed}")
        return vocabulary
    for v in SECTOR_VOCABULARIES:
        if v in present:
            return v
    raise AnalysisError(f"{what}: level='sector' needs initiative themes of a sector vocabulary "
                        f"({', '.join(SECTOR_VOCABULARIES)}); vocabularies present: {listed}"
                        + ("; pass vocabulary= to use one of them" if present else ""))


def cell_key(level: str) -> list[str]:
    """Columns that identify a cell at ``level``."""
    return {"target": ["goal", "target", "place"], "goal": ["goal", "place"],
            "sector": ["sector", "place"]}[level]


def with_sdg_columns(df: pd.DataFrame, level: str) -> pd.DataFrame:
    """At sector level, put null ``goal`` and ``target`` columns in front (in place; returned)."""
    if level == "sector":
        if "target" not in df.columns:
            df.insert(0, "target", pd.Series(pd.NA, index=df.index, dtype="string"))
        if "goal" not in df.columns:
            df.insert(0, "goal", pd.Series(pd.NA, index=df.index, dtype="Int64"))
    return df


def cell_subject(df: pd.DataFrame, level: str) -> pd.Series:
    """What each cell row is about, in words: "target 14.1", "SDG 14" or "sector WASH"."""
    if level == "target":
        text = "target " + df["target"].astype(str)
    elif level == "goal":
        text = "SDG " + df["goal"].astype(str)
    else:
        text = "sector " + df["sector"].astype(str)
    return pd.Series(text.to_numpy(dtype=object), index=df.index, dtype="string")


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
            from ecosystem.reference.countries import country_groups

            ref = country_groups().set_index("iso3")["name"]
            missing = out.index[out.to_numpy() == out.index.to_numpy()]
            out.loc[missing] = ref.reindex(missing).fillna(pd.Series(missing, index=missing))
        except ImportError:  # the country reference table is optional here
            pass
    return out


def cell_memberships(reg: Registry, *, place_kind: str = "country",
                     level: str = "target", vocabulary: str | None = None) -> pd.DataFrame:
    """One row per (initiative, target, goal or sector, place): which cells each initiative is in.

    Parameters
    ----------
    reg : Registry
    place_kind : str
    level : {"target", "goal", "sector"}
    vocabulary : str, optional
        Theme vocabulary of the sectors (sector level; see :func:`sector_vocabulary`).

    Returns
    -------
    DataFrame
        ``initiative_id``, ``goal``, ``target`` (only with ``level="target"``;
        both null at sector level), ``sector`` (sector level only), ``place``,
        ``place_kind``.
    """
    if level not in LEVELS:
        raise AnalysisError(f"cell_memberships: unknown level {level!r}; use one of {LEVELS}")
    places = reg.initiative_places
    places = places.loc[places["kind"] == place_kind, ["initiative_id", "place"]]
    places = places.drop_duplicates()
    if level == "target":
        facets = reg.initiative_targets[["initiative_id", "goal", "target"]].drop_duplicates()
    elif level == "sector":
        vocab = sector_vocabulary(reg, vocabulary, "cell_memberships")
        themes = reg.initiative_themes
        facets = (themes.loc[themes["vocabulary"] == vocab, ["initiative_id", "theme"]]
                  .dropna().drop_duplicates().rename(columns={"theme": "sector"}))
        facets = facets.assign(goal=pd.Series(pd.NA, index=facets.index, dtype="Int64"),
                               target=pd.Series(pd.NA, index=facets.index, dtype="string"))
        facets = facets[["initiative_id", "goal", "target", "sector"]]
    else:
        facets = pd.concat([reg.initiative_goals[["initiative_id", "goal"]],
                            reg.initiative_targets[["initiative_id", "goal"]]])
        facets = facets.drop_duplicates()
    cells = facets.merge(places, on="initiative_id")
    cells["place_kind"] = pd.Series(place_kind, index=cells.index, dtype="string")
    return cells.reset_index(drop=True)


def coverage(reg: Registry, *, place_kind: str = "country", level: str = "target",
             dormant: str = "include", vocabulary: str | None = None) -> pd.DataFrame:
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
        of :data:`SECTOR_VOCABULARIES` present).

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
    _check(reg, place_kind, level, "coverage")
    reg = filter_registry(reg, dormant=dormant)
    present = reg.initiative_places["kind"].dropna().unique().tolist()
    if place_kind not in present:
        raise AnalysisError(
            f"coverage: the registry has no places of kind {place_kind!r}; "
            f"kinds present: {', '.join(sorted(present)) or 'none'}")
    cells = cell_memberships(reg, place_kind=place_kind, level=level, vocabulary=vocabulary)
    key = cell_key(level)
    out, CA, _ = cell_actors(reg, cells, key)
    out["initiatives"] = out["initiatives"].astype("int64")
    out["actors"] = np.asarray(CA.getnnz(axis=1), dtype="int64")
    out.insert(len(key), "place_kind", pd.Series(place_kind, index=out.index, dtype="string"))
    out.insert(len(key) + 1, "place_name", place_names(reg, place_kind).reindex(out["place"])
               .to_numpy())
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
    """Sort cell rows by goal and target (framework order) or sector name, then most
    initiatives first, then place."""
    if "sector" in df.columns:
        order = df["sector"].str.casefold().to_numpy(dtype=object)
    elif "target" in df.columns:
        order = target_rank(df["target"]).to_numpy()
    else:
        order = df["goal"].astype("float64") * 1000
    cols = {"_order": order}
    df = df.assign(**cols)
    by = ["_order"] + [c for c in ("initiatives", "place") if c in df.columns]
    asc = [True] + [c != "initiatives" for c in by[1:]]
    return df.sort_values(by, ascending=asc, kind="stable").drop(columns="_order").reset_index(
        drop=True)
