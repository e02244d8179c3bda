"""Curation in the actor card: merge the actor into another, split a name off it, undo.

:func:`curation_controls` is the card's curation box for one actor: a *who*
field (kept in the browser), a search box for the actor to merge into with its
button, a list of the names the actor is written as with a split button, and
an undo button for the latest change still in effect. :func:`register_curation_callbacks`
wires them to :mod:`ecosystem.store.curation`: the change is written to the
store's overrides and log (who, when), the store is resolved again, and the
card opens the actor as it now is (``selected-actor``); the filters are set
again (``filters``) so that every panel draws the new registry. The explorer's
in-memory registry is reloaded by ``on_change`` (:func:`reload_state` does it
for an :class:`~ecosystem.explorer.state.ExplorerState`).

Component ids
-------------
``curation-actor`` (store: the card's actor), ``curation-who``,
``curation-into`` (dropdown searched as one types), ``curation-merge``,
``curation-variant``, ``curation-split``, ``curation-undo``,
``curation-last`` (the log's latest change), ``curation-message``.

Examples
--------
>>> box = curation_controls("oxfam")
>>> box.id, box.children[0].data
('curation', 'oxfam')
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING

from dash import dcc, html

from ecosystem.errors import EcosystemError
from ecosystem.explorer.state import ExplorerState
from ecosystem.store import Store

if TYPE_CHECKING:
    from dash import Dash

__all__ = ["curation_controls", "register_curation_callbacks", "reload_state"]


def curation_controls(actor_id: str) -> html.Details:
    """The curation box of the card of ``actor_id`` (see the module notes)."""
    return html.Details([
        dcc.Store(id="curation-actor", data=str(actor_id)),
        html.Summary("Fix this actor: merge, split, undo"),
        html.P("Changes are written to the store's overrides file with your name and the "
               "time, then the registry is resolved again (this takes a moment on a large "
               "registry). Every change can be undone.", className="muted"),
        html.Label(["who: ", dcc.Input(id="curation-who", type="text", maxLength=80,
                                       placeholder="your name", persistence=True,
                                       persistence_type="local", debounce=False)]),
        html.Div([dcc.Dropdown(id="curation-into", options=[], searchable=True,
                               placeholder="merge into… (type a name)",
                               className="curation-into"),
                  html.Button("Merge into it", id="curation-merge", n_clicks=0)],
                 className="controls curation-row"),
        html.Div([dcc.Dropdown(id="curation-variant", options=[], searchable=True,
                               placeholder="a name it is written as…",
                               className="curation-variant"),
                  html.Button("Split it off", id="curation-split", n_clicks=0)],
                 className="controls curation-row"),
        html.Button("Undo the last change", id="curation-undo", n_clicks=0),
        html.P(id="curation-last", className="muted curation-last"),
        dcc.Loading(html.Div(id="curation-message", className="curation-message"),
                    type="dot"),
    ], id="curation", className="curation", open=False, **{"data-actor": str(actor_id)})


def reload_state(state: ExplorerState, store: Store) -> None:
    """Read ``state``'s registries from ``store`` again and put them in ``state`` in place
    (its settings, title and initial filters kept; every cached view dropped)."""
    reg = store.registry(list(state.base.reg.registries) or None)
    fresh = ExplorerState(reg, state.settings, state.title, state.initial,
                          explicit=[f.name for f in fields(state.settings)])
    vars(state).update(vars(fresh))


def register_curation_callbacks(app: Dash, store_path_getter: Callable[[], str | Path],
                                on_change: Callable[[dict], object] | None = None) -> None:
    """The callbacks of :func:`curation_controls`.

    Parameters
    ----------
    app : Dash
    store_path_getter : callable
        Returns the path of the store the app serves.
    on_change : callable, optional
        Called with the change's result (:func:`ecosystem.store.curation.undo_change`)
        after the store was written and before the card opens the actor again:
        reload the app's registry there (e.g. ``lambda _: reload_state(state, store)``).
    """
    from dash import Input, Output, State, ctx, no_update
    from dash.exceptions import PreventUpdate

    from ecosystem.resolution.curation import last_undoable
    from ecosystem.resolution.curation_log import curation_paths, read_log
    from ecosystem.store import curation as store_curation

    def store() -> Store:
        return Store(store_path_getter())

    @app.callback(Output("curation-variant", "options"), Output("curation-undo", "children"),
                  Output("curation-last", "children"), Input("curation-actor", "data"))
    def _fill(actor_id):
        if not actor_id:
            raise PreventUpdate
        s = store()
        names = store_curation.names_as_written(s, actor_id)
        try:
            log = read_log(curation_paths(s.path)["log"])
        except EcosystemError as exc:
            return names, "Undo the last change", str(exc)
        last, said = last_undoable(log), ""
        if len(log):
            r = log.iloc[-1]
            said = (f"Last change: {int(r['change_id'])}, {r['action']} "
                    f"{r['actor_id']}" + (f" → {r['target']}" if r["target"] else "")
                    + f", by {r['who']} at {r['at']}.")
        if last is None:
            return names, "Undo the last change", said
        r = log[log["change_id"] == last].iloc[0]
        what = f"{r['action']} {r['actor_id']}" + (f" → {r['target']}" if r["target"] else "")
        return names, f"Undo change {last} ({what}, by {r['who']})", said

    @app.callback(Output("curation-into", "options"), Input("curation-into", "search_value"),
                  State("curation-into", "value"), State("curation-actor", "data"))
    def _search(text, chosen, actor_id):
        if not text:
            raise PreventUpdate
        found = store_curation.find_actors(store(), text)
        options = [{"label": f"{n} ({a})", "value": a}
                   for a, n in zip(found["actor_id"], found["name"]) if a != actor_id]
        if chosen and chosen not in {o["value"] for o in options}:
            options.insert(0, {"label": chosen, "value": chosen})
        return options

    @app.callback(Output("curation-message", "children"),
                  Output("selected-actor", "data", allow_duplicate=True),
                  Output("filters", "data", allow_duplicate=True),
                  Input("curation-merge", "n_clicks"), Input("curation-split", "n_clicks"),
                  Input("curation-undo", "n_clicks"),
                  State("curation-actor", "data"), State("curation-into", "value"),
                  State("curation-variant", "value"), State("curation-who", "value"),
                  State("filters", "data"), prevent_initial_call=True)
    def _change(merge_clicks, split_clicks, undo_clicks, actor_id, into, variant, who, filters):
        button = ctx.triggered_id
        if not ctx.triggered or not ctx.triggered[0]["value"] or not actor_id:
            raise PreventUpdate
        s = store()
        try:
            if button == "curation-merge":
                if not into:
                    raise EcosystemError("choose the actor to merge into (type its name)")
                done = store_curation.merge_actors(s, actor_id, into, who=who)
            elif button == "curation-split":
                if not variant:
                    raise EcosystemError("choose the name to split off")
                done = store_curation.split_variant(s, variant, actor_id, who=who)
            else:
                done = store_curation.undo_change(s, who=who)
            if on_change is not None:
                on_change(done)
        except EcosystemError as exc:
            return html.Div(str(exc), className="message error"), no_update, no_update
        # the same filters again: every panel draws the registry as it now is
        return (html.Div(done["summary"], className="message note",
                         **{"data-change": str(done["change_id"])}),
                done["actor_id"] or no_update, filters if filters is not None else {})
