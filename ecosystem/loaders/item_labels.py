"""Type labels and headings written around a name inside one list item.

Partner lists label their items in many places besides brackets:

* before the name: "NGO Aquasis", "Private Sector The Future Ocean" (in a
  dashed list the label belongs to the name before it), or a plural heading
  with no colon, "Civil societies Kudat Turtle Conservation Society";
* after a colon or "as": "Department of Tourism: government agency",
  "UNDP as Implementing Agency";
* after the name without brackets: "… Services Limited private sector",
  "MOVAR Avfallsselskap Non-governmental organization".

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
from ecosystem.loaders.name_boundaries import stands_alone
from ecosystem.loaders.partner_names import legal_suffix, not_organisation_reason
from ecosystem.reference.countries import find_countries
from ecosystem.reference.folding import fold_phrase

__all__ = ["heading_before_name", "label_after_colon", "label_after_name", "label_prefix"]

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
    Brazilian Navy").
    """
    words = text.split()
    sizes = range(1, min(6, len(words)) + 1) if shortest else range(min(6, len(words)), 0, -1)
    for n in sizes:
        if words[n - 1].lower() in ("and", "&", "of", "for", "y", "et", "de", "the"):
            continue  # a label never ends with a connector: "Business and Marine …" is a name
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
    m = _TRAILING_LABEL.search(name)
    if not m or not _LETTER.search(name[:m.start()]):
        return name, name_type
    label = m.group(1).strip(" .")
    t = label_type(label)
    if t or is_role_note(label) or (" as " in m.group(0) and label[:1].isupper() and len(label.split()) <= 4
                                    and not _CAPITALS.search(label)):
        return name[:m.start()], name_type or t
    return name, name_type


def heading_before_name(piece: str) -> str:
    """A plural category written as a heading before a name, without a colon:
    "Civil societies Kudat Turtle Conservation Society" → "Kudat Turtle Conservation Society"."""
    words = piece.split()
    for n in range(1, min(4, len(words) - 2) + 1):
        if not (words[n][:1].isupper() and words[n - 1].endswith("s")):
            continue  # the cheap tests first: a capital after a plural
        head, rest = " ".join(words[:n]), " ".join(words[n:])
        if rest[:1].isupper() and words[n - 1].endswith("s") and not_organisation_reason(head) == "generic" \
                and stands_alone(rest) and not find_countries(head) and not legal_suffix(words[n]):
            return rest
    return piece


_LINKS = {"of", "for", "and", "the", "&", "with", "in", "by", "to", "on", "at"}


def label_after_name(name: str) -> tuple[str, str | None]:
    """A type label written after a name without brackets: "… Services Limited private sector",
    "MOVAR Avfallsselskap Non-governmental organization". Only a lower-case label or one led
    by "Non-" is read so, since "Ministry of Local Government" ends in a capitalised label."""
    words = name.split()
    for n in range(min(4, len(words) - 1), 0, -1):
        if not (words[-n][:1].islower() or words[-n].startswith("Non")):
            continue  # the label starts in lower case or with "Non-": test that first
        head, tail = " ".join(words[:-n]), " ".join(words[-n:])
        if (tail[:1].islower() or _NON_PREFIX.match(tail)) and label_type(tail) and stands_alone(head) \
                and words[-n].lower() not in _LINKS and words[-n - 1].lower() not in _LINKS:
            return head, label_type(tail)
    return name, None
