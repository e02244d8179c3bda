"""What a report section hands to the template: :class:`Section`."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ecosystem.views.formatting import format_table

__all__ = ["Section", "shown_tables"]


def shown_tables(tables: list[tuple[str, pd.DataFrame, int | None]]
                 ) -> list[tuple[str, pd.DataFrame, int | None]]:
    """A section's tables as the page shows them (:func:`~ecosystem.views.formatting.format_table`).

    Examples
    --------
    >>> [(c, t.columns.tolist(), n) for c, t, n in shown_tables(
    ...     [("Hubs", pd.DataFrame({"pagerank": [0.0004603]}), 5)])]
    [('Hubs', ['PageRank'], 5)]
    """
    out = []
    for caption, df, rows in tables:   # only the rows the page shows are formatted
        shown = format_table(df if rows is None else df.head(rows))
        shown.attrs["total_rows"] = len(df)
        out.append((caption, shown, rows))
    return out


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
        Top tables shown in the section, as displayed (:func:`shown_tables`:
        formatted numbers, labels for codes, human headers).
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
