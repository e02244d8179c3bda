"""The filter bar: goal/target, place, actor type, community, date window, dormant in/out.

The controls' values become a :class:`ecosystem.explorer.state.Filters` held in
the page's ``filters`` store; every panel listens to that store. The filtering
itself is :func:`ecosystem.filters.filter_registry` (and the community cut of
:class:`ecosystem.explorer.state.ExplorerState`); when the filters leave
nothing, its message is shown and the panels say why they are empty.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from dash import Input, Output, dcc, html

from ecosystem.dormancy import REAL_DATE_FROM
from ecosystem.errors import AnalysisError
from ecosystem.explorer.state import ExplorerState, Filters, View
from ecosystem.reference.sdg import sdg_goals, target_rank, target_titles

if TYPE_CHECKING:
    from dash import Dash

__all__ = [
    "DORMANT_OPTIONS", "filter_options", "date_span", "filter_bar", "apply_filters", "view_of",
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
    return {
        "goals": [{"label": f"SDG {g}" + (f" · {gtitle[g]}" if g in gtitle else ""), "value": g}
                  for g in goals],
        "targets": [{"label": f"{t}" + (f" · {ttitle[t][:60]}" if t in ttitle else ""),
                     "value": t} for t in targets],
        "places": [{"label": lab, "value": str(code)} for code, lab in
                   zip(p["place"], p["label"])],
        "actor_types": [{"label": t.replace("_", " "), "value": t}
                        for t in sorted(reg.actors["actor_type"].dropna().unique())],
        "communities": [{"label": f"{int(c)} · {lab} ({int(n):,} actors)", "value": int(c)}
                        for c, lab, n in zip(labels["community"], labels["label"],
                                             labels["size"])],
    }


def date_span(state: ExplorerState) -> tuple[str | None, str | None]:
    """First and last real date (start or end) of the registry, ``YYYY-MM-DD``."""
    ini = state.base.reg.initiatives
    dates = pd.concat([ini["start"], ini["end"]])
    dates = dates[dates >= REAL_DATE_FROM]
    if dates.empty:
        return None, None
    return f"{dates.min():%Y-%m-%d}", f"{dates.max():%Y-%m-%d}"


def filter_bar(state: ExplorerState) -> html.Div:
    """The filter controls, set to the state's initial filters."""
    opts = filter_options(state)
    f = state.initial
    lo, hi = date_span(state)

    def dropdown(key, placeholder, value):
        return dcc.Dropdown(id=f"f-{key.replace('_', '-')}", options=opts[key], value=list(value),
                            multi=True, placeholder=placeholder, className="filter")
    return html.Div([
        dropdown("goals", "SDG goals", f.goals),
        dropdown("targets", "SDG targets", f.targets),
        dropdown("places", "places", f.places),
        dropdown("actor_types", "actor types", f.actor_types),
        dropdown("communities", "communities", f.communities),
        dcc.DatePickerRange(id="f-dates", min_date_allowed=lo, max_date_allowed=hi,
                            start_date=f.start, end_date=f.end, clearable=True,
                            display_format="YYYY-MM-DD", start_date_placeholder_text="active from",
                            end_date_placeholder_text="active to"),
        dcc.RadioItems(id="f-dormant", options=DORMANT_OPTIONS, value=f.dormant, inline=True,
                       className="dormant"),
    ], className="filter-bar", id="filter-bar")


def apply_filters(state: ExplorerState, goals: list[int] | None = None,
                  targets: list[str] | None = None, places: list[str] | None = None,
                  actor_types: list[str] | None = None, communities: list[int] | None = None,
                  start: str | None = None, end: str | None = None,
                  dormant: str = "include") -> tuple[dict, str]:
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
           "communities": communities, "start": start, "end": end, "dormant": dormant}
    try:
        f = Filters.from_data(raw)
        view = state.view(f)
    except AnalysisError as exc:
        return {"filters": {k: v for k, v in raw.items() if v}, "error": str(exc)}, \
            f"Nothing to show: {exc}"
    base = state.base.reg
    reg = view.reg
    summary = (f"{len(reg.initiatives):,} initiatives · {len(reg.actors):,} actors · "
               f"{len(reg.ties):,} ties")
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
                  Input("f-dates", "end_date"), Input("f-dormant", "value"))
    def _filters(goals, targets, places, actor_types, communities, start, end, dormant):
        return apply_filters(state, goals, targets, places, actor_types, communities, start,
                             end, dormant or "include")
