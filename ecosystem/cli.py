"""The ``ecosystem`` command line (typer). Each command calls library functions.

    ecosystem load SOURCE... [--registry NAME] [--overrides CSV] [--force] [--store PATH]
    ecosystem info [--store PATH]
    ecosystem crosswalk --review FILE [--all] [--store PATH]
    ecosystem report STUDY_OR_REGISTRY [--out DIR] [--tables DIR] [--store PATH]
    ecosystem explore [STUDY_OR_REGISTRY] [--store PATH] [--port PORT] [--host HOST]
    ecosystem fetch SOURCE [--publisher P] [--country C] [--network N] [--search S] [--to DIR]
    ecosystem curate merge SOURCE INTO | split NAME ACTOR | undo [CHANGE] | log  [--who] [--store]

Bad input is reported as one red line on stderr naming file, line/record and
field, with exit code 1 and no traceback; the store is left as it was.
``report`` and ``explore`` check the whole study before loading anything.
Registry names may not be study names (``analyses/*.toml``); a name that is
both a study and a registry in the store is taken as the study when that
registry was loaded from the study's own files, and refused otherwise.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from ecosystem import __version__
from ecosystem.arrow_memory import use_system_memory_pool
from ecosystem.errors import EcosystemError
from ecosystem.store import DEFAULT_PATH, Store
from ecosystem.summary import print_summary, summarise, write_summary

__all__ = ["app", "main"]

app = typer.Typer(
    name="ecosystem",
    help="Network analysis of multi-stakeholder partnership ecosystems.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)



def _out() -> Console:
    """Console for results (stdout); made per command so it sees the terminal's width."""
    return Console()


def _err() -> Console:
    """Console for progress and errors (stderr)."""
    return Console(stderr=True)


StoreOption = typer.Option(
    None, "--store", envvar="ECOSYSTEM_STORE", show_default=str(DEFAULT_PATH),
    help="The DuckDB store file (also $ECOSYSTEM_STORE).")


@contextmanager
def user_errors():
    """Turn :class:`EcosystemError` into a red message on stderr and exit code 1."""
    try:
        yield
    except EcosystemError as exc:
        _err().print(f"[bold red]error:[/] [red]{escape(str(exc))}[/]", highlight=False,
                  soft_wrap=True)
        raise typer.Exit(1) from None


@contextmanager
def progress_bar():
    """A rich progress bar; yields a ``progress(stage, done, total)`` callback."""
    console = _err()
    with Progress(TextColumn("{task.description:<32}"), BarColumn(), TimeElapsedColumn(),
                  console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("starting", total=None)

        def update(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        yield update


def _load(store: Store, paths, registry: Optional[str], overrides: Path | None = None,
          force: bool = False) -> dict:
    from ecosystem.store.curation import store_overrides

    overrides = overrides or store_overrides(store)  # a curated store keeps its curation
    with progress_bar() as progress:
        return store.load(paths, registry=registry, progress=progress, overrides=overrides,
                          force=force,
                          on_wait=lambda message: _err().print(message, highlight=False,
                                                               markup=False))


def print_load(result: dict, out: Console) -> None:
    """Print what :meth:`Store.load` did: the files read and those skipped as unchanged."""
    n, skipped = len(result["loaded"]), result.get("skipped", [])
    if n or not skipped:
        out.print(f"Loaded {n} file{'s' if n != 1 else ''} into {result['store']} "
                  f"in {result['seconds']['total']:.1f} s", markup=False)
    else:
        out.print(f"Nothing to load into {result['store']}: the store holds these files "
                  f"unchanged", markup=False)
    for s in result["loaded"]:
        before = result["replaced"].get(s["registry"])
        note = f" (replaces {before:,} initiatives loaded before)" if before is not None else ""
        out.print(f"  {s['registry']}: {Path(s['path']).name} ({s['format']}), "
                  f"{s['initiatives']:,} initiatives{note}", highlight=False, markup=False)
        if s.get("encoding") and s["encoding"].replace("-", "").lower() not in ("utf8", "ascii"):
            out.print(f"    read as {s['encoding']} (detected; not UTF-8)", highlight=False,
                      markup=False)
        for line in (s.get("notes") or "").split(" | "):
            if line:
                out.print(f"    note: {line}", highlight=False, markup=False)
    for s in skipped:
        out.print(f"  {s['registry']}: {Path(s['path']).name} ({s['format']}), "
                  f"{s['initiatives']:,} initiatives: unchanged: already loaded",
                  highlight=False, markup=False)
    c = result["counts"]
    out.print(f"The store now holds {c['initiatives']:,} initiatives, {c['actors']:,} actors, "
              f"{c['ties']:,} ties. Crosswalk for review: {result['crosswalk']}", markup=False)


@app.command()
def load(
    sources: list[Path] = typer.Argument(..., help="Registry files (format detected from content)."),
    registry: Optional[str] = typer.Option(None, "--registry", help="Registry name to load them as."),
    overrides: Optional[Path] = typer.Option(
        None, "--overrides", help="Resolver overrides CSV (default data/actor_overrides.csv)."),
    force: bool = typer.Option(False, "--force",
                               help="Read and resolve the files even when the store holds "
                                    "them unchanged."),
    store: Optional[Path] = StoreOption,
):
    """Load registry files into the store (all or nothing; replaces the registry's rows).

    A registry name may not be the name of a study in analyses/ (``ecosystem report
    NAME`` runs the study), and a file is held under one registry name only. Files the
    store already holds unchanged (same content, same tool, same overrides) are skipped.
    """
    from ecosystem.errors import InputError
    from ecosystem.reference.datapaths import STUDIES_DIR, study_names

    with user_errors():
        if registry in study_names():
            raise InputError(f"{registry!r} is the name of the study "
                             f"{STUDIES_DIR / registry}.toml, which `ecosystem report "
                             f"{registry}` runs: choose another registry name",
                             field="--registry")
        print_load(_load(Store(store), sources, registry, overrides, force), _out())


@app.command()
def info(store: Optional[Path] = StoreOption):
    """Counts per table, top actors, ties by role and gaps in the records."""
    with user_errors():
        s = Store(store)
        print_summary(s.info(), console=_out(), title=f"Store {s.path}")


@app.command()
def report(
    target: str = typer.Argument(
        ..., metavar="STUDY_OR_REGISTRY",
        help="A study file (analyses/*.toml), a study name, a registry file, "
             "or a registry already in the store."),
    out_dir: Optional[Path] = typer.Option(None, "--out", help="Output folder (default: the study's)."),
    tables: Optional[Path] = typer.Option(None, "--tables",
                                          help="Also write the full tables (CSV, Parquet, XLSX) here."),
    store: Optional[Path] = StoreOption,
    processes: Optional[int] = typer.Option(
        None, "--processes", min=1, max=2,
        help="1: build the whole report in one process; 2 (the default on Linux with two "
             "free cores): build the coverage sections and graph files in a second one."),
):
    """Load a study's registries, summarise them, and write the HTML ecosystem report.

    The study is checked whole (keys, values, output folders) before anything is
    loaded or written. A study's own output folder must lie inside the working
    folder; ``--out`` and ``--tables`` may name any folder.
    """
    from ecosystem.report import build_report
    from ecosystem.study import validate_study

    use_system_memory_pool()  # faster, and the peak about 40 MB lower (ecosystem.arrow_memory)
    with user_errors():
        out = _out()
        st = Store(store)
        study, registries = _study_or_registry(target, st)
        validate_study(study, out_dir, tables)
        reg = None
        if registries is None:
            result = _load(st, study.paths, study.registry)
            print_load(result, out)
            registries = sorted({s["registry"] for s in result["loaded"] + result["skipped"]})
            reg = result["registry"]  # resolved in memory when the load ran
        if reg is None:
            reg = st.registry(registries)
        summary = summarise(reg)
        print_summary(summary, console=out, title=study.title)
        dest = Path(out_dir or study.out_dir)
        write_summary(summary, dest)
        with progress_bar() as progress:
            built = build_report(study, reg, out_dir=dest, tables_dir=tables, progress=progress,
                                 processes=processes)
        chosen = ", ".join(f"{k}={built['settings'][k]}" for k in built["defaults"])
        out.print(f"Registry kind: {built['kind']}"
                  + (f"; its defaults: {chosen}" if chosen else "; the study sets every default"),
                  highlight=False, markup=False)
        for name, why in built["skipped"].items():
            _err().print(f"[yellow]section {name} not computed:[/] {escape(why)}", highlight=False)
        size = built["report"].stat().st_size / 1e6
        out.print(f"Report written to {built['report']} ({size:.1f} MB, "
                  f"{built['seconds']:.1f} s); graph files and tables beside it.",
                  highlight=False, markup=False)


def _study_or_registry(target: str, st: Store):
    """(study, None) for a study or registry file to load; (study, [name]) for a registry
    already in the store. A name that is both a study in analyses/ and a registry holding
    other files is refused; one holding the study's own files is taken as the study."""
    from ecosystem.errors import InputError
    from ecosystem.study import Study, study_for

    try:
        study = study_for(target)
    except InputError as exc:
        if Path(target).exists() or Path(target).suffix == ".toml":
            raise  # a study or registry file with a fault: the message names it
        held = st.registries()
        if target not in held:
            raise InputError(f"{exc.message}, nor a registry in the store "
                             f"({', '.join(held) or 'it is empty'})", file=target) from None
        return Study(name=target, title=target, paths=[], registry=target,
                     out_dir=Path("out") / target), [target]
    if study.file is not None and not Path(target).exists() and target in st.registries():
        sources = st.sources()
        held = {Path(p) for p in sources.loc[sources["registry"] == target, "path"].dropna()}
        if held - {Path(p).resolve() for p in study.paths}:
            raise InputError(
                f"is both the study {study.file} and a registry in the store {st.path} "
                f"loaded from other files ({', '.join(sorted(map(str, held)))}); running the "
                f"study would replace that registry: load those files under another "
                f"--registry name, or use another --store", file=target)
        _err().print(f"{target}: taking the study {study.file} (the store's registry "
                     f"{target} was loaded from its files)", markup=False, highlight=False)
    return study, None


@app.command()
def explore(
    target: Optional[str] = typer.Argument(
        None, metavar="[STUDY_OR_REGISTRY]",
        help="A study file or name, a registry file (loaded into the store unless already "
             "there), or a registry in the store. Default: everything in the store."),
    store: Optional[Path] = StoreOption,
    port: int = typer.Option(8050, "--port", help="Port to listen on."),
    host: str = typer.Option("127.0.0.1", "--host",
                             help="Address to listen on; anything but 127.0.0.1 makes the "
                                  "registry readable from other machines (a warning is printed)."),
):
    """Explore the registry in a local web app (filters, actor cards, maps, exports)."""
    from ecosystem.explorer import prepare_app, run_app
    from ecosystem.study import validate_study

    with user_errors():
        st = Store(store)
        if target:
            study, registries = _study_or_registry(target, st)
            if registries is None:
                validate_study(study, writes=False)
        with progress_bar() as progress:
            app_ = prepare_app(target, store=st, host=host, port=port,
                               progress=progress,
                               say=lambda line: _err().print(line, markup=False, soft_wrap=True),
                               warn=lambda line: _err().print(f"[bold yellow]warning:[/] "
                                                              f"{escape(line)}"))
        run_app(app_, host, port)


@app.command()
def crosswalk(
    review: Path = typer.Option(..., "--review", help="CSV to write the merges to check into."),
    everything: bool = typer.Option(False, "--all", help="Also list exact and identifier matches."),
    store: Optional[Path] = StoreOption,
):
    """Write the actor crosswalk for review: which names were merged into which actor, and how.

    Weakest links (fuzzy, acronym) come first; names merged or split by hand show who
    did it and when. Correct a merge with ``ecosystem curate`` (or the explorer's
    actor card), or with a line in an overrides file (variant,canonical) given to
    ``ecosystem load --overrides``.
    """
    from ecosystem.resolution.curation import curated_review
    from ecosystem.store.curation import store_overrides
    from ecosystem.untrusted import write_csv

    with user_errors():
        reg = Store(store).registry()
        cw = curated_review(reg, store_overrides(Store(store)))  # who and when of curated rows
        if not everything:
            cw = cw[~cw["method"].isin(["exact", "normalised", "ref"])]
        review.parent.mkdir(parents=True, exist_ok=True)
        write_csv(cw, review)
        regs_per_actor = reg.ties.groupby("actor_id")["registry"].nunique()
        out = _out()
        out.print(f"{len(cw):,} merges to review written to {review}", markup=False)
        out.print(f"Crosswalk: {len(reg.crosswalk):,} names as written -> {len(reg.actors):,} "
                  f"actors; {int((regs_per_actor > 1).sum()):,} actors appear in more than "
                  f"one registry.", markup=False)
        for method, n in reg.crosswalk["method"].value_counts().items():
            out.print(f"  {method}: {n:,}", markup=False)


curate_app = typer.Typer(help="Merge actors, split a name off an actor, undo: written to the "
                                "store's overrides (who, when) and resolved again.",
                           no_args_is_help=True)
app.add_typer(curate_app, name="curate")
WhoOption = typer.Option(None, "--who", help="Who makes the change (default: the login name).")
BaseOption = typer.Option(None, "--overrides",
                          help="The overrides file the store was loaded with, if not the default.")


def _curated(step) -> None:
    import getpass

    from ecosystem.store.curation import merge_actors, split_variant, undo_change

    with user_errors():
        done = step(merge_actors, split_variant, undo_change, getpass.getuser())
        _out().print(done["summary"] + f" Now: {done['actor_id']}"
                     + (f" and {done['other_id']}" if done["other_id"] else "")
                     + f" ({done['seconds']['total']:.1f} s).", markup=False, highlight=False)


@curate_app.command("merge")
def curate_merge(source: str = typer.Argument(..., help="Actor id, or one name as written."),
                 into: str = typer.Argument(..., help="Actor id to merge into."),
                 who: Optional[str] = WhoOption, base: Optional[Path] = BaseOption,
                 store: Optional[Path] = StoreOption):
    """Merge an actor (all its names) or one name as written into another actor."""
    _curated(lambda m, s, u, me: m(Store(store), source, into, who=who or me, base=base))


@curate_app.command("split")
def curate_split(name: str = typer.Argument(..., help="The name as written (see the crosswalk)."),
                 actor: str = typer.Argument(..., help="The actor id it is split off."),
                 who: Optional[str] = WhoOption, base: Optional[Path] = BaseOption,
                 store: Optional[Path] = StoreOption):
    """Split a name as written off an actor: it becomes an actor of its own."""
    _curated(lambda m, s, u, me: s(Store(store), name, actor, who=who or me, base=base))


@curate_app.command("undo")
def curate_undo(change: Optional[int] = typer.Argument(None, help="Change number (default: "
                                                                   "the latest in effect)."),
                who: Optional[str] = WhoOption, base: Optional[Path] = BaseOption,
                store: Optional[Path] = StoreOption):
    """Undo a change of the curation log."""
    _curated(lambda m, s, u, me: u(Store(store), change, who=who or me, base=base))


@curate_app.command("log")
def curate_log(store: Optional[Path] = StoreOption):
    """Print the curation log: who changed which name, when."""
    from ecosystem.store.curation import curation_log

    with user_errors():
        log = curation_log(Store(store))
        for r in log.itertuples():
            _out().print(f"{r.change_id:>4}  {r.at}  {r.who}  {r.action} {r.actor_id}"
                         + (f" -> {r.target}" if r.target else "")
                         + f": {r.variant!r} {r.before or '(resolver)'!r} -> "
                           f"{r.after or '(resolver)'!r}", markup=False, highlight=False)
        _out().print(f"{log['change_id'].nunique():,} changes", markup=False)


@app.command()
def fetch(
    source: str = typer.Argument(..., metavar="SOURCE",
                                 help="iati, hdx-3w, 360giving or sdg-platform."),
    publisher: Optional[str] = typer.Option(
        None, "--publisher", help="iati: IATI Registry publisher (Datastore: reporting-org "
                                  "identifier); 360giving: publisher prefix or name."),
    country: Optional[str] = typer.Option(
        None, "--country", help="iati: recipient country; hdx-3w: country (ISO3 or name)."),
    network: Optional[str] = typer.Option(
        None, "--network", help="sdg-platform: action network, e.g. ocean-commitments."),
    search: Optional[str] = typer.Option(None, "--search", help="sdg-platform: search words."),
    limit: Optional[int] = typer.Option(
        None, "--limit", min=1, help="sdg-platform: save at most this many pages."),
    datastore: bool = typer.Option(
        False, "--datastore", help="iati: use the IATI Datastore ($IATI_DATASTORE_KEY; "
                                   "the default when the key is set)."),
    to: Optional[Path] = typer.Option(
        None, "--to", help="Folder for the files (default: the cache, $ECOSYSTEM_CACHE or "
                           "~/.cache/ecosystem)."),
    refresh: bool = typer.Option(False, "--refresh",
                                 help="Download again files the cache already holds."),
):
    """Fetch a registry from its public source: cached, checksummed, with provenance.

    Every file gets NAME.provenance.json beside it (URL, date, sha256, licence as the
    source states it); ``ecosystem report`` shows it. Offline or refused answers are
    one line naming the URL and status; files completed before stay in the cache.
    """
    from ecosystem import fetch as fetching
    from ecosystem.fetch.progress import download_bars

    selectors = {k: v for k, v in {"publisher": publisher, "country": country,
                                    "network": network, "search": search,
                                    "limit": limit}.items() if v is not None}
    if datastore:
        selectors["datastore"] = True
    with user_errors():
        with download_bars(_err()) as bars:
            result = fetching.fetch(source, to=to, progress=bars, refresh=refresh,
                                    **selectors)
        out = _out()
        out.print(result.summary(), markup=False, highlight=False, soft_wrap=True)
        for note in result.notes:
            out.print(f"  note: {note}", markup=False, highlight=False, soft_wrap=True)
        usable, _ = fetching.usable_files(result.files)
        table = ", ".join([f'fetch = "{source}"'] + [
            f"{k} = {v!r}".replace("'", '"') if isinstance(v, str) else f"{k} = {v}".lower()
            for k, v in selectors.items()])
        out.print(f"{len(usable)} of {len(result.files)} files in a format ecosystem reads; "
                  f"each has its provenance beside it (NAME.provenance.json). Name them in "
                  f"a study as source = {{ {table} }}, or load them: ecosystem load "
                  + " ".join(str(p) for p in usable[:3]) + (" ..." if len(usable) > 3 else ""),
                  markup=False, highlight=False, soft_wrap=True)


def _version(value: bool):
    if value:
        _out().print(f"ecosystem {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Print the version and exit.")) -> None:
    """Network analysis of multi-stakeholder partnership ecosystems."""
