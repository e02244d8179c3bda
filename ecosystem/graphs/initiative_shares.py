"""How much of each actor's tie strength in the actor projection comes from one initiative.

An actor's strength in the actor projection (:func:`ecosystem.graphs.
actor_projection`) is a sum over its initiatives, and one long member list
can make most of it: an initiative of n members makes its members a clique of
n. :func:`initiative_shares` splits the strength by initiative and names the
largest part, so that a finding about an actor can say when it is mostly
about one initiative.

Engine: one pass over the nonzeros of the actor × initiative incidence
matrix (:func:`ecosystem.graphs.incidence_matrix`), no projection is built.

References
----------
Newman, M. E. J. (2001). Scientific collaboration networks. II. Shortest
paths, weighted networks, and centrality. *Physical Review E* 64: 016132.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ecosystem.errors import AnalysisError
from ecosystem.graphs.bipartite import incidence_matrix
from ecosystem.model import Registry, require_initiatives

__all__ = ["SHARE_WEIGHTINGS", "initiative_shares"]

#: Projection weightings whose strength splits by initiative.
SHARE_WEIGHTINGS = ("newman", "count")


def initiative_shares(reg: Registry, *, weight: str = "newman",
                      among: np.ndarray | None = None) -> pd.DataFrame:
    """How much of each actor's tie strength comes from its single largest initiative.

    An actor's strength in the actor projection is a sum over its initiatives:
    initiative k with n_k members adds c_ik = w_k · m_ik, where m_ik is the
    number of k's other members (among ``among``, when given) and w_k is 1
    (``count``) or 1/(n_k − 1) (``newman``, Newman 2001). The ``share`` is
    max_k c_ik / Σ_k c_ik: the part of the actor's figure carried by one
    initiative. A share above one half says that a headline about the actor
    is mostly about that initiative (one initiative of n members makes its
    members a clique of n in the projection).

    Parameters
    ----------
    reg : Registry
    weight : {"newman", "count"}
        The projection weighting whose strength is split (``jaccard`` does
        not split by initiative).
    among : bool array, optional
        One flag per actor of ``reg.actors``: count only ties to these actors
        (e.g. the core, to say how much of an actor's ties to the core one
        initiative carries). Default: all actors.

    Returns
    -------
    DataFrame
        One row per actor of ``reg.actors``, in order: ``actor_id``, ``ties``
        (Σ_k c_ik, the actor's strength towards ``among``), ``initiative_id``
        (the largest contributor; missing when ``ties`` is 0) and ``share``
        (NaN when ``ties`` is 0).

    Examples
    --------
    b runs i1 with a and c, and i2 with c alone. Newman weights give b 1/2 +
    1/2 from i1 and 1 from i2: each carries half of b's strength (a tie goes
    to the initiative listed first). With counts, i1 carries 2 of b's 3
    co-memberships:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": ["i1", "i1", "i1", "i2", "i2"],
    ...                      "actor_id": ["a", "b", "c", "b", "c"], "role": "partner",
    ...                      "registry": "r", "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": ["a", "b", "c"], "name": ["A", "B", "C"],
    ...                          "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2"], "registry": "r",
    ...                               "record_id": ["1", "2"], "kind": "partnership"}))
    >>> initiative_shares(reg, weight="newman").round(3)
      actor_id  ties initiative_id  share
    0        a   1.0            i1    1.0
    1        b   2.0            i1    0.5
    2        c   2.0            i1    0.5
    >>> initiative_shares(reg, weight="count").loc[1, ["ties", "share"]].round(3).tolist()
    [3.0, 0.667]
    """
    if weight not in SHARE_WEIGHTINGS:
        raise AnalysisError(f"unknown weight {weight!r}: choose one of "
                            f"{', '.join(SHARE_WEIGHTINGS)}")
    require_initiatives(reg, "initiative shares")
    B, actor_ids, initiative_ids = incidence_matrix(reg)
    B = B.tocoo()
    i, k = B.row.astype(np.int64), B.col.astype(np.int64)
    size = np.bincount(k, minlength=B.shape[1]).astype(np.float64)
    flag = (np.ones(B.shape[0], dtype=bool) if among is None
            else np.asarray(among, dtype=bool))
    if len(flag) != B.shape[0]:
        raise AnalysisError(f"among has {len(flag)} flags for {B.shape[0]} actors")
    inside = np.bincount(k, weights=flag[i].astype(np.float64), minlength=B.shape[1])
    others = inside[k] - flag[i]
    per_k = np.ones_like(size) if weight == "count" else np.divide(
        1.0, size - 1, out=np.zeros_like(size), where=size > 1)
    c = per_k[k] * others
    ties = np.bincount(i, weights=c, minlength=B.shape[0])
    order = np.lexsort((k, -c, i))           # per actor: largest contribution first
    first = order[np.r_[True, i[order][1:] != i[order][:-1]]] if len(order) else order
    top = np.zeros(B.shape[0])
    top_id = np.full(B.shape[0], None, dtype=object)
    top[i[first]] = c[first]
    has = ties > 0
    top_id[i[first]] = initiative_ids[k[first]]
    top_id[~has] = None
    share = np.full(B.shape[0], np.nan)
    share[has] = top[has] / ties[has]
    return pd.DataFrame({"actor_id": actor_ids, "ties": ties, "initiative_id": top_id,
                         "share": share})
