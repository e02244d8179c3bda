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
    assert {t.name for t in fig.data} == {"NGO", "Government"}   # labels, not codes
    assert fig.layout.legend.title.text == "actor type"


def test_ranked_bars_hover_writes_human_numbers():
    hubs = hubs_table().assign(pagerank=[0.0004603, 0.2, 0.1, 0.05, 0.0123456],
                               betweenness=[2.21e6, 0.0, 1234.5678, 12.0, 3.0])
    fig = views.ranked_bars(hubs, "pagerank", top=5)
    shown = {y: c[0] for t in fig.data for y, c in zip(t.y, t.customdata)}
    assert shown["A"] == "0.00046" and shown["E"] == "0.0123"
    fig = views.ranked_bars(hubs, "betweenness", top=5)
    shown = {y: c[0] for t in fig.data for y, c in zip(t.y, t.customdata)}
    assert shown["A"] == "2,210,000" and shown["C"] == "1,235"
    assert all("%{customdata[0]}" in t.hovertemplate for t in fig.data)


def test_empty_input_gives_a_figure_that_says_why():
    fig = views.ranked_bars(hubs_table().iloc[:0], "initiatives", title="Hubs")
    assert "Nothing to rank" in fig.layout.annotations[0].text


def test_network_map_caps_edges():  # labels and edge drawing: tests/test_network_map.py
    g = ig.Graph.Full(6)
    g.vs["name"] = list("abcdef")
    g.vs["label"] = list("ABCDEF")
    g.es["weight"] = list(range(g.ecount()))
    nodes = pd.DataFrame({"actor_id": list("abcdef"), "initiatives": [1, 2, 3, 4, 5, 6],
                          "actor_type": ["ngo"] * 3 + ["government"] * 3})
    pos = pd.DataFrame({"x": [0.0, 1.0, 2.0, 9.0, -9.0, 9.05], "y": [0.0, 1.0, 2.0, 9.0, -9.0, 9.0]})
    fig = views.network_map(g, nodes, max_edges=5, top_labels=3, positions=pos)
    texts = [a.text for a in fig.layout.annotations]
    assert "Showing the 5 heaviest of 15 ties." in texts
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
    # the codes stay the data (clicks read them); the axis says "SDG 14.1", the hover its title
    assert list(fig.layout.yaxis.ticktext) == ["SDG 14.1", "SDG 14.2", "SDG 14.a"]
    assert heat.text[0][0] == "SDG 14.1 (Reduce marine pollution) · Samoa"


def test_resources_by_type_names_actor_types_and_resources_in_words():
    table = pd.DataFrame({"actor_type": ["civil_society", "un_multilateral", "ngo"],
                          "type": ["in_kind", "financing", "in_kind"], "initiatives": [2, 1, 4]})
    fig = views.resources_by_type(table)
    assert {t.name for t in fig.data} == {"in kind", "financing"}
    assert {y for t in fig.data for y in t.y} == {"Civil society", "UN & multilateral", "NGO"}


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


def test_sankey_labels_keep_quotes_readable():
    flows = pd.DataFrame({"provider": ['"Sea & Sky" <Trust>'], "receiver": ["A"], "amount": [1.0]})
    assert views.flow_sankey(flows).data[0].node.label[0] == (
        '"Sea &amp; Sky" &lt;Trust&gt;')          # plotly draws &quot; literally: quotes stay


def test_resilience_and_lorenz_draw_one_line_per_group():
    curve = pd.DataFrame({"ordering": ["hubs"] * 3 + ["random"] * 3, "removed": [0, 1, 2] * 2,
                          "share_initiatives_in_lcc": [0.8, 0.5, 0.3, 0.8, 0.79, 0.78]})
    assert [t.name for t in views.resilience_curves(curve).data] == ["hubs", "random"]
    lor = pd.DataFrame({"cum_share_actors": [0, 0.5, 1], "cum_share_value": [0, 0.2, 1]})
    fig = views.lorenz_curves({"ties": lor, "leads": lor})
    assert [t.name for t in fig.data] == ["equal shares", "ties", "leads"]


# ---------------------------------------------------------------- the formatting layer
def test_numbers_as_people_read_them():
    from ecosystem.views.formatting import money, number, percent, shown_number

    # the examples: PageRank, share, betweenness, a grant
    assert number(0.0004603) == "0.00046" and percent(0.007478) == "0.748%"
    assert number(2.21e6) == "2,210,000" and money(4.025e5, "GBP") == "£402,500"
    # a table cell keeps a sortable number that prints without e-notation
    assert shown_number(2.654321e6) == 2654321 and shown_number(0.7377) == 0.738
    assert f"{shown_number(0.0004603):.4g}" == "0.00046"        # what the page prints
    assert shown_number(1.23e-5) == "0.0000123" and shown_number(-2.2e-16) == 0


def test_format_table_is_a_display_copy():
    from ecosystem.views.formatting import format_table

    raw = pd.DataFrame({"actor_id": ["a", "b"], "actor_type": ["un_multilateral", "ngo"],
                        "pagerank": [0.0004603, 0.1], "betweenness": [2.21e6, 0.0],
                        "largest_initiative_share": [0.5, 0.0778], "is_cut_vertex": [True, False],
                        "top_actor_types": ["government (×4.4); un_multilateral (×2.1)", ""],
                        "explanation": ["HHI 1.000 (normalised 0.13769); 95.0% led", ""]})
    before = raw.copy()
    shown = format_table(raw)
    pd.testing.assert_frame_equal(raw, before)                 # the raw table is untouched
    assert list(shown.columns) == ["actor id", "actor type", "PageRank", "betweenness",
                                   "largest initiative share", "cut vertex", "top actor types",
                                   "explanation"]
    row = shown.iloc[0].tolist()
    assert row == ["a", "UN & multilateral", 0.00046, 2210000, "50%", "yes",
                   "Government (×4.4); UN & multilateral (×2.1)",
                   "HHI 1 (normalised 0.138); 95% led"]
    assert shown.iloc[1]["largest initiative share"] == "7.78%"


def test_format_table_reads_a_one_word_code_by_its_column():
    """"unknown" in a column of actor types is the type; beside "north" and "south" it is
    an unknown country, and the North–South table printed it as "Type unknown"."""
    from ecosystem.views.formatting import format_table

    shown = format_table(pd.DataFrame({"aspect": ["lead"] * 3, "value": ["north", "unknown", "other"],
                                       "group": ["unknown", "ngo", "civil_society"]}))
    assert shown["value"].tolist() == ["north", "unknown", "other"]
    assert shown["group"].tolist() == ["Type unknown", "NGO", "Civil society"]


def test_community_and_id_labels():
    from ecosystem.views.labels import community_label, community_name, id_label

    assert community_label(6, "14.3 · un_multilateral") == "Community 6: SDG 14.3 · UN & multilateral"
    assert community_name("mixed") == "" and community_label(2, "mixed") == "Community 2"
    assert community_name("Water Sanitation & Hygiene · Gao") == "Water Sanitation & Hygiene · Gao"
    names = {"unep": "UNEP", "xi-bridge-4135378183": "XI-BRIDGE-4135378183"}
    assert id_label("unep", names) == "UNEP"
    assert id_label("xi-bridge-4135378183", names) == "unnamed organisation (XI-BRIDGE-4135378183)"
