"""Projection and broker stages against their best peer, timed in the same run.

For each registry (the real Ocean file and synthetic ones from
:mod:`benchmarks.synthetic`) and each stage, prints our time, the best peer's
time and the ratio ours / peer (below 1: we are faster):

==============  ==================================================  =====================================
stage           ours                                                peers
==============  ==================================================  =====================================
projection      ``actor_projection(reg, weight="newman")``          scipy ``B·W·Bᵀ`` (upper triangle, COO)
                (registry → igraph Graph with attributes)           on the same incidence matrix; igraph
                                                                    ``bipartite_projection`` (multiplicity)
                                                                    on the actor–initiative graph
constraint      ``structural_holes.constraint(g)``                  igraph ``Graph.constraint(weights=)``
gould_fernandez ``gould_fernandez(g, actor types)``                 igraph ``list_triangles`` (the triangle
                                                                    listing alone: no peer computes roles)
holes+roles     ``brokers.holes_and_roles`` (one triangle pass)     ``structural_holes`` + ``gould_fernandez``
                                                                    (two passes, ours: the saving)
betweenness     ``betweenness_centrality(mode="sampled", k, seed)`` igraph ``betweenness(sources=)`` with
                                                                    the same k pivots
==============  ==================================================  =====================================

Peers get their inputs prebuilt (incidence matrix, bipartite graph, pivots);
ours start from the registry (projection) or the projection. Each timing is
the best of ``--repeat`` runs (one run when the first takes over 2 s), in CPU
seconds of this process (``time.process_time``: every engine here runs on one
thread, and the benchmark machine is shared, which makes wall time noisy).

Usage::

    python -m benchmarks.network_bench                       # ocean,7000
    python -m benchmarks.network_bench --sizes ocean,7000,70000 --pivots 200
"""
from __future__ import annotations

import argparse
import importlib

import numpy as np
import scipy.sparse as sp

from benchmarks.stages import PROJECTION, cpu_best, load_ocean, parse_targets
from benchmarks.synthetic import synthetic_registry

__all__ = ["bench_target", "main"]


def _registry(target):
    return load_ocean() if target == "ocean" else synthetic_registry(int(target), seed=0)


def bench_target(target, pivots: int, repeat: int = 3) -> list[tuple]:
    """Rows ``(target, stage, ours_s, peer_name, peer_s)`` for one registry."""
    import igraph as ig

    from ecosystem.graphs import actor_projection, incidence_matrix
    from ecosystem.measures.network.betweenness import betweenness_centrality
    from ecosystem.measures.network.brokerage_roles import gould_fernandez
    sh = importlib.import_module("ecosystem.measures.network.structural_holes")
    brokers_mod = importlib.import_module("ecosystem.measures.network.brokers")

    reg = _registry(target)
    opts = PROJECTION.get(target, {})
    rows = []
    # --- projection
    g = actor_projection(reg, weight="newman", **opts)
    ours = cpu_best(lambda: actor_projection(reg, weight="newman", **opts), repeat)
    B, _, _ = incidence_matrix(reg)
    k = np.asarray(B.sum(axis=0)).ravel()
    if "max_initiative_size" in opts:
        keep = (k <= opts["max_initiative_size"]).astype(np.float64)
        B = (B @ sp.diags(keep)).tocsr()
        B.eliminate_zeros()
        k = k * keep
    cw = np.divide(1.0, k - 1, out=np.zeros_like(k), where=k > 1)
    scipy_t = cpu_best(lambda: sp.triu(B @ sp.diags(cw) @ B.T, 1, format="coo"), repeat)
    coo = B.tocoo()
    n_a = B.shape[0]
    bip = ig.Graph(n=n_a + B.shape[1],
                   edges=list(zip(coo.row.tolist(), (coo.col + n_a).tolist())))
    types = [False] * n_a + [True] * B.shape[1]
    ig_t = cpu_best(lambda: bip.bipartite_projection(types=types, multiplicity=True, which=0),
                 repeat)
    peer, peer_t = min((("scipy B·W·Bᵀ", scipy_t), ("igraph bipartite_projection", ig_t)),
                       key=lambda p: p[1])
    rows.append((target, "projection", ours, peer, peer_t))
    rows.append((target, "  (igraph bipartite_projection)", ours, "", ig_t))
    d = np.asarray(g.degree(), dtype=np.float64)
    note = f"{g.vcount():,} actors, {g.ecount():,} edges, Σd² {d @ d:.3g}"
    # --- constraint
    ours = cpu_best(lambda: sh.constraint(g), repeat)
    peer_t = cpu_best(lambda: g.constraint(weights="weight"), repeat)
    rows.append((target, "constraint", ours, "igraph constraint", peer_t))
    # --- Gould–Fernandez
    groups = [t or "unknown" for t in g.vs["actor_type"]]
    ours = cpu_best(lambda: gould_fernandez(g, groups), repeat)
    peer_t = cpu_best(lambda: len(g.list_triangles()), repeat) if d @ d < 5e8 else float("nan")
    rows.append((target, "gould_fernandez", ours, "igraph list_triangles", peer_t))
    # --- shared triangle pass
    if hasattr(brokers_mod, "holes_and_roles"):
        ours = cpu_best(lambda: brokers_mod.holes_and_roles(g, groups), repeat)
        peer_t = cpu_best(lambda: (sh.structural_holes(g), gould_fernandez(g, groups)), repeat)
        rows.append((target, "holes+roles", ours, "two passes (ours)", peer_t))
    # --- betweenness, same pivots
    kp = min(pivots, g.vcount())
    piv = sorted(np.random.default_rng(0).choice(g.vcount(), size=kp, replace=False).tolist())
    ours = cpu_best(lambda: betweenness_centrality(g, mode="sampled", k=kp, seed=0), repeat)
    peer_t = cpu_best(lambda: g.betweenness(sources=piv), repeat)
    rows.append((target, f"betweenness k={kp}", ours, "igraph betweenness(sources=)", peer_t))
    print(f"# {target}: {note}", flush=True)
    return rows


def main(argv: list[str] | None = None) -> list[tuple]:
    """Run the benchmark and print one line per target and stage."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="ocean,7000",
                    help="comma-separated: ocean, 7000, 70000 (70000 takes minutes)")
    ap.add_argument("--pivots", type=int, default=200, help="betweenness pivots")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    rows = []
    for target in parse_targets(args.sizes):
        rows += bench_target(target, args.pivots, args.repeat)
    print(f"{'registry':>8}  {'stage':<32} {'ours':>8}  {'peer':<30} {'peer':>8}  ratio (CPU s)")
    for target, stage, ours, peer, peer_t in rows:
        if not peer:
            print(f"{target!s:>8}  {stage:<32} {'':>8}  {'':<30} {peer_t:8.3f}  "
                  f"{ours / peer_t:5.2f}")
            continue
        print(f"{target!s:>8}  {stage:<32} {ours:8.3f}  {peer:<30} {peer_t:8.3f}  "
              f"{ours / peer_t:5.2f}")
    return rows


if __name__ == "__main__":
    main()
