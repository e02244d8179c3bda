"""The partner and lead fields of a large file read in two processes.

Reading a field (:func:`~ecosystem.loaders.partner_text.split_partners`,
:func:`~ecosystem.loaders.lead_text.split_lead`) depends on its text alone, and
it is most of the time a file takes to load. :func:`read_fields` shares the
distinct texts of a file out between this process and a forked second one (the
fork inherits every module and table already loaded: nothing is imported or read
again); the second sends its mentions back through a pipe.

A fork and the transfer of its results cost some tens of milliseconds, so only
a file with :data:`MIN_TEXTS` distinct texts or more is shared out. Where the
platform cannot fork, or the second process fails, fewer texts are returned:
the caller reads the missing ones itself, as it always does, so the mentions
and the errors are those of a one-process read.

Examples
--------
>>> read_fields([("partners", "WWF; NGOs")], processes=1)  # too few texts: nothing read ahead
{}
>>> found = read_fields([("partners", "WWF; NGOs"), ("lead", "Blue Ventures")], processes=2, min_texts=1)
>>> [m.name for m in found[("partners", "WWF; NGOs")]], [m.name for m in found[("lead", "Blue Ventures")]]
(['WWF', 'NGOs'], ['Blue Ventures'])
"""
from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterable

from ecosystem.loaders.lead_text import split_lead
from ecosystem.loaders.partner_text import PartnerMention, split_partners
from ecosystem.reference.countries import country_iso3
from ecosystem.reference.country_text import find_countries
from ecosystem.reference.gazetteer import place_kind
from ecosystem.reference.given_names import is_given_name

__all__ = ["MIN_TEXTS", "fork_processes", "read_fields"]

#: Fewest distinct texts worth a second process (the Ocean registry has about 4,000).
MIN_TEXTS = 2000

#: The reader of each field.
_READERS = {"partners": split_partners, "lead": split_lead}


def read_fields(texts: Iterable[tuple[str, str]], processes: int = 2,
                min_texts: int | None = None) -> dict[tuple[str, str], tuple[PartnerMention, ...]]:
    """Mentions of each distinct ``(field, text)``, half of them read in a forked process.

    Parameters
    ----------
    texts : iterable of (str, str)
        ``("partners", text)`` or ``("lead", text)`` pairs; repeats are read once.
    processes : int
        2 to share the texts with a second process; 1 reads nothing ahead.
    min_texts : int, optional
        Fewest distinct texts worth the second process (default :data:`MIN_TEXTS`).

    Returns
    -------
    dict
        ``(field, text)`` → the mentions its reader finds. Empty when the texts
        are not shared out; a text whose reader failed is missing (its caller
        reads it again and raises the error with the record named).

    Examples
    --------
    >>> read_fields([("lead", "WWF")], processes=2)  # below min_texts
    {}
    """
    jobs = sorted(set(texts), key=lambda job: len(job[1]), reverse=True)
    if processes < 2 or len(jobs) < (MIN_TEXTS if min_texts is None else min_texts) or fork_processes() < 2:
        return {}
    # longest first, dealt in turn: two shares of about the same number of characters
    mine, theirs = jobs[0::2], jobs[1::2]
    _load_tables()
    import multiprocessing

    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice
        stream.flush()
    process = context.Process(target=_send, args=(theirs, writer), daemon=True)
    gc.freeze()  # the collector leaves the objects of the fork alone: their pages stay shared
    try:
        process.start()
    finally:
        gc.unfreeze()
    writer.close()
    found = _read(mine)
    try:
        found.update({job: tuple(PartnerMention(*fields) for fields in mentions)
                      for job, mentions in reader.recv().items()})
    except (EOFError, OSError):  # the second process failed: its texts are read by the caller
        pass
    finally:
        reader.close()
        process.join(timeout=30)
        if process.is_alive():  # stuck after sending: not needed any more
            process.kill()
            process.join()
    return found


def fork_processes() -> int:
    """2 on Linux with two or more cores free to this process, else 1: how many processes
    a job that forks a second one (this read, the report's sections) should use.

    Only Linux forks safely with the libraries the package loads (macOS's system
    frameworks do not survive a fork; Windows has none).

    Examples
    --------
    >>> fork_processes() in (1, 2)
    True
    """
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return 1
    return 2 if len(os.sched_getaffinity(0)) >= 2 else 1


def _load_tables() -> None:
    """Load the reference tables the readers look names up in (countries, cities, regions, given
    names) before the fork: the two processes share them instead of each reading them."""
    place_kind("Reference Tables")  # a capitalised phrase that is no country: every table is read
    is_given_name("Rohan")
    find_countries("Fiji")
    country_iso3("Fiji")


def _read(jobs: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[PartnerMention, ...]]:
    """Each job's mentions; a job whose reader raises is left out."""
    found = {}
    for field, text in jobs:
        try:
            found[(field, text)] = tuple(_READERS[field](text))
        except Exception:  # noqa: BLE001 - the caller reads it again and raises with the record named
            continue
    return found


def _send(jobs: list[tuple[str, str]], writer) -> None:
    """In the second process: read ``jobs`` and send their mentions, each as a tuple of its
    fields (a tuple unpickles about ten times faster than the dataclass)."""
    try:
        writer.send({job: tuple((m.name, m.actor_type, m.source_text, m.country, m.reason)
                                for m in mentions)
                     for job, mentions in _read(jobs).items()})
    finally:
        writer.close()
        # out at once: no exit handlers, no flush of streams another thread may have held
        os._exit(0)
