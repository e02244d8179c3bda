"""The embedded store: registries loaded once, kept in one DuckDB file.

The file holds each registry's loader output (``loaded.*``, replaced when
the registry is loaded again) and the resolved registry (``main.*``):
:func:`ecosystem.resolution.resolve.resolve_registry` run over the mentions of *all*
loaded registries together, so that one organisation named in two registries
is one actor; rebuilt after every load. ``main.sources`` records provenance.
See :mod:`ecosystem.store.tables` for the tables.

Next to the file, ``crosswalk.csv`` holds the resolver's variant → actor table
for review.

Loading is all or nothing: files are parsed, resolved and validated in memory
first, then every table is rewritten in one transaction. On any error nothing
is written and the previous content stays. Files the store already holds
unchanged are not parsed again, and when nothing changed (files, code,
overrides: ``main.store_meta``) nothing is resolved or written; the check and
the write happen under the store's write lock (:mod:`ecosystem.store.lock`).

Examples
--------
A store in a temporary folder, loaded with a two-line 3W sheet:

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> sheet = folder / "3w.csv"
>>> _ = sheet.write_text("Organisation,Cluster,Region\\n#org,#sector,#adm1\\n"
...                      "Oxfam,WASH,Gao\\nOxfam,Protection,Mopti\\n", encoding="utf-8")
>>> store = Store(folder / "ecosystem.duckdb")
>>> store.load(sheet, registry="rowca")["counts"]["initiatives"]
2
>>> store.registry().actors["name"].tolist()
['Oxfam']
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from ecosystem import model
from ecosystem.errors import EcosystemError
from ecosystem.ingest import Progress, as_paths, read_files, resolve_loaded
from ecosystem.model import TABLES, Registry
from ecosystem.resolution.crosswalk import write_crosswalk
from ecosystem.resolution.curation_log import curation_paths
from ecosystem.store import tables
from ecosystem.store.load_checks import (
    build_stamp,
    check_one_registry_per_file,
    check_unique_initiatives,
    file_key,
    provenance_rows,
    registry_key,
    source_rows,
    unchanged_files,
)
from ecosystem.store.lock import pause_point, store_lock
from ecosystem.store.tables import KEY, LOADED
from ecosystem.store.writing import connect_store, write_store

__all__ = ["DEFAULT_PATH", "default_path", "Store"]

#: Where the store lives unless ``--store`` or ``ECOSYSTEM_STORE`` says otherwise.
DEFAULT_PATH = Path(".ecosystem") / "ecosystem.duckdb"


def default_path() -> Path:
    """The store path: ``$ECOSYSTEM_STORE`` if set, else ``.ecosystem/ecosystem.duckdb``."""
    env = os.environ.get("ECOSYSTEM_STORE")
    return Path(env).expanduser() if env else DEFAULT_PATH


class Store:
    """A DuckDB file holding loaded registries, their resolution, and provenance.

    Parameters
    ----------
    path : str or Path, optional
        The DuckDB file; defaults to :func:`default_path`. Created on the first load.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> sheet = folder / "3w.csv"
    >>> _ = sheet.write_text("Organisation,Cluster,Region\\n#org,#sector,#adm1\\n"
    ...                      "Oxfam,WASH,Gao\\n", encoding="utf-8")
    >>> store = Store(folder / "demo.duckdb")
    >>> store.exists(), store.registries()
    (False, [])
    >>> summary = store.load(sheet, registry="rowca")
    >>> store.registries(), store.sources()["format"].tolist()
    (['rowca'], ['hxl'])
    """

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path).expanduser() if path else default_path()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    @property
    def crosswalk_path(self) -> Path:
        """The reviewable crosswalk CSV written next to the store file."""
        return self.path.with_name("crosswalk.csv")

    def exists(self) -> bool:
        """True when the store file exists."""
        return self.path.is_file()

    # ------------------------------------------------------------------ connections
    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        return connect_store(self.path, read_only)

    @contextmanager
    def _reading(self):
        """A read-only connection to an existing store."""
        self._require()
        con = self._connect(read_only=True)
        try:
            yield con
        finally:
            con.close()

    def _require(self) -> None:
        if not self.exists():
            raise EcosystemError(
                f"no store at {self.path}: load a registry first "
                f"(ecosystem load SOURCE --store {self.path})")

    def _require_writable(self) -> None:
        """Refuse, before any work, a store whose file or folder cannot be written."""
        folder = self.path.parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        if not folder.is_dir():
            raise EcosystemError(f"store {self.path}: {folder} is a file, not a folder: give "
                                 f"another --store")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise EcosystemError(f"store {self.path}: the folder {folder} is not writable; "
                                 f"nothing was changed: give another --store")
        if self.exists() and not os.access(self.path, os.W_OK):
            raise EcosystemError(f"store {self.path}: the file is read-only; nothing was "
                                 f"changed: make it writable or give another --store")

    # ------------------------------------------------------------------ reading
    def registries(self) -> list[str]:
        """Names of the registries in the store, sorted."""
        if not self.exists():
            return []
        with self._reading() as con:
            return sorted(tables.read_sources(con)["registry"].dropna().unique().tolist())

    def sources(self) -> pd.DataFrame:
        """Provenance: one row per file loaded (registry, path, sha256, format,
        initiatives, loaded_at, tool_version)."""
        with self._reading() as con:
            return tables.read_sources(con)

    def registry(self, registries: str | list[str] | None = None) -> Registry:
        """The resolved registry, read back conformed and validated.

        Parameters
        ----------
        registries : str or list of str, optional
            Keep only these registries (their initiatives, facets, ties, the
            actors tied to them, their flows and crosswalk rows). All by default.

        Raises
        ------
        EcosystemError
            When the store does not exist or a named registry is not in it.
        """
        with self._reading() as con:
            frames = tables.read_tables(con, "main")
            sources = tables.read_sources(con)
            if registries is not None:
                registries = [registries] if isinstance(registries, str) else list(registries)
                known = set(sources["registry"])
                missing = [r for r in registries if r not in known]
                if missing:
                    raise EcosystemError(
                        f"store {self.path}: no registry {', '.join(missing)}; it holds "
                        f"{', '.join(sorted(known)) or 'nothing'}")
                ids = {t: {row[0] for row in con.execute(
                    f'SELECT "{col}" FROM {LOADED}."{t}" WHERE {KEY} IN ?',
                    [registries]).fetchall()}
                    for t, col in (("initiatives", "initiative_id"), ("flows", "flow_id"))}
        reg = Registry.from_frames(**frames)
        if registries is not None:
            reg = tables.select_part(reg, ids["initiatives"], ids["flows"])
            sources = sources[sources["registry"].isin(registries)]
        reg.sources = sources.to_dict("records")
        model.validate(reg)
        return reg

    def info(self) -> dict:
        """:func:`ecosystem.summary.summarise` of the whole store, plus ``store``
        (path), ``size_bytes`` and ``sources`` (:meth:`sources`)."""
        from ecosystem.summary import summarise

        reg = self.registry()
        out = summarise(reg)
        out.update(store=str(self.path), size_bytes=self.path.stat().st_size,
                   sources=pd.DataFrame(reg.sources))
        return out

    # ------------------------------------------------------------------ loading
    def load(self, paths: str | Path | list[str | Path], registry: str | None = None,
             progress: Progress | None = None,
             overrides: str | Path | None = None,
             on_wait: Callable[[str], object] | None = None, force: bool = False) -> dict:
        """Read registry files and store them, replacing their registry's rows.

        A file (by sha256) is held under one registry name: loading it under a
        second name is refused, naming the registry that holds it. Files the store
        already holds unchanged (:func:`~ecosystem.store.load_checks.unchanged_files`)
        are not read again; when all are, and the code and overrides are those the
        store was resolved with, nothing is resolved or written.

        Parameters
        ----------
        paths : str, Path or list of them
            Registry files; formats are detected from their content.
        registry : str, optional
            Registry name to load them as (defaults to the loader's name, or for
            an unchanged file the name the store holds it under).
        progress : callable, optional
            Called as ``progress(stage: str, done: int, total: int)``.
        overrides : path, optional
            Resolver overrides CSV (see :func:`ecosystem.load`).
        on_wait : callable, optional
            Called with a message when another load holds the store's lock
            (:func:`ecosystem.store.lock.store_lock`); this one then waits.
        force : bool
            Read, resolve and write even files the store holds unchanged.

        Returns
        -------
        dict
            See :meth:`save`; ``loaded`` lists the files read, ``skipped`` the
            unchanged ones (their ``main.sources`` rows), ``registry`` the resolved
            registry of both (as :meth:`registry` would read it back), or None when
            nothing was resolved.

        Raises
        ------
        InputError
            For a bad file (naming file, line/record and field), or a file already
            loaded under another registry name; the store is unchanged.
        EcosystemError
            The store's folder or file cannot be written (checked before reading).
        """
        from ecosystem import __version__

        t0 = time.perf_counter()
        paths = as_paths(paths)
        self._require_writable()
        files = [file_key(p) for p in paths]
        overrides = self._overrides(overrides)
        stamp = build_stamp(overrides, __version__)
        with store_lock(self.path, on_wait=on_wait):
            sources, meta = self._provenance()
            same_code = not force and all(meta.get(k) == stamp[k]
                                          for k in ("tool_version", "code_sha256"))
            unchanged = unchanged_files(files, registry, sources, __version__) if same_code else {}
            skip = {i for ix in unchanged.values() for i in ix}
            same_overrides = (stamp["overrides_sha256"] is not None
                              and meta.get("overrides_sha256") == stamp["overrides_sha256"])
            if len(skip) == len(paths) and same_overrides:
                return self._unchanged(sources, sorted(unchanged), t0)
            total = len(paths) - len(skip) + 3
            todo = [p for i, p in enumerate(paths) if i not in skip]
            parts = read_files(todo, registry=registry, progress=progress,
                               total=total) if todo else []
            keyed = [(registry_key(p, registry), p) for p in parts]
            for r in {k for k, _ in keyed} & set(unchanged):  # a new file joins a kept registry
                keyed += [(r, p) for p in read_files([paths[i] for i in unchanged.pop(r)],
                                                     registry=registry)]
            read = time.perf_counter() - t0
            result = self._save_locked(keyed, overrides, progress, len(parts), total,
                                       time.perf_counter(), stamp, files=True,
                                       keep=sorted(unchanged))
        result["skipped"] = source_rows(sources[sources["registry"].isin(unchanged)])
        result["seconds"] = {"read": read, **result["seconds"],
                             "total": read + result["seconds"]["total"]}
        return result

    def _provenance(self) -> tuple[pd.DataFrame, dict]:
        """``main.sources`` and ``main.store_meta`` (empty for a missing store)."""
        if not self.exists():
            return tables.empty_sources(), {}
        with self._reading() as con:
            return tables.read_sources(con), tables.read_meta(con)

    def _unchanged(self, sources: pd.DataFrame, registries: list[str], t0: float) -> dict:
        """The result of a load that found every file unchanged: nothing read or written."""
        with self._reading() as con:
            counts = tables.count_rows(con)
        return {"store": str(self.path), "loaded": [],
                "skipped": source_rows(sources[sources["registry"].isin(registries)]),
                "replaced": {}, "counts": counts, "actors": counts["actors"],
                "crosswalk": str(self.crosswalk_path), "registry": None,
                "seconds": {"read": 0.0, "resolve": 0.0, "write": 0.0,
                            "total": time.perf_counter() - t0}}

    def _overrides(self, overrides: str | Path | None) -> str | Path | None:
        """The overrides given, else the store's curated file when it has one
        (:func:`ecosystem.store.curation.merge_actors` and friends write it): a load never
        drops what a user fixed by hand."""
        if overrides is None and curation_paths(self.path)["overrides"].is_file():
            return curation_paths(self.path)["overrides"]
        return overrides

    def save(self, parts: Registry | list[Registry], registry: str | None = None,
             overrides: str | Path | None = None, progress: Progress | None = None,
             on_wait: Callable[[str], object] | None = None) -> dict:
        """Store unresolved registries (loader output), then resolve everything again.

        Each part replaces the rows of its registry: ``registry`` if given, else
        the ``registry`` of its first source, else its initiatives' registry.

        Returns
        -------
        dict
            ``store`` (path), ``loaded`` (one dict per source: registry, path,
            format, sha256, initiatives), ``replaced`` (registry → initiatives
            it held before, for registries already present), ``counts`` (rows per
            table in the whole store), ``actors``, ``crosswalk`` (CSV path),
            ``registry`` (the resolved registry of the parts' registries, as
            :meth:`registry` reads it back) and ``seconds`` (resolve, write,
            total; :meth:`load` adds read).
        """
        from ecosystem import __version__

        t0 = time.perf_counter()
        self._require_writable()
        parts = [parts] if isinstance(parts, Registry) else list(parts)
        keyed = [(registry_key(p, registry), p) for p in parts]
        overrides = self._overrides(overrides)
        stamp = build_stamp(overrides, __version__)
        with store_lock(self.path, on_wait=on_wait):
            return self._save_locked(keyed, overrides, progress, 0, 3, t0, stamp)

    def _save_locked(self, keyed: list, overrides: str | Path | None,
                     progress: Progress | None, _done: int, _total: int, t0: float,
                     stamp: dict, files: bool = False, keep: list[str] = ()) -> dict:
        """:meth:`save` inside the store's write lock: read, resolve, write, all or nothing.

        ``keep`` names registries kept as stored that the result's ``registry`` covers too.
        """
        new_keys = sorted({k for k, _ in keyed})

        # 1. what the store holds now (read before any write, under the lock)
        if self.exists():
            with self._reading() as con:
                old_loaded = tables.read_tables(con, LOADED)
                old_sources = tables.read_sources(con)
        else:
            old_loaded = {t: tables.empty_loaded(t) for t in TABLES}
            old_sources = tables.empty_sources()
        old_ini = old_loaded["initiatives"]
        replaced = {k: int((old_ini[KEY] == k).sum()) for k in new_keys
                    if k in set(old_sources["registry"]) or (old_ini[KEY] == k).any()}

        # 2. the new loaded tables: kept registries + new parts, ordered by registry
        loaded = {}
        for t in TABLES:
            kept = old_loaded[t][~old_loaded[t][KEY].isin(new_keys)]
            kept = model.conform(t, kept).assign(**{KEY: kept[KEY].astype("string").to_numpy()})
            new = [getattr(p, t).assign(**{KEY: k}) for k, p in keyed]
            frame = pd.concat([kept, *new], ignore_index=True) if new else kept
            frame = frame.sort_values(KEY, kind="stable").reset_index(drop=True)
            loaded[t] = frame
        check_unique_initiatives(loaded["initiatives"], keyed)
        raw = Registry(**{t: model.conform(t, loaded[t]) for t in TABLES})

        # 3. resolve all registries together and validate
        t1 = time.perf_counter()
        reg = resolve_loaded(raw, overrides=overrides, progress=progress, done=_done,
                             total=_total)
        t2 = time.perf_counter()

        # 4. provenance
        new_sources = provenance_rows(keyed, stamp["tool_version"])
        kept_sources = old_sources[~old_sources["registry"].isin(new_keys)]
        if files:  # read from disk by load(): their sha256 is the content's
            check_one_registry_per_file(new_sources, kept_sources)
        sources = pd.concat([kept_sources, pd.DataFrame(new_sources)], ignore_index=True)
        sources = sources.sort_values(["registry", "path"], kind="stable").reset_index(drop=True)

        # 5. write everything in one transaction; the crosswalk is written beside it first
        #    and moved into place only once the store has committed
        if progress:
            progress("writing the store", _done + 2, _total)
        pause_point()
        crosswalk = self._crosswalk_draft(reg)
        try:
            self._write(reg, loaded, sources, stamp)
        except BaseException:
            crosswalk.unlink(missing_ok=True)
            raise
        os.replace(crosswalk, self.crosswalk_path)
        t3 = time.perf_counter()
        if progress:
            progress("done", _total, _total)
        names = sorted(set(new_keys) | set(keep))
        ids = [set(loaded[t].loc[loaded[t][KEY].isin(names), col])
               for t, col in (("initiatives", "initiative_id"), ("flows", "flow_id"))]
        selected = tables.select_part(reg, *ids)
        selected.sources = sources[sources["registry"].isin(names)].to_dict("records")
        return {
            "store": str(self.path),
            "loaded": source_rows(pd.DataFrame(new_sources, columns=sources.columns)),
            "replaced": replaced,
            "counts": reg.summary(),
            "actors": len(reg.actors),
            "crosswalk": str(self.crosswalk_path),
            "registry": selected,
            "seconds": {"resolve": t2 - t1, "write": t3 - t2, "total": time.perf_counter() - t0},
        }

    def _write(self, reg: Registry, loaded: dict[str, pd.DataFrame],
               sources: pd.DataFrame, stamp: dict) -> None:
        write_store(self.path, reg, loaded, sources, stamp)

    def _crosswalk_draft(self, reg: Registry) -> Path:
        """Write the crosswalk CSV under a temporary name beside the store; return its path."""
        tmp = self.crosswalk_path.with_suffix(".csv.tmp")
        try:
            write_crosswalk(reg, tmp)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise EcosystemError(f"store {self.path}: the crosswalk could not be written to "
                                 f"{tmp} ({exc.strerror or exc}); nothing was changed") from exc
        return tmp
