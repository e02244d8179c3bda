"""Rendering the report: one self-contained HTML file.

plotly.js is inlined once in the page head; each figure is a div with its
JSON (plotly escapes ``<``, ``>`` and ``/`` inside it). Every piece of
registry text passes through Jinja2's autoescaping or :func:`html.escape`;
the page also carries a Content-Security-Policy that forbids loading anything
from the network.
"""
from __future__ import annotations

import html
import numbers
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import pandas as pd
import plotly.io as pio
import plotly.offline

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["plotly_js", "figure_html", "figure_is_empty", "table_html", "render"]

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
    undefined=jinja2.StrictUndefined,
)


def plotly_js() -> str:
    """The plotly.js bundle shipped with the plotly package (no network)."""
    return plotly.offline.get_plotlyjs()


def figure_html(fig: go.Figure, *, div_id: str | None = None) -> str:
    """A figure as an HTML div that uses the page's plotly.js (not included).

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> div = figure_html(go.Figure(), div_id="fig-demo")
    >>> div.startswith("<div"), 'id="fig-demo"' in div, "plotly.min.js" in div
    (True, True, False)
    """
    return pio.to_html(fig, include_plotlyjs=False, full_html=False, div_id=div_id,
                       config={"displaylogo": False, "responsive": True},
                       default_width="100%")


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


def _cell(v: object) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return "<td></td>"
    if isinstance(v, bool):
        return f"<td>{'yes' if v else 'no'}</td>"
    if isinstance(v, numbers.Integral):
        return f'<td class="num" data-v="{int(v)}">{int(v):,}</td>'
    if isinstance(v, numbers.Real):
        return f'<td class="num" data-v="{float(v)!r}">{float(v):.4g}</td>'
    if isinstance(v, pd.Timestamp):
        return f"<td>{v.date().isoformat()}</td>"
    return f"<td>{html.escape(str(v))}</td>"


def table_html(df: pd.DataFrame, *, caption: str | None = None, max_rows: int | None = None,
               filterable: bool = True) -> str:
    """An escaped HTML table, sortable by clicking a header and filterable by a text box.

    Examples
    --------
    Registry text is escaped; numbers get thousands separators and keep their
    value for sorting:

    >>> t = table_html(pd.DataFrame({"name": ["<b>A</b>"], "n": [1200]}), caption="Demo")
    >>> "<td>&lt;b&gt;A&lt;/b&gt;</td>" in t, '<td class="num" data-v="1200">1,200</td>' in t
    (True, True)
    """
    shown = df if max_rows is None else df.head(max_rows)
    head = "".join(f"<th>{html.escape(str(c).replace('_', ' '))}</th>" for c in shown.columns)
    body = "\n".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>"
                     for row in shown.itertuples(index=False, name=None))
    cap = f"<p><strong>{html.escape(caption)}</strong>" if caption else "<p>"
    more = (f" <span class='note'>({len(shown):,} of {len(df):,} rows shown)</span>"
            if len(shown) < len(df) else f" <span class='note'>({len(df):,} rows)</span>")
    tools = ("<div class='table-tools'><input type='search' placeholder='filter rows…' "
             "aria-label='filter rows'></div>" if filterable else "")
    return (f"{cap}{more}</p><div class='sortable'>{tools}<div class='table-wrap'>"
            f"<table class='data'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            f"</div></div>")


def render(context: dict, path: str | Path) -> Path:
    """Render the report template with ``context`` and write it atomically to ``path``."""
    page = _ENV.get_template("report.html.j2").render(plotly_js=plotly_js(), **context)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".partial")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
    return path
