"""GEXF 1.3 for Gephi, written from columns (no networkx, no element tree).

Node and edge elements are built as strings from :class:`GraphColumns`: the
node label and the edge weight are XML attributes of their element, every
other attribute an ``<attvalue>`` declared once with its type (``long``,
``double``, ``boolean`` or ``string``); an absent number is left out. Text is
cleaned and escaped (:mod:`ecosystem.export.xml_text`), so the file is
well-formed whatever the registry holds.

References
----------
GEXF 1.3 primer and schema, gexf.net (Gephi consortium, 2017).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from ecosystem.export.graph_files import AnyGraph, Column, GraphColumns, graph_columns
from ecosystem.export.xml_text import xml_attribute, xml_rows

__all__ = ["GEXF_TYPES", "gexf_parts", "gexf_text", "write_gexf"]

#: GEXF attribute type of each column kind.
GEXF_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}

_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
         '<gexf xmlns="http://gexf.net/1.3" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n'
         '  <meta lastmodifieddate="{date}">\n    <creator>ecosystem</creator>\n  </meta>\n'
         '  <graph defaultedgetype="{kind}" mode="static">\n')


def _rows(cols: dict[str, Column], lo: int, hi: int) -> dict[str, Column]:
    """Rows ``lo`` to ``hi`` of every column."""
    return {k: c.rows(lo, hi) for k, c in cols.items()}


def _attvalue_parts(cols: dict[str, Column], first_id: int, n: int) -> list:
    """The ``<attvalues>`` blocks of the rows as :func:`~ecosystem.export.xml_text.xml_rows`
    parts: constant markup around each column's values when every value is present, else
    one string per row (:func:`_attvalues`)."""
    if not all(np.asarray(c.present).all() for c in cols.values()):
        return [_attvalues(cols, first_id, n)]
    if not cols:
        return []
    parts: list = ["<attvalues>"]
    for k, col in enumerate(cols.values(), start=first_id):
        parts += [f'<attvalue for="{k}" value="', col.escaped(xml_attribute), '"/>']
    return parts + ["</attvalues>"]


def _attvalues(cols: dict[str, Column], first_id: int, n: int) -> list[str]:
    """Per row, its ``<attvalues>`` block (empty when no value is present)."""
    parts = []
    for k, col in enumerate(cols.values(), start=first_id):
        pre = f'<attvalue for="{k}" value="'
        parts.append([pre + t + '"/>' if p else "" for t, p in
                      zip(col.escaped(xml_attribute), np.asarray(col.present).tolist())])
    if not parts:
        return [""] * n
    rows = ["".join(t) for t in zip(*parts)]
    return [f"<attvalues>{r}</attvalues>" if r else "" for r in rows]


def _declare(cols: dict[str, Column], cls: str, first_id: int) -> str:
    if not cols:
        return ""
    titles = xml_attribute(list(cols))
    lines = "".join(f'      <attribute id="{k}" title="{t}" type="{GEXF_TYPES[c.kind]}"/>\n'
                    for k, (t, c) in enumerate(zip(titles, cols.values()), start=first_id))
    return f'    <attributes class="{cls}" mode="static">\n{lines}    </attributes>\n'


def gexf_text(cols: GraphColumns) -> str:
    """The GEXF 1.3 document for ``cols`` (:func:`gexf_parts` joined).

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1)]); g.vs["name"] = ["a", "b"]; g.es["weight"] = [0.5]
    >>> text = gexf_text(graph_columns(g))
    >>> [line.strip() for line in text.splitlines() if "<edge " in line]
    ['<edge id="0" source="a" target="b" weight="0.5"></edge>']
    """
    return "".join(gexf_parts(cols))


def gexf_parts(cols: GraphColumns, block: int = 20_000) -> list[str]:
    """The GEXF 1.3 document for ``cols`` as pieces of at most ``block`` nodes or edges, to be
    written one after another (a file writer never holds the whole document, nor its encoded
    copy).

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1)]); g.vs["name"] = ["a", "b"]
    >>> parts = gexf_parts(graph_columns(g))
    >>> parts[0].startswith("<?xml"), parts[-1].strip().endswith("</gexf>")
    (True, True)
    """
    return list(_pieces(cols, block))


def _pieces(cols: GraphColumns, block: int = 20_000) -> Iterator[str]:
    """:func:`gexf_parts` one piece at a time: only one block's strings are held."""
    node_cols = {k: c for k, c in cols.nodes.items() if k != "label"}
    weight = cols.edges.get("weight")
    if weight is not None and weight.kind not in (int, float):
        weight = None
    edge_cols = {k: c for k, c in cols.edges.items() if not (k == "weight" and weight)}
    ids = xml_attribute(cols.ids)
    labels = cols.nodes["label"].escaped(xml_attribute)
    head = _HEAD.format(date=dt.date.today().isoformat(),
                        kind="directed" if cols.directed else "undirected")
    yield head + _declare(node_cols, "node", 0) + _declare(edge_cols, "edge", len(node_cols))
    yield "    <nodes>\n"
    for lo in range(0, len(ids), block):
        hi = min(lo + block, len(ids))
        yield xml_rows(['      <node id="', ids[lo:hi], '" label="', labels[lo:hi], '">',
                        *_attvalue_parts(_rows(node_cols, lo, hi), 0, hi - lo), "</node>\n"])
    yield "    </nodes>\n    <edges>\n"
    n_edges = len(cols.source)
    names = np.array(ids, dtype=object)
    for lo in range(0, n_edges, block):
        hi = min(lo + block, n_edges)
        if weight is None:
            weights = []
        else:
            part = weight.rows(lo, hi)
            weights = ([' weight="', part.text(), '"'] if np.asarray(part.present).all() else
                       [[f' weight="{w}"' if p else "" for w, p in
                         zip(part.text(), np.asarray(part.present).tolist())]])
        yield xml_rows(['      <edge id="', list(map(str, range(lo, hi))), '" source="',
                        names[cols.source[lo:hi]].tolist(), '" target="',
                        names[cols.target[lo:hi]].tolist(), '"', *weights, ">",
                        *_attvalue_parts(_rows(edge_cols, lo, hi), len(node_cols), hi - lo),
                        "</edge>\n"])
    yield "    </edges>\n  </graph>\n</gexf>\n"


def write_gexf(g: AnyGraph | GraphColumns, path: str | Path) -> Path:
    """Write ``g`` (igraph, networkx or :class:`GraphColumns`) as GEXF 1.3 for Gephi.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import igraph as ig
    >>> import networkx as nx
    >>> g = ig.Graph([(0, 1)])
    >>> g.vs["name"] = ["a", "b"]
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_gexf(g, Path(folder) / "actors.gexf")
    ...     print(path.name, 'version="1.3"' in path.read_text(), sorted(nx.read_gexf(path)))
    actors.gexf True ['a', 'b']
    """
    cols = g if isinstance(g, GraphColumns) else graph_columns(g)
    path = Path(path)
    with path.open("w", encoding="utf-8") as f:
        f.writelines(_pieces(cols))
    return path
