"""Brokers, structure, power, resilience and places panels: the report's own sections over the view.

Each panel is the report section of the same name
(:func:`ecosystem.report.sections_network.brokers`,
:func:`~ecosystem.report.sections_structure.structure`,
:func:`ecosystem.report.sections_power.power`,
:func:`~ecosystem.report.sections_power.resilience`) run on the view's
:class:`~ecosystem.measures.context.Analysis`, so the panel and the report
say the same thing about the same selection: the same findings, figures and
tables, from the same cached projection, hub, broker and community tables.
A section the registry cannot support is left out with the report's reason
(:func:`ecosystem.report.section_needs.left_out`). Sections are computed the
first time their tab is opened for a filter state, then kept with the view.

Examples
--------
>>> import pandas as pd
>>> from ecosystem.explorer.state import ExplorerState
>>> from ecosystem.model import Registry
>>> ids = ["i1", "i2", "i3"]
>>> reg = Registry.from_frames(
...     actors=pd.DataFrame({"actor_id": list("abcd"), "name": list("ABCD"),
...                          "actor_type": ["ngo", "ngo", "government", "academic"]}),
...     initiatives=pd.DataFrame({"initiative_id": ids, "registry": "r", "record_id": ids,
...                               "kind": "partnership"}),
...     ties=pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i2", "i3", "i3"],
...                        "actor_id": ["a", "b", "b", "c", "c", "d"], "role": "lead",
...                        "registry": "r", "record_id": "x"}))
>>> panel = analysis_panel(ExplorerState(reg).base, "resilience")
>>> panel.children[0].children  # doctest: +ELLIPSIS
'Resilience...'
>>> panel.children[1].children[0].children  # the report's first finding  # doctest: +ELLIPSIS
'...'
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from dash import dcc, html

from ecosystem.errors import AnalysisError
from ecosystem.explorer.exports import graph_config
from ecosystem.explorer.state import ExplorerState, View
from ecosystem.explorer.tables import data_table, message

if TYPE_CHECKING:
    from dash import Dash

    from ecosystem.report.section import Section

__all__ = ["PANELS", "SECTIONS", "section_of", "analysis_panel", "register"]

#: Tab key → (title, how to use the panel).
PANELS = {
    "brokers": ("Brokers: who connects the ecosystem",
                "Actors that join otherwise separate parts (betweenness, structural holes, "
                "Gould–Fernandez roles), as in the report. Click a name to open its card."),
    "structure": ("Structure: communities and core–periphery",
                  "Communities of actors who work together, the core and the periphery, "
                  "as in the report."),
    "power": ("Power and burden-sharing",
              "How concentrated participation and leadership are, North–South composition "
              "and resources, as in the report."),
    "resilience": ("Resilience: what if central actors leave",
                   "How much of the network stays connected as hubs, brokers or random "
                   "actors leave, as in the report."),
    "places": ("Places: where initiatives work",
               "Initiatives and actors per country on a map drawn from the shapes the tool "
               "ships (no map tiles are fetched), as in the report."),
}
#: Tab key → the report's section function (module of ``ecosystem.report``, function),
#: imported when a panel is first drawn: the app starts even while the report is rebuilt.
SECTIONS = {"brokers": ("sections_network", "brokers"),
            "structure": ("sections_structure", "structure"),
            "power": ("sections_power", "power"),
            "resilience": ("sections_power", "resilience"),
            "places": ("sections_places", "places")}


def section_of(view: View, key: str) -> Section:
    """The report section ``key`` over the view (computed once per view).

    Raises
    ------
    AnalysisError
        The registry cannot support it (the report's reason), or the measure failed.
    """
    if key not in SECTIONS:
        raise AnalysisError(f"no panel {key!r}: choose one of {', '.join(SECTIONS)}")

    def compute():
        import importlib

        from ecosystem.report.section_needs import left_out

        why = left_out(key, view.analysis)
        if why:
            raise AnalysisError(f"left out, as in the report: {why}")
        module, name = SECTIONS[key]
        return getattr(importlib.import_module(f"ecosystem.report.{module}"), name)(
            view.analysis)
    return view.once(("section", key), compute)


def _table(caption: str, frame: pd.DataFrame, rows: int | None, name: str) -> html.Div:
    links = {}
    if "actor_id" in frame and "name" in frame:
        links["name"] = ("actor-link", "actor_id")
    columns = {c: str(c).replace("_", " ") for c in frame.columns if c != "actor_id"}
    return data_table(frame, name, caption=caption, columns=columns, links=links,
                      max_rows=rows or 20)


def analysis_panel(view: View, key: str, image_format: str = "png") -> html.Div:
    """The panel for tab ``key``: the section's findings, how to read, figures and tables."""
    try:
        s = section_of(view, key)
    except AnalysisError as exc:
        return message(str(exc))
    parts: list = [html.H3(s.title), html.Ul([html.Li(f) for f in s.findings],
                                            className="findings")]
    if s.how_to_read:
        parts.append(html.P(s.how_to_read, className="how"))
    for i, fig in enumerate(s.figures):
        parts.append(dcc.Graph(figure=fig, config=graph_config(image_format, f"{key}-{i + 1}"),
                               className="section-figure"))
    for i, (caption, frame, rows) in enumerate(s.tables):
        if isinstance(frame, pd.DataFrame):
            parts.append(_table(caption, frame, rows, f"{key}-{i + 1}"))
    return html.Div(parts, className="analysis-panel", **{"data-section": key})


def register(app: Dash, state: ExplorerState) -> None:
    """Callbacks: each panel follows the filters while its tab is open."""
    from dash import Input, Output, State
    from dash.exceptions import PreventUpdate

    from ecosystem.explorer.filters import view_of

    for key in PANELS:
        def draw(data, tab, image_format, key=key):
            if tab != key:
                raise PreventUpdate
            try:
                return analysis_panel(view_of(state, data), key, image_format or "png")
            except AnalysisError as exc:
                return message(str(exc))
        app.callback(Output(f"{key}-panel", "children"), Input("filters", "data"),
                     Input("tabs", "value"), State("image-format", "value"))(draw)
