"""Network measures: who sits at the centre, who brokers, how the ecosystem holds together.

=================================  ==============================================
hubs
:func:`hub_metrics`                degree, strength, PageRank, eigenvector, k-core per actor
:func:`hubs`                       the top actors by a hub measure, overall or per group
brokers
:func:`brokers`                    the broker table: betweenness, constraint, roles, cut vertices
:func:`betweenness_centrality`     exact or pivot-sampled betweenness (Brandes)
:func:`structural_holes`           Burt's constraint, effective size and efficiency
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
from ecosystem.measures.network.communities import (
    communities,
    community_facets,
    community_profiles,
)
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
from ecosystem.measures.network.participation import participation
from ecosystem.measures.network.resilience import critical_actors, removal_curve, removal_curves
from ecosystem.measures.network.structural_holes import (
    constraint,
    effective_size,
    efficiency,
    structural_holes,
)
from ecosystem.measures.network.suggest import evaluate_link_prediction, suggest_partners

__all__ = [
    "hub_metrics", "hubs", "brokers", "betweenness_centrality", "structural_holes",
    "constraint", "effective_size", "efficiency", "gould_fernandez", "brokerage_totals",
    "participation", "cut_vertices", "articulation_points", "bridges", "bridge_ties",
    "communities", "community_profiles", "community_facets", "core_periphery", "components",
    "actor_components", "isolated_initiatives", "removal_curves", "removal_curve",
    "critical_actors", "suggest_partners", "evaluate_link_prediction",
]
