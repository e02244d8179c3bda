"""What registries add to an organisation's name: type labels, acronyms, countries, places.

"Peace Boat (NGO)", "Peace Boat (lead entity)", "Lead entity: Peace Boat",
"Wildlife Conservation Society (WCS)", "IUCN (International Union for
Conservation of Nature)", "National Port Authority - APN", "Blue Ventures
(UK)", "Data Fish (Bizkaia)": :func:`split_annotations` separates the name
from such additions so that they neither make two names differ nor are lost —
labels give the actor type, acronyms become definitions, bracketed countries
and single words become annotations (see :class:`ecosystem.resolution.names.ParsedName`).

Examples
--------
>>> split_annotations("Blue Ventures (UK) (NGO)")
('Blue Ventures', ['NGO'], [], ['GBR'], [])
>>> display_name("Peace Boat (NGO)", ["NGO"])
'Peace Boat'
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ecosystem.reference.acronym_shape import looks_like_acronym
from ecosystem.reference.folding import fold
from ecosystem.resolution.acronyms import acronym_fits, acronym_plausible
from ecosystem.resolution.name_countries import mark_countries, whole_country

if TYPE_CHECKING:
    from ecosystem.resolution.known_bodies import KnownBodies

__all__ = ["TYPE_LABEL", "display_name", "is_type_label", "split_annotations", "strip_own_acronym",
           "without_notes"]

_WS = re.compile(r"\s+")
_PAREN = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_DASH = re.compile(r"\s+-\s*|\s*-\s+|\s*/\s*(?=[A-Z][A-Za-z]*$)")


def _retidy(raw: str) -> str:
    """Collapse whitespace and strip stray punctuation at the ends of tidied text."""
    s = _WS.sub(" ", str(raw)).strip().strip(" .,;:*•·-_\"'")
    if s.count("(") != s.count(")"):
        s = _WS.sub(" ", s.replace("(", " ").replace(")", " ")).strip()
    return s


#: Labels of organisation type that registries add to names, in brackets or after a dash.
TYPE_LABEL = re.compile(
    r"^(?:ngos?|i?ngo|cso|igo|government(?:al)?|gov|govt|local(?: ?/ ?regional)? government|"
    r"regional government|private(?: sector)?|business|non[- ]?governmental organi[sz]ation|"
    r"non[- ]?profit(?: organi[sz]ation)?|not[- ]for[- ]profit|civil society(?: organi[sz]ation)?|"
    r"academic(?: institution)?|academia|research institution|"
    r"intergovernmental(?: organi[sz]ation)?|united nations(?: system| entity| agency)?|"
    r"un(?: system| entity| agency)?|united nations / multilateral body|multilateral(?: body)?|"
    r"philanthropic(?: organi[sz]ation)?|scientific community|science|partnership|"
    r"other|other relevant actor|lead|lead entity|lead organi[sz]ation|lead partner|"
    r"coordinator|co-?lead|partner|host|ong|organi[sz]aci[oó]?n no gubernamental|"
    r"organisation non gouvernementale|gobierno|gouvernement|sector privado|secteur priv[eé]|"
    r"sociedad civil|soci[eé]t[eé] civile|academia|instituci[oó]?n acad[eé]?mica|"
    r"comunidad cient[ií]?fica|organismo intergubernamental|"
    r"academic instit?u?tution|government agency|government entity|private company|"
    r"quasi[- ]governmental(?: organi[sz]ation)?|public(?: sector| institution| body| entity)?|"
    r"advisory|advis[oe]r|funder|funding partner|donor|implementing partner|technical partner|"
    r"scientific partner|observer|member|sponsor|co-?organi[sz]er|supporter)$",
    re.IGNORECASE,
)

_LEADING_LABEL = re.compile(
    r"(?i)^(?:academic institution|private sector|civil society(?: organi[sz]ation)?|"
    r"scientific community|intergovernmental organi[sz]ation|non[- ]?governmental organi[sz]ation|"
    r"other relevant actor|united nations / multilateral body|local / regional government)\s+(?=[A-Z])"
)
_TRAILING_LABEL = re.compile(
    r"(?i)[\s,-]+(?:academic institution|private sector|civil society organi[sz]ation|"
    r"scientific community|intergovernmental organi[sz]ation|non[- ]?governmental organi[sz]ation|"
    r"quasi[- ]governmental organi[sz]ation|government agency)$"
)
_LABEL_SEP = re.compile(r"[,/;]| and ")
_ACRONYM_HEAD = re.compile(r"^(\S+)\s+[-–—:]\s+(\S.*)$")
#: A dash between two parts of a bracketed note, spaced on one side at least ("QMUL - UK",
#: "Private limited company - UK ", "INIPM- Scientific Institution").
_NOTE_DASH = re.compile(r"\s+[-–—]\s*|\s*[-–—]\s+")
#: A bracket written against the word before it, or with spaces inside: "Technology(KIOST)",
#: "Forum( KUFF )".
_BRACKET_GLUED = re.compile(r"(?<=[^\W\d_]{2})\((?=[^\W\d_])")  # words, not "Z(1)", "f(x"
_BRACKET_INSIDE = re.compile(r"\(\s+|\s+\)")
#: An acronym joined to a type label by a hyphen: "CCMAR-Scientific Institution".
_ACRONYM_LABEL = re.compile(r"^([A-Z][A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*)-([A-Z][a-z].*)$")
_FOLDED_WORD = re.compile(r"[0-9a-z]+")
_AFTER_ACRONYM = re.compile(r"^(.*\(\s*([^()]+?)\s*\))[\s,–-]+([^()]+)$")


def _clean(s: str) -> str:
    """Cheap tidy for text already tidied once: spaces and end punctuation."""
    return _WS.sub(" ", s).strip(" .,;:*-_=\"'")


@lru_cache(maxsize=1 << 16)
def is_type_label(text: str) -> bool:
    """True when ``text`` is only a label of organisation type or role ("NGO",
    "Institución académica", "Government / Private sector").

    >>> is_type_label("Institucin Acadmica"), is_type_label("Peace Boat")
    (True, False)
    """
    text = _clean(text)
    if len(text) > 80 or text.count(" ") > 8:
        return False
    if TYPE_LABEL.match(text):
        return True
    parts = [_clean(p) for p in _LABEL_SEP.split(text)]
    return len(parts) > 1 and all(TYPE_LABEL.match(p) for p in parts if p)


def split_annotations(s: str) -> tuple[str, list[str], list[str], list[str], list[str]]:
    """Separate a tidy name from what is added to it.

    Returns ``(core, type labels, acronyms, bracket countries, qualifiers)``:
    "(NGO)"-like labels, the name's own acronym ("(SPC)", "IUCN (International
    Union…)", "Full Name - ACR", "Full Name, ACR", "Full Name ACR", "(Norad)"),
    countries in brackets, and other single capitalised words in brackets
    ("(Bizkaia)", "(Syke)", "(public)"): like a bracketed country they annotate
    the name. A bracket opening with an acronym and a dash gives the acronym
    and a description ("The Pacific Community (SPC – CROP agency)"). A country
    with a body in brackets names the body ("Australia (CSIRO)"). A country
    written after the bracketed acronym of a name that already has a country
    locates it, as if in brackets ("Hellenic Centre for Marine Research (HCMR)
    Ireland"); after any other name it is a country office ("… (FAO) Honduras").
    Other bracketed text stays part of the name.

    >>> split_annotations("Blue Ventures (UK) (NGO)")
    ('Blue Ventures', ['NGO'], [], ['GBR'], [])
    >>> split_annotations("The Pacific Community (SPC – CROP agency)")[:3]
    ('The Pacific Community', ['CROP agency'], ['SPC'])
    >>> split_annotations("Australia (CSIRO - Government research body)")[:4]
    ('CSIRO', ['Government research body'], [], ['AUS'])
    """
    core, labels, acronyms, soft, qualifiers = _split_cached(s)
    return core, list(labels), list(acronyms), list(soft), list(qualifiers)


@lru_cache(maxsize=1 << 16)
def _split_cached(s: str) -> tuple[str, tuple, tuple, tuple, tuple]:
    """:func:`split_annotations` of one name, memoised (the resolver and the acronym
    learner both read every name); lists become tuples so that no caller changes the memo."""
    core, labels, acronyms, soft, qualifiers = _split(s)
    return core, tuple(labels), tuple(acronyms), tuple(soft), tuple(qualifiers)


def _split(s: str) -> tuple[str, list[str], list[str], list[str], list[str]]:
    labels, acronyms, soft, kept, qualifiers = [], [], [], [], []
    after = _AFTER_ACRONYM.match(s) if ")" in s else None
    if after and looks_like_acronym(after.group(2)) \
            and (iso := whole_country(after.group(3))) is not None \
            and mark_countries(_FOLDED_WORD.findall(fold(after.group(1))))[1]:
        # a national body located again: "Hellenic Centre for Marine Research (HCMR)
        # Ireland"; "… (FAO) Honduras" is a country office and keeps its country
        soft.append(iso)
        s = after.group(1)
    outside = _clean(_PAREN.sub(" ", s)) if "(" in s or "[" in s else s
    core = outside
    if outside is not s:
        out_iso: str | None | bool = False  # looked up when first needed
        for m in _PAREN.finditer(s):
            content = _clean(m.group(1) if m.group(1) is not None else m.group(2))
            if not content:
                continue
            note = _note_parts(content, outside)
            if note and core == outside and (out_iso := whole_country(outside)
                                             if out_iso is False else out_iso) is None:
                # "(QMUL - UK)", "(Private limited company - UK)", "(Other - Youth-led non
                # profit)": an acronym or a label, and a country or a description
                head, rest, iso = note
                labels.extend(rest)
                soft.extend([iso] if iso else [])
                if head is None:
                    continue
                content = head
            head = _ACRONYM_HEAD.match(content)
            if head and looks_like_acronym(head.group(1)):
                content = head.group(1)  # "(SPC – CROP agency)": the acronym, then a description
                labels.append(_clean(head.group(2)))
            if is_type_label(content):
                labels.append(content)
            elif looks_like_acronym(content) and acronym_fits(content, outside):
                acronyms.append(content)  # "Danish Refugee Council (DRC)": no country
            elif (iso := whole_country(content)) is not None:
                soft.append(iso)
            elif core == outside and (out_iso := whole_country(outside)
                                      if out_iso is False else out_iso) is not None:
                core = content  # "Australia (CSIRO)": the body, with its country added
                soft.append(out_iso)
            elif looks_like_acronym(content):
                acronyms.append(content)
            elif content.isalpha() and len(content) >= 3:
                if content[0].isupper() and acronym_plausible(content, outside):
                    acronyms.append(content)  # "Norwegian Agency … (Norad)"
                else:
                    qualifiers.append(fold(content))
            elif looks_like_acronym(outside.replace(" ", "")) and len(content.split()) >= 2 \
                    and core == outside and acronym_plausible(outside, content):
                core = content  # "IUCN (International Union for Conservation of Nature)"
                acronyms.append(outside)
            else:
                kept.append(content)
        if kept:
            core = _clean(core + " " + " ".join(kept))
    head, colon, tail = core.partition(":")
    if colon and tail.strip() and is_type_label(_clean(head)):
        labels.append(_clean(head))  # "Lead entity: Peace Boat", "Government: Ministry of …"
        core = _clean(tail)
    m = _LEADING_LABEL.match(core)
    if m and len(core) > m.end() + 2:
        labels.append(_clean(m.group(0)))  # "Academic institution Mahidol University"
        core = core[m.end():]
    if "-" in core or "/" in core:
        parts = [p for p in (_clean(x) for x in _DASH.split(core)) if p]
        if len(parts) == 2:
            a, b = parts
            if is_type_label(b):
                labels.append(b)
                core = a
            elif looks_like_acronym(b) and (acronym_plausible(b, a) or (
                    b.isalpha() and b.isupper() and len(b) >= 3 and len(a.split()) >= 2
                    and whole_country(b) is None)):
                acronyms.append(b)  # "Ministry of Production - PRODUCE"
                core = a
            elif looks_like_acronym(a) and acronym_plausible(a, b):
                acronyms.append(a)
                core = b
    head, comma, tail = core.rpartition(",")
    if comma:
        tail = _clean(tail)
        if is_type_label(tail):
            labels.append(tail)
            core = _clean(head)
        elif looks_like_acronym(tail) and acronym_plausible(tail, head):
            acronyms.append(tail)
            core = _clean(head)
    words = core.split()
    if len(words) >= 3 and looks_like_acronym(words[-1]) \
            and acronym_fits(words[-1], " ".join(words[:-1])):
        acronyms.append(words[-1])
        core = " ".join(words[:-1])
    elif len(words) >= 4 and looks_like_acronym(words[0]) \
            and acronym_plausible(words[0], " ".join(words[1:])):
        acronyms.append(words[0])  # "UCSB University of California Santa Barbara"
        core = " ".join(words[1:])
    return core, labels, acronyms, soft, qualifiers


def _note_parts(content: str, outside: str) -> tuple[str | None, list[str], str | None] | None:
    """A bracketed note of parts joined by dashes, as ``(acronym, descriptions, country)``:
    "QMUL - UK" → ("QMUL", [], "GBR"); "Private limited company - UK" → (None, ["Private limited
    company"], "GBR"); "Other - Youth-led non profit" → (None, ["Other", "Youth-led non profit"],
    None); "CCMAR-Scientific Institution" → ("CCMAR", ["Scientific Institution"], None). None
    when the note is not so read: its first part is neither an acronym nor a type label, and no
    part but the first is a country ("(Fish Landings - Private/Public Entity)"). An acronym
    is written like one, or abbreviates ``outside``, the name the note is added to ("UAlg" of
    the University of Algarve)."""
    glued = _ACRONYM_LABEL.match(content)
    # (a glued word may be the acronym's own: "LTSER-Chile", "MAA-Maio")
    if glued and looks_like_acronym(glued.group(1)) and " " in glued.group(2):
        parts = [glued.group(1), glued.group(2)]
    else:
        parts = [p for p in (_clean(x) for x in _NOTE_DASH.split(content)) if p]
    if len(parts) < 2:
        return None
    iso = whole_country(parts[-1])
    rest = parts[1:-1] if iso else parts[1:]
    first = parts[0]
    if looks_like_acronym(first) or (" " not in first and not first[1:].islower()
                                     and acronym_plausible(first, outside)):
        return first, rest, iso
    if is_type_label(first) or (iso and not rest):
        return None, [first, *rest], iso
    return None


def strip_own_acronym(core: str, acronyms: list[str], known: KnownBodies | None) -> str:
    """Drop a trailing all-capitals word from a mixed-case name: "Finnish Environment
    Institute SYKE". Not a country ("UK"), not a known body ("… UNDP").

    The dropped word is appended to ``acronyms``. A trailing type label written
    without brackets ("… Government Agency") is dropped too.

    >>> found = []
    >>> strip_own_acronym("Finnish Environment Institute SYKE", found, None), found
    ('Finnish Environment Institute', ['SYKE'])
    """
    words = core.split()
    last = words[-1] if words else ""
    if (len(words) >= 3 and last.isalpha() and last.isupper() and 3 <= len(last) <= 8
            and any(c.islower() for c in core) and whole_country(last) is None
            and (known is None or known.acronym_owner(last.casefold()) is None)):
        acronyms.append(last)
        return " ".join(words[:-1])
    m = _TRAILING_LABEL.search(core)
    if m and m.start() > 3:
        return core[: m.start()].rstrip(" ,-")
    return core


def display_name(s: str, labels: list[str]) -> str:
    """The name ``s`` as shown to people: :func:`without_notes`, tidied at its ends.

    >>> display_name("Peace Boat - NGO", ["NGO"])
    'Peace Boat'
    """
    return _retidy(without_notes(s, labels))


def without_notes(s: str, labels: list[str]) -> str:
    """The name ``s`` as written, without the type ``labels`` found in it, and with a bracketed
    note read as an acronym with labels or a country (:func:`split_annotations`) cut to the
    acronym; brackets spaced as in running text; ``s`` itself when there is nothing to change.

    >>> without_notes("Queen Mary University of London (QMUL - UK)", [])
    'Queen Mary University of London (QMUL)'
    >>> without_notes("Asfour initiative (Other - Youth-led non profit)",
    ...               ["Other", "Youth-led non profit"])
    'Asfour initiative'
    >>> without_notes("Area marina protetta “Isole Egadi”", [])
    'Area marina protetta “Isole Egadi”'
    >>> without_notes("Korea Institute of Ocean Science and Technology(KIOST)", [])
    'Korea Institute of Ocean Science and Technology (KIOST)'
    >>> without_notes("Kerala United Fishermen Forum( KUFF )", [])
    'Kerala United Fishermen Forum (KUFF)'
    """
    if not labels and "(" not in s:
        return s  # most names: nothing added to them
    out = s
    if "(" in out:
        outside = _clean(_PAREN.sub(" ", out))
        out = _PAREN.sub(lambda m: _shown_note(m, outside, labels), out)
    for lab in labels:
        out = out.replace(f"({lab})", " ").replace(f"[{lab}]", " ")
        out = re.sub(r"\s*[-,]\s*" + re.escape(lab) + r"\s*$", "", out)
    if out == s and "(" not in s:
        return s
    out = _BRACKET_GLUED.sub(" (", _BRACKET_INSIDE.sub(lambda m: m.group(0).strip(), out))
    return _WS.sub(" ", out).strip(" ,")


def _shown_note(m: re.Match, outside: str, labels: list[str]) -> str:
    """A bracketed note as shown: its acronym alone, or nothing, when :func:`split_annotations`
    read its other parts as labels and a country ("(QMUL - UK)" → "(QMUL)")."""
    content = _clean(m.group(1) if m.group(1) is not None else m.group(2))
    note = _note_parts(content, outside) if content else None
    if note is None or not (note[1] or note[2]) or not set(note[1]) <= set(labels):
        return m.group(0)
    return f" ({note[0]}) " if note[0] else " "
