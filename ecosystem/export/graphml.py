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

from pathlib import Path

from ecosystem.export.graph_files import AnyGraph, Column, GraphColumns, graph_columns
from ecosystem.export.xml_text import xml_attribute, xml_content

__all__ = ["GRAPHML_TYPES", "graphml_parts", "graphml_text", "write_graphml"]

#: GraphML ``attr.type`` of each column kind.
GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}

_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
         '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
         'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')


def _data(cols: dict[str, Column], first_key: int, n: int) -> list[str]:
    """Per row, its ``<data>`` elements."""
    parts = []
    for k, col in enumerate(cols.values(), start=first_key):
        text = col.text()
        done = dict(zip(uniq := list(dict.fromkeys(text)), xml_content(uniq)))
        pre = f'<data key="d{k}">'
        parts.append([pre + done[t] + "</data>" if p else "" for t, p in
                      zip(text, col.present.tolist())])
    return ["".join(t) for t in zip(*parts)] if parts else [""] * n


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


def graphml_parts(cols: GraphColumns) -> list[str]:
    """The GraphML document for ``cols`` as pieces, written one after another by
    :func:`write_graphml` (never the whole document, nor its encoded copy, at once).

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1)]); g.vs["name"] = ["a", "b"]; g.es["shared"] = [2]
    >>> parts = graphml_parts(graph_columns(g))
    >>> parts[0].startswith("<?xml"), parts[-1].strip().endswith("</graphml>")
    (True, True)
    """
    keys = [("node", name, col) for name, col in cols.nodes.items()]
    keys += [("edge", name, col) for name, col in cols.edges.items()]
    names = xml_attribute([name for _, name, _ in keys])
    declared = "".join(f'<key id="d{k}" for="{cls}" attr.name="{name}" '
                       f'attr.type="{GRAPHML_TYPES[col.kind]}"/>\n'
                       for k, ((cls, _, col), name) in enumerate(zip(keys, names)))
    ids = xml_attribute(cols.ids)
    nodes = [f'<node id="{i}">{d}</node>\n'
             for i, d in zip(ids, _data(cols.nodes, 0, len(ids)))]
    n_edges = len(cols.source)
    edges = [f'<edge source="{ids[s]}" target="{ids[t]}">{d}</edge>\n'
             for s, t, d in zip(cols.source.tolist(), cols.target.tolist(),
                                _data(cols.edges, len(cols.nodes), n_edges))]
    kind = "directed" if cols.directed else "undirected"
    return [_HEAD, declared, f'<graph edgedefault="{kind}">\n', *nodes, *edges,
            "</graph>\n</graphml>\n"]


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
        f.writelines(graphml_parts(cols))
    return path
