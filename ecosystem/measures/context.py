"""Results computed once and shared by the report and the explorer.

:class:`Analysis` holds a registry (after a study's filters) and computes the
expensive pieces the first time they are asked for: the actor projection, hub
and broker tables, communities, the cells that the coverage, crowding, gap
and need measures read, and the overlap features and scored candidate pairs
that the overlap and duplicate measures read. :class:`Settings` are the
``[analysis]`` choices of a study file.

The actor network follows the registry's kind (:attr:`Analysis.kind`): for a
co-presence registry (a 3W sheet, one organisation per row) it is the
co-presence projection (:func:`ecosystem.graphs.copresence_projection`) and
the network measures read the organisation × cell network
(:attr:`Analysis.network_reg`); otherwise the co-membership projection of the
registry itself.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property

import igraph as ig
import pandas as pd

from ecosystem.dormancy import AsOf, as_of_date
from ecosystem.errors import ProjectionTooLarge
from ecosystem.graphs import (
    DEFAULT_MAX_EDGES,
    actor_backbone,
    actor_projection,
    copresence_projection,
    copresence_registry,
)
from ecosystem.kinds import KINDS, RegistryKind, registry_kind
from ecosystem.measures.coordination.cells import Cells, cell_index, sector_vocabulary
from ecosystem.measures.coordination.overlap import OverlapCandidates, overlap_candidates
from ecosystem.measures.network.brokers import brokers
from ecosystem.measures.network.communities import communities as find_communities
from ecosystem.measures.network.community_profiles import community_profiles as profile_communities
from ecosystem.measures.network.hubs import hub_metrics
from ecosystem.measures.power.geography import actor_groups
from ecosystem.measures.time import Timeline, timeline
from ecosystem.model import Registry

__all__ = ["Analysis", "Settings", "settings_for_kind"]


@dataclass
class Settings:
    """Report settings from the study file (``[analysis]`` section)."""

    grouping: str = "actor_type"       # for Gould–Fernandez brokerage: actor_type or north_south
    weight: str = "newman"             # projection weighting for strength, PageRank, communities
    max_edges: int = DEFAULT_MAX_EDGES  # above: the network sections read the disparity backbone
    place_kind: str = "country"        # places for coverage and crowding
    level: str = "target"              # cells of coverage and crowding: target, goal or sector
    vocabulary: str | None = None      # theme vocabulary of sectors (default: first present)
    top: int = 20                      # rows in the section tables and bars
    need: str | None = None            # optional need-layer CSV
    goal: int | None = None            # goal of interest for the stakeholder map
    resilience_steps: int = 100        # actors removed in the resilience curves
    cache_dir: str | None = None       # where layouts are cached
    as_of: str | None = None           # the data's as-of date (default: the latest date it holds)
    rounds: list | dict | None = None  # the registry's natural rounds (start dates; name → date)


def settings_for_kind(settings: Settings, kind: RegistryKind,
                      explicit: Iterable[str] = ()) -> Settings:
    """``settings`` with the registry kind's defaults for every key not set ``explicit``-ly.

    Examples
    --------
    >>> s = settings_for_kind(Settings(top=5), KINDS["presence"], explicit=["top"])
    >>> s.level, s.place_kind, s.top
    ('sector', 'admin1', 5)
    >>> settings_for_kind(Settings(level="goal"), KINDS["presence"], explicit=["level"]).level
    'goal'
    """
    chosen = {k: v for k, v in kind.settings.items() if k not in set(explicit)}
    return replace(settings, **chosen)


class Analysis:
    """The filtered registry and the results several report sections and explorer panels use.

    Each attribute is computed the first time it is read and then kept.

    Parameters
    ----------
    reg : Registry
        After the study's filters.
    settings : Settings, optional

    Examples
    --------
    >>> a = Analysis(Registry.empty())
    >>> a.settings.level, a.settings.place_kind
    ('target', 'country')
    """

    def __init__(self, reg: Registry, settings: Settings | None = None,
                 as_of: AsOf | None = None):
        self.reg = reg
        self.settings = settings or Settings()
        if as_of is not None:  # the unfiltered registry's date, so a filter cannot move it
            self.__dict__["as_of"] = as_of

    def computed(self, name: str) -> bool:
        """True when the result ``name`` (e.g. ``"hub_table"``) has already been computed.

        Examples
        --------
        >>> a = Analysis(Registry.empty())
        >>> a.computed("hub_table")
        False
        """
        return name in self.__dict__

    def forget(self, *names: str) -> None:
        """Drop the computed results ``names`` (all of them when none is named), so that their
        memory can be reused; a result read again is computed again.

        Examples
        --------
        >>> a = Analysis(Registry.empty())
        >>> a.kind.name in KINDS, a.computed("kind")
        (True, True)
        >>> a.forget(); a.computed("kind")
        False
        """
        cached = [k for k, v in type(self).__dict__.items() if isinstance(v, cached_property)]
        for name in names or cached:
            if name in cached and name != "as_of":  # a given date is not computed: kept
                self.__dict__.pop(name, None)

    @cached_property
    def kind(self) -> RegistryKind:
        """What the registry holds (:func:`ecosystem.kinds.registry_kind`)."""
        return KINDS[registry_kind(self.reg)]

    @cached_property
    def as_of(self) -> AsOf:
        """The date the data describes (:func:`ecosystem.dormancy.as_of_date`), unless given."""
        return as_of_date(self.reg, self.settings.as_of)

    @property
    def copresence(self) -> bool:
        """True when the actor network is co-presence in cells (a 3W registry)."""
        return self.kind.network == "co-presence"

    @property
    def cell_options(self) -> dict:
        """``place_kind``, ``level`` and ``vocabulary`` (resolved at sector level) of the
        settings: the cells of the co-presence network."""
        s = self.settings
        vocabulary = s.vocabulary
        if s.level == "sector":
            vocabulary = sector_vocabulary(self.reg, s.vocabulary, "co-presence")
        return {"place_kind": s.place_kind, "level": s.level, "vocabulary": vocabulary}

    @cached_property
    def network_reg(self) -> Registry:
        """The registry the network measures read.

        For co-presence, the organisation × cell network with cells as
        initiatives (:func:`ecosystem.graphs.copresence_registry` at the
        settings' place kind, level and vocabulary), so that counts,
        structural holes, cut-offs and removal curves are about cells; else
        :attr:`reg` itself.
        """
        if self.copresence:
            return copresence_registry(self.reg, **self.cell_options)
        return self.reg

    @cached_property
    def projection(self) -> ig.Graph:
        """The actor projection, weighted as the settings say.

        Co-presence for a co-presence registry
        (:func:`ecosystem.graphs.copresence_projection`: ``shared`` counts the
        place × sector cells two organisations share), else co-membership
        (:func:`ecosystem.graphs.actor_projection`). A co-membership projection above the
        edge limit is replaced by its disparity backbone (:func:`ecosystem.graphs.actor_backbone`,
        graph attribute ``edges_in_projection``): the sections then say they read the backbone.
        """
        if self.copresence:
            return copresence_projection(self.reg, weight=self.settings.weight,
                                         **self.cell_options)
        try:
            return actor_projection(self.reg, weight=self.settings.weight,
                                    max_edges=self.settings.max_edges)
        except ProjectionTooLarge:
            return actor_backbone(self.reg, weight=self.settings.weight,
                                  max_edges=self.settings.max_edges)

    @property
    def backbone_note(self) -> str | None:
        """The sentence that says the network sections read the projection's backbone, or None
        (also when no section has built the projection)."""
        g = self.__dict__.get("projection")
        if g is None:
            return None
        if "edges_in_projection" not in g.attributes():
            return None
        return (f"The actor projection has {g['edges_in_projection']:,} ties, more than the "
                f"{g['max_edges']:,} the network measures hold: hubs, brokers, structure and "
                f"resilience read its disparity backbone (Serrano et al. 2009, α = "
                f"{g['backbone_alpha']}), the {g['edges_kept']:,} ties that carry a significant "
                "share of an actor's ties.")

    @cached_property
    def hub_table(self) -> pd.DataFrame:
        """Hub measures of every actor (:func:`ecosystem.measures.network.hubs.hub_metrics`).

        For co-presence, ``initiatives`` counts an organisation's cells.
        """
        return hub_metrics(self.network_reg, weight=self.settings.weight, graph=self.projection)

    @cached_property
    def communities(self) -> pd.DataFrame:
        """Leiden communities (:func:`ecosystem.measures.network.communities.communities`)."""
        return find_communities(self.network_reg, weight=self.settings.weight,
                                graph=self.projection)

    @cached_property
    def community_profiles(self) -> pd.DataFrame:
        """Size, over-represented facets and label of each community, read by the structure
        and gaps sections (:func:`ecosystem.measures.network.community_profiles.community_profiles`
        of :attr:`network_reg` and :attr:`communities`)."""
        return profile_communities(self.network_reg, self.communities)

    @cached_property
    def grouping(self) -> str | pd.Series:
        """The brokerage grouping: a column of actors, or actor_id → North/South."""
        if self.settings.grouping == "north_south":
            groups = actor_groups(self.reg)
            return groups[groups != "unknown"]
        return self.settings.grouping

    @cached_property
    def broker_table(self) -> pd.DataFrame:
        """Broker measures of every actor (:func:`ecosystem.measures.network.brokers.brokers`).

        For co-presence, structural holes and cut-offs are between cells; for a drawn network
        (links of two organisations), structural holes are between partners.
        """
        return brokers(self.network_reg, grouping=self.grouping, weight=self.settings.weight,
                       graph=self.projection, communities=self.communities,
                       holes="partners" if self.kind.network == "link" else "initiatives")

    @cached_property
    def cells(self) -> Cells:
        """The target (goal, sector) × place cells of the settings' level and place kind.

        Read by coverage, crowding, fragmented cells and need gaps
        (:func:`ecosystem.measures.coordination.cells.cell_index`).
        """
        s = self.settings
        vocabulary = None
        if s.level == "sector":
            vocabulary = sector_vocabulary(self.reg, s.vocabulary, "report")
        return cell_index(self.reg, place_kind=s.place_kind, level=s.level,
                          vocabulary=vocabulary)

    @cached_property
    def overlap_candidates(self) -> OverlapCandidates:
        """Initiative features and candidate pairs shared by the overlap and duplicate measures.

        (:func:`ecosystem.measures.coordination.overlap.overlap_candidates`).
        """
        return overlap_candidates(self.reg)

    @cached_property
    def timeline(self) -> Timeline:
        """Periods, turnover, spells and life-cycle stages (:func:`ecosystem.measures.time.timeline`).

        By the study's rounds when it gives them, else by year; at :attr:`as_of`.
        Raises :class:`~ecosystem.errors.AnalysisError` ("no dates: …") when nothing is dated.
        """
        return timeline(self.reg, rounds=self.settings.rounds, as_of=self.as_of)
