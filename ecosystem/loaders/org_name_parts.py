"""Parts of an organisation's name: the words that head it, its acronym, its legal form.

Used across the readers of free-text partner fields: a word that heads names
("Ministry", "Foundation", "Navy") tells a name from a topic or a place, an
acronym spells the initials of the name it stands for, and a legal form
("Ltd", "S.A.") is no name of its own.

Examples
--------
>>> has_org_head("Fijian Navy"), acronym_matches("IRD", "Institut de Recherche pour le Dév.")
(True, True)
>>> legal_suffix("Ltd"), is_topic_list_item("Livestock and Irrigation")
(True, True)
"""
from __future__ import annotations

import re
from functools import lru_cache

from ecosystem.reference.acronym_shape import looks_like_acronym
from ecosystem.reference.countries import country_iso3

__all__ = ["acronym_matches", "has_org_head", "is_topic_list_item", "legal_suffix",
           "without_last_bracket"]

_LAST_BRACKET = re.compile(r"\s*\([^()]*\)\s*$")
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÿ]+")
_LEADING_AND = re.compile(r"^(?:and|&)\s+")
_TRAILING_BRACKETS = re.compile(r"(?:\s*\([^()]*\))+\s*$")

_LEGAL = re.compile(
    r"^(co\.?|ltd\.?|limited|inc\.?|incorporated|llc|l\.l\.c\.|llp|plc|gmbh|ag|s\.?a\.?|s\.?l\.?|"
    r"s\.?a\.?s\.?|s\.?p\.?a\.?|s\.?r\.?l\.?|b\.?v\.?|n\.?v\.?|pty\.?( ltd\.?)?|a/s|as|ab|oy|k\.?k\.?|"
    r"corp\.?|corporation|ltda\.?|s\.?a\.? de c\.?v\.?|a\.?c\.?|e\.?v\.?|co\.?,? ?ltd\.?|jsc|pte\.? ltd\.?)$",
    re.IGNORECASE)


def legal_suffix(fragment: str) -> bool:
    """True when a comma fragment is only a legal-form suffix ("Ltd", "Inc.", "S.A.").

    >>> legal_suffix("Ltd"), legal_suffix("S.A. (Chile)"), legal_suffix("Fiji")
    (True, True, False)
    """
    return bool(_LEGAL.match(without_last_bracket(fragment).strip(" ")))


def without_last_bracket(text: str) -> str:
    """``text`` without a bracket that ends it (:data:`_LAST_BRACKET`, which starts with spaces and
    so is tried at every position: only where a bracket closes)."""
    return _LAST_BRACKET.sub("", text) if ")" in text else text


def acronym_matches(acronym: str, name: str) -> bool:
    """True when the acronym's letters follow the initials of ``name``'s words in order.

    >>> acronym_matches("CNRS", "Centre National de la Recherche Scientifique")
    True
    >>> acronym_matches("UN", "Secretariat to the Cartagena Convention")
    False
    """
    letters = [c.lower() for c in acronym if c.isalpha()]
    if len(letters) < 2:
        return False
    # the words one at a time: most names fail at the first word, or match before the last
    words = _LATIN_WORD.finditer(name)
    first = next(words, None)
    if first is None or name[first.start()].lower() != letters[0]:
        return False
    k = 1
    for word in words:
        if name[word.start()].lower() == letters[k]:
            k += 1
            if k == len(letters):
                return True
    return False


#: Words that head an organisation's name.
_ORG_HEADS = re.compile(
    r"\b(ministr\w*|minist[eè]re|ministerio|minist[eé]rio|department|agency|authority|"
    r"institut(?:e|es|o|os|ion|ions|s)?|universit\w*|"
    r"college|school|cent(re|er)|council|commission|committee|foundation|fondation|fundaci[oó]n|funda[cç][aã]o|"
    r"trust|fund|association|asociaci[oó]n|associa[cç][aã]o|society|soci[eé]t[eé]|organi[sz]ation|network|"
    r"alliance|partnership|programme|program|project|initiative|secretariat|office|bureau|company|"
    r"corporation|group|club|union|federation|coalition|consortium|cooperative|forum|service|board|"
    r"museum|laborator\w*|station|bank|facility|convention|movement|division|directorate|government|"
    r"municipality|navy|police|coast guard|ltd|limited|inc|llc|gmbh|ngo|administration|aquariums?|zoo|observatory|"
    r"govt|gov|inst|univ|dept|assoc|ayuntamiento|gobierno|diputaci[oó]n|kommun|municipio|prefecture|"
    r"conservancy|academy|hospital|cooperativa|cofrad[ií]a|"
    r"asbl|gie|ev|sa|spa|srl|plc|bv|ag|ab|oy|pty|corp|nations)\b"
    # Nordic compounds end in their head: "Länsstyrelsen", "Västkuststiftelsen", "Havs- och vattenmyndigheten"
    r"|\w(?:stiftelsen|styrelsen|myndigheten|verket|institutet|direktoratet|forbundet|f[oö]reningen|selskab|"
    r"selskap)\b|\b\w*(?:nationalpark|nasjonalpark)\b", re.IGNORECASE)
#: :data:`_ORG_HEADS` for ASCII text in lower case (its words are written in lower case).
_ORG_HEADS_LOWER = re.compile(_ORG_HEADS.pattern)


@lru_cache(maxsize=1 << 16)
def has_org_head(text: str) -> bool:
    """True when ``text`` has a word that heads organisation names ("Ministry", "Navy", "Foundation").

    (Read once per distinct text: the same names are tested at several steps of a field's reading.)

    >>> has_org_head("Fijian Navy"), has_org_head("Livestock and Irrigation")
    (True, False)
    """
    if text.isascii():  # the same matches in lower case, without case-insensitive compares: faster
        return bool(_ORG_HEADS_LOWER.search(text.lower()))
    return bool(_ORG_HEADS.search(text))


def is_topic_list_item(fragment: str) -> bool:
    """A short, capitalised topic with no organisation word: "Livestock and Irrigation", "Energy".

    A trailing parenthesis, and the full stop of a sentence after it, are ignored:
    "Forestry and Fisheries (Government).".

    >>> is_topic_list_item("Forestry and Fisheries (Government)."), is_topic_list_item("WWF")
    (True, False)
    """
    fragment = fragment.rstrip(" .")
    f = _TRAILING_BRACKETS.sub("", fragment) if ")" in fragment else fragment
    f = _LEADING_AND.sub("", f.strip())  # the last item of "Science, Technology, and Innovation"
    words = f.split()
    return (0 < len(words) <= 6 and f[:1].isupper() and not has_org_head(f)
            and not any(looks_like_acronym(w, loose=True) for w in words)
            and not country_iso3(f) and "(" not in f)
