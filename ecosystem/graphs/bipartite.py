"""The actor–initiative (bipartite) graph and its incidence matrix.

The bipartite graph is the source of truth for every other graph: an actor is
joined to each initiative it takes part in. An actor that holds several roles
in one initiative (say ``lead`` and ``funding``) is one membership, so a
vertex's degree is its number of distinct initiatives.

Engines: the incidence matrix is a scipy CSR matrix (one float per membership)
and the graph is igraph; ``make bench`` (``benchmarks/run.py``) measures both
against the plain networkx build, which is several times slower and needs many
times the memory on the 700,000-initiative synthetic registry. Use
:func:`ecosystem.graphs.to_networkx` when a networkx graph is needed.
"""
from __future__ import annotations

import weakref

import igraph as ig
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecosystem.id_lookups import lookup
from ecosystem.model import ROLES, Registry, require_initiatives

__all__ = [
    "ACTOR_ATTRIBUTES",
    "actor_attributes",
    "as_strings",
    "bipartite_graph",
    "incidence_matrix",
    "membership_matrix",
    "membership_positions",
    "memberships",
]


def memberships(reg: Registry) -> pd.DataFrame:
    """One row per distinct (actor, initiative) pair.

    Returns
    -------
    DataFrame
        ``actor_id``, ``initiative_id``, ``role`` (the first of the actor's roles
        in :data:`ecosystem.model.ROLES` order, so ``lead`` wins), ``roles`` (all
        its roles, joined with ``|``), ``registry``, ``record_id``; ordered by
        actor (``reg.actors`` order), then initiative. Ties to actors or
        initiatives absent from their tables are dropped.

    Examples
    --------
    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": ["i1", "i1", "i1"], "actor_id": ["a", "a", "b"],
    ...                      "role": ["funding", "lead", "partner"], "registry": "r",
    ...                      "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"], "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1"], "registry": "r", "record_id": "1",
    ...                               "kind": "partnership"}))
    >>> memberships(reg)[["actor_id", "role", "roles"]].to_dict("list")
    {'actor_id': ['a', 'b'], 'role': ['lead', 'partner'], 'roles': ['lead|funding', 'partner']}
    """
    return membership_positions(reg)[0]


def membership_positions(reg: Registry) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """:func:`memberships` with each row's actor and initiative positions.

    The positions index ``reg.actors`` and ``reg.initiatives``, so they serve
    directly as row and column indices of the incidence matrix or as vertex
    ids of :func:`bipartite_graph`. Deduplication works on these integer
    positions, not on the id strings (sorting millions of arrow strings is far
    slower).

    Returns
    -------
    members : DataFrame
        As :func:`memberships`.
    actor_pos, initiative_pos : int64 arrays
        Position of each row's actor in ``reg.actors`` and of its initiative
        in ``reg.initiatives``.

    Examples
    --------
    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": ["i2", "i1", "i2"], "actor_id": ["b", "b", "a"],
    ...                      "role": "partner", "registry": "r", "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"], "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2"], "registry": "r",
    ...                               "record_id": ["1", "2"], "kind": "partnership"}))
    >>> m, actor_pos, initiative_pos = membership_positions(reg)
    >>> actor_pos.tolist(), initiative_pos.tolist()
    ([0, 1, 1], [1, 0, 1])
    """
    t = reg.ties
    cols = ["actor_id", "initiative_id", "role", "roles", "registry", "record_id"]
    a = lookup(t["actor_id"], reg.actors["actor_id"])
    i = lookup(t["initiative_id"], reg.initiatives["initiative_id"])
    ok = (a >= 0) & (i >= 0)
    if not ok.any():
        empty = np.zeros(0, dtype=np.int64)
        return pd.DataFrame({c: pd.Series(dtype="string") for c in cols}), empty, empty
    roles = t["role"].to_numpy(dtype=object, na_value=None)
    role_code = lookup(t["role"], pd.Series(ROLES))
    rank = np.where(role_code >= 0, role_code, len(ROLES))
    key = a * max(len(reg.initiatives), 1) + i
    idx = np.flatnonzero(ok)
    idx = idx[np.lexsort((rank[idx], key[idx]))]
    k = key[idx]
    first = np.r_[True, k[1:] != k[:-1]]
    keep = idx[first]
    out = pd.DataFrame({
        "actor_id": t["actor_id"].take(keep).array,
        "initiative_id": t["initiative_id"].take(keep).array,
        "role": t["role"].take(keep).array,
        "roles": t["role"].take(keep).array,
        "registry": t["registry"].take(keep).array,
        "record_id": t["record_id"].take(keep).array,
    })
    group_size = np.diff(np.r_[np.flatnonzero(first), len(k)])
    if (group_size > 1).any():
        starts = np.flatnonzero(first)
        for g in np.flatnonzero(group_size > 1):
            rs = roles[idx[starts[g]:starts[g] + group_size[g]]]
            out.iat[g, 3] = "|".join(dict.fromkeys(r for r in rs if r is not None))
    return out, a[keep], i[keep]


def incidence_matrix(reg: Registry, *, members: pd.DataFrame | None = None
                     ) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
    """The actor × initiative incidence matrix B (1 where the actor takes part).

    Parameters
    ----------
    reg : Registry
    members : DataFrame, optional
        Output of :func:`memberships`, when already computed.

    Returns
    -------
    B : scipy.sparse.csr_matrix
        Shape (actors, initiatives), float64 ones; rows follow ``reg.actors``
        order, columns ``reg.initiatives`` order.
    actor_ids, initiative_ids : numpy arrays of str

    Examples
    --------
    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": ["i1", "i1", "i2"], "actor_id": ["a", "b", "b"],
    ...                      "role": "partner", "registry": "r", "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"], "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2"], "registry": "r",
    ...                               "record_id": ["1", "2"], "kind": "partnership"}))
    >>> B, actors, initiatives = incidence_matrix(reg)
    >>> B.toarray().tolist(), actors.tolist(), initiatives.tolist()
    ([[1.0, 0.0], [1.0, 1.0]], ['a', 'b'], ['i1', 'i2'])
    >>> B.sum(axis=1).A1.tolist()       # initiatives per actor
    [1.0, 2.0]
    """
    B = membership_matrix(reg, members=members)
    actor_ids = reg.actors["actor_id"].to_numpy(dtype=object)
    initiative_ids = reg.initiatives["initiative_id"].to_numpy(dtype=object)
    return B, actor_ids.astype(str), initiative_ids.astype(str)


def membership_matrix(reg: Registry, *, members: pd.DataFrame | None = None) -> sp.csr_matrix:
    """The incidence matrix B of :func:`incidence_matrix` alone, without the id arrays.

    Examples
    --------
    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": ["i1", "i1", "i2"], "actor_id": ["a", "b", "b"],
    ...                      "role": "partner", "registry": "r", "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"], "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2"], "registry": "r",
    ...                               "record_id": ["1", "2"], "kind": "partnership"}))
    >>> membership_matrix(reg).toarray().tolist()
    [[1.0, 0.0], [1.0, 1.0]]
    """
    if members is None:  # positions only: duplicates add up and are reset to 1 below
        rows = lookup(reg.ties["actor_id"], reg.actors["actor_id"])
        cols = lookup(reg.ties["initiative_id"], reg.initiatives["initiative_id"])
    else:
        rows = lookup(members["actor_id"], reg.actors["actor_id"])
        cols = lookup(members["initiative_id"], reg.initiatives["initiative_id"])
    keep = (rows >= 0) & (cols >= 0)
    B = sp.csr_matrix(
        (np.ones(int(keep.sum())), (rows[keep], cols[keep])),
        shape=(len(reg.actors), len(reg.initiatives)),
    )
    B.sum_duplicates()
    B.data[:] = 1.0
    return B


def as_strings(s: pd.Series) -> list[str | None]:
    """Values of ``s`` as Python ``str`` (None for missing), for igraph attributes.

    Equal values share one ``str`` object, so a column with few distinct
    values (actor types, registries) costs one string per distinct value, not
    one per vertex or edge.

    Examples
    --------
    >>> import pandas as pd
    >>> as_strings(pd.Series(["ngo", None, "ngo", 3]))
    ['ngo', None, 'ngo', '3']
    """
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    objs = np.empty(len(uniques) + 1, dtype=object)
    objs[:-1] = [str(u) for u in uniques]
    objs[-1] = None
    return objs[codes].tolist()


#: Vertex attributes of an actor graph and the ``reg.actors`` column each is read from.
ACTOR_ATTRIBUTES = {"name": "actor_id", "label": "name", "actor_type": "actor_type", "country": "country"}

#: :func:`actor_attributes` of the actor tables read so far, by ``id``: (weak reference, lists).
_ATTRIBUTES: dict[int, tuple] = {}


def actor_attributes(actors: pd.DataFrame) -> dict[str, list[str | None]]:
    """The vertex attributes of an actor graph (:data:`ACTOR_ATTRIBUTES`) as fresh lists.

    Every projection, backbone and filtered graph of one registry labels its
    vertices from the same actor table: the columns are read as Python strings
    (:func:`as_strings`) once per table and kept while the table lives; each
    call returns new lists, so a caller may change them.

    Examples
    --------
    >>> import pandas as pd
    >>> actors = pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"], "actor_type": ["ngo", None],
    ...                        "country": [None, "FJI"]})
    >>> actor_attributes(actors)["actor_type"], actor_attributes(actors) is not actor_attributes(actors)
    (['ngo', None], True)
    """
    kept = _ATTRIBUTES.get(id(actors))
    if kept is None or kept[0]() is not actors:
        lists = {attr: as_strings(actors[column]) for attr, column in ACTOR_ATTRIBUTES.items()}
        key = id(actors)
        _ATTRIBUTES[key] = kept = (weakref.ref(actors), lists)
        weakref.finalize(actors, _ATTRIBUTES.pop, key, None)
    return {attr: list(values) for attr, values in kept[1].items()}


def bipartite_graph(reg: Registry) -> ig.Graph:
    """The actor–initiative graph as an igraph Graph.

    Vertices are the actors (``reg.actors`` order) followed by the initiatives
    (``reg.initiatives`` order). Vertex attributes: ``name`` (actor_id or
    initiative_id), ``type`` (False for an actor, True for an initiative, the
    igraph bipartite convention), ``label`` (actor name or initiative title),
    ``actor_type`` (None for initiatives). Edge attributes: ``role`` (primary
    role, ``lead`` first), ``roles`` (all roles, ``|``-joined), ``registry``,
    ``record_id``. The graph attribute ``n_actors`` gives the number of actor
    vertices.

    Raises
    ------
    AnalysisError
        When the registry has no initiatives or no ties.

    Examples
    --------
    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> reg = Registry.from_frames(
    ...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"],
    ...                          "actor_type": ["ngo", "government"]}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1"], "registry": ["r"],
    ...                               "record_id": ["1"], "kind": ["partnership"]}),
    ...     ties=pd.DataFrame({"initiative_id": ["i1", "i1"], "actor_id": ["a", "b"],
    ...                        "role": ["lead", "partner"], "registry": ["r", "r"],
    ...                        "record_id": ["1", "1"]}))
    >>> g = bipartite_graph(reg)
    >>> g.vs["name"], g.vs["type"], g.es["role"]
    (['a', 'b', 'i1'], [False, False, True], ['lead', 'partner'])
    """
    require_initiatives(reg, "the actor–initiative graph")
    m, a_idx, i_idx = membership_positions(reg)
    n_a, n_i = len(reg.actors), len(reg.initiatives)
    g = ig.Graph(n=n_a + n_i)
    g.add_edges(np.column_stack([a_idx, i_idx + n_a]))
    g["n_actors"] = n_a
    g.vs["name"] = (as_strings(reg.actors["actor_id"])
                    + as_strings(reg.initiatives["initiative_id"]))
    g.vs["type"] = [False] * n_a + [True] * n_i
    titles = reg.initiatives["title"].fillna(reg.initiatives["initiative_id"])
    g.vs["label"] = as_strings(reg.actors["name"]) + as_strings(titles)
    g.vs["actor_type"] = as_strings(reg.actors["actor_type"]) + [None] * n_i
    for col in ("role", "roles", "registry", "record_id"):
        g.es[col] = as_strings(m[col])
    return g
