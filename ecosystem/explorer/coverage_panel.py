"""The coverage panel: records per SDG target (goal, sector) × place, and what is inside a cell.

The cells are those of the report: the study's level (SDG target or goal, or
the sectors of a 3W or IATI registry) × the chosen kind of place. The heatmap
is :func:`ecosystem.views.coverage_heatmap` over
:func:`ecosystem.measures.coordination.coverage.coverage`, with the cells that
:func:`ecosystem.measures.coordination.gaps.fragmented_cells` flags outlined, as
in the report (not for a 3W, whose organisations in a cell are tied by
co-presence). Each heatmap cell carries ``[target, place name]`` as
customdata; clicking it lists the cell's initiatives and actors
(:func:`ecosystem.measures.coordination.cells.cell_memberships`) with its
fragmentation and its crowding figures (initiatives and actors in the cell,
and :func:`ecosystem.measures.coordination.crowding.crowding`). The three
measures read one :func:`ecosystem.measures.coordination.cells.cell_index` per
place kind.
"""
from __future__ import annotations

import html as html_text
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
from dash import html

from ecosystem import views
from ecosystem.errors import AnalysisError
from ecosystem.explorer.state import ExplorerState, View
from ecosystem.explorer.tables import data_table, fmt, message
from ecosystem.graphs.sector_themes import sector_vocabulary
from ecosystem.measures.coordination.cells import Cells, cell_index
from ecosystem.measures.coordination.coverage import coverage
from ecosystem.measures.coordination.crowding import crowding
from ecosystem.measures.coordination.gaps import fragmented_cells
from ecosystem.model import PLACE_KINDS
from ecosystem.views.coverage import cell_row_title
from ecosystem.views.formatting import counted
from ecosystem.views.record_words import records, worded
from ecosystem.views.template import empty_figure

if TYPE_CHECKING:
    from dash import Dash

__all__ = [
    "MAX_PLACES", "cell_level", "place_kinds", "view_cells", "coverage_table", "has_cells",
    "fragmented_table",
    "crowding_table", "coverage_figure", "clicked_cell", "cell_frames", "cell_details",
    "register",
]

#: Places (columns) drawn on the heatmap, those with most initiatives.
MAX_PLACES = 40


def place_kinds(view: View) -> list[str]:
    """Kinds of place present in the view, in :data:`ecosystem.model.PLACE_KINDS` order."""
    present = set(view.reg.initiative_places["kind"].dropna())
    return [k for k in PLACE_KINDS if k in present]


def cell_level(view: View) -> str:
    """What the cells are of: the settings' level, "target", "goal" or "sector" (the
    registry kind's default: sectors for a 3W or IATI registry)."""
    return view.analysis.settings.level


def view_cells(view: View, place_kind: str) -> Cells:
    """The :func:`cell_level` × place cells of the view (cached per place kind; those of
    the view's analysis for the settings' place kind)."""
    a = view.analysis
    s = a.settings

    def compute() -> Cells:
        if place_kind == s.place_kind:
            return a.cells
        vocabulary = (sector_vocabulary(view.reg, s.vocabulary, "explorer")
                      if s.level == "sector" else None)
        return cell_index(view.reg, place_kind=place_kind, level=s.level,
                          vocabulary=vocabulary, what="coverage")
    return view.once(("cells", place_kind), compute)


def coverage_table(view: View, place_kind: str) -> pd.DataFrame:
    """:func:`ecosystem.measures.coordination.coverage.coverage` of the view.

    Cached per place kind.
    """
    return view.once(("coverage", place_kind),
                     lambda: coverage(view.reg, cells=view_cells(view, place_kind)))


def has_cells(view: View, place_kind: str) -> bool:
    """True when some record of the view has both a :func:`cell_level` value and a place of
    ``place_kind``: the heatmap has cells to draw."""
    try:
        return not coverage_table(view, place_kind).empty
    except AnalysisError:
        return False


def fragmented_table(view: View, place_kind: str) -> pd.DataFrame:
    """:func:`ecosystem.measures.coordination.gaps.fragmented_cells` of the view.

    Cached per place kind.
    """
    return view.once(("fragmented", place_kind),
                     lambda: fragmented_cells(view.reg, cells=view_cells(view, place_kind)))


def crowding_table(view: View, place_kind: str) -> pd.DataFrame:
    """:func:`ecosystem.measures.coordination.crowding.crowding` of the view.

    Cached per place kind.
    """
    return view.once(("crowding", place_kind),
                     lambda: crowding(view.reg, cells=view_cells(view, place_kind)))


def coverage_figure(view: View, place_kind: str) -> go.Figure:
    """The heatmap of the view, fragmented cells outlined."""
    try:
        cov = coverage_table(view, place_kind)
        frag = fragmented_table(view, place_kind)
    except AnalysisError as exc:
        return empty_figure("Coverage", str(exc))
    kind = place_kind.replace("_", " ")
    level = cell_level(view)
    many, _ = records(view.analysis)
    places = cov["place_name"].nunique()
    shown = f" (the {MAX_PLACES} with most {many} of {places:,})" if places > MAX_PLACES \
        else ""
    outlined = ("" if view.analysis.copresence or cov.empty
                else f"; {len(frag):,} fragmented cells outlined")
    cells = view_cells(view, place_kind)
    row_title = cell_row_title(level, cells.vocabulary)
    fig = views.coverage_heatmap(cov, row=level, gaps=frag, max_cols=MAX_PLACES,
                                 row_title=row_title, value_title=many,
                                 title=f"{many.capitalize()} per {level} and {kind}{shown}"
                                       f"{outlined}")
    # Target codes look like numbers ("14.1"): plotly would put them on a numeric axis,
    # where 14.10 falls on 14.1 and 14.a disappears. They are categories.
    fig.update_yaxes(type="category", dtick=1)
    fig.update_xaxes(type="category", dtick=1, tickfont=dict(size=10))  # every place named
    fig.update_layout(height=max(fig.layout.height or 0, 560))
    return fig


def clicked_cell(click_data: dict | None) -> tuple[str, str] | None:
    """``(target, place name)`` of a clicked heatmap cell, None otherwise.

    The cell's customdata when the click carries it; Dash leaves it out of a
    heatmap's click data, so otherwise the cell's y (target) and x (the place
    name, HTML-escaped by the view for plotly's labels).

    Examples
    --------
    >>> clicked_cell({"points": [{"curveNumber": 0, "x": "Fiji &amp; Tonga", "y": "14.1"}]})
    ('14.1', 'Fiji & Tonga')
    >>> clicked_cell(None) is None
    True
    """
    for p in (click_data or {}).get("points", []):
        if p.get("curveNumber", 0) != 0:
            continue  # the outline markers of fragmented cells
        c = p.get("customdata")
        if isinstance(c, (list, tuple)) and len(c) == 2 and all(isinstance(x, str) for x in c):
            return c[0], c[1]
        if isinstance(p.get("x"), str) and p.get("y") is not None:
            return str(p["y"]), html_text.unescape(p["x"])
    return None


def cell_frames(view: View, place_kind: str, target: str,
                place_name: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The cell's coverage row(s), initiatives and actors.

    ``target`` is the cell's target, goal or sector (:func:`cell_level`).

    Returns
    -------
    cov : DataFrame
        Its rows of :func:`coverage_table` (one per place carrying that name).
    initiatives : DataFrame
        ``initiative_id, title, lead, start, end, actors``.
    actors : DataFrame
        ``actor_id, name, actor_type, initiatives`` (in the cell), most first.
    """
    level = cell_level(view)
    cov = coverage_table(view, place_kind)
    rows = cov[(cov[level].astype(str) == str(target))
               & (cov["place_name"].fillna(cov["place"]) == place_name)]
    places = set(rows["place"])
    cells = view_cells(view, place_kind).memberships
    ids = cells.loc[(cells[level].astype(str) == str(target)) & cells["place"].isin(places),
                    "initiative_id"].unique()
    reg = view.reg
    ties = reg.ties[reg.ties["initiative_id"].isin(ids)].drop_duplicates(
        ["initiative_id", "actor_id", "role"])
    names = view.actor_names()
    lead = (ties[ties["role"] == "lead"].assign(n=lambda t: t["actor_id"].map(names))
            .groupby("initiative_id")["n"].agg(lambda s: "; ".join(sorted(set(map(str, s))))))
    per = ties.drop_duplicates(["initiative_id", "actor_id"]).groupby("initiative_id").size()
    ini = reg.initiatives[reg.initiatives["initiative_id"].isin(ids)]
    initiatives = pd.DataFrame({
        "initiative_id": ini["initiative_id"].to_numpy(),
        "title": ini["title"].to_numpy(),
        "lead": lead.reindex(ini["initiative_id"]).to_numpy(),
        "start": ini["start"].to_numpy(),
        "end": ini["end"].to_numpy(),
        "actors": per.reindex(ini["initiative_id"]).fillna(0).astype(int).to_numpy(),
    }).sort_values(["actors", "title"], ascending=[False, True], kind="stable")
    a = ties.drop_duplicates(["initiative_id", "actor_id"]).groupby("actor_id").size()
    act = reg.actors.set_index("actor_id").reindex(a.index)
    actors = pd.DataFrame({"actor_id": a.index.to_numpy(), "name": act["name"].to_numpy(),
                           "actor_type": act["actor_type"].to_numpy(),
                           "initiatives": a.to_numpy()}) \
        .sort_values(["initiatives", "name"], ascending=[False, True], kind="stable")
    return rows, initiatives.reset_index(drop=True), actors.reset_index(drop=True)


def cell_details(view: View, place_kind: str, target: str, place_name: str, *,
                 max_rows: int = 20) -> html.Div:
    """What a clicked cell holds: figures, fragmentation, records and actors, each in the
    registry's own words (initiatives, activities, presence records)."""
    try:
        rows, inis, actors = cell_frames(view, place_kind, target, place_name)
    except AnalysisError as exc:
        return message(str(exc))
    level = cell_level(view)
    many, one = records(view.analysis)
    subject = f"SDG {target}" if level == "goal" else f"{level} {target}"
    if rows.empty:
        return message(f"No {one} works on {subject} in {place_name} in this selection.")
    places = set(rows["place"])
    if view.analysis.copresence:
        fragmentation = ("Fragmentation not assessed: a 3W records only who is present, so the "
                         "organisations of a cell are tied by co-presence.")
    else:
        frag = fragmented_table(view, place_kind)
        fr = frag[(frag[level].astype(str) == str(target)) & frag["place"].isin(places)]
        if len(fr):
            fragmentation = "Fragmented: " + "; ".join(fr["explanation"].astype(str))
        elif len(inis) < 2:
            fragmentation = f"Not assessed for fragmentation: the cell has a single {one}."
        else:
            fragmentation = (f"Not fragmented: at least two of its {many} share an actor or "
                             f"have actors who worked together in another {one}.")
    figures = [html.Li(f"{counted(len(inis), one, many)} and "
                       f"{counted(len(actors), 'distinct actor', 'distinct actors')} in the cell"),
               html.Li(fragmentation, className="fragmentation")]
    crowd = None
    try:
        crowd = crowding_table(view, place_kind)
    except AnalysisError as exc:
        figures.append(html.Li(f"Crowding not computed: {exc}"))
    if crowd is not None and len(crowd):
        cr = crowd[(crowd[level].astype(str) == str(target)) & crowd["place"].isin(places)]
        for _, r in cr.iterrows():
            if view.analysis.copresence:  # as the report: no "worked together" in a 3W
                figures.append(html.Li(
                    f"Crowding: {fmt(r['crowding'])}× the median cell; whether its "
                    "organisations are poorly connected is not assessed (a 3W records only "
                    "who is present)."))
                continue
            text = r["explanation"] if "explanation" in r and pd.notna(r["explanation"]) else \
                ", ".join(f"{k}: {fmt(r[k])}" for k in r.index
                          if k not in ("goal", "target", "sector", "place", "place_kind",
                                       "place_name"))
            figures.append(html.Li("Crowding: " + worded(str(text), many, one)))
    return html.Div([
        html.H4(f"{subject[:1].upper()}{subject[1:]} · {place_name}"),
        html.Ul(figures),
        data_table(inis, "cell-initiatives", caption=f"{many.capitalize()} in the cell",
                   columns={k: label for k, label in (("title", one), ("lead", "lead"),
                                                      ("start", "start"), ("end", "end"),
                                                      ("actors", "actors"))
                            if k in ("title", "actors") or inis[k].notna().any()},
                   links={"title": ("initiative-link", "initiative_id")}, max_rows=max_rows),
        data_table(actors, "cell-actors", caption="Actors in the cell",
                   columns={"name": "actor", "actor_type": "type",
                            "initiatives": f"{many} in the cell"},
                   links={"name": ("actor-link", "actor_id")}, max_rows=max_rows),
    ], className="cell-details", **{"data-cell": f"{target}|{place_name}"})


def register(app: Dash, state: ExplorerState) -> None:
    """Callbacks: the heatmap follows the filters; a click on a cell lists it."""
    from dash import Input, Output, ctx
    from dash.exceptions import PreventUpdate

    from ecosystem.explorer.filters import view_of

    @app.callback(Output("coverage-graph", "figure"), Input("filters", "data"),
                  Input("coverage-kind", "value"), Input("tabs", "value"))
    def _heatmap(data, kind, tab):
        if tab != "coverage":
            raise PreventUpdate  # drawn when its tab is opened
        try:
            return coverage_figure(view_of(state, data), kind)
        except AnalysisError as exc:
            return empty_figure("Coverage", str(exc))

    @app.callback(Output("cell-details", "children"), Input("coverage-graph", "clickData"),
                  Input("filters", "data"), Input("coverage-kind", "value"))
    def _cell(click, data, kind):
        if ctx.triggered_id != "coverage-graph":
            view = view_of(state, data)
            return html.P("Click a cell of the heatmap." if has_cells(view, kind) else "",
                          className="muted")
        cell = clicked_cell(click)
        if cell is None:
            raise PreventUpdate
        try:
            return cell_details(view_of(state, data), kind, *cell)
        except AnalysisError as exc:
            return message(str(exc))
