"""Hostile registry text: control characters, bidi overrides and formula starts.

A registry whose names carry a NUL, an ESC sequence, a right-to-left
override, zero-width spaces and spreadsheet formulas is loaded, summarised,
reported (with graph files and tables) and reviewed through the command line.
Nothing may crash, write a ``.partial`` file, put raw control bytes in the
terminal or the report, or write a CSV cell a spreadsheet would run.
"""
from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
from helpers.ocean_records import record, write_jsonl
from typer.testing import CliRunner

from ecosystem.cli import app
from ecosystem.store import Store

runner = CliRunner(env={"COLUMNS": "200", "ECOSYSTEM_STORE": None})

FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", "@SUM(1+1)",
            "\t=1+1", "-2+3"]


def _records() -> list[dict]:
    return [
        record(1, "Reef \x1b[2J survey", "Evil\x00 Ocean\x07 Trust",
               "\u202eReef Fund\u202c, Blue\u200b Coast Alliance, " + ", ".join(FORMULAS[:3])),
        record(2, "Mangrove plan", "Blue Coast Alliance",
               "Reef Fund, " + ", ".join(FORMULAS[3:])),
    ]


def _cells(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [cell for row in csv.reader(fh) for cell in row]


def test_hostile_text_is_cleaned_in_and_neutralised_out(tmp_path):
    src = write_jsonl(tmp_path / "hostile.jsonl", _records())
    store = tmp_path / "s.duckdb"
    r = runner.invoke(app, ["load", str(src), "--store", str(store)])
    assert r.exit_code == 0, r.stderr
    # said, not silent: 4 names and the title lost characters (NUL, BEL, ESC, RLO, PDF, ZWSP)
    assert "note: removed control, bidirectional or zero-width characters from" in r.stdout

    reg = Store(store).registry()
    names = set(reg.actors["name"])
    assert "Evil Ocean Trust" in names and "Reef Fund" in names and "Blue Coast Alliance" in names
    for table in ("actors", "mentions", "initiatives"):
        text = " ".join(map(str, getattr(reg, table).to_numpy().ravel()))
        assert not any(ch in text for ch in "\x00\x07\x1b\u202e\u202c\u200b"), table

    info = runner.invoke(app, ["info", "--store", str(store)])
    assert info.exit_code == 0 and "\x1b[2J" not in info.stdout and "\x00" not in info.stdout

    out, tables = tmp_path / "out", tmp_path / "tables"
    rep = runner.invoke(app, ["report", str(src), "--store", str(store), "--out", str(out),
                              "--tables", str(tables)])
    assert rep.exit_code == 0, rep.stderr
    assert not list(out.rglob("*.partial"))
    page = (out / "report.html").read_bytes()
    assert b"\x00" not in page and b"\x1b" not in page
    assert "removed control, bidirectional or zero-width characters" in page.decode("utf-8")
    g = nx.read_graphml(out / "actors.graphml")            # well-formed XML
    assert g.number_of_nodes() == len(reg.actors)
    nx.read_gexf(out / "actors.gexf")

    review = tmp_path / "review.csv"
    assert runner.invoke(app, ["crosswalk", "--review", str(review), "--all",
                               "--store", str(store)]).exit_code == 0
    csvs = [*out.glob("*.csv"), *tables.glob("*.csv"), review, store.with_name("crosswalk.csv")]
    assert len(csvs) >= 6
    written = {cell for p in csvs for cell in _cells(p)}
    live = sorted(c for c in written if c[:1] in ("=", "+", "-", "@", "\t", "\r"))
    assert live == []
    # the formula texts are still there, inert
    assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in written
