"""A colon inside one name: what the text on each side of it is.

A partners field that lost its line breaks leaves colons inside the pieces it is
cut into: a name and its acronym ("World Wide Fund for Nature: WWF",
"OGS: Istituto Nazionale di Oceanografia"), a name and what it does ("Agence
Française de Développement: involved in the financing of …"), a country or a
heading before a name ("Sweden: Municipality of Vasteras", "Partners: Kelp
Trust"), or contact details ("Phone: +62 361 774488", "Address: …").
:func:`read_colon` keeps the name and says when there is none.

Examples
--------
>>> read_colon("World Wide Fund for Nature: WWF")
('World Wide Fund for Nature (WWF)', None)
>>> read_colon("AYCC: Association of Young Climate Campaigners")
('Association of Young Climate Campaigners (AYCC)', None)
>>> read_colon("Kelp Trust: monitoring of reefs"), read_colon("Phone: +62 361 774488")
(('Kelp Trust', None), ('Phone: +62 361 774488', 'placeholder'))
>>> read_colon("Please note: just a few countries")  # no name before the colon
('Please note: just a few countries', None)
>>> read_colon("Reef Week 2023 Initiative: Clean Coasts Sponsors: Blue Reef Trust")
('Blue Reef Trust', None)
"""
from __future__ import annotations

import re

from ecosystem.loaders.org_name_parts import acronym_matches, has_org_head
from ecosystem.reference.acronym_shape import looks_like_acronym
from ecosystem.reference.countries import country_iso3

__all__ = ["read_colon"]

#: Headings of contact details: what follows them is no organisation.
_CONTACT = re.compile(r"^(?:phone|tel|telephone|fax|e-?mail|address|contact(?: person)?|website|web|"
                      r"url|mobile)$", re.IGNORECASE)
#: Headings of a list of names: the name follows them.
_HEADING = re.compile(r"^(?:partners?|other(?: partners)?|members?|beneficiar(?:y|ies)|observers?|"
                      r"donors?|funders?|sponsors?|supporters?|collaborators?)$", re.IGNORECASE)


def read_colon(name: str) -> tuple[str, str | None]:
    """The name to keep from ``name`` with one ": " inside it, and why none (else None).

    Parameters
    ----------
    name : str
        One name as cut from a field, tidied.

    Returns
    -------
    name : str
        ``name`` itself when the colon says nothing this reader knows.
    reason : str or None
        ``"placeholder"`` for contact details, else None.

    Examples
    --------
    >>> read_colon("Sweden: Municipality of Vasteras"), read_colon("Partners: Kelp Trust")
    (('Municipality of Vasteras', None), ('Kelp Trust', None))
    >>> read_colon("Joint Programming Initiative: Healthy and Productive Seas")
    ('Joint Programming Initiative: Healthy and Productive Seas', None)
    """
    if name.count(": ") > 1:  # "… Initiative: Blue Belt Sponsors: INRH": one heading, last
        parts = name.split(": ")
        headed = [k for k, part in enumerate(parts[:-1])
                  if part.split() and _HEADING.match(part.split()[-1])]
        tail = parts[-1].strip()
        return (tail, None) if headed == [len(parts) - 2] and tail else (name, None)
    if name.count(": ") != 1:
        return name, None
    head, tail = (part.strip() for part in name.split(": "))
    if not head or not tail:
        return name, None
    if _CONTACT.match(head):
        return name, "placeholder"
    if tail[:1].islower() and _written_as_name(head):
        return head, None  # "Kelp Trust: monitoring of reefs": what it does
    if looks_like_acronym(tail) and " " not in tail and acronym_matches(tail, head):
        return f"{head} ({tail})", None  # "World Wide Fund for Nature: WWF"
    if looks_like_acronym(head) and " " not in head and acronym_matches(head, tail):
        return f"{tail} ({head})", None  # "AAMA: African Association of Maritime Administrations"
    if _HEADING.match(head) or (country_iso3(head) and has_org_head(tail)):
        return tail, None  # "Partners: Kelp Trust", "Sweden: Municipality of Vasteras"
    return name, None


def _written_as_name(text: str) -> bool:
    """True when each word of four letters or more starts with a capital: "Agence Française
    de Développement", "UASD"; not "Please note", "Public figures"."""
    words = [w for w in text.split() if len(w) >= 4]
    return bool(text[:1].isupper()) and all(w[:1].isupper() for w in words)
