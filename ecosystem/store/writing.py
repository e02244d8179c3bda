"""Opening and writing the store file: one transaction, all or nothing.

:func:`write_store` rewrites every table of the store in one DuckDB
transaction; on any error it rolls back, removes a store file it created,
and raises one message saying nothing was changed (with the likely cause:
disk full). :func:`connect_store` opens the file and turns DuckDB's errors
into messages a user can act on (open in another process, not a store).
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from ecosystem.errors import EcosystemError
from ecosystem.model import TABLES, Registry
from ecosystem.store import tables
from ecosystem.store.tables import LOADED

__all__ = ["connect_store", "remove_store_file", "write_store"]


def connect_store(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to the store at ``path``, or one clear error.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> con = connect_store(pathlib.Path(tempfile.mkdtemp()) / "s.duckdb", read_only=False)
    >>> con.execute("SELECT 1").fetchone()
    (1,)
    >>> con.close()
    """
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        if "lock" in str(exc).lower():
            raise EcosystemError(
                f"store {path}: it is open in another process; close that "
                f"process (or give another --store) and try again") from exc
        raise EcosystemError(
            f"store {path}: cannot open it as an ecosystem store ({exc}); give "
            f"another --store, or remove the file and load the sources again") from exc


def write_store(path: Path, reg: Registry, loaded: dict[str, pd.DataFrame],
                sources: pd.DataFrame, stamp: dict) -> None:
    """Rewrite the resolved tables, the loader output, the sources and the stamp in one go.

    Raises
    ------
    EcosystemError
        Writing failed; the store keeps its previous content (a file this
        call created is removed).
    """
    created = not path.is_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    con = connect_store(path, read_only=False)
    committed = False
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(f"CREATE SCHEMA IF NOT EXISTS {LOADED}")
            for t in TABLES:
                tables.replace_table(con, f'main."{t}"', tables.columns(t, False),
                                     getattr(reg, t))
                tables.replace_table(con, f'{LOADED}."{t}"', tables.columns(t, True),
                                     loaded[t])
            tables.replace_table(con, 'main."sources"', tables.SOURCES_COLUMNS, sources)
            tables.replace_table(con, 'main."store_meta"', tables.META_COLUMNS,
                                 tables.meta_frame(stamp))
            con.execute("COMMIT")
            committed = True
        except BaseException:
            try:
                con.execute("ROLLBACK")
            except duckdb.Error:
                pass  # a failed write (disk full) has already ended the transaction
            raise
    except duckdb.Error as exc:
        why = "disk full?" if isinstance(exc, duckdb.IOException) else "see below"
        raise EcosystemError(f"store {path}: writing failed ({why}); nothing was "
                             f"changed: free some space or give another --store "
                             f"[{str(exc).splitlines()[0]}]") from exc
    finally:
        con.close()
        if created and not committed:  # leave no empty store file behind
            remove_store_file(path)


def remove_store_file(path: Path) -> None:
    """Remove the store file and its write-ahead log."""
    for p in (path, path.with_name(path.name + ".wal")):
        if p.exists():
            p.unlink()
