"""Graph files for Gephi (GEXF), other tools (GraphML) and Kumu (JSON blueprint).

networkx's GEXF writer fails on ``None`` values and on an attribute whose
values mix types (GEXF declares one type per attribute). Before writing, every
node and edge attribute is coerced to one type: numeric when all its non-null
values are numbers (missing values are then left out, which GEXF allows),
otherwise string with missing values written as the empty string.

References
----------
GEXF 1.2 draft primer, gexf.net; GraphML primer, graphml.graphdrawing.org;
Kumu blueprints, docs.kumu.io/guides/import/blueprints.
"""
from __future__ import annotations

import json
import math
import numbers
from collections.abc import Iterable
from pathlib import Path

import igraph as ig
import networkx as nx
import pandas as pd

__all__ = ["graph_for_export", "write_gexf", "write_graphml", "write_kumu"]

#: A graph to export: igraph, or networkx (possibly already :func:`graph_for_export`-ed).
AnyGraph = ig.Graph | nx.Graph


def _missing(v: object) -> bool:
    return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v))


def _coerce(items: Iterable[dict]) -> None:
    """Coerce the attribute dicts in ``items`` in place to one type per key."""
    items = list(items)
    keys = {k for d in items for k in d}
    for k in keys:
        values = [d.get(k) for d in items]
        present = [v for v in values if not _missing(v)]
        if present and all(isinstance(v, bool) for v in present):
            kind = bool
        elif present and all(isinstance(v, numbers.Integral) and not isinstance(v, bool)
                             for v in present):
            kind = int
        elif present and all(isinstance(v, numbers.Real) and not isinstance(v, bool)
                             for v in present):
            kind = float
        else:
            kind = str
        for d in items:
            v = d.get(k)
            if _missing(v):
                if kind is str:
                    d[k] = ""
                else:
                    d.pop(k, None)
            else:
                d[k] = kind(v) if kind is not str else str(v)


def graph_for_export(g: AnyGraph) -> nx.Graph:
    """A networkx copy of ``g`` (igraph or networkx) with export-safe attributes.

    igraph vertices are keyed by their ``name`` attribute; ``label`` defaults
    to the name. A graph this function already returned is passed through, so
    several files can be written from one conversion.

    Examples
    --------
    A missing country becomes the empty string, so the attribute stays a
    string in GEXF:

    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1)])
    >>> g.vs["name"] = ["a", "b"]
    >>> g.vs["country"] = ["KEN", None]
    >>> list(graph_for_export(g).nodes(data=True))
    [('a', {'country': 'KEN', 'label': 'a'}), ('b', {'country': '', 'label': 'b'})]
    """
    if isinstance(g, nx.Graph) and g.graph.get("export_ready"):
        return g
    if isinstance(g, ig.Graph):
        h = nx.DiGraph() if g.is_directed() else nx.Graph()
        names = g.vs["name"] if "name" in g.vs.attributes() else list(range(g.vcount()))
        for v in g.vs:
            attrs = {k: v[k] for k in g.vs.attributes() if k != "name"}
            h.add_node(str(names[v.index]), **attrs)
        for e in g.es:
            h.add_edge(str(names[e.source]), str(names[e.target]),
                       **{k: e[k] for k in g.es.attributes()})
    else:
        h = g.copy()
    for n, d in h.nodes(data=True):
        if _missing(d.get("label")):
            d["label"] = str(n)
    _coerce(d for _, d in h.nodes(data=True))
    _coerce(d for *_, d in h.edges(data=True))
    h.graph["export_ready"] = True
    return h


def write_gexf(g: AnyGraph, path: str | Path) -> Path:
    """Write ``g`` as GEXF 1.2 for Gephi.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1)])
    >>> g.vs["name"] = ["a", "b"]
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_gexf(g, Path(folder) / "actors.gexf")
    ...     print(path.name, 'version="1.2"' in path.read_text())
    actors.gexf True
    """
    path = Path(path)
    nx.write_gexf(graph_for_export(g), path, version="1.2draft")
    return path


def write_graphml(g: AnyGraph, path: str | Path) -> Path:
    """Write ``g`` as GraphML.

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
    path = Path(path)
    nx.write_graphml(graph_for_export(g), path)
    return path


def write_kumu(g: AnyGraph, path: str | Path, *, element_type: str = "actor_type",
               connection_type: str | None = None) -> Path:
    """Write a Kumu JSON blueprint: ``{"elements": [...], "connections": [...]}``.

    Kumu links connections to elements by label, so labels are made unique
    (a repeated name gets its id in brackets). Each element keeps its id and
    attributes; ``type`` comes from the node attribute ``element_type``.

    Examples
    --------
    Two actors named "Fund" get their ids appended:

    >>> import json
    >>> import tempfile
    >>> from pathlib import Path
    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1)])
    >>> g.vs["name"] = ["f1", "f2"]
    >>> g.vs["label"] = ["Fund", "Fund"]
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     blueprint = json.loads(write_kumu(g, Path(folder) / "kumu.json").read_text())
    >>> [e["label"] for e in blueprint["elements"]], blueprint["connections"][0]["from"]
    (['Fund [f1]', 'Fund [f2]'], 'Fund [f1]')
    """
    h = graph_for_export(g)
    label_of, seen = {}, {}
    for n, d in h.nodes(data=True):
        label = d.get("label") or str(n)
        seen[label] = seen.get(label, 0) + 1
        label_of[n] = label
    elements = []
    for n, d in h.nodes(data=True):
        label = label_of[n] if seen[label_of[n]] == 1 else f"{label_of[n]} [{n}]"
        label_of[n] = label
        el = {"label": label, "id": str(n)}
        if d.get(element_type):
            el["type"] = d[element_type]
        el.update({k: v for k, v in d.items() if k not in ("label", element_type)})
        elements.append(el)
    connections = []
    for a, b, d in h.edges(data=True):
        c = {"from": label_of[a], "to": label_of[b],
             "direction": "directed" if h.is_directed() else "undirected"}
        if connection_type and d.get(connection_type):
            c["type"] = d[connection_type]
        c.update({k: v for k, v in d.items() if k != connection_type})
        connections.append(c)
    path = Path(path)
    path.write_text(json.dumps({"elements": elements, "connections": connections},
                               ensure_ascii=False), encoding="utf-8")
    return path
