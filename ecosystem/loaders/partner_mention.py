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

from ecosystem.loaders.colon_names import read_colon
from ecosystem.loaders.item_locations import is_location, looks_like_place, split_location
from ecosystem.loaders.name_country import country_of
from ecosystem.loaders.name_trimming import strip_connectors, strip_lead_in
from ecosystem.loaders.org_name_parts import has_org_head
from ecosystem.loaders.partner_names import not_organisation_reason
from ecosystem.loaders.person_names import looks_like_person, names_a_role
from ecosystem.loaders.sentence_names import names_in_sentence
from ecosystem.reference.countries import country_iso3
from ecosystem.reference.gazetteer import is_region_code, place_kind

#: Continents and world regions: named on their own, places, never actors.
CONTINENTS = frozenset(["africa", "asia", "europe", "oceania", "americas", "north america",
                        "south america", "latin america", "central america", "antarctica"])
#: The whole world named as a scope ("Global" in a partners field, "…Spain/Global"): a place.
SCOPES = frozenset(["global", "globally", "worldwide", "world-wide", "world"])

__all__ = ["CONTINENTS", "SCOPES", "PartnerMention", "finish_name", "located"]

_EMPTY_BRACKETS = re.compile(r"\(\s*\)")
_LOWER_ARTICLE = re.compile(r"^(?:the|an?)\s+(?=['‘\"“]?[A-Z])")
#: A role written before the name it is the role of: "Lead entity - Ministry of Foreign Affairs".
_ROLE_BEFORE = re.compile(r"^(?:co-?)?(?:lead|leading|implementing|coordinating|executing)\s+"
                          r"(?:entity|agency|partner|organi[sz]ation|institution)\s*[-–—:]?\s+(?=(?-i:[A-Z]))",
                          re.IGNORECASE)
_ROLE_OF = re.compile(r"^.*?\b(?:of|for|to|at)\s+(?:the\s+)?(?=[A-Z])")
#: A country's name in capitals before a name ("MALDIVES Italian Ministry …"); five letters or
#: more, so that a code such as "UK", "US" or "PNG" in "US Forest Service" stays in the name.
_CAPITALS_HEADING = re.compile(r"^([A-Z][A-Z'’-]{4,}(?: [A-Z][A-Z'’-]+)*)\s+(?=[A-Z][a-z])")
_WHITESPACE = re.compile(r"\s+")
#: A single quote that opens a quotation (after a space) and is never closed.
_OPEN_SINGLE_QUOTE = re.compile(r"(?:^|\s)'[^'\s][^']*$")
#: "Uvesco- Samano" once "(Cantabria)" is read as its region: the town after the last dash.
_DASH_TOWN = re.compile(r"^(.*\S)\s*[-–—]\s+([^-–—()]+)$|^(.*\S)\s+[-–—]\s*([^-–—()]+)$")


@dataclass(frozen=True, slots=True)  # (slots: tens of thousands are kept, read and sent between processes)
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
        "withheld", "sentence", "quantifier", "generic", "person" or "place".
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


def located(mentions: tuple[PartnerMention, ...], country: str | None
            ) -> tuple[PartnerMention, ...]:
    """``mentions`` with ``country`` (ISO3) given to each organisation that has none: the
    country a note beside the name states ("Kobe University (Academic Institution - Japan)").

    >>> located(finish_name("Kobe University", "academic", "x"), "JPN")[0].country
    'JPN'
    """
    if country is None:
        return mentions
    return tuple(PartnerMention(m.name, m.actor_type, m.source_text, country, m.reason)
                 if m.is_organisation and m.country is None else m for m in mentions)


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
    >>> finish_name("Aberdeen", "unknown", "x")[0].reason, finish_name("Global", "ngo", "x")[0].reason
    ('place', 'place')
    >>> finish_name("Uvesco- Samano (Cantabria)", "unknown", "x")[0].name
    'Uvesco'
    """
    if "  " in name or not name.isprintable():  # (every space but " " is unprintable)
        name = _WHITESPACE.sub(" ", name)
    name = strip_lead_in(strip_connectors(name))
    name = _LOWER_ARTICLE.sub("", name)  # a lower-case "the", "a" or "an" before a name is no part of it
    name = _ROLE_BEFORE.sub("", name)  # "Lead entity - Ministry …": the role is no part of the name
    quoted = name.endswith("'")  # (an okina or "'t" opens words, but closes no quotation)
    name = name.strip(" .,;:-–—*\"“”'")
    if name.count('"') % 2 or name.count("“") > name.count("”"):
        name += "”" if "“" in name else '"'  # 'Centre, "Alberto Calza Bini"': its closing quote
    elif quoted and _OPEN_SINGLE_QUOTE.search(name):
        name += "'"  # "… Dakar-Thiaroye 'CRODT'": the closing quote the strip took
    name = _EMPTY_BRACKETS.sub("", name).strip()
    heading = _CAPITALS_HEADING.match(name)
    if heading and country_iso3(heading.group(1).title()) and has_org_head(name[heading.end():]):
        name = name[heading.end():]  # "MALDIVES Italian Ministry of …": a country heading in capitals
    if not name:
        return ()
    if ": " in name:  # "World Wide Fund for Nature: WWF", "Phone: +62 …"
        name, why = read_colon(name)
        if why:
            return (PartnerMention(name, actor_type, source, None, why),)
    name, location = split_location(name)
    if location is not None and place_kind(location) in ("region", "country"):
        town = _DASH_TOWN.match(name)  # "Uvesco- Samano (Cantabria)": a town, then its region
        if town and looks_like_place(town.group(2) or town.group(4)):
            name, location = (town.group(1) or town.group(3)).strip(), f"{town.group(2) or town.group(4)}, {location}"
    kind = place_kind(name) if location is None else None
    if location is None and (kind in ("city", "us_state") or name.casefold() in CONTINENTS
                             or name.casefold() in SCOPES
                             or (len(name) == 2 and is_region_code(name)) or (
            is_location(name) and not country_iso3(name) and kind not in ("country", "region"))):
        # "Atherstone, UK" after a dash; a country or region named on its own is its government
        return (PartnerMention(name, actor_type, source, None, "place"),)
    if names_a_role(name):  # "Director of the Institute for Marine Research": its body, not the person
        body = _ROLE_OF.sub("", name, count=1)  # "Director of the Institute …": the institute
        inside = [n for n in names_in_sentence(body) if n != name and not looks_like_person(n)]
        return (*[m for n in inside for m in finish_name(n, "unknown", source)],
                PartnerMention(name, actor_type, source, None, "person"))
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
