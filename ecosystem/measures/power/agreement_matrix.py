"""The Agreement Matrix of a whole registry: partner pairs split at the median, against a null.

:func:`ecosystem.measures.power.agreement.agreement_pairs` scores a pair of
actors on agreement about goals and about means (cosines of their profiles).
Against fixed thresholds the quadrants do not discriminate: partners share at
least one initiative, so part of their profiles is common by construction, and
in a registry built around one goal nearly every partner pair is "high" on
both axes (on the UN Ocean commitments, 11,150 of 11,442 tied pairs of actors
with three or more commitments fell in quadrant II at 0.5). A pair's agreement
says something only against what is usual, so :func:`agreement_matrix` reads
it that way.

Rule
----
Pairs placed
    Actors tied by a shared initiative (partners), both with at least
    ``min_initiatives`` initiatives: a portfolio of their own, so that two
    one-initiative co-members, who agree by construction, are left out.
Quadrant thresholds
    The median partner pair: agreement on goals (on means) at or above the
    median over the partner pairs where it is measurable is *high*. About
    half the pairs are high on each axis; the quadrants then say which
    partnerships agree more, or less, than is usual in this registry.
Null expectations
    *Unrelated axes*: if agreement on goals and on means were independent,
    a quadrant would hold the product of its two marginal shares (a quarter
    each at an exact median split); II and IV above that mean the two axes go
    together. *Random pairing*: every pair of the same actors, tied or not (a
    seeded uniform sample of ``null_pairs`` pairs when there are more), placed
    at the same thresholds; the gap between partners and random pairs is what
    partnering adds to agreement.
Not placed
    Pairs where an axis cannot be measured (an actor records no SDG target
    or goal) are counted apart. When fewer than ``min_pairs`` partner pairs
    can be placed, a median split says nothing and :class:`AnalysisError`
    gives the reason (for example, a registry that records no SDG target or
    goal at all: IATI activities, 360Giving grants, 3W presence).

References
----------
Christensen, C. M., Marx, M. & Stevenson, H. H. (2006). The tools of
cooperation and change. *Harvard Business Review* 84(10), 72–80.
Mancini, F. Managing partnership. *International Peacekeeping* (the
Agreement Matrix adapted to partnerships).

Examples
--------
See :func:`agreement_matrix`.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ecosystem.errors import AnalysisError
from ecosystem.graphs import incidence_matrix
from ecosystem.measures.power.agreement import QUADRANTS, agreement_pairs, pair_agreements
from ecosystem.measures.power.pair_order import agreement_order
from ecosystem.measures.power.pair_profiles import pair_profiles
from ecosystem.model import Registry

__all__ = ["AgreementMatrix", "agreement_matrix", "quadrant_counts", "random_pairs",
           "random_positions"]


@dataclass(frozen=True)
class AgreementMatrix:
    """The registry's Agreement Matrix (see :func:`agreement_matrix`).

    Attributes
    ----------
    pairs : DataFrame
        The partner pairs, as :func:`~ecosystem.measures.power.agreement.agreement_pairs`
        returns them, quadrants at the median thresholds.
    quadrants : DataFrame
        One row per quadrant (I–IV): ``quadrant, tool_family, tools, pairs,
        share, unrelated_share, random_pairs, random_share, explanation``.
    thresholds : (float, float)
        The medians (goals, means) that split the quadrants.
    actors : int
        Actors with at least ``min_initiatives`` initiatives.
    placed, not_placed : int
        Partner pairs with both axes measurable, and the others.
    random_total : int
        Pairs of those actors, tied or not.
    random : DataFrame
        ``actor_a, actor_b`` (object: the ids themselves), ``goal_agreement,
        means_agreement`` of the random pairs placed, best agreement first.
    correlation : float
        Pearson correlation of goal and means agreement over the placed pairs.
    """

    pairs: pd.DataFrame
    quadrants: pd.DataFrame
    thresholds: tuple[float, float]
    actors: int
    placed: int
    not_placed: int
    random_total: int
    random: pd.DataFrame
    correlation: float


def random_pairs(ids: np.ndarray, size: int, seed: int = 0) -> pd.DataFrame:
    """Every pair of ``ids`` when there are at most ``size``, else ``size`` distinct ones at random.

    Examples
    --------
    >>> import numpy as np
    >>> len(random_pairs(np.array(list("abcd")), 10)), len(random_pairs(np.arange(100), 50))
    (6, 50)
    """
    ids = np.asarray(ids, dtype=object)
    i, j = random_positions(len(ids), size, seed)
    return pd.DataFrame({"actor_a": ids[i], "actor_b": ids[j]})


def random_positions(n: int, size: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The pairs of :func:`random_pairs` as positions ``(i, j)``, ``i < j``, in ``n`` ids.

    Examples
    --------
    >>> [x.tolist() for x in random_positions(3, 10)]
    [[0, 0, 1], [1, 2, 2]]
    """
    if n * (n - 1) // 2 <= size:
        return np.triu_indices(n, k=1)
    rng = np.random.default_rng(seed)
    keys = np.empty(0, dtype=np.int64)
    while len(keys) < size:
        ij = np.sort(rng.integers(0, n, size=(2 * size, 2)), axis=1)
        ij = ij[ij[:, 0] != ij[:, 1]]
        keys = pd.unique(np.concatenate([keys, ij[:, 0] * n + ij[:, 1]]))
    keys = keys[:size]
    return keys // n, keys % n


def quadrant_counts(goal: pd.Series, means: pd.Series,
                    thresholds: tuple[float, float]) -> pd.Series:
    """Pairs in each quadrant (I–IV) at ``thresholds`` (goals, means); unmeasurable pairs left out.

    Examples
    --------
    >>> import pandas as pd
    >>> quadrant_counts(pd.Series([0.9, 0.9, 0.1, None]), pd.Series([0.1, 0.8, 0.8, 0.5]),
    ...                 (0.5, 0.5)).to_dict()
    {'I': 1, 'II': 1, 'III': 1, 'IV': 0}
    """
    ok = goal.notna() & means.notna()
    g, m = goal[ok] >= thresholds[0], means[ok] >= thresholds[1]
    return pd.Series({q: int(((g == gh) & (m == mh)).sum())
                      for (gh, mh), (q, _, _) in QUADRANTS.items()}).sort_index()


def _random_agreements(profiles, ids: np.ndarray, size: int, seed: int) -> pd.DataFrame:
    """``actor_a, actor_b, goal_agreement, means_agreement`` of the :func:`random_pairs` of
    ``ids``, best agreement first: scored by position, without making a string per pair."""
    i, j = random_positions(len(ids), size, seed)
    at = profiles.index.get_indexer(ids)
    goal, mean, _ = pair_agreements(profiles, at[i], at[j])
    rank = np.empty(len(ids), dtype=np.int64)  # ids in string order: ties broken as by ids
    rank[np.argsort(ids, kind="stable")] = np.arange(len(ids))
    order = agreement_order(goal, mean, rank[i], rank[j])
    return pd.DataFrame({"actor_a": pd.Series(ids[i[order]], dtype=object),  # the ids held
                         "actor_b": pd.Series(ids[j[order]], dtype=object),
                         "goal_agreement": goal[order], "means_agreement": mean[order]})


def _no_goals(reg: Registry) -> bool:
    return reg.initiative_targets.empty and reg.initiative_goals.empty


def agreement_matrix(reg: Registry, *, min_initiatives: int = 3, min_pairs: int = 10,
                     null_pairs: int = 100_000, seed: int = 0,
                     dormant: str = "include") -> AgreementMatrix:
    """Partner pairs on the Agreement Matrix, split at the median pair, with two null expectations.

    Parameters
    ----------
    reg : Registry
    min_initiatives : int
        Both actors of a pair take part in at least this many initiatives.
    min_pairs : int
        Fewest partner pairs with both axes measurable for a median split.
    null_pairs : int
        Most random pairs placed for the random-pairing null (a seeded sample above).
    seed : int
        Seed of that sample.
    dormant : {"include", "exclude"}

    Raises
    ------
    AnalysisError
        No partner pair, or fewer than ``min_pairs`` measurable, with the reason.

    Examples
    --------
    Four actors of three initiatives each; a–b and c–d are partners. a and
    b pursue the same targets, c and d different ones; a–b share their
    resources, c–d less so. Split at the medians of the two partner pairs,
    a–b is high on both (II) and c–d low on both (IV):

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> inits = {"k1": "ab", "k2": "ab", "k3": "ab", "k4": "cd", "k5": "c", "k6": "d",
    ...          "k7": "cd"}
    >>> ties = pd.DataFrame([(i, x, "partner") for i, xs in inits.items() for x in xs],
    ...                     columns=["initiative_id", "actor_id", "role"]).assign(
    ...                     registry="r", record_id="1")
    >>> targets = {"k1": "14.1", "k2": "14.1", "k3": "14.2", "k4": "14.1", "k5": "14.4",
    ...            "k6": "14.7", "k7": "14.5"}
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": list("abcd"), "name": list("ABCD"),
    ...                          "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": list(inits), "registry": "r",
    ...                               "record_id": "1", "kind": "partnership"}),
    ...     initiative_targets=pd.DataFrame({"initiative_id": list(targets),
    ...                                      "target": list(targets.values()), "goal": 14}),
    ...     resources=pd.DataFrame({"initiative_id": ["k1", "k4", "k5", "k6"],
    ...                             "type": ["financing", "financing", "in_kind", "staff"]}))
    >>> m = agreement_matrix(reg, min_pairs=2)
    >>> m.pairs[["actor_a", "actor_b", "quadrant"]].values.tolist()
    [['a', 'b', 'II'], ['c', 'd', 'IV']]
    >>> m.quadrants[["quadrant", "pairs", "share", "random_pairs"]]
      quadrant  pairs  share  random_pairs
    0        I      0    0.0             0
    1       II      1    0.5             1
    2      III      0    0.0             0
    3       IV      1    0.5             5
    """
    profiles = pair_profiles(reg, dormant=dormant)  # for the partner and the random pairs
    pairs = agreement_pairs(reg, min_initiatives=min_initiatives, thresholds="median",
                            dormant=dormant, profiles=profiles)
    if pairs.empty:
        raise AnalysisError(f"no two actors with at least {min_initiatives} initiatives each "
                            "share an initiative, so there is no partner pair to place")
    ok = pairs["goal_agreement"].notna() & pairs["means_agreement"].notna()
    placed = int(ok.sum())
    if placed < min_pairs:
        if _no_goals(reg):
            raise AnalysisError("the registry records no SDG target or goal for any initiative, "
                                "so agreement on goals cannot be measured")
        n = len(pairs)
        why = (f"{n:,} partner pair{'s' if n != 1 else ''} can be placed" if placed == n else
               f"{placed:,} of {n:,} partner pairs can be placed (in the others an actor "
               "records no SDG target or goal)")
        raise AnalysisError(f"only {why}: too few to split at the median (at least "
                            f"{min_pairs} needed)")
    tg, tm = pairs.attrs["thresholds"]
    B, ids, _ = incidence_matrix(profiles.filtered)
    eligible = np.asarray(ids, dtype=object)[np.asarray(B.getnnz(axis=1)) >= min_initiatives]
    n_act = len(eligible)
    rand = _random_agreements(profiles, eligible, null_pairs, seed)
    count = quadrant_counts(pairs["goal_agreement"], pairs["means_agreement"], (tg, tm))
    r_count = quadrant_counts(rand["goal_agreement"], rand["means_agreement"], (tg, tm))
    r_ok = int(r_count.sum())
    p_g = float((pairs.loc[ok, "goal_agreement"] >= tg).mean())
    p_m = float((pairs.loc[ok, "means_agreement"] >= tm).mean())
    rows = []
    for (gh, mh), (q, tools, examples) in QUADRANTS.items():
        k, share = int(count[q]), count[q] / placed
        r_share = r_count[q] / max(r_ok, 1)
        unrelated = (p_g if gh else 1 - p_g) * (p_m if mh else 1 - p_m)
        rows.append((q, tools, examples, k, share, unrelated, int(r_count[q]), r_share,
                     (f"{k:,} of {placed:,} partner pairs ({share:.1%}); {unrelated:.1%} if "
                      f"goals and means were unrelated; {r_share:.1%} of {r_ok:,} random "
                      "pairs of the same actors")))
    quadrants = pd.DataFrame(rows, columns=["quadrant", "tool_family", "tools", "pairs", "share",
                                            "unrelated_share", "random_pairs", "random_share",
                                            "explanation"]).sort_values("quadrant",
                                                                        ignore_index=True)
    corr = (float(pairs.loc[ok, "goal_agreement"].corr(pairs.loc[ok, "means_agreement"]))
            if placed > 2 else float("nan"))
    return AgreementMatrix(pairs=pairs, quadrants=quadrants, thresholds=(tg, tm), actors=n_act,
                           placed=placed, not_placed=len(pairs) - placed,
                           random_total=n_act * (n_act - 1) // 2, random=rand,
                           correlation=corr)
