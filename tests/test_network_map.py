"""Network and stakeholder maps that read at a glance: few names, never overlapping, short names,
human legends, every edge drawn once, the map as wide as the page."""
from __future__ import annotations

import base64
import itertools
import random

import igraph as ig
import numpy as np
import pandas as pd
import pytest

from ecosystem import views
from ecosystem.views.layout import label_box, place_labels
from ecosystem.views.network import ASPECT, edge_trails


def _array(v) -> np.ndarray:
    """A plotly array (list or typed {"dtype", "bdata"}) as numpy."""
    if isinstance(v, dict):
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"]))
    return np.asarray(v, dtype=float)


def _pixel_boxes(fig, x_ppu: float, y_ppu: float, names=("actor-label",)) -> list[tuple]:
    """Pixel boxes (x0, y0, x1, y1; y up) of the label annotations at the given scales, computed
    here from each annotation's anchor, shift and text (not with the placement code's offsets)."""
    boxes = []
    for a in fig.layout.annotations:
        if a.name not in names:
            continue
        w, h = label_box(a.text, a.font.size)
        x = float(a.x) * x_ppu + (a.xshift or 0)
        y = float(a.y) * y_ppu + (a.yshift or 0)
        x0 = {"left": x, "center": x - w / 2, "right": x - w}[a.xanchor]
        y0 = {"bottom": y, "middle": y - h / 2, "top": y - h}[a.yanchor]
        boxes.append((x0, y0, x0 + w, y0 + h, a.text))
    return boxes


def _overlaps(boxes) -> list[tuple[str, str]]:
    return [(a[4], b[4]) for a, b in itertools.combinations(boxes, 2)
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]


def _dense_graph(n: int = 60, seed: int = 3):
    """A graph whose biggest actors sit close together in the middle, like a real hub core."""
    rng = np.random.default_rng(seed)
    state = random.getstate()   # igraph draws from Python's random: the same graph every run
    random.seed(seed)
    g = ig.Graph.Barabasi(n, 3, directed=False)
    random.setstate(state)
    g.vs["name"] = [f"a{i}" for i in range(n)]
    deg = np.asarray(g.degree(), dtype=float)
    r = 1.0 / (1.0 + deg)                        # hubs near the centre
    t = rng.uniform(0, 2 * np.pi, n)
    pos = pd.DataFrame({"x": r * np.cos(t), "y": r * np.sin(t)})
    nodes = pd.DataFrame({
        "actor_id": g.vs["name"], "initiatives": deg.astype(int),
        "name": [f"Short {i}" if i % 3 else f"Organisation number {i} of the sea"
                 for i in range(n)],
        "official_name": [f"The Official Organisation Number {i}" for i in range(n)],
        "actor_type": [("un_multilateral", "civil_society", "government")[i % 3]
                       for i in range(n)],
        "pagerank": deg / deg.sum() / 1000, "country": "KEN"})
    return g, nodes, pos


def test_place_labels_boxes_never_overlap_at_any_scale_in_the_range():
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=80), rng.normal(size=80)
    texts = [f"label {'x' * int(k)}" for k in rng.integers(1, 15, 80)]
    placed = place_labels(x, y, texts, n=25, x_pixels=(40, 200), y_pixels=(60, 90), font_size=11)
    assert 3 <= len(placed) <= 25
    offsets = {"top": lambda w, h: (0, 2 + h / 2), "bottom": lambda w, h: (0, -2 - h / 2),
               "right": lambda w, h: (2 + w / 2, 0), "left": lambda w, h: (-2 - w / 2, 0)}
    for sx, sy in itertools.product((40, 77, 120, 200), (60, 75, 90)):
        boxes = []
        for i, place in placed:
            w, h = label_box(texts[i], 11)
            ox, oy = offsets[place](w, h)
            cx, cy = x[i] * sx + ox, y[i] * sy + oy
            boxes.append((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, texts[i]))
        assert _overlaps(boxes) == [], (sx, sy)


def test_place_labels_tries_the_most_important_first():
    # Three points on one spot: only the first gets each free side, in order.
    x = np.zeros(3)
    placed = place_labels(x, x, ["first", "second", "third"], n=3, x_pixels=(10, 10),
                          y_pixels=(10, 10))
    assert placed[0] == (0, "top")
    assert [i for i, _ in placed] == sorted(i for i, _ in placed)


def test_network_map_names_only_the_largest_actors_by_display_name_without_overlap():
    g, nodes, pos = _dense_graph(150)
    fig = views.network_map(g, nodes, positions=pos, top_labels=10)
    labels = [a for a in fig.layout.annotations if a.name == "actor-label"]
    assert 3 <= len(labels) <= 10
    display = dict(zip(nodes["name"], nodes["initiatives"]))
    shown = [a.text.rstrip("…") for a in labels]
    # display names (short forms), never the official names nor ids
    assert all(any(n.startswith(s) for n in display) for s in shown)
    assert not any(t.startswith(("The Official", "a")) for t in shown)
    # the largest actor is always named; every named actor is among the 6×10 largest
    biggest = nodes.loc[nodes["initiatives"].idxmax(), "name"]
    assert biggest.startswith(shown[0])
    top60 = list(nodes.sort_values("initiatives", ascending=False, kind="stable")["name"][:60])
    assert all(any(n.startswith(s) for n in top60) for s in shown)
    # no two label boxes overlap, from a printed page to a wide screen
    x_range, y_range = fig.layout.xaxis.range, fig.layout.yaxis.range
    for width, height in itertools.product((620, 900, 1064, 1600), (530, 580)):
        sx, sy = width / (x_range[1] - x_range[0]), height / (y_range[1] - y_range[0])
        boxes = _pixel_boxes(fig, sx, sy)
        assert _overlaps(boxes) == [], (width, height)
        # and every name stays inside the plot, even on the narrowest page
        assert all(x_range[0] * sx <= b[0] and b[2] <= x_range[1] * sx
                   and y_range[0] * sy <= b[1] and b[3] <= y_range[1] * sy for b in boxes)


def test_network_map_fills_the_width_and_keeps_edges_faint():
    g, nodes, pos = _dense_graph()
    fig = views.network_map(g, nodes, positions=pos)
    markers = [t for t in fig.data if t.mode == "markers"]
    xs = np.concatenate([_array(t.to_plotly_json()["x"]) for t in markers])
    ys = np.concatenate([_array(t.to_plotly_json()["y"]) for t in markers])
    assert np.ptp(xs) == pytest.approx(ASPECT, rel=1e-4)
    assert np.ptp(ys) == pytest.approx(1.0, rel=1e-4)
    assert fig.layout.yaxis.scaleanchor is None          # not squeezed to a square
    edge = fig.data[0]
    assert edge.mode == "lines" and edge.line.width <= 0.6
    assert float(edge.line.color.split(",")[-1].rstrip(")")) <= 0.15


def test_edges_are_drawn_once_each_as_trails():
    g, nodes, pos = _dense_graph(40)
    fig = views.network_map(g, nodes, positions=pos)
    d = fig.data[0].to_plotly_json()
    ex, ey = _array(d["x"]).astype(float), _array(d["y"]).astype(float)
    markers = [t.to_plotly_json() for t in fig.data if t.mode == "markers"]
    where = {}
    for t in markers:
        for aid, x, y in zip(t["customdata"], _array(t["x"]), _array(t["y"])):
            where[(float(x), float(y))] = aid
    segments = []
    for a, b in zip(range(len(ex) - 1), range(1, len(ex))):
        if np.isnan(ex[a]) or np.isnan(ex[b]):
            continue
        segments.append(frozenset((where[(ex[a], ey[a])], where[(ex[b], ey[b])])))
    expected = [frozenset((g.vs[e.source]["name"], g.vs[e.target]["name"])) for e in g.es]
    assert sorted(map(sorted, segments)) == sorted(map(sorted, expected))
    assert len(ex) < 2 * g.ecount()                      # far fewer points than 3 per edge


def test_edge_trails_cover_every_edge_once():
    edges = np.array(ig.Graph.Erdos_Renyi(200, m=900).get_edgelist())
    trails = edge_trails(edges)
    walked = sorted(tuple(sorted(p)) for t in trails for p in zip(t, t[1:]))
    assert walked == sorted(tuple(sorted(p)) for p in edges.tolist())


def test_heaviest_edges_kept_and_the_cut_said():
    g = ig.Graph.Full(6)
    g.vs["name"] = list("abcdef")
    g.es["weight"] = list(range(g.ecount()))
    fig = views.network_map(g, pd.DataFrame({"actor_id": list("abcdef"),
                                             "initiatives": [1, 2, 3, 4, 5, 6]}), max_edges=5)
    assert "Showing the 5 heaviest of 15 ties." in [a.text for a in fig.layout.annotations]


def test_legend_names_actor_types_by_label_with_counts():
    g, nodes, pos = _dense_graph(30)
    fig = views.network_map(g, nodes, positions=pos)
    names = [t.name for t in fig.data if t.mode == "markers"]
    assert sorted(names) == ["Civil society (10)", "Government (10)", "UN & multilateral (10)"]
    assert not any("_" in n for n in names)


def test_community_colouring_keeps_the_largest_and_greys_the_rest():
    g, nodes, pos = _dense_graph(60)
    sizes = [20, 12, 9, 5, 4, 3, 3, 2, 1, 1]      # 10 communities, 60 actors
    comm = np.repeat(np.arange(10), sizes)
    nodes = nodes.assign(community=comm, community_label=[
        "14.1 · government" if c == 0 else None for c in comm])
    fig = views.network_map(g, nodes, positions=pos, colour="community", max_groups=4)
    markers = [t for t in fig.data if t.mode == "markers"]
    names = [t.name for t in markers]
    assert names[0] == "Other communities (6, 14 actors)" and markers[0].marker.color == "#9a9a9a"
    assert names[1:] == ["Community 0: SDG 14.1 · Government (20)", "Community 1 (12)",
                         "Community 2 (9)", "Community 3 (5)"]
    assert len({t.marker.color for t in markers}) == 5


def test_hover_card_has_official_name_and_human_numbers():
    g, nodes, pos = _dense_graph(30)
    fig = views.network_map(g, nodes, positions=pos)
    cards = [c for t in fig.data if t.mode == "markers" for c in t.text]
    card = next(c for c in cards if "Short 1<" in c)
    assert "The Official Organisation Number 1" in card
    assert "Type: Civil society" in card and "Country: Kenya" in card
    assert not any("e-0" in c or "civil_society" in c for c in cards)


def test_highlight_rings_the_actor_where_it_is_drawn():
    g, nodes, pos = _dense_graph(30)
    fig = views.network_map(g, nodes, positions=pos, highlight="a7")
    ring = fig.data[-1]
    assert ring.name == "chosen actor"
    for t in fig.data:
        if t.mode == "markers" and t is not ring and "a7" in list(t.customdata):
            k = list(t.customdata).index("a7")
            assert float(ring.x[0]) == pytest.approx(float(t.x[k]), abs=1e-6)
            assert float(ring.y[0]) == pytest.approx(float(t.y[k]), abs=1e-6)
            break
    else:
        raise AssertionError("a7 is not drawn")


def test_stakeholder_labels_do_not_overlap_each_other_or_the_quadrant_names():
    rng = np.random.default_rng(5)
    n = 200
    df = pd.DataFrame({"name": [f"Actor {i}" + (" with a long name" if i % 4 == 0 else "")
                                for i in range(n)],
                       "pagerank": rng.lognormal(-8, 1, n),
                       "interest": np.where(rng.random(n) < 0.5, 1.0, rng.random(n).round(1)),
                       "actor_type": rng.choice(["ngo", "government", "academic"], n)})
    fig = views.stakeholder_map(df, goal=14)
    labels = [a for a in fig.layout.annotations if a.name == "actor-label"]
    assert 3 <= len(labels) <= 12
    top = set(df.nlargest(72, "pagerank")["name"].str[:27])
    assert all(a.text.rstrip("…").rstrip() in top or a.text in top for a in labels)
    xr, yr = fig.layout.xaxis.range, fig.layout.yaxis.range
    for width, height in itertools.product((480, 800, 1400), (390, 445)):
        boxes = _pixel_boxes(fig, width / (xr[1] - xr[0]), height / (yr[1] - yr[0]))
        assert _overlaps(boxes) == [], (width, height)
    assert {t.name.split(" (")[0] for t in fig.data} == {"NGO", "Government", "Academic"}
