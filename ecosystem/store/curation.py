"""Curating a store: one merge, split or undo, written to the overrides and resolved again.

:func:`merge_actors`, :func:`split_variant` and :func:`undo_change` make the change
(:mod:`ecosystem.resolution.curation`) under the store's write lock
(:mod:`ecosystem.store.lock`), all or nothing:

1. read the store's loader output, its resolved tables and the curation log;
2. add the change to the log and compose the overrides (base + curated rows),
   both as drafts beside the store;
3. resolve the loader output again with those overrides, check the change took
   effect (a split the resolver cannot make is refused), and write every table
   in one transaction, stamped with the new overrides' sha256;
4. only then move the drafts into place: ``<store>.overrides.csv``,
   ``<store>.curation.csv`` and the crosswalk CSV (with who and when).

On any error the drafts are removed and the store, log and overrides are as
before. The curated overrides file is what a later ``ecosystem load`` of the
store resolves with (:func:`store_overrides`).

Examples
--------
>>> import pathlib, tempfile
>>> from ecosystem.store import Store
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> sheet = folder / "3w.csv"
>>> _ = sheet.write_text("Organisation,Cluster,Region\\n#org,#sector,#adm1\\n"
...                      "Oxfam,WASH,Gao\\nOxfam Novib,Protection,Mopti\\n", encoding="utf-8")
>>> store = Store(folder / "ecosystem.duckdb")
>>> _ = store.load(sheet, registry="rowca")
>>> sorted(store.registry().actors["actor_id"])
['oxfam', 'oxfam-novib']
>>> done = merge_actors(store, "oxfam-novib", "oxfam", who="ana")
>>> sorted(store.registry().actors["actor_id"]), done["actor_id"]
(['oxfam'], 'oxfam')
>>> _ = undo_change(store, who="ana")
>>> sorted(store.registry().actors["actor_id"])
['oxfam', 'oxfam-novib']
"""
from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ecosystem import model
from ecosystem.errors import EcosystemError, InputError
from ecosystem.ingest import resolve_loaded
from ecosystem.loaders import sha256
from ecosystem.model import TABLES, Registry
from ecosystem.resolution import curation as cur
from ecosystem.resolution import curation_log as files
from ecosystem.resolution.context import checked_overrides
from ecosystem.resolution.crosswalk import DEFAULT_OVERRIDES
from ecosystem.store import tables
from ecosystem.store.database import Store
from ecosystem.store.load_checks import build_stamp
from ecosystem.store.lock import store_lock
from ecosystem.store.tables import KEY, LOADED
from ecosystem.store.writing import connect_store, write_store

__all__ = ["curation_log", "find_actors", "merge_actors", "names_as_written", "split_variant",
           "store_overrides", "undo_change"]


def store_overrides(store: Store | str | Path) -> Path | None:
    """The curated overrides file of a store, or None before its first curation.

    >>> store_overrides("/nowhere/ecosystem.duckdb") is None
    True
    """
    path = store.path if isinstance(store, Store) else Path(store)
    p = files.curation_paths(path)["overrides"]
    return p if p.is_file() else None


def curation_log(store: Store | str | Path) -> pd.DataFrame:
    """The store's curation log (:data:`ecosystem.resolution.curation_log.LOG_COLUMNS`)."""
    path = store.path if isinstance(store, Store) else Path(store)
    return files.read_log(files.curation_paths(path)["log"])


def find_actors(store: Store, text: str, limit: int = 20) -> pd.DataFrame:
    """``actor_id, name`` of the store's actors whose name, official name or id contains
    ``text`` (case aside), most ties first; at most ``limit``."""
    text = " ".join(str(text or "").split())[:100].lower()
    if not text or not store.exists():
        return pd.DataFrame(columns=["actor_id", "name"])
    con = connect_store(store.path, read_only=True)
    try:
        return con.execute(
            'SELECT a.actor_id, a.name FROM main."actors" a LEFT JOIN (SELECT actor_id, '
            'count(*) AS n FROM main."ties" GROUP BY actor_id) t USING (actor_id) WHERE '
            "strpos(lower(a.name), ?) > 0 OR strpos(lower(coalesce(a.official_name, '')), ?) > 0 "
            "OR strpos(a.actor_id, ?) > 0 ORDER BY coalesce(t.n, 0) DESC, a.name LIMIT ?",
            [text, text, text, int(limit)]).df()
    finally:
        con.close()


def names_as_written(store: Store, actor_id: str) -> list[str]:
    """The names as written (crosswalk variants) the store resolves to ``actor_id``, sorted."""
    if not store.exists():
        return []
    con = connect_store(store.path, read_only=True)
    try:
        rows = con.execute('SELECT DISTINCT variant FROM main."crosswalk" WHERE actor_id = ? '
                           "ORDER BY variant", [str(actor_id)]).fetchall()
    finally:
        con.close()
    return [r[0] for r in rows]


def merge_actors(store: Store, source: str, into: str, *, who: str,
                 base: str | Path | None = None,
                 on_wait: Callable[[str], object] | None = None) -> dict:
    """Merge the actor (or the one name as written) ``source`` into the actor ``into``.

    Parameters
    ----------
    store : Store
    source, into : str
        See :func:`ecosystem.resolution.curation.merge`.
    who : str
        Who makes the change (recorded with the time).
    base : path, optional
        The overrides file the store was loaded with, when not the package defaults
        (copied beside the store as the curation's base).
    on_wait : callable, optional
        Called with a message when another writer holds the store's lock.

    Returns
    -------
    dict
        See :func:`undo_change`.
    """
    return _apply(store, lambda reg, log: cur.merge(reg, log, source, into, who=who),
                  base, on_wait)


def split_variant(store: Store, variant: str, actor: str, *, who: str,
                  base: str | Path | None = None,
                  on_wait: Callable[[str], object] | None = None) -> dict:
    """Split the name as written ``variant`` off ``actor``: it becomes an actor of its own.

    Returns
    -------
    dict
        See :func:`undo_change`; ``actor_id`` is ``actor``'s id after the split,
        ``other_id`` the new actor's.
    """
    return _apply(store, lambda reg, log: cur.split(reg, log, variant, actor, who=who),
                  base, on_wait)


def undo_change(store: Store, change_id: int | None = None, *, who: str,
                base: str | Path | None = None,
                on_wait: Callable[[str], object] | None = None) -> dict:
    """Undo a change (default: the latest still in effect).

    Returns
    -------
    dict
        ``change_id`` (the new change), ``action``, ``summary`` (one sentence),
        ``actor_id`` (the actor to show after the change), ``other_id`` (the other
        actor concerned, or None), ``actors`` (before, after), ``registry`` (the
        resolved registry written) and ``seconds``.
    """
    return _apply(store, lambda reg, log: cur.undo(log, change_id, who=who), base, on_wait)


# --------------------------------------------------------------------------- the steps

def _read(path: Path) -> tuple[Registry, dict, pd.DataFrame, dict]:
    con = connect_store(path, read_only=True)
    try:
        main = tables.read_tables(con, "main")
        loaded = tables.read_tables(con, LOADED)
        sources, meta = tables.read_sources(con), tables.read_meta(con)
    finally:
        con.close()
    for t in TABLES:  # as a load keeps them: the model's columns plus the registry key
        df = loaded[t]
        loaded[t] = model.conform(t, df).assign(**{KEY: df[KEY].astype("string").to_numpy()})
    return Registry.from_frames(**main), loaded, sources, meta


def _check_base(store: Store, meta: dict, base: Path | None, paths: dict) -> None:
    """Refuse to curate a store resolved with overrides the curation would drop."""
    if base is not None:
        return
    from ecosystem import __version__

    if paths["overrides"].is_file():
        expected, name = sha256(paths["overrides"]), paths["overrides"]
    elif paths["base"].is_file():
        expected, name = sha256(paths["base"]), paths["base"]
    else:
        expected, name = build_stamp(None, __version__)["overrides_sha256"], DEFAULT_OVERRIDES
    if meta.get("overrides_sha256") not in (expected, None):
        raise cur.CurationError(
            f"store {store.path} was last resolved with another overrides file than {name}; "
            f"a curation would drop its rows: give that file as the base (ecosystem curate "
            f"... --overrides FILE), or load the store again without --overrides")


def _apply(store: Store, change: Callable[[Registry, pd.DataFrame], pd.DataFrame],
           base: str | Path | None, on_wait) -> dict:
    from ecosystem import __version__

    t0 = time.perf_counter()
    if not store.exists():
        raise EcosystemError(f"no store at {store.path}: load a registry first "
                             f"(ecosystem load SOURCE --store {store.path})")
    paths = files.curation_paths(store.path)
    base = Path(base) if base is not None else None
    if base is not None and not base.is_file():
        raise InputError("overrides file not found", file=base)
    drafts: dict[Path, Path] = {}
    with store_lock(store.path, on_wait=on_wait):
        try:
            old, loaded, sources, meta = _read(store.path)
            _check_base(store, meta, base, paths)
            log = files.read_log(paths["log"])
            new_log = change(old, log)
            edits = new_log.iloc[len(log):]
            base_file = base if base is not None else paths["base"]
            overrides = cur.compose(files.base_rows(base_file), new_log)
            drafts[paths["overrides"]] = files.write_draft(
                overrides, paths["overrides"],
                header=f"Resolver overrides of the store {store.path.name}, written by "
                       f"`ecosystem curate` and the explorer's actor card.\nEdit with "
                       f"`ecosystem curate`; the log {paths['log'].name} says who changed "
                       f"what and when.")
            checked_overrides(drafts[paths["overrides"]])
            if base is not None:
                drafts[paths["base"]] = Path(str(paths["base"]) + ".tmp")
                try:
                    shutil.copyfile(base, drafts[paths["base"]])
                except OSError as exc:
                    raise EcosystemError(f"cannot copy {base} beside the store "
                                         f"({exc.strerror or exc}); nothing was changed") from exc
            drafts[paths["log"]] = files.write_draft(new_log, paths["log"])
            raw = Registry(**{t: model.conform(t, loaded[t]) for t in TABLES})
            t1 = time.perf_counter()
            reg = resolve_loaded(raw, overrides=drafts[paths["overrides"]])
            t2 = time.perf_counter()
            shown, other = _outcome(old, reg, edits)
            stamp = build_stamp(drafts[paths["overrides"]], __version__)
            drafts[store.crosswalk_path] = files.write_draft(
                cur.curated_review(reg, drafts[paths["overrides"]]), store.crosswalk_path)
            write_store(store.path, reg, loaded, sources, stamp)
        except BaseException:
            for d in drafts.values():
                d.unlink(missing_ok=True)
            raise
        files.replace_into_place(drafts)
    first = edits.iloc[0]
    return {"change_id": int(first["change_id"]), "action": first["action"],
            "summary": _summary(old, reg, edits), "actor_id": shown, "other_id": other,
            "actors": (len(old.actors), len(reg.actors)), "registry": reg,
            "seconds": {"resolve": t2 - t1, "total": time.perf_counter() - t0}}


def _actor_of(reg: Registry, variant: str) -> str | None:
    hit = reg.crosswalk.loc[reg.crosswalk["variant"] == variant, "actor_id"]
    return str(hit.iloc[0]) if len(hit) else None


def _outcome(old: Registry, reg: Registry, edits: pd.DataFrame) -> tuple[str | None, str | None]:
    """(actor to show, other actor) after the change; refuses a change that did not take."""
    first = edits.iloc[0]
    action, moved = first["action"], edits["variant"].astype(str).tolist()
    if action == "merge":
        kept = old.crosswalk.loc[old.crosswalk["actor_id"] == first["target"], "variant"]
        into = next((a for v in kept if (a := _actor_of(reg, str(v)))), None)
        stray = [v for v in moved if _actor_of(reg, v) not in (into, None)]
        if stray:
            raise cur.CurationError(
                f"the resolver keeps {stray[0]!r} apart from {first['target']!r} (a name "
                f"split off by hand, or different organisation identifiers); nothing was "
                f"changed")
        return into, None
    if action == "split":
        variant = moved[0]
        rest = old.crosswalk.loc[(old.crosswalk["actor_id"] == first["actor_id"])
                                 & (old.crosswalk["variant"] != variant), "variant"]
        now = _actor_of(reg, variant)
        left = [a for v in rest if (a := _actor_of(reg, str(v))) and a != now]
        if not left:
            raise cur.CurationError(
                f"the resolver cannot keep {variant!r} apart from {first['actor_id']!r} (the "
                f"names share an organisation identifier, or are written alike); nothing was "
                f"changed")
        return left[0], now
    return next((a for v in moved if (a := _actor_of(reg, v))), None), None


def _summary(old: Registry, reg: Registry, edits: pd.DataFrame) -> str:
    first = edits.iloc[0]
    names = old.actors.set_index("actor_id")["name"]
    n, action = len(edits), first["action"]
    label = lambda a: f"{names.get(a, a)} ({a})"
    if action == "merge":
        what = f"merged {label(first['actor_id'])} into {label(first['target'])}"
    elif action == "split":
        what = f"split {first['variant']!r} off {label(first['actor_id'])}"
    else:
        what = f"undid change {int(first['undoes'])}"
    return (f"Change {int(first['change_id'])}: {what} ({n:,} name{'s' if n != 1 else ''}); "
            f"{len(old.actors):,} → {len(reg.actors):,} actors.")
