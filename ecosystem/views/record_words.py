"""The words a registry's records and ties take, for the report and the explorer alike.

A partnership registry's actors take part in initiatives; an IATI registry's
organisations in activities; a 360Giving registry's in grants; a 3W registry's
organisations are present in places by sector (presence records) and are tied
by co-presence in place × sector cells
(:func:`ecosystem.graphs.copresence_projection`), so that the network's counts,
shares and tables are about cells. The measures write "initiative"; these
functions put the registry's own word in its place.

Examples
--------
>>> from ecosystem.measures.context import Analysis
>>> from ecosystem.model import Registry
>>> a = Analysis(Registry.empty())
>>> unit(a), unit(a, plural=False), records(a)
('initiatives', 'initiative', ('initiatives', 'initiative'))
>>> iati = Analysis(Registry.from_frames(initiatives=pd.DataFrame({
...     "initiative_id": ["a"], "registry": "r", "record_id": ["1"], "kind": "activity"})))
>>> a_unit(a), a_unit(iati)
('an initiative', 'an activity')
>>> columns = ["name", "initiatives", "largest_initiative_share"]
>>> shown = as_units(iati, pd.DataFrame(columns=columns))
>>> unit(iati), shown.columns.tolist()
('activities', ['name', 'activities', 'largest_activity_share'])
>>> worded("3 initiatives, 1 initiative", "grants", "grant")
'3 grants, 1 grant'
"""
from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from ecosystem.measures.context import Analysis

__all__ = ["a_unit", "as_units", "figure_words", "in_unit_words", "initiative_words", "records",
           "renamed_initiatives", "unit", "with_article", "worded"]

_INITIATIVE_WORD = re.compile(r"\binitiative(s\b|\(s\)|\b)")
_CAPITALISED_WORD = re.compile(r"\bInitiative(s\b|\(s\)|\b)")


def unit(a: Analysis, plural: bool = True) -> str:
    """What the network's actors take part in: the registry's records in its own word
    (initiatives, activities, grants: :attr:`ecosystem.kinds.RegistryKind.records`), or
    cells for co-presence."""
    if a.copresence:
        return "cells" if plural else "cell"
    return a.kind.records if plural else a.kind.record


def records(a: Analysis) -> tuple[str, str]:
    """What one row of the registry's ``initiatives`` table is, plural and singular
    ("presence records", "presence record"), whatever the network's :func:`unit`."""
    return a.kind.records, a.kind.record


def a_unit(a: Analysis) -> str:
    """One :func:`unit` with its article: "an initiative", "an activity", "a grant", "a cell"."""
    return with_article(unit(a, plural=False))


def with_article(word: str) -> str:
    """``word`` after "an" when it is said with a vowel first ("an activity", "an SDG
    target": an initialism is read letter by letter), else after "a".

    >>> with_article("activity"), with_article("SDG target"), with_article("sector")
    ('an activity', 'an SDG target', 'a sector')
    """
    initialism = re.match(r"[A-Z]{2,}\b", word) is not None
    vowel_sound = word[:1] in ("AEFHILMNORSX" if initialism else "aeiouAEIOU")
    return ("an " if vowel_sound else "a ") + word


def in_unit_words(a: Analysis, text: pd.Series) -> pd.Series:
    """A measure's ``explanation`` column with "initiative(s)" in the network's :func:`unit`
    (:func:`initiative_words`)."""
    return initiative_words(text, unit(a), unit(a, plural=False))


def worded(text: str, many: str, one: str) -> str:
    """``text`` with the lower-case word "initiative" written ``one`` ("initiatives" ``many``).

    A title quoted in the text keeps its capitalised words.

    Examples
    --------
    >>> worded("Actors linked when they take part in the same initiative; Initiatives",
    ...        "activities", "activity")
    'Actors linked when they take part in the same activity; Initiatives'
    """
    if many == "initiatives":
        return text
    return _INITIATIVE_WORD.sub(_replacement(many, one), text)


def initiative_words(text: pd.Series, many: str, one: str) -> pd.Series:
    """An ``explanation`` column with the word "initiative" the measures write as ``one``.

    Only the lower-case word is replaced ("the 3 initiatives led" → "the 3 activities
    led"); a title quoted in an explanation keeps its capitalised words.

    Examples
    --------
    >>> text = pd.Series(["5 of 9 initiatives; one initiative led; 2 initiative(s); the Initiative"
    ...                   ])
    >>> initiative_words(text, "activities", "activity").iloc[0]
    '5 of 9 activities; one activity led; 2 activities; the Initiative'
    >>> initiative_words(text, "grants", "grant").iloc[0]
    '5 of 9 grants; one grant led; 2 grant(s); the Initiative'
    """
    if many == "initiatives":
        return text
    return text.astype("string").str.replace(_INITIATIVE_WORD, _replacement(many, one), regex=True)


def _replacement(many: str, one: str) -> Callable[[re.Match], str]:
    """The word for each match of "initiative", "initiatives" or "initiative(s)"."""
    either = f"{one}(s)" if many == one + "s" else many
    return lambda m: {"s": many, "(s)": either}.get(m[1], one)


def as_units(a: Analysis, df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with its initiative columns named for the network's :func:`unit`
    (``initiatives`` → ``cells`` for co-presence, ``activities`` for IATI; as is for a
    partnership registry)."""
    return renamed_initiatives(df, unit(a), unit(a, plural=False))


def renamed_initiatives(df: pd.DataFrame, many: str, one: str) -> pd.DataFrame:
    """``df`` with "initiative" in its column names written ``one`` ("initiatives" ``many``).

    Examples
    --------
    >>> renamed_initiatives(pd.DataFrame(columns=["initiatives", "cut_off_initiatives"]),
    ...                     "presence records", "presence record").columns.tolist()
    ['presence_records', 'cut_off_presence_records']
    """
    if many == "initiatives":
        return df
    many, one = many.replace(" ", "_"), one.replace(" ", "_")
    names = {c: c.replace("initiatives", many).replace("initiative", one)
             for c in df.columns if "initiative" in c}
    return df.rename(columns=names)


def figure_words(fig: go.Figure, many: str, one: str) -> go.Figure:
    """``fig`` with the word "initiative" its views write put in the registry's own word.

    Titles (the figure's, its axes', its legend's and colour bars') are the views' own words:
    "Initiatives per country" becomes "Activities per country". Annotations and hover
    templates may hold a registry's names ("Global Ghost Gear Initiative"): only the
    lower-case word is replaced there (:func:`worded`). The figure is changed in place.

    Examples
    --------
    >>> fig = go.Figure(go.Bar(x=[1], y=[2], hovertemplate="%{y} initiatives"),
    ...                 layout=dict(title="Initiatives per country"))
    >>> fig = figure_words(fig.update_yaxes(title="initiatives (count)"), "activities", "activity")
    >>> fig.layout.title.text, fig.layout.yaxis.title.text, fig.data[0].hovertemplate
    ('Activities per country', 'activities (count)', '%{y} activities')
    """
    if many == "initiatives":
        return fig

    def titled(text: str | None) -> str | None:
        if not text:
            return text
        capital = _replacement(many[:1].upper() + many[1:], one[:1].upper() + one[1:])
        return _CAPITALISED_WORD.sub(capital, worded(text, many, one))

    layout = fig.layout
    layout.title.text = titled(layout.title.text)
    layout.legend.title.text = titled(layout.legend.title.text)
    fig.for_each_xaxis(lambda ax: ax.update(title_text=titled(ax.title.text)))
    fig.for_each_yaxis(lambda ax: ax.update(title_text=titled(ax.title.text)))
    if layout.coloraxis.colorbar.title.text:
        layout.coloraxis.colorbar.title.text = titled(layout.coloraxis.colorbar.title.text)
    for note in layout.annotations:
        if note.text:
            note.text = worded(note.text, many, one)
    for trace in fig.data:
        # (a Sankey diagram's links and nodes have templates of their own)
        for part in (trace, getattr(trace, "link", None), getattr(trace, "node", None)):
            template = getattr(part, "hovertemplate", None)
            if isinstance(template, str):
                part.hovertemplate = worded(template, many, one)
        bar = getattr(getattr(trace, "marker", None), "colorbar", None)
        if bar is not None and bar.title.text:
            bar.title.text = titled(bar.title.text)
    return fig
