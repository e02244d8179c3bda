"""Registry summary figures, checked by hand on a small registry and on the Ocean registry."""
from __future__ import annotations

import pandas as pd
from rich.console import Console

from ecosystem.model import Registry
from ecosystem.summary import (
    print_summary,
    record_gaps,
    summarise,
    ties_by_role,
    top_actors,
    write_summary,
)


def small():
    # i1: lead A, partners B, C; i2: lead A only; i3: lead B, funding A; i4: no ties at all
    ini = pd.DataFrame({
        "initiative_id": ["i1", "i2", "i3", "i4"], "registry": "r",
        "record_id": ["1", "2", "3", "4"], "kind": "partnership",
        "start": [pd.Timestamp("2018-01-01"), pd.NaT, pd.NaT, pd.NaT],
        "end": [pd.NaT, pd.NaT, pd.NaT, pd.NaT],
        "placeholder_dates": [False, True, False, None],
    })
    ties = pd.DataFrame(
        [("i1", "a", "lead"), ("i1", "b", "partner"), ("i1", "c", "partner"),
         ("i2", "a", "lead"), ("i3", "b", "lead"), ("i3", "a", "funding")],
        columns=["initiative_id", "actor_id", "role"]).assign(registry="r", record_id="x")
    actors = pd.DataFrame({"actor_id": ["a", "b", "c"], "name": ["Alpha [A]", "Beta", "Gamma"],
                           "actor_type": ["ngo", "government", "academic"]})
    deliverables = pd.DataFrame({"initiative_id": ["i1", "i1", "i3"], "text": ["x", "y", "z"]})
    mentions = pd.DataFrame({"initiative_id": ["i1", "i1"], "name": ["Alpha", "ALPHA"],
                             "role": "lead", "actor_type": "ngo", "registry": "r",
                             "record_id": "1"})
    return Registry.from_frames(initiatives=ini, ties=ties, actors=actors,
                                deliverables=deliverables, mentions=mentions)


def test_top_actors_counts_initiatives_and_led():
    top = top_actors(small())
    assert top[["name", "actor_type", "initiatives", "led"]].values.tolist() == [
        ["Alpha [A]", "ngo", 3, 2], ["Beta", "government", 2, 1], ["Gamma", "academic", 1, 0]]
    assert len(top_actors(small(), n=1)) == 1


def test_ties_by_role():
    t = ties_by_role(small())
    assert t.values.tolist() == [["lead", 3, 2, 3], ["partner", 2, 2, 1], ["funding", 1, 1, 1]]


def test_record_gaps():
    g = record_gaps(small()).set_index("measure")
    # i2 (lead only) and i4 (no ties); i3 has a funder, which is a partner role
    assert g.loc["no partners", "initiatives"] == 2
    assert g.loc["placeholder dates", "initiatives"] == 1
    assert g.loc["no dates", "initiatives"] == 2      # i3, i4 (i2's are placeholders)
    assert g.loc["no deliverables", "initiatives"] == 2
    assert g.loc["no partners", "share"] == 0.5


def test_summarise_and_print(tmp_path):
    s = summarise(small())
    assert s["names_as_written"] == 2 and s["actors"] == 3 and s["registries"] == ["r"]
    console = Console(record=True, width=120)
    print_summary(s, console=console, title="Small [test]")
    text = console.export_text()
    assert "4 initiatives in r; 3 distinct actors after resolution" in text
    assert "Alpha [A]" in text and "Small [test]" in text   # registry text is not markup
    assert "no partners" in text and "50.0%" in text
    files = write_summary(s, tmp_path / "out")
    assert [f.name for f in files] == ["counts.csv", "top_actors.csv", "ties_by_role.csv", "gaps.csv"]
    assert pd.read_csv(files[1])["name"].tolist() == ["Alpha [A]", "Beta", "Gamma"]


def test_ocean_summary(ocean, ocean_path):
    """Gaps agree with counts taken straight from the raw JSONL."""
    import json

    raw = [json.loads(line) for line in open(ocean_path, encoding="utf-8")]
    placeholder = "01 January 1970"
    expected = {
        "placeholder dates": sum(placeholder in (r["start_date"], r["completion_date"]) for r in raw),
        "no dates": sum(not r["start_date"] and not r["completion_date"] for r in raw),
        "no deliverables": sum(not r["deliverables"] for r in raw),
    }
    s = summarise(ocean)
    assert s["counts"]["initiatives"] == 2650
    gaps = s["gaps"].set_index("measure")["initiatives"]
    assert {k: gaps[k] for k in expected} == expected == {
        "placeholder dates": 596, "no dates": 363, "no deliverables": 110}
    # every record with an empty partners field is counted as having no partner
    assert sum(not r["partners"].strip() for r in raw) == 259
    assert gaps["no partners"] >= 259
    top = s["top_actors"]
    assert len(top) == 10 and top["initiatives"].is_monotonic_decreasing
    assert s["ties_by_role"]["ties"].sum() == len(ocean.ties)
