"""Kumu JSON blueprints written from columns with orjson.

References
----------
Kumu blueprints, docs.kumu.io/guides/import/blueprints.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import orjson

from ecosystem.export.graph_files import AnyGraph, GraphColumns, graph_columns

__all__ = ["kumu_blueprint", "write_kumu"]


def _records(lead: dict[str, list], cols: dict, n: int, skip: tuple[str, ...]) -> list[dict]:
    """Per row, the ``lead`` values then its present attributes other than ``skip``.

    A lead value of ``None`` is left out (an element without a type).
    """
    kept = [(k, c.values, c.present.tolist()) for k, c in cols.items() if k not in skip]
    names = [*lead, *(k for k, _, _ in kept)]
    optional = [k for k, v in lead.items() if None in v]
    if all(all(p) for _, _, p in kept) and not optional:  # every value present: one zip
        return [dict(zip(names, row)) for row in zip(*lead.values(), *(v for _, v, _ in kept))]
    out = []
    for i in range(n):
        row = {k: v[i] for k, v in lead.items() if v[i] is not None}
        row.update((k, v[i]) for k, v, p in kept if p[i])
        out.append(row)
    return out


def kumu_blueprint(cols: GraphColumns, *, element_type: str = "actor_type",
                   connection_type: str | None = None) -> dict:
    """The blueprint ``{"elements": [...], "connections": [...]}`` for ``cols``.

    Kumu links connections to elements by label, so labels are made unique
    (a repeated name gets its id in brackets). Each element keeps its id and
    attributes; ``type`` comes from the node attribute ``element_type``.

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1)]); g.vs["name"] = ["a", "b"]; g.vs["actor_type"] = ["ngo", None]
    >>> kumu_blueprint(graph_columns(g))["elements"]
    [{'label': 'a', 'id': 'a', 'type': 'ngo'}, {'label': 'b', 'id': 'b'}]
    """
    n = len(cols.ids)
    label = cols.nodes["label"]
    base = [v if p and v else i for v, p, i in zip(label.values, label.present.tolist(), cols.ids)]
    seen = Counter(base)
    labels = [b if seen[b] == 1 else f"{b} [{i}]" for b, i in zip(base, cols.ids)]
    kind = cols.nodes.get(element_type)
    types = ([v if p else None for v, p in zip(kind.values, kind.present.tolist())]
             if kind is not None else [None] * n)
    elements = _records({"label": labels, "id": cols.ids, "type": [t or None for t in types]},
                        cols.nodes, n, ("label", element_type))
    m = len(cols.source)
    direction = "directed" if cols.directed else "undirected"
    ctype = cols.edges.get(connection_type) if connection_type else None
    ctypes = ([v if p else None for v, p in zip(ctype.values, ctype.present.tolist())]
              if ctype is not None else [None] * m)
    ends = {"from": [labels[s] for s in cols.source.tolist()],
            "to": [labels[t] for t in cols.target.tolist()], "direction": [direction] * m}
    if ctype is not None:
        ends["type"] = [c or None for c in ctypes]
    connections = _records(ends, cols.edges, m, (connection_type,) if connection_type else ())
    return {"elements": elements, "connections": connections}


def write_kumu(g: AnyGraph | GraphColumns, path: str | Path, *, element_type: str = "actor_type",
               connection_type: str | None = None) -> Path:
    """Write a Kumu JSON blueprint (:func:`kumu_blueprint`) of ``g``.

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
    cols = g if isinstance(g, GraphColumns) else graph_columns(g)
    path = Path(path)
    path.write_bytes(orjson.dumps(kumu_blueprint(cols, element_type=element_type,
                                                 connection_type=connection_type)))
    return path
