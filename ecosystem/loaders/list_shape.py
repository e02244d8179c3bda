"""How a whole partners list is written: evidence read from all its pieces at once.

:func:`ecosystem.loaders.partner_text.split_partners` reads a field piece by
piece, but some pieces can only be read right once the list's own shape is
known:

* :func:`countries_glued` — "Name, Country Name, Country …" written with the line
  breaks lost: a country starts the next name ("University of Auckland, New
  Zealand University of Porto");
* :func:`labels_lead` — the items start with their type label in lower case
  ("…, scientific organization Universidad Belgrano, …"), so a capitalised
  label before a name ("NGO Bnvoles Ocan") is a label too;
* :func:`country_heads_next` — a country piece that only says whose the next
  piece's government body is ("Germany, Federal Ministry of the Environment");
* :func:`places_follow_piece` — a piece that says where its people come from
  ("Researchers from Canada, China, …") or heads a list of countries ("…
  focused on countries in which …: • Dominican Republic • Mauritius"): the
  countries after it are places, not governments;
* :func:`dashed_note` — a dashed piece that is a country (:func:`country_note`: "Kobe
  University - Japan (Academic Institution)") or an acronym of the name before it
  (:func:`acronym_note`: "Polytechnic University of Madrid - UPM (Academic Institution)"),
  with a label in brackets or none, belongs to that name;
* :func:`drop_repeated_acronyms` — in a field written as prose, an acronym that
  repeats a body the field named in full with it is not a second mention.

Examples
--------
>>> listed = [(";", "Germany"), (",", "Federal Ministry of the Environment")]
>>> country_heads_next(listed, 0)
True
"""
from __future__ import annotations

import re

from ecosystem.loaders.actor_labels import label_type
from ecosystem.loaders.item_labels import label_prefix
from ecosystem.loaders.name_country import FROM_COUNTRY, PLACES_HEADING, country_then_name
from ecosystem.loaders.partner_mention import PartnerMention
from ecosystem.loaders.partner_names import is_prose
from ecosystem.reference.acronym_shape import looks_like_acronym
from ecosystem.reference.countries import country_iso3
from ecosystem.reference.country_text import find_countries
from ecosystem.reference.known_body_names import known_body_acronyms

__all__ = ["acronym_note", "countries_glued", "country_heads_next", "country_note", "dashed_note",
           "drop_repeated_acronyms", "labels_lead", "places_follow_piece"]

_GOVERNMENT_HEAD = re.compile(r"^(?:the\s+)?(?:federal\s+|national\s+)?(?:ministry|ministerio|ministère|"
                              r"department|agency|office)\b", re.IGNORECASE)
_BRACKETED_ACRONYM = re.compile(r"\(([A-Z][A-Za-z&.-]{1,12})\)")


def countries_glued(listed: list[tuple[str, str]]) -> bool:
    """True when the list reads "Name, Country Name, Country …" with its line breaks lost: at
    least three comma pieces start with a country before a name, or two when the field ends
    with the country of its last name.

    Parameters
    ----------
    listed : list of (str, str)
        The field's (separator, piece) pairs (:func:`.partner_pieces.pieces`, commas mended).

    Returns
    -------
    bool

    Examples
    --------
    >>> countries_glued([(";", "University of Auckland"), (",", "New Zealand University of Porto"),
    ...                  (",", "Portugal Marine Institute"), (",", "Chile")])
    True
    >>> countries_glued([(";", "WWF"), (",", "UNEP")])
    False
    """
    after_comma = [p for sep, p in listed if sep == ","]
    # a piece that ends with a bracket ("Samoa Voyaging Society (NGO), Samoa Hotel Association")
    # is closed by its label: the country after it starts the next name, it does not locate it
    glued = sum(country_then_name(p.strip(" ."))[0] is not None
                for (sep, p), (_, before) in zip(listed[1:], listed[:-1])
                if sep == "," and not before.rstrip(" .").endswith(")"))
    return glued >= 3 or (glued == 2 and country_iso3(after_comma[-1].rsplit(",", 1)[-1].strip(" .")) is not None)


def labels_lead(listed: list[tuple[str, str]]) -> bool:
    """True when at least two comma pieces start with a type label in lower case
    ("scientific organization Universidad Belgrano").

    Examples
    --------
    >>> labels_lead([(";", "WWF"), (",", "ngo Reef Check"), (",", "government Fiji Fisheries")])
    True
    >>> labels_lead([(";", "WWF"), (",", "Reef Check")])
    False
    """
    return sum(sep == "," and piece[:1].islower() and label_prefix(piece, shortest=True)[0] is not None
               for sep, piece in listed) >= 2


def country_heads_next(listed: list[tuple[str, str]], k: int) -> bool:
    """True when piece ``k`` is a country that only says whose the next piece's government
    body is: "Germany, Federal Ministry of the Environment" (the next piece names no country
    of its own, and the country is not one of a list of countries).

    Examples
    --------
    >>> country_heads_next([(";", "Monaco"), (",", "Norway"), (",", "Ministry of Fisheries")], 1)
    False
    """
    if k + 1 >= len(listed) or listed[k + 1][0] != ",":
        return False
    bare, following = listed[k][1].strip(" ."), listed[k + 1][1].strip()
    if not country_iso3(bare) or (k > 0 and listed[k][0] == "," and country_iso3(listed[k - 1][1].strip(" ."))):
        return False  # "Monaco, Norway, Ministry …": a list of countries
    return bool(_GOVERNMENT_HEAD.match(following)) and not find_countries(following)


def places_follow_piece(piece: str) -> bool | str:
    """What ``piece`` says of the countries after it: ``"list"`` under a heading about countries
    (every country piece after it is a place), True after "from" a country (the countries
    after a comma are where the people come from too), else False.

    Examples
    --------
    >>> places_follow_piece("Researchers from Canada"), places_follow_piece("Sites in these countries:")
    (True, 'list')
    >>> places_follow_piece("WWF")
    False
    """
    if ":" in piece and PLACES_HEADING.search(piece):
        return "list"
    from_country = FROM_COUNTRY.search(piece.strip(" ."))
    return bool(from_country and country_iso3(from_country.group(1)))


def drop_repeated_acronyms(found: list[PartnerMention], text: str) -> list[PartnerMention]:
    """In prose, drop an acronym alone when the field names its body in full with it:
    "The United Nations Environment Programme (UNEP) is … UNEP with support of …".

    In a list, the two are two mentions ("GiZ" and "… Zusammenarbeit (GiZ)").

    Examples
    --------
    >>> found = [PartnerMention("United Nations Environment Programme (UNEP)"), PartnerMention("UNEP")]
    >>> [m.name for m in drop_repeated_acronyms(found, "The Programme (UNEP) is here. UNEP has offices.")]
    ['United Nations Environment Programme (UNEP)']
    >>> len(drop_repeated_acronyms(found, "UNEP (UNEP); UNEP"))
    2
    """
    written = {a for m in found if m.is_organisation and "(" in m.name for a in _BRACKETED_ACRONYM.findall(m.name)}
    if not written or not any(m.name in written for m in found) or not is_prose(text):
        return found
    return [m for m in found if not (m.is_organisation and m.name in written)]


#: A piece that is a country, then a label in brackets or nothing: "Japan (Academic Institution)".
_COUNTRY_THEN_LABEL = re.compile(r"([^()]+?)\s*(?:\((.*)\))?\s*\.?")


def country_note(piece: str) -> tuple[str | None, str | None]:
    """The country and the type label of a piece that is only a country, with or without a label
    in brackets: what a dashed piece says of the name before it ("Kobe University - Japan
    (Academic Institution)"); (None, None) for any other piece.

    >>> country_note("Japan (Academic Institution)"), country_note("France (Non-governmental organization (NGO))")
    (('JPN', 'academic'), ('FRA', 'ngo'))
    >>> country_note("Thailand"), country_note("UBO (Academic Institution)"), country_note("Japan (Tokyo)")
    (('THA', None), (None, None), (None, None))
    """
    m = _COUNTRY_THEN_LABEL.fullmatch(piece.strip())
    country = country_iso3(m.group(1)) if m else None
    if not country:
        return None, None
    label = label_type(m.group(2).strip()) if m.group(2) else None
    if m.group(2) and not label:
        return None, None  # "Japan (Tokyo)": something else in the brackets
    return country, label


#: An acronym, then a label in brackets or nothing: "UPM (Academic Institution)".
_ACRONYM_THEN_LABEL = re.compile(r"([A-Z][A-Za-z&]*[A-Z][A-Za-z&]*)\s*(?:\((.*)\))?\s*\.?")
_INITIAL = re.compile(r"\b[^\W\d_]")


def acronym_note(piece: str, name: str) -> tuple[str | None, str | None]:
    """The acronym and the type label of a piece that abbreviates ``name``, the name written
    before it: an acronym whose first letter and at least half of whose letters are initials of
    the name's words (in any order or language: "UPM" of the Polytechnic University of Madrid),
    then a label in brackets or nothing; (None, None) for any other piece, and for a known
    body's acronym ("IUCN" after a name that lost its end is IUCN itself).

    >>> acronym_note("UPM (Academic Institution)", "Polytechnic University of Madrid")
    ('UPM', 'academic')
    >>> acronym_note("BVC", "WWF"), acronym_note("ABC", "Blue Ventures Conservation")
    ((None, None), (None, None))
    >>> acronym_note("IUCN", "Union Internationale pour la Conservation de la Nature")
    (None, None)
    """
    m = _ACRONYM_THEN_LABEL.fullmatch(piece.strip())
    if not m or len(name.split()) < 2 or "(" in name or not looks_like_acronym(m.group(1)) \
            or m.group(1) in known_body_acronyms():
        return None, None  # a known body's acronym is that body, whatever name came before
    label = label_type(m.group(2).strip()) if m.group(2) else None
    if m.group(2) and not label:
        return None, None
    initials = {c.group(0).lower() for c in _INITIAL.finditer(name)}
    letters = [c.lower() for c in m.group(1) if c.isalpha()]
    # (two letters are too often a state's or a country's code: "SECOVI Norte - SC")
    if len(letters) < 3 or letters[0] not in initials \
            or 2 * sum(c in initials for c in letters) < len(letters):
        return None, None
    return m.group(1), label


def dashed_note(piece: str, last: PartnerMention) -> PartnerMention | None:
    """``last``, the organisation before a dashed ``piece``, with what the piece says of it: its
    country (:func:`country_note`) or its acronym (:func:`acronym_note`), and the type its
    label gives when ``last`` has none; None when the piece is a name of its own.

    >>> m = dashed_note("UPM (Academic Institution)", PartnerMention("Polytechnic University of Madrid"))
    >>> m.name, m.actor_type
    ('Polytechnic University of Madrid (UPM)', 'academic')
    >>> dashed_note("Reef Check", PartnerMention("Blue Ventures")) is None
    True
    """
    country, label = country_note(piece)
    acronym = None
    if not country:
        acronym, label = acronym_note(piece, last.name)
        if not acronym:
            return None
    return PartnerMention(f"{last.name} ({acronym})" if acronym else last.name,
                          last.actor_type if last.actor_type != "unknown" else label or "unknown",
                          f"{last.source_text} - {piece}", last.country or country)
