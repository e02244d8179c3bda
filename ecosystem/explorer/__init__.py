"""Interactive exploration: ``ecosystem explore`` — a local Dash app over the store.

The app shows the same registry, analyses and views as the report
(:mod:`ecosystem.report`): the filtered registry's ``Analysis`` supplies the
projection, hub, broker and community tables, and the figures are
:mod:`ecosystem.views`' own. Nothing here computes a measure.

=====================================  ==================================================
:mod:`~ecosystem.explorer.app`         open the registry, build the app, serve it
:mod:`~ecosystem.explorer.state`       filter states and results cached per state
:mod:`~ecosystem.explorer.cuts`        period, sector and community cuts of a registry
:mod:`~ecosystem.explorer.url_state`   the whole view state in the URL (parse, write, check)
:mod:`~ecosystem.explorer.layout`      the page (panels in tabs)
:mod:`~ecosystem.explorer.filters`     the filter bar
:mod:`~ecosystem.explorer.search`      finding an actor by name, an initiative by its text
:mod:`~ecosystem.explorer.actor_card`  an actor's card
:mod:`~ecosystem.explorer.network_panel`     whole map, ego network, actors table
:mod:`~ecosystem.explorer.coverage_panel`    heatmap and cell contents
:mod:`~ecosystem.explorer.duplicates_panel`  duplicate clusters side by side
:mod:`~ecosystem.explorer.analysis_panels`   brokers, structure, power, resilience (the report's)
:mod:`~ecosystem.explorer.initiative_record` an initiative's record
:mod:`~ecosystem.explorer.tables`      on-screen tables and links (escaped text)
:mod:`~ecosystem.explorer.exports`     CSV, PNG/SVG, GEXF
=====================================  ==================================================
"""
from ecosystem.explorer.app import (
                  DEFAULT_HOST,
                  DEFAULT_PORT,
                  build_app,
                  open_registry,
                  prepare_app,
                  run_app,
                  serve,
)
from ecosystem.explorer.state import ExplorerState, Filters

__all__ = ["serve", "prepare_app", "run_app", "build_app", "open_registry", "ExplorerState",
           "Filters", "DEFAULT_HOST",
           "DEFAULT_PORT"]
