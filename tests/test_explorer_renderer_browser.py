"""SVG (plotly ``scatter``) against WebGL (``scattergl``) for the explorer's whole-network map.

The Ocean map drawn both ways in headless Chromium, at the explorer's 2,000-actor
sample and with every actor (about 8,800), each drawn three times: the time from
``Plotly.newPlot`` to the second animation frame, and the time of a zoom. The
medians go to ``tests/artifacts/explorer-webgl-eval.txt`` (speed is reported,
never asserted here); the test checks that each figure drew every actor it holds.
The explorer draws maps of up to ``network_panel.SVG_LIMIT`` actors as SVG because
of these numbers.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PAGE = """<html><head><script src="plotly.min.js"></script></head><body>
<div id="g" style="width:1100px;height:720px"></div><script>
window.draw = async function(fig) {
  const gd = document.getElementById('g'); const frame = () => new Promise(
      r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const t0 = performance.now(); await Plotly.newPlot(gd, fig.data, fig.layout); await frame();
  const t1 = performance.now();
  await Plotly.relayout(gd, {'xaxis.range': [0.5, 1.2], 'yaxis.range': [0.3, 0.8]});
  await frame(); const t2 = performance.now();
  const drawn = gd._fullData.filter(t => t.customdata && t.name !== 'chosen actor')
      .reduce((n, t) => n + t.customdata.length, 0);
  Plotly.purge(gd); return [t1 - t0, t2 - t1, drawn]; }
</script></body></html>"""


def test_svg_and_webgl_maps_timed(browser, artifacts, ocean, tmp_path):
    import plotly
    import plotly.io as pio

    from ecosystem.explorer import network_panel
    from ecosystem.explorer.state import ExplorerState

    shutil.copy(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", tmp_path)
    (tmp_path / "page.html").write_text(PAGE)
    state = ExplorerState(ocean)
    n = state.base.projection().vcount()
    figs = {}
    for limit in (network_panel.NODE_LIMIT, n):
        fig, _ = network_panel.whole_network(state.base, node_limit=limit)
        for kind in ("scatter", "scattergl"):
            d = fig.to_plotly_json()
            for t in d["data"]:
                t["type"] = kind
            figs[(kind, min(limit, n))] = pio.to_json(d)
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.goto((tmp_path / "page.html").as_uri())
    page.wait_for_function("() => !!window.Plotly")
    gpu = page.evaluate("() => { const g = document.createElement('canvas').getContext('webgl');"
                        " const d = g && g.getExtension('WEBGL_debug_renderer_info');"
                        " return d ? g.getParameter(d.UNMASKED_RENDERER_WEBGL) : String(!!g); }")
    times = {k: [] for k in figs}
    for _ in range(3):
        for k, f in figs.items():
            draw, zoom, drawn = page.evaluate("(s) => window.draw(JSON.parse(s))", f)
            assert drawn == k[1]
            times[k].append((draw, zoom))
    page.close()
    lines = [f"Ocean whole-network map in headless Chromium (WebGL: {gpu}); median of 3:"]
    for (kind, drawn), v in times.items():
        draw = sorted(x[0] for x in v)[1] / 1000
        zoom = sorted(x[1] for x in v)[1] / 1000
        lines.append(f"  {'SVG  ' if kind == 'scatter' else 'WebGL'} {drawn:>6,} actors: first "
                     f"draw {draw:.2f} s, zoom {zoom:.2f} s, figure "
                     f"{len(figs[(kind, drawn)]) / 1e6:.2f} MB")
    text = "\n".join(lines) + "\n"
    (artifacts / "explorer-webgl-eval.txt").write_text(text)
    print(text)
