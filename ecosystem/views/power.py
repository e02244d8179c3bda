"""Power and burden-sharing: Lorenz curves, North–South composition, resources by actor type."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from ecosystem.views.labels import label_codes
from ecosystem.views.template import GREY, colour_for, empty_figure, figure

__all__ = ["NORTH_SOUTH_ORDER", "composition_bars", "lorenz_curves", "resources_by_type"]

#: Category order of :func:`ecosystem.measures.power.geography.north_south`.
NORTH_SOUTH_ORDER = ("north-south", "south-south", "triangular", "north-north", "single-country",
                     "unclassified")


def lorenz_curves(curves: dict[str, pd.DataFrame], *, x: str = "cum_share_actors",
                  y: str = "cum_share_value", title: str | None = None) -> go.Figure:
    """One Lorenz curve per named table, with the line of equality.

    Parameters
    ----------
    curves : dict of name -> DataFrame with cumulative shares ``x`` and ``y`` in [0, 1]

    Examples
    --------
    >>> import pandas as pd
    >>> curve = pd.DataFrame({"cum_share_actors": [0, 0.5, 1], "cum_share_value": [0, 0.2, 1]})
    >>> [t.name for t in lorenz_curves({"participation": curve}).data]
    ['equal shares', 'participation']
    """
    if not curves:
        return empty_figure(title or "Concentration", "No ties to measure.")
    fig = figure(title or "How concentrated participation and leadership are")
    fig.add_trace(go.Scatter(x=[0, 1], y=[0, 1], mode="lines", name="equal shares",
                             line=dict(color=GREY, dash="dot")))
    for i, (name, d) in enumerate(curves.items()):
        fig.add_trace(go.Scatter(x=d[x], y=d[y], mode="lines", name=name,
                                 line=dict(color=colour_for(name, i), width=2.5)))
    fig.update_xaxes(title="cumulative share of actors (smallest first)", tickformat=".0%",
                     range=[0, 1])
    fig.update_yaxes(title="cumulative share of ties", tickformat=".0%", range=[0, 1])
    return fig


def composition_bars(df: pd.DataFrame, *, category: str = "category",
                     count: str = "initiatives", order: Sequence[str] = NORTH_SOUTH_ORDER,
                     title: str | None = None) -> go.Figure:
    """Bars of initiatives per North–South category (or any category column).

    Examples
    --------
    Bars follow :data:`NORTH_SOUTH_ORDER` and are labelled with their share:

    >>> import pandas as pd
    >>> counts = pd.DataFrame({"category": ["south-south", "north-south"], "initiatives": [1, 3]})
    >>> bars = composition_bars(counts).data[0]
    >>> list(bars.x), list(bars.text)
    (['north-south', 'south-south'], ['75%', '25%'])
    """
    if df.empty:
        return empty_figure(title or "Composition", "No initiative could be classified.")
    d = df.set_index(category)[count]
    cats = [c for c in order if c in d.index] + [c for c in d.index if c not in order]
    total = d.sum()
    fig = figure(title or "Initiatives by North–South composition of their actors")
    fig.add_trace(go.Bar(x=cats, y=[d[c] for c in cats],
                         text=[f"{d[c] / total:.0%}" if total else "" for c in cats],
                         marker_color=[colour_for(c, i) for i, c in enumerate(cats)],
                         hovertemplate="%{x}: %{y} initiatives<extra></extra>"))
    fig.update_yaxes(title="initiatives (count)")
    return fig


def resources_by_type(df: pd.DataFrame, *, group: str = "actor_type", kind: str = "type",
                      value: str = "initiatives", title: str | None = None) -> go.Figure:
    """Stacked bars: which resource types each actor type brings (actor types by their labels).

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"actor_type": ["ngo", "ngo"], "type": ["financing", "in_kind"],
    ...                       "initiatives": [2, 1]})
    >>> [(t.name, list(t.y)) for t in resources_by_type(table).data]
    [('financing', ['NGO']), ('in kind', ['NGO'])]
    """
    if df.empty:
        return empty_figure(title or "Resources", "The registry lists no resources.")
    pivot = df.pivot_table(index=group, columns=kind, values=value, aggfunc="sum", fill_value=0)
    pivot = pivot.loc[pivot.sum(axis=1).sort_values().index]
    fig = figure(title or "Resources brought, by actor type of the lead",
                 height=max(340, 28 * len(pivot) + 140))
    for i, k in enumerate(pivot.columns):
        fig.add_trace(go.Bar(y=[label_codes(t) for t in pivot.index.astype(str)],
                             x=pivot[k], name=label_codes(str(k)), orientation="h",
                             marker_color=colour_for(str(k), i)))
    fig.update_layout(barmode="stack", legend_title_text="resource type")
    fig.update_xaxes(title=f"{value} (count)")
    return fig
