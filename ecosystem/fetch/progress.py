"""Progress bars for downloads (rich, on stderr): one bar per file, bytes and speed.

:func:`download_bars` yields a :data:`~ecosystem.fetch.http.DownloadProgress`
callback; every fetch source reports each body it downloads through it. Bars show
only on a terminal (a log or a test sees nothing).

Examples
--------
>>> with download_bars() as progress:
...     progress("a.csv", 0, 10)
...     progress("a.csv", 10, 10)
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

from ecosystem.fetch.http import DownloadProgress

__all__ = ["download_bars"]


@contextmanager
def download_bars(console: Console | None = None) -> Iterator[DownloadProgress]:
    """A rich progress display; yields ``progress(label, done, total)``."""
    console = console or Console(stderr=True)
    with Progress(TextColumn("{task.description:<40.40}"), BarColumn(), DownloadColumn(),
                  TransferSpeedColumn(), TimeRemainingColumn(), console=console,
                  transient=False, disable=not console.is_terminal) as bars:
        tasks: dict[str, int] = {}
        files = bars.add_task("files", total=None, visible=False)

        def update(label: str, done: int, total: int | None) -> None:
            if label not in tasks:
                for old in tasks.values():  # one bar for the file downloading now
                    bars.remove_task(old)
                tasks.clear()
                tasks[label] = bars.add_task(label, total=total)
                n = bars.tasks[bars.task_ids.index(files)].completed + 1
                bars.update(files, completed=n, description=f"file {n:,}", visible=n > 1)
            bars.update(tasks[label], completed=done, total=total)

        yield update
