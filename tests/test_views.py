"""Views: DataFrames in, plotly Figures out — check what each figure actually draws."""
import igraph as ig
import numpy as np
import pandas as pd

from ecosystem import views


def hubs_table():
    return pd.DataFrame({"actor_id": list("abcde"), "name": ["A", "<script>x</script>", "C", "D", "E"],
                         "actor_type": ["ngo", "government", "ngo", "academic", "ngo"],
                         "initiatives": [5, 9, 1, 3, 7], "country": ["FJI", None, "WSM", "FJI", None]})


def test_ranked_bars_orders_largest_on_top_and_escapes_names():
    fig = views.ranked_bars(hubs_table(), "initiatives", top=3)
    order = list(fig.layout.yaxis.categoryarray)
    assert order == ["A", "E", "&lt;script&gt;x&lt;/script&gt;"]  # bottom to top: 5, 7, 9
    assert sum(len(t.x) for t in fig.data) == 3
    assert {t.name for t in fig.data} == {"ngo", "government"}


def test_empty_input_gives_a_figure_that_says_why():
    fig = views.ranked_bars(hubs_table().iloc[:0], "initiatives", title="Hubs")
    assert "Nothing to rank" in fig.layout.annotations[0].text


def test_network_map_caps_edges_and_labels_top_nodes():
    g = ig.Graph.Full(6)
    g.vs["name"] = list("abcdef")
    g.vs["label"] = list("ABCDEF")
    g.es["weight"] = list(range(g.ecount()))
    nodes = pd.DataFrame({"actor_id": list("abcdef"), "initiatives": [1, 2, 3, 4, 5, 6],
                          "actor_type": ["ngo"] * 3 + ["government"] * 3})
    # F and E far apart, D right next to F: with 3 labels asked, D is skipped as crowding F.
    pos = pd.DataFrame({"x": [0.0, 1.0, 2.0, 9.0, -9.0, 9.05], "y": [0.0, 1.0, 2.0, 9.0, -9.0, 9.0]})
    fig = views.network_map(g, nodes, max_edges=5, top_labels=3, positions=pos)
    edge_trace = fig.data[0]
    assert len(edge_trace.x) == 5 * 3                       # 5 edges, 3 points each (a gap)
    texts = [a.text for a in fig.layout.annotations]
    assert "Showing the 5 heaviest of 15 ties." in texts
    assert [t for t in texts if len(t) == 1] == ["F", "E", "C"]
    markers = [t for t in fig.data if t.mode == "markers"]
    assert sum(len(t.x) for t in markers) == 6


def test_coverage_heatmap_marks_gap_cells():
    cov = pd.DataFrame({"target": ["14.1", "14.2", "14.1", "14.a"], "place_name": ["Fiji", "Fiji", "Samoa", "Samoa"],
                        "initiatives": [3, 1, 2, 5]})
    gaps = pd.DataFrame({"target": ["14.1"], "place_name": ["Samoa"]})
    fig = views.coverage_heatmap(cov, gaps=gaps)
    heat = fig.data[0]
    assert list(heat.y) == ["14.1", "14.2", "14.a"] and list(heat.x) == ["Samoa", "Fiji"]
    assert heat.z[0][0] == 2 and np.isnan(heat.z[1][0])
    assert fig.data[1].name == "gap" and list(fig.data[1].x) == ["Samoa"]


def test_agreement_quadrants_counts_pairs_per_quadrant():
    df = pd.DataFrame({"goal_agreement": [0.9, 0.9, 0.1, 0.1, 0.8], "means_agreement": [0.9, 0.1, 0.9, 0.1, 0.7],
                       "name_a": list("abcde"), "name_b": list("vwxyz")})
    fig = views.agreement_quadrants(df)
    names = sorted(t.name for t in fig.data)
    assert names == ["I · leadership tools (1)", "II · culture tools (2)", "III · management tools (1)",
                     "IV · power tools (1)"]


def test_sankey_sums_links_and_keeps_top():
    flows = pd.DataFrame({"provider": ["DFID", "DFID", "USAID"], "receiver": ["UNICEF", "UNICEF", "WFP"],
                          "amount": [10.0, 5.0, 1.0]})
    fig = views.flow_sankey(flows, top=1, currency="USD")
    s = fig.data[0]
    assert list(s.node.label) == ["DFID", "UNICEF"] and list(s.link.value) == [15.0]


def test_resilience_and_lorenz_draw_one_line_per_group():
    curve = pd.DataFrame({"ordering": ["hubs"] * 3 + ["random"] * 3, "removed": [0, 1, 2] * 2,
                          "share_initiatives_in_lcc": [0.8, 0.5, 0.3, 0.8, 0.79, 0.78]})
    assert [t.name for t in views.resilience_curves(curve).data] == ["hubs", "random"]
    lor = pd.DataFrame({"cum_share_actors": [0, 0.5, 1], "cum_share_value": [0, 0.2, 1]})
    fig = views.lorenz_curves({"ties": lor, "leads": lor})
    assert [t.name for t in fig.data] == ["equal shares", "ties", "leads"]
