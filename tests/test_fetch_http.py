"""The fetch client against a local server: each failure is one line naming URL and status,
and a failed download leaves neither a partial file nor a record behind."""
from __future__ import annotations

import pytest
from helpers.fake_sources import FakeSources, no_internet, refused_url

from ecosystem.fetch.failures import FetchError
from ecosystem.fetch.files import FetchResult, fetch_file
from ecosystem.fetch.http import Client
from ecosystem.fetch.provenance import file_sha256, read_record, record_path


@pytest.fixture(autouse=True)
def _offline(monkeypatch):
    """Every source points at a refused port unless the test names its fake server."""
    no_internet(monkeypatch)


@pytest.fixture(scope="module")
def fake():
    with FakeSources() as server:
        yield server


def quiet_client(**kw) -> tuple[Client, list[float]]:
    """A client whose waits are recorded, not slept."""
    waits: list[float] = []
    return Client(sleep=waits.append, **kw), waits


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def failure(client, url, dest) -> FetchError:
    with pytest.raises(FetchError) as info:
        client.download(url, dest)
    return info.value


def test_404_names_url_and_status(fake, tmp_path):
    client, waits = quiet_client()
    exc = failure(client, f"{fake.url}/fail/404", tmp_path / "a.csv")
    assert str(exc) == f"{fake.url}/fail/404: HTTP 404 Not Found"
    assert exc.status == 404 and "\n" not in str(exc)
    assert waits == [] and leftovers(tmp_path) == []


def test_429_waits_as_retry_after_asks_then_succeeds(fake, tmp_path):
    client, waits = quiet_client()
    fake.counts.pop("/fail/429-then-ok", None)
    digest = client.download(f"{fake.url}/fail/429-then-ok", tmp_path / "ok.txt")
    assert waits == [2.0, 2.0]  # the server's Retry-After, twice, then 200
    assert (tmp_path / "ok.txt").read_bytes() == b"ok\n"
    assert digest == file_sha256(tmp_path / "ok.txt")
    assert fake.counts["/fail/429-then-ok"] == 3


def test_429_forever_gives_up_after_the_retries(fake, tmp_path):
    client, waits = quiet_client(retries=2)
    exc = failure(client, f"{fake.url}/fail/429-forever", tmp_path / "a.csv")
    assert str(exc) == f"{fake.url}/fail/429-forever: HTTP 429 Too Many Requests after 3 attempts"
    assert waits == [1.0, 1.0] and exc.status == 429
    assert leftovers(tmp_path) == []


def test_retry_after_longer_than_the_patience_stops_at_once(fake, tmp_path):
    client, waits = quiet_client(max_wait=60)
    exc = failure(client, f"{fake.url}/fail/429-long", tmp_path / "a.csv")
    assert "asks to wait 3600 s (Retry-After)" in str(exc) and exc.status == 429
    assert waits == []


def test_truncated_body_is_never_renamed_complete(fake, tmp_path):
    client, _ = quiet_client()
    dest = tmp_path / "big.bin"
    dest.write_bytes(b"the complete earlier version")
    exc = failure(client, f"{fake.url}/fail/truncated", dest)
    assert str(exc) == (f"{fake.url}/fail/truncated: body truncated: the connection closed "
                        f"before the 1,000 bytes announced")
    assert dest.read_bytes() == b"the complete earlier version"  # left as it was
    assert leftovers(tmp_path) == ["big.bin"]  # no big.bin.part


def test_wrong_checksum_is_refused(fake, tmp_path):
    client, _ = quiet_client()
    with pytest.raises(FetchError) as info:
        client.download(f"{fake.url}/ok/file.csv", tmp_path / "f.csv", sha256="ab" * 32)
    assert "checksum mismatch: sha256" in str(info.value)
    assert str(info.value).startswith(f"{fake.url}/ok/file.csv: ")
    assert leftovers(tmp_path) == []


def test_redirect_loop_is_named(fake, tmp_path):
    client, _ = quiet_client(max_redirects=4)
    exc = failure(client, f"{fake.url}/fail/loop", tmp_path / "a.csv")
    assert str(exc) == f"{fake.url}/fail/loop: more than 4 redirects (a redirect loop)"
    hits = [h for h in fake.hits if h[0] == "/fail/loop"]
    assert len(hits) >= 5


def test_connection_refused_is_offline_in_one_line(tmp_path):
    client, waits = quiet_client()
    url = f"{refused_url()}/x.csv"
    exc = failure(client, url, tmp_path / "x.csv")
    assert str(exc) == f"{url}: connection refused (offline, or nothing listens there)"
    assert waits == [] and leftovers(tmp_path) == []


def test_user_agent_names_the_tool(fake, tmp_path, monkeypatch):
    monkeypatch.setenv("ECOSYSTEM_CONTACT", "data@example.org")
    client, _ = quiet_client()
    client.download(f"{fake.url}/ok/file.csv", tmp_path / "f.csv")
    agent = [h[2].get("User-Agent") for h in fake.hits if h[0] == "/ok/file.csv"][-1]
    assert agent.startswith("ecosystem/0.1.0 (") and "contact data@example.org" in agent


def test_fetch_file_records_provenance_and_uses_the_cache(fake, tmp_path):
    client, _ = quiet_client()
    url = f"{fake.url}/ok/file.csv"
    result = FetchResult(source="demo", folder=tmp_path)
    dest = fetch_file(client, url, tmp_path / "f.csv", source="demo", licence="CC0",
                      result=result)
    record = read_record(dest)
    assert record["url"] == url and record["licence"] == "CC0"
    assert record["sha256"] == file_sha256(dest) and record["bytes"] == 8
    before = fake.counts.get("/ok/file.csv", 0)
    fetch_file(client, url, dest, source="demo", licence="CC0", result=result)
    assert fake.counts.get("/ok/file.csv", 0) == before  # answered from the cache
    assert (result.downloaded, result.cached) == (1, 1)
    dest.write_bytes(b"a,b\n9,9\n")  # same size, other content: the record no longer fits
    assert read_record(dest) is None
    fetch_file(client, url, dest, source="demo", licence="CC0", result=result)
    assert dest.read_bytes() == b"a,b\n1,2\n" and result.downloaded == 2
    assert record_path(dest).is_file()


def test_downloads_show_a_progress_bar_on_a_terminal(fake, tmp_path):
    import io

    from rich.console import Console

    from ecosystem.fetch.progress import download_bars

    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120)
    calls = []
    with download_bars(console) as bars:
        def progress(label, done, total):
            calls.append((label, done, total))
            bars(label, done, total)
        client, _ = quiet_client()
        client.download(f"{fake.url}/ok/file.csv", tmp_path / "f.csv", progress=progress)
    assert calls[0] == ("f.csv", 0, 8) and calls[-1] == ("f.csv", 8, 8)
    assert "f.csv" in screen.getvalue() and "8 bytes" in screen.getvalue()


def test_what_the_report_shows_of_a_fetched_file(tmp_path):
    from ecosystem.fetch.provenance import source_provenance, write_record

    f = tmp_path / "a.csv"
    f.write_text("x\n", encoding="utf-8")
    rec = write_record(f, url="https://example.org/a.csv", licence="CC BY 4.0", source="demo",
                       licence_url="https://creativecommons.org/licenses/by/4.0/")
    shown = source_provenance({"path": str(f), "sha256": file_sha256(f)})
    assert shown == {"fetched_from": "https://example.org/a.csv", "retrieved": rec["retrieved"],
                     "licence": "CC BY 4.0",
                     "licence_url": "https://creativecommons.org/licenses/by/4.0/"}
    # a record of other content (the file loaded is not the one fetched) shows nothing
    assert source_provenance({"path": str(f), "sha256": "0" * 64})["fetched_from"] == ""
    # a URL that is not http(s) is never made a link
    write_record(f, url="javascript:alert(1)", licence="x", source="demo",
                 licence_url="javascript:alert(2)")
    shown = source_provenance({"path": str(f), "sha256": file_sha256(f)})
    assert (shown["fetched_from"], shown["licence_url"]) == ("", "")
