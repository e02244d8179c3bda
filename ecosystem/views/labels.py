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
"""
from __future__ import annotations

import functools

__all__ = ["ACTOR_TYPE_LABELS", "actor_type_label", "community_label", "sdg_target_label",
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


def actor_type_label(code: str | None) -> str:
    """The label of an actor type code (the code itself, tidied, when it is not one).

    Examples
    --------
    >>> actor_type_label("ngo"), actor_type_label("some_new_type"), actor_type_label(None)
    ('NGO', 'Some new type', 'Type unknown')
    """
    if code is None or code != code or code == "":
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
    if target is None or target != target or str(target) == "":
        return ""
    return f"SDG {target}"


def sdg_target_title(target: str | None) -> str:
    """The target's short title for hover text (``""`` when the code is not a target).

    Examples
    --------
    >>> sdg_target_title("1.1")
    'Eradicate extreme poverty'
    """
    if target is None or target != target:
        return ""
    return _titles().get(str(target), "")


def community_label(community: int | str, label: str | None = None) -> str:
    """A community named by its number and, when known, its label (target · actor type)."""
    if not label or label == "mixed":
        return f"Community {community}"
    parts = []
    for part in str(label).split(" · "):
        if part in ACTOR_TYPE_LABELS:
            parts.append(ACTOR_TYPE_LABELS[part])
        elif part[:1].isdigit():
            parts.append(sdg_target_label(part))
        else:
            parts.append(part)
    return f"Community {community}: " + " · ".join(parts)
