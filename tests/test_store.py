"""The DuckDB store: round trip, one actor set across registries, replace on reload,
all-or-nothing loading, provenance."""
from __future__ import annotations

import subprocess
import sys
import time

import pandas as pd
import pytest
from helpers.store_snapshot import snapshot
from pandas.testing import assert_frame_equal

import ecosystem
from ecosystem import ingest, model
from ecosystem.errors import EcosystemError
from ecosystem.resolution import resolve
from ecosystem.store import Store, default_path
from ecosystem.store import tables as store_tables


def raw_registry(registry: str, records: dict[str, list[str]], source: str | None = None):
    """An unresolved registry as a loader returns it: record id -> [lead, partners...]."""
    ids = [f"{registry}:{r}" for r in records]
    n = len(ids)
    initiatives = pd.DataFrame({
        "initiative_id": ids, "registry": registry, "record_id": list(records),
        "kind": "partnership",
        "title": [f"Initiative «{r}» – ümlaut, 中文" for r in records],
        "description": ["x" * 5000] + [None] * (n - 1),
        "start": [pd.Timestamp("2017-06-01")] + [pd.NaT] * (n - 1),
        "end": [pd.Timestamp("2030-12-31")] + [pd.NaT] * (n - 1),
        "placeholder_dates": [False] + [True] * (n - 1),
        "status": None, "url": [f"https://example.org/{r}" for r in records],
    })
    mentions = pd.DataFrame(
        [(f"{registry}:{r}", name, "lead" if i == 0 else "partner",
          "government" if name.startswith("Government") else "ngo", r, name)
         for r, names in records.items() for i, name in enumerate(names)],
        columns=["initiative_id", "name", "role", "actor_type", "record_id", "source_text"],
    ).assign(registry=registry)
    first = ids[0]
    reg = model.Registry.from_frames(
        initiatives=initiatives,
        mentions=mentions,
        initiative_goals=pd.DataFrame({"initiative_id": [first, first], "goal": [14, 17]}),
        initiative_targets=pd.DataFrame({"initiative_id": [first], "target": ["14.a"],
                                         "goal": [14]}),
        initiative_places=pd.DataFrame({"initiative_id": [first], "place": ["FJI"],
                                        "kind": ["country"], "name": ["Fiji"], "share": [None]}),
        initiative_themes=pd.DataFrame({"initiative_id": [first], "theme": ["Coral reefs"],
                                        "vocabulary": ["ocean_action_community"]}),
        deliverables=pd.DataFrame({"initiative_id": [first, first],
                                   "date": [pd.Timestamp("2019-01-31"), pd.NaT],
                                   "text": ["Report", None]}),
        resources=pd.DataFrame({"initiative_id": [first], "type": ["financing"],
                                "details": ["USD 2,500.50"]}),
        flows=pd.DataFrame({"flow_id": [f"{registry}:f1"], "initiative_id": [first],
                            "provider_name": ["Some Fund"], "provider_ref": ["XM-EX-1"],
                            "amount": [2500.5],
                            "currency": ["USD"], "date": [pd.Timestamp("2018-03-01")]}),
        unresolved=pd.DataFrame({"initiative_id": [first], "text": ["NGOs"],
                                 "role": ["partner"], "reason": ["not an organisation"]}),
    )
    reg.sources = [{"path": source or f"/data/{registry}.jsonl", "sha256": "0" * 64,
                    "format": "test", "registry": registry}]
    return reg


A = {"1": ["Peace Boat", "UNEP", "Government of Fiji"], "2": ["UNEP"], "3": ["Reef Trust"]}
B = {"x": ["UNEP", "Reef Trust"], "y": ["Blue Alliance"]}


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "s" / "store.duckdb")


def test_default_path_from_env(monkeypatch, tmp_path):
    monkeypatch.delenv("ECOSYSTEM_STORE", raising=False)
    assert str(default_path()) == ".ecosystem/ecosystem.duckdb"
    monkeypatch.setenv("ECOSYSTEM_STORE", str(tmp_path / "x.duckdb"))
    assert Store().path == tmp_path / "x.duckdb"


def test_round_trip_preserves_values_and_dtypes(store):
    raw = raw_registry("alpha", A)
    expected = resolve.resolve_registry(raw)
    summary = store.save(raw)
    got = store.registry()
    for t in model.TABLES:
        assert_frame_equal(getattr(got, t), getattr(expected, t), check_dtype=True, obj=t)
    assert got.initiatives["description"].iloc[0] == "x" * 5000
    assert got.initiatives["title"].iloc[0] == "Initiative «1» – ümlaut, 中文"
    assert got.initiatives["placeholder_dates"].tolist() == [False, True, True]
    assert got.flows["amount"].tolist() == [2500.5]
    assert summary["counts"]["initiatives"] == 3
    assert summary["loaded"][0]["registry"] == "alpha"
    assert summary["replaced"] == {}


def actor_of(reg, initiative_id, role):
    t = reg.ties
    return t.loc[(t["initiative_id"] == initiative_id) & (t["role"] == role), "actor_id"].tolist()


def test_two_registries_share_one_actor_set(store):
    store.save(raw_registry("alpha", A))
    store.save(raw_registry("beta", B))
    reg = store.registry()
    assert store.registries() == ["alpha", "beta"]
    assert len(reg.initiatives) == 5
    # resolved together: exactly what resolving both registries at once gives
    both = resolve.resolve_registry(model.concat([raw_registry("alpha", A),
                                                  raw_registry("beta", B)]))
    for t in model.TABLES:
        assert_frame_equal(getattr(reg, t), getattr(both, t), obj=t)
    # UNEP and Reef Trust are named in both registries: one actor each
    unep = actor_of(reg, "alpha:2", "lead")
    assert len(unep) == 1 and actor_of(reg, "beta:x", "lead") == unep
    assert sorted(reg.ties.loc[reg.ties["actor_id"] == unep[0], "initiative_id"]) == [
        "alpha:1", "alpha:2", "beta:x"]
    assert actor_of(reg, "alpha:3", "lead") == actor_of(reg, "beta:x", "partner")
    # same result whatever the load order
    other = Store(store.path.with_name("other.duckdb"))
    other.save(raw_registry("beta", B))
    other.save(raw_registry("alpha", A))
    for t in model.TABLES:
        assert_frame_equal(getattr(other.registry(), t), getattr(reg, t), obj=t)


def test_select_one_registry(store):
    store.save([raw_registry("alpha", A), raw_registry("beta", B)])
    whole = store.registry()
    beta = store.registry("beta")
    assert beta.initiatives["initiative_id"].tolist() == ["beta:x", "beta:y"]
    assert beta.flows["flow_id"].tolist() == ["beta:f1"]
    tied = set(beta.ties["actor_id"]) | set(beta.flows["provider_actor_id"].dropna())
    assert set(beta.actors["actor_id"]) == tied
    assert len(beta.actors) < len(whole.actors)   # Peace Boat, Government of Fiji are alpha's
    assert set(beta.ties["registry"]) == {"beta"}
    assert [s["registry"] for s in beta.sources] == ["beta"]
    assert set(beta.mentions["registry"]) == {"beta"}
    with pytest.raises(EcosystemError, match="no registry gamma; it holds alpha, beta"):
        store.registry(["gamma"])


def test_reload_replaces_rows_never_duplicates(store):
    store.save(raw_registry("alpha", A))
    store.save(raw_registry("beta", B))
    first = snapshot(store.path)
    summary = store.save(raw_registry("alpha", A))
    assert summary["replaced"] == {"alpha": 3}
    again = snapshot(store.path)
    assert again.keys() == first.keys()
    for table in first:
        if table == "main.sources":  # only loaded_at moves
            assert len(again[table][1]) == len(first[table][1]) == 2
        else:
            assert again[table] == first[table], table
    # new content for alpha replaces the old one, beta stays
    store.save(raw_registry("alpha", {"9": ["UNEP"]}))
    reg = store.registry()
    assert sorted(reg.initiatives["initiative_id"]) == ["alpha:9", "beta:x", "beta:y"]
    assert len(reg.mentions) == 1 + 3 and len(reg.ties) == 4


def test_registry_option_names_the_rows(store):
    store.save(raw_registry("alpha", A), registry="renamed")
    assert store.registries() == ["renamed"]
    assert len(store.registry("renamed").initiatives) == 3


def test_sources_provenance(store):
    store.save(raw_registry("alpha", A, source="/data/a.jsonl"))
    src = store.sources()
    assert src.columns.tolist() == ["registry", "path", "sha256", "format", "initiatives",
                                    "loaded_at", "tool_version", "encoding", "notes"]
    row = src.iloc[0]
    assert (row["registry"], row["path"], row["sha256"], row["format"], row["initiatives"],
            row["tool_version"]) == ("alpha", "/data/a.jsonl", "0" * 64, "test", 3,
                                     ecosystem.__version__)
    assert abs((pd.Timestamp.now(tz="UTC").tz_localize(None) - row["loaded_at"]).total_seconds()) < 600


def test_crosswalk_csv_next_to_store(store):
    store.save(raw_registry("alpha", A))
    assert store.crosswalk_path == store.path.with_name("crosswalk.csv")
    cw = pd.read_csv(store.crosswalk_path)
    assert {"variant", "actor_id", "score", "method"} <= set(cw.columns)
    assert len(cw) == len(store.registry().crosswalk)


def test_resolver_failure_leaves_store_unchanged(store, monkeypatch):
    store.save(raw_registry("alpha", A))
    before = snapshot(store.path)

    def boom(reg, overrides=None):
        raise EcosystemError("resolver failed")

    monkeypatch.setattr(ingest, "resolve_registry", boom)
    with pytest.raises(EcosystemError, match="resolver failed"):
        store.save(raw_registry("beta", B))
    assert snapshot(store.path) == before


def test_failure_mid_write_rolls_back(store, monkeypatch):
    store.save(raw_registry("alpha", A))
    before = snapshot(store.path)
    calls = []
    original = store_tables.replace_table

    def fail_on_fifth(con, name, columns, frame):
        calls.append(name)
        if len(calls) == 5:  # after actors, initiatives (both schemas) were rewritten
            raise RuntimeError("disk full")
        return original(con, name, columns, frame)

    monkeypatch.setattr(store_tables, "replace_table", fail_on_fifth)
    with pytest.raises(RuntimeError, match="disk full"):
        store.save(raw_registry("beta", B))
    assert len(calls) == 5
    assert snapshot(store.path) == before


def test_failed_first_load_leaves_no_file(store, monkeypatch):
    monkeypatch.setattr(store_tables, "replace_table",
                        lambda *a: (_ for _ in ()).throw(RuntimeError("no")))
    with pytest.raises(RuntimeError):
        store.save(raw_registry("alpha", A))
    assert not store.path.exists()


def test_duplicate_initiatives_across_files(store):
    a1 = raw_registry("alpha", A, source="/data/one.jsonl")
    a2 = raw_registry("alpha", {"3": ["Somebody"]}, source="/data/two.jsonl")
    with pytest.raises(EcosystemError,
                       match=r"initiative alpha:3 comes twice \(files /data/one.jsonl, "
                             r"/data/two.jsonl"):
        store.save([a1, a2])
    assert not store.path.exists()


def test_missing_store_is_a_clear_error(store):
    assert store.registries() == []
    with pytest.raises(EcosystemError, match="no store at .*load a registry first"):
        store.info()


def test_not_a_store_file(tmp_path):
    bogus = tmp_path / "bogus.duckdb"
    bogus.write_text("hello, not a database\n")
    with pytest.raises(EcosystemError, match="cannot open it as an ecosystem store"):
        Store(bogus).registry()


def test_store_in_use_by_another_process(store):
    store.save(raw_registry("alpha", A))
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', flush=True);"
         " time.sleep(60)", str(store.path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(EcosystemError, match="open in another process"):
            store.save(raw_registry("beta", B))
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.1)
    assert store.registries() == ["alpha"]


def test_info_counts_and_summary(store):
    store.save([raw_registry("alpha", A), raw_registry("beta", B)])
    info = store.info()
    assert info["counts"]["initiatives"] == 5
    assert info["actors"] == len(store.registry().actors) >= 5
    assert info["store"] == str(store.path)
    assert info["size_bytes"] > 0
    assert info["sources"]["registry"].tolist() == ["alpha", "beta"]
    top = info["top_actors"]
    reg = store.registry()
    assert top.iloc[0]["actor_id"] == actor_of(reg, "alpha:2", "lead")[0]   # UNEP
    assert top.iloc[0][["initiatives", "led"]].tolist() == [3, 2]


# --- the real Ocean registry -------------------------------------------------------------

def test_ocean_round_trip_through_store(ocean, ocean_path, tmp_path):
    """Loading into the store gives back exactly what ecosystem.load gives, with provenance."""
    from ecosystem import loaders

    store = Store(tmp_path / "ocean.duckdb")
    summary = store.load(ocean_path)
    back = store.registry()
    assert len(back.initiatives) == 2650
    for t in model.TABLES:
        assert_frame_equal(getattr(back, t), getattr(ocean, t), check_dtype=True, obj=t)
    src = store.sources()
    assert src["sha256"].tolist() == [loaders.sha256(ocean_path)]
    assert src["path"].tolist() == [str(ocean_path.resolve())]
    assert summary["counts"]["initiatives"] == 2650
    assert summary["loaded"][0]["initiatives"] == 2650


def test_a_crosswalk_that_cannot_be_written_leaves_store_and_crosswalk_as_they_were(store,
                                                                                    monkeypatch):
    import ecosystem.store.database as database

    store.save(raw_registry("alpha", A))
    before, crosswalk = snapshot(store.path), store.crosswalk_path.read_bytes()

    def full_disk(reg, path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(database, "write_crosswalk", full_disk)
    with pytest.raises(EcosystemError, match="the crosswalk could not be written .* nothing was "
                                             "changed"):
        store.save(raw_registry("beta", B))
    assert snapshot(store.path) == before                      # the store did not commit
    assert store.crosswalk_path.read_bytes() == crosswalk      # nor did the crosswalk move
    assert not list(store.path.parent.glob("*.tmp"))
