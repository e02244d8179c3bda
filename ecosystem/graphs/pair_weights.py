"""How a pair of actors is weighted in the actor projection: count, Newman or Jaccard.

Given the actor × initiative incidence ``B`` (k_j actors in initiative j, d_u initiatives of
actor u, s_uv initiatives u and v share):

.. math::

    w^{count}_{uv} = s_{uv}, \\qquad
    w^{newman}_{uv} = \\sum_{j \\ni u, v} \\frac{1}{k_j - 1}, \\qquad
    w^{jaccard}_{uv} = \\frac{s_{uv}}{d_u + d_v - s_{uv}}

References
----------
Newman, M. E. J. (2001). Scientific collaboration networks. II. Shortest paths, weighted
networks, and centrality. *Physical Review E* 64: 016132.

Examples
--------
>>> import numpy as np, scipy.sparse as sp
>>> B = sp.csr_matrix(np.array([[1, 1], [1, 1], [1, 0]]))    # i0 = {0, 1, 2}, i1 = {0, 1}
>>> col_weight, weight_fn = pair_weighting(B, "newman")
>>> col_weight.tolist(), weight_fn
([0.5, 1.0], None)
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import scipy.sparse as sp

__all__ = ["pair_weighting"]


def pair_weighting(B: sp.spmatrix, weight: str
                   ) -> tuple[np.ndarray | None, Callable[..., np.ndarray] | None]:
    """``(col_weight, weight_fn)`` for :func:`ecosystem.graphs.projection.cooccurrence_pairs`.

    Parameters
    ----------
    B : sparse matrix
        Actor × initiative incidence.
    weight : {"count", "newman", "jaccard"}

    Returns
    -------
    col_weight : ndarray or None
        1 / (k_j − 1) per initiative for Newman's weighting (0 for initiatives of one actor).
    weight_fn : callable or None
        ``weight_fn(rows, cols, shared, weighted)`` for Jaccard's.
    """
    k = np.asarray(B.sum(axis=0)).ravel().astype(np.float64)
    if weight == "newman":
        return np.divide(1.0, k - 1, out=np.zeros_like(k), where=k > 1), None
    if weight == "jaccard":
        deg = np.asarray(B.sum(axis=1)).ravel()

        def weight_fn(r, c, s, _):
            return s / (deg[r] + deg[c] - s)
        return None, weight_fn
    return None, None
