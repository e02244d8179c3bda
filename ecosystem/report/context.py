"""What every report section shares: the filtered registry and results computed once.

:class:`Analysis` holds the registry after the study's filters and computes
the expensive pieces (actor projection, hub and broker tables, communities)
once, the first time a section asks for them. :class:`Section` is what a
section hands to the template.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from ..model import Registry


@dataclass
class Section:
    """One report section.

    Attributes
    ----------
    anchor, title : str
        Link target and heading. The title states the topic; ``findings``
        state what the data shows, as sentences computed from it.
    findings : list of str
    how_to_read : str
    figures : list of plotly Figures
    tables : list of (caption, DataFrame, max_rows)
        Top tables shown in the section.
    methods : list of (measure, text)
        For the methods appendix.
    references : list of str
    full_tables : dict of name -> DataFrame
        Full results, shown in "Full tables" and written by ``--tables``.
    summary : list of str
        Sentences for the executive summary.
    """

    anchor: str
    title: str
    findings: list = field(default_factory=list)
    how_to_read: str = ""
    figures: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    methods: list = field(default_factory=list)
    references: list = field(default_factory=list)
    full_tables: dict = field(default_factory=dict)
    summary: list = field(default_factory=list)


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
        from ..graphs import actor_projection

        return actor_projection(self.reg, weight=self.settings.weight)

    @cached_property
    def hub_table(self) -> pd.DataFrame:
        from ..hubs import hub_metrics

        return hub_metrics(self.reg, weight=self.settings.weight, graph=self.projection)

    @cached_property
    def communities(self) -> pd.DataFrame:
        from ..communities import communities

        return communities(self.reg, weight=self.settings.weight, graph=self.projection)

    @cached_property
    def grouping(self):
        """The brokerage grouping: a column of actors, or actor_id → North/South."""
        if self.settings.grouping == "north_south":
            from ..geography import actor_groups

            groups = actor_groups(self.reg)
            return groups[groups != "unknown"]
        return self.settings.grouping

    @cached_property
    def broker_table(self) -> pd.DataFrame:
        from ..brokers import brokers

        return brokers(self.reg, grouping=self.grouping, weight=self.settings.weight,
                       graph=self.projection, communities=self.communities)
