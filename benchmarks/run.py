"""Benchmark the graph pipeline on the real Ocean registry and synthetic registries.

Usage::

    python -m benchmarks.run                       # Ocean + 7k, 70k, 700k
    python -m benchmarks.run --sizes 7000,70000    # a subset (0 or "ocean" = Ocean)
    python -m benchmarks.run --no-networkx         # skip the networkx comparison

Each (registry, engine) runs in its own subprocess so that peak memory is
clean. Per stage we record wall time and peak RSS: the process's high-water
mark (VmHWM) is reset through ``/proc/self/clear_refs`` before each stage, so
"peak" is the stage's own peak; "process peak" is ``ru_maxrss`` at the end.

Stages are lists of named functions (:data:`benchmarks.stages.STAGES`,
:data:`benchmarks.nx_stages.NX_STAGES`) taking a context dict and returning a
short note; add a row by appending a :class:`benchmarks.stages.Stage`. The networkx rows do the same computations "the plain networkx
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
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from .nx_stages import NX_STAGES
from .stages import CACHE, PROJECTION, STAGES, parse_targets, run_stages

RESULTS = Path(__file__).resolve().parent / "results"


# ----------------------------------------------------------------- child / parent


def child(target, engine: str, seed: int, nx_budget: float) -> dict:
    ctx = {"target": target, "seed": seed, "nx_budget": nx_budget,
           "projection": PROJECTION.get(target, {})}
    if engine == "ours":
        rows = run_stages(STAGES, ctx)
    else:
        rows = run_stages([STAGES[0]] + NX_STAGES, ctx)
        rows[0]["pipeline"] = False
    # VmHWM is reset before each stage, so the process peak is the largest stage peak
    peak = max([r["peak_mb"] for r in rows] +
               [resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024])
    return {"target": target, "engine": engine, "rows": rows, "process_peak_mb": peak}


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
    targets = parse_targets(a.sizes)
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
