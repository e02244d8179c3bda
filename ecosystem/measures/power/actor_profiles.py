"""Actor profiles: what each actor pursues and uses, and how alike two actors are.

An actor's **profile** in a family of features counts, for every feature, the
actor's initiatives that carry it:

``goals``
    SDG targets (``14.1``), plus the goal itself (``SDG 13``) for an
    initiative tagged with a goal but none of its targets.
``resources``
    Resource types the initiatives declare (financing, staff_expertise, in_kind, other).
``themes``
    Themes of any vocabulary (``ocean_action_community: Marine pollution``,
    DAC sectors, clusters).
``roles``
    Roles the actor holds (lead, partner, funding, implementing, ...).

Two actors are compared by the **cosine similarity** of their profiles x and
y (Salton & McGill 1983),

    cos(x, y) = Σ_f x_f y_f / (‖x‖ ‖y‖),

in [0, 1] for counts: 1 when the profiles are proportional, 0 when they share
no feature; it ignores the actors' size.
Used by :mod:`ecosystem.measures.power.agreement` (the Agreement Matrix).

References
----------
Salton, G. & McGill, M. J. (1983). *Introduction to Modern Information
Retrieval*. New York: McGraw-Hill.

Examples
--------
a leads i1 (targets 14.1 and 14.2, with b) and i2 (14.1); c leads i3 (13.1).
a's goal profile counts 14.1 twice and 14.2 once, b's each once:
cos = (2·1 + 1·1) / (√5·√2) = 0.949.

>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> ties = pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i3"],
...                      "actor_id": ["a", "b", "a", "c"],
...                      "role": ["lead", "partner", "lead", "lead"], "registry": "r",
...                      "record_id": "1"})
>>> reg = Registry.from_frames(ties=ties,
...     actors=pd.DataFrame({"actor_id": list("abc"), "name": list("ABC"), "actor_type": "ngo"}),
...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2", "i3"], "registry": "r",
...                               "record_id": "1", "kind": "partnership"}),
...     initiative_targets=pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i3"],
...                                      "target": ["14.1", "14.2", "14.1", "13.1"],
...                                      "goal": [14, 14, 14, 13]}),
...     resources=pd.DataFrame({"initiative_id": ["i1", "i2"], "type": ["financing", "in_kind"]}))
>>> import numpy as np
>>> prof = actor_profiles(reg)
>>> cosine(prof["goals"], np.array([0, 0]), np.array([1, 2])).round(3).tolist()   # a–b, a–c
[0.949, 0.0]
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecosystem.model import Registry
from ecosystem.reference.sdg import target_rank

__all__ = ["CHUNK", "FAMILIES", "actor_profiles", "cosine", "shared_counts", "shared_features"]

#: Families of features an actor's profile is made of.
FAMILIES = ("goals", "resources", "themes", "roles")

#: One family's profiles: the L2-normalised actors × features matrix, which
#: actors have any feature, and the feature names.
Profile = tuple[sp.csr_matrix, np.ndarray, pd.Index]

#: Pairs handled at a time, so that gathering profile rows stays within memory
#: when hubs take part in millions of pairs.
CHUNK = 200_000


def _profile(rows: np.ndarray, cols: np.ndarray, names: np.ndarray, n: np.ndarray,
             n_actors: int) -> Profile:
    """Actors × features count matrix from entries (actor row, feature code, n), with
    ``names[code]`` the feature; features in SDG framework order, then alphabetical;
    L2-normalised rows."""
    used = np.unique(cols)
    uniq = pd.Series(names[used], dtype="object")
    order = np.lexsort((uniq.to_numpy(dtype=str), target_rank(uniq.astype("string")).to_numpy()))
    feats = pd.Index(uniq.iloc[order])
    column = np.full(len(names), -1, dtype=np.int64)
    column[used[order]] = np.arange(len(order))
    X = sp.csr_matrix((n.astype(float), (rows, column[cols])), shape=(n_actors, len(feats)))
    has = np.asarray(X.getnnz(axis=1) > 0)
    return (_l2_rows(X) if len(feats) else X), has, feats


def _l2_rows(X: sp.csr_matrix) -> sp.csr_matrix:
    """A copy of ``X`` with every nonzero row scaled to unit Euclidean length.

    Squares are summed in row order, one position at a time across all rows, so that each
    norm is the sum a loop over the row gives (the result is bit-for-bit that of
    ``sklearn.preprocessing.normalize``).
    """
    X = X.astype(np.float64, copy=True)
    start, length = X.indptr[:-1], np.diff(X.indptr)
    sq = X.data * X.data
    total = np.zeros(X.shape[0])
    for r in range(int(length.max(initial=0))):
        rows = np.flatnonzero(length > r)
        total[rows] += sq[start[rows] + r]
    norm = np.repeat(np.sqrt(total), length)
    X.data = np.divide(X.data, norm, out=X.data.copy(), where=norm != 0)
    return X


def actor_profiles(reg: Registry) -> dict[str, Profile]:
    """Feature profiles of every actor: ``{"goals": ..., "resources": ..., ...}``.

    Families are :data:`FAMILIES`. Each value is ``(X, has, features)``:
    the L2-normalised actors × features CSR matrix (rows in ``reg.actors``
    order; features in SDG framework order, then alphabetical), a boolean
    array saying which actors have any feature, and the feature names.

    Examples
    --------
    The registry of the module docstring: goals in SDG framework order, and
    a's row (2, 1) on 14.1 and 14.2 scaled to unit length:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i3"],
    ...                      "actor_id": ["a", "b", "a", "c"],
    ...                      "role": ["lead", "partner", "lead", "lead"], "registry": "r",
    ...                      "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": list("abc"), "name": list("ABC"),
    ...                          "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2", "i3"], "registry": "r",
    ...                               "record_id": "1", "kind": "partnership"}),
    ...     initiative_targets=pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i3"],
    ...                                      "target": ["14.1", "14.2", "14.1", "13.1"],
    ...                                      "goal": [14, 14, 14, 13]}),
    ...     resources=pd.DataFrame({"initiative_id": ["i1", "i2"],
    ...                             "type": ["financing", "in_kind"]}))
    >>> X, has, features = actor_profiles(reg)["goals"]
    >>> list(features), X.toarray().round(3).tolist()[0]
    (['13.1', '14.1', '14.2'], [0.0, 0.894, 0.447])
    """
    actor_idx = pd.Index(reg.actors["actor_id"])
    n_actors = len(actor_idx)
    a_pos = actor_idx.get_indexer(reg.ties["actor_id"])
    inits, i_pos = _codes(reg.ties["initiative_id"])
    # actors × initiatives, 1 where the actor takes part (any role)
    M = sp.csr_matrix((np.ones(len(a_pos)), (a_pos, i_pos)), shape=(n_actors, len(inits)))
    M.data[:] = 1.0

    def count(initiative_id: pd.Series, feature: pd.Series) -> tuple:
        """(actor row, feature code, feature names, n): n of the actor's initiatives that
        carry the feature."""
        ini = inits.get_indexer(initiative_id)
        ok = (ini >= 0) & feature.notna().to_numpy()
        names, f_pos = _codes(feature[ok])
        F = sp.csr_matrix((np.ones(int(ok.sum())), (ini[ok], f_pos)),
                          shape=(len(inits), len(names)))
        F.data[:] = 1.0
        C = (M @ F).tocoo()
        return C.row, C.col, names.to_numpy(dtype=object), C.data

    tg = reg.initiative_targets
    goals = reg.initiative_goals
    bare = goals.merge(tg[["initiative_id", "goal"]].drop_duplicates(), how="left",
                       on=["initiative_id", "goal"], indicator=True)
    bare = bare[bare["_merge"] == "left_only"]
    th = reg.initiative_themes
    fams = {
        "goals": count(pd.concat([tg["initiative_id"], bare["initiative_id"]],
                                 ignore_index=True),
                       pd.concat([tg["target"].astype(object),
                                  ("SDG " + bare["goal"].astype(str)).astype(object)],
                                 ignore_index=True)),
        "resources": count(reg.resources["initiative_id"], reg.resources["type"]),
        "themes": count(th["initiative_id"], th["vocabulary"] + ": " + th["theme"]),
        "roles": _role_counts(reg.ties, a_pos),
    }
    return {k: _profile(*v, n_actors) for k, v in fams.items()}


def _codes(values: pd.Series) -> tuple[pd.Index, np.ndarray]:
    """Distinct values (first seen first) and each value's position among them."""
    codes, uniques = pd.factorize(values)
    return pd.Index(uniques), codes


def _role_counts(ties: pd.DataFrame, a_pos: np.ndarray) -> tuple:
    """(actor row, role code, role names, n): the actor's initiatives in each role."""
    has_role = ties["role"].notna().to_numpy()
    names, r_pos = _codes(ties["role"][has_role])
    k = max(len(names), 1)
    i_pos = pd.factorize(ties["initiative_id"])[0][has_role]
    triples = np.unique(np.c_[a_pos[has_role], i_pos, r_pos], axis=0)  # a tie repeated: once
    cell, n = np.unique(triples[:, 0] * k + triples[:, 2], return_counts=True)
    return cell // k, cell % k, names.to_numpy(dtype=object), n


def cosine(prof: Profile, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    """Cosine similarity of actor rows ``ia[k]`` and ``ib[k]`` in one family.

    NaN where either actor has no feature in the family (not measurable).

    Examples
    --------
    The registry of the module docstring: a's initiatives bring financing and
    in-kind resources, b's financing only (cos = 1/√2); c's none:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i3"],
    ...                      "actor_id": ["a", "b", "a", "c"],
    ...                      "role": ["lead", "partner", "lead", "lead"], "registry": "r",
    ...                      "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": list("abc"), "name": list("ABC"),
    ...                          "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2", "i3"], "registry": "r",
    ...                               "record_id": "1", "kind": "partnership"}),
    ...     initiative_targets=pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i3"],
    ...                                      "target": ["14.1", "14.2", "14.1", "13.1"],
    ...                                      "goal": [14, 14, 14, 13]}),
    ...     resources=pd.DataFrame({"initiative_id": ["i1", "i2"],
    ...                             "type": ["financing", "in_kind"]}))
    >>> import numpy as np
    >>> prof = actor_profiles(reg)
    >>> cosine(prof["resources"], np.array([0, 0]), np.array([1, 2])).round(3).tolist()
    [0.707, nan]
    """
    X, has, _ = prof
    if X.shape[1] == 0:
        return np.full(len(ia), np.nan)
    sim = np.concatenate([np.asarray(X[ia[k:k + CHUNK]].multiply(X[ib[k:k + CHUNK]])
                                     .sum(axis=1)).ravel() for k in range(0, len(ia), CHUNK)])
    sim = np.clip(sim, 0.0, 1.0)
    return np.where(has[ia] & has[ib], sim, np.nan)


def shared_counts(B: sp.csr_matrix, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    """Initiatives each pair shares, from B·Bᵀ restricted to the actors involved.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> B = sp.csr_matrix(np.array([[1, 1, 0], [1, 1, 1], [0, 0, 1]]))   # actors × initiatives
    >>> shared_counts(B, np.array([0, 0, 1]), np.array([1, 2, 2])).tolist()
    [2, 0, 1]
    """
    involved, inv = np.unique(np.concatenate([ia, ib]), return_inverse=True)
    Bi = B[involved]
    S = (Bi @ Bi.T).tocsr()
    pa, pb = inv[:len(ia)], inv[len(ia):]
    return np.concatenate([np.asarray(S[pa[k:k + CHUNK], pb[k:k + CHUNK]]).ravel()
                           for k in range(0, len(ia), CHUNK)]).astype("int64")


def shared_features(prof: Profile, ia: np.ndarray, ib: np.ndarray,
                    limit: int = 4) -> np.ndarray:
    """For each pair, the first ``limit`` features both actors have, comma-joined.

    Examples
    --------
    The registry of the module docstring: a and b share both their targets,
    a and c none:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i3"],
    ...                      "actor_id": ["a", "b", "a", "c"],
    ...                      "role": ["lead", "partner", "lead", "lead"], "registry": "r",
    ...                      "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": list("abc"), "name": list("ABC"),
    ...                          "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2", "i3"], "registry": "r",
    ...                               "record_id": "1", "kind": "partnership"}),
    ...     initiative_targets=pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i3"],
    ...                                      "target": ["14.1", "14.2", "14.1", "13.1"],
    ...                                      "goal": [14, 14, 14, 13]}),
    ...     resources=pd.DataFrame({"initiative_id": ["i1", "i2"],
    ...                             "type": ["financing", "in_kind"]}))
    >>> import numpy as np
    >>> prof = actor_profiles(reg)
    >>> shared_features(prof["goals"], np.array([0, 0]), np.array([1, 2])).tolist()
    ['14.1, 14.2', '']
    """
    if len(ia) > CHUNK:
        return np.concatenate([shared_features(prof, ia[k:k + CHUNK], ib[k:k + CHUNK], limit)
                               for k in range(0, len(ia), CHUNK)])
    X, _, feats = prof
    out = np.full(len(ia), "", dtype=object)
    if X.shape[1] == 0:
        return out
    P = X[ia].multiply(X[ib]).tocsr()
    P.sort_indices()
    names = np.asarray(feats, dtype=object)
    start, length = P.indptr[:-1], np.diff(P.indptr)
    for r in range(limit):
        has = length > r
        name = np.full(len(ia), "", dtype=object)
        name[has] = names[P.indices[start[has] + r]]
        out = np.where(has, out + np.where(r > 0, ", ", "") + name, out)
    return np.where(length > limit, out + ", …", out)
