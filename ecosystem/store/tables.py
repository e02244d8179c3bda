"""How a registry is laid out in the store's DuckDB file.

Schemas and tables
------------------
``loaded.<table>``
    What the loaders read, per registry, before resolution: every table of
    :data:`ecosystem.model.SCHEMA` plus a first column ``store_registry``
    (:data:`KEY`, the registry the rows were loaded as).
``main.<table>``
    The resolved registry, every table of :data:`ecosystem.model.SCHEMA`.
``main.sources``
    Provenance of every file loaded (:data:`SOURCES_COLUMNS`).

Column types follow the model's kinds: str → VARCHAR, int → BIGINT,
float → DOUBLE, date → TIMESTAMP, bool → BOOLEAN. Frames are written through
DuckDB's pandas registration and read back with ``.df()``; the caller conforms
them to the model's dtypes.

Examples
--------
>>> columns("initiative_goals", keyed=True)
[('store_registry', 'VARCHAR'), ('initiative_id', 'VARCHAR'), ('goal', 'BIGINT')]
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ecosystem import model
from ecosystem.model import SCHEMA, TABLES

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

__all__ = [
    "LOADED", "KEY", "SOURCES_COLUMNS", "SQL_TYPES", "columns", "empty_loaded",
    "empty_sources", "tables_in", "read_tables", "read_sources", "replace_table",
]

#: Schema of the per-registry loader output.
LOADED = "loaded"
#: Column of every ``loaded`` table naming the registry its rows belong to.
KEY = "store_registry"
#: Columns of ``main.sources``.
SOURCES_COLUMNS = [("registry", "VARCHAR"), ("path", "VARCHAR"), ("sha256", "VARCHAR"),
                   ("format", "VARCHAR"), ("initiatives", "BIGINT"),
                   ("loaded_at", "TIMESTAMP"), ("tool_version", "VARCHAR"),
                   ("encoding", "VARCHAR"), ("notes", "VARCHAR")]
SQL_TYPES = {"str": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "date": "TIMESTAMP",
             "bool": "BOOLEAN"}


def columns(table: str, keyed: bool) -> list[tuple[str, str]]:
    """(column, SQL type) of a model table; ``keyed`` puts :data:`KEY` first."""
    cols = [(c, SQL_TYPES[k]) for c, k, _ in SCHEMA[table]]
    return ([(KEY, "VARCHAR")] if keyed else []) + cols


def empty_loaded(table: str) -> pd.DataFrame:
    """An empty ``loaded`` table: the model's empty frame plus :data:`KEY`."""
    return model.empty_frame(table).assign(**{KEY: pd.Series(dtype="string")})


def empty_sources() -> pd.DataFrame:
    """An empty ``sources`` table."""
    return pd.DataFrame({c: pd.Series(dtype="object") for c, _ in SOURCES_COLUMNS})


def tables_in(con: DuckDBPyConnection) -> set[tuple[str, str]]:
    """(schema, table) pairs present in the database."""
    return {(s, t) for s, t in
            con.execute("SELECT schema_name, table_name FROM duckdb_tables()").fetchall()}


def read_tables(con: DuckDBPyConnection, schema: str) -> dict[str, pd.DataFrame]:
    """Every model table of ``schema`` (``main`` or :data:`LOADED`), empty when absent."""
    present = tables_in(con)
    out = {}
    for t in TABLES:
        if (schema, t) in present:
            out[t] = con.execute(f'SELECT * FROM {schema}."{t}"').df()
        else:
            out[t] = empty_loaded(t) if schema == LOADED else model.empty_frame(t)
    return out


def read_sources(con: DuckDBPyConnection) -> pd.DataFrame:
    """The ``main.sources`` table, empty when absent."""
    if ("main", "sources") in tables_in(con):
        return con.execute('SELECT * FROM main."sources"').df()
    return empty_sources()


def replace_table(con: DuckDBPyConnection, name: str, cols: list[tuple[str, str]],
                  frame: pd.DataFrame) -> None:
    """Drop table ``name``, create it with ``cols`` and insert ``frame``'s rows in order."""
    con.execute(f"DROP TABLE IF EXISTS {name}")
    names = ", ".join(f'"{c}"' for c, _ in cols)
    typed = ", ".join(f'"{c}" {t}' for c, t in cols)
    con.execute(f"CREATE TABLE {name} ({typed})")
    if len(frame):
        con.register("_frame", frame[[c for c, _ in cols]])
        try:
            con.execute(f"INSERT INTO {name} SELECT {names} FROM _frame")
        finally:
            con.unregister("_frame")
