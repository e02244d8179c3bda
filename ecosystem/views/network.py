"""Network map: actors placed by a force layout, sized by a hub measure, coloured by group.

Drawn with WebGL traces (``Scattergl``) so that 20,000 nodes stay responsive.
The map reads at a glance:

- it fills the width (the layout is stretched to the plot's shape);
- only the few actors that matter are named (the largest by the size measure),
  by their display names (the short form a registry's users write), and no
  two names overlap (:func:`ecosystem.views.layout.place_labels`, checked for
  every plot width from a narrow printed page to a wide screen);
- colours are actor types (their labels in the legend) or the largest groups
  (communities named by their label), the rest grey;
- edges are faint; above ``max_edges`` only the heaviest are drawn, and the
  figure says so; every node has a hover card with its figures.

Edges are drawn as few long polylines (each edge once, walked as trails through
shared nodes) in single precision, so a map of 20,000 edges weighs about a third
of one drawn edge by edge.
"""
from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from pathlib import Path

import igraph as ig
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ecosystem.graphs.edge_arrays import edge_array
from ecosystem.reference.countries import country_name
from ecosystem.views.formatting import count, number, short_label
from ecosystem.views.labels import actor_type_label, community_label
from ecosystem.views.layout import layout_positions, place_labels
from ecosystem.views.template import GREY, OKABE_ITO, colour_for, empty_figure, figure

__all__ = ["ASPECT", "MAX_EDGES", "edge_trails", "network_map", "spread_centre"]

#: Most edges drawn; above it only the heaviest are.
MAX_EDGES = 20_000
#: Width of the drawn layout over its height (about a report page's plot area).
ASPECT = 1.7
#: Axis ranges around the layout (stretched to [0, ASPECT] × [0, 1]).
X_RANGE, Y_RANGE = (-0.03 * ASPECT, 1.03 * ASPECT), (-0.06, 1.08)
#: Plot-area widths (pixels) over which labels must not overlap: a printed page to a wide screen.
PLOT_WIDTHS = (620.0, 1600.0)
#: Height of the map, its top and bottom margins and the most the legend above it takes (pixels):
#: a legend that wraps to three rows on a narrow page leaves a plot area of 530 pixels.
HEIGHT, TOP, BOTTOM, LEGEND_ROWS = 760, 110, 44, 76
#: Font size of the labels (pixels) and the longest label written.
LABEL_FONT, LABEL_CHARS = 11, 30

_FIELDS: dict[str, tuple[str, Callable[[object], str]]] = {
    "actor_type": ("Type", actor_type_label),
    "country": ("Country", lambda v: country_name(str(v)) or str(v)),
    "initiatives": ("Initiatives", count),
    "initiatives_led": ("Led", count),
    "partners": ("Partners", count),
    "pagerank": ("PageRank", number),
    "betweenness": ("Betweenness", number),
}


def _missing(v: object) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v) or v == ""


def _hover(row: dict, fields: Sequence[str]) -> str:
    name = str(row.get("label") or row.get("actor_id"))
    parts = [f"<b>{html.escape(name)}</b>"]
    official = row.get("official_name")
    if not _missing(official) and str(official) != name:
        parts.append(html.escape(str(official)))
    for f in fields:
        v = row.get(f)
        if _missing(v):
            continue
        label, fmt = _FIELDS.get(f, (f.replace("_", " ").capitalize(), None))
        if fmt is None:
            fmt = number if isinstance(v, (int, float, np.number)) else str
        parts.append(f"{html.escape(label)}: {html.escape(fmt(v))}")
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


def _fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions scaled to ``[0, ASPECT] × [0, 1]`` (a single point sits in the middle)."""
    def unit(v: np.ndarray) -> np.ndarray:
        span = float(np.ptp(v)) if len(v) else 0.0
        return (v - v.min()) / span if span > 0 else np.full(len(v), 0.5)
    return unit(x) * ASPECT, unit(y)


def edge_trails(edges: np.ndarray) -> list[list[int]]:
    """The edges as vertex sequences, each edge walked exactly once (greedy trails).

    Drawing a trail costs one point per edge instead of three (two ends and a gap).

    Examples
    --------
    A triangle with a tail is one trail of four edges:

    >>> import numpy as np
    >>> edge_trails(np.array([[0, 1], [1, 2], [2, 0], [2, 3]]))
    [[3, 2, 0, 1, 2]]
    """
    e = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    if len(e) == 0:
        return []
    # Each vertex's (neighbour, edge) list, in the order the edges are listed (plain lists:
    # the walk below touches every edge once, in Python)
    src = e.ravel()
    order = np.argsort(src, kind="stable")
    nbr = e[:, ::-1].ravel()[order].tolist()
    eid = (np.arange(2 * len(e)) // 2)[order].tolist()
    deg = np.bincount(src)
    stop = np.cumsum(deg)
    ptr, first = stop.tolist(), (stop - deg).tolist()   # a list is entries first..ptr-1
    # Start at odd-degree vertices, leaves first: a trail must end at each of them.
    has = np.flatnonzero(deg)
    starts = has[np.lexsort((has, deg[has], deg[has] % 2 == 0))].tolist()
    used = bytearray(len(e))
    trails: list[list[int]] = []
    for s in starts:
        while ptr[s] > first[s]:
            trail, v = [s], s
            while ptr[v] > first[v]:  # take the vertex's last unused edge
                ptr[v] -= 1
                k = eid[ptr[v]]
                if used[k]:
                    continue
                used[k] = 1
                v = nbr[ptr[v]]
                trail.append(v)
            if len(trail) > 1:
                trails.append(trail)
    return trails


def _edge_xy(edges: np.ndarray, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Polyline coordinates (float32, trails separated by NaN) of ``edges``."""
    idx: list[int] = []
    for t in edge_trails(edges):
        idx.extend(t)
        idx.append(-1)
    ix = np.asarray(idx, dtype=np.int64)
    xs = np.where(ix >= 0, x[ix], np.nan).astype(np.float32)
    ys = np.where(ix >= 0, y[ix], np.nan).astype(np.float32)
    return xs, ys


def _groups(table: pd.DataFrame, colour: str, max_groups: int
            ) -> list[tuple[str, str, np.ndarray]]:
    """(legend name, colour, row mask) per drawn group, drawn in this order (grey first)."""
    if colour not in table:
        return [(f"Actors ({count(len(table))})", OKABE_ITO[0], np.ones(len(table), bool))]
    values = table[colour]
    sizes = values.value_counts(dropna=True)
    out = []
    if colour == "actor_type":
        codes = values.fillna("unknown").astype(str)
        for code, n in codes.value_counts().items():
            out.append((f"{actor_type_label(code)} ({count(n)})", colour_for(code),
                        (codes == code).to_numpy()))
        return out
    named = table.get(f"{colour}_label")
    top = list(sizes.index[:max_groups])
    rest = ~values.isin(top).to_numpy()
    if rest.any():
        n_rest = int(values[rest].nunique())
        what = "communities" if colour == "community" else "groups"
        out.append((f"Other {what} ({count(n_rest)}, {count(rest.sum())} actors)"
                    if n_rest else f"No group ({count(rest.sum())} actors)", GREY, rest))
    for i, code in enumerate(top):
        mask = (values == code).to_numpy()
        label = named[mask].dropna().iloc[0] if named is not None and named[mask].notna().any() \
            else None
        name = community_label(code, label) if colour == "community" else str(code)
        out.append((f"{name} ({count(mask.sum())})", OKABE_ITO[i % len(OKABE_ITO)], mask))
    return out


def _label_annotation(x: float, y: float, text: str, place: str, r: float) -> dict:
    shift = r + 2
    anchor = {"top": ("center", "bottom", 0, shift), "bottom": ("center", "top", 0, -shift),
              "right": ("left", "middle", shift, 0), "left": ("right", "middle", -shift, 0)}
    xa, ya, dx, dy = anchor[place]
    return dict(x=x, y=y, text=html.escape(text), showarrow=False, xanchor=xa, yanchor=ya,
                xshift=dx, yshift=dy, font=dict(size=LABEL_FONT, color="#111"),
                bgcolor="rgba(255,255,255,0.8)", borderpad=1, name="actor-label")


def network_map(g: ig.Graph, nodes: pd.DataFrame | None = None, *, size: str = "initiatives",
                colour: str = "actor_type", top_labels: int = 12, max_edges: int = MAX_EDGES,
                hover_fields: Sequence[str] = ("actor_type", "country", "initiatives",
                                               "partners", "pagerank"),
                title: str | None = None, positions: pd.DataFrame | None = None,
                cache_dir: str | Path | None = None, max_groups: int = 8,
                highlight: str | None = None) -> go.Figure:
    """Draw an actor graph.

    Parameters
    ----------
    g : igraph.Graph
        Usually :func:`ecosystem.graphs.actor_projection`; vertex ``name`` is the actor id.
    nodes : DataFrame, optional
        Per-actor figures keyed by ``actor_id`` (e.g.
        :func:`ecosystem.measures.network.hubs.hub_metrics`), giving the ``size``
        and ``colour`` columns, the hover fields, ``name`` (the display name, used as
        the label) and ``official_name`` (shown in the hover card).
    size : str
        Column for marker size; the largest actors by it are the ones named.
    colour : str
        ``actor_type`` (fixed colours, labels in the legend) or another column of groups:
        the ``max_groups`` largest get colours, the rest are grey. For ``community`` the
        legend names each by :func:`ecosystem.views.labels.community_label`, with the
        label of the ``community_label`` column when ``nodes`` has one.
    top_labels : int
        Name at most this many actors (fewer when names would overlap).
    max_edges : int
        Draw at most this many edges (the heaviest); the figure notes the cut.
    positions : DataFrame, optional
        ``x``, ``y`` per vertex; default :func:`ecosystem.views.layout.layout_positions`.
    highlight : str, optional
        Actor id to ring (e.g. the chosen actor of an ego network), at its drawn place.

    Examples
    --------
    One trace for the edges, then one per actor type, largest first:

    >>> import igraph as ig
    >>> import pandas as pd
    >>> g = ig.Graph([(0, 1), (1, 2)])
    >>> g.vs["name"] = ["a", "b", "c"]
    >>> g.vs["actor_type"] = ["ngo", "ngo", "government"]
    >>> fig = network_map(g, pd.DataFrame({"actor_id": ["a", "b", "c"], "initiatives": [1, 2, 1]}))
    >>> fig.layout.title.text, [t.name for t in fig.data]
    ('Network map: 3 actors, 2 ties', [None, 'NGO (2)', 'Government (1)'])
    """
    if g.vcount() == 0:
        return empty_figure(title or "Network map", "No actors to draw with these filters.")
    table = pd.DataFrame({"actor_id": g.vs["name"]})
    for attr in ("label", "actor_type", "country"):
        if attr in g.vs.attributes():
            table[attr] = g.vs[attr]
    if nodes is not None:
        extra = nodes.drop(columns=[c for c in table.columns if c != "actor_id" and c in nodes])
        table = table.merge(extra.drop_duplicates("actor_id"), on="actor_id", how="left")
    if "name" in table:
        table["label"] = table["name"].fillna(table.get("label", table["actor_id"]))
    elif "label" not in table:
        table["label"] = table["actor_id"]
    pos = positions if positions is not None else layout_positions(g, cache_dir=cache_dir)
    x, y = _fit(*spread_centre(pos["x"].to_numpy(float), pos["y"].to_numpy(float)))
    sz = (pd.to_numeric(table[size], errors="coerce").fillna(0) if size in table
          else pd.Series(np.ones(len(table)))).to_numpy(float)
    span = sz.max() - sz.min()
    marker = 5 + 25 * (np.sqrt((sz - sz.min()) / span) if span > 0 else np.zeros(len(sz)))

    fig = figure(title or f"Network map: {count(g.vcount())} actors, {count(g.ecount())} ties")
    edges = edge_array(g)
    note = None
    if len(edges) > max_edges:
        w = np.asarray(g.es["weight"] if "weight" in g.es.attributes() else np.ones(len(edges)))
        edges = edges[np.argsort(-w, kind="stable")[:max_edges]]
        note = f"Showing the {count(max_edges)} heaviest of {count(g.ecount())} ties."
    if len(edges):
        xs, ys = _edge_xy(edges, x, y)
        fig.add_trace(go.Scattergl(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                                   line=dict(width=0.5, color="rgba(110,110,110,0.12)")))
    rows = table.to_dict("records")
    hover = np.array([_hover(r, hover_fields) for r in rows], dtype=object)
    for name, col, mask in _groups(table, colour, max_groups):
        fig.add_trace(go.Scattergl(
            x=x[mask].astype(np.float32), y=y[mask].astype(np.float32), mode="markers",
            name=name, text=hover[mask].tolist(), hovertemplate="%{text}<extra></extra>",
            customdata=table.loc[mask, "actor_id"].tolist(),
            marker=dict(size=np.round(marker[mask], 1), color=col,
                        line=dict(width=0.5, color="white"))))
    if highlight is not None and (table["actor_id"] == highlight).any():
        i = int(np.flatnonzero(table["actor_id"].to_numpy() == highlight)[0])
        fig.add_trace(go.Scattergl(
            x=[x[i]], y=[y[i]], mode="markers", name="chosen actor", customdata=[highlight],
            hovertemplate=html.escape(str(rows[i]["label"])) + "<extra></extra>",
            marker=dict(size=marker[i] + 12, symbol="circle-open", color="#000",
                        line=dict(width=3, color="#000"))))
    if top_labels:
        order = np.argsort(-sz, kind="stable")[: 6 * top_labels]
        texts = [short_label(str(table["label"].iloc[i]), LABEL_CHARS) for i in order]
        plot_h = (HEIGHT - TOP - BOTTOM - LEGEND_ROWS, HEIGHT - TOP - BOTTOM)
        placed = place_labels(x[order], y[order], texts, n=top_labels,
                              x_pixels=(PLOT_WIDTHS[0] / (X_RANGE[1] - X_RANGE[0]),
                                        PLOT_WIDTHS[1] / (X_RANGE[1] - X_RANGE[0])),
                              y_pixels=(plot_h[0] / (Y_RANGE[1] - Y_RANGE[0]),
                                        plot_h[1] / (Y_RANGE[1] - Y_RANGE[0])),
                              font_size=LABEL_FONT, radius=marker[order] / 2,
                              frame=(*X_RANGE, *Y_RANGE))
        for k, place in placed:
            i = order[k]
            fig.add_annotation(**_label_annotation(float(x[i]), float(y[i]), texts[k], place,
                                                   float(marker[i]) / 2))
    fig.update_xaxes(visible=False, range=list(X_RANGE))
    fig.update_yaxes(visible=False, range=list(Y_RANGE))
    fig.update_layout(height=HEIGHT, plot_bgcolor="white", hovermode="closest",
                      title=dict(y=1.0, yref="container", yanchor="top", pad=dict(t=12)),
                      margin=dict(l=10, r=10, t=TOP, b=BOTTOM),
                      legend=dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom",
                                  itemsizing="constant", font=dict(size=12), title_text=""))
    if note:
        # on a second line under the plot, clear of a caller's note on the first
        fig.add_annotation(text=note, showarrow=False, x=0, y=0, xref="paper", yref="paper",
                           xanchor="left", yanchor="top", yshift=-22,
                           font=dict(size=11, color=GREY))
    return fig
