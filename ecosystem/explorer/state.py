"""Filter states and the results computed once per filter state.

A :class:`Filters` value is what the filter bar says (goals, targets, places,
actor types, communities, date window, dormant in/out). It is frozen and
hashable, so :meth:`ExplorerState.view` caches one :class:`View` per filter
state with :func:`functools.lru_cache`. A view holds the filtered registry and
an :class:`ecosystem.measures.context.Analysis` over it — the same object the
report uses, so the explorer has no measure of its own — plus the tables the
panels draw (coverage, fragmented cells, duplicate clusters, ...), each
computed the first time a panel asks for it.

Callbacks run in several threads at once. Each result of a view is computed
under its own lock, so two panels that need the actor projection wait for one
computation instead of running two, while panels that need different results
run side by side.

Examples
--------
Three initiatives, two of them on target 14.1:

>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> ids = ["i1", "i2", "i3"]
>>> reg = Registry.from_frames(
...     actors=pd.DataFrame({"actor_id": list("abc"), "name": list("ABC"),
...                          "actor_type": "ngo"}),
...     initiatives=pd.DataFrame({"initiative_id": ids, "registry": "r", "record_id": ids,
...                               "kind": "partnership"}),
...     ties=pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i2", "i3"],
...                        "actor_id": ["a", "b", "a", "c", "c"], "role": "lead",
...                        "registry": "r", "record_id": "x"}),
...     initiative_targets=pd.DataFrame({"initiative_id": ids, "goal": 14,
...                                      "target": ["14.1", "14.1", "14.2"]}))
>>> state = ExplorerState(reg)
>>> f = Filters.from_data({"targets": ["14.1"]})
>>> v = state.view(f)
>>> f.describe(), len(v.reg.initiatives), state.view(f) is v
('targets 14.1', 2, True)
>>> print(v.hubs()[["name", "initiatives", "partners"]].to_string(index=False))
name  initiatives  partners
   A            2         2
   B            1         1
   C            1         1
>>> sorted(v.computed())
['hubs', 'projection']
"""
from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Hashable, Iterable
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING, TypeVar

import pandas as pd

from ecosystem.dormancy import as_of_date
from ecosystem.errors import AnalysisError
from ecosystem.explorer.cuts import apply_period, keep_communities, keep_sectors
from ecosystem.filters import DORMANT_CHOICES, filter_registry
from ecosystem.graphs.sector_themes import sector_vocabulary
from ecosystem.kinds import KINDS, registry_kind
from ecosystem.measures.context import Analysis, Settings, settings_for_kind
from ecosystem.measures.network.community_profiles import community_profiles
from ecosystem.model import Registry
from ecosystem.views.labels import actor_type_label

if TYPE_CHECKING:
    import igraph as ig

_T = TypeVar("_T")  # the type of a result computed by View.once

__all__ = ["CACHED_STATES", "MAX_CHOICES", "Filters", "View", "ExplorerState"]

#: Filter states kept in memory (each holds a filtered registry and its results).
CACHED_STATES = 8

#: Most values one filter may hold (more than any control offers).
MAX_CHOICES = 5_000


@dataclass(frozen=True)
class Filters:
    """One filter state. Values inside a field combine with OR, fields with AND.

    Attributes
    ----------
    registries, goals, targets, places, actor_types : tuple
        As in :func:`ecosystem.filters.filter_registry` (``registries``: the names of the
        store's registries to keep, when it holds several).
    communities : tuple of int
        Communities of the *whole* registry (``Analysis.communities``): keep
        their actors and those actors' ties, as ``actor_types`` does.
    sectors : tuple of str
        Sector (cluster) codes of the registry's sector vocabulary
        (:func:`ecosystem.graphs.sector_themes.sector_vocabulary`): keep the
        initiatives tagged with one of them.
    start, end : str or None
        Date window (``YYYY-MM-DD``).
    dormant : {"include", "exclude", "only"}
    period : tuple
        ``(first year, last year)`` of the period slider, or ``()``: the
        registry as it was in that period (:func:`apply_period`).
    """

    goals: tuple = ()
    targets: tuple = ()
    places: tuple = ()
    actor_types: tuple = ()
    communities: tuple = ()
    registries: tuple = ()
    sectors: tuple = ()
    start: str | None = None
    end: str | None = None
    dormant: str = "include"
    period: tuple = ()

    @classmethod
    def from_data(cls, data: dict | None) -> "Filters":
        """The filters held in the page's ``filters`` store (a JSON dict).

        Raises AnalysisError (shown as a message, never an HTTP 500) for values
        the controls cannot send: a goal that is not a number, a list of over
        :data:`MAX_CHOICES` values.
        """
        data = data if isinstance(data, dict) else {}
        known = {f.name for f in fields(cls)}
        kw = {}
        for k, v in data.items():
            if k not in known or v in (None, "", []):
                continue
            if k in ("start", "end", "dormant"):
                kw[k] = str(v)[:10] if k != "dormant" else str(v)
            elif k == "period":
                try:
                    first, last = (int(x) for x in v)
                except (TypeError, ValueError):
                    raise AnalysisError("period must be two years, first then last") from None
                if first > last:
                    raise AnalysisError(f"period {first}–{last}: the first year comes first")
                kw[k] = (first, last)
            elif not isinstance(v, list | tuple) or len(v) > MAX_CHOICES:
                raise AnalysisError(f"{k} must be a list of at most {MAX_CHOICES:,} values")
            elif k in ("goals", "communities"):
                try:
                    kw[k] = tuple(sorted({int(x) for x in v}))
                except (TypeError, ValueError):
                    raise AnalysisError(f"{k} must be whole numbers, got "
                                        f"{str(v)[:60]!r}") from None
            else:
                kw[k] = tuple(sorted({str(x) for x in v}))
        if kw.get("dormant", "include") not in DORMANT_CHOICES:
            raise AnalysisError(f"dormant={kw['dormant']!r} is not a choice: use one of "
                                f"{', '.join(DORMANT_CHOICES)}")
        return cls(**kw)

    def to_data(self) -> dict:
        """JSON-ready dict (lists for tuples)."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    def registry_filters(self) -> dict:
        """Keyword arguments for :func:`ecosystem.filters.filter_registry` (no communities)."""
        kw = {k: list(getattr(self, k))
              for k in ("registries", "goals", "targets", "places", "actor_types")
              if getattr(self, k)}
        if self.start:
            kw["start"] = self.start
        if self.end:
            kw["end"] = self.end
        if self.dormant != "include":
            kw["dormant"] = self.dormant
        return kw

    def describe(self) -> str:
        """The filters in words, e.g. ``"targets 14.1; dormant records excluded"``."""
        parts = []
        for k in ("registries", "goals", "targets", "places", "actor_types", "communities",
                  "sectors"):
            v = getattr(self, k)
            if v:
                shown = [actor_type_label(x) for x in v] if k == "actor_types" else v
                parts.append(f"{k.replace('_', ' ')} {', '.join(map(str, shown))}")
        if self.start or self.end:
            parts.append(f"active {self.start or '…'} to {self.end or '…'}")
        if self.dormant != "include":
            parts.append("dormant records " + ("excluded" if self.dormant == "exclude"
                                               else "only"))
        if self.period:
            parts.append(f"period {self.period[0]}–{self.period[1]}")
        return "; ".join(parts) or "no filter"


class View:
    """The registry under one filter state, and the results its panels need.

    Attributes
    ----------
    filters : Filters
    analysis : Analysis
        ``analysis.reg`` is the filtered registry; ``projection``,
        ``hub_table``, ``communities`` and ``broker_table`` come from it.
    """

    def __init__(self, analysis: Analysis, filters: Filters, parent: View | None = None):
        self.analysis = analysis
        self.filters = filters
        #: The unfiltered view this one was cut from (None for the unfiltered view itself):
        #: maps keep the positions actors have in its layout.
        self.parent = parent
        self._results: dict = {}
        self._locks: dict = {}
        self._guard = threading.Lock()

    @property
    def reg(self) -> Registry:
        """The filtered registry (``analysis.reg``)."""
        return self.analysis.reg

    def once(self, key: Hashable, compute: Callable[[], _T]) -> _T:
        """``compute()`` the first time ``key`` is asked for; the stored result after.

        An :class:`AnalysisError` is stored too, and raised again on each call.
        """
        with self._guard:
            lock = self._locks.setdefault(key, threading.RLock())
        with lock:
            if key not in self._results:
                try:
                    self._results[key] = (True, compute())
                except AnalysisError as exc:
                    self._results[key] = (False, exc)
            ok, value = self._results[key]
        if not ok:
            raise value
        return value

    def computed(self) -> set:
        """Keys of the results already computed (or failed) in this view."""
        return set(self._results)

    # The Analysis pieces, each computed once under its own lock.
    def projection(self) -> ig.Graph:
        """The actor co-membership projection (``Analysis.projection``)."""
        return self.once("projection", lambda: self.analysis.projection)

    def hubs(self) -> pd.DataFrame:
        """Hub measures of every actor (``Analysis.hub_table``), after the projection."""
        self.projection()
        return self.once("hubs", lambda: self.analysis.hub_table)

    def communities(self) -> pd.DataFrame:
        """Leiden communities of the view (``Analysis.communities``)."""
        return self.once("communities", lambda: self.analysis.communities)

    def brokers(self) -> pd.DataFrame:
        """Broker measures of every actor (``Analysis.broker_table``)."""
        return self.once("brokers", lambda: self.analysis.broker_table)

    def actor_names(self) -> pd.Series:
        """Actor name by actor id."""
        return self.once("names", lambda: self.reg.actors.set_index("actor_id")["name"])


class ExplorerState:
    """Everything the app serves: the whole registry, its communities, and cached views.

    Parameters
    ----------
    reg : Registry
        The registry read from the store.
    settings : Settings, optional
        Projection weighting, brokerage grouping, place kind (as in a study's
        ``[analysis]``).
    title : str
        Shown in the page header.
    initial : Filters, optional
        Filters set when the page opens (a study's ``[filters]``).
    explicit : iterable of str, optional
        The settings the study sets itself; the others take the registry
        kind's defaults (:func:`ecosystem.measures.context.settings_for_kind`).
    """

    def __init__(self, reg: Registry, settings: Settings | None = None, title: str = "",
                 initial: Filters | None = None, explicit: Iterable[str] = ()):
        if len(reg.initiatives) == 0:
            raise AnalysisError("the registry is empty: load a registry first")
        self.settings = settings_for_kind(settings or Settings(), KINDS[registry_kind(reg)],
                                          explicit)
        self.title = title or ", ".join(reg.registries)
        self.initial = initial or Filters()
        self.as_of = as_of_date(reg, self.settings.as_of)
        self.base = View(Analysis(reg, self.settings, as_of=self.as_of), Filters())
        self._cached_view = functools.lru_cache(maxsize=CACHED_STATES)(self._make_view)
        self._view_lock = threading.Lock()

    def view(self, filters: Filters) -> View:
        """The view of ``filters``, made once and kept for the last :data:`CACHED_STATES` states.

        Raises
        ------
        AnalysisError
            When the filters leave no initiative (the message names the filter).
        """
        with self._view_lock:  # panels asking at once get one view, not one each
            return self._cached_view(filters)

    def _make_view(self, filters: Filters) -> View:
        if filters == Filters():
            return self.base
        reg = self.base.reg
        kw = filters.registry_filters()
        if kw:
            reg = filter_registry(reg, **kw, today=self.as_of.date)
        if filters.period:
            reg = apply_period(reg, filters.period, self.as_of)
        if filters.sectors:
            reg = keep_sectors(reg, self.sector_vocabulary(), filters.sectors)
        if filters.communities:
            reg = keep_communities(reg, self.community_membership(), filters.communities)
        return View(Analysis(reg, self.settings, as_of=self.as_of), filters, parent=self.base)

    def sector_vocabulary(self) -> str | None:
        """The theme vocabulary read as sectors (None when the registry has none).

        The one rule of :func:`ecosystem.graphs.sector_themes.sector_vocabulary`,
        with the study's ``vocabulary`` setting.
        """
        def compute():
            try:
                return sector_vocabulary(self.base.reg, self.settings.vocabulary, "explorer")
            except AnalysisError:
                return None
        return self.base.once("sector_vocabulary", compute)

    def community_membership(self) -> pd.DataFrame:
        """``actor_id, community`` over the whole registry (empty when none can be found)."""
        try:
            return self.base.communities()
        except AnalysisError:
            return pd.DataFrame({"actor_id": pd.Series(dtype="string"),
                                 "community": pd.Series(dtype="int64")})

    def community_labels(self) -> pd.DataFrame:
        """``community, size, label`` of the communities with 3 or more actors, largest first."""
        def compute():
            memb = self.community_membership()
            if memb.empty:
                return pd.DataFrame(columns=["community", "size", "label"])
            try:
                prof = community_profiles(self.base.reg, memb)
            except AnalysisError:
                return pd.DataFrame(columns=["community", "size", "label"])
            return prof[["community", "size", "label"]].reset_index(drop=True)
        return self.base.once("community_labels", compute)
