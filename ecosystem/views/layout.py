"""Node positions for network maps (computed once with igraph and cached) and label places.

Force-directed layouts cost seconds on tens of thousands of nodes, so a
layout is cached in memory and, when ``cache_dir`` is given, on disk, keyed by
a hash of the graph's vertex names and edges. Engine: igraph's
Fruchterman–Reingold (Fruchterman & Reingold 1991), seeded; above 1,000
vertices with its grid approximation (repulsion only between nearby cells),
which on the Ocean projection (10,482 actors, 186,114 edges) is many times
faster than DrL.

Labels (:func:`place_labels`) are placed greedily, most important first, beside
their point (above, below, right or left), and a label is dropped when every
place would overlap a label already placed. Label boxes are estimated from the
text length and the font size, in pixels, for every plot size in a range: a
label kept does not overlap another however wide the page draws the figure
(within the range), because for two boxes with fixed pixel offsets the overlap
test is linear in the pixels-per-unit scale along each axis.
"""
from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import igraph as ig
import numpy as np
import pandas as pd

from ecosystem.graphs.edge_arrays import edge_array

__all__ = ["CHAR_WIDTH", "FR_LIMIT", "PLACES", "graph_key", "label_box", "layout_positions",
           "place_labels", "seeded_igraph"]

_MEMORY: dict[str, np.ndarray] = {}
#: Above this many vertices, Fruchterman–Reingold uses its grid approximation.
FR_LIMIT = 1000


def graph_key(g: ig.Graph) -> str:
    """A hash of the vertex names and the edge list.

    Examples
    --------
    >>> import igraph as ig
    >>> graph_key(ig.Graph([(0, 1)])) == graph_key(ig.Graph([(0, 1)]))
    True
    >>> graph_key(ig.Graph([(0, 1)])) == graph_key(ig.Graph([(1, 2)]))
    False
    """
    h = hashlib.sha1()
    h.update("\x1f".join(map(str, g.vs["name"])).encode() if "name" in g.vs.attributes() else b"")
    h.update(np.ascontiguousarray(edge_array(g), dtype=np.int64).tobytes())
    return h.hexdigest()


@contextmanager
def seeded_igraph(seed: int) -> Iterator[None]:
    """igraph's random numbers drawn from a generator seeded with ``seed`` inside the block.

    igraph's layouts draw from Python's global :mod:`random` unless told otherwise, so a
    layout given the same start positions still moves differently from run to run.

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph.Ring(6)
    >>> def xy():
    ...     with seeded_igraph(1):
    ...         return g.layout_fruchterman_reingold(seed=[[i, -i] for i in range(6)]).coords
    >>> xy() == xy()
    True
    """
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def layout_positions(g: ig.Graph, *, seed: int = 7, cache_dir: str | Path | None = None,
                     weight: str | None = "weight") -> pd.DataFrame:
    """x, y per vertex (DataFrame indexed like ``g.vs``, column ``name`` when present).

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph.Ring(4)
    >>> g.vs["name"] = ["a", "b", "c", "d"]
    >>> pos = layout_positions(g)
    >>> pos.shape, list(pos.columns)
    ((4, 3), ['name', 'x', 'y'])
    >>> layout_positions(g).equals(pos)          # the second call comes from the cache
    True
    """
    key = graph_key(g)
    xy = _MEMORY.get(key)
    path = Path(cache_dir) / f"layout-{key}.npy" if cache_dir else None
    if xy is None and path is not None and path.exists():
        xy = np.load(path)
    if xy is None:
        rng = np.random.default_rng(seed)
        # Start spread over a box of side √n, as igraph's own random start does: the grid
        # variant puts every node in one cell (quadratic time) if they all start close.
        half = max(g.vcount(), 1) ** 0.5 / 2
        seed_xy = rng.uniform(-half, half, size=(g.vcount(), 2)).tolist()
        w = None
        if weight and weight in g.es.attributes() and g.ecount():
            w = np.asarray(g.es[weight], dtype=float)
            w = (np.where(w > 0, w, w[w > 0].min() if (w > 0).any() else 1.0)).tolist()
        big = g.vcount() > FR_LIMIT
        with seeded_igraph(seed):
            lay = g.layout_fruchterman_reingold(weights=w, seed=seed_xy,
                                                niter=300 if big else 500, grid=big)
        xy = np.asarray(lay.coords, dtype=float).reshape(-1, 2)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.save(path, xy)
    _MEMORY[key] = xy
    out = pd.DataFrame({"x": xy[:, 0], "y": xy[:, 1]})
    if "name" in g.vs.attributes():
        out.insert(0, "name", g.vs["name"])
    return out


#: Width of a glyph the table below does not list, as a share of the font size (generous).
CHAR_WIDTH = 0.78
#: Advance widths (in thousandths of the font size) of Helvetica's glyphs, the metrics that
#: Arial and Liberation Sans share: the sans-serif a browser draws plotly's labels in.
_GLYPHS = {c: width for width, glyphs in (
    (222, "ijl"), (278, "ftI .,:;!/'"), (333, "r-()[]"), (500, "cksvxyzJ"),
    (556, "abdeghnopquL0123456789"), (611, "FTZ"), (667, "ABEKPSVXY&"), (722, "CDHNRUw"),
    (778, "GOQ"), (833, "Mm"), (944, "W"), (1000, "…")) for c in glyphs}
#: Share added to the summed widths: fonts a little wider than Helvetica, and rounding.
_SLACK = 1.05
#: Where a label may go around its point, in the order tried.
PLACES = ("top", "bottom", "right", "left")


def label_box(text: str, font_size: float, pad: float = 2.0) -> tuple[float, float]:
    """Estimated (width, height) in pixels of a one-line label with ``pad`` around it.

    The width sums each glyph's Helvetica advance (:data:`CHAR_WIDTH` of the size for one
    it does not list, an accented letter or a letter of another script) and adds 5%: "WWF"
    is wider than "IUCN" though shorter. An average width per letter had put "WWF" 7 pixels
    short and let it touch a neighbouring label.

    Examples
    --------
    >>> label_box("UNEP", 10), label_box("WWF", 10)[0] > label_box("IUCN", 10)[0]
    ((33.169, 17.0), True)
    """
    em = sum(_GLYPHS.get(c, CHAR_WIDTH * 1000) for c in text) / 1000
    return (round(em * font_size * _SLACK + 2 * pad, 6), round(font_size * 1.3 + 2 * pad, 6))


def _offset(place: str, w: float, h: float, r: float, gap: float) -> tuple[float, float]:
    """Centre of a label box relative to its point, in pixels (y up)."""
    return {"top": (0.0, r + gap + h / 2), "bottom": (0.0, -(r + gap + h / 2)),
            "right": (r + gap + w / 2, 0.0), "left": (-(r + gap + w / 2), 0.0)}[place]


def _can_overlap(d: float, o: float, lo: float, hi: float, half: float) -> bool:
    """Whether ``|d * s + o| < half`` for some scale ``s`` in ``[lo, hi]``."""
    a, b = d * lo + o, d * hi + o
    nearest = 0.0 if a * b <= 0 else min(abs(a), abs(b))
    return nearest < half


def _inside(x: float, y: float, ox: float, oy: float, w: float, h: float,
            frame: tuple[float, float, float, float], xlo: float, ylo: float) -> bool:
    """Whether a box stays inside ``frame`` at the smallest scales (the tightest case)."""
    x0, x1, y0, y1 = frame
    return ((x - x0) * xlo + ox - w / 2 >= 0 and (x1 - x) * xlo - ox - w / 2 >= 0
            and (y - y0) * ylo + oy - h / 2 >= 0 and (y1 - y) * ylo - oy - h / 2 >= 0)


def place_labels(x: np.ndarray, y: np.ndarray, texts: list[str], *, n: int,
                 x_pixels: tuple[float, float], y_pixels: tuple[float, float],
                 font_size: float = 11.0, radius: np.ndarray | float = 0.0,
                 gap: float = 2.0, places: tuple[str, ...] = PLACES,
                 taken: Sequence[tuple[float, float, float, float, float, float]] = (),
                 frame: tuple[float, float, float, float] | None = None,
                 ) -> list[tuple[int, str]]:
    """Up to ``n`` (row, place) pairs, rows in the given order, whose label boxes never overlap.

    Parameters
    ----------
    x, y : arrays
        Points in data units, most important first (the order labels are tried).
    texts : list of str
        The label of each point.
    n : int
        Most labels placed.
    x_pixels, y_pixels : (low, high)
        Range of pixels per data unit along each axis over which no two labels may overlap
        (from the narrowest to the widest plot the figure may be drawn in).
    font_size : float
        In pixels.
    radius : float or array
        Marker radius in pixels: a label starts ``gap`` pixels beyond it.
    places : tuple of str
        Places tried, among ``top``, ``bottom``, ``right``, ``left``.
    taken : sequence of (x, y, dx, dy, width, height)
        Boxes already on the plot (e.g. quadrant names): a point in data units, the offset
        of the box's centre from it and the box's size, in pixels.
    frame : (x0, x1, y0, y1), optional
        The plot's axis ranges, in data units: a label must fit inside at every scale.

    Examples
    --------
    Two points one unit apart at 10 to 20 pixels per unit: above its point, "B"'s label would
    run into "A"'s, so it goes below; "C", almost on top of "A", finds no free place.

    >>> import numpy as np
    >>> place_labels(np.array([0.0, 1.0, 0.0]), np.array([0.0, 0.0, 0.1]), ["AAAA", "B", "C"],
    ...              n=3, x_pixels=(10, 20), y_pixels=(10, 20), font_size=10)
    [(0, 'top'), (1, 'bottom')]
    """
    xlo, xhi = x_pixels
    ylo, yhi = y_pixels
    r = np.broadcast_to(np.asarray(radius, dtype=float), (len(x),))
    px, py = [float(v) for v in x], [float(v) for v in y]
    placed = [(len(px) + k, float(dx), float(dy), float(w), float(h))    # row, ox, oy, w, h
              for k, (_, _, dx, dy, w, h) in enumerate(taken)]
    px += [float(t[0]) for t in taken]
    py += [float(t[1]) for t in taken]
    out: list[tuple[int, str]] = []
    for i in range(len(x)):
        if len(out) >= n:
            break
        w, h = label_box(texts[i], font_size)
        for place in places:
            ox, oy = _offset(place, w, h, float(r[i]), gap)
            if frame is not None and not _inside(px[i], py[i], ox, oy, w, h, frame, xlo, ylo):
                continue
            clash = any(
                _can_overlap(px[i] - px[j], ox - pox, xlo, xhi, (w + pw) / 2)
                and _can_overlap(py[i] - py[j], oy - poy, ylo, yhi, (h + ph) / 2)
                for j, pox, poy, pw, ph in placed)
            if not clash:
                placed.append((i, ox, oy, w, h))
                out.append((i, place))
                break
    return out
