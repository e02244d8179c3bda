"""Graphs built from edge arrays, and the arrays kept for the stages that read them.

igraph takes a new graph's edges as Python objects and hands them back the same
way (``get_edgelist`` builds a tuple per edge: about 50 ms per 100,000 edges).
:func:`graph_from_edges` builds a graph in one step from the two index arrays
of a sparse product and keeps the array; :func:`edge_array` returns it to the
measures that walk the edges (betweenness, triangles), checked against the
graph so an edited graph falls back to igraph's own list.
"""
from __future__ import annotations

import gc
import weakref

import igraph as ig
import numpy as np

__all__ = ["edge_array", "graph_from_edges"]


#: Edge arrays of the graphs built here, by ``id(graph)``: (weak reference, vcount, ecount, array).
_EDGE_ARRAYS: dict[int, tuple] = {}


def graph_from_edges(n: int, rows: np.ndarray, cols: np.ndarray) -> ig.Graph:
    """An igraph graph of ``n`` vertices and the edges ``rows[k] – cols[k]``, its array kept.

    Examples
    --------
    >>> g = graph_from_edges(3, np.array([0, 1]), np.array([1, 2]))
    >>> g.ecount(), edge_array(g).tolist()
    (2, [[0, 1], [1, 2]])
    """
    e = np.column_stack([rows, cols]).astype(np.int64)
    e.setflags(write=False)
    # igraph reads Python int pairs faster than a numpy array, and pairs from an iterator
    # faster still: zip hands over one tuple after another (reused once igraph lets go of
    # it), where a list of pairs is a Python object per edge to make and free (a third
    # slower); the collector would scan them over and over while they are made
    enabled = gc.isenabled()
    gc.disable()
    try:
        g = ig.Graph(n=n, edges=zip(e[:, 0].tolist(), e[:, 1].tolist()))
    finally:
        if enabled:
            gc.enable()
    key = id(g)
    _EDGE_ARRAYS[key] = (weakref.ref(g), n, len(e), e)
    weakref.finalize(g, _EDGE_ARRAYS.pop, key, None)
    return g


def edge_array(g: ig.Graph) -> np.ndarray:
    """The edge list of ``g`` as a read-only ``(m, 2)`` int64 array, in edge id order.

    For a projection built by this module the array kept from the sparse
    product is returned without asking igraph (``get_edgelist`` builds a Python
    tuple per edge: about 50 ms per 100,000 edges); it is checked against the
    graph's vertex and edge counts and its first and last edges, so a graph
    edited since falls back to ``get_edgelist``.

    Examples
    --------
    >>> import igraph as ig
    >>> edge_array(ig.Graph([(0, 1), (1, 2)])).tolist()
    [[0, 1], [1, 2]]
    """
    kept = _EDGE_ARRAYS.get(id(g))
    if kept is not None and kept[0]() is g and kept[1] == g.vcount() and kept[2] == g.ecount():
        e = kept[3]
        if not len(e) or (g.es[0].tuple == tuple(e[0]) and g.es[len(e) - 1].tuple == tuple(e[-1])):
            return e
    e = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    e.setflags(write=False)
    return e
