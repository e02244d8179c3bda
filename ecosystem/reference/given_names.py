"""First names: the dictionary of given names the ``gender-guesser`` package ships.

Two layers ask whether a word is a first name: the loaders, to tell a person's name
from an organisation's in a partner list (:mod:`ecosystem.loaders.person_names`), and
the country table, to tell "Maurice Strong" from Mauritius written in French
(:func:`ecosystem.reference.country_text.find_countries`).

References
----------
gender-guesser, https://pypi.org/project/gender-guesser/ (the name dictionary of Jörg
Michael's ``gender`` program, c't magazine, 2007).

Examples
--------
>>> is_given_name("Rohan"), is_given_name("Ocean")
(True, False)
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import gender_guesser

__all__ = ["is_given_name"]


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    # The dictionary file that gender-guesser ships (``data/nam_dict.txt``): one name per line
    # after a gender code; "+" joins the parts of a compound name. Only the names are needed,
    # and reading them is ten times faster than building gender-guesser's Detector.
    path = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
    names = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line[:1] not in "#=" and line.strip():
                names.add(line.split(None, 2)[1].replace("+", " ").casefold())
    return frozenset(names)


def is_given_name(word: str) -> bool:
    """True when ``word`` is a first name in the gender-guesser dictionary (any case).

    >>> is_given_name("Maurice"), is_given_name("maurice"), is_given_name("Ministry")
    (True, True, False)
    """
    return word.casefold() in _given_names()
