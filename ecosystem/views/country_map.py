"""Country map: a choropleth of counts per country (initiatives, actors), drawn offline.

The outlines are Natural Earth's 1:110m countries shipped with the project
(:mod:`ecosystem.reference.country_shapes`), passed to plotly as ``geojson`` and
matched on their ISO3 ``id``; the map's own base layers (coastlines, land,
ocean), which plotly.js would fetch as topojson from a CDN, are switched off, so
the map makes no network request. Counts are coloured on a log scale (a
country with 500 initiatives does not wash out those with 5); countries with
none are light grey. Small countries with no outline at this scale (most small island
states) are dots at their capitals, on the same colour scale. Buttons switch between the
counted quantities.
"""
from __future__ import annotations

import html
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ecosystem.reference.countries import country_name
from ecosystem.reference.country_shapes import (
    country_bounds,
    country_points,
    country_shapes,
    shape_ids,
)
from ecosystem.views.formatting import count
from ecosystem.views.template import empty_figure, figure

__all__ = ["BLUES", "NONE_COLOUR", "country_map"]

#: Sequential colours (light to dark) for counts of one and more.
BLUES = ["#deebf7", "#9ecae1", "#4292c6", "#2171b5", "#08306b"]
#: Fill of countries with a count of zero.
NONE_COLOUR = "#ececec"


def _scale(values: np.ndarray) -> dict:
    """z (log10, zero below the scale), the colour scale and the colour bar's ticks."""
    top = max(float(values.max()) if len(values) else 1.0, 1.0)
    zmax = max(math.log10(top), 0.3)
    zmin = round(-0.12 * zmax - 0.05, 4)
    z = np.where(values > 0, np.log10(np.maximum(values, 1)), zmin)
    cut = (0 - zmin) / (zmax - zmin) * 0.999
    scale = [[0.0, NONE_COLOUR], [cut, NONE_COLOUR]]
    scale += [[cut + (1 - cut) * k / (len(BLUES) - 1), c] for k, c in enumerate(BLUES)]
    scale[2][0] = cut + 1e-6
    ticks = [v for v in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)
             if v <= top]
    return {"z": np.round(z, 4).tolist(), "zmin": zmin, "zmax": zmax, "colorscale": scale,
            "tickvals": [zmin / 2] + [math.log10(v) for v in ticks],
            "ticktext": ["0"] + [count(v) for v in ticks]}


def _window(ids: set[str]) -> dict:
    """Longitude and latitude ranges around ``ids`` (the world when they span most of it)."""
    b = country_bounds(ids)
    if b is None or b[2] - b[0] > 150:
        return dict(lonaxis_range=[-170, 190], lataxis_range=[-58, 85])
    w, s, e, n = b
    pad_y = max(4.0, 0.15 * (n - s))
    lat = [max(s - pad_y, -85), min(n + pad_y, 85)]
    # As wide as about twice the height, like the plot area, so the map fills the width.
    half = max((e - w) / 2 + max(4.0, 0.15 * (e - w)), lat[1] - lat[0])
    mid = (w + e) / 2
    return dict(lonaxis_range=[mid - half, mid + half], lataxis_range=lat)


def country_map(df: pd.DataFrame, *, values: Sequence[str] = ("initiatives", "actors"),
                labels: Sequence[str] | None = None, country: str = "country",
                title: str | None = None, height: int = 540) -> go.Figure:
    """Choropleth of ``values`` per country (ISO3 in ``country``), the first shown.

    Parameters
    ----------
    df : DataFrame
        One row per country: ``country`` (ISO3) and a count column per entry of ``values``.
    values : sequence of str
        Count columns; with more than one, buttons above the map switch between them.
    labels : sequence of str, optional
        What each column counts, for buttons, hover cards and the colour bar
        (default: the column names, capitalised).

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"country": ["KEN", "FJI", "TUV"], "initiatives": [40, 3, 1],
    ...                        "actors": [12, 0, 2]})
    >>> fig = country_map(counts)
    >>> trace = fig.data[0]
    >>> trace.type, trace.featureidkey, "KEN" in trace.locations, "TUV" in trace.locations
    ('choropleth', 'id', True, False)
    >>> fig.data[1].type, list(fig.data[1].text)       # Tuvalu: a dot at Funafuti
    ('scattergeo', ['<b>Tuvalu</b><br>Initiatives: 1<br>Actors: 2'])
    >>> [b.label for b in fig.layout.updatemenus[0].buttons]
    ['Initiatives', 'Actors']
    >>> fig.layout.geo.showland, fig.layout.geo.showcoastlines
    (False, False)
    """
    labels = list(labels or [v.replace("_", " ").capitalize() for v in values])
    if df.empty or not len(values):
        return empty_figure(title or "Country map", "No country recorded.")
    counts = (df.dropna(subset=[country]).groupby(country)[list(values)].sum()
              .astype(float))
    counted = set(counts.index[(counts > 0).any(axis=1)])
    points = country_points()
    drawn = sorted(shape_ids())
    dots = sorted(counted & set(points))
    places = drawn + dots
    table = counts.reindex(places).fillna(0.0)
    text = []
    for iso, (_, row) in zip(places, table.iterrows()):
        parts = [f"<b>{html.escape(country_name(iso) or iso)}</b>"]
        parts += [f"{html.escape(lab)}: {count(row[v])}" for v, lab in zip(values, labels)]
        text.append("<br>".join(parts))
    scales = [_scale(table[v].to_numpy()) for v in values]
    first, n = scales[0], len(drawn)
    fig = figure(title or f"{labels[0]} per country", height=height)
    fig.add_trace(go.Choropleth(
        geojson=country_shapes(), featureidkey="id", locations=drawn, locationmode="geojson-id",
        z=first["z"][:n], zmin=first["zmin"], zmax=first["zmax"], colorscale=first["colorscale"],
        text=text[:n], hovertemplate="%{text}<extra></extra>",
        marker_line=dict(color="white", width=0.5),
        colorbar=dict(title=dict(text=labels[0]), tickvals=first["tickvals"],
                      ticktext=first["ticktext"], len=0.7, thickness=14)))
    if dots:   # small countries: a dot at the capital, on the same colour scale
        fig.add_trace(go.Scattergeo(
            lon=[points[c][0] for c in dots], lat=[points[c][1] for c in dots], mode="markers",
            name="small countries", showlegend=False, text=text[n:],
            hovertemplate="%{text}<extra></extra>",
            marker=dict(color=first["z"][n:], cmin=first["zmin"], cmax=first["zmax"],
                        colorscale=first["colorscale"], size=8,
                        line=dict(color="#333", width=0.6))))
    if len(values) > 1:
        buttons = [dict(label=lab, method="update",
                        args=[{"z": [sc["z"][:n], None], "zmin": [sc["zmin"], None],
                               "zmax": [sc["zmax"], None], "colorscale": [sc["colorscale"], None],
                               "colorbar.tickvals": [sc["tickvals"], None],
                               "colorbar.ticktext": [sc["ticktext"], None],
                               "colorbar.title.text": [lab, None],
                               "marker.color": [None, sc["z"][n:]],
                               "marker.cmin": [None, sc["zmin"]],
                               "marker.cmax": [None, sc["zmax"]],
                               "marker.colorscale": [None, sc["colorscale"]]},
                              {"title.text": f"{lab} per country"}, [0, 1] if dots else [0]])
                   for lab, sc in zip(labels, scales)]
        if not dots:
            for b in buttons:
                b["args"][0] = {k: v[:1] for k, v in b["args"][0].items()
                                if not k.startswith("marker.")}
        fig.update_layout(updatemenus=[dict(type="buttons", direction="right", x=0, y=1.01,
                                            xanchor="left", yanchor="bottom", buttons=buttons,
                                            showactive=True, active=0, pad=dict(b=4))])
    fig.update_geos(showcoastlines=False, showland=False, showocean=False, showlakes=False,
                    showrivers=False, showcountries=False, showframe=False, showsubunits=False,
                    bgcolor="white", projection_type="natural earth", **_window(
                        counted & set(drawn)))
    missing = sorted(counted - set(drawn) - set(points))
    if missing:
        shown = ", ".join(country_name(c) or c for c in missing[:4])
        fig.add_annotation(
            text=(("1 small country drawn as a dot at its capital; " if len(dots) == 1 else
                   f"{count(len(dots))} small countries drawn as dots at their capitals; ")
                  if dots else "")
                 + f"{count(len(missing))} of the {count(len(counted))} countries counted "
                 f"{'has' if len(missing) == 1 else 'have'} no outline or point at this scale "
                 f"({html.escape(shown)}{', …' if len(missing) > 4 else ''}): see the table.",
            showarrow=False, x=0, y=0, xref="paper", yref="paper", xanchor="left",
            yanchor="top", yshift=-4, font=dict(size=11, color="#666"))
    fig.update_layout(margin=dict(l=10, r=10, t=96, b=30),
                      title=dict(y=1.0, yref="container", yanchor="top", pad=dict(t=12)))
    return fig
