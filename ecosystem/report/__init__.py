"""The ecosystem report: one self-contained HTML file per study.

:func:`build_report` runs the study's filters and sections on a registry and
writes ``report.html`` (plotly.js inlined once, no network needed to open it),
the graph files (GEXF, GraphML, Kumu JSON) and, on request, the full tables
as CSV, Parquet and one XLSX workbook. Files are written under temporary names
and moved into place at the end, so a failed run never leaves a half-written
report.

Examples
--------
The hubs section of a three-initiative registry, written to a temporary folder:

>>> import pathlib, tempfile
>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> from ecosystem.study import Study
>>> ids = ["i1", "i2", "i3"]
>>> reg = Registry.from_frames(
...     actors=pd.DataFrame({"actor_id": list("abc"), "name": list("ABC"),
...                          "actor_type": "ngo"}),
...     initiatives=pd.DataFrame({"initiative_id": ids, "registry": "r", "record_id": ids,
...                               "kind": "partnership"}),
...     ties=pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i2", "i3"],
...                        "actor_id": ["a", "b", "a", "c", "c"], "role": "lead",
...                        "registry": "r", "record_id": "x"}))
>>> study = Study(name="demo", title="Demo", paths=[], registry=None,
...               out_dir=pathlib.Path(tempfile.mkdtemp()),
...               sections={"report": {"sections": ["hubs"], "exports": []}})
>>> built = build_report(study, reg)
>>> built["report"].name, built["sections"], built["skipped"], built["kind"]
('report.html', ['hubs'], {}, 'partnership')
"""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ecosystem import __version__
from ecosystem.dormancy import as_of_date
from ecosystem.errors import AnalysisError, InputError
from ecosystem.export import (
    graph_columns,
    kumu_cut,
    timeline_columns,
    write_dynamic_gexf,
    write_gexf,
    write_graphml,
    write_kumu,
    write_tables,
)
from ecosystem.fetch.provenance import source_provenance
from ecosystem.ingest import Progress
from ecosystem.kinds import KINDS, registry_kind
from ecosystem.measures.context import Analysis, settings_for_kind
from ecosystem.model import Registry
from ecosystem.report import (
    sections_agreement,
    sections_coordination,
    sections_grants,
    sections_network,
    sections_places,
    sections_power,
    sections_structure,
    sections_time,
)
from ecosystem.report.html import figure_html, figure_is_empty, render, table_html
from ecosystem.report.quality import quality_appendix
from ecosystem.views.formatting import format_table
from ecosystem.views.record_words import figure_words, records, unit
from ecosystem.report.second_process import (
    SECOND_PROCESS_SECTIONS,
    SectionProcess,
    default_processes,
    release_memory,
)
from ecosystem.report.section import Section
from ecosystem.report.section_needs import left_out
from ecosystem.study import Study, check_output_dir, read_settings

__all__ = ["OUTPUT_FILES", "PAGE_TABLES", "SECTIONS", "TITLES", "build_report"]

#: The full tables the page shows (its appendix); the others are written with ``tables_dir``.
PAGE_TABLES = ("actors", "initiatives")
#: The graph files written beside ``report.html``, by export name.
OUTPUT_FILES = {"gexf": "actors.gexf", "graphml": "actors.graphml", "kumu": "actors.kumu.json"}
#: The dynamic GEXF (spells by period) written beside the static one when the data has dates.
DYNAMIC_GEXF = "actors.dynamic.gexf"

#: Section builders by name, in report order.
SECTIONS = {
    "overview": sections_network.overview,
    "funding": sections_grants.funding,
    "hubs": sections_network.hubs,
    "brokers": sections_network.brokers,
    "structure": sections_structure.structure,
    "overlap": sections_coordination.overlap,
    "gaps": sections_coordination.gaps,
    "places": sections_places.places,
    "power": sections_power.power,
    "agreement": sections_agreement.agreement,
    "resilience": sections_power.resilience,
    "flows": sections_power.flows,
    "stakeholders": sections_power.stakeholders,
    "time": sections_time.change,
}


#: Section titles, for sections left out.
TITLES = {
    "overview": "The ecosystem at a glance",
    "funding": "Funding: funders, recipients and grants",
    "hubs": "Hubs: who sits at the centre",
    "brokers": "Brokers: who connects the ecosystem",
    "structure": "Structure: communities and core–periphery",
    "overlap": "Overlap and duplication: the alphabet soup",
    "gaps": "Coordination gaps",
    "places": "Places: where initiatives work",
    "power": "Power and burden-sharing",
    "agreement": "The Agreement Matrix: which tools fit which partnerships",
    "resilience": "Resilience: what if central actors leave",
    "flows": "Flows of funding",
    "stakeholders": "Stakeholder map",
    "time": sections_time.TITLE,
}


def build_report(study: Study, reg: Registry | None = None, *,
                 out_dir: str | Path | None = None, tables_dir: str | Path | None = None,
                 progress: Progress | None = None, processes: int | None = None) -> dict:
    """Build the report of ``study`` (an :class:`ecosystem.study.Study`).

    Parameters
    ----------
    study : Study
    reg : Registry, optional
        Already loaded (e.g. from the store); default: load the study's sources.
    out_dir : path, optional
        Where to write (default: the study's output folder).
    tables_dir : path, optional
        Also write the full tables there as CSV, Parquet and XLSX.
    progress : callable, optional
        ``progress(stage, done, total)``.
    processes : int, optional
        1 builds everything in this process; 2 (the default on Linux with two free
        cores, up to 20,000 initiatives:
        :func:`~ecosystem.report.second_process.default_processes`) builds the coverage
        sections and writes the graph files in a second, forked process.

    Returns
    -------
    dict
        ``report`` (path), ``files`` (all paths written), ``seconds``,
        ``sections`` (names built), ``skipped`` (name → reason).
    """
    from ecosystem.filters import filter_registry

    t0 = time.perf_counter()
    filters, settings, names, exports = read_settings(study.sections, study.file)
    out = Path(out_dir or study.out_dir)
    where = {"field": "out_dir"} if out_dir else {"file": study.file, "field": "output.dir"}
    check_output_dir(out, **where)
    if tables_dir:
        check_output_dir(tables_dir, field="tables_dir")
    taken = [out / n for n in ("report.html", *OUTPUT_FILES.values()) if (out / n).is_dir()]
    if taken:
        raise InputError(f"{taken[0]} is a folder, where the report writes a file: move it",
                         **where)
    settings.cache_dir = settings.cache_dir or str(out / ".cache")
    stages = ["load"] + names + ["render"]

    def step(i: int, label: str) -> None:
        if progress:
            progress(label, i, len(stages))

    step(0, "loading registry")
    if reg is None:
        from ecosystem import load

        reg = load(study.paths, registry=study.registry)
    # each file's provenance (fetched: URL and licence); a registry built in memory records
    # no format or hash
    sources = [{"path": "", "registry": "", "format": "", "sha256": "", **s,
                **source_provenance(s)} for s in reg.sources]
    kind = KINDS[registry_kind(reg)]
    explicit = set(study.sections.get("analysis", {}))
    settings = settings_for_kind(settings, kind, explicit)
    as_of = as_of_date(reg, settings.as_of)  # of the whole registry: filters do not move it
    if filters:
        reg = filter_registry(reg, **filters, today=as_of.date)
    a = Analysis(reg, settings, as_of=as_of)
    if processes is None:
        processes = default_processes(len(reg.initiatives))
    second = [n for n in names if n in SECOND_PROCESS_SECTIONS] if processes > 1 else []
    if second:
        _shared_results(a, names, second)
    g = graph_columns(a.projection) if exports else None  # read once, written three times
    cut = kumu_cut(g) if g is not None and "kumu" in exports else None
    writers = {"gexf": write_gexf, "graphml": write_graphml,
               "kumu": lambda g, p: write_kumu(g, p, cut=cut)}
    graph_files = [(lambda p, fn=writers[e]: fn(g, p), out / OUTPUT_FILES[e]) for e in exports]
    keep = None if tables_dir else PAGE_TABLES  # the full tables that will be read
    job = SectionProcess(lambda name: _built(name, a, keep), second,
                         files=graph_files if second else [])
    try:
        job.start(processes)
        built, skipped, written = _sections(a, names, job, step, keep)
        step(len(stages) - 1, "writing report")
        quality_findings, quality_tables, quality_full = quality_appendix(reg)
        full = {"initiatives": reg.initiatives.drop(columns=["description"])}
        for s in built:
            full.update(s.full_tables)
        full.update(quality_full)
        summary = [sentence for s in built for sentence in s.summary]
        references = list(dict.fromkeys(r for s in built for r in s.references))
        context = {
            "title": study.title,
            "subtitle": f"{len(reg.initiatives):,} {a.kind.records} · {len(reg.actors):,} "
                        "actors · "
                        f"registry: {', '.join(reg.registries) or 'none'}",
            "reading": " ".join(x for x in (_reading(a), a.backbone_note,
                                             cut.note if cut is not None else None) if x),
            "summary": summary,
            "sections": [{"anchor": s.anchor, "title": s.title, "findings": s.findings,
                          "how_to_read": s.how_to_read,
                          "figures": s.figures, "tables": s.tables}
                         for s in built],
            "full_tables": [table_html(format_table(df.head(2000)), caption=name, max_rows=2000,
                                       total_rows=len(df))
                            for name, df in full.items() if name in PAGE_TABLES],
            "quality_findings": quality_findings,
            "quality_tables": [table_html(df, caption=c, max_rows=n)
                               for c, df, n in quality_tables],
            "methods": [{"measure": m, "text": t} for s in built for m, t in s.methods],
            "references": references,
            "sources": sources,
            "generated": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "version": __version__,
            "study_file": str(study.file) if study.file else "",
            "filters": ", ".join(f"{k}={v}" for k, v in filters.items()) or "none",
        }
        files = [render(context, out / "report.html", cache_dir=settings.cache_dir)]
        anchors = [s.anchor for s in built]
        # Gephi's timeline plays the dynamic GEXF
        timeline = a.timeline if "gexf" in exports and left_out("time", a) is None else None
        del context, built
        a.forget()  # the graph files read g and the timeline: they reuse the memory of the rest
        if exports:
            dynamic = None
            if timeline is not None:  # first, while the least is held; listed last
                timed = timeline_columns(g, timeline)
                dynamic = _atomic(lambda p: write_dynamic_gexf(timed, p), out / DYNAMIC_GEXF)
                del timed, timeline
            # the second process wrote its files under temporary names: moved into place now
            files += [path if path in written else _atomic(write, path)
                      for write, path in graph_files]
            job.finish()
            files += [dynamic] if dynamic is not None else []
        if tables_dir:
            files += write_tables({k: _flat(v) for k, v in full.items()}, tables_dir)
        return {"report": files[0], "files": files, "seconds": time.perf_counter() - t0,
                "sections": anchors, "skipped": skipped,
                "kind": kind.name, "settings": {k: getattr(settings, k) for k in kind.settings},
                "defaults": sorted(set(kind.settings) - explicit)}
    finally:
        job.stop()


def _shared_results(a: Analysis, names: list[str], second: list[str]) -> None:
    """Compute, before the fork, what sections of both processes read, so that it is
    computed once: the projection (which :func:`left_out` reads) and, when the brokers here
    and structure or gaps there read them, the communities."""
    try:
        if (left_out("structure", a) is None and "brokers" in names  # reads the projection
                and {"structure", "gaps"} & set(second)):
            a.communities  # noqa: B018 (computed here, kept on a for both processes)
    except AnalysisError:  # raised again where a section reads it
        pass


def _sections(a: Analysis, names: list[str], job: SectionProcess, step: Callable,
              keep: tuple[str, ...] | None = None
              ) -> tuple[list[Section], dict[str, str], list[Path]]:
    """Each section of ``names`` as the page shows it, built here or by ``job``'s second
    process (full tables: only ``keep`` when given); the reasons of those left out; the
    graph files the second process wrote."""
    built: dict[str, tuple[Section, str | None]] = {}
    for i, name in enumerate(names, start=1):
        if name not in job.names:
            step(i, name)
            built[name] = _built(name, a, keep)
            if job.forked:  # the two processes' memory adds up: what the section left goes
                release_memory()
    from_second, written = job.results()
    for i, name in enumerate(names, start=1):
        if name not in built:  # what the second process did not send is built here
            step(i, name)
            built[name] = from_second[name] if name in from_second else _built(name, a, keep)
    skipped = {name: why for name, (_, why) in built.items() if why is not None}
    return [built[name][0] for name in names], skipped, written


#: Sections whose figures count what the actor network joins (cells of a 3W registry),
#: not the registry's records.
_NETWORK_SECTIONS = frozenset({"overview", "hubs", "brokers", "structure", "resilience",
                               "agreement", "stakeholders"})


def _built(name: str, a: Analysis, keep: tuple[str, ...] | None = None
           ) -> tuple[Section, str | None]:
    """Section ``name`` with its figures and tables as HTML, and why it is left out (or None);
    of its full tables only ``keep`` when given (the others are written only with
    ``tables_dir``: not held, not sent between the processes)."""
    why = left_out(name, a)
    if why is None:
        try:
            section = SECTIONS[name](a)
        except AnalysisError as exc:  # what the registry lacks, found while computing
            why = str(exc)
    if why is not None:
        return Section(name, TITLES[name], findings=[f"Left out: {why}."]), why
    # the views write "initiative": the registry's own word (a 3W's network sections count cells)
    many, one = (unit(a), unit(a, False)) if name in _NETWORK_SECTIONS else records(a)
    figures = [figure_words(f, many, one) for f in section.figures if not figure_is_empty(f)]
    section.figures = [figure_html(f, div_id=f"fig-{section.anchor}-{k}")
                       for k, f in enumerate(figures)]
    section.tables = [table_html(df, caption=c, max_rows=n)
                      for c, df, n in section.tables if len(df)]
    if keep is not None:
        section.full_tables = {k: v for k, v in section.full_tables.items() if k in keep}
    return section, None


def _reading(a: Analysis) -> str:
    """What the registry holds, how it is read, and the date it describes, in one line."""
    s = a.settings
    cells = f"{s.level}" + (f" ({s.vocabulary})" if s.level == "sector" and s.vocabulary else "")
    when = (f"Data as of {a.as_of.date.date().isoformat()} ({a.as_of.source})."
            if a.as_of.date is not None else "The registry holds no dates.")
    no_cells = left_out("overlap", a)
    coverage = (f"coverage cells are {cells} × {s.place_kind.replace('_', ' ')}" if not no_cells
                else f"no coverage cells ({no_cells})")
    return (f"The registry holds {a.kind.holds}; in the actor network {a.kind.tie_meaning}; "
            f"{coverage}. {when}")


def _atomic(write: Callable[[Path], object], path: Path) -> Path:
    tmp = path.with_name(path.name + ".partial")
    write(tmp)
    tmp.replace(path)
    return path


def _flat(df: pd.DataFrame) -> pd.DataFrame:
    """Drop attrs (not serialisable by every writer) and stringify object columns of lists."""
    out = df.copy()
    out.attrs = {}
    return out
