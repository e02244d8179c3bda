"""The curation files kept beside a store: the log, the curated overrides, their drafts.

:mod:`ecosystem.resolution.curation` makes the changes (merge, split, undo) as
pure functions of a log; this module reads and writes the files they live in.
The log (:data:`LOG_COLUMNS`) is append-only, one row per name a change edits;
the curated overrides file (:data:`OVERRIDE_COLUMNS`) is what the resolver
reads. Every file is written as a draft first (:func:`write_draft`: every cell
quoted, formula starts neutralised) and moved into place together with the
others (:func:`replace_into_place`), so a failed write changes nothing.

Examples
--------
>>> sorted(curation_paths("/x/ecosystem.duckdb"))
['base', 'log', 'overrides']
>>> empty_log().columns.tolist()[:4]
['change_id', 'at', 'who', 'action']
"""
from __future__ import annotations

import csv
import os
from pathlib import Path

import pandas as pd

from ecosystem.errors import EcosystemError, InputError
from ecosystem.resolution.crosswalk import read_overrides
from ecosystem.untrusted import write_csv

__all__ = ["LOG_COLUMNS", "OVERRIDE_COLUMNS", "base_rows", "comment_lines", "curation_paths",
           "empty_log", "read_log", "replace_into_place", "unquoted", "write_draft"]

#: Columns of the curation log.
LOG_COLUMNS = ["change_id", "at", "who", "action", "actor_id", "target", "variant", "before",
               "after", "undoes"]
#: Columns of a curated overrides file (the resolver reads the first two).
OVERRIDE_COLUMNS = ["variant", "canonical", "change_id", "who", "at"]
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def curation_paths(store_path: str | Path) -> dict[str, Path]:
    """Files kept beside a store: ``overrides`` (what the resolver reads), ``log`` and
    ``base`` (a copy of an overrides file given instead of the package defaults).

    >>> sorted(p.name for p in curation_paths("/x/ecosystem.duckdb").values())
    ['ecosystem.curation.csv', 'ecosystem.overrides-base.csv', 'ecosystem.overrides.csv']
    """
    p = Path(store_path)
    return {"overrides": p.with_name(p.stem + ".overrides.csv"),
            "log": p.with_name(p.stem + ".curation.csv"),
            "base": p.with_name(p.stem + ".overrides-base.csv")}


def empty_log() -> pd.DataFrame:
    """A log with no change."""
    return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("change_id", "undoes") else object)
                         for c in LOG_COLUMNS})


def unquoted(value: object) -> object:
    """A cell read back: the quote :func:`ecosystem.untrusted.write_csv` put before a formula
    start removed."""
    if isinstance(value, str) and value.startswith("'") and value[1:2] and value[1] in _FORMULA:
        return value[1:]
    return value


def read_log(path: str | Path) -> pd.DataFrame:
    """The curation log at ``path`` (empty when the file does not exist).

    Raises
    ------
    InputError
        When the file lacks the log's columns or a change number is not a number.
    """
    p = Path(path)
    if not p.exists():
        return empty_log()
    df = pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in LOG_COLUMNS if c not in df.columns]
    if missing:
        raise InputError(f"not a curation log: the columns {', '.join(missing)} are missing",
                         file=p, record="line 1")
    df = df[LOG_COLUMNS].map(unquoted)
    for col in ("change_id", "undoes"):
        bad = ~df[col].str.fullmatch(r"\d*")
        if bad.any():
            raise InputError(f"{df.loc[bad, col].iloc[0]!r} is no change number", file=p,
                             record=f"line {int(bad.to_numpy().argmax()) + 2}", field=col)
        df[col] = pd.to_numeric(df[col].replace("", None)).astype("Int64")
    return df


def write_draft(frame: pd.DataFrame, path: str | Path, header: str = "") -> Path:
    """Write ``frame`` as CSV to ``path`` + ``.tmp`` (every cell quoted, formula starts
    neutralised, ``header`` lines first as ``#`` comments); return the draft's path.

    The caller moves it into place with :func:`os.replace` (atomic), or removes it.
    """
    tmp = Path(str(path) + ".tmp")
    try:
        write_csv(frame, tmp, quoting=csv.QUOTE_ALL)
        if header:
            lines = "".join(f"# {line}\n" for line in header.splitlines())
            tmp.write_text(lines + tmp.read_text(encoding="utf-8"), encoding="utf-8")
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise EcosystemError(f"cannot write {tmp} ({exc.strerror or exc}); nothing was "
                             f"changed") from exc
    return tmp


def comment_lines(path: Path) -> list[int]:
    """Numbers (from 0) of the lines of ``path`` that are ``#`` comments."""
    with open(path, encoding="utf-8") as fh:
        return [i for i, line in enumerate(fh) if line.startswith("#")]


def base_rows(path: str | Path | None) -> list[tuple[str, str]]:
    """The base overrides: the file at ``path`` when it exists, else the package defaults."""
    return read_overrides(path if path is not None and Path(path).exists() else None)


def replace_into_place(drafts: dict[Path, Path]) -> None:
    """Move each draft (value) onto its file (key) with :func:`os.replace`."""
    for final, draft in drafts.items():
        os.replace(draft, final)
