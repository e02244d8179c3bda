"""Curation in the explorer's actor card, driven in headless Chromium.

A small 3W sheet written here is loaded into a temporary store and served by
the real command (``ecosystem explore --store ... --port ...``). In the card of
"Oxfam Novib" the test merges it into "Oxfam": the card then shows Oxfam with
both names and their initiatives (counted from the sheet here). The app is
stopped and started again on the same store: Oxfam is still merged; a split in
the card takes Oxfam Novib off again, and the undo button undoes the split, then
the merge. Screenshots go to ``tests/artifacts/``.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from test_explorer_browser import Server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WAIT_MS = 120_000
SHEET = [("Oxfam", "WASH", "Gao"), ("Oxfam", "Shelter", "Gao"),
         ("Oxfam Novib", "Protection", "Mopti"), ("Oxfam Novib", "WASH", "Kidal"),
         ("Oxfam Novib", "Health", "Kidal"), ("Reef Trust", "WASH", "Kidal")]
WHO = "Test Curator"


def _count(*names) -> int:
    """Initiatives (sheet rows) written with one of ``names``."""
    return sum(1 for org, *_ in SHEET if org in names)


@pytest.fixture
def store(tmp_path) -> Path:
    from ecosystem.store import Store

    sheet = tmp_path / "3w.csv"
    with open(sheet, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerows([("Organisation", "Cluster", "Region"), ("#org", "#sector", "#adm1"),
                     *SHEET])
    path = tmp_path / "st" / "ecosystem.duckdb"
    Store(path).load(sheet, registry="rowca")
    return path


def _open_card(page, name: str, actor_id: str) -> None:
    page.fill("#search-input", name)
    page.locator("#search-results button.link", has_text=name).first.click()
    page.wait_for_selector(f'#actor-card .card[data-actor="{actor_id}"] #curation',
                           timeout=WAIT_MS)


def _card_says(page, actor_id: str, initiatives: int) -> None:
    page.wait_for_function(
        "([a, n]) => { const c = document.querySelector(`#actor-card .card[data-actor='${a}']`);"
        " const k = c && c.querySelector('.card-count');"
        " return !!k && k.innerText.replace(/[^0-9]/g, '') === String(n); }",
        arg=[actor_id, initiatives], timeout=WAIT_MS)


def _names_in_card(page) -> str:
    """The card's text, its folded lists included."""
    return page.text_content("#actor-card .card")


def _summary_actors(page) -> int:
    """The actors count the header states ("12 initiatives · 3 actors · …")."""
    import re

    return int(re.search(r"([\d,]+) actors", page.inner_text("#selection-summary"))[1]
               .replace(",", ""))


def test_merge_in_the_card_changes_it_and_survives_a_restart(browser, artifacts, store):
    from ecosystem.store import Store
    from ecosystem.store.curation import curation_log

    log = store.with_name("explore.log")
    server = Server(store, log)
    try:
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        problems = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(server.url)
        page.wait_for_selector("#selection-summary", timeout=WAIT_MS)
        actors_before = _summary_actors(page)
        _open_card(page, "Oxfam Novib", "oxfam-novib")
        _card_says(page, "oxfam-novib", _count("Oxfam Novib"))
        page.click("#curation summary")
        page.fill("#curation-who", WHO)
        page.click("#curation-into")
        page.fill(".dash-dropdown-content .dash-dropdown-search", "Oxfam")
        page.locator("[role=option]", has_text="(oxfam)").first.click()
        page.keyboard.press("Escape")
        page.screenshot(path=str(artifacts / "curation-before-merge.png"))
        page.click("#curation-merge")
        # the card opens the merged actor: both names, the initiatives of both
        _card_says(page, "oxfam", _count("Oxfam", "Oxfam Novib"))
        # the other panels draw the new registry too: the actors table has one row fewer
        page.wait_for_function("() => (document.querySelector('#actors-table') || {})"
                               ".textContent?.includes('2 rows')", timeout=WAIT_MS)
        said = _names_in_card(page)
        assert "Oxfam Novib" in said and "Oxfam" in said.replace("Oxfam Novib", "")
        # and the header's counts: one actor fewer
        for _ in range(60):
            if _summary_actors(page) == actors_before - 1:
                break
            page.wait_for_timeout(500)
        assert _summary_actors(page) == actors_before - 1
        page.click("#actor-card #curation summary")
        page.wait_for_function("() => (document.querySelector('#curation-last') || {})"
                               ".textContent?.includes('by Test Curator')", timeout=WAIT_MS)
        page.wait_for_timeout(3000)  # the card's second part and the map settle
        page.screenshot(path=str(artifacts / "curation-after-merge.png"))
        assert problems == []
    finally:
        server.stop()
    # written to the store's files, with who: read back by the library
    reg = Store(store).registry()
    assert reg.crosswalk.set_index("variant").loc["Oxfam Novib", "actor_id"] == "oxfam"
    assert curation_log(store)["who"].tolist() == [WHO]

    server = Server(store, log)
    try:
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(server.url)
        _open_card(page, "Oxfam", "oxfam")
        _card_says(page, "oxfam", _count("Oxfam", "Oxfam Novib"))
        assert "Oxfam Novib" in _names_in_card(page)
        page.wait_for_timeout(3000)  # the card's second part and the map settle
        page.screenshot(path=str(artifacts / "curation-after-restart.png"))
        # split the name off in the card: Oxfam Novib is an actor of its own again
        page.click("#actor-card #curation summary")
        page.fill("#curation-who", WHO)
        page.click("#curation-variant")
        page.locator("[role=option]", has_text="Oxfam Novib").first.click()
        page.keyboard.press("Escape")
        page.click("#curation-split")
        _card_says(page, "oxfam", _count("Oxfam"))
        page.wait_for_timeout(3000)  # the card's second part and the map settle
        page.screenshot(path=str(artifacts / "curation-after-split.png"))
        # undo from the card (the split), then undo the merge: as loaded
        page.click("#actor-card #curation summary")
        page.wait_for_function("() => (document.querySelector('#curation-undo') || {})"
                               ".textContent?.includes('Undo change 2')", timeout=WAIT_MS)
        page.click("#curation-undo")
        _card_says(page, "oxfam", _count("Oxfam", "Oxfam Novib"))
        page.click("#actor-card #curation summary")
        page.wait_for_function("() => (document.querySelector('#curation-undo') || {})"
                               ".textContent?.includes('Undo change 1')", timeout=WAIT_MS)
        page.click("#curation-undo")
        _card_says(page, "oxfam-novib", _count("Oxfam Novib"))
        page.wait_for_timeout(3000)  # the card's second part and the map settle
        page.screenshot(path=str(artifacts / "curation-after-undo.png"))
    finally:
        server.stop()
    assert Store(store).registry().crosswalk.set_index("variant").loc[
        "Oxfam Novib", "actor_id"] == "oxfam-novib"
    assert curation_log(store).drop_duplicates("change_id")["action"].tolist() == [
        "merge", "split", "undo", "undo"]
