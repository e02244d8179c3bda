"""Each registry source fetched from a local stand-in, loaded with ecosystem.load, and its
counts and provenance checked against the server's own data; the cache after a failure."""
from __future__ import annotations

import json
from collections import Counter

import pytest
from helpers.fake_sources import (
    ACTIVITIES,
    GRANTS,
    HDX_3W_ROWS,
    IATI_LICENCES,
    FakeSources,
    no_internet,
    refused_url,
)

import ecosystem
from ecosystem import fetch
from ecosystem.errors import InputError
from ecosystem.fetch.cache import MANIFEST, complete_files
from ecosystem.fetch.failures import FetchError
from ecosystem.fetch.provenance import file_sha256, read_record, record_path


@pytest.fixture(autouse=True)
def _offline(monkeypatch):
    """Every source points at a refused port unless the test names its fake server."""
    no_internet(monkeypatch)


@pytest.fixture()
def fake(monkeypatch, tmp_path):
    monkeypatch.setenv("ECOSYSTEM_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("IATI_DATASTORE_KEY", raising=False)
    with FakeSources() as server:
        yield server


def check_records(files, source, url_prefix, licence=None):
    for f in files:
        rec = read_record(f)
        assert rec is not None, f
        assert rec["source"] == source and rec["url"].startswith(url_prefix)
        assert rec["sha256"] == file_sha256(f) and rec["bytes"] == f.stat().st_size
        assert rec["retrieved"].endswith("Z") and rec["licence"]
        if licence is not None:
            assert rec["licence"] == licence


def test_hdx_3w_by_country(fake):
    result = fetch.fetch("hdx-3w", country="Mali", base_url=f"{fake.url}/hdx")
    assert [f.name for f in result.files] == ["mali-3w__mali-3w.csv"]
    assert any("mali-3w-notes.csv: no row of HXL hashtags" in n for n in result.notes)
    assert any(n.startswith("mali-population: not a 3W") for n in result.notes)
    assert not (result.folder / "mali-3w__mali-3w-notes.csv").exists()
    check_records(result.files, "hdx-3w", f"{fake.url}/hdx/files/",
                  "Creative Commons Attribution International")
    reg = ecosystem.load(result.files)
    assert len(reg.initiatives) == len(HDX_3W_ROWS)
    assert sorted(reg.actors["name"]) == sorted({o for o, _, _ in HDX_3W_ROWS})
    search = next(h for h in fake.hits if h[0].endswith("package_search"))[1]
    assert search["fq"] == ["groups:mli AND tags:hxl"]


def test_360giving_by_publisher(fake):
    result = fetch.fetch("360giving", publisher="Test Trust",
                         base_url=f"{fake.url}/360/data.json")
    assert sorted(f.name for f in result.files) == ["a001-testtrust-2019.json",
                                                    "a001-testtrust-2020.json"]
    check_records(result.files, "360giving", f"{fake.url}/360/files/",
                  "Creative Commons Attribution 4.0 International (CC BY 4.0)")
    reg = ecosystem.load(result.files)
    mine = [g for fid, gs in GRANTS.items() if "testtrust" in fid for g in gs]
    assert len(reg.initiatives) == len(mine) == 3
    assert sorted(reg.flows["amount"].tolist()) == sorted(float(a) for _, _, a in mine)


def test_360giving_ambiguous_or_unknown_publisher(fake):
    with pytest.raises(InputError, match="2 publishers match 't'.*360G-other, 360G-testtrust"):
        fetch.fetch("360giving", publisher="t", base_url=f"{fake.url}/360/data.json")
    with pytest.raises(InputError, match="0 publishers match 'nobody'"):
        fetch.fetch("360giving", publisher="nobody", base_url=f"{fake.url}/360/data.json")


@pytest.mark.parametrize("selector, expected", [
    ({"publisher": "alpha"}, [a for p, _, a, _ in ACTIVITIES if p == "alpha"]),
    ({"country": "MLI"}, [a for _, _, a, c in ACTIVITIES if "ML" in c]),
])
def test_iati_from_the_data_dump(fake, selector, expected):
    result = fetch.fetch("iati", base_url=f"{fake.url}/iati/download", **selector)
    reg = ecosystem.load(result.files)
    assert sorted(reg.initiatives["initiative_id"].str.split("/").str[-1]) == sorted(expected)
    for f in result.files:
        rec = read_record(f)
        publisher = f.name.split("__")[0]
        assert rec["url"] == (f"{fake.url}/iati/iati-20261206.zip#iati-data-main/data/"
                              f"{publisher}/{f.name.split('__')[1]}")
        assert rec["licence"] == IATI_LICENCES[publisher]
    dump = result.folder.parent / "dump" / "iati-20261206.zip"
    assert read_record(dump)["sha256"] == file_sha256(dump)


def test_iati_dump_is_downloaded_once(fake):
    fetch.fetch("iati", publisher="alpha", base_url=f"{fake.url}/iati/download")
    fetch.fetch("iati", publisher="beta", base_url=f"{fake.url}/iati/download")
    assert fake.counts["/iati/iati-20261206.zip"] == 1


def test_iati_datastore_with_a_key(fake, monkeypatch):
    with pytest.raises(InputError, match="IATI_DATASTORE_KEY"):
        fetch.fetch("iati", country="ML", datastore=True, base_url=f"{fake.url}/datastore")
    monkeypatch.setenv("IATI_DATASTORE_KEY", "test-key")
    result = fetch.fetch("iati", country="ML", base_url=f"{fake.url}/datastore")
    hit = next(h for h in fake.hits if h[0] == "/datastore/activity/iati")
    assert hit[2]["Ocp-Apim-Subscription-Key"] == "test-key"
    assert hit[1]["q"] == ['recipient_country_code:"ML"']
    assert result.folder.parent.name == "iati-datastore"
    reg = ecosystem.load(result.files)
    assert len(reg.initiatives) == sum("ML" in c for _, _, _, c in ACTIVITIES)
    monkeypatch.setenv("IATI_DATASTORE_KEY", "wrong")
    with pytest.raises(FetchError, match="HTTP 401"):
        fetch.fetch("iati", country="ML", base_url=f"{fake.url}/datastore")


def test_unknown_source_or_selector():
    with pytest.raises(InputError, match="unknown fetch source 'ckan'"):
        fetch.fetch("ckan")
    with pytest.raises(InputError, match="field fetch.publisher: unknown selector for hdx-3w"):
        fetch.fetch("hdx-3w", publisher="x")


def test_resolve_answers_from_a_completed_cache_offline(fake, monkeypatch):
    monkeypatch.setenv("ECOSYSTEM_HDX_URL", f"{fake.url}/hdx")
    files = fetch.resolve({"fetch": "hdx-3w", "country": "MLI"})
    manifest = json.loads((files[0].parent / MANIFEST).read_text(encoding="utf-8"))
    assert [f["name"] for f in manifest["files"]] == [files[0].name]
    monkeypatch.setenv("ECOSYSTEM_HDX_URL", refused_url())  # offline now
    assert fetch.resolve({"fetch": "hdx-3w", "country": "MLI"}) == files
    files[0].write_text("tampered\n", encoding="utf-8")  # the cache no longer complete
    assert complete_files(files[0].parent) is None
    with pytest.raises(FetchError, match="connection refused"):
        fetch.resolve({"fetch": "hdx-3w", "country": "MLI"})


def test_failure_mid_fetch_keeps_the_cache_consistent(fake):
    base = f"{fake.url}/360/data.json"
    fake.broken.add("/360/files/a001-testtrust-2020.json")
    with pytest.raises(FetchError) as info:
        fetch.fetch("360giving", publisher="360G-testtrust", base_url=base)
    assert str(info.value) == f"{fake.url}/360/files/a001-testtrust-2020.json: HTTP 404 Not Found"
    folder = fetch.cache_root() / "360giving" / "publisher-360G-testtrust"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["a001-testtrust-2019.json", "a001-testtrust-2019.json.provenance.json"]
    assert complete_files(folder) is None  # no manifest: not a finished fetch
    fake.broken.clear()
    result = fetch.fetch("360giving", publisher="360G-testtrust", base_url=base)
    assert (result.downloaded, result.cached) == (1, 1)
    assert complete_files(folder) == result.files
    assert Counter(fake.counts)["/360/files/a001-testtrust-2019.json"] == 1


def test_wrong_checksum_from_the_source_leaves_nothing(fake):
    fake.hdx_hash_wrong = True
    with pytest.raises(FetchError, match="mali-3w.csv: checksum mismatch: md5"):
        fetch.fetch("hdx-3w", country="MLI", base_url=f"{fake.url}/hdx")
    folder = fetch.cache_root() / "hdx-3w" / "country-MLI"
    assert sorted(p.name for p in folder.iterdir()) == []
    assert not record_path(folder / "mali-3w__mali-3w.csv").exists()
