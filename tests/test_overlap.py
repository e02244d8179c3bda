"""Overlap between initiatives: similarity components, combined score, candidates, recall."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from helpers.overlap_registry import overlap_registry

from ecosystem.errors import AnalysisError
from ecosystem.measures.coordination.candidate_recall import candidate_recall, exhaustive_pairs
from ecosystem.measures.coordination.candidates import (
    candidate_pairs,
    shared_facet_pairs,
    text_neighbour_pairs,
)
from ecosystem.measures.coordination.overlap import (
    DEFAULT_WEIGHTS,
    PAIR_COLUMNS,
    combined_score,
    initiative_pairs,
    overlap_features,
)
from ecosystem.measures.coordination.pair_similarity import (
    initiative_features,
    pair_components,
)
from ecosystem.model import Registry

TODAY = "2026-01-01"


@pytest.fixture(scope="module")
def reg():
    return overlap_registry()


def _components(reg, a, b):
    f = initiative_features(reg)
    pos = {k: n for n, k in enumerate(f.ids)}
    return pair_components(f, np.array([pos[a]]), np.array([pos[b]])).iloc[0]


def test_components_by_hand(reg):
    c = _components(reg, "m1", "m2")  # worked out in tests/helpers/overlap_registry.py
    assert c["actors_jaccard"] == 0.5 and c["shared_actors"] == 2
    assert c["targets_jaccard"] == pytest.approx(2 / 3)
    assert c["places_jaccard"] == 0.5
    assert c["time_overlap"] == 1.0
    assert 0.3 < c["text_cosine"] < 1.0

    c = _components(reg, "f1", "f2")
    assert (c["actors_jaccard"], c["targets_jaccard"], c["places_jaccard"]) == (1.0, 1.0, 1.0)
    assert math.isnan(c["time_overlap"])  # no dates / 1970 placeholder: unknown, not 0

    c = _components(reg, "m1", "c1")
    assert (c["actors_jaccard"], c["shared_actors"]) == (0.0, 0)
    assert math.isnan(c["places_jaccard"])  # c1 has no place
    assert c["targets_jaccard"] == 0.0  # {14.1, 14.2, SDG 14} vs {SDG 13}
    assert c["time_overlap"] == 0.0  # 2018–2020 vs 2030–2031


def test_text_cosine_by_hand():
    # TF-IDF with smooth idf over 3 documents: idf(coral, df 2) = ln(4/3) + 1 = 1.28768,
    # idf(reef) = idf(lagoon) = ln(4/2) + 1 = 1.69315; tf = 1. The two vectors share only
    # "coral": cos = 1.28768² / (1.28768² + 1.69315²) = 1.65812 / 4.52488 = 0.36644.
    reg = Registry.from_frames(initiatives=pd.DataFrame({
        "initiative_id": ["x", "y", "z"], "registry": "t", "record_id": ["x", "y", "z"],
        "kind": "partnership", "title": ["Coral reef", "Coral lagoon", "Kelp forest"]}))
    f = initiative_features(reg)
    c = pair_components(f, np.array([0, 0]), np.array([1, 2]))
    assert c["text_cosine"].tolist() == pytest.approx([0.36644, 0.0], abs=1e-5)
    assert c["actors_jaccard"].isna().all()  # no ties: unknown


def test_partial_time_overlap():
    # 2020-01-01..2020-01-10 (10 days) and 2020-01-06..2020-03-01: 5 shared days of the shorter 10
    reg = Registry.from_frames(initiatives=pd.DataFrame({
        "initiative_id": ["p", "q"], "registry": "t", "record_id": ["p", "q"],
        "kind": "partnership", "title": ["p", "q"],
        "start": ["2020-01-01", "2020-01-06"], "end": ["2020-01-10", "2020-03-01"]}))
    f = initiative_features(reg)
    assert pair_components(f, [0], [1])["time_overlap"].iloc[0] == 0.5


def test_combined_score_skips_unknown_components(reg):
    c = _components(reg, "f1", "f2")
    w = DEFAULT_WEIGHTS
    expected = (w["actors"] + w["targets"] + w["places"] + w["text"] * c["text_cosine"]) / (
        1 - w["time"])
    assert combined_score(c.to_frame().T)[0] == pytest.approx(expected)
    m = _components(reg, "m1", "m2")
    expected = (0.2 * 0.5 + 0.1 * 2 / 3 + 0.1 * 0.5 + 0.1 * 1.0 + 0.5 * m["text_cosine"])
    assert combined_score(m.to_frame().T)[0] == pytest.approx(expected)


def test_thin_evidence_gets_no_score():
    # only targets, places and time known: 0.3 of the weight, under MIN_KNOWN_WEIGHT (0.5)
    df = pd.DataFrame({"actors_jaccard": [float("nan")], "targets_jaccard": [1.0],
                       "places_jaccard": [1.0], "time_overlap": [1.0],
                       "text_cosine": [float("nan")]})
    assert math.isnan(combined_score(df)[0])
    df["text_cosine"] = 0.0  # text known: 0.8 of the weight -> (.1 + .1 + .1 + 0) / .8
    assert combined_score(df)[0] == pytest.approx(0.375)


def test_initiative_pairs_columns_and_explanations(reg):
    p = initiative_pairs(reg, min_score=0.3, today=TODAY)
    assert list(p.columns) == PAIR_COLUMNS
    assert set(zip(p["initiative_a"], p["initiative_b"])) == {("f1", "f2"), ("m1", "m2")}
    f = p.set_index("initiative_a").loc["f1"]
    assert f["explanation"].startswith("same actor Fiji Ministry of Fisheries; same targets "
                                       "14.5 and SDG 14; same place Fiji; dates not given")
    assert f["title_similarity"] == 100.0  # case differs only
    m = p.set_index("initiative_a").loc["m1"]
    assert ("2 of 4 actors shared (Kenya Wildlife Service and Mangrove Action Project); "
            "2 of 3 targets shared (14.1 and SDG 14); 1 of 2 places shared (Kenya); "
            "windows overlap 100% of the shorter; titles") in m["explanation"]
    assert p["score"].is_monotonic_decreasing


def test_weights_and_text_floor(reg):
    p = initiative_pairs(reg, min_score=0.0, min_text=0.0, weights={"actors": 1.0})
    by = {(a, b): s for a, b, s in zip(p["initiative_a"], p["initiative_b"], p["score"])}
    assert by[("m1", "m2")] == 0.5 and by[("f1", "f2")] == 1.0
    strict = initiative_pairs(reg, min_score=0.0, min_text=0.99)
    assert strict.empty  # no pair has near-identical text
    with pytest.raises(AnalysisError, match="unknown weight"):
        initiative_pairs(reg, weights={"budget": 1.0})
    with pytest.raises(AnalysisError, match="non-negative"):
        initiative_pairs(reg, weights={"text": -1.0})


def test_exhaustive_matches_candidates_on_small_registry(reg):
    cand = initiative_pairs(reg, min_score=0.0, min_text=0.0)
    full = exhaustive_pairs(reg, min_score=0.0, min_text=0.0)
    assert len(full) == 10  # C(5, 2); every pair has a known text cosine
    found = set(zip(cand["initiative_a"], cand["initiative_b"]))
    assert {("m1", "m2"), ("f1", "f2")} <= found
    pd.testing.assert_frame_equal(
        full[full.set_index(["initiative_a", "initiative_b"]).index.isin(found)]
        .reset_index(drop=True), cand.reset_index(drop=True))
    r = candidate_recall(reg, min_score=0.3)
    assert (r["pairs_above"], r["found"], r["recall"]) == (2, 2, 1.0)
    r = candidate_recall(reg, min_score=0.3, sample=2)  # 2 rows against the other 4
    assert r["pairs_compared"] == 2 * 4 - 1 and r["found"] == r["pairs_above"] <= 2
    r = candidate_recall(reg, min_score=0.3, sample=5)
    assert (r["pairs_compared"], r["pairs_above"], r["found"]) == (10, 2, 2)


def test_hub_facets_are_stop_words():
    import scipy.sparse as sp
    # column 0 is held by all 4 rows (a hub), column 1 by rows 2 and 3
    m = sp.csr_matrix(np.array([[1, 0], [1, 0], [1, 1], [1, 1]], dtype=float))
    assert shared_facet_pairs(m, max_df=2).tolist() == [2 * 4 + 3]
    assert len(shared_facet_pairs(m, max_df=4)) == 6  # all C(4, 2) pairs


def test_text_neighbours_keep_top_k():
    import scipy.sparse as sp
    x = sp.csr_matrix(np.array([[1.0, 0, 0], [0.9, 0.436, 0], [0.6, 0.8, 0], [0, 0, 1.0]]))
    codes = text_neighbour_pairs(x, 1, max_df=1.0, keep_above=1.0)
    # nearest of 0 is 1 (0.9), of 1 is 2 (0.88), of 2 is 1; row 3 has no neighbour
    assert sorted(set(codes.tolist())) == [0 * 4 + 1, 1 * 4 + 2]


def reference_text_neighbours(x, k, max_df=0.2, min_cosine=0.02, keep_above=0.1, max_k=50,
                              block_entries=5_000_000):
    """The text-neighbour search written the long way: every row's entries sorted, ranked."""
    import scipy.sparse as sp
    n = x.shape[0]
    df = np.diff(x.tocsc().indptr)
    xs = x[:, np.flatnonzero(df <= max(2, max_df * n))].astype(np.float32).tocsr()
    xt = xs.T.tocsr()
    per_row = max(1.0, float((np.diff(xt.indptr).astype(float) ** 2).sum()) / n)
    step, codes = max(1, int(block_entries / per_row)), []
    for s in range(0, n, step):
        sim = sp.coo_matrix(xs[s:s + step] @ xt)
        row, col, val = sim.row, sim.col, sim.data
        ok = (col != row + s) & (val >= min_cosine)
        row, col, val = row[ok], col[ok], val[ok]
        order = np.argsort(row + 0.5 * (1.0 - val))
        row, col, val = row[order], col[order], val[order]
        first = np.searchsorted(row, np.arange(sim.shape[0]))
        rank = np.arange(len(row)) - first[row]
        top = (rank < k) | ((rank < max_k) & (val >= keep_above))
        a, b = row[top].astype(np.int64) + s, col[top].astype(np.int64)
        codes.append(np.minimum(a, b) * n + np.maximum(a, b))
    return np.concatenate(codes)


@pytest.mark.parametrize("seed", range(6))
def test_text_neighbours_are_the_ranked_entries_of_each_row(seed):
    """Only each row's first max_k entries are ranked now; the pairs (and their order) are
    those of ranking every entry, ties (copied rows) included."""
    import scipy.sparse as sp
    rng = np.random.default_rng(seed)
    n, words = 300, 80
    x = sp.random(n, words, density=0.08, random_state=seed, format="csr")
    x = sp.vstack([x, x[rng.integers(0, n, 40)]]).tocsr()        # copies: equal cosines
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    x = sp.diags(np.where(norms > 0, 1 / np.where(norms > 0, norms, 1), 0)) @ x
    for k, max_k, above, block in ((10, 50, 0.1, 5_000_000), (3, 7, 0.3, 20_000)):
        got = text_neighbour_pairs(x.tocsr(), k, max_df=0.5, keep_above=above, max_k=max_k,
                                   block_entries=block)
        want = reference_text_neighbours(x.tocsr(), k, 0.5, keep_above=above, max_k=max_k,
                                         block_entries=block)
        assert got.tolist() == want.tolist() and len(got) > n


def test_candidate_pairs_on_small_registry(reg):
    f = overlap_features(reg)
    i, j = candidate_pairs(f)
    pairs = {(f.ids[a], f.ids[b]) for a, b in zip(i, j)}
    assert {("m1", "m2"), ("f1", "f2")} <= pairs
    assert all(a < b for a, b in zip(i, j))


def test_dormant_choice(reg):
    # dormant on 2026-01-01: m1, m2 ended without deliverable; f1, f2 have no real dates
    only = initiative_pairs(reg, min_score=0.3, dormant="only", today=TODAY)
    assert len(only) == 2
    with pytest.raises(AnalysisError, match="at least two initiatives, got 1"):
        initiative_pairs(reg, dormant="exclude", today=TODAY)  # only c1 is active
    with pytest.raises(AnalysisError, match="dormant"):
        initiative_pairs(reg, dormant="sometimes")


def test_empty_registry_is_a_clear_error():
    with pytest.raises(AnalysisError, match="registry is empty"):
        initiative_pairs(Registry.empty())
    with pytest.raises(AnalysisError, match="registry is empty"):
        candidate_recall(Registry.empty())


# --- the real Ocean commitments registry -------------------------------------------------

def test_candidate_recall_on_ocean(ocean):
    # Measured: 2,650 initiatives, 3.5M pairs, ~71k candidates (2%); 346 pairs reach score
    # 0.5 with text ≥ 0.2 and all are found. (Without the text floor, 491 of 500, 0.98:
    # printed by `make bench`, benchmarks/overlap_bench.py.)
    r = candidate_recall(ocean)
    assert r["initiatives"] == 2650 and r["all_pairs"] == 3_509_925
    assert r["candidates"] < 0.03 * r["all_pairs"]
    assert r["pairs_above"] > 250
    assert r["recall"] >= 0.99


def test_real_duplicate_pair_scores_top(ocean):
    p = initiative_pairs(ocean, min_score=0.8)
    ids = {(a.rsplit("/", 1)[-1], b.rsplit("/", 1)[-1]): s
           for a, b, s in zip(p["initiative_a"], p["initiative_b"], p["score"])}
    # #OceanAction57659 and 57660: the High Seas Alliance's "Race for Ratification" entered twice
    assert ids[("OceanAction57659", "OceanAction57660")] > 0.95


# --- building blocks of the near-linear overlap path ------------------------------------------


@pytest.mark.parametrize("ncol", [3, 300, 5000])
def test_shared_columns_match_the_rowwise_product(ncol):
    import scipy.sparse as sp

    from ecosystem.measures.coordination.set_intersections import shared_columns, shared_counts

    # packed bits up to PACKED_COLUMNS columns, hash look-ups beyond: both against the
    # intersection computed by scipy's element-wise product of the gathered rows
    rng = np.random.default_rng(ncol)
    m = sp.random(400, ncol, density=min(0.4, 12 / ncol), format="csr", random_state=ncol)
    m.data[:] = 1.0
    i, j = rng.integers(0, 400, 3000), rng.integers(0, 400, 3000)
    ref = m[i].multiply(m[j]).tocsr()
    ref.sort_indices()
    k, cols = shared_columns(m, i, j)
    assert k.tolist() == np.repeat(np.arange(3000), np.diff(ref.indptr)).tolist()
    assert cols.tolist() == ref.indices.tolist()
    assert shared_counts(m, i, j).tolist() == np.diff(ref.indptr).tolist()


def test_distinct_codes_is_numpy_unique():
    from ecosystem.measures.coordination.candidates import distinct_codes

    x = np.random.default_rng(0).integers(0, 50, 1000)
    u, inv = distinct_codes(x, return_inverse=True)
    assert u.tolist() == sorted(set(x.tolist())) and (u[inv] == x).all()
    assert distinct_codes(np.zeros(0, dtype=np.int64)).tolist() == []


def test_label_lists_name_four_and_count_the_rest():
    import scipy.sparse as sp

    from ecosystem.measures.coordination.pair_explanations import set_phrases
    # rows 0 and 1 share columns 0..5 (of 7 in the union); 2 and 3 share column 1 only
    m = sp.csr_matrix(np.array([[1, 1, 1, 1, 1, 1, 1, 0], [1, 1, 1, 1, 1, 1, 0, 0],
                                [0, 1, 0, 0, 0, 0, 0, 1], [0, 1, 0, 0, 0, 0, 0, 1]]))
    labels = np.array(list("ABCDEFGH"), dtype=object)
    got = set_phrases(m, labels, np.array([0, 2]), np.array([1, 3]),
                      np.array([6 / 7, 1.0]), "actors").tolist()
    assert got == ["6 of 7 actors shared (A, B, C, D and 2 more)", "same actors B and H"]


def test_explanations_are_the_per_pair_sentences_on_the_helper_registry(reg):
    # every candidate of the hand-made registry, explained column-wise, against the
    # sentence written out by hand from its components (the per-pair rule)
    p = initiative_pairs(reg, min_score=0.0, min_text=0.0)
    f = overlap_features(reg)
    pos = {k: n for n, k in enumerate(f.ids)}

    def phrase(m, labels, a, b, jac, what):
        shared = [labels[c] for c in sorted(set(m[a].indices) & set(m[b].indices))]
        if math.isnan(jac):
            return f"{what} not given for both"
        if not shared:
            return f"no {what} in common"
        listed = (", ".join(shared[:-1]) + (" and " if len(shared) > 1 else "") + shared[-1]
                  if len(shared) <= 4 else ", ".join(shared[:4]) + f" and {len(shared) - 4} more")
        if jac >= 1:
            return f"same {what if len(shared) > 1 else what[:-1]} {listed}"
        return f"{len(shared)} of {round(len(shared) / jac)} {what} shared ({listed})"

    for r in p.itertuples():
        a, b = pos[r.initiative_a], pos[r.initiative_b]
        t = r.time_overlap
        want = "; ".join([
            phrase(f.actors, f.actor_labels, a, b, r.actors_jaccard, "actors"),
            phrase(f.targets, f.target_labels, a, b, r.targets_jaccard, "targets"),
            phrase(f.places, f.place_labels, a, b, r.places_jaccard, "places"),
            "dates not given for both" if math.isnan(t) else "windows do not overlap"
            if t == 0 else f"windows overlap {t:.0%} of the shorter",
            f"titles {r.title_similarity:.0f}% similar" + (
                "" if math.isnan(r.text_cosine) else f", text cosine {r.text_cosine:.2f}")])
        assert r.explanation == want
    assert len(p) >= 2  # the candidates of the five records, f1–f2 and m1–m2 among them


def test_explain_writes_the_best_pairs_only(reg):
    full = initiative_pairs(reg, min_score=0.0, min_text=0.0)
    some = initiative_pairs(reg, min_score=0.0, min_text=0.0, explain=1)
    assert some["explanation"].iloc[0] == full["explanation"].iloc[0]
    assert some["explanation"].iloc[1:].isna().all() and len(some) == len(full) > 1
    pd.testing.assert_frame_equal(some.drop(columns="explanation"),
                                  full.drop(columns="explanation"))


def test_combined_score_is_the_row_sum_to_the_last_bit():
    # the column-by-column sums against the plain (rows × 5) formula, NaN = unknown
    rng = np.random.default_rng(3)
    cols = ["actors_jaccard", "targets_jaccard", "places_jaccard", "time_overlap", "text_cosine"]
    df = pd.DataFrame({c: np.where(rng.random(5000) < 0.3, np.nan, rng.random(5000))
                       for c in cols})
    wv = np.array([DEFAULT_WEIGHTS[c] for c in ("actors", "targets", "places", "time", "text")])
    x = df[cols].to_numpy()
    den, num = (~np.isnan(x) * wv).sum(axis=1), (np.nan_to_num(x) * wv).sum(axis=1)
    want = np.where(den >= 0.5 * wv.sum() - 1e-12, num / np.where(den > 0, den, 1), np.nan)
    assert np.array_equal(combined_score(df), want, equal_nan=True)


def test_title_similarity_is_rapidfuzz_token_sort_ratio():
    from rapidfuzz import fuzz, process, utils

    from ecosystem.measures.coordination.pair_similarity import title_similarity

    titles = ["", " ", "Coral reef restoration in Fiji", "Fiji: coral-reef RESTORATION",
              "À la carte", "x\ty  z", "\u00a0a b", "Ça va? oui!", "ǅ ß ẞ", "a\u2003b",
              "Reef Trust / Reef trust (2021)"]
    reg = Registry.from_frames(initiatives=pd.DataFrame({
        "initiative_id": [f"t{k}" for k in range(len(titles))], "registry": "r",
        "record_id": [f"t{k}" for k in range(len(titles))], "kind": "partnership",
        "title": titles}))
    f = initiative_features(reg)
    i, j = np.triu_indices(len(titles), k=1)
    # pair by pair, and as the former call (cpdist: the same scores in float32)
    want = [fuzz.token_sort_ratio(f.titles[a], f.titles[b], processor=utils.default_process)
            for a, b in zip(i, j)]
    assert title_similarity(f, i, j).tolist() == pytest.approx(want, abs=1e-4)
    before = process.cpdist(f.titles[i], f.titles[j], scorer=fuzz.token_sort_ratio,
                            processor=utils.default_process)
    assert np.array_equal(title_similarity(f, i, j), before)


def test_the_report_says_when_explanations_stop(reg, monkeypatch, tmp_path):
    import ecosystem.report.sections_coordination as sections
    from ecosystem.measures.context import Analysis, Settings

    a = Analysis(reg, Settings(cache_dir=tmp_path))
    pairs = sections.overlap(a).full_tables["initiative_pairs"]
    assert len(pairs) >= 2 and pairs["explanation"].notna().all()
    monkeypatch.setattr(sections, "EXPLAINED_PAIRS", 1)
    s = sections.overlap(Analysis(reg, Settings(cache_dir=tmp_path)))
    told = s.full_tables["initiative_pairs"]["explanation"]
    assert told.notna().sum() == 1
    assert f"the best 1 pairs; the other {len(pairs) - 1} in the full table have their scores only" in s.how_to_read


def test_the_pairs_table_names_each_record_so_copies_can_be_told_apart(reg, tmp_path):
    # copies of one record have the same title: the record ids tell the rows apart
    import ecosystem.report.sections_coordination as sections
    from ecosystem.measures.context import Analysis, Settings

    reg = reg.replace(initiatives=reg.initiatives.assign(record_id="R-" + reg.initiatives["record_id"]))
    s = sections.overlap(Analysis(reg, Settings(cache_dir=tmp_path)))
    caption, shown, _ = s.tables[0]
    pairs = s.full_tables["initiative_pairs"].sort_values("score", ascending=False)
    assert caption == "Most similar pairs" and list(shown.columns[:4]) == [
        "record a", "title a", "record b", "title b"]
    assert shown["record a"].tolist() == ("R-" + pairs["initiative_a"]).head(len(shown)).tolist()
    assert shown["record b"].tolist() == ("R-" + pairs["initiative_b"]).head(len(shown)).tolist()
