"""When each initiative was active, and the periods the registry's time is cut into.

Spans, per kind
---------------
An initiative is *active* over its span, read from the dates its kind records
(real dates only: before 1980 is a placeholder, :data:`ecosystem.dormancy.REAL_DATE_FROM`):

===========  =====================================================================
kind         span
===========  =====================================================================
partnership  from its start date to its completion date; with no completion date,
             to the as-of date (it has not ended by the data's own account).
activity     from its start date (else its first dated transaction) to its end
             date; with no end date, to its last dated transaction when its status
             says it has ended (finalisation, closed, cancelled), else to the as-of date.
grant        from its planned start (else its award date) to its planned end (else
             its last award date).
presence     its reporting period (3W ``#date``); one date alone is a one-day span.
===========  =====================================================================

A record with no usable start is **undated**: counted as undated, never placed
on a guessed date. A span that starts after the as-of date is *announced* and
lies in no period. An end before the start is read as a one-day span.

Periods
-------
``by="year"``: calendar years from the first dated start to the as-of date
(the last year ends on the as-of date). ``rounds``: the study's natural rounds
(conference editions), each running from its start date to the day before the
next one, the last to the as-of date; a period "before <first round>" holds what
was active earlier.

Examples
--------
>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> reg = Registry.from_frames(initiatives=pd.DataFrame({
...     "initiative_id": ["i1", "i2", "i3"], "registry": "r", "record_id": ["1", "2", "3"],
...     "kind": "partnership", "start": ["2018-03-01", "2019-06-01", None],
...     "end": ["2018-12-31", None, None]}))
>>> s = initiative_spans(reg, as_of="2020-06-30")
>>> s["dated"].tolist(), s["end"].dt.strftime("%Y-%m-%d").tolist()
([True, True, False], ['2018-12-31', '2020-06-30', nan])
>>> p = periods(s, as_of="2020-06-30")
>>> p["period"].tolist(), p["end"].iloc[-1].strftime("%Y-%m-%d")
(['2018', '2019', '2020'], '2020-06-30')
>>> active_matrix(s, p).sum(axis=1).tolist()
[1, 1, 1]
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ecosystem.dormancy import REAL_DATE_FROM, AsOf, DateLike, as_of_date
from ecosystem.errors import AnalysisError
from ecosystem.id_lookups import member_of
from ecosystem.model import Registry

__all__ = ["NO_DATES", "Rounds", "SPAN_RULES", "active_matrix", "as_of_day", "initiative_spans",
           "periods", "read_rounds", "time_not_assessed"]

#: What the report says when no initiative can be placed in time.
NO_DATES = "no dates: change over time not assessed"

#: The study's rounds: a list of start dates, or a mapping round name → start date.
Rounds = Sequence[str] | Mapping[str, str]

#: Each kind's span rule in words (for the methods appendix).
SPAN_RULES = {
    "partnership": "from its start date to its completion date, or to the as-of date when "
                   "no completion date is given",
    "activity": "from its start date (else its first dated transaction) to its end date; "
                "with no end date, to its last dated transaction when its status says it "
                "has ended, else to the as-of date",
    "grant": "from its planned start (else its award date) to its planned end (else its "
             "award date)",
    "presence": "its reporting period",
}

_ENDED = {"3", "4", "5", "finalisation", "closed", "cancelled", "completion",
          "post-completion"}


def _real(s: pd.Series) -> pd.Series:
    return s.where(s >= REAL_DATE_FROM)


def as_of_day(reg: Registry, as_of: DateLike | AsOf = None) -> pd.Timestamp:
    """The as-of date as a Timestamp (:func:`ecosystem.dormancy.as_of_date`).

    Raises :class:`~ecosystem.errors.AnalysisError` (:data:`NO_DATES`) when the
    registry holds no real date.

    Examples
    --------
    >>> as_of_day(Registry.empty(), "2024-05-01")
    Timestamp('2024-05-01 00:00:00')
    """
    day = as_of if isinstance(as_of, AsOf) else as_of_date(reg, as_of)
    if day.date is None:
        raise AnalysisError(NO_DATES)
    return day.date


def _flow_dates(reg: Registry, ids: pd.Series) -> tuple[pd.Series, pd.Series]:
    """First and last real flow date of each initiative in ``ids`` (NaT when none)."""
    f = reg.flows[member_of(reg.flows["initiative_id"], ids)]
    f = f[f["date"] >= REAL_DATE_FROM]
    g = f.groupby(f["initiative_id"].astype(str))["date"]
    key = ids.astype(str)
    return (pd.to_datetime(key.map(g.min().to_dict())).astype("datetime64[ns]"),
            pd.to_datetime(key.map(g.max().to_dict())).astype("datetime64[ns]"))


def initiative_spans(reg: Registry, as_of: DateLike | AsOf = None) -> pd.DataFrame:
    """The span over which each initiative was active, by its kind's rule.

    Parameters
    ----------
    reg : Registry
    as_of : DateLike or AsOf, optional
        Default the registry's as-of date (never the wall clock).

    Returns
    -------
    DataFrame
        One row per initiative, in ``reg.initiatives`` order: ``initiative_id``,
        ``kind``, ``start``, ``end`` (NaT when undated), ``dated`` (bool),
        ``open_end`` (bool: no end given, runs to the as-of date) and
        ``announced`` (bool: starts after the as-of date).
        ``attrs["as_of"]`` is the as-of date.
    """
    day = as_of_day(reg, as_of)
    ini = reg.initiatives
    kinds = ini["kind"].fillna("partnership").astype(str).to_numpy(dtype=object)
    start, end = _real(ini["start"]).copy(), _real(ini["end"]).copy()
    open_end = pd.Series(False, index=ini.index)
    first, last = _flow_dates(reg, ini["initiative_id"])
    first.index = last.index = ini.index
    status = ini["status"].astype("string").str.strip().str.lower()
    ended = status.isin(_ENDED).fillna(False).to_numpy(dtype=bool)
    for kind in np.unique(kinds):
        m = pd.Series(kinds == kind, index=ini.index)
        if kind in ("activity", "grant"):
            start[m] = start[m].fillna(first[m])
            if kind == "grant":
                end[m] = end[m].fillna(last[m])
            else:
                done = m & pd.Series(ended, index=ini.index)
                end[done] = end[done].fillna(last[done])
        elif kind == "presence":
            start[m] = start[m].fillna(end[m])
            end[m] = end[m].fillna(start[m])
        no_end = m & start.notna() & end.isna()
        open_end[no_end] = True
        end[no_end] = day
    dated = start.notna()
    end = end.where(dated)
    end = end.where(~(end < start), start)  # an end before the start: a one-day span
    out = pd.DataFrame({"initiative_id": ini["initiative_id"].to_numpy(), "kind": kinds,
                        "start": start.to_numpy(), "end": end.to_numpy(),
                        "dated": dated.to_numpy(dtype=bool),
                        "open_end": open_end.to_numpy(dtype=bool),
                        "announced": (start > day).fillna(False).to_numpy(dtype=bool)})
    out.attrs["as_of"] = day
    return out


def time_not_assessed(reg: Registry, as_of: DateLike | AsOf = None) -> str | None:
    """:data:`NO_DATES` when no initiative of ``reg`` can be placed in time, else None.

    Examples
    --------
    >>> reg = Registry.from_frames(initiatives=pd.DataFrame({
    ...     "initiative_id": ["p1"], "registry": "r", "record_id": ["1"], "kind": "presence"}))
    >>> time_not_assessed(reg)
    'no dates: change over time not assessed'
    """
    day = as_of if isinstance(as_of, AsOf) else as_of_date(reg, as_of)
    if day.date is None or reg.initiatives.empty:
        return NO_DATES
    spans = initiative_spans(reg, day)
    return None if (spans["dated"] & ~spans["announced"]).any() else NO_DATES


def read_rounds(rounds: Rounds) -> list[tuple[str, pd.Timestamp]]:
    """The study's rounds as (name, start) sorted by start.

    Examples
    --------
    >>> read_rounds({"Lisbon 2022": "2022-06-27", "New York 2017": "2017-06-05"})[0]
    ('New York 2017', Timestamp('2017-06-05 00:00:00'))
    >>> read_rounds(["2020-01-01"])
    [('from 2020-01-01', Timestamp('2020-01-01 00:00:00'))]
    """
    items = (list(rounds.items()) if isinstance(rounds, Mapping)
             else [(f"from {d}", d) for d in rounds])
    try:
        out = [(str(k), pd.Timestamp(v)) for k, v in items]
    except (ValueError, TypeError) as exc:
        raise AnalysisError(f"rounds must be dates written YYYY-MM-DD: {exc}") from None
    if not out:
        raise AnalysisError("rounds is empty: give at least one round's start date")
    return sorted(out, key=lambda kv: kv[1])


def periods(spans: pd.DataFrame, *, by: str = "year", rounds: Rounds | None = None,
            as_of: DateLike = None) -> pd.DataFrame:
    """The periods: ``period`` (label), ``start``, ``end`` (inclusive days).

    Parameters
    ----------
    spans : DataFrame
        :func:`initiative_spans`.
    by : {"year", "round"}
        ``"round"`` (taken whenever ``rounds`` is given) cuts at the rounds' starts.
    rounds : list of dates or mapping name → date, optional
    as_of : DateLike, optional
        Default ``spans.attrs["as_of"]``.
    """
    day = pd.Timestamp(as_of) if as_of is not None else spans.attrs["as_of"]
    live = spans[spans["dated"] & ~spans["announced"]]
    if live.empty:
        raise AnalysisError(NO_DATES)
    first = live["start"].min()
    if rounds is not None or by == "round":
        if rounds is None:
            raise AnalysisError('by="round" needs the study\'s rounds ([analysis] rounds)')
        cuts = [(k, d) for k, d in read_rounds(rounds) if d <= day]
        if not cuts:
            raise AnalysisError(f"every round starts after the as-of date {day:%Y-%m-%d}")
        rows = []
        if first < cuts[0][1]:
            rows.append((f"before {cuts[0][0]}", first, cuts[0][1] - pd.Timedelta(days=1)))
        for i, (name, start) in enumerate(cuts):
            stop = cuts[i + 1][1] - pd.Timedelta(days=1) if i + 1 < len(cuts) else day
            rows.append((name, start, stop))
    elif by == "year":
        rows = [(str(y), pd.Timestamp(year=y, month=1, day=1),
                 min(pd.Timestamp(year=y, month=12, day=31), day))
                for y in range(first.year, day.year + 1)]
    else:
        raise AnalysisError(f"by={by!r}: choose year or round")
    return pd.DataFrame(rows, columns=["period", "start", "end"])


def active_matrix(spans: pd.DataFrame, table: pd.DataFrame) -> np.ndarray:
    """Boolean (periods × initiatives): is the initiative's span overlapping the period?"""
    s = spans["start"].to_numpy(dtype="datetime64[ns]")
    e = spans["end"].to_numpy(dtype="datetime64[ns]")
    ok = spans["dated"].to_numpy(dtype=bool) & ~spans["announced"].to_numpy(dtype=bool)
    ps = table["start"].to_numpy(dtype="datetime64[ns]")[:, None]
    pe = table["end"].to_numpy(dtype="datetime64[ns]")[:, None]
    return ok[None, :] & (s[None, :] <= pe) & (e[None, :] >= ps)
