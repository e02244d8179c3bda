"""Periods, spans, turnover, spells and rank stability on small registries computed by hand."""
from __future__ import annotations

import itertools
import warnings

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from ecosystem.errors import AnalysisError
from ecosystem.measures.time import (
    NO_DATES,
    period_table,
    registry_in_period,
    time_not_assessed,
    timeline,
)
from ecosystem.measures.time.lifecycle import life_cycle, stage_transitions
from ecosystem.measures.time.periods import initiative_spans, periods, read_rounds
from ecosystem.measures.time.ranks import compare_ranks, movers, rank_stability
from ecosystem.model import Registry
from ecosystem.report.sections_time import rank_move

# Five partnerships of five actors; i5 has no start (undated), i6 starts after the as-of date.
INITIATIVES = {
    "i1": ("2017-03-01", "2018-06-30", "ab"),
    "i2": ("2018-01-01", None, "bc"),          # no end: runs to the as-of date
    "i3": ("2019-05-01", "2019-12-31", "cde"),
    "i4": ("1970-01-01", "2020-01-01", "ae"),  # placeholder start: undated
    "i5": (None, None, "d"),
    "i6": ("2031-01-01", "2032-01-01", "ab"),  # announced
}
AS_OF = "2020-06-30"


def registry(initiatives: dict = INITIATIVES, kind: str = "partnership") -> Registry:
    ids = list(initiatives)
    ties = [(i, a) for i, (_, _, members) in initiatives.items() for a in members]
    return Registry.from_frames(
        actors=pd.DataFrame({"actor_id": list("abcde"), "name": list("ABCDE"),
                             "actor_type": ["ngo", "government", "ngo", "academic", "ngo"]}),
        initiatives=pd.DataFrame({"initiative_id": ids, "registry": "r", "record_id": ids,
                                  "kind": kind,
                                  "start": [initiatives[i][0] for i in ids],
                                  "end": [initiatives[i][1] for i in ids]}),
        ties=pd.DataFrame({"initiative_id": [i for i, _ in ties],
                           "actor_id": [a for _, a in ties], "role": "partner",
                           "registry": "r", "record_id": "x"}))


def test_periods_by_year_count_what_each_span_covers():
    t = period_table(registry(), as_of=AS_OF)
    assert t["period"].tolist() == ["2017", "2018", "2019", "2020"]
    assert t["end"].iloc[-1] == pd.Timestamp(AS_OF)
    # by hand: 2017 i1; 2018 i1 i2; 2019 i2 i3; 2020 i2
    assert t["initiatives"].tolist() == [1, 2, 2, 1]
    assert t["started"].tolist() == [1, 1, 1, 0]
    assert t["ended"].tolist() == [0, 1, 1, 0]            # i2's open end is no ending
    assert t["actors"].tolist() == [2, 3, 4, 2]           # ab; abc; bcde; bc
    assert t["actors_entering"].tolist() == [2, 1, 2, 0]  # a b; c; d e (b c stay); none
    assert t["actors_new"].tolist() == [2, 1, 2, 0]
    assert t["actors_leaving"].tolist() == [0, 0, 1, 2]   # a leaves 2019; d e leave 2020
    assert t.attrs["undated"] == 2 and t.attrs["announced"] == 1
    assert t.attrs["undated_actors"] == 3                 # a, e (i4) and d (i5)


def test_ties_density_and_centralisation_match_networkx():
    reg = registry()
    t = period_table(reg, as_of=AS_OF)
    members = {i: m for i, (_, _, m) in INITIATIVES.items()}
    active = [["i1"], ["i1", "i2"], ["i2", "i3"], ["i2"]]
    previous: set = set()
    for k, ids in enumerate(active):
        g = nx.Graph()
        for i in ids:
            g.add_nodes_from(members[i])
            g.add_edges_from(itertools.combinations(members[i], 2))
        edges = {frozenset(e) for e in g.edges}
        row = t.iloc[k]
        assert row["ties"] == g.number_of_edges()
        assert row["density"] == pytest.approx(nx.density(g))
        assert row["ties_formed"] == len(edges - previous)
        assert row["ties_dissolved"] == len(previous - edges)
        if k:
            assert row["tie_jaccard"] == pytest.approx(len(edges & previous) / len(edges | previous))
        n = g.number_of_nodes()
        if n >= 3:
            deg = dict(g.degree())
            top = max(deg.values())
            assert row["centralisation"] == pytest.approx(
                sum(top - d for d in deg.values()) / ((n - 1) * (n - 2)))
        previous = edges


def test_spells_are_runs_of_consecutive_periods():
    tl = timeline(registry(), as_of=AS_OF)
    ties = tl.tie_spells.set_index(["source", "target"])
    assert ties.loc[("a", "b"), "periods"] == 2             # i1: 2017, 2018
    assert ties.loc[("b", "c"), "periods"] == 3             # i2: 2018–2020
    assert ties.loc[("c", "d"), "start"] == pd.Timestamp("2019-01-01")
    actors = tl.actor_spells.set_index("actor_id")
    assert actors.loc["b", "periods"] == 4 and actors.loc["a", "periods"] == 2


def test_a_returning_tie_has_two_spells():
    reg = registry({"i1": ("2017-01-01", "2017-12-31", "ab"),
                    "i2": ("2019-01-01", "2019-12-31", "ab"),
                    "i3": ("2018-01-01", "2018-12-31", "cd")})
    spells = timeline(reg, as_of="2019-12-31").tie_spells
    ab = spells[(spells["source"] == "a") & (spells["target"] == "b")]
    assert ab[["first", "last"]].to_numpy().tolist() == [[0, 0], [2, 2]]


def test_rounds_cut_at_their_start_dates_and_keep_a_before_period():
    rounds = {"second": "2019-01-01", "first": "2018-01-01", "later": "2035-01-01"}
    t = period_table(registry(), rounds=rounds, as_of=AS_OF)
    assert t["period"].tolist() == ["before first", "first", "second"]
    assert t["end"].tolist() == [pd.Timestamp("2017-12-31"), pd.Timestamp("2018-12-31"),
                                 pd.Timestamp(AS_OF)]
    assert t["initiatives"].tolist() == [1, 2, 2]
    assert t.attrs["by"] == "round"
    with pytest.raises(AnalysisError, match="YYYY-MM-DD"):
        read_rounds(["not a date"])


def test_registry_in_period_keeps_active_initiatives_and_their_actors():
    sub = registry_in_period(registry(), "2019-06-01", "2019-06-30", as_of=AS_OF)
    assert sorted(sub.initiatives["initiative_id"]) == ["i2", "i3"]
    assert sorted(sub.actors["actor_id"]) == list("bcde")
    assert registry_in_period(registry(), "2040-01-01", "2040-12-31",
                              as_of=AS_OF).initiatives.empty


def test_spans_follow_each_kind():
    reg = Registry.from_frames(
        initiatives=pd.DataFrame({
            "initiative_id": ["a1", "a2", "g1", "p1"], "registry": "r",
            "record_id": ["1", "2", "3", "4"], "kind": ["activity", "activity", "grant", "presence"],
            "status": ["Closed", "Implementation", None, None],
            "start": [None, "2016-01-01", None, "2020-03-01"], "end": [None, None, None, None]}),
        flows=pd.DataFrame({"flow_id": ["f1", "f2", "f3"], "initiative_id": ["a1", "a1", "g1"],
                            "date": ["2015-02-01", "2017-05-01", "2018-09-09"]}))
    s = initiative_spans(reg, as_of="2020-12-31").set_index("initiative_id")
    # a closed activity without dates: its first to its last transaction
    assert (s.loc["a1", "start"], s.loc["a1", "end"]) == (pd.Timestamp("2015-02-01"),
                                                          pd.Timestamp("2017-05-01"))
    assert s.loc["a2", "end"] == pd.Timestamp("2020-12-31") and s.loc["a2", "open_end"]
    assert s.loc["g1", "start"] == s.loc["g1", "end"] == pd.Timestamp("2018-09-09")
    assert s.loc["p1", "end"] == pd.Timestamp("2020-03-01")   # one date: a one-day span


def test_no_dates_is_said_not_guessed():
    reg = Registry.from_frames(initiatives=pd.DataFrame({
        "initiative_id": ["p1", "p2"], "registry": "r", "record_id": ["1", "2"],
        "kind": "presence"}))
    assert time_not_assessed(reg) == NO_DATES == "no dates: change over time not assessed"
    with pytest.raises(AnalysisError, match="no dates: change over time not assessed"):
        period_table(reg)
    assert time_not_assessed(registry(), AS_OF) is None


def test_the_as_of_date_not_the_clock_ends_the_last_period():
    later = {k: v for k, v in INITIATIVES.items() if k != "i6"}
    t = period_table(registry(later))  # as-of from the data: the latest real start (2019-05-01)
    assert t["end"].iloc[-1] == pd.Timestamp("2019-05-01")
    assert t["period"].iloc[-1] == "2019"


def test_rank_comparison_matches_scipy_on_the_union_of_top_lists():
    scores = pd.DataFrame({"p1": [5.0, 4.0, 3.0, 2.0, 1.0, np.nan],
                           "p2": [1.0, 4.0, 5.0, np.nan, 2.0, 3.0]}, index=list("abcdef"))
    r = compare_ranks(scores, top=3).iloc[0]
    # top 3 of p1: a b c; of p2: c b f -> union a b c f; absent f in p1 ranks 6 (5 active + 1)
    ra = {"a": 1, "b": 2, "c": 3, "f": 6}
    rb = {"a": 5, "b": 2, "c": 1, "f": 3}
    keys = sorted(ra)
    assert r["actors_compared"] == 4 and r["top_kept"] == 2
    assert r["spearman"] == pytest.approx(stats.spearmanr([ra[k] for k in keys],
                                                          [rb[k] for k in keys]).statistic)
    assert r["kendall"] == pytest.approx(stats.kendalltau([ra[k] for k in keys],
                                                          [rb[k] for k in keys]).statistic)


def test_rank_stability_ranks_hubs_by_initiatives_shared_with_partners_per_period():
    tl = timeline(registry(), as_of=AS_OF)
    ranks = rank_stability(tl.nets, top=2, min_actors=2)
    scores = ranks["hub_scores"]
    assert scores.columns.tolist() == ["2017", "2018", "2019", "2020"]
    # 2018: i1 ab, i2 bc; 2019: i2 bc, i3 cde (c has three partners in two initiatives)
    assert scores.loc["b", "2018"] == 2 and scores.loc["c", "2019"] == 2
    assert scores.loc[["b", "d", "e"], "2019"].tolist() == [1, 1, 1]
    assert np.isnan(scores.loc["a", "2019"])                               # a not active


def test_hub_ranks_count_a_large_initiative_once():
    """One initiative of six members gives each five partners; actor h works with a partner
    in three initiatives. By partners the six would lead; h shares the most initiatives."""
    big = {"big": ("2019-01-01", "2019-12-31", "abcdef")}
    pairs = {f"p{k}": ("2019-01-01", "2019-12-31", f"h{m}") for k, m in enumerate("abc")}
    reg = registry({**big, **pairs})
    reg = reg.replace(actors=pd.DataFrame({"actor_id": list("abcdefh"), "name": list("ABCDEFH"),
                                           "actor_type": "ngo"}))
    tl = timeline(reg, as_of="2019-12-31")
    scores = rank_stability(tl.nets, top=2, min_actors=2)["hub_scores"]["2019"]
    # by hand: h in p0 p1 p2; a, b, c in big and one pair each; d, e, f in big only
    assert scores.to_dict() == {"a": 2, "b": 2, "c": 2, "d": 1, "e": 1, "f": 1, "h": 3}
    assert scores.idxmax() == "h"


def test_movers_rank_ties_as_a_league_table_does():
    """A mean rank ("rank 29.5 → 1" in the Ocean report) is right for Spearman's ρ, not for a
    reader: ties share the best rank of their tie and are marked tied (counted here by hand:
    in p1 c has the most partners, a, b and d share the next score; in p2 a leads)."""
    scores = pd.DataFrame({"p1": [2.0, 2.0, 9.0, 2.0, np.nan], "p2": [8.0, 1.0, 3.0, 1.0, 5.0]},
                          index=list("abcde"))
    m = movers(scores, "p1", "p2", top=5).set_index("actor_id")
    assert m.loc["a", ["rank_first", "rank_last", "change"]].tolist() == [2.0, 1.0, 1.0]
    assert m.loc["b", ["rank_first", "rank_last"]].tolist() == [2.0, 4.0]  # tied 4th with d
    assert m.loc[["a", "b", "c"], "tied_first"].tolist() == [True, True, False]
    assert m.loc[["a", "b", "e"], "tied_last"].tolist() == [False, True, False]
    assert np.isnan(m.loc["e", "rank_first"]) and not m.loc["e", "tied_first"]
    assert rank_move(m.loc["b"]) == "rank 2 (tied) → 4 (tied)"


def test_periods_reject_unknown_choices():
    s = initiative_spans(registry(), as_of=AS_OF)
    with pytest.raises(AnalysisError, match="choose year or round"):
        periods(s, by="month")
    with pytest.raises(AnalysisError, match="rounds"):
        periods(s, by="round")


def test_rank_stability_leaves_out_small_periods():
    tl = timeline(registry(), as_of=AS_OF)
    kept = rank_stability(tl.nets, top=2)["hub_scores"].columns.tolist()
    assert kept == ["2019"]                       # the only period with 2 × 2 active actors


def reference_compare(scores: pd.DataFrame, top: int) -> list:
    """compare_ranks written with pandas nsmallest and scipy.stats, row by row."""
    rows = []
    cols = list(scores.columns)
    for a, b in itertools.pairwise(cols):
        x, y = scores[a], scores[b]
        if x.notna().sum() < 2 or y.notna().sum() < 2:
            continue
        ra = x.rank(ascending=False, method="average").fillna(x.notna().sum() + 1)
        rb = y.rank(ascending=False, method="average").fillna(y.notna().sum() + 1)
        ta, tb = set(ra[x.notna()].nsmallest(top).index), set(rb[y.notna()].nsmallest(top).index)
        union = sorted(ta | tb)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rho = stats.spearmanr(ra[union], rb[union]).statistic if len(union) > 2 else np.nan
            tau = stats.kendalltau(ra[union], rb[union]).statistic if len(union) > 2 else np.nan
        rows.append([a, b, len(union), len(ta & tb), float(rho), float(tau)])
    return rows


def test_rank_comparison_equals_the_pandas_and_scipy_reference_with_ties():
    rng = np.random.default_rng(3)
    for _ in range(40):
        n, p = int(rng.integers(3, 40)), int(rng.integers(2, 6))
        values = rng.integers(0, 6, (n, p)).astype(float)          # many tied scores
        values[rng.random((n, p)) < 0.25] = np.nan                   # absent actors
        scores = pd.DataFrame(values, index=[f"x{k:02d}" for k in rng.permutation(n)],
                              columns=[f"p{k}" for k in range(p)])
        top = int(rng.integers(1, 8))
        got = compare_ranks(scores, top=top).to_numpy().tolist()
        want = reference_compare(scores, top)
        assert len(got) == len(want)
        for g, w in zip(got, want):
            assert g[:4] == w[:4]
            assert all(a == b or (np.isnan(a) and np.isnan(b)) for a, b in zip(g[4:], w[4:]))


def test_spells_sorted_by_id_whatever_the_actor_order():
    reg = registry()
    backwards = reg.replace(actors=reg.actors.iloc[::-1].reset_index(drop=True))
    for r in (reg, backwards):
        tl = timeline(r, as_of=AS_OF)
        for spells, keys in ((tl.tie_spells, ["source", "target", "first"]),
                             (tl.actor_spells, ["actor_id", "first"])):
            assert len(spells) and spells.equals(spells.sort_values(keys).reset_index(drop=True))


def test_stage_transitions_reuse_the_stages_already_judged():
    reg = registry()
    dates = [pd.Timestamp("2018-06-30"), pd.Timestamp(AS_OF)]
    known = life_cycle(reg, pd.Timestamp(AS_OF))
    pd.testing.assert_frame_equal(stage_transitions(reg, dates, known=known),
                                  stage_transitions(reg, dates))
