"""Registry text is untrusted: cleaned on the way in, neutralised on the way out.

On the way in (:func:`clean_registry`, called on every loader's output), text
loses the characters that can hide or rewrite what a reader sees:

* control characters: C0 (U+0000–U+001F) except tab, newline and carriage
  return, DEL and C1 (U+007F–U+009F) — a NUL breaks XML exports, an ESC
  rewrites the terminal;
* bidirectional formatting (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
  U+061C), which can display a name backwards ("Trojan Source", Boucher &
  Anderson 2021);
* in names only, zero-width characters (U+200B–U+200D, U+2060, U+FEFF), which
  make two identical-looking names differ.

Loaders that repair what an export did to the text (mojibake, accented letters it
dropped) rewrite columns through :func:`rewrite_columns`; each such pass, and the
cleaning above, says in the source's notes how many values of which fields it changed
(:func:`with_note`).

On the way out (:func:`write_csv`), every text cell that a spreadsheet would
read as a formula — one starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return — is prefixed with a single quote, as the OWASP guidance on
CSV injection recommends; numbers stay numbers.

Examples
--------
>>> clean_text("Ocean\\x00 Trust\\x1b[2J")
'Ocean Trust[2J'
>>> clean_text("\\u202eReef Fund\\u200b", name=True)
'Reef Fund'
>>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-12"), neutralise(-12), neutralise("WWF")
('\\'=HYPERLINK("http://x")', "'-12", -12, 'WWF')
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from ecosystem.model import Registry

__all__ = ["NAME_COLUMNS", "clean_registry", "clean_text", "neutralise", "neutralise_frame",
           "rewrite_columns", "with_note", "write_csv"]

_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_BIDI = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
_ZERO_WIDTH = "\u200b-\u200d\u2060\ufeff"
_TEXT = re.compile(f"[{_CONTROL}{_BIDI}]")
_NAME = re.compile(f"[{_CONTROL}{_BIDI}{_ZERO_WIDTH}]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: (table, column) pairs that hold names: zero-width characters are removed there too.
NAME_COLUMNS = frozenset({("mentions", "name"), ("actors", "name"), ("actors", "official_name"),
                          ("flows", "provider_name"), ("flows", "receiver_name"),
                          ("unresolved", "text")})


def clean_text(text: str, *, name: bool = False) -> str:
    """``text`` without control and bidi characters (and zero-width ones when ``name``)."""
    return (_NAME if name else _TEXT).sub("", text)


def clean_registry(reg: Registry) -> Registry:
    """``reg`` with every text column cleaned (:func:`clean_text`); unchanged frames are kept.

    When anything was removed, each source of ``reg`` gets a note (in its
    ``notes`` list) saying how many values of which fields were cleaned; the
    data-quality appendix and ``ecosystem load`` show it.

    Examples
    --------
    >>> import pandas as pd
    >>> reg = Registry.from_frames(mentions=pd.DataFrame({
    ...     "initiative_id": ["i1"], "name": ["Reef\u202e Fund"], "role": "lead",
    ...     "actor_type": "ngo", "registry": "r", "record_id": "1"}),
    ...     sources=[{"path": "r.csv"}])
    >>> out = clean_registry(reg)
    >>> out.mentions["name"].tolist(), out.sources[0]["notes"]
    (['Reef Fund'], ['removed control, bidirectional or zero-width characters from 1 value (mentions.name 1)'])
    """
    frames, counts = {}, {}
    for table, df in reg.tables().items():
        changed = {}
        for col in df.columns:
            if not (pd.api.types.is_string_dtype(df[col]) or df[col].dtype == object):
                continue
            pattern = _NAME if (table, col) in NAME_COLUMNS else _TEXT
            values = df[col]
            text = values.astype("string")
            hit = text.str.contains(pattern, regex=True).fillna(False).to_numpy(dtype=bool)
            if hit.any():
                counts[f"{table}.{col}"] = int(hit.sum())
                fixed = values.copy()
                fixed[hit] = text[hit].str.replace(pattern, "", regex=True)
                changed[col] = fixed
        if changed:
            frames[table] = df.assign(**changed)
    return with_note(reg, frames, counts,
                     "removed control, bidirectional or zero-width characters from")


def rewrite_columns(reg: Registry, columns: Mapping[str, tuple[str, ...]],
                    rewrite: Callable[[str], str], what: str) -> Registry:
    """``reg`` with ``rewrite`` applied to every distinct text value of ``columns`` (table →
    column names; a column a table lacks is skipped), and a note "{what} N values (…)" in
    each source when a value changed; the registry itself when none did.

    Examples
    --------
    >>> import pandas as pd
    >>> reg = Registry.from_frames(mentions=pd.DataFrame({
    ...     "initiative_id": ["i1", "i2"], "name": ["wwf", "UNEP"], "role": "partner",
    ...     "actor_type": "unknown", "registry": "r", "record_id": ["1", "2"]}),
    ...     sources=[{"path": "r.csv"}])
    >>> out = rewrite_columns(reg, {"mentions": ("name",)}, str.upper, "capitalised")
    >>> out.mentions["name"].tolist(), out.sources[0]["notes"]
    (['WWF', 'UNEP'], ['capitalised 1 value (mentions.name 1)'])
    >>> rewrite_columns(reg, {"mentions": ("name",)}, str.strip, "trimmed") is reg
    True
    """
    frames: dict[str, pd.DataFrame] = {}
    counts: dict[str, int] = {}
    for table, names in columns.items():
        df = getattr(reg, table)
        changed = {}
        for col in names:
            if col not in df.columns or not len(df):
                continue
            values = df[col]
            fixed = {v: r for v in set(values.dropna().tolist())
                     if isinstance(v, str) and (r := rewrite(v)) != v}
            if not fixed:
                continue
            hit = values.isin(list(fixed)).to_numpy(dtype=bool)
            counts[f"{table}.{col}"] = int(hit.sum())
            new = values.astype(object).copy()
            new[hit] = [fixed[v] for v in values[hit].tolist()]
            changed[col] = new.astype(values.dtype) if values.dtype != object else new
        if changed:
            frames[table] = df.assign(**changed)
    return with_note(reg, frames, counts, what)


def with_note(reg: Registry, frames: Mapping[str, pd.DataFrame], counts: Mapping[str, int],
              what: str) -> Registry:
    """``reg`` with the changed ``frames`` and a note in each source: "{what} N values
    (table.column n, …)" from ``counts``; the registry itself when ``frames`` is empty.

    Examples
    --------
    >>> reg = Registry.from_frames(sources=[{"path": "r.csv"}])
    >>> with_note(reg, {}, {}, "removed") is reg
    True
    """
    if not frames:
        return reg
    out = reg.replace(**frames)
    total = sum(counts.values())
    note = (f"{what} {total:,} value{'s' if total != 1 else ''} ("
            + ", ".join(f"{k} {n:,}" for k, n in counts.items()) + ")")
    out.sources = [{**s, "notes": [*(s.get("notes") or []), note]} for s in reg.sources]
    return out


def neutralise(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, prefixed with ``'``."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with :func:`neutralise` applied to every text column (and the column names)."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_string_dtype(out[col]) or out[col].dtype == object:
            text = out[col]
            risky = np.fromiter((isinstance(v, str) and v.startswith(_FORMULA_START)
                                 for v in text), dtype=bool, count=len(text))
            if risky.any():
                fixed = text.astype(object).copy()
                fixed[risky] = ["'" + v for v in text[risky]]
                out[col] = fixed
    out.columns = [neutralise(c) for c in out.columns]
    return out


def write_csv(df: pd.DataFrame, path: str | Path, **kwargs: object) -> Path:
    """Write ``df`` as UTF-8 CSV with formula starts neutralised (:func:`neutralise_frame`).

    Every CSV the project writes goes through here. Keyword arguments go to
    :meth:`pandas.DataFrame.to_csv` (``index`` defaults to False).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = write_csv(pd.DataFrame({"name": ["@SUM(A1)", "UNDP"], "n": [-1, 2]}), p)
    >>> print(p.read_text(encoding="utf-8"))
    name,n
    '@SUM(A1),-1
    UNDP,2
    <BLANKLINE>
    """
    kwargs.setdefault("index", False)
    kwargs.setdefault("encoding", "utf-8")
    neutralise_frame(df).to_csv(path, **kwargs)
    return Path(path)
