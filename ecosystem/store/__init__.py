"""The embedded DuckDB store: :class:`Store` keeps loaded registries in one file.

:mod:`ecosystem.store.database` holds the :class:`Store`; :mod:`ecosystem.store.tables`
the table definitions and writes.
"""
from ecosystem.store.database import DEFAULT_PATH, Store, default_path

__all__ = ["Store", "DEFAULT_PATH", "default_path"]
