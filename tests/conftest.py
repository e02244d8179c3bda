"""Shared fixtures: real registries through ECOSYSTEM_DATA, loaded once per session."""
from __future__ import annotations

import pytest

from ecosystem.reference import datapaths


def real_file(*parts: str):
    """Path of a real registry file, or skip the test with the reason."""
    p = datapaths.data_file(*parts)
    if p is None:
        pytest.skip(
            f"real registry file {'/'.join(parts)} not found: set ECOSYSTEM_DATA "
            "to the folder of real registries (../shared/data)"
        )
    return p


@pytest.fixture(scope="session")
def ocean_path():
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


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (skips with the reason when missing)."""
    import os

    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (make chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
