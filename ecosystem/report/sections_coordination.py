"""Report sections on coordination: overlap and duplication, coverage and gaps.

Cells are SDG target × place by default; the study's ``[analysis] level``
makes them goal × place or sector × place (``level = "sector"``: clusters of a
3W sheet, DAC sectors of IATI files; see :mod:`ecosystem.measures.coordination.coverage`).
"""
from __future__ import annotations

import pandas as pd

from ecosystem import views
from ecosystem.dormancy import RULE_WORDS, AsOf
from ecosystem.errors import AnalysisError
from ecosystem.measures.context import Analysis
from ecosystem.measures.coordination.cells import place_names
from ecosystem.measures.coordination.coverage import coverage
from ecosystem.measures.coordination.crowding import MIN_CROWDING, MIN_INITIATIVES, crowding
from ecosystem.measures.coordination.duplicates import DUPLICATE_MIN_SCORE, duplicate_clusters
from ecosystem.measures.coordination.gaps import (
    dormancy_summary,
    fragmented_cells,
    missing_bridges,
)
from ecosystem.measures.coordination.need import need_gaps
from ecosystem.measures.coordination.overlap import (
    DEFAULT_MIN_SCORE,
    EXPLAINED_PAIRS,
    initiative_pairs,
)
from ecosystem.measures.coordination.uncovered import uncovered
from ecosystem.model import Registry
from ecosystem.report.section import Section, shown_tables
from ecosystem.views.coverage import cell_row_title
from ecosystem.views.duplication import duplicate_kinds_sentence
from ecosystem.views.formatting import count, counted_subject, prose_percent
from ecosystem.views.labels import community_label, sdg_target_label
from ecosystem.views.record_words import initiative_words, renamed_initiatives

__all__ = ["MIN_COMMUNITY", "dormancy_finding", "gaps", "overlap"]


def _cells(a: Analysis) -> tuple[str, str]:
    """The cell subject column and the words for a cell: ("sector", "sector × admin1")."""
    level = a.settings.level
    if level == "sector":
        return "sector", f"sector × {a.settings.place_kind.replace('_', ' ')}"
    return level, f"{level} × place"


def _busiest_cell(crowd: pd.DataFrame, row: str, words: str, records: str = "initiatives",
                  record: str = "initiative") -> str | None:
    """A sentence on the cell of two records or more with most actors: who is present together,
    and are they tied."""
    # a cell of one record holds its member list, not work that could be coordinated: "9
    # actors in 1 activity" is one consortium
    presence = crowd.attrs.get("connectivity")  # a 3W: its organisations are present, not tied
    crowd = crowd[crowd["initiatives"] >= 2]
    if crowd.empty:
        return None
    top = crowd.sort_values(["actors", "initiatives"], ascending=False, kind="stable").iloc[0]
    where = top["place_name"] if isinstance(top["place_name"], str) else top["place"]
    subject = f"{row} {top[row]}" if row != "goal" else f"SDG {top['goal']}"
    text = (f"The {words} cell with the most actors is {subject} in {where}: "
            f"{int(top['actors']):,} actors in {int(top['initiatives']):,} "
            f"{records if int(top['initiatives']) != 1 else record}")
    if presence:
        return (f"The {words} cell with the most organisations is {subject} in {where}: "
                f"{int(top['actors']):,} organisations ({int(top['initiatives']):,} presence "
                "records).")
    if top["actor_pairs"]:
        connected, pairs = int(top["connected_pairs"]), int(top["actor_pairs"])
        text += (f"; {_how_many(connected, pairs)} the {pairs:,} "
                 f"pair{'s' if pairs != 1 else ''} of its actors in different {records} "
                 f"{'has' if connected == 1 or pairs == 1 else 'have'} worked together anywhere "
                 "in the registry")
    return text + "."


def _how_many(part: int, whole: int) -> str:
    """ "none of", "neither of", "both of", "all of" or "3 of": a count of pairs in words at its
    ends ("0 of the 2 pairs … have worked together" read as a slip).

    >>> _how_many(0, 2), _how_many(0, 5), _how_many(2, 2), _how_many(5, 5), _how_many(3, 5)
    ('neither of', 'none of', 'both of', 'all of', '3 of')
    """
    if part == 0:
        return "neither of" if whole == 2 else "none of"
    if part == whole and whole > 1:
        return "both of" if whole == 2 else "all of"
    return f"{part:,} of"


def _with_records(pairs: pd.DataFrame, reg: Registry) -> pd.DataFrame:
    """``pairs`` with the registry's record id of each initiative (``record_a``, ``record_b``)."""
    record = reg.initiatives.set_index("initiative_id")["record_id"]
    return pairs.assign(record_a=pairs["initiative_a"].map(record),
                        record_b=pairs["initiative_b"].map(record))


def overlap(a: Analysis) -> Section:
    """Duplicate registrations, substantive overlap and crowded cells."""

    pairs = initiative_pairs(a.reg, candidates=a.overlap_candidates, explain=EXPLAINED_PAIRS)
    presence = a.kind.name == "presence"  # a 3W: duplicates are one organisation reported twice
    clusters = duplicate_clusters(a.reg, candidates=a.overlap_candidates,
                                  cells=a.cells if presence else None)
    row, words = _cells(a)
    crowd = crowding(a.reg, cells=a.cells, connectivity=not a.copresence)
    s = Section("overlap", "Overlap and duplication: the alphabet soup")
    recs, rec = a.kind.records, a.kind.record
    flagged = crowd[crowd["flag"].fillna(False).astype(bool)] if len(crowd) else crowd
    crowded = crowd[(crowd["crowding"] >= MIN_CROWDING)
                    & (crowd["initiatives"] >= MIN_INITIATIVES)] if len(crowd) else crowd
    if presence:  # similar presence records are organisations in one cell: co-presence
        pairs = pairs.iloc[0:0]
    s.findings = [
        f"{len(pairs):,} pairs of {recs} score at least {DEFAULT_MIN_SCORE:.2f} on combined "
        f"similarity (shared actors, targets, places, time and text).",
        duplicate_kinds_sentence(clusters, presence=presence,
                                 activity=a.kind.name == "activity"),
        f"{counted_subject(len(flagged), f'{words} cell', f'{words} cells')} crowded while "
        f"{'its' if len(flagged) == 1 else 'their'} actors are poorly connected to each other."
        if not crowd.attrs.get("connectivity") else
        f"{len(crowded):,} {words} cells are crowded ({MIN_CROWDING:g}× the median cell or "
        f"more); whether their organisations are poorly connected is not assessed: "
        f"{crowd.attrs['connectivity'].removeprefix('connectivity not assessed: ')}.",
    ]
    if presence:
        s.findings.pop(0)
    busiest = _busiest_cell(crowd, row, words, recs, rec)
    if busiest:
        s.findings.append(busiest)
    s.summary = [s.findings[0 if presence else 1]] + ([busiest] if busiest and row == "sector"
                                                      else [])
    s.how_to_read = ("Each pair's score combines the components shown in its row; the "
                     f"explanation says what the two records share. A cluster groups {recs} "
                     f"linked by high-scoring pairs. Crowding: many {recs} on one {row} in "
                     "one place; connection: how many of their actors already work together.")
    if len(pairs) > EXPLAINED_PAIRS:
        s.how_to_read += (f" Explanations are written for the best {count(EXPLAINED_PAIRS)} pairs; "
                          f"the other {count(len(pairs) - EXPLAINED_PAIRS)} in the full table have "
                          "their scores only.")
    s.figures = [views.similarity_histogram(pairs, threshold=DUPLICATE_MIN_SCORE),
                 views.duplicate_clusters_table(clusters),
                 *([] if crowd.attrs.get("connectivity") else  # no tie data beyond presence
                   [views.crowding_scatter(crowd, label=(row, "place_name"),
                                           title=f"Crowding against connection per {words} "
                                                 "cell")])]
    s.tables = shown_tables([
        # the record ids tell apart copies of one record, whose titles are the same
        ("Most similar pairs", _with_records(pairs.sort_values("score", ascending=False), a.reg)
         [["record_a", "title_a", "record_b", "title_b", "score", "explanation"]], a.settings.top),
        ("Crowded, poorly connected cells",
         _in_records(flagged.drop(columns=["flag", *_PLACE_CODES], errors="ignore"), recs, rec),
         a.settings.top)])
    s.full_tables = {"initiative_pairs": pairs, "duplicate_clusters": clusters, "crowding": crowd}
    s.methods = [(f"{rec.capitalize()} similarity", "Jaccard overlap of actors, targets and "
                  "places, time "
                  "window overlap, and TF-IDF cosine of title and description (as scikit-learn's "
                  "TfidfVectorizer computes it), combined with documented weights; candidate "
                  "pairs come from shared facets and text nearest neighbours, never all pairs."),
                 ("Duplicates", ("One organisation's records in one sector × place cell "
                                 "with near-identical titles or text; organisations present "
                                 "in the same cell are co-present, not duplicates."
                                 if presence else
                                 "Records with near-identical titles or text by one "
                                 "organisation, and pairs scoring at least "
                                 f"{DUPLICATE_MIN_SCORE:.2f}, clustered so that each "
                                 f"{rec} is in one cluster, labelled by their leads: the "
                                 "same lead, one organisation under two names (actor ids whose "
                                 "names share an identifier, a body, an acronym, or one name "
                                 "inside the other), or different organisations.")),
                 ("Crowding", f"{recs.capitalize()} and actors per {words} cell, with the density "
                  "of co-membership ties among the cell's actors" + (
                      f" ({crowd.attrs['connectivity']})." if crowd.attrs.get("connectivity")
                      else "."))]
    s.references = ["Salton, G., & Buckley, C. (1988). Term-weighting approaches in automatic "
                    "text retrieval. Information Processing & Management, 24(5), 513–523."]
    return s


def _fragmented(n: int, words: str, what: str) -> str:
    """"194 target × place cells are fragmented: <what>", or "No … cell is fragmented (<what>)"."""
    subject = counted_subject(n, f"{words} cell", f"{words} cells")
    return f"{subject} fragmented ({what})" if n == 0 else f"{subject} fragmented: {what}"


def _in_records(table: pd.DataFrame, records: str, record: str) -> pd.DataFrame:
    """A measure's table as the page shows it: its columns and explanations count in the
    registry's own word for a record ("activities", "presence records")."""
    if "explanation" in table and len(table):
        table = table.assign(explanation=initiative_words(table["explanation"], records, record))
    return renamed_initiatives(table, records, record)


#: Place columns a table need not show beside the place's name.
_PLACE_CODES = ["place", "place_kind"]


def _bridges_shown(a: Analysis, bridges: pd.DataFrame) -> pd.DataFrame:
    """The missing-bridges table with each community named by its label, not its number."""
    if bridges.empty:
        return bridges
    prof = a.community_profiles.set_index("community")["label"]  # computed once, with structure
    name = {c: community_label(c, prof.get(c)) for c in
            set(bridges["community_a"]) | set(bridges["community_b"])}
    out = bridges.assign(community_a=bridges["community_a"].map(name),
                         community_b=bridges["community_b"].map(name))
    out["explanation"] = [
        f"{r.community_a} ({r.initiatives_a:,} {a.kind.records}, {r.actors_a:,} actors) and "
        f"{r.community_b} ({r.initiatives_b:,} {a.kind.records}, {r.actors_b:,} actors) both "
        "work on "
        f"{sdg_target_label(r.target) if str(r.target)[:1].isdigit() else r.target}, but no actor belongs to both and no actor of one has "
        "ever worked with an actor of the other" for r in out.itertuples()]
    return renamed_initiatives(out.drop(columns=["goal"], errors="ignore"), a.kind.records,
                               a.kind.record)


def dormancy_finding(dorm: pd.DataFrame, as_of: AsOf, records: str = "initiatives") -> str:
    """The dormancy finding: how many are dormant as of the data's date, or why not assessed.

    ``records`` names the registry's rows ("activities" of an IATI registry).

    Examples
    --------
    >>> dorm = pd.DataFrame({"status": ["dormant", "active", "dormant"],
    ...                      "reason": ["all", "all", "no real dates and no dated deliverable"],
    ...                      "initiatives": [2, 6, 2]})
    >>> print(dormancy_finding(dorm, AsOf(pd.Timestamp("2026-03-26"), "snapshot date")))
    2 of the 8 initiatives assessed (25%) are dormant as of 2026-03-26 (snapshot date):
    2 with nothing dated.
    >>> print(dormancy_finding(dorm.assign(initiatives=[1, 7, 1]), AsOf(pd.Timestamp("2026-03-26"),
    ...                                                                   "snapshot date")))
    1 of the 8 initiatives assessed (12%) is dormant as of 2026-03-26 (snapshot date):
    1 with nothing dated.
    """
    total = dorm[dorm["reason"] == "all"].set_index("status")["initiatives"]
    skipped = dorm[dorm["status"] == "not assessed"]
    rest = "; ".join(f"{int(r['initiatives']):,} not assessed ({r['reason']})"
                     for _, r in skipped.iterrows())
    assessed = int(total.sum())
    if not assessed:
        first = str(skipped["reason"].iloc[0]) if len(skipped) else f"no {records}"
        more = f"; {rest}" if len(skipped) > 1 else ""
        return f"{first[0].upper()}{first[1:]}{more}."
    k = int(total.get("dormant", 0))
    clauses = dorm[(dorm["status"] == "dormant") & (dorm["reason"] != "all")
                   & (dorm["initiatives"] > 0)]
    why = ", ".join(f"{int(r['initiatives']):,} {_CLAUSES.get(r['reason'], r['reason'])}"
                    for _, r in clauses.iterrows())
    verb = "is" if k == 1 else "are"
    head = (f"{k:,} of the {assessed:,} {records} assessed ({prose_percent(k / assessed)}) {verb} "
            "dormant" if k else f"None of the {assessed:,} {records} assessed is dormant")
    return (f"{head} as of {as_of}" + (f": {why}" if why else "") + (f"; {rest}" if rest else "")
            + ".")


#: The dormancy clauses (:func:`~ecosystem.measures.coordination.gaps.dormancy_summary`) in findings.
_CLAUSES = {"no real dates and no dated deliverable": "with nothing dated",
            "completion date passed with no deliverable":
                "past their completion date with nothing delivered",
            "activity suspended": "suspended",
            "activity with no transaction or start in two years":
                "in implementation with no transaction and no start in the two years before"}


#: Communities smaller than this are left out of the missing-bridges finding: pairs of
#: two-actor communities in separate corners of the registry say little.
MIN_COMMUNITY = 10


def gaps(a: Analysis) -> Section:
    """Coverage of targets (sectors) by place, fragmented and uncovered cells, missing bridges.

    At sector level a cell is fragmented when its initiatives fall into two or
    more unlinked groups (``strict=False``): an initiative of a 3W sheet is one
    organisation's activity, so the activities of one organisation are always
    linked and the strict test (no linked pair at all) would find nothing.
    """
    kind = a.settings.place_kind
    row, words = _cells(a)
    sector = row == "sector"
    cells = a.cells
    cov = coverage(a.reg, cells=cells)
    frag = fragmented_cells(a.reg, strict=not sector, cells=cells)
    if a.copresence:  # organisations in one cell are tied by co-presence: nothing to tell apart
        frag = frag.iloc[0:0]
    # the largest first (the measure orders by target and place): "the largest" and the rows shown
    frag = frag.sort_values(["initiatives", "actors"], ascending=False, kind="stable")
    unc = uncovered(a.reg, place_kind=kind, level="sector" if sector else "target",
                    vocabulary=cells.vocabulary)
    try:
        sizes = a.communities["community"].value_counts()
        large = a.communities[a.communities["community"].isin(sizes[sizes >= MIN_COMMUNITY].index)]
        bridges = missing_bridges(a.reg, large, incidence=cells.incidence)
        n_large = int((sizes >= MIN_COMMUNITY).sum())
        pairs = (f"No two communities of {MIN_COMMUNITY}+ actors work" if bridges.empty else
                 f"{len(bridges):,} pair{'s' if len(bridges) > 1 else ''} of communities of "
                 f"{MIN_COMMUNITY}+ actors work")
        bridge_note = (f"{pairs} on the same {'sector' if sector else 'target'} with no actor in "
                       "both and no tie between them." if n_large >= 2 else
                       "Missing bridges between communities are not assessed: "
                       + ("no community has" if n_large == 0 else "only one community has")
                       + f" {MIN_COMMUNITY} actors or more.")
    except AnalysisError as exc:  # e.g. a 3W sheet: one organisation per presence
        bridges = pd.DataFrame()
        bridge_note = f"Missing bridges between communities were not computed: {exc}"
    dorm = dormancy_summary(a.reg, a.as_of)
    s = Section("gaps", "Coordination gaps")
    recs, rec = a.kind.records, a.kind.record
    registry_unc = unc[unc["scope"] == "registry"]
    place_unc = unc[unc["scope"] == "place"].sort_values("goal_initiatives", ascending=False,
                                                         kind="stable")
    if sector:
        vocab = cells.vocabulary
        n_sectors, n_places = cov["sector"].nunique(), cov["place"].nunique()
        top = initiative_words(frag["explanation"], recs, rec).iloc[0] if len(frag) else None
        s.findings = [
            (f"Fragmentation is not assessed: a 3W records only who is present, so the "
             f"organisations of a {words} cell are tied by co-presence and no cell can show "
             "them apart." if a.copresence else
             _fragmented(len(frag), words, f"{recs} in two or more groups with no shared actor "
                         "and no tie between the groups")
             + (f"; the largest: {top}." if top else ".")),
            f"{len(cov):,} of the {n_sectors * n_places:,} {words} cells have work "
            f"({n_sectors} sectors of the {vocab!r} vocabulary in {n_places} "
            f"{kind.replace('_', ' ')} areas).",
            bridge_note,
        ]
    else:
        s.findings = [
            _fragmented(len(frag), words, f"several {recs}, no shared actor and no tie between "
                        "their actors") + ".",
            (f"{len(registry_unc):,} targets have no {rec} at all in the registry."
             if len(registry_unc) else
             f"Every target recorded at target level has at least one {rec} somewhere."),
            bridge_note,
        ]
    focus = unc.attrs.get("focus")
    if focus is not None:  # one place holds nearly all records: the others' work is not listed
        name = place_names(a.reg, kind).get(focus[0], focus[0])
        s.findings.insert(2, f"Empty cells are read in {name} alone, where {focus[1]:,} of the "
                             f"{focus[2]:,} {recs} with a {kind.replace('_', ' ')} work: the "
                             f"registry is about {name}, and does not list all the work of the "
                             f"other places its {recs} reach.")
    if len(place_unc) and sector:
        example = initiative_words(place_unc["explanation"].head(1), recs, rec).iloc[0]
        s.findings.insert(2, f"{len(place_unc):,} {words} cells are empty where the place has "
                             "work in other sectors and the sector works elsewhere in its "
                             f"area: e.g. {example}.")
    elif len(place_unc):
        example = initiative_words(place_unc["explanation"].head(1), recs, rec).iloc[0]
        s.findings.insert(2, f"{len(place_unc):,} place × target cells are empty where the place "
                             f"has work on the goal: e.g. {example}.")
    s.findings.append(dormancy_finding(dorm, a.as_of, recs))
    s.summary = s.findings[:1] + s.findings[3:]
    row_title = cell_row_title(row, cells.vocabulary if sector else None)
    s.how_to_read = (f"The heatmap counts {recs} per {row_title} and place"
                     + ("; outlined cells are fragmented. " if not a.copresence else ". ")
                     + ("Uncovered rows list sectors missing from a place where other sectors "
                        "work while the sector works elsewhere in the same area."
                        if sector else f"Uncovered rows list targets with no {rec} at all."))
    s.figures = [views.coverage_heatmap(cov, row=row, gaps=frag, row_title=row_title,
                                        value_title=recs, title=f"{recs.capitalize()} per {row} and "
                                        f"{kind.replace('_', ' ')}"
                                        + ("" if a.copresence else
                                           f"; {len(frag):,} fragmented cells outlined"))]
    # targets with no work anywhere, then the places with the most work on the goal
    unc_shown = pd.concat([registry_unc, place_unc]).drop(columns=_PLACE_CODES, errors="ignore")
    s.tables = [("Fragmented cells", _in_records(frag.drop(columns=["initiative_ids",
                                                                    *_PLACE_CODES],
                                                           errors="ignore"), recs, rec),
                 a.settings.top),
                ("Uncovered sectors" if sector else "Uncovered targets",
                 _in_records(unc_shown, recs, rec), a.settings.top),
                (f"Communities on the same {'sector' if sector else 'target'} with no bridge",
                 _bridges_shown(a, bridges), a.settings.top),
                ("Dormancy", _in_records(dorm, recs, rec), None)]
    if a.settings.need:

        need = need_gaps(a.reg, a.settings.need, place_kind=kind,
                         vocabulary=cells.vocabulary, cells=cells)
        s.tables.insert(0, ("Largest gaps against the need layer", need, a.settings.top))
        s.full_tables["need_gaps"] = need
    s.tables = shown_tables(s.tables)
    s.full_tables.update({"coverage": cov, "fragmented_cells": frag, "uncovered": unc,
                          "missing_bridges": bridges})
    s.methods = [("Fragmentation", f"A cell is fragmented when it has two or more {recs} "
                  "and none of them shares an actor, or has actors tied through any other "
                  f"{rec} of the registry."
                  + (" At sector level, where a record is usually one organisation's "
                     f"activity, a cell is fragmented when its {recs} fall into two or more "
                     "groups with no link between the groups." if sector else "")),
                 ("Dormancy", ((f"Judged as of {a.as_of.date.date().isoformat()}, never the day "
                                "the report runs. "
                   if a.as_of.date is not None else "The data holds no date to judge it at. ")
                  + RULE_WORDS.get(a.kind.name, RULE_WORDS["partnership"])))]
    return s
