"""The page: header and filters on top, panels in tabs on the left, the actor card on the right.

Only the open tab's panel is computed (each panel's callbacks listen to
``tabs``), so a filter change costs the visible panel, not all of them.

Component ids used by the callbacks
-----------------------------------
``url``, ``url-out``, ``url-message``
    The address read on load and on back/forward, the address written on
    each change (:mod:`ecosystem.explorer.url_state`), what in it was not used.
``tabs``
    The open panel (:data:`ecosystem.explorer.url_state.TABS`).
``filters``, ``selected-actor``, ``selected-initiative``
    Stores: the filter state, the actor whose card is open, the initiative
    whose record is open.
``period``
    The period slider (years; its whole span means no period filter).
``selection-summary``
    What the filters leave (counts) or why nothing is left.
``network-graph``, ``network-note``, ``network-mode``, ``network-steps``,
``network-colour``, ``actors-table``
``coverage-graph``, ``coverage-kind``, ``cell-details``
``clusters-list``, ``clusters-run``, ``cluster-detail``
``brokers-panel``, ``structure-panel``, ``power-panel``, ``resilience-panel``
    The report's sections of the same names over the view
    (:mod:`ecosystem.explorer.analysis_panels`).
``search-input``, ``search-results``, ``actor-card``, ``actor-position``
``record-drawer``, ``record-body``, ``record-close``
``download-csv``, ``download-gexf``, ``gexf-button``, ``image-format``, ``export-message``
"""
from __future__ import annotations

from dash import dcc, html

from ecosystem.explorer.analysis_panels import PANELS
from ecosystem.explorer.coverage_panel import has_cells, place_kinds
from ecosystem.explorer.exports import graph_config
from ecosystem.explorer.filters import filter_bar
from ecosystem.explorer.network_panel import MAP_HEIGHT, NODE_LIMIT, first_view
from ecosystem.explorer.state import ExplorerState
from ecosystem.views.coverage import cell_row_title
from ecosystem.views.record_words import records, unit, with_article, worded

__all__ = ["page"]


def _loading(child):
    return dcc.Loading(child, type="dot", delay_show=300)


def _section(title: str, how: str, children: list, id_: str) -> html.Section:
    return html.Section([html.H2(title), html.P(how, className="how")] + children,
                        className="panel", id=id_)


def page(state: ExplorerState) -> html.Div:
    """The whole page for ``state``."""
    reg = state.base.reg
    kinds = place_kinds(state.base) or ["country"]
    kind = state.settings.place_kind if state.settings.place_kind in kinds else kinds[0]
    first_fig, first_note, first_key = first_view(state)  # the first view is in the page
    a = state.base.analysis
    many, one = records(a)  # what the registry's records are: initiatives, activities, …
    cells = unit(a)  # what the network counts: the records, or cells for co-presence
    tied = (f"Organisations linked when they work in the same {a.cell_options['level']} × "
            f"{a.cell_options['place_kind'].replace('_', ' ')} cell" if a.copresence
            else a.kind.tie_meaning[:1].upper() + a.kind.tie_meaning[1:])  # as the report
    network = _section(
        "Network",
        f"{tied}; dot size is the number of {cells}. At most {NODE_LIMIT:,} actors are drawn: "
        f"above that the map shows the {NODE_LIMIT:,} with most {cells} and says so below. "
        "Click a dot to open the actor's card.",
        [html.Div([
            dcc.RadioItems(id="network-mode", value="whole", inline=True,
                           options=[{"label": "whole ecosystem", "value": "whole"},
                                    {"label": "ego network of the chosen actor",
                                     "value": "ego"}]),
            dcc.RadioItems(id="network-steps", value=1, inline=True,
                           options=[{"label": "1 step", "value": 1},
                                    {"label": "2 steps", "value": 2}]),
            dcc.RadioItems(id="network-colour", value="actor_type", inline=True,
                           options=[{"label": "colour by actor type", "value": "actor_type"},
                                    {"label": "by community (in this selection)",
                                     "value": "community"}]),
        ], className="controls"),
         _loading(dcc.Graph(id="network-graph", config=graph_config("png", "network"),
                            figure=first_fig, style={"height": f"{MAP_HEIGHT}px"})),
         html.P(first_note, id="network-note", className="note"),
         dcc.Store(id="network-shown", data=first_key),
         html.H3("Actors in this selection"),
         _loading(html.Div(id="actors-table"))],
        "panel-network")
    level = cell_row_title(a.settings.level)
    outlined = ("" if a.copresence else
                f"; outlined cells are fragmented (several {many}, no shared actor and no tie "
                "between their actors)")
    filtered = (f" With a goal or target filter, the rows show every target of the {many} "
                "kept, not only the ones filtered on." if a.settings.level == "target" else "")
    cells_drawn = has_cells(state.base, kind)
    how = (f"{many.capitalize()} per {level} and place{outlined}. Click a cell to list its "
           f"{many} and actors.{filtered}" if cells_drawn else
           f"{many.capitalize()} per {level} and place: no {one} of this registry records "
           f"both {with_article(level)} and a place, so there are no cells to draw.")
    # a registry with no cells at all: the sentence says why; no place menu, no empty frame
    any_cells = cells_drawn or any(has_cells(state.base, k) for k in kinds)
    hidden = {} if any_cells else {"display": "none"}
    coverage = _section(
        "Coverage",
        how,
        [html.Div([html.Label("places: "),
                   dcc.Dropdown(id="coverage-kind", value=kind, clearable=False,
                                options=[{"label": k.replace("_", " "), "value": k}
                                         for k in kinds], className="kind")],
                  className="controls", style=hidden),
         _loading(dcc.Graph(id="coverage-graph", config=graph_config("png", "coverage"),
                            style=hidden)),
         _loading(html.Div(id="cell-details",
                           children=html.P("Click a cell of the heatmap." if cells_drawn else "",
                                           className="muted")))],
        "panel-coverage")
    found = {  # what a duplicate is in each kind of registry (duplicate_clusters)
        "grant": "Clusters of grants published twice: the same funder, recipient, amount and "
                 "award date.",
        "link": "A drawn network records links, not initiatives: no record is registered "
                "twice.",
    }.get(a.kind.name, worded("Clusters of initiatives registered twice by one lead, or doing "
                              "the same thing under different leads.", many, one))
    duplicates = _section(
        "Duplication",
        found + ("" if a.kind.name == "link" else
                 " Open a cluster to read its records side by side."),
        [html.Button("Find duplicate clusters", id="clusters-run", n_clicks=0,
                     style={"display": "none"}),
         _loading(html.Div(id="clusters-list")), _loading(html.Div(id="cluster-detail"))],
        "panel-duplicates")
    # the report's section brings its own title: only the line on how to use the panel here
    analysis = {key: html.Section([html.P(worded(how, many, one), className="how"),
                                   _loading(html.Div(id=f"{key}-panel"))],
                                  className="panel", id=f"panel-{key}")
                for key, (_, how) in PANELS.items()}
    tabs = dcc.Tabs(id="tabs", value="network", className="tabs", children=[
        dcc.Tab(label="Network", value="network", children=[network]),
        dcc.Tab(label="Coverage", value="coverage", children=[coverage]),
        dcc.Tab(label="Duplication", value="duplicates", children=[duplicates]),
        *[dcc.Tab(label=PANELS[k][0].split(":")[0].split(" and ")[0], value=k,
                  children=[analysis[k]]) for k in PANELS],
    ])
    side = html.Aside([
        html.H2("Actor"),
        dcc.Input(id="search-input", type="search", debounce=0.3, autoComplete="off",
                  placeholder=f"search an actor or {with_article(one)} (Enter: also resolve the "
                              "name)",
                  className="search"),
        html.Div(id="search-results", className="search-results"),
        _loading(html.Div(id="actor-card", children=html.P(
            "Search an actor, or click one in a map or a table.", className="muted"))),
        _loading(html.Div(id="actor-position")),
    ], className="side")
    drawer = html.Div([
        html.Button("close ×", id="record-close", className="close", n_clicks=0),
        _loading(html.Div(id="record-body")),
    ], id="record-drawer", className="drawer", style={"display": "none"})
    header = html.Header([
        html.H1(f"Ecosystem explorer · {state.title}"),
        html.Div(id="selection-summary", className="summary"),
        html.Div(id="url-message", className="error"),
        html.Div([
            html.Button("Download filtered network (GEXF)", id="gexf-button", n_clicks=0),
            html.Span(" figure export: ", className="muted"),
            dcc.RadioItems(id="image-format", value="png", inline=True,
                           options=[{"label": "PNG", "value": "png"},
                                    {"label": "SVG", "value": "svg"}]),
            html.Span(id="export-message", className="error"),
        ], className="exports"),
        filter_bar(state),
    ])
    return html.Div([
        dcc.Location(id="url", refresh=False), dcc.Location(id="url-out", refresh=False),
        dcc.Store(id="filters"), dcc.Store(id="selected-actor"),
        dcc.Store(id="selected-initiative"),
        dcc.Download(id="download-csv"), dcc.Download(id="download-gexf"),
        header,
        html.Div([html.Main([tabs], className="panels"), side], className="grid"),
        drawer,
        html.Footer(f"{len(reg.initiatives):,} {many} and {len(reg.actors):,} actors "
                    f"read from the store; registries: {', '.join(reg.registries)}. Figures "
                    "are those of the ecosystem report.", className="muted"),
    ], className="page")
