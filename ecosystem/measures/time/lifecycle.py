"""Life-cycle stage of every initiative as of the registry's as-of date, by its kind's rule.

Stages: ``announced`` (registered, not yet begun), ``active``, ``overdue``,
``completed``, ``cancelled``, ``dormant`` and ``undated`` (no date to judge by).
The rules, per kind (:data:`STAGE_RULES`; dormancy is
:func:`ecosystem.dormancy.dormant_initiatives`):

partnership
    dormant by the dormancy rule; else completed when its completion date has
    passed; announced when its start lies after the as-of date; overdue when it
    started more than two years before the as-of date and no deliverable is dated
    within two years of its start (the platform's two-year rule, UN DESA 2018:
    no progress report within two years; the start stands for the registration
    date the registry pages do not hold); active otherwise; undated when it has
    neither a start nor a completion date.
activity
    by the IATI activity status: pipeline is announced, finalisation and closed
    completed, cancelled cancelled, suspended dormant; an activity in
    implementation (or without status) is dormant by the dormancy rule, overdue
    when its planned end has passed, else active; without status the dates decide.
grant
    announced before its planned start, completed after its planned end, else
    active (never dormant or overdue: an award is recorded once).
presence
    active within its reporting period, completed after it, announced before it.

Stages at an earlier date (:func:`stage_transitions`) judge the record as it
stands at the as-of date on that earlier day; IATI statuses are a snapshot, so
activities have no earlier stages.

References
----------
UN DESA (2018). United Nations Partnership for SDGs online platform introduces
tracking of progress reports. 7 November 2018, sustainabledevelopment.un.org.

IATI Standard. ActivityStatus codelist.
https://iatistandard.org/en/iati-standard/203/codelists/activitystatus/

Examples
--------
>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> reg = Registry.from_frames(
...     initiatives=pd.DataFrame({
...         "initiative_id": ["i1", "i2", "i3", "i4"], "registry": "r",
...         "record_id": ["1", "2", "3", "4"], "kind": "partnership",
...         "start": ["2017-01-01", "2017-01-01", "2015-01-01", "2027-01-01"],
...         "end": ["2030-12-31", "2030-12-31", "2018-06-30", None]}),
...     deliverables=pd.DataFrame({"initiative_id": ["i1", "i2", "i3"],
...                                "date": ["2018-05-01", "2025-01-01", "2016-01-01"],
...                                "text": "report"}))
>>> life_cycle(reg, as_of="2026-03-26")["stage"].tolist()
['active', 'overdue', 'completed', 'announced']
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ecosystem.dormancy import REAL_DATE_FROM, WINDOW, AsOf, DateLike, dormant_initiatives
from ecosystem.id_lookups import member_of
from ecosystem.measures.time.periods import as_of_day
from ecosystem.model import Registry

__all__ = ["STAGES", "STAGE_RULES", "life_cycle", "portfolios", "stage_counts",
           "stage_transitions"]

#: The stages, in life-cycle order.
STAGES = ("announced", "active", "overdue", "completed", "cancelled", "dormant", "undated")

#: Each kind's stage rule in words (methods appendix).
STAGE_RULES = {
    "partnership": "dormant by the dormancy rule; completed when its completion date has "
                   "passed; announced when its start lies after the as-of date; overdue when "
                   "it started more than two years before and no deliverable is dated within "
                   "two years of its start (UN DESA's two-year rule, with the start standing "
                   "for the registration date); otherwise active; undated without a start or "
                   "completion date.",
    "activity": "by the IATI status: pipeline is announced, finalisation and closed are "
                "completed, cancelled, suspended is dormant; in implementation (or without "
                "status) it is dormant by the dormancy rule, overdue when its planned end has "
                "passed, otherwise active.",
    "grant": "announced before its planned start, completed after its planned end, "
             "otherwise active.",
    "presence": "active within its reporting period, completed after it, announced before it.",
}

_STATUS = {"1": "announced", "pipeline/identification": "announced", "pipeline": "announced",
           "3": "completed", "finalisation": "completed", "completion": "completed",
           "4": "completed", "closed": "completed", "post-completion": "completed",
           "5": "cancelled", "cancelled": "cancelled", "6": "dormant", "suspended": "dormant"}


def _real(s: pd.Series) -> pd.Series:
    return s.where(s >= REAL_DATE_FROM)


def _partnership(reg: Registry, ini: pd.DataFrame, day: pd.Timestamp) -> np.ndarray:
    start, end = _real(ini["start"]), _real(ini["end"])
    d = reg.deliverables
    d = d[member_of(d["initiative_id"], ini["initiative_id"]) & (d["date"] >= REAL_DATE_FROM)]
    first = d.merge(ini[["initiative_id", "start"]], on="initiative_id")
    early = first[(first["date"] <= first["start"] + WINDOW)]
    reported = member_of(ini["initiative_id"], early["initiative_id"])
    stage = np.full(len(ini), "active", dtype=object)
    stage[(start.isna() & end.isna()).to_numpy()] = "undated"
    overdue = ((start + WINDOW) <= day).fillna(False).to_numpy(dtype=bool) & ~reported
    stage[overdue] = "overdue"
    stage[(start > day).fillna(False).to_numpy(dtype=bool)] = "announced"
    stage[(end < day).fillna(False).to_numpy(dtype=bool)] = "completed"
    return stage


def _dated_stage(ini: pd.DataFrame, day: pd.Timestamp) -> np.ndarray:
    start, end = _real(ini["start"]), _real(ini["end"])
    stage = np.full(len(ini), "active", dtype=object)
    stage[(start.isna() & end.isna()).to_numpy()] = "undated"
    stage[(start > day).fillna(False).to_numpy(dtype=bool)] = "announced"
    stage[(end < day).fillna(False).to_numpy(dtype=bool)] = "completed"
    return stage


def _grant(reg: Registry, ini: pd.DataFrame, day: pd.Timestamp) -> np.ndarray:
    f = reg.flows[reg.flows["date"] >= REAL_DATE_FROM]
    first = f.groupby(f["initiative_id"].astype(str))["date"].min().to_dict()
    award = pd.to_datetime(ini["initiative_id"].astype(str).map(first)).astype("datetime64[ns]")
    stage = _dated_stage(ini.assign(start=ini["start"].fillna(award)), day)
    return stage


def _activity(ini: pd.DataFrame, day: pd.Timestamp, dormant: np.ndarray) -> np.ndarray:
    status = ini["status"].astype("string").str.strip().str.lower().map(_STATUS)
    status = status.to_numpy(dtype=object)
    stage = _dated_stage(ini, day)
    running = np.array([s is None or s != s for s in status])
    stage[running & (stage == "completed")] = "overdue"
    stage[running & dormant] = "dormant"
    stage[~running] = status[~running]
    return stage


def life_cycle(reg: Registry, as_of: DateLike | AsOf = None) -> pd.DataFrame:
    """The stage of every initiative as of ``as_of`` (see the module docstring).

    Returns
    -------
    DataFrame
        ``initiative_id``, ``kind``, ``stage`` (one of :data:`STAGES`), in
        ``reg.initiatives`` order; ``attrs["as_of"]``.
    """
    day = as_of_day(reg, as_of)
    ini = reg.initiatives
    kinds = ini["kind"].fillna("partnership").astype(str).to_numpy(dtype=object)
    dormant = dormant_initiatives(reg, day)["dormant"].to_numpy(dtype=bool)
    stage = np.full(len(ini), "undated", dtype=object)
    for kind in np.unique(kinds):
        pos = np.flatnonzero(kinds == kind)
        part = ini.iloc[pos]
        if kind == "activity":
            stage[pos] = _activity(part, day, dormant[pos])
        elif kind == "grant":
            stage[pos] = _grant(reg, part, day)
        elif kind == "presence":
            stage[pos] = _dated_stage(part, day)
        else:
            s = _partnership(reg, part, day)
            s[dormant[pos]] = "dormant"
            stage[pos] = s
    out = pd.DataFrame({"initiative_id": ini["initiative_id"].to_numpy(), "kind": kinds,
                        "stage": stage})
    out.attrs["as_of"] = day
    return out


def stage_counts(stages: pd.DataFrame, by: pd.Series | None = None) -> pd.DataFrame:
    """Initiatives per stage, overall or per group (``by``: initiative_id → group).

    Returns one row per group (``group``; a single row ``all`` without ``by``)
    and one column per stage of :data:`STAGES` present, plus ``total``. An
    initiative in several groups counts in each.

    Examples
    --------
    >>> st = pd.DataFrame({"initiative_id": ["i1", "i2"], "stage": ["active", "dormant"]})
    >>> stage_counts(st).to_numpy().tolist()
    [['all', 1, 1, 2]]
    """
    if by is None:
        g = stages.assign(group="all")
    else:
        g = stages.merge(by.rename("group").rename_axis("initiative_id").reset_index(),
                         on="initiative_id")
    table = pd.crosstab(g["group"], g["stage"])
    cols = [s for s in STAGES if s in table.columns]
    table = table[cols]
    table["total"] = table.sum(axis=1)
    return table.reset_index().rename_axis(None, axis=1)


def portfolios(reg: Registry, stages: pd.DataFrame) -> pd.DataFrame:
    """Each actor's initiatives by stage: ``actor_id``, ``name``, ``actor_type``, stages, ``total``.

    Sorted by ``total`` (descending), then ``actor_id``.
    """
    t = reg.ties[["actor_id", "initiative_id"]].drop_duplicates()
    t = t.merge(stages[["initiative_id", "stage"]], on="initiative_id")
    table = (t.groupby([t["actor_id"].astype(str).rename("actor_id"), "stage"], observed=True)
             .size().unstack("stage", fill_value=0))  # a crosstab, about five times faster
    table = table[[s for s in STAGES if s in table.columns]]
    table["total"] = table.sum(axis=1)
    table = table.reset_index().rename_axis(None, axis=1)
    actors = reg.actors[["actor_id", "name", "actor_type"]].astype({"actor_id": str})
    out = actors.merge(table, on="actor_id")
    return out.sort_values(["total", "actor_id"], ascending=[False, True]).reset_index(drop=True)


def stage_transitions(reg: Registry, dates: list[pd.Timestamp],
                      known: pd.DataFrame | None = None) -> pd.DataFrame:
    """Stages at each of ``dates`` (ascending), for the kinds whose stages follow from dates.

    ``known`` is an already computed :func:`life_cycle` of ``reg`` (its ``attrs["as_of"]``
    says the date), reused for that date instead of judged again.

    Returns
    -------
    DataFrame
        ``initiative_id`` and one column per date (``YYYY-MM-DD``) holding the
        stage then; before the last date an initiative that starts later is
        ``not_started`` (not yet begun, perhaps not yet registered: the registry
        does not say which). Activities are left out (their status is a
        snapshot); an empty frame when no initiative is of another kind.
    """
    keep = reg.initiatives["kind"].fillna("partnership") != "activity"
    if not keep.any() or not dates:
        return pd.DataFrame(columns=["initiative_id"])
    sub = reg if keep.all() else reg.replace(initiatives=reg.initiatives[keep])
    out = pd.DataFrame({"initiative_id": sub.initiatives["initiative_id"].to_numpy()})
    reuse = (known is not None and sub is reg and "as_of" in known.attrs
             and len(known) == len(out)
             and known["initiative_id"].to_numpy().tolist() == out["initiative_id"].tolist())
    for k, d in enumerate(dates):
        if reuse and pd.Timestamp(d) == pd.Timestamp(known.attrs["as_of"]):
            stage = known["stage"].to_numpy()
        else:
            stage = life_cycle(sub, pd.Timestamp(d))["stage"].to_numpy()
        if k < len(dates) - 1:
            stage = np.where(stage == "announced", "not_started", stage)
        out[f"{pd.Timestamp(d):%Y-%m-%d}"] = stage
    return out
