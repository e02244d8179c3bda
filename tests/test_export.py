"""Table and graph exports: types coerced so Gephi/networkx re-read them; untrusted text kept inert."""
import json

import igraph as ig
import networkx as nx
import openpyxl
import pandas as pd

from ecosystem.export import write_gexf, write_graphml, write_kumu, write_tables


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
