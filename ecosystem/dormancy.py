"""Dormant records: initiatives registered but showing no sign of activity.

Definition (issue 5 §2): "a record is dormant when it has no real dates, no
deliverable with a real date, or its completion date has passed with no
deliverable".

Our reading
-----------
A date is *real* when it is given and not a placeholder: registries write
"not given" as the Unix epoch (the Ocean platform shows ``01 January 1970``), so
any date before 1980-01-01 is treated as a placeholder, whether the loader kept
it or replaced it by null.

The three clauses are checked separately and returned as columns:

``no_real_dates``
    neither the start nor the end (completion) date is real;
``no_dated_deliverable``
    no deliverable has a real date (including records with no deliverable);
``ended_without_deliverable``
    the real end date is before ``today`` and the record lists no deliverable
    at all.

Read literally as three alternatives, the third clause would be redundant (a
record with no deliverable at all has no dated deliverable either). We
therefore read the first two clauses together — the record has *nothing dated
at all*, neither its timeline nor any deliverable — and the third as the
alternative (``rule="combined"``, the default)::

    dormant = (no_real_dates and no_dated_deliverable) or ended_without_deliverable

``rule="any"`` gives the literal three-way reading (any clause makes a record
dormant). On the Ocean commitments registry (2,650 records, dates as of
2026-03-26) the combined rule marks about a fifth of the records dormant and
the literal rule about two fifths; the tests assert the exact counts.

Examples
--------
Four records: ``i1`` dated with a dated deliverable, ``i2`` with nothing dated,
``i3`` ended in 2018 with no deliverable, ``i4`` running with an undated
deliverable.

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

The literal reading also makes ``i4`` dormant (its deliverable has no date):

>>> dormancy_share(reg, today="2026-03-26", rule="any")
0.75
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

import pandas as pd

from ecosystem.errors import AnalysisError
from ecosystem.model import Registry, member_of

__all__ = ["DateLike", "REAL_DATE_FROM", "RULES", "AsOf", "as_of_date", "dormant_initiatives",
           "dormancy_share"]

#: A reference date, as every ``today`` parameter (and the date windows of
#: :func:`ecosystem.filters.filter_registry`) accepts it: an ISO date string
#: (``"2026-03-26"``), a :class:`datetime.date` or :class:`datetime.datetime`, a
#: :class:`pandas.Timestamp`, or None (for ``today``: the current date). Read
#: with :class:`pandas.Timestamp`.
DateLike = str | datetime.date | pd.Timestamp | None

#: Dates before this are placeholders ("not given").
REAL_DATE_FROM = pd.Timestamp("1980-01-01")

RULES = ("combined", "any")


@dataclass(frozen=True)
class AsOf:
    """The date a registry's data describes, and where it comes from.

    ``date`` is None when the registry holds no real date; ``source`` says
    which date it is in words ("snapshot date stated by the study", "latest
    start or deliverable date in the data" …).
    """

    date: pd.Timestamp | None
    source: str


def as_of_date(reg: Registry, as_of: DateLike = None) -> AsOf:
    """The registry's as-of date: ``as_of`` when given, else the latest real date it holds.

    Examples
    --------
    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> reg = Registry.from_frames(initiatives=pd.DataFrame({
    ...     "initiative_id": ["i1"], "registry": "r", "record_id": ["1"], "kind": "partnership",
    ...     "start": ["2020-01-01"], "end": ["2030-12-31"]}))
    >>> as_of_date(reg, "2026-03-26").date.date()
    datetime.date(2026, 3, 26)
    """
    if as_of is not None:
        return AsOf(pd.Timestamp(as_of).normalize(), "snapshot date stated by the study")
    ini = reg.initiatives
    starts = ini.loc[_real(ini["start"]), "start"]
    dated = reg.deliverables.loc[_real(reg.deliverables["date"]), "date"]
    latest = pd.concat([starts, dated]).max() if len(starts) + len(dated) else None
    if latest is None or pd.isna(latest):
        return AsOf(None, "no dates in the data")
    return AsOf(pd.Timestamp(latest).normalize(), "latest start or deliverable date in the data")


def _real(s: pd.Series) -> pd.Series:
    return s.notna() & (s >= REAL_DATE_FROM)


def dormant_initiatives(reg: Registry, today: DateLike = None, *,
                        rule: str = "combined") -> pd.DataFrame:
    """Flag dormant initiatives.

    Parameters
    ----------
    reg : Registry
    today : DateLike, optional
        Reference date for "completion date has passed"; defaults to today.
    rule : {"combined", "any"}
        How the clauses combine (see the module docstring).

    Returns
    -------
    DataFrame
        One row per initiative, in ``reg.initiatives`` order: ``initiative_id``,
        ``dormant`` (bool), ``reason`` (words; empty string when active),
        ``no_real_dates``, ``no_dated_deliverable``, ``ended_without_deliverable``
        (bools, the three clauses).
    """
    if rule not in RULES:
        raise AnalysisError(f"unknown dormancy rule {rule!r}: choose one of {', '.join(RULES)}")
    today = pd.Timestamp.today().normalize() if today is None else pd.Timestamp(today)
    ini = reg.initiatives
    start_real = _real(ini["start"]).to_numpy(dtype=bool)
    end_real = _real(ini["end"]).to_numpy(dtype=bool)
    d = reg.deliverables
    ids = ini["initiative_id"]
    has_deliv = member_of(ids, d["initiative_id"])
    has_dated = member_of(ids, d.loc[_real(d["date"]), "initiative_id"])
    no_dates = ~start_real & ~end_real
    no_dated = ~has_dated
    ended = end_real & (ini["end"] < today).fillna(False).to_numpy(dtype=bool) & ~has_deliv
    if rule == "combined":
        dormant = (no_dates & no_dated) | ended
    else:
        dormant = no_dates | no_dated | ended
    reasons = []
    ends = ini["end"].dt.strftime("%Y-%m-%d").to_numpy(dtype=object)
    for i in range(len(ini)):
        parts = []
        if rule == "combined":
            if no_dates[i] and no_dated[i]:
                parts.append("no real start or end date and no dated deliverable")
        else:
            if no_dates[i]:
                parts.append("no real start or end date")
            if no_dated[i]:
                parts.append("no deliverable with a real date")
        if ended[i]:
            parts.append(f"completion date {ends[i]} has passed with no deliverable")
        reasons.append("; ".join(parts))
    return pd.DataFrame({
        "initiative_id": ids.to_numpy(),
        "dormant": dormant,
        "reason": pd.array(reasons, dtype="string"),
        "no_real_dates": no_dates,
        "no_dated_deliverable": no_dated,
        "ended_without_deliverable": ended,
    })


def dormancy_share(reg: Registry, today: DateLike = None, *, rule: str = "combined") -> float:
    """Share of initiatives that are dormant (0 when the registry is empty)."""
    d = dormant_initiatives(reg, today, rule=rule)
    return float(d["dormant"].mean()) if len(d) else 0.0
