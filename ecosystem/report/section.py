"""What a report section hands to the template: :class:`Section`."""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Section"]


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
