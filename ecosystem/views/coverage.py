"""Coverage heatmap (target or sector × place) with gap cells marked; crowding vs connection."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ecosystem.views.labels import sdg_target_label, sdg_target_title
from ecosystem.views.record_words import with_article
from ecosystem.views.template import GREY, OKABE_ITO, empty_figure, figure, plotly_text

__all__ = ["cell_row_title", "coverage_heatmap", "crowding_scatter"]


def cell_row_title(level: str, vocabulary: str | None = None) -> str:
    """What the rows of a coverage heatmap are, in words: "SDG target", "SDG goal", or
    "sector (cluster)" with the sector vocabulary.

    >>> cell_row_title("target"), cell_row_title("sector", "dac_sector")
    ('SDG target', 'sector (dac sector)')
    """
    if level in ("target", "goal"):
        return f"SDG {level}"
    return f"{level} ({vocabulary.replace('_', ' ')})" if vocabulary else level


def coverage_heatmap(df: pd.DataFrame, *, row: str = "target", col: str = "place_name",
                     value: str = "initiatives", gaps: pd.DataFrame | None = None,
                     max_cols: int = 40, title: str | None = None,
                     row_title: str | None = None, value_title: str | None = None) -> go.Figure:
    """Heatmap of ``value`` per (row, col) cell; cells in ``gaps`` are outlined.

    ``row`` is the cell's subject column: ``"target"`` (rows in SDG framework
    order), ``"goal"``, or ``"sector"`` (rows in alphabetical order);
    ``row_title`` is the y-axis title (default "SDG target", "SDG goal" or
    "sector"); ``value_title`` names what the colour counts, in the colour bar
    and the hover (default ``value``: "presence records" for a 3W). Only the ``max_cols`` places with most initiatives are drawn
    (the title says so). Each cell's ``customdata`` is ``[row, col]`` so a
    click can list the cell. Targets and goals keep their codes as y values
    and are labelled "SDG 14.1" on the axis, with the target's short title in
    the hover.

    Examples
    --------
    >>> import pandas as pd
    >>> cells = pd.DataFrame({"target": ["14.2", "14.1", "14.1"],
    ...                       "place_name": ["Fiji", "Fiji", "Kenya"], "initiatives": [1, 3, 2]})
    >>> fig = coverage_heatmap(cells)
    >>> list(fig.data[0].y), list(fig.data[0].x), fig.data[0].z.tolist()
    (['14.1', '14.2'], ['Fiji', 'Kenya'], [[3.0, 2.0], [1.0, nan]])
    >>> list(fig.layout.yaxis.ticktext), fig.data[0].text[0][0]
    (['SDG 14.1', 'SDG 14.2'], 'SDG 14.1 (Reduce marine pollution) · Fiji')
    """
    row_title = row_title or cell_row_title(row)
    if df.empty:
        return empty_figure(title or "Coverage", f"No {plotly_text(value_title or value)} have "
                                                 f"both {with_article(row_title)} and a place.")
    totals = df.groupby(col)[value].sum().sort_values(ascending=False)
    cols = totals.index[:max_cols].tolist()
    d = df[df[col].isin(cols)]
    grid = d.pivot_table(index=row, columns=col, values=value, aggfunc="sum").reindex(columns=cols)
    rows = sorted(grid.index, key=_target_key if row in ("target", "goal")
                  else lambda r: str(r).casefold())
    grid = grid.reindex(rows)
    note = f" (top {len(cols)} of {len(totals)} places)" if len(totals) > len(cols) else ""
    fig = figure(title or f"Initiatives per {row_title} and place{note}",
                 height=max(480, 26 * len(rows) + 260))
    z = grid.to_numpy(dtype=float)
    counted = plotly_text(value_title or value)
    custom = np.array([[[r, c] for c in cols] for r in rows], dtype=object)
    names = {r: _row_label(r, row) for r in rows}
    hover = [[f"{names[r]} · {plotly_text(c)}" for c in cols] for r in rows]
    fig.add_trace(go.Heatmap(z=z, x=[plotly_text(c) for c in cols],
                             y=[str(r) for r in rows], colorscale="Blues", customdata=custom,
                             text=hover, hovertemplate="%{text}: %{z:,} " + counted
                                                       + "<extra></extra>",
                             colorbar=dict(title=counted), hoverongaps=False))
    if gaps is not None and not gaps.empty:
        g = gaps[gaps[col].isin(cols) & gaps[row].isin(rows)]
        fig.add_trace(go.Scatter(x=[plotly_text(c) for c in g[col]],
                                 y=[str(r) for r in g[row]], mode="markers", name="gap",
                                 marker=dict(symbol="square-open", size=14,
                                             color=OKABE_ITO[5], line=dict(width=2)),
                                 hovertemplate="%{y} · %{x}: flagged<extra></extra>"))
    fig.update_xaxes(title="place", tickangle=45)
    fig.update_yaxes(title=row_title, autorange="reversed", type="category", dtick=1)
    if row in ("target", "goal"):
        fig.update_yaxes(tickmode="array", tickvals=[str(r) for r in rows],
                         ticktext=[_row_label(r, row, title=False) for r in rows])
    return fig


def _row_label(value: object, row: str, title: bool = True) -> str:
    """A heatmap row as people read it: "SDG 14.1" (with its short title), "SDG 14"."""
    if row == "goal":
        return f"SDG {value}"
    if row != "target":
        return plotly_text(value)
    name = sdg_target_label(str(value))
    short = sdg_target_title(str(value)) if title else ""
    return f"{name} ({plotly_text(short)})" if short else name


def _target_key(t: object) -> tuple:
    goal, _, sub = str(t).partition(".")
    return (int(goal) if goal.isdigit() else 99, sub.isalpha(),
            int(sub) if sub.isdigit() else 0, sub)


def crowding_scatter(df: pd.DataFrame, *, x: str = "initiatives", y: str = "density",
                     flag: str = "flag", label: Sequence[str] = ("target", "place_name"),
                     title: str | None = None) -> go.Figure:
    """Cells as points: how crowded (x) against how connected their actors are (y).

    Examples
    --------
    >>> import pandas as pd
    >>> cells = pd.DataFrame({"target": ["14.1", "14.2"], "place_name": ["Fiji", "Kenya"],
    ...                       "initiatives": [12, 3], "density": [0.1, 0.8],
    ...                       "flag": [True, False]})
    >>> [t.name for t in crowding_scatter(cells).data]
    ['other cells', 'crowded, poorly connected']
    """
    if df.empty:
        return empty_figure(title or "Crowding", "No target × place cell to show.")
    df = df.assign(**{c: df[c].map(lambda v, c=c: _row_label(v, c)) for c in label
                      if c in ("target", "goal") and c in df})
    fig = figure(title or "Crowding against connection per target × place cell")
    flagged = df[flag].astype(bool) if flag in df else pd.Series(False, index=df.index)
    for name, sub, colour in (("other cells", df[~flagged], GREY),
                              ("crowded, poorly connected", df[flagged], OKABE_ITO[5])):
        if sub.empty:
            continue
        text = [" · ".join(plotly_text(r[c]) for c in label if c in sub)
                for _, r in sub.iterrows()]
        fig.add_trace(go.Scatter(x=sub[x], y=sub[y], mode="markers", name=name, text=text,
                                 marker=dict(color=colour, size=8, opacity=0.75),
                                 hovertemplate="%{text}<br>" + x + ": %{x}<br>" + y +
                                 ": %{y:.2f}<extra></extra>"))
    fig.update_xaxes(title=f"{x.replace('_', ' ')} in the cell (count)")
    fig.update_yaxes(title=f"{y.replace('_', ' ')} (0–1)", range=[-0.05, 1.05])
    return fig
