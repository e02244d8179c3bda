"""The same computations "the plain networkx way", for the ratio column.

``from_pandas_edgelist``, ``bipartite.collaboration_weighted_projected_graph``,
``pagerank`` / ``eigenvector_centrality_numpy`` / ``core_number``,
``louvain_communities`` and ``betweenness_centrality``. A stage whose estimated
time exceeds ``ctx["nx_budget"]`` is not run; its estimate comes from work counters
(seconds per unit of work, measured once with networkx 3.6 on the 7k synthetic
registry of :mod:`benchmarks.synthetic`, 2-core machine) or a timed sample, and
is reported as "est.".
"""
from __future__ import annotations

import time

from .stages import Stage

#: seconds per unit of work, networkx 3.6 on the 7k synthetic registry (2-core machine)
NX_PROJECTION_S_PER_WORK = 5.27 / 9.3e7   # Σ projected degree × bipartite degree
NX_LOUVAIN_S_PER_EDGE = 4.9 / 591_448
NX_PAGERANK_S_PER_EDGE = 1.19 / 591_448


def _nx_build(ctx):
    import networkx as nx

    from ecosystem.graphs import memberships
    if ctx["target"] == 700_000:
        ctx["_status"] = "est."
        ctx["_estimate"] = 19.1
        return "not run: baseline measured 19.1 s, +1.9 GB at 700k"
    m = memberships(ctx["reg"])
    e = m[["actor_id", "initiative_id"]].astype(str)
    e["initiative_id"] = "i:" + e["initiative_id"]
    G = nx.from_pandas_edgelist(e, "actor_id", "initiative_id")
    G.add_nodes_from(ctx["reg"].actors["actor_id"].astype(str))
    ctx["nxB"] = G
    ctx["nx_actors"] = list(ctx["reg"].actors["actor_id"].astype(str))
    return f"{G.number_of_edges():,} edges"


def _work_bound(reg) -> float:
    """Upper bound of networkx's projection work counter Σ_a pdeg(a)·bdeg(a).

    The baseline measured networkx ``*_projected_graph`` cost as proportional to
    Σ over actors of projected degree × bipartite degree (it rebuilds the
    neighbour set for every projected pair). The projected degree is bounded
    by Σ_{i ∋ a} (k_i − 1), which needs no projection.
    """
    import numpy as np

    from ecosystem.graphs import incidence_matrix
    B, _, _ = incidence_matrix(reg)
    k = np.asarray(B.sum(axis=0)).ravel()
    bdeg = np.asarray(B.sum(axis=1)).ravel()
    return float((bdeg * (B @ (k - 1))).sum())


def _nx_projection(ctx):
    from networkx.algorithms import bipartite

    from ecosystem.graphs import actor_projection
    opts = ctx["projection"]
    budget = ctx["nx_budget"]
    if ctx["target"] == 700_000:
        ctx["_status"] = "est."
        ctx["_estimate"] = 36_000.0
        return "infeasible: baseline est. ~10 h and ~17.6 GB to hold the graph"
    est = _work_bound(ctx["reg"]) * NX_PROJECTION_S_PER_WORK
    if "nxB" not in ctx or est > budget:
        ctx["_status"] = "est."
        ctx["_estimate"] = est
        ctx["proj_full"] = actor_projection(ctx["reg"], weight="newman", **opts)
        _nx_from_ours(ctx)
        return (f"not run (est. ≤ {est:,.0f} s from the baseline's work counter); "
                "the networkx rows below use our projection loaded into networkx")
    G = ctx["nxB"]
    if opts.get("max_initiative_size"):
        big = [n for n in G if isinstance(n, str) and n.startswith("i:")
               and G.degree(n) > opts["max_initiative_size"]]
        G = G.copy()
        G.remove_nodes_from(big)
    ctx["nxP"] = bipartite.collaboration_weighted_projected_graph(G, ctx["nx_actors"])
    return f"collaboration_weighted_projected_graph: {ctx['nxP'].number_of_edges():,} edges"


def _nx_from_ours(ctx):
    import networkx as nx
    proj = ctx.get("proj_full")
    if proj is None:
        return
    G = nx.Graph()
    names = proj.vs["name"]
    G.add_nodes_from(names)
    G.add_weighted_edges_from((names[u], names[v], w) for (u, v), w in
                              zip(proj.get_edgelist(), proj.es["weight"]))
    ctx["nxP"] = G


def _nx_hubs(ctx):
    import networkx as nx
    G = ctx.get("nxP")
    if G is None:
        ctx["_status"] = "est."
        return "not run: no networkx projection"
    m = G.number_of_edges()
    if m > 2_000_000:
        ctx["_status"] = "est."
        ctx["_estimate"] = m * NX_PAGERANK_S_PER_EDGE * 3 + 180
        return "not run: baseline 70k pagerank 17.8 s, core_number 180 s"
    dict(G.degree(weight="weight"))
    nx.pagerank(G, weight="weight")
    try:
        nx.eigenvector_centrality_numpy(G, weight="weight")
    except Exception as exc:  # disconnected graphs can fail to converge in ARPACK
        note = f"eigenvector failed: {type(exc).__name__}"
    else:
        note = "strength, pagerank, eigenvector_centrality_numpy"
    nx.core_number(G)
    return note + ", core_number"


def _nx_brokers(ctx):
    import random

    import networkx as nx
    G = ctx.get("nxP")
    if G is None:
        ctx["_status"] = "est."
        return "not run: no networkx projection"
    n = G.number_of_nodes()
    k = min(n, 20)
    t = time.perf_counter()
    nx.betweenness_centrality(G, k=k, seed=random.Random(0))
    per_source = (time.perf_counter() - t) / k
    ctx["_status"] = "est."
    ctx["_estimate"] = per_source * n
    return (f"exact betweenness est. {per_source * n:,.0f} s ({per_source * 1000:.1f} ms per "
            f"source × {n:,}, timed on k={k}); Burt constraint infeasible (baseline: days)")


def _nx_communities(ctx):
    import networkx as nx
    G = ctx.get("nxP")
    if G is None:
        ctx["_status"] = "est."
        return "not run: no networkx projection"
    est = G.number_of_edges() * NX_LOUVAIN_S_PER_EDGE
    if est > ctx["nx_budget"]:
        ctx["_status"] = "est."
        ctx["_estimate"] = est
        return f"not run (est. {est:,.0f} s)"
    c = nx.community.louvain_communities(G, weight="weight", seed=0)
    return f"louvain_communities: Q = {nx.community.modularity(G, c, weight='weight'):.3f}"


NX_STAGES: list[Stage] = [
    Stage("graphs", _nx_build, pipeline=False),
    Stage("projection", _nx_projection),
    Stage("hubs", _nx_hubs),
    Stage("communities", _nx_communities),
    Stage("brokers", _nx_brokers),
]


