"""Ranked bars (hubs, brokers) and Gould–Fernandez roles stacked by actor."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from ecosystem.views.formatting import number
from ecosystem.views.labels import column_label, label_codes
from ecosystem.views.template import colour_for, empty_figure, figure, plotly_text

__all__ = ["ROLE_COLUMNS", "brokerage_roles", "ranked_bars"]

#: Gould–Fernandez role columns of :func:`ecosystem.measures.network.brokers.brokers`; on an
#: undirected graph representative and gatekeeper are one role, "representative/gatekeeper"
#: (:func:`ecosystem.measures.network.brokerage_roles.undirected_roles`).
ROLE_COLUMNS = ("coordinator", "itinerant", "representative", "gatekeeper",
                "representative/gatekeeper", "liaison")


def _labels(df: pd.DataFrame, label: str) -> list[str]:
    return [plotly_text(v) for v in df[label]]


def ranked_bars(df: pd.DataFrame, value: str, *, label: str = "name", colour: str = "actor_type",
                top: int = 20, title: str | None = None, value_title: str | None = None,
                hover: Sequence[str] = ("actor_type", "country")) -> go.Figure:
    """Horizontal bars of the ``top`` rows by ``value``, largest on top, coloured by group.

    Groups that are codes (actor types) are named by their labels; the hover
    writes the value with :func:`ecosystem.views.formatting.number`.

    Examples
    --------
    The two largest of three actors, one trace per actor type:

    >>> import pandas as pd
    >>> hubs = pd.DataFrame({"name": ["A", "B", "C"], "initiatives": [5, 9, 2],
    ...                      "actor_type": ["ngo", "government", "ngo"]})
    >>> fig = ranked_bars(hubs, "initiatives", top=2)
    >>> fig.layout.title.text, [(t.name, list(t.y)) for t in fig.data]
    ('Top 2 by initiatives', [('Government', ['B']), ('NGO', ['A'])])
    """
    if df.empty or value not in df:
        return empty_figure(title or value, "Nothing to rank with these filters.")
    d = df.nlargest(top, value).iloc[::-1]
    fig = figure(title or f"Top {len(d)} by {column_label(value)}",
                 height=max(320, 26 * len(d) + 120))
    groups = (d[colour].fillna("unknown").astype(str) if colour in d
              else pd.Series(["all"] * len(d)))
    for i, grp in enumerate(dict.fromkeys(groups[::-1])):
        sub = d[groups == grp]
        extra = [[number(r[value]),
                  " · ".join(plotly_text(label_codes(r[h])) for h in hover
                             if h in sub and pd.notna(r[h]))]
                 for _, r in sub.iterrows()]
        fig.add_trace(go.Bar(x=sub[value], y=_labels(sub, label), orientation="h",
                             name=label_codes(grp), marker_color=colour_for(grp, i),
                             customdata=extra,
                             hovertemplate="%{y}: %{customdata[0]}<br>%{customdata[1]}"
                                           "<extra></extra>"))
    fig.update_layout(barmode="overlay", legend_title_text=column_label(colour))
    fig.update_yaxes(categoryorder="array", categoryarray=_labels(d, label))
    fig.update_xaxes(title=value_title or column_label(value))
    return fig


def brokerage_roles(df: pd.DataFrame, *, label: str = "name",
                    roles: Sequence[str] = ROLE_COLUMNS, top: int = 20,
                    title: str | None = None) -> go.Figure:
    """Gould–Fernandez role counts stacked per actor, for the ``top`` brokers by total.

    A table of an undirected graph shows representative and gatekeeper as one
    role, ``representative/gatekeeper``; given both forms, the combined one is
    stacked and the two apart are not, so no brokered pair is drawn twice.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"name": ["A", "D"], "itinerant": [2, 2], "gatekeeper": [1, 0]})
    >>> [(t.name, t.x.tolist(), list(t.y)) for t in brokerage_roles(table).data]
    [('itinerant', [2, 2], ['D', 'A']), ('gatekeeper', [0, 1], ['D', 'A'])]
    >>> both = table.assign(representative=[1, 0], **{"representative/gatekeeper": [2, 0]})
    >>> [t.name for t in brokerage_roles(both).data]
    ['itinerant', 'representative/gatekeeper']
    """
    present = [r for r in roles if r in df]
    if ROLE_COLUMNS[4] in present:
        present = [r for r in present if r not in ROLE_COLUMNS[2:4]]
    if df.empty or not present:
        return empty_figure(title or "Brokerage roles", "No brokerage roles to show.")
    d = df.assign(_total=df[present].sum(axis=1)).nlargest(top, "_total").iloc[::-1]
    fig = figure(title or "Brokerage roles of the top brokers (Gould–Fernandez)",
                 height=max(320, 26 * len(d) + 120))
    for i, r in enumerate(present):
        fig.add_trace(go.Bar(x=d[r], y=_labels(d, label), orientation="h", name=r,
                             marker_color=colour_for(r, i)))
    fig.update_layout(barmode="stack", legend_title_text="role")
    fig.update_xaxes(title="brokered two-paths (count)")
    return fig
