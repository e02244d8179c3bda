"""The explorer's callbacks as plain functions, on a small hand-made registry.

Registry (resolved; invented organisations except the names used as search targets):

======  ======================  ========================  ===========  =======
id      title                   lead · partners           target       places
======  ======================  ========================  ===========  =======
i1      Clean Seas Fiji         unep · fiji, usp          14.1         FJI
i2      Coral Reefs Watch       wwf · fiji                14.2         FJI
i3      Plastic Free Pacific    unep · wwf, iucn          14.1         FJI, TON
i4      Reef Monitoring         iucn · evil               14.2         TON
i5      Solo Fund               lonely                    14.1         TON
i6      Ocean School            school                    14.1         TON
i7      Clean Seas Fiji         unep · fiji, usp          14.1         FJI
======  ======================  ========================  ===========  =======

Co-membership edges: unep–fiji, unep–usp, fiji–usp, wwf–fiji, unep–wwf,
unep–iucn, wwf–iucn, iucn–evil (8); lonely and school have no partner.
Cell (14.1, Tonga) holds i3, i5, i6, none linked to another (fragmented);
cell (14.1, Fiji) holds i1, i3, i7, which share unep (not fragmented).
i1 and i7 are one lead's near-identical registrations (a duplicate cluster).
"""
from __future__ import annotations

import base64
import io

import networkx as nx
import pandas as pd
import pytest
from dash import dcc, html
from typer.testing import CliRunner

from ecosystem.explorer import (
    actor_card,
    coverage_panel,
    duplicates_panel,
    exports,
    network_panel,
)
from ecosystem.explorer.app import build_app, host_warning, open_registry
from ecosystem.explorer.filters import apply_filters, filter_options, view_of
from ecosystem.explorer.initiative_record import initiative_record, safe_url
from ecosystem.explorer.search import search_actors
from ecosystem.explorer.state import ExplorerState, Filters
from ecosystem.explorer.tables import remembered
from ecosystem.model import Registry, validate

HOSTILE = "<script>alert(1)</script>"


def make_registry() -> Registry:
    actors = pd.DataFrame([
        ("unep", "United Nations Environment Programme", "un_multilateral", None,
         "UNEP | UN Environment"),
        ("fiji", "Government of Fiji", "government", "FJI", "Fiji"),
        ("usp", "University of the South Pacific", "academic", "FJI", None),
        ("wwf", "World Wide Fund for Nature", "ngo", None, "WWF"),
        ("iucn", "International Union for Conservation of Nature", "ngo", None, "IUCN"),
        ("evil", HOSTILE, "ngo", None, None),
        ("lonely", "Lonely Foundation", "philanthropic", None, None),
        ("school", "Ocean School Trust", "academic", None, None),
    ], columns=["actor_id", "name", "actor_type", "country", "source_names"])
    rows = [("i1", "Clean Seas Fiji", "2018-01-01", "2025-12-31", "https://example.org/i1"),
            ("i2", "Coral Reefs Watch", "2017-01-01", "2020-12-31", "javascript:alert(1)"),
            ("i3", "Plastic Free Pacific", "2019-01-01", "2024-12-31", None),
            ("i4", "Reef Monitoring", "2020-01-01", "2023-12-31", None),
            ("i5", "Solo Fund", None, None, None),
            ("i6", "Ocean School", "2021-01-01", "2026-12-31", None),
            ("i7", "Clean Seas Fiji", "2018-01-01", "2025-12-31", None)]
    initiatives = pd.DataFrame({
        "initiative_id": [r[0] for r in rows], "registry": "test",
        "record_id": [r[0].upper() for r in rows], "kind": "partnership",
        "title": [r[1] for r in rows],
        "description": ["Removing plastic from the reefs of Fiji with schools."] * len(rows),
        "start": pd.to_datetime([r[2] for r in rows]), "end": pd.to_datetime([r[3] for r in rows]),
        "url": [r[4] for r in rows]})
    members = {"i1": ["unep", "fiji", "usp"], "i2": ["wwf", "fiji"],
               "i3": ["unep", "wwf", "iucn"], "i4": ["iucn", "evil"], "i5": ["lonely"],
               "i6": ["school"], "i7": ["unep", "fiji", "usp"]}
    ties = pd.DataFrame([(i, a, "lead" if k == 0 else "partner", "test", i.upper())
                         for i, acts in members.items() for k, a in enumerate(acts)],
                        columns=["initiative_id", "actor_id", "role", "registry", "record_id"])
    targets = {"i1": "14.1", "i2": "14.2", "i3": "14.1", "i4": "14.2", "i5": "14.1",
               "i6": "14.1", "i7": "14.1"}
    places = {"i1": ["FJI"], "i2": ["FJI"], "i3": ["FJI", "TON"], "i4": ["TON"], "i5": ["TON"],
              "i6": ["TON"], "i7": ["FJI"]}
    names = {"FJI": "Fiji", "TON": "Tonga"}
    reg = Registry.from_frames(
        actors=actors, initiatives=initiatives, ties=ties,
        initiative_goals=pd.DataFrame({"initiative_id": list(targets), "goal": 14}),
        initiative_targets=pd.DataFrame({"initiative_id": list(targets),
                                         "target": list(targets.values()), "goal": 14}),
        initiative_places=pd.DataFrame([(i, p, "country", names[p]) for i, ps in places.items()
                                        for p in ps],
                                       columns=["initiative_id", "place", "kind", "name"]),
        deliverables=pd.DataFrame({"initiative_id": ["i1", "i3"],
                                   "date": pd.to_datetime(["2019-06-30", "2020-06-30"]),
                                   "text": ["Survey of beaches", "Ban adopted"]}),
        crosswalk=pd.DataFrame([("UNEP", "unep", 1.0, "known_body", "test"),
                                ("UN Environment", "unep", 1.0, "known_body", "test"),
                                ("WWF", "wwf", 1.0, "exact", "test")],
                               columns=["variant", "actor_id", "score", "method", "registry"]))
    validate(reg)
    return reg


@pytest.fixture(scope="module")
def state():
    return ExplorerState(make_registry(), title="test registry")


def texts(component) -> list[str]:
    """Every string in a Dash component tree, depth first."""
    out = []

    def walk(c):
        if c is None:
            return
        if isinstance(c, str):
            out.append(c)
        elif isinstance(c, (list, tuple)):
            for x in c:
                walk(x)
        elif hasattr(c, "children"):
            walk(c.children)
        elif isinstance(c, (int, float)):
            out.append(str(c))
    walk(component)
    return out


def components(component) -> list:
    """Every Dash component in a tree."""
    out = []

    def walk(c):
        if isinstance(c, (list, tuple)):
            for x in c:
                walk(x)
        elif hasattr(c, "_prop_names"):
            out.append(c)
            walk(getattr(c, "children", None))
            for prop in ("figure",):
                pass
    walk(component)
    return out


def csv_of(button_id: dict) -> pd.DataFrame:
    payload = exports.csv_download(button_id["key"], button_id["table"])
    content = payload["content"]
    if payload.get("base64"):
        content = base64.b64decode(content).decode()
    return pd.read_csv(io.StringIO(content))


def csv_button(component, table: str) -> dict:
    for c in components(component):
        cid = getattr(c, "id", None)
        if isinstance(cid, dict) and cid.get("type") == "csv" and cid.get("table") == table:
            return cid
    raise AssertionError(f"no CSV button for {table}")


# ---------------------------------------------------------------- filters and cache
def test_filters_round_trip_and_words():
    f = Filters.from_data({"targets": ["14.1"], "dormant": "exclude", "goals": ["14"],
                           "start": "2019-01-01T00:00:00", "unknown": 1})
    assert f == Filters(goals=(14,), targets=("14.1",), start="2019-01-01", dormant="exclude")
    assert Filters.from_data(f.to_data()) == f
    assert f.registry_filters() == {"goals": [14], "targets": ["14.1"], "start": "2019-01-01",
                                    "dormant": "exclude"}
    assert f.describe() == ("goals 14; targets 14.1; active 2019-01-01 to …; "
                            "dormant records excluded")


def test_view_is_cached_per_filter_state(state):
    a = state.view(Filters(targets=("14.2",)))
    assert state.view(Filters(targets=("14.2",))) is a
    assert state.view(Filters()) is state.base
    assert sorted(a.reg.initiatives["initiative_id"]) == ["i2", "i4"]
    assert sorted(a.reg.actors["actor_id"]) == ["evil", "fiji", "iucn", "wwf"]
    assert a.hubs() is a.hubs()  # computed once


def test_apply_filters_counts_and_empty_selection(state):
    data, summary = apply_filters(state, targets=["14.2"])
    assert data == {"filters": Filters(targets=("14.2",)).to_data(), "error": None}
    assert summary == "2 initiatives · 4 actors · 4 ties (of 7 · 8 · 15); filters: targets 14.2"
    data, summary = apply_filters(state, targets=["14.2"], places=["ZZZ"])
    assert data["error"] and "places" in data["error"]
    assert summary.startswith("Nothing to show: the filter places=['ZZZ'] leaves no initiative")
    with pytest.raises(Exception, match="places"):
        view_of(state, data)


def test_csv_download_neutralises_formula_starts():
    from ecosystem.explorer.tables import remember

    key = remember(pd.DataFrame({"name": ["=HYPERLINK(\"http://x\")", "@SUM(1)", "UNEP"],
                                 "n": [-1, 2, 3]}))
    frame = csv_of({"key": key, "table": "actors"})
    assert frame["name"].tolist() == ["'=HYPERLINK(\"http://x\")", "'@SUM(1)", "UNEP"]
    assert frame["n"].tolist() == [-1, 2, 3]          # numbers stay numbers


def test_an_overlong_search_gets_a_message(state):
    from ecosystem.explorer.search import search_results

    out = texts(search_results(state.base, "x" * 2_000_000))
    assert out == ["Not searched: the search text is 2,000,000 characters long; at most 200 are "
                   "searched."]


def test_malformed_filter_input_gets_a_message_not_a_server_error(state):
    data, summary = apply_filters(state, goals=["abc"])
    assert summary == "Nothing to show: goals must be whole numbers, got \"['abc']\""
    assert data["error"]
    _, summary = apply_filters(state, targets="14.2")            # not a list
    assert summary == "Nothing to show: targets must be a list of at most 5,000 values"
    _, summary = apply_filters(state, places=[str(i) for i in range(5_001)])
    assert summary.startswith("Nothing to show: places must be a list of at most")


def test_dormant_filter_drops_the_undated_record(state):
    data, _ = apply_filters(state, dormant="exclude")
    assert "i5" not in set(view_of(state, data).reg.initiatives["initiative_id"])


def test_community_filter_keeps_its_actors_and_their_ties(state):
    memb = state.community_membership().set_index("actor_id")["community"]
    c = int(memb["evil"])
    view = state.view(Filters(communities=(c,)))
    kept = set(view.reg.actors["actor_id"])
    assert kept == set(memb[memb == c].index) & set(make_registry().ties["actor_id"])
    assert set(view.reg.ties["actor_id"]) <= kept
    assert "i4" in set(view.reg.initiatives["initiative_id"])


def test_filter_options_list_what_the_registry_holds(state):
    opts = filter_options(state)
    assert [o["value"] for o in opts["targets"]] == ["14.1", "14.2"]
    assert opts["targets"][0]["label"].startswith("14.1 · ")
    assert {o["value"] for o in opts["places"]} == {"FJI", "TON"}
    assert {o["label"] for o in opts["places"]} == {"Fiji (country)", "Tonga (country)"}
    assert [o["value"] for o in opts["goals"]] == [14]


def test_a_store_of_two_registries_can_show_one():
    # i4–i6 are read from a second registry: the filter keeps one registry's initiatives
    reg = make_registry()
    second = reg.initiatives["initiative_id"].isin(["i4", "i5", "i6"])
    reg = reg.replace(initiatives=reg.initiatives.assign(
        registry=reg.initiatives["registry"].where(~second, "other 3W")))
    two = ExplorerState(reg, title="two registries")
    opts = filter_options(two)
    assert opts["registries"] == [{"label": "other 3W (3 initiatives)", "value": "other 3W"},
                                  {"label": "test (4 initiatives)", "value": "test"}]
    data, summary = apply_filters(two, registries=["other 3W"])
    assert data["filters"]["registries"] == ["other 3W"]
    assert summary.startswith("3 initiatives · 4 actors · ") and summary.endswith(
        "filters: registries other 3W")
    kept = view_of(two, data).reg
    assert sorted(kept.initiatives["initiative_id"]) == ["i4", "i5", "i6"]
    # the filter bar shows the choice only when there is one to make
    from ecosystem.explorer.filters import filter_bar
    shown = {c.children.id: c.style for c in filter_bar(two).children
             if getattr(getattr(c, "children", None), "id", None) == "f-registries"}
    hidden = {c.children.id: c.style for c in filter_bar(ExplorerState(make_registry())).children
              if getattr(getattr(c, "children", None), "id", None) == "f-registries"}
    assert shown == {"f-registries": {}} and hidden == {"f-registries": {"display": "none"}}


def test_registries_in_the_address_round_trip():
    from ecosystem.explorer.url_state import (
        PageState,
        control_values,
        page_state,
        parse_query,
        to_query,
    )

    s = PageState(filters=Filters(registries=("ocean-commitments",), targets=("14.1",)))
    q = to_query(s)
    assert q == "?registries=ocean-commitments&targets=14.1"
    assert parse_query(q) == (s, []) and page_state(control_values(s)) == s
    kept, problems = parse_query(q, {"registries": {"rowca-3w"}})
    assert kept.filters.registries == () and problems == [
        "registries: 'ocean-commitments' is not in this registry"]


# ---------------------------------------------------------------- search and card
def test_search_through_crosswalk_and_fuzzy(state):
    hits = search_actors(state.base, "UNEP")
    assert hits.iloc[0]["actor_id"] == "unep" and hits.iloc[0]["score"] == 100
    assert hits.iloc[0]["initiatives"] == 3
    hits = search_actors(state.base, "World Wildlife Fund for Nature")
    assert hits.iloc[0]["actor_id"] == "wwf"
    assert search_actors(state.base, "   ").empty


def test_search_puts_the_resolved_actor_first(state, monkeypatch):
    import ecosystem.resolution.resolve

    asked = []

    def resolve_names(names, registry=None):
        asked.append((list(names), registry))
        return pd.Series(["wwf"], index=list(names), dtype="string")
    monkeypatch.setattr(ecosystem.resolution.resolve, "resolve_names", resolve_names)
    reg = state.base.reg
    hits = search_actors(state.base, "Fondo Mundial para la Naturaleza", resolve_with=reg)
    assert asked == [(["Fondo Mundial para la Naturaleza"], reg)]
    assert hits.iloc[0][["actor_id", "how"]].tolist() == ["wwf", "resolves to"]
    assert hits["actor_id"].is_unique
    # the University of the South Pacific takes part in i1 and i7, both on target 14.1 only
    monkeypatch.setattr(ecosystem.resolution.resolve, "resolve_names", lambda names, registry=None:
                        pd.Series(["usp"], index=list(names), dtype="string"))
    on_142 = search_actors(state.view(Filters(targets=("14.2",))), "USP", resolve_with=reg)
    assert on_142.iloc[0][["actor_id", "name", "how", "initiatives"]].tolist() == [
        "usp", "University of the South Pacific", "resolves to (outside this selection)", 0]
    on_141 = search_actors(state.view(Filters(targets=("14.1",))), "USP", resolve_with=reg)
    assert on_141.iloc[0][["actor_id", "how", "initiatives"]].tolist() == [
        "usp", "resolves to", 2]


def test_date_window(state):
    data, summary = apply_filters(state, start="2021-01-01")
    kept = set(view_of(state, data).reg.initiatives["initiative_id"])
    assert kept == {"i1", "i3", "i4", "i6", "i7"}  # i2 ended 2020; i5 has no dates
    assert summary.endswith("filters: active 2021-01-01 to …")


def test_card_shows_initiatives_roles_partners_and_hub_figures(state):
    card = actor_card.actor_card(state.base, "unep")
    words = texts(card)
    assert "United Nations Environment Programme" in words
    assert "3" in words  # the initiatives count
    assert " initiatives in this selection (3 as lead)" in words
    partners = actor_card.actor_partners(state.base, "unep")
    assert set(partners["actor_id"]) == {"fiji", "usp", "wwf", "iucn"}
    assert partners.set_index("actor_id").loc["fiji", "shared_initiatives"] == 2
    figure = {getattr(c, "data-figure"): c.children for c in components(card)
              if hasattr(c, "data-figure")}
    assert figure["partners"] == "4 (rank 1 of 8)"
    # s-core on Newman weights: unep, fiji and usp keep strength 2 among themselves (i1, i7)
    assert figure["s_coreness"] == "2 (rank 1 of 8)"
    inis = csv_of(csv_button(card, "actor-initiatives"))
    assert sorted(inis["initiative_id"]) == ["i1", "i3", "i7"]
    assert set(inis["roles"]) == {"lead"}


def test_card_position_brokers_agreement_and_suggestions(state):
    pos = actor_card.actor_position(state.base, "unep")
    words = " ".join(texts(pos))
    assert "Broker figures" in words and "Gould–Fernandez" in words
    # holes between unep's initiatives i1, i3, i7: i1–i7 redundant (fiji, usp in both), so
    # constraint 2·(1/3 + 1/3·1/2)² + (1/3)² = 0.611; wwf and iucn (0.5) span more
    figure = {getattr(c, "data-figure"): c.children for c in components(pos)
              if hasattr(c, "data-figure")}
    assert figure["initiatives_with_partners"] == "3 (rank 1 of 8)"
    assert figure["constraint"] == "0.611 (rank 3 of 6)"
    assert figure["effective_size"].startswith("2.33 ")
    assert "Agreement Matrix position against its partners" in words
    graphs = [c for c in components(pos) if isinstance(c, dcc.Graph)]
    assert len(graphs) == 1
    assert graphs[0].figure.layout.title.text == "Agreement with its 4 partners"
    agreement = csv_of(csv_button(pos, "agreement-with-partners"))
    assert set(agreement["actor_id"]) == {"fiji", "usp", "wwf", "iucn"}
    sugg = csv_of(csv_button(pos, "suggested-partners"))
    assert len(sugg) and not set(sugg["candidate_id"]) & {"unep", "fiji", "usp", "wwf", "iucn"}
    assert "evil" in set(sugg["candidate_id"])  # one partner (IUCN) in common


def test_card_of_an_actor_outside_the_selection(state):
    view = state.view(Filters(targets=("14.2",)))
    assert "not in the current selection" in " ".join(texts(actor_card.actor_card(view, "unep")))


def test_hostile_name_is_text_never_markup(state):
    card = actor_card.actor_card(state.base, "evil")
    names = [c for c in components(card) if isinstance(c, html.H2)]
    assert names[0].children == HOSTILE
    app = build_app(state)
    layout = components(app.layout)
    assert not [c for c in layout if isinstance(c, dcc.Markdown)]
    assert not any(getattr(c, "dangerously_allow_html", False) for c in layout)
    fig, _ = network_panel.ego_network(state.base, "evil")
    assert HOSTILE not in fig.to_json()  # plotly text is HTML-escaped by the views


# ---------------------------------------------------------------- record
def test_initiative_record_links_only_web_addresses(state):
    rec = initiative_record(state.base.reg, "i1")
    links = [c for c in components(rec) if isinstance(c, html.A)]
    assert [a.href for a in links] == ["https://example.org/i1"]
    words = texts(rec)
    assert "Clean Seas Fiji" in words and "2019-06-30: Survey of beaches" in words
    rec = initiative_record(state.base.reg, "i2")
    assert not [c for c in components(rec) if isinstance(c, html.A)]
    assert "source: javascript:alert(1) (not a web address, not linked)" in texts(rec)
    assert safe_url("https://sdgs.un.org/x") and not safe_url("data:text/html,x")


# ---------------------------------------------------------------- network
def test_whole_map_states_its_sample(state):
    fig, note = network_panel.whole_network(state.base, node_limit=3)
    assert note.startswith("Drawn: the 3 actors with most initiatives, of 8 in this selection")
    drawn = {a for t in fig.data if t.customdata is not None for a in t.customdata}
    h = state.base.hubs().sort_values(["initiatives", "pagerank"], ascending=False)
    assert drawn == set(h["actor_id"].head(3))
    assert {"unep", "fiji"} <= drawn  # 3 initiatives each; usp, wwf, iucn have 2
    fig, note = network_panel.whole_network(state.base)
    assert note == "Drawn: all 8 actors of this selection and their 8 ties."


def test_ego_network_one_and_two_steps(state):
    def drawn(fig):
        return {a for t in fig.data if t.name != "chosen actor" and t.customdata is not None
                for a in t.customdata}
    fig, note = network_panel.ego_network(state.base, "unep", steps=1)
    assert drawn(fig) == {"unep", "fiji", "usp", "wwf", "iucn"}
    fig, _ = network_panel.ego_network(state.base, "unep", steps=2)
    assert drawn(fig) == {"unep", "fiji", "usp", "wwf", "iucn", "evil"}
    _, note = network_panel.ego_network(state.base, None)
    assert note == "No actor chosen yet."


def test_clicked_actor_reads_node_customdata():
    assert network_panel.clicked_actor({"points": [{"customdata": "unep"}]}) == "unep"
    assert network_panel.clicked_actor({"points": [{"x": 1}]}) is None
    assert network_panel.clicked_actor(None) is None


# ---------------------------------------------------------------- coverage
def test_heatmap_targets_are_categories(state):
    fig = coverage_panel.coverage_figure(state.base, "country")
    assert fig.layout.yaxis.type == "category"
    assert list(fig.data[0].y) == ["14.1", "14.2"]


def test_cell_lists_initiatives_actors_and_fragmentation(state):
    assert coverage_panel.clicked_cell({"points": [{"curveNumber": 0, "x": "Tonga",
                                                     "y": "14.1"}]}) == ("14.1", "Tonga")
    assert coverage_panel.clicked_cell({"points": [{"curveNumber": 0, "x": "C&#x27;te",
                                                     "y": "14.1"}]}) == ("14.1", "C'te")
    cell = coverage_panel.cell_details(state.base, "country", "14.1", "Tonga")
    words = " ".join(texts(cell))
    assert "3 initiatives and 5 distinct actors in the cell" in words
    assert "Fragmented: 3 initiatives work on target 14.1 in Tonga" in words
    inis = csv_of(csv_button(cell, "cell-initiatives"))
    assert sorted(inis["initiative_id"]) == ["i3", "i5", "i6"]
    actors = csv_of(csv_button(cell, "cell-actors"))
    assert set(actors["actor_id"]) == {"unep", "wwf", "iucn", "lonely", "school"}
    fiji = " ".join(texts(coverage_panel.cell_details(state.base, "country", "14.1", "Fiji")))
    assert "Not fragmented" in fiji and "3 initiatives and 5 distinct actors" in fiji


# ---------------------------------------------------------------- duplicates
def test_duplicate_cluster_side_by_side_highlights_shared_elements(state):
    over = duplicates_panel.clusters_overview(state.base)
    assert len(over) == 1 and over.iloc[0]["kind"] == "same lead re-registration"
    assert over.iloc[0]["size"] == 2
    side = duplicates_panel.cluster_side_by_side(state.base, int(over.iloc[0]["cluster"]))
    cols = [c for c in components(side) if getattr(c, "className", None) == "record-column"]
    assert len(cols) == 2
    marked = {m.children for m in components(side) if isinstance(m, html.Mark)}
    assert {"Government of Fiji", "14.1", "Fiji", "Clean", "Seas"} <= marked


def test_highlight_keeps_text_and_marks_words():
    parts = duplicates_panel.highlight("Reef <b>care</b> in Fiji", {"reef", "fiji"})
    assert [p.children if isinstance(p, html.Mark) else p for p in parts] == [
        "Reef", " <b>care</b> in ", "Fiji"]


# ---------------------------------------------------------------- exports
def test_gexf_export_reads_back_with_networkx(state):
    g = nx.read_gexf(io.BytesIO(exports.gexf_bytes(state.base)))
    assert g.number_of_nodes() == 8 and g.number_of_edges() == 8
    assert g.nodes["unep"]["initiatives"] == 3
    assert g.nodes["evil"]["label"] == HOSTILE


def test_image_export_config():
    cfg = exports.graph_config("svg", "network")
    assert cfg["toImageButtonOptions"] == {"format": "svg", "filename": "network", "scale": 2}
    assert exports.graph_config("gif")["toImageButtonOptions"]["format"] == "png"


def test_csv_of_a_forgotten_table_says_what_to_do():
    assert remembered("no-such-key") is None
    with pytest.raises(Exception, match="no longer in memory"):
        exports.csv_download("no-such-key", "x")


# ---------------------------------------------------------------- app and command line
def test_app_wires_every_panel(state):
    app = build_app(state)
    outputs = " ".join(app.callback_map)
    for prop in ("filters.data", "network-graph.figure", "coverage-graph.figure",
                 "cell-details.children", "clusters-list.children", "actor-card.children",
                 "actor-position.children", "record-body.children", "download-csv.data",
                 "download-gexf.data", "selected-actor.data"):
        assert prop in outputs


def test_host_warning():
    assert host_warning("127.0.0.1") is None
    assert "no login" in host_warning("0.0.0.0")


def _hostile_store(tmp_path):
    from helpers.ocean_records import good_records, record, write_jsonl

    path = write_jsonl(tmp_path / "hostile.jsonl",
                       good_records() + [record(90004, '"><img src=x onerror=alert(1)>',
                                                HOSTILE, "Blue Shore Foundation")])
    return path


def test_cli_refuses_an_empty_store_and_a_missing_file(tmp_path):
    from ecosystem.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["explore", "--store", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 1 and "is empty: load a registry first" in res.stderr
    res = runner.invoke(app, ["explore", str(tmp_path / "missing.jsonl"),
                              "--store", str(tmp_path / "s.duckdb")])
    assert res.exit_code == 1 and "not a study file" in res.stderr
    study = tmp_path / "study.toml"
    study.write_text('[study]\nname = "x"\n[source]\npaths = ["gone.jsonl"]\n')
    res = runner.invoke(app, ["explore", str(study), "--store", str(tmp_path / "s.duckdb")])
    assert res.exit_code == 1 and "registry file not found" in res.stderr
    assert "gone.jsonl" in res.stderr


def test_cli_loads_once_warns_for_other_hosts(tmp_path, monkeypatch):
    import ecosystem.explorer as explorer
    from ecosystem.cli import app
    from ecosystem.store import Store

    served, apps = [], []
    monkeypatch.setattr(explorer, "run_app",
                        lambda app_, host, port: (served.append((host, port)), apps.append(app_)))
    path = _hostile_store(tmp_path)
    store = tmp_path / "s.duckdb"
    runner = CliRunner()
    res = runner.invoke(app, ["explore", str(path), "--store", str(store), "--host", "0.0.0.0",
                              "--port", "8123"])
    assert res.exit_code == 0, res.stderr
    assert "warning:" in res.stderr and "no login" in res.stderr
    assert served == [("0.0.0.0", 8123)]
    loaded_at = Store(store).sources()["loaded_at"].tolist()
    res = runner.invoke(app, ["explore", str(path), "--store", str(store)])
    assert res.exit_code == 0 and "warning" not in res.stderr
    assert "http://127.0.0.1:8050/" in res.stderr
    assert Store(store).sources()["loaded_at"].tolist() == loaded_at  # not loaded again
    # on loopback only loopback Host headers are answered (DNS rebinding), with security headers
    client = apps[-1].server.test_client()
    assert client.get("/", headers={"Host": "rebind.example:8050"}).status_code == 400
    page = client.get("/", headers={"Host": "127.0.0.1:8050"})
    assert page.status_code == 200 and page.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert client.post("/_dash-update-component", data=b"x" * 2_000_000,
                       headers={"Host": "127.0.0.1:8050", "Content-Type": "application/json"}
                       ).status_code == 413
    # opened to other machines with --host: any Host header is answered
    other = apps[0].server.test_client()
    assert other.get("/", headers={"Host": "rebind.example:8123"}).status_code == 200
    reg, title, _, _ = open_registry(None, Store(store))
    assert title == "ocean-commitments" and len(reg.initiatives) == 4


def test_large_selection_finds_clusters_on_request(monkeypatch):
    monkeypatch.setattr(duplicates_panel, "AUTO_INITIATIVES", 3)
    state = ExplorerState(make_registry())
    content, button = duplicates_panel.clusters_or_prompt(state.base)
    assert button == {"display": "inline-block"}
    assert "This selection has 7 initiatives" in " ".join(texts(content))
    content, button = duplicates_panel.clusters_or_prompt(state.base, requested=True)
    assert button == {"display": "none"}
    assert "1 cluster (1 same lead re-registration), 2 initiatives" in " ".join(texts(content))
    _, button = duplicates_panel.clusters_or_prompt(state.base)  # found once: kept
    assert button == {"display": "none"}


def test_map_coloured_by_the_selections_communities(state):
    fig, _ = network_panel.whole_network(state.base, colour="community")
    memb = state.base.communities()
    from ecosystem.measures.network.community_profiles import community_profiles
    from ecosystem.views.labels import community_label

    prof = community_profiles(state.base.reg, memb).set_index("community")["label"]
    groups = {t.name.rsplit(" (", 1)[0] for t in fig.data
              if t.customdata is not None and t.name != network_panel.RING}
    # the selection's own communities (fewer than 8 here: all coloured), named by their label
    assert groups == {community_label(c, prof.get(c)) for c in memb["community"].unique()}
