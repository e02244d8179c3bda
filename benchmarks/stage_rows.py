"""The rows of :mod:`benchmarks.stage_table` after the load: each graph stage against its peer.

Each function takes the run's context ``c`` (the registry ``reg``, its
:class:`~ecosystem.measures.context.Analysis` ``a``, the projection ``g`` once built, the
``target``, ``repeat``, the study's ``exports`` and a ``tmp`` folder) and returns its rows;
:data:`GRAPH_STAGES` lists them in the table's order.
"""
from __future__ import annotations

import random
import time
import warnings

import numpy as np
import pandas as pd
import scipy.sparse as sp

from benchmarks.overlap_peer import overlap_peer, text_top_k
from benchmarks.stage_peers import crowding_peer, igraph_projection
from benchmarks.stages import PROJECTION, cpu_best

__all__ = ["GRAPH_STAGES", "safely", "stage_row"]


def stage_row(stage, ours=None, peer_s=None, peer="", note="", **extra) -> dict:
    """One row of the table: our CPU seconds, the peer's, the peer's name and a note."""
    return {"stage": stage, "ours": ours, "peer_s": peer_s, "peer": peer, "note": note, **extra}


def safely(stage: str, fn):
    """``fn()``, or a row saying why it failed (the run goes on)."""
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001  a stage that fails is reported
        row = stage_row(stage, note=f"error: {type(exc).__name__}: {str(exc)[:200]}")
        return row if stage == "whole report" else [row]


def _projection(c: dict) -> list[dict]:
    from ecosystem.errors import AnalysisError
    from ecosystem.graphs import actor_projection

    reg, w, opts, guard = c["reg"], c["a"].settings.weight, {}, ""
    try:  # the report's own call; past the edge guard, the benchmark's options
        g = actor_projection(reg, weight=w)
    except AnalysisError as exc:
        opts = PROJECTION.get(c["target"], {"max_initiative_size": 50})
        guard = f"report's projection refused ({str(exc)[:80]}…); with {opts}: "
        g = actor_projection(reg, weight=w, **opts)
    c["g"] = g
    ours = cpu_best(lambda: actor_projection(reg, weight=w, **opts), c["repeat"])
    size = opts.get("max_initiative_size")
    peer = igraph_projection(reg, size)
    same = (peer.ecount() == g.ecount() and w == "newman"
            and np.allclose(np.sort(peer.es["weight"]), np.sort(g.es["weight"])))
    d = np.asarray(g.degree(), dtype=float)
    peer_s = cpu_best(lambda: igraph_projection(reg, size), c["repeat"])
    note = (guard + f"{g.vcount():,} actors, {g.ecount():,} edges, Σd² {d @ d:.2g}; both read "
            "the ties, weigh and count the shared initiatives and label the actors"
            + ("" if same else " (peer's graph differs: check the weighting)"))
    return [stage_row("projection", ours, peer_s, "pandas + scipy B·W·Bᵀ, B·Bᵀ + igraph Graph",
                      note)]


def _hubs(c: dict) -> list[dict]:
    from ecosystem.measures.network.hubs import hub_metrics
    from ecosystem.measures.network.s_core import s_coreness

    g = c["g"]

    ties = c["reg"].ties
    names = pd.Series(g.vs["label"], index=g.vs["name"])

    def igraph_hubs():  # the same table: measures, initiatives and initiatives led per actor
        with warnings.catch_warnings():  # "nearly zero" on a disconnected graph
            warnings.simplefilter("ignore", RuntimeWarning)
            table = pd.DataFrame({
                "actor_id": g.vs["name"], "name": names.to_numpy(), "partners": g.degree(),
                "strength": g.strength(weights="weight"),
                "pagerank": g.pagerank(weights="weight", damping=0.85),
                "eigenvector": g.eigenvector_centrality(weights="weight", scale=True)})
        counts = ties.groupby("actor_id")["initiative_id"].nunique()
        led = ties[ties["role"] == "lead"].groupby("actor_id")["initiative_id"].nunique()
        return table.assign(initiatives=table["actor_id"].map(counts),
                            initiatives_led=table["actor_id"].map(led).fillna(0))
    ours = cpu_best(lambda: hub_metrics(c["reg"], weight=c["a"].settings.weight, graph=g),
                    c["repeat"])
    score = cpu_best(lambda: s_coreness(g, "weight"), c["repeat"])
    peer = cpu_best(igraph_hubs, c["repeat"])
    note = (f"the same table; ours also: s-coreness (no peer; {score:.2f} s of it: without it "
            f"{(ours - score) / peer:.2f}×), tie share")
    return [stage_row("hubs", ours, peer,
                      "igraph degree+strength+pagerank+eigenvector, pandas initiatives and led",
                      note)]


def _betweenness(c: dict) -> list[dict]:
    from ecosystem.measures.network.betweenness import betweenness_centrality

    g, repeat = c["g"], c["repeat"]
    bt = betweenness_centrality(g, mode="auto", seed=0)  # as brokers calls it
    ours = cpu_best(lambda: betweenness_centrality(g, mode="auto", seed=0), repeat)
    if bt.mode == "exact":
        return [stage_row("betweenness", ours, cpu_best(g.betweenness, repeat),
                          "igraph betweenness",
                          "exact (ours: one search per closed-twin class)")]
    piv = sorted(np.random.default_rng(0).choice(g.vcount(), size=bt.k, replace=False).tolist())
    return [stage_row("betweenness", ours, cpu_best(lambda: g.betweenness(sources=piv), repeat),
                      "igraph betweenness", f"sampled, the same k={bt.k:,} pivots")]


def _constraint(c: dict) -> list[dict]:
    from ecosystem.graphs import DEFAULT_MAX_EDGES
    from ecosystem.measures.network.initiative_holes import initiative_holes
    from ecosystem.measures.network.structural_holes import constraint

    g, repeat, sub = c["g"], c["repeat"], "  (report: initiative_holes)"
    ours = cpu_best(lambda: constraint(g), repeat)
    row = stage_row("constraint", ours, cpu_best(lambda: g.constraint(weights="weight"), repeat),
                    "igraph constraint", "Burt on the projection (the same measure)")
    holes = safely(sub, lambda: [stage_row(sub, cpu_best(lambda: initiative_holes(
        c["reg"], max_edges=DEFAULT_MAX_EDGES), repeat), note="what the brokers table shows: "
        "Burt between initiatives; no peer computes it")])
    return [row, *holes]


def _gould_fernandez(c: dict) -> list[dict]:
    from ecosystem.measures.network.brokerage_roles import gould_fernandez

    reg, g, grouping = c["reg"], c["g"], c["a"].grouping  # actors with a group, as brokers
    labels = (reg.actors[grouping] if isinstance(grouping, str) else
              grouping.reindex(reg.actors["actor_id"].astype(str)))
    keep = np.flatnonzero(labels.notna().to_numpy())
    sub = g if len(keep) == g.vcount() else g.induced_subgraph(keep.tolist())
    groups = labels.to_numpy(dtype=object)[keep]
    ours = cpu_best(lambda: gould_fernandez(sub, groups), c["repeat"])
    d = np.asarray(sub.degree(), dtype=float)
    peers = {"igraph triangles per vertex": cpu_best(
        lambda: sub.transitivity_local_undirected(mode="zero"), c["repeat"])}
    if d @ d < 5e8:  # the Python list of every triangle must fit in memory
        peers["igraph list_triangles"] = cpu_best(lambda: len(sub.list_triangles()), c["repeat"])
    peer = min(peers, key=peers.get)
    return [stage_row("Gould–Fernandez", ours, peers[peer], peer,
                      "no peer computes roles: the peers only list or count the triangles "
                      f"({', '.join(f'{k} {v:.2f} s' for k, v in peers.items())})")]


def _communities(c: dict) -> list[dict]:
    import igraph as ig

    from ecosystem.measures.network.communities import communities

    reg, g, w = c["reg"], c["g"], c["a"].settings.weight

    def leiden():
        ig.set_random_number_generator(random.Random(0))
        try:
            return g.community_leiden(objective_function="modularity", weights="weight",
                                      resolution=1.0, n_iterations=2)
        finally:
            ig.set_random_number_generator(random)
    ours = cpu_best(lambda: communities(reg, weight=w, graph=g), c["repeat"])
    q = communities(reg, weight=w, graph=g).attrs["modularity"]
    note = (f"Q ours {q:.3f}, peer {leiden().modularity:.3f}; ours also renumbers by size and "
            "computes Q")
    return [stage_row("communities", ours, cpu_best(leiden, c["repeat"]),
                      "igraph community_leiden", note)]


def _overlap(c: dict) -> list[dict]:
    from ecosystem.measures.coordination.duplicates import duplicate_clusters
    from ecosystem.measures.coordination.overlap import initiative_pairs, overlap_candidates

    reg, a, repeat = c["reg"], c["a"], c["repeat"]

    def section():  # what the overlap section computes before crowding
        cand = overlap_candidates(reg)
        initiative_pairs(reg, candidates=cand)
        duplicate_clusters(reg, candidates=cand,
                           cells=a.cells if a.kind.name == "presence" else None)
    ini = reg.initiatives
    desc = ini["description"] if "description" in ini else pd.Series("", index=ini.index)
    texts = (ini["title"].fillna("") + " " + desc.fillna("")).str.strip().tolist()
    ours = cpu_best(section, repeat)
    cand = cpu_best(lambda: overlap_candidates(reg), repeat)
    knn = cpu_best(lambda: text_top_k(texts), repeat)
    note = (f"{len(texts):,} texts; the peer does the section's steps with the libraries' "
            "calls (benchmarks.overlap_peer); ours also: explanations in words, relations "
            "of leads, principal actors, adaptive neighbours; features + candidates alone "
            f"{cand:.2f} s vs TF-IDF + top 10 {knn:.2f} s ({cand / knn:.2f}×)")
    return [stage_row("overlap", ours, cpu_best(lambda: overlap_peer(reg), repeat),
                      "sklearn TF-IDF + kNN, scipy facets and scores, rapidfuzz, components",
                      note)]


def _crowding(c: dict) -> list[dict]:
    from ecosystem.measures.coordination.crowding import crowding

    reg, a, g = c["reg"], c["a"], c["g"]
    t0 = time.process_time()
    cells = a.cells
    built = time.process_time() - t0
    ours = cpu_best(lambda: crowding(reg, cells=cells, connectivity=not a.copresence),
                    c["repeat"])
    mem = cells.memberships
    B, _, init_ids = cells.incidence
    B = sp.csc_matrix(B)
    cell = mem.groupby(cells.key, sort=False).ngroup().to_numpy()
    col = pd.Index(init_ids).get_indexer(mem["initiative_id"].to_numpy(dtype=object))
    el = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    # rows of the peer's first join: each cell's actors times the ties listed from them
    lens = np.diff(B.indptr)[col]
    at = np.repeat(B.indptr[col] - np.cumsum(lens) + lens, lens) + np.arange(lens.sum())
    cell_actor = np.unique(np.repeat(cell.astype(np.int64), lens) * B.shape[0] + B.indices[at])
    rows = int(np.bincount(el[:, 0], minlength=B.shape[0])[cell_actor % B.shape[0]].sum())
    join = B.shape[0] == g.vcount() and rows <= 60_000_000
    peer_s = cpu_best(lambda: crowding_peer(cell, col, B, el[:, 0], el[:, 1], join),
                      c["repeat"])
    note = (f"the peer joins {rows:,} rows and counts tied pairs within initiatives too"
            if join else f"the peer only counts (its join with the ties would hold {rows:,} "
            "rows): not the same computation") + "; no linked initiatives, no explanations"
    note = f"{cell.max() + 1:,} cells (Analysis.cells beforehand: {built:.2f} s); {note}"
    return [stage_row("crowding", ours, peer_s, "pandas groupby + join with projection ties",
                      note)]


def _exports(c: dict) -> list[dict]:
    import orjson

    from ecosystem.export import graph_columns, write_gexf, write_graphml, write_kumu

    g, exports = c["g"], c["exports"]
    folder = c["tmp"]
    writers = {"gexf": write_gexf, "graphml": write_graphml, "kumu": write_kumu}

    def ours():  # as build_report: read once, written by each of the study's writers
        cols = graph_columns(g)
        for e in exports:
            writers[e](cols, folder / f"ours.{e}")
    va = {k: g.vs[k] for k in g.vs.attributes() if k != "name"}
    ea = {k: g.es[k] for k in g.es.attributes()}
    names = g.vs["name"]
    blob = {"nodes": [{"id": n, **{k: v[i] for k, v in va.items()}} for i, n in enumerate(names)],
            "edges": [{"source": names[s], "target": names[t], **{k: v[j] for k, v in ea.items()}}
                      for j, (s, t) in enumerate(g.get_edgelist())]}

    def peer():
        g.write_graphml(str(folder / "peer.graphml"))
        (folder / "peer.json").write_bytes(orjson.dumps(blob, option=orjson.OPT_SERIALIZE_NUMPY))
    note = f"ours: {', '.join(exports)}; GEXF has no C peer; ours escapes untrusted text"
    return [stage_row("exports", cpu_best(ours, c["repeat"]), cpu_best(peer, c["repeat"]),
                      "igraph write_graphml + orjson dump", note)]


GRAPH_STAGES = dict(zip(("projection", "hubs", "betweenness", "constraint",
                         "Gould–Fernandez", "communities", "overlap", "crowding", "exports"),
                        (_projection, _hubs, _betweenness, _constraint, _gould_fernandez,
                         _communities, _overlap, _crowding, _exports)))
