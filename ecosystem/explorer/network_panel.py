"""The network panel: the whole-ecosystem map, an actor's ego network, and the actors table.

Drawn with :func:`ecosystem.views.network_map` (WebGL ``Scattergl`` traces) on
the view's actor projection, nodes sized by initiatives. Above
:data:`NODE_LIMIT` actors the server keeps the ``NODE_LIMIT`` actors with most
initiatives (ties broken by PageRank) and the ties among them, and the page
says so. Positions come from :func:`ecosystem.views.layout.layout_positions`
(cached by graph): a sampled map keeps the positions its actors have in the
layout of the whole selection (one grid-accelerated layout instead of a slow
exact one on a dense sample), so a node stays where it is when the sample
changes. An ego network holds the actor and everyone within 1 or 2 steps in
the projection, cut the same way; up to :data:`OWN_LAYOUT_LIMIT` actors it gets
a layout of its own, above that the whole selection's positions.
"""
from __future__ import annotations

import html as html_text
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ecosystem import views
from ecosystem.errors import AnalysisError
from ecosystem.explorer.state import ExplorerState, View
from ecosystem.views.layout import layout_positions
from ecosystem.views.template import empty_figure

if TYPE_CHECKING:
    from dash import Dash

__all__ = [
    "NODE_LIMIT", "EDGE_LIMIT", "OWN_LAYOUT_LIMIT", "COLOURINGS", "COMMUNITY_COLUMN",
    "whole_network", "ego_network", "network_figure", "clicked_actor", "actors_table",
    "register",
]

#: Most actors drawn on one map; above it the map is a sample, stated on the page.
NODE_LIMIT = 2000
#: Most ties drawn (the heaviest); the note under the map says when there are more.
EDGE_LIMIT = 10_000
#: Largest ego network laid out on its own (above: positions of the whole selection).
OWN_LAYOUT_LIMIT = 400
COLOURINGS = ("actor_type", "community")


#: Column holding the colour group when colouring by community.
COMMUNITY_COLUMN = "community_in_this_selection"


def _nodes(view: View, colour: str) -> pd.DataFrame:
    """Hub figures per actor; with ``colour="community"`` also the view's own communities
    (Leiden on the filtered projection, as the report computes them for its selection)."""
    nodes = view.hubs()
    if colour == "community":
        memb = view.communities()
        width = len(str(int(memb["community"].max()))) if len(memb) else 1
        labels = [f"community {int(c):0{width}d}" for c in memb["community"]]
        nodes = nodes.merge(pd.DataFrame({"actor_id": memb["actor_id"].to_numpy(),
                                          COMMUNITY_COLUMN: labels}), on="actor_id", how="left")
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
        pos = layout_positions(g).iloc[keep].reset_index(drop=True)
        note = (f"Drawn: the {node_limit:,} actors with most initiatives, of {n:,} in this "
                f"selection, and the {sub.ecount():,} ties among them (of {m:,}). The map "
                f"draws at most {node_limit:,} actors: filter, or open an actor's ego "
                f"network, to see the others.")
    else:
        sub, pos = g, layout_positions(g)
        note = f"Drawn: all {n:,} actors of this selection and their {m:,} ties."
    if sub.ecount() > EDGE_LIMIT:
        note += f" Of the ties, the {EDGE_LIMIT:,} heaviest are drawn."
    fig = views.network_map(sub, nodes, colour=_colour_column(colour), positions=pos,
                            max_edges=EDGE_LIMIT,
                            title=f"{n:,} actors linked by shared initiatives"
                                  + (f" ({sub.vcount():,} drawn)" if sub is not g else ""))
    return fig, note


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
                f"drawn: {name} and the {node_limit - 1:,} of them with most initiatives (the "
                f"map draws at most {node_limit:,} actors).")
    else:
        sub = g.induced_subgraph(around)
        note = (f"{name} and the {total:,} actors within {steps} "
                f"step{'s' if steps > 1 else ''} of it, with the {sub.ecount():,} ties among them.")
    if sub.vcount() <= OWN_LAYOUT_LIMIT:
        pos = layout_positions(sub)
    else:
        pos = layout_positions(g).iloc[sorted(around)].reset_index(drop=True)
    if sub.ecount() > EDGE_LIMIT:
        note += f" Of the ties, the {EDGE_LIMIT:,} heaviest are drawn."
    fig = views.network_map(sub, nodes, colour=_colour_column(colour), positions=pos,
                            max_edges=EDGE_LIMIT,
                            title=f"Ego network of {html_text.escape(name)} "
                                  f"({steps} step{'s' if steps > 1 else ''})")
    i = sub.vs.find(name=actor_id).index
    fig.add_trace(go.Scattergl(x=[pos["x"].iloc[i]], y=[pos["y"].iloc[i]], mode="markers",
                               name="chosen actor", customdata=[actor_id],
                               hovertemplate=html_text.escape(name) + "<extra></extra>",
                               marker=dict(size=22, symbol="circle-open", color="#000",
                                           line=dict(width=3, color="#000"))))
    return fig, note


def network_figure(view: View, mode: str, actor_id: str | None, steps: int = 1,
                   colour: str = "actor_type",
                   node_limit: int = NODE_LIMIT) -> tuple[go.Figure, str]:
    """The figure for the panel's settings; a figure saying why when it cannot be drawn."""
    try:
        if mode == "ego":
            return ego_network(view, actor_id, steps=steps, colour=colour, node_limit=node_limit)
        return whole_network(view, colour=colour, node_limit=node_limit)
    except AnalysisError as exc:
        return empty_figure("Network", str(exc)), f"Not drawn: {exc}"


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
    from dash import Input, Output, ctx
    from dash.exceptions import PreventUpdate

    from ecosystem.explorer.filters import view_of
    from ecosystem.explorer.tables import data_table, message

    @app.callback(Output("network-graph", "figure"), Output("network-note", "children"),
                  Input("filters", "data"), Input("network-mode", "value"),
                  Input("network-steps", "value"), Input("network-colour", "value"),
                  Input("selected-actor", "data"))
    def _network(data, mode, steps, colour, actor_id):
        if ctx.triggered_id == "selected-actor" and mode != "ego":
            raise PreventUpdate  # the whole map does not depend on the chosen actor
        try:
            view = view_of(state, data)
        except AnalysisError as exc:
            return empty_figure("Network", str(exc)), str(exc)
        return network_figure(view, mode, actor_id, steps,
                              colour if colour in COLOURINGS else "actor_type")

    @app.callback(Output("actors-table", "children"), Input("filters", "data"))
    def _actors(data):
        try:
            view = view_of(state, data)
            return data_table(actors_table(view), "actors", max_rows=20,
                              caption="Hub figures, most initiatives first",
                              columns={"name": "actor", "actor_type": "type",
                                       "country": "country", "initiatives": "initiatives",
                                       "initiatives_led": "led", "partners": "partners",
                                       "pagerank": "PageRank", "s_coreness": "s-coreness"},
                              links={"name": ("actor-link", "actor_id")})
        except AnalysisError as exc:
            return message(str(exc))
