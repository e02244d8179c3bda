"""Commas inside one name: mend the pieces that a partners field's commas cut wrongly (rule 3 of
:mod:`.partner_text`).

:func:`ecosystem.loaders.partner_pieces.pieces` cuts a field at every comma
outside brackets. Many commas do not separate organisations: a legal form
("Sakura Marine Co., Ltd"), a location ("University of Genoa, Italy",
"WorldFish Center, Abbassa, Egypt" in a list of "Name, City, Country"), a
ministry's topics ("Ministry of Fisheries, Oceans and Coastal Affairs",
"Ministry for the Environment, Nature Conservation and Nuclear Safety is …"),
an acronym written apart ("… School of Technology, or SPAMAST"), a long name in
capitals that ends with its acronym ("MINISTRY OF EDUCATION, SCIENCE AND YOUTH
(MOESYGE)") or an eponym in quotes. :func:`mend_commas` joins such pieces back.

Examples
--------
>>> from ecosystem.loaders.partner_pieces import pieces
>>> mend_commas(pieces("Sakura Marine Co., Ltd, Ministry of Fisheries, Oceans and Coastal Affairs"))
[(';', 'Sakura Marine Co., Ltd'), (',', 'Ministry of Fisheries, Oceans and Coastal Affairs')]
"""
from __future__ import annotations

import re

from ecosystem.loaders.item_locations import is_town_and_country, split_location
from ecosystem.loaders.org_name_parts import (
    acronym_matches,
    has_org_head,
    is_topic_list_item,
    legal_suffix,
)
from ecosystem.loaders.person_names import looks_like_person
from ecosystem.loaders.text_nesting import strip_parens
from ecosystem.reference.acronym_shape import looks_like_acronym
from ecosystem.reference.countries import country_iso3
from ecosystem.reference.country_text import find_countries
from ecosystem.reference.gazetteer import is_region_code, place_kind
from ecosystem.reference.known_body_names import joins_known_name

__all__ = ["mend_commas"]

_AND_WORD = re.compile(r"(?:^|\s)(and|&|y|et|e)\s")
_ARTICLE_OR_AND = re.compile(r"^(?:(?:the|and|&)\s+)+")
_NAME_WITH_TOPIC = re.compile(
    r"\b(ministr|minist[eé]r|department|secretar|direct|office|division|bureau|agency|commission|council|"
    r"committee|institut|centre|center|school|faculty|authority|service)\w*(?:[\s-]+general)?\s+"
    r"(of|for|on|de|du|des|del|da|do|das|dos|di|della|delle|degli)\s",
    re.IGNORECASE)


_GOVERNMENT_START = re.compile(r"^(?:the\s+)?(?:ministry|ministerio|minist[eè]re|minist[eé]rio|department|"
                               r"secretariat|secretar[ií]a)\b", re.IGNORECASE)
#: Lower-case topics that continue a ministry's name after a comma: "industry and tourism of
#: Colombia", "de la Faune et des Parcs", "de l'Eau et des Forêts" (not "local governments in
#: Ecuador", "the Lands …").
_LOWER_TOPICS = re.compile(r"^(?:de|du|des|del|da|do|das|dos)\s+\S.*$"  # "de l'Eau et des Forêts"
                           r"|^(?!(?:the|a|an|and|or|with|its|their|local|other|all)\b)[a-zà-ÿ'’]+"
                           r"(?:,?\s+[a-zà-ÿ'’]+)*(?:\s+(?:of|for|de|du|des|del|da|do)\s+.*)?$")
#: A ministry written without "of" before its first topic: "Ministry Agro Industry, Food
#: Security, Blue Economy and Fisheries" (case-sensitive: the topic is capitalised).
_MINISTRY_THEN_TOPIC = re.compile(r"^(?:The\s+)?(?:Ministry|Ministerio|Minist[eè]re|Minist[eé]rio)"
                                  r"\s+[A-Z][a-z]")
_TOPICS_THEN_CLAUSE = re.compile(r"^((?:[A-Z][\w'’-]*\s+)+(?:and|&)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
                                 r"(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)?)"
                                 r"\s+((?:is|are|was|were|has|have|had|will|shall|can|aims|works|provides|"
                                 r"supports)\s.*)$", re.DOTALL)
#: One or two capitalised words in lower case after the first letter: a place written after a name
#: in capitals ("Polonia", "Faroe Island").
_TITLE_PLACE = re.compile(r"[A-Z][a-zà-ÿ]+(?: [A-Z][a-zà-ÿ]+)?")
#: A piece in quotes: after a name, a person's name in quotes is the name's eponym.
_QUOTED = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")
_OR_ACRONYM = re.compile(r"^or\s+([A-Z][A-Za-z&.-]{1,14})\s*$")
_BRACKET_ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z&.\-]{1,14})\s*\)")
_ENDS_WITH_ACRONYM = re.compile(r"\(\s*[A-Z][\w&.\- ]{0,14}\)\s*(?:[A-Z][a-z]+)?\s*$")


def _locates(prev: str, frag: str) -> bool:
    """True when ``frag`` continues a location after the name ``prev`` ("…, Monterey", "…, CA")."""
    frag = frag.strip(" .")
    kind = place_kind(strip_parens(frag)) or ("us_state" if is_region_code(strip_parens(frag)) else None)
    if kind is None or place_kind(strip_parens(prev)) or is_region_code(prev.strip()):
        return False
    if kind in ("city", "us_state", "region"):
        return True
    return split_location(prev)[1] is not None  # a country after "Name – City"


def mend_commas(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Join comma-separated pieces that belong to one name (see module rule 3)."""
    out: list[str] = []
    seps: list[str] = []
    bare = [strip_parens(f) for _, f in pieces]
    is_country = [bool(country_iso3(b)) for b in bare]
    lists_countries = sum(is_country) >= 2
    named = [f for (_, f), b, c in zip(pieces, bare, is_country) if not c and not place_kind(b)]
    # Most names here end with their acronym: a comma piece without one continues the next piece
    # ("MINISTRY OF EDUCATION, SCIENCE AND YOUTH (MOESYGE)").
    acronym_list = len(named) >= 5 and 3 * sum(bool(_ENDS_WITH_ACRONYM.search(f)) for f in named) >= 2 * len(named)
    # "Name, City, Country" at least twice with a city the gazetteer knows: the list's structure
    # says that a capitalised phrase before a country is a town even when the gazetteer does not
    towns_listed = sum(place_kind(bare[k]) == "city" and pieces[k][0] == "," and pieces[k + 1][0] == ","
                       and is_country[k + 1] for k in range(1, len(pieces) - 1)) >= 2
    i = 0
    while i < len(pieces):
        sep, frag = pieces[i]
        prev = out[-1] if out else None
        joined = sep == "," and prev is not None and seps[-1] != "prefix"
        if joined and (legal_suffix(frag) or legal_suffix(split_location(frag)[0])
                       or joins_known_name(prev, frag)):  # "… Educational, Scientific and Cultural …"
            out[-1] = f"{prev}, {frag}"
            i += 1
            continue
        if acronym_list and not _ENDS_WITH_ACRONYM.search(frag) and not is_country[i]:
            j = i + 1
            while j < min(len(pieces), i + 4) and pieces[j][0] == "," and not _ENDS_WITH_ACRONYM.search(pieces[j][1]):
                j += 1
            if j < len(pieces) and j < i + 4 and pieces[j][0] == "," and _ENDS_WITH_ACRONYM.search(pieces[j][1]):
                # "MINISTRY OF FOOD, AGRICULTURE AND FISHERIES, DANISH AGRIFISH AGENCY (FVM)": the topics end
                # the ministry at "AND"; a body of its own follows with the acronym
                ends = [k for k in range(i + 1, j) if _AND_WORD.search(pieces[k][1].lower() + " ")]
                if ends and _GOVERNMENT_START.match(frag) and has_org_head(strip_parens(pieces[j][1])) \
                        and not _AND_WORD.search(pieces[j][1].lower() + " "):
                    j = ends[-1]
                    out.append(", ".join(f for _, f in pieces[i:j + 1]))
                    seps.append(sep)
                    i = j + 1
                    continue
                out.append(", ".join(f for _, f in pieces[i:j + 1]))
                seps.append(sep)
                i = j + 1
                continue
        if acronym_list and joined and _ENDS_WITH_ACRONYM.search(prev) and strip_parens(prev).isupper() \
                and _TITLE_PLACE.fullmatch(frag.strip(" .")) and not has_org_head(frag) \
                and (i + 1 == len(pieces) or pieces[i + 1][0] != ","):
            i += 1  # "NARODOWE CENTRUM BADAN I ROZWOJU (NCBR), Polonia": a country in its own language
            continue
        # a country ends its item before the next separator or a role note ("…, Italy, the coordinator")
        ends_block = i + 1 == len(pieces) or pieces[i + 1][0] != "," or (
            pieces[i + 1][1][:1].islower()
            and not country_iso3(strip_parens(_ARTICLE_OR_AND.sub("", pieces[i + 1][1]))))
        if joined and ends_block and is_country[i] and not country_iso3(strip_parens(prev)) \
                and not place_kind(strip_parens(prev)):
            out[-1] = f"{prev}, {frag}"  # "Marine Institute (MI), Ireland" ending its line: a location
            i += 1
            continue
        if towns_listed and joined and i + 1 < len(pieces) and pieces[i + 1][0] == "," \
                and not _NAME_WITH_TOPIC.search(prev) \
                and not place_kind(strip_parens(prev)) and is_town_and_country(f"{frag}, {pieces[i + 1][1]}") \
                and not (i + 2 < len(pieces) and is_country[i + 2]):
            out[-1] = f"{prev}, {frag}, {pieces[i + 1][1]}"  # "WorldFish Center, Abbassa, Egypt": read later
            i += 2
            continue
        quoted = _QUOTED.fullmatch(frag.strip())
        if joined and quoted and looks_like_person(quoted.group(1)):
            out[-1] = f"{prev}, {frag.strip()}"  # 'Research Centre in Urban Planning, "Alberto Calza Bini"'
            i += 1
            continue
        if joined and _locates(prev, frag):
            out[-1] = f"{prev}, {frag}"  # "Ocean Lab, Monterey, CA, USA": a location, read later
            i += 1
            continue
        if joined and is_country[i] and not lists_countries and not find_countries(prev) \
                and not (i + 1 < len(pieces) and is_country[i + 1]) \
                and not prev.endswith(")") and ":" not in prev:
            out[-1] = f"{prev}, {frag}"  # "University of Genoa, Italy"
            i += 1
            continue
        acr = _BRACKET_ACRONYM.search(frag)
        lead_in = frag[:acr.start()].strip() if acr else ""
        if joined and acr and not acronym_matches(acr.group(1), lead_in) \
                and (lead_in[:1].islower() or is_topic_list_item(lead_in)):
            # "… of the Baltic, North East Atlantic, … Seas (ASCOBANS)", "Restoration, Ecology, and
            # Environment Focused (REEF) Scuba": the acronym spans the comma pieces before it
            k = next((k for k in range(1, min(4, len(out)) + 1)
                      if all(s == "," for s in seps[len(seps) - k + 1:])
                      # a piece that ends with its country is a whole item: "…, Abbassa, Egypt"
                      and not any(country_iso3(o.rsplit(",", 1)[-1].strip(" .")) for o in out[-k:])
                      # nor one that ends with its own acronym: "… Programme (SPREP), Pacific
                      # Community (SPC)"
                      and not any(_ENDS_WITH_ACRONYM.search(o) for o in out[-k:])
                      and acronym_matches(acr.group(1), " ".join([*out[-k:], frag[:acr.start()]]))), 0)
            if k:
                joined_name = ", ".join([*out[-k:], frag])
                del out[-k:]
                first_sep = seps[-k]
                del seps[-k:]
                out.append(joined_name)
                seps.append(first_sep)
                i += 1
                continue
        if joined and (looks_like_acronym(prev, loose=True) and acronym_matches(prev, frag)):
            out[-1] = f"{frag.strip()} ({prev})"
            i += 1
            continue
        if joined and looks_like_acronym(frag, loose=True) and acronym_matches(frag, prev) \
                and not prev.endswith(")"):
            out[-1] = f"{prev} ({frag})"
            i += 1
            continue
        if joined and _GOVERNMENT_START.match(prev) and _LOWER_TOPICS.match(frag) and _AND_WORD.search(frag):
            out[-1] = f"{prev}, {frag}"  # "Ministry of commerce, industry and tourism of Colombia"
            i += 1
            continue
        alias = _OR_ACRONYM.match(frag)
        if joined and alias:
            out[-1] = f"{prev} ({alias.group(1)})"  # "… School of Technology, or SPAMAST": its acronym
            i += 1
            continue
        if joined and (_NAME_WITH_TOPIC.search(prev) or _MINISTRY_THEN_TOPIC.match(prev)):
            run = [frag]
            j = i + 1
            while not _AND_WORD.search(run[-1]) and j < len(pieces) \
                    and pieces[j][0] == "," and _is_topic(pieces[j][1]):
                run.append(pieces[j][1])
                j += 1
            # ", and the Environment": the last topic after a comma and an article
            if all(_is_topic(r) for r in run) and _AND_WORD.search(run[-1]):
                out[-1] = ", ".join([prev, *run])
                i = j
                continue
            # in a sentence: "… Ministry for the Environment, Nature Conservation and Nuclear Safety
            # is implementing …": the topics end the name where the sentence goes on in lower case
            clause = _TOPICS_THEN_CLAUSE.match(frag)
            if clause and is_topic_list_item(clause.group(1)):
                out[-1] = f"{prev}, {clause.group(1)}"
                out.append(clause.group(2))
                seps.append(sep)
                i += 1
                continue
        if joined and _topics_before_head(prev, frag):
            out[-1] = f"{prev}, {frag}"  # "Economic, Social and Environmental Council"
            i += 1
            continue
        out.append(frag)
        seps.append(sep)
        i += 1
    return list(zip(seps, out))


def _is_topic(piece: str) -> bool:
    """:func:`is_topic_list_item` after a leading "and" or "the" ("and the Environment"), and
    before the country the item may end with ("Information and Labour - St Vincent and the
    Grenadines")."""
    return is_topic_list_item(split_location(_ARTICLE_OR_AND.sub("", piece.strip()))[0])


def _topics_before_head(prev: str, frag: str) -> bool:
    """True when ``prev`` is one topic word and ``frag`` goes on with "… and …" to a head word:
    the topics of one body written before its head ("Economic, Social and Environmental Council")."""
    core = strip_parens(frag).split()
    return (prev.isalpha() and prev[:1].isupper() and is_topic_list_item(prev)
            and not has_org_head(prev) and 2 <= len(core) <= 6 and core[0][:1].isupper()
            and bool(_AND_WORD.search(frag)) and has_org_head(core[-1])
            and not _NAME_WITH_TOPIC.search(frag))
