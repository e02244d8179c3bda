"""Report section "How the ecosystem changed": periods, entries and exits, ties, ranks, stages.

Reads :attr:`ecosystem.measures.context.Analysis.timeline` (periods by the
study's rounds, else by year, at the registry's as-of date) and states its
findings as sentences computed from it: when most actors joined and of which
type, which ties persisted, whether the top hubs and brokers stayed on top, and
where every initiative stands in its life cycle.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ecosystem.graphs.bipartite import membership_matrix
from ecosystem.id_lookups import lookup
from ecosystem.measures.context import Analysis
from ecosystem.measures.time.lifecycle import (
    STAGE_RULES,
    STAGES,
    portfolios,
    stage_counts,
    stage_transitions,
)
from ecosystem.measures.time.periods import SPAN_RULES
from ecosystem.measures.time.ranks import MEASURES
from ecosystem.measures.time.turnover import tie_duration
from ecosystem.report.section import Section
from ecosystem.report.section_needs import left_out
from ecosystem.views.formatting import count, name_list, number, percent
from ecosystem.views.labels import actor_type_label
from ecosystem.views.record_words import renamed_initiatives, with_article
from ecosystem.views.time import (
    entry_exit_chart,
    stage_bars,
    stage_label,
    stage_sankey,
    stepped_network,
    tie_turnover_chart,
)

__all__ = ["REFERENCES", "TITLE", "change", "rank_move", "start_periods"]

TITLE = "How the ecosystem changed"

#: References of the section's measures.
REFERENCES = [
    "Freeman, L. C. (1978). Centrality in social networks: conceptual clarification. "
    "Social Networks 1(3): 215–239.",
    "Jaccard, P. (1912). The distribution of the flora in the alpine zone. New Phytologist "
    "11(2): 37–50.",
    "Spearman, C. (1904). The proof and measurement of association between two things. "
    "American Journal of Psychology 15(1): 72–101.",
    "Kendall, M. G. (1938). A new measure of rank correlation. Biometrika 30(1/2): 81–93.",
    "Newman, M. E. J. (2001). Scientific collaboration networks. II. Shortest paths, weighted "
    "networks, and centrality. Physical Review E, 64, 016132.",
    "Holme, P. & Saramäki, J. (2012). Temporal networks. Physics Reports 519(3): 97–125.",
    "UN DESA (2018). United Nations Partnership for SDGs online platform introduces tracking "
    "of progress reports. 7 November 2018, sustainabledevelopment.un.org.",
    "IATI Standard. ActivityStatus codelist. "
    "https://iatistandard.org/en/iati-standard/203/codelists/activitystatus/",
]


def start_periods(spans: pd.DataFrame, table: pd.DataFrame) -> pd.Series:
    """The period each dated initiative started in (initiative_id → period label).

    Examples
    --------
    >>> spans = pd.DataFrame({"initiative_id": ["a", "b"], "dated": [True, False],
    ...                       "announced": [False, False],
    ...                       "start": pd.to_datetime(["2019-03-01", None])})
    >>> table = pd.DataFrame({"period": ["2018", "2019"],
    ...                       "start": pd.to_datetime(["2018-01-01", "2019-01-01"])})
    >>> start_periods(spans, table).to_dict()
    {'a': '2019'}
    """
    s = spans[spans["dated"] & ~spans["announced"]]
    pos = np.searchsorted(table["start"].to_numpy(dtype="datetime64[ns]"),
                          s["start"].to_numpy(dtype="datetime64[ns]"), side="right") - 1
    labels = table["period"].astype(str).to_numpy()
    return pd.Series(labels[np.clip(pos, 0, None)], index=s["initiative_id"].to_numpy())


def _day(when: pd.Timestamp) -> str:
    """A date as a sentence writes it: "1 January 2019"."""
    return f"{when.day} {when:%B %Y}"


def _span_sentence(t: pd.DataFrame, a: Analysis) -> str:
    peak = t.loc[t["initiatives"].idxmax()]
    last = t.iloc[-1]
    unit = "round" if t.attrs["by"] == "round" else "year"
    records = a.kind.records  # "initiatives", "grants", "activities", "presence records"
    text = (f"Read {unit} by {unit} from {t['period'].iloc[0]} to {last['period']}, the "
            f"registry had the most {records} active in {peak['period']} ")
    if peak["period"] == last["period"]:  # the busiest period is the one read to the as-of date
        text += (f"up to the as-of date {_day(a.timeline.as_of)} "
                 f"({count(peak['initiatives'])} {records}, {count(peak['actors'])} actors)")
    else:
        text += (f"({count(peak['initiatives'])} {records}, {count(peak['actors'])} actors); in "
                 f"{last['period']}, up to the as-of date {_day(a.timeline.as_of)}, "
                 f"{count(last['initiatives'])} were active")
    undated = t.attrs["undated"]
    if undated:
        what = a.kind.record if undated == 1 else records
        text += (f"; {count(undated)} {what} with no usable date "
                 f"{'is' if undated == 1 else 'are'} counted as undated, not placed in time")
    return text + "."


def _joined_sentence(t: pd.DataFrame, a: Analysis) -> str | None:
    nets = a.timeline.nets
    later = t.iloc[1:] if len(t) > 1 else t
    if later.empty or not later["actors_new"].any():
        return None
    k = int(later["actors_new"].idxmax())
    ever = int(nets.active_actors.any(axis=0).sum())
    new = nets.active_actors[k] & ~nets.active_actors[:k].any(axis=0)
    types = a.reg.actors["actor_type"].astype(str).to_numpy()[new]
    kinds = pd.Series(types[types != "unknown"]).value_counts()  # "Type unknown" says nothing
    text = (f"Most actors joined in {t.loc[k, 'period']}: {count(t.loc[k, 'actors_new'])} "
            f"came in for the first time ({percent(t.loc[k, 'actors_new'] / ever)} of the "
            f"{count(ever)} actors ever active)")
    if 0 < new.sum() <= 3:
        who = a.reg.actors.loc[new, ["name", "actor_type"]].astype(str)
        text += ": " + name_list(f"{n} ({actor_type_label(t)})" for n, t in who.to_numpy())
    elif len(kinds):
        text += (f"; the largest group among them: {actor_type_label(kinds.index[0])} "
                 f"({count(kinds.iloc[0])})")
    left = t.iloc[1:]
    if len(left) and left["actors_leaving"].any():
        j = int(left["actors_leaving"].idxmax())
        as_of = a.timeline.as_of
        # the last period ends on the as-of date: a year read to 13 May has had less time
        # for an actor to be active in it
        short = j == t.index[-1] and not (t.attrs["by"] != "round"
                                          and (as_of.month, as_of.day) == (12, 31))
        text += (f"; the most left after {t.loc[j - 1, 'period']} "
                 f"({count(t.loc[j, 'actors_leaving'])} not active in {t.loc[j, 'period']}"
                 + (f" up to {_day(as_of)}" if short else "") + ")")
    return text + "."


def _shared_initiatives(a: Analysis, sources: pd.Series, targets: pd.Series) -> np.ndarray:
    """How many initiatives each pair of actors takes part in together."""
    B = membership_matrix(a.reg)
    ids = a.reg.actors["actor_id"]
    i, j = lookup(sources, ids), lookup(targets, ids)
    return np.asarray(B[i].multiply(B[j]).sum(axis=1)).ravel()


def _ties_sentence(t: pd.DataFrame, a: Analysis, names: dict) -> str | None:
    spells = a.timeline.tie_spells
    if spells.empty:
        return None
    ties = spells.groupby(["source", "target"])["periods"].sum()
    one = float((ties == 1).mean())
    longest = spells[spells["periods"] == spells["periods"].max()]
    # among ties that lasted as long, the pair with the most initiatives together: one long
    # initiative's member list (with addresses read as actors) makes many ties of that length
    longest = longest.assign(shared=_shared_initiatives(a, longest["source"], longest["target"]))
    best = longest.sort_values(["shared", "first", "source", "target"],
                               ascending=[False, True, True, True]).iloc[0]
    unit = "rounds" if t.attrs["by"] == "round" else "years"
    pair = f"{names.get(best['source'], best['source'])} – {names.get(best['target'], best['target'])}"
    n_long = f"{count(best['periods'])} {unit} in a row"
    span = f"{t.loc[best['first'], 'period']} to {t.loc[best['last'], 'period']}"
    shared = int(best["shared"])
    together = f"{count(shared)} {a.kind.records if shared != 1 else a.kind.record} together"
    text = f"Of {count(len(ties))} ties, {percent(one)} were present in a single {unit[:-1]}; "
    if len(longest) == 1:
        text += f"the longest-lasting, {pair} ({together}), held for {n_long} ({span})"
    else:
        text += (f"{count(len(longest))} held for {n_long}, the longest; among them {pair} "
                 f"have the most {a.kind.records} together ({count(shared)}, {span})")
    jac = t["tie_jaccard"].dropna()
    if len(jac):
        text += (f"; consecutive {unit} shared {percent(jac.median())} of their ties "
                 f"(median Jaccard overlap)")
    return text + "."


def _rank_sentence(a: Analysis, names: dict) -> str | None:
    ranks = a.timeline.ranks(min(a.settings.top, 20))
    stab = ranks["hub_stability"].dropna(subset=["spearman", "kendall"])
    if stab.empty:
        return None
    last = stab.iloc[-1]
    rho = round(float(last["spearman"]), 2)
    word = ("kept much the same order" if rho >= 0.7 else "were partly reshuffled"
            if rho >= 0.3 else "were reshuffled")
    text = (f"From {last['period_from']} to {last['period_to']} the top hubs (by "
            f"{a.kind.records} shared with partners) "
            f"{word}: Spearman's ρ {number(rho, 2)}, Kendall's τ {number(last['kendall'], 2)} "
            f"over {count(last['actors_compared'])} actors")
    moved = ranks["hub_movers"].dropna(subset=["rank_first", "rank_last"])
    scores = ranks["hub_scores"]
    if len(moved) and scores.shape[1] > 1:
        up, down = moved.iloc[0], moved.iloc[-1]
        first, end = scores.columns[0], scores.columns[-1]
        if up["change"] > 0:
            text += (f"; between {first} and {end} {names.get(up['actor_id'], up['actor_id'])} "
                     f"rose most ({rank_move(up)})")
        if down["change"] < 0:
            text += (f" and {names.get(down['actor_id'], down['actor_id'])} fell most "
                     f"({rank_move(down)})")
    b = ranks["broker_stability"]
    b = b[(b["period_from"] == last["period_from"]) & b["spearman"].notna()]
    if len(b):
        text += f"; broker ranks: ρ {number(b['spearman'].iloc[-1], 2)} over the same step"
    return text + "."


def rank_move(row: pd.Series) -> str:
    """A mover's ranks in the first and the last period, as the time section writes them
    (a row of :func:`ecosystem.measures.time.ranks.movers`).

    >>> rank_move(pd.Series({"rank_first": 29.0, "rank_last": 1.0, "tied_first": True,
    ...                      "tied_last": False}))
    'rank 29 (tied) → 1'
    """
    first, last = (f"{number(row[f'rank_{end}'])}{' (tied)' if row[f'tied_{end}'] else ''}"
                   for end in ("first", "last"))
    return f"rank {first} → {last}"


def _stage_sentence(a: Analysis) -> str:
    st = a.timeline.stages["stage"].value_counts()
    parts = [f"{count(st[s])} {stage_label(s).split(' (')[0].lower()}" for s in STAGES
             if st.get(s, 0)]
    text = (f"As of {_day(a.timeline.as_of)}, of {count(st.sum())} {a.kind.records}: "
            + ", ".join(parts))
    if st.get("overdue", 0):
        text += (" (overdue: no deliverable within two years of the start, the platform's "
                 "two-year rule)" if a.kind.name == "partnership"
                 else " (overdue: in implementation past the planned end)")
    return text + "."


def _transition_dates(a: Analysis) -> list[pd.Timestamp]:
    t = a.timeline.table
    if t.attrs["by"] == "round":
        return [pd.Timestamp(d) for d in t["end"].tail(4)]
    day = a.timeline.as_of
    first = t["start"].iloc[0]
    return [d for d in (day - pd.DateOffset(years=y) for y in (6, 4, 2, 0)) if d >= first]


def _drawn(t: pd.DataFrame) -> pd.DataFrame:
    """The periods the charts draw: from the first with a fiftieth of the busiest period's
    actors (the first years of a registry hold a handful of records); all when few."""
    if len(t) <= 12:
        return t
    big = np.flatnonzero(t["actors"].to_numpy() * 50 >= t["actors"].max())
    return t.iloc[big[0]:] if len(big) else t


def _readable(t: pd.DataFrame) -> pd.DataFrame:
    out = t.copy()
    out["start"] = out["start"].dt.date
    out["end"] = out["end"].dt.date
    for c in ("tie_jaccard", "density", "centralisation"):
        out[c] = out[c].round(4)
    return out


def change(a: Analysis) -> Section:
    """The section "How the ecosystem changed" (see the module docstring).

    Raises
    ------
    AnalysisError
        "no dates: change over time not assessed" when no initiative has a usable date.

    Examples
    --------
    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> reg = Registry.from_frames(
    ...     actors=pd.DataFrame({"actor_id": list("abc"), "name": list("ABC"),
    ...                          "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2"], "registry": "r",
    ...                               "record_id": ["1", "2"], "kind": "partnership",
    ...                               "start": ["2018-01-01", "2019-01-01"],
    ...                               "end": ["2018-12-31", "2020-12-31"]}),
    ...     ties=pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i2"],
    ...                        "actor_id": ["a", "b", "b", "c"], "role": "partner",
    ...                        "registry": "r", "record_id": "1"}))
    >>> s = change(Analysis(reg))
    >>> print(s.findings[1])  # doctest: +NORMALIZE_WHITESPACE
    Most actors joined in 2019: 1 came in for the first time (33.3% of the 3 actors ever
    active): C (NGO); the most left after 2018 (1 not active in 2019 up to 1 January 2019).
    """
    tl = a.timeline
    t = tl.table
    names = dict(zip(a.reg.actors["actor_id"].astype(str), a.reg.actors["name"].astype(str)))
    s = Section("time", TITLE)
    # hub and broker ranks are read where the report reads hubs and brokers: a grants
    # registry's funder → recipient star has none to rank (every recipient has one partner)
    ranked = left_out("hubs", a) is None
    s.findings = [f for f in (_span_sentence(t, a), _joined_sentence(t, a),
                              _ties_sentence(t, a, names),
                              _rank_sentence(a, names) if ranked else None,
                              _stage_sentence(a)) if f]
    s.summary = s.findings[:2]
    unit = "round" if t.attrs["by"] == "round" else "year"
    one = a.kind.record
    s.how_to_read = (
        f"Each {unit} is a period; {with_article(one)} counts in every period its dates span, "
        f"and two actors are tied in a period when they take part in {with_article(one)} "
        "active then. "
        "Entering actors were not active in the period before; leaving actors were. The "
        f"small multiples draw the actors of recent periods that share the most "
        f"{a.kind.records} with partners, at fixed places (green: entered in that period). "
        "Stages are judged at the registry's as-of date, never the day the report runs.")
    cohorts = start_periods(tl.nets.spans, t)
    by_cohort = stage_counts(tl.stages, cohorts)
    order = {p: i for i, p in enumerate(t["period"].astype(str))}
    by_cohort = by_cohort.sort_values("group", key=lambda g: g.map(order)).reset_index(drop=True)
    ties = a.reg.ties.merge(a.reg.actors[["actor_id", "actor_type"]], on="actor_id")
    by_type = stage_counts(tl.stages, ties.drop_duplicates(["initiative_id", "actor_type"])
                           .set_index("initiative_id")["actor_type"].astype(str))
    by_type["group"] = by_type["group"].map(actor_type_label)
    by_type = by_type.sort_values("total", ascending=False).reset_index(drop=True)
    folios = portfolios(a.reg, tl.stages)
    folios["actor_type"] = folios["actor_type"].map(actor_type_label)
    transitions = stage_transitions(a.reg, _transition_dates(a), known=tl.stages)
    shown = _drawn(t)
    figures = [entry_exit_chart(shown), tie_turnover_chart(shown),
               stepped_network(tl.nets, names, top=min(a.settings.top, 25)),
               stage_bars(by_cohort.tail(12), title="Where each start cohort stands now "
                          f"({a.kind.records} by the period they started)"),
               stage_bars(by_type, title=f"{a.kind.records.capitalize()} by stage and the "
                                         "actor types taking part"),
               stage_sankey(transitions)]
    s.figures = [f for f in figures if f is not None]
    ranks = {k: v.round(3) if k.endswith("stability") else v
             for k, v in tl.ranks(min(a.settings.top, 20)).items()} if ranked else {}
    dur = tie_duration(tl.tie_spells).round({"share": 4})
    s.tables = [
        (f"Periods ({unit}s): active, entering and leaving",
         renamed_initiatives(_readable(t), a.kind.records, a.kind.record), None),
        ("Stages by start period (cohort)", by_cohort.rename(columns={"group": "period"}), None),
        ("Stages by actor type", by_type.rename(columns={"group": "actor type"}), None),
        ("Actors' portfolios by stage", folios.drop(columns=["actor_id"]), a.settings.top),
        *([("Hub rank stability (consecutive periods)", ranks["hub_stability"], None),
           ("Broker rank stability (consecutive periods)", ranks["broker_stability"], None)]
          if ranked else []),
        (f"How long ties last ({unit}s in a row)", dur, None)]
    s.full_tables = {"time_periods": _readable(t), "time_stages": tl.stages,
                     "time_portfolios": folios, "time_actor_spells": tl.actor_spells,
                     "time_tie_spells": tl.tie_spells}
    if ranked:
        s.full_tables.update(time_hub_stability=ranks["hub_stability"],
                             time_broker_stability=ranks["broker_stability"])
    kinds = [k for k in SPAN_RULES if (a.reg.initiatives["kind"] == k).any()] or ["partnership"]
    s.methods = [
        ("Periods and spans", f"Periods are {unit}s"
         + (" (the study's rounds, each to the day before the next)" if unit == "round" else "")
         + f", the last ending on the as-of date ({a.as_of}). "
           f"{with_article(one).capitalize()} is active "
         + "; ".join(f"({k}) {SPAN_RULES[k]}" for k in kinds)
         + ". A record with no usable start is counted as undated, never given a guessed "
           "date; one starting after the as-of date is announced and in no period."),
        ("Entries, exits and tie turnover", "Per period, actors (ties) entering were not "
         "active in the period before, persisting were, leaving were active before and not "
         "now; the overlap of consecutive tie sets is the Jaccard index |E_t ∩ E_t−1| / "
         "|E_t ∪ E_t−1| (Jaccard 1912). A tie's duration is its run of consecutive periods "
         "(Holme & Saramäki 2012)."),
        ("Density and centralisation", "Density 2m / (n(n − 1)) over the actors active in the "
         "period; Freeman's degree centralisation Σ(d_max − d_i) / ((n − 1)(n − 2)) "
         "(Freeman 1978)."),
        *([("Rank stability", "In each period with at least twice the top-list size of active "
         "actors (and a tenth of the busiest period's), actors are ranked as hubs by the "
         f"number of the period's {a.kind.records} they share with partners (their tie "
         "strength under Newman's collaboration weights Σ_k 1/(n_k − 1), Newman 2001: "
         f"{with_article(one)} of n members counts once for each, not n − 1 times) and as "
         "brokers by " + MEASURES["broker"] + " (hop counts); consecutive periods are "
         "compared over the "
         "union of their top lists with Spearman's ρ (Spearman 1904) and Kendall's τ-b "
         "(Kendall 1938); an actor absent from a period ranks after every active one.")]
          if ranked else []),
        ("Life-cycle stages", " ".join(f"{k.capitalize()}: {STAGE_RULES[k]}" for k in kinds)
         + " Stages at earlier dates (the alluvial) judge the record as it stands at the "
           "as-of date on that day.")]
    s.references = REFERENCES
    return s
