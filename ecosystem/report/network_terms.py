"""How the report words the actor network of each registry kind.

A partnership registry's actors take part in initiatives and are tied by
co-membership; an IATI registry's organisations take part in activities; a 3W
registry's organisations work in place × sector cells and are tied by
co-presence (:func:`ecosystem.graphs.copresence_projection`), so that counts,
shares and tables are about cells. The section builders take
their nouns, the Methods entry on what a tie is, and the co-presence community
profiles from here.

Examples
--------
>>> from ecosystem.measures.context import Analysis
>>> from ecosystem.model import Registry
>>> a = Analysis(Registry.empty())
>>> unit(a), unit(a, plural=False), tie_method(a)[0]
('initiatives', 'initiative', 'Co-membership projection')
>>> import pandas as pd
>>> iati = Analysis(Registry.from_frames(initiatives=pd.DataFrame({
...     "initiative_id": ["a"], "registry": "r", "record_id": ["1"], "kind": "activity"})))
>>> a_unit(a), a_unit(iati)
('an initiative', 'an activity')
>>> columns = ["name", "initiatives", "largest_initiative_share"]
>>> shown = as_units(iati, pd.DataFrame(columns=columns))
>>> unit(iati), shown.columns.tolist()
('activities', ['name', 'activities', 'largest_activity_share'])
"""
from __future__ import annotations

import re

import pandas as pd

from ecosystem.measures.context import Analysis

__all__ = ["BREIGER", "a_unit", "as_units", "cell_profiles", "cell_words", "in_unit_words",
           "initiative_words", "renamed_initiatives", "tie_method", "unit", "with_article"]


def unit(a: Analysis, plural: bool = True) -> str:
    """What the network's actors take part in: the registry's records in its own word
    (initiatives, activities, grants: :attr:`ecosystem.kinds.RegistryKind.records`), or
    cells for co-presence."""
    if a.copresence:
        return "cells" if plural else "cell"
    return a.kind.records if plural else a.kind.record


def a_unit(a: Analysis) -> str:
    """One :func:`unit` with its article: "an initiative", "an activity", "a grant", "a cell"."""
    return with_article(unit(a, plural=False))


def with_article(word: str) -> str:
    """``word`` after "an" when it starts with a vowel ("an activity"), else after "a"."""
    return ("an " if word[:1] in "aeiou" else "a ") + word


_INITIATIVE_WORD = re.compile(r"\binitiative(s\b|\(s\)|\b)")


def in_unit_words(a: Analysis, text: pd.Series) -> pd.Series:
    """A measure's ``explanation`` column with "initiative(s)" in the network's :func:`unit`
    (:func:`initiative_words`)."""
    return initiative_words(text, unit(a), unit(a, plural=False))


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
    either = f"{one}(s)" if many == one + "s" else many

    def word(m: re.Match) -> str:
        return {"s": many, "(s)": either}.get(m[1], one)

    return text.astype("string").str.replace(_INITIATIVE_WORD, word, regex=True)


def cell_words(a: Analysis) -> str:
    """The co-presence cells in words: "sector × admin1"."""
    o = a.cell_options
    return f"{o['level']} × {o['place_kind']}"


def tie_method(a: Analysis) -> tuple[str, str]:
    """The Methods entry that says what a tie between two actors is."""
    meaning = a.kind.tie_meaning[0].upper() + a.kind.tie_meaning[1:]
    weighting = a.settings.weight  # the projection's weighting (Analysis.projection)
    if a.copresence:
        text = (f"Two organisations are tied when they work in the same {cell_words(a)} cell "
                "(a cell holds an organisation when one of its records names that "
                f"{a.cell_options['level']} and that place); the number of cells two "
                "organisations share is the tie's 'shared' count. It is the one-mode projection "
                "of the organisation × cell network (Breiger 1974).")
        if weighting == "newman":
            text += (" Edge weights use Newman's weighting over cells: each cell of k "
                     "organisations adds 1/(k−1) to each pair, so a crowded cell does not "
                     "dominate (Newman 2001).")
        elif weighting == "count":
            text += " Edge weight = number of shared cells."
        return "Co-presence projection", text
    text = f"{meaning}."
    if weighting == "newman":
        text += (f" Edge weights use Newman's collaboration weighting: each {unit(a, False)} of "
                 "k members adds 1/(k−1) to each pair, so a large consortium does not dominate "
                 "(Newman 2001).")
    return f"{a.kind.network.capitalize()} projection", text


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


#: Reference of the co-presence projection.
BREIGER = ("Breiger, R. L. (1974). The duality of persons and groups. Social Forces, 53(2), "
           "181–190.")


def cell_profiles(a: Analysis, prof: pd.DataFrame, memb: pd.DataFrame) -> pd.DataFrame:
    """Co-presence community profiles: where the community's organisations work.

    ``top_sectors`` and ``top_places`` count the community's (organisation, cell) pairs by
    the cell's sector (target, goal) and place; the label names the most frequent of each.
    """
    net = a.network_reg
    level = a.cell_options["level"]
    if level == "sector":
        facet = net.initiative_themes[["initiative_id", "theme"]]
    elif level == "target":
        facet = net.initiative_targets[["initiative_id", "target"]]
    else:
        facet = net.initiative_goals.assign(goal="SDG " + net.initiative_goals["goal"]
                                            .astype(str))[["initiative_id", "goal"]]
    facet = facet.set_axis(["initiative_id", "facet"], axis=1)
    places = net.initiative_places.assign(where=net.initiative_places["name"].fillna(
        net.initiative_places["place"]))[["initiative_id", "where"]]
    pairs = (net.ties[["actor_id", "initiative_id"]].drop_duplicates()
             .merge(memb[["actor_id", "community"]], on="actor_id")
             .merge(facet, on="initiative_id").merge(places, on="initiative_id"))

    def top(col: str) -> pd.Series:
        counts = pairs.groupby(["community", col]).size().rename("n").reset_index()
        counts = counts.sort_values(["community", "n", col], ascending=[True, False, True])
        return counts.groupby("community").apply(
            lambda d: "; ".join(f"{v} ({n})" for v, n in zip(d[col].head(3), d["n"].head(3))),
            include_groups=False)

    out = prof.drop(columns=["top_goals", "top_targets"]).rename(columns={"initiatives": "cells"})
    out.insert(3, f"top_{level}s", out["community"].map(top("facet")).fillna(""))
    out.insert(4, "top_places", out["community"].map(top("where")).fillna(""))
    first = (lambda text: text.split(" (")[0])
    out["label"] = [" · ".join(filter(None, (first(f), first(p))))
                    for f, p in zip(out[f"top_{level}s"], out["top_places"])]
    return out
