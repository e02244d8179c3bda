"""Study files: which registry files a report reads, and where it writes.

A study is a small TOML file under ``analyses/``::

    [study]
    name = "ocean-commitments"
    title = "Ocean Conference voluntary commitments"

    [source]
    paths = ["${ECOSYSTEM_DATA}/un_ocean_commitments/ocean_commitments.jsonl"]
    registry = "ocean-commitments"      # optional: the name to load it as

    [output]
    dir = "out/ocean-commitments"       # optional; default out/<name>

``${ECOSYSTEM_DATA}`` is replaced by the folder of real registries
(:func:`ecosystem.reference.datapaths.expand`). A source may instead name a registry
fetched from its public source (:mod:`ecosystem.fetch`): ``fetch = "hdx-3w"`` and
``country = "MLI"`` in ``[source]``, a ``{ fetch = ... }`` table among ``paths``, or
``fallback = { fetch = ... }`` used when a path is missing (see
:func:`ecosystem.study.values.source_paths`); a completed fetch is read from the cache.
Other relative paths are taken from the
folder the command runs in. Keys in ``[study]``, ``[source]`` and ``[output]``
are checked; other sections are kept in :attr:`Study.sections` for the layers
that use them.

Examples
--------
>>> import pathlib, tempfile
>>> toml = pathlib.Path(tempfile.mkdtemp()) / "demo.toml"
>>> _ = toml.write_text('[study]\\nname = "demo"\\n[source]\\npaths = ["3w.csv"]\\n'
...                     'registry = "rowca"\\n[analysis]\\nlevel = "sector"\\n',
...                     encoding="utf-8")
>>> s = study_for(toml)
>>> s.name, s.registry, [p.name for p in s.paths], str(s.out_dir)
('demo', 'rowca', ['3w.csv'], 'out/demo')
>>> filters, settings, sections, exports = read_settings(s.sections, s.file)
>>> settings.level, sections[:3], exports
('sector', ['overview', 'funding', 'hubs'], ['gexf', 'graphml', 'kumu'])

The report's part of a study file, ``[filters]``, ``[analysis]`` and ``[report]``,
is read by :func:`read_settings`::


    [filters]                 # all optional, see ecosystem.filters.filter_registry
    goals = [14]
    targets = ["14.1", "14.2"]
    places = ["FJI", "North Atlantic"]
    actor_types = ["government", "ngo"]
    start = "2017-01-01"      # initiatives active from this date
    end = "2030-12-31"
    dormant = "include"       # include | exclude | only

    [analysis]
    grouping = "actor_type"   # brokerage groups: actor_type | north_south | country
    weight = "newman"         # count | newman | jaccard
    place_kind = "country"    # country | ocean_basin | region | admin1 | ...
    level = "target"          # cells of overlap and gaps: target | goal | sector
    vocabulary = "cluster"    # sector level: theme vocabulary (cluster, dac_sector, ...);
                              # default the first of ecosystem.measures.coordination.cells.SECTOR_VOCABULARIES
    top = 20
    goal = 14                 # goal of interest for the stakeholder map
    need = "needs.csv"        # optional need layer (place, target, goal or sector, need)
    resilience_steps = 100
    max_edges = 5000000       # above: the network sections read the projection's backbone

    [report]
    sections = ["overview", "hubs", "brokers", "structure", "overlap", "gaps",
                "power", "agreement", "resilience", "flows", "stakeholders"]
    exports = ["gexf", "graphml", "kumu"]

Every key and value is checked; an unknown key or a bad value (a date that is
not ``YYYY-MM-DD``, a goal outside 1–17, ...) is an :class:`~ecosystem.errors.InputError`
naming the file and ``section.key``. :func:`validate_study` checks a whole study
before anything is loaded or written: ``study.name`` is a plain name, the study's
output folder lies inside the folder the command runs in (``--out`` on the command
line may name any folder), and ``source.registry`` is no other study's name.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ecosystem.errors import InputError
from ecosystem.measures.context import Settings
from ecosystem.measures.coordination.cells import LEVELS
from ecosystem.reference import datapaths
from ecosystem.reference.datapaths import study_names
from ecosystem.study.output_dirs import check_output_dir
from ecosystem.study.values import fetch_pending, setting_value_problem, source_paths

__all__ = [
    "EXPORTS", "KEYS", "SECTION_NAMES", "SETTING_KEYS", "STUDIES_DIR", "Study",
    "check_output_dir", "read_settings", "read_study", "study_for", "study_names",
    "validate_study",
]

#: Keys allowed in the sections this module reads: key -> (type, required).
KEYS = {
    "study": {"name": (str, True), "title": (str, False)},
    "source": {"paths": (list, True), "registry": (str, False), "fetch": (str, False),
               "fallback": (dict, False)},
    "output": {"dir": (str, False)},
}

#: Folder of the project's study files.
STUDIES_DIR = datapaths.STUDIES_DIR


@dataclass(frozen=True)
class Study:
    """What to load and where to write.

    Attributes
    ----------
    name, title : str
    paths : list of Path
        Registry files, ``${ECOSYSTEM_DATA}`` expanded.
    registry : str or None
        Registry name to load the files as (None: the loader's own name).
    out_dir : Path
    file : Path or None
        The study file (None when a registry file was given directly).
    sections : dict
        The study file's other sections, unchecked.
    pending : list of PendingFetch
        Fetches the study names that the cache could not answer when it was read;
        :func:`validate_study` does them and completes ``paths``.
    """

    name: str
    title: str
    paths: list[Path]
    registry: str | None
    out_dir: Path
    file: Path | None = None
    sections: dict = field(default_factory=dict)
    pending: list = field(default_factory=list)


def read_study(path: str | Path) -> Study:
    """Parse a study TOML file.

    Raises
    ------
    InputError
        Naming the file, the line (for TOML syntax errors) and the key at fault.
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise InputError("no such study file", file=path) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 (byte {exc.start})", file=path) from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        record = f"line {m.group(1)}" if m else None
        raise InputError(f"not valid TOML: {exc}", file=path, record=record) from None

    for section, keys in KEYS.items():
        body = doc.get(section, {})
        if not isinstance(body, dict):
            raise InputError("must be a [section] table", file=path, field=section)
        fetched = section == "source" and "fetch" in body  # its selectors: checked later
        for key in body:
            if key not in keys and not fetched:
                raise InputError(f"unknown key; allowed: {', '.join(keys)}", file=path,
                                 field=f"{section}.{key}")
        for key, (kind, required) in keys.items():
            if key not in body:
                if required and not fetched:
                    raise InputError("missing", file=path, field=f"{section}.{key}")
                continue
            if not isinstance(body[key], kind):
                what = {list: "list of paths", dict: "table such as { fetch = \"hdx-3w\", "
                        "country = \"MLI\" }"}.get(kind, "string")
                raise InputError(f"must be a {what}", file=path, field=f"{section}.{key}")

    source = doc["source"]
    paths = source.get("paths", [])
    if "fetch" not in source and (not paths or not all(
            isinstance(p, str) and p.strip() or isinstance(p, dict) for p in paths)):
        raise InputError("must be a non-empty list of file paths (or { fetch = ... } tables)",
                         file=path, field="source.paths")
    name = doc["study"]["name"]
    if not name.strip() or name.strip(".") == "" or re.search(r"[/\\\x00]", name):
        raise InputError("must be a plain name (no /, \\ or ..): it names the output folder "
                         "out/<name>", file=path, field="study.name")
    sections = {k: v for k, v in doc.items() if k not in KEYS}
    expanded, pending = source_paths(source, path, _data_dir_problem)
    out_dir = doc.get("output", {}).get("dir") or f"out/{name}"
    return Study(
        name=name,
        title=doc["study"].get("title") or name,
        paths=expanded,
        registry=doc["source"].get("registry"),
        out_dir=Path(datapaths.expand(out_dir)),
        file=path,
        sections=sections,
        pending=pending,
    )


def _data_dir_problem(p: str) -> str:
    import os

    env = os.environ.get("ECOSYSTEM_DATA")
    if env:
        return (f"{p} uses ${{ECOSYSTEM_DATA}}, but ECOSYSTEM_DATA={env} is not a folder: "
                f"set it to the folder of real registries")
    return (f"{p} uses ${{ECOSYSTEM_DATA}}, which is not set, and ../shared/data does not "
            f"exist: set ECOSYSTEM_DATA to the folder of real registries")


def study_for(target: str | Path) -> Study:
    """The study to run for ``target``.

    ``target`` is a study file (``*.toml``), the name of a study in ``analyses/``
    (``ocean-commitments``), or a registry file, taken as a study of that one file
    (named after the file, written to ``out/<file stem>``).

    Raises
    ------
    InputError
        When ``target`` is none of these.
    """
    p = Path(target)
    if p.suffix == ".toml":
        return read_study(p)
    if p.is_file():
        return Study(name=p.stem, title=p.name, paths=[p], registry=None,
                     out_dir=Path("out") / p.stem)
    named = STUDIES_DIR / f"{target}.toml"
    if named.is_file():
        return read_study(named)
    known = sorted(f.stem for f in STUDIES_DIR.glob("*.toml"))
    raise InputError(
        f"not a study file, a study name ({', '.join(known) or 'none in analyses/'}) "
        f"or a registry file", file=target)


SECTION_NAMES = ("overview", "funding", "hubs", "brokers", "structure", "overlap", "gaps",
                 "places", "power", "agreement", "resilience", "flows", "stakeholders", "time")
EXPORTS = ("gexf", "graphml", "kumu")

#: Keys of the report's sections: section -> key -> (accepted python type, description).
SETTING_KEYS = {
    "filters": {"registries": (list, "list of registry names"), "goals": (list, "list of goals"),
                "targets": (list, "list of targets"), "places": (list, "list of places"),
                "actor_types": (list, "list of actor types"), "start": (str, "a date"),
                "end": (str, "a date"), "dormant": (str, "include, exclude or only")},
    "analysis": {"grouping": (str, "a column name"), "weight": (str, "count, newman or jaccard"),
                 "place_kind": (str, "a place kind"), "top": (int, "a whole number"),
                 "level": (str, f"one of {', '.join(LEVELS)}"),
                 "vocabulary": (str, "a theme vocabulary such as cluster or dac_sector"),
                 "goal": (int, "an SDG goal number"), "need": (str, "a CSV path"),
                 "resilience_steps": (int, "a whole number"),
                 "max_edges": (int, "a whole number: above it the network sections read the "
                               "projection's disparity backbone"),
                 "as_of": (str, "a date (YYYY-MM-DD): the data's snapshot date"),
                 "rounds": ((list, dict), "a list of round start dates (YYYY-MM-DD) or a "
                            "table of round names and start dates")},
    "report": {"sections": (list, f"a list drawn from {', '.join(SECTION_NAMES)}"),
               "exports": (list, f"a list drawn from {', '.join(EXPORTS)}")},
}


def read_settings(sections: dict, file: str | Path | None = None
                  ) -> tuple[dict, Settings, list[str], list[str]]:
    """Check and read the report sections of a study.

    Parameters
    ----------
    sections : dict
        :attr:`Study.sections`: ``[filters]``, ``[analysis]`` and ``[report]``.
    file : path, optional
        The study file, named in errors; a relative ``need`` path is also
        looked for beside it.

    Returns
    -------
    filters : dict
        Keyword arguments for :func:`ecosystem.filters.filter_registry`.
    settings : Settings
    section_names : list of str
    exports : list of str
    """
    for name, body in sections.items():
        if name not in SETTING_KEYS:
            raise InputError(f"unknown section [{name}]; allowed: study, source, output, "
                             f"{', '.join(SETTING_KEYS)}", file=file, field=name)
        if not isinstance(body, dict):
            raise InputError("must be a [section] table", file=file, field=name)
        for key, value in body.items():
            if key not in SETTING_KEYS[name]:
                raise InputError(f"unknown key; allowed: {', '.join(SETTING_KEYS[name])}", file=file,
                                 field=f"{name}.{key}")
            kind, what = SETTING_KEYS[name][key]
            if not isinstance(value, kind) or isinstance(value, bool):
                raise InputError(f"must be {what}", file=file, field=f"{name}.{key}")
    filters = dict(sections.get("filters", {}))
    analysis = dict(sections.get("analysis", {}))
    for name in ("filters", "analysis"):
        for key, value in sections.get(name, {}).items():
            problem = setting_value_problem(f"{name}.{key}", value)
            if problem:
                raise InputError(problem, file=file, field=f"{name}.{key}")
    if filters.get("start", "") > filters.get("end", "9999"):
        raise InputError(f"start {filters['start']} is after end {filters['end']}", file=file,
                         field="filters.start")
    if "need" in analysis:
        need = Path(datapaths.expand(analysis["need"]))
        if not need.is_absolute() and file is not None and not need.exists():
            need = Path(file).parent / need
        if not need.exists():
            raise InputError(f"need layer {need} does not exist", file=file, field="analysis.need")
        analysis["need"] = str(need)
    report = sections.get("report", {})
    names = report.get("sections", list(SECTION_NAMES))
    bad = [n for n in names if not isinstance(n, str) or n not in SECTION_NAMES]
    if bad:
        raise InputError(f"unknown sections {bad}; choose from {', '.join(SECTION_NAMES)}",
                         file=file, field="report.sections")
    exports = report.get("exports", list(EXPORTS))
    bad = [e for e in exports if not isinstance(e, str) or e not in EXPORTS]
    if bad:
        raise InputError(f"unknown exports {bad}; choose from {', '.join(EXPORTS)}", file=file,
                         field="report.exports")
    return filters, Settings(**analysis), names, exports


def validate_study(study: Study, out_dir: str | Path | None = None,
                   tables_dir: str | Path | None = None, writes: bool = True) -> None:
    """Check a whole study before anything is loaded or written.

    Every section and value (:func:`read_settings`), the registry name, and the
    output folders: ``out_dir`` and ``tables_dir``, as given on the command
    line, may be anywhere but must be folders; without ``out_dir`` the study's
    own output folder must lie inside the working folder. ``writes=False`` (the
    explorer, which writes nothing) skips the output folders. Once all is checked,
    the fetches the study names and the cache lacks are done (:attr:`Study.pending`;
    :func:`ecosystem.study.values.fetch_pending`) and ``study.paths`` completed.

    Raises
    ------
    InputError
        Naming the study file (or ``--out`` / ``--tables``) and the key at fault.
    ecosystem.fetch.FetchError
        A fetch failed (offline, refused): one line saying how else to provide the data.

    Examples
    --------
    >>> s = Study(name="x", title="x", paths=[], registry=None, out_dir=Path("../../x"))
    >>> try:
    ...     validate_study(s)
    ... except InputError as exc:
    ...     print(str(exc).split(": ", 1)[0])
    field output.dir
    """
    if study.file is not None:
        read_settings(study.sections, study.file)
    own = study.file is not None and Path(study.file).resolve() == (
        STUDIES_DIR / f"{study.registry}.toml").resolve()
    if study.registry in study_names() and not own:
        raise InputError(f"{study.registry!r} is the name of the study "
                         f"analyses/{study.registry}.toml: choose another registry name",
                         file=study.file, field="source.registry")
    if writes:
        if out_dir is None:
            check_output_dir(study.out_dir, file=study.file, field="output.dir",
                             inside=Path.cwd())
        else:
            check_output_dir(out_dir, field="--out")
        if tables_dir is not None:
            check_output_dir(tables_dir, field="--tables")
    fetch_pending(study.paths, study.pending, study.file)
