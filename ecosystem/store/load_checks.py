"""Checks a store load makes before writing: which registry, unique initiatives, one file once."""
from __future__ import annotations

import pandas as pd

from ecosystem.errors import EcosystemError, InputError
from ecosystem.model import Registry
from ecosystem.store.tables import KEY

__all__ = ["check_one_registry_per_file", "check_unique_initiatives", "registry_key"]


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
