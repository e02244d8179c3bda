"""Benchmark the overlap analyses: candidate recall and speed, Ocean and synthetic 70k.

Usage::

    python -m benchmarks.overlap_bench                    # Ocean + 70k
    python -m benchmarks.overlap_bench --sizes ocean,7000 # a subset

What it measures
----------------
* **Ocean** (real registry, 2,650 initiatives, 3.5M pairs): the recall of the
  candidate step of :func:`ecosystem.measures.coordination.overlap.initiative_pairs` against the
  exhaustive comparison of all pairs, at ``min_score`` 0.4, 0.5, 0.6 with the
  default text floor and at 0.5 without it; then the time of
  ``initiative_pairs``, ``duplicate_clusters`` and ``crowding``.
* **Synthetic** (``benchmarks.synthetic.synthetic_registry``: the baseline's
  actors, hubs, SDGs, countries and dates) with text added here — titles and
  descriptions drawn from a Zipf vocabulary with topics — and 2% **planted
  near-duplicates** (a copy of an initiative with the same actors, targets,
  places and dates, one title word and a tenth of the description words
  replaced). Reported: time and peak memory of each stage, the recall of the
  candidate step estimated by comparing 1,000 random initiatives against all
  others (:func:`ecosystem.measures.coordination.candidate_recall.candidate_recall` with ``sample``), and the
  share of planted pairs found as near-duplicate registrations.

Per stage: wall seconds and the stage's peak RSS (VmHWM reset before each
stage, as in :mod:`benchmarks.run`). Results go to ``benchmarks/results/``.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time

import numpy as np
import pandas as pd

from benchmarks.run import RESULTS
from benchmarks.stages import Stage, load_ocean, parse_targets, run_stages

RECALL_SETTINGS = [(0.4, 0.2), (0.5, 0.2), (0.6, 0.2), (0.5, 0.0)]  # (min_score, min_text)
SAMPLE = 1000
PLANTED_SHARE = 0.02


# ----------------------------------------------------------------- synthetic text

def _words(n: int) -> np.ndarray:
    """``n`` distinct letter-only words (zz + base-26), never English stop words."""
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    out = []
    for k in range(n):
        s, x = "", k
        while True:
            s = letters[x % 26] + s
            x //= 26
            if x == 0:
                break
        out.append("zz" + s)
    return np.array(out, dtype=object)


def _zipf(rng, n: int, pool: int, exponent: float) -> np.ndarray:
    cdf = np.cumsum(np.arange(1, pool + 1, dtype=np.float64) ** -exponent)
    return np.searchsorted(cdf / cdf[-1], rng.random(n), side="right")


def _texts(rng, n: int, lengths: np.ndarray, topic: np.ndarray, vocab: np.ndarray,
           topic_words: np.ndarray, topic_share: float) -> list[str]:
    """Documents of the given lengths: words from the topic's list or the global Zipf."""
    total = int(lengths.sum())
    owner = np.repeat(np.arange(n), lengths)
    from_topic = rng.random(total) < topic_share
    word = vocab[_zipf(rng, total, len(vocab), 1.05)]
    tw = topic_words[topic[owner], _zipf(rng, total, topic_words.shape[1], 0.9)]
    word = np.where(from_topic, tw, word)
    cut = np.cumsum(lengths)[:-1]
    return [" ".join(part) for part in np.split(word, cut)]


def synthetic_with_text(n: int, seed: int = 0):
    """Synthetic registry with titles, descriptions and planted near-duplicates.

    Returns ``(registry, planted)`` where ``planted`` lists (original, copy)
    initiative ids.
    """
    from benchmarks.synthetic import synthetic_registry
    from ecosystem.model import conform

    reg = synthetic_registry(n, seed=seed)
    rng = np.random.default_rng(seed + 1)
    vocab = _words(30_000)
    topics = 400
    topic_words = vocab[rng.integers(0, len(vocab), size=(topics, 300))]
    topic = rng.integers(0, topics, size=n)
    titles = _texts(rng, n, rng.integers(8, 13, size=n), topic, vocab, topic_words, 0.8)
    desc_len = np.clip(rng.lognormal(4.2, 0.6, size=n).astype(int), 10, 600)
    descs = _texts(rng, n, desc_len, topic, vocab, topic_words, 0.5)
    ini = reg.initiatives.assign(title=titles, description=descs)

    # planted near-duplicates: copy, change one title word and a tenth of the description
    k = int(PLANTED_SHARE * n)
    src = rng.choice(n, size=k, replace=False)
    src_ids = ini["initiative_id"].to_numpy(dtype=object)[src]
    new_ids = np.array([f"D{x}" for x in range(k)], dtype=object)
    copies = ini.iloc[src].copy()
    copies["initiative_id"] = new_ids
    copies["record_id"] = new_ids
    t_new, d_new = [], []
    for t, d in zip(copies["title"], copies["description"]):
        tw = t.split()
        tw[rng.integers(len(tw))] = vocab[rng.integers(len(vocab))]
        dw = np.array(d.split(), dtype=object)
        swap = rng.random(len(dw)) < 0.1
        dw[swap] = vocab[rng.integers(0, len(vocab), size=int(swap.sum()))]
        t_new.append(" ".join(tw))
        d_new.append(" ".join(dw))
    copies["title"], copies["description"] = t_new, d_new
    rename = dict(zip(src_ids, new_ids))

    def copied(df: pd.DataFrame) -> pd.DataFrame:
        part = df[df["initiative_id"].isin(rename)].copy()
        part["initiative_id"] = part["initiative_id"].map(rename)
        if "record_id" in part.columns:
            part["record_id"] = part["initiative_id"]
        return pd.concat([df, part], ignore_index=True)

    reg = reg.replace(
        initiatives=conform("initiatives", pd.concat([ini, copies], ignore_index=True)),
        ties=copied(reg.ties), initiative_goals=copied(reg.initiative_goals),
        initiative_targets=copied(reg.initiative_targets),
        initiative_places=copied(reg.initiative_places), deliverables=copied(reg.deliverables))
    return reg, list(zip(src_ids, new_ids))


# ----------------------------------------------------------------- stages

def _load(ctx):
    if ctx["target"] == "ocean":
        ctx["reg"] = load_ocean()
        return "ecosystem.load(ocean_commitments.jsonl)"
    ctx["reg"], ctx["planted"] = synthetic_with_text(ctx["target"], ctx["seed"])
    return f"synthetic_registry + text, {len(ctx['planted'])} planted near-duplicates"


def _recall(ctx, min_score, min_text, sample=None):
    from ecosystem.measures.coordination.candidate_recall import candidate_recall

    r = candidate_recall(ctx["reg"], min_score=min_score, min_text=min_text, sample=sample)
    ctx.setdefault("recall", []).append({k: v for k, v in r.items() if k != "missed"}
                                        | {"min_score": min_score, "min_text": min_text})
    return (f"recall {r['recall']:.4f} ({r['found']:,} of {r['pairs_above']:,} pairs ≥ "
            f"{min_score} with text ≥ {min_text}; {r['pairs_compared']:,} pairs compared); "
            f"{r['candidates']:,} candidates = {r['candidates'] / r['all_pairs']:.2%} of all "
            f"pairs; candidates {r['candidate_seconds']:.1f} s, exhaustive "
            f"{r['exhaustive_seconds']:.1f} s")


def _pairs(ctx):
    from ecosystem.measures.coordination.overlap import initiative_pairs

    p = initiative_pairs(ctx["reg"])
    note = f"{len(p):,} pairs with score ≥ 0.5 and text ≥ 0.2"
    planted = ctx.get("planted")
    if planted:
        found = set(zip(p["initiative_a"], p["initiative_b"]))
        hit = sum(1 for a, b in planted if (a, b) in found or (b, a) in found)
        ctx["planted_in_pairs"] = hit
        note += f"; planted near-duplicates among them: {hit:,} of {len(planted):,}"
    return note


def _duplicates(ctx):
    from ecosystem.measures.coordination.duplicates import duplicate_clusters

    d = duplicate_clusters(ctx["reg"])
    ctx["duplicates"] = d
    kinds = d.groupby("kind")["cluster"].nunique().to_dict()
    note = ", ".join(f"{v:,} {k} clusters" for k, v in kinds.items()) or "no clusters"
    planted = ctx.get("planted")
    if planted:
        together = {}
        for kind, part in d.groupby("kind"):
            cluster = dict(zip(part["initiative_id"], part["cluster"]))
            together[kind] = sum(1 for a, b in planted
                                 if a in cluster and cluster[a] == cluster.get(b))
        ctx["planted_found"] = together
        note += "; planted near-duplicates clustered: " + ", ".join(
            f"{v:,} of {len(planted):,} as {k}" for k, v in together.items())
    return note


def _crowding(ctx):
    from ecosystem.measures.coordination.crowding import crowding

    c = crowding(ctx["reg"], place_kind="country")
    return f"{len(c):,} target × country cells, {int(c['flag'].sum()):,} flagged"


def stages(target) -> list[Stage]:
    out = [Stage("load", _load, pipeline=False)]
    if target == "ocean":
        out += [Stage(f"candidate recall (score ≥ {s}, text ≥ {t})",
                      lambda ctx, s=s, t=t: _recall(ctx, s, t), pipeline=False)
                for s, t in RECALL_SETTINGS]
    else:
        out.append(Stage(f"candidate recall, {SAMPLE} sampled initiatives",
                         lambda ctx: _recall(ctx, 0.5, 0.2, SAMPLE), pipeline=False))
    out += [Stage("initiative_pairs", _pairs), Stage("duplicate_clusters", _duplicates),
            Stage("crowding (country)", _crowding)]
    return out


def bench(target, seed: int = 0) -> dict:
    ctx = {"target": target, "seed": seed}
    rows = run_stages(stages(target), ctx)
    return {"target": target, "rows": rows, "recall": ctx.get("recall", []),
            "planted": len(ctx.get("planted", [])), "planted_in_pairs": ctx.get("planted_in_pairs"),
            "planted_clustered": ctx.get("planted_found"),
            "process_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def table(results: list[dict]) -> str:
    lines = ["| registry | stage | seconds | peak MB | note |", "|---|---|---|---|---|"]
    for res in results:
        for r in res["rows"]:
            sec = "–" if r["seconds"] is None else f"{r['seconds']:.1f}"
            lines.append(f"| {res['target']} | {r['stage']} | {sec} | {r['peak_mb']:.0f} | "
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
        t0 = time.perf_counter()
        res = bench(target, args.seed)
        res["total_seconds"] = time.perf_counter() - t0
        results.append(res)
        print(table([res]), flush=True)
    out = table(results)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"overlap-{stamp}.json").write_text(json.dumps(results, indent=1, default=str))
    (RESULTS / f"overlap-{stamp}.md").write_text(out + "\n")
    failed = any(r["status"] == "error" for res in results for r in res["rows"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
