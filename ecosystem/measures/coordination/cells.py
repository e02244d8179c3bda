"""Cells: the SDG target (goal, sector) × place units of coverage, crowding and gaps.

A **cell** is a pair (target, place) — or (goal, place) with ``level="goal"``,
or (sector, place) with ``level="sector"``. An initiative is in a cell when it
is tagged with the target (goal, sector) and the place. A place is an
``initiative_places`` row of the chosen kind (``country`` ISO3 codes,
``ocean_basin`` names, ``admin1`` areas, ...). At goal level an initiative
counts for a goal when it is tagged with the goal itself or with one of its
targets.

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

:func:`cell_index` computes a registry's cells once (:class:`Cells`: the
memberships, the incidence matrix and the place names); coverage, crowding,
fragmented cells, need gaps and missing stakeholders take it as ``cells=``, so
that :class:`ecosystem.measures.context.Analysis` builds it once for all of them.

Examples
--------
>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> reg = Registry.from_frames(
...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"], "actor_type": "ngo"}),
...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2"], "registry": "r",
...                               "record_id": ["1", "2"], "kind": "partnership"}),
...     ties=pd.DataFrame({"initiative_id": ["i1", "i2"], "actor_id": ["a", "b"],
...                        "role": "lead", "registry": "r", "record_id": ["1", "2"]}),
...     initiative_targets=pd.DataFrame({"initiative_id": ["i1", "i2"], "goal": [14, 14],
...                                      "target": ["14.1", "14.1"]}),
...     initiative_places=pd.DataFrame({"initiative_id": ["i1", "i2"], "place": ["FJI", "FJI"],
...                                     "kind": "country"}))
>>> c = cell_index(reg)
>>> c.key, len(c.memberships)
(['goal', 'target', 'place'], 2)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecosystem.dormancy import DateLike
from ecosystem.errors import AnalysisError
from ecosystem.filters import filter_registry
from ecosystem.graphs import incidence_matrix
from ecosystem.graphs.sector_themes import SECTOR_VOCABULARIES, sector_vocabulary
from ecosystem.model import PLACE_KINDS, Registry, require_initiatives
from ecosystem.reference.countries import country_groups
from ecosystem.reference.sdg import target_rank

__all__ = ["Cells", "cell_index", "LEVELS", "SECTOR_VOCABULARIES", "check_cells",
           "require_place_kind", "sector_vocabulary", "cell_key", "with_sdg_columns",
           "cell_subject", "place_names", "cell_memberships", "cell_actors", "sort_cells"]

#: Cell levels: what the row of a cell is about.
LEVELS = ("target", "goal", "sector")



def check_cells(reg: Registry, place_kind: str, level: str, what: str) -> None:
    """Raise :class:`AnalysisError` for an unknown ``level`` or ``place_kind``, or no initiatives.

    ``what`` names the analysis in the message.
    """
    if level not in LEVELS:
        raise AnalysisError(f"{what}: unknown level {level!r}; use one of {LEVELS}")
    if place_kind not in PLACE_KINDS:
        raise AnalysisError(
            f"{what}: unknown place_kind {place_kind!r}; use one of {PLACE_KINDS}")
    require_initiatives(reg, what)


def require_place_kind(reg: Registry, place_kind: str, what: str) -> None:
    """Raise :class:`AnalysisError` when ``reg`` has no place of ``place_kind``.

    The message lists the kinds present.
    """
    present = sorted(reg.initiative_places["kind"].dropna().unique().tolist())
    if place_kind not in present:
        raise AnalysisError(f"{what}: the registry has no places of kind {place_kind!r}; "
                            f"kinds present: {', '.join(present) or 'none'}")


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
        ref = country_groups().set_index("iso3")["name"]
        missing = out.index[out.to_numpy() == out.index.to_numpy()]
        out.loc[missing] = ref.reindex(missing).fillna(pd.Series(missing, index=missing))
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


def cell_actors(incidence: tuple, cells: pd.DataFrame,
                key: list[str]) -> tuple[pd.DataFrame, sp.csr_matrix, np.ndarray]:
    """The cells × actors incidence (which actors take part in a cell's initiatives).

    Parameters
    ----------
    incidence : tuple
        ``(B, actor_ids, initiative_ids)`` of :func:`ecosystem.graphs.incidence_matrix`
        (:attr:`Cells.incidence`).
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
    B, actor_ids, init_ids = incidence
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


@dataclass
class Cells:
    """The cells of a registry at one level and place kind, computed once.

    Attributes
    ----------
    reg : Registry
        The whole registry: ties anywhere in it link a cell's actors.
    active : Registry
        What ``dormant`` keeps: the initiatives counted in the cells.
    place_kind, level : str
    vocabulary : str or None
        The sector vocabulary (sector level), resolved by :func:`sector_vocabulary`.
    dormant : str
    memberships : DataFrame
        :func:`cell_memberships` of ``active``: one row per (initiative, cell).
    """

    reg: Registry
    active: Registry
    place_kind: str
    level: str
    vocabulary: str | None
    dormant: str
    memberships: pd.DataFrame = field(repr=False)

    @property
    def key(self) -> list[str]:
        """Columns that identify a cell (:func:`cell_key`)."""
        return cell_key(self.level)

    @cached_property
    def incidence(self) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
        """``(B, actor_ids, initiative_ids)`` of the whole registry (:func:`incidence_matrix`)."""
        return incidence_matrix(self.reg)

    @cached_property
    def active_incidence(self) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
        """The incidence of ``active`` (the whole registry's when nothing is left out)."""
        return self.incidence if self.active is self.reg else incidence_matrix(self.active)

    @cached_property
    def place_names(self) -> pd.Series:
        """Display name of each place of ``place_kind`` (:func:`place_names` of ``active``)."""
        return place_names(self.active, self.place_kind)


def cell_index(reg: Registry, *, place_kind: str = "country", level: str = "target",
               vocabulary: str | None = None, dormant: str = "include",
               today: DateLike = None,
               what: str = "cells") -> Cells:
    """The :class:`Cells` of ``reg``, for every cell measure to share.

    Parameters
    ----------
    reg : Registry
    place_kind : str
        One of :data:`ecosystem.model.PLACE_KINDS`.
    level : {"target", "goal", "sector"}
    vocabulary : str, optional
        Theme vocabulary of the sectors (sector level; see :func:`sector_vocabulary`).
    dormant : {"include", "exclude", "only"}
        Which initiatives count in the cells (ties elsewhere always count).
    today : DateLike, optional
        Reference date for dormancy (default: today).
    what : str
        The analysis named in error messages.

    Raises
    ------
    AnalysisError
        Empty registry, unknown ``place_kind`` or ``level``, no sector
        vocabulary (sector level), or a ``dormant`` choice that leaves nothing.
    """
    check_cells(reg, place_kind, level, what)
    active = reg if dormant == "include" and today is None else filter_registry(
        reg, dormant=dormant, today=today)
    if level == "sector":
        vocabulary = sector_vocabulary(reg, vocabulary, what)
    members = cell_memberships(active, place_kind=place_kind, level=level,
                               vocabulary=vocabulary)
    return Cells(reg=reg, active=active, place_kind=place_kind, level=level,
                 vocabulary=vocabulary if level == "sector" else None, dormant=dormant,
                 memberships=members)
