"""The report section "How the ecosystem changed": findings, figures, the no-dates case, rounds."""
from __future__ import annotations

import pathlib

import pandas as pd
import pytest

from ecosystem.errors import InputError
from ecosystem.measures.context import Analysis, Settings
from ecosystem.model import Registry
from ecosystem.report import build_report
from ecosystem.report.html import figure_is_empty
from ecosystem.report.section_needs import left_out
from ecosystem.report.sections_time import change
from ecosystem.study import Study, read_settings

OCEAN_ROUNDS = {"New York 2017": "2017-06-05", "Lisbon 2022": "2022-06-27",
                "Nice 2025": "2025-06-09"}


def dated_registry() -> Registry:
    """Eight partnerships 2016–2021 among six actors, with deliverables for the stages."""
    rows = [("i1", "2016-02-01", "2017-12-31", "ab"), ("i2", "2016-06-01", None, "abc"),
            ("i3", "2017-03-01", "2019-12-31", "cd"), ("i4", "2018-01-01", "2030-12-31", "de"),
            ("i5", "2019-07-01", None, "ef"), ("i6", "2020-01-01", "2020-12-31", "af"),
            ("i7", "2021-02-01", "2025-12-31", "bf"), ("i8", None, None, "c")]
    ties = [(i, a) for i, _, _, members in rows for a in members]
    return Registry.from_frames(
        actors=pd.DataFrame({"actor_id": list("abcdef"), "name": list("ABCDEF"),
                             "actor_type": ["ngo", "government", "academic", "ngo",
                                            "private_sector", "government"]}),
        initiatives=pd.DataFrame({"initiative_id": [r[0] for r in rows], "registry": "r",
                                  "record_id": [r[0] for r in rows], "kind": "partnership",
                                  "start": [r[1] for r in rows], "end": [r[2] for r in rows]}),
        ties=pd.DataFrame({"initiative_id": [i for i, _ in ties],
                           "actor_id": [a for _, a in ties], "role": "partner",
                           "registry": "r", "record_id": "x"}),
        deliverables=pd.DataFrame({"initiative_id": ["i1", "i3", "i4", "i6"],
                                   "date": ["2017-01-01", "2018-01-01", "2025-01-01",
                                            "2020-06-01"], "text": "report"}))


def partnerships(rows: list[tuple]) -> Registry:
    """Partnerships ``(id, start, end, members)`` among NGOs named by one letter each."""
    ties = [(i, x) for i, _, _, members in rows for x in members]
    actors = sorted({x for _, x in ties})
    return Registry.from_frames(
        actors=pd.DataFrame({"actor_id": actors, "name": [x.upper() for x in actors],
                             "actor_type": "ngo"}),
        initiatives=pd.DataFrame({"initiative_id": [r[0] for r in rows], "registry": "r",
                                  "record_id": [r[0] for r in rows], "kind": "partnership",
                                  "start": [r[1] for r in rows], "end": [r[2] for r in rows]}),
        ties=pd.DataFrame({"initiative_id": [i for i, _ in ties], "actor_id": [x for _, x in ties],
                           "role": "partner", "registry": "r", "record_id": "x"}))


def test_section_states_five_findings_and_draws_no_empty_figure():
    s = change(Analysis(dated_registry(), Settings(as_of="2021-12-31", top=2)))
    assert s.title == "How the ecosystem changed" and len(s.findings) == 5
    assert s.findings[0].startswith("Read year by year from 2016 to 2021")
    assert "1 initiative with no usable date is counted as undated" in s.findings[0]
    # a, b, c come in 2016; d in 2017 (i3), e in 2018 (i4), f in 2019 (i5): one each, the
    # first such period is named
    assert s.findings[1].startswith("Most actors joined in 2017: 1 came in for the first time "
                                    "(16.7% of the 6 actors ever active): D (NGO)")
    assert "As of 31 December 2021, of 8 initiatives:" in s.findings[4]
    # stages by hand at 2021-12-31: i1 i3 i6 completed (deliverables), i2 i5 overdue (no
    # deliverable, started > 2 years before), i4 overdue (its deliverable is 2025), i7 active,
    # i8 dormant (nothing dated)
    stages = dict(zip(s.full_tables["time_stages"]["initiative_id"],
                      s.full_tables["time_stages"]["stage"]))
    assert stages == {"i1": "completed", "i2": "overdue", "i3": "completed", "i4": "overdue",
                      "i5": "overdue", "i6": "completed", "i7": "active", "i8": "dormant"}
    assert "3 completed" in s.findings[4] and "1 dormant" in s.findings[4]
    assert s.figures and not any(figure_is_empty(f) for f in s.figures)
    assert {m for m, _ in s.methods} >= {"Periods and spans", "Life-cycle stages",
                                          "Rank stability"}
    assert any("Spearman" in r for r in s.references)
    for text in s.findings:                       # no code names, no e-notation
        assert "private_sector" not in text and "e-0" not in text


def test_the_section_counts_in_what_the_registry_records():
    reg = dated_registry()
    reg = reg.replace(initiatives=reg.initiatives.assign(kind="activity"),
                      actors=reg.actors.assign(actor_type=["ngo", "unknown", "unknown", "unknown",
                                                           "unknown", "government"]))
    s = change(Analysis(reg, Settings(as_of="2021-12-31", top=2)))
    assert "the registry had the most activities active in" in s.findings[0]
    assert "1 activity with no usable date is counted as undated" in s.findings[0]
    assert "initiative" not in s.findings[0]


def test_a_grants_star_ranks_no_hubs_or_brokers_over_time():
    # one trust funds every grant: each recipient has one partner, the trust, so the hub and
    # broker ranks of recipients (all tied) would be read as reshuffled; the report's hubs and
    # brokers are left out for grants, and so are their ranks over time
    rows = [("g1", "2016-02-01", "2016-12-31", "b"), ("g2", "2017-03-01", "2017-12-31", "c"),
            ("g3", "2018-01-01", "2018-12-31", "d"), ("g4", "2019-07-01", "2019-12-31", "e"),
            ("g5", "2020-01-01", "2020-12-31", "f"), ("g6", "2021-02-01", "2021-10-31", "b")]
    ties = [(g, "a", "lead") for g, *_ in rows] + [(g, r, "recipient") for g, _, _, r in rows]
    reg = Registry.from_frames(
        actors=pd.DataFrame({"actor_id": list("abcdef"), "name": list("ABCDEF"),
                             "actor_type": ["foundation", "ngo", "ngo", "academic", "ngo",
                                            "ngo"]}),
        initiatives=pd.DataFrame({"initiative_id": [r[0] for r in rows], "registry": "r",
                                  "record_id": [r[0] for r in rows], "kind": "grant",
                                  "start": [r[1] for r in rows], "end": [r[2] for r in rows]}),
        ties=pd.DataFrame({"initiative_id": [t[0] for t in ties], "actor_id": [t[1] for t in ties],
                           "role": [t[2] for t in ties], "registry": "r", "record_id": "x"}))
    a = Analysis(reg, Settings(as_of="2021-12-31", top=2))
    assert left_out("hubs", a) is not None
    s = change(a)
    assert s.findings[0].startswith("Read year by year from 2016 to 2021")
    assert not any("hubs" in f or "broker" in f for f in s.findings), s.findings
    assert not any("rank stability" in title for title, *_ in s.tables)
    assert "time_hub_stability" not in s.full_tables
    assert "Rank stability" not in {m for m, _ in s.methods}
    # the same records as partnerships are ranked (the first test reads the ranks' method)
    s = change(Analysis(reg.replace(initiatives=reg.initiatives.assign(kind="partnership")),
                        Settings(as_of="2021-12-31", top=2)))
    assert "Rank stability" in {m for m, _ in s.methods}


def test_leaving_into_a_year_read_in_part_says_up_to_when():
    # i1 (a, b) in 2018, i2 (b, c) 2019–2021, i3 (d, e) 2018–2020: d and e leave after 2020,
    # the most of any year; read to 30 June, 2021 has had half a year to see them again
    reg = partnerships([("i1", "2018-01-01", "2018-12-31", "ab"),
                        ("i2", "2019-01-01", "2021-12-31", "bc"),
                        ("i3", "2018-01-01", "2020-12-31", "de")])
    s = change(Analysis(reg, Settings(as_of="2021-06-30", top=2)))
    assert s.findings[1].endswith("; the most left after 2020 (2 not active in 2021 up to "
                                  "30 June 2021)."), s.findings[1]
    s = change(Analysis(reg, Settings(as_of="2021-12-31", top=2)))
    assert s.findings[1].endswith("; the most left after 2020 (2 not active in 2021)."), \
        s.findings[1]


def test_a_busiest_period_read_to_the_as_of_date_is_named_once():
    # i1 in 2019; i2, i3 from 2020: the busiest year is 2020, read to 30 June
    reg = partnerships([("i1", "2019-01-01", "2019-12-31", "ab"), ("i2", "2020-01-01", None, "bc"),
                        ("i3", "2020-02-01", None, "cd")])
    s = change(Analysis(reg, Settings(as_of="2020-06-30", top=2)))
    assert s.findings[0] == ("Read year by year from 2019 to 2020, the registry had the most "
                             "initiatives active in 2020 up to the as-of date 30 June 2020 "
                             "(2 initiatives, 3 actors).")


def test_the_largest_group_of_newcomers_is_of_a_known_type():
    # 2016: a alone; 2017: b–f join (three of unknown type, two NGOs): the NGOs are named
    rows = [("i1", "2016-02-01", "2016-12-31", "a"), ("i2", "2017-03-01", "2017-12-31", "abcdef")]
    ties = [(i, x) for i, _, _, members in rows for x in members]
    reg = Registry.from_frames(
        actors=pd.DataFrame({"actor_id": list("abcdef"), "name": list("ABCDEF"),
                             "actor_type": ["ngo", "unknown", "unknown", "unknown", "ngo", "ngo"]}),
        initiatives=pd.DataFrame({"initiative_id": ["i1", "i2"], "registry": "r",
                                  "record_id": ["i1", "i2"], "kind": "partnership",
                                  "start": [r[1] for r in rows], "end": [r[2] for r in rows]}),
        ties=pd.DataFrame({"initiative_id": [i for i, _ in ties], "actor_id": [x for _, x in ties],
                           "role": "partner", "registry": "r", "record_id": "x"}))
    s = change(Analysis(reg, Settings(as_of="2017-12-31", top=2)))
    joined = next(f for f in s.findings if f.startswith("Most actors joined"))
    assert "5 came in for the first time" in joined
    assert "the largest group among them: NGO (2)" in joined


def test_the_report_renders_the_section(tmp_path):
    study = Study(name="t", title="T", paths=[], registry=None, out_dir=tmp_path,
                  sections={"analysis": {"as_of": "2021-12-31"},
                            "report": {"sections": ["time"], "exports": []}})
    built = build_report(study, dated_registry())
    assert built["sections"] == ["time"] and built["skipped"] == {}
    page = built["report"].read_text(encoding="utf-8")
    assert "How the ecosystem changed" in page and page.count('id="fig-time-') >= 5


def no_dates_3w() -> Registry:
    """A 3W sheet without a reference period: presences with no dates."""
    return Registry.from_frames(
        actors=pd.DataFrame({"actor_id": ["o1", "o2"], "name": ["Org 1", "Org 2"],
                             "actor_type": "ngo"}),
        initiatives=pd.DataFrame({"initiative_id": ["p1", "p2"], "registry": "3w",
                                  "record_id": ["1", "2"], "kind": "presence"}),
        ties=pd.DataFrame({"initiative_id": ["p1", "p2"], "actor_id": ["o1", "o2"],
                           "role": "implementing", "registry": "3w", "record_id": ["1", "2"]}))


def test_a_3w_without_dates_says_change_over_time_is_not_assessed(tmp_path):
    reg = no_dates_3w()
    assert left_out("time", Analysis(reg)) == "no dates: change over time not assessed"
    study = Study(name="t", title="T", paths=[], registry=None, out_dir=tmp_path,
                  sections={"report": {"sections": ["time"], "exports": []}})
    built = build_report(study, reg)
    assert built["skipped"] == {"time": "no dates: change over time not assessed"}
    assert "no dates: change over time not assessed" in built["report"].read_text("utf-8")


def test_study_rounds_are_read_and_checked(tmp_path):
    _, settings, names, _ = read_settings({"analysis": {"rounds": OCEAN_ROUNDS}})
    assert settings.rounds == OCEAN_ROUNDS and "time" in names
    with pytest.raises(InputError, match="analysis.rounds"):
        read_settings({"analysis": {"rounds": ["2017-06-05", "June 2022"]}},
                      pathlib.Path("x.toml"))
    s = change(Analysis(dated_registry(), Settings(as_of="2021-12-31", top=2,
                                                    rounds=["2018-01-01", "2020-01-01"])))
    assert s.findings[0].startswith("Read round by round from before from 2018-01-01")


def test_ocean_section_by_rounds(ocean):
    a = Analysis(ocean, Settings(as_of="2026-03-26", rounds=OCEAN_ROUNDS))
    s = change(a)
    assert len(s.findings) == 5 and len(s.figures) == 6
    assert not any(figure_is_empty(f) for f in s.figures)
    t = a.timeline.table
    assert t["period"].tolist() == ["before New York 2017", "New York 2017", "Lisbon 2022",
                                    "Nice 2025"]
    assert f"Most actors joined in New York 2017: {t.loc[1, 'actors_new']:,}" in s.findings[1]


def test_rounds_in_a_study_file_may_be_toml_dates(tmp_path):
    import tomllib

    doc = tomllib.loads('[analysis]\nrounds = { "first" = 2018-01-01, "second" = "2020-01-01" }\n')
    _, settings, _, _ = read_settings(doc)
    s = change(Analysis(dated_registry(), Settings(as_of="2021-12-31", top=2,
                                                    rounds=settings.rounds)))
    assert s.findings[0].startswith("Read round by round from before first to second")


def test_the_longest_lasting_ties_are_named_by_the_pair_with_most_initiatives_together(ocean):
    # 12,465 Ocean ties last all four rounds; the finding named the first in alphabetical
    # order, two postal addresses of one record ("74060 Rethymo – A-2201 Gerasdorf")
    a = Analysis(ocean, Settings(as_of="2026-03-26", rounds=OCEAN_ROUNDS))
    text = change(a).findings[2]
    spells = a.timeline.tie_spells
    longest = spells[spells["periods"] == spells["periods"].max()]
    # independent count: initiatives each longest-lasting pair shares, from the ties
    members = ocean.ties.groupby("actor_id")["initiative_id"].agg(frozenset)
    shared = [len(members[s] & members[t]) for s, t in zip(longest["source"], longest["target"])]
    best = longest.iloc[max(range(len(shared)), key=lambda k: (shared[k], -k))]
    names = ocean.actors.set_index("actor_id")["name"]
    assert len(longest) > 1000
    assert (f"{len(longest):,} held for 4 rounds in a row, the longest; among them "
            f"{names[best['source']]} – {names[best['target']]} have the most initiatives "
            f"together ({max(shared)},") in text


def test_small_multiples_draw_the_actors_sharing_most_initiatives_and_name_the_first():
    """One 2019 initiative of twelve members (a to l) and three pairs of x with y and z: by
    partners the twelve fill the panel; x shares the most initiatives (4) and is drawn and
    named, the y, z next (2 each), then four of the twelve (1 each)."""
    from ecosystem.measures.time import timeline
    from ecosystem.views.time import LABELLED, stepped_network

    rows = [("big", "2019-01-01", "2019-12-31", "abcdefghijkl")]
    rows += [(f"p{k}", "2019-01-01", "2019-12-31", f"x{w}") for k, w in enumerate("yzyz")]
    tl = timeline(partnerships(rows), as_of="2019-12-31")
    fig = stepped_network(tl.nets, {a: a.upper() for a in "abcdefghijklxyz"}, top=7)
    nodes = [t for t in fig.data if t.mode == "markers+text"][0]
    cards = [c.split(" · ")[0] for c in nodes.customdata]
    assert cards[:3] == ["X", "Y", "Z"] and len(cards) == 7
    assert nodes.customdata[0].startswith("X · 4 initiatives with partners · 2 partners")
    named = [t for t in nodes.text if t]
    assert named[0] == "X" and len(named) <= LABELLED
    assert "sharing the most initiatives with partners" in fig.layout.title.text
