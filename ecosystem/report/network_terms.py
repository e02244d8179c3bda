"""How the report words the actor network of each registry kind.

A 3W registry's organisations work in place × sector cells and are tied by
co-presence (:func:`ecosystem.graphs.copresence_projection`); the other kinds'
actors are tied by taking part in the same record (co-membership,
co-participation, funding). The Methods entry on what a tie is, the cells in
words and the co-presence community profiles come from here; the records' own
words (initiatives, activities, grants, cells) from
:mod:`ecosystem.views.record_words`, which the explorer shares.

Examples
--------
>>> from ecosystem.measures.context import Analysis
>>> from ecosystem.model import Registry
>>> tie_method(Analysis(Registry.empty()))[0]
'Co-membership projection'
"""
from __future__ import annotations

import pandas as pd

from ecosystem.measures.context import Analysis
from ecosystem.views.record_words import unit

__all__ = ["BREIGER", "cell_profiles", "cell_words", "tie_method"]


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

    out = (prof.drop(columns=["top_goals", "top_targets", "top_sectors"], errors="ignore")
           .rename(columns={"initiatives": "cells"}))
    out.insert(3, f"top_{level}s", out["community"].map(top("facet")).fillna(""))
    out.insert(4, "top_places", out["community"].map(top("where")).fillna(""))
    first = (lambda text: text.split(" (")[0])
    out["label"] = [" · ".join(filter(None, (first(f), first(p))))
                    for f, p in zip(out[f"top_{level}s"], out["top_places"])]
    return out
