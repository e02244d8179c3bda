"""Registry loaders: files in, :class:`ecosystem.model.Registry` (with mentions) out.

Each loader module has two functions:

``sniff(path, head: bytes) -> bool``
    True when the file's *content* (its first bytes) is in the loader's format.
``read(path, registry: str | None = None) -> Registry``
    Parse the file into initiatives, facets and mentions. Raise
    :class:`ecosystem.errors.InputError` naming file, record and field on bad input.

Resolution of mentions into actors happens afterwards, in :mod:`ecosystem.resolution.resolve`.
Formats are tried in the order of :data:`FORMATS`; the first whose ``sniff``
accepts the file reads it.
"""
from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

from ecosystem.errors import InputError
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
    ("360giving-json", "ecosystem.loaders.threesixtygiving"),
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
    if not p.exists():
        raise InputError("no such file", file=p)
    if p.is_dir():
        raise InputError("is a folder; give the registry files inside it", file=p)
    with open(p, "rb") as fh:
        head = fh.read(HEAD_BYTES)
    if not head.strip():
        raise InputError("the file is empty", file=p, record="line 1")
    for fmt, mod in FORMATS:
        if _module(mod).sniff(p, head):
            return fmt
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
    fmt = fmt or detect(path)
    mod = dict(FORMATS).get(fmt)
    if mod is None:
        raise InputError(f"unknown format {fmt!r}", file=path)
    reg = clean_registry(_module(mod).read(Path(path), registry=registry))
    if not reg.sources:
        reg.sources = [{"path": str(path), "sha256": sha256(path), "format": fmt,
                        "registry": registry or (reg.registries[0] if reg.registries else fmt)}]
    return reg
