"""Recall of the overlap candidate step: exhaustive comparison of all initiative pairs.

:func:`ecosystem.measures.coordination.overlap.initiative_pairs` scores only
candidate pairs (:mod:`ecosystem.measures.coordination.candidates`). Here
:func:`exhaustive_pairs` compares all pairs (for registries of up to
:data:`EXHAUSTIVE_LIMIT` initiatives) and :func:`candidate_recall` measures what
share of the exhaustive pairs above the thresholds the candidate step finds;
``make bench`` prints it for the Ocean registry (``benchmarks/overlap_bench.py``)::

    recall = |candidate pairs above the thresholds| / |all pairs above the thresholds|

On the Ocean registry (2,650 initiatives, 3.5M pairs, 71k candidates = 2% of
the pairs) it
is 1.0 at ``min_score`` 0.4, 0.5 and 0.6 with the text floor (671, 346 and 127
pairs), and 0.98 (491 of 500) at 0.5 without it: the 9 misses share only a hub
actor (the European Union, the European Commission, FAO), which the candidate
step treats as a stop-word, and have text cosines of 0.08–0.13.

Examples
--------
Two coral-reef projects in Fiji sharing an actor and a target, and an
unrelated third one: three pairs in all, one above ``min_score`` 0.3, found by
the candidate step.

>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> ids = ["i1", "i2", "i3"]
>>> reg = Registry.from_frames(
...     actors=pd.DataFrame({"actor_id": list("abc"), "name": list("ABC"),
...                          "actor_type": "ngo"}),
...     initiatives=pd.DataFrame({
...         "initiative_id": ids, "registry": "r", "record_id": ids, "kind": "partnership",
...         "title": ["Coral reef restoration in Fiji", "Restoring Fiji coral reefs",
...                   "Ocean acidification monitoring"]}),
...     ties=pd.DataFrame({"initiative_id": ids, "actor_id": ["a", "a", "c"],
...                        "role": "lead", "registry": "r", "record_id": ids}),
...     initiative_targets=pd.DataFrame({"initiative_id": ids, "goal": 14,
...                                      "target": ["14.2", "14.2", "14.3"]}))
>>> r = candidate_recall(reg, min_score=0.3)
>>> r["all_pairs"], r["candidates"], r["pairs_above"], r["found"], r["recall"]
(3, 1, 1, 1, 1.0)
>>> exhaustive_pairs(reg, min_score=0.3)[["initiative_a", "initiative_b"]].values.tolist()
[['i1', 'i2']]
"""
from __future__ import annotations

import time

import numpy as np
import pandas as pd

from ecosystem.dormancy import DateLike
from ecosystem.errors import AnalysisError
from ecosystem.measures.coordination.candidates import TEXT_NEIGHBOURS, candidate_pairs
from ecosystem.measures.coordination.overlap import (
    DEFAULT_MIN_SCORE,
    DEFAULT_MIN_TEXT,
    MIN_KNOWN_WEIGHT,
    check_weights,
    describe_pairs,
    overlap_features,
    pair_scores,
)
from ecosystem.measures.coordination.pair_similarity import COMPONENTS, InitiativeFeatures
from ecosystem.model import Registry

__all__ = ["exhaustive_pairs", "candidate_recall", "EXHAUSTIVE_LIMIT"]

#: Largest registry :func:`exhaustive_pairs` will compare pair by pair.
EXHAUSTIVE_LIMIT = 20_000


def _dense_jaccard(m, rows: np.ndarray):
    inter = (m[rows] @ m.T).toarray()
    size = np.diff(m.indptr).astype(float)
    union = size[rows, None] + size[None, :] - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        jac = inter / union
    jac[(size[rows, None] == 0) | (size[None, :] == 0)] = np.nan
    return jac


def _all_pairs_above(f: InitiativeFeatures, w: dict, min_score: float, min_text: float,
                     rows: np.ndarray | None = None):
    """Index pairs with score ≥ ``min_score`` and text ≥ ``min_text``, comparing all pairs.

    With ``rows``, only the pairs involving those rows (each against every other row).
    """
    n = len(f)
    block = max(1, 2_000_000 // n)
    length = f.end - f.start + 1
    empty_text = np.diff(f.text.indptr) == 0
    order = np.arange(n) if rows is None else np.unique(rows)
    found_i, found_j = [], []
    for s in range(0, len(order), block):
        r = order[s:s + block]
        comp = {"actors": _dense_jaccard(f.actors, r),
                "targets": _dense_jaccard(f.targets, r),
                "places": _dense_jaccard(f.places, r)}
        shared = (np.minimum(f.end[r, None], f.end[None, :])
                  - np.maximum(f.start[r, None], f.start[None, :]) + 1)
        with np.errstate(invalid="ignore"):
            comp["time"] = np.clip(shared, 0, None) / np.minimum(length[r, None], length[None, :])
        if f.text.shape[1]:
            cos = np.clip((f.text[r] @ f.text.T).toarray(), 0, 1)
            cos[empty_text[r, None] | empty_text[None, :]] = np.nan
        else:
            cos = np.full((len(r), n), np.nan)
        comp["text"] = cos
        num = sum(w[c] * np.nan_to_num(comp[c]) for c in COMPONENTS)
        den = sum(w[c] * ~np.isnan(comp[c]) for c in COMPONENTS)
        with np.errstate(invalid="ignore", divide="ignore"):
            score = np.where(den >= MIN_KNOWN_WEIGHT * sum(w.values()) - 1e-12, num / den,
                             np.nan)
        ok = (score >= min_score - 1e-9) & (np.nan_to_num(cos) >= min_text - 1e-9)
        ok &= (np.arange(n)[None, :] > r[:, None]) if rows is None else (
            np.arange(n)[None, :] != r[:, None])
        a, b = np.nonzero(ok)
        found_i.append(np.minimum(r[a], b))
        found_j.append(np.maximum(r[a], b))
    codes = np.unique(np.concatenate(found_i) * n + np.concatenate(found_j))
    return codes // n, codes % n


def exhaustive_pairs(reg: Registry, *, min_score: float = DEFAULT_MIN_SCORE,
                     weights: dict[str, float] | None = None,
                     min_text: float = DEFAULT_MIN_TEXT, dormant: str = "include",
                     today: DateLike = None) -> pd.DataFrame:
    """Like :func:`initiative_pairs`, but comparing every pair (no candidate step).

    Meant for measuring the candidate step's recall and for registries up to
    :data:`EXHAUSTIVE_LIMIT` initiatives (the Ocean registry: 3.5M pairs).
    Same columns as :func:`initiative_pairs`.
    """
    w = check_weights(weights)
    f = _exhaustive_features(reg, dormant, today)
    i, j = _all_pairs_above(f, w, min_score, min_text)
    return describe_pairs(f, pair_scores(f, i, j, w, min_score, min_text))


def _exhaustive_features(reg: Registry, dormant: str, today: DateLike) -> InitiativeFeatures:
    f = overlap_features(reg, dormant=dormant, today=today)
    if len(f) > EXHAUSTIVE_LIMIT:
        raise AnalysisError(
            f"exhaustive comparison of {len(f):,} initiatives ({len(f) * (len(f) - 1) // 2:,} "
            f"pairs) is too slow: use initiative_pairs, or filter to at most "
            f"{EXHAUSTIVE_LIMIT:,} initiatives")
    return f


def candidate_recall(reg: Registry, *, min_score: float = DEFAULT_MIN_SCORE,
                     weights: dict[str, float] | None = None,
                     min_text: float = DEFAULT_MIN_TEXT, dormant: str = "include",
                     today: DateLike = None, max_facet_df: int | None = None,
                     text_neighbours: int = TEXT_NEIGHBOURS, sample: int | None = None,
                     seed: int = 0) -> dict:
    """Share of the exhaustive pairs above the thresholds that the candidate step finds.

    Parameters
    ----------
    sample : int, optional
        Compare only ``sample`` initiatives drawn at random (``seed``) against
        all others, for registries too large for all pairs: an unbiased
        estimate of the recall over pairs. Default: every pair (at most
        :data:`EXHAUSTIVE_LIMIT` initiatives).

    Other parameters are those of :func:`initiative_pairs`.

    Returns
    -------
    dict
        ``initiatives``, ``all_pairs``, ``pairs_compared``, ``candidates``
        (pairs scored by :func:`initiative_pairs`), ``pairs_above``
        (exhaustive count among the pairs compared), ``found``, ``recall``
        (found / pairs_above; 1.0 when none), ``missed`` (DataFrame of the pairs
        not found, columns of :func:`initiative_pairs`), ``candidate_seconds``,
        ``exhaustive_seconds``.
    """
    w = check_weights(weights)
    if sample is None:
        f = _exhaustive_features(reg, dormant, today)
        rows = None
    else:
        f = overlap_features(reg, dormant=dormant, today=today)
        rows = np.random.default_rng(seed).choice(len(f), size=min(sample, len(f)),
                                                  replace=False)
    t0 = time.perf_counter()
    ci, cj = candidate_pairs(f, max_facet_df=max_facet_df, text_neighbours=text_neighbours)
    cand = pair_scores(f, ci, cj, w, min_score, min_text)
    t1 = time.perf_counter()
    full = pair_scores(f, *_all_pairs_above(f, w, min_score, min_text, rows), w, min_score,
                       min_text)
    t2 = time.perf_counter()
    n = len(f)
    k = n if rows is None else len(rows)
    compared = k * (n - 1) - k * (k - 1) // 2
    hit = np.isin(full["i"].to_numpy() * n + full["j"].to_numpy(),
                  cand["i"].to_numpy() * n + cand["j"].to_numpy())
    return {
        "initiatives": n, "all_pairs": n * (n - 1) // 2, "pairs_compared": compared,
        "candidates": len(ci),
        "pairs_above": len(full), "found": int(hit.sum()),
        "recall": float(hit.mean()) if len(full) else 1.0,
        "missed": describe_pairs(f, full[~hit].reset_index(drop=True)),
        "candidate_seconds": t1 - t0, "exhaustive_seconds": t2 - t1,
    }
