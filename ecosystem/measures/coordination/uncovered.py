"""Uncovered: SDG targets or sectors that no initiative works on, in the registry or in a place.

A coverage matrix (:func:`ecosystem.measures.coordination.coverage.coverage`) lists the cells that
have work; this module lists the empty cells that matter, those where the
surrounding work shows the subject is in scope.

Target level (default)
    A target of a goal the registry records targets for, with no initiative
    anywhere (``scope="registry"``), or none in a place that has initiatives
    on the goal (``scope="place"``).

Sector level (``level="sector"``)
    A sector (theme of one vocabulary: humanitarian clusters on a 3W sheet,
    DAC sectors on IATI files) absent from a place where other sectors work,
    although the sector works elsewhere in the place's **area**: its
    ``parent`` (the country of an admin1 area) when the registry records one,
    else the whole registry. This is the 3W question "which clusters are
    missing from this region". A sector vocabulary has no closed reference list
    the way the SDG framework has, so there are no ``registry`` rows at sector
    level.

A registry about one place
    When one place holds :data:`FOCUS_SHARE` of the registry's placed records (an
    IATI extract for Sierra Leone: 515 of 515 activities), the other places are
    reached mostly by records that also work there: the registry does not list
    all their work, so what it lacks there is not missing from them. Per-place rows
    are then read in that place alone, and ``attrs["focus"]`` holds ``(place, its
    records, all placed records)``.

Examples
--------
Initiatives on SDG 14 targets 14.1 (Fiji and Kenya) and 14.2 (Kenya) only:

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
>>> u = uncovered(reg)
>>> u.loc[u["scope"] == "registry", "target"].tolist()
['14.3', '14.4', '14.5', '14.6', '14.7', '14.a', '14.b', '14.c']
>>> u[u["scope"] == "place"].groupby("place").size().to_dict()  # 10 targets minus those present
{'FJI': 9, 'KEN': 8}
>>> print(u.loc[8, "explanation"])  # doctest: +NORMALIZE_WHITESPACE
5 initiatives work on SDG 14 in Fiji, but none on target 14.2 (Protect and restore
marine and coastal ecosystems)
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ecosystem.errors import AnalysisError
from ecosystem.filters import filter_registry
from ecosystem.measures.coordination.cells import (
    check_cells,
    place_names,
    sector_vocabulary,
)
from ecosystem.model import Registry
from ecosystem.reference.countries import country_groups
from ecosystem.reference.sdg import sdg_targets, target_rank

__all__ = ["FOCUS_SHARE", "UNCOVERED_COLUMNS", "focus_place", "uncovered"]

#: Share of the placed records above which one place is the registry's focus (module notes).
FOCUS_SHARE = 0.9

#: Columns of :func:`uncovered` (target level; sector level adds ``sector`` and
#: ``sector_initiatives``, see the function).
UNCOVERED_COLUMNS = ["scope", "goal", "target", "target_title", "place", "place_kind",
                     "place_name", "goal_initiatives", "explanation"]


def uncovered(reg: Registry, *, place_kind: str = "country",
              goals: Iterable[int] | None = None,
              dormant: str = "include", level: str = "target",
              vocabulary: str | None = None) -> pd.DataFrame:
    """Targets (or sectors) no initiative works on, in the whole registry and per place.

    At target level only goals for which the registry records targets are
    examined (a registry that records no target of a goal says nothing about
    its targets): on the Ocean commitments registry that is SDG 14. Two kinds
    of row (column ``scope``):

    ``registry``
        A target of such a goal that no initiative records.
    ``place``
        A place of ``place_kind`` with initiatives on the goal (tagged with the
        goal or any of its targets) but none on this target.

    At sector level every row has scope ``place``: a place of ``place_kind``
    with initiatives in some sectors but none in this one, while the sector
    has initiatives elsewhere in the place's area (module docstring).

    Parameters
    ----------
    reg : Registry
    place_kind : str
        Kind of place for the per-place rows.
    goals : list of int, optional
        Restrict to these goals (target level).
    dormant : {"include", "exclude"}
    level : {"target", "sector"}
    vocabulary : str, optional
        Theme vocabulary of the sectors (see
        :func:`ecosystem.measures.coordination.cells.sector_vocabulary`).

    Returns
    -------
    DataFrame
        ``scope``, ``goal``, ``target``, ``target_title``, ``place``,
        ``place_kind``, ``place_name`` (null for registry rows),
        ``goal_initiatives`` (initiatives on the goal in the registry or the
        place), ``explanation``.

        At sector level ``goal``, ``target`` and ``target_title`` are null, a
        ``sector`` column follows ``target_title``, ``goal_initiatives`` counts
        the place's initiatives in any sector of the vocabulary, and
        ``sector_initiatives`` (after it) counts the sector's initiatives in
        the place's area. Rows with the most work around them come first.

    Examples
    --------
    A 3W sheet: UNICEF and Oxfam in WASH in Gao, Oxfam in Protection in
    Mopti; both areas are in Mali, where both clusters work.

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ids = ["w1", "w2", "w3"]
    >>> reg = Registry.from_frames(
    ...     actors=pd.DataFrame({"actor_id": ["unicef", "oxfam"], "name": ["UNICEF", "Oxfam"],
    ...                          "actor_type": ["un_multilateral", "ngo"]}),
    ...     initiatives=pd.DataFrame({"initiative_id": ids, "registry": "3w", "record_id": ids,
    ...                               "kind": "presence"}),
    ...     ties=pd.DataFrame({"initiative_id": ids, "actor_id": ["unicef", "oxfam", "oxfam"],
    ...                        "role": "implementing", "registry": "3w", "record_id": ids}),
    ...     initiative_themes=pd.DataFrame({"initiative_id": ids, "vocabulary": "cluster",
    ...                                     "theme": ["WASH", "WASH", "Protection"]}),
    ...     initiative_places=pd.DataFrame({"initiative_id": ids, "kind": "admin1",
    ...                                     "place": ["Gao", "Gao", "Mopti"], "parent": "MLI"}))
    >>> u = uncovered(reg, place_kind="admin1", level="sector")
    >>> print(u[["place", "sector", "goal_initiatives", "sector_initiatives"]]
    ...       .to_string(index=False))
    place     sector  goal_initiatives  sector_initiatives
      Gao Protection                 2                   1
    Mopti       WASH                 1                   2
    >>> print(u.loc[0, "explanation"])  # doctest: +NORMALIZE_WHITESPACE
    2 initiatives work in Gao (admin1) on 1 of the 2 sectors active in Mali, but none on
    sector Protection (1 initiative elsewhere in Mali)
    """
    if level not in ("target", "sector"):
        raise AnalysisError(f"uncovered: level must be 'target' or 'sector', got {level!r}")
    check_cells(reg, place_kind, level, "uncovered")
    reg = filter_registry(reg, dormant=dormant)
    if level == "sector":
        out = _uncovered_sectors(reg, place_kind, vocabulary, dormant)
    else:
        out = _uncovered_targets(reg, place_kind, goals, dormant)
    focus = focus_place(reg, place_kind)
    if focus is not None:  # the other places' work is not listed: nothing is missing there
        out = out[(out["scope"] != "place") | (out["place"] == focus[0])].reset_index(drop=True)
        out.attrs["focus"] = focus
    return out


def focus_place(reg: Registry, place_kind: str = "country") -> tuple[str, int, int] | None:
    """``(place, its records, all placed records)`` when one place of ``place_kind`` holds
    :data:`FOCUS_SHARE` or more of the records placed at that kind, among two places or more;
    else None.

    Examples
    --------
    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> places = pd.DataFrame({"initiative_id": ["a", "b", "c", "c"], "kind": "country",
    ...                        "place": ["SLE", "SLE", "SLE", "LBR"]})
    >>> focus_place(Registry.from_frames(initiative_places=places))
    ('SLE', 3, 3)
    """
    placed = _places(reg, place_kind)[["initiative_id", "place"]].drop_duplicates()
    n = placed["initiative_id"].nunique()
    counts = placed.groupby("place")["initiative_id"].nunique()
    if len(counts) < 2 or counts.max() < FOCUS_SHARE * n:
        return None
    return str(counts.idxmax()), int(counts.max()), int(n)


def _uncovered_targets(reg: Registry, place_kind: str, goals, dormant: str) -> pd.DataFrame:
    ref = sdg_targets()
    recorded = set(reg.initiative_targets["goal"].dropna().astype(int))
    if goals is not None:
        unknown = set(goals) - set(range(1, 18))
        if unknown:
            raise AnalysisError(f"uncovered: goals must be 1..17, got {sorted(unknown)}")
        recorded &= set(goals)
    ref = ref[ref["goal"].isin(recorded)]
    active = "active " if dormant == "exclude" else ""
    # initiatives per goal (tagged with the goal or one of its targets)
    on_goal = pd.concat([reg.initiative_goals[["initiative_id", "goal"]],
                         reg.initiative_targets[["initiative_id", "goal"]]]).drop_duplicates()
    goal_n = on_goal.groupby("goal").size()
    covered = set(reg.initiative_targets["target"])
    reg_rows = ref[~ref["target"].isin(covered)].copy()
    reg_rows["scope"] = "registry"
    reg_rows["goal_initiatives"] = goal_n.reindex(reg_rows["goal"]).fillna(0).to_numpy()
    reg_rows["explanation"] = (
        f"No {active}initiative records target " + reg_rows["target"] + " ("
        + reg_rows["title"] + "), although " + reg_rows["goal_initiatives"].astype(int).astype(str)
        + f" {active}initiatives work on SDG " + reg_rows["goal"].astype(str))
    # per place
    places = _places(reg, place_kind)[["initiative_id", "place"]].drop_duplicates()
    pg = on_goal[on_goal["goal"].isin(recorded)].merge(places, on="initiative_id")
    pg_n = pg.groupby(["place", "goal"]).size().rename("goal_initiatives").reset_index()
    pt = (reg.initiative_targets[["initiative_id", "target"]].merge(places, on="initiative_id")
          [["place", "target"]].drop_duplicates())
    grid = pg_n.merge(ref, on="goal")
    grid = grid.merge(pt.assign(_hit=True), on=["place", "target"], how="left")
    place_rows = grid[grid["_hit"].isna()].drop(columns="_hit").copy()
    place_rows["scope"] = "place"
    place_rows["place_kind"] = place_kind
    place_rows["place_name"] = place_names(reg, place_kind).reindex(place_rows["place"]).to_numpy()
    one = place_rows["goal_initiatives"].to_numpy() == 1
    place_rows["explanation"] = (
        place_rows["goal_initiatives"].astype(str) + f" {active}"
        + np.where(one, "initiative works on SDG ", "initiatives work on SDG ")
        + place_rows["goal"].astype(str) + " in "
        + place_rows["place_name"].fillna(place_rows["place"]).astype(str)
        + ", but none on target " + place_rows["target"] + " (" + place_rows["title"] + ")")
    cols = UNCOVERED_COLUMNS
    out = pd.concat([reg_rows, place_rows], ignore_index=True).rename(columns={"title":
                                                                               "target_title"})
    out = out.reindex(columns=cols)
    out = out.astype({c: "string" for c in cols if c not in ("goal", "goal_initiatives")})
    out["goal"] = out["goal"].astype("Int64")
    out["goal_initiatives"] = out["goal_initiatives"].astype("int64")
    out = out.assign(_s=(out["scope"] == "place").astype(int), _t=target_rank(out["target"]))
    out = out.sort_values(["_s", "_t", "goal_initiatives", "place"],
                          ascending=[True, True, False, True], kind="stable")
    return out.drop(columns=["_s", "_t"]).reset_index(drop=True)


def _places(reg: Registry, place_kind: str) -> pd.DataFrame:
    p = reg.initiative_places
    return p.loc[p["kind"] == place_kind, ["initiative_id", "place", "parent"]]


def _area_names(reg: Registry, areas) -> pd.Series:
    """Display names of parent areas: a recorded place name, a country name, or the code."""
    p = reg.initiative_places.dropna(subset=["name"]).drop_duplicates("place")
    names = p.set_index("place")["name"]
    out = pd.Series(list(areas), index=list(areas), dtype="string")
    known = names.reindex(out.index)
    ref = country_groups().set_index("iso3")["name"]
    known = known.fillna(ref.reindex(out.index))
    return known.fillna(out).astype("string")


def _uncovered_sectors(reg: Registry, place_kind: str, vocabulary: str | None,
                       dormant: str) -> pd.DataFrame:
    vocab = sector_vocabulary(reg, vocabulary, "uncovered")
    active = "active " if dormant == "exclude" else ""
    themes = reg.initiative_themes
    themes = (themes.loc[themes["vocabulary"] == vocab, ["initiative_id", "theme"]]
              .dropna().drop_duplicates().rename(columns={"theme": "sector"}))
    places = _places(reg, place_kind)
    # the area of a place: its first recorded parent, else the whole registry ("")
    area = (places.dropna(subset=["parent"]).drop_duplicates("place").set_index("place")["parent"]
            .reindex(places["place"].unique()).fillna("").astype(str))
    work = themes.merge(places[["initiative_id", "place"]].drop_duplicates(), on="initiative_id")
    work["area"] = area.reindex(work["place"]).to_numpy()
    place_n = work.groupby("place")["initiative_id"].nunique().rename("goal_initiatives")
    area_sector_n = (work.groupby(["area", "sector"])["initiative_id"].nunique()
                     .rename("sector_initiatives").reset_index())
    place_sectors = work[["place", "area", "sector"]].drop_duplicates()
    grid = (place_sectors[["place", "area"]].drop_duplicates()
            .merge(area_sector_n, on="area"))
    grid = grid.merge(place_sectors.assign(_hit=True), on=["place", "area", "sector"], how="left")
    rows = grid[grid["_hit"].isna()].drop(columns="_hit").copy()
    rows["goal_initiatives"] = place_n.reindex(rows["place"]).to_numpy()
    in_place = place_sectors.groupby("place").size()
    in_area = place_sectors.groupby("area")["sector"].nunique()
    rows["place_name"] = place_names(reg, place_kind).reindex(rows["place"]).to_numpy()
    area_name = _area_names(reg, [a for a in rows["area"].unique() if a])
    in_what = [str(area_name[a]) if a else "the registry" for a in rows["area"]]
    rows["explanation"] = [
        f"{n} {active}{'initiative works' if n == 1 else 'initiatives work'} in "
        f"{pn if isinstance(pn, str) else p} ({place_kind}) "
        f"on {in_place[p]} of the {in_area[a]} sectors active in {w}, "
        f"but none on sector {sec} ({k} {active}initiative{'' if k == 1 else 's'} elsewhere in {w})"
        for n, pn, p, a, sec, k, w in zip(rows["goal_initiatives"], rows["place_name"],
                                          rows["place"], rows["area"], rows["sector"],
                                          rows["sector_initiatives"], in_what)]
    rows["scope"] = "place"
    rows["place_kind"] = place_kind
    cols = (UNCOVERED_COLUMNS[:4] + ["sector"] + UNCOVERED_COLUMNS[4:8] + ["sector_initiatives",
                                                                          "explanation"])
    out = rows.reindex(columns=cols)
    out = out.astype({c: "string" for c in cols
                      if c not in ("goal", "goal_initiatives", "sector_initiatives")})
    out["goal"] = out["goal"].astype("Int64")
    out[["goal_initiatives", "sector_initiatives"]] = (
        out[["goal_initiatives", "sector_initiatives"]].astype("int64"))
    return out.sort_values(["goal_initiatives", "sector_initiatives", "place", "sector"],
                           ascending=[False, False, True, True], kind="stable"
                           ).reset_index(drop=True)
