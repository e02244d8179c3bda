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
"""
from __future__ import annotations

import math

__all__ = ["CURRENCY_SYMBOLS", "count", "money", "number", "percent"]

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
