"""Provenance records: what each fetched file is, kept next to it.

Every fetched file ``x.csv`` gets ``x.csv.provenance.json`` beside it::

    {"url": "...", "retrieved": "2026-12-06T16:50:00Z", "sha256": "...", "bytes": 1234,
     "licence": "Creative Commons Attribution International", "licence_url": "...",
     "source": "hdx-3w", "selector": {"country": "MLI"}, "tool": "ecosystem 0.1.0"}

The licence is written as the source states it (its words, not a judgement). A
record counts only while its ``sha256`` is that of the file beside it
(:func:`read_record`): a file without a matching record is incomplete and is
fetched again; a record never describes another file's content.

Examples
--------
>>> import pathlib, tempfile
>>> f = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
>>> _ = f.write_text("x\\n", encoding="utf-8")
>>> rec = write_record(f, url="http://127.0.0.1/a.csv", licence="CC BY 4.0", source="demo")
>>> read_record(f)["licence"], read_record(f)["bytes"]
('CC BY 4.0', 2)
>>> _ = f.write_text("changed\\n", encoding="utf-8")
>>> read_record(f) is None
True
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

__all__ = ["RECORD_SUFFIX", "file_sha256", "is_record", "read_record", "record_path",
           "source_provenance", "write_json_atomic", "write_record"]

#: Suffix of a provenance record beside the file it describes.
RECORD_SUFFIX = ".provenance.json"


def file_sha256(path: str | Path) -> str:
    """Hex sha256 of a file's bytes.

    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "e"
    >>> _ = f.write_bytes(b"")
    >>> file_sha256(f)[:12]
    'e3b0c44298fc'
    """
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def record_path(path: str | Path) -> Path:
    """Path of the provenance record of ``path``.

    >>> record_path("data/a.csv").name
    'a.csv.provenance.json'
    """
    path = Path(path)
    return path.with_name(path.name + RECORD_SUFFIX)


def is_record(path: str | Path) -> bool:
    """True for a provenance record's own file name.

    >>> is_record("a.csv.provenance.json"), is_record("a.csv")
    (True, False)
    """
    return Path(path).name.endswith(RECORD_SUFFIX)


def write_json_atomic(path: str | Path, doc: object) -> Path:
    """Write ``doc`` as JSON to ``path`` through a temporary file and a rename.

    A reader sees the old file or the new one, never half of one.

    >>> import pathlib, tempfile
    >>> p = write_json_atomic(pathlib.Path(tempfile.mkdtemp()) / "m.json", {"a": 1})
    >>> p.read_text(encoding="utf-8")
    '{\\n  "a": 1\\n}'
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
    return path


def write_record(path: str | Path, *, url: str, licence: str, source: str,
                 licence_url: str | None = None, selector: dict | None = None,
                 retrieved: str | None = None, sha256: str | None = None,
                 extra: dict | None = None) -> dict:
    """Write the provenance record of a fetched file and return it.

    Parameters
    ----------
    path : path
        The fetched file (already complete).
    url : str
        Where it came from.
    licence : str
        The licence as the source states it.
    source : str
        The fetch source (``hdx-3w``, ``iati``, ...).
    licence_url, selector, retrieved, sha256, extra
        Optional: a link to the licence, the selectors the fetch was run with, the
        retrieval time (default now, UTC), the file's sha256 (default: computed), more keys.
    """
    from ecosystem import __version__

    path = Path(path)
    record = {
        "url": url,
        "retrieved": retrieved or dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "sha256": sha256 or file_sha256(path),
        "bytes": path.stat().st_size,
        "licence": licence,
        "licence_url": licence_url or "",
        "source": source,
        "selector": selector or {},
        "tool": f"ecosystem {__version__}",
        **(extra or {}),
    }
    write_json_atomic(record_path(path), record)
    return record


def read_record(path: str | Path) -> dict | None:
    """The provenance record of ``path`` when it still describes the file, else None.

    None when there is no record, it is not valid JSON, or its ``sha256`` or
    ``bytes`` differ from the file's (the file changed, or its download never completed).
    """
    path = Path(path)
    rec_file = record_path(path)
    try:
        record = json.loads(rec_file.read_text(encoding="utf-8"))
        size = path.stat().st_size
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("bytes") != size:
        return None
    if record.get("sha256") != file_sha256(path):
        return None
    return record


def source_provenance(source: dict) -> dict:
    """What a report shows of a loaded file's fetch: ``fetched_from``, ``retrieved``,
    ``licence``, ``licence_url`` (empty strings for a local file or a stale record).

    ``source`` is one entry of :attr:`ecosystem.model.Registry.sources` (``path``,
    ``sha256``); the record counts only when its sha256 is the loaded file's.

    >>> source_provenance({"path": "/nowhere/a.csv", "sha256": "0"})["fetched_from"]
    ''
    """
    empty = {"fetched_from": "", "retrieved": "", "licence": "", "licence_url": ""}
    path = source.get("path")
    if not isinstance(path, str) or not path:
        return empty
    try:
        record = json.loads(record_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return empty
    if not isinstance(record, dict) or record.get("sha256") != source.get("sha256"):
        return empty
    url = str(record.get("url") or "")
    link = str(record.get("licence_url") or "")
    return {"fetched_from": url if url.startswith(("http://", "https://")) else "",
            "retrieved": str(record.get("retrieved") or ""),
            "licence": str(record.get("licence") or ""),
            "licence_url": link if link.startswith(("http://", "https://")) else ""}
