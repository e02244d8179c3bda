"""GraphML written from columns (no networkx, no element tree).

Each attribute is declared once as a ``<key>`` with its type (``long``,
``double``, ``boolean`` or ``string``); node ids are the graph's names, as
networkx writes them (igraph's own writer numbers the nodes ``n0``, ``n1``...
and keeps names in a ``name`` key, and writes integers as doubles, so it is not
used). An absent number is left out. Text is cleaned and escaped
(:mod:`ecosystem.export.xml_text`), so the file is well-formed whatever the
registry holds.

References
----------
Brandes, Eiglsperger, Lerner & Pich, "Graph Markup Language (GraphML)", in
Tamassia (ed.), Handbook of Graph Drawing and Visualization, CRC 2013;
GraphML primer, graphml.graphdrawing.org.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np

from ecosystem.export.graph_files import AnyGraph, Column, GraphColumns, graph_columns
from ecosystem.export.xml_text import xml_attribute, xml_content, xml_rows

__all__ = ["GRAPHML_TYPES", "graphml_parts", "graphml_text", "write_graphml"]

#: GraphML ``attr.type`` of each column kind.
GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}

_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
         '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
         'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')


def _data_parts(cols: dict[str, Column], first_key: int, lo: int, hi: int) -> list:
    """The ``<data>`` elements of rows ``lo`` to ``hi`` as
    :func:`~ecosystem.export.xml_text.xml_rows` parts: constant markup around each column's
    values when every value is present, else one string per row."""
    parts: list = []
    rows = [col.rows(lo, hi) for col in cols.values()]
    if not all(np.asarray(part.present).all() for part in rows):
        return [_data(cols, first_key, lo, hi)]
    for k, part in enumerate(rows, start=first_key):
        parts += [f'<data key="d{k}">', part.escaped(xml_content), "</data>"]
    return parts


def _data(cols: dict[str, Column], first_key: int, lo: int, hi: int) -> list[str]:
    """The ``<data>`` elements of rows ``lo`` to ``hi`` (each distinct value escaped once)."""
    parts = []
    for k, col in enumerate(cols.values(), start=first_key):
        part = col.rows(lo, hi)
        pre = f'<data key="d{k}">'
        parts.append([pre + t + "</data>" if p else "" for t, p in
                      zip(part.escaped(xml_content), np.asarray(part.present).tolist())])
    return ["".join(t) for t in zip(*parts)] if parts else [""] * (hi - lo)


def graphml_text(cols: GraphColumns) -> str:
    """The GraphML document for ``cols`` (:func:`graphml_parts` joined).

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1)]); g.vs["name"] = ["a", "b"]; g.es["shared"] = [2]
    >>> [line for line in graphml_text(graph_columns(g)).splitlines() if "<edge " in line]
    ['<edge source="a" target="b"><data key="d1">2</data></edge>']
    """
    return "".join(graphml_parts(cols))


def graphml_parts(cols: GraphColumns, block: int = 20_000) -> list[str]:
    """The GraphML document for ``cols`` as pieces of at most ``block`` nodes or edges, written
    one after another by :func:`write_graphml` (never the whole document, nor its encoded
    copy, at once).

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1)]); g.vs["name"] = ["a", "b"]; g.es["shared"] = [2]
    >>> parts = graphml_parts(graph_columns(g))
    >>> parts[0].startswith("<?xml"), parts[-1].strip().endswith("</graphml>")
    (True, True)
    """
    return list(_pieces(cols, block))


def _pieces(cols: GraphColumns, block: int = 20_000) -> Iterator[str]:
    """:func:`graphml_parts` one piece at a time: only one block's strings are held."""
    keys = [("node", name, col) for name, col in cols.nodes.items()]
    keys += [("edge", name, col) for name, col in cols.edges.items()]
    names = xml_attribute([name for _, name, _ in keys])
    declared = "".join(f'<key id="d{k}" for="{cls}" attr.name="{name}" '
                       f'attr.type="{GRAPHML_TYPES[col.kind]}"/>\n'
                       for k, ((cls, _, col), name) in enumerate(zip(keys, names)))
    kind = "directed" if cols.directed else "undirected"
    yield _HEAD + declared + f'<graph edgedefault="{kind}">\n'
    ids = xml_attribute(cols.ids)
    for lo in range(0, len(ids), block):
        hi = min(lo + block, len(ids))
        yield xml_rows(['<node id="', ids[lo:hi], '">', *_data_parts(cols.nodes, 0, lo, hi),
                        "</node>\n"])
    n_edges = len(cols.source)
    first = len(cols.nodes)
    names = np.array(ids, dtype=object)
    for lo in range(0, n_edges, block):
        hi = min(lo + block, n_edges)
        yield xml_rows(['<edge source="', names[cols.source[lo:hi]].tolist(), '" target="',
                        names[cols.target[lo:hi]].tolist(), '">',
                        *_data_parts(cols.edges, first, lo, hi), "</edge>\n"])
    yield "</graph>\n</graphml>\n"


def write_graphml(g: AnyGraph | GraphColumns, path: str | Path) -> Path:
    """Write ``g`` (igraph, networkx or :class:`GraphColumns`) as GraphML.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import networkx as nx
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_graphml(nx.path_graph(3), Path(folder) / "path.graphml")
    ...     print(sorted(nx.read_graphml(path).nodes))
    ['0', '1', '2']
    """
    cols = g if isinstance(g, GraphColumns) else graph_columns(g)
    path = Path(path)
    with path.open("w", encoding="utf-8") as f:
        f.writelines(_pieces(cols))
    return path
