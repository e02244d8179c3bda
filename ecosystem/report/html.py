"""Rendering the report: one self-contained HTML file, light enough to mail.

- plotly.js is embedded once, gzip-compressed and base64-encoded (1.9 MB instead
  of 4.8 MB); the page unpacks it with the browser's ``DecompressionStream``
  and then draws the figures. The page needs no network.
- Each figure is a div and one script holding its compact JSON (no pretty
  printing, arrays in single precision, floats to six significant figures,
  the shared template written once in the page, not per figure), packed the
  same way; :func:`page_figures` reads them back (for tests and tools).
- A table longer than :data:`PAGE_ROWS` rows is one compressed JSON block (in a
  data attribute) that the page shows a page of rows at a time, sortable and
  filterable, instead of thousands of HTML rows; shorter tables are plain HTML.

Every piece of registry text passes through Jinja2's autoescaping or
:func:`html.escape`; the page also carries a Content-Security-Policy that
forbids loading anything from the network.
"""
from __future__ import annotations

import base64
import functools
import gzip
import html
import json
import math
import numbers
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import numpy as np
import pandas as pd
import plotly.io as pio
import plotly.offline
from plotly.io.json import to_json_plotly

from ecosystem.views.formatting import count, number
from ecosystem.views.template import TEMPLATE_NAME

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["PAGE_ROWS", "compact_figure", "figure_html", "figure_is_empty", "packed",
           "packed_plotly_js", "page_figures", "plotly_js", "render", "table_html"]

#: Tables longer than this are paged from one embedded data block.
PAGE_ROWS = 50

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
    undefined=jinja2.StrictUndefined,
)


def plotly_js() -> str:
    """The plotly.js bundle shipped with the plotly package (no network)."""
    return plotly.offline.get_plotlyjs()


def packed(text: str, level: int = 6) -> str:
    """``text`` gzip-compressed (at ``level``) and base64-encoded (what the page unpacks).

    Level 6 packs a figure's JSON about ten times faster than level 9, about 1% larger;
    plotly.js, packed once and kept (:func:`packed_plotly_js`), takes level 9.

    Examples
    --------
    >>> import base64, gzip
    >>> gzip.decompress(base64.b64decode(packed("héllo"))).decode()
    'héllo'
    """
    return base64.b64encode(gzip.compress(text.encode("utf-8"), level, mtime=0)).decode("ascii")


@functools.lru_cache(maxsize=4)
def packed_plotly_js(cache_dir: str | None = None) -> str:
    """plotly.js packed (:func:`packed`), once per process, and kept in ``cache_dir`` across
    runs: gzip at level 9 takes a sixth of a second of CPU; unpacking the kept copy to check
    it against the bundle (it is used only when identical), a fiftieth.

    Examples
    --------
    >>> import base64, gzip
    >>> gzip.decompress(base64.b64decode(packed_plotly_js())).decode() == plotly_js()
    True
    """
    text = plotly_js()
    if cache_dir is None:
        return packed(text, 9)
    kept = Path(cache_dir) / "plotly.js.packed"
    try:
        old = kept.read_text(encoding="ascii")
        if gzip.decompress(base64.b64decode(old, validate=True)).decode("utf-8") == text:
            return old
    except (OSError, ValueError, EOFError, gzip.BadGzipFile):
        pass  # absent, unreadable or another bundle: pack again
    out = packed(text, 9)
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        tmp = kept.with_name(kept.name + ".partial")
        tmp.write_text(out, encoding="ascii")
        tmp.replace(kept)
    except OSError:
        pass  # a cache that cannot be written only costs the time
    return out


def _round(v: float) -> float:
    return float(f"{v:.6g}") if math.isfinite(v) else v


def _compact(obj: Any) -> Any:
    """Floats to 6 significant figures; float64 typed arrays to float32 when exact enough."""
    if isinstance(obj, dict):
        if obj.get("dtype") == "f8" and isinstance(obj.get("bdata"), str):
            a = np.frombuffer(base64.b64decode(obj["bdata"]), dtype="<f8")
            finite = a[np.isfinite(a)]
            if not len(finite) or np.abs(finite).max() < 1e6:
                out = dict(obj, dtype="f4",
                           bdata=base64.b64encode(a.astype("<f4").tobytes()).decode("ascii"))
                return out
            return obj
        return {k: _compact(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_compact(v) for v in obj]
    if isinstance(obj, float):
        return _round(obj)
    return obj


def compact_figure(fig: go.Figure) -> tuple[list, dict]:
    """The figure's data and layout, compacted, without the shared template.

    Examples
    --------
    >>> import numpy as np
    >>> import plotly.graph_objects as go
    >>> from ecosystem.views.template import figure
    >>> fig = figure("t")
    >>> _ = fig.add_trace(go.Scatter(x=np.array([0.5, 1.25]), y=[1 / 3, 2.0]))
    >>> data, layout = compact_figure(fig)
    >>> data[0]["x"]["dtype"], data[0]["y"], "template" in layout
    ('f4', [0.333333, 2.0], False)
    """
    d = fig.to_plotly_json()
    layout = dict(d.get("layout", {}))
    layout.pop("template", None)
    return _compact(d.get("data", [])), _compact(layout)


def _template_json() -> str:
    return to_json_plotly(pio.templates[TEMPLATE_NAME].to_plotly_json())


def figure_html(fig: go.Figure, *, div_id: str | None = None) -> str:
    """A figure as an HTML div and a script holding its packed JSON, drawn once plotly.js is ready.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> div = figure_html(go.Figure(go.Bar(x=["a"], y=[2])), div_id="fig-demo")
    >>> div.startswith("<div"), 'id="fig-demo"' in div, 'ECO.figure("fig-demo", "' in div
    (True, True, True)
    >>> page_figures(div)[0]["data"]
    [{'x': ['a'], 'y': [2], 'type': 'bar'}]
    """
    div_id = html.escape(div_id or f"fig-{abs(hash(id(fig)))}")
    data, layout = compact_figure(fig)
    height = int(layout.get("height") or 450)
    body = packed(to_json_plotly({"data": data, "layout": layout}))
    return (f'<div id="{div_id}" class="plotly-graph-div" style="height:{height}px; width:100%;">'
            f'</div><script>ECO.figure("{div_id}", "{body}")</script>')


_FIGURE = re.compile(r'ECO\.figure\("([^"]+)", "([A-Za-z0-9+/=]*)"\)')


def page_figures(page: str) -> list[dict]:
    """The figures of a report page: ``id``, ``data`` and ``layout`` of each, in page order.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> [f["id"] for f in page_figures(figure_html(go.Figure(), div_id="a")
    ...                                + figure_html(go.Figure(), div_id="b"))]
    ['a', 'b']
    """
    out = []
    for m in _FIGURE.finditer(page):
        fig = json.loads(gzip.decompress(base64.b64decode(m.group(2))).decode("utf-8"))
        out.append({"id": m.group(1), "data": fig["data"], "layout": fig["layout"]})
    return out


def figure_is_empty(fig: go.Figure) -> bool:
    """True when ``fig`` would draw nothing: no trace holds a data point.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> figure_is_empty(go.Figure()), figure_is_empty(go.Figure(go.Bar(x=[], y=[])))
    (True, True)
    >>> figure_is_empty(go.Figure(go.Bar(x=["a"], y=[1])))
    False
    >>> figure_is_empty(go.Figure(go.Heatmap(z=[[None, None]])))
    True
    >>> figure_is_empty(go.Figure(go.Table(cells={"values": [["a"], [1]]})))
    False
    >>> figure_is_empty(go.Figure(go.Sankey(link={"source": [0], "target": [1], "value": [5]})))
    False
    """
    return not any(_has_point(values) for trace in fig.data for values in _trace_data(trace))


_DATA_KEYS = ("x", "y", "z", "values", "lat", "lon", "r", "labels", "ids", "value")


def _trace_data(trace: object) -> list:
    """The data arrays of a plotly trace (a table's cells, a sankey's links included)."""
    found = [trace[k] for k in _DATA_KEYS if k in trace and trace[k] is not None]
    for part, key in (("cells", "values"), ("link", "value")):
        if part in trace and trace[part] is not None and trace[part][key] is not None:
            found.append(trace[part][key])
    return found


def _has_point(values: object) -> bool:
    """True when a (possibly nested) array holds a value that is not missing."""
    if isinstance(values, str) or not hasattr(values, "__len__"):
        return not pd.isna(values)
    return any(_has_point(v) for v in values)


def _value(v: object) -> tuple[str, float | None] | None:
    """(text shown, sort value) of a cell; None when missing."""
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, (bool, np.bool_)):
        return ("yes" if v else "no"), None
    if isinstance(v, numbers.Integral):
        return count(int(v)), float(v)
    if isinstance(v, numbers.Real):
        return number(float(v)), float(v)
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat(), None
    return str(v), None


def _cell(v: object) -> str:
    got = _value(v)
    if got is None:
        return "<td></td>"
    text, key = got
    if key is None:
        return f"<td>{html.escape(text)}</td>"
    return f'<td class="num" data-v="{key!r}">{html.escape(text)}</td>'


def _rows_json(df: pd.DataFrame) -> str:
    """A table as JSON: columns, and rows whose numeric cells are [text, value]."""
    rows = []
    for row in df.itertuples(index=False, name=None):
        cells = []
        for v in row:
            got = _value(v)
            cells.append("" if got is None else (got[0] if got[1] is None
                                                  else [got[0], _round(got[1])]))
        rows.append(cells)
    return json.dumps({"columns": [str(c).replace("_", " ") for c in df.columns], "rows": rows},
                      separators=(",", ":"), ensure_ascii=False)


def table_html(df: pd.DataFrame, *, caption: str | None = None, max_rows: int | None = None,
               filterable: bool = True, total_rows: int | None = None) -> str:
    """An escaped HTML table, sortable by clicking a header and filterable by a text box.

    Up to :data:`PAGE_ROWS` rows are HTML rows; a longer table is one compressed data
    block that the page shows :data:`PAGE_ROWS` rows at a time. ``total_rows`` (else
    ``df.attrs["total_rows"]``) is the size of the whole table when ``df`` holds only the rows
    shown.

    Examples
    --------
    Registry text is escaped; numbers get thousands separators and keep their
    value for sorting:

    >>> t = table_html(pd.DataFrame({"name": ["<b>A</b>"], "n": [1200]}), caption="Demo")
    >>> "<td>&lt;b&gt;A&lt;/b&gt;</td>" in t, '<td class="num" data-v="1200.0">1,200</td>' in t
    (True, True)
    >>> big = table_html(pd.DataFrame({"n": range(500)}))
    >>> "data-rows=" in big, "<td" in big
    (True, False)
    """
    total = total_rows if total_rows is not None else df.attrs.get("total_rows", len(df))
    shown = df if max_rows is None else df.head(max_rows)
    head = "".join(f"<th>{html.escape(str(c).replace('_', ' '))}</th>" for c in shown.columns)
    cap = f"<p><strong>{html.escape(caption)}</strong>" if caption else "<p>"
    more = (f" <span class='note'>({count(len(shown))} of {count(total)} rows shown)</span>"
            if len(shown) < total else
            f" <span class='note'>({count(total)} row{'' if total == 1 else 's'})</span>")
    tools = ("<div class='table-tools'><input type='search' placeholder='filter rows…' "
             "aria-label='filter rows'></div>" if filterable else "")
    if len(shown) > PAGE_ROWS:
        block = packed(_rows_json(shown))
        return (f"{cap}{more}</p><div class='sortable paged' data-rows='{block}'>"
                f"{tools}<div class='table-wrap'><table class='data'><thead><tr>{head}</tr>"
                f"</thead><tbody></tbody></table></div><div class='pager note'></div></div>")
    body = "\n".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>"
                     for row in shown.itertuples(index=False, name=None))
    return (f"{cap}{more}</p><div class='sortable'>{tools}<div class='table-wrap'>"
            f"<table class='data'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            f"</div></div>")


def render(context: dict, path: str | Path, *, cache_dir: str | Path | None = None) -> Path:
    """Render the report template with ``context`` and write it atomically to ``path``.

    ``cache_dir``: where the packed plotly.js is kept between runs (checked before use).
    """
    page = _ENV.get_template("report.html.j2").render(
        plotly_packed=packed_plotly_js(None if cache_dir is None else str(cache_dir)),
        template_json=_template_json(), page_rows=PAGE_ROWS, **context)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".partial")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
    return path
