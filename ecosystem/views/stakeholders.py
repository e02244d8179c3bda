"""Stakeholder map: influence (centrality) against interest (focus on the chosen goal).

Quadrants follow the power/interest grid of stakeholder mapping (Mendelow 1991;
Eden & Ackermann 1998): *players* (high influence, high interest) to manage
closely, *context setters* (high influence, low interest) to keep satisfied,
*subjects* (low influence, high interest) to keep informed, and the *crowd*.

The most influential actors are named by their display names, placed so that
no two names overlap (:func:`ecosystem.views.layout.place_labels`); every point
has a hover card.
"""
from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ecosystem.views.formatting import count, number, percent
from ecosystem.views.labels import actor_type_label
from ecosystem.views.layout import label_box, place_labels
from ecosystem.views.template import colour_for, empty_figure, figure

__all__ = ["QUADRANT_LABELS", "stakeholder_map"]

#: Quadrant names keyed by (high influence, high interest).
QUADRANT_LABELS = {(True, True): "players", (True, False): "context setters",
                   (False, True): "subjects", (False, False): "crowd"}

#: Figure height and the plot-area widths (pixels) over which names must not overlap.
_HEIGHT, _PLOT_WIDTHS, _PLOT_HEIGHT = 560, (480.0, 1400.0), (390.0, 445.0)
_FONT = 10


def _hover(name: object, official: object, kind: object, inf: float, intr: float,
           influence: str) -> str:
    parts = [f"<b>{html.escape(str(name))}</b>"]
    if isinstance(official, str) and official and official != name:
        parts.append(html.escape(official))
    parts += [f"Type: {html.escape(actor_type_label(kind))}",
              f"Influence ({html.escape(influence.replace('_', ' '))}): {number(inf)}",
              f"Interest: {percent(intr)}"]
    return "<br>".join(parts)


def stakeholder_map(df: pd.DataFrame, *, influence: str = "pagerank", interest: str = "interest",
                    label: str = "name", colour: str = "actor_type", top_labels: int = 12,
                    goal: int | None = None, title: str | None = None) -> go.Figure:
    """Actors placed by ``influence`` (x, log scale when skewed) and ``interest`` (y, 0–1).

    Split lines sit at the median influence and at interest 0.5. The ``top_labels``
    most influential actors are named where a name fits without overlapping another.

    Examples
    --------
    >>> import pandas as pd
    >>> actors = pd.DataFrame({"name": ["A", "B"], "pagerank": [0.3, 0.1],
    ...                        "interest": [0.9, 0.2], "actor_type": ["ngo", "government"]})
    >>> fig = stakeholder_map(actors, goal=14)
    >>> [t.name for t in fig.data][:2], sorted(a.text for a in fig.layout.annotations
    ...                                        if a.name == "actor-label")
    (['Government (1)', 'NGO (1)'], ['A', 'B'])
    """
    d = df.dropna(subset=[influence, interest])
    if d.empty:
        return empty_figure(title or "Stakeholder map", "No actor has both measures.")
    x_mid = float(d[influence].median())
    fig = figure(title or f"Stakeholder map{f' for SDG {goal}' if goal else ''}: "
                          f"influence against interest", height=_HEIGHT)
    groups = (d[colour].fillna("unknown").astype(str) if colour in d
              else pd.Series("unknown", d.index))
    official = d["official_name"] if "official_name" in d else pd.Series(None, d.index)
    for grp in sorted(groups.unique(), key=actor_type_label):
        sub = d[groups == grp]
        text = [_hover(n, o, grp, i, t, influence) for n, o, i, t in
                zip(sub[label], official[sub.index], sub[influence], sub[interest])]
        fig.add_trace(go.Scatter(x=sub[influence], y=sub[interest], mode="markers",
                                 name=f"{actor_type_label(grp)} ({count(len(sub))})", text=text,
                                 marker=dict(color=colour_for(grp), size=8, opacity=0.75),
                                 hovertemplate="%{text}<extra></extra>"))
    xv = d[influence].to_numpy(float)
    log = bool((xv > 0).all() and xv.max() > 50 * xv.min())
    px = np.log10(xv) if log else xv
    lo, hi = float(px.min()), float(px.max())
    pad = 0.04 * (hi - lo) if hi > lo else 0.5
    x_range = [lo - pad, hi + pad]
    y_range = [-0.03, 1.08]
    if top_labels:
        order = np.argsort(-xv, kind="stable")[: 6 * top_labels]
        names = [str(v) for v in d[label].to_numpy()[order]]
        names = [n if len(n) <= 28 else n[:27].rstrip() + "…" for n in names]
        span_x, span_y = x_range[1] - x_range[0], y_range[1] - y_range[0]
        corners = []
        for (hi_inf, hi_int), name in QUADRANT_LABELS.items():   # the quadrant names' boxes
            w, h = label_box(name, 14)
            corners.append((x_range[1] if hi_inf else x_range[0],
                            y_range[1] if hi_int else y_range[0],
                            -w / 2 - 4 if hi_inf else w / 2 + 4,
                            -h / 2 - 4 if hi_int else h / 2 + 4,
                            w, h))
        placed = place_labels(px[order], d[interest].to_numpy(float)[order], names,
                              n=top_labels, font_size=_FONT, radius=4.0, taken=corners,
                              frame=(*x_range, *y_range),
                              x_pixels=(_PLOT_WIDTHS[0] / span_x, _PLOT_WIDTHS[1] / span_x),
                              y_pixels=(_PLOT_HEIGHT[0] / span_y, _PLOT_HEIGHT[1] / span_y))
        anchor = {"top": ("center", "bottom", 0, 6), "bottom": ("center", "top", 0, -6),
                  "right": ("left", "middle", 6, 0), "left": ("right", "middle", -6, 0)}
        for k, place in placed:
            i = order[k]
            xa, ya, dx, dy = anchor[place]
            fig.add_annotation(x=float(px[i]), y=float(d[interest].iloc[i]),
                               text=html.escape(names[k]), showarrow=False, xanchor=xa,
                               yanchor=ya, xshift=dx, yshift=dy, name="actor-label",
                               font=dict(size=_FONT, color="#111"),
                               bgcolor="rgba(255,255,255,0.8)", borderpad=1)
    fig.add_vline(x=x_mid, line=dict(color="#888", dash="dash"))
    fig.add_hline(y=0.5, line=dict(color="#888", dash="dash"))
    for (hi_inf, hi_int), name in QUADRANT_LABELS.items():
        fig.add_annotation(xref="paper", yref="paper", x=0.99 if hi_inf else 0.01,
                           y=0.99 if hi_int else 0.01, text=f"<b>{name}</b>", showarrow=False,
                           xanchor="right" if hi_inf else "left",
                           yanchor="top" if hi_int else "bottom", font=dict(color="#555"))
    fig.update_xaxes(title=f"influence: {influence.replace('_', ' ')}",
                     type="log" if log else "linear", range=x_range, exponentformat="none")
    fig.update_yaxes(title="interest: share of the actor's initiatives on the goal",
                     tickformat=".0%", range=y_range)
    fig.update_layout(margin=dict(l=70, r=30, t=70, b=50))
    return fig
