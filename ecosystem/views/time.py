"""Change over time: entries and exits, tie turnover, a stepped network, life-cycle stages.

Each function takes results of :mod:`ecosystem.measures.time` and returns a
plotly Figure, or None when there is nothing to draw (a report section then
leaves the figure out). Numbers in hover text go through
:mod:`ecosystem.views.formatting`; registry names are escaped.
"""
from __future__ import annotations

import html

import igraph as ig
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ecosystem.views.formatting import count, percent, short_label
from ecosystem.views.layout import place_labels, seeded_igraph
from ecosystem.views.network import PLOT_WIDTHS
from ecosystem.views.template import GREY, OKABE_ITO, TEMPLATE_NAME, figure

__all__ = ["STAGE_COLOURS", "STAGE_LABELS", "entry_exit_chart", "stage_bars", "stage_label",
           "stage_sankey", "stepped_network", "tie_turnover_chart"]

#: Actors named on each panel of :func:`stepped_network` (the others on hover), and its
#: panels' height in pixels.
LABELLED, PANEL_HEIGHT = 5, 330
#: A label's place around its point (:func:`~ecosystem.views.layout.place_labels`) as text.
_TEXT_POSITION = {"top": "top center", "bottom": "bottom center", "right": "middle right",
                  "left": "middle left"}
#: Reader's label of each life-cycle stage.
STAGE_LABELS = {"announced": "Announced", "active": "Active",
                "overdue": "Overdue (nothing reported in two years)", "completed": "Completed",
                "cancelled": "Cancelled", "dormant": "Dormant", "undated": "Undated",
                "not_started": "Not yet started"}

#: Colour of each stage.
STAGE_COLOURS = {"announced": OKABE_ITO[4], "active": OKABE_ITO[2], "overdue": OKABE_ITO[1],
                 "completed": OKABE_ITO[0], "cancelled": OKABE_ITO[7], "dormant": OKABE_ITO[5],
                 "undated": GREY, "not_started": "#d9d9d9"}


def stage_label(stage: str) -> str:
    """The reader's label of a stage code.

    Examples
    --------
    >>> stage_label("overdue"), stage_label("dormant")
    ('Overdue (nothing reported in two years)', 'Dormant')
    """
    return STAGE_LABELS.get(stage, str(stage).replace("_", " ").capitalize())


def entry_exit_chart(table: pd.DataFrame, *, title: str | None = None) -> go.Figure | None:
    """Actors entering (up) and leaving (down) per period, with the actors active as a line.

    Examples
    --------
    >>> t = pd.DataFrame({"period": ["2018", "2019"], "actors": [2, 3],
    ...                   "actors_entering": [2, 2], "actors_leaving": [0, 1]})
    >>> fig = entry_exit_chart(t)
    >>> list(fig.data[0].y), list(fig.data[1].y), list(fig.data[2].y)
    ([2, 2], [0, -1], [2, 3])
    >>> entry_exit_chart(t.iloc[:0]) is None
    True
    """
    if table.empty or not table["actors"].any():
        return None
    x = table["period"].astype(str).tolist()
    fig = figure(title or "Actors entering and leaving, period by period", height=420,
                 barmode="relative", yaxis_title="actors", legend=dict(orientation="h", y=-0.2))
    enter, leave = table["actors_entering"].tolist(), table["actors_leaving"].tolist()
    fig.add_trace(go.Bar(x=x, y=enter, name="entering", marker_color=OKABE_ITO[2],
                         customdata=[count(v) for v in enter],
                         hovertemplate="%{x}: %{customdata} actors entering<extra></extra>"))
    fig.add_trace(go.Bar(x=x, y=[-v for v in leave], name="leaving",
                         marker_color=OKABE_ITO[5], customdata=[count(v) for v in leave],
                         hovertemplate="%{x}: %{customdata} actors leaving<extra></extra>"))
    active = table["actors"].tolist()
    fig.add_trace(go.Scatter(x=x, y=active, name="active", mode="lines+markers",
                             line=dict(color=OKABE_ITO[0]), customdata=[count(v) for v in active],
                             hovertemplate="%{x}: %{customdata} actors active<extra></extra>"))
    fig.update_yaxes(tickformat=",d")
    return fig


def tie_turnover_chart(table: pd.DataFrame, *, title: str | None = None) -> go.Figure | None:
    """Ties formed (up) and dissolved (down) per period, and the Jaccard overlap of consecutive
    tie sets (right axis).

    Examples
    --------
    >>> t = pd.DataFrame({"period": ["a", "b"], "ties": [3, 4], "ties_formed": [3, 2],
    ...                   "ties_dissolved": [0, 1], "tie_jaccard": [float("nan"), 0.4]})
    >>> fig = tie_turnover_chart(t)
    >>> list(fig.data[1].y), fig.data[2].customdata[1]
    ([0, -1], '40%')
    """
    if table.empty or not table["ties"].any():
        return None
    x = table["period"].astype(str).tolist()
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.update_layout(template=TEMPLATE_NAME, barmode="relative", height=420,
                      title=title or "Ties formed and dissolved, and how much of the network "
                                     "carries over", legend=dict(orientation="h", y=-0.2))
    formed, gone = table["ties_formed"].tolist(), table["ties_dissolved"].tolist()
    fig.add_trace(go.Bar(x=x, y=formed, name="ties formed", marker_color=OKABE_ITO[2],
                         customdata=[count(v) for v in formed],
                         hovertemplate="%{x}: %{customdata} ties formed<extra></extra>"))
    fig.add_trace(go.Bar(x=x, y=[-v for v in gone], name="ties dissolved",
                         marker_color=OKABE_ITO[5], customdata=[count(v) for v in gone],
                         hovertemplate="%{x}: %{customdata} ties dissolved<extra></extra>"))
    jac = table["tie_jaccard"].astype(float).tolist()
    fig.add_trace(go.Scatter(x=x, y=jac, name="ties carried over (Jaccard)",
                             mode="lines+markers", line=dict(color=OKABE_ITO[0]),
                             customdata=[percent(v) for v in jac],
                             hovertemplate="%{x}: %{customdata} overlap with the period "
                                           "before<extra></extra>"), secondary_y=True)
    fig.update_yaxes(title_text="ties", tickformat=",d", secondary_y=False)
    fig.update_yaxes(title_text="overlap with the period before", range=[0, 1.05],
                     tickmode="array", tickvals=[0, 0.25, 0.5, 0.75, 1],
                     ticktext=[percent(v) for v in (0, 0.25, 0.5, 0.75, 1)], showgrid=False,
                     secondary_y=True)
    return fig


def stepped_network(nets: object, names: dict, *, which: list[int] | None = None,
                    top: int = 25, seed: int = 1) -> go.Figure | None:
    """Small multiples: the ``top`` best-connected actors of each chosen period and their ties.

    Parameters
    ----------
    nets : PeriodNetworks
        :func:`ecosystem.measures.time.turnover.period_networks`.
    names : dict
        actor_id → name (for hover text).
    which : list of int, optional
        Period positions (default the last six with ties).
    top : int
        Actors drawn per period (those sharing the most of its initiatives with partners:
        :attr:`~ecosystem.measures.time.turnover.PeriodNetworks.strength`; by the number
        of partners, the members of its largest initiative would fill the panel).

    Actors keep one position across panels (a layout of all drawn ties), so a
    reader can follow them; green actors entered in that period, blue ones
    were there in the period before. Up to :data:`LABELLED` are named on each panel,
    most initiatives first, where their names fit without overlapping
    (:func:`~ecosystem.views.layout.place_labels`); every actor has a hover card.
    """
    n_periods = len(nets.table)
    with_ties = [k for k in range(n_periods) if len(nets.pairs[k])]
    if which is None:  # up to six periods spread over those with a tenth of the most actors
        sizes = nets.active_actors.sum(axis=1)
        big = [k for k in with_ties if sizes[k] * 10 >= sizes.max()]
        which = sorted({big[round(i * (len(big) - 1) / 5)] for i in range(6)}) if big else []
    else:
        which = [k for k in which if k in with_ties]
    if not which:
        return None
    n = len(nets.actor_ids)
    picks, edges = {}, {}
    for k in which:
        u, v = nets.ends(k)
        deg = np.bincount(np.concatenate([u, v]), minlength=n)
        # most initiatives shared with partners first, then most partners
        chosen = np.lexsort((-deg, -nets.strength[k]))[:top]
        chosen = chosen[deg[chosen] > 0]
        keep = np.isin(u, chosen) & np.isin(v, chosen)
        picks[k], edges[k] = chosen, (u[keep], v[keep])
    drawn = np.unique(np.concatenate(list(picks.values())))
    pos = {a: i for i, a in enumerate(drawn.tolist())}
    union = {(pos[a], pos[b]) for k in which for a, b in zip(*map(np.ndarray.tolist, edges[k]))}
    g = ig.Graph(n=len(drawn), edges=sorted(union))
    xy = np.zeros((1, 2))
    if len(drawn) > 1:
        with seeded_igraph(seed):  # the same picture on every run
            xy = np.asarray(g.layout_fruchterman_reingold(seed=np.random.default_rng(seed).random(
                (len(drawn), 2)).tolist()).coords)
    strong = {}
    for k in which:  # a dense panel draws only the ties that share two or more initiatives
        u, v = edges[k]
        code = u.astype(np.int64) * n + v
        weight = nets.shared[k][np.searchsorted(nets.pairs[k], code)]
        strong[k] = weight >= 2 if len(u) > 4 * top else np.ones(len(u), dtype=bool)
    thin = any(not m.all() for m in strong.values())
    cols = min(3, len(which))
    rows = -(-len(which) // cols)
    labels = nets.table["period"].astype(str).tolist()
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=[labels[k] for k in which],
                        horizontal_spacing=0.03, vertical_spacing=0.08)
    fig.update_layout(template=TEMPLATE_NAME, height=PANEL_HEIGHT * rows + 120, showlegend=False,
                      margin=dict(t=120),
                      title=f"The {top} actors sharing the most initiatives with partners, "
                            "period by period<br><sup>"
                            "green: entered the network; orange: new among them; blue: there "
                            f"before; up to {LABELLED} named, most first, where their names fit"
                            + ("; ties sharing two or more initiatives" if thin else "")
                            + "</sup>")
    panel = [w * (1 - 0.03 * (cols - 1)) / cols for w in PLOT_WIDTHS]  # pixels, page to screen
    for i, k in enumerate(which):
        r, c = i // cols + 1, i % cols + 1
        u, v = edges[k][0][strong[k]], edges[k][1][strong[k]]
        ex, ey = [], []
        for a, b in zip(u.tolist(), v.tolist()):
            ex += [xy[pos[a], 0], xy[pos[b], 0], None]
            ey += [xy[pos[a], 1], xy[pos[b], 1], None]
        fig.add_trace(go.Scatter(x=ex, y=ey, mode="lines", line=dict(color="#c8c8c8", width=1),
                                 hoverinfo="skip"), row=r, col=c)
        before = nets.active_actors[k - 1] if k else np.zeros(n, dtype=bool)
        was_top = set(picks[which[i - 1]].tolist()) if i else set()
        ch = picks[k].tolist()
        deg = np.bincount(np.concatenate(nets.ends(k)), minlength=n)
        strength = nets.strength[k]
        state = ["entered the network" if not before[a] else "new among them"
                 if i and a not in was_top else "there before" for a in ch]
        colour = {"entered the network": OKABE_ITO[2], "new among them": OKABE_ITO[1],
                  "there before": OKABE_ITO[0]}
        size = 7 + 11 * np.sqrt(strength[ch] / max(strength[ch].max(), 1))
        shown = [str(names.get(nets.actor_ids[a], nets.actor_ids[a])) for a in ch]
        px, py = xy[[pos[a] for a in ch], 0], xy[[pos[a] for a in ch], 1]
        # the panel's frame, and its pixels per unit from a printed page to a wide screen:
        # labels that never overlap (views.layout.place_labels)
        pad_x, pad_y = max(np.ptp(px) * 0.1, 0.5), max(np.ptp(py) * 0.2, 0.5)
        frame = (px.min() - pad_x, px.max() + pad_x, py.min() - pad_y, py.max() + pad_y)
        height = frame[3] - frame[2]
        texts = [short_label(name, 24) for name in shown]
        placed = dict(place_labels(px, py, texts, n=LABELLED,
                                   x_pixels=tuple(w / (frame[1] - frame[0]) for w in panel),
                                   # (a panel's plot area: its height less title and gap)
                                   y_pixels=((PANEL_HEIGHT - 80) / height, PANEL_HEIGHT / height),
                                   font_size=10, radius=size / 2, frame=frame))
        fig.update_xaxes(range=list(frame[:2]), row=r, col=c)
        fig.update_yaxes(range=list(frame[2:]), row=r, col=c)
        fig.add_trace(go.Scatter(
            x=px.tolist(), y=py.tolist(), mode="markers+text",
            marker=dict(size=size.tolist(), color=[colour[st] for st in state],
                        line=dict(color="white", width=1)),
            text=[html.escape(t) if j in placed else "" for j, t in enumerate(texts)],
            textposition=[_TEXT_POSITION[placed.get(j, "top")] for j in range(len(ch))],
            textfont=dict(size=10),
            customdata=[f"{html.escape(name)} · {count(strength[a])} "
                        f"{'initiative' if strength[a] == 1 else 'initiatives'} with partners · "
                        f"{count(deg[a])} partners · {st}"
                        for a, name, st in zip(ch, shown, state)],
            hovertemplate="%{customdata}<extra></extra>"), row=r, col=c)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def stage_bars(counts: pd.DataFrame, *, group: str = "group",
               title: str | None = None) -> go.Figure | None:
    """Stacked bars of initiatives by life-cycle stage, one bar per group (period or actor type).

    ``counts``: :func:`ecosystem.measures.time.lifecycle.stage_counts` (a column
    per stage and ``total``), with group labels already readable.

    Examples
    --------
    >>> c = pd.DataFrame({"group": ["2017", "2018"], "active": [1, 2], "dormant": [3, 0],
    ...                   "total": [4, 2]})
    >>> [t.name for t in stage_bars(c).data]
    ['Active', 'Dormant']
    """
    if counts.empty or not counts["total"].any():
        return None
    stages = [c for c in STAGE_LABELS if c in counts.columns]
    x = counts[group].astype(str).tolist()
    fig = figure(title or "Initiatives by life-cycle stage", barmode="stack", height=480,
                 yaxis_title="initiatives", margin=dict(b=150),
                 legend=dict(orientation="h", y=-0.45, yanchor="top"))
    for s in stages:
        vals = counts[s].tolist()
        share = [percent(v / t) if t else "" for v, t in zip(vals, counts["total"])]
        fig.add_trace(go.Bar(x=x, y=vals, name=stage_label(s), marker_color=STAGE_COLOURS[s],
                             customdata=[f"{count(v)} ({p})" for v, p in zip(vals, share)],
                             hovertemplate="%{x}: %{customdata} " + html.escape(stage_label(s))
                             + "<extra></extra>"))
    fig.update_yaxes(tickformat=",d")
    return fig


def stage_sankey(transitions: pd.DataFrame, *, title: str | None = None) -> go.Figure | None:
    """Alluvial (Sankey) of stages from one date to the next.

    ``transitions``: :func:`ecosystem.measures.time.lifecycle.stage_transitions`
    (``initiative_id`` and one stage column per date). None with fewer than two dates.

    Examples
    --------
    >>> t = pd.DataFrame({"initiative_id": ["a", "b", "c"], "2020-12-31": ["active"] * 3,
    ...                   "2022-12-31": ["active", "dormant", "dormant"]})
    >>> fig = stage_sankey(t)
    >>> list(fig.data[0].link.value), list(fig.data[0].node.label)
    ([1, 2], ['Active (2020-12-31)', 'Active (2022-12-31)', 'Dormant (2022-12-31)'])
    """
    dates = [c for c in transitions.columns if c != "initiative_id"]
    if len(dates) < 2 or transitions.empty:
        return None
    nodes: dict[tuple[str, str], int] = {}

    def node(d: str, s: str) -> int:
        return nodes.setdefault((d, s), len(nodes))

    src, tgt, val = [], [], []
    for a, b in zip(dates, dates[1:]):
        flows = transitions.groupby([a, b]).size()
        for (sa, sb), v in flows.items():
            src.append(node(a, sa))
            tgt.append(node(b, sb))
            val.append(int(v))
    keys = list(nodes)
    fig = figure(title or "How initiatives moved between life-cycle stages", height=460)
    fig.add_trace(go.Sankey(
        node=dict(label=[f"{stage_label(s)} ({d})" for d, s in keys],
                  color=[STAGE_COLOURS.get(s, GREY) for _, s in keys], pad=14,
                  customdata=[f"{stage_label(s)} on {d}" for d, s in keys],
                  hovertemplate="%{customdata}<extra></extra>"),
        link=dict(source=src, target=tgt, value=val,
                  customdata=[count(v) for v in val],
                  hovertemplate="%{customdata} initiatives<extra></extra>")))
    return fig
