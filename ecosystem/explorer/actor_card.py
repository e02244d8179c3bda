"""An actor's card: who it is, what it does, with whom, and where it stands.

The card is drawn in two parts so that the first shows at once:

:func:`actor_card`
    Name, type, country, the names it was written as, its initiatives with
    roles, its partners (shared initiatives in the co-membership projection)
    and its hub figures (:func:`ecosystem.measures.network.hubs.hub_metrics`, through the
    view's ``Analysis.hub_table``).
:func:`actor_position`
    Broker figures and Gould–Fernandez roles (``Analysis.broker_table``,
    :func:`ecosystem.measures.network.brokers.brokers`), its Agreement Matrix position against
    each partner (:func:`ecosystem.measures.power.agreement.agreement_pairs` with the pairs
    (actor, partner)) and suggested partners with reasons
    (:func:`ecosystem.measures.network.suggest.suggest_partners`). The broker table
    needs betweenness over the whole projection; it is computed once per filter state.

Every figure is the report's own; the card only selects the actor's row.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from ecosystem import views
from ecosystem.errors import AnalysisError
from ecosystem.explorer.exports import graph_config
from ecosystem.explorer.state import ExplorerState, View
from ecosystem.explorer.tables import data_table, fmt, message
from ecosystem.graphs import memberships
from ecosystem.measures.network.brokerage_roles import UNDIRECTED_ROLE, undirected_roles
from ecosystem.measures.network.suggest import suggest_partners
from ecosystem.measures.power.agreement import agreement_pairs
from ecosystem.views.agreement import QUADRANTS
from ecosystem.views.formatting import count
from ecosystem.views.labels import ACTOR_TYPE_LABELS, actor_type_label
from ecosystem.views.record_words import records, unit, with_article, worded

if TYPE_CHECKING:
    from dash import Dash

__all__ = ["actor_card", "actor_position", "actor_initiatives", "actor_partners",
           "readable_quadrants", "curation_box", "register"]

HUB_FIGURES = {
    "initiatives": "initiatives",
    "initiatives_led": "initiatives led",
    "partners": "partners",
    "strength": "strength (weighted degree)",
    "pagerank": "PageRank",
    "eigenvector": "eigenvector centrality (max 1)",
    "s_coreness": "s-coreness (weighted k-core, in initiatives)",
}
BROKER_FIGURES = {
    "betweenness": "betweenness",
    "initiatives_with_partners": "initiatives with partners",
    "constraint": "constraint between its initiatives (Burt; low = spans holes)",
    "effective_size": "effective size (initiatives no other actor joins)",
    "efficiency": "efficiency (effective size per initiative)",
    "is_cut_vertex": "cut vertex",
    "initiatives_cut_off": "initiatives cut off without it",
    "community": "community",
    "participation": "participation across communities",
}
#: The structural-hole figures of a drawn network's card: counted between partners
#: (:func:`ecosystem.measures.network.partner_holes.partner_holes`).
PARTNER_HOLE_FIGURES = {
    "initiatives_with_partners": "partners",
    "constraint": "constraint between its partners (Burt; low = spans holes)",
    "effective_size": "effective size (partners not linked to each other)",
    "efficiency": "efficiency (effective size per partner)",
}
ROLES = ("coordinator", "itinerant", UNDIRECTED_ROLE, "liaison")
#: Most partners placed on the Agreement Matrix (the strongest ties first).
AGREEMENT_PARTNERS = 1000


def actor_initiatives(view: View, actor_id: str) -> pd.DataFrame:
    """``initiative_id, title, roles, start, end`` of the actor's initiatives in the view."""
    m = memberships(view.reg)
    m = m[m["actor_id"] == actor_id]
    ini = view.reg.initiatives.set_index("initiative_id")
    ids = m["initiative_id"]
    out = pd.DataFrame({
        "initiative_id": ids.to_numpy(),
        "title": ini["title"].reindex(ids).to_numpy(),
        "roles": m["roles"].str.replace("|", ", ", regex=False).to_numpy(),
        "start": ini["start"].reindex(ids).to_numpy(),
        "end": ini["end"].reindex(ids).to_numpy(),
    })
    lead = out["roles"].str.contains("lead", regex=False).fillna(False).astype(bool)
    return out.assign(_lead=lead).sort_values(["_lead", "start"], ascending=[False, False],
                                               kind="stable").drop(columns="_lead") \
        .reset_index(drop=True)


def actor_partners(view: View, actor_id: str) -> pd.DataFrame:
    """``actor_id, name, actor_type, shared_initiatives, weight`` of the actor's partners.

    From the view's co-membership projection; most shared initiatives first.
    """
    g = view.projection()
    cols = ["actor_id", "name", "actor_type", "shared_initiatives", "weight"]
    try:
        v = g.vs.find(name=actor_id).index
    except ValueError:
        return pd.DataFrame(columns=cols)
    eids = g.incident(v)
    if not eids:
        return pd.DataFrame(columns=cols)
    other = [e.target if e.source == v else e.source for e in g.es[eids]]
    out = pd.DataFrame({
        "actor_id": g.vs[other]["name"],
        "name": g.vs[other]["label"],
        "actor_type": g.vs[other]["actor_type"],
        "shared_initiatives": g.es[eids]["shared"],
        "weight": g.es[eids]["weight"],
    })
    return out.sort_values(["shared_initiatives", "weight", "name"],
                           ascending=[False, False, True], kind="stable").reset_index(drop=True)


def _ranked(table: pd.DataFrame, actor_id: str, column: str, ascending: bool = False) -> str:
    values = pd.to_numeric(table[column], errors="coerce")
    row = values[table["actor_id"] == actor_id]
    if row.empty or pd.isna(row.iloc[0]):
        return "not measurable"
    rank = int((values < row.iloc[0]).sum() if ascending else (values > row.iloc[0]).sum()) + 1
    return f"{fmt(row.iloc[0])} (rank {rank:,} of {int(values.notna().sum()):,})"


def _figures(table: pd.DataFrame, actor_id: str, labels: dict, *, ascending=()) -> html.Dl:
    row = table[table["actor_id"] == actor_id].iloc[0]
    items = []
    for col, label in labels.items():
        if col not in table:
            continue
        numeric = pd.api.types.is_numeric_dtype(table[col]) and \
            not pd.api.types.is_bool_dtype(table[col])
        if numeric and col != "community":
            value = _ranked(table, actor_id, col, ascending=col in ascending)
        else:
            value = fmt(row[col])
        items += [html.Dt(label), html.Dd(value, **{"data-figure": col})]
    return html.Dl(items, className="figures")


def actor_card(view: View, actor_id: str, *, max_rows: int = 15) -> html.Div:
    """The first part of the card (see the module docstring)."""
    actors = view.reg.actors
    row = actors[actors["actor_id"] == actor_id]
    if row.empty:
        return message("This actor is not in the current selection: change the filters to "
                       "see it.")
    a = row.iloc[0]
    many, one = records(view.analysis)  # the actor's records: initiatives, activities, …
    cells, cell = unit(view.analysis), unit(view.analysis, plural=False)  # what ties share
    inis = actor_initiatives(view, actor_id)
    led = int(inis["roles"].str.contains("lead", regex=False).fillna(False).sum())
    leads = bool((view.reg.ties["role"] == "lead").any())  # a 3W names no lead
    official = a.get("official_name")
    variants = sorted({*(str(a["source_names"]).split(" | ") if pd.notna(a["source_names"])
                         else []),
                       *view.reg.crosswalk.loc[view.reg.crosswalk["actor_id"] == actor_id,
                                               "variant"].astype(str)} - {str(a["name"]), str(official)})
    head = [
        html.H2(str(a["name"]), className="card-name"),
        *([html.Div(str(official), className="card-official-name")]
          if pd.notna(official) and str(official) != str(a["name"]) else []),
        html.Div(" · ".join(fmt(v) for v in (actor_type_label(a["actor_type"]), a["country"],
                                             a["actor_id"]) if fmt(v)), className="muted"),
        html.P([html.Strong(f"{len(inis):,}", className="card-count"),
                f" {one if len(inis) == 1 else many} in this selection"
                + (f" ({led:,} as lead)" if leads else "")],
               className="card-initiatives"),
    ]
    if variants:
        head.append(html.Details([html.Summary(f"Also written as ({len(variants):,} names)"),
                                  html.Ul([html.Li(v) for v in variants[:60]])]))
    body = [data_table(inis, "actor-initiatives", caption=f"{many.capitalize()} and roles",
                       columns={"title": one, "roles": "roles", "start": "start",
                                "end": "end"},
                       links={"title": ("initiative-link", "initiative_id")}, max_rows=max_rows)]
    try:
        hubs = view.hubs()
        labels = {k: worded(v, cells, cell) for k, v in HUB_FIGURES.items()
                  if leads or k != "initiatives_led"}
        body.insert(0, html.Div([html.H4("Hub figures"), _figures(hubs, actor_id, labels)]))
        partners = actor_partners(view, actor_id)
        body.append(data_table(partners, "actor-partners",
                               caption=f"Partners ({len(partners):,}): actors it shares "
                                       f"{cells} with",
                               columns={"name": "partner", "actor_type": "type",
                                        "shared_initiatives": f"shared {cells}"},
                               links={"name": ("actor-link", "actor_id")}, max_rows=max_rows))
    except AnalysisError as exc:
        body.insert(0, message(f"Hub figures not computed: {exc}"))
    return html.Div(head + body + curation_box(actor_id), className="card",
                    **{"data-actor": str(actor_id)})


def actor_position(view: View, actor_id: str, *, image_format: str = "png",
                   max_rows: int = 10) -> html.Div:
    """The second part of the card: brokerage, Agreement Matrix, suggested partners."""
    if not (view.reg.actors["actor_id"] == actor_id).any():
        return html.Div()
    cells, cell = unit(view.analysis), unit(view.analysis, plural=False)  # what ties share
    parts = []
    try:
        b = view.brokers()
        mode = b["betweenness_mode"].iloc[0] if "betweenness_mode" in b and len(b) else "exact"
        labels = {k: worded(v, cells, cell) for k, v in BROKER_FIGURES.items()}
        if b.attrs.get("holes") == "partners":  # a drawn network: holes between partners
            labels.update(PARTNER_HOLE_FIGURES)
        parts += [html.H4(f"Broker figures (betweenness {mode})"),
                  _figures(b, actor_id, labels, ascending=("constraint",))]
        if "gatekeeper" in b:  # the undirected projection: representative = gatekeeper
            b = undirected_roles(b)
        present = [r for r in ROLES if r in b]
        if present:
            row = b[b["actor_id"] == actor_id].iloc[0]
            group = row.get("group")
            group = (actor_type_label(group) if group in ACTOR_TYPE_LABELS else fmt(group)) \
                or "no group"
            roles = [html.Li(f"{r}: {fmt(row[r])}") for r in present]
            parts += [html.H4(f"Gould–Fernandez brokerage roles (its group: {group})"),
                      html.Ul(roles, className="roles")]
    except AnalysisError as exc:
        parts.append(message(f"Broker figures not computed: {exc}"))
    parts += _agreement(view, actor_id, image_format, max_rows)
    try:
        s = suggest_partners(view.reg, actor_id, top=max_rows)
        parts.append(data_table(
            s, "suggested-partners",
            caption=f"Suggested partners (not yet sharing {with_article(cell)})",
            columns={"name": "candidate", "actor_type": "type", "score": "score",
                     "explanation": "why"},
            links={"name": ("actor-link", "candidate_id")}, max_rows=max_rows))
    except AnalysisError as exc:
        parts.append(message(f"No partner suggestions: {exc}"))
    return html.Div(parts, className="card-position")


def _agreement(view: View, actor_id: str, image_format: str, max_rows: int) -> list:
    try:
        partners = actor_partners(view, actor_id).head(AGREEMENT_PARTNERS)
    except AnalysisError:
        return []
    if partners.empty:
        return [html.H4("Agreement Matrix"), message("No partner to compare with.")]
    try:
        pairs = agreement_pairs(view.reg, pairs=[(actor_id, p) for p in partners["actor_id"]])
    except AnalysisError as exc:
        return [message(f"Agreement Matrix not computed: {exc}")]
    counts = pairs["quadrant"].value_counts()
    said = "; ".join(f"{q}: {int(n):,}" for q, n in counts.items())
    name = str(view.actor_names().get(actor_id, actor_id))
    fig = readable_quadrants(views.agreement_quadrants(
        pairs, title=f"Agreement with its {count(len(pairs))} partners"))
    table = pairs.assign(actor_id=pairs["actor_b"])[
        ["actor_id", "name_b", "goal_agreement", "means_agreement", "quadrant", "tool_family",
         "explanation"]]
    note = (f" (the {AGREEMENT_PARTNERS:,} partners with most shared {unit(view.analysis)})"
            if len(partners) == AGREEMENT_PARTNERS else "")
    return [html.H4("Agreement Matrix position against its partners" + note),
            html.P(f"{name} and its partners, by quadrant: {said}."),
            dcc.Graph(figure=fig, config=graph_config(image_format, "agreement"),
                      style={"height": "480px"}),
            data_table(table, "agreement-with-partners", caption="Agreement per partner",
                       columns={"name_b": "partner", "goal_agreement": "goals",
                                "means_agreement": "means", "quadrant": "quadrant",
                                "tool_family": "tools"},
                       links={"name_b": ("actor-link", "actor_id")}, max_rows=max_rows)]


def readable_quadrants(fig: go.Figure) -> go.Figure:
    """The Agreement Matrix made to fit the card's width: each quadrant's name on two short
    lines in its own corner, the legend under the plot (so the plot takes the whole width).

    In the card's narrow column the view's one-line corner names of quadrants III and IV
    ran into each other ("IV · power toolsIII · management tools").

    Examples
    --------
    >>> import pandas as pd
    >>> pairs = pd.DataFrame({"name_a": ["A"], "name_b": ["B"], "goal_agreement": [0.9],
    ...                       "means_agreement": [0.3]})
    >>> fig = readable_quadrants(views.agreement_quadrants(pairs))
    >>> sorted(a.text for a in fig.layout.annotations)[0]
    '<b>I</b><br>leadership tools'
    """
    names = {f"<b>{n}</b>": n for n in QUADRANTS.values()}
    for a in fig.layout.annotations:
        if a.text in names:
            roman, words = names[a.text].split(" · ", 1)
            a.update(text=f"<b>{roman}</b><br>{words}", font=dict(size=11, color="#444"),
                     align="left" if a.xanchor == "left" else "right")
    fig.update_layout(legend=dict(orientation="h", x=0, xanchor="left", y=-0.3,
                                  yanchor="top", font=dict(size=11)),
                      margin=dict(l=50, r=10, t=50, b=130))
    return fig


def curation_box(actor_id: str) -> list:
    """The curation controls of :mod:`ecosystem.explorer.curation_panel` for the card
    (nothing when that module is not installed)."""
    try:
        from ecosystem.explorer.curation_panel import curation_controls
    except ImportError:
        return []
    return [curation_controls(actor_id)]


def register(app: Dash, state: ExplorerState) -> None:
    """Callbacks: search, choosing an actor (links and map clicks), the two card parts."""
    from dash import ALL, Input, Output, State, ctx
    from dash.exceptions import PreventUpdate

    from ecosystem.explorer.filters import view_of
    from ecosystem.explorer.network_panel import clicked_actor

    @app.callback(Output("search-results", "children"), Input("search-input", "value"),
                  Input("search-input", "n_submit"), Input("filters", "data"))
    def _search(query, submitted, data):
        try:
            view = view_of(state, data)
        except AnalysisError as exc:
            return message(str(exc))
        from ecosystem.explorer.search import search_results, warm_resolver

        if (query or "").strip():
            warm_resolver(state.base.reg)
        submitted = any(t["prop_id"] == "search-input.n_submit" for t in ctx.triggered)
        resolve = state.base.reg if submitted else None
        return search_results(view, query, resolve_with=resolve)

    @app.callback(Output("selected-actor", "data"),
                  Input({"type": "actor-link", "where": ALL, "row": ALL, "id": ALL}, "n_clicks"),
                  Input("network-graph", "clickData"), prevent_initial_call=True)
    def _choose(clicks, click_data):
        trig = ctx.triggered_id
        if trig == "network-graph":
            actor = clicked_actor(click_data)
            if actor is None:
                raise PreventUpdate
            return actor
        if not isinstance(trig, dict) or not ctx.triggered[0]["value"]:
            raise PreventUpdate
        return trig["id"]

    @app.callback(Output("actor-card", "children"), Input("selected-actor", "data"),
                  Input("filters", "data"))
    def _card(actor_id, data):
        if not actor_id:
            raise PreventUpdate
        try:
            return actor_card(view_of(state, data), actor_id)
        except AnalysisError as exc:
            return message(str(exc))

    # the second part waits for the first, so the card's head shows at once
    @app.callback(Output("actor-position", "children"), Input("actor-card", "children"),
                  State("selected-actor", "data"), State("filters", "data"),
                  State("image-format", "value"), prevent_initial_call=True)
    def _position(card, actor_id, data, image_format):
        if not actor_id:
            raise PreventUpdate
        try:
            view = view_of(state, data)
            # kept per view, actor and format: reopening a card is immediate
            return view.once(("position", actor_id, image_format),
                             lambda: actor_position(view, actor_id, image_format=image_format))
        except AnalysisError as exc:
            return message(str(exc))
