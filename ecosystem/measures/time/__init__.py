"""Time: how an ecosystem forms, grows and goes quiet.

==================================  =====================================================
:func:`period_table`                periods (years or the study's rounds) with active
                                    initiatives, actors and ties, entering and leaving
:func:`registry_in_period`          the registry cut to the initiatives active in a window
:func:`timeline`                    everything at once (:class:`Timeline`), for the report
:mod:`.periods`                     spans per kind, periods (undated never guessed)
:mod:`.turnover`                    entries, exits, tie persistence, density, centralisation
:mod:`.ranks`                       hub and broker rank stability (Spearman, Kendall)
:mod:`.lifecycle`                   life-cycle stage of every initiative, by kind
==================================  =====================================================

Every date is judged at the registry's as-of date
(:func:`ecosystem.dormancy.as_of_date`), never the wall clock.

Examples
--------
>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> reg = Registry.from_frames(
...     actors=pd.DataFrame({"actor_id": list("abc"), "name": list("ABC"), "actor_type": "ngo"}),
...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2", "i3"], "registry": "r",
...                               "record_id": ["1", "2", "3"], "kind": "partnership",
...                               "start": ["2018-01-01", "2019-01-01", None],
...                               "end": ["2018-12-31", "2020-12-31", None]}),
...     ties=pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i2", "i3"],
...                        "actor_id": ["a", "b", "b", "c", "a"], "role": "partner",
...                        "registry": "r", "record_id": "1"}))
>>> t = period_table(reg, as_of="2020-12-31")
>>> t[["period", "initiatives", "actors", "actors_entering"]].to_numpy().tolist()
[['2018', 1, 2, 2], ['2019', 1, 2, 1], ['2020', 1, 2, 0]]
>>> t.attrs["undated"]
1
>>> registry_in_period(reg, "2019-06-01", "2019-06-30").initiatives["initiative_id"].tolist()
['i2']
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ecosystem.dormancy import AsOf, DateLike
from ecosystem.filters import restrict
from ecosystem.id_lookups import member_of
from ecosystem.measures.time.lifecycle import life_cycle
from ecosystem.measures.time.periods import (
    NO_DATES,
    Rounds,
    as_of_day,
    initiative_spans,
    periods,
    time_not_assessed,
)
from ecosystem.measures.time.ranks import rank_stability
from ecosystem.measures.time.turnover import (
    PeriodNetworks,
    period_networks,
    spells,
    turnover_table,
)
from ecosystem.model import Registry

__all__ = ["NO_DATES", "Timeline", "period_table", "registry_in_period", "time_not_assessed",
           "timeline"]


@dataclass
class Timeline:
    """The time results of one registry, computed once.

    Attributes
    ----------
    table : DataFrame
        :func:`period_table`.
    nets : PeriodNetworks
    actor_spells, tie_spells : DataFrame
        :func:`ecosystem.measures.time.turnover.spells`.
    stages : DataFrame
        :func:`ecosystem.measures.time.lifecycle.life_cycle` at the as-of date.
    as_of : Timestamp
    by : str
        ``"year"`` or ``"round"``.
    """

    table: pd.DataFrame
    nets: PeriodNetworks
    actor_spells: pd.DataFrame
    tie_spells: pd.DataFrame
    stages: pd.DataFrame
    as_of: pd.Timestamp
    by: str
    _ranks: dict = field(default_factory=dict, repr=False)

    def ranks(self, top: int = 10) -> dict[str, pd.DataFrame]:
        """:func:`ecosystem.measures.time.ranks.rank_stability`, computed once per ``top``."""
        if top not in self._ranks:
            self._ranks[top] = rank_stability(self.nets, top=top)
        return self._ranks[top]


def _table(reg: Registry, spans: pd.DataFrame, by: str, rounds: Rounds | None
           ) -> tuple[pd.DataFrame, PeriodNetworks]:
    cut = periods(spans, by=by, rounds=rounds)
    nets = period_networks(reg, spans, cut)
    table = turnover_table(nets)
    undated = ~spans["dated"]
    table.attrs = {
        "as_of": spans.attrs["as_of"], "by": "round" if rounds is not None else by,
        "undated": int(undated.sum()),
        "undated_actors": int(reg.ties.loc[member_of(
            reg.ties["initiative_id"], spans.loc[undated, "initiative_id"]),
            "actor_id"].nunique()),
        "announced": int(spans["announced"].sum()),
        "open_end": int((spans["open_end"] & spans["dated"]).sum())}
    return table, nets


def period_table(reg: Registry, *, by: str = "year", rounds: Rounds | None = None,
                 as_of: DateLike | AsOf = None) -> pd.DataFrame:
    """One row per period: what was active, what entered and left.

    Parameters
    ----------
    reg : Registry
    by : {"year", "round"}
        Calendar years, or the study's rounds (taken whenever ``rounds`` is given).
    rounds : list of dates or mapping name → start date, optional
        The registry's natural rounds (e.g. conference editions; ``[analysis] rounds``).
    as_of : DateLike or AsOf, optional
        Default the registry's as-of date (:func:`ecosystem.dormancy.as_of_date`).

    Returns
    -------
    DataFrame
        ``period``, ``start``, ``end`` and the columns of
        :func:`ecosystem.measures.time.turnover.turnover_table`. ``attrs``:
        ``undated`` (initiatives with no usable date, in no period),
        ``undated_actors``, ``announced`` (starting after the as-of date),
        ``open_end`` (dated, with no end: running to the as-of date), ``as_of``, ``by``.

    Raises
    ------
    AnalysisError
        ``"no dates: change over time not assessed"`` when no initiative has a usable date.
    """
    spans = initiative_spans(reg, as_of)
    return _table(reg, spans, by, rounds)[0]


def registry_in_period(reg: Registry, start: DateLike, end: DateLike, *,
                       as_of: DateLike | AsOf = None) -> Registry:
    """``reg`` cut to the initiatives active at some point in [``start``, ``end``].

    Spans follow each kind's rule (:func:`ecosystem.measures.time.periods.initiative_spans`);
    undated initiatives and those announced after the as-of date are left out. Ties,
    facets, flows and actors are cut with them (:func:`ecosystem.filters.restrict`).
    """
    spans = initiative_spans(reg, as_of)
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    ok = spans["dated"] & ~spans["announced"] & (spans["start"] <= hi) & (spans["end"] >= lo)
    return restrict(reg, spans.loc[ok, "initiative_id"], reg.ties)


def timeline(reg: Registry, *, by: str = "year", rounds: Rounds | None = None,
             as_of: DateLike | AsOf = None) -> Timeline:
    """Periods, period networks, spells and life-cycle stages of ``reg`` (:class:`Timeline`)."""
    day = as_of_day(reg, as_of)
    spans = initiative_spans(reg, day)
    table, nets = _table(reg, spans, by, rounds)
    return Timeline(table=table, nets=nets, actor_spells=spells(nets, "actors"),
                    tie_spells=spells(nets, "ties"), stages=life_cycle(reg, day), as_of=day,
                    by=table.attrs["by"])
