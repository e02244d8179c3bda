"""Views: analysis DataFrames in, plotly Figures out (usable in a notebook).

=============================  ==================================================
:func:`network_map`            actors by force layout, sized by a hub measure
:func:`ranked_bars`            hubs and brokers, largest first
:func:`brokerage_roles`        Gould–Fernandez roles stacked per actor
:func:`coverage_heatmap`       initiatives per target × place, gaps outlined
:func:`crowding_scatter`       crowding against connection per cell
:func:`duplicate_clusters_table`, :func:`similarity_histogram`
:func:`lorenz_curves`, :func:`composition_bars`, :func:`resources_by_type`
:func:`agreement_quadrants`    the Agreement Matrix
:func:`resilience_curves`      largest component as actors leave
:func:`flow_sankey`            provider → receiver flows
:func:`stakeholder_map`        influence × interest
:func:`country_map`            initiatives and actors per country, offline shapes
=============================  ==================================================
"""
from ecosystem.views.agreement import agreement_quadrants
from ecosystem.views.country_map import country_map
from ecosystem.views.coverage import coverage_heatmap, crowding_scatter
from ecosystem.views.duplication import duplicate_clusters_table, similarity_histogram
from ecosystem.views.flows import flow_sankey
from ecosystem.views.network import network_map
from ecosystem.views.power import composition_bars, lorenz_curves, resources_by_type
from ecosystem.views.rankings import brokerage_roles, ranked_bars
from ecosystem.views.resilience import resilience_curves
from ecosystem.views.stakeholders import stakeholder_map
from ecosystem.views.template import ACTOR_TYPE_COLOURS, OKABE_ITO

__all__ = [
    "ACTOR_TYPE_COLOURS", "OKABE_ITO", "agreement_quadrants", "brokerage_roles",
    "composition_bars", "country_map", "coverage_heatmap", "crowding_scatter",
    "duplicate_clusters_table", "flow_sankey", "lorenz_curves", "network_map", "ranked_bars",
    "resilience_curves", "resources_by_type", "similarity_histogram", "stakeholder_map",
]
