"""The ecosystem command line: load, info, report, errors."""
from __future__ import annotations

import pandas as pd
import pytest
from helpers.ocean_records import good_records, write_jsonl
from helpers.store_snapshot import snapshot
from helpers.stub_report import StubReport
from typer.testing import CliRunner

from ecosystem.cli import app
from ecosystem.store import Store

runner = CliRunner(env={"COLUMNS": "200", "ECOSYSTEM_STORE": None})


def run(*args, **kw):
    return runner.invoke(app, [str(a) for a in args], **kw)


@pytest.fixture
def small(tmp_path):
    return write_jsonl(tmp_path / "small.jsonl")


@pytest.fixture
def store_path(tmp_path):
    return tmp_path / "store" / "s.duckdb"


def test_help_lists_commands():
    r = run("--help")
    assert r.exit_code == 0
    for cmd in ("load", "info", "report"):
        assert cmd in r.stdout


def test_load_then_info(small, store_path):
    r = run("load", small, "--store", store_path)
    assert r.exit_code == 0, r.stderr
    assert f"Loaded 1 file into {store_path}" in r.stdout
    assert "small.jsonl (ocean-jsonl), 3 initiatives" in r.stdout
    assert store_path.with_name("crosswalk.csv").exists()

    r = run("info", "--store", store_path)
    assert r.exit_code == 0, r.stderr
    out = r.stdout
    assert "3 initiatives in" in out
    # Blue Shore Foundation leads two of the three records
    top = [line for line in out.splitlines() if "Blue Shore Foundation" in line][0]
    assert [c.strip() for c in top.split("│")[4:6]] == ["2", "2"]   # initiatives, led
    gaps = {line.split("│")[1].strip(): line.split("│")[2].strip()
            for line in out.splitlines() if line.count("│") == 4}
    assert gaps["no partners"] == "1"          # Harbour Plastics Census
    assert gaps["placeholder dates"] == "1"    # 01 January 1970
    assert gaps["no dates"] == "1"             # Sea Turtle Nesting Survey
    assert gaps["no deliverables"] == "1"


def test_reload_replaces(small, store_path):
    assert run("load", small, "--store", store_path).exit_code == 0
    before = Store(store_path).registry().summary()
    r = run("load", small, "--store", store_path)             # unchanged: skipped, store untouched
    assert r.exit_code == 0 and "unchanged: already loaded" in r.stdout
    r = run("load", small, "--store", store_path, "--force")  # forced: read again, rows replaced
    assert r.exit_code == 0
    assert "replaces 3 initiatives loaded before" in r.stdout
    assert Store(store_path).registry().summary() == before


def test_registry_option_and_env_store(small, store_path, monkeypatch):
    r = runner.invoke(app, ["load", str(small), "--registry", "my-ocean"],
                      env={"ECOSYSTEM_STORE": str(store_path), "COLUMNS": "200"})
    assert r.exit_code == 0, r.stderr
    assert Store(store_path).registries() == ["my-ocean"]


def test_bad_file_one_red_line_no_traceback(tmp_path, small, store_path):
    assert run("load", small, "--store", store_path).exit_code == 0
    before = snapshot(store_path)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"node_id": 1, "title": "cut', encoding="utf-8")
    r = run("load", bad, "--store", store_path)
    assert r.exit_code == 1
    assert r.stderr.startswith(f"error: {bad}, line 1")
    assert "Traceback" not in r.stderr + r.stdout
    assert snapshot(store_path) == before


def test_missing_source_and_missing_store(tmp_path, store_path):
    r = run("load", tmp_path / "nope.jsonl", "--store", store_path)
    assert r.exit_code == 1 and "nope.jsonl: no such file" in r.stderr
    assert not store_path.exists()
    r = run("info", "--store", store_path)
    assert r.exit_code == 1 and "no store at" in r.stderr


def test_report_registry_file_directly(small, store_path, tmp_path, stub_report):
    out = tmp_path / "out"
    r = run("report", small, "--store", store_path, "--out", out)
    assert r.exit_code == 0, r.stderr
    assert "3 initiatives in" in r.stdout
    study, reg, _ = stub_report.calls[-1]
    assert study.paths == [small] and len(reg.initiatives) == 3
    assert stub_report.processes == [None]  # the report's default
    assert f"Report written to {out / 'report.html'}" in r.stdout
    assert "Registry kind: partnership; its defaults: level=target" in r.stdout
    top = pd.read_csv(out / "top_actors.csv")
    assert top.loc[0, ["name", "initiatives", "led"]].tolist() == ["Blue Shore Foundation", 2, 2]
    # and a registry already in the store, by name (no loading); another file, since one
    # file is loaded under one registry only
    other = write_jsonl(tmp_path / "other.jsonl",
                        [{**r, "node_id": r["node_id"] + 100,
                          "ocean_action_id": f"#OceanAction{r['node_id'] + 100}"}
                         for r in good_records()])
    assert run("load", other, "--registry", "small-ocean", "--store", store_path).exit_code == 0
    r = run("report", "small-ocean", "--store", store_path, "--out", out, "--processes", "1")
    assert r.exit_code == 0, r.stderr
    assert "Loaded" not in r.stdout and "3 initiatives in small-ocean" in r.stdout
    assert stub_report.calls[-1][1].registries == ["small-ocean"]
    assert stub_report.processes == [None, 1]
    r = run("report", "small-ocean", "--store", store_path, "--out", out, "--processes", "3")
    assert r.exit_code == 2 and "--processes" in r.stderr and len(stub_report.calls) == 2


def test_report_bad_study_names_key(tmp_path, store_path):
    study = tmp_path / "s.toml"
    study.write_text('[study]\nname = "x"\n[source]\npath = ["a.jsonl"]\n')
    r = run("report", study, "--store", store_path)
    assert r.exit_code == 1
    assert f"{study}, field source.path: unknown key" in r.stderr
    r = run("report", "no-such-study", "--store", store_path)
    assert r.exit_code == 1 and "nor a registry in the store" in r.stderr


@pytest.fixture(scope="module")
def ocean_report_command(tmp_path_factory, ocean_path):
    """`ecosystem report analyses/ocean-commitments.toml` run once, the HTML part stubbed:
    (the CLI's result, its folder with the store and ``out/``, the stub's calls)."""
    import ecosystem.report

    d = tmp_path_factory.mktemp("ocean-report")
    stub = StubReport()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ecosystem.report, "build_report", stub)
        r = run("report", "analyses/ocean-commitments.toml", "--store", d / "s.duckdb",
                "--out", d / "out")
    return r, d, stub


def test_default_study_report(ocean_report_command):
    """What `make report` prints: 2,650 initiatives, actors, ties by role, top 10 actors."""
    r, d, stub = ocean_report_command
    assert r.exit_code == 0, r.stderr
    study, reg, _ = stub.calls[0]
    assert study.name == "ocean-commitments" and len(reg.initiatives) == 2650
    assert "ocean-commitments: ocean_commitments.jsonl (ocean-jsonl), 2,650 initiatives" in r.stdout
    assert "2,650 initiatives in ocean-commitments" in r.stdout
    assert "distinct actors after resolution" in r.stdout
    assert "Ties by role" in r.stdout and "Top 10 actors by number of initiatives" in r.stdout
    top = pd.read_csv(d / "out" / "top_actors.csv")
    assert len(top) == 10 and top["initiatives"].is_monotonic_decreasing
    roles = pd.read_csv(d / "out" / "ties_by_role.csv").set_index("role")["initiatives"]
    # every record has a lead but 4 without a lead entity and 7 whose lead names no organisation
    assert roles["lead"] == 2650 - 4 - 7


def test_info_on_ocean_store(ocean_report_command):
    r, d, _ = ocean_report_command
    info = run("info", "--store", d / "s.duckdb")
    assert info.exit_code == 0
    assert "2,650 initiatives in ocean-commitments" in info.stdout
    assert "ocean_commitments.jsonl" in info.stdout


def test_same_records_from_two_files_is_refused(tmp_path, small, store_path):
    from helpers.ocean_records import csv_text

    csv = tmp_path / "small.csv"
    csv.write_text(csv_text(), encoding="utf-8")
    r = run("load", small, csv, "--store", store_path)
    assert r.exit_code == 1
    assert "comes twice" in r.stderr and str(small) in r.stderr and str(csv) in r.stderr
    assert not store_path.exists()
    # as two registries they load side by side
    assert run("load", small, "--registry", "from-jsonl", "--store", store_path).exit_code == 0
    assert run("load", csv, "--registry", "from-csv", "--store", store_path).exit_code == 0
    assert Store(store_path).registries() == ["from-csv", "from-jsonl"]


def test_crosswalk_review_lists_non_exact_merges(tmp_path):
    """`ecosystem crosswalk --review` writes the merges a person should check, weakest first."""
    import pandas as pd
    from helpers.ocean_records import record, write_jsonl
    from typer.testing import CliRunner

    from ecosystem.cli import app

    recs = [record(93001, "Reef survey", "United Nations Environment Programme (UNEP)", "WWF"),
            record(93002, "Seagrass atlas", "UNEP", "World Wide Fund for Nature")]
    src = write_jsonl(tmp_path / "cw.jsonl", recs)
    store = tmp_path / "s.duckdb"
    runner = CliRunner()
    assert runner.invoke(app, ["load", str(src), "--store", str(store)]).exit_code == 0
    out = tmp_path / "review.csv"
    r = runner.invoke(app, ["crosswalk", "--review", str(out), "--store", str(store)])
    assert r.exit_code == 0, r.output
    review = pd.read_csv(out)
    assert set(review["method"]) <= {"fuzzy", "acronym", "override", "known_body", "country"}
    unep = review[review["variant"] == "UNEP"]
    assert len(unep) == 1 and unep["actor_name"].iloc[0].startswith("United Nations Environment")
    assert "-> 2 actors" in " ".join(r.output.split())
