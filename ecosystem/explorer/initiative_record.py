"""An initiative's record as a person reads it: title, description, partners, deliverables, source.

The record comes from the whole registry (a filter may hide some of its
partners, never its record). Its source page is linked only when the
registry's ``url`` is an ``http(s)`` address; anything else (``javascript:``,
``data:``) is shown as text, never as a link.
"""
from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlparse

import pandas as pd
from dash import html

from ecosystem.explorer.tables import actor_link, fmt, message
from ecosystem.graphs import memberships
from ecosystem.model import Registry

if TYPE_CHECKING:
    from dash import Dash
    
    from ecosystem.explorer.state import ExplorerState

__all__ = ["safe_url", "initiative_record", "register"]


def safe_url(url: object) -> str | None:
    """``url`` when it is an absolute http(s) address, else None.

    Examples
    --------
    >>> safe_url(" https://example.org/a "), safe_url("javascript:alert(1)"), safe_url(None)
    ('https://example.org/a', None, None)
    """
    if url is None or (not isinstance(url, str) and pd.isna(url)):
        return None
    u = str(url).strip()
    try:
        parsed = urlparse(u)
    except ValueError:
        return None
    return u if parsed.scheme in ("http", "https") and parsed.netloc else None


def _dates(row: pd.Series) -> str:
    start, end = fmt(row["start"]), fmt(row["end"])
    text = f"{start or 'no start date'} – {end or 'no end date'}"
    if row.get("placeholder_dates") is True:
        text += " (the registry gave a placeholder date)"
    return text


def _facet(reg: Registry, table: str, initiative_id: str, column: str) -> list[str]:
    df = getattr(reg, table)
    return [str(v) for v in df.loc[df["initiative_id"] == initiative_id, column].dropna()]


def initiative_record(reg: Registry, initiative_id: str) -> html.Div:
    """The record of ``initiative_id`` as Dash components (registry text as escaped text).

    Examples
    --------
    >>> reg = Registry.from_frames(
    ...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["Reef Trust", "Ocean Lab"],
    ...                          "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1"], "registry": "r",
    ...                               "record_id": ["1"], "kind": "partnership",
    ...                               "title": ["Coral reef <restoration>"],
    ...                               "url": ["javascript:alert(1)"]}),
    ...     ties=pd.DataFrame({"initiative_id": "i1", "actor_id": ["a", "b"],
    ...                        "role": ["lead", "partner"], "registry": "r", "record_id": "1"}))
    >>> record = initiative_record(reg, "i1")
    >>> [c.children for c in record.children if isinstance(c, (html.H3, html.H4))][:3]
    ['Coral reef <restoration>', 'Description', 'Partners (2)']
    >>> record.children[2].children[2].children  # the url is shown as text, not linked
    'source: javascript:alert(1) (not a web address, not linked)'
    """
    ini = reg.initiatives[reg.initiatives["initiative_id"] == initiative_id]
    if ini.empty:
        return message(f"No initiative {initiative_id} in the registry.")
    row = ini.iloc[0]
    title = row["title"] if pd.notna(row["title"]) else "(no title)"
    meta = " · ".join(str(v) for v in (row["registry"], row["record_id"], row["kind"],
                                       row["status"]) if pd.notna(v))
    url = row["url"]
    link = safe_url(url)
    if link:
        source = html.A("source page", href=link, target="_blank", rel="noopener noreferrer")
    elif pd.notna(url):
        source = html.Span(f"source: {url} (not a web address, not linked)")
    else:
        source = html.Span("no source page recorded")
    m = memberships(reg)
    m = m[m["initiative_id"] == initiative_id]
    names = reg.actors.set_index("actor_id")["name"]
    partners = [html.Li([actor_link(a, names.get(a, a), "record", i),
                         html.Span(f" — {roles.replace('|', ', ')}", className="muted")])
                for i, (a, roles) in enumerate(zip(m["actor_id"], m["roles"]))]
    places = reg.initiative_places[reg.initiative_places["initiative_id"] == initiative_id]
    place_text = [f"{p['name'] if pd.notna(p['name']) else p['place']} ({p['kind']})"
                  for _, p in places.iterrows()]
    deliv = reg.deliverables[reg.deliverables["initiative_id"] == initiative_id]
    res = reg.resources[reg.resources["initiative_id"] == initiative_id]
    desc = row["description"] if pd.notna(row["description"]) else "(no description)"
    parts = [
        html.H3(str(title), className="record-title"),
        html.Div(meta, className="muted"),
        html.Div([html.Span(_dates(row)), html.Span(" · "), source]),
        html.H4("Description"),
        html.P(str(desc), className="description"),
        html.H4(f"Partners ({len(partners)})"),
        html.Ul(partners) if partners else html.P("No partner recorded."),
        html.H4("Goals, targets and places"),
        html.P("Goals: " + (", ".join(_facet(reg, "initiative_goals", initiative_id, "goal"))
                            or "none")),
        html.P("Targets: " + (", ".join(_facet(reg, "initiative_targets", initiative_id,
                                               "target")) or "none")),
        html.P("Places: " + ("; ".join(place_text) or "none")),
        html.P("Themes: " + ("; ".join(_facet(reg, "initiative_themes", initiative_id, "theme"))
                             or "none")),
        html.H4(f"Deliverables ({len(deliv)})"),
        html.Ul([html.Li(f"{fmt(d['date']) or 'undated'}: {fmt(d['text'])}")
                 for _, d in deliv.iterrows()]) if len(deliv) else html.P("None recorded."),
        html.H4(f"Resources ({len(res)})"),
        html.Ul([html.Li(f"{r['type']}: {r['details'] if pd.notna(r['details']) else ''}")
                 for _, r in res.iterrows()]) if len(res) else html.P("None recorded."),
    ]
    return html.Div(parts, className="record", **{"data-initiative": str(initiative_id)})


def register(app: Dash, state: ExplorerState) -> None:
    """Callbacks: an initiative link opens the record drawer; "close" hides it."""
    from dash import ALL, Input, Output, ctx, no_update
    from dash.exceptions import PreventUpdate

    @app.callback(Output("record-body", "children"), Output("record-drawer", "style"),
                  Input({"type": "initiative-link", "where": ALL, "row": ALL, "id": ALL},
                        "n_clicks"),
                  Input("record-close", "n_clicks"), prevent_initial_call=True)
    def _record(clicks, close):
        trig = ctx.triggered_id
        if trig == "record-close":
            return no_update, {"display": "none"}
        if not isinstance(trig, dict) or not ctx.triggered[0]["value"]:
            raise PreventUpdate
        return initiative_record(state.base.reg, trig["id"]), {"display": "block"}
