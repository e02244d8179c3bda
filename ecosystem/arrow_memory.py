"""The memory pool Arrow allocates the tables' text columns from while the package builds them.

pandas keeps text columns as Arrow arrays (DuckDB hands its results over as Arrow
too), allocated from Arrow's default memory pool: mimalloc in the pyarrow wheels.
On Linux the C library's allocator does better for what the package does, many
small arrays built and dropped:

* it is faster and even from run to run: on the Ocean registry (2,650 records),
  turning the loader's rows into tables took 0.24 to 0.92 s of CPU with mimalloc
  and 0.24 to 0.26 s with it; a whole :func:`ecosystem.load` process takes 4 %
  less wall and CPU time (median of 7 runs paired), with half the system time;
* it hands freed memory back to the system, where mimalloc keeps it: the Ocean
  report's peak is about 40 MB lower.

:func:`system_memory_pool` switches the default pool for the duration of a load
(:mod:`ecosystem.ingest`) and puts back the one in use before;
:func:`use_system_memory_pool` switches it for good, as the command line does for
its own process.

A pool is chosen per allocation: an array keeps the pool it was allocated from and
is freed there, so switching pools while arrays are alive is safe. Where the
``ARROW_DEFAULT_MEMORY_POOL`` environment variable names a pool, that choice is
left alone.

Examples
--------
>>> import pyarrow as pa
>>> before = pa.default_memory_pool().backend_name
>>> with system_memory_pool():
...     during = pa.default_memory_pool().backend_name
>>> pa.default_memory_pool().backend_name == before
True
>>> during == "system" or "ARROW_DEFAULT_MEMORY_POOL" in os.environ
True
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pyarrow as pa

__all__ = ["system_memory_pool", "use_system_memory_pool"]


@contextmanager
def system_memory_pool() -> Iterator[None]:
    """Allocate Arrow arrays with the C library's allocator inside the ``with`` block.

    Does nothing when the ``ARROW_DEFAULT_MEMORY_POOL`` environment variable chooses
    the pool. Nested blocks are fine: each puts back the pool it found.
    """
    previous = pa.default_memory_pool()
    use_system_memory_pool()
    try:
        yield
    finally:
        pa.set_memory_pool(previous)


def use_system_memory_pool() -> None:
    """Allocate Arrow arrays with the C library's allocator from now on, unless the
    ``ARROW_DEFAULT_MEMORY_POOL`` environment variable chooses the pool.

    Examples
    --------
    >>> import pyarrow as pa
    >>> before = pa.default_memory_pool()
    >>> use_system_memory_pool()
    >>> chosen = "ARROW_DEFAULT_MEMORY_POOL" in os.environ
    >>> pa.default_memory_pool().backend_name == "system" or chosen
    True
    >>> pa.set_memory_pool(before)
    """
    if not os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        pa.set_memory_pool(pa.system_memory_pool())
