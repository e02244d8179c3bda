"""Everything a store file holds, to assert that a failed command did not change it."""
from __future__ import annotations

from pathlib import Path

import duckdb

__all__ = ["snapshot"]


def snapshot(path: str | Path) -> dict:
    """Every table's rows (sorted), and the crosswalk CSV's bytes, of the store at ``path``.

    A missing store gives ``{}``.
    """
    path = Path(path)
    if not path.exists():
        return {}
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = con.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() ORDER BY 1, 2").fetchall()
        out = {}
        for schema, table in tables:
            cols = [r[0] for r in con.execute(f'DESCRIBE {schema}."{table}"').fetchall()]
            rows = con.execute(f'SELECT * FROM {schema}."{table}" ORDER BY ALL').fetchall()
            out[f"{schema}.{table}"] = (cols, rows)
    finally:
        con.close()
    cw = path.with_name("crosswalk.csv")
    out["crosswalk.csv"] = cw.read_bytes() if cw.exists() else None
    return out
