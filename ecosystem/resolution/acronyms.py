"""Acronyms of organisation names and their definitions in registry text.

An acronym stands for a full name only where a text defines it: "Global
Environment Facility (GEF)", or the reverse "GEF (Global Environment
Facility)". Definitions are found and checked with the algorithm of Schwartz
and Hearst [1]_: every letter of the short form must occur in the long form,
right to left, the first one at the start of a word; the long form is the
shortest run of words before the bracket that satisfies this.

References
----------
.. [1] A. S. Schwartz and M. A. Hearst, "A simple algorithm for identifying
   abbreviation definitions in biomedical text", *Pacific Symposium on
   Biocomputing* 8:451-462, 2003.

Examples
--------
>>> acronym_definitions("co-funded by the Global Environment Facility (GEF) and WWF")
[('Global Environment Facility', 'GEF')]
>>> acronym_fits("SPC", "Pacific Community")
False
"""
from __future__ import annotations

import re
from functools import lru_cache

from ecosystem.reference.acronym_shape import looks_like_acronym
from ecosystem.reference.folding import fold

__all__ = ["acronym_definitions", "acronym_fits", "acronym_plausible", "initials",
           "initials_coverage"]

_WORD = re.compile(r"[0-9A-Za-z]+")
_BRACKET = re.compile(r"\(\s*([^()]{2,120}?)\s*\)")
_LEADING_STOP = frozenset(
    "the of and for in on at to by with under de del la las los le les du des et y".split())


@lru_cache(maxsize=1 << 16)
def acronym_fits(short: str, long: str) -> bool:
    """True when ``short`` abbreviates ``long`` by the Schwartz–Hearst rule [1]_.

    >>> acronym_fits("CSIRO", "Commonwealth Scientific and Industrial Research Organisation")
    True
    >>> acronym_fits("IUCN", "Blue Ventures")
    False
    """
    s = "".join(c for c in fold(short) if c.isalnum())
    ln = fold(long)
    if len(s) < 2 or len(ln.split()) < 2:
        return False
    si, li = len(s) - 1, len(ln) - 1
    while si >= 0:
        c = s[si]
        while li >= 0 and (ln[li] != c or (si == 0 and li > 0 and ln[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return False
        li -= 1
        si -= 1
    return True


def _usable_long_form(short: str, long: str) -> bool:
    """A long form must not contain the acronym itself, end on a preposition, or
    have fewer than a third of the acronym's letters as word initials."""
    words = _WORD.findall(fold(long))
    if not words or words[-1] in _LEADING_STOP or words[0] in _LEADING_STOP - {"the"}:
        return False
    if "".join(c for c in fold(short) if c.isalnum()) in words:
        return False
    return initials_coverage(short, long) * 3 >= 1


def acronym_plausible(short: str, long: str) -> bool:
    """A looser test for a name that gives its own acronym, possibly in another language.

    "National Commission of Aquaculture and Fisheries (CONAPESCA)" abbreviates
    the Spanish name, so :func:`acronym_fits` fails. Accepted when the
    acronym's first letter starts a word of the long form and at least half of
    its letters are initials of those words.

    >>> acronym_plausible("CONAPESCA", "National Commission of Aquaculture and Fisheries")
    True
    >>> acronym_plausible("FAO", "Fisheries Department")
    False
    """
    if not _usable_long_form(short, long):
        return False
    if acronym_fits(short, long):
        return True
    letters = [c for c in fold(short) if c.isalpha()]
    initials = {w[0] for w in _WORD.findall(fold(long)) if w[0].isalpha()}
    if len(letters) < 2 or letters[0] not in initials:
        return False
    return sum(c in initials for c in letters) * 2 >= len(letters)


def initials(long: str) -> str:
    """The first letters of a name's words, connectors left out, in capitals.

    >>> initials("Toledo Institute for Development and Environment")
    'TIDE'
    """
    return "".join(w[0] for w in _WORD.findall(fold(long)) if w not in _LEADING_STOP).upper()


def initials_coverage(short: str, long: str) -> float:
    """Share of the acronym's letters that are first letters of the long form's words.

    >>> initials_coverage("UNESCO", "Fisheries Training Programme under the auspices of")
    0.0
    >>> initials_coverage("CSIRO", "Commonwealth Scientific and Industrial Research Organisation")
    1.0
    """
    letters = [c for c in fold(short) if c.isalpha()]
    pool: dict[str, int] = {}  # initials still unused, by letter
    for w in _WORD.findall(fold(long)):
        if w[0].isalpha() and w not in _LEADING_STOP:
            pool[w[0]] = pool.get(w[0], 0) + 1
    hit = 0
    for c in letters:
        n = pool.get(c, 0)
        if n > 0:
            pool[c] = n - 1
            hit += 1
    return hit / len(letters) if letters else 0.0


def _long_form_before(text: str, short: str) -> str | None:
    """The run of words just before a bracket that ``short`` abbreviates.

    Of the runs passing the Schwartz–Hearst test, the one whose word
    initials cover most of the acronym's letters (:func:`initials_coverage`)
    wins, the shortest among equals: "French Facility for Global Environment
    (FFEM)" gives the whole name, not "Facility for Global Environment". At
    least a third of the letters must be initials, which rejects long runs of
    words that happen to contain the letters.

    >>> _long_form_before("funded by the French Facility for Global Environment", "FFEM")
    'French Facility for Global Environment'
    """
    cut = max(text.rfind(c) for c in ".;:()\n")
    words = text[cut + 1:].split()
    limit = min(len(short) + 5, 2 * len(short))
    best, best_cov, last = None, -1.0, min(limit, len(words))
    # A run that fits still fits with words added before it (its letters stay in order, its
    # first still starts a word): when the longest run fails, every shorter one fails too.
    if last < 2 or not acronym_fits(short, " ".join(words[-last:]).strip(" ,-")):
        return None
    for k in range(2, min(limit, len(words)) + 1):
        if k > last:
            break
        cand = " ".join(words[-k:]).strip(" ,-")
        if not acronym_fits(short, cand) or fold(cand.split()[0]) in _LEADING_STOP:
            continue
        if best is None:
            last = min(last, k + 2)  # the first fit, and up to two words more
        cov = initials_coverage(short, cand)
        if cov > best_cov + 1e-9:
            best, best_cov = cand, cov
        if cov >= 1.0:
            break
    return best if best is not None and _usable_long_form(short, best) else None


def acronym_definitions(text: str) -> list[tuple[str, str]]:
    """(long form, acronym) pairs defined in ``text``.

    Finds "Long Form (ACR)" and "ACR (Long Form)"; each pair must pass
    :func:`acronym_fits`.

    >>> acronym_definitions("IUCN (International Union for Conservation of Nature) and others")
    [('International Union for Conservation of Nature', 'IUCN')]
    """
    out: list[tuple[str, str]] = []
    if not text or "(" not in text:
        return out
    for m in _BRACKET.finditer(text):
        inside = m.group(1).strip(" .,;:")
        before = text[: m.start()].rstrip()
        if looks_like_acronym(inside):
            long = _long_form_before(before, inside)
            if long:
                out.append((long, inside))
            continue
        prev = _WORD.findall(before[-16:])
        if prev and len(inside.split()) >= 2:
            tail = before.rsplit(None, 1)[-1].strip(" ,;:-")  # ``before`` holds a word
            if looks_like_acronym(tail) and acronym_fits(tail, inside):
                out.append((inside, tail))
    return out
