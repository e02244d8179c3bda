"""Brokers: actors that connect others who are not otherwise connected.

:func:`brokers` builds the actor projection once and puts every broker measure
of the toolkit in one table, one row per actor:

betweenness
    Share of shortest paths between other actors that pass through the actor
    (Freeman 1977), on the co-membership projection with **unweighted hop
    counts**: a path through one shared initiative is one step, whatever the
    tie's weight. Unnormalised (a count of pairs, each unordered pair once) by
    default; ``normalized=True`` divides by (n−1)(n−2)/2 as networkx does.
    Exact or sampled, see *Engine* below; the mode and k are in the table.
initiatives_with_partners, redundant_pairs, constraint, effective_size, efficiency
    Burt's structural holes between the actor's initiatives
    (:mod:`ecosystem.measures.network.initiative_holes`): its contacts are its
    initiatives that have another member, two of them redundant when another
    actor also takes part in both. Not on the projection, where an initiative
    of n members is a clique whose members all get a constraint near
    4/(n − 1), so that the members of the largest initiative would span the
    most holes (:func:`ecosystem.measures.network.structural_holes.structural_holes`
    still computes Burt's measures on any one-mode graph). They are read from
    the whole registry, whatever the projection options.
is_cut_vertex, initiatives_cut_off
    Whether the actor's exit alone disconnects initiatives in the
    actor–initiative graph, and how many (:mod:`ecosystem.measures.network.cut_points`).
community, participation, within_community_z
    Guimerà–Amaral participation across the Leiden communities of the same
    projection (:mod:`ecosystem.measures.network.participation`,
    :mod:`ecosystem.measures.network.communities`).
group, coordinator … liaison, brokerage_total, z_*
    Gould–Fernandez brokerage roles between the groups of ``grouping``
    (:mod:`ecosystem.measures.network.brokerage_roles`).

Betweenness engine: :mod:`ecosystem.measures.network.betweenness` (exact with closed-twin
compression when affordable, else k pivots; the mode, k and the measured
agreement with exact are documented there). Gould–Fernandez roles sum over the
triangles of the projection, listed by :mod:`ecosystem.measures.network.triangles`;
structural holes are two sparse products with the incidence matrix.

``make bench`` (``benchmarks/run.py``, stage ``brokers``) times the whole
table on the Ocean commitments registry (9,286 actors, 182,176 projected
edges, 9.0 million triangles) and on the synthetic 7k, 70k and 700k
registries; sampled betweenness and the sum over triangles (brokerage roles)
take most of it. At 700,000 initiatives (projection
without initiatives over 20 members: 1.8M actors, 5.1M edges) it completes,
with betweenness sampled from k = 61 pivots.

References
----------
Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
*Connections* 20(1): 35–38.

Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition.*
Cambridge, MA: Harvard University Press.

Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
*Sociometry* 40(1): 35–41.

Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal
approach to brokerage in transaction networks. *Sociological Methodology* 19:
89–126.

Guimerà, R. & Amaral, L. A. N. (2005). Functional cartography of complex
metabolic networks. *Nature* 433: 895–900.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import igraph as ig
import numpy as np
import pandas as pd

from ecosystem.errors import AnalysisError, ProjectionTooLarge
from ecosystem.graphs import DEFAULT_MAX_EDGES, actor_projection
from ecosystem.measures.network.betweenness import MODES, betweenness_centrality
from ecosystem.measures.network.brokerage_roles import (
    ROLES,
    ClosedTriples,
    gould_fernandez,
    gould_fernandez_from,
)
from ecosystem.measures.network.cut_points import cut_vertices
from ecosystem.measures.network.initiative_holes import initiative_holes
from ecosystem.measures.network.participation import participation
from ecosystem.measures.network.partner_holes import partner_holes
from ecosystem.measures.network.structural_holes import HoleSums, mutual_weights, structural_holes
from ecosystem.measures.network.triangles import iter_triangles
from ecosystem.model import Registry, require_initiatives

__all__ = ["brokers", "holes_and_roles"]

#: A grouping of the actors: a column of the actors table, or actor_id → group.
Grouping = str | Mapping[str, object] | pd.Series


#: Actor columns that name or identify an actor, never a group of actors.
_NOT_GROUPINGS = ("actor_id", "name", "official_name", "source_names", "org_ref")


def _groups(reg: Registry, grouping: Grouping) -> tuple[pd.Series, str]:
    """Group label of each actor (actor_id index) from a column name or a mapping."""
    ids = reg.actors["actor_id"].astype(str)
    if isinstance(grouping, str):
        if grouping not in reg.actors.columns:
            raise AnalysisError(
                f"grouping {grouping!r} is not a column of the actors table; available: "
                f"{', '.join(c for c in reg.actors.columns if c not in _NOT_GROUPINGS)}; "
                "or pass a mapping actor_id -> group "
                "(e.g. a north_south Series)")
        labels = pd.Series(reg.actors[grouping].to_numpy(dtype=object), index=ids)
        name = grouping
    elif isinstance(grouping, (pd.Series, dict)):
        mapping = pd.Series(grouping, dtype=object)
        mapping.index = mapping.index.astype(str)
        labels = mapping.reindex(ids)
        name = getattr(grouping, "name", None) or "group"
    else:
        raise AnalysisError("grouping must be a column name of the actors table (e.g. "
                            "'actor_type', 'country') or a mapping actor_id -> group")
    labels = labels.where(labels.notna(), None)
    present = labels.dropna()
    if present.nunique() < 2:
        only = repr(present.iloc[0]) if len(present) else "no value at all"
        raise AnalysisError(
            f"grouping {name!r} gives the actors a single group ({only}): Gould–Fernandez "
            "roles need at least two groups; choose another column (actor_type, country) "
            "or a mapping with two or more groups")
    return labels, name


def holes_and_roles(g: ig.Graph, groups: Sequence, weights: str | None = "weight"
                    ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Structural holes and Gould–Fernandez roles of a one-mode graph, from one triangle pass.

    Both sum over the triangles of the graph; this lists them once and feeds
    both sums, instead of once in
    :func:`ecosystem.measures.network.structural_holes.structural_holes` and once in
    :func:`ecosystem.measures.network.brokerage_roles.gould_fernandez`. The tables are
    those two functions' (a directed graph, or one with zero-weight ties, is
    computed by the two functions separately).

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1), (0, 2), (1, 2), (2, 3)])
    >>> holes, roles = holes_and_roles(g, ["x", "x", "y", "y"], weights=None)
    >>> holes["constraint"].round(3).tolist(), roles["total"].tolist()
    ([1.007, 1.007, 0.611, 1.0], [0, 0, 4, 0])
    """
    mw = mutual_weights(g, weights)
    if g.is_directed() or len(mw.w) != len(mutual_weights(g, None).w):
        return structural_holes(g, weights), gould_fernandez(g, groups)
    sums = HoleSums(mw)
    closed = ClosedTriples(groups, g.vcount())
    for t in iter_triangles(mw.u, mw.v, mw.n, chunk=sums.chunk):
        sums.add(t)
        closed.add(t)
    return sums.frame(g), gould_fernandez_from(g, closed)


def _roles_frame(g: ig.Graph, labels: pd.Series) -> pd.DataFrame:
    """Role counts for the actors that have a group (induced subgraph); NaN for the rest."""
    has = labels.notna().to_numpy()
    keep = np.flatnonzero(has)
    sub = g.induced_subgraph(keep.tolist()) if len(keep) < g.vcount() else g
    roles = gould_fernandez(sub, labels.to_numpy()[keep])
    full = pd.DataFrame({"group": labels.to_numpy()})
    for col in list(ROLES) + ["total"]:
        values = np.full(g.vcount(), np.nan)
        values[keep] = roles[col].to_numpy(dtype=float)
        full["brokerage_total" if col == "total" else col] = pd.Series(
            np.where(has, values, 0).astype(np.int64), dtype="Int64").where(has, pd.NA)
    for col in [f"z_{r}" for r in ROLES] + ["z_total"]:
        values = np.full(g.vcount(), np.nan)
        values[keep] = roles[col].to_numpy(dtype=float)
        full[col] = values
    return full


def brokers(reg: Registry, *, grouping: Grouping | None = "actor_type", weight: str = "newman",
            betweenness: str = "auto", k: int | None = None, seed: int = 0,
            normalized: bool = False,
            communities: str | pd.DataFrame | pd.Series | Mapping[str, object] | None = "auto",
            graph: ig.Graph | None = None, holes: str = "initiatives",
            **projection_options: Any) -> pd.DataFrame:
    """Every broker measure for every actor, from one actor projection.

    Parameters
    ----------
    reg : Registry
    grouping : str, mapping or None
        Groups for the Gould–Fernandez roles: a column of ``reg.actors``
        (``"actor_type"``, ``"country"``) or a mapping / Series actor_id →
        group (e.g. Global North/South). Actors without a group are left out
        of the role analysis (their role columns are NaN; their number is in
        ``attrs["grouping_left_out"]``). None skips the roles.
    weight : {"newman", "count", "jaccard"}
        Projection weighting, used by participation and the communities
        (betweenness uses hop counts; structural holes are counted between
        initiatives).
    betweenness : {"auto", "exact", "sampled"}
        See :func:`betweenness_centrality`; ``k`` and ``seed`` go with it.
    normalized : bool
        Normalise betweenness by the number of pairs.
    communities : "auto", DataFrame, Series or None
        Communities for the participation coefficient: ``"auto"`` runs
        :func:`ecosystem.measures.network.communities.communities` on the same projection
        (seeded with ``seed``); a frame ``actor_id, community`` or a Series
        actor_id → community is used as given; None skips participation.
    graph : igraph.Graph, optional
        A projection of ``reg`` already built with
        :func:`ecosystem.graphs.actor_projection`.
    holes : {"initiatives", "partners"}
        Whom structural holes are counted between: an actor's initiatives
        (:func:`ecosystem.measures.network.initiative_holes.initiative_holes`: on the
        projection an initiative is a clique, so Burt's measures would rank its members by
        its size), or, for a network drawn tie by tie (links of two members), its partners:
        Burt's measures on the projection itself
        (:func:`ecosystem.measures.network.partner_holes.partner_holes`, with the
        projection's weights). With ``"partners"``, ``initiatives_with_partners`` holds the
        actor's distinct partners and ``redundant_pairs`` the pairs of them tied to each other.
    **projection_options
        Passed to :func:`ecosystem.graphs.actor_projection` (``max_edges``,
        ``max_initiative_size``, ``min_weight``); ``max_edges`` also bounds
        the pairs of initiatives that share two or more actors (structural
        holes).

    Returns
    -------
    DataFrame
        One row per actor, sorted by betweenness (descending, then actor_id):
        ``actor_id``, ``name``, ``actor_type``, ``partners``, ``betweenness``,
        ``betweenness_mode``, ``betweenness_k``, ``initiatives_with_partners``,
        ``redundant_pairs``, ``constraint``, ``effective_size``, ``efficiency``,
        ``is_cut_vertex``,
        ``initiatives_cut_off``; with communities ``community``,
        ``participation``, ``within_community_z``; with a grouping ``group``,
        ``coordinator``, ``itinerant``, ``representative``, ``gatekeeper``,
        ``liaison``, ``brokerage_total`` and ``z_`` + each of them. Actors
        with no initiative that has another member have NaN constraint,
        effective size and efficiency.
        ``attrs``: ``betweenness`` (mode, k, cost, seed), ``weighting``,
        ``grouping``, ``grouping_left_out``, ``modularity`` (when communities
        were found here), projection options.

    Raises
    ------
    AnalysisError
        Empty registry, unknown grouping column, a grouping with one group,
        unknown betweenness mode, or a projection over ``max_edges``.

    Notes
    -----
    Each measure's formula and reference are in its own module (see the
    module docstring).

    Examples
    --------
    Actors a, b, c run i1; a and d run i2; d and e run i3 (b and d are
    governments, the others NGOs). a sits between the triangle a–b–c and d–e,
    on the paths of 4 pairs; d, on the paths of 3 pairs to e. a's two
    initiatives share no one else, so a spans one hole (constraint 2 · (1/2)²);
    so does d; b, c and e have one initiative each:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": ["i1", "i1", "i1", "i2", "i2", "i3", "i3"],
    ...                      "actor_id": ["a", "b", "c", "a", "d", "d", "e"], "role": "partner",
    ...                      "registry": "r", "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": list("abcde"), "name": list("ABCDE"),
    ...                          "actor_type": ["ngo", "government", "ngo", "government", "ngo"]}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2", "i3"], "registry": "r",
    ...                               "record_id": ["1", "2", "3"], "kind": "partnership"}))
    >>> table = brokers(reg, grouping="actor_type")
    >>> table[["actor_id", "betweenness", "constraint", "is_cut_vertex", "participation"]].round(3)
      actor_id  betweenness  constraint  is_cut_vertex  participation
    0        a          4.0         0.5           True            0.5
    1        d          3.0         0.5           True            0.5
    2        b          0.0         1.0          False            0.0
    3        c          0.0         1.0          False            0.0
    4        e          0.0         1.0          False            0.0

    a (an NGO) brokers between the governments b and d both ways (itinerant),
    from its fellow NGO c to d (representative) and back (gatekeeper):

    >>> table[["actor_id", "group", "itinerant", "representative", "gatekeeper"]].head(2)
      actor_id       group  itinerant  representative  gatekeeper
    0        a         ngo          2               1           1
    1        d  government          2               0           0
    """
    require_initiatives(reg, "brokers")
    if betweenness not in MODES:
        raise AnalysisError(f"unknown betweenness mode {betweenness!r}: choose one of "
                            f"{', '.join(MODES)}")
    labels = name = None
    if grouping is not None:
        labels, name = _groups(reg, grouping)
    g = graph if graph is not None else actor_projection(reg, weight=weight, **projection_options)
    ids = reg.actors["actor_id"].astype(str).tolist()
    if g.vs["name"] != ids:
        raise AnalysisError("the graph passed to brokers was not built from this registry: "
                            "build it with ecosystem.graphs.actor_projection(reg)")
    if holes not in ("initiatives", "partners"):
        raise AnalysisError(f"unknown holes {holes!r}: choose 'initiatives' or 'partners'")
    bt = betweenness_centrality(g, mode=betweenness, k=k, seed=seed, normalized=normalized)
    holes_left_out = None
    between = holes
    try:
        holes = (partner_holes(g) if between == "partners" else
                 initiative_holes(reg, max_edges=projection_options.get("max_edges",
                                                                        DEFAULT_MAX_EDGES)))
    except ProjectionTooLarge:  # the whole IATI registry's size: say so, compute the rest
        holes_left_out = ("structural holes between initiatives not computed: more than "
                          f"{projection_options.get('max_edges', DEFAULT_MAX_EDGES):,} pairs of "
                          "initiatives share two or more actors")
        holes = pd.DataFrame({c: np.full(len(reg.actors), np.nan) for c in (
            "initiatives", "redundant_pairs", "constraint", "effective_size", "efficiency")})
    cuts = cut_vertices(reg)
    out = pd.DataFrame({
        "actor_id": ids,
        "name": reg.actors["name"].to_numpy(),
        "actor_type": reg.actors["actor_type"].to_numpy(),
        "partners": np.asarray(g.degree(), dtype=np.int64),
        "betweenness": bt.values,
        "betweenness_mode": bt.mode,
        "betweenness_k": pd.array([bt.k] * len(ids), dtype="Int64"),
        "initiatives_with_partners": holes["initiatives"].to_numpy(),
        "redundant_pairs": holes["redundant_pairs"].to_numpy(),
        "constraint": holes["constraint"].to_numpy(),
        "effective_size": holes["effective_size"].to_numpy(),
        "efficiency": holes["efficiency"].to_numpy(),
        "is_cut_vertex": cuts["is_cut_vertex"].to_numpy(),
        "initiatives_cut_off": cuts["initiatives_cut_off"].to_numpy(),
    })
    attrs = {"betweenness": {"mode": bt.mode, "k": bt.k, "cost": bt.cost, "seed": seed,
                             "normalized": normalized, "distances": "hops"},
             "weighting": g["weighting"] if "weighting" in g.attributes() else weight,
             "holes": between, **projection_options}
    if holes_left_out:
        attrs["holes_left_out"] = holes_left_out
    membership = _communities(reg, g, communities, weight, seed, attrs)
    if membership is not None:
        part = participation(g, membership.to_numpy(), weighted=True)
        community = membership.reset_index(drop=True)
        if pd.api.types.is_numeric_dtype(community):
            community = community.astype("Int64")
        out["community"] = community.array
        out["participation"] = part["participation"].to_numpy()
        out["within_community_z"] = part["within_community_z"].to_numpy()
    if labels is not None:
        roles = _roles_frame(g, labels)
        out = pd.concat([out, roles.set_index(out.index)], axis=1)
        attrs.update(grouping=name, grouping_left_out=int(labels.isna().sum()))
    out = out.sort_values(["betweenness", "actor_id"], ascending=[False, True],
                          ignore_index=True)
    out.attrs.update(attrs)
    return out


def _communities(reg: Registry, g: ig.Graph, communities, weight: str, seed: int,
                 attrs: dict) -> pd.Series | None:
    """Community of each vertex (in vertex order), or None."""
    if communities is None:
        return None
    ids = pd.Index(g.vs["name"])
    if isinstance(communities, str):
        if communities != "auto":
            raise AnalysisError("communities must be 'auto', None, a DataFrame with columns "
                                "actor_id and community, or a Series actor_id -> community")
        if g.ecount() == 0:
            return None
        from ecosystem.measures.network.communities import (
            communities as find_communities,
        )

        frame = find_communities(reg, weight=weight, seed=seed, graph=g)
        attrs["modularity"] = frame.attrs.get("modularity")
        return pd.Series(frame["community"].to_numpy(), index=frame["actor_id"]).reindex(ids)
    if isinstance(communities, pd.DataFrame):
        if not {"actor_id", "community"} <= set(communities.columns):
            raise AnalysisError(
                "communities must have columns actor_id and community "
                "(the output of ecosystem.measures.network.communities.communities)")
        return communities.set_index(communities["actor_id"].astype(str))["community"].reindex(ids)
    if isinstance(communities, (pd.Series, dict)):
        s = pd.Series(communities)
        s.index = s.index.astype(str)
        return s.reindex(ids)
    raise AnalysisError("communities must be 'auto', None, a DataFrame (actor_id, community) "
                        "or a Series actor_id -> community")
