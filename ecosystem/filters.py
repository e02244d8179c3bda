"""Filters applied to a registry before graphs are built.

:func:`filter_registry` keeps the initiatives that pass every filter given, then
cuts every table down to them: ties, facets, deliverables, resources, flows,
mentions and unresolved phrases of the kept initiatives, and the actors that
still have a tie or a flow. Filters combine with AND; the values inside one
filter combine with OR (``goals=[14, 13]``: initiatives on goal 14 or 13).

Examples
--------
Three initiatives of two actors: ``i1`` (goal 14, 2015–2016), ``i2`` (goal 14,
2018–2025) and ``i3`` (goal 13, from 2019, with a government partner).

>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> reg = Registry.from_frames(
...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"],
...                          "actor_type": ["ngo", "government"]}),
...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2", "i3"], "registry": "r",
...                               "record_id": ["1", "2", "3"], "kind": "partnership",
...                               "start": ["2015-01-01", "2018-01-01", "2019-01-01"],
...                               "end": ["2016-12-31", "2025-12-31", None]}),
...     ties=pd.DataFrame({"initiative_id": ["i1", "i2", "i3", "i3"],
...                        "actor_id": ["a", "a", "a", "b"], "role": "lead",
...                        "registry": "r", "record_id": ["1", "2", "3", "3"]}),
...     initiative_goals=pd.DataFrame({"initiative_id": ["i1", "i2", "i3"],
...                                    "goal": [14, 14, 13]}))
>>> sub = filter_registry(reg, goals=[14], start="2017-01-01")
>>> sub.initiatives["initiative_id"].tolist(), sub.actors["actor_id"].tolist()
(['i2'], ['a'])
>>> filter_registry(reg, actor_types="government").initiatives["initiative_id"].tolist()
['i3']
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ecosystem.dormancy import DateLike
from ecosystem.errors import AnalysisError
from ecosystem.id_lookups import member_of
from ecosystem.model import Registry

__all__ = ["DORMANT_CHOICES", "filter_registry", "restrict"]

DORMANT_CHOICES = ("include", "exclude", "only")


def _as_list(v) -> list:
    if v is None:
        return []
    if isinstance(v, (str, int, float)):
        return [v]
    return list(v)


def _preview(values, n: int = 8) -> str:
    values = sorted({str(v) for v in values})
    more = f" … ({len(values)} in all)" if len(values) > n else ""
    return ", ".join(values[:n]) + more


def filter_registry(reg: Registry, *, registries: str | Iterable[str] | None = None,
                    start: DateLike = None, end: DateLike = None,
                    goals: int | Iterable[int] | None = None,
                    targets: str | Iterable[str] | None = None,
                    places: str | Iterable[str] | None = None,
                    actor_types: str | Iterable[str] | None = None,
                    dormant: str = "include", today: DateLike = None) -> Registry:
    """Keep the part of ``reg`` that passes the filters.

    Parameters
    ----------
    reg : Registry
    registries : str or list of str, optional
        Registry names (``Registry.registries`` lists them).
    start, end : DateLike, optional
        Time window (:data:`ecosystem.dormancy.DateLike`). An initiative is
        kept when its [start, end] interval overlaps the window; a missing or
        placeholder start (end) counts as open-ended on that side; an
        initiative with neither date is dropped as soon as a window is given,
        since it cannot be placed in time.
    goals : int or list of int, optional
        SDG goals (1–17); matched against ``initiative_goals`` and the goals of
        ``initiative_targets``.
    targets : str or list of str, optional
        SDG targets such as ``"14.1"``.
    places : str or list of str, optional
        Place codes (ISO3, region, basin, admin code); an admin area matches
        its parent country code too.
    actor_types : str or list of str, optional
        Keep only actors of these types and their ties; initiatives left with
        no tie are dropped.
    dormant : {"include", "exclude", "only"}
        Dormant records (see :mod:`ecosystem.dormancy`) kept, dropped, or kept
        alone.
    today : DateLike, optional
        The as-of date dormancy is judged at (default: the registry's own,
        :func:`ecosystem.dormancy.as_of_date`; never the wall clock). Records
        dormancy does not assess (grants, 3W presences, undated registries)
        count as not dormant.

    Returns
    -------
    Registry

    Raises
    ------
    AnalysisError
        When the registry is empty, a value is unknown (``dormant``), or the
        filters leave no initiative; the message names the filter that emptied
        the selection and the values present.
    """
    if dormant not in DORMANT_CHOICES:
        raise AnalysisError(
            f"dormant={dormant!r} is not a choice: use one of {', '.join(DORMANT_CHOICES)}")
    ini = reg.initiatives
    if len(ini) == 0:
        raise AnalysisError("the registry is empty: load a registry file with "
                            "ecosystem.load(path) before filtering")
    keep = pd.Series(True, index=ini.index)
    ids = ini["initiative_id"]
    steps: list[tuple[str, pd.Series, str]] = []

    regs = _as_list(registries)
    if regs:
        steps.append((f"registries={regs}", ini["registry"].isin(regs).fillna(False),
                      f"registries present: {_preview(ini['registry'].dropna())}"))
    if start is not None or end is not None:
        from ecosystem.dormancy import REAL_DATE_FROM
        s = ini["start"].where(ini["start"] >= REAL_DATE_FROM)
        e = ini["end"].where(ini["end"] >= REAL_DATE_FROM)
        dated = s.notna() | e.notna()
        ok = dated
        if start is not None:
            ok = ok & (e.isna() | (e >= pd.Timestamp(start)))
        if end is not None:
            ok = ok & (s.isna() | (s <= pd.Timestamp(end)))
        lo, hi = pd.concat([s, e]).min(), pd.concat([s, e]).max()
        span = (f"real dates run from {lo:%Y-%m-%d} to {hi:%Y-%m-%d}" if dated.any()
                else "no initiative has a real date")
        steps.append((f"start={start}, end={end}", ok.fillna(False), span))
    gl = _as_list(goals)
    if gl:
        try:
            gl = [int(g) for g in gl]
        except (TypeError, ValueError):
            raise AnalysisError(f"goals must be SDG numbers 1–17, got {goals!r}") from None
        on_goal = set(reg.initiative_goals.loc[reg.initiative_goals["goal"].isin(gl),
                                               "initiative_id"])
        on_goal |= set(reg.initiative_targets.loc[reg.initiative_targets["goal"].isin(gl),
                                                  "initiative_id"])
        present = set(reg.initiative_goals["goal"].dropna()) | set(
            reg.initiative_targets["goal"].dropna())
        steps.append((f"goals={gl}", member_of(ids, on_goal), f"goals present: {_preview(present)}"))
    tl = [str(t) for t in _as_list(targets)]
    if tl:
        t = reg.initiative_targets
        steps.append((f"targets={tl}", member_of(ids, t.loc[t["target"].isin(tl), "initiative_id"]),
                      f"targets present: {_preview(t['target'].dropna())}"))
    pl = [str(p) for p in _as_list(places)]
    if pl:
        p = reg.initiative_places
        hit = p["place"].isin(pl) | p["parent"].isin(pl).fillna(False)
        steps.append((f"places={pl}", member_of(ids, p.loc[hit, "initiative_id"]),
                      f"places present include: {_preview(p['place'].dropna())}"))
    at = _as_list(actor_types)
    ties = reg.ties
    if at:
        typed = set(reg.actors.loc[reg.actors["actor_type"].isin(at), "actor_id"])
        ties = ties[member_of(ties["actor_id"], typed)]
        steps.append((f"actor_types={at}", member_of(ids, ties["initiative_id"]),
                      f"actor types present: {_preview(reg.actors['actor_type'].dropna())}"))
    if dormant != "include":
        from ecosystem.dormancy import dormant_initiatives
        d = dormant_initiatives(reg, today)
        flag = pd.Series(d["dormant"].to_numpy(), index=ini.index)
        unassessed = int((~d["assessed"]).sum())
        steps.append((f"dormant={dormant!r}", flag if dormant == "only" else ~flag,
                      f"{int(flag.sum())} of {len(ini)} initiatives are dormant"
                      + (f", {unassessed} not assessed ({d.loc[~d['assessed'], 'reason'].iloc[0]})"
                         if unassessed else "")))

    if not steps:
        return reg
    for what, mask, present in steps:
        before = int(keep.sum())
        keep &= np.asarray(mask, dtype=bool)
        if not keep.any():
            raise AnalysisError(
                f"the filter {what} leaves no initiative (of {before} before it, "
                f"{len(ini)} in the registry): change {what.split('=')[0]} ({present})"
            )
    kept = ids[keep]
    return restrict(reg, kept, ties)


def restrict(reg: Registry, kept: pd.Series, ties: pd.DataFrame) -> Registry:
    """Cut every table of ``reg`` to the initiatives in ``kept``, with ``ties`` as its ties.

    Parameters
    ----------
    reg : Registry
    kept : Series of str
        The initiative ids to keep.
    ties : DataFrame
        The ties to start from (``reg.ties``, or fewer: say, only some actors'):
        cut to ``kept`` too. Actors without a tie or flow left are dropped.
        Flows not attached to an initiative are dropped (they cannot be placed
        under the filters). The crosswalk keeps the kept actors' names as the kept
        initiatives' registries write them (a store resolves all its registries together:
        another registry's spellings of the same actor are not this selection's).

    Returns
    -------
    Registry
    """
    def sub(df: pd.DataFrame) -> pd.DataFrame:
        return df[member_of(df["initiative_id"], kept)]

    ties = sub(ties)
    flows = reg.flows
    flows = flows[member_of(flows["initiative_id"], kept)]
    used = pd.concat([ties["actor_id"], flows["provider_actor_id"].dropna(),
                      flows["receiver_actor_id"].dropna()]).astype("string").unique()
    actors = reg.actors[member_of(reg.actors["actor_id"], used)]
    initiatives = sub(reg.initiatives)
    # the names as the kept registries write them: not how another registry of the store does
    cw = reg.crosswalk[member_of(reg.crosswalk["actor_id"], used)]
    cw = cw[cw["registry"].isna() | member_of(cw["registry"], initiatives["registry"].unique())]
    out = Registry(
        actors=actors.reset_index(drop=True),
        initiatives=initiatives.reset_index(drop=True),
        ties=ties.reset_index(drop=True),
        initiative_goals=sub(reg.initiative_goals).reset_index(drop=True),
        initiative_targets=sub(reg.initiative_targets).reset_index(drop=True),
        initiative_places=sub(reg.initiative_places).reset_index(drop=True),
        initiative_themes=sub(reg.initiative_themes).reset_index(drop=True),
        deliverables=sub(reg.deliverables).reset_index(drop=True),
        resources=sub(reg.resources).reset_index(drop=True),
        flows=flows.reset_index(drop=True),
        mentions=sub(reg.mentions).reset_index(drop=True),
        unresolved=sub(reg.unresolved).reset_index(drop=True),
        crosswalk=cw.reset_index(drop=True),
    )
    out.sources = list(reg.sources)
    return out
