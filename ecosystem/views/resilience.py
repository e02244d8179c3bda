"""Resilience curves: the largest component as actors leave, one line per removal order."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ecosystem.views.template import OKABE_ITO, empty_figure, figure

__all__ = ["resilience_curves"]

_DASH = {"hubs": "solid", "brokers": "dash", "random": "dot"}


def resilience_curves(df: pd.DataFrame, *, y: str = "share_initiatives_in_lcc",
                      title: str | None = None) -> go.Figure:
    """Share of initiatives in the largest component against actors removed, by ordering.

    Examples
    --------
    >>> import pandas as pd
    >>> curve = pd.DataFrame({"ordering": ["hubs", "hubs", "random", "random"],
    ...                       "removed": [0, 1, 0, 1],
    ...                       "share_initiatives_in_lcc": [1.0, 0.5, 1.0, 1.0]})
    >>> [(t.name, t.line.dash) for t in resilience_curves(curve).data]
    [('hubs', 'solid'), ('random', 'dot')]
    """
    if df.empty:
        return empty_figure(title or "Resilience", "No removal curve computed.")
    fig = figure(title or "What the ecosystem loses as its central actors leave")
    for i, (order, d) in enumerate(df.groupby("ordering", sort=False)):
        fig.add_trace(go.Scatter(x=d["removed"], y=d[y], mode="lines", name=str(order),
                                 line=dict(color=OKABE_ITO[i], width=2.5,
                                           dash=_DASH.get(str(order), "solid")),
                                 hovertemplate="%{x} actors removed: %{y:.1%}<extra></extra>"))
    fig.update_xaxes(title="actors removed (count)")
    fig.update_yaxes(title="initiatives in the largest connected component (share)",
                     tickformat=".0%", range=[0, 1.02])
    return fig
