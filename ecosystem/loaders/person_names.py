"""Is this item of a partner list a person, not an organisation?

Partner fields sometimes list the people involved ("Scientific community (56):
Gill Ainsworth, Rohan Arthur, …", "Sabrina Dutto, Animation Manager"). Named
individuals are not actors of an organisation network. :func:`looks_like_person`
reads an item as a person's name when

* it has two to four words, each capitalised, with at most one initial
  ("Walker O. Smith Jr"), and no digit, bracket, acronym or word that heads
  organisation names (Ministry, Foundation, Aquarium …);
* its first word is a given name in the gender-guesser dictionary (about
  40,000 first names from many countries, by Jörg Michael), or it is an
  initial followed by a surname ("J. Barlow");
* it is not a country or a city.

:func:`names_a_role` reads a person's role written instead of, or before, a
name ("Project Coordinator of TRICUSO: Richard Sanders", "Deputy Director 1
Tomohiro Kuwae", "Dean"): also a person, not an organisation.

The first-name test is evidence, not proof ("Georgia Aquarium" has a head word;
"Grace Co." a legal form), so an item with any organisation word is never a
person.

References
----------
gender-guesser, https://pypi.org/project/gender-guesser/ (the name dictionary
of Jörg Michael's ``gender`` program, c't magazine, 2007).

Examples
--------
>>> looks_like_person("Sylvia Earle"), looks_like_person("Walker O. Smith Jr")
(True, True)
>>> looks_like_person("Georgia Aquarium"), looks_like_person("Grace Marine Ltd")
(False, False)
"""
from __future__ import annotations

import re
from functools import lru_cache

from ecosystem.loaders.org_name_parts import has_org_head
from ecosystem.reference.acronym_shape import looks_like_acronym
from ecosystem.reference.gazetteer import place_kind
from ecosystem.reference.given_names import is_given_name

__all__ = ["looks_like_person", "names_a_role", "people_in_list"]

_NOT_IN_NAMES = re.compile(r"[\d()\[\]/&@:]")
_INITIAL = re.compile(r"[A-Z]\.")
_NAME_WORD = re.compile(r"[A-ZÀ-Þ][a-zà-ÿ'’-]+(?:[A-Z][a-zà-ÿ'’-]+)?|[A-Z]\.")
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "phd", "dr", "prof"}
_TITLES = {"dr", "dr.", "prof", "prof.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "sir", "dame"}
_PARTICLES = {"de", "da", "van", "von", "der", "del", "la", "le", "di", "du", "dos", "bin", "al", "el"}


#: Titles of a person's post.
_ROLES = frozenset("""chair chairman chairwoman chairperson coordinator co-ordinator director diretor
directora directeur manager expert officer president ceo founder co-founder dean professor head
assistant advisor adviser""".split())  # noqa: SIM905
_ROLE_WORD = re.compile(r"(?i)\b(?:" + "|".join(sorted(_ROLES, key=len, reverse=True)) + r")\b")
_ROLE_WORD_LOWER = re.compile(_ROLE_WORD.pattern.removeprefix("(?i)"))
#: What may follow a role: its body ("of", "to"), a second role ("&"), a colon, a number, or nothing.
_AFTER_ROLE = re.compile(r"^(?:$|of\b|to\b|for\b|and\b|&|:|\d)")


@lru_cache(maxsize=1 << 15)
def names_a_role(text: str) -> bool:
    """True when ``text`` is a person's post, with or without the name: "Chair of X: Name".

    The role word comes within the first three words, after capitalised
    qualifiers only ("Project", "Deputy", "Animation"; no acronym), and is followed by
    nothing, its body ("of", "to"), another role ("&"), a colon or a number.

    >>> names_a_role("Project Coordinator of TRICUSO: Richard Sanders"), names_a_role("Dean")
    (True, True)
    >>> names_a_role("Expert Group on Ocean Acidification"), names_a_role("Head Office Ltd")
    (False, False)
    """
    # the cheap test first: most names hold no role word (ASCII text in lower case: the same matches,
    # found faster)
    found = _ROLE_WORD_LOWER.search(text.lower(), 0, 80) if text.isascii() else _ROLE_WORD.search(text, 0, 80)
    if not found:
        return False
    words = text.strip(" .,;").split()
    for k, w in enumerate(words[:3]):
        if w.lower() in _ROLES:
            before = words[:k]
            if any(not b[:1].isupper() or b.isupper() for b in before):
                return False
            return bool(_AFTER_ROLE.match(" ".join(words[k + 1:])))
        if not w[:1].isupper():
            return False
    return False


@lru_cache(maxsize=1 << 15)
def looks_like_person(text: str) -> bool:
    """True when ``text`` reads as one person's name (see the module notes).

    >>> looks_like_person("Asha de Vos"), looks_like_person("Mission Blue")
    (True, False)
    """
    text = text.strip(" .,;")
    if not text or _NOT_IN_NAMES.search(text):
        return False
    words = text.split()
    while words and words[0].lower() in _TITLES:
        words = words[1:]
    while words and words[-1].lower() in _SUFFIXES:
        words = words[:-1]
    if not 2 <= len(words) <= 4:
        return False
    initials = sum(bool(_INITIAL.fullmatch(w)) for w in words)
    if initials > 1:
        return False
    for w in words:
        if w.lower() in _PARTICLES:
            continue
        if not _NAME_WORD.fullmatch(w):
            return False
    # the cheap tests first; the word lists only for what is shaped like a name
    if _INITIAL.fullmatch(words[0]):
        found = len(words) == 2
    else:
        # "Ronal W. Larson": a middle initial between two name words is a person's, whatever
        # the given name
        found = is_given_name(words[0]) or (len(words) == 3 and bool(_INITIAL.fullmatch(words[1]))
                                             and words[1].endswith("."))
    return found and not any(len(w) > 2 and looks_like_acronym(w, loose=False) for w in words) \
        and not has_org_head(text) and not place_kind(text) and place_kind(words[-1]) != "country"


_TWO_NAMES = re.compile(r"[A-Z][\w'’-]+ [A-Z][\w'’-]+")
_MIDDLE_INITIAL = re.compile(r"^\w+ [A-Z]\. \w+$")


def people_in_list(names: list[str], candidates: list[bool]) -> list[bool]:
    """Which names of one partner list are people's: a name shaped like a person's
    (:func:`looks_like_person`) that stands next to another person's name, or has a middle
    initial; and, in a list mostly of people, two capitalised words between two people's names.

    Parameters
    ----------
    names : list of str
        The list's names, in the order written.
    candidates : list of bool
        Which of them may be people (the others are already set aside).

    Returns
    -------
    list of bool
        True for each name read as a person's.

    Examples
    --------
    >>> people_in_list(["Reef Trust", "Ronal W. Larson", "Asha de Vos", "Kelp Lab"], [True] * 4)
    [False, True, True, False]
    """
    person = [c and looks_like_person(n) for n, c in zip(names, candidates)]
    mostly_people = 2 * sum(person) >= len(names)
    for k in range(1, len(names) - 1):  # "…, Wallace J. Nichols, Bethan OLeary, Esben Molan Olsen, …"
        if mostly_people and person[k - 1] and person[k + 1] and candidates[k] \
                and _TWO_NAMES.fullmatch(names[k]) and not has_org_head(names[k]) and not place_kind(names[k]):
            person[k] = True
    return [person[k] and bool((k > 0 and person[k - 1]) or (k + 1 < len(names) and person[k + 1])
                               or _MIDDLE_INITIAL.search(names[k]))  # "Ronal W. Larson" on its own
            for k in range(len(names))]
