"""Power and burden-sharing measures: who holds the ties, who leads, who brings what.

=================================  ==============================================
concentration
:func:`concentration`              Gini, HHI and top shares of ties, leads or initiatives
:func:`gini`, :func:`hhi`,         the measures on any vector of amounts
:func:`lorenz`, :func:`top_share`
North–South
:func:`north_south`                who leads and who partners, North or South (UN M49)
:func:`north_south_summary`        leads and partnerships by North–South category
:func:`partnerships_by_country`    initiatives per country, with the country's group
:func:`actor_groups`               each actor's North/South category
resources
:func:`resources_by_actor_type`    what each type of lead brings (financing, staff, in kind)
Agreement Matrix
:func:`agreement_pairs`            agreement on goals × on means for tied actors → tools
:func:`agreement_group`            the same for a group of actors
:func:`actor_profiles`             each actor's goals and means, the profiles compared
grants
:func:`grant_table`                one row per funder → recipient flow, with names
:func:`funder_summary`             per funder and currency: grants, recipients, total
:func:`recipient_summary`          per recipient and currency: grants, funders, shares
:func:`grants_by_period`           grants and amount per award year and currency
:func:`recipient_concentration`    top-10 share, Gini and HHI of amounts over recipients
=================================  ==============================================

Examples
--------
>>> from ecosystem.measures.power import gini
>>> round(gini([1, 1, 1, 1]), 3)
0.0
"""
from ecosystem.measures.power.actor_profiles import actor_profiles
from ecosystem.measures.power.agreement import agreement_pairs
from ecosystem.measures.power.agreement_group import agreement_group
from ecosystem.measures.power.concentration import concentration, gini, hhi, lorenz, top_share
from ecosystem.measures.power.country_partnerships import partnerships_by_country
from ecosystem.measures.power.geography import actor_groups, north_south, north_south_summary
from ecosystem.measures.power.grants import (
    funder_summary,
    grant_table,
    grants_by_period,
    recipient_concentration,
    recipient_summary,
)
from ecosystem.measures.power.resources import parse_usd, resources_by_actor_type

__all__ = [
    "concentration", "gini", "hhi", "lorenz", "top_share", "north_south",
    "north_south_summary", "partnerships_by_country", "actor_groups", "resources_by_actor_type",
    "parse_usd", "agreement_pairs", "agreement_group", "actor_profiles",
    "grant_table", "funder_summary", "recipient_summary", "grants_by_period",
    "recipient_concentration",
]
