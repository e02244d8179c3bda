"""Network measures: who sits at the centre, who brokers, how the ecosystem holds together.

=================================  ==============================================
hubs
:func:`hub_metrics`                degree, strength, PageRank, eigenvector, s-core per actor
:func:`hubs`                       the top actors by a hub measure, overall or per group
:func:`s_coreness`                 weighted k-core (s-core) level of each vertex
brokers
:func:`brokers`                    the broker table: betweenness, constraint, roles, cut vertices
:func:`betweenness_centrality`     exact or pivot-sampled betweenness (Brandes)
:func:`initiative_holes`           Burt's structural holes between an actor's initiatives
:func:`structural_holes`           the same measures on a one-mode graph (e.g. the projection)
:func:`gould_fernandez`            Gould–Fernandez brokerage roles by group
:func:`participation`              participation coefficient across communities
:func:`cut_vertices`               actors whose exit splits the network; :func:`bridges`
structure
:func:`communities`                Leiden communities; :func:`community_profiles` says what they share
:func:`core_periphery`             Borgatti–Everett core and periphery
:func:`components`                 connected components; :func:`isolated_initiatives`
change and suggestions
:func:`removal_curves`             resilience: the largest group as actors leave
:func:`critical_actors`            the actors whose exit cuts most initiatives off
:func:`suggest_partners`           partners an actor could work with, with the reason
=================================  ==============================================

Examples
--------
>>> from ecosystem.measures.network import brokers, hub_metrics
>>> callable(brokers) and callable(hub_metrics)
True
"""
from ecosystem.measures.network.betweenness import betweenness_centrality
from ecosystem.measures.network.brokerage_roles import brokerage_totals, gould_fernandez
from ecosystem.measures.network.brokers import brokers
from ecosystem.measures.network.communities import communities
from ecosystem.measures.network.community_profiles import community_facets, community_profiles
from ecosystem.measures.network.components import (
    actor_components,
    components,
    isolated_initiatives,
)
from ecosystem.measures.network.core_periphery import core_periphery
from ecosystem.measures.network.cut_points import (
    articulation_points,
    bridge_ties,
    bridges,
    cut_vertices,
)
from ecosystem.measures.network.hubs import hub_metrics, hubs
from ecosystem.measures.network.initiative_holes import initiative_holes
from ecosystem.measures.network.participation import participation
from ecosystem.measures.network.resilience import critical_actors, removal_curve, removal_curves
from ecosystem.measures.network.s_core import s_coreness
from ecosystem.measures.network.structural_holes import (
    constraint,
    effective_size,
    efficiency,
    structural_holes,
)
from ecosystem.measures.network.suggest import evaluate_link_prediction, suggest_partners

__all__ = [
    "actor_components",
    "articulation_points",
    "betweenness_centrality",
    "bridge_ties",
    "bridges",
    "brokerage_totals",
    "brokers",
    "communities",
    "community_facets",
    "community_profiles",
    "components",
    "constraint",
    "core_periphery",
    "critical_actors",
    "cut_vertices",
    "effective_size",
    "efficiency",
    "evaluate_link_prediction",
    "gould_fernandez",
    "hub_metrics",
    "hubs",
    "initiative_holes",
    "isolated_initiatives",
    "participation",
    "removal_curve",
    "removal_curves",
    "s_coreness",
    "structural_holes",
    "suggest_partners",
]
