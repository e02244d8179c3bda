"""Study files: parsing, ${ECOSYSTEM_DATA} expansion, errors naming file, line and key."""
from __future__ import annotations

from pathlib import Path

import pytest

from ecosystem.errors import InputError
from ecosystem.reference import datapaths
from ecosystem.study import read_study, study_for

GOOD = """
[study]
name = "demo"
title = "A demo"

[source]
paths = ["${ECOSYSTEM_DATA}/x/y.jsonl", "local.csv"]
registry = "demo-reg"

[output]
dir = "out/demo"

[report]
anything = 1
"""


def write(tmp_path, text, name="s.toml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_read_study(tmp_path, monkeypatch):
    monkeypatch.setenv("ECOSYSTEM_DATA", str(tmp_path))
    s = read_study(write(tmp_path, GOOD))
    assert (s.name, s.title, s.registry) == ("demo", "A demo", "demo-reg")
    assert s.paths == [tmp_path / "x" / "y.jsonl", Path("local.csv")]
    assert s.out_dir == Path("out/demo")
    assert s.sections == {"report": {"anything": 1}}


def test_defaults(tmp_path):
    s = read_study(write(tmp_path, '[study]\nname = "n"\n[source]\npaths = ["a.jsonl"]\n'))
    assert (s.title, s.registry, s.out_dir) == ("n", None, Path("out/n"))


@pytest.mark.parametrize("text, where", [
    ('[study]\nname = "n"\n', "field source.paths: missing"),
    ('[study]\ntitle = "t"\n[source]\npaths = ["a"]\n', "field study.name: missing"),
    ('[study]\nname = "n"\n[source]\npath = ["a"]\n', "field source.path: unknown key; allowed: paths, registry"),
    ('[study]\nname = "n"\n[source]\npaths = "a.jsonl"\n', "field source.paths: must be a list of paths"),
    ('[study]\nname = "n"\n[source]\npaths = []\n', "field source.paths: must be a non-empty list"),
    ('[study]\nname = 3\n[source]\npaths = ["a"]\n', "field study.name: must be a string"),
    ('[study]\nname = "n"\n\n[source\npaths = ["a"]\n', "line 4: not valid TOML"),
])
def test_bad_study_names_file_and_key(tmp_path, text, where):
    p = write(tmp_path, text)
    with pytest.raises(InputError) as e:
        read_study(p)
    assert str(e.value).startswith(f"{p}, {where}")


def test_missing_data_dir_is_explained(tmp_path, monkeypatch):
    monkeypatch.setenv("ECOSYSTEM_DATA", str(tmp_path / "nowhere"))
    with pytest.raises(InputError, match=r"field source.paths: .*ECOSYSTEM_DATA=.*nowhere is not a folder"):
        read_study(write(tmp_path, GOOD))


def test_study_for_accepts_study_name_file_or_registry_file(tmp_path):
    if datapaths.data_dir() is None:
        pytest.skip("needs ECOSYSTEM_DATA for the default study's paths")
    s = study_for("ocean-commitments")
    assert s.registry == "ocean-commitments"
    assert s.paths == [datapaths.data_dir() / "un_ocean_commitments" / "ocean_commitments.jsonl"]
    assert s.file.name == "ocean-commitments.toml"
    f = write(tmp_path, "{}\n", name="reg.jsonl")
    s = study_for(str(f))
    assert (s.name, s.paths, s.registry, s.out_dir) == ("reg", [f], None, Path("out/reg"))
    with pytest.raises(InputError, match="not a study file, a study name .*ocean-commitments"):
        study_for("no-such-thing")
