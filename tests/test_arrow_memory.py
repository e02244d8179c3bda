"""The Arrow memory pool the loads allocate from (ecosystem.arrow_memory)."""
import json

import pandas as pd
import pyarrow as pa
import pytest

from ecosystem import ingest
from ecosystem.arrow_memory import system_memory_pool, use_system_memory_pool


@pytest.fixture
def default_pool(monkeypatch):
    """Arrow's own default pool in place, and no pool chosen by the environment."""
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    before = pa.default_memory_pool()
    pa.set_memory_pool(pa.mimalloc_memory_pool())
    yield
    pa.set_memory_pool(before)


def test_the_block_allocates_from_the_system_pool_then_puts_the_pool_back(default_pool):
    with system_memory_pool():
        inside = pa.array(["Blue Ventures", "WWF"])
        assert pa.default_memory_pool().backend_name == "system"
        with system_memory_pool():  # nested: puts back what it found
            pass
        assert pa.default_memory_pool().backend_name == "system"
    assert pa.default_memory_pool().backend_name == "mimalloc"
    # an array made inside stays valid after the switch back (it keeps its own pool)
    assert inside.to_pylist() == ["Blue Ventures", "WWF"]
    assert pd.Series(inside.to_pylist(), dtype="string").str.len().tolist() == [13, 3]


def test_the_pool_is_put_back_after_an_error(default_pool):
    with pytest.raises(ValueError), system_memory_pool():
        raise ValueError("a bad record")
    assert pa.default_memory_pool().backend_name == "mimalloc"


def test_a_pool_chosen_in_the_environment_is_left_alone(default_pool, monkeypatch):
    monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "mimalloc")
    with system_memory_pool():
        assert pa.default_memory_pool().backend_name == "mimalloc"
    use_system_memory_pool()
    assert pa.default_memory_pool().backend_name == "mimalloc"


def test_a_load_reads_with_the_system_pool_and_restores_the_default(default_pool, tmp_path,
                                                                    monkeypatch):
    seen = []
    read = ingest.loaders.read

    def spy(path, registry=None):
        seen.append(pa.default_memory_pool().backend_name)
        return read(path, registry=registry)
    monkeypatch.setattr(ingest.loaders, "read", spy)
    path = tmp_path / "commitments.jsonl"
    record = {"node_id": 1, "title": "Reef Watch", "lead_entity": "Blue Ventures",
              "partners": "WWF; UNEP", "sdgs": [14]}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    reg = ingest.ingest_files(path)
    assert sorted(reg.actors["name"]) == ["Blue Ventures", "UNEP", "WWF"]
    assert seen == ["system"]
    assert pa.default_memory_pool().backend_name == "mimalloc"
