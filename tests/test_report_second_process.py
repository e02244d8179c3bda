"""The report built in two processes: the same page and files as in one, and nothing lost or
left half-written when the second process fails."""
import gc
import os
import re
import weakref

import pytest
from helpers.ocean_records import record, write_jsonl

import ecosystem
from ecosystem.report import OUTPUT_FILES, SECTIONS, build_report
from ecosystem.report.second_process import (
    SECOND_PROCESS_SECTIONS,
    SectionProcess,
    default_processes,
    release_memory,
)
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


def test_the_second_process_ends_once_done_without_waiting_to_be_read(tmp_path):
    # sections far larger than a pipe's buffer (64 KB): a thread here takes them as they come,
    # so the second process ends (its memory freed) before the first asks for its results
    big = {name: name * 500_000 for name in ("structure", "overlap")}
    job = SectionProcess(big.__getitem__, list(big),
                         files=[(lambda p: p.write_text("graph"), tmp_path / "new" / "g.txt")])
    job.start(processes=2)
    job._process.join(timeout=60)
    assert job._process.exitcode == 0   # ended, not blocked on a full pipe
    built, written = job.results()
    assert built == big and written == [tmp_path / "new" / "g.txt"]
    job.finish()
    assert (tmp_path / "new" / "g.txt").read_text() == "graph"
    assert not job.forked and gc.get_freeze_count() == 0  # the collector sees everything again


def test_release_memory_collects_garbage_and_keeps_what_is_held():
    class Node:
        pass

    def garbage_cycle():
        node = Node()
        node.me = node
        return weakref.ref(node)

    held = list(range(100_000))
    enabled = gc.isenabled()
    gc.disable()  # only release_memory collects here
    try:
        kept, gone = garbage_cycle(), garbage_cycle()
        release_memory(collect=False)  # the C library's free memory only
        assert kept() is not None
        release_memory()
        assert kept() is None and gone() is None
    finally:
        if enabled:
            gc.enable()
    assert sum(held) == 4_999_950_000


def test_full_tables_are_kept_only_where_written(registry, tmp_path):
    # without tables_dir the sections keep only the page's full tables (nothing else is
    # held or sent between the processes): the page is the same
    with_tables = build_report(_study(tmp_path / "a"), registry, tables_dir=tmp_path / "t",
                               processes=2)
    build_report(_study(tmp_path / "b"), registry, processes=2)
    _same_outputs(tmp_path / "a", tmp_path / "b")
    written = {p.name for p in with_tables["files"]}
    # tables of sections built in each process are still written when asked for
    assert {"brokers.csv", "communities.csv", "coverage.csv", "actors.csv",
            "initiatives.csv"} <= written
