"""Which pairs of actors to compare: actors named by id or name, and pairs tied by an initiative.

:mod:`ecosystem.measures.power.agreement` scores pairs of actors; these helpers
choose them. Two actors are *tied* when they take part in a common initiative:
the nonzero entries above the diagonal of B·Bᵀ, B the actor × initiative
incidence matrix (:func:`ecosystem.graphs.incidence_matrix`).
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecosystem.errors import AnalysisError
from ecosystem.graphs import incidence_matrix
from ecosystem.model import Registry

__all__ = ["resolve_actors", "tied_pairs"]


def resolve_actors(reg: Registry, actors: Sequence[str], unique: bool = True) -> list[str]:
    """Actor ids for ``actors`` given as ids or exact names (case-insensitive).

    Parameters
    ----------
    reg : Registry
    actors : sequence of str
        Actor ids, or names as in ``reg.actors["name"]``.
    unique : bool
        Drop repeats (first occurrence kept); False keeps one id per entry.

    Raises
    ------
    AnalysisError
        Naming the actors that are neither an id nor a name.

    Examples
    --------
    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> reg = Registry.from_frames(actors=pd.DataFrame(
    ...     {"actor_id": ["unep", "iucn"], "name": ["UNEP", "IUCN"], "actor_type": "ngo"}))
    >>> resolve_actors(reg, ["iucn", "unep", "Unep"])
    ['iucn', 'unep']
    """
    given = list(actors)
    is_id = pd.Index(reg.actors["actor_id"]).get_indexer(pd.Index(given, dtype=object)) >= 0
    if is_id.all():                        # ids, as the analyses pass them: no name lookup
        return list(dict.fromkeys(given)) if unique else given
    by_name = {str(n).casefold(): i for i, n in zip(reg.actors["actor_id"], reg.actors["name"])}
    out, unknown = [], []
    for a, known in zip(given, is_id.tolist()):
        if known:
            out.append(a)
        elif str(a).casefold() in by_name:
            out.append(by_name[str(a).casefold()])
        else:
            unknown.append(a)
    if unknown:
        raise AnalysisError(f"{len(unknown)} actor(s) not in the registry: "
                            f"{', '.join(map(repr, unknown[:5]))}; give actor_id values from "
                            "reg.actors (exact names are accepted too)")
    return list(dict.fromkeys(out)) if unique else out


def tied_pairs(reg: Registry, among: Sequence[str] | None, max_pairs: int,
               min_initiatives: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of actors (two arrays of actor ids) that share an initiative.

    The pairs are the upper triangle of B·Bᵀ (B the incidence matrix). Only
    actors in ``among`` (when given) with at least ``min_initiatives``
    initiatives are paired.

    Raises
    ------
    AnalysisError
        When there would be more than ``max_pairs`` pairs (checked first
        against Σ C(k, 2) over initiatives, then exactly).

    Examples
    --------
    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": ["i1", "i1", "i1", "i2", "i2"],
    ...                      "actor_id": ["a", "b", "c", "c", "d"], "role": "partner",
    ...                      "registry": "r", "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": list("abcd"), "name": list("ABCD"),
    ...                          "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2"], "registry": "r",
    ...                               "record_id": "1", "kind": "partnership"}))
    >>> a, b = tied_pairs(reg, None, max_pairs=100)
    >>> sorted(zip(a.tolist(), b.tolist()))
    [('a', 'b'), ('a', 'c'), ('b', 'c'), ('c', 'd')]
    >>> sorted(zip(*tied_pairs(reg, ["a", "c", "d"], max_pairs=100)))
    [('a', 'c'), ('c', 'd')]
    """
    B, actor_ids, _ = incidence_matrix(reg)
    if among is not None:
        rows = pd.Index(actor_ids).get_indexer(among)
        B, actor_ids = B[rows], np.asarray(among, dtype=object)
    if min_initiatives > 1:
        rows = np.flatnonzero(B.getnnz(axis=1) >= min_initiatives)
        B, actor_ids = B[rows], np.asarray(actor_ids, dtype=object)[rows]
    size = np.asarray(B.getnnz(axis=0), dtype=float)
    if (size * (size - 1) / 2).sum() > 20 * max_pairs:
        raise AnalysisError("too many tied pairs: choose a community or a set of actors")
    S = sp.triu(B @ B.T, k=1).tocoo()
    if S.nnz > max_pairs:
        raise AnalysisError(f"{S.nnz:,} tied pairs exceed max_pairs={max_pairs:,}: choose a "
                            "community (community=...) or a set of actors (actors=[...])")
    return actor_ids[S.row], actor_ids[S.col]
