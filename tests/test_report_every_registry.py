"""The report of every real registry: true for its kind, never nan, inf, None or an empty figure.

Each registry under ``ECOSYSTEM_DATA`` is rendered with the defaults of its
kind (:mod:`ecosystem.kinds`). The rendered page's visible text is read back
with lxml and every plotly figure's data is decoded from the page, so the
checks see what a reader sees, not what the code meant to write.
"""
from __future__ import annotations

import re

import pytest
from helpers.real_data import real_file
from lxml import html

from ecosystem import load
from ecosystem.report import build_report
from ecosystem.report.html import page_figures
from ecosystem.study import Study

pytestmark = pytest.mark.slow

#: (data folder, file, kind, sections that must run, sections that must be left out).
REGISTRIES = [
    ("un_ocean_commitments", "ocean_commitments.csv", "partnership",
     {"overview", "hubs", "brokers", "structure", "overlap", "gaps", "power", "agreement",
      "resilience", "stakeholders"}, {"flows", "funding"}),
    ("iati_activities", "datastore_multi_publisher_2020_v202.xml", "activity",
     {"overview", "hubs", "brokers", "flows"}, {"agreement", "stakeholders"}),
    ("iati_activities", "datastore_query_2014_v1x.xml", "activity",
     {"overview", "hubs", "flows"}, set()),
    ("iati_activities", "es_maec_indonesia_v201.xml", "activity", {"overview", "hubs"}, set()),
    ("iati_activities", "gb_dfid_albania_v201.xml", "activity", {"overview", "hubs"}, set()),
    ("hxl_3w", "rowca-3w-hxl.csv", "presence",
     {"overview", "hubs", "brokers", "structure", "overlap", "gaps", "resilience"},
     {"agreement", "stakeholders", "funding"}),
    ("hxl_3w", "iati-sierraleone.csv", "activity", {"overview", "hubs", "brokers", "flows"},
     {"stakeholders", "funding"}),
    ("threesixtygiving_indigo", "indigo.json", "grant", {"overview", "funding", "flows"},
     {"hubs", "brokers", "structure", "overlap", "gaps", "agreement", "resilience",
      "stakeholders", "power"}),
    ("somalia_iati3w_network", "network.json", "link",
     {"overview", "hubs", "brokers", "structure", "places", "power", "resilience"},
     {"overlap", "gaps", "agreement", "stakeholders", "time", "funding", "flows"}),
]

#: Words that say a number or a value went missing on the way to the page, or a count
#: written as a figure where words read ("0 of the 2 pairs", "0 activities (0%) name …",
#: "100% of the 17 activities …"), or a single one counted as many ("1 of the 50 … are").
MISSING = re.compile(r"\b(nan|NaN|inf|-inf)\b|\bNone\b(?! of )|nan%|\b1 communities\b"
                     r"|\b1 (rows|links|initiatives|phrases)\b|(?<![\d.,])0 of the\b"
                     r"|(?<![\d.,])0 \w+ \(0%\)|\bThe 0 "
                     r"|(?<![\d.,])1 of the [\d,]+ \w+ assessed \(\S+\) are\b"
                     r"|\b100% of the [\d,]+ \w+ \w+ from a known\b")


#: A registry's own words quoted in a finding (a title), left out of the check on our words.
QUOTED = re.compile(r"“[^”]*”")


def _figures(page: str) -> list[list[dict]]:
    """The data array of every figure in the page (stored compressed: read back by
    :func:`ecosystem.report.html.page_figures`)."""
    return [f["data"] for f in page_figures(page)]


def _own_words(figure: dict) -> list[str]:
    """The words a figure's views write themselves: its title, axis, legend and colour-bar
    titles, buttons, hover templates, and the field names of hover cards ("Activities: 4")
    (not the registry's names it shows)."""
    layout = figure.get("layout", {})
    words = [(layout.get("title") or {}).get("text")]
    for key, value in layout.items():
        if key.startswith(("xaxis", "yaxis")) or key in ("legend", "coloraxis"):
            words.append(((value or {}).get("title") or {}).get("text"))
    for menu in layout.get("updatemenus", []):
        words += [b.get("label") for b in menu.get("buttons", [])]
    for trace in figure.get("data", []):
        for part in (trace, trace.get("link") or {}, trace.get("node") or {}):
            words.append(part.get("hovertemplate"))
        text = trace.get("text")
        if isinstance(text, list):
            words += [field for t in text if isinstance(t, str)
                      for field in re.findall(r"<br>([^<:]+):", t)]
    return [w for w in words if isinstance(w, str)]


def _has_point(values: object) -> bool:
    if isinstance(values, dict):  # plotly's typed arrays: {"dtype": ..., "bdata": ...}
        return bool(values.get("bdata"))
    if isinstance(values, list):
        return any(_has_point(v) for v in values)
    return values is not None


@pytest.mark.parametrize(("folder", "name", "kind", "runs", "left_out"), REGISTRIES,
                         ids=[r[1] for r in REGISTRIES])
def test_report_is_true_for_its_kind(tmp_path, folder, name, kind, runs, left_out):
    path = real_file(folder, name)
    reg = load([path])
    study = Study(name="t", title=name, paths=[path], registry=None, out_dir=tmp_path)
    built = build_report(study, reg)
    assert built["kind"] == kind
    page = built["report"].read_text(encoding="utf-8")
    tree = html.fromstring(page)
    for bad in tree.xpath("//script|//style"):
        bad.drop_tree()
    text = tree.text_content()
    missing = [text[max(0, m.start() - 80):m.end() + 40] for m in MISSING.finditer(text)]
    assert not missing, missing[:5]
    ran = set(built["sections"]) - set(built["skipped"])
    assert runs <= ran, (runs - ran, built["skipped"])
    assert left_out <= set(built["skipped"]), (left_out - set(built["skipped"]))
    for section in left_out:  # one line saying why
        why = built["skipped"][section]
        assert why and "\n" not in why and f"Left out: {why}." in text
    if kind != "partnership":  # counted in the registry's own word: activities, grants, …
        prose = tree.xpath("//ul[@class='summary']/li | //div[@class='howto'] | "
                           "//section[@id='methods']/p | //section[@id='data-quality']/p | "
                           "//section[not(@id='tables')]//th")
        said = [QUOTED.sub("", p.text_content()) for p in prose]
        generic = [t for t in said if re.search(r"\binitiatives?\b(?!\.)", t)]
        assert not generic, generic[:3]
        # and so do the figures' own words: titles, buttons, hover templates and cards
        drawn = [w for f in page_figures(page) for w in _own_words(f)]
        generic = [w for w in drawn if re.search(r"\b[Ii]nitiatives?\b(?!\.)", w)]
        assert not generic, generic[:3]
    figures = _figures(page)
    assert figures, "no figure at all"
    keys = ("x", "y", "z", "values", "lat", "lon", "r", "labels", "value")
    empty = [i for i, data in enumerate(figures)
             if not any(_has_point(v) for trace in data
                        for v in [*(trace.get(k) for k in keys),
                                  (trace.get("cells") or {}).get("values"),
                                  (trace.get("link") or {}).get("value")])]
    assert not empty, f"{len(empty)} empty figures of {len(figures)}"


def test_the_stakeholder_map_needs_most_records_on_a_goal():
    """Its interest axis is the share of an actor's records on one goal: where few records
    record any goal, every actor would read as uninterested. The IATI multi-publisher
    extract tags 5 of its 100 activities (counted from the loaded tables here)."""
    import pandas as pd

    from ecosystem.kinds import MIN_GOAL_SHARE
    from ecosystem.measures.context import Analysis
    from ecosystem.report.section_needs import left_out

    reg = load(real_file("iati_activities", "datastore_multi_publisher_2020_v202.xml"))
    tagged = (set(reg.initiative_goals["initiative_id"])
              | set(reg.initiative_targets["initiative_id"]))
    assert len(tagged) == 5 and len(tagged) < MIN_GOAL_SHARE * len(reg.initiatives) == 50
    assert left_out("stakeholders", Analysis(reg)) == (
        "only 5 of the 100 activities record an SDG goal, too few to read each actor's interest "
        "in one")
    half = reg.replace(initiative_goals=pd.DataFrame({
        "initiative_id": reg.initiatives["initiative_id"].head(50), "goal": 1}))
    assert left_out("stakeholders", Analysis(half)) is None  # half the records: the map is drawn
