"""Whether a word is written like an acronym: "IUCN", "AfDB", "UNEP-WCMC", "S.P.C.".

The one test of an acronym's written form, used both where registry text is
cut into names (:mod:`ecosystem.loaders.partner_text`) and where names are
compared (:mod:`ecosystem.resolution.names`). It lives here, below both, because
the loaders may not import the resolution layer. Whether an acronym *stands
for* a given name is another question, answered by the Schwartz–Hearst rule in
:mod:`ecosystem.resolution.acronyms`.

Examples
--------
>>> [looks_like_acronym(w) for w in ("IUCN", "AfDB", "Oceana", "UNEP-WCMC", "CI-Fiji")]
[True, True, False, True, False]
>>> looks_like_acronym("(BMU)"), looks_like_acronym("(BMU)", loose=True)
(False, True)
"""
from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["looks_like_acronym"]

_ACRONYM_CHARS = re.compile(r"[\w&/-]+")


@lru_cache(maxsize=1 << 16)
def looks_like_acronym(word: str, *, loose: bool = False) -> bool:
    """True for one token written like an acronym.

    The token has no space, at most 14 characters, and at least two capital
    letters that make up more than 60 % of its letters ("UNEP-WCMC": 8 of 8;
    "AfDB": 3 of 4; "CI-Fiji": 3 of 6, no).

    Parameters
    ----------
    word : str
        One token. Full stops inside it are ignored ("S.P.C." is "SPC"), and it
        must start with a letter or digit and hold only letters, digits, "&",
        "/" and "-".
    loose : bool, default False
        For fragments cut from free text, where brackets and punctuation still
        cling to the word: only a leading or trailing " .,;:" is removed, any
        other character may stay ("(BMU)", "DAFF:", "UN-REDD+"), and capitals
        need make up only 60 % of the letters ("UniCV").

    Examples
    --------
    >>> looks_like_acronym("S.P.C."), looks_like_acronym("UniCV"), looks_like_acronym("UniCV", loose=True)
    (True, False, True)
    >>> looks_like_acronym("IUCN's"), looks_like_acronym("IUCN's", loose=True)
    (False, True)
    """
    if word[1:].islower():
        return False  # "Ocean", "fisheries": one capital at most
    if loose:
        w = word.strip(" .,;:")
    else:
        w = word.strip().replace(".", "")
        if len(w) < 2 or not w[:1].isalnum() or _ACRONYM_CHARS.fullmatch(w) is None:
            return False
    if " " in w or len(w) > 14:
        return False
    letters = [c for c in w if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    share = upper * 10 >= len(letters) * 6 if loose else upper * 10 > len(letters) * 6
    return len(letters) >= 2 and upper >= 2 and share
