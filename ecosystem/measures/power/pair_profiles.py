"""The actor profiles that agreement of pairs is computed from, built once per registry.

:func:`ecosystem.measures.power.agreement.agreement_pairs` scores pairs of
actors by the cosine of their profiles (:mod:`ecosystem.measures.power.actor_profiles`):
SDG targets (goals); resources, themes and roles (means). The profiles, the
actor × initiative incidence and each actor's count of initiatives depend only
on the registry and on the dormancy choice, not on the pairs, so the Agreement
Matrix, which scores the partner pairs and then a sample of random pairs,
builds them once (:func:`pair_profiles`) and hands them to both.

Examples
--------
>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> reg = Registry.from_frames(
...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"], "actor_type": "ngo"}),
...     initiatives=pd.DataFrame({"initiative_id": ["i1"], "registry": "r", "record_id": "1",
...                               "kind": "partnership"}),
...     ties=pd.DataFrame({"initiative_id": ["i1", "i1"], "actor_id": ["a", "b"],
...                        "role": "lead", "registry": "r", "record_id": "1"}))
>>> p = pair_profiles(reg)
>>> list(p.index), p.initiatives.tolist(), sorted(p.profiles)
(['a', 'b'], [1, 1], ['goals', 'resources', 'roles', 'themes'])
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecosystem.filters import filter_registry
from ecosystem.graphs import incidence_matrix
from ecosystem.measures.power.actor_profiles import Profile, actor_profiles, cosine
from ecosystem.model import Registry

__all__ = ["PairProfiles", "pair_profiles", "profile_cosine"]


@dataclass(frozen=True)
class PairProfiles:
    """What scoring pairs of actors reads, for one registry and dormancy choice.

    Attributes
    ----------
    filtered : Registry
        The registry after the dormancy choice (its tied pairs are the partner pairs).
    scored : Registry
        ``filtered`` with every actor of the full registry, so that every actor has a row.
    profiles : dict
        :func:`ecosystem.measures.power.actor_profiles.actor_profiles` of ``scored``.
    index : pandas.Index
        Actor ids by row of the profiles and of ``incidence``.
    incidence : scipy.sparse.csr_matrix
        Actor × initiative incidence of ``scored``.
    initiatives : ndarray
        Initiatives of each actor (row sums of ``incidence``).
    """

    filtered: Registry
    scored: Registry
    profiles: dict[str, Profile]
    index: pd.Index
    incidence: sp.csr_matrix
    initiatives: np.ndarray


def pair_profiles(reg: Registry, dormant: str = "include") -> PairProfiles:
    """The profiles of every actor of ``reg`` over its initiatives (``dormant``: "include" or
    "exclude" the dormant ones), see :class:`PairProfiles`."""
    filtered = filter_registry(reg, dormant=dormant)
    scored = filtered.replace(actors=reg.actors)
    B, _, _ = incidence_matrix(scored)
    return PairProfiles(filtered, scored, actor_profiles(scored),
                        pd.Index(scored.actors["actor_id"]), B,
                        np.asarray(B.getnnz(axis=1)))


def profile_cosine(prof: Profile, ia: np.ndarray, ib: np.ndarray,
                   block: int = 5_000) -> np.ndarray:
    """:func:`ecosystem.measures.power.actor_profiles.cosine` over blocks of ``block`` pairs.

    The same values; only a block's two profile slices are held at a time (100,000 random
    pairs in one go took about 100 MB).

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> X = sp.csr_matrix(np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 0.0]]))
    >>> prof = (X, np.array([True, True, False]), ["f", "g"])
    >>> profile_cosine(prof, np.array([0, 0, 1]), np.array([1, 2, 1]), block=2).tolist()
    [0.6, nan, 1.0]
    """
    if len(ia) <= block:
        return cosine(prof, ia, ib)
    return np.concatenate([cosine(prof, ia[k:k + block], ib[k:k + block])
                           for k in range(0, len(ia), block)])
