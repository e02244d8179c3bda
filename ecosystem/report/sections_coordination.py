"""Report sections on coordination: overlap and duplication, coverage and gaps."""
from __future__ import annotations

import pandas as pd

from .. import views
from ..errors import AnalysisError
from ..coverage import coverage
from ..gaps import dormancy_summary, fragmented_cells, missing_bridges, uncovered
from .context import Analysis, Section


def _pct(x: float) -> str:
    return f"{x:.0%}" if x >= 0.01 or x == 0 else f"{x:.1%}"


def overlap(a: Analysis) -> Section:
    """Duplicate registrations, substantive overlap and crowded cells."""
    from ..crowding import crowding
    from ..duplicates import DUPLICATE_MIN_SCORE, duplicate_clusters
    from ..overlap import DEFAULT_MIN_SCORE, initiative_pairs

    pairs = initiative_pairs(a.reg)
    clusters = duplicate_clusters(a.reg)
    crowd = crowding(a.reg, place_kind=a.settings.place_kind)
    s = Section("overlap", "Overlap and duplication: the alphabet soup")
    n_clusters = clusters["cluster"].nunique() if len(clusters) else 0
    kinds = clusters.drop_duplicates("cluster")["kind"].value_counts() if len(clusters) else {}
    flagged = crowd[crowd["flag"]] if len(crowd) else crowd
    s.findings = [
        f"{len(pairs):,} pairs of initiatives score at least {DEFAULT_MIN_SCORE:.2f} on combined "
        f"similarity (shared actors, targets, places, time and text).",
        f"{n_clusters:,} clusters of duplicates: "
        f"{int(kinds.get('near_duplicate_registration', 0)):,} look like the same initiative "
        f"registered twice by one lead, {int(kinds.get('substantive_overlap', 0)):,} are different "
        "leads doing the same thing.",
        f"{len(flagged):,} target × place cells are crowded while their actors are poorly "
        "connected to each other.",
    ]
    s.summary = [s.findings[1]]
    s.how_to_read = ("Each pair's score combines the components shown in its row; the "
                     "explanation says what the two records share. A cluster groups initiatives "
                     "linked by high-scoring pairs. Crowding: many initiatives on one target in "
                     "one place; connection: how many of their actors already work together.")
    s.figures = [views.similarity_histogram(pairs, threshold=DUPLICATE_MIN_SCORE),
                 views.duplicate_clusters_table(clusters),
                 views.crowding_scatter(crowd)]
    s.tables = [("Most similar pairs", pairs.sort_values("score", ascending=False)
                 [["title_a", "title_b", "score", "explanation"]], a.settings.top),
                ("Crowded, poorly connected cells", flagged, a.settings.top)]
    s.full_tables = {"initiative_pairs": pairs, "duplicate_clusters": clusters, "crowding": crowd}
    s.methods = [("Initiative similarity", "Jaccard overlap of actors, targets and places, time "
                  "window overlap, and TF-IDF cosine of title and description (scikit-learn), "
                  "combined with documented weights; candidate pairs come from shared facets and "
                  "text nearest neighbours, never all pairs."),
                 ("Crowding", "Initiatives and actors per target × place cell, with the density "
                  "of co-membership ties among the cell's actors.")]
    s.references = ["Salton, G., & Buckley, C. (1988). Term-weighting approaches in automatic "
                    "text retrieval. Information Processing & Management, 24(5), 513–523."]
    return s


#: Communities smaller than this are left out of the missing-bridges finding: pairs of
#: two-actor communities in separate corners of the registry say little.
MIN_COMMUNITY = 10


def gaps(a: Analysis) -> Section:
    """Coverage of targets by place, fragmented and uncovered cells, missing bridges."""
    kind = a.settings.place_kind
    cov = coverage(a.reg, place_kind=kind)
    frag = fragmented_cells(a.reg, place_kind=kind)
    unc = uncovered(a.reg, place_kind=kind)
    try:
        sizes = a.communities["community"].value_counts()
        large = a.communities[a.communities["community"].isin(sizes[sizes >= MIN_COMMUNITY].index)]
        bridges = missing_bridges(a.reg, large)
        bridge_note = (f"{len(bridges):,} pairs of communities of {MIN_COMMUNITY}+ actors work on "
                       "the same target with no actor in both and no tie between them.")
    except AnalysisError as exc:  # e.g. a 3W sheet: one organisation per presence
        bridges = pd.DataFrame()
        bridge_note = f"Missing bridges between communities were not computed: {exc}"
    dorm = dormancy_summary(a.reg)
    s = Section("gaps", "Coordination gaps")
    dormant = dorm[(dorm["status"] == "dormant") & (dorm["reason"] == "all")]
    registry_unc = unc[unc["scope"] == "registry"]
    place_unc = unc[unc["scope"] == "place"].sort_values("goal_initiatives", ascending=False)
    s.findings = [
        f"{len(frag):,} target × place cells are fragmented: several initiatives, no shared "
        "actor and no tie between their actors.",
        (f"{len(registry_unc):,} targets have no initiative at all in the registry."
         if len(registry_unc) else
         "Every target recorded at target level has at least one initiative somewhere."),
        bridge_note,
    ]
    if len(place_unc):
        top = place_unc.iloc[0]
        s.findings.insert(2, f"{len(place_unc):,} place × target cells are empty where the place "
                             f"has work on the goal: e.g. {top['explanation']}.")
    if len(dormant):
        d = dormant.iloc[0]
        s.findings.append(f"{int(d['initiatives']):,} initiatives ({_pct(d['share'])}) are "
                          "dormant: no real dates, no dated deliverable, or past their end "
                          "with nothing delivered.")
    s.summary = s.findings[:1] + s.findings[3:]
    s.how_to_read = ("The heatmap counts initiatives per SDG target and place; outlined cells "
                     "are fragmented. Uncovered rows list targets with no initiative at all.")
    s.figures = [views.coverage_heatmap(cov, gaps=frag, title=f"Initiatives per target and "
                                        f"{kind.replace('_', ' ')}; {len(frag):,} fragmented "
                                        "cells outlined")]
    s.tables = [("Fragmented cells", frag.drop(columns=["initiative_ids"], errors="ignore"),
                 a.settings.top),
                ("Uncovered targets", unc, a.settings.top),
                ("Communities on the same target with no bridge", bridges, a.settings.top),
                ("Dormancy", dorm, None)]
    if a.settings.need:
        from ..need import need_gaps

        need = need_gaps(a.reg, a.settings.need, place_kind=kind)
        s.tables.insert(0, ("Largest gaps against the need layer", need, a.settings.top))
        s.full_tables["need_gaps"] = need
    s.full_tables.update({"coverage": cov, "fragmented_cells": frag, "uncovered": unc,
                          "missing_bridges": bridges})
    s.methods = [("Fragmentation", "A cell is fragmented when it has two or more initiatives "
                  "and none of them shares an actor, or has actors tied through any other "
                  "initiative of the registry."),
                 ("Dormancy", "A record is dormant when it has no real dates, no deliverable "
                  "with a real date, or its completion date has passed with no deliverable.")]
    return s
