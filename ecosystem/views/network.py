"""Network map: actors placed by a force layout, sized by a hub measure, coloured by group.

Drawn with WebGL traces (``Scattergl``) so that 20,000 nodes stay responsive.
Above ``max_edges`` only the heaviest edges are drawn, and the figure says so.
Labels are written only for the ``top_labels`` largest nodes; every node has a
hover card with its figures.
"""
from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

import igraph as ig
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ecosystem.views.layout import layout_positions
from ecosystem.views.template import GREY, colour_for, empty_figure, figure

__all__ = ["MAX_EDGES", "network_map", "non_overlapping", "spread_centre"]

#: Most edges drawn; above it only the heaviest are.
MAX_EDGES = 20_000


def _hover(row: pd.Series, fields: Sequence[str]) -> str:
    parts = [f"<b>{html.escape(str(row.get('label', row.get('name', ''))))}</b>"]
    for f in fields:
        v = row.get(f)
        if v is None or (isinstance(v, float) and np.isnan(v)):
            continue
        v = f"{v:.4g}" if isinstance(v, float) else html.escape(str(v))
        parts.append(f"{html.escape(f.replace('_', ' '))}: {v}")
    return "<br>".join(parts)


def spread_centre(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Radial square-root scaling around the median: dense cores of force layouts open up.

    Distances from the centre become their square roots, so the order of nodes
    along every ray is kept while a few far outliers no longer squeeze the rest.

    Examples
    --------
    >>> import numpy as np
    >>> x, y = spread_centre(np.array([0.0, 4.0, -9.0]), np.zeros(3))   # median 0
    >>> x.tolist(), y.tolist()
    ([0.0, 2.0, -3.0], [0.0, 0.0, 0.0])
    """
    if len(x) == 0:
        return x, y
    cx, cy = np.median(x), np.median(y)
    dx, dy = x - cx, y - cy
    r = np.hypot(dx, dy)
    scale = np.divide(np.sqrt(r), r, out=np.zeros_like(r), where=r > 0)
    return dx * scale, dy * scale


def non_overlapping(x: np.ndarray, y: np.ndarray, size: np.ndarray, n: int,
                    min_gap: float = 0.07) -> list[int]:
    """Up to ``n`` row positions, largest ``size`` first, whose labels do not crowd.

    A label is skipped when it would sit within ``min_gap`` (share of the plot's
    extent) of a label already placed.

    Examples
    --------
    The two largest points nearly coincide, so the second label goes to the
    third point:

    >>> import numpy as np
    >>> non_overlapping(np.array([0.0, 0.01, 1.0]), np.zeros(3), np.array([3, 2, 1]), 2)
    [0, 2]
    """
    span = max(np.ptp(x) if len(x) else 1.0, np.ptp(y) if len(y) else 1.0) or 1.0
    chosen: list[int] = []
    for i in np.argsort(-np.asarray(size, dtype=float), kind="stable")[: 10 * n]:
        if all(np.hypot(x[i] - x[j], (y[i] - y[j]) * 2.5) > min_gap * span for j in chosen):
            chosen.append(int(i))
        if len(chosen) == n:
            break
    return chosen


def network_map(g: ig.Graph, nodes: pd.DataFrame | None = None, *, size: str = "initiatives",
                colour: str = "actor_type", top_labels: int = 15, max_edges: int = MAX_EDGES,
                hover_fields: Sequence[str] = ("actor_type", "country", "initiatives",
                                               "partners", "pagerank"),
                title: str | None = None, positions: pd.DataFrame | None = None,
                cache_dir: str | Path | None = None) -> go.Figure:
    """Draw an actor graph.

    Parameters
    ----------
    g : igraph.Graph
        Usually :func:`ecosystem.graphs.actor_projection`; vertex ``name`` is the actor id.
    nodes : DataFrame, optional
        Per-actor figures keyed by ``actor_id`` (e.g.
        :func:`ecosystem.measures.network.hubs.hub_metrics`), giving the ``size``
        and ``colour`` columns and the hover fields.
    size, colour : str
        Columns of ``nodes`` (or vertex attributes) for marker size and colour group.
    top_labels : int
        Label only this many nodes, the largest by ``size``.
    max_edges : int
        Draw at most this many edges (the heaviest); the figure notes the cut.
    positions : DataFrame, optional
        ``x``, ``y`` per vertex; default :func:`ecosystem.views.layout.layout_positions`.

    Examples
    --------
    One trace for the edges, then one per actor type:

    >>> import igraph as ig
    >>> import pandas as pd
    >>> g = ig.Graph([(0, 1), (1, 2)])
    >>> g.vs["name"] = ["a", "b", "c"]
    >>> g.vs["actor_type"] = ["ngo", "ngo", "government"]
    >>> fig = network_map(g, pd.DataFrame({"actor_id": ["a", "b", "c"], "initiatives": [1, 2, 1]}))
    >>> fig.layout.title.text, [t.name for t in fig.data]
    ('Network map: 3 actors, 2 ties', [None, 'government (1)', 'ngo (2)'])
    """
    if g.vcount() == 0:
        return empty_figure(title or "Network map", "No actors to draw with these filters.")
    names = g.vs["name"]
    table = pd.DataFrame({"actor_id": names})
    for attr in ("label", "actor_type", "country"):
        if attr in g.vs.attributes():
            table[attr] = g.vs[attr]
    if nodes is not None:
        extra = nodes.drop(columns=[c for c in table.columns if c != "actor_id" and c in nodes])
        table = table.merge(extra.drop_duplicates("actor_id"), on="actor_id", how="left")
    if "label" not in table:
        table["label"] = table.get("name", table["actor_id"])
    pos = positions if positions is not None else layout_positions(g, cache_dir=cache_dir)
    table["x"], table["y"] = spread_centre(pos["x"].to_numpy(), pos["y"].to_numpy())
    sz = pd.to_numeric(table[size], errors="coerce").fillna(0) if size in table else pd.Series(
        np.ones(len(table)))
    span = sz.max() - sz.min()
    table["_size"] = 5 + 25 * ((sz - sz.min()) / span if span > 0 else 0)

    fig = figure(title or f"Network map: {g.vcount():,} actors, {g.ecount():,} ties")
    edges = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    note = None
    if len(edges) > max_edges:
        w = np.asarray(g.es["weight"] if "weight" in g.es.attributes() else np.ones(len(edges)))
        keep = np.argsort(-w, kind="stable")[:max_edges]
        edges = edges[keep]
        note = f"Showing the {max_edges:,} heaviest of {g.ecount():,} ties."
    if len(edges):
        tx, ty = table["x"].to_numpy(), table["y"].to_numpy()
        gap = np.full(len(edges), np.nan)
        xs = np.column_stack([tx[edges[:, 0]], tx[edges[:, 1]], gap]).ravel()
        ys = np.column_stack([ty[edges[:, 0]], ty[edges[:, 1]], gap]).ravel()
        fig.add_trace(go.Scattergl(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                                   line=dict(width=0.4, color="rgba(120,120,120,0.12)")))
    groups = table[colour].fillna("unknown").astype(str) if colour in table else pd.Series(
        ["actors"] * len(table))
    for i, grp in enumerate(sorted(groups.unique())):
        sub = table[groups == grp]
        fig.add_trace(go.Scattergl(
            x=sub["x"], y=sub["y"], mode="markers", name=f"{grp} ({len(sub):,})",
            marker=dict(size=sub["_size"], color=colour_for(grp, i), line=dict(width=0.5,
                                                                               color="white")),
            text=[_hover(r, hover_fields) for _, r in sub.iterrows()],
            hovertemplate="%{text}<extra></extra>", customdata=sub["actor_id"]))
    if top_labels:
        # Annotations, not a text trace: WebGL markers are drawn above SVG text.
        top = table.loc[non_overlapping(table["x"].to_numpy(), table["y"].to_numpy(),
                                        sz.to_numpy(), top_labels)]
        for _, r in top.iterrows():
            fig.add_annotation(x=r["x"], y=r["y"], text=html.escape(str(r["label"])),
                               showarrow=False, yshift=12, font=dict(size=11, color="#111"),
                               bgcolor="rgba(255,255,255,0.75)", borderpad=1)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x")
    fig.update_layout(height=650, legend_title_text=colour.replace("_", " "),
                      plot_bgcolor="white")
    if note:
        fig.add_annotation(text=note, showarrow=False, x=0, y=-0.02, xref="paper", yref="paper",
                           xanchor="left", font=dict(size=11, color=GREY))
    return fig
