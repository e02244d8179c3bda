"""Partner suggestions: precision@10 with 10% of ties hidden, on the real Ocean registry.

    python -m benchmarks.link_prediction_bench [--seeds 0,1,2]

Prints precision@10 of the combined score, each signal alone, and the random
and popularity baselines, per seed and averaged, and the time taken.
"""
from __future__ import annotations

import argparse
import time

import pandas as pd

from benchmarks.stages import load_ocean
from ecosystem.measures.network.suggest import evaluate_link_prediction
from ecosystem.reference import datapaths


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", default="0,1,2")
    args = ap.parse_args(argv)
    if datapaths.data_file("un_ocean_commitments", "ocean_commitments.jsonl") is None:
        print("link prediction: Ocean registry not found (set ECOSYSTEM_DATA); skipped")
        return 0
    reg = load_ocean()
    runs = []
    for seed in (int(s) for s in args.seeds.split(",")):
        t = time.perf_counter()
        res = evaluate_link_prediction(reg, hide=0.1, k=10, seed=seed)
        res["seed"], res["seconds"] = seed, time.perf_counter() - t
        runs.append(res)
    table = pd.concat(runs)
    summary = (table.groupby("method", sort=False)
               .agg(precision_at_10=("precision_at_k", "mean"), sd=("precision_at_k", "std"),
                    actors=("actors", "mean"))
               .reset_index())
    base = summary.set_index("method")["precision_at_10"]
    summary["x_random"] = summary["precision_at_10"] / base["random"]
    summary["x_popularity"] = summary["precision_at_10"] / base["popularity"]
    print(f"Link prediction on the Ocean registry: 10% of ties hidden, precision@10, "
          f"seeds {args.seeds} ({table['seconds'].mean():.1f} s per run)")
    print(summary.to_string(index=False, float_format=lambda v: f"{v:.4f}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
