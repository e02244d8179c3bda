"""The HTML report: escaping of hostile registry text, study settings, and the real Ocean report."""
import json
import re

import networkx as nx
import pytest
from helpers.ocean_records import record, write_jsonl
from helpers.real_data import real_file

import ecosystem
from ecosystem.errors import InputError
from ecosystem.report import SECTIONS, build_report
from ecosystem.report.html import page_figures
from ecosystem.study import Study, read_settings, study_for

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


def hostile_registry(tmp_path):
    recs = [
        record(91001, f"Reef watch {IMG}", SCRIPT, "Coastal Research Institute; Tidewater Shipping Ltd",
               targets=("14.1", "14.2")),
        record(91002, "Mangrove nursery", "Coastal Research Institute", f"{SCRIPT}, Blue Shore Foundation",
               targets=("14.2",)),
        record(91003, "Plastic-free harbours", "Blue Shore Foundation", "Tidewater Shipping Ltd",
               targets=("14.1",), entity="Private sector"),
        record(91004, "Seagrass mapping", "Ministry of Fisheries", "Blue Shore Foundation; Coastal Research Institute",
               entity="Government", targets=("14.5",)),
    ]
    return ecosystem.load(write_jsonl(tmp_path / "hostile.jsonl", recs))


def test_report_contains_no_executable_injection(tmp_path):
    reg = hostile_registry(tmp_path)
    assert SCRIPT in set(reg.actors["name"])               # the name really is in the model
    study = Study(name="hostile", title=f"Study {SCRIPT}", paths=[], registry=None, out_dir=tmp_path / "out")
    res = build_report(study, reg)
    page = res["report"].read_text(encoding="utf-8")
    assert SCRIPT not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page    # shown as text
    # Only our own <script> blocks: plotly.js, one per figure, and the table script.
    n_figures = len(re.findall(r'class="plotly-graph-div"', page))
    assert len(re.findall(r"<script\b", page)) == 1 + n_figures + 1
    assert "Content-Security-Policy" in page


def test_report_writes_nothing_partial_on_failure(tmp_path, monkeypatch):
    reg = hostile_registry(tmp_path)
    study = Study(name="h", title="h", paths=[], registry=None, out_dir=tmp_path / "out")

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr("ecosystem.report.html.plotly_js", boom)
    with pytest.raises(RuntimeError):
        build_report(study, reg)
    assert not (tmp_path / "out" / "report.html").exists()
    assert not list((tmp_path / "out").glob("*.partial"))


def test_study_settings_name_the_bad_key():
    with pytest.raises(InputError, match=r"field analysis\.grouping: must be a column name"):
        read_settings({"analysis": {"grouping": 3}}, file="s.toml")
    with pytest.raises(InputError, match=r"field filters\.goal: unknown key"):
        read_settings({"filters": {"goal": [14]}}, file="s.toml")
    with pytest.raises(InputError, match=r"field report\.sections: unknown sections \['hub'\]"):
        read_settings({"report": {"sections": ["hub"]}}, file="s.toml")
    filters, settings, names, exports = read_settings(
        {"filters": {"goals": [14]}, "analysis": {"top": 5}, "report": {"sections": ["hubs"]}})
    assert filters == {"goals": [14]} and settings.top == 5 and names == ["hubs"]


def test_ocean_report_has_every_section_and_real_findings(ocean_report, ocean):
    # the Ocean platform records no flows: the two funding sections say so in one line
    assert ocean_report["skipped"] == {"flows": "the registry records no flows between actors",
                                       "funding": "the registry records no flows with amounts"}
    assert ocean_report["sections"] == list(SECTIONS)
    assert "Left out: the registry records no flows between actors." in (
        ocean_report["report"].read_text(encoding="utf-8"))
    page = ocean_report["report"].read_text(encoding="utf-8")
    assert ocean_report["report"].stat().st_size < 15e6
    assert "2,650 initiatives" in page
    assert "The 10 most connected actors take part in" in page
    assert "are dormant" in page
    assert len(re.findall(r'class="plotly-graph-div"', page)) >= 15
    # provenance: the source file's sha256
    assert ocean.sources[0]["sha256"] in page


def test_ocean_gexf_and_kumu_reopen_with_the_same_counts(ocean_report, ocean):
    from ecosystem.graphs import actor_projection

    g = actor_projection(ocean, weight="newman")
    out = ocean_report["report"].parent
    h = nx.read_gexf(out / "actors.gexf")
    assert (h.number_of_nodes(), h.number_of_edges()) == (g.vcount(), g.ecount())
    kumu = json.loads((out / "actors.kumu.json").read_text(encoding="utf-8"))
    # Kumu opens up to 20,000 connections: the backbone's most significant, and a note says so
    notes = [e for e in kumu["elements"] if e["type"] == "Note"]
    assert len(notes) == 1 and f"{g.ecount():,}" in notes[0]["description"]
    assert (len(kumu["elements"]), len(kumu["connections"])) == (g.vcount() + 1, 20_000)
    assert f"{g.ecount():,}" in ocean_report["report"].read_text(encoding="utf-8")
    dyn = nx.read_gexf(out / "actors.dynamic.gexf")
    assert dyn.number_of_edges() <= g.ecount() and dyn.graph["mode"] == "dynamic"


def test_ocean_tables_written_in_three_formats(ocean_report, ocean):
    import pandas as pd

    tables = ocean_report["report"].parent / "tables"
    actors = pd.read_parquet(tables / "actors.parquet")
    assert len(actors) == len(ocean.actors)
    assert len(pd.read_csv(tables / "initiatives.csv")) == 2650
    assert (tables / "tables.xlsx").stat().st_size > 0


@pytest.mark.slow
def test_iati_report_shows_funding_sankey_and_intermediaries(tmp_path):
    real_file("iati_activities", "datastore_multi_publisher_2020_v202.xml")
    study = study_for("analyses/iati-multi-publisher.toml")
    res = build_report(study, out_dir=tmp_path)
    page = res["report"].read_text(encoding="utf-8")
    assert set(res["skipped"]) <= {"funding"}, res["skipped"]
    assert any(t.get("type") == "sankey" for f in page_figures(page) for t in f["data"])
    # GlobalGiving (US-EIN-300108263) receives grants and passes them on to its projects.
    assert "GlobalGiving brokers the most provider → receiver chains" in page
    titles = [str(f["layout"].get("title", {}).get("text", "")) for f in page_figures(page)]
    assert any("Intermediaries in the funding chain" in t for t in titles)  # figures are packed


def test_quality_appendix_says_why_phrases_were_set_aside_and_counts_generic_names_kept_apart():
    import pandas as pd

    from ecosystem.model import Registry
    from ecosystem.report.quality import quality_appendix

    un = pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i3"],
                       "text": ["NGOs", "Atherstone", "Gill Ainsworth", "Rohan Arthur"],
                       "role": "partner", "reason": ["generic", "place", "person", "person"]})
    cw = pd.DataFrame({"variant": ["Ministry of Environment [FJI]", "Ministry of Environment [WSM]",
                                   "Ministry of Environment [record i3]", "WWF"],
                       "actor_id": ["moe-fji", "moe-wsm", "moe-3", "wwf"], "score": 1.0,
                       "method": ["generic", "generic", "generic", "exact"], "registry": "demo"})
    findings, tables, _ = quality_appendix(Registry.from_frames(unresolved=un, crosswalk=cw))
    text = " ".join(findings)
    # the registry's own phrases as examples, counts in agreement with their nouns
    assert "4 names and phrases in 3 initiatives were not read as organisations (most often " \
           "'Atherstone' (1) and 'Gill Ainsworth' (1))" in text
    assert "2 people's names, 1 category, 1 place that only locates an organisation" in text
    assert "3 mentions of 1 generic name with no country of its own" in text
    assert "were kept apart" in text and "as 3 actors" in text
    apart = dict((c, t) for c, t, _ in tables)["Generic names kept apart (most actors first)"]
    assert apart.to_dict("records") == [{"name": "Ministry of Environment", "variants": 3, "actors": 3}]


def test_report_of_a_registry_built_in_memory_reads_the_backbone_above_the_limit(tmp_path):
    """A registry built in memory (no file: no format, no hash) gets a report; with an edge
    limit below its projection, the network sections read the backbone and the header says
    how many ties the projection had."""
    from benchmarks.synthetic import synthetic_registry
    from ecosystem.graphs import actor_projection

    reg = synthetic_registry(300, seed=2)
    ties = actor_projection(reg).ecount()
    study = Study(name="synthetic", title="Synthetic", paths=[], registry=None,
                  out_dir=tmp_path / "out",
                  sections={"analysis": {"max_edges": 400},
                            "report": {"sections": ["overview", "hubs", "brokers"]}})
    result = build_report(study, reg)
    page = result["report"].read_text(encoding="utf-8")
    assert result["sections"] == ["overview", "hubs", "brokers"]
    assert f"{ties:,} ties" in page and "disparity backbone" in page


def test_packed_plotly_js_is_kept_between_runs_and_checked_before_use(tmp_path, monkeypatch):
    import base64
    import gzip

    import ecosystem.report.html as page

    page.packed_plotly_js.cache_clear()
    first = page.packed_plotly_js(str(tmp_path))
    assert gzip.decompress(base64.b64decode(first)).decode() == page.plotly_js()
    kept = tmp_path / "plotly.js.packed"
    assert kept.read_text() == first
    # a later run reads the kept copy instead of packing again
    page.packed_plotly_js.cache_clear()
    with monkeypatch.context() as m:
        m.setattr(page, "packed", lambda *a: pytest.fail("packed again"))
        assert page.packed_plotly_js(str(tmp_path)) == first
    # a kept copy that is not the bundle (another plotly, or tampered with) is replaced
    kept.write_text(page.packed("alert(1)"))
    page.packed_plotly_js.cache_clear()
    assert page.packed_plotly_js(str(tmp_path)) == first
    assert kept.read_text() == first
    kept.write_text("not base64 at all")
    page.packed_plotly_js.cache_clear()
    assert page.packed_plotly_js(str(tmp_path)) == first
    page.packed_plotly_js.cache_clear()


def test_analysis_shares_community_profiles_and_forgets_what_it_computed():
    import pandas as pd

    from ecosystem.dormancy import as_of_date
    from ecosystem.measures.context import Analysis
    from ecosystem.measures.network.community_profiles import community_profiles
    from ecosystem.model import Registry

    members = {"i1": "abc", "i2": "abd", "i3": "cd", "i4": "efg", "i5": "efh", "i6": "gh"}
    reg = Registry.from_frames(
        actors=pd.DataFrame({"actor_id": list("abcdefgh"), "name": list("ABCDEFGH"),
                             "actor_type": "ngo"}),
        initiatives=pd.DataFrame({"initiative_id": list(members), "registry": "r",
                                  "record_id": list(members), "kind": "partnership"}),
        ties=pd.DataFrame([(i, x, "partner") for i, xs in members.items() for x in xs],
                          columns=["initiative_id", "actor_id", "role"]).assign(
                              registry="r", record_id="1"))
    given = as_of_date(reg, "2024-01-01")
    a = Analysis(reg, as_of=given)
    assert not a.computed("community_profiles")
    prof = a.community_profiles
    pd.testing.assert_frame_equal(prof, community_profiles(reg, a.communities))
    assert a.community_profiles is prof and a.computed("communities")
    a.forget("community_profiles")
    assert not a.computed("community_profiles") and a.computed("communities")
    a.forget()
    assert not a.computed("communities") and not a.computed("projection")
    assert a.as_of is given  # a date handed in is not a computed result: kept
