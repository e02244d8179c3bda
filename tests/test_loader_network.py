"""Drawn networks (node-link JSON, Kumu blueprints) read as links: the Somalia IATI+3W network
checked against networkx on the file's own nodes and links; small files for each shape and
each bad input."""
from __future__ import annotations

import json
from collections import Counter

import networkx as nx
import pytest
from helpers.real_data import real_file

from ecosystem import load, loaders
from ecosystem.dormancy import dormant_initiatives
from ecosystem.errors import InputError
from ecosystem.kinds import registry_kind
from ecosystem.loaders import node_link_json
from ecosystem.measures.network.brokers import brokers
from ecosystem.measures.network.hubs import hub_metrics


def write(tmp_path, data, name="net.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def somalia():
    path = real_file("somalia_iati3w_network", "network.json")
    with open(path, encoding="utf-8") as fh:
        raw = json.load(fh)
    return raw, load(path)


def _raw_graph(raw, reg) -> nx.Graph:
    """The file's links as a networkx graph of actor ids, counted here from the JSON: each node
    mapped to its actor through the node id the loader keeps as org_ref."""
    ref_to_actor = dict(zip(reg.actors["org_ref"], reg.actors["actor_id"]))
    actor = {n["stub"]: ref_to_actor.get(f"{reg.registries[0]}:{n['stub']}".upper())
             for n in raw["nodes"]}
    g = nx.Graph()
    for link in raw["links"]:
        a, b = actor[link["source"]], actor[link["target"]]
        if a is not None and b is not None:
            g.add_edge(a, b)
    return g


def test_somalia_network_counts(somalia):
    raw, reg = somalia
    linked = {e for link in raw["links"] for e in (link["source"], link["target"])}
    assert len(raw["links"]) == 746 == len(reg.initiatives)
    assert (reg.initiatives["kind"] == "link").all() and registry_kind(reg) == "link"
    assert len(reg.mentions) == 2 * 746
    # every linked node is one actor, or a phrase the resolver would not make one
    assert len(linked) == 578 == len(reg.actors) + reg.unresolved["text"].nunique()
    assert reg.actors["org_ref"].is_unique
    # names exported through the wrong encoding ("fÃ¼r"), counted here from the JSON: each
    # link's two ends are mentions, and its title names both
    garbled = {n["stub"] for n in raw["nodes"] if "Ã" in n["name"] and n["stub"] in linked}
    ends = sum((link["source"] in garbled) + (link["target"] in garbled) for link in raw["links"])
    titles = sum(bool({link["source"], link["target"]} & garbled) for link in raw["links"])
    assert (len(garbled), ends, titles) == (1, 1, 1)
    assert reg.sources[0]["notes"] == [
        f"{len(raw['nodes']) - len(linked)} nodes without a link left out: a node is an "
        "actor through its links",
        f"repaired mis-decoded characters (mojibake) in {2 * ends + titles} values "
        f"(mentions.name {ends}, mentions.source_text {ends}, initiatives.title {titles})"]
    assert not reg.actors["name"].str.contains("Ã").any()
    assert "Kreditanstalt für Wiederaufbau (KfW) (Reconstruction Credit Institute)" \
        in set(reg.actors["name"])


@pytest.mark.slow
def test_somalia_hubs_and_brokers_match_networkx(somalia):
    raw, reg = somalia
    g = _raw_graph(raw, reg)
    hubs = hub_metrics(reg).set_index("actor_id")
    # links per actor, whatever the other end (a link to a category names one actor)
    ref_to_actor = dict(zip(reg.actors["org_ref"], reg.actors["actor_id"]))
    links = Counter(ref_to_actor.get(f"{reg.registries[0]}:{end}".upper())
                    for link in raw["links"] for end in (link["source"], link["target"]))
    links.pop(None, None)
    assert hubs["initiatives"].astype(int).to_dict() == dict(links)
    degree = dict(g.degree())
    table = brokers(reg, holes="partners", betweenness="exact", grouping=None,
                    communities=None).set_index("actor_id")
    assert table.attrs["holes"] == "partners"
    expected = nx.betweenness_centrality(g, normalized=False)
    got = table["betweenness"].reindex(list(expected))
    assert got.to_numpy() == pytest.approx(list(expected.values()), abs=1e-9)
    constraint = nx.constraint(g)
    effective = nx.effective_size(g)
    busiest = sorted(degree, key=degree.get)[-40:]  # the brokers the report names, and more
    assert table.loc[busiest, "constraint"].tolist() == pytest.approx(
        [constraint[a] for a in busiest], abs=1e-12)
    assert table.loc[busiest, "effective_size"].tolist() == pytest.approx(
        [effective[a] for a in busiest], abs=1e-12)
    assert table.loc[busiest, "initiatives_with_partners"].tolist() == [
        degree[a] for a in busiest]


def test_networkx_node_link_data_round_trip(tmp_path):
    g = nx.Graph()
    g.add_nodes_from([("n1", {"name": "Reef Friends", "type": "NGO", "country": "GB"}),
                      ("n2", {"name": "UNICEF"}), ("n3", {"name": "Save the Children"}),
                      ("n4", {"name": "Alone Trust"})])
    g.add_edges_from([("n1", "n2"), ("n2", "n3"), ("n1", "n3", {"weight": 2})])
    path = write(tmp_path, nx.node_link_data(g, edges="links"))
    assert loaders.detect(path) == "node-link-json"
    reg = load(path)
    assert len(reg.initiatives) == 3 and len(reg.actors) == 3
    friends = reg.actors.set_index("name").loc["Reef Friends"]
    assert (friends["actor_type"], friends["country"]) == ("ngo", "GBR")
    assert reg.sources[0]["notes"] == [
        "1 node without a link left out: a node is an actor through its links",
        "1 link with a weight other than 1 counted once (weights are not read)"]


def test_d3_links_by_position_and_a_field_named_otherwise(tmp_path):
    by_position = write(tmp_path, {"nodes": [{"name": "A Org"}, {"name": "B Org"}],
                                   "links": [{"source": 0, "target": 1}]}, "d3.json")
    reg = node_link_json.read(by_position)
    assert reg.mentions["name"].tolist() == ["A Org", "B Org"]
    by_stub = write(tmp_path, {"nodes": [{"stub": "a", "name": "A Org"},
                                         {"stub": "b", "name": "B Org"}],
                               "edges": [{"source": "b", "target": "a", "value": 1}]}, "s.json")
    assert node_link_json.read(by_stub).mentions["org_ref"].tolist() == [
        "network-s:b", "network-s:a"]
    # numbers as ids: 7.0 is "7", and a link end 1.5 names the node 1.5
    by_number = write(tmp_path, {"nodes": [{"id": 7.0, "name": "A Org"},
                                           {"id": 1.5, "name": "B Org"}],
                                 "links": [{"source": 7, "target": 1.5}]}, "n.json")
    assert node_link_json.read(by_number).mentions["org_ref"].tolist() == [
        "network-n:7", "network-n:1.5"]


def test_two_nodes_of_one_name_stay_two_actors(tmp_path):
    path = write(tmp_path, {"nodes": [{"id": 1, "name": "Ministry of Health", "country": "KEN"},
                                      {"id": 2, "name": "Ministry of Health", "country": "KEN"},
                                      {"id": 3, "name": "WHO"}],
                            "links": [{"source": 1, "target": 3}, {"source": 2, "target": 3}]})
    reg = load(path)
    assert reg.actors["name"].value_counts()["Ministry of Health"] == 2


def test_kumu_blueprint_round_trip(tmp_path):
    from ecosystem.export.kumu import write_kumu

    g = nx.Graph()
    g.add_node("oxfam", label="Oxfam", actor_type="ngo")
    g.add_node("wfp", label="World Food Programme", actor_type="un_multilateral")
    g.add_node("nrc", label="Norwegian Refugee Council", actor_type="ngo")
    g.add_edges_from([("oxfam", "wfp"), ("wfp", "nrc")])
    path = write_kumu(g, tmp_path / "map.kumu.json")
    reg = load(path)
    assert sorted(reg.actors["actor_type"]) == ["ngo", "ngo", "un_multilateral"]
    pairs = reg.mentions.groupby("initiative_id")["name"].apply(frozenset)
    assert set(pairs) == {frozenset({"Oxfam", "World Food Programme"}),
                          frozenset({"World Food Programme", "Norwegian Refugee Council"})}
    assert reg.sources[0]["notes"] == []  # undirected connections, nothing left out


@pytest.mark.parametrize(("data", "record", "field", "message"), [
    ({"nodes": [{"id": "a"}, {"id": "b"}], "links": [{"source": "a", "target": "c"}]},
     "link 1", "target", "no node has the id 'c'"),
    ({"nodes": [{"id": "a"}, {"id": "b"}], "links": [{"source": "a"}]},
     "link 1", "target", "no node at this end"),
    ({"nodes": [{"id": "a"}, {"id": "a"}], "links": [{"source": "a", "target": "a"}]},
     "node 2", "id", "two nodes have the id 'a'"),
    ({"nodes": [{"id": "a"}, {"id": "b"}], "links": [{"source": "a", "target": "b",
                                                       "weight": -1}]},
     "link 1", "weight", "0 or more"),
    ({"nodes": [{"id": "a"}, {"id": "b"}], "links": [{"source": "a", "target": "b",
                                                       "weight": "heavy"}]},
     "link 1", "weight", "cannot read 'heavy'"),
    ({"nodes": [{"id": "a", "name": ["x"]}, {"id": "b"}],
      "links": [{"source": "a", "target": "b"}]}, "node 1", "name", "expected text"),
    ({"nodes": [{"id": "a"}, "b"], "links": []}, "node 2", "nodes", "expected an object"),
    ({"elements": [{"label": "A"}], "connections": [{"from": "A", "to": "Z"}]},
     "connection 1", "to", "no node has the id 'Z'"),
])
def test_bad_networks_name_the_record_and_field(tmp_path, data, record, field, message):
    path = write(tmp_path, data)
    with pytest.raises(InputError) as err:
        load(path)
    assert (err.value.record, err.value.field) == (record, field)
    assert message in str(err.value) and "net.json" in str(err.value)


def test_no_links_and_loops_only(tmp_path):
    lonely = write(tmp_path, {"nodes": [{"id": "a"}, {"id": "b"}],
                              "links": [{"source": "a", "target": "a"}]})
    with pytest.raises(InputError, match="no link between two nodes"):
        load(lonely)
    nan = tmp_path / "nan.json"
    nan.write_text('{"nodes": [{"id": "a"}, {"id": "b"}], '
                   '"links": [{"source": "a", "target": "b", "weight": NaN}]}')
    with pytest.raises(InputError, match="not a finite number"):
        load(nan)


def test_links_are_not_judged_dormant(tmp_path):
    path = write(tmp_path, {"nodes": [{"id": "a", "name": "Oxfam"}, {"id": "b", "name": "WFP"}],
                            "links": [{"source": "a", "target": "b"}]})
    out = dormant_initiatives(load(path), "2024-01-01")
    assert not out["assessed"].any() and not out["dormant"].any()
    assert out["reason"].str.startswith("link: dormancy not assessed").all()


def test_mis_decoded_names_and_titles_are_repaired(tmp_path):
    # "für" written through Latin-1 as "fÃ¼r"; a cp1252 dash left as the C1 control \x96,
    # which would otherwise be dropped as a control character ("Back on Track  Care")
    garbled = "Kreditanstalt f\u00c3\u00bcr Wiederaufbau"
    path = write(tmp_path, {"nodes": [{"id": "a", "name": garbled},
                                      {"id": "b", "name": "Back on Track \x96 Care"},
                                      {"id": "c", "name": "Fundación Mar"}],
                            "links": [{"source": "a", "target": "b"},
                                      {"source": "b", "target": "c"}]})
    reg = load(path)
    assert set(reg.actors["name"]) == {"Kreditanstalt für Wiederaufbau", "Back on Track – Care",
                                       "Fundación Mar"}
    assert reg.initiatives["title"].tolist() == [
        "Kreditanstalt für Wiederaufbau – Back on Track – Care",
        "Back on Track – Care – Fundación Mar"]
    # b is a mention of both links; each mention's source text is its node's name
    assert reg.sources[0]["notes"] == [
        "repaired mis-decoded characters (mojibake) in 8 values (mentions.name 3, "
        "mentions.source_text 3, initiatives.title 2)"]


def test_hostile_names_are_text(tmp_path):
    path = write(tmp_path, {"nodes": [{"id": "a", "name": "=HYPERLINK(\"http://x\")"},
                                      {"id": "b", "name": "<script>alert(1)</script> Trust\x07"}],
                            "links": [{"source": "a", "target": "b"}]})
    reg = load(path)
    assert "\x07" not in "".join(reg.mentions["name"])
    assert "<script>alert(1)</script> Trust" in set(reg.mentions["name"])


def test_edge_sheet_csv(tmp_path):
    path = tmp_path / "ties.csv"
    path.write_bytes("From;To;Value;Note\nOxfam;World Food Programme;2;x\n\n"
                     "World Food Programme;Cáritas Española;;\nOxfam;Oxfam;1;\n"
                     .encode("cp1252"))
    assert loaders.detect(path) == "edge-sheet"
    reg = load(path)
    assert reg.initiatives["record_id"].tolist() == ["row 2", "row 4"]
    assert set(reg.actors["name"]) == {"Oxfam", "World Food Programme", "Cáritas Española"}
    assert reg.sources[0]["notes"] == [
        "read as cp1252 text (not UTF-8)", "1 link from a node to itself left out",
        "1 link with a weight other than 1 counted once (weights are not read)"]


@pytest.mark.parametrize(("text", "record", "field", "message"), [
    ("Source,Target\nOxfam,\n", "row 2", "Target", "no node at this end"),
    ("Source,Target,Weight\nOxfam,WFP,-2\n", "row 2", "Weight", "0 or more"),
    ("Source,Target,Value\nOxfam,WFP,many\n", "row 2", "Value", "cannot read 'many'"),
])
def test_bad_edge_sheets_name_the_row_and_column(tmp_path, text, record, field, message):
    path = tmp_path / "ties.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load(path)
    assert (err.value.record, err.value.field) == (record, field)
    assert message in str(err.value)


def test_a_sheet_without_link_ends_is_no_edge_sheet(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text("Organisation,Target\nOxfam,14.1\n", encoding="utf-8")
    with pytest.raises(InputError, match="no row of HXL hashtags"):
        load(path)


@pytest.mark.parametrize("header", ["Id,Label,timeset,Type", "Label;Type;Description"])
def test_a_nodes_table_alone_says_where_its_links_go(tmp_path, header):
    # Gephi's and Kumu's exports write nodes and edges as two files: the nodes alone are no network
    path = tmp_path / "nodes.csv"
    sep = ";" if ";" in header else ","
    path.write_text(f"{header}\n{sep.join(['n1', 'Oxfam', '', 'NGO'][:header.count(sep) + 1])}\n",
                    encoding="utf-8")
    message = r"nodes\.csv, line 1: a nodes table .* holds no links: put it in one XLSX workbook"
    with pytest.raises(InputError, match=message):
        load(path)
    with pytest.raises(InputError, match="a nodes table"):
        load([path, tmp_path / "edges.csv"])  # the bad file is named before the next is read


@pytest.mark.slow
def test_the_report_counts_holes_between_partners_of_a_drawn_network(somalia):
    from ecosystem.measures.context import Analysis

    raw, reg = somalia
    table = Analysis(reg).broker_table
    assert table.attrs["holes"] == "partners"
    g = _raw_graph(raw, reg)
    lowest = table.dropna(subset=["constraint"]).sort_values("constraint").iloc[0]
    assert lowest["constraint"] == pytest.approx(nx.constraint(g, [lowest["actor_id"]])[
        lowest["actor_id"]], abs=1e-12)


@pytest.mark.slow
def test_the_report_map_draws_a_drawn_networks_largest_group_whole(somalia):
    from ecosystem.measures.context import Analysis
    from ecosystem.report.sections_network import map_graph

    raw, reg = somalia
    largest = max(nx.connected_components(_raw_graph(raw, reg)), key=len)
    assert sorted(map_graph(Analysis(reg)).vs["name"]) == sorted(largest)


def _workbook(path, sheets):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_kumu_workbook_of_elements_and_connections(tmp_path):
    path = _workbook(tmp_path / "kumu.xlsx", {
        "Elements": [["Label", "Type", "Country"], ["Reef Friends", "NGO", "Fiji"],
                     ["World Food Programme", "UN agency", None], ["Alone Trust", None, None]],
        "Connections": [["From", "To", "Type"], ["Reef Friends", "World Food Programme", "funds"],
                        [None, None, None], ["World Food Programme", "Reef Friends", None]]})
    assert loaders.detect(path) == "edge-sheet"
    reg = load(path)
    assert reg.initiatives["record_id"].tolist() == ["sheet Connections, row 2",
                                                     "sheet Connections, row 4"]
    friends = reg.actors.set_index("name").loc["Reef Friends"]
    assert (friends["actor_type"], friends["country"]) == ("ngo", "FJI")
    assert reg.sources[0]["notes"] == [
        "1 node without a link left out: a node is an actor through its links"]


def test_gephi_workbook_links_nodes_by_id(tmp_path):
    path = _workbook(tmp_path / "gephi.xlsx", {
        "Nodes": [["Id", "Label"], [1, "Ministry of Health"], [2, "Ministry of Health"],
                  [3, "WHO"]],
        "Edges": [["Source", "Target", "Weight"], [1, 3, 1], [2, 3, 1]]})
    reg = load(path)
    assert reg.actors["name"].value_counts()["Ministry of Health"] == 2  # two nodes, two actors
    missing = _workbook(tmp_path / "missing.xlsx", {
        "Edges": [["Source", "Target"], ["a", "b"], ["a", "c"]],
        "Nodes": [["Id", "Label"], ["a", "A Org"], ["b", "B Org"]]})
    with pytest.raises(InputError) as err:
        load(missing)
    assert (err.value.record, err.value.field) == ("sheet Edges, row 3", "Target")


def test_the_explorer_card_counts_holes_between_partners(tmp_path):
    from test_explorer import texts

    from ecosystem.explorer import actor_card
    from ecosystem.explorer.state import ExplorerState

    # a star around WFP with one tie between two of its partners
    path = write(tmp_path, {"nodes": [{"id": k, "name": n} for k, n in (
        ("w", "World Food Programme"), ("o", "Oxfam"), ("n", "Norwegian Refugee Council"),
        ("s", "Save the Children"))],
        "links": [{"source": "w", "target": t} for t in "ons"] + [{"source": "o", "target": "n"}]})
    state = ExplorerState(load(path), title="net")
    wfp = state.base.reg.actors.set_index("name").loc["World Food Programme", "actor_id"]
    words = " ".join(texts(actor_card.actor_position(state.base, wfp)))
    assert "constraint between its partners" in words and "between its links" not in words
    g = nx.Graph([("w", "o"), ("w", "n"), ("w", "s"), ("o", "n")])
    assert f"{nx.constraint(g)['w']:.3f}" in words


def test_a_drawn_network_has_no_duplicate_records(tmp_path):
    """Links that share an organisation were clustered as "same lead re-registration" in the
    explorer's duplication panel (47 clusters on the Somalia network)."""
    from test_explorer import texts

    from ecosystem.errors import AnalysisError
    from ecosystem.explorer import duplicates_panel, layout
    from ecosystem.explorer.state import ExplorerState
    from ecosystem.measures.coordination.duplicates import duplicate_clusters

    path = write(tmp_path, {"nodes": [{"id": k, "name": n} for k, n in (
        ("w", "World Food Programme"), ("o", "Oxfam"), ("n", "Norwegian Refugee Council"))],
        "links": [{"source": "w", "target": "o"}, {"source": "w", "target": "n"},
                  {"source": "w", "target": "o"}]})
    reg = load(path)
    with pytest.raises(AnalysisError, match="no record is registered twice"):
        duplicate_clusters(reg)
    state = ExplorerState(reg, title="n")
    words = " ".join(texts(duplicates_panel.clusters_panel(state.base)))
    assert "Duplicate clusters not computed" in words and "re-registration" not in words
    page = " ".join(texts(layout.page(state)))
    assert "no record is registered twice" in page and "registered twice by one lead" not in page
