"""Kumu JSON blueprints written from columns with orjson.

Kumu maps slow down past a few thousand connections, so a blueprint holds at
most :data:`MAX_CONNECTIONS` (20,000). A larger network is cut to its most
significant ties under the disparity filter (Serrano, Boguñá & Vespignani 2009;
:func:`ecosystem.graphs.backbone.edge_disparity`): ties are ranked by α, the strongest
first among equal α, and the first 20,000 kept. The cut is stated inside the
file, as a ``Note`` element "About this map", and returned by :func:`kumu_cut`
for the report to say. Elements of a graph over time
(:func:`ecosystem.export.graph_files.with_spells`) and its connections carry
the labels of their periods as Kumu ``tags``.

References
----------
Kumu blueprints, docs.kumu.io/guides/import/blueprints.

Serrano, M. Á., Boguñá, M. & Vespignani, A. (2009). Extracting the multiscale
backbone of complex weighted networks. *PNAS* 106(16): 6483–6488.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import orjson

from ecosystem.export.graph_files import AnyGraph, Column, GraphColumns, graph_columns
from ecosystem.graphs.backbone import edge_disparity

__all__ = ["MAX_CONNECTIONS", "NOTE_LABEL", "KumuCut", "kumu_blueprint", "kumu_cut",
           "write_kumu"]

#: The most connections a Kumu blueprint holds.
MAX_CONNECTIONS = 20_000

#: Label of the note element that states the cut.
NOTE_LABEL = "About this map"


@dataclass(frozen=True)
class KumuCut:
    """How a network was cut to fit Kumu.

    Attributes
    ----------
    connections : int
        Ties in the network.
    kept : int
        Ties written (at most :data:`MAX_CONNECTIONS`).
    weight : str
        The edge attribute the disparity filter read (``"none"``: every tie weighs 1).
    alpha : float
        The largest disparity α among the kept ties (smaller is more significant).
    rows : ndarray
        Positions of the kept edges in the graph's edge order.
    note : str
        The cut in one sentence (written into the file).
    """

    connections: int
    kept: int
    weight: str
    alpha: float
    rows: np.ndarray
    note: str


def _plain(x: float) -> str:
    """Three significant figures, never in e-notation (0.0000123, not 1.23e-05)."""
    return np.format_float_positional(x, precision=3, unique=False, fractional=False, trim="-")


def _weights(cols: GraphColumns) -> tuple[str, np.ndarray]:
    for name in ("weight", "shared"):
        c = cols.edges.get(name)
        if c is not None and c.kind in (int, float) and all(c.present):
            return name, np.asarray(c.values, dtype=float)
    return "none", np.ones(len(cols.source))


def kumu_cut(cols: GraphColumns, max_connections: int = MAX_CONNECTIONS) -> KumuCut | None:
    """The ties a Kumu blueprint of ``cols`` keeps, or None when all of them fit.

    Examples
    --------
    A star with one strong tie: the strong tie is the most significant.

    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1), (0, 2), (0, 3)]); g.vs["name"] = list("abcd")
    >>> g.es["weight"] = [10.0, 1.0, 1.0]
    >>> cut = kumu_cut(graph_columns(g), max_connections=1)
    >>> cut.rows.tolist(), cut.kept, cut.connections
    ([0], 1, 3)
    >>> kumu_cut(graph_columns(g)) is None
    True
    """
    m = len(cols.source)
    if m <= max_connections:
        return None
    name, w = _weights(cols)
    alpha = edge_disparity(cols.source, cols.target, w, len(cols.ids))  # disparity_alpha
    order = np.lexsort((np.arange(m), -w, alpha))[:max_connections]
    rows = np.sort(order)
    top = float(alpha[order].max())
    weighed = f"weighted by {name}" if name != "none" else "unweighted"
    note = (f"This map shows {max_connections:,} of the network's {m:,} connections: the most "
            f"significant under the disparity filter ({weighed}; Serrano, Boguñá & Vespignani "
            f"2009; disparity α up to {_plain(top)}), the stronger first among equal α. The full "
            "network is in the GEXF and GraphML files.")
    return KumuCut(m, max_connections, name, top, rows, note)


def _cut(cols: GraphColumns, rows: np.ndarray) -> GraphColumns:
    """``cols`` with only the edges at ``rows``."""
    pick = rows.tolist()
    edges = {k: Column(c.kind, [c.values[j] for j in pick], np.asarray(c.present)[rows])
             for k, c in cols.edges.items()}
    return GraphColumns(cols.ids, cols.source[rows], cols.target[rows], cols.directed,
                        cols.nodes, edges, cols.node_spells,
                        None if cols.edge_spells is None else [cols.edge_spells[j] for j in pick],
                        cols.node_tags,
                        None if cols.edge_tags is None else [cols.edge_tags[j] for j in pick])


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
                   connection_type: str | None = None,
                   max_connections: int = MAX_CONNECTIONS, cut: KumuCut | None = None) -> dict:
    """The blueprint ``{"elements": [...], "connections": [...]}`` for ``cols``.

    Kumu links connections to elements by label, so labels are made unique
    (a repeated name gets its id in brackets). Each element keeps its id and
    attributes; ``type`` comes from the node attribute ``element_type``. A
    graph over time gives each element and connection the ``tags`` of its
    periods. More than ``max_connections`` ties are cut (:func:`kumu_cut`) and
    a ``Note`` element states the cut; ``cut``, when given, is :func:`kumu_cut` of ``cols``
    already computed (the report states it too).

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1)]); g.vs["name"] = ["a", "b"]; g.vs["actor_type"] = ["ngo", None]
    >>> kumu_blueprint(graph_columns(g))["elements"]
    [{'label': 'a', 'id': 'a', 'type': 'ngo'}, {'label': 'b', 'id': 'b'}]
    """
    if cut is None:
        cut = kumu_cut(cols, max_connections)
    if cut is not None:
        cols = _cut(cols, cut.rows)
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
    for records, tags in ((elements, cols.node_tags), (connections, cols.edge_tags)):
        for record, t in zip(records, tags or ()):
            record["tags"] = list(dict.fromkeys(t))
    if cut is not None:
        taken = set(labels)
        note = NOTE_LABEL if NOTE_LABEL not in taken else f"{NOTE_LABEL} [ecosystem]"
        ident = "ecosystem-note"
        while ident in set(cols.ids):
            ident += "-"
        elements.append({"label": note, "id": ident, "type": "Note", "description": cut.note})
    return {"elements": elements, "connections": connections}


def write_kumu(g: AnyGraph | GraphColumns, path: str | Path, *, element_type: str = "actor_type",
               connection_type: str | None = None,
               max_connections: int = MAX_CONNECTIONS, cut: KumuCut | None = None) -> Path:
    """Write a Kumu JSON blueprint (:func:`kumu_blueprint`) of ``g``, cut to ``max_connections``.

    ``cut``: :func:`kumu_cut` of ``g``'s columns when already computed.

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
                                                 connection_type=connection_type,
                                                 max_connections=max_connections, cut=cut)))
    return path
