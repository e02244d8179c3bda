"""Benchmark the graph pipeline on the real Ocean registry and synthetic registries.

Usage::

    python -m benchmarks.run                       # Ocean + 7k, 70k, 700k
    python -m benchmarks.run --sizes 7000,70000    # a subset (0 or "ocean" = Ocean)
    python -m benchmarks.run --no-networkx         # skip the networkx comparison

Each (registry, engine) runs in its own subprocess so that peak memory is
clean. Per stage we record wall time and peak RSS: the process's high-water
mark (VmHWM) is reset through ``/proc/self/clear_refs`` before each stage, so
"peak" is the stage's own peak; "process peak" is ``ru_maxrss`` at the end.

Stages are a list of named functions (:data:`STAGES`, :data:`NX_STAGES`) taking
a context dict and returning a short note; add a row by appending a
:class:`Stage`. The networkx rows do the same computations "the plain networkx
way" (``from_pandas_edgelist``, ``bipartite.collaboration_weighted_projected_graph``,
``pagerank``/``eigenvector_centrality_numpy``/``core_number``,
``betweenness_centrality``, ``louvain_communities``); a stage whose estimated
time exceeds ``--nx-budget`` is not run and its estimate (from the baseline's
work counters or a timed sample) is printed as "est.".

Results go to ``benchmarks/results/`` (git-ignored): one JSON per run and the
printed table as Markdown.
"""
from __future__ import annotations

import argparse
import inspect
import json
import os
import re
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

RESULTS = Path(__file__).resolve().parent / "results"
CACHE = RESULTS / "cache"

#: Projection options per registry size: the full projection while it fits the
#: default max_edges guard, then large consortia left out (the baseline's
#: mitigation: initiatives > 50 members make 73% of the edges at 70k).
PROJECTION = {
    "ocean": {},
    7_000: {},
    70_000: {"max_initiative_size": 50},
    700_000: {"max_initiative_size": 20, "max_edges": 8_000_000},
}
COMMUNITY_METHOD = {700_000: "networkit-plm"}


@dataclass
class Stage:
    """A named step: ``run(ctx) -> note``. ``pipeline`` stages count toward the target total."""
    name: str
    run: Callable[[dict], str]
    pipeline: bool = True


# ----------------------------------------------------------------- memory


def _hwm_mb() -> float:
    try:
        txt = Path("/proc/self/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+)", txt).group(1)) / 1024
    except (OSError, AttributeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mb() -> float:
    try:
        txt = Path("/proc/self/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+)", txt).group(1)) / 1024
    except (OSError, AttributeError):
        return float("nan")


def _reset_hwm() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def run_stages(stages: list[Stage], ctx: dict) -> list[dict]:
    rows = []
    for st in stages:
        reset = _reset_hwm()
        start_rss = _rss_mb()
        t0 = time.perf_counter()
        c0 = time.process_time()
        try:
            note = st.run(ctx) or ""
            status = "ok"
        except Exception as exc:  # a stage that fails is reported, the run goes on
            note = f"{type(exc).__name__}: {exc}"[:300]
            status = "error"
        dt = time.perf_counter() - t0
        cpu = time.process_time() - c0
        peak = _hwm_mb()
        est = ctx.pop("_estimate", None)
        rows.append({"stage": st.name, "seconds": None if status == "skipped" else dt,
                     "cpu_s": cpu,
                     "peak_mb": peak, "peak_above_start_mb": peak - start_rss if reset else None,
                     "rss_after_mb": _rss_mb(), "note": note, "status": ctx.pop("_status", status),
                     "estimate_s": est, "pipeline": st.pipeline})
    return rows


# ----------------------------------------------------------------- our pipeline


def _load(ctx):
    import pandas as pd

    from ecosystem.model import Registry
    if ctx["target"] == "ocean":
        import ecosystem
        from ecosystem import datapaths
        path = datapaths.data_file("un_ocean_commitments", "ocean_commitments.jsonl")
        if path is None:
            raise FileNotFoundError("Ocean registry not found: set ECOSYSTEM_DATA")
        ctx["reg"] = ecosystem.load(path)
        return "ecosystem.load(ocean_commitments.jsonl): read + resolve + validate"
    folder = CACHE / f"synthetic-{ctx['target']}-seed{ctx['seed']}"
    frames = {p.stem: pd.read_parquet(p) for p in folder.glob("*.parquet")}
    ctx["reg"] = Registry.from_frames(**frames)
    return "parquet → Registry (schema conform, no validate)"


def _graphs(ctx):
    from ecosystem.graphs import bipartite_graph, incidence_matrix
    reg = ctx["reg"]
    g = bipartite_graph(reg)
    B, _, _ = incidence_matrix(reg)
    ctx["bipartite"] = g
    return f"{len(reg.actors):,} actors, {len(reg.initiatives):,} initiatives, {g.ecount():,} ties"


def _projection(ctx):
    from ecosystem.graphs import actor_projection
    opts = ctx["projection"]
    ctx["proj"] = actor_projection(ctx["reg"], weight="newman", **opts)
    left = ctx["proj"]["initiatives_left_out"]
    return (f"{ctx['proj'].ecount():,} edges (newman)"
            + (f", {left:,} initiatives > {opts['max_initiative_size']} left out" if left else ""))


def _hubs(ctx):
    from ecosystem.hubs import hub_metrics
    h = hub_metrics(ctx["reg"], graph=ctx["proj"])
    top = h.sort_values("initiatives", ascending=False).iloc[0]
    return f"igraph PageRank/eigenvector/k-core; top hub {top['actor_id']} ({top['initiatives']})"


def _brokers(ctx):
    try:
        from ecosystem import brokers as mod
    except ImportError:
        ctx["_status"] = "skipped"
        return "ecosystem.brokers not available yet"
    fn = mod.brokers
    params = inspect.signature(fn).parameters
    kwargs = {}
    if "graph" in params:
        kwargs["graph"] = ctx["proj"]
    else:
        kwargs.update({k: v for k, v in ctx["projection"].items() if k in params})
    if "communities" in params and ctx.get("communities") is not None:
        kwargs["communities"] = ctx["communities"]
    df = fn(ctx["reg"], **kwargs)
    bt = df.attrs.get("betweenness", {})
    if isinstance(bt, dict) and bt.get("mode"):
        mode = f"betweenness {bt['mode']}" + (f", k={bt['k']:,} pivots" if bt.get("k") else "")
    else:
        mode = "betweenness mode: see ecosystem.brokers"
    return mode + "; constraint, effective size, Gould–Fernandez roles, cut vertices"


def _communities(ctx):
    from ecosystem.communities import communities
    method = COMMUNITY_METHOD.get(ctx["target"], "leiden")
    m = communities(ctx["reg"], graph=ctx["proj"], method=method)
    ctx["communities"] = m
    return f"{method}: Q = {m.attrs['modularity']:.3f}, {m.attrs['n_communities']:,} communities"


def _components(ctx):
    from ecosystem.components import components
    c = components(ctx["reg"])
    return f"largest holds {c.attrs['largest_actor_share']:.1%} of actors"


def _core_periphery(ctx):
    from ecosystem.core_periphery import core_periphery
    cp = core_periphery(ctx["reg"], graph=ctx["proj"])
    return f"fit r = {cp.attrs['fit']:.3f}, core {cp.attrs['core_size']:,}"


def _dormancy(ctx):
    from ecosystem.dormancy import dormancy_share
    return f"{dormancy_share(ctx['reg']):.1%} dormant"


STAGES: list[Stage] = [
    Stage("load", _load, pipeline=False),
    Stage("graphs", _graphs, pipeline=False),
    Stage("projection", _projection),
    Stage("hubs", _hubs),
    Stage("communities", _communities),
    Stage("brokers", _brokers),
    Stage("components", _components, pipeline=False),
    Stage("core_periphery", _core_periphery, pipeline=False),
    Stage("dormancy", _dormancy, pipeline=False),
]


# ----------------------------------------------------------------- the networkx way
#: seconds per unit of work, from ../shared/research/performance-baseline.md (7k row)
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
    import networkx as nx
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
    core_est = None
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


# ----------------------------------------------------------------- child / parent


def child(target, engine: str, seed: int, nx_budget: float) -> dict:
    ctx = {"target": target, "seed": seed, "nx_budget": nx_budget,
           "projection": PROJECTION.get(target, {})}
    if engine == "ours":
        rows = run_stages(STAGES, ctx)
    else:
        rows = run_stages([STAGES[0]] + NX_STAGES, ctx)
        rows[0]["pipeline"] = False
    return {"target": target, "engine": engine, "rows": rows,
            "process_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def ensure_synthetic(n: int, seed: int) -> dict:
    from benchmarks.synthetic import describe, synthetic_registry
    folder = CACHE / f"synthetic-{n}-seed{seed}"
    info = folder / "describe.json"
    if info.exists():
        return json.loads(info.read_text())
    reg = synthetic_registry(n, seed=seed)
    folder.mkdir(parents=True, exist_ok=True)
    for t, df in reg.tables().items():
        if len(df):
            df.to_parquet(folder / f"{t}.parquet")
    d = describe(reg)
    info.write_text(json.dumps(d))
    return d


def _spawn(target, engine, seed, nx_budget, timeout) -> dict:
    cmd = [sys.executable, "-m", "benchmarks.run", "--child", str(target), "--engine", engine,
           "--seed", str(seed), "--nx-budget", str(nx_budget)]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                             cwd=Path(__file__).resolve().parent.parent)
    except subprocess.TimeoutExpired:
        return {"target": target, "engine": engine, "rows": [], "error": f"timeout {timeout}s"}
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    if out.returncode != 0 or not lines:
        return {"target": target, "engine": engine, "rows": [],
                "error": (out.stderr or out.stdout)[-800:]}
    return json.loads(lines[-1])


def _fmt_s(x):
    return "–" if x is None else (f"{x:,.2f} s" if x < 100 else f"{x:,.0f} s")


def table(results: list[dict]) -> str:
    by = {(r["target"], r["engine"]): r for r in results}
    lines = ["| registry | stage | time | cpu | peak (stage) | networkx | ratio | notes |",
             "|---|---|---|---|---|---|---|---|"]
    for target in dict.fromkeys(r["target"] for r in results):
        ours = by.get((target, "ours"), {"rows": []})
        nxr = {row["stage"]: row for row in by.get((target, "networkx"), {"rows": []})["rows"]}
        total = cpu_total = 0.0
        for row in ours["rows"]:
            n = nxr.get(row["stage"])
            nx_s, ratio = "", ""
            if n is not None and row["stage"] != "load":
                t = n["estimate_s"] if n["status"] == "est." else n["seconds"]
                tag = " (est.)" if n["status"] == "est." else ""
                if n["status"] == "est." and t is None:
                    nx_s = "not run"
                else:
                    nx_s = _fmt_s(t) + tag
                    if t and row["seconds"] and row["status"] == "ok":
                        ratio = f"{t / row['seconds']:,.0f}×{tag}"
            if row["pipeline"] and row["status"] == "ok":
                total += row["seconds"]
                cpu_total += row.get("cpu_s") or 0.0
            peak = row["peak_above_start_mb"]
            lines.append(f"| {target} | {row['stage']} | "
                         f"{_fmt_s(row['seconds']) if row['status'] != 'skipped' else 'skipped'} | "
                         f"{_fmt_s(row.get('cpu_s'))} | "
                         f"{'' if peak is None else f'+{peak:,.0f} MB'} | {nx_s} | {ratio} | "
                         f"{row['note'].replace('|', '/')} |")
        if ours["rows"]:
            lines.append(f"| {target} | **hubs+brokers+communities (with projection)** | "
                         f"**{_fmt_s(total)}** | {_fmt_s(cpu_total)} | process peak "
                         f"{ours['process_peak_mb']:,.0f} MB | | | |")
        if ours.get("error"):
            lines.append(f"| {target} | error | | | | | | {ours['error'][-200:]!r} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="ocean,7000,70000,700000",
                    help="comma-separated: ocean and/or synthetic sizes (default: all)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-networkx", action="store_true")
    ap.add_argument("--nx-budget", type=float, default=120.0,
                    help="networkx stages estimated above this many seconds are not run")
    ap.add_argument("--timeout", type=float, default=3600.0)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--engine", default="ours", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        target = a.child if a.child == "ocean" else int(a.child)
        print(json.dumps(child(target, a.engine, a.seed, a.nx_budget)))
        return 0
    RESULTS.mkdir(parents=True, exist_ok=True)
    targets = ["ocean" if s.strip() in ("ocean", "0") else int(s) for s in a.sizes.split(",")]
    results = []
    for target in targets:
        desc = None
        if target != "ocean":
            print(f"[bench] generating synthetic registry of {target:,} initiatives …",
                  file=sys.stderr)
            desc = ensure_synthetic(target, a.seed)
        for engine in (["ours"] + ([] if a.no_networkx else ["networkx"])):
            print(f"[bench] {target}: {engine} …", file=sys.stderr)
            r = _spawn(target, engine, a.seed, a.nx_budget, a.timeout)
            r["describe"] = desc
            results.append(r)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"bench-{stamp}.json").write_text(json.dumps(results, indent=1, default=str))
    md = table(results)
    (RESULTS / f"bench-{stamp}.md").write_text(md + "\n")
    print(md)
    print(f"\nresults: {RESULTS / f'bench-{stamp}.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
