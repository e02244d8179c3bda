"""The organisations a lead-entity field names.

Examples
--------
>>> [m.name for m in split_lead("Ministerio de Medio Ambiente y CODOPESCA")]
['Ministerio de Medio Ambiente', 'CODOPESCA']
"""
from __future__ import annotations

import re
from functools import lru_cache

from ecosystem.loaders.actor_labels import label_type
from ecosystem.loaders.name_country import country_of
from ecosystem.loaders.partner_names import not_organisation_reason
from ecosystem.loaders.partner_text import PartnerMention, split_partners
from ecosystem.loaders.text_cleanup import clean_text

__all__ = ["split_lead"]

_WHITESPACE = re.compile(r"\s+")

_LEAD_SEPARATORS = re.compile(r"[,;/&()\[\]|:\n*–—]|\s-|-\s|\s(?:and|y|et|e|with)\s|\d")


_TRAILING_ACRONYM = re.compile(r"\s*\([A-Z][A-Za-z0-9&.\-]{1,11}\)\s*$")
#: Reasons a lead text kept whole names no organisation in any reading (see :func:`split_lead`).
_NO_LEAD = frozenset({"placeholder", "withheld", "quantifier"})
_WEB_ADDRESS = re.compile(r"https?://|www\.")


def split_lead(text: str) -> list[PartnerMention]:
    """The organisations a lead-entity field names: all are co-leads.

    A lead field names one organisation, or several ("Ministry of Sustainable
    Development and Tourism, Directorate for Community Development and …",
    "The Nippon Foundation and the United Nations/Office of Legal Affairs").
    It is read with the rules of :func:`split_partners`; every organisation
    found is a co-lead (the registry does not say which one leads). When the
    rules find no organisation, the field is kept whole as one name, so that a
    name the rules misread ("Ocean Networks Canada", "adidas") keeps its record's
    lead; unless the whole names no organisation in any reading: a placeholder
    ("N/A"), a withheld or quantified party ("Many different organisations"), a
    bare type label ("Academic Institution") or a text with a web address. Such a
    lead is returned with its reason (not :attr:`~.PartnerMention.is_organisation`):
    the record names no lead.

    >>> [m.name for m in split_lead("Ministry of Agriculture, Livestock and Irrigation")]
    ['Ministry of Agriculture, Livestock and Irrigation']
    >>> [m.name for m in split_lead("Island Council; Island School")]
    ['Island Council', 'Island School']
    >>> [(m.name, m.reason) for m in split_lead("Academic Institution")]
    [('Academic Institution', 'generic')]
    """
    return list(_split_lead_cached(text)) if isinstance(text, str) else list(_read_lead(text))


@lru_cache(maxsize=4096)
def _split_lead_cached(text: str) -> tuple[PartnerMention, ...]:
    # One lead writes many commitments: read each lead field once.
    return _read_lead(text)


def _read_lead(text: object) -> tuple[PartnerMention, ...]:
    text = clean_text(text)
    acronym = _TRAILING_ACRONYM.search(text)
    if not _LEAD_SEPARATORS.search(text[:acronym.start()] if acronym else text):
        # one name, perhaps with its acronym: the common case, no need to read a list
        whole = _WHITESPACE.sub(" ", text).strip(" .;,")
        if whole and not_organisation_reason(whole) is None:
            return (PartnerMention(whole, source_text=text, country=country_of(whole)),)
    found = tuple(m for m in split_partners(text, field="lead_entity") if m.is_organisation)
    if found:
        return found
    whole = _WHITESPACE.sub(" ", text).strip(" .;,")
    if not whole:
        return ()
    reason = not_organisation_reason(whole)
    if reason in _NO_LEAD or (reason == "generic" and label_type(whole, strict=True)) \
            or (reason == "sentence" and _WEB_ADDRESS.search(whole)):
        return (PartnerMention(whole, source_text=text, reason=reason),)
    return (PartnerMention(whole, source_text=text, country=country_of(whole)),)
