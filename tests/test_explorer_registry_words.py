"""The explorer on a 3W registry speaks of its presence records, sectors and cells.

The ROWCA 3W (Mali and Senegal, 2014) is opened as the explorer opens it; the expected
sectors, places and organisations are read straight from the CSV with pandas (row 2 holds
the HXL hashtags), not through the loader. The explorer had drawn an empty heatmap ("No
initiative has both a SDG target and a place"), called the presence records initiatives
and its co-presence ties "shared initiatives", and offered SDG and date filters a 3W has no
values for.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest
from helpers.real_data import real_file
from test_explorer import texts

from ecosystem import load
from ecosystem.explorer import coverage_panel, layout
from ecosystem.explorer.filters import apply_filters, filter_bar
from ecosystem.explorer.search import search_results
from ecosystem.explorer.state import ExplorerState

_INITIATIVE = re.compile(r"\binitiatives?\b")


@pytest.fixture(scope="module")
def rows() -> pd.DataFrame:
    df = pd.read_csv(real_file("hxl_3w", "rowca-3w-hxl.csv"), skiprows=[1], dtype=str)
    return df[["Organization", "Admin1", "Cluster"]].dropna().drop_duplicates()


@pytest.fixture(scope="module")
def state() -> ExplorerState:
    return ExplorerState(load([real_file("hxl_3w", "rowca-3w-hxl.csv")]), title="ROWCA 3W")


def test_the_coverage_heatmap_is_sector_by_admin1(state, rows):
    fig = coverage_panel.coverage_figure(state.base, "admin1")
    heat = fig.data[0]
    assert set(heat.y) == set(rows["Cluster"])  # Education, Food Security, Protection, WASH
    assert set(heat.x) == set(rows["Admin1"])
    assert heat.colorbar.title.text == "presence records"
    title = fig.layout.title.text
    assert title.startswith("Presence records per sector and admin1") and "fragmented" not in title


def test_a_cell_lists_its_organisations_without_a_fragmentation_claim(state, rows):
    cell = rows[(rows["Cluster"] == "Protection") & (rows["Admin1"] == "Gao")]
    n = cell["Organization"].nunique()
    assert n == 5
    shown = texts(coverage_panel.cell_details(state.base, "admin1", "Protection", "Gao"))
    text = " ".join(shown)
    assert "Sector Protection · Gao" in shown
    assert re.search(rf"\d+ presence records and {n} distinct actors in the cell", text)
    assert "Fragmentation not assessed" in text and "Not fragmented" not in text
    assert "worked together" not in text  # co-presence: no connection claim in crowding
    assert not _INITIATIVE.search(text)


def test_the_page_words_the_network_as_co_presence(state):
    text = " ".join(texts(layout.page(state)))
    assert "Organisations linked when they work in the same sector × admin1 cell" in text
    assert "dot size is the number of cells" in text
    assert not _INITIATIVE.search(text), _INITIATIVE.findall(text)
    _, summary = apply_filters(state)
    assert summary.startswith("55 presence records · 11 actors")
    found = " ".join(texts(search_results(state.base, "Rescue")))
    assert re.search(r"International Rescue Committee\s+\(\d+ presence records\)", found)


def test_filters_without_values_are_hidden(state):
    # a 3W has no SDGs and no dates: the controls stay in the page for the callbacks, hidden
    styles = {}
    for c in filter_bar(state).children:
        inner = getattr(c, "children", None)
        if getattr(inner, "id", None) in ("f-goals", "f-targets", "f-dates", "f-dormant",
                                           "f-sectors"):
            styles[inner.id] = c.style
    hidden = {"display": "none"}
    assert styles == {"f-goals": hidden, "f-targets": hidden, "f-dates": hidden,
                      "f-dormant": hidden, "f-sectors": {}}


def test_a_grants_registry_says_what_its_ties_are_and_why_it_has_no_cells():
    grants = ExplorerState(load([real_file("threesixtygiving_indigo", "indigo.json")]))
    text = " ".join(texts(layout.page(grants)))
    assert "A funder is tied to each recipient it funds; dot size is the number of grants" in text
    assert not _INITIATIVE.search(text), _INITIATIVE.findall(text)
    fig = coverage_panel.coverage_figure(grants.base, grants.settings.place_kind)
    # 360Giving records no SDG targets: the heatmap says so in the registry's word
    assert [a.text for a in fig.layout.annotations] == [
        "No grants have both an SDG target and a place."]
    assert fig.layout.title.text == "Grants per target and country"  # no "0 fragmented cells"
    # and the tab's how-to line does not promise outlined cells to click
    assert ("Grants per SDG target and place: no grant of this registry records both an SDG "
            "target and a place, so there are no cells to draw.") in text
    assert "outlined" not in text and "Click a cell" not in text
    # nor an empty frame under it, with a menu of place kinds it has none of
    assert _style(layout.page(grants), "coverage-graph") == {"display": "none"}


def _style(component, wanted: str) -> dict | None:
    """The style of the component with id ``wanted`` in a Dash tree (None when unset)."""
    if isinstance(component, (list, tuple)):
        return next((s for c in component if (s := _style(c, wanted)) is not False), False)
    if getattr(component, "id", None) == wanted:
        return getattr(component, "style", None)
    children = getattr(component, "children", None)  # (a component without children is falsy)
    return False if children is None or isinstance(children, str) else _style(children, wanted)


def test_a_registry_with_cells_shows_its_heatmap_and_place_menu(state):
    assert _style(layout.page(state), "coverage-graph") in (None, {})
