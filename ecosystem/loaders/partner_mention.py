"""One name read from a partners field: :class:`PartnerMention`, and :func:`finish_name`.

A piece of a partners field, once its labels, headings and boundaries are
read (:mod:`ecosystem.loaders.partner_text`), is tidied and judged here: an
organisation, or a phrase set aside with its reason (a place, a sentence, a
category, a placeholder).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ecosystem.loaders.item_locations import is_location, split_location
from ecosystem.loaders.partner_names import (
    country_of,
    not_organisation_reason,
    strip_connectors,
    strip_lead_in,
)
from ecosystem.loaders.sentence_names import names_in_sentence
from ecosystem.reference.countries import country_iso3
from ecosystem.reference.gazetteer import is_region_code, place_kind

__all__ = ["PartnerMention", "finish_name"]

_EMPTY_BRACKETS = re.compile(r"\(\s*\)")
_LOWER_THE = re.compile(r"^the\s+(?=[A-Z])")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class PartnerMention:
    """One piece of a partners field.

    Attributes
    ----------
    name : str
        The organisation's name as written (labels and role notes removed), or
        the phrase when it is not an organisation.
    actor_type : str
        One of :data:`ecosystem.model.ACTOR_TYPES` ("unknown" when unlabelled).
    source_text : str
        The raw fragment the name was read from.
    country : str or None
        ISO3 code when the name is a country or is qualified by one.
    reason : str or None
        None for an organisation; otherwise why it is not one: "placeholder",
        "sentence", "quantifier" or "generic".
    """

    name: str
    actor_type: str = "unknown"
    source_text: str = ""
    country: str | None = None
    reason: str | None = None

    @property
    def is_organisation(self) -> bool:
        """True when the piece names an organisation (it has no ``reason``)."""
        return self.reason is None


@lru_cache(maxsize=1 << 16)
def finish_name(name: str, actor_type: str, source: str) -> tuple[PartnerMention, ...]:
    """Tidy one name and decide whether it is an organisation.

    Connectors, lead-ins, a lower-case "the", stray punctuation and empty
    brackets are removed; a trailing location is split off and read for the
    country; a name that is only a place is set aside (reason ``place``); a
    sentence that names organisations gives those names and is set aside; a
    country named on its own is its government.

    Examples
    --------
    >>> finish_name("the Ocean Trust - Bristol, UK", "ngo", "x")[0].name
    'Ocean Trust'
    >>> finish_name("Aberdeen", "unknown", "x")[0].reason
    'place'
    """
    name = strip_lead_in(strip_connectors(_WHITESPACE.sub(" ", name)))
    name = _LOWER_THE.sub("", name)  # a lower-case "the" before a name is no part of it
    name = name.strip(" .,;:-–—*\"“”'")
    name = _EMPTY_BRACKETS.sub("", name).strip()
    if not name:
        return ()
    name, location = split_location(name)
    if location is None and (place_kind(name) in ("city", "us_state")
                             or (len(name) == 2 and is_region_code(name)) or (
            is_location(name) and not country_iso3(name))):  # "Atherstone, UK" after a dash
        return (PartnerMention(name, actor_type, source, None, "place"),)
    reason = not_organisation_reason(name)
    if reason == "drop":
        return ()
    if reason == "sentence":
        inside = [n for n in names_in_sentence(name) if n != name]
        if inside:  # a sentence that names organisations: its names, then the sentence set aside
            return (*[m for n in inside for m in finish_name(n, "unknown", source)],
                    PartnerMention(name, actor_type, source, None, reason))
    country = country_of(name) or (country_of(location.split(",")[-1]) if location else None)
    if country and actor_type == "unknown" and country_iso3(name):
        actor_type = "government"  # a country named as a partner is its government
    return (PartnerMention(name, actor_type, source, country, reason),)
