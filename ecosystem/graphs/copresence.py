"""Co-presence: organisations tied by working in the same place and sector.

A "who does what where" (3W/4W) sheet records, row by row, that one
organisation works in one place on one sector; no row names two
organisations, so the co-membership projection
(:func:`ecosystem.graphs.actor_projection`) has no edge. The network a 3W
user reads is co-presence: two organisations are tied when they work in the
same **cell**, a (sector, place) pair — (SDG target, place) with
``level="target"``, (goal, place) with ``level="goal"``.

It is the one-mode projection of the two-mode organisation × cell network
(the "duality of persons and groups" of Breiger 1974, with cells as the
groups). Let C(u) be the cells of organisation u: every (s, p) with s a
sector (target, goal) and p a place of ``place_kind`` of an initiative u
takes part in, in any role (an initiative tagged with sectors S and places P
puts its organisations in every cell of S × P, as
:func:`ecosystem.measures.coordination.cells.cell_memberships` does). Then

    shared(u, v) = |C(u) ∩ C(v)|

and the edge weight is, by ``weight``:

``count``
    w_uv = shared(u, v), the number of cells both work in.
``newman``
    w_uv = Σ_{c ∈ C(u) ∩ C(v)} 1/(k_c − 1), k_c the organisations in cell c
    (Newman 2001): each cell gives each organisation in it a total weight of
    1, so a crowded cell does not make all its organisations a core.
``jaccard``
    w_uv = shared(u, v) / |C(u) ∪ C(v)|.

:func:`copresence_registry` writes the organisation × cell network as a
registry whose initiatives are the cells (ties: organisation → cell), so
every measure that reads the actor–initiative graph (cells per organisation,
structural holes between cells, cut-offs, removal curves) reads cells;
:func:`copresence_projection` is :func:`ecosystem.graphs.actor_projection` of
it, with the same vertex and edge attributes.

A place is identified by its ``initiative_places`` code (admin areas by code
or name, as the loader wrote it), as the coordination cells are.

References
----------
Breiger, R. L. (1974). The duality of persons and groups. *Social Forces*
53(2): 181–190.

Newman, M. E. J. (2001). Scientific collaboration networks. II. Shortest
paths, weighted networks, and centrality. *Physical Review E* 64: 016132.

Examples
--------
UNICEF and MSF both work on WASH and Health in Gao; WFP on Food Security in
Gao and WASH in Mopti, where no one else is:

>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> rows = [("i1", "unicef", "WASH", "Gao"), ("i2", "unicef", "Health", "Gao"),
...         ("i3", "msf", "WASH", "Gao"), ("i4", "msf", "Health", "Gao"),
...         ("i5", "wfp", "Food Security", "Gao"), ("i6", "wfp", "WASH", "Mopti")]
>>> ids, orgs, sectors, places = map(list, zip(*rows))
>>> reg = Registry.from_frames(
...     actors=pd.DataFrame({"actor_id": ["unicef", "msf", "wfp"],
...                          "name": ["UNICEF", "MSF", "WFP"], "actor_type": "ngo"}),
...     initiatives=pd.DataFrame({"initiative_id": ids, "registry": "r", "record_id": ids,
...                               "kind": "presence"}),
...     ties=pd.DataFrame({"initiative_id": ids, "actor_id": orgs, "role": "implementing",
...                        "registry": "r", "record_id": ids}),
...     initiative_themes=pd.DataFrame({"initiative_id": ids, "theme": sectors,
...                                     "vocabulary": "cluster"}),
...     initiative_places=pd.DataFrame({"initiative_id": ids, "place": places,
...                                     "kind": "admin1"}))
>>> from ecosystem.graphs import projection_edges
>>> g = copresence_projection(reg)
>>> projection_edges(g)
   source target  weight  shared
0  unicef    msf     2.0       2
>>> g["cells"], g.vcount()
(4, 3)
"""
from __future__ import annotations

import igraph as ig
import pandas as pd

from ecosystem.errors import AnalysisError
from ecosystem.graphs.projection import DEFAULT_MAX_EDGES, actor_projection
from ecosystem.graphs.sector_themes import sector_vocabulary
from ecosystem.model import PLACE_KINDS, Registry, require_initiatives

__all__ = ["COPRESENCE_LEVELS", "copresence_projection", "copresence_registry"]

#: What the sector side of a cell is.
COPRESENCE_LEVELS = ("sector", "target", "goal")


def _facets(reg: Registry, level: str, vocabulary: str | None) -> tuple[pd.DataFrame, str | None]:
    """(initiative_id, facet) rows: the sector, target or goal side of the cells."""
    if level == "sector":
        vocab = sector_vocabulary(reg, vocabulary, "co-presence")
        t = reg.initiative_themes
        f = t.loc[t["vocabulary"] == vocab, ["initiative_id", "theme"]].rename(
            columns={"theme": "facet"})
        return f.dropna().drop_duplicates(), vocab
    if level == "target":
        f = reg.initiative_targets[["initiative_id", "target"]].rename(columns={"target": "facet"})
    else:
        f = pd.concat([reg.initiative_goals[["initiative_id", "goal"]],
                       reg.initiative_targets[["initiative_id", "goal"]]])
        f = f.rename(columns={"goal": "facet"})
        f["facet"] = f["facet"].astype("string")
    if f.empty:
        raise AnalysisError(f"co-presence: the registry records no SDG {level}s")
    return f.dropna().drop_duplicates(), None


def copresence_registry(reg: Registry, *, place_kind: str = "admin1", level: str = "sector",
                        vocabulary: str | None = None) -> Registry:
    """The organisation × cell network of ``reg``, as a registry whose initiatives are cells.

    Parameters
    ----------
    reg : Registry
    place_kind : str
        One of :data:`ecosystem.model.PLACE_KINDS` (default ``"admin1"``).
    level : {"sector", "target", "goal"}
    vocabulary : str, optional
        Theme vocabulary of the sectors (``level="sector"``); by default the
        registry's only one (AnalysisError when it has several).

    Returns
    -------
    Registry
        ``actors`` as in ``reg`` (same order); one initiative per cell (kind
        ``"presence"``, id and title ``"{sector} · {place name}"``,
        registry ``"co-presence"``); a tie for each organisation and role
        present in the cell; the cell's place (``initiative_places``) and
        sector (``initiative_themes``), target or goal.

    Raises
    ------
    AnalysisError
        No initiatives, unknown ``level`` or ``place_kind``, no places of
        ``place_kind``, no sectors (targets, goals) or no cell with both.

    Examples
    --------
    >>> import pandas as pd
    >>> ids = ["i1", "i2"]
    >>> reg = Registry.from_frames(
    ...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"], "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": ids, "registry": "r", "record_id": ids,
    ...                               "kind": "presence"}),
    ...     ties=pd.DataFrame({"initiative_id": ids, "actor_id": ["a", "b"],
    ...                        "role": "implementing", "registry": "r", "record_id": ids}),
    ...     initiative_themes=pd.DataFrame({"initiative_id": ids, "theme": "WASH",
    ...                                     "vocabulary": "cluster"}),
    ...     initiative_places=pd.DataFrame({"initiative_id": ids, "place": "ML07",
    ...                                     "name": "Gao", "kind": "admin1"}))
    >>> cells = copresence_registry(reg)
    >>> cells.initiatives["title"].tolist(), cells.ties["actor_id"].tolist()
    (['WASH · Gao'], ['a', 'b'])
    """
    if level not in COPRESENCE_LEVELS:
        raise AnalysisError(f"co-presence: unknown level {level!r}; use one of "
                            f"{COPRESENCE_LEVELS}")
    if place_kind not in PLACE_KINDS:
        raise AnalysisError(f"co-presence: unknown place_kind {place_kind!r}; use one of "
                            f"{PLACE_KINDS}")
    require_initiatives(reg, "co-presence")
    p = reg.initiative_places
    p = p[p["kind"] == place_kind]
    if p.empty:
        kinds = ", ".join(sorted(reg.initiative_places["kind"].dropna().unique())) or "none"
        raise AnalysisError(f"co-presence: the registry has no places of kind {place_kind!r}; "
                            f"kinds present: {kinds}")
    facets, vocab = _facets(reg, level, vocabulary)
    places = p[["initiative_id", "place"]].drop_duplicates()
    member = facets.merge(places, on="initiative_id")
    if member.empty:
        raise AnalysisError(f"co-presence: no initiative has both a {level} and a place of kind "
                            f"{place_kind!r}")
    named = p.dropna(subset=["name"]).drop_duplicates("place")
    names = dict(zip(named["place"].astype(str), named["name"].astype(str)))
    first = p.drop_duplicates("place")
    parents = dict(zip(first["place"].astype(str), first["parent"]))
    cells = member.drop_duplicates(["facet", "place"]).copy()
    label = pd.Series([f"{f} · {names.get(str(pl), pl)}" for f, pl in
                       zip(cells["facet"], cells["place"])], index=cells.index, dtype=object)
    twin = label.duplicated(keep=False)  # two places of one name stay two cells
    cells["cell"] = label.where(~twin, label + " (" + cells["place"].astype(str) + ")")
    member = member.merge(cells[["facet", "place", "cell"]], on=["facet", "place"])
    cells = cells.sort_values(["facet", "cell"], kind="stable")
    ties = (reg.ties[["initiative_id", "actor_id", "role"]]
            .merge(member[["initiative_id", "cell"]], on="initiative_id")
            [["cell", "actor_id", "role"]].drop_duplicates())
    ties = ties.rename(columns={"cell": "initiative_id"}).assign(
        registry="co-presence", record_id=ties["cell"].to_numpy())
    cid = cells["cell"].to_numpy()
    frames = {
        "actors": reg.actors,
        "initiatives": pd.DataFrame({"initiative_id": cid, "registry": "co-presence",
                                     "record_id": cid, "kind": "presence", "title": cid}),
        "ties": ties.reset_index(drop=True),
        "initiative_places": pd.DataFrame({
            "initiative_id": cid, "place": cells["place"].to_numpy(), "kind": place_kind,
            "name": [names.get(str(pl)) for pl in cells["place"]],
            "parent": [parents.get(str(pl)) for pl in cells["place"]]}),
    }
    if level == "sector":
        frames["initiative_themes"] = pd.DataFrame({"initiative_id": cid, "theme":
                                                    cells["facet"].to_numpy(), "vocabulary": vocab})
    elif level == "target":
        frames["initiative_targets"] = pd.DataFrame({
            "initiative_id": cid, "target": cells["facet"].to_numpy(),
            "goal": cells["facet"].astype(str).str.split(".").str[0].astype(int).to_numpy()})
    else:
        frames["initiative_goals"] = pd.DataFrame({"initiative_id": cid,
                                                   "goal": cells["facet"].astype(int).to_numpy()})
    return Registry.from_frames(**frames)


def copresence_projection(reg: Registry, *, place_kind: str = "admin1", level: str = "sector",
                          vocabulary: str | None = None, weight: str = "count",
                          max_edges: int = DEFAULT_MAX_EDGES) -> ig.Graph:
    """Organisation–organisation co-presence graph: tied when working in the same cell.

    Parameters
    ----------
    reg : Registry
    place_kind, level, vocabulary
        The cells (see :func:`copresence_registry`).
    weight : {"count", "newman", "jaccard"}
        ``count``: number of shared cells (the default); ``newman``: Σ 1/(k_c − 1)
        over shared cells of k_c organisations; ``jaccard``: shared cells over
        the union of the two organisations' cells (module docstring).
    max_edges : int
        As :func:`ecosystem.graphs.actor_projection`.

    Returns
    -------
    igraph.Graph
        As :func:`ecosystem.graphs.actor_projection`: one vertex per actor of
        ``reg.actors`` in order (``name`` = actor_id, ``label``,
        ``actor_type``, ``country``), edge attributes ``weight`` and
        ``shared`` (number of shared cells), graph attribute ``weighting``;
        plus graph attributes ``network`` (``"co-presence"``), ``place_kind``,
        ``level``, ``vocabulary`` and ``cells`` (number of cells).

    Raises
    ------
    AnalysisError
        As :func:`copresence_registry`, or an unknown weighting.

    Examples
    --------
    a and b share WASH in Gao and in Kayes, c is in WASH in Gao only; with
    ``newman`` the Gao cell (three organisations) adds 1/2 to each pair:

    >>> import pandas as pd
    >>> ids = ["i1", "i2", "i3", "i4", "i5"]
    >>> reg = Registry.from_frames(
    ...     actors=pd.DataFrame({"actor_id": list("abc"), "name": list("ABC"),
    ...                          "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": ids, "registry": "r", "record_id": ids,
    ...                               "kind": "presence"}),
    ...     ties=pd.DataFrame({"initiative_id": ids, "actor_id": list("ababc"),
    ...                        "role": "implementing", "registry": "r", "record_id": ids}),
    ...     initiative_themes=pd.DataFrame({"initiative_id": ids, "theme": "WASH",
    ...                                     "vocabulary": "cluster"}),
    ...     initiative_places=pd.DataFrame({"initiative_id": ids,
    ...         "place": ["Gao", "Gao", "Kayes", "Kayes", "Gao"], "kind": "admin1"}))
    >>> g = copresence_projection(reg, weight="newman")
    >>> g.get_edgelist(), g.es["weight"], g.es["shared"]
    ([(0, 1), (0, 2), (1, 2)], [1.5, 0.5, 0.5], [2, 1, 1])
    """
    cells = copresence_registry(reg, place_kind=place_kind, level=level, vocabulary=vocabulary)
    g = actor_projection(cells, weight=weight, max_edges=max_edges)
    g["network"] = "co-presence"
    g["place_kind"] = place_kind
    g["level"] = level
    themes = cells.initiative_themes["vocabulary"]
    g["vocabulary"] = str(themes.iloc[0]) if level == "sector" and len(themes) else None
    g["cells"] = len(cells.initiatives)
    return g
