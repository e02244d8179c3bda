"""Duplication: clusters of near-identical initiatives, and the similarity distribution.

Cluster kinds are shown in words (:data:`ecosystem.measures.coordination.duplicates.KIND_LABELS`).
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from ecosystem.measures.coordination.duplicates import KIND_LABELS, KINDS
from ecosystem.views.template import OKABE_ITO, empty_figure, figure, plotly_text

__all__ = ["ACTIVITY_SAME_LEAD", "duplicate_clusters_table", "duplicate_kinds_sentence",
           "similarity_histogram"]


#: How a same-lead cluster reads in an aid-activity registry (IATI): one publisher
#: splits a programme into activities by year, phase or sector under one title.
ACTIVITY_SAME_LEAD = "one publisher's activities under one title (often years or phases)"


def duplicate_kinds_sentence(clusters: pd.DataFrame, *, presence: bool = False,
                             activity: bool = False) -> str:
    """One sentence counting duplicate clusters by kind, each cluster once.

    Parameters
    ----------
    clusters : DataFrame
        :func:`ecosystem.measures.coordination.duplicates.duplicate_clusters`.
    presence : bool
        A presence registry (3W): say that organisations present together in one
        cell are not counted.
    activity : bool
        An aid-activity registry (IATI): a same-lead cluster is worded as
        :data:`ACTIVITY_SAME_LEAD`.

    Examples
    --------
    >>> d = pd.DataFrame({"cluster": [1, 1, 2, 2, 3, 3],
    ...                   "kind": ["same_lead"] * 4 + ["different_organisations"] * 2})
    >>> duplicate_kinds_sentence(d)
    '3 clusters of duplicate records: 2 same lead re-registration, 1 different organisations doing the same thing.'
    >>> duplicate_kinds_sentence(d.iloc[:0], presence=True)  # doctest: +NORMALIZE_WHITESPACE
    'No organisation is reported twice for one cell and activity (organisations present in the
    same cell are co-present, not duplicates).'
    """
    kinds = clusters.drop_duplicates("cluster")["kind"].value_counts() if len(clusters) \
        else pd.Series(dtype="int64")
    note = (" (organisations present in the same cell are co-present, not duplicates)"
            if presence else "")
    n = int(kinds.sum())
    if n == 0:
        return ("No organisation is reported twice for one cell and activity" if presence
                else "No cluster of duplicate records above the thresholds") + note + "."
    labels = {**KIND_LABELS, **({"same_lead": ACTIVITY_SAME_LEAD} if activity else {})}
    parts = [f"{int(kinds[k]):,} {labels[k]}" for k in KINDS if kinds.get(k, 0)]
    return (f"{n:,} cluster{'s' if n != 1 else ''} of duplicate records{note}: "
            + ", ".join(parts) + ".")


def duplicate_clusters_table(df: pd.DataFrame, *, top: int = 25, title: str | None = None,
                             columns: Sequence[str] = ("cluster", "kind", "title", "lead",
                                                       "reason")) -> go.Figure:
    """The largest duplicate clusters as a table figure (one row per initiative).

    Examples
    --------
    >>> import pandas as pd
    >>> clusters = pd.DataFrame({"cluster": [1, 1], "size": [2, 2], "title": ["Reefs", "Reefs!"],
    ...                          "kind": "same_lead"})
    >>> fig = duplicate_clusters_table(clusters)
    >>> fig.layout.title.text, list(fig.data[0].header.values)
    ('1 cluster of duplicate initiatives', ['cluster', 'kind', 'title'])
    >>> fig.data[0].cells.values[1]
    ['same lead re-registration', 'same lead re-registration']
    """
    if df.empty:
        return empty_figure(title or "Duplicate clusters",
                            "No duplicate cluster above the threshold.")
    keep = df[df["cluster"].isin(df.drop_duplicates("cluster").nlargest(top, "size")["cluster"])] \
        if "size" in df else df.head(top * 3)
    if "kind" in keep:
        keep = keep.assign(kind=keep["kind"].map(lambda k: KIND_LABELS.get(k, k)))
    cols = [c for c in columns if c in keep]
    n = df["cluster"].nunique()
    fig = figure(title or f"{n:,} cluster{'s' if n != 1 else ''} of duplicate initiatives",
                 height=min(900, 40 + 28 * len(keep) + 80))
    fig.add_trace(go.Table(
        header=dict(values=[c.replace("_", " ") for c in cols], fill_color="#0072B2",
                    font=dict(color="white"), align="left"),
        cells=dict(values=[[plotly_text(v) for v in keep[c]] for c in cols], align="left",
                   fill_color=[["#f4f8fb" if i % 2 else "white" for i in range(len(keep))]])))
    return fig


def similarity_histogram(pairs: pd.DataFrame, *, score: str = "score",
                         threshold: float | None = None, title: str | None = None) -> go.Figure:
    """Distribution of the combined similarity score over candidate pairs.

    Examples
    --------
    >>> import pandas as pd
    >>> fig = similarity_histogram(pd.DataFrame({"score": [0.2, 0.5, 0.9]}), threshold=0.8)
    >>> fig.layout.title.text
    'Similarity of 3 candidate pairs of initiatives'
    """
    if pairs.empty:
        return empty_figure(title or "Similarity", "No candidate pair of initiatives.")
    fig = figure(title or f"Similarity of {len(pairs):,} candidate pairs of initiatives")
    fig.add_trace(go.Histogram(x=pairs[score], nbinsx=40, marker_color=OKABE_ITO[0]))
    if threshold is not None:
        fig.add_vline(x=threshold, line=dict(color=OKABE_ITO[5], dash="dash"),
                      annotation_text="duplicate threshold")
    fig.update_xaxes(title="combined similarity score (0–1)")
    fig.update_yaxes(title="pairs (count)")
    return fig
