"""Hostile command lines and study files: each ends as one red line, exit 1, the store unchanged.

Nothing lost (the store stays byte-identical, no file is written half-way or
outside the working folder), nothing hangs, nothing runs before the whole study
has been checked.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

import duckdb
import pytest
from helpers.ocean_records import write_jsonl
from helpers.store_snapshot import snapshot
from typer.testing import CliRunner

from ecosystem.cli import app

runner = CliRunner(env={"COLUMNS": "200", "ECOSYSTEM_STORE": None})


def run(*args, **kw):
    return runner.invoke(app, [str(a) for a in args], **kw)


def one_red_line(r, start: str) -> str:
    """Assert the command failed with exactly one error line starting ``error: {start}``."""
    assert r.exit_code == 1, r.output
    assert isinstance(r.exception, SystemExit), repr(r.exception)   # not a raw exception
    assert "Traceback" not in r.output
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith(f"error: {start}"), lines[0]
    return lines[0]


@pytest.fixture
def world(tmp_path, monkeypatch):
    """A working folder with a small Ocean file loaded as registry ``mine``:
    (folder, the file, the store path, the store's snapshot)."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    small = write_jsonl(work / "small.jsonl")
    store = work / "store" / "s.duckdb"
    r = run("load", small, "--registry", "mine", "--store", store)
    assert r.exit_code == 0, r.output
    return work, small, store, snapshot(store)


def study_file(folder: Path, small: Path, extra: str = "", name: str = "hostile",
               registry: str = "mine") -> Path:
    p = folder / f"{name}.toml"
    p.write_text(f'[study]\nname = "{name}"\n[source]\npaths = ["{small}"]\n'
                 f'registry = "{registry}"\n{extra}', encoding="utf-8")
    return p


# 1. --out / --tables naming an existing file: refused before any work --------------------------
@pytest.mark.parametrize("option", ["--out", "--tables"])
def test_output_option_naming_a_file(world, stub_report, option):
    work, small, store, before = world
    taken = work / "notes.txt"
    taken.write_text("mine, keep", encoding="utf-8")
    r = run("report", small, "--store", store, option, taken)
    line = one_red_line(r, f"field {option}: {taken} is an existing file, not a folder")
    assert "give a folder" in line
    assert "Loaded" not in r.stdout and stub_report.calls == []
    assert taken.read_text(encoding="utf-8") == "mine, keep"
    assert snapshot(store) == before
    # a path under the file is refused the same way
    r = run("report", small, "--store", store, option, taken / "sub")
    one_red_line(r, f"field {option}: {taken / 'sub'} lies under {taken}, which is an existing")


# 2. bad filter and analysis values name the study file and the field ---------------------------
@pytest.mark.parametrize("extra, field, says", [
    ('[filters]\nstart = "yesterday"\n', "filters.start",
     "must be a date written YYYY-MM-DD, got 'yesterday'"),
    ('[filters]\ngoals = ["x"]\n', "filters.goals", "each must be an SDG goal number"),
    ('[filters]\ngoals = [14, 18]\n', "filters.goals", "got 18"),
    ('[filters]\ntargets = ["fourteen"]\n', "filters.targets", "got 'fourteen'"),
    ('[filters]\ndormant = "maybe"\n', "filters.dormant", "must be one of include, exclude, only"),
    ('[filters]\nstart = "2020-01-01"\nend = "2019-01-01"\n', "filters.start",
     "start 2020-01-01 is after end 2019-01-01"),
    ('[filters]\nplaces = [""]\n', "filters.places", "each must be a non-empty string"),
    ('[analysis]\nas_of = "soon"\n', "analysis.as_of", "got 'soon'"),
    ('[analysis]\nweight = "heavy"\n', "analysis.weight", "must be one of count, newman, jaccard"),
    ('[analysis]\nplace_kind = "planet"\n', "analysis.place_kind", "must be one of country"),
    ('[analysis]\ntop = 0\n', "analysis.top", "at least 1, got 0"),
    ('[analysis]\ngoal = 99\n', "analysis.goal", "got 99"),
    ('[report]\nsections = [1]\n', "report.sections", "unknown sections [1]"),
])
def test_bad_study_values(world, stub_report, extra, field, says):
    work, small, store, before = world
    study = study_file(work, small, extra)
    r = run("report", study, "--store", store)
    line = one_red_line(r, f"{study}, field {field}: ")
    assert says in line
    assert stub_report.calls == [] and not (work / "out").exists()
    assert snapshot(store) == before


# 3. the whole study is checked before anything is loaded or written ----------------------------
def test_typo_key_fails_before_loading(world, stub_report, monkeypatch):
    from ecosystem.store import database

    work, small, store, before = world
    read = []
    monkeypatch.setattr(database, "read_files", lambda *a, **k: read.append(a) or [])
    study = study_file(work, small, '[analysis]\nlevle = "goal"\n', registry="again")
    r = run("report", study, "--store", store)
    one_red_line(r, f"{study}, field analysis.levle: unknown key; allowed: grouping")
    assert read == []                                  # no source was read
    assert "Loaded" not in r.stdout and r.stdout.strip() == ""   # no summary printed
    assert not (work / "out").exists()                 # no CSV written
    assert snapshot(store) == before


def test_bad_study_for_explore_fails_before_loading(world, monkeypatch):
    import ecosystem.explorer

    work, small, store, before = world
    monkeypatch.setattr(ecosystem.explorer, "prepare_app",
                        lambda *a, **k: pytest.fail("prepare_app ran"))
    study = study_file(work, small, '[filters]\nstart = "yesterday"\n')
    r = run("explore", study, "--store", store)
    one_red_line(r, f"{study}, field filters.start: must be a date")
    assert snapshot(store) == before


# 4. a study may not write outside the working folder; --out may -------------------------------
@pytest.mark.parametrize("extra, name, field", [
    ("", "../../..", "study.name"),
    ('[output]\ndir = "../../escaped"\n', "hostile", "output.dir"),
    ('[output]\ndir = "{outside}"\n', "hostile", "output.dir"),
])
def test_study_output_stays_in_working_folder(world, stub_report, tmp_path, extra, name, field):
    work, small, store, before = world
    outside = tmp_path / "elsewhere"
    study = work / "s.toml"
    study.write_text(f'[study]\nname = "{name}"\n[source]\npaths = ["{small}"]\n'
                     f'registry = "mine"\n' + extra.format(outside=outside), encoding="utf-8")
    r = run("report", study, "--store", store)
    one_red_line(r, f"{study}, field {field}: ")
    assert stub_report.calls == [] and not outside.exists()
    assert not (tmp_path / "escaped").exists() and not (tmp_path.parent / "escaped").exists()
    assert snapshot(store) == before


def test_out_on_the_command_line_may_be_anywhere(world, stub_report, tmp_path):
    work, small, store, _ = world
    study = study_file(work, small, '[output]\ndir = "../../escaped"\n')
    outside = tmp_path / "chosen"
    r = run("report", study, "--store", store, "--out", outside)
    assert r.exit_code == 0, r.output
    assert stub_report.calls[-1][2] == outside and (outside / "report.html").exists()


def test_registry_name_from_store_cannot_escape(world, stub_report, tmp_path):
    work, small, store, _ = world
    other = write_jsonl(work / "other.jsonl")
    other.write_text(small.read_text(encoding="utf-8").replace("9000", "8000"),
                     encoding="utf-8")
    assert run("load", other, "--registry", "../../up", "--store", store).exit_code == 0
    before = snapshot(store)
    r = run("report", "../../up", "--store", store)
    one_red_line(r, "field output.dir: output folder ")
    assert not (tmp_path / "up").exists() and snapshot(store) == before


# 5. one file, one registry -----------------------------------------------------------------
def test_same_file_under_two_registry_names_is_refused(world):
    work, small, store, before = world
    copy = work / "copy.jsonl"
    copy.write_bytes(small.read_bytes())          # same content, another path
    for f in (small, copy):
        r = run("load", f, "--registry", "theirs", "--store", store)
        line = one_red_line(r, f"{f}, field registry: this file is already loaded as "
                               f"registry 'mine'")
        assert "would count its initiatives twice" in line
        assert snapshot(store) == before
    # under the same name it replaces, as before
    r = run("load", copy, "--registry", "mine", "--store", store)
    assert r.exit_code == 0, r.output
    assert "replaces 3 initiatives loaded before" in r.stdout


# 6. registry names and study names ---------------------------------------------------------
def test_registry_may_not_take_a_study_name(world):
    work, small, store, before = world
    other = work / "other.jsonl"
    other.write_text(small.read_text(encoding="utf-8").replace("9000", "8000"),
                     encoding="utf-8")
    r = run("load", other, "--registry", "ocean-commitments", "--store", store)
    one_red_line(r, "field --registry: 'ocean-commitments' is the name of the study ")
    assert snapshot(store) == before
    study = study_file(work, other, registry="rowca-3w")
    r = run("report", study, "--store", store)
    one_red_line(r, f"{study}, field source.registry: 'rowca-3w' is the name of the study")
    assert snapshot(store) == before


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """ECOSYSTEM_DATA with a small file where the shipped Ocean study looks for its source."""
    data = tmp_path / "data"
    (data / "un_ocean_commitments").mkdir(parents=True)
    monkeypatch.setenv("ECOSYSTEM_DATA", str(data))
    return data


def test_study_name_over_a_users_registry_is_refused(tmp_path, data_dir, stub_report,
                                                     monkeypatch):
    monkeypatch.chdir(tmp_path)
    mine = write_jsonl(tmp_path / "mine.jsonl")
    store = tmp_path / "s.duckdb"
    assert run("load", mine, "--store", store).exit_code == 0    # the loader's own name
    before = snapshot(store)
    r = run("report", "ocean-commitments", "--store", store)
    line = one_red_line(r, "ocean-commitments: is both the study ")
    assert str(mine.resolve()) in line and "would replace that registry" in line
    assert stub_report.calls == [] and snapshot(store) == before


def test_study_name_over_its_own_registry_says_it_takes_the_study(tmp_path, data_dir,
                                                                 stub_report, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = write_jsonl(data_dir / "un_ocean_commitments" / "ocean_commitments.jsonl")
    store = tmp_path / "s.duckdb"
    assert run("load", source, "--store", store).exit_code == 0
    r = run("report", "ocean-commitments", "--store", store, "--out", tmp_path / "o")
    assert r.exit_code == 0, r.output
    assert "ocean-commitments: taking the study" in r.stderr
    assert stub_report.calls[-1][0].file.name == "ocean-commitments.toml"


# 7. resolver overrides with a cycle --------------------------------------------------------
@pytest.mark.parametrize("rows, line, says", [
    (["Blue Shore Foundation,Coastal Research Institute",
      "Coastal Research Institute,Blue Shore Foundation"], 4, "form a cycle"),
    (["Blue Shore Foundation,Coastal Research Institute",
      "Coastal Research Institute,City of Saltmarsh",
      "city of saltmarsh,Blue Shore Foundation"], 5, "form a cycle"),
    (["Blue Shore Foundation,Coastal Research Institute",
      "Blue Shore Foundation,City of Saltmarsh"], 4, "one variant cannot have two canonicals"),
])
def test_override_cycles_are_refused(world, rows, line, says):
    work, small, store, before = world
    ov = work / "overrides.csv"
    ov.write_text("# reviewed\nvariant,canonical\n" + "\n".join(rows) + "\n", encoding="utf-8")
    r = run("load", small, "--registry", "mine", "--overrides", ov, "--store", store)
    one_red_line(r, f"{ov}, line {line}, field canonical: {'overrides ' if 'cycle' in says else ''}")
    assert says in r.stderr
    assert snapshot(store) == before


def test_override_chain_without_cycle_loads(world):
    work, small, store, _ = world
    ov = work / "overrides.csv"
    ov.write_text("variant,canonical\nCoastal Research Institute,Blue Shore Foundation\n"
                  "City of Saltmarsh,Coastal Research Institute\n", encoding="utf-8")
    r = run("load", small, "--registry", "mine", "--overrides", ov, "--store", store)
    assert r.exit_code == 0, r.output


# 8. the store cannot be written --------------------------------------------------------------
class FullDisk:
    """A DuckDB connection whose first INSERT into main.ties fails as a full disk does:
    the transaction is gone, then IOException."""

    def __init__(self, con):
        self._con = con

    def execute(self, sql, *args):
        if sql.startswith('INSERT INTO main."ties"'):
            self._con.execute("ROLLBACK")
            raise duckdb.IOException('Could not write file "s.duckdb.wal": No space left on device')
        return self._con.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._con, name)


def test_disk_full_mid_write(world, monkeypatch):
    _, small, store, before = world
    real = duckdb.connect
    monkeypatch.setattr(duckdb, "connect", lambda path, read_only=False: (
        real(path, read_only=read_only) if read_only else FullDisk(real(path))))
    r = run("load", small, "--registry", "mine", "--store", store, "--force")
    monkeypatch.undo()
    line = one_red_line(r, f"store {store}: writing failed (disk full?); nothing was changed")
    assert "cannot rollback" not in line and "No space left on device" in line
    assert not store.with_name("crosswalk.csv.tmp").exists()
    assert snapshot(store) == before


def test_read_only_store_folder_says_so(world, monkeypatch):
    from ecosystem.store import database

    _, small, store, before = world
    folder = store.parent
    real = os.access
    monkeypatch.setattr(database.os, "access",
                        lambda p, mode: False if Path(p) == folder else real(p, mode))
    r = run("load", small, "--registry", "mine", "--store", store)
    monkeypatch.undo()
    line = one_red_line(r, f"store {store}: the folder {folder} is not writable")
    assert "give another --store" in line and "remove the file" not in line
    assert snapshot(store) == before


def test_read_only_store_folder_for_real(world):
    _, small, store, before = world
    folder = store.parent
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as root: chmod does not stop writes")
        r = run("load", small, "--registry", "mine", "--store", store)
        one_red_line(r, f"store {store}: the folder {folder} is not writable")
        fresh = folder / "sub" / "new.duckdb"
        r = run("load", small, "--store", fresh)
        one_red_line(r, f"store {fresh}: the folder {folder} is not writable")
    finally:
        folder.chmod(stat.S_IRWXU)
    assert snapshot(store) == before
