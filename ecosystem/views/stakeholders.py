"""Stakeholder map: influence (centrality) against interest (focus on the chosen goal).

Quadrants follow the power/interest grid of stakeholder mapping (Mendelow 1991;
Eden & Ackermann 1998): *players* (high influence, high interest) to manage
closely, *context setters* (high influence, low interest) to keep satisfied,
*subjects* (low influence, high interest) to keep informed, and the *crowd*.
"""
from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from ecosystem.views.template import colour_for, empty_figure, figure

__all__ = ["QUADRANT_LABELS", "stakeholder_map"]

#: Quadrant names keyed by (high influence, high interest).
QUADRANT_LABELS = {(True, True): "players", (True, False): "context setters",
                   (False, True): "subjects", (False, False): "crowd"}


def stakeholder_map(df: pd.DataFrame, *, influence: str = "pagerank", interest: str = "interest",
                    label: str = "name", colour: str = "actor_type", top_labels: int = 12,
                    goal: int | None = None, title: str | None = None) -> go.Figure:
    """Actors placed by ``influence`` (x, log scale when skewed) and ``interest`` (y, 0–1).

    Split lines sit at the median influence and at interest 0.5.

    Examples
    --------
    >>> import pandas as pd
    >>> actors = pd.DataFrame({"name": ["A", "B"], "pagerank": [0.3, 0.1],
    ...                        "interest": [0.9, 0.2], "actor_type": ["ngo", "government"]})
    >>> [t.name for t in stakeholder_map(actors, goal=14).data][:2]
    ['government', 'ngo']
    """
    d = df.dropna(subset=[influence, interest])
    if d.empty:
        return empty_figure(title or "Stakeholder map", "No actor has both measures.")
    x_mid = float(d[influence].median())
    fig = figure(title or f"Stakeholder map{f' for SDG {goal}' if goal else ''}: "
                          f"influence against interest", height=560)
    groups = d[colour].fillna("unknown").astype(str) if colour in d else pd.Series("all", d.index)
    for i, grp in enumerate(sorted(groups.unique())):
        sub = d[groups == grp]
        fig.add_trace(go.Scatter(x=sub[influence], y=sub[interest], mode="markers", name=grp,
                                 text=[html.escape(str(v)) for v in sub[label]],
                                 marker=dict(color=colour_for(grp, i), size=8, opacity=0.75),
                                 hovertemplate="%{text}<br>influence %{x:.3g}<br>interest %{y:.0%}"
                                               "<extra></extra>"))
    top = d.nlargest(top_labels, influence)
    fig.add_trace(go.Scatter(x=top[influence], y=top[interest], mode="text", showlegend=False,
                             text=[html.escape(str(v)) for v in top[label]], hoverinfo="skip",
                             textposition="top center", textfont=dict(size=10)))
    fig.add_vline(x=x_mid, line=dict(color="#888", dash="dash"))
    fig.add_hline(y=0.5, line=dict(color="#888", dash="dash"))
    for (hi_inf, hi_int), name in QUADRANT_LABELS.items():
        fig.add_annotation(xref="paper", yref="paper", x=0.99 if hi_inf else 0.01,
                           y=0.99 if hi_int else 0.01, text=f"<b>{name}</b>", showarrow=False,
                           xanchor="right" if hi_inf else "left",
                           yanchor="top" if hi_int else "bottom", font=dict(color="#555"))
    fig.update_xaxes(title=f"influence: {influence.replace('_', ' ')}", type="log"
                     if (d[influence] > 0).all() and d[influence].max() > 50 * d[influence].min()
                     else "linear")
    fig.update_yaxes(title="interest: share of the actor's initiatives on the goal",
                     tickformat=".0%", range=[-0.03, 1.05])
    return fig
