"""Graphs built from the canonical model.

=====================================  =============================================
:func:`bipartite_graph`                actor–initiative graph (igraph)
:func:`incidence_matrix`               actor × initiative CSR matrix (scipy)
:func:`memberships`                    distinct (actor, initiative) pairs with roles
:func:`membership_positions`           the same, with actor and initiative positions
:func:`actor_projection`               actor–actor co-membership (count/newman/jaccard)
:func:`initiative_projection`          initiative–initiative graph (shared actors)
:func:`copresence_projection`          organisation–organisation co-presence (shared place × sector cells)
:func:`copresence_registry`            the organisation × cell network as a registry (cells as initiatives)
:func:`initiative_shares`              share of an actor's strength from its largest initiative
:func:`disparity_backbone`             Serrano et al. (2009) backbone of a weighted graph
:func:`actor_backbone`                 the same of an actor projection too large to hold (two passes)
:func:`flow_graph`                     directed provider → receiver graph
:func:`to_networkx`                    networkx copy with attributes, keyed by name
=====================================  =============================================

igraph is the engine and scipy holds the incidence matrix; each module's
docstring says why, and ``make bench`` measures it against the plain networkx
way. Registry filters (:func:`ecosystem.filters.filter_registry`) cut a registry
down before its graphs are built.
"""
from ecosystem.graphs.backbone import disparity_alpha, disparity_backbone
from ecosystem.graphs.bipartite import (
                                        as_strings,
                                        bipartite_graph,
                                        incidence_matrix,
                                        membership_positions,
                                        memberships,
)
from ecosystem.graphs.convert import to_networkx
from ecosystem.graphs.copresence import (
                                         COPRESENCE_LEVELS,
                                         copresence_projection,
                                         copresence_registry,
)
from ecosystem.graphs.flow_graph import flow_graph
from ecosystem.graphs.initiative_shares import initiative_shares
from ecosystem.graphs.projection import (
                                         DEFAULT_MAX_EDGES,
                                         WEIGHTINGS,
                                         actor_projection,
                                         cooccurrence_pairs,
                                         initiative_projection,
                                         projection_edges,
)

from ecosystem.graphs.projection_backbone import actor_backbone

__all__ = [
                                        "COPRESENCE_LEVELS",
                                        "DEFAULT_MAX_EDGES",
                                        "WEIGHTINGS",
                                        "actor_backbone",
                                        "actor_projection",
                                        "as_strings",
                                        "bipartite_graph",
                                        "cooccurrence_pairs",
                                        "copresence_projection",
                                        "copresence_registry",
                                        "disparity_alpha",
                                        "disparity_backbone",
                                        "flow_graph",
                                        "incidence_matrix",
                                        "initiative_projection",
                                        "initiative_shares",
                                        "membership_positions",
                                        "memberships",
                                        "projection_edges",
                                        "to_networkx",
]
