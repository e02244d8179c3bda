"""The duplication panel: clusters of duplicate initiatives, read side by side.

Clusters come from
:func:`ecosystem.measures.coordination.duplicates.duplicate_clusters`
(each initiative in one cluster, labelled in words by
:data:`~ecosystem.measures.coordination.duplicates.KIND_LABELS`: same lead
re-registration, same organisation under two names, different organisations
doing the same thing; in a 3W, the same organisation reported twice for one
cell and activity), computed once per filter state. Opening a cluster shows its records in columns; partners,
targets, places and words that two or more of the records share are
highlighted. Words are highlighted only when they are shared *and* distinctive:
four letters or more, outside scikit-learn's English stop-word list
(:mod:`ecosystem.reference.stop_words`, held without scikit-learn), and found
in at most :data:`DISTINCTIVE_SHARE` of the selection's initiatives (so "ocean"
or "marine" in an ocean registry are not marked, "Vanuatu" or "seagrass" are).
The records sit in columns that share the panel's width (wrapping below
:data:`COLUMN_MIN_PX` pixels a column), so no column is cut off.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

import pandas as pd
from dash import html

from ecosystem.errors import AnalysisError
from ecosystem.explorer.initiative_record import safe_url
from ecosystem.explorer.state import ExplorerState, View
from ecosystem.explorer.tables import data_table, fmt, initiative_link, message
from ecosystem.measures.coordination.duplicates import KIND_LABELS, duplicate_clusters
from ecosystem.reference.stop_words import ENGLISH_STOP_WORDS
from ecosystem.views.record_words import records

if TYPE_CHECKING:
    from dash import Dash

__all__ = [
    "DESCRIPTION_CHARS", "AUTO_INITIATIVES", "DISTINCTIVE_SHARE", "COLUMN_MIN_PX",
    "distinctive_words", "clusters", "clusters_overview", "clusters_panel",
    "clusters_or_prompt", "highlight", "cluster_side_by_side", "register",
]

#: Characters of a description shown in the side-by-side view.
DESCRIPTION_CHARS = 1500
#: Above this many initiatives the clusters are found on request, not on every filter change
#: (their cost grows with the candidate pairs; ``make bench``, ``benchmarks/overlap_bench.py``,
#: measures it on the Ocean registry and a synthetic 70k one).
AUTO_INITIATIVES = 3000
#: Largest share of the selection's initiatives a highlighted word may appear in.
DISTINCTIVE_SHARE = 0.02
#: Narrowest record column (pixels) before columns wrap onto a new row.
COLUMN_MIN_PX = 240
_WORD = re.compile(r"(\w+)", re.UNICODE)


def clusters(view: View) -> pd.DataFrame:
    """:func:`ecosystem.measures.coordination.duplicates.duplicate_clusters` of the view.

    Cached in the view.
    """
    return view.once(("clusters",), lambda: duplicate_clusters(view.reg))


def clusters_overview(view: View) -> pd.DataFrame:
    """One row per cluster: ``cluster, kind`` (in words), ``size, title`` (of its
    representative), ``lead``, ``reason``; largest first."""
    c = clusters(view)
    cols = ["cluster", "kind", "size", "title", "lead", "reason"]
    if c.empty:
        return pd.DataFrame(columns=cols)
    rep = c[c["representative"]].drop_duplicates("cluster")
    others = c[~c["representative"]].drop_duplicates("cluster").set_index("cluster")["reason"]
    out = rep[["cluster", "kind", "size", "title", "lead"]].copy()
    out["kind"] = out["kind"].map(lambda k: KIND_LABELS.get(k, str(k).replace("_", " ")))
    out["reason"] = others.reindex(out["cluster"]).to_numpy()
    return out.sort_values(["size", "cluster"], ascending=[False, True]).reset_index(drop=True)


def clusters_panel(view: View, *, max_rows: int = 30) -> html.Div:
    """The list of clusters, each with a link that opens it."""
    try:
        over = clusters_overview(view)
    except AnalysisError as exc:
        return message(f"Duplicate clusters not computed: {exc}")
    many, _ = records(view.analysis)
    if over.empty:
        return message(f"No cluster of duplicate {many} in this selection.")
    kinds = over["kind"].value_counts()
    said = ", ".join(f"{n:,} {k}" for k, n in kinds.items())
    over = over.assign(open="open cluster " + over["cluster"].astype(str))
    return html.Div([
        html.P(f"{len(over):,} cluster{'s' if len(over) != 1 else ''} ({said}), "
               f"{int(clusters(view)['initiative_id'].nunique()):,} {many} in them."),
        data_table(over, "duplicate-clusters", caption="Duplicate clusters",
                   columns={"open": "", "kind": "kind", "size": "records",
                            "title": "representative record", "lead": "lead",
                            "reason": "why"},
                   links={"open": ("cluster-link", "cluster")}, max_rows=max_rows,
                   max_chars=160),
    ])


def clusters_or_prompt(view: View, requested: bool = False) -> tuple[html.Div, dict]:
    """The cluster list, or for a large selection a prompt to press "Find duplicate clusters".

    Returns the panel's content and the style of that button (shown with the prompt).
    """
    n = len(view.reg.initiatives)
    if not requested and n > AUTO_INITIATIVES and ("clusters",) not in view.computed():
        return (message(f"This selection has {n:,} initiatives: finding duplicate clusters "
                        "takes a while (about a minute for 7,000). Press the button to find "
                        "them, or filter first."), {"display": "inline-block"})
    return clusters_panel(view), {"display": "none"}


def _words(text) -> set[str]:
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return set()
    return {w.lower() for w in _WORD.findall(str(text))
            if len(w) >= 4 and w.lower() not in ENGLISH_STOP_WORDS}


def distinctive_words(view: View) -> frozenset[str]:
    """Words (as :func:`highlight` reads them) in at most :data:`DISTINCTIVE_SHARE` of the
    view's initiatives (titles and descriptions; at least 2), computed once per view."""
    def compute():
        ini = view.reg.initiatives
        counts: Counter = Counter()
        for t, d in zip(ini["title"].tolist(), ini["description"].tolist()):
            counts.update(_words(t) | _words(d))
        cap = max(2, int(DISTINCTIVE_SHARE * len(ini)))
        return frozenset(w for w, n in counts.items() if n <= cap)
    return view.once("distinctive_words", compute)


def _shared(sets: list[set]) -> set:
    """Elements present in at least two of ``sets``."""
    seen, twice = set(), set()
    for s in sets:
        twice |= seen & s
        seen |= s
    return twice


def highlight(text: str | None, shared_words: set[str],
              limit: int | None = None) -> list[str | html.Mark]:
    """``text`` as a list of strings and ``html.Mark`` for the shared words.

    ``shared_words`` are lower case; ``limit`` cuts the text (with " …") first.

    Examples
    --------
    >>> highlight("Restoring coral reefs in Fiji", {"coral", "fiji"})
    ['Restoring ', Mark('coral'), ' reefs in ', Mark('Fiji')]
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return [""]
    text = str(text)
    if limit and len(text) > limit:
        text = text[:limit] + " …"
    out, plain = [], []
    for part in _WORD.split(text):
        if not part:
            continue
        if part.lower() in shared_words:
            if plain:
                out.append("".join(plain))
                plain = []
            out.append(html.Mark(part))
        else:
            plain.append(part)
    if plain:
        out.append("".join(plain))
    return out


def _marked_list(values: list[str], shared: set) -> html.Ul | html.P:
    if not values:
        return html.P("none", className="muted")
    return html.Ul([html.Li(html.Mark(v) if v in shared else v) for v in values])


def cluster_side_by_side(view: View, cluster: int) -> html.Div:
    """The records of one cluster in columns, shared elements highlighted."""
    try:
        c = clusters(view)
    except AnalysisError as exc:
        return message(str(exc))
    members = c[c["cluster"] == int(cluster)]
    if members.empty:
        return message(f"No cluster {cluster} in this selection.")
    reg = view.reg
    ids = members["initiative_id"].tolist()
    ini = reg.initiatives.set_index("initiative_id").reindex(ids)
    names = view.actor_names()
    ties = reg.ties[reg.ties["initiative_id"].isin(ids)]
    partners = {i: sorted({str(names.get(a, a)) for a in ties.loc[ties["initiative_id"] == i,
                                                                   "actor_id"]}) for i in ids}
    t = reg.initiative_targets
    targets = {i: sorted(set(t.loc[t["initiative_id"] == i, "target"].astype(str))) for i in ids}
    p = reg.initiative_places
    places = {i: sorted(set(p.loc[p["initiative_id"] == i, "name"].fillna(
        p.loc[p["initiative_id"] == i, "place"]).astype(str))) for i in ids}
    shared_partners = _shared([set(v) for v in partners.values()])
    shared_targets = _shared([set(v) for v in targets.values()])
    shared_places = _shared([set(v) for v in places.values()])
    shared_words = _shared([_words(ini.at[i, "title"]) | _words(ini.at[i, "description"])
                            for i in ids]) & distinctive_words(view)
    d = reg.deliverables
    columns = []
    for k, (i, m) in enumerate(zip(ids, members.itertuples())):
        row = ini.loc[i]
        url = safe_url(row["url"])
        columns.append(html.Div([
            html.Div("representative record" if m.representative else "", className="badge"),
            html.H4(highlight(row["title"], shared_words)),
            html.Div([initiative_link(i, "open the full record", "cluster", k)]),
            html.Div(f"lead: {m.lead if pd.notna(m.lead) else 'none recorded'}",
                     className="muted"),
            html.Div(f"{fmt(row['start']) or 'no start'} – {fmt(row['end']) or 'no end'} · "
                     f"{row['record_id']} · completeness {m.completeness}/9",
                     className="muted"),
            html.A("source page", href=url, target="_blank", rel="noopener noreferrer")
            if url else html.Span(""),
            html.H5(f"Partners ({len(partners[i])})"),
            _marked_list(partners[i], shared_partners),
            html.H5("Targets"), _marked_list(targets[i], shared_targets),
            html.H5("Places"), _marked_list(places[i], shared_places),
            html.H5("Description"),
            html.P(highlight(row["description"], shared_words, DESCRIPTION_CHARS),
                   className="description"),
            html.Div(f"{int((d['initiative_id'] == i).sum()):,} deliverables", className="muted"),
            html.P(f"Why here: {m.reason}" if pd.notna(m.reason) else "", className="reason"),
        ], className="record-column"))
    kind = KIND_LABELS.get(str(members["kind"].iloc[0]), str(members["kind"].iloc[0]))
    return html.Div([
        html.H4(f"Cluster {cluster}: {len(ids)} records, {kind}"),
        html.P("Highlighted: partners, targets, places, and distinctive words (found in at "
               f"most {DISTINCTIVE_SHARE:.0%} of the {records(view.analysis)[0]} of this "
               "selection), shared "
               "by two or more of these records.", className="muted"),
        html.Div(columns, className="side-by-side",
                 style={"gridTemplateColumns":
                        f"repeat(auto-fit, minmax({COLUMN_MIN_PX}px, 1fr))"}),
    ], **{"data-cluster": str(cluster)})


def register(app: Dash, state: ExplorerState) -> None:
    """Callbacks: the cluster list follows the filters; a link opens a cluster."""
    from dash import ALL, Input, Output, ctx
    from dash.exceptions import PreventUpdate

    from ecosystem.explorer.filters import view_of

    @app.callback(Output("clusters-list", "children"), Output("clusters-run", "style"),
                  Input("filters", "data"), Input("clusters-run", "n_clicks"),
                  Input("tabs", "value"))
    def _clusters(data, run, tab):
        if tab != "duplicates":
            raise PreventUpdate  # found when its tab is opened
        try:
            view = view_of(state, data)
        except AnalysisError as exc:
            return message(str(exc)), {"display": "none"}
        return clusters_or_prompt(view, requested=ctx.triggered_id == "clusters-run")

    @app.callback(Output("cluster-detail", "children"),
                  Input({"type": "cluster-link", "where": ALL, "row": ALL, "id": ALL},
                        "n_clicks"),
                  Input("filters", "data"))
    def _cluster(clicks, data):
        trig = ctx.triggered_id
        if trig == "filters":
            return html.Div()
        if not isinstance(trig, dict) or not ctx.triggered[0]["value"]:
            raise PreventUpdate
        try:
            return cluster_side_by_side(view_of(state, data), int(trig["id"]))
        except AnalysisError as exc:
            return message(str(exc))
