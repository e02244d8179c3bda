"""``ecosystem explore`` driven in headless Chromium (Playwright + Debian's chromium).

The app runs as the real command (``ecosystem explore --store ... --port ...``)
in a subprocess on a free port of 127.0.0.1, once per store, and driven by the session's
``browser`` (``conftest.py``):

* the Ocean commitments registry, loaded into a temporary store once per
  session: filter to target 14.1, search "UNEP" and open its card, click the
  busiest heatmap cell, download CSVs, no console errors; the time to first
  paint and the time a filter change takes are printed and written to
  ``tests/artifacts/explorer-timings.txt``;
* a small invented registry whose lead is ``<script>alert(1)</script>``: the
  name is shown as text, nothing runs.

Expected values are read from the store with the library (crosswalk, filters,
coverage), not from the app. Screenshots go to ``tests/artifacts/``.
"""
from __future__ import annotations

import csv
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

HOSTILE = "<script>alert(1)</script>"
HOSTILE_TITLE = '"><img src=x onerror=alert(1)>'
WAIT_MS = 150_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``ecosystem explore`` in a subprocess, stopped at the end."""

    def __init__(self, store: Path, log: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = log
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from ecosystem.cli import app; app()", "explore",
             "--store", str(store), "--port", str(self.port)],
            stdout=log.open("w"), stderr=subprocess.STDOUT, cwd=Path(__file__).parent.parent,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"explore exited with {self.proc.returncode}:\n"
                                     f"{log.read_text()}")
            try:
                with urllib.request.urlopen(self.url, timeout=5) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise AssertionError(f"explore did not answer within 180 s:\n{log.read_text()}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="module")
def ocean_app(ocean_store):
    server = Server(ocean_store, ocean_store.with_name("explore.log"))
    yield server
    server.stop()


def _page(browser):
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    return context, page, problems


def _idle(page) -> None:
    """Wait until no Dash component is being updated."""
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')",
                           timeout=WAIT_MS)


def _wait_text(page, selector: str, text: str) -> None:
    """Wait until the element exists and its text contains ``text``."""
    page.wait_for_function("([s, t]) => { const e = document.querySelector(s); "
                           "return !!e && e.innerText.includes(t); }", arg=[selector, text],
                           timeout=WAIT_MS)


def _csv_rows(page, selector: str) -> list[dict]:
    with page.expect_download(timeout=WAIT_MS) as dl:
        page.click(selector)
    with open(dl.value.path(), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_ocean_filter_search_card_cell_and_csv(browser, artifacts, ocean_app, ocean_store):
    from ecosystem.filters import filter_registry
    from ecosystem.measures.coordination.cells import cell_memberships
    from ecosystem.measures.coordination.coverage import coverage
    from ecosystem.store import Store

    reg = Store(ocean_store).registry()
    sub = filter_registry(reg, targets=["14.1"])
    unep = reg.crosswalk.loc[reg.crosswalk["variant"] == "UNEP", "actor_id"].iloc[0]
    unep_name = reg.actors.set_index("actor_id").loc[unep, "name"]
    unep_initiatives = sub.ties.loc[sub.ties["actor_id"] == unep, "initiative_id"].nunique()

    context, page, problems = _page(browser)
    t0 = time.perf_counter()
    page.goto(ocean_app.url)
    _wait_text(page, "#network-note", "Drawn")
    page.wait_for_selector("#network-graph .js-plotly-plot .scatterlayer .trace",
                           state="attached", timeout=WAIT_MS)  # SVG up to 2,500 actors
    _idle(page)
    all_drawn = time.perf_counter() - t0
    fcp = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
    assert page.inner_text("#selection-summary") == (
        f"{len(reg.initiatives):,} initiatives · {len(reg.actors):,} actors · "
        f"{len(reg.ties):,} ties")
    note = page.inner_text("#network-note")
    assert note.startswith(f"Drawn: the 2,000 actors with most initiatives, of "
                           f"{len(reg.actors):,} in this selection")
    page.screenshot(path=str(artifacts / "explorer-ocean-start.png"))

    # filter to target 14.1: every panel follows
    page.click("#f-targets")
    page.click("label.dash-dropdown-option:has(input[value='14.1'])")
    page.keyboard.press("Escape")
    t1 = time.perf_counter()
    _wait_text(page, "#selection-summary", "targets 14.1")
    _wait_text(page, "#network-note", f"of {len(sub.actors):,} in this selection")
    _idle(page)
    filter_change = time.perf_counter() - t1
    assert page.inner_text("#selection-summary").startswith(
        f"{len(sub.initiatives):,} initiatives · {len(sub.actors):,} actors · "
        f"{len(sub.ties):,} ties (of {len(reg.initiatives):,}")

    # search UNEP, open its card
    page.fill("#search-input", "UNEP")
    result = page.locator("#search-results .found-actors button.link", has_text=unep_name).first
    result.wait_for(timeout=WAIT_MS)
    assert page.locator("#search-results .found-actors button.link").first.inner_text() \
        == unep_name
    result.click()
    page.wait_for_selector(f"#actor-card [data-actor='{unep}']", timeout=WAIT_MS)
    assert page.inner_text("#actor-card .card-name") == unep_name
    assert page.inner_text("#actor-card .card-count") == f"{unep_initiatives:,}"
    assert f"{unep_initiatives:,} initiatives in this selection" in page.inner_text(
        "#actor-card .card-initiatives")
    rows = _csv_rows(page, "#actor-card [data-table='actor-initiatives'] button.csv")
    assert len(rows) == unep_initiatives
    assert {r["initiative_id"] for r in rows} == set(
        sub.ties.loc[sub.ties["actor_id"] == unep, "initiative_id"])
    _idle(page)
    page.screenshot(path=str(artifacts / "explorer-ocean-card.png"))

    # click the busiest cell of the heatmap (its tab drawn when opened)
    page.click("#tabs >> text=Coverage")
    page.wait_for_selector("#coverage-graph .js-plotly-plot .hm", timeout=WAIT_MS)
    _idle(page)
    page.evaluate("document.querySelector('#coverage-graph').scrollIntoView({block: 'center'})")
    cell = page.evaluate("""() => {
        const gd = document.querySelector('#coverage-graph .js-plotly-plot');
        const z = gd.calcdata[0][0].z, cd = gd._fullData[0].customdata, fl = gd._fullLayout;
        let best = [0, 0, -1];
        for (let i = 0; i < z.length; i++) for (let j = 0; j < z[i].length; j++)
            if (z[i][j] !== null && !isNaN(z[i][j]) && z[i][j] > best[2]) best = [i, j, z[i][j]];
        return {x: fl.xaxis.l2p(best[1]) + fl.xaxis._offset,
                y: fl.yaxis.l2p(best[0]) + fl.yaxis._offset,
                target: cd[best[0]][best[1]][0], place: cd[best[0]][best[1]][1]};
    }""")
    cov = coverage(sub, place_kind="country")
    row = cov[(cov["target"] == cell["target"]) & (cov["place_name"] == cell["place"])].iloc[0]
    cells = cell_memberships(sub, place_kind="country")
    ids = set(cells.loc[(cells["target"] == row["target"]) & (cells["place"] == row["place"]),
                        "initiative_id"])
    box = page.locator("#coverage-graph .js-plotly-plot").bounding_box()
    page.mouse.click(box["x"] + cell["x"], box["y"] + cell["y"])
    page.wait_for_selector("#cell-details [data-table='cell-initiatives']", timeout=WAIT_MS)
    details = page.inner_text("#cell-details")
    assert f"Target {cell['target']} · {cell['place']}" in details
    assert (f"{int(row['initiatives']):,} initiatives and {int(row['actors']):,} distinct actors"
            in details)
    shown = page.locator("#cell-details [data-table='cell-initiatives'] tbody tr").count()
    assert shown == min(len(ids), 20)
    rows = _csv_rows(page, "#cell-details [data-table='cell-initiatives'] button.csv")
    assert len(rows) == len(ids) == int(row["initiatives"])
    assert {r["initiative_id"] for r in rows} == ids
    page.screenshot(path=str(artifacts / "explorer-ocean-cell.png"))

    # an initiative's record opens from the cell's list
    page.locator("#cell-details [data-table='cell-initiatives'] button.link").first.click()
    page.wait_for_selector("#record-drawer .record", timeout=WAIT_MS)
    assert page.is_visible("#record-drawer")
    page.screenshot(path=str(artifacts / "explorer-ocean-record.png"))
    _idle(page)
    assert problems == []
    context.close()

    timings = (f"Ocean registry ({len(reg.initiatives):,} initiatives, {len(reg.actors):,} "
               f"actors): first contentful paint {fcp / 1000:.2f} s; every panel drawn "
               f"{all_drawn:.1f} s after navigation; filter change to target 14.1 "
               f"({len(sub.actors):,} actors) redrawn in {filter_change:.1f} s\n")
    (artifacts / "explorer-timings.txt").write_text(timings)  # the panels of the open tab
    print(timings)


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    from helpers.ocean_records import good_records, record, write_jsonl

    from ecosystem.store import Store

    folder = tmp_path_factory.mktemp("explore-hostile")
    path = write_jsonl(folder / "hostile.jsonl", good_records() + [
        record(90004, HOSTILE_TITLE, HOSTILE, "Blue Shore Foundation")])
    Store(folder / "ecosystem.duckdb").load([path])
    server = Server(folder / "ecosystem.duckdb", folder / "explore.log")
    yield server
    server.stop()


NODE_POSITION = """(id) => {
    const gd = document.querySelector('#network-graph .js-plotly-plot'), fl = gd._fullLayout;
    for (const t of gd._fullData) {
        if (!t.customdata) continue;
        const k = Array.from(t.customdata).indexOf(id);
        if (k >= 0) return {x: fl.xaxis.l2p(t.x[k]) + fl.xaxis._offset,
                            y: fl.yaxis.l2p(t.y[k]) + fl.yaxis._offset};
    }
    return null;
}"""


def test_hostile_names_are_shown_as_text(browser, artifacts, hostile_app):
    context, page, problems = _page(browser)
    page.goto(hostile_app.url)
    _wait_text(page, "#network-note", "Drawn: all 6 actors")
    _idle(page)

    # a click on a node opens its card
    page.evaluate("document.querySelector('#network-graph').scrollIntoView({block: 'center'})")
    # the note can be written before plotly has laid the figure out
    page.wait_for_function("() => { const gd = document.querySelector("
                           "'#network-graph .js-plotly-plot'); return !!gd && !!gd._fullLayout "
                           "&& (gd._fullData || []).some(t => t.customdata); }", timeout=WAIT_MS)
    node = page.evaluate(NODE_POSITION, "blue-shore-foundation")
    box = page.locator("#network-graph .js-plotly-plot").bounding_box()
    page.mouse.click(box["x"] + node["x"], box["y"] + node["y"])
    _wait_text(page, "#actor-card .card-name", "Blue Shore Foundation")

    # figures export as SVG once chosen; no upload-to-cloud button
    page.click("#image-format label:has-text('SVG')")
    page.wait_for_function("() => document.querySelector('#network-graph .js-plotly-plot')"
                           "._context.toImageButtonOptions.format === 'svg'", timeout=WAIT_MS)
    page.hover("#network-graph .js-plotly-plot")
    titles = page.evaluate("Array.from(document.querySelectorAll('#network-graph .modebar-btn'))"
                           ".map(a => a.getAttribute('data-title'))")
    assert "Download plot" in titles and not any("Share" in t for t in titles)

    # the hostile actor: found, shown as text, nothing runs
    page.fill("#search-input", "script alert")
    page.locator("#search-results button.link", has_text=HOSTILE).first.click()
    # the previous card (Blue Shore Foundation) is still on screen until the new one arrives
    _wait_text(page, "#actor-card .card-name", HOSTILE)
    _idle(page)
    assert page.inner_text("#actor-card .card-name") == HOSTILE
    assert HOSTILE_TITLE in page.inner_text("#actor-card [data-table='actor-initiatives']")
    assert page.evaluate("document.querySelectorAll('#actor-card script, #actor-card img, "
                         "#search-results script').length") == 0
    page.locator("#actor-card [data-table='actor-initiatives'] button.link").first.click()
    page.wait_for_selector("#record-drawer .record", timeout=WAIT_MS)
    assert page.inner_text("#record-drawer .record-title") == HOSTILE_TITLE
    assert page.evaluate("document.querySelectorAll('#record-drawer img').length") == 0
    page.screenshot(path=str(artifacts / "explorer-hostile.png"))
    assert problems == []  # no alert dialog, no script error
    context.close()
