"""The Agreement Matrix as a quadrant chart (Stevenson; Mancini, "Managing Partnership")."""
from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from ecosystem.views.template import OKABE_ITO, empty_figure, figure

QUADRANTS = {  # (goals high, means high) -> label
    (True, False): "I · leadership tools",
    (True, True): "II · culture tools",
    (False, True): "III · management tools",
    (False, False): "IV · power tools",
}


def agreement_quadrants(df: pd.DataFrame, *, x: str = "means_agreement", y: str = "goal_agreement",
                        thresholds=(0.5, 0.5), label=("name_a", "name_b"),
                        title: str | None = None) -> go.Figure:
    """Pairs of actors placed by agreement on goals (y) and on means (x), quadrants named.

    ``thresholds`` is (goals, means): the lines that split the quadrants.
    """
    if df.empty:
        return empty_figure(title or "Agreement Matrix", "No pair of actors to place.")
    tg, tm = thresholds
    fig = figure(title or f"Agreement Matrix: {len(df):,} partner pairs", height=560)
    for i, ((gh, mh), name) in enumerate(QUADRANTS.items()):
        sub = df[((df[y] >= tg) == gh) & ((df[x] >= tm) == mh)]
        if not sub.empty:
            text = [" – ".join(html.escape(str(r[c])) for c in label if c in sub)
                    for _, r in sub.iterrows()]
            fig.add_trace(go.Scatter(x=sub[x], y=sub[y], mode="markers", name=f"{name} ({len(sub)})",
                                     text=text, marker=dict(size=7, opacity=0.7,
                                                            color=OKABE_ITO[i]),
                                     hovertemplate="%{text}<br>goals %{y:.2f} · means %{x:.2f}"
                                                   "<extra></extra>"))
        fig.add_annotation(x=0.98 if mh else 0.02, y=0.98 if gh else 0.02, xref="x", yref="y",
                           text=f"<b>{name}</b>", showarrow=False, xanchor="right" if mh else "left",
                           yanchor="top" if gh else "bottom", font=dict(color="#444"))
    fig.add_hline(y=tg, line=dict(color="#888", dash="dash"))
    fig.add_vline(x=tm, line=dict(color="#888", dash="dash"))
    fig.update_xaxes(title="agreement on means (0–1)", range=[-0.02, 1.02])
    fig.update_yaxes(title="agreement on goals (0–1)", range=[-0.02, 1.02])
    return fig
