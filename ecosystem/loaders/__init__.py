"""Registry loaders: files in, :class:`ecosystem.model.Registry` (with mentions) out.

Each loader module has two functions:

``sniff(path, head: bytes) -> bool``
    True when the file's *content* (its first bytes) is in the loader's format.
``read(path, registry: str | None = None) -> Registry``
    Parse the file into initiatives, facets and mentions. Raise
    :class:`ecosystem.errors.InputError` naming file, record and field on bad input.

Resolution of mentions into actors happens afterwards, in :mod:`ecosystem.resolution.resolve`.
Formats are tried in the order of :data:`FORMATS`; the first whose ``sniff``
accepts the file reads it. When none does, a loader with a ``near_miss(path,
head) -> str | None`` function may say what its format lacks ("no row of HXL
hashtags"); that message is given instead of "unknown format". Only regular
files are read (:mod:`ecosystem.loaders.file_limits`).

A loader may return its registry with one ``sources`` entry holding only what it
alone knows (``"encoding"``, ``"notes"``: data-quality notes such as rows
skipped); :func:`read` completes it with path, sha256, format and registry.
"""
from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

from ecosystem.errors import InputError
from ecosystem.loaders.channel_categories import read_channel_categories
from ecosystem.loaders.dropped_letters import restore_dropped_letters
from ecosystem.loaders.file_limits import require_regular_file
from ecosystem.loaders.mojibake import repair_registry
from ecosystem.loaders.unnamed_parties import read_unnamed_parties
from ecosystem.model import Registry
from ecosystem.untrusted import clean_registry

__all__ = ["FORMATS", "HEAD_BYTES", "detect", "read", "sha256"]

#: (format name, module) in the order they are tried.
FORMATS: list[tuple[str, str]] = [
    ("ocean-jsonl", "ecosystem.loaders.ocean_jsonl"),
    ("ocean-csv", "ecosystem.loaders.ocean_csv"),
    ("ocean-html", "ecosystem.loaders.ocean_html"),
    ("iati-xml", "ecosystem.loaders.iati"),
    ("hxl", "ecosystem.loaders.hxl"),  # after ocean-csv: any CSV/XLSX with a hashtag row
    ("edge-sheet", "ecosystem.loaders.edge_sheet"),  # after hxl: a Source,Target header row
    ("360giving-json", "ecosystem.loaders.threesixtygiving"),
    ("node-link-json", "ecosystem.loaders.node_link_json"),
]

#: How many bytes of a file each format's ``sniff`` sees.
HEAD_BYTES = 65536


def _module(name: str):
    return importlib.import_module(name)


def detect(path: str | Path) -> str:
    """Name the format of ``path`` from its content.

    Raises
    ------
    InputError
        When the file is missing, empty, or in no known format.
    """
    p = Path(path)
    require_regular_file(p)
    with open(p, "rb") as fh:
        head = fh.read(HEAD_BYTES)
    if not head.strip():
        raise InputError("the file is empty", file=p, record="line 1")
    for fmt, mod in FORMATS:
        if _module(mod).sniff(p, head):
            return fmt
    for _, mod in FORMATS:
        near_miss = getattr(_module(mod), "near_miss", None)
        message = near_miss(p, head) if near_miss else None
        if message:
            raise InputError(message, file=p, record="line 1")
    known = ", ".join(f for f, _ in FORMATS)
    raise InputError(f"unknown format: the content matches none of {known}", file=p, record="line 1")


def sha256(path: str | Path) -> str:
    """Hex sha256 of a file, for provenance."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read(path: str | Path, registry: str | None = None, fmt: str | None = None) -> Registry:
    """Read one file into an unresolved :class:`Registry` (mentions, no actors yet)."""
    require_regular_file(path)
    fmt = fmt or detect(path)
    mod = dict(FORMATS).get(fmt)
    if mod is None:
        raise InputError(f"unknown format {fmt!r}", file=path)
    reg = _module(mod).read(Path(path), registry=registry)
    own = reg.sources[0] if len(reg.sources) == 1 and "sha256" not in reg.sources[0] else None
    if own is not None or not reg.sources:
        reg.sources = [{"path": str(path), "sha256": sha256(path), "format": fmt,
                        "registry": registry or (reg.registries[0] if reg.registries else fmt),
                        **(own or {})}]
    # mojibake repaired before control characters go (some of it holds C1 controls);
    # "Donor country-based NGO", "Recipient Government": a kind of body, or the recipient's
    # state; each step notes what it changed in the source's notes
    # "Anonymous donor …", "Various Recipients (details not yet provided)": no organisation
    reg = restore_dropped_letters(repair_registry(reg))  # "Asociacin" beside "Asociación"
    return clean_registry(read_unnamed_parties(read_channel_categories(reg)))
