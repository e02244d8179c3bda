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
``main.store_meta``
    What the resolved tables were made with (:data:`META_COLUMNS`, one row per
    key: tool version, code and overrides sha256); a later load of unchanged
    files compares them before skipping the work.

:func:`select_part` cuts the registries asked for out of the resolved whole.

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
from ecosystem.id_lookups import member_of
from ecosystem.model import SCHEMA, TABLES, Registry

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

__all__ = [
    "LOADED", "KEY", "SOURCES_COLUMNS", "SQL_TYPES", "columns", "empty_loaded",
    "empty_sources", "tables_in", "read_tables", "read_sources", "replace_table",
    "META_COLUMNS", "read_meta", "meta_frame", "count_rows", "select_part",
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
#: Columns of ``main.store_meta``.
META_COLUMNS = [("key", "VARCHAR"), ("value", "VARCHAR")]
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


def read_meta(con: DuckDBPyConnection) -> dict[str, str | None]:
    """The ``main.store_meta`` rows as a dict, empty when absent (a store written before it)."""
    if ("main", "store_meta") in tables_in(con):
        return dict(con.execute('SELECT "key", "value" FROM main."store_meta"').fetchall())
    return {}


def meta_frame(meta: dict[str, str | None]) -> pd.DataFrame:
    """``meta`` as the rows of ``main.store_meta``, sorted by key.

    Examples
    --------
    >>> meta_frame({"tool_version": "0.1.0"}).values.tolist()
    [['tool_version', '0.1.0']]
    """
    return pd.DataFrame(sorted(meta.items()), columns=[c for c, _ in META_COLUMNS])


def count_rows(con: DuckDBPyConnection, schema: str = "main") -> dict[str, int]:
    """Rows of every model table of ``schema``, in :data:`~ecosystem.model.TABLES` order."""
    present = tables_in(con)
    return {t: con.execute(f'SELECT count(*) FROM {schema}."{t}"').fetchone()[0]
            if (schema, t) in present else 0 for t in TABLES}


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


def select_part(reg: Registry, initiative_ids: set, flow_ids: set) -> Registry:
    """The part of ``reg`` belonging to the given initiatives and flows: their rows, the
    actors tied to them or named by the flows, and those actors' crosswalk rows.

    Examples
    --------
    >>> select_part(Registry.empty(), {"i1"}, set()).summary()["initiatives"]
    0
    """
    frames = {}
    for t in TABLES:
        df = getattr(reg, t)
        if "initiative_id" in df.columns and t != "flows":
            df = df[member_of(df["initiative_id"], initiative_ids)]
        frames[t] = df
    flows = reg.flows[member_of(reg.flows["flow_id"], flow_ids)]
    frames["flows"] = flows
    actor_ids = (set(frames["ties"]["actor_id"]) | set(flows["provider_actor_id"].dropna())
                 | set(flows["receiver_actor_id"].dropna()))
    frames["actors"] = reg.actors[member_of(reg.actors["actor_id"], actor_ids)]
    frames["crosswalk"] = reg.crosswalk[member_of(reg.crosswalk["actor_id"], actor_ids)]
    return Registry.from_frames(**frames)
