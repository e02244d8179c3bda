"""Burden-sharing (resources by lead actor type) and the power entry point."""
from __future__ import annotations

import pytest

from ecosystem import power
from ecosystem.errors import AnalysisError
from ecosystem.model import Registry
from ecosystem.power import parse_usd, resources_by_actor_type

from test_geography import geo_registry


def test_parse_usd():
    assert parse_usd("1785000") == 1785000.0
    assert parse_usd("3000.") == 3000.0
    assert parse_usd("USD 1.5 million") == 1.5e6
    assert parse_usd("$20,000") == 20000.0
    assert parse_usd("2 bn USD") == 2e9
    assert parse_usd("TBC") is None and parse_usd(None) is None
    assert parse_usd("3 staff and 20000") is None


def test_resources_by_lead_actor_type():
    r = resources_by_actor_type(geo_registry()).set_index(["actor_type", "resource_type"])
    # led: government t1 t2 t5 t8 + t4/2 = 4.5; ngo t3 t6 t7 + t4/2 = 3.5; un_multilateral t10
    gov = r.loc[("government", "financing")]
    assert gov["initiatives"] == pytest.approx(2.5)        # t1, t2, half of t4
    assert gov["initiatives_led"] == pytest.approx(4.5)
    assert gov["share_of_type"] == pytest.approx(2.5 / 4.5)
    assert gov["share_of_resource"] == pytest.approx(2.5 / 3)
    assert gov["financing_usd"] == pytest.approx(1_520_000)  # 1.5 million + 20,000
    assert gov["financing_amounts"] == 2                     # "some money" is not an amount
    assert r.loc[("ngo", "financing"), "initiatives"] == pytest.approx(0.5)
    assert r.loc[("ngo", "in_kind"), "initiatives"] == 1
    assert r.loc[("government", "staff_expertise"), "initiatives"] == pytest.approx(1.5)
    assert r.index.get_level_values("resource_type").tolist()[:2] == ["financing", "financing"]
    assert "2 plain amount(s) total USD 1,520,000" in gov["explanation"]


def test_resources_errors():
    reg = geo_registry()
    with pytest.raises(AnalysisError, match="records no resources"):
        resources_by_actor_type(reg.replace(resources=reg.resources.iloc[0:0]))
    with pytest.raises(AnalysisError, match="empty"):
        resources_by_actor_type(Registry.empty())


def test_power_gathers_the_questions():
    for name in ("concentration", "lorenz", "north_south", "north_south_summary",
                 "partnerships_by_country", "resources_by_actor_type"):
        assert callable(getattr(power, name))
