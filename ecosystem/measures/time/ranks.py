"""Rank stability: do the same hubs and brokers stay on top from one period to the next?

In each period's network (:mod:`ecosystem.measures.time.turnover`) actors are
ranked as **hubs** by their tie strength under Newman's collaboration weights, the
number of the period's initiatives they share with partners (Newman 2001; by the number of
partners, the members of the period's largest initiative would head the list: one
initiative of 150 members gives each 149 partners), and as **brokers** by
betweenness (hop counts; :func:`ecosystem.measures.network.betweenness.betweenness_centrality`:
exact when its cost is under 5·10⁶ steps, else estimated from seeded random pivots, which
keeps the order of the top brokers; Brandes & Pich 2007). For each pair of consecutive periods
the ranks of the actors in either period's top ``top`` are compared with
Spearman's ρ and Kendall's τ-b (an actor absent from a period ranks after every
active one there; ties share their mean rank). ρ = 1: the same order; ρ near 0:
the top is reshuffled.

References
----------
Spearman, C. (1904). The proof and measurement of association between two
things. *American Journal of Psychology* 15(1): 72–101.

Brandes, U. & Pich, C. (2007). Centrality estimation in large networks. *International
Journal of Bifurcation and Chaos* 17(7): 2303–2318.

Kendall, M. G. (1938). A new measure of rank correlation. *Biometrika* 30(1/2): 81–93.

Newman, M. E. J. (2001). Scientific collaboration networks. II. Shortest paths, weighted
networks, and centrality. *Physical Review E* 64, 016132.

Examples
--------
>>> import pandas as pd
>>> scores = pd.DataFrame({"p1": [3.0, 2.0, 1.0, 0.0], "p2": [3.0, 1.0, 2.0, 0.0]},
...                       index=list("abcd"))
>>> r = compare_ranks(scores, top=2)
>>> r[["period_from", "period_to", "actors_compared"]].to_numpy().tolist()
[['p1', 'p2', 3]]
>>> round(float(r["spearman"].iloc[0]), 3), round(float(r["kendall"].iloc[0]), 3)
(0.5, 0.333)
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ecosystem.graphs.edge_arrays import graph_from_edges
from ecosystem.measures.network.betweenness import betweenness_centrality
from ecosystem.measures.time.rank_correlation import kendall_tau_b, spearman_rho
from ecosystem.measures.time.turnover import PeriodNetworks

__all__ = ["MEASURES", "compare_ranks", "movers", "period_scores", "rank_stability"]

#: The ranked measures: name → what it scores, in words.
MEASURES = {"hub": "initiatives shared with partners", "broker": "betweenness"}


def period_scores(nets: PeriodNetworks, measure: str = "hub", *, which: list | None = None,
                  exact_budget: int = 5_000_000, seed: int = 0) -> pd.DataFrame:
    """Actor × period scores (NaN where the actor is not active in the period).

    Index: actor ids of actors active in some period; columns: period labels
    (the positions ``which``, default all).
    """
    n = len(nets.actor_ids)
    cols = {}
    labels = nets.table["period"].tolist()
    for k in range(len(labels)) if which is None else which:
        label = labels[k]
        u, v = nets.ends(k)
        active = nets.active_actors[k]
        if measure == "hub":
            score = nets.strength[k].astype(float)
        else:
            score = np.zeros(n)
            keep = np.flatnonzero(active)
            if len(u):
                pos = np.full(n, -1)
                pos[keep] = np.arange(len(keep))
                g = graph_from_edges(len(keep), pos[u], pos[v])
                score[keep] = betweenness_centrality(g, exact_budget=exact_budget,
                                                     seed=seed).values
        cols[label] = np.where(active, score, np.nan)
    out = pd.DataFrame(cols, index=nets.actor_ids)
    return out[out.notna().any(axis=1)]


def _ranks(col: pd.Series, method: str = "average") -> pd.Series:
    """Rank 1 = highest score; absent actors rank after every present one. Ties share their
    mean rank (``"average"``, for the rank correlations) or their best (``"min"``: 1, 2, 2, 4)."""
    r = col.rank(ascending=False, method=method)
    return r.fillna(col.notna().sum() + 1)


def compare_ranks(scores: pd.DataFrame, *, top: int = 10) -> pd.DataFrame:
    """Spearman ρ and Kendall τ-b of consecutive periods over their top ``top`` actors.

    Returns
    -------
    DataFrame
        ``period_from``, ``period_to``, ``actors_compared``, ``top_kept`` (actors
        in both top lists), ``spearman``, ``kendall``; pairs where either period
        has fewer than two active actors are left out.
    """
    rows = []
    labels = list(scores.columns)
    ids = scores.index.to_numpy(dtype=object)
    where = {k: i for i, k in enumerate(ids.tolist())}
    ranked = {c: _ranks(scores[c]).to_numpy(dtype=float) for c in labels}
    present = {c: scores[c].notna().to_numpy() for c in labels}

    def top_of(c: str) -> set:
        """The ``top`` best ranked present actors (ties: the first listed, as nsmallest)."""
        have = np.flatnonzero(present[c])
        return set(ids[have[np.argsort(ranked[c][have], kind="stable")[:top]]].tolist())

    for a, b in zip(labels, labels[1:]):
        if present[a].sum() < 2 or present[b].sum() < 2:
            continue
        top_a, top_b = top_of(a), top_of(b)
        union = sorted(top_a | top_b)
        pos = np.array([where[k] for k in union], dtype=np.int64)
        ra, rb = ranked[a][pos], ranked[b][pos]
        # a constant ranking has no correlation: NaN (scipy.stats' values, without its import)
        rho = spearman_rho(ra, rb) if len(union) > 2 else np.nan
        tau = kendall_tau_b(ra, rb) if len(union) > 2 else np.nan
        rows.append({"period_from": a, "period_to": b, "actors_compared": len(union),
                     "top_kept": len(top_a & top_b), "spearman": float(rho),
                     "kendall": float(tau)})
    return pd.DataFrame(rows, columns=["period_from", "period_to", "actors_compared",
                                       "top_kept", "spearman", "kendall"])


def movers(scores: pd.DataFrame, first: str, last: str, *, top: int = 10) -> pd.DataFrame:
    """Actors in the top ``top`` of ``first`` or ``last``, with their ranks and the change.

    Ranks as a league table writes them: tied actors share the best rank of their tie (1, 2,
    2, 4), and ``tied_first`` / ``tied_last`` say that an actor shares its rank.

    Returns
    -------
    DataFrame
        ``actor_id``, ``rank_first``, ``rank_last`` (NaN when not active), ``change``
        (positive: rose), ``tied_first``, ``tied_last``; sorted by change, largest rise
        first.

    Examples
    --------
    >>> scores = pd.DataFrame({"p1": [1.0, 1.0, 5.0], "p2": [4.0, 1.0, 2.0]}, index=list("abc"))
    >>> movers(scores, "p1", "p2", top=3).to_numpy().tolist()
    [['a', 2.0, 1.0, 1.0, True, False], ['b', 2.0, 3.0, -1.0, True, False], \
['c', 1.0, 2.0, -1.0, False, False]]
    """
    ra, rb = _ranks(scores[first], "min"), _ranks(scores[last], "min")
    pick = set(ra[scores[first].notna()].nsmallest(top).index) | \
        set(rb[scores[last].notna()].nsmallest(top).index)
    pick = sorted(pick)
    on_first, on_last = scores.loc[pick, first].notna(), scores.loc[pick, last].notna()
    out = pd.DataFrame({"actor_id": pick,
                        "rank_first": ra[pick].where(on_first).to_numpy(),
                        "rank_last": rb[pick].where(on_last).to_numpy(),
                        "change": (ra[pick] - rb[pick]).to_numpy(),
                        "tied_first": (on_first & scores[first].duplicated(keep=False)[pick]
                                       ).to_numpy(),
                        "tied_last": (on_last & scores[last].duplicated(keep=False)[pick]
                                      ).to_numpy()})
    return out.sort_values(["change", "actor_id"], ascending=[False, True]).reset_index(drop=True)


def rank_stability(nets: PeriodNetworks, *, top: int = 10, min_actors: int | None = None
                   ) -> dict[str, pd.DataFrame]:
    """Hub and broker rank stability: per measure the scores, the comparisons and the movers.

    Parameters
    ----------
    nets : PeriodNetworks
    top : int
        Size of the top list compared.
    min_actors : int, optional
        Periods with fewer active actors are left out (default ``2 * top`` or a
        tenth of the busiest period's actors, whichever is more: the first years of
        a registry, with a handful of actors, would make the ranks noise).

    Returns
    -------
    dict
        ``"<measure>_scores"``, ``"<measure>_stability"`` and
        ``"<measure>_movers"`` (first kept period vs last) for ``hub`` and ``broker``.
    """
    active = nets.active_actors.sum(axis=1)
    busiest = int(active.max()) if len(active) else 0
    floor = max(2 * top, -(-busiest // 10)) if min_actors is None else min_actors
    keep = np.flatnonzero(active >= floor).tolist()
    out = {}
    for measure in MEASURES:
        scores = period_scores(nets, measure, which=keep)
        out[f"{measure}_scores"] = scores
        out[f"{measure}_stability"] = compare_ranks(scores, top=top)
        out[f"{measure}_movers"] = (movers(scores, scores.columns[0], scores.columns[-1], top=top)
                                    if scores.shape[1] > 1 else pd.DataFrame(
                                        columns=["actor_id", "rank_first", "rank_last",
                                                 "change", "tied_first", "tied_last"]))
    return out
