"""Structural holes between an actor's partners, for a network drawn tie by tie.

In a registry of initiatives Burt's measures are counted between an actor's initiatives
(:mod:`ecosystem.measures.network.initiative_holes`): on the projection an initiative of many
members is a clique. A drawn network (node/edge sheets, node-link JSON) has links of two
organisations only, so its projection is the network itself and Burt's own measures apply:
an actor's contacts are its partners, two of them redundant when they are tied to each other.

References
----------
Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition.*
Cambridge, MA: Harvard University Press.

Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
*Connections* 20(1): 35–38.
"""
from __future__ import annotations

import igraph as ig
import numpy as np
import pandas as pd

from ecosystem.measures.network.structural_holes import structural_holes

__all__ = ["partner_holes"]


def partner_holes(g: ig.Graph, weights: str | None = "weight") -> pd.DataFrame:
    """Burt's structural holes between each vertex's partners, in the columns of
    :func:`ecosystem.measures.network.initiative_holes.initiative_holes`.

    ``initiatives`` is the number of distinct partners d_i (Burt's contacts) and
    ``redundant_pairs`` the number of pairs of them tied to each other t_i (the triangles
    through the vertex); constraint, effective size and efficiency are
    :func:`ecosystem.measures.network.structural_holes.structural_holes`'s (Burt 1992;
    effective size as Borgatti 1997 when unweighted: d_i − 2 t_i / d_i).

    Examples
    --------
    A triangle 0–1–2 with a tail 2–3: vertex 2 has three partners, one pair of them tied.

    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1), (0, 2), (1, 2), (2, 3)])
    >>> partner_holes(g, weights=None).round(3).iloc[2].tolist()
    [3.0, 1.0, 0.611, 2.333, 0.778]
    """
    found = structural_holes(g, weights if weights in g.edge_attributes() else None)
    simple = g.copy().simplify(multiple=True, loops=True)
    degree = np.asarray(simple.degree(), dtype=float)
    local = np.nan_to_num(np.asarray(simple.transitivity_local_undirected(mode="zero"),
                                     dtype=float))
    tied = np.rint(local * degree * (degree - 1) / 2)
    none = degree == 0
    return pd.DataFrame({
        "initiatives": np.where(none, np.nan, degree),
        "redundant_pairs": np.where(none, np.nan, tied),
        "constraint": found["constraint"].to_numpy(dtype=float),
        "effective_size": found["effective_size"].to_numpy(dtype=float),
        "efficiency": found["efficiency"].to_numpy(dtype=float)})
