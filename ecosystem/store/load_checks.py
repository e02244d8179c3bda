"""Checks a store load makes before writing: which registry, unique initiatives, one file
once, and which files the store already holds unchanged.

A file is unchanged when the store holds its (registry, resolved path, sha256)
with the same tool version, and the store was last resolved by the same code
and reference data (:func:`build_stamp`). Its registry is then kept as stored,
not parsed again; when the resolver overrides changed too, the store is
resolved again from the loader output it keeps.
"""
from __future__ import annotations

import hashlib
import stat
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from ecosystem.errors import EcosystemError, InputError
from ecosystem.loaders import sha256
from ecosystem.model import Registry
from ecosystem.reference.datapaths import REFERENCE_DIR
from ecosystem.resolution.crosswalk import DEFAULT_OVERRIDES
from ecosystem.store.tables import KEY

__all__ = ["CODE_PARTS", "build_stamp", "check_one_registry_per_file",
           "check_unique_initiatives", "file_key", "provenance_rows", "registry_key",
           "source_rows", "unchanged_files"]

#: The package's modules that decide what a load stores: the store's layer and those
#: below it (tests/test_layout.py), relative to the package folder.
CODE_PARTS = ("__init__.py", "store", "ingest.py", "resolution", "loaders", "summary.py",
              "kinds.py", "model.py", "untrusted.py", "reference", "errors.py")


def registry_key(part: Registry, registry: str | None) -> str:
    """The registry a loaded part belongs to: ``registry``, its source's, or its initiatives'.

    Examples
    --------
    >>> registry_key(Registry.empty(), "rowca")
    'rowca'
    """
    if registry:
        return registry
    for s in part.sources:
        if s.get("registry"):
            return str(s["registry"])
    if part.registries:
        return part.registries[0]
    raise EcosystemError("cannot tell which registry these rows belong to; give --registry NAME")


def check_unique_initiatives(initiatives: pd.DataFrame, keyed: list) -> None:
    """Refuse an initiative id that two files (or two registries) both give.

    ``keyed`` is the list of (registry, part) pairs being loaded.
    """
    dup = initiatives[initiatives.duplicated("initiative_id", keep=False)]
    if dup.empty:
        return
    first = dup["initiative_id"].iloc[0]
    holders = sorted(set(dup.loc[dup["initiative_id"] == first, KEY]))
    files = [s.get("path") for k, p in keyed for s in p.sources
             if first in set(p.initiatives["initiative_id"])]
    where = f"files {', '.join(map(str, files))}" if files else f"registries {', '.join(holders)}"
    raise EcosystemError(
        f"initiative {first} comes twice ({where}; {dup['initiative_id'].nunique():,} "
        f"initiatives in all): load each registry from one file, or give each a "
        f"different --registry")


def check_one_registry_per_file(new_sources: list[dict], kept: pd.DataFrame) -> None:
    """Refuse a file (by sha256) already held, or given, under another registry name."""
    holders = dict(zip(kept["sha256"], kept["registry"]))
    for s in new_sources:
        sha, holder = s.get("sha256"), None
        if sha and holders.get(sha, s["registry"]) != s["registry"]:
            holder = holders[sha]
        if holder is not None:
            raise InputError(
                f"this file is already loaded as registry {holder!r} (same content, sha256 "
                f"{sha[:12]}); loading it again as {s['registry']!r} would count its "
                f"initiatives twice: load it as {holder!r} to replace it", file=s["path"],
                field="registry")
        if sha:
            holders[sha] = s["registry"]


def file_key(path: str | Path) -> tuple[str, str | None]:
    """(resolved path, sha256) of a file; sha256 is None when it is no readable regular file.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = f.write_text("x", encoding="utf-8")
    >>> file_key(f)[1][:12], file_key(f.with_name("none.csv"))[1]
    ('2d711642b726', None)
    """
    p = Path(path)
    try:
        if not stat.S_ISREG(p.stat().st_mode):
            return str(p.resolve()), None
        return str(p.resolve()), sha256(p)
    except OSError:
        return str(p.resolve()), None


def _code_sha256() -> str:
    """sha256 over the sources of :data:`CODE_PARTS` and the reference tables but the
    default overrides (those have their own entry in :func:`build_stamp`)."""
    package = Path(__file__).resolve().parents[1]
    files = []
    for part in CODE_PARTS:
        p = package / part
        files += sorted(p.rglob("*.py")) if p.is_dir() else [p] if p.is_file() else []
    files += [p for p in sorted(REFERENCE_DIR.glob("*.csv"))
              if p.resolve() != DEFAULT_OVERRIDES.resolve()]
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def build_stamp(overrides: str | Path | None, version: str) -> dict[str, str | None]:
    """What a resolved store depends on besides its files: ``tool_version``, ``code_sha256``
    (:data:`CODE_PARTS` and the reference tables) and ``overrides_sha256`` (the overrides
    file; ``absent`` for a missing default, None for a missing named file).

    Examples
    --------
    >>> stamp = build_stamp(None, "0.1.0")
    >>> sorted(stamp), stamp == build_stamp(None, "0.1.0")
    (['code_sha256', 'overrides_sha256', 'tool_version'], True)
    """
    p = Path(overrides) if overrides is not None else DEFAULT_OVERRIDES
    if p.is_file():
        over = sha256(p)
    else:
        over = "absent" if overrides is None else None
    return {"tool_version": version, "code_sha256": _code_sha256(), "overrides_sha256": over}


def unchanged_files(files: list[tuple[str, str | None]], registry: str | None,
                    sources: pd.DataFrame, version: str) -> dict[str, list[int]]:
    """Registries the store holds unchanged from ``files``: registry → indexes into ``files``.

    A registry is unchanged when the files given for it are exactly the files it
    holds (resolved path and sha256), all loaded with tool ``version``; with
    ``registry`` given, every file must belong to it. Loading such a registry
    again would rewrite the same rows.

    Parameters
    ----------
    files : list of (resolved path, sha256 or None)
        The files to load (:func:`file_key`).
    registry : str or None
        The registry name asked for; None takes the name the store holds each file under.
    sources : DataFrame
        The store's ``main.sources``.
    version : str
        The running tool version.

    Examples
    --------
    >>> src = pd.DataFrame({"registry": ["a"], "path": ["/d/a.csv"], "sha256": ["01"],
    ...                     "tool_version": ["1"]})
    >>> unchanged_files([("/d/a.csv", "01")], None, src, "1")
    {'a': [0]}
    >>> unchanged_files([("/d/a.csv", "01")], "b", src, "1"), unchanged_files(
    ...     [("/d/a.csv", "02")], None, src, "1"), unchanged_files([("/d/a.csv", "01")], None,
    ...     src, "2")
    ({}, {}, {})
    """
    if any(sha is None for _, sha in files) or len(set(files)) != len(files):
        return {}
    held: dict[str, set] = {}
    current: dict[tuple, str] = {}
    for r, path, sha, tool in zip(sources["registry"], sources["path"], sources["sha256"],
                                  sources["tool_version"]):
        held.setdefault(r, set()).add((path, sha, tool == version))
        current[(path, sha)] = r
    given: dict[str, list[int]] = {}
    for i, f in enumerate(files):
        r = current.get(f)
        if r is None or (registry is not None and r != registry):
            if registry is not None:  # every file goes to that registry: one is new
                return {}
            continue  # read and keyed by its loader; the caller checks the name it gets
        given.setdefault(r, []).append(i)
    return {r: ix for r, ix in given.items()
            if held[r] == {(files[i][0], files[i][1], True) for i in ix}}


def provenance_rows(keyed: list, version: str) -> list[dict]:
    """The ``main.sources`` rows of the (registry, part) pairs being loaded, stamped now.

    Examples
    --------
    >>> part = Registry.empty()
    >>> part.sources = [{"path": "/d/a.csv", "sha256": "01", "format": "hxl"}]
    >>> row = provenance_rows([("a", part)], "0.1.0")[0]
    >>> row["registry"], row["path"], row["initiatives"], row["tool_version"]
    ('a', '/d/a.csv', 0, '0.1.0')
    """
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    return [{"registry": k, "path": str(Path(s["path"]).resolve()) if s.get("path") else None,
             "sha256": s.get("sha256"), "format": s.get("format"),
             "initiatives": len(p.initiatives), "loaded_at": now, "tool_version": version,
             "encoding": s.get("encoding"), "notes": " | ".join(s.get("notes") or []) or None}
            for k, p in keyed for s in (p.sources or [{}])]


def source_rows(sources: pd.DataFrame) -> list[dict]:
    """``main.sources`` rows as a load result's ``loaded`` / ``skipped`` entries.

    Examples
    --------
    >>> source_rows(pd.DataFrame({"registry": ["a"], "path": ["/d/a.csv"], "format": ["hxl"],
    ...     "sha256": ["01"], "initiatives": [2], "encoding": [None], "notes": [None],
    ...     "loaded_at": [None]}))[0]["initiatives"]
    2
    """
    return [{k: s[k] for k in ("registry", "path", "format", "sha256", "initiatives",
                               "encoding", "notes")} for s in sources.to_dict("records")]
