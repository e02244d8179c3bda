"""The report as a person sees it: opened in headless Chromium, every figure drawn, no JS errors."""
import pytest

pytestmark = pytest.mark.browser


def test_ocean_report_draws_every_figure_without_errors(ocean_report, browser, artifacts):
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(ocean_report["report"].as_uri(), wait_until="load", timeout=120_000)
    n = page.locator(".plotly-graph-div").count()
    assert n >= 15
    # Drawn: plotly has laid the figure out and put traces into its SVG or WebGL canvas.
    drawn_js = """Array.from(document.querySelectorAll('.plotly-graph-div')).filter(d =>
        d._fullLayout && d._fullData && d._fullData.length > 0 && d.querySelector('svg.main-svg')
        && d.querySelector('.trace, .point, .gl-canvas, .table, .sankey, .hm, image, text.annotation-text'))
        .length"""
    page.wait_for_function(f"({drawn_js}) === {n}", timeout=120_000)
    assert errors == []
    assert all(u.startswith(("file:", "data:", "blob:", "about:")) for u in requests)  # offline
    # A screenshot of each section, to look at (tests/artifacts/report-*.png).
    for anchor in ("summary", "overview", "hubs", "brokers", "overlap", "gaps", "power",
                   "agreement", "resilience"):
        page.evaluate(f"document.getElementById('{anchor}').scrollIntoView()")
        page.wait_for_timeout(300)
        page.screenshot(path=str(artifacts / f"report-{anchor}.png"))
    page.close()


def test_report_table_sorts_and_filters(ocean_report, browser):
    page = browser.new_page()
    page.goto(ocean_report["report"].as_uri(), wait_until="load", timeout=120_000)
    table = page.locator("#hubs div.sortable").first
    header = table.locator("th", has_text="initiatives").first
    header.click()                                   # ascending
    header.click()                                   # descending
    first = table.locator("tbody tr").first.locator("td").first.inner_text()
    assert first == "European Union"
    table.locator("input").fill("Canada")
    visible = table.locator("tbody tr:visible")
    assert visible.count() >= 1
    assert all("Canada" in visible.nth(i).inner_text() for i in range(visible.count()))
    page.close()
