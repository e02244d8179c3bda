"""The look shared by every figure: a colour-blind-safe palette and one plotly template.

Palette: Okabe & Ito (2008), "Color Universal Design", eight colours that
stay distinct for the common colour-vision deficiencies. Actor types get fixed
colours so a type looks the same in every figure of a report.
"""
from __future__ import annotations

import html
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

__all__ = [
    "ACTOR_TYPE_COLOURS",
    "GREY",
    "OKABE_ITO",
    "TEMPLATE_NAME",
    "colour_for",
    "empty_figure",
    "figure",
    "plotly_text",
]

#: The Okabe–Ito palette.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
             "#000000"]
#: Colour of context (non-highlighted) marks.
GREY = "#9a9a9a"

#: Fixed colour of each actor type (model.ACTOR_TYPES).
ACTOR_TYPE_COLOURS = {
    "government": "#0072B2",
    "local_government": "#56B4E9",
    "un_multilateral": "#009E73",
    "intergovernmental": "#7fc9b0",
    "ngo": "#E69F00",
    "civil_society": "#F0E442",
    "private_sector": "#D55E00",
    "academic": "#CC79A7",
    "scientific": "#e3b3d1",
    "philanthropic": "#000000",
    "partnership": "#6b4c9a",
    "other": "#b0b0b0",
    "unknown": "#d9d9d9",
}

#: Name of the plotly template registered by this module.
TEMPLATE_NAME = "ecosystem"

pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=go.Layout(
        font=dict(family="Segoe UI, Helvetica, Arial, sans-serif", size=13, color="#222"),
        title=dict(x=0.0, xanchor="left", font=dict(size=16)),
        colorway=OKABE_ITO,
        plot_bgcolor="white",
        paper_bgcolor="white",
        xaxis=dict(gridcolor="#e8e8e8", zerolinecolor="#cccccc", automargin=True),
        yaxis=dict(gridcolor="#e8e8e8", zerolinecolor="#cccccc", automargin=True),
        margin=dict(l=60, r=30, t=70, b=50),
        hoverlabel=dict(bgcolor="white"),
        legend=dict(bgcolor="rgba(255,255,255,0.8)"),
    )
)


def colour_for(group: str, i: int = 0) -> str:
    """Colour of an actor type, or the i-th palette colour for other groups.

    Examples
    --------
    >>> colour_for("government"), colour_for("north-south", 2)
    ('#0072B2', '#009E73')
    """
    return ACTOR_TYPE_COLOURS.get(group, OKABE_ITO[i % len(OKABE_ITO)])


def plotly_text(value: object) -> str:
    """Registry text made safe for a plotly label: ``&``, ``<`` and ``>`` escaped.

    Quotes are left as they are: plotly draws ``&quot;`` literally.

    Examples
    --------
    >>> plotly_text('"Sea & Sky" <b>')
    '"Sea &amp; Sky" &lt;b&gt;'
    """
    return html.escape(str(value), quote=False)


def figure(title: str, **layout: Any) -> go.Figure:
    """An empty figure in the project template with a title that states the finding.

    Examples
    --------
    >>> fig = figure("Five actors lead half of the initiatives", height=300)
    >>> fig.layout.title.text, fig.layout.height
    ('Five actors lead half of the initiatives', 300)
    """
    fig = go.Figure()
    fig.update_layout(template=TEMPLATE_NAME, title=title, **layout)
    return fig


def empty_figure(title: str, message: str) -> go.Figure:
    """A figure that says why there is nothing to draw (instead of an empty plot).

    Examples
    --------
    >>> empty_figure("Flows", "This registry has no flows.").layout.annotations[0].text
    'This registry has no flows.'
    """
    fig = figure(title)
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper",
                       yref="paper", font=dict(size=14, color="#555"))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig
