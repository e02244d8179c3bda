"""The network panel: the whole-ecosystem map, an actor's ego network, and the actors table.

Drawn with :func:`ecosystem.views.network_map` (SVG up to :data:`SVG_LIMIT` actors, WebGL above) on
the view's actor projection, nodes sized by initiatives. Above
:data:`NODE_LIMIT` actors the server keeps the ``NODE_LIMIT`` actors with most
initiatives (ties broken by PageRank) and the ties among them, and the page
says so. Positions come from :func:`ecosystem.views.layout.layout_positions`
of the *unfiltered* registry's projection (:func:`positions`): a filter or a
sample keeps every actor where it was, so the map does not reshuffle when a
filter changes, and no layout is computed per filter state. An ego network
holds the actor and everyone within 1 or 2 steps in the projection, cut the
same way; up to :data:`OWN_LAYOUT_LIMIT` actors it gets a layout of its own,
above that the same positions.

The chosen actor is ringed (:func:`with_ring`) at its node's coordinates as
they are in the figure, read from the node traces themselves (the view
rescales the layout's positions), on the whole map and on the ego network.
Figures are kept per view as plain dicts (:func:`whole_figure`), so a card
opening only sends the ring (a ``dash.Patch``), not the map again.
"""
from __future__ import annotations

import base64
import html as html_text
import json
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ecosystem import views
from ecosystem.errors import AnalysisError
from ecosystem.explorer.state import ExplorerState, Filters, View
from ecosystem.measures.network.community_profiles import community_profiles
from ecosystem.views.layout import layout_positions
from ecosystem.views.record_words import as_units, unit
from ecosystem.views.template import empty_figure

if TYPE_CHECKING:
    import igraph as ig
    from dash import Dash

__all__ = [
    "NODE_LIMIT", "EDGE_LIMIT", "OWN_LAYOUT_LIMIT", "SVG_LIMIT", "MAP_HEIGHT", "COLOURINGS",
    "COMMUNITY_COLUMN",
    "RING", "renderer",
    "positions", "whole_network", "whole_figure", "ego_network", "network_figure",
    "node_xy", "ring_trace", "with_ring", "shown_key", "first_view", "clicked_actor",
    "actors_table", "register",
]

#: Most actors drawn on one map; above it the map is a sample, stated on the page.
NODE_LIMIT = 2000
#: Most ties drawn (the heaviest); the note under the map says when there are more.
EDGE_LIMIT = 10_000
#: Largest ego network laid out on its own (above: positions of the whole selection).
OWN_LAYOUT_LIMIT = 400
COLOURINGS = ("actor_type", "community")


#: Column holding the colour group when colouring by community (the view's communities).
COMMUNITY_COLUMN = "community"
#: Name of the trace that rings the chosen actor (always the figure's last trace).
RING = "chosen actor"
#: Maps of at most this many actors are drawn as SVG (plotly ``scatter``), larger ones with
#: WebGL (``scattergl``). Measured in Chromium on the Ocean map (``tests/artifacts/
#: explorer-webgl-eval.txt``): SVG draws the 2,000-actor map about three times faster than
#: WebGL, and leaves the browser's few WebGL contexts free; WebGL only pays off above it.
SVG_LIMIT = 2500
#: Height of the map (pixels): the figure's and its ``dcc.Graph``'s, so plotly draws it
#: once, at its final size, instead of drawing it and then resizing it.
MAP_HEIGHT = 720


def positions(view: View, g: ig.Graph) -> pd.DataFrame:
    """``x, y`` for the vertices of ``g`` (a part of the view's projection).

    The positions of the unfiltered registry's layout (``view.parent``), so
    that every actor keeps its place whatever the filters; the view's own
    layout for the unfiltered view, or for actors the parent does not hold.
    """
    base = view.parent if view.parent is not None else view
    full = base.projection()
    table = base.once("positions", lambda: layout_positions(full).set_index(
        pd.Index(full.vs["name"], name="actor_id")))
    names = g.vs["name"]
    pos = table.reindex(names)
    if pos["x"].isna().any():  # an actor the parent does not hold: lay out g itself
        return layout_positions(g)
    return pd.DataFrame({"name": names, "x": pos["x"].to_numpy(), "y": pos["y"].to_numpy()})


def _nodes(view: View, colour: str) -> pd.DataFrame:
    """Hub figures per actor; with ``colour="community"`` also the view's own communities
    (Leiden on the filtered projection, as the report computes them for its selection)
    and their labels (:func:`ecosystem.measures.network.community_profiles.community_profiles`),
    which the map's legend names them by."""
    nodes = view.hubs()
    if colour == "community":
        def labelled():
            memb = view.communities()
            try:
                prof = community_profiles(view.analysis.network_reg, memb)[
                    ["community", "label"]]
            except AnalysisError:
                prof = pd.DataFrame({"community": [], "label": []})
            out = memb[["actor_id", "community"]].merge(
                prof.rename(columns={"label": "community_label"}), on="community", how="left")
            return nodes.drop(columns=[c for c in ("community", "community_label")
                                       if c in nodes]).merge(out, on="actor_id", how="left")
        return view.once("community-nodes", labelled)
    return nodes


def _colour_column(colour: str) -> str:
    return COMMUNITY_COLUMN if colour == "community" else "actor_type"


def _keep_top(g, nodes: pd.DataFrame, limit: int, must=()) -> list[int]:
    """Vertex indices of the ``limit`` actors with most initiatives (PageRank breaks ties)."""
    order = nodes.set_index("actor_id").reindex(g.vs["name"])
    rank = np.lexsort((-order["pagerank"].fillna(0).to_numpy(),
                       -order["initiatives"].fillna(0).to_numpy()))
    keep = list(must) + [int(i) for i in rank if int(i) not in set(must)]
    return sorted(keep[:limit])


def whole_network(view: View, *, colour: str = "actor_type",
                  node_limit: int = NODE_LIMIT) -> tuple[go.Figure, str]:
    """The whole (filtered) ecosystem: the figure and a sentence saying what is drawn."""
    g = view.projection()
    nodes = _nodes(view, colour)
    n, m = g.vcount(), g.ecount()
    if n > node_limit:
        keep = _keep_top(g, nodes, node_limit)
        sub = g.induced_subgraph(keep)
        pos = positions(view, sub)
        note = (f"Drawn: the {node_limit:,} actors with most {unit(view.analysis)}, of {n:,} "
                f"in this selection, and the {sub.ecount():,} ties among them (of {m:,}). The map "
                f"draws at most {node_limit:,} actors: filter, or open an actor's ego "
                f"network, to see the others.")
    else:
        sub, pos = g, positions(view, g)
        note = f"Drawn: all {n:,} actors of this selection and their {m:,} ties."
    if sub.ecount() > EDGE_LIMIT:
        note += f" Of the ties, the {EDGE_LIMIT:,} heaviest are drawn."
    fig = _network_map(view, sub, nodes, colour=_colour_column(colour), positions=pos,
                       max_edges=EDGE_LIMIT,
                       title=f"{n:,} actors linked "
                             + ("as the sheet draws them"
                                if view.analysis.kind.network == "link"
                                else f"by shared {unit(view.analysis)}")
                             + (f" ({sub.vcount():,} drawn)" if sub is not g else ""))
    fig.add_trace(ring_trace(None))
    return fig, note


def _network_map(view: View, g: ig.Graph, nodes: pd.DataFrame, **kwargs) -> go.Figure:
    """:func:`ecosystem.views.network_map` with the hover cards counting the registry's own
    records ("Activities: 4", a 3W's "Cells: 9"), dots sized by them."""
    units = unit(view.analysis)
    return views.network_map(g, as_units(view.analysis, nodes), size=units,
                             hover_fields=("actor_type", "country", units, "partners",
                                           "pagerank"), **kwargs)


def renderer(fig: dict, drawn: int) -> dict:
    """``fig`` (a dict, changed in place) drawn as SVG when it has at most :data:`SVG_LIMIT`
    actors, else with WebGL; :data:`MAP_HEIGHT` pixels high.

    Examples
    --------
    >>> renderer({"data": [{"type": "scattergl"}]}, 100)["data"][0]["type"]
    'scatter'
    """
    kind = "scatter" if drawn <= SVG_LIMIT else "scattergl"
    fig["layout"] = {**fig.get("layout", {}), "height": MAP_HEIGHT}
    for t in fig["data"]:
        if t.get("type") in ("scatter", "scattergl"):
            t["type"] = kind
    return fig


def whole_figure(view: View, colour: str = "actor_type",
                 node_limit: int = NODE_LIMIT) -> tuple[dict, str]:
    """:func:`whole_network` as a plain dict, made once per view and colouring.

    Treat the dict as read-only: :func:`with_ring` copies what it changes.
    """
    def compute():
        fig, note = whole_network(view, colour=colour, node_limit=node_limit)
        drawn = min(view.projection().vcount(), node_limit)
        return renderer(fig.to_plotly_json(), drawn), note
    return view.once(("whole-figure", colour, node_limit), compute)


def _values(v) -> np.ndarray:
    """An array from a figure's data: a list, an array, or plotly's ``{dtype, bdata}`` block."""
    if isinstance(v, dict) and "bdata" in v:
        dtype = np.dtype(v["dtype"]).newbyteorder("<")
        out = np.frombuffer(base64.b64decode(v["bdata"]), dtype=dtype)
        return out.reshape(v["shape"]) if "shape" in v and isinstance(v["shape"], (list, tuple)) \
            else out
    return np.asarray(v)


def node_xy(fig: dict | go.Figure, actor_id: str) -> tuple[float, float] | None:
    """The coordinates of ``actor_id``'s node in ``fig`` (None when it is not drawn).

    Read from the node traces (those whose ``customdata`` holds actor ids), so
    the ring goes where the node is drawn whatever the view did to the layout.

    Examples
    --------
    >>> fig = {"data": [{"x": [0, 1], "y": [2, 3], "customdata": ["a", "b"]}]}
    >>> node_xy(fig, "b"), node_xy(fig, "z")
    ((1.0, 3.0), None)
    >>> node_xy(go.Figure(go.Scattergl(x=np.array([0.5, 4.0]), y=np.array([-1.0, 2.0]),
    ...                                customdata=["a", "b"])), "b")   # typed-array blocks
    (4.0, 2.0)
    """
    data = fig.to_plotly_json()["data"] if isinstance(fig, go.Figure) else fig["data"]
    for t in data:
        if t.get("name") == RING or t.get("customdata") is None:
            continue
        ids = list(t["customdata"])
        if actor_id in ids:
            k = ids.index(actor_id)
            return float(_values(t["x"])[k]), float(_values(t["y"])[k])
    return None


def ring_trace(xy: tuple[float, float] | None, actor_id: str | None = None,
               name: str = "", kind: str = "scatter") -> dict:
    """The ring around the chosen actor at ``xy`` (an empty trace for no actor), drawn as
    ``kind`` (the map's own renderer, so the ring is drawn above its nodes)."""
    return dict(type=kind, x=[xy[0]] if xy else [], y=[xy[1]] if xy else [],
                mode="markers", name=RING, showlegend=bool(xy),
                customdata=[actor_id] if xy else None,
                hovertemplate=html_text.escape(name or str(actor_id or "")) + "<extra></extra>",
                marker=dict(size=24, symbol="circle-open", color="#000",
                            line=dict(width=3, color="#000")))


def with_ring(fig: dict, actor_id: str | None, name: str = "") -> dict:
    """A shallow copy of ``fig`` whose last trace rings ``actor_id``'s node."""
    xy = node_xy(fig, actor_id) if actor_id else None
    data = [t for t in fig["data"] if t.get("name") != RING]
    kind = data[0].get("type", "scatter") if data else "scatter"
    return {**fig, "data": data + [ring_trace(xy, actor_id, name, kind)]}


def ego_network(view: View, actor_id: str | None, *, steps: int = 1,
                colour: str = "actor_type",
                node_limit: int = NODE_LIMIT) -> tuple[go.Figure, str]:
    """The actor and the actors within ``steps`` (1 or 2) steps of it."""
    if not actor_id:
        return (empty_figure("Ego network", "Choose an actor: search for it, or click a node "
                                            "of the whole map."),
                "No actor chosen yet.")
    g = view.projection()
    try:
        v = g.vs.find(name=actor_id).index
    except ValueError:
        return (empty_figure("Ego network", "This actor is not in the current selection."),
                "The chosen actor is not in this selection.")
    steps = 2 if int(steps or 1) >= 2 else 1
    nodes = _nodes(view, colour)
    around = g.neighborhood(v, order=steps)
    name = str(view.actor_names().get(actor_id, actor_id))
    total = len(around) - 1
    if len(around) > node_limit:
        sub_all = g.induced_subgraph(around)
        keep = _keep_top(sub_all, nodes, node_limit, must=[sub_all.vs.find(name=actor_id).index])
        around = sorted(around)
        around = [around[k] for k in keep]
        sub = g.induced_subgraph(around)
        note = (f"{total:,} actors within {steps} step{'s' if steps > 1 else ''} of {name}; "
                f"drawn: {name} and the {node_limit - 1:,} of them with most "
                f"{unit(view.analysis)} (the map draws at most {node_limit:,} actors).")
    else:
        sub = g.induced_subgraph(around)
        note = (f"{name} and the {total:,} actors within {steps} "
                f"step{'s' if steps > 1 else ''} of it, with the {sub.ecount():,} ties among them.")
    pos = layout_positions(sub) if sub.vcount() <= OWN_LAYOUT_LIMIT else positions(view, sub)
    if sub.ecount() > EDGE_LIMIT:
        note += f" Of the ties, the {EDGE_LIMIT:,} heaviest are drawn."
    fig = _network_map(view, sub, nodes, colour=_colour_column(colour), positions=pos,
                       max_edges=EDGE_LIMIT,
                       title=f"Ego network of {html_text.escape(name)} "
                             f"({steps} step{'s' if steps > 1 else ''})")
    # the view rescales the positions (spread_centre): ring the node where it is drawn
    fig.add_trace(ring_trace(node_xy(fig, actor_id), actor_id, name))
    return fig, note


def network_figure(view: View, mode: str, actor_id: str | None, steps: int = 1,
                   colour: str = "actor_type",
                   node_limit: int = NODE_LIMIT) -> tuple[dict, str]:
    """The figure (a dict) for the panel's settings, the chosen actor ringed; a figure
    saying why when it cannot be drawn."""
    try:
        if mode == "ego":
            fig, note = ego_network(view, actor_id, steps=steps, colour=colour,
                                    node_limit=node_limit)
            return renderer(fig.to_plotly_json(), node_limit), note
        fig, note = whole_figure(view, colour=colour, node_limit=node_limit)
        name = str(view.actor_names().get(actor_id, actor_id)) if actor_id else ""
        return with_ring(fig, actor_id, name), note
    except AnalysisError as exc:
        return renderer(empty_figure("Network", str(exc)).to_plotly_json(), 0), \
            f"Not drawn: {exc}"


def shown_key(state: ExplorerState, filters: Filters, mode: str, steps: int, colour: str,
              actor_id: str | None) -> str:
    """What a map shows, as a key: the page keeps the key of the map it holds, and a
    callback that would draw the same map again (the first view, embedded in the page)
    draws nothing. The whole map's key leaves out the chosen actor (its ring is patched)."""
    parts = [str(id(state.base)), json.dumps(filters.to_data(), sort_keys=True), mode, colour]
    if mode == "ego":
        parts += [str(steps), str(actor_id)]
    return "|".join(parts)


def first_view(state: ExplorerState) -> tuple[dict, str, str]:
    """The whole map of the state's initial filters, its note and key, for the page itself:
    the first view shows without waiting for a callback."""
    try:
        view = state.view(state.initial)
        fig, note = network_figure(view, "whole", None)
    except AnalysisError as exc:
        return empty_figure("Network", str(exc)).to_plotly_json(), str(exc), ""
    return fig, note, shown_key(state, view.filters, "whole", 1, "actor_type", None)


def clicked_actor(click_data: dict | None) -> str | None:
    """The actor id of a clicked node (None for edges, labels or no click).

    Examples
    --------
    >>> clicked_actor({"points": [{"customdata": ["actor-7", 3]}]}), clicked_actor(None)
    ('actor-7', None)
    """
    for p in (click_data or {}).get("points", []):
        c = p.get("customdata")
        if isinstance(c, list):
            c = c[0] if c else None
        if isinstance(c, str) and c:
            return c
    return None


def actors_table(view: View) -> pd.DataFrame:
    """Hub figures of every actor in the view, most initiatives first (the panel's table)."""
    h = view.hubs()
    cols = ["actor_id", "name", "actor_type", "country", "initiatives", "initiatives_led",
            "partners", "strength", "pagerank", "eigenvector", "s_coreness"]
    return h.sort_values(["initiatives", "pagerank"], ascending=False, kind="stable")[cols] \
        .reset_index(drop=True)


def register(app: Dash, state: ExplorerState) -> None:
    """Callbacks: the map (whole or ego) and the actors table follow the filters."""
    from dash import Input, Output, Patch, State, ctx, no_update
    from dash.exceptions import PreventUpdate

    from ecosystem.explorer.filters import view_of
    from ecosystem.explorer.tables import data_table, message

    @app.callback(Output("network-graph", "figure"), Output("network-note", "children"),
                  Output("network-shown", "data"),
                  Input("filters", "data"), Input("network-mode", "value"),
                  Input("network-steps", "value"), Input("network-colour", "value"),
                  Input("selected-actor", "data"), Input("tabs", "value"),
                  State("network-shown", "data"))
    def _network(data, mode, steps, colour, actor_id, tab, shown):
        if tab != "network":
            raise PreventUpdate  # drawn when its tab is opened
        colour = colour if colour in COLOURINGS else "actor_type"
        try:
            view = view_of(state, data)
        except AnalysisError as exc:
            return empty_figure("Network", str(exc)), str(exc), None
        key = shown_key(state, view.filters, mode, steps, colour, actor_id)
        only_actor = {t["prop_id"].split(".")[0] for t in ctx.triggered} == {"selected-actor"}
        if mode != "ego" and (only_actor or key == shown):
            # the whole map stays; only its ring moves (a patch, not the whole figure again)
            try:
                fig, _ = whole_figure(view, colour=colour)
            except AnalysisError:
                raise PreventUpdate from None
            if key == shown and not actor_id:
                raise PreventUpdate  # the page already shows this map (the first view)
            name = str(view.actor_names().get(actor_id, actor_id)) if actor_id else ""
            patch = Patch()
            patch["data"][len(fig["data"]) - 1] = ring_trace(
                node_xy(fig, actor_id) if actor_id else None, actor_id, name,
                fig["data"][0].get("type", "scatter"))
            return patch, no_update, key
        fig, note = network_figure(view, mode, actor_id, steps, colour)
        return fig, note, key

    @app.callback(Output("actors-table", "children"), Input("filters", "data"),
                  Input("tabs", "value"))
    def _actors(data, tab):
        if tab != "network":
            raise PreventUpdate
        try:
            view = view_of(state, data)
            counted = unit(view.analysis)  # what the hub figures count: records, or cells
            return data_table(actors_table(view), "actors", max_rows=20,
                              caption=f"Hub figures, most {counted} first",
                              columns={"name": "actor", "actor_type": "type",
                                       "country": "country", "initiatives": counted,
                                       **({"initiatives_led": "led"}
                                          if (view.reg.ties["role"] == "lead").any() else {}),
                                       "partners": "partners",
                                       "pagerank": "PageRank", "s_coreness": "s-coreness"},
                              links={"name": ("actor-link", "actor_id")})
        except AnalysisError as exc:
            return message(str(exc))
