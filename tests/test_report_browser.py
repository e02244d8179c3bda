"""The report as a person sees it: opened in headless Chromium with the network cut off, every
figure drawn, no JS errors, names on the maps never on top of each other, a country map drawn
from the report's own shapes, light enough to mail, and printable to PDF."""
import itertools
import re

import pytest

pytestmark = pytest.mark.browser

#: The Ocean report's size limit (issue 16), bytes.
MAX_REPORT_BYTES = 4_000_000

LABEL_BOXES_JS = """id => {
  const gd = document.getElementById(id);
  return (gd.layout.annotations || []).map((a, i) => [a, i])
    .filter(([a, i]) => a.name === 'actor-label')
    .map(([a, i]) => {
      const g = gd.querySelector(`g.annotation[data-index="${i}"]`);
      const r = (g.querySelector('rect.bg') || g).getBoundingClientRect();
      return [r.left, r.top, r.right, r.bottom, a.text];
    });
}"""


def _offline_page(browser, viewport=(1440, 900)):
    """A page whose every request beyond the file itself is refused, and recorded."""
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    requests, errors = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(r):
        requests.append(r.request.url)
        if r.request.url.startswith(("file:", "data:", "blob:", "about:")):
            r.continue_()
        else:
            r.abort()
    page.route("**/*", route)
    return page, requests, errors


def _wait_drawn(page, fig_id: str):
    page.wait_for_function(f"(() => {{ const d = document.getElementById('{fig_id}'); "
                           "return d && d._fullLayout && d.querySelector('svg.main-svg'); })()",
                           timeout=120_000)
    page.wait_for_timeout(800)


def _overlaps(boxes):
    return [(a[4], b[4]) for a, b in itertools.combinations(boxes, 2)
            if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5]


def test_ocean_report_draws_every_figure_without_errors(ocean_report, browser, artifacts):
    page, requests, errors = _offline_page(browser, (1300, 900))
    page.goto(ocean_report["report"].as_uri(), wait_until="load", timeout=120_000)
    n = page.locator(".plotly-graph-div").count()
    assert n >= 15
    # Drawn: plotly has laid the figure out and put traces into its SVG or WebGL canvas.
    drawn_js = """Array.from(document.querySelectorAll('.plotly-graph-div')).filter(d =>
        d._fullLayout && d._fullData && d._fullData.length > 0 && d.querySelector('svg.main-svg')
        && d.querySelector(
          '.trace, .point, .gl-canvas, .table, .sankey, .hm, image, text.annotation-text'))
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


def test_ocean_report_weighs_at_most_4_mb(ocean_report):
    size = ocean_report["report"].stat().st_size
    assert size <= MAX_REPORT_BYTES, f"{size:,} bytes"


def test_map_labels_never_overlap_in_the_browser(ocean_report, browser, artifacts):
    for width in (1440, 900):
        page, _, errors = _offline_page(browser, (width, 900))
        page.goto(ocean_report["report"].as_uri(), wait_until="load", timeout=120_000)
        for fig_id, name, least in (("fig-overview-0", "network-map", 6),
                                    ("fig-stakeholders-0", "stakeholder-map", 4)):
            _wait_drawn(page, fig_id)
            boxes = page.evaluate(LABEL_BOXES_JS, fig_id)
            assert len(boxes) >= least, (fig_id, boxes)
            assert _overlaps(boxes) == [], (fig_id, width)
            texts = [b[4] for b in boxes]
            assert not any("_" in t or len(t) > 30 for t in texts)
            # every name inside its figure
            frame = page.evaluate(f"document.getElementById('{fig_id}')"
                                  ".querySelector('.nsewdrag').getBoundingClientRect().toJSON()")
            assert all(frame["left"] - 1 <= b[0] and b[2] <= frame["right"] + 1
                       and frame["top"] - 1 <= b[1] and b[3] <= frame["bottom"] + 1
                       for b in boxes), fig_id
            if width == 1440:
                page.locator(f"#{fig_id}").scroll_into_view_if_needed()
                page.wait_for_timeout(300)
                page.locator(f"#{fig_id}").screenshot(path=str(artifacts / f"after-{name}.png"))
        if width == 1440:  # the network map uses the page's width, not half of it
            plot = page.evaluate("""() => { const d = document.getElementById('fig-overview-0');
                return [d._fullLayout._size.w, d.getBoundingClientRect().width]; }""")
            assert plot[0] >= 0.9 * plot[1]
        assert errors == []
        page.close()


def _country_map_page(ocean, tmp_path):
    from ecosystem.report.html import figure_html, render
    from ecosystem.report.sections_places import country_counts
    from ecosystem.views.country_map import country_map

    fig = country_map(country_counts(ocean))
    context = dict(title="Country map", subtitle="", reading="", summary=[], sections=[
        {"anchor": "places", "title": "Places", "findings": [], "how_to_read": "",
         "figures": [figure_html(fig, div_id="fig-places-0")], "tables": []}],
        full_tables=[], quality_findings=[], quality_tables=[], methods=[], references=[],
        sources=[], generated="", version="", study_file="", filters="")
    return render(context, tmp_path / "map.html")


def test_country_map_renders_with_no_request_leaving_the_file(ocean, browser, artifacts,
                                                                 tmp_path):
    path = _country_map_page(ocean, tmp_path)
    page, requests, errors = _offline_page(browser)
    page.goto(path.as_uri(), wait_until="load", timeout=120_000)
    _wait_drawn(page, "fig-places-0")
    shapes = page.locator("#fig-places-0 path.choroplethlocation").count()
    assert shapes >= 170
    # countries with initiatives are coloured, the others grey: both fills are on the map
    fills = set(page.evaluate("""() => Array.from(document.querySelectorAll(
        '#fig-places-0 path.choroplethlocation')).map(p => getComputedStyle(p).fill)"""))
    assert "rgb(236, 236, 236)" in fills and len(fills) >= 5
    assert requests == [path.as_uri()], requests            # nothing but the page itself
    assert errors == []
    page.locator("#fig-places-0").screenshot(path=str(artifacts / "after-country-map.png"))
    page.close()


def test_report_prints_to_readable_pdf_pages(ocean_report, browser, artifacts):
    pypdf = pytest.importorskip("pypdf", reason="pypdf reads the printed report's text")
    page, _, errors = _offline_page(browser, (1300, 900))
    page.goto(ocean_report["report"].as_uri(), wait_until="load", timeout=120_000)
    for fig_id in ("fig-overview-0", "fig-stakeholders-0"):
        _wait_drawn(page, fig_id)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_timeout(1500)
    widths = page.evaluate("""() => Array.from(document.querySelectorAll('.plotly-graph-div'))
        .filter(d => d._fullLayout).map(d => d._fullLayout.width)""")
    assert widths and max(widths) <= 700                   # figures as wide as an A4 page
    pdf = artifacts / "report.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4", print_background=True)
    assert errors == []
    page.close()
    reader = pypdf.PdfReader(str(pdf))
    assert len(reader.pages) > 5
    text = " ".join(p.extract_text() or "" for p in reader.pages)
    text = re.sub(r"\s+", " ", text)
    for title in ("Executive summary", "Hubs: who sits at the centre", "Stakeholder map",
                  "Methods", "Provenance"):
        assert title in text, title
    assert "Contents" not in text                           # the navigation is not printed
    assert "UNEP" in text and "European Union" in text       # map labels print as text


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


def test_long_tables_page_sort_and_filter_from_their_data_block(ocean_report, browser):
    page = browser.new_page()
    page.goto(ocean_report["report"].as_uri(), wait_until="load", timeout=120_000)
    table = page.locator("#tables div.sortable.paged").first
    page.wait_for_function("""() => { const t = document.querySelector(
        '#tables div.sortable.paged tbody'); return t && t.rows.length > 0; }""", timeout=60_000)
    rows = table.locator("tbody tr")
    assert rows.count() == 50
    assert "of 2,000" in table.locator(".pager").inner_text()
    table.locator(".pager button", has_text="next").click()
    assert "rows 51–100" in table.locator(".pager").inner_text()
    table.locator("input").fill("Canada")
    page.wait_for_timeout(200)
    assert 1 <= rows.count() <= 50
    assert all("canada" in rows.nth(i).inner_text().lower() for i in range(rows.count()))
    page.close()
