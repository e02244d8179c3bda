"""Spearman's ρ and Kendall's τ-b without scipy.stats: the same floats as scipy gives."""
from __future__ import annotations

import warnings

import numpy as np
import pytest
from scipy import stats

from ecosystem.measures.time.rank_correlation import average_ranks, kendall_tau_b, spearman_rho


def scipy_pair(x, y):
    with warnings.catch_warnings():  # constant inputs: scipy warns and gives NaN
        warnings.simplefilter("ignore")
        return (float(stats.spearmanr(x, y).statistic),
                float(stats.kendalltau(x, y).statistic))


def same(a: float, b: float) -> bool:
    return a == b or (np.isnan(a) and np.isnan(b))


def test_equal_to_scipy_bit_for_bit_with_ties_and_constants():
    rng = np.random.default_rng(7)
    for _ in range(500):
        n = int(rng.integers(2, 45))
        levels = int(rng.integers(1, 10))
        x = rng.integers(0, levels, n) / 2.0           # many ties, half ranks as in ranks.py
        y = rng.permutation(n) + 1.0 if rng.random() < 0.5 else rng.integers(0, levels, n) * 1.0
        rho, tau = scipy_pair(x, y)
        assert same(spearman_rho(x, y), rho), (x, y)
        assert same(kendall_tau_b(x, y), tau), (x, y)
        assert average_ranks(x).tolist() == stats.rankdata(x).tolist()


def test_by_hand():
    # ranks 1..4 against 1, 3, 2, 4: Σd² = 2, ρ = 1 − 6·2/(4·15); one discordant pair of six
    assert spearman_rho([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(0.8)
    assert kendall_tau_b([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(4 / 6)
    # a tie in x: 2 concordant, 0 discordant, one x tie: τ-b = 2 / √(2·3)
    assert kendall_tau_b([1, 2, 2], [1, 2, 3]) == pytest.approx(2 / np.sqrt(6))


def test_not_defined_is_nan():
    assert np.isnan(spearman_rho([1, 1, 1], [1, 2, 3]))
    assert np.isnan(kendall_tau_b([1, 2, 3], [4, 4, 4]))
    assert np.isnan(spearman_rho([1], [1])) and np.isnan(kendall_tau_b([1, np.nan], [1, 2]))
