"""Curation of actors: merge, split, undo, written to the store's overrides with who and when.

A small 3W sheet written here is loaded into a temporary store; the expected
actors and initiative counts are read from the sheet with a few lines of csv.
"""
from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from ecosystem.cli import app
from ecosystem.errors import EcosystemError
from ecosystem.resolution.crosswalk import read_overrides
from ecosystem.resolution.curation import CurationError, curated_rows, merge, undo
from ecosystem.resolution.curation_log import curation_paths, empty_log, read_log
from ecosystem.store import Store
from ecosystem.store import curation as store_curation
from ecosystem.store.curation import (
    curation_log,
    merge_actors,
    split_variant,
    store_overrides,
    undo_change,
)

SHEET = [
    ("Oxfam", "WASH", "Gao"),
    ("Oxfam", "Shelter", "Gao"),
    ("Oxfam Novib", "Protection", "Mopti"),
    ("Wildlife Conservation Society of Fiji (WCSF)", "Education", "Gao"),
    ("WCSF", "WASH", "Mopti"),
    ("WCSF", "Health", "Kidal"),
    ("Reef Trust", "WASH", "Kidal"),
    ("=Blue Harbour", "Health", "Gao"),
]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> tuple[Path, Path]:
    """The sheet, and a folder holding a store it was loaded into (loaded once per module)."""
    folder = tmp_path_factory.mktemp("curation")
    p = folder / "3w.csv"
    with open(p, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Organisation", "Cluster", "Region"])
        w.writerow(["#org", "#sector", "#adm1"])
        w.writerows(SHEET)
    Store(folder / "st" / "ecosystem.duckdb").load(p, registry="rowca")
    return p, folder / "st"


@pytest.fixture
def sheet(loaded) -> Path:
    return loaded[0]


@pytest.fixture
def store(tmp_path, loaded) -> Store:
    """A copy of the loaded store for one test."""
    shutil.copytree(loaded[1], tmp_path / "st")
    return Store(tmp_path / "st" / "ecosystem.duckdb")


def rows_of(*names) -> int:
    """Initiatives (sheet rows) written with one of ``names``: an independent count."""
    return sum(1 for org, *_ in SHEET if org in names)


def initiatives(reg, actor_id) -> int:
    return reg.ties.loc[reg.ties["actor_id"] == actor_id, "initiative_id"].nunique()


def actor_of(reg, variant) -> str:
    return reg.crosswalk.set_index("variant").loc[variant, "actor_id"]


def snapshot(store: Store) -> tuple:
    """What a failed change must leave as it was: the store file and the curation files."""
    files = [store.path, *curation_paths(store.path).values(), store.crosswalk_path]
    return tuple(p.read_bytes() if p.exists() else None for p in files)


def no_drafts(store: Store) -> bool:
    return not list(store.path.parent.glob("*.tmp"))


# --- merge, crosswalk, undo -------------------------------------------------------------------

def test_merge_changes_the_actors_and_the_crosswalk_shows_who_and_when(store):
    before = store.registry()
    assert {"oxfam", "oxfam-novib"} <= set(before.actors["actor_id"])
    assert initiatives(before, "oxfam") == rows_of("Oxfam") == 2

    done = merge_actors(store, "oxfam-novib", "oxfam", who="Ana Diaz")
    reg = store.registry()
    assert "oxfam-novib" not in set(reg.actors["actor_id"])
    assert len(reg.actors) == len(before.actors) - 1 == done["actors"][1]
    assert initiatives(reg, "oxfam") == rows_of("Oxfam", "Oxfam Novib") == 3
    assert actor_of(reg, "Oxfam Novib") == "oxfam" == done["actor_id"]
    assert reg.crosswalk.set_index("variant").loc["Oxfam Novib", "method"] == "override"

    log = curation_log(store)
    assert log[["change_id", "who", "action", "actor_id", "target", "variant", "after"]] \
        .values.tolist() == [[1, "Ana Diaz", "merge", "oxfam-novib", "oxfam", "Oxfam Novib",
                              "Oxfam International"]]           # the known body's own name
    # the crosswalk beside the store names who merged it and when
    cw = pd.read_csv(store.crosswalk_path, dtype=str, keep_default_na=False)
    row = cw[cw["variant"] == "Oxfam Novib"].iloc[0]
    assert (row["actor_id"], row["method"], row["change_id"], row["curated_by"],
            row["curated_at"]) == ("oxfam", "override", "1", "Ana Diaz", log["at"].iloc[0])
    assert set(cw.loc[cw["variant"] != "Oxfam Novib", "curated_by"]) == {""}
    # the overrides the resolver reads: defaults kept, one curated row
    rows = read_overrides(store_overrides(store))
    assert ("Oxfam Novib", "Oxfam International") in rows and ("NGOs", "not an organisation") in rows

    undone = undo_change(store, who="Bo")
    again = store.registry()
    assert undone["summary"].startswith("Change 2: undid change 1")
    pd.testing.assert_frame_equal(again.actors, before.actors)
    pd.testing.assert_frame_equal(again.crosswalk, before.crosswalk)
    assert curation_log(store)["action"].tolist() == ["merge", "undo"]
    assert read_overrides(store_overrides(store)) == read_overrides(None)


def test_split_a_name_off_an_actor_and_undo(store):
    before = store.registry()
    whole = actor_of(before, "WCSF")
    assert whole == actor_of(before, "Wildlife Conservation Society of Fiji (WCSF)")
    assert initiatives(before, whole) == rows_of(
        "WCSF", "Wildlife Conservation Society of Fiji (WCSF)") == 3

    done = split_variant(store, "WCSF", whole, who="Ana")
    reg = store.registry()
    alone = actor_of(reg, "WCSF")
    assert alone != actor_of(reg, "Wildlife Conservation Society of Fiji (WCSF)") == done["actor_id"]
    assert done["other_id"] == alone
    assert initiatives(reg, alone) == rows_of("WCSF") == 2
    assert initiatives(reg, done["actor_id"]) == 1
    assert len(reg.actors) == len(before.actors) + 1

    undo_change(store, who="Ana")
    pd.testing.assert_frame_equal(store.registry().actors, before.actors)


@pytest.mark.slow
def test_merge_one_name_and_undo_order(store):
    merge_actors(store, "reef-trust", "oxfam", who="a")          # change 1
    merge_actors(store, "oxfam", "blue-harbour", who="b")        # change 2: all of oxfam
    reg = store.registry()
    assert {actor_of(reg, v) for v in ("Reef Trust", "Oxfam", "=Blue Harbour")} == \
        {"blue-harbour"}
    assert initiatives(reg, "blue-harbour") == rows_of("Reef Trust", "Oxfam", "=Blue Harbour")
    with pytest.raises(CurationError, match="later change \\(2\\).*undo it first"):
        undo_change(store, 1, who="c")
    undo_change(store, who="c")                                  # undoes 2
    assert actor_of(store.registry(), "Reef Trust") == "oxfam"
    undo_change(store, 1, who="c")
    assert actor_of(store.registry(), "Reef Trust") == "reef-trust"
    with pytest.raises(CurationError, match="nothing to undo"):
        undo_change(store, who="c")
    # one name as written (not the whole actor) moves alone
    merge_actors(store, "WCSF", "reef-trust", who="d")
    reg = store.registry()
    assert actor_of(reg, "WCSF") == "reef-trust"
    assert actor_of(reg, "Wildlife Conservation Society of Fiji (WCSF)") != "reef-trust"


# --- the next report, a restart, a later load ---------------------------------------------------

@pytest.mark.slow
def test_next_report_from_the_same_store_shows_the_merge(store, tmp_path):
    from ecosystem.report import build_report
    from ecosystem.study import Study

    merge_actors(store, "oxfam-novib", "oxfam", who="Ana")
    study = Study(name="rowca", title="rowca", paths=[], registry="rowca",
                  out_dir=tmp_path / "out")
    built = build_report(study, Store(store.path).registry(["rowca"]), out_dir=tmp_path / "out",
                         tables_dir=tmp_path / "tables")
    import networkx as nx

    g = nx.read_graphml(tmp_path / "out" / "actors.graphml")
    assert "oxfam-novib" not in g and "oxfam" in g
    cw = pd.read_csv(tmp_path / "tables" / "crosswalk.csv", dtype=str)
    assert cw.set_index("variant").loc["Oxfam Novib", ["actor_id", "method"]].tolist() == [
        "oxfam", "override"]
    html = built["report"].read_text(encoding="utf-8")
    assert "Names merged or kept apart by hand" in html and "Oxfam Novib" in html


@pytest.mark.slow
def test_restart_and_a_later_load_keep_the_curation(store, sheet):
    merge_actors(store, "oxfam-novib", "oxfam", who="Ana")
    # a new process: everything is read back from the files
    fresh = Store(store.path)
    assert "oxfam-novib" not in set(fresh.registry().actors["actor_id"])
    assert read_log(curation_paths(fresh.path)["log"])["who"].tolist() == ["Ana"]
    # loading the same file again through the CLI keeps the curation (and skips the work)
    r = CliRunner().invoke(app, ["load", str(sheet), "--registry", "rowca",
                                 "--store", str(store.path)])
    assert r.exit_code == 0, r.output
    assert "unchanged" in r.output
    assert actor_of(Store(store.path).registry(), "Oxfam Novib") == "oxfam"
    # and a forced load resolves again with the curated overrides
    r = CliRunner().invoke(app, ["load", str(sheet), "--registry", "rowca", "--force",
                                 "--store", str(store.path)])
    assert r.exit_code == 0, r.output
    assert actor_of(Store(store.path).registry(), "Oxfam Novib") == "oxfam"
    # undo still works after the restart
    undo_change(Store(store.path), who="Bo")
    assert actor_of(Store(store.path).registry(), "Oxfam Novib") == "oxfam-novib"


# --- bad input: one clear error, nothing changed --------------------------------------------------

@pytest.mark.parametrize("call, says", [
    (lambda s: merge_actors(s, "nobody", "oxfam", who="a"), "'nobody' is no actor id"),
    (lambda s: merge_actors(s, "oxfam", "nobody", who="a"), "no actor 'nobody'"),
    (lambda s: merge_actors(s, "oxfam", "oxfam", who="a"), "cannot be merged into itself"),
    (lambda s: merge_actors(s, "oxfam", "reef-trust", who=" \x1b "), "who field is empty"),
    (lambda s: split_variant(s, "Reef Trust", "oxfam", who="a"), "has no name 'Reef Trust'"),
    (lambda s: split_variant(s, "Oxfam", "oxfam", who="a"), "written like the actor's own"),
    (lambda s: split_variant(s, "WCSF", "nobody", who="a"), "no actor 'nobody'"),
    (lambda s: undo_change(s, who="a"), "nothing to undo"),
    (lambda s: undo_change(s, 7, who="a"), "nothing to undo|no change 7"),
])
def test_bad_curation_is_one_clear_error_and_changes_nothing(store, call, says):
    before = snapshot(store)
    with pytest.raises(CurationError, match=says) as err:
        call(store)
    assert "\n" not in str(err.value)
    assert snapshot(store) == before and no_drafts(store)


def test_a_failed_resolution_leaves_store_log_and_overrides_as_they_were(store, monkeypatch):
    merge_actors(store, "reef-trust", "oxfam", who="a")
    before = snapshot(store)

    def boom(raw, overrides=None, **kw):
        raise EcosystemError("resolution failed (test)")

    monkeypatch.setattr(store_curation, "resolve_loaded", boom)
    with pytest.raises(EcosystemError, match="resolution failed"):
        merge_actors(store, "oxfam", "blue-harbour", who="b")
    assert snapshot(store) == before and no_drafts(store)
    assert len(curation_log(store)) == 1


def test_a_store_loaded_with_other_overrides_needs_them_as_base(store, sheet, tmp_path):
    own = tmp_path / "mine.csv"
    own.write_text("variant,canonical\nReef Trust,not an organisation\n", encoding="utf-8")
    store.load(sheet, registry="rowca", overrides=own)
    with pytest.raises(CurationError, match="another overrides file"):
        merge_actors(store, "oxfam-novib", "oxfam", who="a")
    merge_actors(store, "oxfam-novib", "oxfam", who="a", base=own)
    reg = store.registry()
    assert actor_of(reg, "Oxfam Novib") == "oxfam"
    assert "Reef Trust" not in set(reg.crosswalk["variant"])  # the base's row still holds
    assert curation_paths(store.path)["base"].read_text(encoding="utf-8") == own.read_text(
        encoding="utf-8")


# --- untrusted text ------------------------------------------------------------------------------

def test_who_and_names_are_cleaned_and_neutralised(store):
    merge_actors(store, "blue-harbour", "oxfam", who="=cmd|' /C calc'!A0\x1b\u202e")
    raw = curation_paths(store.path)["log"].read_text(encoding="utf-8")
    assert "\x1b" not in raw and "\u202e" not in raw
    assert "\"'=cmd" in raw and "\"'=Blue Harbour\"" in raw  # a spreadsheet shows text
    log = curation_log(store)
    assert log["who"].tolist() == ["=cmd|' /C calc'!A0"]  # read back as written
    assert log["variant"].tolist() == ["=Blue Harbour"]
    assert actor_of(store.registry(), "=Blue Harbour") == "oxfam"


def test_pure_log_replay():
    from ecosystem.model import Registry

    reg = Registry.from_frames(
        actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["Alpha Trust", "Beta Fund"],
                             "actor_type": "ngo"}),
        crosswalk=pd.DataFrame({"variant": ["Alpha Trust", "Alpha Tr.", "Beta Fund"],
                                "actor_id": ["a", "a", "b"], "score": 1.0,
                                "method": "exact", "registry": "r"}))
    log = merge(reg, empty_log(), "a", "b", who="x", when="2026-01-01T00:00:00Z")
    assert {r["variant"]: r["canonical"] for r in curated_rows(log).values()} == {
        "Alpha Trust": "Beta Fund", "Alpha Tr.": "Beta Fund"}
    assert curated_rows(undo(log, who="y", when="2026-01-02T00:00:00Z")) == {}
    with pytest.raises(CurationError, match="already resolves"):
        merge(reg.replace(crosswalk=reg.crosswalk.assign(actor_id=["a", "a", "b"])), log, "a",
              "b", who="x")


# --- what the card's controls read ------------------------------------------------------------

def test_store_lookups_for_the_card(store):
    from ecosystem.store.curation import find_actors, names_as_written

    found = find_actors(store, "OXF")
    assert found["actor_id"].tolist() == ["oxfam", "oxfam-novib"]  # most initiatives first
    assert found["name"].tolist() == ["Oxfam", "Oxfam Novib"]
    assert find_actors(store, "%").empty and find_actors(store, "  ").empty  # no wildcard
    wcsf = actor_of(store.registry(), "WCSF")
    assert names_as_written(store, wcsf) == sorted(
        {org for org, *_ in SHEET if "WCSF" in org})


# --- the command line ----------------------------------------------------------------------------

def test_cli_curate_merge_log_undo_and_one_red_line(store):
    run = CliRunner().invoke
    st = ["--store", str(store.path)]
    r = run(app, ["curate", "merge", "oxfam-novib", "oxfam", "--who", "Ana", *st])
    assert r.exit_code == 0, r.output
    assert "Change 1: merged Oxfam Novib (oxfam-novib) into Oxfam (oxfam)" in r.output
    r = run(app, ["curate", "log", *st])
    assert "Ana" in r.output and "merge oxfam-novib -> oxfam" in r.output
    r = run(app, ["crosswalk", "--review", str(store.path.parent / "review.csv"), *st])
    review = pd.read_csv(store.path.parent / "review.csv", dtype=str, keep_default_na=False)
    assert review.set_index("variant").loc["Oxfam Novib", "curated_by"] == "Ana"
    r = run(app, ["curate", "merge", "oxfam", "oxfam", "--who", "Ana", *st])
    assert r.exit_code == 1 and "merged into itself" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    r = run(app, ["curate", "undo", "--who", "Bo", *st])
    assert r.exit_code == 0 and "undid change 1" in r.output
    assert os.path.exists(curation_paths(store.path)["log"])


# --- the real Ocean registry ---------------------------------------------------------------------

@pytest.mark.slow
def test_ocean_merge_two_bodies_then_undo(ocean_path, tmp_path):
    store = Store(tmp_path / "ocean" / "ecosystem.duckdb")
    store.load([ocean_path])
    before = store.registry()
    ties = before.ties
    iucn = set(ties.loc[ties["actor_id"] == "iucn", "initiative_id"])
    unep = set(ties.loc[ties["actor_id"] == "unep", "initiative_id"])
    iucn_names = set(before.crosswalk.loc[before.crosswalk["actor_id"] == "iucn", "variant"])
    assert iucn and unep and iucn_names

    done = merge_actors(store, "iucn", "unep", who="Ocean test")
    reg = store.registry()
    assert done["actor_id"] == "unep"  # a known body keeps its id when merged into
    assert "iucn" not in set(reg.actors["actor_id"])
    assert len(reg.actors) == len(before.actors) - 1
    assert set(reg.ties.loc[reg.ties["actor_id"] == "unep", "initiative_id"]) == iucn | unep
    a = reg.actors.set_index("actor_id").loc["unep"]
    assert a["actor_type"] == before.actors.set_index("actor_id").loc["unep", "actor_type"]
    cw = pd.read_csv(store.crosswalk_path, dtype=str, keep_default_na=False)
    moved = cw[cw["variant"].isin(iucn_names)]
    assert set(moved["actor_id"]) == {"unep"} and set(moved["curated_by"]) == {"Ocean test"}
    assert len(moved) == len(iucn_names) and f"({len(iucn_names)} names)" in done["summary"]

    undo_change(store, who="Ocean test")
    pd.testing.assert_frame_equal(store.registry().actors, before.actors)


def test_a_merge_into_a_known_body_keeps_the_body_whichever_name_is_written_most(tmp_path):
    # "Oxfam Novib" written three times, merged into the known body Oxfam (written twice): the
    # merged actor took the id and name of the override's text ("oxfam-international", shown as
    # "Oxfam Novib"), so the explorer's card for "oxfam" never came back
    p = tmp_path / "3w.csv"
    with open(p, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerows([("Organisation", "Cluster", "Region"), ("#org", "#sector", "#adm1"),
                     ("Oxfam", "WASH", "Gao"), ("Oxfam", "Shelter", "Gao"),
                     ("Oxfam Novib", "Protection", "Mopti"), ("Oxfam Novib", "WASH", "Kidal"),
                     ("Oxfam Novib", "Health", "Kidal")])
    store = Store(tmp_path / "st" / "ecosystem.duckdb")
    store.load(p, registry="rowca")
    done = merge_actors(store, "oxfam-novib", "oxfam", who="Ana Diaz")
    actors = store.registry().actors
    assert done["actor_id"] == "oxfam" and actors["actor_id"].tolist() == ["oxfam"]
    assert actors["official_name"].tolist() == ["Oxfam International"]
    assert actors["actor_type"].tolist() == ["ngo"]
