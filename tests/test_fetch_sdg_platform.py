"""The SDG Partnerships Platform crawler against a local stand-in serving the saved pages
under $ECOSYSTEM_DATA (read at test time, never committed): robots.txt, rate limit,
resume, and the pages loaded by the HTML loader with their provenance."""
from __future__ import annotations

import pytest
from helpers.fake_sources import FakeSources, no_internet

import ecosystem
from ecosystem.fetch import fetch
from ecosystem.fetch.cache import cache_root, complete_files
from ecosystem.fetch.crawl import STATE_FILE
from ecosystem.fetch.failures import FetchError
from ecosystem.fetch.http import Client
from ecosystem.fetch.provenance import read_record
from ecosystem.fetch.sdg_platform import LICENCE, TERMS_URL
from ecosystem.reference import datapaths

NETWORK = "/partnerships/action-networks/ocean-commitments"


@pytest.fixture(autouse=True)
def _offline(monkeypatch):
    """Every source points at a refused port unless the test names its fake server."""
    no_internet(monkeypatch)


@pytest.fixture()
def pages():
    folder = datapaths.data_file("un_ocean_commitments", "sample_pages")
    if folder is None or not any(folder.glob("*.html")):
        pytest.skip("saved SDG platform pages not found: set ECOSYSTEM_DATA to the folder "
                    "of real registries (un_ocean_commitments/sample_pages)")
    return folder


@pytest.fixture()
def fake(pages, monkeypatch, tmp_path):
    monkeypatch.setenv("ECOSYSTEM_CACHE", str(tmp_path / "cache"))
    with FakeSources(pages, per_page=2) as server:
        yield server


def recording_client() -> tuple[Client, list[float]]:
    sleeps: list[float] = []
    return Client(sleep=sleeps.append), sleeps


def test_crawl_saves_every_page_and_the_loader_reads_them(fake, pages):
    client, sleeps = recording_client()
    result = fetch("sdg-platform", network="ocean-commitments", base_url=fake.url,
                   client=client)
    saved = sorted(p.stem.rsplit("_", 1)[0] for p in pages.glob("*.html"))
    assert sorted(f.stem for f in result.files) == saved
    assert result.notes == [(f"{fake.url}/partnerships/secret-deal: robots.txt disallows "
                             f"it; not fetched")]
    assert not any(h[0] == "/partnerships/secret-deal" for h in fake.hits)
    # listing pages 0..3 (the last adds nothing new), then one request per page
    listing = [int(h[1]["page"][0]) for h in fake.hits if h[0] == NETWORK]
    assert listing == list(range(len(saved) // 2 + 2))
    # the rate limit: a pause of (about) a second before every request but the first
    requests = len(fake.hits)
    assert len(sleeps) == requests - 1 and all(0.5 < s <= 1.0 for s in sleeps)
    assert all(h[2]["User-Agent"].startswith("ecosystem/") for h in fake.hits)
    reg = ecosystem.load(result.files, registry="ocean-commitments")
    assert len(reg.initiatives) == len(saved)
    for f in result.files:
        rec = read_record(f)
        assert rec["url"] == f"{fake.url}/partnerships/{f.stem}"
        assert (rec["licence"], rec["licence_url"]) == (LICENCE, TERMS_URL)
        assert f.read_bytes() == next(pages.glob(f"{f.stem}_*.html")).read_bytes()


def test_crawl_delay_of_robots_txt_is_honoured(fake):
    fake.robots = b"User-agent: *\nCrawl-delay: 7\n"
    client, sleeps = recording_client()
    fetch("sdg-platform", network="ocean-commitments", base_url=fake.url, client=client,
          limit=1)
    assert client.min_interval == 7.0 and sleeps and all(6.5 < s <= 7.0 for s in sleeps)


def test_robots_txt_forbidding_the_listing_stops_the_crawl(fake):
    fake.robots = b"User-agent: *\nDisallow: /partnerships/\n"
    with pytest.raises(FetchError, match=r"action-networks/ocean-commitments: robots.txt of "
                                         r".* disallows it for ecosystem; not fetched"):
        fetch("sdg-platform", network="ocean-commitments", base_url=fake.url,
              client=Client(sleep=lambda s: None))
    assert [h[0] for h in fake.hits] == ["/robots.txt"]


def test_an_interrupted_crawl_resumes_where_it_stopped(fake, pages):
    slugs = sorted(p.stem.rsplit("_", 1)[0] for p in pages.glob("*.html"))
    fake.broken.add(f"/partnerships/{slugs[2]}")
    quiet = Client(sleep=lambda s: None)
    with pytest.raises(FetchError, match=f"/partnerships/{slugs[2]}: HTTP 404 Not Found"):
        fetch("sdg-platform", network="ocean-commitments", base_url=fake.url, client=quiet)
    folder = next(cache_root().glob("sdg-platform/*"))
    assert (folder / STATE_FILE).is_file() and complete_files(folder) is None
    assert sorted(p.stem for p in folder.glob("*.html")) == slugs[:2]
    listing_before = sum(h[0] == NETWORK for h in fake.hits)
    fake.broken.clear()
    result = fetch("sdg-platform", network="ocean-commitments", base_url=fake.url,
                   client=Client(sleep=lambda s: None))
    assert sum(h[0] == NETWORK for h in fake.hits) == listing_before  # listing not read again
    assert (result.cached, result.downloaded) == (2, len(slugs) - 2)
    assert complete_files(folder) == result.files


def test_limit_saves_that_many_pages(fake):
    result = fetch("sdg-platform", network="ocean-commitments", base_url=fake.url, limit=2,
                   client=Client(sleep=lambda s: None))
    assert len(result.files) == 2
    assert sum(h[0] == NETWORK for h in fake.hits) == 1


def test_listing_stops_after_three_pages_that_add_nothing(fake, pages):
    """The platform's order drifts: pages past the end show partnerships seen before."""
    fake.listing_repeats = True
    result = fetch("sdg-platform", network="ocean-commitments", base_url=fake.url,
                   client=Client(sleep=lambda s: None))
    n = len(list(pages.glob("*.html")))
    listing = [int(h[1]["page"][0]) for h in fake.hits if h[0] == NETWORK]
    last_new = (n - 1) // 2  # 2 a page
    assert listing == list(range(last_new + 4)) and len(result.files) == n


def test_a_trial_run_is_not_taken_for_the_whole_crawl(fake, pages):
    from ecosystem.fetch import cached_files

    quiet = Client(sleep=lambda s: None)
    trial = fetch("sdg-platform", network="ocean-commitments", base_url=fake.url, limit=2,
                  client=quiet)
    assert cached_files({"fetch": "sdg-platform", "network": "ocean-commitments",
                         "limit": 2}) == trial.files
    assert cached_files({"fetch": "sdg-platform", "network": "ocean-commitments"}) is None
