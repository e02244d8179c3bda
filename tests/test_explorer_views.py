"""The explorer's view state in the URL, the chosen-actor ring, new panels, search and cuts.

On the small hand-made registry of ``test_explorer.py`` (seven initiatives; see
its docstring): expected values are counted here by hand from that table.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_explorer import make_registry

from ecosystem.explorer import actor_card, duplicates_panel, network_panel
from ecosystem.explorer.filters import period_value
from ecosystem.explorer.search import search_initiatives, search_results
from ecosystem.explorer.state import ExplorerState, Filters
from ecosystem.explorer.url_state import (
    MAX_QUERY_CHARS,
    PageState,
    allowed_values,
    control_values,
    page_state,
    parse_query,
    to_query,
)
from ecosystem.model import Registry


@pytest.fixture(scope="module")
def state() -> ExplorerState:
    return ExplorerState(make_registry(), title="Test")


# --- the URL --------------------------------------------------------------------------------

def test_every_setting_survives_the_address(state):
    s = PageState(filters=Filters(goals=(14,), targets=("14.1", "14.2"), places=("FJI",),
                                  actor_types=("ngo",), start="2018-01-01", end="2024-12-31",
                                  dormant="exclude", period=(2018, 2020)),
                  actor="unep", tab="structure", mode="ego", steps=2, colour="community")
    q = to_query(s)
    assert q.startswith("?") and "actor=unep" in q and "period=2018-2020" in q
    assert parse_query(q, allowed_values(state)) == (s, [])
    assert page_state(control_values(s)) == s
    assert to_query(PageState()) == "" and parse_query("") == (PageState(), [])


def test_an_address_from_elsewhere_is_checked_value_by_value(state):
    allowed = allowed_values(state)
    q = ("?goals=14&goals=0&goals=x&targets=14.1&targets=14.1%3Cscript%3E&places=FJI&places=ZZZ"
         "&actor_types=ngo&actor_types=spy&start=2020-02-30&end=2024-12-31&dormant=maybe"
         "&period=2021-2019&actor=nobody&tab=admin&mode=ego&steps=3&colour=red&evil=1"
         "&places=%00")
    s, problems = parse_query(q, allowed)
    assert s == PageState(filters=Filters(goals=(14,), targets=("14.1",), places=("FJI",),
                                          actor_types=("ngo",), end="2024-12-31"), mode="ego")
    said = " | ".join(problems)
    for part in ("goals: 0 is not an SDG goal", "goals: 'x' is not a whole number",
                 "targets: '14.1<script>' is not an SDG target", "places: 'ZZZ' is not in",
                 "actor_types: 'spy' is not in", "start: '2020-02-30' is not a date",
                 "dormant: 'maybe'", "period: '2021-2019'", "actor: 'nobody' is not in",
                 "tab: 'admin' is not a tab", "steps: '3'", "colour: 'red'",
                 "evil: unknown setting", "places: a value is empty, too long or not text"):
        assert part in said, part
    s, problems = parse_query("?goals=14&" + "x" * MAX_QUERY_CHARS)
    assert s == PageState() and "none were" in problems[0]


def test_period_slider_whole_span_is_no_filter(state):
    from ecosystem.explorer.filters import period_span

    span = period_span(state)
    # the first real date of the table is 2017-01-01; time runs to the as-of date, the
    # latest start (i6, 2021-01-01), not to the latest end
    assert str(state.as_of.date)[:10] == "2021-01-01"
    assert span == (2017, 2021)
    assert period_value(state, list(span)) is None
    assert period_value(state, [2019, 2019]) == [2019, 2019]


def test_period_cut_keeps_initiatives_active_in_it(state):
    pytest.importorskip("ecosystem.measures.time")
    v = state.view(Filters(period=(2019, 2019)))
    # active some day of 2019, from the table's dates: i1 2018–25, i2 2017–20, i3 2019–24,
    # i7 2018–25 (i4 starts 2020, i6 2021, i5 has no date)
    assert set(v.reg.initiatives["initiative_id"]) == {"i1", "i2", "i3", "i7"}
    assert "period 2019–2019" in v.filters.describe()


# --- the ring ---------------------------------------------------------------------------------

def _node_trace_xy(fig: dict, actor_id: str) -> tuple[float, float]:
    for t in fig["data"]:
        if t.get("name") == network_panel.RING or t.get("customdata") is None:
            continue
        ids = list(t["customdata"])
        if actor_id in ids:
            k = ids.index(actor_id)
            return float(np.asarray(_decode(t["x"]))[k]), float(np.asarray(_decode(t["y"]))[k])
    raise AssertionError(f"{actor_id} not drawn")


def _decode(v):
    import base64

    if isinstance(v, dict):
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"]))
    return v


def _ring(fig: dict) -> dict:
    rings = [t for t in fig["data"] if t.get("name") == network_panel.RING]
    assert len(rings) == 1 and fig["data"][-1] is rings[0]
    return rings[0]


def test_ego_ring_sits_on_the_actors_drawn_node(state):
    fig, _ = network_panel.network_figure(state.base, "ego", "unep", 1)
    ring = _ring(fig)
    node = _node_trace_xy(fig, "unep")
    assert (float(_decode(ring["x"])[0]), float(_decode(ring["y"])[0])) == pytest.approx(node)
    # the bug: the ring was drawn at the layout's raw position, which the view rescales
    raw = network_panel.layout_positions(
        state.base.projection().induced_subgraph(
            state.base.projection().neighborhood(
                state.base.projection().vs.find(name="unep").index, order=1)))
    assert not np.allclose(node, raw.loc[raw["name"] == "unep", ["x", "y"]].to_numpy()[0])


def test_whole_map_rings_the_chosen_actor_and_nothing_without_one(state):
    fig, _ = network_panel.network_figure(state.base, "whole", "wwf")
    ring = _ring(fig)
    assert list(ring["customdata"]) == ["wwf"]
    assert (ring["x"][0], ring["y"][0]) == pytest.approx(_node_trace_xy(fig, "wwf"))
    fig, _ = network_panel.network_figure(state.base, "whole", None)
    assert _ring(fig)["x"] == [] and _ring(fig)["customdata"] is None
    cached, _ = network_panel.whole_figure(state.base)
    assert _ring(cached)["x"] == []  # the cached figure is never changed


def test_filtered_maps_keep_the_unfiltered_positions(state):
    v = state.view(Filters(targets=("14.1",)))
    g = v.projection()
    pos = network_panel.positions(v, g).set_index("name")
    base = network_panel.positions(state.base, state.base.projection()).set_index("name")
    assert set(pos.index) < set(base.index)
    assert np.allclose(pos[["x", "y"]].to_numpy(), base.loc[pos.index, ["x", "y"]].to_numpy())


def test_small_maps_are_svg():
    fig = network_panel.renderer({"data": [{"type": "scattergl"}, {"type": "scatter"}]}, 2000)
    assert [t["type"] for t in fig["data"]] == ["scatter", "scatter"]
    fig = network_panel.renderer({"data": [{"type": "scatter"}]}, 9000)
    assert fig["data"][0]["type"] == "scattergl"


# --- search, sectors, duplicates, quadrants ----------------------------------------------------

def test_search_finds_initiatives_by_title_and_description(state):
    found = search_initiatives(state.base, "plastic free pacific")
    assert found["initiative_id"].tolist()[:1] == ["i3"] and found["how"].iloc[0] == "title"
    # every initiative's description is "Removing plastic from the reefs of Fiji with schools."
    found = search_initiatives(state.base, "reefs schools", limit=10)
    assert set(found.loc[found["how"] == "description", "initiative_id"]) == {
        f"i{k}" for k in range(1, 8)} - set(found.loc[found["how"] == "title", "initiative_id"])
    assert search_initiatives(state.base, "volcano").empty
    results = search_results(state.base, "Clean Seas")
    assert "found-initiatives" in str(results)


def test_sector_filter_keeps_the_initiatives_of_the_chosen_clusters():
    reg = make_registry()
    themes = pd.DataFrame({"initiative_id": ["i1", "i2", "i3", "i4", "i3"],
                           "theme": ["WASH", "Health", "WASH", "Education", "Health"],
                           "vocabulary": "cluster"})
    reg = Registry.from_frames(**{**{t: getattr(reg, t) for t in (
        "actors", "initiatives", "ties", "initiative_targets", "initiative_places",
        "initiative_goals")}, "initiative_themes": themes})
    st = ExplorerState(reg)
    assert st.sector_vocabulary() == "cluster"
    v = st.view(Filters(sectors=("WASH",)))
    assert set(v.reg.initiatives["initiative_id"]) == {"i1", "i3"}
    v = st.view(Filters(sectors=("Health", "Education")))
    assert set(v.reg.initiatives["initiative_id"]) == {"i2", "i3", "i4"}
    assert v.filters.describe() == "sectors Health, Education"


def test_duplicate_view_marks_only_shared_distinctive_words(state):
    c = duplicates_panel.clusters(state.base)
    cluster = int(c.loc[c["initiative_id"] == "i1", "cluster"].iloc[0])
    view = duplicates_panel.cluster_side_by_side(state.base, cluster)
    marks = set()

    def walk(node):
        from dash import html

        if isinstance(node, html.Mark):
            marks.add(str(node.children).lower())
        for child in (node.children if isinstance(getattr(node, "children", None), list)
                      else [getattr(node, "children", None)]):
            if hasattr(child, "children"):
                walk(child)
    walk(view)
    # i1 and i7 are both "Clean Seas Fiji"; "fiji" is also in every description (7 of 7
    # initiatives), "clean" and "seas" in 2 of 7: only those two words are marked, with the
    # shared partners, target and place
    words = marks - {"united nations environment programme", "government of fiji",
                     "university of the south pacific", "14.1", "fiji"}
    assert words == {"clean", "seas"}
    assert "fiji" not in duplicates_panel.distinctive_words(state.base)


def test_quadrant_names_fit_the_card():
    from ecosystem import views

    pairs = pd.DataFrame({"name_a": ["A"] * 4, "name_b": list("BCDE"),
                          "goal_agreement": [0.9, 0.9, 0.1, 0.1],
                          "means_agreement": [0.1, 0.9, 0.9, 0.1]})
    fig = actor_card.readable_quadrants(views.agreement_quadrants(pairs, thresholds=(0.5, 0.5)))
    texts = sorted(a.text for a in fig.layout.annotations if "tools" in a.text)
    assert texts == ["<b>I</b><br>leadership tools", "<b>II</b><br>culture tools",
                     "<b>III</b><br>management tools", "<b>IV</b><br>power tools"]
    assert fig.layout.legend.orientation == "h"


# --- panels from the report --------------------------------------------------------------------

def test_panels_are_the_reports_sections(state):
    report = pytest.importorskip("ecosystem.report.sections_power")
    from ecosystem.explorer.analysis_panels import analysis_panel, section_of
    from ecosystem.measures.context import Analysis

    s = section_of(state.base, "power")
    direct = report.power(Analysis(state.base.reg, state.settings, as_of=state.as_of))
    assert s.findings == direct.findings and s.title == direct.title
    assert section_of(state.base, "power") is s  # kept with the view
    panel = analysis_panel(state.base, "power")
    assert panel.children[0].children == direct.title
    assert [li.children for li in panel.children[1].children] == direct.findings


# --- curation hook -----------------------------------------------------------------------------

def test_card_mounts_the_curation_box_and_app_its_callbacks(state, tmp_path):
    pytest.importorskip("ecosystem.explorer.curation_panel")
    from ecosystem.explorer.app import build_app

    card = actor_card.actor_card(state.base, "wwf")
    boxes = [c for c in card.children if getattr(c, "id", None) == "curation"]
    assert len(boxes) == 1 and boxes[0].children[0].data == "wwf"
    st = ExplorerState(make_registry())
    assert not any("curation-message" in k for k in build_app(st).callback_map)
    st.store_path = tmp_path / "ecosystem.duckdb"
    assert any("curation-message" in k for k in build_app(st).callback_map)


def test_the_maps_hover_cards_count_the_registrys_own_records(state):
    """An IATI registry's actors take part in activities: the hover cards and the note said
    "Initiatives: 2" and "actors with most initiatives"."""
    fig, _ = network_panel.network_figure(state.base, "whole", None)
    cards = [t for tr in fig["data"] for t in (tr.get("text") or []) if isinstance(t, str)]
    assert any("<br>Initiatives: " in t for t in cards)
    reg = make_registry()
    iati = reg.replace(initiatives=reg.initiatives.assign(kind="activity"))
    fig, _ = network_panel.network_figure(ExplorerState(iati).base, "whole", None)
    cards = [t for tr in fig["data"] for t in (tr.get("text") or []) if isinstance(t, str)]
    assert any("<br>Activities: " in t for t in cards)
    assert not any("nitiative" in t for t in cards)
    fig, note = network_panel.whole_network(ExplorerState(iati).base, node_limit=3)
    assert "actors with most activities" in note
