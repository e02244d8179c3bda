"""`ecosystem fetch` and the report's use of fetched registries, through the command line:
provenance in the report, one line and exit 1 when the data is missing and the source
unreachable (never a traceback), and the default study completed from a local stand-in."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.fake_sources import HDX_3W_ROWS, FakeSources, no_internet, refused_url
from typer.testing import CliRunner

from ecosystem.cli import app
from ecosystem.fetch.provenance import read_record
from ecosystem.reference import datapaths

ROOT = Path(__file__).resolve().parents[1]
STUDY = ROOT / "analyses" / "ocean-commitments.toml"
ECOSYSTEM = Path(sys.executable).with_name("ecosystem")


@pytest.fixture(autouse=True)
def _offline(monkeypatch):
    """Every source points at a refused port unless the test names its fake server."""
    no_internet(monkeypatch)


@pytest.fixture()
def env(monkeypatch, tmp_path):
    monkeypatch.setenv("ECOSYSTEM_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("IATI_DATASTORE_KEY", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_fetch_command_downloads_with_provenance(env, monkeypatch):
    with FakeSources() as fake:
        monkeypatch.setenv("ECOSYSTEM_HDX_URL", f"{fake.url}/hdx")
        result = run("fetch", "hdx-3w", "--country", "MLI", "--to", str(env / "mali"))
    assert result.exit_code == 0, result.output
    assert f"hdx-3w: 1 file in {env / 'mali'} (1 downloaded, 0 from the cache)" in result.output
    assert "note: mali-3w__mali-3w-notes.csv: no row of HXL hashtags; left out" in result.output
    assert ('1 of 1 files in a format ecosystem reads; each has its provenance beside it '
            '(NAME.provenance.json). Name them in a study as source = { fetch = "hdx-3w", '
            f'country = "MLI" }}, or load them: ecosystem load {env / "mali"}/mali-3w__mali-3w.csv'
            ) in result.output
    rec = read_record(env / "mali" / "mali-3w__mali-3w.csv")
    assert rec["url"] == f"{fake.url}/hdx/files/mali-3w.csv"


def test_fetch_command_offline_is_one_line(env):
    url = refused_url()
    result = CliRunner().invoke(app, ["fetch", "360giving", "--publisher", "x"],
                                env={"ECOSYSTEM_360GIVING_URL": f"{url}/data.json"})
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines == [(f"error: {url}/data.json: connection refused (offline, or nothing "
                      f"listens there)")]


def test_fetch_command_refuses_a_selector_the_source_lacks(env):
    result = run("fetch", "sdg-platform", "--country", "MLI")
    assert result.exit_code == 1
    assert result.output.strip() == ("error: field fetch.country: unknown selector for "
                                     "sdg-platform; allowed: network, search, limit")


@pytest.mark.slow
def test_report_shows_fetched_and_local_files_in_its_provenance(env, monkeypatch):
    """One study, two sources: a local sheet and a fetch table among ``paths``."""
    sheet = env / "3w.csv"
    sheet.write_text("Organisation,Cluster,Region\n#org,#sector,#adm1\nOxfam,WASH,Kayes\n",
                     encoding="utf-8")
    study = env / "mali.toml"
    study.write_text(f'[study]\nname = "mali"\n[source]\npaths = ["{sheet}", '
                     f'{{ fetch = "hdx-3w", country = "MLI" }}]\nregistry = "mali-3w"\n'
                     f'[report]\nsections = ["overview"]\nexports = []\n', encoding="utf-8")
    with FakeSources() as fake:
        monkeypatch.setenv("ECOSYSTEM_HDX_URL", f"{fake.url}/hdx")
        result = run("report", str(study), "--store", str(env / "s.duckdb"))
    assert result.exit_code == 0, result.output
    html = (env / "out" / "mali" / "report.html").read_text(encoding="utf-8")
    table = html[html.index('<section id="provenance">'):].split("</table>")[0]
    rows = table.split("<tr>")[2:]
    assert len(rows) == 2
    local = next(r for r in rows if str(sheet) in r)
    fetched = next(r for r in rows if "mali-3w__mali-3w.csv" in r)
    assert "<td>local file</td>" in local and "<a href=" not in local
    url = f"{fake.url}/hdx/files/mali-3w.csv"
    assert f'<a href="{url}" rel="noopener noreferrer">{url}</a> on 20' in fetched
    assert "<br>licence: Creative Commons Attribution International</td>" in fetched
    assert f"{len(HDX_3W_ROWS) + 1} presence records" in html  # a 3W counts in its own word


def test_a_study_source_may_be_a_fetch_table(env, monkeypatch):
    """``source = { fetch = ..., country = ... }``: resolved to the fetched files, then from
    the cache without the network."""
    from ecosystem.study import study_for, validate_study

    study = env / "mali.toml"
    study.write_text('[study]\nname = "mali"\n[source]\nfetch = "hdx-3w"\ncountry = "MLI"\n',
                     encoding="utf-8")
    with FakeSources() as fake:
        monkeypatch.setenv("ECOSYSTEM_HDX_URL", f"{fake.url}/hdx")
        s = study_for(study)
        assert (s.paths, len(s.pending), fake.hits) == ([], 1, [])  # reading fetches nothing
        validate_study(s)  # the whole study checked, then fetched
    assert [p.name for p in s.paths] == ["mali-3w__mali-3w.csv"] and s.pending == []
    monkeypatch.setenv("ECOSYSTEM_HDX_URL", refused_url())
    again = study_for(study)  # from the cache, offline
    assert (again.paths, again.pending) == (s.paths, [])
    study.write_text('[study]\nname = "mali"\n[source]\nfetch = "hdx-3w"\nnetwork = "x"\n',
                     encoding="utf-8")
    result = run("report", str(study))
    assert result.exit_code == 1
    assert result.output.strip() == (f"error: {study}, field source.network: unknown selector "
                                     f"for hdx-3w; allowed: country")
    study.write_text('[study]\nname = "mali"\n[source]\nfetch = "hdx-3w"\ncountry = "BFA"\n'
                     '[analysis]\ntop = 0\n', encoding="utf-8")
    result = run("report", str(study))  # a bad setting fails before anything is fetched
    assert result.output.strip() == (f"error: {study}, field analysis.top: must be a whole "
                                     f"number of at least 1, got 0")


ONE_LINE = re.compile(
    r"error: no registry data here: the study reads \S+ocean_commitments\.jsonl; set "
    r"ECOSYSTEM_DATA to the folder of real registries, or run `ecosystem fetch sdg-platform "
    r"--network ocean-commitments` once online \(fetching failed: "
    r"http://127\.0\.0\.1:\d+/robots\.txt: connection refused \(offline, or nothing listens "
    r"there\)\)")


@pytest.mark.parametrize("data", ["empty", "missing"])
def test_default_study_without_data_offline_says_how_in_one_line(env, data):
    """ECOSYSTEM_DATA naming an empty folder, or none; the platform unreachable."""
    (env / "empty").mkdir()
    result = CliRunner().invoke(app, ["report", str(STUDY), "--store", str(env / "s.duckdb")],
                                env={"ECOSYSTEM_DATA": str(env / data),
                                     "ECOSYSTEM_SDG_PLATFORM_URL": refused_url(),
                                     "COLUMNS": "300"})
    assert result.exit_code == 1 and result.exception is None or isinstance(
        result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and ONE_LINE.fullmatch(lines[0]), result.output
    assert not (env / "out").exists() and not (env / "s.duckdb").exists()


@pytest.mark.slow
def test_installed_command_without_data_offline_exits_1_without_traceback(env):
    """The same through the installed ``ecosystem`` script, as ``make report`` runs it."""
    (env / "empty").mkdir()
    environ = {**os.environ, "ECOSYSTEM_DATA": str(env / "empty"),
               "ECOSYSTEM_SDG_PLATFORM_URL": refused_url(), "COLUMNS": "300"}
    done = subprocess.run([str(ECOSYSTEM), "report", str(STUDY), "--store",
                           str(env / "s.duckdb")], capture_output=True, text=True, check=False,
                          env=environ, cwd=env, timeout=120)
    assert done.returncode == 1 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and ONE_LINE.fullmatch(lines[0]), done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_default_study_completes_from_a_local_platform(env):
    pages = datapaths.data_file("un_ocean_commitments", "sample_pages")
    if pages is None:
        pytest.skip("saved SDG platform pages not found: set ECOSYSTEM_DATA to the folder of "
                    "real registries (un_ocean_commitments/sample_pages)")
    (env / "empty").mkdir()
    with FakeSources(pages, per_page=3) as fake:
        environ = {**os.environ, "ECOSYSTEM_DATA": str(env / "empty"),
                   "ECOSYSTEM_SDG_PLATFORM_URL": fake.url}
        done = subprocess.run([str(ECOSYSTEM), "report", str(STUDY), "--store",
                               str(env / "s.duckdb")], capture_output=True, text=True, check=False,
                              env=environ, cwd=env, timeout=600)
    assert done.returncode == 0, done.stderr
    n = len(list(pages.glob("*.html")))
    assert f"{n} files" in done.stdout and "ocean-commitments" in done.stdout
    html = (env / "out" / "ocean-commitments" / "report.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="provenance">'):]
    assert section.count(f'<a href="{fake.url}/partnerships/') == n
    assert section.count("the UN website&#39;s Terms of Use apply") == n
