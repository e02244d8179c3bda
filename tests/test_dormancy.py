"""Dormancy: the three clauses on hand-made records, both readings, and the Ocean registry."""
from __future__ import annotations

import pytest
from test_graphs import make_registry

from ecosystem.dormancy import dormancy_share, dormant_initiatives
from ecosystem.errors import AnalysisError

TODAY = "2026-03-26"


@pytest.fixture
def reg():
    members = {k: ["a", "b"] for k in ("live", "placeholders", "nodates", "nodates_dated_deliv",
                                       "ended_nothing", "ended_undated_deliv", "future_nothing")}
    return make_registry(
        members,
        dates={"live": ("2018-01-01", "2030-12-31"),
               "placeholders": ("1970-01-01", "1970-01-01"),
               "ended_nothing": ("2017-06-01", "2020-12-31"),
               "ended_undated_deliv": ("2017-06-01", "2020-12-31"),
               "future_nothing": ("2020-01-01", "2031-01-01")},
        deliverables=[("live", "2019-05-01"), ("placeholders", "1970-01-01"),
                      ("nodates_dated_deliv", "2021-01-01"), ("ended_undated_deliv", None)],
    )


def test_combined_reading(reg):
    d = dormant_initiatives(reg, today=TODAY).set_index("initiative_id")
    assert d["dormant"].to_dict() == {
        "live": False,
        "placeholders": True,            # 1970 dates and a 1970 deliverable: nothing dated
        "nodates": True,                 # no dates, no deliverable
        "nodates_dated_deliv": False,    # a dated deliverable is a sign of life
        "ended_nothing": True,           # ended 2020 with no deliverable
        "ended_undated_deliv": False,    # ended, but lists a deliverable (undated)
        "future_nothing": False,         # no deliverable yet, but not over
    }
    assert d.loc["ended_nothing", "reason"] == ("completion date 2020-12-31 has passed with no "
                                                "deliverable")
    assert d.loc["nodates", "reason"] == "no real start or end date and no dated deliverable"
    assert d.loc["live", "reason"] == ""
    assert d["no_real_dates"].sum() == 3
    assert d["no_dated_deliverable"].sum() == 5
    assert dormancy_share(reg, today=TODAY) == pytest.approx(3 / 7)


def test_literal_any_reading(reg):
    d = dormant_initiatives(reg, today=TODAY, rule="any").set_index("initiative_id")
    # every record lacking a dated deliverable is dormant; only "live" is not
    assert sorted(d.index[~d["dormant"]]) == ["live"]
    assert d.loc["nodates_dated_deliv", "reason"] == "no real start or end date"
    with pytest.raises(AnalysisError, match="unknown dormancy rule 'some'"):
        dormant_initiatives(reg, rule="some")


def test_today_moves_the_end_clause(reg):
    d = dormant_initiatives(reg, today="2020-06-01").set_index("initiative_id")
    assert not d.loc["ended_nothing", "dormant"]


def test_ocean_dormancy(ocean):
    d = dormant_initiatives(ocean, today=TODAY)
    assert len(d) == 2650
    # 515 records have nothing dated (850 have no real start/end; 708 no dated deliverable)
    # or ended with no deliverable; the literal three-way reading marks 1,056.
    assert int(d["dormant"].sum()) == 515
    assert int(d["no_real_dates"].sum()) == 850
    assert int(d["no_dated_deliverable"].sum()) == 708
    assert int(d["ended_without_deliverable"].sum()) == 13
    assert int(dormant_initiatives(ocean, today=TODAY, rule="any")["dormant"].sum()) == 1056
