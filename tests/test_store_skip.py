"""Loads skip unchanged files: the store is left byte-identical and nothing is resolved;
a changed file, changed overrides or a changed build loads again; the registry a load
hands over in memory equals the one read back."""
from __future__ import annotations

import pandas as pd
import pytest
from helpers.ocean_records import good_records, write_jsonl
from helpers.store_snapshot import snapshot
from pandas.testing import assert_frame_equal
from typer.testing import CliRunner

import ecosystem
from ecosystem.cli import app
from ecosystem.errors import InputError
from ecosystem.model import TABLES
from ecosystem.store import Store, database

runner = CliRunner(env={"COLUMNS": "200", "ECOSYSTEM_STORE": None})


@pytest.fixture(autouse=True)
def fixed_code(monkeypatch):
    """The code fingerprint held fixed: the package's files may be edited while tests run."""
    stamp = database.build_stamp
    monkeypatch.setattr(database, "build_stamp",
                        lambda o, v: {**stamp(o, v), "code_sha256": "fixed"})
    return stamp


@pytest.fixture
def calls(monkeypatch):
    """Count the resolver's and the readers' calls made by the store."""
    counts = {"resolve": 0, "read": []}
    resolve, read = database.resolve_loaded, database.read_files

    def counting_resolve(*a, **kw):
        counts["resolve"] += 1
        return resolve(*a, **kw)

    def counting_read(paths, *a, **kw):
        counts["read"] += [p.name for p in paths]
        return read(paths, *a, **kw)

    monkeypatch.setattr(database, "resolve_loaded", counting_resolve)
    monkeypatch.setattr(database, "read_files", counting_read)
    return counts


@pytest.fixture
def small(tmp_path):
    return write_jsonl(tmp_path / "small.jsonl")


@pytest.fixture
def other(tmp_path):
    """The small file's records under other ids: another registry's file."""
    return write_jsonl(tmp_path / "other.jsonl",
                       [{**r, "node_id": r["node_id"] + 100,
                         "ocean_action_id": f"#OceanAction{r['node_id'] + 100}"}
                        for r in good_records()])


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "s" / "store.duckdb")


def files(store):
    """The store's bytes and its crosswalk's."""
    return store.path.read_bytes(), store.crosswalk_path.read_bytes()


def assert_same_registry(a, b):
    for t in TABLES:
        assert_frame_equal(getattr(a, t), getattr(b, t), obj=t)  # values, dtypes, index
    assert_frame_equal(pd.DataFrame(a.sources), pd.DataFrame(b.sources), obj="sources")


def test_second_load_of_the_same_file_skips_it(store, small, calls):
    first = store.load(small, registry="mine")
    assert calls == {"resolve": 1, "read": ["small.jsonl"]}
    before = files(store)
    again = store.load(small, registry="mine")
    assert calls == {"resolve": 1, "read": ["small.jsonl"]}   # nothing read nor resolved
    assert files(store) == before                              # byte-identical
    assert again["loaded"] == [] and again["registry"] is None
    assert [(s["registry"], s["path"], s["initiatives"]) for s in again["skipped"]] == [
        ("mine", str(small.resolve()), 3)]
    assert again["counts"] == first["counts"] and again["actors"] == first["actors"]
    # without --registry the name the store holds it under is taken
    assert store.load(small)["skipped"][0]["registry"] == "mine"
    assert calls["resolve"] == 1 and files(store) == before


def test_a_changed_file_is_loaded_again(store, small, calls):
    store.load(small, registry="mine")
    records = good_records()
    records[0]["title"] = "A new title"
    write_jsonl(small, records)
    result = store.load(small, registry="mine")
    assert calls == {"resolve": 2, "read": ["small.jsonl", "small.jsonl"]}
    assert result["skipped"] == [] and result["replaced"] == {"mine": 3}
    assert "A new title" in set(store.registry().initiatives["title"])


def test_changed_overrides_resolve_again_without_reading(store, small, tmp_path, calls):
    overrides = tmp_path / "overrides.csv"
    overrides.write_text("variant,canonical\n", encoding="utf-8")
    store.load(small, registry="mine", overrides=overrides)
    assert "Blue Shore Foundation" in set(store.registry().actors["name"])
    before = snapshot(store.path)
    overrides.write_text("variant,canonical\nBlue Shore Foundation,not an organisation\n",
                         encoding="utf-8")
    result = store.load(small, registry="mine", overrides=overrides)
    assert calls == {"resolve": 2, "read": ["small.jsonl"]}    # resolved, not read again
    assert result["loaded"] == [] and len(result["skipped"]) == 1
    assert "Blue Shore Foundation" not in set(store.registry().actors["name"])
    assert snapshot(store.path)["loaded.mentions"] == before["loaded.mentions"]
    assert_same_registry(result["registry"], store.registry(["mine"]))
    # and the same overrides a third time: skipped
    store.load(small, registry="mine", overrides=overrides)
    assert calls["resolve"] == 2


def test_a_new_build_or_force_loads_again(store, small, calls, monkeypatch, fixed_code):
    store.load(small)
    store.load(small, force=True)
    assert calls["resolve"] == 2 and calls["read"] == ["small.jsonl"] * 2
    stamp = fixed_code

    monkeypatch.setattr(database, "build_stamp",
                        lambda o, v: {**stamp(o, v), "code_sha256": "changed"})
    assert store.load(small)["loaded"] != []
    assert calls["resolve"] == 3
    monkeypatch.setattr(ecosystem, "__version__", "99.0")
    result = store.load(small)
    assert calls["resolve"] == 4 and result["skipped"] == []
    assert store.sources()["tool_version"].tolist() == ["99.0"]


def test_another_registry_name_for_the_same_file_is_still_refused(store, small, calls):
    store.load(small, registry="mine")
    before = snapshot(store.path)
    with pytest.raises(InputError, match="already loaded as registry 'mine'"):
        store.load(small, registry="theirs")
    assert snapshot(store.path) == before
    assert store.registries() == ["mine"]


def test_only_the_changed_registry_is_read(store, small, other, tmp_path, calls):
    store.load(small)                                     # its loader's name
    store.load(other, registry="two")
    both = store.load([small, other])
    assert both["loaded"] == [] and [s["registry"] for s in both["skipped"]] == [
        "ocean-commitments", "two"]
    assert calls["resolve"] == 2
    records = good_records()
    records[1]["title"] = "Changed"
    write_jsonl(small, records)
    result = store.load([small, other])
    assert calls["read"] == ["small.jsonl", "other.jsonl", "small.jsonl"]
    assert [s["registry"] for s in result["loaded"]] == ["ocean-commitments"]
    assert [s["registry"] for s in result["skipped"]] == ["two"]
    assert sorted(result["registry"].registries) == ["ocean-commitments", "two"]
    assert_same_registry(result["registry"], store.registry(["ocean-commitments", "two"]))
    assert "Changed" in set(store.registry().initiatives["title"])
    # a new file that joins a registry held unchanged: the held file is read too
    third = write_jsonl(tmp_path / "third.jsonl",
                        [{**r, "node_id": r["node_id"] + 200,
                          "ocean_action_id": f"#OceanAction{r['node_id'] + 200}"}
                         for r in good_records()])
    result = store.load([small, third])
    assert calls["read"][3:] == ["third.jsonl", "small.jsonl"]
    assert result["replaced"] == {"ocean-commitments": 3} and result["skipped"] == []
    assert len(store.registry("ocean-commitments").initiatives) == 6


def test_a_registry_loses_a_file_when_loaded_from_fewer(store, small, other, calls):
    store.load([small, other], registry="both")
    result = store.load(small, registry="both")   # not the files it holds: loaded, replaced
    assert result["replaced"] == {"both": 6} and result["skipped"] == []
    assert len(store.registry().initiatives) == 3


def test_in_memory_registry_equals_the_one_read_back(store, small, other):
    first = store.load(small, registry="one")
    assert_same_registry(first["registry"], store.registry(["one"]))
    second = store.load(other, registry="two")            # restricted to its registry
    assert second["registry"].registries == ["two"]
    assert_same_registry(second["registry"], store.registry(["two"]))
    assert len(store.registry().initiatives) == 6


def test_cli_prints_unchanged_and_report_reads_once(small, tmp_path, stub_report, monkeypatch):
    store = tmp_path / "s.duckdb"
    run = lambda *a: runner.invoke(app, [str(x) for x in a])
    assert run("load", small, "--store", store).exit_code == 0
    r = run("load", small, "--store", store)
    assert r.exit_code == 0, r.stderr
    assert "small.jsonl (ocean-jsonl), 3 initiatives: unchanged: already loaded" in r.stdout
    assert "Nothing to load" in r.stdout and "replaces" not in r.stdout
    reads = []
    registry = Store.registry
    monkeypatch.setattr(Store, "registry", lambda self, *a: reads.append(a) or registry(self, *a))
    r = run("report", small, "--store", store, "--out", tmp_path / "out")
    assert r.exit_code == 0, r.stderr
    assert "unchanged: already loaded" in r.stdout and len(reads) == 1
    assert len(stub_report.calls[-1][1].initiatives) == 3
    r = run("load", small, "--store", store, "--force")
    assert "replaces 3 initiatives loaded before" in r.stdout


def test_stamp_follows_reference_tables_and_overrides(tmp_path, monkeypatch, fixed_code):
    from ecosystem.store import load_checks

    (tmp_path / "countries.csv").write_text("a\n", encoding="utf-8")
    (tmp_path / "actor_overrides.csv").write_text("variant,canonical\n", encoding="utf-8")
    monkeypatch.setattr(load_checks, "REFERENCE_DIR", tmp_path)
    monkeypatch.setattr(load_checks, "DEFAULT_OVERRIDES", tmp_path / "actor_overrides.csv")
    first = fixed_code(None, "1")
    (tmp_path / "actor_overrides.csv").write_text("variant,canonical\nA,B\n", encoding="utf-8")
    second = fixed_code(None, "1")
    assert second["code_sha256"] == first["code_sha256"]
    assert second["overrides_sha256"] != first["overrides_sha256"]
    (tmp_path / "countries.csv").write_text("b\n", encoding="utf-8")
    assert fixed_code(None, "1")["code_sha256"] != first["code_sha256"]
    (tmp_path / "actor_overrides.csv").unlink()
    assert fixed_code(None, "1")["overrides_sha256"] == "absent"
    assert fixed_code(tmp_path / "missing.csv", "1")["overrides_sha256"] is None


def test_a_store_written_before_the_stamp_loads_again(store, small, calls):
    import duckdb

    store.load(small)
    con = duckdb.connect(str(store.path))
    con.execute('DROP TABLE main."store_meta"')
    con.close()
    assert store.load(small)["skipped"] == [] and calls["resolve"] == 2
    assert store.load(small)["loaded"] == [] and calls["resolve"] == 2
