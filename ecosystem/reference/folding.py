"""Accent and case folding: the one way text is made comparable across the project.

Registries write the same word as "Ministère", "MINISTERE" and "ministere".
:func:`fold` maps all three to "ministere": the text is decomposed (Unicode
NFKD, so ligatures and compatibility forms such as "ﬁ" or a non-breaking space
become their plain letters), combining accents are dropped, and the result is
case-folded (:meth:`str.casefold`, which also maps "ß" to "ss").
:func:`fold_phrase` also collapses runs of whitespace, for looking phrases up
in a vocabulary. :func:`strip_accents` keeps the case, for code that still
reads capitals (an acronym is recognised by them). :func:`without_accented_letters`
is the text some exports write when they lose every letter outside ASCII
("Mxico" for México).

Examples
--------
>>> fold("Ministère de l'Écologie")
"ministere de l'ecologie"
>>> fold_phrase("  Local /  Régional\\nGovernment ")
'local / regional government'
>>> strip_accents("Perú (UNESCO)")
'Peru (UNESCO)'
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["fold", "fold_phrase", "strip_accents", "without_accented_letters"]


def strip_accents(text: str) -> str:
    """``text`` decomposed (NFKD) without its combining accents; case is kept.

    >>> strip_accents("Fundação São Tomé")
    'Fundacao Sao Tome'
    """
    if text.isascii():  # nothing to decompose: the common case, and a hot path
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 17)
def fold(text: str) -> str:
    """``text`` without accents, case-folded: the comparison key of a word or name.

    >>> fold("Fundación ISLAS"), fold("Straße")
    ('fundacion islas', 'strasse')
    """
    return strip_accents(text).casefold()


@lru_cache(maxsize=1 << 17)
def fold_phrase(text: str) -> str:
    """:func:`fold`, with runs of whitespace made one space and the ends trimmed.

    The key for looking a short phrase up in a vocabulary, where "Local /
    Regional  Government" written with two spaces is still the same entry.

    >>> fold_phrase(" Non-governmental   Organization ")
    'non-governmental organization'
    """
    return " ".join(fold(text).split())  # str.split: the whitespace of regex \s, runs and ends dropped


def without_accented_letters(text: str, min_letters: int = 5) -> str | None:
    """``text`` with its letters outside ASCII dropped, as an export that lost them writes it
    ("México" → "Mxico"), when ``text`` has such letters and ``min_letters`` letters or more
    are left (shorter remains are too often other words: "Perú" → "Per"); else None.

    >>> without_accented_letters("República Dominicana"), without_accented_letters("Perú")
    ('Repblica Dominicana', None)
    >>> without_accented_letters("Mexico") is None
    True
    """
    if text.isascii():
        return None
    dropped = " ".join("".join(c for c in text if c.isascii()).split())
    return dropped if sum(c.isalpha() for c in dropped) >= min_letters else None
