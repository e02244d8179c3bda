"""What the report prints: no e-notation, no raw actor-type code, no over-precise decimal.

The report of every registry kind (partnership, activity, presence, grant) is built from small
files written here (invented organisations and projects, shaped like the real formats), and,
in the slow lane, from every real registry under ``ECOSYSTEM_DATA``. The checks read the page
back as a reader sees it: the visible text (tags stripped), the rows of paged tables (decoded
from their data block), and each figure's titles, axis titles, legend names, tick and hover
text. Numbers inside the registry's own text (a title's "400.000 USD") are the registry's
words, not the report's: they are left out of the precision check.
"""
from __future__ import annotations

import base64
import csv
import gzip
import json
import re

import pytest
from helpers.ocean_records import record, write_jsonl
from helpers.real_data import real_file
from lxml import html

from ecosystem import load
from ecosystem.report import build_report
from ecosystem.report.html import page_figures
from ecosystem.study import Study
from ecosystem.views.labels import ACTOR_TYPE_LABELS

#: A number in scientific notation (2.21e+06, 4.025e+05, 9.82e-06).
E_NOTATION = re.compile(r"(?<![\w.])\d+(?:\.\d+)?e[+-]?\d+(?![\w.])", re.IGNORECASE)
#: A decimal number as printed (thousands separators allowed).
DECIMAL = re.compile(r"(?<![\w.,/:#-])(\d[\d,]*)\.(\d+)(?![\w.-])")
#: An actor-type code with an underscore, anywhere (civil_society, un_multilateral).
UNDERSCORE_CODE = re.compile(
    r"\b(" + "|".join(k for k in ACTOR_TYPE_LABELS if "_" in k) + r")\b")
#: Every actor-type code: a legend entry, a tick or a table cell must never be one of these.
CODES = set(ACTOR_TYPE_LABELS)
#: Figure keys that hold no reader-facing text (colours, fonts, format strings, data arrays).
SILENT_KEYS = ("color", "font", "template", "hovertemplate", "texttemplate", "bdata", "dtype",
               "shape", "uid", "ids", "mode", "type", "anchor", "overlaying", "side",
               "hoverinfo", "customdata", "legendgroup", "tickformat", "hoverformat", "dash",
               "symbol", "xref", "yref", "xanchor", "yanchor", "textposition", "orientation",
               "barmode", "categoryorder", "tickmode", "rangemode", "autorange", "hovermode",
               "dragmode", "visible")


def significant(whole: str, decimals: str) -> int:
    """Significant figures of a printed decimal: ``0.0004603`` has 4, ``12.5`` has 3."""
    whole = whole.replace(",", "").lstrip("0")
    return len(whole) + len(decimals) if whole else len(decimals.lstrip("0"))


def over_precise(text: str) -> list[str]:
    """The decimals of ``text`` printed with more than three significant figures.

    >>> over_precise("PageRank 0.0004603, share 12.5%, 1.000 and 0.00046")
    ['0.0004603', '1.000']
    """
    return [m[0] for m in DECIMAL.finditer(text) if significant(m[1], m[2]) > 3]


def test_over_precise_reads_numbers_as_printed():
    assert over_precise("PageRank 0.0004603 and betweenness 2,210,000") == ["0.0004603"]
    assert over_precise("shares 0.748% 50% 12.5%; target 14.1; 2026-03-26") == []
    assert E_NOTATION.findall("2.21e+06, 4.025e+05 and 9.82e-06 but not 14.e") == [
        "2.21e+06", "4.025e+05", "9.82e-06"]


def _table_cells(tree) -> list[tuple[str, str]]:
    """(column header, cell text) of every table: HTML rows, and the rows of tables paged
    from a data block (what the page shows a page at a time)."""
    out = []
    for table in tree.xpath("//table"):
        heads = [th.text_content().strip() for th in table.xpath(".//thead//th")]
        out += [("header", h) for h in heads]
        for tr in table.xpath(".//tbody/tr"):
            out += [(h, td.text_content().strip()) for h, td in zip(heads, tr.xpath("./td"))]
    for block in tree.xpath("//*[@data-rows]"):
        table = json.loads(gzip.decompress(base64.b64decode(block.get("data-rows"))))
        heads = [str(c) for c in table["columns"]]
        out += [("header", h) for h in heads]
        for row in table["rows"]:
            out += [(h, c[0] if isinstance(c, list) else str(c)) for h, c in zip(heads, row)]
    return out


def _figure_strings(obj: object, path: str = "") -> list[tuple[str, str]]:
    """Every string of a figure's JSON a reader can see, with the key path it sits at."""
    if isinstance(obj, dict):
        return [hit for k, v in obj.items() if not any(s in k for s in SILENT_KEYS)
                for hit in _figure_strings(v, f"{path}.{k}")]
    if isinstance(obj, list):
        return [hit for v in obj for hit in _figure_strings(v, path)]
    return [(path, obj)] if isinstance(obj, str) else []


def _registry_numbers(reg) -> set[str]:
    """Decimal and e-notation tokens the registry's own text holds (titles, names, details)."""
    found: set[str] = set()
    frames = [reg.initiatives, reg.actors, reg.mentions, reg.unresolved, reg.deliverables,
              reg.resources, reg.crosswalk]
    for df in frames:
        for col in df.columns:
            if df[col].dtype == object or str(df[col].dtype).startswith("string"):
                for text in df[col].dropna().astype(str).unique():
                    found.update(m[0] for m in DECIMAL.finditer(text))
                    found.update(m[0] for m in E_NOTATION.finditer(text))
    return found


def report_problems(page: str, reg, *, only: str | None = None,
                    leave_out: tuple[str, ...] = ()) -> list[str]:
    """What a reader of ``page`` should not see: e-notation, codes, over-precise decimals.

    ``only`` checks one section (by its id); ``leave_out`` skips sections. The provenance
    section (file names, checksums) is never read.
    """
    own = _registry_numbers(reg)
    tree = html.fromstring(page)
    for node in tree.xpath("//script|//style|//*[@id='provenance']"):
        node.drop_tree()
    for name in leave_out:
        for node in tree.xpath(f"//*[@id='{name}']"):
            node.drop_tree()
    if only is not None:
        tree = tree.xpath(f"//*[@id='{only}']")[0]
    texts = [("text", t) for t in tree.itertext() if t.strip()]
    cells = _table_cells(tree)
    texts += [(f"table column {h!r}", c) for h, c in cells]
    # a column of actor types (or of the groups brokers sit between) shows labels, not codes
    problems = [f"table column {h!r} shows the code {c!r}" for h, c in cells
                if ("type" in h or h == "group") and c in CODES]
    for fig in page_figures(page) if only is None else []:
        for path, s in _figure_strings([fig["data"], fig["layout"]]):
            texts.append((f"figure {fig['id']}{path}", s))
            visible_name = path.endswith((".name", ".ticktext", ".text", ".label"))
            if visible_name and s.strip() in CODES:
                problems.append(f"figure {fig['id']}{path} is a code: {s!r}")
    for where, text in texts:
        for m in E_NOTATION.finditer(text):
            if m[0] not in own:
                problems.append(f"{where}: e-notation {m[0]!r} in {text[:120]!r}")
        for m in UNDERSCORE_CODE.finditer(text):
            problems.append(f"{where}: code {m[0]!r} in {text[:120]!r}")
        for token in over_precise(text):
            if token not in own:
                problems.append(f"{where}: {token!r} in {text[:120]!r}")
    return problems


# ------------------------------------------------------------------ small registries, one per kind
#: Invented organisations; their names give the resolver their actor types.
ORGS = ["Blue Shore Foundation", "Coastal Research Institute", "Ministry of Fisheries",
        "Tidewater Shipping Ltd", "University of Saltmarsh", "Reef Keepers Civil Society Network",
        "Ocean Council of Small States", "City of Saltmarsh", "Harbour Scientific Society",
        "Kelp Growers Cooperative", "Lagoon Protection Trust", "Seabird Watch Association"]
ENTITIES = ["Non-governmental organization (NGO)", "Academic institution", "Government",
            "Private sector", "Academic institution", "Civil society organization",
            "Intergovernmental organization", "Local / Regional Government",
            "Scientific community", "Private sector", "Philanthropic organization",
            "Civil society organization"]


def partnership_file(tmp_path):
    """Forty Ocean-shaped commitments over twelve organisations, several targets and types."""
    targets = ["14.1", "14.2", "14.4", "14.6", "14.7", "14.a", "14.c"]
    recs = []
    for i in range(40):
        lead = i % len(ORGS)
        partners = "; ".join(ORGS[(lead + k) % len(ORGS)] for k in (1, 3 + i % 4, 7))
        recs.append(record(95000 + i, f"Invented project {i}", ORGS[lead], partners,
                           entity=ENTITIES[lead], targets=(targets[i % 7], targets[(i + 2) % 7]),
                           start=f"01 March {2016 + i % 6}", completion=f"31 December {2019 + i % 9}"))
    return write_jsonl(tmp_path / "commitments.jsonl", recs)


def activity_file(tmp_path):
    """IATI activities: two funders pass money on; receivers include ones given by ref only."""
    funders = [("XM-DAC-99-1", "Invented Development Fund"), ("GB-CHC-1234567", "Seagrass Trust")]
    activities = []
    for i in range(12):
        ref, name = funders[i % 2]
        receiver = (f'<receiver-org ref="XI-BRIDGE-{900000 + i}"/>' if i % 3 == 0 else
                    f'<receiver-org ref="GB-CHC-{2000000 + i % 4}"><narrative>'
                    f'{ORGS[i % 4]}</narrative></receiver-org>')
        activities.append(f"""
 <iati-activity default-currency="USD">
  <iati-identifier>{ref}-A{i}</iati-identifier>
  <reporting-org ref="{ref}" type="40"><narrative>{name}</narrative></reporting-org>
  <title><narrative>Invented activity {i}</narrative></title>
  <participating-org role="1" ref="{ref}" type="40"><narrative>{name}</narrative></participating-org>
  <participating-org role="4" ref="GB-CHC-{2000000 + i % 4}"><narrative>{ORGS[i % 4]}</narrative></participating-org>
  <participating-org role="4" ref="GB-CHC-{2000000 + (i + 1) % 4}"><narrative>{ORGS[(i + 1) % 4]}</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date type="1" iso-date="{2015 + i % 5}-01-01"/>
  <recipient-country code="{['SL', 'LR', 'GN'][i % 3]}"/>
  <sector vocabulary="1" code="{['12220', '14030', '15110'][i % 3]}"/>
  <transaction><transaction-type code="3"/><transaction-date iso-date="{2016 + i % 4}-05-01"/>
   <value>{123456.78 * (i + 1):.2f}</value>
   <provider-org ref="{ref}"><narrative>{name}</narrative></provider-org>{receiver}
  </transaction>
 </iati-activity>""")
    path = tmp_path / "activities.xml"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">'
                    + "".join(activities) + "\n</iati-activities>\n", encoding="utf-8")
    return path


def presence_file(tmp_path):
    """A 3W sheet: ten organisations present in sector × admin1 cells."""
    rows = [["Organisation", "Donor", "Cluster", "Country", "Region"],
            ["#org+impl", "#org+funder", "#sector+cluster", "#country+code", "#adm1+name"]]
    sectors, regions = ["Health", "Education", "Protection", "Nutrition"], ["Gao", "Mopti", "Kayes"]
    orgs = ["UNICEF", "World Food Programme", "Save the Children", "Ministry of Health",
            "International Organization for Migration", "Red Cross Society", "Oxfam",
            "Norwegian Refugee Council", "Action Against Hunger", "CARE International"]
    for i in range(40):
        rows.append([orgs[(i * 3) % 10], "ECHO" if i % 2 else "", sectors[i % 4], "ML",
                     regions[(i // 4) % 3]])
    path = tmp_path / "three_w.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def grant_file(tmp_path):
    """A 360Giving package: three funders, fifteen grants of tens to hundreds of thousands."""
    grants = []
    for i in range(15):
        funder = ["Alpha Trust", "Beta Fund", "Gamma Foundation"][i % 3]
        recipient = ORGS[i % 7]
        grants.append({"id": f"360G-test-{i}", "title": f"Grant {i}", "currency": "GBP",
                       "amountAwarded": 12345.67 * (i + 1) ** 2, "awardDate": f"{2012 + i % 5}-04-01",
                       "fundingOrganization": [{"id": f"360G-{funder.split()[0].lower()}",
                                                "name": funder}],
                       "recipientOrganization": [{"id": f"360G-org-{i % 7}", "name": recipient}]})
    path = tmp_path / "grants.json"
    path.write_text(json.dumps({"grants": grants}), encoding="utf-8")
    return path


KINDS = {"partnership": partnership_file, "activity": activity_file,
         "presence": presence_file, "grant": grant_file}


def _build(tmp_path, path):
    reg = load([path])
    study = Study(name="t", title=path.name, paths=[path], registry=None, out_dir=tmp_path / "out")
    built = build_report(study, reg)
    return built, built["report"].read_text(encoding="utf-8"), reg


@pytest.fixture(scope="module")
def report_of(tmp_path_factory):
    """``report_of(kind)``: (build_report's result, page, registry), built once per kind."""
    done = {}

    def get(kind):
        if kind not in done:
            folder = tmp_path_factory.mktemp(kind)
            done[kind] = _build(folder, KINDS[kind](folder))
        return done[kind]
    return get


#: The appendix of full tables, built by ecosystem/report/__init__.py from the raw tables.
FULL_TABLES = "tables"


#: Building these two takes longer than the fast lane allows.
SLOW_KINDS = ("partnership", "activity")


@pytest.mark.parametrize("kind", [pytest.param(k, marks=pytest.mark.slow) if k in SLOW_KINDS
                                  else k for k in KINDS])
def test_report_of_each_kind_prints_human_numbers_and_labels(report_of, kind):
    built, page, reg = report_of(kind)
    assert built["kind"] == kind
    figures = page_figures(page)
    assert figures, "no figure: nothing was checked"
    problems = report_problems(page, reg, leave_out=(FULL_TABLES,))
    assert not problems, "\n".join(problems[:20])


def test_full_tables_appendix_prints_labels(report_of):
    _, page, reg = report_of("presence")
    problems = report_problems(page, reg, only=FULL_TABLES)
    assert not problems, "\n".join(problems[:20])


def test_the_report_shows_labels_where_the_data_has_codes(report_of):
    _, page, reg = report_of("presence")
    types = set(reg.actors["actor_type"])
    assert "un_multilateral" in types  # the data holds the code ...
    tree = html.fromstring(page)
    for node in tree.xpath(f"//*[@id='{FULL_TABLES}']"):
        node.drop_tree()
    cells = {t.strip() for t in tree.xpath("//td/text()")}
    assert "UN & multilateral" in cells  # ... the tables show its label
    legends = {t.get("name") for f in page_figures(page) for t in f["data"] if t.get("name")}
    assert "UN & multilateral" in legends and not legends & CODES, legends


@pytest.mark.slow
def test_flows_name_organisations_not_identifiers(report_of):
    page = report_of("activity")[1]
    sankey = [t for f in page_figures(page) for t in f["data"] if t.get("type") == "sankey"]
    assert sankey, "no Sankey"
    labels = sankey[0]["node"]["label"]
    assert not [x for x in labels if x.startswith("XI-BRIDGE")], labels
    # the four receivers given only by a ref are one node that says so
    assert "4 organisations named only by an identifier" in labels
    bars = [f for f in page_figures(page) if f["layout"].get("title", {}).get(
        "text", "").startswith("Intermediaries")]
    for f in bars:
        assert "name" not in {y for t in f["data"] for y in t.get("y", [])}


# ------------------------------------------------------------------ every real registry (slow)
REAL = [("un_ocean_commitments", "ocean_commitments.jsonl"),
        ("iati_activities", "datastore_multi_publisher_2020_v202.xml"),
        ("iati_activities", "gb_dfid_albania_v201.xml"),
        ("hxl_3w", "rowca-3w-hxl.csv"),
        ("hxl_3w", "iati-sierraleone.csv"),
        ("threesixtygiving_indigo", "indigo.json")]


@pytest.mark.slow
@pytest.mark.parametrize(("folder", "name"), REAL, ids=[r[1] for r in REAL])
def test_real_report_prints_human_numbers_and_labels(tmp_path, folder, name):
    path = real_file(folder, name)
    _, page, reg = _build(tmp_path, path)
    problems = report_problems(page, reg, leave_out=(FULL_TABLES,))
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:20])
