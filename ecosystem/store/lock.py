"""One writer at a time: the store's load is a critical section under an OS file lock.

A load reads what the store holds, parses and resolves the new files against
it, and writes everything back. Two loads that overlap without a lock both
read the old content and the later write silently drops the earlier one (a
lost update). :func:`store_lock` holds an operating-system lock on a file
beside the store (``ecosystem.duckdb.lock``, via the filelock library) from
the read to the final commit; a second writer waits for it, saying so, and
gives up with a clear error after ``timeout`` seconds.

The lock is advisory and released by the operating system when the process
dies, so a killed load never leaves the store locked.

For tests, ``ECOSYSTEM_PAUSE_AT=PATH`` makes a load stop inside the critical
section: it creates ``PATH.reached`` and waits (up to a minute) until ``PATH``
exists. Nothing else reads it.

Examples
--------
>>> import pathlib, tempfile
>>> store = pathlib.Path(tempfile.mkdtemp()) / "ecosystem.duckdb"
>>> with store_lock(store):
...     lock_path(store).name
'ecosystem.duckdb.lock'
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import filelock

from ecosystem.errors import EcosystemError

__all__ = ["LOCK_TIMEOUT", "lock_path", "pause_point", "store_lock"]

#: Seconds a load waits for another load of the same store (``ECOSYSTEM_LOCK_TIMEOUT``).
LOCK_TIMEOUT = 600.0


def lock_path(store: str | Path) -> Path:
    """The lock file of the store at ``store``."""
    store = Path(store)
    return store.with_name(store.name + ".lock")


@contextmanager
def store_lock(store: str | Path, timeout: float | None = None,
               on_wait: Callable[[str], object] | None = None) -> Iterator[None]:
    """Hold the store's write lock for the duration of the ``with`` block.

    Parameters
    ----------
    store : path
        The store file (its folder is created if missing).
    timeout : float, optional
        Seconds to wait for another writer (default ``ECOSYSTEM_LOCK_TIMEOUT``
        or :data:`LOCK_TIMEOUT`).
    on_wait : callable, optional
        Called once with a message when the lock is held by another process.

    Raises
    ------
    EcosystemError
        Another load held the lock for longer than ``timeout``, or the lock
        file cannot be created (a read-only folder).
    """
    if timeout is None:
        timeout = float(os.environ.get("ECOSYSTEM_LOCK_TIMEOUT", LOCK_TIMEOUT))
    path = lock_path(store)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = filelock.FileLock(str(path))
        try:
            lock.acquire(timeout=0)
        except filelock.Timeout:
            if on_wait:
                on_wait(f"store {store}: another load is writing it; waiting up to "
                        f"{timeout:.0f} s for it to finish")
            lock.acquire(timeout=timeout)
    except filelock.Timeout:
        raise EcosystemError(
            f"store {store}: another load has been writing it for over {timeout:.0f} s; "
            f"nothing was changed: wait for it to finish and try again") from None
    except OSError as exc:
        raise EcosystemError(
            f"store {store}: cannot create its lock file {path} ({exc.strerror or exc}); "
            f"nothing was changed: give a --store in a folder you can write to") from None
    try:
        yield
    finally:
        lock.release()


def pause_point() -> None:
    """Wait here while a test holds the load in its critical section (``ECOSYSTEM_PAUSE_AT``)."""
    marker = os.environ.get("ECOSYSTEM_PAUSE_AT")
    if not marker:
        return
    Path(marker + ".reached").touch()
    deadline = time.monotonic() + 60
    while not Path(marker).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
