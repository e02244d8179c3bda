"""Dynamic GEXF (spells on nodes and edges, GEXF 1.3 structure) and the Kumu export by period
and under its 20,000-connection cap."""
from __future__ import annotations

import datetime as dt
import itertools
import json

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from helpers.real_data import real_file
from lxml import etree
from test_time_periods import AS_OF, registry

from ecosystem.export.gexf_dynamic import dynamic_gexf_text, write_dynamic_gexf
from ecosystem.export.graph_files import graph_columns, with_spells
from ecosystem.export.kumu import MAX_CONNECTIONS, NOTE_LABEL, kumu_blueprint, kumu_cut
from ecosystem.graphs import actor_projection
from ecosystem.measures.time import timeline
from ecosystem.model import Registry

NS = "{http://gexf.net/1.3}"
#: Attribute types of the GEXF 1.3 schema (gexf.xsd, attrtype-type).
ATTR_TYPES = {"integer", "long", "double", "float", "boolean", "bigdecimal", "biginteger",
              "byte", "char", "short", "string", "anyURI", "liststring", "listboolean",
              "listinteger", "listlong", "listfloat", "listdouble", "listbyte", "listshort",
              "listbigdecimal", "listbiginteger", "listchar"}


def timed_columns(reg: Registry, **kw):
    tl = timeline(reg, **kw)
    cols = with_spells(graph_columns(actor_projection(reg, weight="count")), tl.actor_spells,
                       tl.tie_spells, tl.table["period"].tolist())
    return tl, cols


def spells_of(frame: pd.DataFrame, keys: list[str]) -> dict:
    out: dict = {}
    for row in frame.itertuples(index=False):
        key = tuple(sorted(getattr(row, k) for k in keys))
        out.setdefault(key, []).append((f"{row.start:%Y-%m-%d}", f"{row.end:%Y-%m-%d}"))
    return out


def check_gexf_13_dynamic(path) -> None:
    """The structure GEXF 1.3 (gexf.xsd + dynamics.xsd) imposes on a dynamic graph file."""
    root = etree.parse(str(path)).getroot()
    assert root.tag == f"{NS}gexf" and root.get("version") == "1.3"
    children = [c.tag for c in root]
    assert children in ([f"{NS}meta", f"{NS}graph"], [f"{NS}graph"])
    graph = root.find(f"{NS}graph")
    assert graph.get("mode") == "dynamic"
    assert graph.get("timeformat") in ("integer", "double", "date", "dateTime")
    assert graph.get("timerepresentation") in ("interval", "timestamp")
    assert graph.get("defaultedgetype") in ("directed", "undirected", "mutual")
    order = [c.tag for c in graph]
    assert order[-2:] == [f"{NS}nodes", f"{NS}edges"]
    assert set(order[:-2]) <= {f"{NS}attributes"}
    declared = {}
    for attrs in graph.findall(f"{NS}attributes"):
        assert attrs.get("class") in ("node", "edge")
        assert attrs.get("mode") in (None, "static", "dynamic")
        for a in attrs:
            assert a.tag == f"{NS}attribute" and a.get("type") in ATTR_TYPES
            assert a.get("title") is not None
            declared[a.get("id")] = attrs.get("class")

    def date(text: str) -> dt.date:
        return dt.date.fromisoformat(text)

    def spells(element) -> list[tuple[dt.date, dt.date]]:
        found = element.findall(f"{NS}spells")
        assert len(found) == 1, "each element carries one spells list"
        items = list(found[0])
        assert items and all(s.tag == f"{NS}spell" for s in items), "spells holds ≥ 1 spell"
        out = [(date(s.get("start")), date(s.get("end"))) for s in items]
        assert all(a <= b for a, b in out)
        return out

    nodes = graph.find(f"{NS}nodes")
    ids, node_spells = set(), {}
    for node in nodes:
        assert node.tag == f"{NS}node" and node.get("id") not in ids
        ids.add(node.get("id"))
        for v in node.iter(f"{NS}attvalue"):
            assert declared[v.get("for")] == "node" and v.get("value") is not None
        node_spells[node.get("id")] = spells(node)
    assert int(nodes.get("count")) == len(ids)
    edges = graph.find(f"{NS}edges")
    for edge in edges:
        assert edge.tag == f"{NS}edge"
        s, t = edge.get("source"), edge.get("target")
        assert s in ids and t in ids
        if edge.get("weight") is not None:
            float(edge.get("weight"))
        for v in edge.iter(f"{NS}attvalue"):
            assert declared[v.get("for")] == "edge"
        for a, b in spells(edge):     # a tie exists only while both actors are present
            for end in (s, t):
                assert any(x <= a and b <= y for x, y in node_spells[end])
    assert int(edges.get("count")) == len(edges)


def assert_rereads_with_the_same_spells(reg: Registry, tmp_path, **kw) -> None:
    tl, cols = timed_columns(reg, **kw)
    path = write_dynamic_gexf(cols, tmp_path / "timeline.gexf")
    check_gexf_13_dynamic(path)
    h = nx.read_gexf(path)
    assert h.graph["mode"] == "dynamic"
    nodes = spells_of(tl.actor_spells, ["actor_id"])
    assert {(n,): d["spells"] for n, d in h.nodes(data=True)} == nodes
    ties = spells_of(tl.tie_spells, ["source", "target"])
    assert {tuple(sorted((a, b))): d["spells"] for a, b, d in h.edges(data=True)} == ties


def test_dynamic_gexf_rereads_with_the_same_spells(tmp_path):
    assert_rereads_with_the_same_spells(registry(), tmp_path, as_of=AS_OF)
    h = nx.read_gexf(tmp_path / "timeline.gexf")
    assert h.nodes["a"]["spells"] == [("2017-01-01", "2018-12-31")]
    assert h.edges["b", "c"]["spells"] == [("2018-01-01", AS_OF)]
    assert h.nodes["b"]["periods"] == "2017|2018|2019|2020"
    assert "d" in h and h.nodes["d"]["spells"] == [("2019-01-01", "2019-12-31")]


def test_undated_actors_stay_out_of_the_timeline(tmp_path):
    reg = registry({"i1": ("2018-01-01", "2018-12-31", "ab"), "i2": (None, None, "cd")})
    _, cols = timed_columns(reg, as_of="2018-12-31")
    assert cols.ids == ["a", "b"] and len(cols.source) == 1


def test_registry_text_cannot_break_the_file(tmp_path):
    reg = registry()
    reg.actors.loc[0, "name"] = 'Reef & "Sea" <Trust>\x00\u202e'
    _, cols = timed_columns(reg, as_of=AS_OF)
    path = write_dynamic_gexf(cols, tmp_path / "t.gexf", description="A & B <c>")
    check_gexf_13_dynamic(path)
    assert nx.read_gexf(path).nodes["a"]["label"] == 'Reef & "Sea" <Trust>'


def test_static_columns_are_refused():
    with pytest.raises(ValueError, match="with_spells"):
        dynamic_gexf_text(graph_columns(ig.Graph(1)))


def test_iati_dynamic_gexf(tmp_path):
    import ecosystem

    reg = ecosystem.load(real_file("iati_activities", "datastore_multi_publisher_2020_v202.xml"))
    assert_rereads_with_the_same_spells(reg, tmp_path)


def test_ocean_dynamic_gexf(ocean, tmp_path):
    assert_rereads_with_the_same_spells(ocean, tmp_path, as_of="2026-03-26")


def test_kumu_tags_elements_and_connections_by_period():
    _, cols = timed_columns(registry(), as_of=AS_OF)
    doc = kumu_blueprint(cols)
    tags = {e["id"]: e["tags"] for e in doc["elements"]}
    assert tags["a"] == ["2017", "2018"] and tags["d"] == ["2019"]
    bc = [c for c in doc["connections"] if {c["from"], c["to"]} == {"B", "C"}]
    assert bc[0]["tags"] == ["2018", "2019", "2020"]
    assert all(e["label"] != NOTE_LABEL for e in doc["elements"])   # no cut, no note


def _alpha(w: np.ndarray, ends: np.ndarray, n: int) -> np.ndarray:
    """Disparity α of each edge written out: min over its ends of (1 − w/s)^(k − 1)."""
    s = np.bincount(ends.ravel(), weights=np.repeat(w, 2), minlength=n)
    k = np.bincount(ends.ravel(), minlength=n)
    out = np.ones(len(w))
    for j, (a, b) in enumerate(ends):
        for x in (a, b):
            if k[x] > 1:
                out[j] = min(out[j], (1 - w[j] / s[x]) ** (k[x] - 1))
    return out


def test_kumu_keeps_the_most_significant_ties_and_says_so():
    rng = np.random.default_rng(7)
    n = 30
    ends = np.array(list(itertools.combinations(range(n), 2)))
    w = rng.integers(1, 20, len(ends)).astype(float)
    g = ig.Graph(n=n, edges=ends.tolist())
    g.vs["name"] = [f"v{i}" for i in range(n)]
    g.es["weight"] = w.tolist()
    cols = graph_columns(g)
    cut = kumu_cut(cols, max_connections=100)
    alpha = _alpha(w, ends, n)
    order = sorted(range(len(w)), key=lambda j: (alpha[j], -w[j], j))[:100]
    kept = {tuple(ends[j]) for j in order}
    doc = kumu_blueprint(cols, max_connections=100)
    got = {tuple(sorted((int(c["from"][1:]), int(c["to"][1:])))) for c in doc["connections"]}
    assert len(doc["connections"]) == cut.kept == 100 and cut.connections == len(w) == 435
    assert got == kept
    note = [e for e in doc["elements"] if e["label"] == NOTE_LABEL]
    assert len(note) == 1 and note[0]["type"] == "Note"
    assert "100 of the network's 435 connections" in note[0]["description"] == cut.note
    # the report hands over the cut it already computed: the same blueprint
    assert kumu_blueprint(cols, max_connections=100, cut=cut) == doc
    assert cut.alpha == pytest.approx(max(alpha[j] for j in order))


def test_kumu_file_holds_at_most_20000_connections(tmp_path):
    from ecosystem.export.kumu import write_kumu

    g = ig.Graph.Full(201)                       # 20,100 ties
    g.vs["name"] = [str(i) for i in range(201)]
    doc = json.loads(write_kumu(g, tmp_path / "k.json").read_text())
    assert MAX_CONNECTIONS == 20_000 and len(doc["connections"]) == 20_000
    assert "20,000 of the network's 20,100 connections" in doc["elements"][-1]["description"]
    assert kumu_cut(graph_columns(ig.Graph.Full(10))) is None


def test_with_spells_keeps_every_spell_in_order_and_matches_ties_either_way_round():
    g = ig.Graph([(0, 1), (1, 2)])
    g.vs["name"] = ["a", "b", "c"]
    g.es["weight"] = [2.0, 3.0]
    days = {0: ("2020-01-01", "2020-12-31"), 1: ("2021-01-01", "2021-12-31"),
            2: ("2022-01-01", "2022-12-31")}

    def frame(keys: dict, firsts: list, lasts: list) -> pd.DataFrame:
        return pd.DataFrame({**keys, "first": firsts, "last": lasts,
                             "start": pd.to_datetime([days[f][0] for f in firsts]),
                             "end": pd.to_datetime([days[t][1] for t in lasts])})

    # b has two spells (listed first: they keep their order); x is not in the graph
    nodes = frame({"actor_id": ["b", "a", "b", "c", "x"]}, [0, 0, 2, 1, 0], [0, 2, 2, 1, 0])
    # b–a is the graph's a–b; c–b its b–c; a–c is not in the graph, so it is left out (the
    # dynamic file shows the static graph's edges); x–a has an end without spells in the graph
    edges = frame({"source": ["b", "c", "a", "x", "b"], "target": ["a", "b", "c", "a", "a"]},
                  [0, 1, 2, 0, 2], [0, 1, 2, 0, 2])
    timed = with_spells(graph_columns(g), nodes, edges, ["p0", "p1", "p2"])
    assert timed.ids == ["a", "b", "c"]
    assert timed.node_spells == [[("2020-01-01", "2022-12-31")],
                                 [("2020-01-01", "2020-12-31"), ("2022-01-01", "2022-12-31")],
                                 [("2021-01-01", "2021-12-31")]]
    assert timed.node_tags == [["p0", "p1", "p2"], ["p0", "p2"], ["p1"]]
    ends = [(timed.ids[s], timed.ids[t]) for s, t in zip(timed.source, timed.target)]
    assert ends == [("a", "b"), ("b", "c")]
    assert timed.edge_spells == [[("2020-01-01", "2020-12-31"), ("2022-01-01", "2022-12-31")],
                                 [("2021-01-01", "2021-12-31")]]
    assert timed.edge_tags == [["p0", "p2"], ["p1"]]
    weight = timed.edges["weight"]
    assert weight.values == [2.0, 3.0] and weight.present.tolist() == [True, True]
