"""Bad input, end to end: `ecosystem load BAD` against a store that already holds a registry.

Each case must exit non-zero with one message naming the file, the line or record
and the field, and leave the store exactly as it was (every table, the sources
table and crosswalk.csv). All files are written here from invented content in the
Ocean registry's shape (tests/helpers/ocean_records.py).
"""
from __future__ import annotations

import shutil

import pytest
from helpers.ocean_records import (
    CSV_COLUMNS,
    csv_text,
    good_records,
    jsonl_text,
    record,
    write_jsonl,
)
from helpers.store_snapshot import snapshot
from typer.testing import CliRunner

from ecosystem import ingest
from ecosystem.cli import app
from ecosystem.errors import EcosystemError
from ecosystem.store import Store

runner = CliRunner(env={"COLUMNS": "200", "ECOSYSTEM_STORE": None})


@pytest.fixture(scope="module")
def base_store(tmp_path_factory):
    """A store holding the small good registry, loaded under the loader's default name."""
    d = tmp_path_factory.mktemp("base")
    path = d / "store" / "s.duckdb"
    r = runner.invoke(app, ["load", str(write_jsonl(d / "good.jsonl")), "--store", str(path)])
    assert r.exit_code == 0, r.stderr
    assert len(Store(path).registry().initiatives) == 3
    return path


@pytest.fixture
def store(base_store, tmp_path):
    """A fresh copy of the base store (and its crosswalk.csv) for one test."""
    path = tmp_path / "store" / "s.duckdb"
    path.parent.mkdir()
    for f in (base_store, base_store.with_name("crosswalk.csv")):
        shutil.copy(f, path.parent / f.name)
    write_jsonl(tmp_path / "good.jsonl")
    return path


def load_fails(store, bad, *parts):
    """Load ``bad`` into ``store``: assert failure, the message parts, and an unchanged store."""
    before = snapshot(store)
    r = runner.invoke(app, ["load", str(bad), "--store", str(store)])
    assert r.exit_code != 0
    message = r.stderr.strip()
    assert message.startswith(f"error: {bad}"), message
    assert "Traceback" not in r.stdout + r.stderr
    assert len(message.splitlines()) == 1, message
    for part in parts:
        assert part in message, message
    assert snapshot(store) == before
    return message


def test_empty_file(store, tmp_path):
    bad = tmp_path / "empty.jsonl"
    bad.write_bytes(b"")
    load_fails(store, bad, "line 1", "empty")


def test_unknown_format(store, tmp_path):
    bad = tmp_path / "notes.jsonl"
    bad.write_text("Minutes of the coastal working group\nAttendees: five\n", encoding="utf-8")
    load_fails(store, bad, "line 1", "unknown format")


def test_truncated_json_line(store, tmp_path):
    text = jsonl_text(good_records())
    bad = tmp_path / "truncated.jsonl"
    bad.write_text(text[: len(text) - 400], encoding="utf-8")   # cut inside line 3
    load_fails(store, bad, "line 3", "not valid JSON")


def test_csv_missing_required_column(store, tmp_path):
    bad = tmp_path / "no_lead.csv"
    bad.write_text(csv_text(columns=[c for c in CSV_COLUMNS if c != "lead_entity"]),
                   encoding="utf-8")
    load_fails(store, bad, "line 1", "field lead_entity")


def test_duplicate_record_ids(store, tmp_path):
    recs = good_records()
    recs.append(record(90001, "Kelp Forest Restoration Pilot Again", "Somebody Else"))
    bad = tmp_path / "dup.jsonl"
    bad.write_text(jsonl_text(recs), encoding="utf-8")
    load_fails(store, bad, "line 4", "field node_id")


def test_non_utf8_bytes(store, tmp_path):
    lines = jsonl_text(good_records()).encode("utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace("Harbour".encode(), b"Harb\xf6ur")   # latin-1 o-umlaut
    bad = tmp_path / "latin1.jsonl"
    bad.write_bytes(b"".join(lines))
    offset = len(lines[0]) + lines[1].index(b"\xf6")
    msg = load_fails(store, bad, "line 2", "not UTF-8")
    assert str(offset) in msg


def test_bom_loads(store, tmp_path):
    ok = tmp_path / "bom.jsonl"
    recs = [record(90010, "Mangrove Nursery Network", "Delta Green Society",
                   "Coastal Research Institute")]
    ok.write_bytes(b"\xef\xbb\xbf" + jsonl_text(recs).encode("utf-8"))
    r = runner.invoke(app, ["load", str(ok), "--store", str(store), "--registry", "bom"])
    assert r.exit_code == 0, r.stderr
    reg = Store(store).registry("bom")
    assert reg.initiatives["title"].tolist() == ["Mangrove Nursery Network"]
    assert reg.initiatives["record_id"].tolist() == ["OceanAction90010"]
    assert "Delta Green Society" in set(reg.actors["name"])
    assert len(Store(store).registry().initiatives) == 4


def test_bom_csv_loads(store, tmp_path):
    ok = tmp_path / "bom.csv"
    ok.write_bytes(b"\xef\xbb\xbf" + csv_text().encode("utf-8"))
    r = runner.invoke(app, ["load", str(ok), "--store", str(store), "--registry", "bom-csv"])
    assert r.exit_code == 0, r.stderr
    assert Store(store).registry("bom-csv").initiatives["record_id"].tolist() == [
        "OceanAction90001", "OceanAction90002", "OceanAction90003"]


def test_html_not_a_partnership_page(store, tmp_path):
    bad = tmp_path / "page.html"
    bad.write_text(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><title>Annual picnic</title></head>\n"
        "<body><h1>Annual picnic</h1><p>Bring a towel.</p></body></html>\n", encoding="utf-8")
    load_fails(store, bad, "field article.partnerships", "not a partnership page")


def test_five_megabyte_field(store, tmp_path):
    recs = good_records()
    recs[1]["description"] = "x" * 5_000_000
    bad = tmp_path / "huge.jsonl"
    bad.write_text(jsonl_text(recs), encoding="utf-8")
    load_fails(store, bad, "line 2", "field description",
               "is 5,000,000 characters; the limit is 1,000,000")


def test_failure_after_parsing_leaves_store_unchanged(store, tmp_path, monkeypatch):
    before = snapshot(store)
    newer = write_jsonl(tmp_path / "newer.jsonl",
                        [record(90020, "Seagrass Mapping", "Blue Shore Foundation")])

    def broken(reg, overrides=None):
        raise RuntimeError("resolver crashed")

    monkeypatch.setattr(ingest, "resolve_registry", broken)
    r = runner.invoke(app, ["load", str(newer), "--store", str(store)])
    assert r.exit_code != 0
    assert isinstance(r.exception, RuntimeError)
    assert snapshot(store) == before

    def refuses(reg, overrides=None):
        raise EcosystemError("overrides file: line 3, field canonical: empty")

    monkeypatch.setattr(ingest, "resolve_registry", refuses)
    r = runner.invoke(app, ["load", str(newer), "--store", str(store)])
    assert r.exit_code == 1 and "overrides file: line 3" in r.stderr
    assert snapshot(store) == before


def test_reloading_same_file_does_not_duplicate(store, tmp_path):
    before = snapshot(store)
    r = runner.invoke(app, ["load", str(tmp_path / "good.jsonl"), "--store", str(store)])
    assert r.exit_code == 0
    after = snapshot(store)
    assert after.keys() == before.keys()
    for table in before:
        if table == "main.sources":   # same row, new loaded_at
            assert len(after[table][1]) == len(before[table][1]) == 1
        else:
            assert after[table] == before[table], table
