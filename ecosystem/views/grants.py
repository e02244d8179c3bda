"""Grants: the largest recipients, grants per award year, the spread of grant sizes.

Each function takes a table of :mod:`ecosystem.measures.power.grants` in one
currency and returns a plotly Figure, or None when the table has nothing to
draw (no row with an amount, no dated grant): a report section then leaves the
figure out rather than showing an empty plot.
"""
from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ecosystem.views.formatting import number
from ecosystem.views.template import GREY, OKABE_ITO, figure, plotly_text

__all__ = ["amount_distribution", "grants_per_period_bars", "money", "top_recipients_bar"]


def money(amount: float, currency: str | None = None) -> str:
    """An amount written short: ``GBP 8.05 million``, ``GBP 402,500``, ``950``.

    Millions and billions keep three significant figures
    (:func:`ecosystem.views.formatting.number`).

    Examples
    --------
    >>> money(8053545.4, "GBP"), money(402500, "GBP"), money(263.55), money(1.2e9, "USD")
    ('GBP 8.05 million', 'GBP 402,500', '264', 'USD 1.2 billion')
    >>> money(15313450.0, "GBP")
    'GBP 15.3 million'
    """
    unit = f"{currency} " if currency else ""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(amount) >= size:
            return f"{unit}{number(amount / size)} {word}"
    return f"{unit}{amount:,.0f}"


def _in(currency: str | None) -> str:
    return f" ({currency})" if currency else " (no stated currency)"


def top_recipients_bar(recipients: pd.DataFrame, *, currency: str | None = None, top: int = 20,
                       title: str | None = None) -> go.Figure | None:
    """Horizontal bars of the ``top`` recipients by amount received, largest on top.

    Parameters
    ----------
    recipients : DataFrame
        :func:`ecosystem.measures.power.grants.recipient_summary` rows of one
        currency (``recipient``, ``total``, ``grants``, ``share_of_total``).

    Examples
    --------
    >>> import pandas as pd
    >>> rs = pd.DataFrame({"recipient": ["A", "B", "C"], "total": [10.0, 30.0, None],
    ...                    "grants": [1, 2, 1], "share_of_total": [0.25, 0.75, None]})
    >>> fig = top_recipients_bar(rs, currency="GBP")
    >>> list(fig.data[0].y), list(fig.data[0].x), fig.layout.xaxis.title.text
    (['A', 'B'], [10.0, 30.0], 'amount received (GBP)')
    >>> top_recipients_bar(rs.iloc[2:]) is None
    True
    """
    d = recipients[pd.to_numeric(recipients["total"], errors="coerce").fillna(0) > 0]
    if d.empty:
        return None
    d = d.nlargest(top, "total").iloc[::-1]
    labels = [plotly_text(n) for n in d["recipient"]]
    seen: dict[str, int] = {}
    for i, n in enumerate(labels):  # two recipients of one name keep two bars
        seen[n] = seen.get(n, 0) + 1
        labels[i] = n if seen[n] == 1 else f"{n} ({seen[n]})"
    share = d["share_of_total"] if "share_of_total" in d else pd.Series(np.nan, index=d.index)
    hover = [f"{int(g):,} grant{'s' if g != 1 else ''}"
             + (f" · {s:.1%} of the total" if pd.notna(s) else "")
             for g, s in zip(d["grants"], share)]
    fig = figure(title or f"The {len(d)} recipients receiving the most{_in(currency)}",
                 height=max(320, 24 * len(d) + 120))
    fig.add_trace(go.Bar(x=d["total"].astype(float).tolist(), y=labels, orientation="h",
                         marker_color=OKABE_ITO[0], customdata=hover, showlegend=False,
                         hovertemplate="%{y}: %{x:,.0f}" + (f" {currency}" if currency else "")
                                       + "<br>%{customdata}<extra></extra>"))
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    fig.update_xaxes(title=f"amount received ({currency})" if currency
                     else "amount received (no stated currency)", tickformat=",.0f")
    return fig


def grants_per_period_bars(periods: pd.DataFrame, *, currency: str | None = None,
                           title: str | None = None) -> go.Figure | None:
    """Bars of grants per award period, with the amount awarded as a line on a second axis.

    Parameters
    ----------
    periods : DataFrame
        :func:`ecosystem.measures.power.grants.grants_by_period` rows of one
        currency (``period``, ``grants``, ``amount``).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"period": ["2019", "2021"], "grants": [2, 1], "amount": [40.0, 5.0]})
    >>> fig = grants_per_period_bars(t, currency="GBP")
    >>> [(tr.type, list(tr.y)) for tr in fig.data]
    [('bar', [2, 0, 1]), ('scatter', [40.0, 0.0, 5.0])]
    >>> fig.layout.yaxis2.title.text
    'amount awarded (GBP)'
    >>> grants_per_period_bars(t.iloc[:0]) is None
    True

    A year without grants between two others is drawn as 0:

    >>> list(fig.data[0].x)
    ['2019', '2020', '2021']
    """
    if periods.empty:
        return None
    d = periods.assign(period=periods["period"].astype(str)).sort_values("period")
    if d["period"].str.fullmatch(r"\d{4}").all():  # years without a grant show as 0
        years = [str(y) for y in range(int(d["period"].min()), int(d["period"].max()) + 1)]
        d = (d.groupby("period")[["grants", "amount"]].sum(min_count=1).reindex(years)
             .rename_axis("period").reset_index())
        empty = ~d["period"].isin(set(periods["period"].astype(str)))
        d.loc[empty, ["grants", "amount"]] = 0
    x = d["period"].tolist()
    fig = figure(title or f"Grants per award year and the amount awarded{_in(currency)}")
    fig.add_trace(go.Bar(x=x, y=d["grants"].astype(int).tolist(), name="grants",
                         marker_color=OKABE_ITO[0],
                         hovertemplate="%{x}: %{y} grants<extra></extra>"))
    amount = pd.to_numeric(d["amount"], errors="coerce")
    if amount.notna().any():
        unit = f" {currency}" if currency else ""
        fig.add_trace(go.Scatter(x=x, y=amount.astype(float).tolist(), name="amount awarded",
                                 yaxis="y2", mode="lines+markers",
                                 line={"color": OKABE_ITO[1], "width": 2.5},
                                 hovertemplate="%{x}: %{y:,.0f}" + unit + "<extra></extra>"))
        fig.update_layout(yaxis2={
            "title": f"amount awarded ({currency})" if currency else "amount awarded",
            "overlaying": "y", "side": "right", "tickformat": ",.3~r", "rangemode": "tozero",
            "showgrid": False})
    fig.update_xaxes(title="award year" if all(len(p) == 4 for p in x) else "award period",
                     type="category")
    fig.update_layout(yaxis={"title": "grants (count)", "rangemode": "tozero"})
    fig.update_layout(legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1,
                                  "xanchor": "right"})
    return fig


def _edges(lo: float, hi: float) -> list[float]:
    """Bin edges 1, 2, 5, 10, 20, 50, … covering [lo, hi]."""
    edges = []
    for e in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1):
        edges += [m * 10.0 ** e for m in (1, 2, 5)]
    first = max(i for i, v in enumerate(edges) if v <= lo)
    last = min(i for i, v in enumerate(edges) if v > hi)
    return edges[first:last + 1]


def _short(v: float) -> str:
    for size, unit in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if v >= size:
            return f"{v / size:g}{unit}"
    return f"{v:g}"


def amount_distribution(grants: pd.DataFrame, *, currency: str | None = None,
                        title: str | None = None) -> go.Figure | None:
    """Grants per size band (1–2–5 steps: 10k–20k, 20k–50k, …), the median marked.

    Parameters
    ----------
    grants : DataFrame
        :func:`ecosystem.measures.power.grants.grant_table` rows of one
        currency (``amount``).

    Examples
    --------
    >>> import pandas as pd
    >>> g = pd.DataFrame({"amount": [1500.0, 12000.0, 15000.0, 60000.0, None]})
    >>> fig = amount_distribution(g, currency="GBP")
    >>> list(fig.data[0].x), list(fig.data[0].y)
    (['1k–2k', '2k–5k', '5k–10k', '10k–20k', '20k–50k', '50k–100k'], [1, 0, 0, 2, 0, 1])
    >>> amount_distribution(g.iloc[4:]) is None
    True
    """
    x = pd.to_numeric(grants["amount"], errors="coerce").dropna()
    x = x[x > 0].to_numpy(dtype=float)
    if not len(x):
        return None
    edges = _edges(float(x.min()), float(x.max()))
    counts, _ = np.histogram(x, bins=edges)
    labels = [f"{_short(a)}–{_short(b)}" for a, b in itertools.pairwise(edges)]
    median = float(np.median(x))
    fig = figure(title or f"Grant sizes{_in(currency)}: median {money(median, currency)}")
    fig.add_trace(go.Bar(x=labels, y=counts.tolist(), marker_color=OKABE_ITO[0],
                         showlegend=False,
                         hovertemplate="%{x}: %{y} grants<extra></extra>"))
    band = int(np.searchsorted(edges, median, side="right")) - 1
    fig.add_annotation(x=labels[min(band, len(labels) - 1)], y=int(counts.max()),
                       text="median", showarrow=True, arrowcolor=GREY, yshift=4,
                       font={"color": "#555"})
    fig.update_xaxes(title=f"grant amount ({currency}), bands in 1–2–5 steps" if currency
                     else "grant amount (no stated currency), bands in 1–2–5 steps",
                     type="category")
    fig.update_yaxes(title="grants (count)", rangemode="tozero")
    return fig
