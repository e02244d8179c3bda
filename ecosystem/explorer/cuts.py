"""Cuts of a registry the explorer's filters make beyond :func:`ecosystem.filters.filter_registry`.

:func:`apply_period` (the period slider, through
:func:`ecosystem.measures.time.registry_in_period`), :func:`keep_sectors` (the
sector or cluster filter, on the one sector vocabulary of
:func:`ecosystem.graphs.sector_themes.sector_vocabulary`) and
:func:`keep_communities` (communities of the whole registry).
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ecosystem.errors import AnalysisError
from ecosystem.filters import restrict
from ecosystem.model import Registry

__all__ = ["apply_period", "keep_sectors", "keep_communities"]


def apply_period(reg: Registry, period: tuple, as_of: object = None) -> Registry:
    """The registry as it was in ``period`` (first year, last year), both years included.

    The hook of the period slider: :func:`ecosystem.measures.time.registry_in_period`
    when that module is installed.

    Raises
    ------
    AnalysisError
        When the module is not there.
    """
    try:
        from ecosystem.measures.time import registry_in_period
    except ImportError:
        raise AnalysisError("periods need ecosystem.measures.time, which this installation "
                            "does not have: remove the period from the address") from None
    first, last = period
    return registry_in_period(reg, f"{int(first)}-01-01", f"{int(last)}-12-31", as_of=as_of)


def keep_sectors(reg: Registry, vocabulary: str | None, chosen: Iterable[str]) -> Registry:
    """Keep the initiatives tagged with one of the ``chosen`` sectors of ``vocabulary``.

    Examples
    --------
    >>> reg = Registry.from_frames(
    ...     initiatives=pd.DataFrame({"initiative_id": ["w1", "w2"], "registry": "r",
    ...                               "record_id": ["1", "2"], "kind": "presence"}),
    ...     initiative_themes=pd.DataFrame({"initiative_id": ["w1", "w2"],
    ...                                     "theme": ["WASH", "Health"],
    ...                                     "vocabulary": "cluster"}))
    >>> keep_sectors(reg, "cluster", ["WASH"]).initiatives["initiative_id"].tolist()
    ['w1']
    """
    chosen = {str(c) for c in chosen}
    if vocabulary is None:
        raise AnalysisError("the registry has no sector vocabulary: the sector filter does "
                            "not apply")
    th = reg.initiative_themes
    kept = th.loc[(th["vocabulary"] == vocabulary) & th["theme"].astype(str).isin(chosen),
                  "initiative_id"].drop_duplicates()
    if kept.empty:
        raise AnalysisError(f"the filter sectors={sorted(chosen)[:5]} leaves no initiative "
                            "with the other filters: choose other sectors")
    ties = reg.ties[reg.ties["initiative_id"].isin(set(kept))]
    return restrict(reg, pd.Series(kept.to_numpy(), dtype="string"), ties)


def keep_communities(reg: Registry, membership: pd.DataFrame, chosen: Iterable[int]) -> Registry:
    """Keep the actors of the chosen communities, their ties, and the initiatives left with one."""
    chosen = {int(c) for c in chosen}
    members = set(membership.loc[membership["community"].astype(int).isin(chosen), "actor_id"])
    ties = reg.ties[reg.ties["actor_id"].isin(members)]
    if ties.empty:
        raise AnalysisError(f"the filter communities={sorted(chosen)} leaves no initiative "
                            f"with the other filters: choose other communities")
    kept = pd.Series(ties["initiative_id"].unique(), dtype="string")
    return restrict(reg, kept, ties)
