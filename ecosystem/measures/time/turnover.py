"""Turnover: who and which ties enter, persist and leave from one period to the next.

For each period the network is the co-membership projection of the initiatives
active in it (:func:`ecosystem.measures.time.periods.active_matrix`): two actors
are tied when they take part in an initiative active in the period; an actor is
active when it takes part in one.

Per period
----------
``actors_entering``
    active now, not in the previous period (``actors_new``: never before);
``actors_persisting``, ``actors_leaving``
    active in both periods; active in the previous period, not now;
``ties_formed``, ``ties_persisting``, ``ties_dissolved``
    the same for ties;
``tie_jaccard``
    overlap of consecutive tie sets, |E_t ∩ E_{t−1}| / |E_t ∪ E_{t−1}| (Jaccard 1912);
``density``
    ties over possible pairs of active actors, 2m / (n(n − 1));
``centralisation``
    Freeman's degree centralisation, Σ_i (d_max − d_i) / ((n − 1)(n − 2)) over the
    active actors (1 for a star, 0 when every actor has the same degree; Freeman 1978).

Tie duration: each tie's spells, the runs of consecutive periods it is present
(:func:`spells`).

References
----------
Freeman, L. C. (1978). Centrality in social networks: conceptual clarification.
*Social Networks* 1(3): 215–239.

Jaccard, P. (1912). The distribution of the flora in the alpine zone. *New
Phytologist* 11(2): 37–50.

Newman, M. E. J. (2001). Scientific collaboration networks. II. Shortest paths, weighted
networks, and centrality. *Physical Review E* 64, 016132.

Examples
--------
Actors a, b share i1 (2018); b, c share i2 (2019, 2020):

>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> from ecosystem.measures.time.periods import initiative_spans, periods
>>> reg = Registry.from_frames(
...     actors=pd.DataFrame({"actor_id": list("abc"), "name": list("ABC"), "actor_type": "ngo"}),
...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2"], "registry": "r",
...                               "record_id": ["1", "2"], "kind": "partnership",
...                               "start": ["2018-01-01", "2019-01-01"],
...                               "end": ["2018-12-31", "2020-12-31"]}),
...     ties=pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i2"],
...                        "actor_id": ["a", "b", "b", "c"], "role": "partner",
...                        "registry": "r", "record_id": "1"}))
>>> s = initiative_spans(reg, as_of="2020-12-31")
>>> nets = period_networks(reg, s, periods(s))
>>> t = turnover_table(nets)
>>> t[["period", "actors", "actors_entering", "actors_leaving", "ties_formed",
...    "ties_dissolved"]].to_numpy().tolist()
[['2018', 2, 2, 0, 1, 0], ['2019', 2, 1, 1, 1, 1], ['2020', 2, 0, 0, 0, 0]]
>>> nets.strength.tolist()  # per period: a, b, c's initiatives shared with partners
[[1, 1, 0], [0, 1, 1], [0, 1, 1]]
>>> spells(nets, "ties")[["source", "target", "periods"]].to_numpy().tolist()
[['a', 'b', 1], ['b', 'c', 2]]
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecosystem.graphs import incidence_matrix
from ecosystem.measures.time.periods import active_matrix
from ecosystem.model import Registry

__all__ = ["PeriodNetworks", "period_networks", "spells", "tie_duration", "turnover_table"]


@dataclass
class PeriodNetworks:
    """The actor network of every period.

    Attributes
    ----------
    table : DataFrame
        The periods (``period``, ``start``, ``end``).
    spans : DataFrame
        :func:`ecosystem.measures.time.periods.initiative_spans`.
    actor_ids : ndarray of str
        ``reg.actors`` order; pair codes index into it.
    active_initiatives, active_actors : ndarray of bool
        (periods × initiatives), (periods × actors).
    pairs : list of ndarray of int64
        Per period, the ties as sorted codes ``u * n_actors + v`` (u < v).
    shared : list of ndarray
        Per period, the initiatives each tie shares (in ``pairs`` order).
    strength : ndarray of int
        (periods × actors): the initiatives active in the period an actor shares with
        partners, its tie strength under Newman's collaboration weights
        s_i = Σ_j Σ_k 1/(n_k − 1) over the initiatives k of n_k ≥ 2 members it shares with
        each partner j (Newman 2001): a large initiative counts once, not once per member.
    """

    table: pd.DataFrame
    spans: pd.DataFrame
    actor_ids: np.ndarray
    active_initiatives: np.ndarray
    active_actors: np.ndarray
    pairs: list
    shared: list
    strength: np.ndarray

    def ends(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Row numbers (into :attr:`actor_ids`) of the two ends of period ``k``'s ties."""
        n = len(self.actor_ids)
        return self.pairs[k] // n, self.pairs[k] % n


def period_networks(reg: Registry, spans: pd.DataFrame, table: pd.DataFrame) -> PeriodNetworks:
    """Each period's active initiatives, actors and ties (see the module docstring)."""
    B, actor_ids, _ = incidence_matrix(reg)
    B = sp.csc_matrix(B)
    active = active_matrix(spans, table)
    n = len(actor_ids)
    acts, pairs, shared, strength = [], [], [], []
    for row in active:
        sub = B[:, np.flatnonzero(row)]
        acts.append(np.asarray(sub.getnnz(axis=1) > 0))
        strength.append(sub[:, sub.getnnz(axis=0) >= 2].getnnz(axis=1))
        c = sp.triu(sub @ sub.T, k=1).tocoo()
        code = c.row.astype(np.int64) * n + c.col.astype(np.int64)
        order = np.argsort(code)
        pairs.append(code[order])
        shared.append(c.data[order].astype(np.int64))
    acts_arr = np.vstack(acts) if acts else np.zeros((0, n), dtype=bool)
    strength_arr = np.vstack(strength) if strength else np.zeros((0, n), dtype=np.int64)
    return PeriodNetworks(table, spans, actor_ids, active, acts_arr, pairs, shared, strength_arr)


def _centralisation(n: int, ends: tuple[np.ndarray, np.ndarray], active: np.ndarray) -> float:
    if active.sum() < 3:
        return float("nan")
    deg = np.bincount(np.concatenate(ends), minlength=n)[active]
    k = len(deg)
    return float((deg.max() - deg).sum() / ((k - 1) * (k - 2)))


def turnover_table(nets: PeriodNetworks) -> pd.DataFrame:
    """One row per period: initiatives, actors and ties active, entering, persisting, leaving.

    Returns
    -------
    DataFrame
        ``period``, ``start``, ``end``, ``initiatives``, ``started``, ``ended``,
        ``actors``, ``actors_entering``, ``actors_new``, ``actors_persisting``,
        ``actors_leaving``, ``ties``, ``ties_formed``, ``ties_persisting``,
        ``ties_dissolved``, ``tie_jaccard``, ``density``, ``centralisation``
        (the first period's persisting and leaving are 0, its Jaccard NaN).
    """
    t = nets.table.copy()
    s = nets.spans
    ok = (s["dated"] & ~s["announced"]).to_numpy(dtype=bool)
    start = s["start"].to_numpy(dtype="datetime64[ns]")
    end = s["end"].to_numpy(dtype="datetime64[ns]")
    closed = ok & ~s["open_end"].to_numpy(dtype=bool)
    ps, pe = (t[c].to_numpy(dtype="datetime64[ns]")[:, None] for c in ("start", "end"))
    t["initiatives"] = nets.active_initiatives.sum(axis=1)
    t["started"] = (ok & (start >= ps) & (start <= pe)).sum(axis=1)
    t["ended"] = (closed & (end >= ps) & (end <= pe)).sum(axis=1)
    acts = nets.active_actors
    seen = np.zeros(acts.shape[1], dtype=bool)
    rows = []
    n = len(nets.actor_ids)
    for k in range(len(t)):
        now, before = acts[k], acts[k - 1] if k else np.zeros_like(acts[k])
        e_now = nets.pairs[k]
        e_before = nets.pairs[k - 1] if k else np.zeros(0, np.int64)
        kept = np.intersect1d(e_now, e_before, assume_unique=True).size
        union = e_now.size + e_before.size - kept
        m, a = e_now.size, int(now.sum())
        rows.append({
            "actors": a, "actors_entering": int((now & ~before).sum()),
            "actors_new": int((now & ~seen).sum()),
            "actors_persisting": int((now & before).sum()),
            "actors_leaving": int((before & ~now).sum()),
            "ties": m, "ties_formed": m - kept, "ties_persisting": kept,
            "ties_dissolved": e_before.size - kept,
            "tie_jaccard": kept / union if k and union else float("nan"),
            "density": 2 * m / (a * (a - 1)) if a > 1 else float("nan"),
            "centralisation": _centralisation(n, nets.ends(k), now)})
        seen |= now
    return pd.concat([t.reset_index(drop=True), pd.DataFrame(rows)], axis=1)


def _runs(codes: np.ndarray, period: np.ndarray) -> pd.DataFrame:
    """Runs of consecutive periods per code: ``code``, ``first``, ``last``."""
    order = np.lexsort((period, codes))
    c, p = codes[order], period[order]
    new = np.ones(len(c), dtype=bool)
    new[1:] = (c[1:] != c[:-1]) | (p[1:] != p[:-1] + 1)
    run = np.cumsum(new) - 1
    first = p[new]
    last = np.zeros(len(first), dtype=p.dtype)
    np.maximum.at(last, run, p)
    return pd.DataFrame({"code": c[new], "first": first, "last": last})


def spells(nets: PeriodNetworks, what: str = "ties") -> pd.DataFrame:
    """Spells of each tie (``what="ties"``) or actor (``"actors"``): runs of consecutive periods.

    Returns
    -------
    DataFrame
        ``source``, ``target`` (ties) or ``actor_id`` (actors); ``first``,
        ``last`` (period positions), ``start``, ``end`` (the first period's
        start, the last one's end), ``periods`` (length of the run); sorted by
        the ids, then ``first``.
    """
    if what == "ties":
        codes = np.concatenate(nets.pairs) if nets.pairs else np.zeros(0, np.int64)
        period = np.concatenate([np.full(len(p), k) for k, p in enumerate(nets.pairs)]) \
            if nets.pairs else np.zeros(0, np.int64)
    else:
        period, codes = np.nonzero(nets.active_actors)
    r = _runs(codes.astype(np.int64), period.astype(np.int64))
    ids = nets.actor_ids
    t = nets.table
    out = pd.DataFrame({"first": r["first"], "last": r["last"],
                        "start": t["start"].to_numpy()[r["first"]],
                        "end": t["end"].to_numpy()[r["last"]],
                        "periods": r["last"] - r["first"] + 1})
    labels = pd.Series(ids).array  # the ids as a column once; rows take from it (no copies)
    code = r["code"].to_numpy()
    if what == "ties":
        n = len(ids)
        out.insert(0, "target", labels.take(code % n))
        out.insert(0, "source", labels.take(code // n))
        keys = ["source", "target", "first"]
    else:
        out.insert(0, "actor_id", labels.take(code))
        keys = ["actor_id", "first"]
    if len(ids) > 1 and not (ids[1:] > ids[:-1]).all():  # else the runs are in id order
        out = out.sort_values(keys)
    return out.reset_index(drop=True)


def tie_duration(tie_spells: pd.DataFrame) -> pd.DataFrame:
    """How long ties last: spells by length in periods (``periods``, ``ties``, ``share``).

    Examples
    --------
    >>> s = pd.DataFrame({"periods": [1, 1, 3]})
    >>> tie_duration(s).to_numpy().tolist()
    [[1.0, 2.0, 0.6666666666666666], [3.0, 1.0, 0.3333333333333333]]
    """
    counts = tie_spells["periods"].value_counts().sort_index()
    total = counts.sum()
    return pd.DataFrame({"periods": counts.index.to_numpy(), "ties": counts.to_numpy(),
                         "share": counts.to_numpy() / total if total else counts.to_numpy()})
