"""Gould–Fernandez brokerage roles: who brokers between which groups.

Actor ``b`` *brokers* for ``a`` and ``c`` when ``a → b → c`` and not ``a → c``
(``a ≠ c``). Given a grouping of the actors (actor type, country, Global
North/South, community), Gould & Fernandez (1989) name five roles by the
groups of ``a``, ``b`` and ``c``; the codes are those of statnet's
``sna::brokerage``:

================  =======  ==========================  ======================
role              code     groups (a → b → c)          b mediates ...
================  =======  ==========================  ======================
coordinator       w_I      A → A → A                   within its own group
itinerant         w_O      A → B → A                   within another group
                                                       (also called consultant)
representative    b_IO     A → A → B                   its group's contacts out
gatekeeper        b_OI     A → B → B                   contacts into its group
liaison           b_O      A → B → C                   between two other groups
================  =======  ==========================  ======================

Counts are of ordered pairs ``(a, c)``, exactly as ``sna::brokerage`` counts
them (its C routine ``brokerage_R`` walks every two-path and tests ``a → c``).

Undirected graphs such as the co-membership projection are read as
reciprocal digraphs (every edge is two arcs), which is what ``sna::brokerage``
does with a symmetric adjacency matrix: an open triple ``a – b – c`` then
counts once as ``a → b → c`` and once as ``c → b → a``, so an actor's
representative and gatekeeper counts are equal: on such a graph they are one
role, *representative/gatekeeper* (an actor between its own group and
another), and :func:`undirected_roles` shows them once, as their sum. Use the
directed flow graph (:func:`ecosystem.graphs.flow_graph`) for directed brokerage.

Expected counts and z-scores
----------------------------
Each count is compared with its expectation under ``sna::brokerage``'s null
model, a Bernoulli digraph of the observed density with the observed group
sizes (:mod:`ecosystem.measures.network.brokerage_moments` gives the formulas):
``z = (observed − E) / sd``; NaN where the sd is 0 (a role impossible for that
group, e.g. coordinator in a group of one; R gives NaN there too). Graph-wide
totals and their moments (sna's ``*.gli``) are in :func:`brokerage_totals`.

Engine
------
Open two-paths are all two-paths minus the closed ones. All two-paths through
``b`` come from counts of ``b``'s in- and out-neighbours per group (sparse
products, O(m + N·k)); closed ones (``a → c`` present) lie on triangles and are
listed with :func:`ecosystem.measures.network.triangles.iter_triangles` (O(m^1.5)). Walking
every two-path as sna does costs Σ d² — 1.2·10⁹ on the synthetic
7,000-partnership projection (``benchmarks/synthetic.py``) — so it is avoided.

References
----------
Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal
approach to brokerage in transaction networks. *Sociological Methodology* 19:
89–126.

Butts, C. T. (2008). Social network analysis with sna. *Journal of
Statistical Software* 24(6). R package ``sna``, function ``brokerage``.

Examples
--------
>>> import igraph as ig
>>> g = ig.Graph([(0, 1), (1, 2)], directed=True)      # 0 → 1 → 2, no 0 → 2
>>> gould_fernandez(g, ["x", "y", "y"])[["gatekeeper", "total"]].to_dict("list")
{'gatekeeper': [0, 1, 0], 'total': [0, 1, 0]}
"""
from __future__ import annotations

from collections.abc import Sequence

import igraph as ig
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecosystem.errors import AnalysisError
from ecosystem.graphs.edge_arrays import edge_array
from ecosystem.measures.network.brokerage_moments import role_moments, total_moments
from ecosystem.measures.network.triangles import CHUNK_WEDGES, TriangleChunk, iter_triangles

__all__ = ["ROLES", "SNA_CODES", "UNDIRECTED_ROLE", "ClosedTriples", "brokerage_totals",
           "gould_fernandez", "gould_fernandez_from", "undirected_roles"]

#: Role names in sna's column order, with sna's codes.
ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
#: sna's code of each role and of the total.
SNA_CODES = dict(zip(ROLES + ("total",), ("w_I", "w_O", "b_IO", "b_OI", "b_O", "t")))
#: The one role representative and gatekeeper make on an undirected graph.
UNDIRECTED_ROLE = "representative/gatekeeper"


def _arcs(g: ig.Graph) -> tuple[np.ndarray, np.ndarray]:
    """Distinct arcs (no loops); undirected edges become two arcs."""
    n = g.vcount()
    el = edge_array(g)
    el = el[el[:, 0] != el[:, 1]]
    src, dst = el[:, 0], el[:, 1]
    if not g.is_directed():
        src, dst = np.concatenate([src, dst]), np.concatenate([dst, src])
    keys = np.sort(src * n + dst)
    keys = keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys
    return keys // max(n, 1), keys % max(n, 1)


def _role_of(ga, gb, gc) -> np.ndarray:
    """Role index (0..4, :data:`ROLES` order) of two-paths by the groups of a, b, c."""
    role = np.full(len(gb), 4)  # liaison
    role[(ga != gb) & (ga == gc)] = 1
    role[(ga != gb) & (gb == gc)] = 3
    role[(ga == gb) & (gb != gc)] = 2
    role[(ga == gb) & (gb == gc)] = 0
    return role


def _all_two_paths(src, dst, group, n, k) -> np.ndarray:
    """Per broker and role, the number of two-paths a → b → c with a ≠ c."""
    A = sp.csr_matrix((np.ones(len(src)), (src, dst)), shape=(n, n))
    G = sp.csr_matrix((np.ones(n), (np.arange(n), group)), shape=(n, k))
    n_in = (A.T @ G).tocsr()                      # in-neighbours of b per group
    n_out = (A @ G).tocsr()                       # out-neighbours of b per group
    n_rec = (A.multiply(A.T).tocsr() @ G).tocsr()  # reciprocal neighbours per group

    def own(M):
        return np.asarray(M.multiply(G).sum(axis=1)).ravel()

    def tot(M):
        return np.asarray(M.sum(axis=1)).ravel()

    i_own, o_own, r_own = own(n_in), own(n_out), own(n_rec)
    i_tot, o_tot, r_tot = tot(n_in), tot(n_out), tot(n_rec)
    same = np.asarray(n_in.multiply(n_out).sum(axis=1)).ravel()  # Σ_g I_g O_g
    out = np.empty((n, 5))
    out[:, 0] = i_own * o_own - r_own
    out[:, 1] = (same - i_own * o_own) - (r_tot - r_own)
    out[:, 2] = i_own * (o_tot - o_own)
    out[:, 3] = (i_tot - i_own) * o_own
    out[:, 4] = (i_tot - i_own) * (o_tot - o_own) - (same - i_own * o_own)
    return out


#: Role of broker b in a closed undirected triple {a, b, c}, indexed by
#: 4·[g_a = g_b] + 2·[g_c = g_b] + [g_a = g_c]; 5 marks "representative one
#: way, gatekeeper the other" (a → b → c and c → b → a differ in role).
_SYMMETRIC_ROLE = np.array([4, 1, 5, -1, 5, -1, -1, 0])


class ClosedTriples:
    """Closed two-paths of an undirected graph per broker and role, from its triangles.

    Feed it every :class:`~ecosystem.measures.network.triangles.TriangleChunk`
    of the graph (:meth:`add`); :meth:`two_paths` gives, per broker and role
    (:data:`ROLES` order), the ordered two-paths a → b → c closed by a → c.
    One pass over the triangles can feed this and other accumulators
    (:func:`ecosystem.measures.network.brokers.holes_and_roles`).

    Examples
    --------
    In the triangle 0–1–2 (groups x, x, y) the broker 2 sits between two
    members of another group both ways (itinerant):

    >>> import numpy as np
    >>> from ecosystem.measures.network.triangles import iter_triangles
    >>> closed = ClosedTriples(["x", "x", "y"], 3)
    >>> for t in iter_triangles(np.array([0, 0, 1]), np.array([1, 2, 2]), 3):
    ...     closed.add(t)
    >>> closed.two_paths()[2].tolist()
    [0.0, 2.0, 0.0, 0.0, 0.0]
    """

    def __init__(self, groups: Sequence, n: int):
        self.group, self.labels = _codes(groups, n)
        self.n = n
        self.counts = np.zeros(n * 6)
        self.chunk = max(CHUNK_WEDGES, 3 * n)

    def add(self, t: TriangleChunk) -> None:
        """Add the triangles of one chunk."""
        group = self.group
        gx, gy, gz = group[t.x], group[t.y], group[t.z]
        xy, xz, yz = ((p == q).view(np.uint8) for p, q in ((gx, gy), (gx, gz), (gy, gz)))
        for b, code in ((t.x, (xy << 2) | (xz << 1) | yz),     # broker x between y and z
                        (t.y, (xy << 2) | (yz << 1) | xz),     # broker y between x and z
                        (t.z, (xz << 2) | (yz << 1) | xy)):    # broker z between x and y
            self.counts += np.bincount(b * 6 + _SYMMETRIC_ROLE[code], minlength=self.n * 6)

    def two_paths(self) -> np.ndarray:
        """Closed two-paths per broker (rows) and role (columns, :data:`ROLES` order)."""
        counts = self.counts.reshape(self.n, 6)
        out = 2 * counts[:, :5]  # each closed triple is two ordered two-paths
        out[:, 2] += counts[:, 5]
        out[:, 3] += counts[:, 5]
        return out


def _closed_two_paths(src, dst, group, n, symmetric: bool) -> np.ndarray:
    """Per broker and role, the two-paths a → b → c that are closed by a → c."""
    if symmetric:
        closed = ClosedTriples(group, n)  # group codes are labels too
        for t in iter_triangles(src[src < dst], dst[src < dst], n, chunk=closed.chunk):
            closed.add(t)
        return closed.two_paths()
    counts = np.zeros(n * 5)
    arc_keys = src * n + dst  # sorted and distinct (see _arcs)
    und = np.unique(np.minimum(src, dst) * n + np.maximum(src, dst))

    def has(a, b):
        key = a * n + b
        at = np.searchsorted(arc_keys, key).clip(max=len(arc_keys) - 1)
        return arc_keys[at] == key

    for t in iter_triangles(und // n, und % n, n):
        x, y, z = t.x, t.y, t.z
        for a, b, c in ((x, y, z), (x, z, y), (y, x, z), (y, z, x), (z, x, y), (z, y, x)):
            ok = has(a, b) & has(b, c) & has(a, c)
            role = _role_of(group[a[ok]], group[b[ok]], group[c[ok]])
            counts += np.bincount(b[ok] * 5 + role, minlength=n * 5)
    return counts.reshape(n, 5)


def _codes(groups, n: int) -> tuple[np.ndarray, list]:
    labels = pd.Series(list(groups), dtype=object)
    if len(labels) != n:
        raise AnalysisError(f"groups has {len(labels)} entries for a graph of {n} vertices: "
                            "give one group per vertex, in vertex order")
    if labels.isna().any():
        raise AnalysisError(f"{int(labels.isna().sum())} vertices have no group: give every "
                            "vertex a group, or leave those vertices out of the graph")
    codes, uniques = pd.factorize(labels, sort=False)  # first-appearance order, like sna
    if len(uniques) < 2:
        raise AnalysisError(
            f"brokerage roles need at least two groups, but every vertex is in "
            f"{uniques[0]!r}" if len(uniques) else "brokerage roles need a non-empty graph")
    return codes.astype(np.int64), list(uniques)


def gould_fernandez(g: ig.Graph, groups: Sequence) -> pd.DataFrame:
    """Gould–Fernandez brokerage role counts and z-scores of every vertex.

    Parameters
    ----------
    g : igraph.Graph
        Directed, or undirected (read as reciprocal arcs; see the module
        docstring). Loops and parallel edges are ignored.
    groups : sequence
        Group label of each vertex, in vertex order; at least two groups.

    Returns
    -------
    DataFrame
        One row per vertex: ``group``; raw counts ``coordinator``,
        ``itinerant``, ``representative``, ``gatekeeper``, ``liaison``,
        ``total`` (sna's ``raw.nli``); and ``z_<role>`` for each of them
        (sna's ``z.nli``). ``name`` first when ``g`` has names. The frame's
        ``attrs`` hold ``density`` and ``expected``/``sd`` per group (sna's
        ``exp.grp``, ``sd.grp``).

    Raises
    ------
    AnalysisError
        Fewer than two groups, a vertex without group, or a length mismatch.

    Examples
    --------
    In the undirected path 1 – 0 – 2 the hub brokers 1 → 0 → 2 and 2 → 0 → 1,
    both within the other group (itinerant):

    >>> import igraph as ig
    >>> star = ig.Graph.Star(3)          # 1 – 0 – 2, undirected
    >>> gould_fernandez(star, ["hub", "x", "x"])["itinerant"].tolist()
    [2, 0, 0]
    """
    n = g.vcount()
    group, labels = _codes(groups, n)
    src, dst = _arcs(g)
    closed = _closed_two_paths(src, dst, group, n, symmetric=not g.is_directed())
    return _roles_table(g, group, labels, src, dst, closed)


def _roles_table(g: ig.Graph, group: np.ndarray, labels: list, src: np.ndarray,
                 dst: np.ndarray, closed: np.ndarray) -> pd.DataFrame:
    """The :func:`gould_fernandez` table from the closed two-paths per broker and role."""
    n, k = g.vcount(), len(labels)
    raw = _all_two_paths(src, dst, group, n, k) - closed
    raw = np.rint(raw).astype(np.int64)
    sizes = np.bincount(group, minlength=k)
    d = len(src) / (n * (n - 1)) if n > 1 else 0.0
    e, v = role_moments(sizes, d)
    counts = np.column_stack([raw, raw.sum(axis=1)])
    sd = np.sqrt(v)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (counts - e[group]) / sd[group]
    z[~np.isfinite(z)] = np.nan
    out = pd.DataFrame({"group": [labels[i] for i in group]})
    for j, role in enumerate(ROLES + ("total",)):
        out[role] = counts[:, j]
    for j, role in enumerate(ROLES + ("total",)):
        out[f"z_{role}"] = z[:, j]
    if "name" in g.vs.attributes():
        out.insert(0, "name", g.vs["name"])
    cols = list(ROLES + ("total",))
    out.attrs["density"] = d
    out.attrs["expected"] = pd.DataFrame(e, index=labels, columns=cols)
    out.attrs["sd"] = pd.DataFrame(sd, index=labels, columns=cols)
    return out


def gould_fernandez_from(g: ig.Graph, closed: ClosedTriples) -> pd.DataFrame:
    """:func:`gould_fernandez` of an undirected graph from its closed triples, counted already.

    For a pass over the triangles shared with other measures
    (:func:`ecosystem.measures.network.brokers.holes_and_roles`); ``closed``
    must have been fed every triangle of ``g``.

    Examples
    --------
    >>> import igraph as ig
    >>> import numpy as np
    >>> g = ig.Graph([(0, 1), (0, 2), (1, 2), (2, 3)])
    >>> closed = ClosedTriples(["x", "x", "y", "y"], 4)
    >>> closed.add(next(iter_triangles(np.array([0, 0, 1, 2]), np.array([1, 2, 2, 3]), 4)))
    >>> gould_fernandez_from(g, closed).equals(gould_fernandez(g, ["x", "x", "y", "y"]))
    True
    """
    if g.is_directed():
        raise AnalysisError("gould_fernandez_from takes an undirected graph: use "
                            "gould_fernandez for a directed one")
    src, dst = _arcs(g)
    return _roles_table(g, closed.group, closed.labels, src, dst, closed.two_paths())


def brokerage_totals(g: ig.Graph, groups: Sequence) -> pd.DataFrame:
    """Graph-wide role counts with their expectation, sd and z (sna's ``*.gli``).

    Parameters
    ----------
    g : igraph.Graph
        As for :func:`gould_fernandez`.
    groups : sequence
        Group label of each vertex, in vertex order.

    Returns
    -------
    DataFrame
        One row per role and ``total``: ``role``, ``sna_code``, ``observed``,
        ``expected``, ``sd``, ``z``.

    Examples
    --------
    In 0 → 1 → 2 (density 2/6) the one open two-path is a gatekeeper role
    (x → y → y). Its expectation d²(1−d)·Σ n(N−n)(n−1) is (2/27)·2 = 0.148:

    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1), (1, 2)], directed=True)
    >>> brokerage_totals(g, ["x", "y", "y"]).round(3).iloc[2:4]
             role sna_code  observed  expected    sd    z
    2  representative     b_IO         0     0.148  0.37 -0.4
    3      gatekeeper     b_OI         1     0.148  0.37  2.3
    """
    table = gould_fernandez(g, groups)
    group, labels = _codes(groups, g.vcount())
    sizes = np.bincount(group, minlength=len(labels))
    e, v = total_moments(sizes, table.attrs["density"])
    roles = ROLES + ("total",)
    observed = np.array([table[r].sum() for r in roles])
    sd = np.sqrt(v)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(sd > 0, (observed - e) / sd, np.nan)
    return pd.DataFrame({"role": roles, "sna_code": [SNA_CODES[r] for r in roles],
                         "observed": observed, "expected": e, "sd": sd, "z": z})



def undirected_roles(table: pd.DataFrame) -> pd.DataFrame:
    """Representative and gatekeeper shown once, as :data:`UNDIRECTED_ROLE`, for an undirected graph.

    On an undirected graph every open triple a – b – c with ``a`` in ``b``'s
    group and ``c`` outside it counts once as representative (a → b → c) and
    once as gatekeeper (c → b → a): the two are one role, the actor between
    its own group and another. Its count is their sum (both ordered pairs,
    as every other role counts them), so the total is unchanged; its z-score
    is theirs (sna's null gives the two roles the same expectation and
    variance, so equal counts have equal z).

    Parameters
    ----------
    table : DataFrame
        A table of :func:`gould_fernandez` or
        :func:`ecosystem.measures.network.brokers.brokers` with ``representative``
        and ``gatekeeper`` columns (``z_`` columns optional).

    Returns
    -------
    DataFrame
        The table with ``representative/gatekeeper`` (and its ``z_``) in place
        of the two columns.

    Raises
    ------
    AnalysisError
        When an actor's representative and gatekeeper counts differ: the
        table is of a directed graph, where they are two roles.

    Examples
    --------
    The path 0 – 1 – 2, groups x, x, y: 1 brokers 0 → 1 → 2 (representative)
    and 2 → 1 → 0 (gatekeeper), one role counted twice:

    >>> import igraph as ig
    >>> table = gould_fernandez(ig.Graph([(0, 1), (1, 2)]), ["x", "x", "y"])
    >>> table[["representative", "gatekeeper", "total"]].loc[1].tolist()
    [1, 1, 2]
    >>> undirected_roles(table)[["representative/gatekeeper", "total"]].loc[1].tolist()
    [2, 2]
    """
    rep, gate = table["representative"], table["gatekeeper"]
    differ = (rep != gate).fillna(False)
    if bool(differ.any()):
        raise AnalysisError(f"representative and gatekeeper differ for {int(differ.sum())} "
                            "actors: the table is of a directed graph, where they are two roles")
    out = table.drop(columns=["gatekeeper", "z_gatekeeper"], errors="ignore")
    out = out.rename(columns={"representative": UNDIRECTED_ROLE,
                              "z_representative": f"z_{UNDIRECTED_ROLE}"})
    out[UNDIRECTED_ROLE] = rep + gate
    return out
