"""The Agreement Matrix as a quadrant chart (Stevenson; Mancini, "Managing Partnership")."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from ecosystem.views.template import OKABE_ITO, empty_figure, figure, plotly_text

__all__ = ["QUADRANTS", "agreement_quadrants"]

#: Label of each quadrant, keyed by (goals high, means high).
QUADRANTS = {
    (True, False): "I · leadership tools",
    (True, True): "II · culture tools",
    (False, True): "III · management tools",
    (False, False): "IV · power tools",
}


def agreement_quadrants(df: pd.DataFrame, *, x: str = "means_agreement",
                        y: str = "goal_agreement", thresholds: tuple[float, float] | None = None,
                        label: Sequence[str] = ("name_a", "name_b"),
                        title: str | None = None) -> go.Figure:
    """Pairs of actors placed by agreement on goals (y) and on means (x), quadrants named.

    ``thresholds`` is (goals, means): the lines that split the quadrants; by
    default ``df.attrs["thresholds"]`` (set by
    :func:`ecosystem.measures.power.agreement.agreement_pairs`, e.g. the medians),
    else 0.5 on both. Pairs where an axis is not measurable are not placed.

    Examples
    --------
    One pair high on goals and low on means (quadrant I), one low on both (IV);
    the third has no goal agreement and is left out:

    >>> import pandas as pd
    >>> pairs = pd.DataFrame({"name_a": ["A", "A", "B"], "name_b": ["B", "C", "C"],
    ...                       "goal_agreement": [0.9, 0.1, None],
    ...                       "means_agreement": [0.3, 0.2, 0.9]})
    >>> [t.name for t in agreement_quadrants(pairs).data]
    ['I · leadership tools (1)', 'IV · power tools (1)']
    >>> [t.name for t in agreement_quadrants(pairs, thresholds=(0.05, 0.25)).data]
    ['I · leadership tools (1)', 'II · culture tools (1)']
    """
    df = df.dropna(subset=[x, y]) if x in df and y in df else df.iloc[0:0]
    if df.empty:
        return empty_figure(title or "Agreement Matrix", "No pair of actors to place.")
    tg, tm = thresholds if thresholds is not None else df.attrs.get("thresholds", (0.5, 0.5))
    fig = figure(title or f"Agreement Matrix: {len(df):,} partner pairs", height=560)
    for i, ((gh, mh), name) in enumerate(QUADRANTS.items()):
        sub = df[((df[y] >= tg) == gh) & ((df[x] >= tm) == mh)]
        if not sub.empty:
            parts = [sub[c].tolist() for c in label if c in sub]
            safe = {v: plotly_text(v) for v in {v for p in parts for v in p}}  # each name once
            text = [" – ".join(safe[v] for v in row) for row in zip(*parts)]
            fig.add_trace(go.Scatter(x=sub[x], y=sub[y], mode="markers",
                                     name=f"{name} ({len(sub)})", text=text,
                                     marker={"size": 7, "opacity": 0.7, "color": OKABE_ITO[i]},
                                     hovertemplate="%{text}<br>goals %{y:.2f} · means %{x:.2f}"
                                                   "<extra></extra>"))
        fig.add_annotation(x=0.98 if mh else 0.02, y=0.98 if gh else 0.02, xref="x", yref="y",
                           text=f"<b>{name}</b>", showarrow=False,
                           xanchor="right" if mh else "left",
                           yanchor="top" if gh else "bottom", font={"color": "#444"})
    fig.add_hline(y=tg, line={"color": "#888", "dash": "dash"})
    fig.add_vline(x=tm, line={"color": "#888", "dash": "dash"})
    fig.update_xaxes(title="agreement on means (0–1)", range=[-0.02, 1.02])
    fig.update_yaxes(title="agreement on goals (0–1)", range=[-0.02, 1.02])
    return fig
