"""Type labels and headings written around a name inside one list item.

Partner lists label their items in many places besides brackets:

* before the name: "NGO Aquasis", "Private Sector The Future Ocean" (in a
  dashed list the label belongs to the name before it), or a plural heading
  with no colon, "Civil societies Kudat Turtle Conservation Society";
* after a colon or "as": "Department of Tourism: government agency",
  "UNDP as Implementing Agency";
* after the name without brackets: "… Services Limited private sector",
  "MOVAR Avfallsselskap Non-governmental organization".

* after a dash: "Aquasis - NGO", "Ocean Lab - Lead entity", and what else a dash
  brings (:func:`dash_suffixes`: an acronym, a location, the next name).

Each function returns the name without the label and the actor type the label
names (:func:`ecosystem.loaders.actor_labels.label_type`).

Examples
--------
>>> label_prefix("NGO Brazilian Navy", shortest=True)
('ngo', 'Brazilian Navy')
>>> label_after_colon("Department of Tourism: government agency", None)
('Department of Tourism', 'government')
>>> heading_before_name("Civil societies Kudat Turtle Conservation Society")
'Kudat Turtle Conservation Society'
"""
from __future__ import annotations

import re

from ecosystem.loaders.actor_labels import is_role_note, label_type
from ecosystem.loaders.lone_words import is_sentence_word
from ecosystem.loaders.name_boundaries import NAME_CONNECTORS, stands_alone, two_bodies
from ecosystem.loaders.org_name_parts import acronym_matches, has_org_head, legal_suffix
from ecosystem.loaders.partner_mention import PartnerMention, finish_name
from ecosystem.loaders.partner_names import not_organisation_reason
from ecosystem.loaders.text_nesting import nesting, strip_parens
from ecosystem.reference.acronym_shape import looks_like_acronym
from ecosystem.reference.countries import country_iso3
from ecosystem.reference.country_text import find_countries
from ecosystem.reference.folding import fold_phrase
from ecosystem.reference.known_body_names import is_known_body_name

__all__ = ["dash_suffixes", "heading_before_name", "label_after_colon", "label_after_name", "label_prefix"]

_CAPITALS = re.compile(r"[A-Z]{2,}")
_LETTER = re.compile(r"[^\W\d_]")
_NON_PREFIX = re.compile(r"^Non[- ]")
_WORD_THEN_OF = re.compile(r"^\S+\s+(?:of|for)\s")

_LABEL_NOUNS = {"sector", "society", "entity", "entities", "organization", "organisation", "organizations",
                "organisations", "institution", "institutions", "community", "government", "agency",
                "agencies", "body", "bodies", "partner", "partners", "group"}


def label_prefix(text: str, shortest: bool = False) -> tuple[str | None, str]:
    """A category label at the start of ``text`` and the rest: "NGO Aquasis" → ("ngo", "Aquasis").

    The longest label is taken, or with ``shortest`` the shortest one that the
    next word does not continue ("Private Sector The Future Ocean", "NGO
    Brazilian Navy"). A label never ends inside brackets.

    >>> label_prefix("NGO Brazilian Navy", shortest=True)
    ('ngo', 'Brazilian Navy')
    >>> label_prefix("UBO (Academic Institution)", shortest=True), label_prefix("ICT (Gobierno). INA", shortest=True)
    (('academic', ''), ('government', 'INA'))
    >>> label_prefix("Universidade do Minho", shortest=True)
    (None, 'Universidade do Minho')
    """
    words = text.split()
    sizes = range(1, min(6, len(words)) + 1) if shortest else range(min(6, len(words)), 0, -1)
    for n in sizes:
        head = " ".join(words[:n])
        if head.count("(") != head.count(")"):
            continue  # a label never ends inside brackets: not "UBO (Academic" of "… Institution)"
        if words[n - 1].lower() in NAME_CONNECTORS:
            continue  # a label never ends with a connector: "Business and Marine …", "Universidade
            # do Algarve" are names
        head, rest = " ".join(words[:n]), " ".join(words[n:])
        if shortest and rest and rest.split()[0].lower() in _LABEL_NOUNS \
                and not _WORD_THEN_OF.match(rest):  # "Government of Flanders" is a name
            continue
        t = label_type(head.rstrip(".,;"))
        if t and (not rest or rest[:1].isupper() or rest[:1].isdigit() or rest[:1] in "“\"("):
            if n == 1 and rest and fold_phrase(head) in ("un", "eu"):
                continue  # "UN Environment ..." is a name
            return t, rest
    return None, text


_TRAILING_LABEL = re.compile(r"(?:\s*:\s*|\s+as\s+(?:an?\s+|the\s+)?)([^:()]{2,60})$")


def label_after_colon(name: str, name_type: str | None) -> tuple[str, str | None]:
    """Take off a label after a colon or "as": "Department of Tourism: government agency",
    "UNDP as Implementing Agency (United Nations)"."""
    # (:data:`_TRAILING_LABEL` starts with spaces, so it is tried at every position: only where
    # a colon or "as" is)
    m = _TRAILING_LABEL.search(name) if ":" in name or "as" in name else None
    if not m or not _LETTER.search(name[:m.start()]):
        return name, name_type
    label = m.group(1).strip(" .")
    t = label_type(label)
    if t or is_role_note(label) or (" as " in m.group(0) and label[:1].isupper() and len(label.split()) <= 4
                                    and not _CAPITALS.search(label)):
        return name[:m.start()], name_type or t
    return name, name_type


#: A heading before a colon, in brackets or not: "(Financial experts): Pegasus".
_COLON_HEADING = re.compile(r"^(\([^()]{2,60}\)|[^:()]{2,60}?)\s*:\s+(?=\S)")


def heading_before_name(piece: str) -> str:
    """A plural category written as a heading before a name, without a colon:
    "Civil societies Kudat Turtle Conservation Society" → "Kudat Turtle Conservation Society"; also
    a possessive before a name: "its Regional Centre (REMPEC)" → "Regional Centre (REMPEC)";
    and a heading before a colon that names no body, when a body's name follows: "(Financial
    experts): Pegasus Capital", "Management Arrangements: UNDP" (not "AMV: Les Amis du Monde
    Vert", an acronym and its name, nor "Latvia: Municipality of Riga", where the body is)."""
    m = _COLON_HEADING.match(piece) if ":" in piece else None
    if m and _heads_a_name(m.group(1).strip(), piece[m.end():]):
        return piece[m.end():]
    words = piece.split()
    for n in range(1, min(4, len(words) - 2) + 1):
        if not (words[n][:1].isupper() and words[n - 1].endswith("s")):
            continue  # the cheap tests first: a capital after a plural
        head, rest = " ".join(words[:n]), " ".join(words[n:])
        if rest[:1].isupper() and words[n - 1].endswith("s") \
                and (not_organisation_reason(head) == "generic" or (n == 1 and is_sentence_word(head))) \
                and stands_alone(rest) and not find_countries(head) and not legal_suffix(words[n]) \
                and (len(strip_parens(rest).split()) > 1 or looks_like_acronym(strip_parens(rest), loose=True)):
            # one word after the plural is the end of one name, unless an acronym: "Blue Fishers
            # Organization (CSO)", "Wildlife Clubs Seychelles"
            return rest
    return piece


def _heads_a_name(head: str, rest: str) -> bool:
    """True when ``head`` before a colon is a heading: in brackets, or two words or more of no
    body, no acronym and no country, before a name written in capitals that stands on its own (a
    head word such as "University", a known body's name or an acronym): not the title "Pacific
    Plastics: Science to Solutions network"."""
    if head.startswith("("):
        return True
    words = head.split()
    name = strip_parens(re.split(r"\s*[,;:(]|\s+-\s", rest, maxsplit=1)[0]).strip()
    if len(words) < 2 or has_org_head(head) or find_countries(head) or is_known_body_name(head) \
            or any(looks_like_acronym(w, loose=True) for w in words) or not name:
        return False
    first = name.split()[0]
    stands = has_org_head(name) or is_known_body_name(name) \
        or looks_like_acronym(first, loose=True)
    return stands and all(w[:1].isupper() or w in _LINKS for w in name.split()) \
        and not acronym_matches(first, head)  # "Marine Affairs Research and Education: MARE"


_LINKS = {"of", "for", "and", "the", "&", "with", "in", "by", "to", "on", "at"}


_OPENING = "(“\"«"


def label_after_name(name: str) -> tuple[str, str | None]:
    """A type label written after a name without brackets: "… Services Limited private sector",
    "MOVAR Avfallsselskap Non-governmental organization". Only a lower-case label or one led
    by "Non-" is read so, since "Ministry of Local Government" ends in a capitalised label; or one
    after a bracket or quote left open ("… Initiative “Non-Government")."""
    words = name.split()
    for n in range(min(4, len(words) - 1), 0, -1):
        opened = words[-n][:1] in _OPENING and ")" not in words[-n] and all(
            c not in " ".join(words[-n:]) for c in ")”\"")  # "… Initiative “Non-Government", "(Academic institution="
        if not (words[-n][:1].islower() or words[-n].startswith("Non") or opened):
            continue  # the label starts in lower case or with "Non-": test that first
        head, tail = " ".join(words[:-n]), " ".join(words[-n:])
        if head.count("(") > head.count(")") and not opened:
            continue  # inside a bracket: "(Statutory body of Government)" is one note
        if opened:
            tail = tail[1:].rstrip(" =:;,")
            if label_type(tail) and stands_alone(head):
                return head, label_type(tail)
            continue
        if (tail[:1].islower() or _NON_PREFIX.match(tail)) and label_type(tail) and stands_alone(head) \
                and words[-n].lower() not in _LINKS and words[-n - 1].lower() not in _LINKS:
            return head, label_type(tail)
    return name, None


# ----------------------------------------------------------------------------- after a dash

_DASH_IN = re.compile(r"\s+[-–—]\s*|\s*[-–—]\s+|(?<=[)\w])-(?=[A-Za-z])")
_WORD_PREFIXES = {"inter", "non", "sub", "co", "multi", "pan", "intra", "trans", "semi", "anti", "pre", "post",
                  "re", "self", "cross", "bi", "tri", "socio", "agro", "eco", "bio", "geo", "hydro", "e"}


def dash_suffixes(name: str, name_type: str | None, actor_type: str, source: str,
                  out: list[PartnerMention]) -> tuple[str, str | None]:
    """Read what follows the dashes of one name: "Name - NGO Next Name", "Name - ACR",
    "Name - Country", "Country - Body", "Name - Lead entity", "Unit - Body".

    The names that end before the last part are appended to ``out`` (with
    :func:`~ecosystem.loaders.partner_mention.finish_name`); the last name and
    its type are returned.

    >>> found = []
    >>> dash_suffixes("Reef Trust - NGO Kelp Watch", None, "unknown", "x", found)
    ('Kelp Watch', None)
    >>> [(m.name, m.actor_type) for m in found]
    [('Reef Trust', 'ngo')]
    >>> dash_suffixes("Ocean Lab - Lead entity", None, "unknown", "x", [])
    ('Ocean Lab', None)
    """
    # (:data:`_DASH_IN` starts with spaces, so it is tried at every position: only where a dash is)
    dashes = list(_DASH_IN.finditer(name)) if "-" in name or "–" in name or "—" in name else []
    if not dashes:
        return name, name_type
    depth = nesting(name)
    cuts = [m for m in dashes if depth[m.start()] == 0]
    if not cuts:
        return name, name_type
    bounds = [0] + [x for m in cuts for x in (m.start(), m.end())] + [len(name)]
    parts = [name[bounds[k]:bounds[k + 1]] for k in range(0, len(bounds), 2)]
    seps = [m.group(0) for m in cuts]
    current = parts[0]
    glued: list[str] = []  # parts hyphenated to ``current``, joined once (joining each was quadratic)
    for sep, part in zip(seps, parts[1:]):
        part = part.strip()
        tight = sep == "-"  # "Kerala-Academic Institution", "(FML)-indigenous ..."
        if tight:
            last_word = _last_word(glued[-1] if glued else current)
            if last_word and last_word.lower() in _WORD_PREFIXES:
                glued.append(part)
                continue
        if not tight and len(part.split()) >= 2 and is_role_note(part):
            continue  # "#Savetheblu - Lead entity": a role note
        t, rest = label_prefix(part)
        if tight and not t:
            glued.append(part)
            continue
        if glued:
            current, glued = "-".join([current, *glued]), []
        if t:
            out.extend(finish_name(current, name_type or t, source))
            name_type = None
            current = rest
            if not rest:
                current = ""
            continue
        first = part.split()[0].rstrip(",;") if part.split() else ""
        after = part[len(first):].strip(" ,;")
        if looks_like_acronym(part, loose=True) and acronym_matches(part, current):
            current = f"{current} ({part})"
        elif looks_like_acronym(first, loose=True) and part[len(first):len(first) + 1] == "," \
                and country_iso3(strip_parens(after)):
            # "Institut … - INRH, Morocco", "Instituto do Mar - IMar, Cabo Verde": the country locates
            current = f"{current} ({first})" if acronym_matches(first, current) else f"{current} - {first}"
        elif current and country_iso3(current.strip()) and not looks_like_acronym(current.strip(), loose=True) \
                and " of " not in current and has_org_head(part) and not country_iso3(part):
            current = part  # "Thailand - Pollution Control Department": the country qualifies the body
        elif looks_like_acronym(first, loose=True) and acronym_matches(first, current) \
                and len(part.split()) > 1:
            out.extend(finish_name(f"{current} ({first})", name_type or actor_type, source))
            name_type = None
            current = part[len(first):].strip()
        elif current and two_bodies(current, part):
            out.extend(finish_name(current, name_type or actor_type, source))
            name_type = None
            current = part  # "University of Turku - Archipelago Research Institute": unit and body
        else:
            current = f"{current} - {part}" if current else part
    return "-".join([current, *glued]), name_type


def _last_word(text: str) -> str:
    """The letters and digits ending ``text`` (before one final line break), read from the end."""
    text = text.removesuffix("\n")
    k = len(text)
    while k and text[k - 1].isalnum():
        k -= 1
    return text[k:]
