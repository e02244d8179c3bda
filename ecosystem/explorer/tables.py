"""On-screen tables, the actor and initiative links inside them, and their CSV copies.

Registry text is untrusted: every value goes into the page as the text child
of a Dash component, which React escapes; nothing here builds HTML from
strings. A table shown on screen keeps its full DataFrame in a small
in-memory store under a random key carried by its "CSV" button, so the CSV a
person downloads is exactly the table they see (all its rows, also those
beyond the ones drawn).
"""
from __future__ import annotations

import math
import threading
import uuid
from collections import OrderedDict

import numpy as np
import pandas as pd
from dash import html

from ecosystem.views.formatting import count, number
from ecosystem.views.labels import actor_type_label

__all__ = [
    "REMEMBERED_TABLES", "remember", "remembered", "fmt", "link", "actor_link",
    "initiative_link", "csv_button", "data_table", "message",
]

#: Tables remembered for CSV export (oldest forgotten first).
REMEMBERED_TABLES = 64

_frames: OrderedDict = OrderedDict()
_frames_lock = threading.Lock()


def remember(frame: pd.DataFrame) -> str:
    """Keep ``frame`` for a CSV download; return its key."""
    key = uuid.uuid4().hex
    with _frames_lock:
        _frames[key] = frame
        while len(_frames) > REMEMBERED_TABLES:
            _frames.popitem(last=False)
    return key


def remembered(key: str) -> pd.DataFrame | None:
    """The frame kept under ``key`` (None when forgotten or unknown)."""
    with _frames_lock:
        return _frames.get(key)


def fmt(value: object) -> str:
    """A cell value as text: thousands separators, 3 significant decimals, '' for missing.

    Examples
    --------
    >>> fmt(1234567), fmt(0.123456), fmt(None), fmt(True), fmt(pd.Timestamp("2026-03-26"))
    ('1,234,567', '0.123', '', 'yes', '2026-03-26')
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, np.integer)):
        return count(int(value))
    if isinstance(value, (float, np.floating)):
        value = float(value)
        if math.isnan(value):
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return count(value)
        return number(value)  # 3 significant figures, never e-notation
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def link(kind: str, key: object, label: object, where: str, row: int = 0,
         hint: str = "") -> html.Button:
    """A button styled as a link; its id ``{"type": kind, "where", "row", "id": key}``
    lets one callback react to every link of a kind (``actor-link`` opens a card,
    ``initiative-link`` a record, ``cluster-link`` a duplicate cluster)."""
    text = fmt(label) if label is not None and not (isinstance(label, float)
                                                     and math.isnan(label)) else ""
    return html.Button(text or str(key), id={"type": kind, "where": where, "row": row,
                                             "id": str(key)},
                       className="link", n_clicks=0, title=hint or None)


def actor_link(actor_id: str, label: object, where: str, row: int = 0) -> html.Button:
    """A link that opens the actor's card."""
    return link("actor-link", actor_id, label, where, row, "open this actor's card")


def initiative_link(initiative_id: str, label: object, where: str,
                    row: int = 0) -> html.Button:
    """A link that opens the initiative's record."""
    return link("initiative-link", initiative_id, label, where, row,
                "read this initiative's record")


def csv_button(name: str, frame: pd.DataFrame) -> html.Button:
    """A "CSV" button that downloads ``frame`` as ``<name>.csv``."""
    return html.Button("CSV", id={"type": "csv", "table": name, "key": remember(frame)},
                       className="csv", n_clicks=0,
                       title=f"download this table ({len(frame):,} rows) as CSV")


def data_table(frame: pd.DataFrame, name: str, *, caption: str | None = None,
               columns: dict | None = None, links: dict | None = None,
               max_rows: int = 25, max_chars: int = 220) -> html.Div:
    """An HTML table of ``frame`` with a caption, a CSV button and a row-count note.

    Parameters
    ----------
    frame : DataFrame
        The table; the CSV holds it whole.
    name : str
        File name of the CSV (``name.csv``); also the block's ``data-table``
        attribute.
    columns : dict, optional
        Column → heading, in the order shown (default: every column).
    links : dict, optional
        Column → (link kind, key column): the column's cells become links,
        e.g. ``{"name": ("actor-link", "actor_id")}``.
    max_rows : int
        Rows drawn; the note says how many there are in all.
    max_chars : int
        Longer text is cut on screen (the whole text shows on hover and is in
        the CSV).

    Examples
    --------
    >>> hubs = pd.DataFrame({"actor_id": ["a", "b"], "name": ["Reef Trust", "Ocean Lab"],
    ...                      "initiatives": [12, 3]})
    >>> block = data_table(hubs, "hubs", links={"name": ("actor-link", "actor_id")},
    ...                    max_rows=1)
    >>> head, table = block.children
    >>> head.children[0].children
    'showing 1 of 2 rows; the CSV has all of them'
    >>> name = table.children[1].children[0].children[1].children  # row 0, column "name"
    >>> name.children, name.id["type"], name.id["id"]
    ('Reef Trust', 'actor-link', 'a')
    >>> remembered(head.children[1].id["key"]).equals(hubs)  # the CSV button's table
    True
    """
    columns = columns or {c: c.replace("_", " ") for c in frame.columns}
    links = links or {}
    head = html.Tr([html.Th(h) for h in columns.values()])
    body = []
    for i, (_, r) in enumerate(frame.head(max_rows).iterrows()):
        cells = []
        for c in columns:
            v = r.get(c)
            if c in links and pd.notna(r.get(links[c][1])):
                kind, key = links[c]
                cells.append(html.Td(link(kind, r[key], v, name, i)))
            else:
                num = isinstance(v, (int, float, np.number)) and not isinstance(v, bool)
                # actor types read as labels on screen; the CSV keeps the codes
                text = actor_type_label(v) if c == "actor_type" else fmt(v)
                if len(text) > max_chars:
                    cells.append(html.Td(text[:max_chars].rstrip() + " …", title=text))
                else:
                    cells.append(html.Td(text, className="num" if num else None))
        body.append(html.Tr(cells))
    note = (f"{len(frame):,} rows" if len(frame) <= max_rows
            else f"showing {max_rows:,} of {len(frame):,} rows; the CSV has all of them")
    top = [html.Span(caption, className="caption")] if caption else []
    top += [html.Span(note, className="rows-note"), csv_button(name, frame)]
    return html.Div([html.Div(top, className="table-head"),
                     html.Table([html.Thead(head), html.Tbody(body)], className="data")],
                    className="table-block", **{"data-table": name})


def message(text: str, kind: str = "note") -> html.Div:
    """A short line of text in place of a panel's content (why there is nothing to show)."""
    return html.Div(str(text), className=f"message {kind}")
