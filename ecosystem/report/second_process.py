"""Half of a report built in a second process, beside the first.

A report's sections are independent once the results several of them read
(the actor projection, its communities) are computed. On a machine with two
or more cores, :func:`~ecosystem.report.build_report` forks a second process
after computing those shared results: the second process builds the sections
that read the registry, its coverage cells and the communities
(:data:`SECOND_PROCESS_SECTIONS`) and writes the static graph files, while the
first builds the hub, broker, power and time sections. The second process sends
each section back as soon as it is built, ready for the page (figures and tables
as HTML; a thread of the first process receives them), writes each graph file
under a temporary name that the first process moves into place only when the
whole report is written, and ends, freeing its memory.

The fork copies the first process's memory, so nothing shared is computed or
held twice; the second process never touches the store, the progress bar or
the terminal. Memory is what the two processes hold together: the garbage
collector is frozen in both while they run (a collection writes to every object,
and a page written to is copied, no longer shared), and each section's leftovers
are handed back to the system (:func:`release_memory`). Whatever the second process could not do (it failed, was killed,
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

import ctypes
import gc
import os
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from ecosystem.loaders.field_workers import fork_processes

__all__ = ["SECOND_PROCESS_LIMIT", "SECOND_PROCESS_SECTIONS", "SectionProcess",
           "default_processes", "release_memory"]

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


def release_memory(collect: bool = True) -> None:
    """Collect garbage (when ``collect``) and hand the C library's free memory back to the
    system (glibc's ``malloc_trim``; nothing more where it is missing).

    Two processes share the pages of the fork until either writes to them, and a page freed
    but kept by the allocator still counts in a process's memory: releasing what a section
    left behind keeps the two processes' sum down. Results are not touched.

    Examples
    --------
    >>> release_memory()
    >>> release_memory(collect=False)
    """
    if collect:
        gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _malloc_trim():
    """glibc's ``malloc_trim``, or None (another C library, another system)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None


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
        self._receiver: threading.Thread | None = None
        self._messages: list[tuple] = []
        self._written: list[Path] = []

    @property
    def forked(self) -> bool:
        """True from :meth:`start` (when it forked) until :meth:`results`."""
        return self._reader is not None

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
        release_memory()  # what is garbage now is not shared, and not frozen below
        # the collector leaves the objects of the fork alone in both processes (until
        # :meth:`results`): a collection writes to every object it visits, and a page written
        # to is copied, no longer shared
        gc.freeze()
        try:
            self._process.start()
        except BaseException:
            gc.unfreeze()
            raise
        writer.close()
        self._reader = reader
        # a thread here takes each message as it comes, so that the second process, once
        # done, ends and frees its memory while this one still builds its own sections
        self._messages = []
        self._receiver = threading.Thread(target=self._receive, daemon=True)
        self._receiver.start()

    def _receive(self) -> None:
        """In a thread of the first process: keep the second process's messages until its
        last one, or until it ends without one (died: what it sent still stands)."""
        try:
            while True:
                message = self._reader.recv()
                self._messages.append(message)
                if message[0] not in ("section", "file"):
                    return
        except (EOFError, OSError):
            return

    def _run(self, writer) -> None:
        """In the second process: write every file and build every section, sending
        ``("file", path)`` per graph file and ``("section", name, built)`` per section as
        each is done, then ``("done",)``; after a failure, ``("failed",)``.

        The files first, while the process holds least: its sections' leftovers add up."""
        try:
            try:
                for write, path in self.files:
                    path.parent.mkdir(parents=True, exist_ok=True)  # as the page's writer does
                    write(_partial(path))
                    writer.send(("file", path))
                release_memory()
                for name in self.names:
                    writer.send(("section", name, self.build(name)))
                    release_memory()  # what the section left, before the next one allocates
                last = ("done",)
            except BaseException:  # the first process redoes what is missing, and raises there
                last = ("failed",)
            writer.send(last)
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
            self._receiver.join()
        finally:
            self._close()
            self._process.join(timeout=30)
            if self._process.is_alive():  # stuck after its last message: not needed any more
                self._process.kill()
                self._process.join()
        for message in self._messages:
            if message[0] == "section":
                built[message[1]] = message[2]
            elif message[0] == "file":
                written.append(message[1])
        self._messages = []
        self._written = written
        return built, written

    def _close(self) -> None:
        """Close the pipe once the receiving thread is done with it."""
        self._receiver.join(timeout=30)
        self._reader.close()
        self._reader = None
        self._receiver = None
        gc.unfreeze()  # the objects of the fork are this process's alone again

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
        if self._reader is not None:  # the process has ended: the thread sees the pipe's end
            self._close()
        for _, path in self.files:
            _partial(path).unlink(missing_ok=True)


def _partial(path: Path) -> Path:
    return path.with_name(path.name + ".partial")
