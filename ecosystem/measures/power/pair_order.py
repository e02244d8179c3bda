"""The order in which scored pairs of actors are listed.

:func:`ecosystem.measures.power.agreement.agreement_pairs` lists pairs by goal
agreement, then means agreement (highest first, not measurable last), then the
two actor ids; pairs equal on all four keep the order they were given in. The
order is computed on the score arrays before any table is built, so that each
column is built once, already in place.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["agreement_order"]


def agreement_order(goal: np.ndarray, mean: np.ndarray, a_ids: np.ndarray,
                    b_ids: np.ndarray) -> np.ndarray:
    """Positions of the pairs in listing order (a stable sort, as ``DataFrame.sort_values``).

    Parameters
    ----------
    goal, mean : array of float
        Goal and means agreement of each pair (NaN: not measurable, listed last).
    a_ids, b_ids : array of str
        The pair's actor ids, ascending as strings.

    Examples
    --------
    >>> import numpy as np
    >>> agreement_order(np.array([0.5, np.nan, 0.9, 0.5]), np.array([0.1, 1.0, 0.2, 0.1]),
    ...                 np.array(["b", "a", "c", "a"], dtype=object),
    ...                 np.array(["x", "y", "z", "y"], dtype=object)).tolist()
    [2, 3, 0, 1]
    """
    def high_first(x: np.ndarray) -> np.ndarray:
        return np.where(np.isnan(x), np.inf, -x)

    rank_a = pd.factorize(a_ids, sort=True)[0]  # hashed; only the distinct ids are sorted
    rank_b = pd.factorize(b_ids, sort=True)[0]
    return np.lexsort((rank_b, rank_a, high_first(mean), high_first(goal)))
