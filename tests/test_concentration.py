"""Gini, HHI and Lorenz curves of leadership and participation, checked by hand."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ecosystem.errors import AnalysisError
from ecosystem.measures.power.concentration import (
    concentration,
    gini,
    hhi,
    lorenz,
    top_share,
)
from ecosystem.model import Registry

# Ties (lead first): i1 a*, b   i2 a*, b   i3 a*, c   i4 d*, a
# participation (initiatives per actor): a 4, b 2, c 1, d 1   (total 8)
# leadership (initiatives led):          a 3, b 0, c 0, d 1   (total 4)
# types: a, b ngo; c government; d private_sector
TIES = [("i1", "a", "lead"), ("i1", "b", "partner"), ("i2", "a", "lead"), ("i2", "b", "partner"),
        ("i3", "a", "lead"), ("i3", "c", "partner"), ("i4", "d", "lead"), ("i4", "a", "partner")]


@pytest.fixture(scope="module")
def reg():
    ids = ["i1", "i2", "i3", "i4"]
    return Registry.from_frames(
        actors=pd.DataFrame({"actor_id": list("abcd"), "name": list("ABCD"),
                             "actor_type": ["ngo", "ngo", "government", "private_sector"]}),
        initiatives=pd.DataFrame({"initiative_id": ids, "registry": "t", "record_id": ids,
                                  "kind": "partnership"}),
        ties=pd.DataFrame(TIES, columns=["initiative_id", "actor_id", "role"]).assign(
            registry="t", record_id="r"))


def test_gini_matches_mean_absolute_difference():
    x = np.array([1, 1, 2, 4])
    # sorted form: (-3*1 - 1*1 + 1*2 + 3*4) / (4 * 8) = 10/32
    assert gini(x) == pytest.approx(0.3125)
    mad = np.abs(x[:, None] - x[None, :]).sum() / (2 * len(x) ** 2 * x.mean())
    assert gini(x) == pytest.approx(mad)
    assert gini([5, 5, 5]) == 0.0 and gini([0, 0, 9]) == pytest.approx(2 / 3)
    assert gini([]) == 0.0


def test_hhi_and_top_share():
    # shares .5 .25 .125 .125 -> .25 + .0625 + 2 * .015625 = .34375; (.34375 - .25) / .75
    assert hhi([4, 2, 1, 1]) == pytest.approx((0.34375, 0.125))
    assert hhi([7]) == (1.0, 1.0)
    assert top_share([4, 2, 1, 1]) == 0.5  # ceil(0.4) = 1 unit holds 4 of 8
    with pytest.raises(AnalysisError):
        hhi([0, 0])


def test_concentration_table(reg):
    c = concentration(reg).set_index(["measure", "over"])
    p = c.loc[("participation", "actor")]
    assert (p["gini"], p["hhi"], p["hhi_normalised"], p["top10_share"], p["n"], p["total"]) == \
        pytest.approx((0.3125, 0.34375, 0.125, 0.5, 4, 8))
    lead = c.loc[("leadership", "actor")]
    # leads [0, 0, 1, 3]: (1*1 + 3*3) / (4*4) = .625; HHI .75^2 + .25^2 = .625 -> (.625-.25)/.75
    assert (lead["gini"], lead["hhi"], lead["hhi_normalised"], lead["top10_share"]) == \
        pytest.approx((0.625, 0.625, 0.5, 0.75))
    by_type = c.loc[("participation", "actor_type")]
    # ngo 6, government 1, private 1: (-2*1 + 0*1 + 2*6) / (3*8) = 10/24
    assert by_type["gini"] == pytest.approx(10 / 24)
    assert by_type["hhi"] == pytest.approx(0.75 ** 2 + 2 * 0.125 ** 2)
    assert "largest: ngo 6, government 1, private_sector 1" in by_type["explanation"]
    assert c.loc[("leadership", "actor_type"), "gini"] == pytest.approx(0.5)  # [0, 1, 3]
    assert lead["explanation"].startswith("The largest of 4 actors holds 75% of the 4 "
                                          "initiatives led")


def test_no_lead_role_drops_leadership(reg):
    c = concentration(reg, lead_roles=("accountable",))
    assert c["measure"].unique().tolist() == ["participation"]


def test_lorenz(reg):
    lz = lorenz(reg, of="ties")
    assert lz["cum_share_actors"].tolist() == [0, 0.25, 0.5, 0.75, 1.0]
    assert lz["cum_share_value"].tolist() == [0, 0.125, 0.25, 0.5, 1.0]
    assert lz["unit"].tolist()[-1] == "a"
    # Gini = 1 - 2 * (area under the curve)
    area = np.trapezoid(lz["cum_share_value"], lz["cum_share_actors"])
    assert 1 - 2 * area == pytest.approx(0.3125)
    lt = lorenz(reg, of="leads", over="actor_type")
    assert lt["value"].tolist() == [0, 0, 1, 3]
    with pytest.raises(AnalysisError, match="unknown of"):
        lorenz(reg, of="money")
    with pytest.raises(AnalysisError, match="unknown over"):
        lorenz(reg, over="country")
    with pytest.raises(AnalysisError, match="empty"):
        lorenz(Registry.empty())
