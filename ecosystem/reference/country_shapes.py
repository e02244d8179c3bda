"""Country outlines for maps: Natural Earth 1:110m admin-0, public domain, shipped in ``data/``.

``data/country_shapes.geojson`` holds one GeoJSON Feature per country, ``id`` its ISO3
code, simplified to about 0.1 degree; ``data/country_points.csv`` the capital of 29 small
countries that have no outline at that scale (Natural Earth populated places; see
``data/country_shapes.PROVENANCE.md``). Maps draw with these, so they need no tiles, CDN or
topojson download.

Examples
--------
>>> shapes = country_shapes()
>>> shapes["type"], len(shapes["features"]) >= 170
('FeatureCollection', True)
>>> "KEN" in shape_ids(), "TUV" in shape_ids()     # Tuvalu is too small for 1:110m
(True, False)
>>> "TUV" in country_points()                       # so it is drawn as a dot at its capital
True
"""
from __future__ import annotations

import copy
import csv
import functools
import json

from ecosystem.reference.datapaths import REFERENCE_DIR

__all__ = ["POINTS_FILE", "SHAPES_FILE", "country_bounds", "country_points", "country_shapes",
           "shape_ids"]

#: The shipped shapes.
SHAPES_FILE = REFERENCE_DIR / "country_shapes.geojson"
#: Capitals of small countries that have no shape at this scale (drawn as dots).
POINTS_FILE = REFERENCE_DIR / "country_points.csv"


@functools.cache
def _shapes() -> dict:
    return json.loads(SHAPES_FILE.read_text(encoding="utf-8"))


def country_shapes(ids: frozenset[str] | set[str] | None = None) -> dict:
    """The shapes as a GeoJSON FeatureCollection (a copy), all or only those in ``ids``.

    Examples
    --------
    >>> [f["id"] for f in country_shapes({"FJI", "KEN", "XXX"})["features"]]
    ['FJI', 'KEN']
    """
    feats = _shapes()["features"]
    if ids is not None:
        feats = [f for f in feats if f["id"] in ids]
    return {"type": "FeatureCollection", "features": copy.deepcopy(feats)}


@functools.cache
def shape_ids() -> frozenset[str]:
    """ISO3 codes that have a shape."""
    return frozenset(f["id"] for f in _shapes()["features"])


@functools.cache
def _country_points() -> dict[str, tuple[float, float]]:
    with open(POINTS_FILE, encoding="utf-8", newline="") as fh:
        return {row["iso3"]: (float(row["lon"]), float(row["lat"])) for row in csv.DictReader(fh)}


def country_points() -> dict[str, tuple[float, float]]:
    """ISO3 → (lon, lat) of the capital, for small countries that have no shape.

    Examples
    --------
    >>> country_points()["TUV"]
    (179.22, -8.52)
    >>> set(country_points()) & shape_ids()
    set()
    """
    return dict(_country_points())


def _points(coords: list) -> list:
    if coords and isinstance(coords[0], (int, float)):
        return [coords]
    return [p for c in coords for p in _points(c)]


def country_bounds(ids: set[str] | frozenset[str]) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of the shapes of ``ids``, in degrees; None when none has one.

    Examples
    --------
    >>> w, s, e, n = country_bounds({"SEN", "MLI"})
    >>> -18 < w < -17, 4 < e < 5, 10 < s < 13, 24 < n < 26
    (True, True, True, True)
    """
    pts = [p for f in _shapes()["features"] if f["id"] in ids
           for p in _points(f["geometry"]["coordinates"])]
    if not pts:
        return None
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)
