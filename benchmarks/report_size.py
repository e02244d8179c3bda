"""Weigh the HTML report of each study, part by part, against the 4 MB limit (issue 16).

Parts: plotly.js (packed once), the figures (each packed JSON, largest listed),
the long tables' data blocks, the HTML tables, and the rest (text, styles,
scripts). Prints a Markdown table and writes it with a JSON copy to
``benchmarks/results/`` (git-ignored).

    python -m benchmarks.report_size                       # every study in analyses/
    python -m benchmarks.report_size rowca-3w              # some of them
"""
from __future__ import annotations

import json
import re
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
#: The limit the Ocean report must meet, in bytes.
LIMIT = 4_000_000


def weigh(page: str) -> dict:
    """Bytes of each part of a report page (UTF-8)."""
    size = len(page.encode("utf-8"))
    plotly = sum(len(m) for m in re.findall(r'unpack\("([A-Za-z0-9+/=]{100000,})"\)', page))
    figures = {m.group(1): len(m.group(2)) for m in
               re.finditer(r'ECO\.figure\("([^"]+)", "([A-Za-z0-9+/=]*)"\)', page)}
    blocks = sum(len(m) for m in re.findall(r"data-rows='([^']*)'", page))
    tables = sum(len(t.encode("utf-8")) for t in re.findall(r"<table.*?</table>", page, re.S))
    fig_total = sum(figures.values())
    return {"total": size, "plotly_js": plotly, "figures": fig_total, "table_data": blocks,
            "html_tables": tables, "rest": size - plotly - fig_total - blocks - tables,
            "largest_figures": sorted(figures.items(), key=lambda kv: -kv[1])[:5]}


def main(argv: list[str]) -> int:
    from ecosystem.reference.datapaths import study_names
    from ecosystem.report import build_report
    from ecosystem.study import study_for

    names = argv or study_names()
    rows = []
    for name in names:
        out = Path(tempfile.mkdtemp(prefix=f"report-size-{name}-"))
        t0 = time.perf_counter()
        try:
            built = build_report(study_for(name), out_dir=out)
        except Exception as exc:  # a study whose data is missing here: say so, go on
            print(f"{name}: not built ({exc})")
            continue
        parts = weigh(built["report"].read_text(encoding="utf-8"))
        parts.update(study=name, seconds=round(time.perf_counter() - t0, 1))
        rows.append(parts)
    lines = ["| study | total | vs 4 MB | plotly.js | figures | table data | HTML tables | rest "
             "| largest figures |", "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        big = ", ".join(f"{k} {v / 1e3:,.0f} kB" for k, v in r["largest_figures"][:3])
        lines.append(f"| {r['study']} | {r['total'] / 1e6:.2f} MB | {r['total'] / LIMIT:.2f} "
                     f"| {r['plotly_js'] / 1e6:.2f} MB | {r['figures'] / 1e6:.2f} MB "
                     f"| {r['table_data'] / 1e3:,.0f} kB | {r['html_tables'] / 1e3:,.0f} kB "
                     f"| {r['rest'] / 1e3:,.0f} kB | {big} |")
    table = "\n".join(lines)
    print(table)
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"report-size-{stamp}.md").write_text(table + "\n", encoding="utf-8")
    (RESULTS / f"report-size-{stamp}.json").write_text(json.dumps(rows, indent=1),
                                                       encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
