"""Repair registry text before it is read: mojibake, bullets, lost line breaks, hyphens for spaces.

Partner fields come through several exports. :func:`clean_text` undoes what
they did to the text, in this order:

* mojibake is repaired with ftfy (:func:`ecosystem.loaders.text_repair.repair`:
  "ÃƒÂ¢Ã¢â€šÂ¬Ã…â€œ" → "“"), full-width
  punctuation becomes ASCII and bullets become line breaks;
* an elided article whose apostrophe was lost ("lInstitut") loses its letter;
* a compound's shared part elided before a conjunction is kept with its word
  ("HAVS- OCH VATTENMYNDIGHETEN", "Forschungs- und Entwicklungszentrum");
* a field whose names join their words with hyphens ("Center-for-Cetacean-
  Research-and-Conservation") gets its spaces back;
* line breaks lost on export are restored where a bracket or a run of
  capitals runs into the next name ("(UNIDO)Government of Austria"), and a
  heading's colon gets its space back ("IGOs:The Agreement …");
* spaces and blank lines are tidied.

Examples
--------
>>> clean_text("NGOs: Reef-Watch-Society, Friends-of-the-Lagoon, Centre-for-Tide-Research-and-Education")
'NGOs: Reef Watch Society, Friends of the Lagoon, Centre for Tide Research and Education'
>>> clean_text("IGOs:The Reef Agreement, Re:wild, see https://reef.example at 10:30")
'IGOs: The Reef Agreement, Re:wild, see https://reef.example at 10:30'
"""
from __future__ import annotations

import re
from functools import lru_cache

from ecosystem.loaders.text_repair import repair
from ecosystem.reference.countries import country_iso3

__all__ = ["clean_text"]

_BLANK_LINES = re.compile(r" *\n[\n ]*")
#: ("l" or "d" first, then the look back at the character before it: a regex that starts with its
#: letter is searched for that letter; one that starts with a look-back is tried at every position)
_ELIDED_ARTICLE = re.compile(r"([ld])(?<![\w'’][ld])(?=[A-Z][A-Za-z]{2})")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BULLETS = re.compile("[\u2022\u25cf\u25aa\u25a0\u25a1\u25e6\u2023\u2043\u30fb\u00b7\u27a2\u25ba\u2219"
                      "\uf076\uf0b7\uf0a7\uf0d8\uf0fc\uf02d\uf0a8]")
_FULLWIDTH = str.maketrans({"（": "(", "）": ")", "，": ",", "；": ";", "、": ",", "：": ":",
                            "\u200b": "", "\u00a0": " ", "\u2009": " ", "\u202f": " "})
_CAMEL_GLUE = re.compile(r"\b([A-Z][a-z]{2,})([A-Z][a-z]{2,})\b")
#: A connector word between hyphens ("Center-for-Cetacean-Research-and-Conservation"): the writer
#: joined the words of every name with hyphens instead of spaces.
_HYPHENED_CONNECTOR = re.compile(r"[^\W\d_]-(?:of|the|and|for|de|del|la|des|du|der|on|in|to)-[^\W\d_]", re.IGNORECASE)
#: A compound's shared part elided before a conjunction: "Havs- och Vattenmyndigheten",
#: "Forschungs- und Entwicklungszentrum".
_ELIDED_COMPOUND = re.compile(r"(?<=[^\W\d_]{2})- (?=(?:och|und|og|and|et|en|or|oder|ou)\s)",
                              re.IGNORECASE)
#: A colon glued to the capitalised word after it, a heading before a name: "IGOs:The Agreement …"
#: (three letters before it at least: "Re:wild" is a name).
_GLUED_COLON = re.compile(r"(?<=[^\W\d_]{3}):(?=[A-Z][a-z])")
_HYPHEN_AS_SPACE = re.compile(r"(?<=[^\s\d-])-(?=[^\s\d-])")
#: The capital that starts a name glued to a bracket or to a word in capitals before it (the capital
#: first, then the look back: a regex that starts with a character class is searched for it, fast).
_GLUED = re.compile(r"[A-Z](?:(?<=\)[A-Z])(?=[a-z])|(?<=[A-Z]{4})(?=[a-z]{3,}\b))")


def clean_text(text: object) -> str:
    """Repair mojibake (ftfy), turn bullets into line breaks, tidy spaces.

    >>> clean_text("ÃƒÂ¢Ã¢â€šÂ¬Ã…â€œTaiatea")
    '“Taiatea'
    """
    if not isinstance(text, str):
        return ""
    return _clean_cached(text) if len(text) <= _CACHED_CHARS else _clean(text)


#: Longer fields are not cached (a field is repeated when it is short: one lead's commitments).
_CACHED_CHARS = 20_000


@lru_cache(maxsize=8192)
def _clean_cached(text: str) -> str:
    # A lead field is also a partners field, and a lead's commitments repeat it: clean it once.
    return _clean(text)


def _clean(text: str) -> str:
    if not text.isascii() or "&" in text:  # plain ASCII has no mojibake to repair
        text = repair(text)  # ftfy's fix_text, skipped where none of its fixes can act
    if not text.isascii():  # (full-width forms, odd spaces and bullets are none of them ASCII)
        text = _BULLETS.sub("\n", text.translate(_FULLWIDTH))
    text = text.replace("[email removed]", " ")
    text = _ELIDED_ARTICLE.sub("", text)  # an elided "l'"/"d'" whose apostrophe was lost
    if len(_GLUED.findall(text)) >= 2:  # line breaks lost on export: "(UNIDO)Government of Austria"
        text = _GLUED.sub("\n\\g<0>", text)
        # … and between two words, where a country ends the line ("AustriaVarious SIDS …") or
        # the next line starts with the same word ("Indian Ocean and PacificPacific Centre …")
        text = _CAMEL_GLUE.sub(lambda m: f"{m.group(1)}\n{m.group(2)}" if country_iso3(m.group(1))
                               or m.group(1) == m.group(2) else m.group(0), text)
    if ":" in text:
        text = _GLUED_COLON.sub(": ", text)  # "IGOs:The Agreement": the heading's space was lost
    if "- " in text:
        text = _ELIDED_COMPOUND.sub("-", text)  # "HAVS- OCH VATTENMYNDIGHETEN": no dash between names
    # "Ocean-Conservation-and-Research": hyphens for spaces (three such connectors hold six hyphens)
    if text.count("-") >= 6 and len(_HYPHENED_CONNECTOR.findall(text)) >= 3:
        text = _HYPHEN_AS_SPACE.sub(" ", text)
    if "  " in text or "\t" in text or "\r" in text or "\f" in text or "\v" in text:  # (else a no-op)
        text = _SPACES.sub(" ", text)
    if "\n" in text:
        text = _BLANK_LINES.sub("\n", text)
    return text.strip()
