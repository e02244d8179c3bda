"""Graphs built from the canonical model.

=====================================  =============================================
:func:`filter_registry`                cut a registry down before building graphs
:func:`bipartite_graph`                actor–initiative graph (igraph)
:func:`incidence_matrix`               actor × initiative CSR matrix (scipy)
:func:`memberships`                    distinct (actor, initiative) pairs with roles
:func:`actor_projection`               actor–actor co-membership (count/newman/jaccard)
:func:`initiative_projection`          initiative–initiative graph (shared actors)
:func:`disparity_backbone`             Serrano et al. (2009) backbone of a weighted graph
:func:`flow_graph`                     directed provider → receiver graph
:func:`to_networkx`                    networkx copy with attributes, keyed by name
=====================================  =============================================

igraph is the engine and scipy holds the incidence matrix; the reasons and the
measured timings are in each module's docstring
(``../shared/research/performance-baseline.md``).
"""
from .backbone import disparity_alpha, disparity_backbone
from .bipartite import bipartite_graph, incidence_matrix, memberships, require_initiatives
from .convert import to_networkx
from .filters import DORMANT_CHOICES, filter_registry
from .flow_graph import flow_graph
from .projection import (DEFAULT_MAX_EDGES, WEIGHTINGS, actor_projection, cooccurrence_pairs,
                         initiative_projection, projection_edges)

__all__ = [
    "filter_registry", "DORMANT_CHOICES", "bipartite_graph", "incidence_matrix", "memberships",
    "require_initiatives", "actor_projection", "initiative_projection", "projection_edges",
    "cooccurrence_pairs", "WEIGHTINGS", "DEFAULT_MAX_EDGES", "disparity_backbone",
    "disparity_alpha", "flow_graph", "to_networkx",
]
