"""The report built in two processes: the same page and files as in one, and nothing lost or
left half-written when the second process fails."""
import os
import re

import pytest
from helpers.ocean_records import record, write_jsonl

import ecosystem
from ecosystem.report import OUTPUT_FILES, SECTIONS, build_report
from ecosystem.report.second_process import SECOND_PROCESS_SECTIONS, default_processes
from ecosystem.study import Study

pytestmark = pytest.mark.skipif(default_processes() < 2,
                                reason="needs Linux and two free cores to fork a second process")


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("reg")
    recs = [
        record(1, "Reef watch", "Coastal Research Institute", "Tidewater Shipping Ltd; Blue Shore Foundation",
               targets=("14.1", "14.2")),
        record(2, "Reef monitoring", "Coastal Research Institute", "Blue Shore Foundation",
               targets=("14.1", "14.2")),
        record(3, "Plastic-free harbours", "Blue Shore Foundation", "Tidewater Shipping Ltd",
               targets=("14.1",), entity="Private sector"),
        record(4, "Seagrass mapping", "Ministry of Fisheries", "Blue Shore Foundation; Coastal Research Institute",
               entity="Government", targets=("14.5",)),
        record(5, "Mangrove nursery", "Ministry of Fisheries", "Island Youth Network",
               entity="Government", targets=("14.2", "14.5")),
    ]
    return ecosystem.load(write_jsonl(tmp / "reg.jsonl", recs))


def _study(out):
    return Study(name="two", title="Two processes", paths=[], registry=None, out_dir=out)


def _page(path):
    """The page without the minute it was generated."""
    return re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", "", path.read_text(encoding="utf-8"))


def _same_outputs(one, two):
    assert _page(one / "report.html") == _page(two / "report.html")
    for name in OUTPUT_FILES.values():
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    assert not list(two.glob("*.partial"))


def _pid_recorder(monkeypatch, name, log):
    """Section ``name`` also writes the id of the process that built it to ``log``."""
    real = SECTIONS[name]

    def build(a):
        with open(log, "a") as f:
            f.write(f"{os.getpid()}\n")
        return real(a)

    monkeypatch.setitem(SECTIONS, name, build)


def test_two_processes_write_the_same_report_and_files_as_one(registry, tmp_path, monkeypatch):
    one = build_report(_study(tmp_path / "one"), registry, processes=1)
    log = tmp_path / "pids"
    _pid_recorder(monkeypatch, "overlap", log)
    two = build_report(_study(tmp_path / "two"), registry, processes=2)
    # overlap really was built by another process, and the page has it
    assert log.read_text().split() not in ([], [str(os.getpid())])
    assert "overlap" in two["sections"] and "overlap" not in two["skipped"]
    assert one["sections"] == two["sections"] and one["skipped"] == two["skipped"]
    assert [p.name for p in one["files"]] == [p.name for p in two["files"]]
    _same_outputs(tmp_path / "one", tmp_path / "two")


def _fail(how):
    """An exception (the second process reports it) or a sudden exit (it reports nothing)."""
    if how == "raises":
        raise RuntimeError("failed in the second process only")
    os._exit(3)


@pytest.mark.parametrize(("section", "how"), [("gaps", "raises"), ("places", "dies")])
def test_what_the_second_process_fails_or_dies_on_is_built_here(registry, tmp_path, monkeypatch,
                                                                 section, how):
    build_report(_study(tmp_path / "one"), registry, processes=1)
    parent = os.getpid()
    real = SECTIONS[section]

    def build(a):
        if os.getpid() != parent:
            _fail(how)
        return real(a)

    monkeypatch.setitem(SECTIONS, section, build)
    build_report(_study(tmp_path / "two"), registry, processes=2)
    _same_outputs(tmp_path / "one", tmp_path / "two")


def test_an_error_in_a_second_process_section_is_raised_here_and_nothing_is_left(
        registry, tmp_path, monkeypatch):
    assert "agreement" in SECOND_PROCESS_SECTIONS

    def agreement(a):
        raise RuntimeError("agreement failed")

    monkeypatch.setitem(SECTIONS, "agreement", agreement)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError, match="agreement failed"):
        build_report(_study(out), registry, processes=2)
    assert not (out / "report.html").exists()
    assert not list(out.glob("*.partial")) and not list(out.glob("actors.*"))
