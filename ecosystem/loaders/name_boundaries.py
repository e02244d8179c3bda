"""Where one organisation's name ends and the next begins, inside one list item.

After a partners field is cut at its separators (:mod:`.partner_pieces`), an
item may still hold several names:

* joined by a slash: "SEMARNAT/CONANP", "United Nations/Office of Legal
  Affairs/Division for Ocean Affairs", "AfDB / African Development Fund";
* run together after an acronym, a type label or a note about the body in
  brackets: "Group on Earth Observations (GEO) Group on Earth Observations
  Biodiversity Observation Network (GEO BON)", "Ministry of Women, Community and
  Social Development (government) Samoa Tourism Authority", "Kamehameha Schools
  (Private education trust) Hawaii Tourism Authority";
* joined by "and", "&", "y" or "et": "Island Council and Island School",
  "Ministerio de Medio Ambiente y CODOPESCA";
* joined by "by", "launched by", "with support of", "in partnership with":
  "Blue Planet Fund by WWF".

:func:`split_names` splits them, and only between names that each *stand
alone*: a name with a word that heads organisation names (Ministry, Council,
University …), a country, or an acronym. "Ministry of Agriculture and Rural
Development", "Department of Trade and Industry (DTI)", "Trinidad and Tobago",
"Fauna & Flora International" and "Foundation/NGO" stay whole.

Examples
--------
>>> split_names("Island Council and Island School")
['Island Council', 'Island School']
>>> split_names("Ministry of Agriculture and Rural Development")
['Ministry of Agriculture and Rural Development']
>>> split_names("SEMARNAT/CONANP")
['SEMARNAT', 'CONANP']
"""
from __future__ import annotations

import re
from itertools import pairwise

from ecosystem.loaders.actor_labels import is_role_note, label_type, leading_label
from ecosystem.loaders.item_locations import is_location
from ecosystem.loaders.org_name_parts import acronym_matches, has_org_head
from ecosystem.loaders.partner_names import not_organisation_reason
from ecosystem.loaders.text_nesting import nesting, split_top, strip_parens
from ecosystem.reference.acronym_shape import looks_like_acronym
from ecosystem.reference.countries import country_iso3
from ecosystem.reference.gazetteer import place_kind
from ecosystem.reference.known_body_names import is_known_body_name
from ecosystem.reference.topic_words import is_topic_word

__all__ = ["NAME_CONNECTORS", "split_names", "stands_alone", "two_bodies"]

_BRACKETED_ACRONYM = re.compile(r"\([A-Z][\w&.-]*[A-Z]\w*\)")
_CAP_WORD = re.compile(r"^[\"“(]?[A-Z0-9]")
_FIRST_BRACKET = re.compile(r"^[^()]*\(([^()]{2,12})\)")
_NAME_START = re.compile(r"^(?:the\s+)?[\"“A-Z]")
_NOT_A_SLASH_LIST = re.compile(r"https?:|www\.|\band/or\b|\w/\w+\.\w", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$")
_SLASH_OR_SPACE = re.compile(r"[/\s]+")
_SPACED_SLASH = re.compile(r"\s/|/\s")
_SPACED_DASH = re.compile(r"\s[-–—]\s")
_WORD_OF = re.compile(r"^(?:the\s+)?\w+\s+of\s+")

_AND = re.compile(r"\s+(?:and|&|y|et|or)\s+")
_SLASH = re.compile(r"\s*/\s*")
#: (a name may open in lower case before a capital: "cChange", "eBay")
_ACRONYM_THEN_NAME = re.compile(
    r"(?<=\))(?:\.\s*[-–—]?)?\s+(?=(?:The\s+)?(?:[A-Z]|[a-z][A-Z])[\w.'’-]*\s+[A-Z(\w])")
_NAME_END = re.compile(r"\s+[-–—]\s|\s*:\s|\s*\(|\s+as\s+|\s+in\s+")
_ACRONYMS_ONLY = re.compile(r"[A-Z][A-Za-z&.-]{1,14}(?:/[A-Z][A-Za-z&.-]{1,14})*")
_MEMBERS = re.compile(r"\bmembers?\b", re.IGNORECASE)
_GENERIC_LEADS = {"key", "other", "others", "its", "their", "all", "local", "various", "several", "many",
                  "relevant", "partners", "stakeholders", "members", "more"}


def stands_alone(name: str, right: bool = False) -> bool:
    """True when ``name`` can be a whole organisation's name: a head word, a country or an acronym.

    On the right of "and", an acronym in brackets may be the whole name's
    ("Ministry of Agriculture and Fisheries (MAF)"), so it is no evidence there.

    >>> stands_alone("Island School"), stands_alone("Rural Development"), stands_alone("CODOPESCA")
    (True, False, True)
    """
    bare = strip_parens(name).strip(" .,")
    if not bare:
        return False
    words = bare.split()
    return bool(has_org_head(bare) or country_iso3(bare)
                or (not right and _BRACKETED_ACRONYM.search(name))
                or looks_like_acronym(words[0], loose=True) or looks_like_acronym(words[-1], loose=True))


def _starts_name(text: str) -> bool:
    return bool(_NAME_START.match(text))


def _first_name(text: str) -> str:
    """The name at the start of ``text``, before a dash, colon, bracket or "as …"."""
    m = _NAME_END.search(text)
    return text[:m.start()] if m else text


#: An acronym written alone, in capitals: four letters or more ("ABIPLAST", "NOAA").
_BARE_ACRONYM = re.compile(r"[A-Z]{2,}[A-Z0-9&]{2,}")
#: "and" links tried in a row without a cut before the rest is kept as one name: each try reads
#: the name so far, so unbounded tries are quadratic in a long run of "… and … and …".
_MAX_AND_TRIES = 24


def _split_and(frag: str) -> list[str]:
    if not _AND.search(frag):
        return [frag]
    depth = nesting(frag)
    cuts = [m for m in _AND.finditer(frag) if depth[m.start()] == 0]
    if not cuts or country_iso3(strip_parens(frag)):
        return [frag]
    bounds = [0] + [x for m in cuts for x in (m.start(), m.end())] + [len(frag)]
    parts = [frag[bounds[k]:bounds[k + 1]] for k in range(0, len(bounds), 2)]
    seps = [m.group(0) for m in cuts]
    out = [parts[0]]
    tries = 0
    for at, (sep, part) in enumerate(zip(seps, parts[1:]), start=1):
        tries += 1
        if tries > _MAX_AND_TRIES:  # a long run of "and" that never splits: the rest is one name
            out[-1] = out[-1] + "".join(x for pair in zip(seps[at - 1:], parts[at:]) for x in pair)
            break
        right = part.strip()
        left_name = _SPACED_DASH.split(out[-1])[-1]  # "N.E.C.C.A. – Natural Environment": after the dash
        if sep.strip() in ("and", "&") and right.islower() \
                and right.split()[0] in _GENERIC_LEADS and stands_alone(left_name):
            out.append(right)  # "… Council and key stakeholders": the rest is no organisation
            tries = 0
            continue
        head = _first_name(right)
        if is_known_body_name(f"{left_name}{sep}{head}"):  # "U.S. Fish and Wildlife Service (…)"
            out[-1] = out[-1] + sep + part
            continue
        alias = right.strip(" .;")
        if sep.strip() == "or" and _ACRONYMS_ONLY.fullmatch(alias) and ("/" in alias or acronym_matches(alias, left_name)):
            out[-1] = f"{out[-1]} ({alias})"  # "… Center or DOST/RIC": its acronyms
            continue
        if _MEMBERS.search(head) and stands_alone(left_name) and not_organisation_reason(head) == "generic":
            out.append(right)  # "FFA and SPC member countries": a body, then the members of another
            tries = 0
            continue
        acr = _FIRST_BRACKET.match(right)
        whole = f"{left_name} {head}".split()
        if acr and any(acronym_matches(acr.group(1), " ".join(whole[k:])) for k in range(3)) \
                and not acronym_matches(acr.group(1), head):
            out[-1] = out[-1] + sep + part  # "National Oceanic and Atmospheric Administration (NOAA)"
            continue
        one_word = len(strip_parens(head).split()) == 1 and not looks_like_acronym(head.strip(), loose=True) \
            and not country_iso3(head.strip())
        acronym_left = looks_like_acronym(left_name.strip(), loose=True) and len(head.split()) >= 2 \
            and all(w[:1].isupper() for w in head.split())
        words = strip_parens(head).split()
        unit_of_left = sep.strip() == "&" and len(words) >= 2 and all(is_topic_word(w) for w in words[:-1]) \
            and has_org_head(words[-1])  # "Virginia Aquarium & Marine Science Center": one body
        bare_acronym = _BARE_ACRONYM.fullmatch(head.strip()) is not None \
            and not acronym_matches(head.strip(), left_name) and len(left_name.split()) >= 2 \
            and left_name[:1].isupper()  # "Exchange 4 Change Brasil and ABIPLAST": a second body
        if bare_acronym or (
                _starts_name(right) and not one_word and not unit_of_left and stands_alone(left_name)
                and not_organisation_reason(head) != "generic"
                and (stands_alone(head, right=True) or acronym_left or is_known_body_name(head))
                and not (country_iso3(strip_parens(left_name)) and not country_iso3(strip_parens(head))
                         and not has_org_head(head))):
            out.append(right)
            tries = 0
        else:
            out[-1] = out[-1] + sep + part
    return [p.strip() for p in out]


def _split_slashes(frag: str) -> list[str]:
    if "/" not in frag or _NOT_A_SLASH_LIST.search(frag):
        return [frag]
    parts = split_top(frag, _SLASH)
    if len(parts) < 2:
        return [frag]
    if any(label_type(p.strip()) for p in parts[1:]):
        return [frag]  # "Foundation/NGO", "Government/Scientific Community": labels
    spaced = bool(_SPACED_SLASH.search(frag))
    if not spaced and not all(stands_alone(_first_name(p)) or stands_alone(p) for p in parts):
        return [frag]
    if any(len(p.strip()) < 2 for p in parts):
        return [frag]
    first, second = parts[0].split(), parts[-1].split()
    if len(parts) == 2 and len(first) == 1 and len(second) >= 3 and looks_like_acronym(first[0]) \
            and looks_like_acronym(second[0]) and has_org_head(parts[1]) and not _SPACED_DASH.search(parts[1]):
        return [frag]  # "UNDP/GEF Small Grants Programme": two bodies' joint programme, one name
    return [p.strip() for p in parts]


def _split_after_acronyms(frag: str) -> list[str]:
    if ")" not in frag:
        return [frag]
    found = list(_ACRONYM_THEN_NAME.finditer(frag))
    if not found:
        return [frag.strip()] if frag.strip() else []
    depth = nesting(frag)
    out, last = [], 0
    for m in found:
        if depth[m.start()]:
            continue
        # "Name (NGO). Name (Government)": a full stop after a bracket ends a name when a name
        # follows it; in prose ("(Law 5/2023). At the moment, two …") a sentence does
        stop = frag[m.start()] == "." and _names_only(frag[m.end():].split("(", 1)[0])
        if frag[m.start()] == "." and not stop:
            continue
        inner = frag[frag.rfind("(", 0, m.start()) + 1:m.start() - 1]
        tokens = [t for t in _SLASH_OR_SPACE.split(inner) if t]
        if not stop and not (tokens and all(looks_like_acronym(t, loose=True) for t in tokens)) \
                and not label_type(inner) and not is_role_note(inner) \
                and not leading_label(inner) \
                and not _note_then_body(inner, _first_name(frag[m.end():])):
            continue
        following = strip_parens(_first_name(frag[m.end():])).split()
        parent = frag[last:frag.rfind("(", 0, m.start())].split()
        if not stop and len(following) >= 2 and following[-1].lower() in _UNIT_HEADS and all(
                w[:1].isupper() and not has_org_head(w) and not looks_like_acronym(w, loose=True)
                for w in following[:-1]) and parent and has_org_head(parent[-1]) \
                and not label_type(inner) and not leading_label(inner):
            continue  # "IUCN Species Survival Commission (SSC) Shark Specialist Group": a unit run in
        out.append(frag[last:m.start()])
        last = m.end()
    out.append(frag[last:])
    return [p.strip() for p in out if p.strip()]


def _names_only(text: str) -> bool:
    """True when every word of ``text`` is capitalised or joins a name ("Prince Albert II of
    Monaco Foundation"); "At the moment", "Key institutions like the …" are prose."""
    words = text.split()
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() or w in NAME_CONNECTORS
                               for w in words)


def _note_then_body(inner: str, following: str) -> bool:
    """A bracket of words about the body before it, then a body's name: "Kamehameha Schools
    (Private education trust) Hawaii Tourism Authority", a list whose separators were lost.

    Not a place ("(Madrid, Spain)"), a country or a lower-case comment; the name after it
    stands alone (:func:`stands_alone`: "… (Confectionary Company) Cotton On Foundation").
    """
    return len(inner.split()) >= 2 and inner[:1].isupper() and not country_iso3(inner) \
        and not is_location(inner) and stands_alone(following)


#: Head words of a unit of a body: written right after the body's acronym, such a name is the
#: body's unit, run into its name.
_UNIT_HEADS = {"group", "unit", "section", "division", "chapter", "team", "subcommittee", "taskforce", "office"}

#: Lower-case words that join the words of a name, in the languages registries write.
NAME_CONNECTORS = frozenset({"of", "the", "and", "&", "for", "de", "del", "la", "le", "du", "des",
                             "at", "in", "on", "y", "et", "e", "da", "do", "dos", "das", "van",
                             "von", "fur", "für", "zu"})
_WORD = re.compile(r"\S+")


def _is_cap(word: str) -> bool:
    return bool(_CAP_WORD.match(word))


def _split_run_on(frag: str) -> list[str]:
    """Cut a run of names written without separators at the words that end names.

    Only a long item (eight words or more) with at least three words that head
    organisation names, and no lower-case words but connectors, is read so:
    "Alaska SeaLife Center Aquarium of the Pacific Audubon Aquarium of the
    Americas …". A name ends after a head word ("… Center", "… Aquarium") or
    after "of/at [the] Word" when a capitalised word follows that does not
    continue it.
    """
    if frag.count(" ") < 7 or "(" in frag or "," in frag:
        return [frag]
    words = [(m.group(0), m.start()) for m in _WORD.finditer(frag)]
    if len(words) < 8:
        return [frag]
    bare = [w.strip("\"“”.,;:") for w, _ in words]
    if any(not _is_cap(w) and w not in NAME_CONNECTORS for w in bare if w):
        return [frag]
    heads = [bool(has_org_head(w)) and not _POSSESSIVE.search(w) for w in bare]
    if sum(heads) < 3:
        return [frag]
    cuts = []
    for k in range(1, len(bare)):
        prev, word = bare[k - 1], bare[k]
        if not _is_cap(word) or word in NAME_CONNECTORS:
            continue
        after_head = heads[k - 1]
        after_of = k >= 2 and bare[k - 2] in ("of", "at", "the") and _is_cap(prev) and not heads[k - 1]
        if after_head or (after_of and not heads[k]):
            cuts.append(words[k][1])
    if not cuts:
        return [frag]
    bounds = [0, *cuts, len(frag)]
    return [frag[a:b].strip() for a, b in pairwise(bounds) if frag[a:b].strip()]


_BY = re.compile(r"\s+(?:(?:launched|led|run|managed|funded|supported|hosted|coordinated|implemented|"
                 r"organi[sz]ed|founded|created)\s+)?by\s+(?:the\s+)?(?=[A-Z])|"
                 r"\s+with\s+(?:the\s+)?support\s+(?:of|from)\s+(?:the\s+)?(?=[A-Z])|"
                 r"\s+in\s+(?:close\s+)?(?:partnership|collaboration|cooperation)\s+with\s+(?:the\s+)?(?=[A-Z])")


#: "by" links tried per name before the rest is kept whole (the Ocean registry has at most 2
#: in one item): each try reads the text before it, so unbounded tries are quadratic.
_MAX_BY_TRIES = 8


def _split_by(frag: str) -> list[str]:
    """ "Blue Planet Fund by WWF", "UNEP with support of the German Federal Ministry …":
    two bodies, when each stands alone.

    One pass over the links, left to right: after a cut the next name starts
    after the link (the text after a link keeps its bracket depths, as no
    bracket pair spans a cut made at depth 0); the name after a link ends at
    the next link at the latest.
    """
    if ("by" not in frag and "with" not in frag) or not _BY.search(frag):  # (tried everywhere: its words first)
        return [frag]
    depth = nesting(frag)
    end = len(frag.rstrip())
    links = [m for m in _BY.finditer(frag) if depth[m.start()] == 0]
    out, start, tries = [], 0, 0
    for k, m in enumerate(links):
        tries += 1
        if tries > _MAX_BY_TRIES:
            break
        left = frag[start:m.start()].strip()
        # the name after the link ends at a dash, colon, bracket … or at the next link
        until = links[k + 1].start() if k + 1 < len(links) else end
        stop = _NAME_END.search(frag, m.end(), until)
        head = frag[m.end():stop.start() if stop else until].strip()
        if stands_alone(left) and stands_alone(head):
            out.append(left)
            start, tries = m.end(), 0
    return [*out, frag[start:].strip() if out else frag]


_STATE_THEN_BODY = re.compile(r"^((?:the\s+)?(?:Government|Republic|Kingdom|State)\s+of\s+[A-Z][^()]*?)\s+"
                              r"(?=(?:Ministry|Department|Office|Agency|Secretariat|Directorate)\s+(?:of|for)\s)")


def _split_state_body(frag: str) -> list[str]:
    """ "Government of Nepal Ministry of Foreign Affairs": the state, then one of its bodies."""
    m = _STATE_THEN_BODY.match(frag)
    if m and country_iso3(_WORD_OF.sub("", m.group(1))):
        return [m.group(1), frag[m.end():]]
    return [frag]


_HEAD_THEN_NAMED_HEAD = re.compile(r"(?<=[a-z])\s+(?=(?:University|Universidad|Universidade|Université|Ministry|"
                                   r"Department|Institute|Secretariat)\s+(?:of|for|de|do|da|du)\s)")
_NAMED_HEAD = re.compile(r"Univers|Ministry|Department|Institute|Secretariat")  # its head words


def _split_head_then_head(frag: str) -> list[str]:
    """ "The Marine Research and High Education Center University of Milano-Bicocca": a name
    that ends in a head word, then a name such as "University of …" run on after it.

    One pass, left to right; the word before each candidate cut is read back from it."""
    if not _NAMED_HEAD.search(frag):  # (the cut's regex is tried at every position: its words first)
        return [frag]
    out, start, depth = [], 0, None
    for m in _HEAD_THEN_NAMED_HEAD.finditer(frag):
        k = m.start()
        while k > start and not frag[k - 1].isspace():
            k -= 1
        last = frag[k:m.start()]
        if has_org_head(last) and not _POSSESSIVE.search(last) \
                and (depth := depth or nesting(frag))[m.start()] == 0:
            out.append(frag[start:m.start()].strip())
            start = m.end()
    return [*out, frag[start:]] if out else [frag]


def split_names(frag: str) -> list[str]:
    """Split one list item that holds several names (see the module notes).

    Parameters
    ----------
    frag : str
        One item, after the list's separators have been cut.

    Returns
    -------
    list of str
        The names in the order written; ``[frag]`` when it holds one.

    Examples
    --------
    >>> split_names("Group on Earth Observations (GEO) GEO Blue Planet")
    ['Group on Earth Observations (GEO)', 'GEO Blue Planet']
    >>> split_names("The Nippon Foundation and the United Nations/Office of Legal Affairs")
    ['The Nippon Foundation', 'the United Nations', 'Office of Legal Affairs']
    >>> split_names("Waitt Foundation (Foundation/NGO)")
    ['Waitt Foundation (Foundation/NGO)']
    """
    out = []
    for a in (x for y in _split_by(frag) for z in _split_state_body(y) for w in _split_head_then_head(z)
              for x in _split_after_acronyms(w)):
        for b in _split_slashes(a):
            for c in _split_run_on(b):
                out.extend(_split_and(c))
    return out


# ----------------------------------------------------------------------------- one body or two


def two_bodies(left: str, right: str) -> bool:
    """Two bodies on either side of a dash: both stand alone, and the right is not a
    place's office of the left ("Conservation International - Samoa Office")."""
    words = strip_parens(right).split()
    if len(words) < 2 or not right[:1].isupper() or not has_org_head(right) or not stands_alone(left):
        return False
    if place_kind(" ".join(words[:-1])) or looks_like_acronym(left.strip(), loose=True) \
            or acronym_matches(words[0], left):
        return False
    return not label_type(right)
