"""A graph as columns, ready to write: the common input of the GEXF, GraphML and Kumu writers.

The writers build their files from arrays, without a networkx conversion:
:func:`graph_columns` reads an igraph (or networkx) graph once into node ids,
edge endpoints and one column per attribute. It keeps the content the
networkx writers gave before, so a file reopened in networkx is unchanged:

* every attribute gets one type (GEXF declares one type per attribute):
  numeric when all its non-null values are numbers (missing values are then
  left out, which GEXF and GraphML allow), otherwise string with missing
  values written as the empty string;
* ``label`` defaults to the node id;
* text loses control, bidi and XML-forbidden characters (registry text is
  untrusted: :func:`ecosystem.export.xml_text.xml_clean_all`);
* edges come in the order networkx lists them (by the first endpoint in node
  order, then by insertion), an undirected edge from its earlier endpoint,
  and repeated edges are merged (the last one's attributes win), as a
  networkx ``Graph`` would.

References
----------
GEXF 1.3 primer, gexf.net; GraphML primer, graphml.graphdrawing.org;
Kumu blueprints, docs.kumu.io/guides/import/blueprints.
"""
from __future__ import annotations

import gc
import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Union

import igraph as ig
import numpy as np
import pandas as pd

from ecosystem.export.xml_text import xml_clean_all
from ecosystem.graphs.edge_arrays import edge_array

if TYPE_CHECKING:  # networkx is imported only by the one function that builds a networkx graph
    import networkx as nx

__all__ = ["AnyGraph", "Column", "GraphColumns", "graph_columns", "graph_for_export",
           "with_spells"]

#: A graph to export: igraph or networkx.
AnyGraph = Union[ig.Graph, "nx.Graph"]


@dataclass
class Column:
    """One attribute: its type (``bool``, ``int``, ``float`` or ``str``), values and presence.

    ``values[i]`` is meaningful only where ``present[i]``; a ``str`` column is
    present everywhere (missing text is the empty string).
    """

    kind: type
    values: list
    present: np.ndarray
    _text: list[str] | None = field(default=None, init=False, repr=False, compare=False)

    def text(self) -> list[str]:
        """The values as text (``""`` where absent): lower-case booleans, shortest floats.

        Computed once per column: every writer reuses it.
        """
        if self._text is None:
            self._text = self._format()
        return self._text

    def escaped(self, escape: Callable[[list[str]], list[str]]) -> list[str]:
        """:meth:`text`, each distinct text passed through ``escape`` once (numbers and
        booleans have nothing to clean or escape).

        Examples
        --------
        >>> Column(str, ["a&b", "a&b", "c"], np.ones(3, bool)).escaped(
        ...     lambda texts: [t.replace("&", "&amp;") for t in texts])
        ['a&amp;b', 'a&amp;b', 'c']
        """
        text = self.text()
        if self.kind is not str:
            return text
        done = dict(zip(distinct := list(dict.fromkeys(text)), escape(distinct)))
        return [done[t] for t in text]

    def rows(self, lo: int, hi: int) -> Column:
        """Rows ``lo`` to ``hi`` of the column (with their text when already computed), so
        that a writer formats one block of rows at a time.

        Examples
        --------
        >>> Column(int, [1, 2, 3], np.ones(3, bool)).rows(1, 3).text()
        ['2', '3']
        """
        out = Column(self.kind, self.values[lo:hi], self.present[lo:hi])
        if self._text is not None:
            out._text = self._text[lo:hi]
        return out

    def _format(self) -> list[str]:
        if self.kind is bool:
            return ["true" if v else "false" for v in self.values]
        if self.kind is str:
            return self.values
        if self.kind is float and len(self.values) and self.present.all():
            return _float_text(self.values)
        if self.kind is int and self.present.all():
            return list(map(repr, self.values))
        return [repr(v) if v is not None else "" for v in self.values]


def _float_text(values: list[float]) -> list[str]:
    """``repr`` of each float, each distinct value (by its bits: -0.0 and 0.0 apart) formatted
    once: a projection's hundred thousand weights hold about a thousand values.

    Examples
    --------
    >>> _float_text([0.5, -0.0, 0.5, 0.0, 1e-05])
    ['0.5', '-0.0', '0.5', '0.0', '1e-05']
    """
    bits, at = np.unique(np.asarray(values, dtype=np.float64).view(np.int64), return_inverse=True)
    text = np.array([repr(v) for v in bits.view(np.float64).tolist()], dtype=object)
    return text[at.ravel()].tolist()


@dataclass
class GraphColumns:
    """Node ids, edge endpoints (row numbers into the nodes) and attribute columns.

    A graph over time (:func:`with_spells`) also carries, per node and per edge, its
    spells (``(start, end)`` ISO dates, inclusive) and the labels of the periods it
    is present in (``node_tags``, ``edge_tags``); None for a static graph.
    """

    ids: list[str]
    source: np.ndarray
    target: np.ndarray
    directed: bool
    nodes: dict[str, Column] = field(default_factory=dict)
    edges: dict[str, Column] = field(default_factory=dict)
    node_spells: list[list[tuple[str, str]]] | None = None
    edge_spells: list[list[tuple[str, str]]] | None = None
    node_tags: list[list[str]] | None = None
    edge_tags: list[list[str]] | None = None


def _missing(v: object) -> bool:
    return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v))


def _cleaned(texts: list[str]) -> list[str]:
    """``texts`` without control, bidi or XML-forbidden characters (each distinct text once)."""
    return xml_clean_all(texts)


def _column(values: list) -> Column:
    """``values`` coerced to one type; missing numbers marked absent, missing text ``""``."""
    types = set(map(type, values))
    if types == {str}:  # fast paths: one plain type (a projection's columns)
        return Column(str, _cleaned(values), np.ones(len(values), bool))
    if types == {float}:
        present = ~np.isnan(np.asarray(values, dtype=float))
        if present.all():
            return Column(float, values, present)
    if types in ({int}, {bool}):
        return Column(types.pop(), values, np.ones(len(values), bool))
    present = np.fromiter((not _missing(v) for v in values), bool, len(values))
    kept = [v for v, p in zip(values, present) if p]
    if kept and all(isinstance(v, bool) for v in kept):
        kind = bool
    elif kept and all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in kept):
        kind = int
    elif kept and all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in kept):
        kind = float
    else:
        kind = str
    if kind is str:
        out = [str(v) if p else "" for v, p in zip(values, present)]
        return Column(str, _cleaned(out), np.ones(len(values), bool))
    return Column(kind, [kind(v) if p else None for v, p in zip(values, present)], present)


def _nx_edge_order(source: np.ndarray, target: np.ndarray,
                   directed: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Edges as a networkx ``(Di)Graph`` built from them would list them.

    Returns the endpoints in that order and, for each, the row of the edge whose
    attributes it keeps (the last of a repeated pair).
    """
    u = source if directed else np.minimum(source, target)
    v = target if directed else np.maximum(source, target)
    if not len(u):
        return u, v, np.arange(0)
    pairs = pd.DataFrame({"u": u, "v": v})
    first = ~pairs.duplicated(keep="first").to_numpy()
    rows = np.arange(len(u))
    keep = rows
    if not first.all():  # a repeated pair keeps its first place and its last attributes
        last = pairs.reset_index().groupby(["u", "v"], sort=False)["index"].last()
        keep = last.loc[list(zip(u[first], v[first]))].to_numpy()
        rows, u, v = rows[first], u[first], v[first]
    order = np.lexsort((rows, u))
    return u[order], v[order], keep[order]


def graph_columns(g: AnyGraph) -> GraphColumns:
    """``g`` (igraph or networkx) as :class:`GraphColumns`, attributes coerced for export.

    igraph vertices are keyed by their ``name`` attribute (which must then be
    unique); ``label`` defaults to the name.

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph([(1, 0)])
    >>> g.vs["name"] = ["a", "b"]
    >>> g.vs["country"] = ["KEN", None]
    >>> g.es["weight"] = [2]
    >>> cols = graph_columns(g)
    >>> cols.ids, cols.nodes["country"].values, cols.nodes["label"].values
    (['a', 'b'], ['KEN', ''], ['a', 'b'])
    >>> cols.source.tolist(), cols.target.tolist(), cols.edges["weight"].kind.__name__
    ([0], [1], 'int')
    """
    if isinstance(g, ig.Graph):
        names = g.vs["name"] if "name" in g.vs.attributes() else range(g.vcount())
        ids = [str(n) for n in names]
        node_attrs = {k: g.vs[k] for k in g.vs.attributes() if k != "name"}
        ends = edge_array(g)  # a projection's own array, else igraph's list
        edge_attrs = {k: g.es[k] for k in g.es.attributes()}
        directed = g.is_directed()
    else:
        nodes = list(g.nodes)
        ids = [str(n) for n in nodes]
        keys = list(dict.fromkeys(k for _, d in g.nodes(data=True) for k in d))
        node_attrs = {k: [d.get(k) for _, d in g.nodes(data=True)] for k in keys}
        row = {n: i for i, n in enumerate(nodes)}
        edges = list(g.edges(data=True))
        ends = np.array([(row[a], row[b]) for a, b, _ in edges], dtype=np.int64).reshape(-1, 2)
        keys = list(dict.fromkeys(k for *_, d in edges for k in d))
        edge_attrs = {k: [d.get(k) for *_, d in edges] for k in keys}
        directed = g.is_directed()
        g = None
    if len(set(ids)) != len(ids):
        raise ValueError("node names must be unique to export a graph")
    ids = _cleaned(ids)
    label = node_attrs.get("label")
    node_attrs["label"] = (list(ids) if label is None else
                           [i if _missing(v) else v for i, v in zip(ids, label)])
    if g is not None:  # igraph: networkx's edge order; a networkx graph already has it
        source, target, keep = _nx_edge_order(ends[:, 0], ends[:, 1], directed)
        if len(keep) != len(ends) or (keep != np.arange(len(keep))).any():
            edge_attrs = {k: [vals[i] for i in keep] for k, vals in edge_attrs.items()}
    else:
        source, target = ends[:, 0], ends[:, 1]
    return GraphColumns(ids, source, target, directed,
                        {k: _column(list(v)) for k, v in node_attrs.items()},
                        {k: _column(list(v)) for k, v in edge_attrs.items()})


def graph_for_export(g: AnyGraph) -> nx.Graph:
    """A networkx copy of ``g`` with the attributes the graph files hold.

    For callers that want a networkx graph; the writers themselves do not use it.

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
    import networkx as nx

    cols = graph_columns(g)
    h = nx.DiGraph() if cols.directed else nx.Graph()
    for i, n in enumerate(cols.ids):
        h.add_node(n, **{k: c.values[i] for k, c in cols.nodes.items() if c.present[i]})
    for j, (a, b) in enumerate(zip(cols.source.tolist(), cols.target.tolist())):
        h.add_edge(cols.ids[a], cols.ids[b],
                   **{k: c.values[j] for k, c in cols.edges.items() if c.present[j]})
    return h



def _iso_days(values: pd.Series) -> np.ndarray:
    """Dates as ``YYYY-MM-DD`` strings (numpy's day format, as ``strftime("%Y-%m-%d")``)."""
    days = pd.to_datetime(values).to_numpy().astype("datetime64[D]")
    return np.datetime_as_string(days, unit="D")


def _grouped_spells(frame: pd.DataFrame, group: np.ndarray, periods: list[str]
                    ) -> tuple[np.ndarray, list[list[tuple[str, str]]], list[list[str]]]:
    """Per group (``group[i]`` the group of row ``i``, -1: row left out), in the order groups
    first appear: the group, its spells as ISO date pairs and the labels of the periods they
    cover, rows kept in frame order."""
    taken = np.flatnonzero(group >= 0)
    if not len(taken):
        return np.zeros(0, dtype=np.int64), [], []
    codes, firsts = pd.factorize(group[taken], sort=False)
    by_group = np.argsort(codes, kind="stable")
    order = taken[by_group]
    bounds = np.flatnonzero(np.diff(codes[by_group])) + 1
    starts = _iso_days(frame["start"].iloc[order]).tolist()
    ends = _iso_days(frame["end"].iloc[order]).tolist()
    distinct: dict[tuple[str, str], tuple[str, str]] = {}  # each (start, end) held once
    pairs = [distinct.setdefault(p, p) for p in zip(starts, ends)]
    first = frame["first"].to_numpy()[order].astype(np.int64)
    last = frame["last"].to_numpy()[order].astype(np.int64)
    covered = {(f, t): periods[f:t + 1] for f, t in set(zip(first.tolist(), last.tolist()))}
    tags = [covered[ft] for ft in zip(first.tolist(), last.tolist())]
    cuts = [0, *bounds.tolist(), len(order)]
    enabled = gc.isenabled()
    gc.disable()  # the collector would scan these small lists over and over while they are made
    try:
        spells = [pairs[a:b] for a, b in pairwise(cuts)]
        labels = [list(tags[a]) if b - a == 1 else [t for x in tags[a:b] for t in x]
                  for a, b in pairwise(cuts)]
    finally:
        if enabled:
            gc.enable()
    return np.asarray(firsts, dtype=np.int64), spells, labels


def with_spells(cols: GraphColumns, node_spells: pd.DataFrame, edge_spells: pd.DataFrame,
                periods: list[str]) -> GraphColumns:
    """The timed part of ``cols``: nodes and edges that have spells, with their spells and tags.

    Parameters
    ----------
    cols : GraphColumns
        The static graph (its attributes are kept).
    node_spells : DataFrame
        ``actor_id``, ``first``, ``last``, ``start``, ``end`` (one row per spell:
        :func:`ecosystem.measures.time.turnover.spells` of actors).
    edge_spells : DataFrame
        ``source``, ``target`` and the same columns (spells of ties).
    periods : list of str
        Period labels by position (``first`` and ``last`` index into it).

    Returns
    -------
    GraphColumns
        Only the nodes with a spell and the edges of ``cols`` with a spell (a
        tie of the spells that ``cols`` lacks is left out: where the report's
        graph is the projection's backbone, the dynamic file shows the same
        edges as the static ones); undirected edges are matched whatever
        their direction.

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1), (1, 2)]); g.vs["name"] = ["a", "b", "c"]
    >>> nodes = pd.DataFrame({"actor_id": ["a", "b"], "first": [0, 0], "last": [1, 0],
    ...                       "start": ["2020-01-01"] * 2, "end": ["2021-12-31", "2020-12-31"]})
    >>> edges = pd.DataFrame({"source": ["b"], "target": ["a"], "first": [0], "last": [0],
    ...                       "start": ["2020-01-01"], "end": ["2020-12-31"]})
    >>> timed = with_spells(graph_columns(g), nodes, edges, ["2020", "2021"])
    >>> timed.ids, timed.node_spells[0], timed.node_tags[0], timed.edge_tags
    (['a', 'b'], [('2020-01-01', '2021-12-31')], ['2020', '2021'], [['2020']])
    """
    n_all = len(cols.ids)
    position = pd.Index(cols.ids)
    node_at = position.get_indexer(node_spells["actor_id"].astype(str))
    found, n_spells, n_tags = _grouped_spells(node_spells, node_at, periods)
    keep = np.sort(found)  # nodes with a spell, in the graph's order
    row = np.full(n_all, -1, dtype=np.int64)
    row[keep] = np.arange(len(keep))
    rank = np.empty(n_all, dtype=np.int64)  # text order of the ids: an undirected tie is
    rank[sorted(range(n_all), key=cols.ids.__getitem__)] = np.arange(n_all)  # (lower, higher)
    ids = [cols.ids[i] for i in keep.tolist()]
    picks = keep.tolist()
    nodes = {k: Column(c.kind, [c.values[i] for i in picks], c.present[keep])
             for k, c in cols.nodes.items()}

    def ordered(u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if cols.directed:
            return u, v
        swap = rank[u] > rank[v]
        return np.where(swap, v, u), np.where(swap, u, v)

    su = position.get_indexer(edge_spells["source"].astype(str))
    tu = position.get_indexer(edge_spells["target"].astype(str))
    both = (su >= 0) & (tu >= 0)
    both[both] = (row[su[both]] >= 0) & (row[tu[both]] >= 0)
    ou, ov = ordered(cols.source.astype(np.int64), cols.target.astype(np.int64))
    eu, ev = ordered(su, tu)
    both[both] = np.isin(eu[both] * n_all + ev[both], ou * n_all + ov)  # the graph's own edges
    pair = np.where(both, su * n_all + tu, -1)  # each (source, target) as written
    pairs, e_spells, e_tags = _grouped_spells(edge_spells, pair, periods)
    ku, kv = ordered(pairs // n_all, pairs % n_all) if len(pairs) else (pairs, pairs)
    old = pd.Series(np.arange(len(ou)), index=ou * n_all + ov)
    old = old[~old.index.duplicated(keep="last")]
    rows = old.reindex(ku * n_all + kv).to_numpy().astype(np.int64)  # every kept tie is an edge
    picked = rows.tolist()
    edges = {k: Column(c.kind, [c.values[j] for j in picked], c.present[rows])
             for k, c in cols.edges.items()}
    at = np.argsort(found, kind="stable").tolist()  # the group of each kept node
    return GraphColumns(ids, row[ku], row[kv], cols.directed, nodes, edges,
                        node_spells=[n_spells[i] for i in at], edge_spells=e_spells,
                        node_tags=[n_tags[i] for i in at], edge_tags=e_tags)
