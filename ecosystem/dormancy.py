"""Dormant records, judged as of the date the data describes, never the day the code runs.

The as-of date
--------------
A registry is a snapshot. Every "has it ended", "has it reported" question is
asked at the registry's **as-of date** (:func:`as_of_date`): the snapshot date
a study file states (``[analysis] as_of``), else the latest date the data
holds that *records* something that happened, read per registry kind
(``initiatives.kind``, :mod:`ecosystem.kinds`):

===========  ==================================================================
kind         dates read as records
===========  ==================================================================
partnership  start dates (SDG platform timelines); deliverable and completion
             dates are plans (the Ocean registry has deliverables dated 2050) and
             are not read. Registrants may announce a start ahead of time, so the
             latest start dates are left out while they stand more than a year
             after every other one (at most 1% of the dated records).
activity     transaction dates (IATI ``transaction-date``: money committed or
             spent); the start dates when no transaction is dated.
grant        award dates (360Giving ``awardDate``, the flows' date); the start
             dates when no award is dated.
presence     the reporting period (3W ``#date``: start and end).
===========  ==================================================================

A date is *real* when it is given and not a placeholder: registries write "not
given" as the Unix epoch (the Ocean platform shows ``01 January 1970``), so any
date before 1980-01-01 is treated as a placeholder.

Dormancy rules, per kind
------------------------
**partnership** (issue 5 §2): "a record is dormant when it has no real dates,
no deliverable with a real date, or its completion date has passed with no
deliverable". The platform itself marks an initiative inactive when no
progress report has been received two years after registration (UN DESA
2018); the registry pages hold neither the registration date nor the progress
reports, so that rule cannot be applied and the three clauses stand in for it:

``no_real_dates``
    neither the start nor the end (completion) date is real;
``no_dated_deliverable``
    no deliverable has a real date (including records with no deliverable);
``ended_without_deliverable``
    the real end date is before the as-of date and the record lists no
    deliverable at all.

Read literally the third clause would be redundant with the second, so the
first two are read together (``rule="combined"``, the default)::

    dormant = (no_real_dates and no_dated_deliverable) or ended_without_deliverable

``rule="any"`` gives the literal reading. On the Ocean commitments at their
snapshot date the combined rule marks about a fifth dormant, the literal two fifths.

**activity** (IATI): the ``activity-status`` codelist (1 Pipeline/identification,
2 Implementation, 3 Finalisation, 4 Closed, 5 Cancelled, 6 Suspended). A
*suspended* activity is dormant. An activity reported in implementation (or
with no status) is dormant when nothing happened in the two years up to the
as-of date (the platform's two-year window): no transaction dated in them and
no start in them. When no transaction of the registry is dated (IATI flattened
to a sheet of totals), only the status can be read and only suspended
activities are dormant. Pipeline activities have not begun; finalised, closed
and cancelled ones have ended: none of them is dormant.

**grant** (360Giving): not assessed. A grant is an award recorded once, with
planned dates; a grant past its planned end has ended, and the standard has no
later reporting that could show it idle.

**presence** (3W/4W): not assessed. A 3W lists who is present during its
reporting period; every row is presence in that period by construction.

A registry (or kind) with no real date is **not assessed** ("no dates: dormancy
not assessed"), never 100% dormant; such records have ``assessed`` and
``dormant`` False, so filters keep them.

References
----------
UN DESA (2018). United Nations Partnership for SDGs online platform introduces
tracking of progress reports. 7 November 2018, sustainabledevelopment.un.org.

IATI Standard. ActivityStatus codelist. https://iatistandard.org/en/iati-standard/203/codelists/activitystatus/

Examples
--------
Four partnerships: ``i1`` dated with a dated deliverable, ``i2`` with nothing
dated, ``i3`` ended in 2018 with no deliverable, ``i4`` running with an
undated deliverable.

>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> reg = Registry.from_frames(
...     initiatives=pd.DataFrame({
...         "initiative_id": ["i1", "i2", "i3", "i4"], "registry": "r",
...         "record_id": ["1", "2", "3", "4"], "kind": "partnership",
...         "start": ["2020-01-01", None, "2015-01-01", "2019-01-01"],
...         "end": ["2030-12-31", None, "2018-06-30", "2030-12-31"]}),
...     deliverables=pd.DataFrame({"initiative_id": ["i1", "i4"],
...                                "date": ["2021-05-01", None], "text": ["report", "toolkit"]}))
>>> d = dormant_initiatives(reg, today="2026-03-26")
>>> d.loc[d["dormant"], "initiative_id"].tolist()
['i2', 'i3']
>>> print(d.loc[2, "reason"])
completion date 2018-06-30 has passed with no deliverable

Without ``today`` the as-of date comes from the data (the latest start, 2020-01-01):

>>> print(as_of_date(reg))
2020-01-01 (latest start date in the data)
>>> dormancy_share(reg, rule="any")
0.75
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ecosystem.errors import AnalysisError
from ecosystem.id_lookups import member_of
from ecosystem.model import Registry

__all__ = ["NOT_ASSESSED", "REAL_DATE_FROM", "RULES", "RULE_WORDS", "WINDOW", "AsOf", "DateLike",
           "as_of_date", "dormancy_share", "dormant_initiatives"]

#: A reference date, as every ``today`` parameter (and the date windows of
#: :func:`ecosystem.filters.filter_registry`) accepts it: an ISO date string
#: (``"2026-03-26"``), a :class:`datetime.date` or :class:`datetime.datetime`, a
#: :class:`pandas.Timestamp`, or None (for ``today``: the registry's as-of date,
#: :func:`as_of_date`; never the wall clock). Read with :class:`pandas.Timestamp`.
DateLike = str | datetime.date | pd.Timestamp | None

#: Dates before this are placeholders ("not given").
REAL_DATE_FROM = pd.Timestamp("1980-01-01")

RULES = ("combined", "any")

#: An activity with no transaction and no start in this window before the as-of date is dormant.
WINDOW = pd.DateOffset(years=2)

#: Why records of each kind are not assessed (``reason`` of their rows).
NOT_ASSESSED = {
    "grant": "grant: dormancy not assessed (an award is recorded once; no later reporting)",
    "presence": "3W presence: dormancy not assessed (a 3W lists presence in its reporting "
                "period)",
    "link": "link: dormancy not assessed (a drawn network records ties, not activities)",
    "no dates": "no dates: dormancy not assessed",
}

#: Each kind's dormancy rule in words (for methods notes; see the module docstring).
RULE_WORDS = {
    "partnership": "A partnership is dormant when it has nothing dated (no real start or end "
                   "date, no dated deliverable) or its completion date has passed with no "
                   "deliverable.",
    "activity": "An aid activity is dormant when its status is Suspended, or when it is "
                "reported in implementation (or has no status) with no transaction and no "
                "start in the two years to the as-of date (status alone when no transaction "
                "is dated); pipeline, finalised, closed and cancelled activities are not.",
    "grant": "Grants are not assessed: an award is recorded once, with no later reporting.",
    "presence": "3W presences are not assessed: a 3W lists presence in its reporting period.",
    "link": "Links of a drawn network are not assessed: they record ties, not activities.",
}

_STATUS = {"1": "pipeline", "pipeline/identification": "pipeline", "pipeline": "pipeline",
           "2": "implementation", "implementation": "implementation",
           "3": "finalisation", "finalisation": "finalisation", "completion": "finalisation",
           "4": "closed", "closed": "closed", "post-completion": "closed",
           "5": "cancelled", "cancelled": "cancelled", "6": "suspended", "suspended": "suspended"}


@dataclass(frozen=True)
class AsOf:
    """The date a registry's data describes, and where it comes from.

    ``date`` is None when the registry holds no real date; ``source`` says
    which date it is in words ("snapshot date stated by the study", "latest
    transaction date in the data" …).
    """

    date: pd.Timestamp | None
    source: str

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} ({self.source})" if self.date is not None else self.source


def _real(s: pd.Series) -> pd.Series:
    return s.notna() & (s >= REAL_DATE_FROM)


def _dates(s: pd.Series) -> pd.Series:
    return s[_real(s)]


def _latest_start(starts: pd.Series) -> tuple[pd.Timestamp | None, str]:
    """The latest start date, leaving out announced starts that stand a year beyond all others."""
    if starts.empty:
        return None, ""
    values = np.sort(starts.to_numpy(dtype="datetime64[ns]"))[::-1]
    year = np.timedelta64(365, "D")
    dropped = 0
    while (dropped + 1 < len(values) and values[dropped] - values[dropped + 1] > year
           and dropped + 1 <= 0.01 * len(values)):
        dropped += 1
    note = (f"; {dropped} later start date{'s' if dropped > 1 else ''} more than a year after "
            "all others left out as announced plans" if dropped else "")
    return pd.Timestamp(values[dropped]), note


def _kind_as_of(reg: Registry, kind: str, ids: pd.Series) -> tuple[pd.Timestamp | None, str]:
    ini = reg.initiatives[reg.initiatives["kind"] == kind]
    if kind in ("activity", "grant"):
        flows = reg.flows[member_of(reg.flows["initiative_id"], ids)]
        dated = _dates(flows["date"])
        if len(dated):
            return dated.max(), ("latest transaction date in the data" if kind == "activity"
                                 else "latest award date in the data")
    if kind == "presence":
        period = _dates(pd.concat([ini["start"], ini["end"]]))
        return (period.max(), "latest reporting-period date in the data") if len(period) \
            else (None, "")
    latest, note = _latest_start(_dates(ini["start"]))
    return latest, f"latest start date in the data{note}"


def as_of_date(reg: Registry, as_of: DateLike = None) -> AsOf:
    """The registry's as-of date: ``as_of`` when given, else the latest date it records.

    Read per kind of initiative (see the module docstring); a registry of
    several kinds takes the latest of its kinds' dates. Never the wall clock.

    Parameters
    ----------
    reg : Registry
    as_of : DateLike, optional
        The snapshot date a study file states (``[analysis] as_of``).

    Returns
    -------
    AsOf
        ``date`` (None when the data holds no real date) and ``source`` in words.

    Examples
    --------
    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> reg = Registry.from_frames(initiatives=pd.DataFrame({
    ...     "initiative_id": ["i1", "i2"], "registry": "r", "record_id": ["1", "2"],
    ...     "kind": "partnership", "start": ["2020-01-01", "1970-01-01"],
    ...     "end": ["2030-12-31", None]}))
    >>> as_of_date(reg, "2026-03-26")
    AsOf(date=Timestamp('2026-03-26 00:00:00'), source='snapshot date stated by the study')
    >>> print(as_of_date(reg))
    2020-01-01 (latest start date in the data)
    """
    if as_of is not None:
        return AsOf(pd.Timestamp(as_of).normalize(), "snapshot date stated by the study")
    ini = reg.initiatives
    best: tuple[pd.Timestamp | None, str] = (None, "no dates in the data")
    for kind in ini["kind"].dropna().unique():
        date, source = _kind_as_of(reg, kind, ini.loc[ini["kind"] == kind, "initiative_id"])
        if date is not None and (best[0] is None or date > best[0]):
            best = (date, source)
    return AsOf(None if best[0] is None else pd.Timestamp(best[0]).normalize(), best[1])


def _partnership(ini: pd.DataFrame, d: pd.DataFrame, today: pd.Timestamp,
                 rule: str) -> tuple[np.ndarray, list[str], dict]:
    """The partnership rule on ``ini`` (its three clauses, combined or literal)."""
    ids = ini["initiative_id"]
    start_real = _real(ini["start"]).to_numpy(dtype=bool)
    end_real = _real(ini["end"]).to_numpy(dtype=bool)
    has_deliv = member_of(ids, d["initiative_id"])
    no_dated = ~member_of(ids, d.loc[_real(d["date"]), "initiative_id"])
    no_dates = ~start_real & ~end_real
    ended = end_real & (ini["end"] < today).fillna(False).to_numpy(dtype=bool) & ~has_deliv
    dormant = (no_dates & no_dated) | ended if rule == "combined" else no_dates | no_dated | ended
    ends = ini["end"].dt.strftime("%Y-%m-%d").to_numpy(dtype=object)
    reasons = []
    for i in range(len(ini)):
        parts = []
        if rule == "combined" and no_dates[i] and no_dated[i]:
            parts.append("no real start or end date and no dated deliverable")
        elif rule == "any":
            parts += (["no real start or end date"] if no_dates[i] else []) + \
                     (["no deliverable with a real date"] if no_dated[i] else [])
        if ended[i]:
            parts.append(f"completion date {ends[i]} has passed with no deliverable")
        reasons.append("; ".join(parts))
    return dormant, reasons, {"no_real_dates": no_dates, "no_dated_deliverable": no_dated,
                              "ended_without_deliverable": ended}


def _activity(reg: Registry, ini: pd.DataFrame, today: pd.Timestamp) -> tuple[np.ndarray, list]:
    """The activity rule: suspended, or in implementation with nothing in the last two years."""
    status = ini["status"].astype("string").str.strip().str.lower().map(_STATUS)
    status = status.to_numpy(dtype=object)
    since = today - WINDOW
    f = reg.flows[member_of(reg.flows["initiative_id"], ini["initiative_id"])]
    moved = f.loc[_real(f["date"]) & (f["date"] > since) & (f["date"] <= today), "initiative_id"]
    started = ((ini["start"] > since) & (ini["start"] <= today)).fillna(False)
    sign = member_of(ini["initiative_id"], moved) | started.to_numpy(dtype=bool)
    if not _real(f["date"]).any():  # no dated transaction: the status alone can be read
        sign[:] = True
    window = f"the two years to {today:%Y-%m-%d}"
    dormant, reasons = np.zeros(len(ini), dtype=bool), []
    for i, s in enumerate(status):
        if s == "suspended":
            dormant[i] = True
            reasons.append("activity status Suspended")
        elif s in (None, "implementation") or pd.isna(s):
            dormant[i] = not sign[i]
            said = "reported in implementation" if s == "implementation" else "no status"
            reasons.append(f"{said}, but no transaction and no start in {window}"
                           if dormant[i] else "")
        else:
            reasons.append("")
    return dormant, reasons


def dormant_initiatives(reg: Registry, today: DateLike | AsOf = None, *,
                        rule: str = "combined") -> pd.DataFrame:
    """Flag dormant initiatives, each by its kind's rule, as of the data's date.

    Parameters
    ----------
    reg : Registry
    today : DateLike or AsOf, optional
        The as-of date; default :func:`as_of_date` of ``reg`` (the data's own
        date, never the wall clock).
    rule : {"combined", "any"}
        How the partnership clauses combine (see the module docstring).

    Returns
    -------
    DataFrame
        One row per initiative, in ``reg.initiatives`` order: ``initiative_id``,
        ``dormant`` (bool; False when not assessed), ``assessed`` (bool),
        ``reason`` (words: why dormant, or why not assessed; empty when
        active), ``no_real_dates``, ``no_dated_deliverable``,
        ``ended_without_deliverable`` (the partnership clauses; False on other kinds).

    Examples
    --------
    A 3W presence is not assessed, an IATI activity suspended is dormant:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> reg = Registry.from_frames(initiatives=pd.DataFrame({
    ...     "initiative_id": ["p", "a"], "registry": "r", "record_id": ["1", "2"],
    ...     "kind": ["presence", "activity"], "status": [None, "Suspended"],
    ...     "start": [None, "2019-01-01"]}))
    >>> dormant_initiatives(reg)[["dormant", "assessed"]].to_numpy().tolist()
    [[False, False], [True, True]]
    """
    if rule not in RULES:
        raise AnalysisError(f"unknown dormancy rule {rule!r}: choose one of {', '.join(RULES)}")
    if today is None:
        today = as_of_date(reg)
    day = today.date if isinstance(today, AsOf) else pd.Timestamp(today)
    ini = reg.initiatives
    n = len(ini)
    out = pd.DataFrame({"initiative_id": ini["initiative_id"].to_numpy(),
                        "dormant": np.zeros(n, dtype=bool), "assessed": np.zeros(n, dtype=bool),
                        "reason": pd.array([""] * n, dtype="string"),
                        "no_real_dates": np.zeros(n, dtype=bool),
                        "no_dated_deliverable": np.zeros(n, dtype=bool),
                        "ended_without_deliverable": np.zeros(n, dtype=bool)})
    kinds = ini["kind"].fillna("partnership").to_numpy(dtype=object)
    kinds = np.where(np.isin(kinds, ["activity", "grant", "presence", "link"]), kinds,
                     "partnership")
    for kind in np.unique(kinds):
        pos = np.flatnonzero(kinds == kind)
        part = ini.iloc[pos]
        if kind in ("grant", "presence", "link"):
            out.loc[pos, "reason"] = NOT_ASSESSED[kind]
            continue
        if day is None or not _has_dates(reg, part, kind):
            out.loc[pos, "reason"] = NOT_ASSESSED["no dates"]
            continue
        out.loc[pos, "assessed"] = True
        if kind == "activity":
            flags, reasons = _activity(reg, part, day)
        else:
            flags, reasons, clauses = _partnership(part, reg.deliverables, day, rule)
            for col, v in clauses.items():
                out.loc[pos, col] = v
        out.loc[pos, "dormant"] = flags
        out.loc[pos, "reason"] = reasons
    return out


def _has_dates(reg: Registry, ini: pd.DataFrame, kind: str) -> bool:
    """Does any record of ``ini`` hold a real date its kind's rule reads?"""
    ids = ini["initiative_id"]
    if _real(ini["start"]).any() or _real(ini["end"]).any():
        return True
    other = reg.flows if kind == "activity" else reg.deliverables
    return bool(_real(other.loc[member_of(other["initiative_id"], ids), "date"]).any())


def dormancy_share(reg: Registry, today: DateLike | AsOf = None, *,
                   rule: str = "combined") -> float:
    """Share of the assessed initiatives that are dormant (0 when the registry is empty).

    Raises :class:`~ecosystem.errors.AnalysisError` when no initiative can be
    assessed (a 3W sheet, grants, a registry with no dates): the reason, never 0% or 100%.
    """
    d = dormant_initiatives(reg, today, rule=rule)
    if not len(d):
        return 0.0
    if not d["assessed"].any():
        raise AnalysisError(str(d["reason"].iloc[0]))
    return float(d.loc[d["assessed"], "dormant"].mean())
