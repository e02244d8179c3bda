"""Two loads of one store never lose an update: the load is one critical section.

Two real ``ecosystem load`` processes share a store. The first is stopped
inside its critical section (after reading the store, before writing it) by
the ``ECOSYSTEM_PAUSE_AT`` pause point; the second starts then and must wait
for the lock; both finish and the store holds both registries. Without the
lock the second load would finish first and the first, writing what it read
before, would drop it.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from helpers.ocean_records import record, write_jsonl

from ecosystem.errors import EcosystemError
from ecosystem.model import Registry
from ecosystem.store import Store
from ecosystem.store.lock import lock_path, store_lock


def _load(path: Path, registry: str, store: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "ecosystem"), "load", str(path), "--registry", registry,
         "--store", str(store)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(path: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


@pytest.mark.slow
def test_a_second_load_waits_and_nothing_is_lost(tmp_path):
    store = tmp_path / "s.duckdb"
    first = write_jsonl(tmp_path / "first.jsonl", [record(1, "Reef survey", "Blue Shore Foundation")])
    second = write_jsonl(tmp_path / "second.jsonl", [record(2, "Mangrove plan", "Green Coast NGO")])
    pause = tmp_path / "go"
    env = dict(os.environ)
    slow = _load(first, "FIRST", store, {**env, "ECOSYSTEM_PAUSE_AT": str(pause)})
    try:
        _wait_for(Path(str(pause) + ".reached"))           # FIRST has read the store, holds the lock
        fast = _load(second, "FAST", store, env)
        time.sleep(3)
        assert fast.poll() is None, "the second load did not wait for the lock"
        pause.touch()                                        # let FIRST write
        out_slow = slow.communicate(timeout=120)
        out_fast = fast.communicate(timeout=120)
    finally:
        pause.touch()
        slow.kill()
    assert slow.returncode == 0, out_slow[1]
    assert fast.returncode == 0, out_fast[1]
    assert "another load is writing it" in out_fast[1]
    assert Store(store).registries() == ["FAST", "FIRST"]
    assert len(Store(store).registry().initiatives) == 2


def test_a_held_lock_times_out_with_a_clear_error(tmp_path):
    store = tmp_path / "s.duckdb"
    said = []
    with store_lock(store):
        with pytest.raises(EcosystemError, match="another load has been writing it for over 0 s"):
            with store_lock(store, timeout=0.2, on_wait=said.append):
                pass
    assert said and "waiting up to 0 s" in said[0]
    assert lock_path(store).exists() and not store.exists()   # the store itself untouched


def test_the_lock_is_released_after_a_failed_save(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    part = Registry.from_frames(initiatives=pd.DataFrame(
        {"initiative_id": ["r/1"], "registry": "r", "record_id": ["1"], "kind": "partnership"}))
    with pytest.raises(EcosystemError, match="comes twice"):
        store.save([part, part])
    with store_lock(store.path, timeout=0.5):   # free again
        pass
