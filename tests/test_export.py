"""Table and graph exports: types coerced so Gephi/networkx re-read them; untrusted text kept inert."""
import json
import xml.etree.ElementTree as ET

import igraph as ig
import networkx as nx
import numpy as np
import openpyxl
import pandas as pd
import pytest

from ecosystem.export import (
    graph_columns,
    write_gexf,
    write_graphml,
    write_kumu,
    write_tables,
)
from ecosystem.graphs import actor_projection
from ecosystem.model import Registry


def awkward_graph():
    g = ig.Graph(n=4, edges=[(0, 1), (1, 2), (2, 3)])
    g.vs["name"] = ["a", "b", "c", "d"]
    g.vs["label"] = ["Alpha", None, "Same", "Same"]
    g.vs["country"] = ["FJI", None, "WSM", None]          # string with None
    g.vs["score"] = [1, 2.5, None, 3]                      # mixed int/float with None
    g.vs["mixed"] = [1, "x", None, 2.0]                    # numbers and strings
    g.es["weight"] = [1.0, 2.0, 0.5]
    return g


def test_gexf_round_trip_keeps_counts_and_types(tmp_path):
    p = write_gexf(awkward_graph(), tmp_path / "g.gexf")
    h = nx.read_gexf(p)
    assert (h.number_of_nodes(), h.number_of_edges()) == (4, 3)
    assert h.nodes["a"]["country"] == "FJI" and h.nodes["b"]["country"] == ""
    assert h.nodes["b"]["score"] == 2.5 and "score" not in h.nodes["c"]
    assert h.nodes["b"]["mixed"] == "x" and h.nodes["a"]["mixed"] == "1"
    assert h.nodes["b"]["label"] == "b"                   # missing label falls back to the id
    assert sorted(d["weight"] for *_, d in h.edges(data=True)) == [0.5, 1.0, 2.0]


def test_graphml_round_trip(tmp_path):
    h = nx.read_graphml(write_graphml(awkward_graph(), tmp_path / "g.graphml"))
    assert (h.number_of_nodes(), h.number_of_edges()) == (4, 3)


def test_kumu_labels_are_unique_and_connections_point_to_them(tmp_path):
    doc = json.loads(write_kumu(awkward_graph(), tmp_path / "k.json", element_type="country")
                     .read_text())
    labels = [e["label"] for e in doc["elements"]]
    assert labels == ["Alpha", "b", "Same [c]", "Same [d]"]
    assert doc["elements"][0]["type"] == "FJI"
    assert {(c["from"], c["to"]) for c in doc["connections"]} == {
        ("Alpha", "b"), ("b", "Same [c]"), ("Same [c]", "Same [d]")}


def test_tables_in_three_formats_with_formula_text_kept_inert(tmp_path):
    df = pd.DataFrame({"name": ["=HYPERLINK(\"http://x\")", "plain", "bell\x07"], "n": [1, 2, 3]})
    files = write_tables({"actors": df, "a" * 40: df}, tmp_path)
    assert {p.name for p in files} >= {"actors.csv", "actors.parquet", "tables.xlsx"}
    # the CSV keeps the text but a spreadsheet reads it as text, not a formula (OWASP)
    assert pd.read_csv(tmp_path / "actors.csv")["name"][0] == "'=HYPERLINK(\"http://x\")"
    assert pd.read_parquet(tmp_path / "actors.parquet")["n"].tolist() == [1, 2, 3]
    wb = openpyxl.load_workbook(tmp_path / "tables.xlsx")
    assert wb.sheetnames == ["actors", "a" * 31]
    ws = wb["actors"]
    assert ws["A2"].value == "'=HYPERLINK(\"http://x\")" and ws["A2"].data_type == "s"
    assert ws["A4"].value == "bell"


def small_registry() -> Registry:
    """Four actors in three initiatives: a-b twice, a-c once, d alone with c."""
    ids = ["i1", "i2", "i3"]
    return Registry.from_frames(
        actors=pd.DataFrame({"actor_id": list("abcd"), "name": ["Alpha", "Beta", "Gamma", "Beta"],
                             "actor_type": ["ngo", "government", None, "ngo"],
                             "country": ["FJI", None, "WSM", None]}),
        initiatives=pd.DataFrame({"initiative_id": ids, "registry": "r", "record_id": ids,
                                  "kind": "partnership"}),
        ties=pd.DataFrame({"initiative_id": ["i1", "i1", "i1", "i2", "i2", "i3", "i3"],
                           "actor_id": ["a", "b", "c", "a", "b", "c", "d"], "role": "lead",
                           "registry": "r", "record_id": "x"}))


def assert_files_match_projection(g: ig.Graph, folder) -> None:
    """The three files reopen in networkx with the projection's nodes, edges and attributes."""
    names = g.vs["name"]
    pairs = {frozenset((names[e.source], names[e.target])): e for e in g.es}
    for h in (nx.read_gexf(write_gexf(g, folder / "g.gexf")),
              nx.read_graphml(write_graphml(g, folder / "g.graphml"))):
        assert (h.number_of_nodes(), h.number_of_edges()) == (g.vcount(), g.ecount())
        assert list(h.nodes) == names
        for v in g.vs:
            d = h.nodes[v["name"]]
            assert d["label"] == (v["label"] if v["label"] is not None else v["name"])
            assert d["actor_type"] == (v["actor_type"] or "")
            assert d["country"] == (v["country"] or "")
        for a, b, d in h.edges(data=True):
            e = pairs[frozenset((a, b))]
            assert d["weight"] == pytest.approx(e["weight"], rel=1e-15)
            assert d["shared"] == e["shared"] and type(d["shared"]) is int
    doc = json.loads(write_kumu(g, folder / "g.json", max_connections=g.ecount()).read_text())
    assert [e["id"] for e in doc["elements"]] == names
    assert len(doc["connections"]) == g.ecount()
    label_id = {e["label"]: e["id"] for e in doc["elements"]}
    assert {frozenset((label_id[c["from"]], label_id[c["to"]])) for c in doc["connections"]} \
        == set(pairs)
    for c in doc["connections"]:
        assert c["weight"] == pairs[frozenset((label_id[c["from"]], label_id[c["to"]]))]["weight"]


def test_graph_files_match_the_igraph_projection_of_a_small_registry(tmp_path):
    g = actor_projection(small_registry(), weight="count")
    assert g.ecount() == 4                                 # a-b, a-c, b-c, c-d
    assert_files_match_projection(g, tmp_path)
    h = nx.read_gexf(tmp_path / "g.gexf")
    assert h.edges["a", "b"]["weight"] == 2.0 and h.edges["a", "b"]["shared"] == 2
    assert h.nodes["c"]["actor_type"] == "" and h.nodes["a"]["country"] == "FJI"
    labels = {e["id"]: e["label"] for e in json.loads((tmp_path / "g.json").read_text())["elements"]}
    assert labels == {"a": "Alpha", "b": "Beta [b]", "c": "Gamma", "d": "Beta [d]"}


def test_graph_files_match_the_igraph_projection_on_ocean(ocean, tmp_path):
    assert_files_match_projection(actor_projection(ocean, weight="newman"), tmp_path)


def test_edges_come_in_networkx_order_with_repeats_merged():
    """As networkx's Graph built from the same edge list lists them (its files were the reference)."""
    edges = [(2, 0), (1, 2), (0, 1), (2, 0), (3, 3), (0, 3)]
    g = ig.Graph(n=4, edges=edges)
    g.vs["name"] = list("wxyz")
    g.es["weight"] = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    h = nx.Graph()
    h.add_nodes_from("wxyz")                            # nodes first, as they were converted
    for (a, b), w in zip(edges, g.es["weight"]):
        h.add_edge("wxyz"[a], "wxyz"[b], weight=w)
    cols = graph_columns(g)
    got = [(cols.ids[s], cols.ids[t], w) for s, t, w in
           zip(cols.source, cols.target, cols.edges["weight"].values)]
    assert got == [(a, b, d["weight"]) for a, b, d in h.edges(data=True)]
    assert ("w", "y", 4.0) in got                       # the repeated pair keeps its last weight


def test_directed_graph_keeps_direction(tmp_path):
    g = ig.Graph(n=3, edges=[(2, 0), (0, 1)], directed=True)
    g.vs["name"] = ["a", "b", "c"]
    for h in (nx.read_gexf(write_gexf(g, tmp_path / "d.gexf")),
              nx.read_graphml(write_graphml(g, tmp_path / "d.graphml"))):
        assert h.is_directed() and set(h.edges) == {("c", "a"), ("a", "b")}
    doc = json.loads(write_kumu(g, tmp_path / "d.json").read_text())
    assert {(c["from"], c["to"], c["direction"]) for c in doc["connections"]} == {
        ("c", "a", "directed"), ("a", "b", "directed")}


HOSTILE = ["NUL\x00 Fund", "ESC\x1b[2J Trust", '<b>Fish</b> & "Chips" \'Co\'',
           "\u202eevil\u202c Reef", "two\nlines\ttab", "lone \ud800 surrogate \ufffe"]


def test_hostile_names_give_well_formed_xml(tmp_path):
    g = ig.Graph(n=len(HOSTILE), edges=[(i, i + 1) for i in range(len(HOSTILE) - 1)])
    g.vs["name"] = [f"id {s}" for s in HOSTILE]
    g.vs["label"] = HOSTILE
    g.vs["actor_type"] = HOSTILE[::-1]
    g.es["note"] = HOSTILE[1:]
    expected = ["NUL Fund", "ESC[2J Trust", '<b>Fish</b> & "Chips" \'Co\'', "evil Reef",
                "two\nlines\ttab", "lone  surrogate "]
    for path in (write_gexf(g, tmp_path / "h.gexf"), write_graphml(g, tmp_path / "h.graphml")):
        ET.parse(path)                                    # raises on malformed XML
        h = nx.read_gexf(path) if path.suffix == ".gexf" else nx.read_graphml(path)
        assert [h.nodes[n]["label"] for n in h.nodes] == expected
        assert list(h.nodes) == [f"id {s}" for s in expected]
        assert sorted(d["note"] for *_, d in h.edges(data=True)) == sorted(expected[1:])
    doc = json.loads((write_kumu(g, tmp_path / "h.json")).read_text())
    assert [e["label"] for e in doc["elements"]] == expected


def test_texts_cleaned_and_escaped_together_as_one_by_one():
    """The writers clean and escape a whole column at once; each text comes out as alone."""
    from ecosystem.export.xml_text import xml_attribute, xml_clean_all, xml_content
    from ecosystem.untrusted import clean_text

    texts = HOSTILE + ["plain", "", "A & B", "x\u2028y", "Reef\u2028", "plain"]

    def alone(t, attribute):                 # the definition, character by character
        t = "".join(c for c in clean_text(t) if not ("\ud800" <= c <= "\udfff" or c in "\ufffe\uffff"))
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
        if attribute:
            t = t.replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
        return t
    for some in (texts, [t for t in texts if "\u2028" not in t], ["only"], []):
        assert xml_attribute(some) == [alone(t, True) for t in some]
        assert xml_content(some) == [alone(t, False) for t in some]
    assert xml_clean_all(["fine", "also fine"]) == ["fine", "also fine"]
    assert xml_clean_all(["NUL\x00", "ok"]) == ["NUL", "ok"]


def test_numbers_are_written_as_python_writes_them():
    from ecosystem.export.graph_files import Column

    values = [0.5, -0.0, 0.0, 1e-05, 1e16, 0.1 + 0.2, 0.5, 1 / 3, 123456789.125]
    assert Column(float, values, np.ones(len(values), bool)).text() == [repr(v) for v in values]
    ints = [3, 0, -7, 10**20]
    assert Column(int, ints, np.ones(4, bool)).text() == ["3", "0", "-7", str(10**20)]
    some = Column(float, [0.5, None], np.array([True, False]))
    assert some.text() == ["0.5", ""]
