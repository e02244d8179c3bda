"""What stands around a name in a list and is no part of it: connectors and lead-ins.

A piece of a partners field may open with a connector ("and", "with", "including",
"e.g.") or end with "etc." (:func:`strip_connectors`), or open with a lower-case
lead-in that says how the body takes part ("hosted by IOC-UNESCO", "in close
collaboration with the European Environment Agency": :func:`strip_lead_in`).

Examples
--------
>>> strip_lead_in(strip_connectors("and hosted by IOC-UNESCO, etc."))
'IOC-UNESCO'
"""
from __future__ import annotations

import re

__all__ = ["strip_connectors", "strip_lead_in"]

_ETC = re.compile(r"[,;]?\s*\b(etc\.?|and others|and more|among others)\s*$", re.IGNORECASE)
#: A word each ending :data:`_ETC` strips holds.
_ETC_WORDS = ("etc", "others", "more")

_CONNECTORS = re.compile(
    r"^(?:(?:and|&|or|with|plus|as well as|including|incl\.?|e\.g\.?|i\.e\.?|via|also|y|et|e|,|;|:|-|–)\s+)+",
    re.IGNORECASE)


def strip_connectors(text: str) -> str:
    """Drop leading "and", "with", "including", "e.g." and trailing "etc.".

    >>> strip_connectors("and with WWF, etc.")
    'WWF'
    """
    text = _CONNECTORS.sub("", text.strip())
    # (:data:`_ETC` is tried at every position: in plain ASCII only where one of its words is)
    lowered = text.lower()
    if not text.isascii() or any(word in lowered for word in _ETC_WORDS):
        text = _ETC.sub("", text)
    return text.strip()


_LEAD_IN = re.compile(
    r"^(?:[a-z][\w'’-]*\s+){0,7}?"
    r"(?:through|with|by|in|at|from|for|under|via|to|including|partner|partners|entity|organi[sz]ation|"
    r"institution|company|beneficiary|previously|formerly|currently|ngos?|foundation|agency|of)\s+"
    r"(?=(?:the\s+)?['‘\"“]?[A-Z])")  # (a name may open with its quote: "through the 'VLIZ …'")


def strip_lead_in(text: str) -> str:
    """Drop a lower-case lead-in before a name: "hosted by IOC-UNESCO" → "IOC-UNESCO",
    "in close collaboration with the European Environment Agency" → "the European Environment Agency".

    Only text that starts with a lower-case word (not "the", "de", "la" ...) is touched.

    >>> strip_lead_in("hosted by IOC-UNESCO"), strip_lead_in("de Boer Foundation")
    ('IOC-UNESCO', 'de Boer Foundation')
    """
    first = text.split(" ", 1)[0]
    if not first[:1].islower() or first in _PARTICLES or not first.isalpha():
        return text
    m = _LEAD_IN.match(text)
    return text[m.end():] if m else text


_PARTICLES = {"the", "de", "la", "le", "el", "les", "des", "du", "da", "do", "dos", "das", "van", "von", "al"}
