"""The one path from registry files to a resolved, validated :class:`~ecosystem.model.Registry`.

Three steps, each a function:

1. :func:`read_files` — each file through the loader its content calls for
   (:func:`ecosystem.loaders.read`): initiatives, facets and *mentions*
   (organisations as written), no actors yet.
2. :func:`resolve_loaded` — actor resolution over all mentions together
   (:func:`ecosystem.resolution.resolve.resolve_registry`), then
   :func:`ecosystem.model.validate`.
3. :func:`ingest_files` — both, for a list of files.

:func:`ecosystem.load` is :func:`ingest_files`. The store
(:meth:`ecosystem.store.Store.load`) keeps each registry's loader output, so it
calls :func:`read_files`, stacks the new files with the registries it already
holds, and calls :func:`resolve_loaded` on the whole.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> sheet = folder / "3w.csv"
>>> _ = sheet.write_text("Organisation,Cluster,Region\\n#org,#sector,#adm1\\n"
...                      "UNICEF,WASH,Gao\\nOxfam,WASH,Gao\\n", encoding="utf-8")
>>> reg = ingest_files(sheet)
>>> sorted(reg.actors["name"])       # as the registry writes it; the known body's full name beside
['Oxfam', 'UNICEF']
>>> reg.actors.set_index("name").loc["UNICEF", "official_name"]
"United Nations Children's Fund"
>>> len(reg.initiatives), len(reg.ties)
(2, 2)
"""
from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from pathlib import Path

from ecosystem import loaders, model
from ecosystem.arrow_memory import system_memory_pool
from ecosystem.errors import InputError
from ecosystem.model import Registry
from ecosystem.resolution.resolve import resolve_registry

__all__ = ["ingest_files", "read_files", "resolve_loaded", "as_paths", "Progress"]

#: ``progress(stage, done, total)``, called as a long step starts.
Progress = Callable[[str, int, int], None]


def as_paths(paths: str | Path | list[str | Path]) -> list[Path]:
    """One path or a list of them, as a list of :class:`~pathlib.Path`.

    Raises :class:`~ecosystem.errors.InputError` when the list is empty.

    Examples
    --------
    >>> as_paths("a.csv")
    [PosixPath('a.csv')]
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    out = [Path(p) for p in paths]
    if not out:
        raise InputError("no registry files given")
    return out


@contextlib.contextmanager
def _collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while parsing builds its many small objects.

    Reading and resolving allocate hundreds of thousands of short-lived strings, tuples and
    parsed names and keep them (memo tables), so the collector's generation scans ran over an
    ever larger heap and took about a fifth of an Ocean load. Reference counting still frees
    everything that is not in a cycle; the collector's state is restored afterwards.

    What the pause leaves alive (memo tables, the registry) goes straight to the oldest
    generation (:func:`gc.freeze` then :func:`gc.unfreeze`): otherwise the first collection
    after the pause scans all of it as young objects, about 0.1 s per pause on the Ocean
    registry. Nothing escapes collection: the next full collection scans it as usual. Not
    done while objects are frozen (a forked process keeping its parent's pages shared).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def read_files(paths: str | Path | list[str | Path], registry: str | None = None,
               progress: Progress | None = None, total: int | None = None) -> list[Registry]:
    """Each file's loader output (initiatives, facets, mentions; not resolved).

    Parameters
    ----------
    paths : str, Path or list of them
        Registry files; each one's format is detected from its content.
    registry : str, optional
        Registry name to record (defaults to the loader's own name).
    progress : callable, optional
        Called as ``progress(f"reading {name}", i, total)`` before each file.
    total : int, optional
        The ``total`` passed to ``progress`` (default: the number of files).

    Returns
    -------
    list of Registry
        One per file, in the order given.

    Raises
    ------
    InputError
        Naming the file, the line or record and the field of the first problem.
    """
    paths = as_paths(paths)
    parts = []
    with system_memory_pool(), _collection_paused():
        for i, p in enumerate(paths):
            if progress:
                progress(f"reading {p.name}", i, total or len(paths))
            parts.append(loaders.read(p, registry=registry))
    return parts


def resolve_loaded(raw: Registry, overrides: str | Path | None = None,
                   progress: Progress | None = None, done: int = 0,
                   total: int = 2) -> Registry:
    """Resolve the mentions of ``raw`` into actors and ties, then validate every table.

    Parameters
    ----------
    raw : Registry
        Loader output, one file's or several stacked (:func:`ecosystem.model.concat`).
    overrides : path, optional
        CSV of resolver overrides (``variant,canonical``; canonical may be
        ``not an organisation``). Defaults to ``data/actor_overrides.csv``.
    progress : callable, optional
        Called with ``"resolving actors"`` at ``done`` and ``"validating"`` at
        ``done + 1`` of ``total``.

    Returns
    -------
    Registry
        With actors, ties, flows' actor ids and the crosswalk filled.

    Raises
    ------
    SchemaError
        When a table breaks :data:`ecosystem.model.SCHEMA`.
    """
    if progress:
        progress("resolving actors", done, total)
    with system_memory_pool(), _collection_paused():
        reg = resolve_registry(raw, overrides=overrides)
    if progress:
        progress("validating", done + 1, total)
    model.validate(reg)
    return reg


def ingest_files(paths: str | Path | list[str | Path], registry: str | None = None,
                 overrides: str | Path | None = None,
                 progress: Progress | None = None) -> Registry:
    """Read registry files and resolve them together into one validated registry.

    Parameters are those of :func:`read_files` and :func:`resolve_loaded`.

    Returns
    -------
    Registry
    """
    paths = as_paths(paths)
    total = len(paths) + 2
    parts = read_files(paths, registry=registry, progress=progress, total=total)
    return resolve_loaded(model.concat(parts), overrides=overrides, progress=progress,
                          done=len(paths), total=total)
