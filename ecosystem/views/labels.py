"""Human labels for the codes the analyses carry: actor types, SDG targets, communities.

Tables and figures keep codes in their data (``civil_society``, ``14.6``) and show these labels;
the report text never prints a code name.

Examples
--------
>>> actor_type_label("un_multilateral"), actor_type_label("civil_society")
('UN & multilateral', 'Civil society')
>>> sdg_target_label("14.6")
'SDG 14.6'
>>> community_label(3, "14.6 · government")
'Community 3: SDG 14.6 · Government'
>>> column_label("s_coreness"), id_label("xi-bridge-41", {"xi-bridge-41": "XI-BRIDGE-41"})
('s-coreness', 'unnamed organisation (XI-BRIDGE-41)')
"""
from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from ecosystem.reference.orgids import normalise_org_ref

__all__ = ["ACTOR_TYPE_LABELS", "COLUMN_LABELS", "actor_type_label", "column_label",
           "community_label", "community_name", "id_label", "label_codes", "sdg_target_label",
           "sdg_target_title"]

#: The label of each code in ``model.ACTOR_TYPES``.
ACTOR_TYPE_LABELS = {
    "government": "Government",
    "local_government": "Local government",
    "un_multilateral": "UN & multilateral",
    "intergovernmental": "Intergovernmental",
    "ngo": "NGO",
    "civil_society": "Civil society",
    "private_sector": "Private sector",
    "academic": "Academic",
    "scientific": "Scientific",
    "philanthropic": "Philanthropic",
    "partnership": "Partnership",
    "other": "Other",
    "unknown": "Type unknown",
}


def _missing(value: object) -> bool:
    """None, NaN, NA or NaT (anything not equal to itself, or whose comparison is ambiguous)."""
    if value is None:
        return True
    try:
        return bool(value != value)
    except (TypeError, ValueError):
        return True


def actor_type_label(code: str | None) -> str:
    """The label of an actor type code (the code itself, tidied, when it is not one).

    Examples
    --------
    >>> actor_type_label("ngo"), actor_type_label("some_new_type"), actor_type_label(None)
    ('NGO', 'Some new type', 'Type unknown')
    """
    if _missing(code) or code == "":
        return ACTOR_TYPE_LABELS["unknown"]
    text = str(code)
    if text in ACTOR_TYPE_LABELS:
        return ACTOR_TYPE_LABELS[text]
    return text.replace("_", " ").capitalize()


@functools.cache
def _titles() -> dict[str, str]:
    from ecosystem.reference.sdg import target_titles
    return target_titles()


def sdg_target_label(target: str | None) -> str:
    """A short label for an SDG target code (``"SDG 14.6"``; ``""`` when missing)."""
    if _missing(target) or str(target) == "":
        return ""
    return f"SDG {target}"


def sdg_target_title(target: str | None) -> str:
    """The target's short title for hover text (``""`` when the code is not a target).

    Examples
    --------
    >>> sdg_target_title("1.1")
    'Eradicate extreme poverty'
    """
    if _missing(target):
        return ""
    return _titles().get(str(target), "")


def community_name(label: str | None) -> str:
    """A community's label in words: ``"14.6 · government"`` → ``"SDG 14.6 · Government"``.

    ``""`` for no label or ``"mixed"``; parts that are neither a target nor an
    actor type (a 3W sector or place) are kept as they are.

    Examples
    --------
    >>> community_name("14.a · civil_society"), community_name("Protection · Gao")
    ('SDG 14.a · Civil society', 'Protection · Gao')
    """
    if _missing(label) or not label or label == "mixed":
        return ""
    parts = []
    for part in str(label).split(" · "):
        if part in ACTOR_TYPE_LABELS:
            parts.append(ACTOR_TYPE_LABELS[part])
        elif re.fullmatch(r"\d{1,2}\.[0-9a-z]{1,2}", part):
            parts.append(sdg_target_label(part))
        else:
            parts.append(part)
    return " · ".join(parts)


def community_label(community: int | str, label: str | None = None) -> str:
    """A community named by its number and, when known, its label (target · actor type)."""
    name = community_name(label)
    return f"Community {community}: {name}" if name else f"Community {community}"


#: Column headers that are not simply the column name with spaces for underscores.
COLUMN_LABELS = {
    "pagerank": "PageRank", "s_coreness": "s-coreness", "gini": "Gini", "hhi": "HHI",
    "hhi_normalised": "HHI (normalised)", "top10_share": "top 10% share",
    "is_cut_vertex": "cut vertex", "eigenvector": "eigenvector centrality",
    "participation": "participation coefficient", "n": "units", "name_a": "actor a",
    "name_b": "actor b", "target_title": "target (short title)",
}


def column_label(column: object) -> str:
    """The header a table shows for ``column``.

    Examples
    --------
    >>> column_label("pagerank"), column_label("initiatives_led"), column_label("z_total")
    ('PageRank', 'initiatives led', 'z total')
    """
    text = str(column)
    return COLUMN_LABELS.get(text, text.replace("_", " "))


_SNAKE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)+")
_UNDERSCORE_CODES = re.compile(
    r"\b(" + "|".join(sorted((k for k in ACTOR_TYPE_LABELS if "_" in k), key=len,
                              reverse=True)) + r")\b")
_LISTED_CODES = re.compile(  # "ngo (×2.9)", "ngo 269": a code in a list of codes with figures
    r"(?<![\w-])(" + "|".join(sorted(ACTOR_TYPE_LABELS, key=len, reverse=True))
    + r")(?= \(×| \d)")


def label_codes(text: object, whole_cell: bool = True) -> object:
    """``text`` with the actor type codes it lists written as labels; other values unchanged.

    A whole cell that is a code (``civil_society``, ``in_kind``) becomes its
    label or words; inside a sentence, codes with an underscore and codes
    followed by a figure (``ngo (×2.9)``, ``academic 0``) are relabelled.
    With ``whole_cell=False`` (a column that holds other values too) a cell
    that is a one-word code is left alone: "unknown" beside "north" and
    "south" is an unknown country, not an unknown actor type.

    Examples
    --------
    >>> label_codes("civil_society"), label_codes("in_kind"), label_codes(3)
    ('Civil society', 'in kind', 3)
    >>> label_codes("government (×4.4); un_multilateral (×2.1)")
    'Government (×4.4); UN & multilateral (×2.1)'
    >>> label_codes("unknown"), label_codes("unknown", whole_cell=False)
    ('Type unknown', 'unknown')
    """
    if not isinstance(text, str):
        return text
    if text in ACTOR_TYPE_LABELS and (whole_cell or "_" in text):
        return ACTOR_TYPE_LABELS[text]
    if _SNAKE.fullmatch(text):
        return text.replace("_", " ")
    text = _UNDERSCORE_CODES.sub(lambda m: ACTOR_TYPE_LABELS[m[1]], text)
    return _LISTED_CODES.sub(lambda m: ACTOR_TYPE_LABELS[m[1]], text)


def id_label(ident: object, names: Mapping[str, str] | None = None) -> str:
    """An actor's display name from its id (``names``: id → display name), else the id.

    A name that is only an organisation identifier (an IATI organisation
    given by its ``ref`` with no name) is said to be one.

    Examples
    --------
    >>> id_label("unep", {"unep": "UNEP"}), id_label("who"), id_label(None)
    ('UNEP', 'who', '')
    >>> id_label("XI-BRIDGE-null"), id_label("AU-IBAR")
    ('unnamed organisation (XI-BRIDGE-null)', 'AU-IBAR')
    """
    if _missing(ident):
        return ""
    name = (names or {}).get(str(ident), ident)
    name = "" if _missing(name) else str(name)
    if name and " " not in name and (normalise_org_ref(name) is not None
                                      or _ORG_ID_SHAPE.fullmatch(name)):
        return f"unnamed organisation ({name})"
    return name


#: An organisation identifier's shape, placeholders included (``XI-BRIDGE-null``).
_ORG_ID_SHAPE = re.compile(r"[A-Z]{2}-[A-Z0-9]{2,}-\S+")
