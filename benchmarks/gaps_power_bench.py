"""Benchmark the gap, power and Agreement Matrix analyses on Ocean and a synthetic 70k registry.

Usage::

    python -m benchmarks.gaps_power_bench                    # Ocean + 70k
    python -m benchmarks.gaps_power_bench --sizes ocean      # a subset

Stages: coverage (target × country), fragmented cells, uncovered targets,
missing stakeholders per cell, a need layer of 200 random cells, missing
bridges between communities, concentration, Lorenz curve, North–South
classification and summary, resources by lead actor type (Ocean only: the
synthetic registry has no resources), and the Agreement Matrix for all tied
pairs of actors with 2+ initiatives and for the largest community. Target:
each stage on Ocean in 1–2 s. Per stage: wall and CPU seconds and the stage's
peak RSS (as in :mod:`benchmarks.run`). Results go to ``benchmarks/results/``.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time

import numpy as np
import pandas as pd

from benchmarks.run import RESULTS, ensure_synthetic
from benchmarks.stages import Stage, load_registry, parse_targets, run_stages


def _load(ctx):
    if ctx["target"] != "ocean":
        ensure_synthetic(ctx["target"], ctx["seed"])
    note = load_registry(ctx)
    if ctx["target"] == "ocean":
        from ecosystem.measures.network.communities import communities

        ctx["membership"] = communities(ctx["reg"])
    return note


def _membership(ctx):
    if "membership" not in ctx:
        from ecosystem.measures.network.communities import communities

        ctx["membership"] = communities(ctx["reg"], method="networkit-plm",
                                        max_initiative_size=50)
    return ctx["membership"]


def _coverage(ctx):
    from ecosystem.measures.coordination import coverage
    c = coverage(ctx["reg"], place_kind="country")
    return f"{len(c):,} target × country cells"


def _fragmented(ctx):
    from ecosystem.measures.coordination import fragmented_cells
    f = fragmented_cells(ctx["reg"], place_kind="country")
    return f"{len(f):,} fragmented cells"


def _uncovered(ctx):
    from ecosystem.measures.coordination import uncovered
    u = uncovered(ctx["reg"], place_kind="country")
    return f"{int((u['scope'] == 'registry').sum())} targets uncovered, {len(u):,} rows"


def _stakeholders(ctx):
    from ecosystem.measures.coordination import missing_stakeholders
    m = missing_stakeholders(ctx["reg"], by="cell", place_kind="country")
    return f"{len(m):,} cells lack a stakeholder type"


def _need(ctx):
    from ecosystem.measures.coordination import coverage, need_gaps
    cells = coverage(ctx["reg"], place_kind="country")[["place", "target"]]
    rng = np.random.default_rng(0)
    need = cells.sample(min(200, len(cells)), random_state=0).assign(
        need=rng.random(min(200, len(cells))))
    g = need_gaps(ctx["reg"], pd.DataFrame(need))
    return f"{len(g):,} need rows ranked; top gap {g['gap'].iloc[0]:.2f}"


def _bridges(ctx):
    from ecosystem.measures.coordination import missing_bridges
    m = _membership(ctx)
    b = missing_bridges(ctx["reg"], m)
    return f"{len(b):,} missing bridges ({m['community'].nunique():,} communities)"


def _concentration(ctx):
    from ecosystem.measures.power.concentration import concentration
    c = concentration(ctx["reg"]).set_index(["measure", "over"])
    return f"leadership Gini over actors {c.loc[('leadership', 'actor'), 'gini']:.2f}"


def _lorenz(ctx):
    from ecosystem.measures.power.concentration import lorenz
    return f"{len(lorenz(ctx['reg'], of='ties')):,} points"


def _north_south(ctx):
    from ecosystem.measures.power.geography import north_south_summary
    s = north_south_summary(ctx["reg"]).set_index(["aspect", "value"])
    return (f"led from the North: {s.loc[('lead', 'north'), 'share_of_known']:.1%} of known "
            f"leads; North–South {s.loc[('category', 'north-south'), 'share']:.1%}")


def _resources(ctx):
    from ecosystem.measures.power.resources import resources_by_actor_type
    return f"{len(resources_by_actor_type(ctx['reg'])):,} (actor type, resource) rows"


def _agreement_all(ctx):
    from ecosystem.measures.power.agreement import agreement_pairs
    p = agreement_pairs(ctx["reg"], min_initiatives=2, max_pairs=5_000_000)
    return f"{len(p):,} tied pairs, {(p['quadrant'] == 'II').mean():.1%} in quadrant II"


def _agreement_community(ctx):
    from ecosystem.measures.power.agreement import agreement_pairs
    m = _membership(ctx)
    largest = m["community"].value_counts().index[0]
    p = agreement_pairs(ctx["reg"], community=largest, membership=m)
    return f"community {largest}: {len(p):,} tied pairs"


def stages(target) -> list[Stage]:
    out = [Stage("load", _load, pipeline=False),
           Stage("coverage (country)", _coverage), Stage("fragmented_cells", _fragmented),
           Stage("uncovered", _uncovered), Stage("missing_stakeholders (cell)", _stakeholders),
           Stage("need_gaps (200 cells)", _need), Stage("missing_bridges", _bridges),
           Stage("concentration", _concentration), Stage("lorenz", _lorenz),
           Stage("north_south_summary", _north_south)]
    if target == "ocean":
        out.append(Stage("resources_by_actor_type", _resources))
    out += [Stage("agreement_pairs (tied, 2+ initiatives)", _agreement_all),
            Stage("agreement_pairs (largest community)", _agreement_community)]
    return out


def bench(target, seed: int = 0) -> dict:
    ctx = {"target": target, "seed": seed}
    rows = run_stages(stages(target), ctx)
    return {"target": target, "rows": rows,
            "process_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def table(results: list[dict]) -> str:
    lines = ["| registry | stage | seconds | CPU s | peak MB | note |",
             "|---|---|---|---|---|---|"]
    for res in results:
        for r in res["rows"]:
            sec = "–" if r["seconds"] is None else f"{r['seconds']:.2f}"
            lines.append(f"| {res['target']} | {r['stage']} | {sec} | {r['cpu_s']:.2f} | "
                         f"{r['peak_mb']:.0f} | "
                         f"{r['note'] if r['status'] == 'ok' else r['status'] + ': ' + r['note']} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="ocean,70000",
                    help="comma-separated: 'ocean' and/or synthetic sizes (default ocean,70000)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    results = []
    for target in parse_targets(args.sizes):
        res = bench(target, args.seed)
        results.append(res)
        print(table([res]), flush=True)
    out = table(results)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"gaps-power-{stamp}.json").write_text(json.dumps(results, indent=1, default=str))
    (RESULTS / f"gaps-power-{stamp}.md").write_text(out + "\n")
    failed = any(r["status"] == "error" for res in results for r in res["rows"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
