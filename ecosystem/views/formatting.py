"""Numbers as people read them: one formatting layer for tables, figures and sentences.

Every number the report, the explorer and the views print goes through these functions:
thousands separators, three significant figures, percentages for shares, currency symbols,
and never scientific notation.

Examples
--------
>>> number(0.0004603), number(2.21e6), number(12.0), number(1234.5678)
('0.00046', '2,210,000', '12', '1,235')
>>> count(181254), percent(0.007478), percent(0.5), money(402500, "GBP")
('181,254', '0.748%', '50%', '£402,500')
>>> date(pd.Timestamp("2026-03-26 12:00")), date(pd.NaT), date("2019")
('2026-03-26', '', '2019')

Tables are shown through :func:`format_table`, a display copy: the full
tables written by ``--tables`` keep their raw values.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ecosystem.views.labels import ACTOR_TYPE_LABELS, column_label, community_name, label_codes

__all__ = ["CURRENCY_SYMBOLS", "count", "counted", "counted_subject", "date", "format_table",
           "money", "name_list", "number", "percent", "prose_percent", "sentence_numbers",
           "short_label", "shown_number"]

#: Symbols written before an amount; other currencies are written after it as their code.
CURRENCY_SYMBOLS = {"GBP": "£", "USD": "$", "EUR": "€", "JPY": "¥", "INR": "₹"}


def _missing(value: object) -> bool:
    try:
        return value is None or (isinstance(value, float) and math.isnan(value)) or value != value
    except (TypeError, ValueError):
        return False


def number(value: float | int | None, digits: int = 3) -> str:
    """``value`` to ``digits`` significant figures, with thousands separators, never in e-notation.

    Numbers with ``digits`` or more whole digits are written whole (1,235 for 1234.5678,
    2,210,000 for 2.21e6); smaller ones keep ``digits`` significant figures; missing values
    give ``""``.

    Examples
    --------
    >>> number(3.14159), number(-0.000012345), number(0), number(None), number(999.96)
    ('3.14', '-0.0000123', '0', '', '1,000')
    """
    if _missing(value):
        return ""
    x = float(value)
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if x == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(x)))
    if magnitude >= digits - 1:                      # 1234.5678 -> 1,235: whole numbers in full
        return f"{round(x):,}"
    decimals = max(digits - 1 - magnitude, 0)
    rounded = round(x, digits - 1 - magnitude)
    if rounded != 0 and math.floor(math.log10(abs(rounded))) > magnitude:   # 999.96 -> 1000
        decimals = max(decimals - 1, 0)
    text = f"{rounded:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def count(value: float | int | None) -> str:
    """A whole count with thousands separators (``""`` when missing).

    Examples
    --------
    >>> count(9093), count(3.0), count(None)
    ('9,093', '3', '')
    """
    if _missing(value):
        return ""
    return f"{int(round(float(value))):,}"


def percent(share: float | None, digits: int = 3) -> str:
    """A share in [0, 1] as a percentage with up to ``digits`` significant figures.

    Examples
    --------
    >>> percent(0.125), percent(1.0), percent(0.0001234), percent(None)
    ('12.5%', '100%', '0.0123%', '')
    """
    if _missing(share):
        return ""
    return number(float(share) * 100.0, digits) + "%"


def prose_percent(share: float) -> str:
    """A share in [0, 1] as a sentence writes it: a whole percentage, with one decimal below 1%.

    Examples
    --------
    >>> prose_percent(0.214), prose_percent(0.00377), prose_percent(0.0)
    ('21%', '0.4%', '0%')
    """
    return f"{share:.0%}" if share >= 0.01 or share == 0 else f"{share:.1%}"


def name_list(names: Iterable[object]) -> str:
    """Names listed in a sentence: apart by commas and "and" before the last, or by semicolons
    when a name holds a comma itself (registries write "Foreign Affairs, Trade and Development
    Canada"; among commas such names cannot be told apart).

    Examples
    --------
    >>> name_list(["UNEP", "WWF", "IUCN"]), name_list(["UNITED KINGDOM", "DFID"])
    ('UNEP, WWF and IUCN', 'UNITED KINGDOM and DFID')
    >>> name_list(["Ministry of Fisheries, Fiji", "WWF"]), name_list(["WWF"])
    ('Ministry of Fisheries, Fiji; and WWF', 'WWF')
    """
    names = [str(n) for n in names]
    if len(names) < 2:
        return "".join(names)
    if any("," in n for n in names):
        return "; ".join(names[:-1]) + "; and " + names[-1]
    return ", ".join(names[:-1]) + " and " + names[-1]


def counted(n: int, one: str, many: str) -> str:
    """A count with its noun in agreement: "1 grant", "1,204 presence records".

    >>> counted(1, "grant", "grants"), counted(1204, "presence record", "presence records")
    ('1 grant', '1,204 presence records')
    """
    return f"{n:,} {one if n == 1 else many}"


def counted_subject(n: int, one: str, many: str, verb_one: str = "is", verb_many: str = "are") -> str:
    """A count as a sentence's subject, with its noun and verb agreeing: "No cell is", "1 cell
    is", "1,204 cells are".

    Examples
    --------
    >>> counted_subject(0, "sector cell", "sector cells"), counted_subject(1204, "cell", "cells")
    ('No sector cell is', '1,204 cells are')
    >>> counted_subject(1, "pair", "pairs", "works", "work")
    '1 pair works'
    """
    if n == 0:
        return f"No {one} {verb_one}"
    return f"{counted(n, one, many)} {verb_one if n == 1 else verb_many}"


def short_label(text: str, chars: int = 30) -> str:
    """``text`` on one line, cut to ``chars`` characters with an ellipsis: a label on a figure.

    >>> short_label("Secretariat of the Pacific Regional Environment Programme", 24)
    'Secretariat of the Paci…'
    """
    text = " ".join(str(text).split())
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def money(amount: float | None, currency: str | None = None, digits: int = 3) -> str:
    """An amount with its currency: symbol before (``£402,500``), else code after (``1,200 CHF``).

    Amounts of 100 or more are written whole.

    Examples
    --------
    >>> money(402500, "GBP"), money(1234.5, "CHF"), money(12.5, None)
    ('£402,500', '1,234 CHF', '12.5')
    """
    if _missing(amount):
        return ""
    text = number(amount, digits)
    code = (currency or "").upper()
    if code in CURRENCY_SYMBOLS:
        sign = "-" if text.startswith("-") else ""
        return f"{sign}{CURRENCY_SYMBOLS[code]}{text.lstrip('-')}"
    return f"{text} {code}" if code else text


def date(value: object) -> str:
    """A date as ``YYYY-MM-DD`` (``""`` when missing); a period such as ``"2019"`` as is.

    Examples
    --------
    >>> date("2020-06-30T12:00:00Z"), date(None)
    ('2020-06-30', '')
    """
    if value is None or value is pd.NaT or _missing(value):
        return ""
    if isinstance(value, str) and len(value) <= 7:
        return value  # a year or a year-month: a period, not a day
    try:
        return pd.Timestamp(value).date().isoformat()
    except (TypeError, ValueError):
        return str(value)


#: Below this a measure's value is floating-point noise (``-2.2e-16`` for 0) and shows as 0.
NOISE = 1e-12


def shown_number(value: object) -> object:
    """A number as a table cell shows it: three significant figures, sortable, no e-notation.

    Whole numbers (and any value of 100 or more, written whole) come back as
    ``int``; values from 0.0001 up as a ``float`` rounded to three significant
    figures (which ``format(v, ".4g")`` writes without e-notation); smaller
    ones as the text of :func:`number`. Missing values give None.

    Examples
    --------
    >>> shown_number(2.654e6), shown_number(0.0004603), shown_number(12.0), shown_number(0.7377)
    (2654000, 0.00046, 12, 0.738)
    >>> shown_number(1.23e-5), shown_number(-2.2e-16), shown_number(float("nan")) is None
    ('0.0000123', 0, True)
    """
    if _missing(value):
        return None
    x = float(value)
    if math.isinf(x):
        return number(x)
    if abs(x) < NOISE:
        return 0
    text = number(x)
    if "." not in text:
        return round(x) if abs(x) >= 100 else int(text)
    if abs(x) >= 1e-4:
        return float(text.replace(",", ""))
    return text


def _cell(value: object, codes_column: bool = True) -> object:
    """One cell of a display table (not a float column); ``codes_column``: the column holds
    actor type codes only, so a one-word code is one too (:func:`.labels.label_codes`)."""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if value is pd.NaT or value is None or value is pd.NA:
        return None
    if isinstance(value, float | np.floating):
        return shown_number(value)
    if isinstance(value, list | tuple | np.ndarray | set):
        return "; ".join(str(v) for v in value)
    return label_codes(value, whole_cell=codes_column)


_PRECISE = re.compile(r"(?<![\w.])(\d+\.\d{3,})(?![\w.])")
_PERCENT = re.compile(r"(?<![\w.])(\d+\.\d)%")


def sentence_numbers(text: object) -> object:
    """Numbers inside a sentence (an ``explanation`` cell) as :func:`number` writes them.

    Decimals with three or more places get three significant figures and
    one-decimal percentages lose a trailing zero; codes such as ``14.10``
    (two places) are left alone.

    Examples
    --------
    >>> sentence_numbers("HHI 1.000 (normalised 0.13769); 5 of 100 (95.0%), 19.4%, target 14.10")
    'HHI 1 (normalised 0.138); 5 of 100 (95%), 19.4%, target 14.10'
    """
    if not isinstance(text, str):
        return text
    text = _PRECISE.sub(lambda m: number(float(m[1])), text)
    return _PERCENT.sub(lambda m: number(float(m[1])) + "%", text)


def _is_share(column: str) -> bool:
    return "share" in column and "shared" not in column


def format_table(df: pd.DataFrame, *, percent_columns: list[str] | None = None) -> pd.DataFrame:
    """A display copy of ``df``: human headers, numbers as people read them, codes as labels.

    Shares (columns named ``…share…``, or ``percent_columns``) become
    percentages; other floats :func:`shown_number` (three significant
    figures, never e-notation); actor type codes their labels
    (:func:`ecosystem.views.labels.label_codes`); a community ``label`` its
    words; ``True``/``False`` "yes"/"no"; missing dates empty. Headers are
    :func:`ecosystem.views.labels.column_label`. The input is not changed.

    Examples
    --------
    >>> t = pd.DataFrame({"actor_type": ["civil_society", "ngo"], "pagerank": [0.0004603, 0.02],
    ...                   "betweenness": [2.21e6, 0.0], "share": [0.007478, 0.5],
    ...                   "is_cut_vertex": [True, False]})
    >>> format_table(t).to_dict("records")[0]
    {'actor type': 'Civil society', 'PageRank': 0.00046, 'betweenness': 2210000, 'share': '0.748%', 'cut vertex': 'yes'}
    """
    shares = set(percent_columns or [c for c in df.columns if _is_share(str(c))])
    out = {}
    for c in df.columns:
        col = df[c]
        if c in shares and pd.api.types.is_numeric_dtype(col):
            values = [percent(v) for v in col]
        elif pd.api.types.is_bool_dtype(col):
            values = [_cell(v) for v in col]
        elif pd.api.types.is_float_dtype(col):
            values = [shown_number(v) for v in col]
        elif pd.api.types.is_integer_dtype(col) or pd.api.types.is_datetime64_any_dtype(col):
            values = [None if v is pd.NaT or v is pd.NA else v for v in col.astype(object)]
        elif str(c) == "label" and "community" in df:
            values = [community_name(v) or "mixed" for v in col]
        elif str(c) == "explanation":
            values = [sentence_numbers(_cell(v)) for v in col]
        else:
            codes = {v for v in col.dropna().unique() if isinstance(v, str)}
            codes_column = bool(codes) and codes <= ACTOR_TYPE_LABELS.keys()
            values = [_cell(v, codes_column) for v in col]
        header = column_label(c)
        out[header if header not in out else str(c)] = pd.Series(values, index=df.index,
                                                                 dtype=object)
    shown = pd.DataFrame(out, index=df.index)
    return shown
