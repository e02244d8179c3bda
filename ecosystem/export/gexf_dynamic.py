"""Dynamic GEXF 1.3: the actor network over time, for Gephi's timeline.

The graph is written with ``mode="dynamic"``, ``timeformat="date"`` and
``timerepresentation="interval"``; every node and edge carries a ``<spells>``
element with one ``<spell start=… end=…/>`` per run of consecutive periods it
is present in (dates inclusive, ISO ``YYYY-MM-DD``), so Gephi's timeline plays
actors and ties entering and leaving. An edge's spells lie within both of its
ends' (a tie exists only while both actors are active). Node and edge
attributes are static ``<attvalue>`` elements declared once with their type;
``periods`` (a string attribute) lists the labels of the periods present in.
Text is cleaned and escaped (:mod:`ecosystem.export.xml_text`).

Structure follows the GEXF 1.3 schema (gexf.xsd and dynamics.xsd, gexf.net):
``gexf`` (version 1.3) → ``meta``? → ``graph`` (``defaultedgetype``, ``mode``,
``timeformat``, ``timerepresentation``, ``start``, ``end``) → ``attributes``* →
``nodes`` → ``edges``; ``spells`` holds at least one ``spell``.

References
----------
GEXF 1.3 primer and schema, gexf.net (Gephi consortium, 2017); Gephi dynamic
graphs ("Timeline"), gephi.org.

Examples
--------
>>> import igraph as ig
>>> import pandas as pd
>>> from ecosystem.export.graph_files import graph_columns, with_spells
>>> g = ig.Graph([(0, 1)]); g.vs["name"] = ["a", "b"]
>>> nodes = pd.DataFrame({"actor_id": ["a", "b"], "first": [0, 1], "last": [1, 1],
...                       "start": ["2020-01-01", "2021-01-01"],
...                       "end": ["2021-12-31", "2021-12-31"]})
>>> edges = pd.DataFrame({"source": ["a"], "target": ["b"], "first": [1], "last": [1],
...                       "start": ["2021-01-01"], "end": ["2021-12-31"]})
>>> text = dynamic_gexf_text(with_spells(graph_columns(g), nodes, edges, ["2020", "2021"]))
>>> 'mode="dynamic"' in text, text.count("<spell "), text.count("</spells></edge>")
(True, 3, 1)
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ecosystem.export.graph_files import AnyGraph, Column, GraphColumns, graph_columns, with_spells
from ecosystem.export.xml_text import xml_attribute, xml_rows

if TYPE_CHECKING:
    from ecosystem.measures.time import Timeline

__all__ = ["dynamic_gexf_parts", "dynamic_gexf_text", "timeline_columns", "write_dynamic_gexf"]

_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}

_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
         '<gexf xmlns="http://gexf.net/1.3" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n'
         '  <meta lastmodifieddate="{date}">\n    <creator>ecosystem</creator>\n'
         '    <description>{description}</description>\n  </meta>\n'
         '  <graph defaultedgetype="{kind}" mode="dynamic" timeformat="date" '
         'timerepresentation="interval" start="{start}" end="{end}">\n')


def _columns(cols: dict[str, Column], tags: list[list[str]]) -> dict[str, Column]:
    """The attribute columns to write, with ``periods`` (the period labels joined by "|")."""
    out = dict(cols)
    joined: dict[tuple, str] = {}
    text = []
    for t in tags:
        key = tuple(t)
        if key not in joined:
            joined[key] = "|".join(dict.fromkeys(t))
        text.append(joined[key])
    out["periods"] = Column(str, text, np.ones(len(text), bool))
    return out


def _declare(cols: dict[str, Column], cls: str, first: int) -> str:
    titles = xml_attribute(list(cols))
    lines = "".join(f'      <attribute id="{k}" title="{t}" type="{_TYPES[c.kind]}"/>\n'
                    for k, (t, c) in enumerate(zip(titles, cols.values()), start=first))
    return f'    <attributes class="{cls}" mode="static">\n{lines}    </attributes>\n'


def _attvalues(cols: dict[str, Column], first: int, lo: int, hi: int) -> list[str]:
    """The ``<attvalues>`` blocks of rows ``lo`` to ``hi`` (empty when no value is present);
    only these rows' values are written out as text."""
    parts = []
    for k, col in enumerate(cols.values(), start=first):
        part = col.rows(lo, hi)
        text = part.text() if col.kind in (int, float, bool) else xml_attribute(part.text())
        pre = f'<attvalue for="{k}" value="'
        present = np.asarray(part.present).tolist()
        parts.append([pre + t + '"/>' if p else "" for t, p in zip(text, present)])
    rows = ["".join(t) for t in zip(*parts)] if parts else [""] * (hi - lo)
    return [f"<attvalues>{r}</attvalues>" if r else "" for r in rows]


def _attvalue_parts(cols: dict[str, Column], first: int, lo: int, hi: int) -> list:
    """:func:`_attvalues` as :func:`~ecosystem.export.xml_text.xml_rows` parts: constant
    markup around each column's values when all of these rows have every value."""
    rows = [col.rows(lo, hi) for col in cols.values()]
    if not rows or not all(np.asarray(part.present).all() for part in rows):
        return [_attvalues(cols, first, lo, hi)]
    parts: list = ["<attvalues>"]
    for k, part in enumerate(rows, start=first):
        text = part.text() if part.kind in (int, float, bool) else xml_attribute(part.text())
        parts += [f'<attvalue for="{k}" value="', text, '"/>']
    return parts + ["</attvalues>"]


def _spells(spells: list[list[tuple[str, str]]]) -> list[str]:
    """Each element's ``<spells>`` block (each distinct list of spells written once)."""
    done: dict[tuple, str] = {}
    out = []
    for sp in spells:
        key = tuple(sp)
        text = done.get(key)
        if text is None:
            text = done[key] = ("<spells>" + "".join(f'<spell start="{a}" end="{b}"/>'
                                                     for a, b in sp) + "</spells>")
        out.append(text)
    return out


def timeline_columns(g: AnyGraph | GraphColumns, tl: Timeline) -> GraphColumns:
    """The timed part of ``g`` (the actor projection) with the spells of ``tl``.

    ``tl``: :func:`ecosystem.measures.time.timeline` (``Analysis.timeline``); see
    :func:`ecosystem.export.graph_files.with_spells`.

    Examples
    --------
    >>> import pandas as pd
    >>> from ecosystem.graphs import actor_projection
    >>> from ecosystem.measures.time import timeline
    >>> from ecosystem.model import Registry
    >>> reg = Registry.from_frames(
    ...     actors=pd.DataFrame({"actor_id": list("abc"), "name": list("ABC"),
    ...                          "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2"], "registry": "r",
    ...                               "record_id": ["1", "2"], "kind": "partnership",
    ...                               "start": ["2018-01-01", None], "end": "2019-12-31"}),
    ...     ties=pd.DataFrame({"initiative_id": ["i1", "i1", "i2"], "actor_id": ["a", "b", "c"],
    ...                        "role": "partner", "registry": "r", "record_id": "1"}))
    >>> cols = timeline_columns(actor_projection(reg), timeline(reg, as_of="2019-12-31"))
    >>> cols.ids, cols.node_tags
    (['a', 'b'], [['2018', '2019'], ['2018', '2019']])
    """
    cols = g if isinstance(g, GraphColumns) else graph_columns(g)
    return with_spells(cols, tl.actor_spells, tl.tie_spells,
                       tl.table["period"].astype(str).tolist())


def dynamic_gexf_text(cols: GraphColumns, *, description: str = "") -> str:
    """The dynamic GEXF 1.3 document of ``cols`` (from :func:`ecosystem.export.graph_files.with_spells`).

    Raises
    ------
    ValueError
        When ``cols`` carries no spells (a static graph: use
        :func:`ecosystem.export.gexf.write_gexf`).
    """
    return "".join(dynamic_gexf_parts(cols, description=description))


def dynamic_gexf_parts(cols: GraphColumns, *, description: str = "",
                       block: int = 20_000) -> Iterator[str]:
    """The dynamic GEXF 1.3 document of ``cols`` in pieces of at most ``block`` nodes or edges,
    so that a file writer never holds the whole document.

    Raises
    ------
    ValueError
        As :func:`dynamic_gexf_text`.

    Examples
    --------
    >>> import igraph as ig
    >>> import pandas as pd
    >>> from ecosystem.export.graph_files import graph_columns, with_spells
    >>> g = ig.Graph(3); g.vs["name"] = ["a", "b", "c"]
    >>> nodes = pd.DataFrame({"actor_id": list("abc"), "first": 0, "last": 0,
    ...                       "start": "2020-01-01", "end": "2020-12-31"})
    >>> edges = pd.DataFrame(columns=["source", "target", "first", "last", "start", "end"])
    >>> parts = list(dynamic_gexf_parts(with_spells(graph_columns(g), nodes, edges, ["2020"]),
    ...                                 block=2))
    >>> [p.count("<node ") for p in parts if "<node " in p]
    [2, 1]
    """
    if cols.node_spells is None or cols.edge_spells is None:
        raise ValueError("the graph has no spells: build it with "
                         "ecosystem.export.graph_files.with_spells")
    node_cols = _columns({k: c for k, c in cols.nodes.items() if k != "label"},
                         cols.node_tags or [[] for _ in cols.ids])
    weight = cols.edges.get("weight")
    if weight is not None and (weight.kind not in (int, float) or not all(weight.present)):
        weight = None
    edge_cols = _columns({k: c for k, c in cols.edges.items() if not (k == "weight" and weight)},
                         cols.edge_tags or [[] for _ in cols.edge_spells])
    ids = xml_attribute(cols.ids)
    labels = xml_attribute(cols.nodes["label"].text()) if "label" in cols.nodes else ids
    days = [d for sp in cols.node_spells for pair in sp for d in pair]
    head = _HEAD.format(date=dt.date.today().isoformat(),
                        description=xml_attribute([description])[0],
                        kind="directed" if cols.directed else "undirected",
                        start=min(days) if days else "", end=max(days) if days else "")
    if not days:
        head = head.replace(' start="" end=""', "")
    yield head + _declare(node_cols, "node", 0) + _declare(edge_cols, "edge", len(node_cols))
    yield f'    <nodes count="{len(ids)}">\n'
    node_spells = _spells(cols.node_spells)
    for lo in range(0, len(ids), block):
        hi = min(lo + block, len(ids))
        yield xml_rows(['      <node id="', ids[lo:hi], '" label="', labels[lo:hi], '">',
                        *_attvalue_parts(node_cols, 0, lo, hi), node_spells[lo:hi],
                        "</node>\n"])
    m = len(cols.source)
    yield f'    </nodes>\n    <edges count="{m}">\n'
    edge_spells = _spells(cols.edge_spells)
    names = np.array(ids, dtype=object)
    for lo in range(0, m, block):
        hi = min(lo + block, m)
        weights = [' weight="', weight.rows(lo, hi).text(), '"'] if weight is not None else []
        yield xml_rows(['      <edge id="', list(map(str, range(lo, hi))), '" source="',
                        names[cols.source[lo:hi]].tolist(), '" target="',
                        names[cols.target[lo:hi]].tolist(), '"', *weights, ">",
                        *_attvalue_parts(edge_cols, len(node_cols), lo, hi),
                        edge_spells[lo:hi], "</edge>\n"])
    yield "    </edges>\n  </graph>\n</gexf>\n"


def write_dynamic_gexf(cols: GraphColumns, path: str | Path, *, description: str = "") -> Path:
    """Write ``cols`` (with spells) as dynamic GEXF 1.3 (:func:`dynamic_gexf_text`).

    Examples
    --------
    >>> import tempfile
    >>> import igraph as ig
    >>> import networkx as nx
    >>> import pandas as pd
    >>> from ecosystem.export.graph_files import graph_columns, with_spells
    >>> g = ig.Graph(2); g.vs["name"] = ["a", "b"]
    >>> nodes = pd.DataFrame({"actor_id": ["a"], "first": [0], "last": [0],
    ...                       "start": ["2020-01-01"], "end": ["2020-12-31"]})
    >>> edges = pd.DataFrame(columns=["source", "target", "first", "last", "start", "end"])
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_dynamic_gexf(with_spells(graph_columns(g), nodes, edges, ["2020"]),
    ...                               Path(folder) / "timeline.gexf")
    ...     h = nx.read_gexf(path)
    >>> h.graph["mode"], h.nodes["a"]["spells"]
    ('dynamic', [('2020-01-01', '2020-12-31')])
    """
    path = Path(path)
    with path.open("w", encoding="utf-8") as f:
        f.writelines(dynamic_gexf_parts(cols, description=description))
    return path
