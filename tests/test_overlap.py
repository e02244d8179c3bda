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
