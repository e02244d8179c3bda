"""Exporting what is on screen: tables as CSV, figures as PNG/SVG, the filtered graph as GEXF.

Tables
    Every on-screen table has a "CSV" button (:func:`ecosystem.explorer.tables.csv_button`);
    :func:`csv_download` sends the table it belongs to, all rows, as the page
    shows them (no formula escaping: CSV keeps registry text exactly, as
    :mod:`ecosystem.export.tables` does).
Figures
    plotly's own modebar camera button; :func:`graph_config` sets its format
    (PNG or SVG, chosen on the page) and file name. The modebar's "share to
    Plotly Cloud" button is removed: registry data stays on this machine.
Graph
    :func:`gexf_bytes` writes the filtered actor projection with
    :func:`ecosystem.export.write_gexf`, each actor carrying its hub figures
    and community, for Gephi.
"""
from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from dash import ALL, Input, Output, State, ctx, dcc, no_update
from dash.exceptions import PreventUpdate

from ecosystem.errors import AnalysisError
from ecosystem.explorer.tables import remembered
from ecosystem.export import write_gexf
from ecosystem.untrusted import neutralise_frame

if TYPE_CHECKING:
    import igraph as ig
    from dash import Dash
    
    from ecosystem.explorer.state import ExplorerState, View

__all__ = [
    "IMAGE_FORMATS", "GEXF_NODE_FIGURES", "graph_config", "csv_download", "export_graph",
    "gexf_bytes", "register",
]

IMAGE_FORMATS = ("png", "svg")
#: Hub figures written on each node of the GEXF file.
GEXF_NODE_FIGURES = ("initiatives", "initiatives_led", "partners", "strength", "pagerank",
                     "eigenvector", "s_coreness")


def graph_config(image_format: str = "png", filename: str = "ecosystem") -> dict:
    """``dcc.Graph`` config: the modebar's camera button saves ``filename.<format>``."""
    fmt = image_format if image_format in IMAGE_FORMATS else "png"
    return {"displaylogo": False,
            "toImageButtonOptions": {"format": fmt, "filename": filename, "scale": 2},
            "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendChartToCloud"]}


def csv_download(key: str, name: str) -> dict:
    """The ``dcc.Download`` payload for the table remembered under ``key``.

    Raises
    ------
    AnalysisError
        When the table is no longer remembered (the server was restarted or
        many tables were drawn since): redraw it and click again.
    """
    frame = remembered(key)
    if frame is None:
        raise AnalysisError("this table is no longer in memory: change a filter or reopen "
                            "the panel to redraw it, then download again")
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name) or "table"
    return dcc.send_data_frame(neutralise_frame(frame).to_csv, f"{safe}.csv", index=False)


def export_graph(view: View) -> ig.Graph:
    """The view's actor projection with hub figures and community on each node (a copy)."""
    g = view.projection().copy()
    hubs = view.hubs().set_index("actor_id").reindex(g.vs["name"])
    for col in GEXF_NODE_FIGURES:
        if col in hubs:
            g.vs[col] = hubs[col].tolist()
    try:
        memb = view.communities().set_index("actor_id")["community"].reindex(g.vs["name"])
        g.vs["community"] = [None if c != c else int(c) for c in memb.tolist()]
    except AnalysisError:
        pass
    return g


def gexf_bytes(view: View) -> bytes:
    """The filtered graph as GEXF 1.3 (:func:`ecosystem.export.write_gexf`)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ecosystem.gexf"
        write_gexf(export_graph(view), path)
        return path.read_bytes()


def register(app: Dash, state: ExplorerState) -> None:
    """Callbacks: CSV of a table, GEXF of the filtered graph, figure export format."""
    from ecosystem.explorer.state import Filters

    @app.callback(Output("download-csv", "data"), Output("export-message", "children"),
                  Input({"type": "csv", "table": ALL, "key": ALL}, "n_clicks"),
                  prevent_initial_call=True)
    def _csv(clicks):
        trig = ctx.triggered_id
        if not trig or not any(c for c in clicks if c):
            raise PreventUpdate
        try:
            return csv_download(trig["key"], trig["table"]), ""
        except AnalysisError as exc:
            return no_update, str(exc)

    @app.callback(Output("download-gexf", "data"), Output("export-message", "children",
                                                          allow_duplicate=True),
                  Input("gexf-button", "n_clicks"), State("filters", "data"),
                  prevent_initial_call=True)
    def _gexf(n, data):
        if not n:
            raise PreventUpdate
        try:
            view = state.view(Filters.from_data((data or {}).get("filters")))
            return dcc.send_bytes(gexf_bytes(view), "ecosystem-filtered.gexf"), ""
        except AnalysisError as exc:
            return no_update, f"GEXF not written: {exc}"

    @app.callback(Output("network-graph", "config"), Output("coverage-graph", "config"),
                  Input("image-format", "value"), prevent_initial_call=True)
    def _image_format(fmt):
        return graph_config(fmt, "network"), graph_config(fmt, "coverage")

    # dcc.Graph redraws only when its figure changes, not its config: hand each graph a
    # shallow copy of its own figure (in the browser, no round trip) so the new format applies.
    for graph in ("network-graph", "coverage-graph"):
        app.clientside_callback(
            "function(config, figure) { return figure ? Object.assign({}, figure) : "
            "window.dash_clientside.no_update; }",
            Output(graph, "figure", allow_duplicate=True), Input(graph, "config"),
            State(graph, "figure"), prevent_initial_call=True)
