"""JSON text read strictly: no NaN or Infinity, no number too large for a float, bounded nesting.

Python's :mod:`json` accepts ``NaN``, ``Infinity`` and ``1e400`` (read as
``inf``), and fails with a raw ``RecursionError`` on deeply nested arrays.
:func:`loads` refuses each with an :class:`~ecosystem.errors.InputError` naming
the file, the record and the field (a path such as ``sdgs[0]``).

Examples
--------
>>> loads('{"sdgs": [14, 1.5]}', file="a.jsonl", record="line 1")
{'sdgs': [14, 1.5]}
>>> loads('{"sdgs": [14, Infinity]}', file="a.jsonl", record="line 3")
Traceback (most recent call last):
...
ecosystem.errors.InputError: a.jsonl, line 3, field sdgs[1]: Infinity is not a finite number
"""
from __future__ import annotations

import json
import math
from pathlib import Path

from ecosystem.errors import InputError

__all__ = ["MAX_DEPTH", "check_values", "loads"]

#: Deepest nesting of arrays and objects accepted (registry records need 3 or 4).
MAX_DEPTH = 100


class _NotFinite(ValueError):
    pass


def _constant(name: str) -> float:
    raise _NotFinite(name)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotFinite(text)
    return value


def check_values(value: object, *, file: str | Path | None = None,
                 record: str | None = None) -> None:
    """Refuse non-finite floats and nesting deeper than :data:`MAX_DEPTH` in a parsed value."""
    if _within_limits(value):
        return  # the common case, checked without building the field paths the errors name
    stack = [(value, "", 0)]
    while stack:
        item, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InputError(f"nested more than {MAX_DEPTH} levels deep", file=file,
                             record=record, field=path or None)
        if isinstance(item, float) and not math.isfinite(item):
            raise InputError(f"{item} is not a finite number", file=file, record=record,
                             field=path or None)
        if isinstance(item, dict):
            stack += [(v, f"{path}.{k}" if path else str(k), depth + 1) for k, v in item.items()]
        elif isinstance(item, list):
            stack += [(v, f"{path}[{i}]", depth + 1) for i, v in enumerate(item)]


def _within_limits(value: object) -> bool:
    """True when ``value`` holds no non-finite float and no nesting deeper than :data:`MAX_DEPTH`."""
    if not isinstance(value, (dict, list)):
        return not (isinstance(value, float) and not math.isfinite(value))
    stack = [(value, 0)]  # containers only: a record holds far more scalars than containers
    while stack:
        item, depth = stack.pop()
        values = item.values() if isinstance(item, dict) else item
        if depth >= MAX_DEPTH and values:
            return False  # its values lie deeper than the limit
        for v in values:
            if isinstance(v, (dict, list)):
                stack.append((v, depth + 1))
            elif isinstance(v, float) and not math.isfinite(v):
                return False
    return True


def _field_at(text: str, fault: str) -> str | None:
    """Path of the first value ``fault`` (a constant or a number) in ``text``, found by
    parsing again with the fault replaced by a marker."""
    marker = "\u0000not-finite\u0000"
    try:
        swapped = json.loads(text, parse_constant=lambda c: marker if c == fault else float(c),
                             parse_float=lambda s: marker if s == fault else float(s))
    except (ValueError, RecursionError):
        return None
    stack = [(swapped, "")]
    while stack:
        item, path = stack.pop(0)
        if item == marker:
            return path or None
        if isinstance(item, dict):
            stack += [(v, f"{path}.{k}" if path else str(k)) for k, v in item.items()]
        elif isinstance(item, list):
            stack += [(v, f"{path}[{i}]") for i, v in enumerate(item)]
    return None


def loads(text: str, *, file: str | Path | None = None, record: str | None = None) -> object:
    """Parse JSON text strictly (see the module notes).

    Raises
    ------
    json.JSONDecodeError
        When the text is not JSON (callers name line and column).
    InputError
        For NaN, Infinity, a number too large for a float, or nesting deeper
        than :data:`MAX_DEPTH`.
    """
    try:
        value = json.loads(text, parse_constant=_constant, parse_float=_float)
    except _NotFinite as exc:
        fault = str(exc)
        raise InputError(f"{fault} is not a finite number", file=file, record=record,
                         field=_field_at(text, fault)) from None
    except RecursionError:
        raise InputError(f"nested more than {MAX_DEPTH} levels deep (arrays or objects "
                         "inside each other)", file=file, record=record) from None
    # The parse hooks above refuse every non-finite float; nesting deeper than the limit needs
    # more than MAX_DEPTH brackets, so most records are not walked at all.
    if not isinstance(text, str) or text.count("[") + text.count("{") > MAX_DEPTH:
        check_values(value, file=file, record=record)
    return value
