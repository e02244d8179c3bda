"""How the overlap measures scale: time and peak memory from Ocean to 70k initiatives.

Usage::

    python -m benchmarks.overlap_scaling                          # ocean,7000,20000,70000
    python -m benchmarks.overlap_scaling --sizes ocean,7000 --cap 300 --label after
    python -m benchmarks.overlap_scaling --compare BEFORE.json AFTER.json

What it measures
----------------
For each registry (the real Ocean file, and
:func:`benchmarks.overlap_bench.synthetic_with_text` registries — the
:mod:`benchmarks.synthetic` baseline with titles, descriptions and 2% planted
near-duplicates), in a child process of its own under a wall-clock cap
(``--cap`` seconds, default 600): the features and candidate pairs once
(:func:`ecosystem.measures.coordination.overlap.overlap_candidates`, shared as the
report shares them), then :func:`~ecosystem.measures.coordination.overlap.initiative_pairs`
(the best ``EXPLAINED_PAIRS`` put in words, as in the report),
:func:`~ecosystem.measures.coordination.duplicates.duplicate_clusters` and
:func:`~ecosystem.measures.coordination.crowding.crowding` (target × country).
Per stage: wall seconds and the stage's own peak RSS (:func:`benchmarks.stages.run_stages`).
A registry whose child passes the cap is reported as ``timeout`` with the stages
it finished.

The scaling exponent is the least-squares slope of log(total seconds) on
log(initiatives) over the registries that finished (``--compare`` prints it for
both runs next to the ratio before → after). Results go to ``benchmarks/results/``.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks.run import RESULTS
from benchmarks.stages import Stage, load_ocean, parse_targets, run_stages

STAGES = ("overlap_candidates", "initiative_pairs", "duplicate_clusters", "crowding (country)")


def _load(ctx):
    if ctx["target"] == "ocean":
        ctx["reg"] = load_ocean()
    else:
        from benchmarks.overlap_bench import synthetic_with_text
        ctx["reg"], _ = synthetic_with_text(ctx["target"], ctx["seed"])
    ctx["n"] = len(ctx["reg"].initiatives)
    return f"{ctx['n']:,} initiatives"


def _candidates(ctx):
    from ecosystem.measures.coordination.overlap import overlap_candidates
    ctx["cand"] = overlap_candidates(ctx["reg"])
    return f"{len(ctx['cand'].i):,} candidate pairs"


def _pairs(ctx):
    from ecosystem.measures.coordination.overlap import EXPLAINED_PAIRS, initiative_pairs
    p = initiative_pairs(ctx["reg"], candidates=ctx["cand"], explain=EXPLAINED_PAIRS)
    return f"{len(p):,} pairs"


def _duplicates(ctx):
    from ecosystem.measures.coordination.duplicates import duplicate_clusters
    d = duplicate_clusters(ctx["reg"], candidates=ctx["cand"])
    return f"{d['cluster'].nunique():,} clusters of {len(d):,} initiatives"


def _crowding(ctx):
    from ecosystem.measures.coordination.crowding import crowding
    c = crowding(ctx["reg"], place_kind="country")
    return f"{len(c):,} cells, {int(c['flag'].sum()):,} flagged"


def child(target, seed: int) -> None:
    """Run the stages of one registry, one JSON line per stage on stdout."""
    import ecosystem.measures.coordination  # noqa: F401  (imported before the clock)
    ctx = {"target": target, "seed": seed}
    funcs = [_load, _candidates, _pairs, _duplicates, _crowding]
    for name, fn in zip(("load",) + STAGES, funcs):
        row = run_stages([Stage(name, fn)], ctx)[0]
        row["n"] = ctx.get("n")
        print(json.dumps(row, default=str), flush=True)
        if row["status"] != "ok":
            return


def spawn(target, seed: int, cap: float) -> dict:
    """One registry in a child process under ``cap`` seconds."""
    cmd = [sys.executable, "-m", "benchmarks.overlap_scaling", "--child", str(target),
           "--seed", str(seed)]
    t0 = time.perf_counter()
    status = "ok"
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=cap,
                              check=False)
        out = proc.stdout
        if proc.returncode != 0:
            status = f"exit {proc.returncode}: {proc.stderr.strip()[-300:]}"
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        status = f"timeout after {cap:.0f} s"
    rows = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    done = [r for r in rows if r["stage"] in STAGES and r["status"] == "ok"]
    total = sum(r["seconds"] for r in done) if len(done) == len(STAGES) else None
    return {"target": target, "n": rows[0]["n"] if rows else None, "status": status,
            "rows": rows, "total_seconds": total,
            "peak_mb": max((r["peak_mb"] for r in done), default=None),
            "wall_seconds": time.perf_counter() - t0}


def exponent(results: list[dict]) -> float | None:
    """Least-squares slope of log(total seconds) on log(initiatives)."""
    pts = [(r["n"], r["total_seconds"]) for r in results if r.get("total_seconds")]
    if len(pts) < 2:
        return None
    x, y = np.log([p[0] for p in pts]), np.log([p[1] for p in pts])
    return float(np.polyfit(x, y, 1)[0])


def table(results: list[dict]) -> str:
    lines = ["| registry | initiatives | stage | seconds | peak MB | note |",
             "|---|---|---|---|---|---|"]
    for res in results:
        for r in res["rows"]:
            lines.append(f"| {res['target']} | {res['n'] or '–'} | {r['stage']} | "
                         f"{r['seconds']:.1f} | {r['peak_mb']:.0f} | {r['note']} |")
        if res["status"] != "ok":
            lines.append(f"| {res['target']} | {res['n'] or '–'} | – | – | – | {res['status']} |")
    e = exponent(results)
    lines.append(f"\nscaling exponent (total seconds ~ n^k): "
                 f"{'–' if e is None else f'{e:.2f}'}")
    return "\n".join(lines)


def compare(before: list[dict], after: list[dict]) -> str:
    """Before → after per registry: total seconds, peak MB, ratio; and both exponents."""
    old = {str(r["target"]): r for r in before}
    lines = [("| registry | initiatives | before s | after s | speed-up | before peak MB | "
              "after peak MB |"), "|---|---|---|---|---|---|---|"]

    def fmt(v, f: str) -> str:
        return "–" if v is None else format(v, f)
    for a in after:
        b = old.get(str(a["target"]), {})
        bt = b.get("total_seconds")
        bt_s = fmt(bt, ".1f") if bt else (b.get("status") or "–")
        ratio = f"{bt / a['total_seconds']:.1f}×" if bt and a["total_seconds"] else "–"
        lines.append(f"| {a['target']} | {a['n']} | {bt_s} | {fmt(a['total_seconds'], '.1f')}"
                     f" | {ratio} | {fmt(b.get('peak_mb'), '.0f')} | {fmt(a['peak_mb'], '.0f')} |")
    eb, ea = exponent(before), exponent(after)
    lines.append(f"\nscaling exponent before {fmt(eb, '.2f')} → after {fmt(ea, '.2f')}")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="ocean,7000,20000,70000")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--cap", type=float, default=600.0, help="seconds per registry")
    ap.add_argument("--label", default="run")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"))
    args = ap.parse_args(argv)
    if args.child:
        child(parse_targets(args.child)[0], args.seed)
        return 0
    if args.compare:
        b, a = (json.loads(Path(p).read_text()) for p in args.compare)
        print(compare(b, a))
        return 0
    results = []
    for target in parse_targets(args.sizes):
        res = spawn(target, args.seed, args.cap)
        results.append(res)
        print(table([res]), flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = RESULTS / f"overlap-scaling-{args.label}-{stamp}.json"
    path.write_text(json.dumps(results, indent=1, default=str))
    (path.with_suffix(".md")).write_text(table(results) + "\n")
    print(f"\n{table(results)}\n→ {path}")
    return 0 if all(r["status"] == "ok" or r["status"].startswith("timeout")
                    for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
