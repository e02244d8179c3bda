"""Results computed once and shared by the report and the explorer.

:class:`Analysis` holds a registry (after a study's filters) and computes the
expensive pieces the first time they are asked for: the actor projection, hub
and broker tables, communities, the cells that the coverage, crowding, gap
and need measures read, and the overlap features and scored candidate pairs
that the overlap and duplicate measures read. :class:`Settings` are the
``[analysis]`` choices of a study file.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from ecosystem.model import Registry

__all__ = ["Analysis", "Settings"]


@dataclass
class Settings:
    """Report settings from the study file (``[analysis]`` section)."""

    grouping: str = "actor_type"       # for Gould–Fernandez brokerage: actor_type or north_south
    weight: str = "newman"             # projection weighting for strength, PageRank, communities
    place_kind: str = "country"        # places for coverage and crowding
    level: str = "target"              # cells of coverage and crowding: target, goal or sector
    vocabulary: str | None = None      # theme vocabulary of sectors (default: first present)
    top: int = 20                      # rows in the section tables and bars
    need: str | None = None            # optional need-layer CSV
    goal: int | None = None            # goal of interest for the stakeholder map
    resilience_steps: int = 100        # actors removed in the resilience curves
    cache_dir: str | None = None       # where layouts are cached


class Analysis:
    """The filtered registry and the results several sections use."""

    def __init__(self, reg: Registry, settings: Settings | None = None):
        self.reg = reg
        self.settings = settings or Settings()

    @cached_property
    def projection(self):
        from ecosystem.graphs import actor_projection

        return actor_projection(self.reg, weight=self.settings.weight)

    @cached_property
    def hub_table(self) -> pd.DataFrame:
        from ecosystem.measures.network.hubs import hub_metrics

        return hub_metrics(self.reg, weight=self.settings.weight, graph=self.projection)

    @cached_property
    def communities(self) -> pd.DataFrame:
        from ecosystem.measures.network.communities import communities

        return communities(self.reg, weight=self.settings.weight, graph=self.projection)

    @cached_property
    def grouping(self):
        """The brokerage grouping: a column of actors, or actor_id → North/South."""
        if self.settings.grouping == "north_south":
            from ecosystem.measures.power.geography import actor_groups

            groups = actor_groups(self.reg)
            return groups[groups != "unknown"]
        return self.settings.grouping

    @cached_property
    def broker_table(self) -> pd.DataFrame:
        from ecosystem.measures.network.brokers import brokers

        return brokers(self.reg, grouping=self.grouping, weight=self.settings.weight,
                       graph=self.projection, communities=self.communities)
