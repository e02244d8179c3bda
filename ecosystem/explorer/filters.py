"""The filter bar: goal/target, place, actor type, community, sector, date window, dormant.

The controls' values become a :class:`ecosystem.explorer.state.Filters` held in
the page's ``filters`` store; every panel listens to that store. The filtering
itself is :func:`ecosystem.filters.filter_registry` (and the community cut of
:class:`ecosystem.explorer.state.ExplorerState`); when the filters leave
nothing, its message is shown and the panels say why they are empty.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from dash import Input, Output, State, dcc, html

from ecosystem.dormancy import REAL_DATE_FROM
from ecosystem.errors import AnalysisError
from ecosystem.explorer.state import ExplorerState, Filters, View
from ecosystem.reference.sdg import sdg_goals, target_rank, target_titles
from ecosystem.views.formatting import count, counted
from ecosystem.views.labels import actor_type_label, community_label
from ecosystem.views.record_words import records

if TYPE_CHECKING:
    from dash import Dash

__all__ = [
    "DORMANT_OPTIONS", "filter_options", "date_span", "period_span", "period_value",
    "period_slider", "sector_word", "filter_bar",
    "apply_filters", "view_of",
    "register",
]

DORMANT_OPTIONS = [{"label": "dormant included", "value": "include"},
                   {"label": "dormant excluded", "value": "exclude"},
                   {"label": "dormant only", "value": "only"}]


def filter_options(state: ExplorerState) -> dict[str, list[dict]]:
    """Dropdown options for each filter, from the whole registry."""
    reg = state.base.reg
    goals = sorted({int(g) for g in pd.concat([reg.initiative_goals["goal"],
                                                reg.initiative_targets["goal"]]).dropna()})
    gtitle = dict(zip(sdg_goals()["goal"].astype(int), sdg_goals()["title"]))
    targets = pd.Series(reg.initiative_targets["target"].dropna().unique(), dtype="string")
    targets = targets.iloc[target_rank(targets).argsort()].tolist() if len(targets) else []
    ttitle = target_titles()
    p = reg.initiative_places.drop_duplicates(["place", "kind"])
    p = p.assign(label=p["name"].fillna(p["place"]).astype(str) + " (" +
                 p["kind"].astype(str).str.replace("_", " ") + ")").sort_values("label")
    labels = state.community_labels()
    vocab = state.sector_vocabulary()
    th = reg.initiative_themes
    sectors = th.loc[th["vocabulary"] == vocab] if vocab else th.iloc[0:0]
    sector_counts = sectors.drop_duplicates(["initiative_id", "theme"])["theme"].astype(str) \
        .value_counts()
    registries = reg.initiatives["registry"].astype(str).value_counts().sort_index()
    many, one = records(state.base.analysis)
    return {
        "registries": [{"label": f"{r} ({counted(n, one, many)})", "value": r}
                       for r, n in registries.items()],
        "goals": [{"label": f"SDG {g}" + (f" · {gtitle[g]}" if g in gtitle else ""), "value": g}
                  for g in goals],
        "targets": [{"label": f"{t}" + (f" · {ttitle[t][:60]}" if t in ttitle else ""),
                     "value": t} for t in targets],
        "places": [{"label": lab, "value": str(code)} for code, lab in
                   zip(p["place"], p["label"])],
        "actor_types": [{"label": actor_type_label(t), "value": t}
                        for t in sorted(reg.actors["actor_type"].dropna().unique(),
                                        key=actor_type_label)],
        "communities": [{"label": f"{community_label(int(c), lab)} ({count(n)} actors)",
                         "value": int(c)}
                        for c, lab, n in zip(labels["community"], labels["label"],
                                             labels["size"])],
        "sectors": [{"label": f"{t} ({counted(n, one, many)})", "value": t}
                    for t, n in sorted(sector_counts.items())],
    }


def date_span(state: ExplorerState) -> tuple[str | None, str | None]:
    """First and last real date (start or end) of the registry, ``YYYY-MM-DD``."""
    ini = state.base.reg.initiatives
    dates = pd.concat([ini["start"], ini["end"]])
    dates = dates[dates >= REAL_DATE_FROM]
    if dates.empty:
        return None, None
    return f"{dates.min():%Y-%m-%d}", f"{dates.max():%Y-%m-%d}"


def period_span(state: ExplorerState) -> tuple[int, int] | None:
    """First and last year of :func:`ecosystem.measures.time.period_table` (None: no dates)."""
    def compute():
        try:
            from ecosystem.measures.time import period_table

            years = period_table(state.base.reg, by="year", as_of=state.as_of)
        except (ImportError, AnalysisError):
            return None
        if years.empty:
            return None
        starts = pd.to_datetime(years["start"])
        return int(starts.dt.year.min()), int(pd.to_datetime(years["end"]).dt.year.max())
    return state.base.once("period_span", compute)


def period_value(state: ExplorerState, value: list | None) -> list[int] | None:
    """The slider's years as a filter: None when it spans every year (no period filter)."""
    span = period_span(state)
    if not value or span is None or len(value) != 2:
        return None
    lo, hi = sorted(int(v) for v in value)
    return None if (lo, hi) == span else [max(lo, span[0]), min(hi, span[1])]


def period_slider(state: ExplorerState) -> html.Div:
    """The period slider (years), hidden when the registry has no dates."""
    span = period_span(state)
    lo, hi = span or (0, 1)
    step = max(1, (hi - lo) // 12)
    marks = {y: str(y) for y in range(lo, hi + 1, step)} if span else {}
    return html.Div([html.Span("period: ", className="muted"),
                     dcc.RangeSlider(id="period", min=lo, max=hi, step=1, value=[lo, hi],
                                     marks=marks, allowCross=False,
                                     tooltip={"placement": "bottom"}, className="period")],
                    className="period-bar", style={} if span else {"display": "none"})


def sector_word(state: ExplorerState) -> str:
    """What the sector filter is called: "clusters" for humanitarian clusters, else "sectors"."""
    vocab = state.sector_vocabulary()
    return {"cluster": "clusters", "dac_sector": "sectors (DAC)",
            "dac_category": "sectors (DAC categories)",
            "ocean_action_community": "communities of ocean action"}.get(vocab or "", "sectors")


def filter_bar(state: ExplorerState) -> html.Div:
    """The filter controls, set to the state's initial filters."""
    opts = filter_options(state)
    f = state.initial
    lo, hi = date_span(state)

    def dropdown(key, placeholder, value):
        return dcc.Dropdown(id=f"f-{key.replace('_', '-')}", options=opts[key], value=list(value),
                            multi=True, placeholder=placeholder, className="filter")

    def shown(present: bool) -> dict:
        """A control the registry has nothing for (SDGs of a 3W, dates of an undated file)
        stays in the page for the callbacks, hidden."""
        return {} if present else {"display": "none"}
    return html.Div([
        # a store of several registries (an SDG platform export and a 3W): one or some of them
        html.Div(dropdown("registries", "registries", f.registries),
                 style=shown(len(opts["registries"]) > 1)),
        html.Div(dropdown("goals", "SDG goals", f.goals), style=shown(bool(opts["goals"]))),
        html.Div(dropdown("targets", "SDG targets", f.targets),
                 style=shown(bool(opts["targets"]))),
        dropdown("places", "places", f.places),
        dropdown("actor_types", "actor types", f.actor_types),
        dropdown("communities", "communities", f.communities),
        html.Div(dropdown("sectors", sector_word(state), f.sectors),
                 style=shown(bool(opts["sectors"]))),
        html.Div(dcc.DatePickerRange(id="f-dates", min_date_allowed=lo, max_date_allowed=hi,
                                     start_date=f.start, end_date=f.end, clearable=True,
                                     display_format="YYYY-MM-DD",
                                     start_date_placeholder_text="active from",
                                     end_date_placeholder_text="active to"),
                 style=shown(lo is not None)),
        html.Div(dcc.RadioItems(id="f-dormant", options=DORMANT_OPTIONS, value=f.dormant,
                                inline=True, className="dormant"),
                 style=shown(lo is not None)),
        period_slider(state),
    ], className="filter-bar", id="filter-bar")


def apply_filters(state: ExplorerState, goals: list[int] | None = None,
                  targets: list[str] | None = None, places: list[str] | None = None,
                  actor_types: list[str] | None = None, communities: list[int] | None = None,
                  start: str | None = None, end: str | None = None,
                  dormant: str = "include", sectors: list[str] | None = None,
                  period: list[int] | None = None,
                  registries: list[str] | None = None) -> tuple[dict, str]:
    """The filter store's content and the selection line for the controls' values.

    Returns
    -------
    data : dict
        ``{"filters": Filters.to_data(), "error": None or the message}``.
    summary : str
        ``"1,002 initiatives · 4,550 actors · 5,210 ties (of 2,650 · 9,140 · 14,277);
        filters: targets 14.1"`` or the reason nothing is left.
    """
    raw = {"goals": goals, "targets": targets, "places": places, "actor_types": actor_types,
           "communities": communities, "start": start, "end": end, "dormant": dormant,
           "sectors": sectors, "period": period, "registries": registries}
    try:
        f = Filters.from_data(raw)
        view = state.view(f)
    except AnalysisError as exc:
        return {"filters": {k: v for k, v in raw.items() if v}, "error": str(exc)}, \
            f"Nothing to show: {exc}"
    base = state.base.reg
    reg = view.reg
    many, one = records(view.analysis)
    summary = (f"{counted(len(reg.initiatives), one, many)} · "
               f"{len(reg.actors):,} actors · {len(reg.ties):,} ties")
    if f != Filters():
        summary += (f" (of {len(base.initiatives):,} · {len(base.actors):,} · "
                    f"{len(base.ties):,}); filters: {f.describe()}")
    return {"filters": f.to_data(), "error": None}, summary


def view_of(state: ExplorerState, data: dict | None) -> View:
    """The view for the filter store's content; raises AnalysisError with the store's error."""
    data = data or {}
    if data.get("error"):
        raise AnalysisError(data["error"])
    return state.view(Filters.from_data(data.get("filters")))


def register(app: Dash, state: ExplorerState) -> None:
    """Callback: controls → the ``filters`` store and the selection line."""
    @app.callback(Output("filters", "data"), Output("selection-summary", "children"),
                  Input("f-goals", "value"), Input("f-targets", "value"),
                  Input("f-places", "value"), Input("f-actor-types", "value"),
                  Input("f-communities", "value"), Input("f-dates", "start_date"),
                  Input("f-dates", "end_date"), Input("f-dormant", "value"),
                  Input("f-sectors", "value"), Input("period", "value"),
                  Input("f-registries", "value"))
    def _filters(goals, targets, places, actor_types, communities, start, end, dormant,
                 sectors, period, registries):
        return apply_filters(state, goals, targets, places, actor_types, communities, start,
                             end, dormant or "include", sectors,
                             period_value(state, period), registries)

    @app.callback(Output("selection-summary", "children", allow_duplicate=True),
                  Input("curation-message", "children"), State("filters", "data"),
                  prevent_initial_call=True)
    def _after_curation(_message, data):
        """A merge, split or undo in a card changes the registry: the counts follow."""
        return apply_filters(state, **((data or {}).get("filters") or {}))[1]
