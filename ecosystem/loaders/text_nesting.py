"""Brackets and quotes in registry text: nesting depth, splitting outside them.

Partner fields put acronyms, places and labels in brackets ("IUCN (Gland,
Switzerland)"); a separator inside brackets or quotes never separates names.

Examples
--------
>>> split_top("WWF, IUCN (Gland, Switzerland)", re.compile(r",\\s*"))
['WWF', 'IUCN (Gland, Switzerland)']
>>> strip_parens("WWF (NGO) Peru")
'WWF Peru'
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate

__all__ = ["nesting", "split_top", "strip_parens"]

_BRACKETED = re.compile(r"\s*\([^()]*\)")

_OPEN = {"(": ")", "[": "]", "“": "”", "«": "»"}


_BRACKETS = re.compile(r'[()\[\]“”«»"]')


def nesting(text: str) -> list[int]:
    """Depth of each character inside matched (), [], “”, «» and "" pairs; unmatched ones are ignored.

    >>> nesting("a (b) c")
    [0, 0, 0, 1, 0, 0, 0, 0]
    """
    return _nesting_cached(text) if len(text) <= _CACHED_CHARS else _nesting(text)


#: Longer texts are not cached: a cache entry holds a number per character.
_CACHED_CHARS = 10_000


@lru_cache(maxsize=8192)
def _nesting_cached(text: str) -> list[int]:
    return _nesting(text)


def _nesting(text: str) -> list[int]:
    marks = list(_BRACKETS.finditer(text))
    if not marks:
        return [0] * (len(text) + 1)
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    quote_open = None
    for m in marks:
        ch, i = m.group(0), m.start()
        if ch == '"':
            if quote_open is None:
                quote_open = i
            else:
                pairs.append((quote_open, i))
                quote_open = None
        elif ch in _OPEN:
            stack.append((ch, i))
        elif stack and ch == _OPEN[stack[-1][0]]:
            pairs.append((stack.pop()[1], i))
        elif stack:
            # a closer for an outer bracket: close down to it if present
            for k in range(len(stack) - 1, -1, -1):
                if _OPEN[stack[k][0]] == ch:
                    pairs.append((stack[k][1], i))
                    del stack[k:]
                    break
    diff = [0] * (len(text) + 1)
    for a, b in pairs:
        diff[a + 1] += 1
        diff[b] -= 1
    return list(accumulate(diff))


def split_top(text: str, pattern: re.Pattern, marks: tuple[str, ...] = ()) -> list[str]:
    """Split ``text`` at matches of ``pattern`` that start at nesting depth 0.

    ``marks``, when given, are strings one of which a text must hold for ``pattern`` to match
    in it (``(",",)`` for a comma separator): a text with none is returned whole, unsearched.

    >>> split_top("WWF, IUCN (Gland, Switzerland)", re.compile(r",\\s*"), marks=(",",))
    ['WWF', 'IUCN (Gland, Switzerland)']
    """
    if marks:  # (a loop, not any() over a generator: called for every piece of every field)
        for mark in marks:
            if mark in text:
                break
        else:
            return [text]
    matches = list(pattern.finditer(text))
    if not matches:
        return [text]
    depth = nesting(text)
    out, last = [], 0
    for m in matches:
        if depth[m.start()] == 0 and (m.end() == m.start() or depth[m.end() - 1] == 0):
            out.append(text[last:m.start()])
            last = m.end()
    out.append(text[last:])
    return out



def strip_parens(s: str) -> str:
    """``s`` without its bracketed parts: "WWF (NGO) Peru" → "WWF Peru".

    >>> strip_parens("WWF (NGO) Peru")
    'WWF Peru'
    """
    return _strip_cached(s) if len(s) <= _CACHED_CHARS else _BRACKETED.sub("", s).strip()


@lru_cache(maxsize=1 << 16)
def _strip_cached(s: str) -> str:
    return _BRACKETED.sub("", s).strip()
