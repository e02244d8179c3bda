"""Shared fixtures (real registries through ECOSYSTEM_DATA, loaded once per session) and the
hook that marks their users ``slow``."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS
from helpers.fake_sources import no_internet
from helpers.real_data import real_file
from hypothesis import settings

# Property-based tests draw the same examples on every run (CI and a fresh clone included), so a
# failure is reproducible; set HYPOTHESIS_PROFILE=explore to draw new ones.
settings.register_profile("fixed", derandomize=True, database=None)
settings.register_profile("explore")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fixed"))

#: Session fixtures that load a real registry or start a browser: every test that uses one,
#: directly or through another fixture, is marked ``slow``.
SLOW_FIXTURES = frozenset({"ocean_path", "browser"})


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``slow`` the tests that use a fixture of :data:`SLOW_FIXTURES`."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _sources_offline(monkeypatch) -> None:
    """Every registry source points at a refused local port unless a test names its own fake
    server: no test, here or added later, can reach the internet."""
    no_internet(monkeypatch)


@pytest.fixture(scope="session")
def ocean_path() -> Path:
    """The real Ocean commitments JSONL (≈ 2,650 records), or skip."""
    return real_file("un_ocean_commitments", "ocean_commitments.jsonl")


@pytest.fixture(scope="session")
def ocean(ocean_path):
    """The Ocean commitments registry, loaded and resolved once for the whole session."""
    import ecosystem

    return ecosystem.load(ocean_path)


@pytest.fixture(scope="session")
def ocean_report(ocean, tmp_path_factory):
    """The Ocean report built once: ``build_report``'s result (report path, files, sections)."""
    from ecosystem.report import build_report
    from ecosystem.study import study_for

    out = tmp_path_factory.mktemp("ocean-report")
    return build_report(study_for("analyses/ocean-commitments.toml"), ocean, out_dir=out,
                        tables_dir=out / "tables")


@pytest.fixture(scope="session")
def ocean_store(tmp_path_factory, ocean_path) -> Path:
    """A store holding the Ocean registry, loaded once for every explorer test that reads it."""
    from ecosystem.store import Store

    path = tmp_path_factory.mktemp("explore-ocean") / "ecosystem.duckdb"
    Store(path).load([ocean_path])
    return path


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (skips with the reason when missing)."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (make chromium) to run "
                    "the browser tests")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """The folder the browser tests write screenshots and timings to (``tests/artifacts``)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def stub_report(monkeypatch):
    """``ecosystem.report.build_report`` replaced by a :class:`helpers.stub_report.StubReport`."""
    from helpers.stub_report import StubReport

    import ecosystem.report

    stub = StubReport()
    monkeypatch.setattr(ecosystem.report, "build_report", stub)
    return stub
