"""What a bracket or a pair of quotes after a name holds: a body of its own, or a note.

Partner lists write in brackets after a name another body ("Government of
Liberia (National Fisheries and Aquaculture Authority)"), or notes about the
name: its acronym and a note ("(SPC – CROP agency)"), a type label and the name
in the body's own language ("(Government; Ministerio de Agricultura, Chile)");
and some write type labels in quotes rather than brackets ('Makerere University
"Government"').

Examples
--------
>>> acronym_then_note("SPC – CROP agency")
('SPC', None)
>>> label_and_translation("Government; Ministerio de Agricultura, Chile")
'government'
>>> quoted_labels_as_brackets('Kelp University "Government" Reef Trust "NGO"')
'Kelp University (Government) Reef Trust (NGO)'
>>> dashed_labels_as_brackets("Ministry of Tides, Waves and Coasts Government -Fiji Reef Trust")
'Ministry of Tides, Waves and Coasts (Government - Fiji) Reef Trust'
"""
from __future__ import annotations

import re

from ecosystem.loaders.actor_labels import ENTITY_TYPES, is_role_note, label_type
from ecosystem.loaders.item_locations import is_location
from ecosystem.loaders.org_name_parts import has_org_head
from ecosystem.reference.acronym_shape import looks_like_acronym
from ecosystem.reference.countries import country_iso3
from ecosystem.reference.folding import fold_phrase
from ecosystem.reference.language import language_of

__all__ = ["acronym_then_note", "body_in_brackets", "dashed_labels_as_brackets",
           "label_and_translation", "note_country", "quoted_labels_as_brackets",
           "translation_in_brackets"]

_SEMICOLON_COMMA = re.compile(r"[;,]")
_LIST_PUNCTUATION = re.compile(r"[,;/–-]")
_NOTE_CUT = re.compile(r"\s*[,;–—]\s*|\s+-\s+")


def acronym_then_note(inner: str) -> tuple[str, str | None] | None:
    """(acronym, type or None) of a bracket that holds the name's acronym and a note about it:
    "(SPC – CROP agency)", "(MPI – Government Agency NZ)"; not "(NOAA, US Department of Commerce)",
    whose rest names a body."""
    parts = _NOTE_CUT.split(inner, maxsplit=1)
    if len(parts) != 2 or not looks_like_acronym(parts[0], loose=False) or len(parts[1].split()) > 6:
        return None
    t = label_type(parts[1])
    words = parts[1].split()
    described = all(w[:1].islower() or looks_like_acronym(w, loose=False) for w in words) \
        and any(w[:1].islower() and w not in _LIST_WORDS for w in words)  # not "(TNC, WWF and CI)"
    return (parts[0], t) if t or described else None


_LIST_WORDS = {"and", "or", "y", "et", "e", "und", "&"}


def note_country(inner: str) -> str | None:
    """The ISO3 code of the country a label note ends with: "Academic Institution - Japan",
    "NGO, USA" (the body's country, which the label's reading leaves out), else None.

    >>> note_country("Academic Institution - Japan"), note_country("Government")
    ('JPN', None)
    """
    items = _LIST_PUNCTUATION.split(inner)
    return country_iso3(items[-1].strip()) if len(items) >= 2 else None


def label_and_translation(inner: str) -> str | None:
    """The type of a bracket that holds a label, then the name in the body's own language and
    maybe its country: "(Government; Ministerio de Agricultura, Chile)"."""
    items = [x.strip() for x in _SEMICOLON_COMMA.split(inner) if x.strip()]
    if not 2 <= len(items) <= 3 or not has_org_head(items[1]) or (len(items) == 3 and not country_iso3(items[2])):
        return None
    return label_type(items[0], strict=True)


def quoted_labels_as_brackets(text: str) -> str:
    """``text`` with each type label written in quotes put in brackets, where the rules read labels
    ('… University "Government"' → '… University (Government)'); other quotes are kept."""
    if '"' not in text and "“" not in text:
        return text
    return _QUOTED_LABEL.sub(_label_in_brackets, text)


def _label_in_brackets(m: re.Match) -> str:
    if not label_type(m.group(1)):
        return m.group(0)
    inside = m.string[:m.start()].rstrip().endswith("(")  # '("United Nations / Multilateral bodies")'
    return m.group(1) if inside else f"({m.group(1)})"


_QUOTED_LABEL = re.compile(r"[\"“]([^\"“”()]{2,40})[\"”]")


def dashed_labels_as_brackets(text: str) -> str:
    """``text`` with each entity type written after a name and before a dash and a country put
    in brackets, as lists that lost their line breaks write them: "… Environment Government
    -Cyprus" and "… Environment - Government - Israel" → "… Environment (Government - Cyprus)",
    "… (Government - Israel)"; the label and the country end the name.

    The name before the label must have a word that heads names since the last ";", ")" or
    country read (not "Queensland Government - Australia", whose "Government" is its name's).
    Each candidate reads a name's length of text around it: a field of thousands of names is
    read in linear time.
    """
    if "-" not in text and "–" not in text:
        return text
    out, pos, at, after_country = [], 0, 0, 0
    while m := _DASHED_LABEL.search(text, at):
        at = m.start(2) + 1  # candidates overlap: "Reef Trust - NGO - Fiji" tries "Trust" first
        words = m.group(2).split()
        # after a dash the label is all the words; else the name's last words may be it
        firsts = [0] if m.group(1).strip() else range(len(words))
        label = next((" ".join(words[k:]) for k in firsts
                      if fold_phrase(" ".join(words[k:])) in ENTITY_TYPES), None)
        if label is None:
            continue
        start = m.start() if m.group(1).strip() else m.start(2) + m.group(2).rfind(label)
        back = max(text.rfind(";", start - _NAME_CHARS, start),
                   text.rfind(")", start - _NAME_CHARS, start), start - _NAME_CHARS, after_country)
        head = text[max(back, 0):start]
        after = text[m.end():m.end() + _NAME_CHARS].split()
        country = next((" ".join(after[:n]).rstrip(",;.") for n in (4, 3, 2, 1)
                        if len(after) >= n and country_iso3(" ".join(after[:n]).rstrip(",;."))),
                       None)
        if country is None:
            continue
        end = text.index(country, m.end()) + len(country)
        if start < pos or not has_org_head(head):
            after_country = end
            continue
        out.append(f"{text[pos:start].rstrip()} ({label} - {country})")
        pos = at = after_country = end
    return "".join(out) + text[pos:] if out else text


#: The most characters of one name: how far a label's candidate reads around it.
_NAME_CHARS = 200

#: Up to three capitalised words (an entity type ends them), after a space or a dash, before a
#: dash and a capital.
_DASHED_LABEL = re.compile(
    r"(?<=[^\W\d_])(\s+|\s*[-–]\s*)((?:[A-Z][\w/()-]*\s+){0,2}[A-Z][\w()-]*)\s*[-–]\s*(?=[A-Z])")


def translation_in_brackets(name: str, inside: list[str]) -> bool:
    """True when the bracket gives the name in another language: "Minister of Agriculture
    (Government; Ministerio de Agricultura, Chile)" names one body, not two."""
    outer = language_of(name)
    names = [n for n in inside if not country_iso3(n) and not looks_like_acronym(n, loose=True)]
    return bool(outer and names and all(language_of(n) not in (None, outer) for n in names))


def body_in_brackets(inner: str) -> bool:
    """A body of its own written in brackets after a name: capitalised, two words or more,
    a head word, not an acronym's expansion, label, place or list."""
    words = inner.split()
    proper = all(w[:1].isupper() or w in ("of", "for", "and", "the", "&", "de", "du", "des", "la")
                 for w in words)
    acronym = inner.isupper() and all(len(w) <= 6 for w in words)  # "(AIR CENTRE)": an acronym
    return len(words) >= 2 and proper and not acronym and has_org_head(inner) and not label_type(inner) \
        and not label_type(" ".join(words[1:])) and not is_role_note(inner) and not is_location(inner) \
        and not _LIST_PUNCTUATION.search(inner)
