"""Half of a report built in a second process, beside the first.

A report's sections are independent once the results several of them read
(the actor projection, its communities) are computed. On a machine with two
or more cores, :func:`~ecosystem.report.build_report` forks a second process
after computing those shared results: the second process builds the sections
that read the registry, its coverage cells and the communities
(:data:`SECOND_PROCESS_SECTIONS`) and writes the static graph files, while the
first builds the hub, broker, power and time sections. The second process sends
its sections back at the end, ready for the page (figures and tables as HTML),
and writes each graph file under a temporary name that the first process moves
into place only when the whole report is written.

The fork copies the first process's memory, so nothing shared is computed or
held twice; the second process never touches the store, the progress bar or
the terminal. Whatever the second process could not do (it failed, was killed,
or the platform cannot fork) the first process does itself, in the same
order, so the report and its errors are those of a one-process run.

Examples
--------
One process where :func:`os.fork` is missing or a single core is free:

>>> default_processes() in (1, 2)
True
>>> job = SectionProcess(lambda name: name.upper(), ["gaps", "places"], files=[])
>>> job.start(processes=1)
>>> job.results()
({}, [])
"""
from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ecosystem.loaders.field_workers import fork_processes

__all__ = ["SECOND_PROCESS_LIMIT", "SECOND_PROCESS_SECTIONS", "SectionProcess",
           "default_processes"]

#: Sections the second process builds: they read the registry, its coverage cells and the
#: communities (computed before the fork), not the hub and broker tables of the first. The
#: two shares take about the same time on the Ocean registry.
SECOND_PROCESS_SECTIONS = ("structure", "overlap", "gaps", "places", "agreement")


#: Above this many initiatives the report keeps to one process: each process would hold its
#: own large intermediate results (overlap's candidate pairs, the brokers' triangles), and
#: memory, not time, is what limits a report of that size.
SECOND_PROCESS_LIMIT = 20_000


def default_processes(initiatives: int = 0) -> int:
    """2 on Linux with two or more cores free to this process
    (:func:`~ecosystem.loaders.field_workers.fork_processes`), for a registry of at most
    :data:`SECOND_PROCESS_LIMIT` initiatives; else 1.

    Examples
    --------
    >>> default_processes() >= 1
    True
    >>> default_processes(initiatives=70_000)
    1
    """
    if initiatives > SECOND_PROCESS_LIMIT:
        return 1
    return fork_processes()


class SectionProcess:
    """Build ``names`` with ``build`` and run the file ``writes`` in a forked process.

    Parameters
    ----------
    build : callable
        ``build(name)`` → what the first process needs of section ``name``
        (picklable: it is sent back through a pipe).
    names : sequence of str
        The sections the second process builds, in order.
    files : list of (write, path)
        ``write(partial_path)`` writes one graph file; the second process writes
        ``path`` + ``".partial"`` and :meth:`results` lists the paths written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> tmp = pathlib.Path(tempfile.mkdtemp())
    >>> job = SectionProcess(lambda name: name * 2, ["ab", "c"],
    ...                      files=[(lambda p: p.write_text("x"), tmp / "g.txt")])
    >>> job.start(processes=2)
    >>> built, written = job.results()
    >>> built in ({"ab": "abab", "c": "cc"}, {}), written in ([tmp / "g.txt"], [])
    (True, True)
    >>> job.finish()
    >>> (tmp / "g.txt").read_text() if written else "x"
    'x'
    """

    def __init__(self, build: Callable[[str], object], names: Sequence[str],
                 files: list[tuple[Callable[[Path], object], Path]]):
        self.build = build
        self.names = list(names)
        self.files = list(files)
        self._process = None
        self._reader = None
        self._written: list[Path] = []

    def start(self, processes: int | None = None) -> None:
        """Fork the second process when ``processes`` (default :func:`default_processes`)
        is 2 or more and there is work for it; otherwise do nothing."""
        processes = default_processes() if processes is None else processes
        if processes < 2 or not (self.names or self.files):
            return
        import multiprocessing

        context = multiprocessing.get_context("fork")
        reader, writer = context.Pipe(duplex=False)
        for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice
            stream.flush()
        self._process = context.Process(target=self._run, args=(writer,), daemon=True)
        gc.freeze()  # the collector leaves the objects of the fork alone: their pages stay shared
        try:
            self._process.start()
        finally:
            gc.unfreeze()
        writer.close()
        self._reader = reader

    def _run(self, writer) -> None:
        """In the second process: build every section and write every file, then send
        ``("section", name, built)`` per section, ``("file", path)`` per graph file and
        ``("done",)``; after a failure, what was done and ``("failed",)``.

        Nothing is sent before the end: the first process reads the pipe only once its
        own sections are built, and a send larger than the pipe's buffer would wait."""
        messages = []
        try:
            for name in self.names:
                messages.append(("section", name, self.build(name)))
            for write, path in self.files:
                write(_partial(path))
                messages.append(("file", path))
            messages.append(("done",))
        except BaseException:  # the first process redoes what is missing, and raises there
            messages.append(("failed",))
        try:
            for message in messages:
                writer.send(message)
        finally:
            writer.close()
            # out at once: no exit handlers, no flush of streams whose locks a thread of the
            # first process (a progress bar) may have held at the fork
            os._exit(0)

    def results(self) -> tuple[dict[str, object], list[Path]]:
        """Wait for the second process: (built sections by name, graph files written).

        What is missing from either (the process failed or was never started) the
        caller builds and writes itself."""
        built: dict[str, object] = {}
        written: list[Path] = []
        if self._reader is None:
            return built, written
        try:
            while True:
                message = self._reader.recv()
                if message[0] == "section":
                    built[message[1]] = message[2]
                elif message[0] == "file":
                    written.append(message[1])
                else:
                    break
        except (EOFError, OSError):  # the process died: what it sent still stands
            pass
        finally:
            self._reader.close()
            self._reader = None
            self._process.join(timeout=30)
            if self._process.is_alive():  # stuck after its last message: not needed any more
                self._process.kill()
                self._process.join()
        self._written = written
        return built, written

    def finish(self) -> None:
        """Move the graph files the second process wrote into place."""
        for path in self._written:
            _partial(path).replace(path)
        self._written = []

    def stop(self) -> None:
        """End the second process and remove its temporary files (after a failure)."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        for _, path in self.files:
            _partial(path).unlink(missing_ok=True)


def _partial(path: Path) -> Path:
    return path.with_name(path.name + ".partial")
