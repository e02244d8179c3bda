"""Where fetched files are kept, and how a finished fetch is told from a broken one.

Files go to ``<cache>/<source>/<selector>/`` where ``<cache>`` is
``$ECOSYSTEM_CACHE`` or ``~/.cache/ecosystem`` (``--to DIR`` puts them in DIR).
A fetch ends by writing ``.fetch.json`` (the manifest: the files, their sha256, the
selectors, the date) through a rename; each file has its provenance record
(:mod:`ecosystem.fetch.provenance`). A folder is *complete* when its manifest exists
and every file it lists still has a matching record: a study then reads it without
the network. Leftover ``*.part`` files (an interrupted download) are removed by
:func:`sweep_partials` and never listed.

Examples
--------
>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> selector_folder(d, "hdx-3w", {"country": "MLI"}).relative_to(d).as_posix()
'hdx-3w/country-MLI'
>>> complete_files(d / "hdx-3w") is None
True
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

from ecosystem.fetch.provenance import read_record, write_json_atomic

__all__ = ["MANIFEST", "cache_root", "complete_files", "selector_folder", "sweep_partials",
           "write_manifest"]

#: Name of the manifest a finished fetch writes in its folder.
MANIFEST = ".fetch.json"


def cache_root() -> Path:
    """``$ECOSYSTEM_CACHE``, else ``~/.cache/ecosystem``.

    >>> isinstance(cache_root(), Path)
    True
    """
    env = os.environ.get("ECOSYSTEM_CACHE", "").strip()
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or Path.home() / ".cache"
    return Path(base) / "ecosystem"


def _slug(value: object) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", str(value)).strip("-.")[:80] or "_"


def selector_folder(root: str | Path | None, source: str, selectors: dict) -> Path:
    """The folder of one fetch: ``root/source/key-value_key-value`` (sorted keys)."""
    root = Path(root) if root is not None else cache_root()
    parts = [f"{_slug(k)}-{_slug(v)}" for k, v in sorted(selectors.items()) if v not in (None, "")]
    return root / source / ("_".join(parts) or "all")


def sweep_partials(folder: str | Path) -> int:
    """Remove ``*.part`` files an interrupted download left in ``folder``; how many.

    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.csv.part").write_bytes(b"half")
    >>> sweep_partials(d), list(d.iterdir())
    (1, [])
    """
    folder = Path(folder)
    if not folder.is_dir():
        return 0
    n = 0
    for p in folder.glob("*.part"):
        p.unlink(missing_ok=True)
        n += 1
    return n


def write_manifest(folder: str | Path, source: str, selectors: dict, files: list[Path],
                   notes: list[str] | None = None) -> Path:
    """Write ``.fetch.json`` once every file of the fetch is complete."""
    folder = Path(folder)
    doc = {
        "source": source,
        "selectors": selectors,
        "finished": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "files": [{"name": Path(f).relative_to(folder).as_posix(),
                   "sha256": (read_record(f) or {}).get("sha256")} for f in files],
        "notes": notes or [],
    }
    return write_json_atomic(folder / MANIFEST, doc)


def complete_files(folder: str | Path) -> list[Path] | None:
    """The files of a finished fetch in ``folder``, or None when it is not complete.

    None when there is no manifest, or any listed file is missing, changed, or lacks
    its provenance record.
    """
    folder = Path(folder)
    try:
        doc = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        names = [f["name"] for f in doc["files"]]
        sums = [f["sha256"] for f in doc["files"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    files = []
    for name, digest in zip(names, sums):
        path = folder / name
        record = read_record(path)
        if record is None or record.get("sha256") != digest:
            return None
        files.append(path)
    return files
