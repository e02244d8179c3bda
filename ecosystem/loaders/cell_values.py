"""Numbers and dates as registries write them in text cells.

Shared by the loaders; each wraps a ``ValueError`` into an
:class:`~ecosystem.errors.InputError` naming its file, record and field.

>>> read_number("1,234.5"), read_number("12 000")
(1234.5, 12000.0)
>>> read_date("26/03/2015 00:00"), read_date("2014-06")
(datetime.date(2015, 3, 26), datetime.date(2014, 6, 1))
"""
from __future__ import annotations

import datetime as dt
import math
import re

__all__ = ["read_date", "read_number"]

_THOUSANDS = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?")
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?: .*)?")


def read_number(text: object) -> float | None:
    """``"1,234"``, ``"1 234"``, ``"12.5"`` → float; empty → None; else ValueError.

    ``NaN``, ``inf`` and numbers too large for a float (``1e400``) are not
    numbers a registry means: ValueError.

    >>> read_number("1e400")
    Traceback (most recent call last):
    ...
    ValueError: not a finite number: '1e400'
    """
    text = re.sub(r"[\s\u00a0\u202f]", "", "" if text is None else str(text))
    if not text:
        return None
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"not a finite number: {text!r}")
    return number


def read_date(text: object) -> dt.date | None:
    """ISO 8601 (``2014``, ``2014-06``, ``2014-06-30``, with a time) or ``30/06/2014 [time]``.

    Empty → None; anything else → ValueError.
    """
    text = "" if text is None else str(text).strip()
    if not text:
        return None
    m = _ISO.fullmatch(text)
    if m:
        return dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))  # ValueError when no date
    m = _DAY_FIRST.fullmatch(text)
    if m:
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    raise ValueError(f"not a date: {text!r}")
