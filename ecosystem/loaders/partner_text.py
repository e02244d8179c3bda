"""Split a free-text partners field into organisation mentions.

Registries such as the SDG Partnerships Platform keep partners as one free-text
field, written by hand. :func:`split_partners` turns it into a list of
:class:`PartnerMention`: the organisations named, each with the actor type its
label gives, and the phrases that name no organisation ("NGOs", "All relevant
government departments"), which are kept with the reason they were set aside.

The rules, in the order they are applied
----------------------------------------
Rules 1–4 cut the field into pieces (:mod:`.text_cleanup`, :mod:`.partner_pieces`
and :mod:`.comma_mending`, with the name boundaries of :mod:`.name_boundaries`);
rules 5–7 read each piece (here, with the name tests of :mod:`.partner_names`,
the labels of :mod:`.actor_labels` and :mod:`.item_labels`, the brackets of
:mod:`.bracket_notes`, the places of :mod:`.item_locations`, the people of
:mod:`.person_names` and what the whole list's shape says, :mod:`.list_shape`).

1. Clean: mojibake repaired with ftfy, bullets (•, ●, private-use glyphs, a
   hyphen glued to each of three names or more), numbered list markers ("1.",
   "(2)", "iii)", "1.1", a run of "a. b. c.") and line breaks lost on
   export ("(UNIDO)Government of Austria") become line breaks; names written
   with hyphens for spaces ("Animal-Welfare-Institute") get their spaces back;
   a compound's part elided before a conjunction stays ("HAVS- OCH …"); type
   labels in quotes ('"Government"') are read as labels in brackets.
2. Split at top level (never inside parentheses or quotes) on line breaks,
   ``;``, ``|``, commas, sentence ends (". " after a word that is not an
   abbreviation such as "Co." or "Inc."), ") and …", and on " - ", " / " when
   the text is a dashed list (a dash before a location is kept: "Aldi –
   Atherstone, UK"). Inside a piece, names end at a slash between two names
   ("SEMARNAT/CONANP"), after a bracketed acronym, type label or note followed
   by a new name, at "and"/"&"/"y"/"or" between two names that each stand alone
   ("Island Council and Island School", not "Ministry of Agriculture and Rural
   Development"), at "by", "with support of", "in partnership with", and in
   long runs of names written without separators, after the words that end
   names ("… Aquarium", "… Center"). A unit run into its body stays with it:
   after "&" a phrase of topic words and a head word ("Virginia Aquarium &
   Marine Science Center"), after the parent's acronym a unit ("IUCN Species
   Survival Commission (SSC) Shark Specialist Group").
3. Mend commas that do not separate organisations: legal suffixes
   ("X Co., Ltd", "X, Inc."), enumerations inside a name ("Ministry of
   Agriculture, Livestock and Irrigation", "… Science, Technology, and
   Innovation"), a location after the name ("University of Genoa, Italy",
   "Ocean Lab, Monterey, CA, USA", a country ending its line), an acronym next
   to its expansion, the comma pieces of a name whose bracketed acronym
   spans them ("… of the Baltic, North East Atlantic, … Seas (ASCOBANS)") or
   that ends with it in capitals ("MINISTRY OF EDUCATION, SCIENCE AND YOUTH
   (MOESYGE)"), a ministry's topics before a sentence goes on ("… Ministry for
   the Environment, Nature Conservation and Nuclear Safety is implementing …"),
   an eponym in quotes ('…, "Alberto Calza Bini"'), and an unknown town before a
   country in a list of "Name, City, Country" ("WorldFish Center, Abbassa,
   Egypt").
4. Category prefixes ("Government: …", "Private Sector: …", "NGOs (48): …")
   set the type of what follows; introductions ("Partners:", "The Partnership
   includes:") are dropped; a plural category written as a heading without a
   colon ("Civil societies Kudat Turtle Conservation Society") is dropped.
5. Inside each piece, a category label in brackets, after a dash, a colon or
   "as", before the name in a dashed list, or after it in lower case, sets the
   type of the name and is removed (a misspelt category word still counts,
   "Other Relavant Actor", and so does a lower-case note that starts with a
   label, "(private sector company / laboratory services)"). Role notes
   ("(lead entity)", "- Lead entity") are dropped.
   Acronyms stay with their name ("United Nations Development Programme
   (UNDP)"). A parenthesised list of names, a body of its own in brackets
   ("Government of Liberia (National Fisheries and Aquaculture Authority)")
   and the bodies a bracketed comment names ("(a project of The Ocean
   Foundation)") yield mentions of their own; so do a unit and its parent
   across a dash ("University of Turku - Archipelago Research Institute").
6. A place that only locates the organisation leaves its name: "Blue Ventures
   – Bristol, UK" → "Blue Ventures" (its country is kept), also "DAMP in
   Senegal" and a list whose dashes mostly introduce places. A place on its own
   after a name, a place in brackets ("(Hong Kong, Special Administrative Region
   of China)"), a country after "in" ("University of North Texas in the U.S.A";
   an international body "in" a country is its country office), countries
   after "from" or under a heading about countries, seas and world regions
   ("Indian Ocean and Pacific") and people's names (next to each other, with a
   middle initial, or between two people in a list of people) are set aside
   ("place", "person"); so are countries in brackets after a name ("(Philippines,
   Indonesia)", unless the name is a group of states), a country before a dash
   and a body ("Thailand - Pollution Control Department") and a country after a
   dashed acronym ("… - INRH, Morocco"). A country named on its own as a
   partner stays: its government.
7. Each name is checked (:func:`not_organisation_reason`): placeholders ("N/A"),
   sentences, phrases led by a quantifier ("all", "most", "other", "various",
   a number) and generic phrases (plural category nouns, plural acronyms such
   as "IFIs", no proper noun) are not organisations. A sentence is read for
   the organisations it names (:mod:`.sentence_names`) before it is set aside.
   In prose, an acronym that repeats a body named in full with it is read once.

Limits
------
Splitting takes time linear in the text's length (each rule reads the text in
one pass; the rules that try a cut at every "and" or "by" of an item try a
bounded number in a row). A field that names more than
:data:`MAX_NAMES_PER_FIELD` organisations (its top-level pieces, counted before
they are read) raises :class:`~ecosystem.errors.InputError` naming the field
and quoting its beginning: no registry lists that many partners in one record,
and the resolver compares each name with its look-alikes.

Examples
--------
>>> [(m.name, m.actor_type) for m in split_partners("Japan Grace Co., Ltd, DNV GL (Private sector)")]
[('Japan Grace Co., Ltd', 'unknown'), ('DNV GL', 'private_sector')]
>>> [(m.name, m.reason) for m in split_partners("WWF; NGOs; most of the member States")]
[('WWF', None), ('NGOs', 'generic'), ('most of the member States', 'quantifier')]
"""
from __future__ import annotations

import re
from functools import lru_cache

from ecosystem.errors import InputError
from ecosystem.loaders.actor_labels import is_role_note, is_sector_note, label_type, leading_label
from ecosystem.loaders.bracket_notes import (
    acronym_then_note,
    body_in_brackets,
    dashed_labels_as_brackets,
    label_and_translation,
    note_country,
    quoted_labels_as_brackets,
    translation_in_brackets,
)
from ecosystem.loaders.comma_mending import mend_commas
from ecosystem.loaders.item_labels import (
    dash_suffixes,
    heading_before_name,
    label_after_colon,
    label_after_name,
    label_prefix,
)
from ecosystem.loaders.item_locations import is_location
from ecosystem.loaders.list_shape import (
    countries_glued,
    country_heads_next,
    dashed_note,
    drop_repeated_acronyms,
    labels_lead,
    places_follow_piece,
)
from ecosystem.loaders.name_country import country_then_name
from ecosystem.loaders.name_trimming import strip_connectors
from ecosystem.loaders.partner_mention import PartnerMention, finish_name, located
from ecosystem.loaders.partner_pieces import (
    AND_LINK,
    COLON_PREFIX,
    INTRODUCTION,
    pieces,
)
from ecosystem.loaders.person_names import people_in_list
from ecosystem.loaders.sentence_names import names_in_sentence
from ecosystem.loaders.text_cleanup import clean_text
from ecosystem.reference.acronym_shape import looks_like_acronym
from ecosystem.reference.countries import country_iso3
from ecosystem.reference.gazetteer import place_kind

__all__ = ["MAX_NAMES_PER_FIELD", "PartnerMention", "split_partners"]

#: Most names one field may list (the Ocean registry's longest partners field lists about 150).
MAX_NAMES_PER_FIELD = 10_000

_LEADING_CONNECTOR = re.compile(r"^(and|with|&)\s")
_LETTER = re.compile(r"[^\W\d_]")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_PLURAL_END = re.compile(r"[^s]s$")
_SEMICOLON_COMMA = re.compile(r"[;,]")
_WHITESPACE = re.compile(r"\s+")


# ----------------------------------------------------------------------------- inside a piece

_PAREN = re.compile(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)")


@lru_cache(maxsize=1 << 16)
def _read_piece(piece: str, actor_type: str, source: str) -> tuple[PartnerMention, ...]:
    """Names in one top-level piece (module rules 5 and 6); fields repeat pieces ("UNDP"):
    each is read once."""
    out: list[PartnerMention] = []
    name_type = None
    name = ""
    pos = 0
    extra: list[PartnerMention] = []
    noted = None  # the country a label note states: "(Academic Institution - Japan)"
    for m in _PAREN.finditer(piece):
        inner = m.group(1).strip()
        before = piece[pos:m.start()]
        t = label_type(inner) or leading_label(inner) or label_and_translation(inner)
        noted = noted or (note_country(inner) if t else None)
        # a place in brackets ("Hong Kong, Special Administrative Region of China") ends the name
        # as a label does: it names no body
        if t or is_role_note(inner) or is_sector_note(inner) or (
                "," in inner and _LETTER.search(before) and is_location(inner)
                and not all(country_iso3(x.strip()) for x in inner.split(","))):
            name += before
            name_type = name_type or t
            rest = piece[m.end():].strip()  # sliced here only: once per bracket was quadratic
            if rest[:1] in "-–—" and _next_is_name(rest.lstrip("-–— ")):
                rest = rest.lstrip("-–— ")  # "Reef Watch (NGO) - Blue Lab (NGO)"
            if rest and (rest[:1].isupper() or rest[:1] in "“\"" or _LEADING_CONNECTOR.match(rest)) \
                    and not rest.startswith("("):
                out.extend(located(finish_name(name, name_type or actor_type, source), noted))
                out.extend(_read_piece(strip_connectors(rest), actor_type, source))
                return (*out, *extra)
            pos = m.end()
            continue
        note = acronym_then_note(inner)
        if note and _LETTER.search(before):  # "(SPC – CROP agency)": the name's acronym, then a note
            name += before if note[0] in before.split() else f"{before.rstrip()} ({note[0]})"
            name_type = name_type or note[1]
            pos = m.end()
            continue
        items = [x.strip() for x in _SEMICOLON_COMMA.split(inner) if x.strip()]
        if len(items) >= 2 and all(country_iso3(x) for x in items) and _LETTER.search(before) \
                and not any(_names_a_group(w) for w in before.split()):
            # "Rare's Fish Forever (Philippines, Indonesia)": where it works; but "Pacific Countries
            # (Samoa, Tonga)" names its members
            name += before
            pos = m.end()
            continue
        if len(items) >= 2 and inner[:1].isupper() and not country_iso3(inner):
            sub = split_partners(inner)
            labels = [label_type(x) for x in items]
            if any(s.is_organisation and not looks_like_acronym(s.name, loose=True) for s in sub) \
                    and not all(labels):
                if not translation_in_brackets(before, [s.name for s in sub if s.is_organisation]):
                    extra.extend(PartnerMention(s.name, s.actor_type, source, s.country, s.reason)
                                 for s in sub)
                name += before
                name_type = name_type or next((t for t in labels if t), None)
                pos = m.end()
                continue
            typed = [x for x in labels if x]
            if typed and all(not s.is_organisation for s in sub):
                # "(Government, local governments, academic institution)": categories only
                name += before
                name_type = name_type or typed[0]
                pos = m.end()
                continue
            # "(OSA; NGO)": an acronym and a label
            acr = [x for x in items if looks_like_acronym(x, loose=True)]
            if typed and len(acr) + len(typed) == len(items):
                name += before + (f" ({acr[0]})" if acr else "")
                name_type = name_type or typed[0]
                pos = m.end()
                continue
        if not before.strip() and name.rstrip().endswith(")") and len(inner.split()) >= 2 \
                and not country_iso3(inner) and not piece[m.end():].strip(" .,;"):
            pass  # "Committee (MSPCC) (Project Mechanism – Governance Body)": a note after the acronym
        elif inner[:1].islower() and len(inner.split()) >= 2:
            name += before  # a comment: "(a project of The Ocean Foundation)": the bodies it names
            extra.extend(m2 for n in names_in_sentence(inner) if not _NAMES_A_PROJECT.search(inner, 0, inner.find(n))
                         for m2 in finish_name(n, "unknown", source))
        elif body_in_brackets(inner) and _LETTER.search(before):
            name += before  # "Government of Liberia (National Fisheries and Aquaculture Authority)"
            if not translation_in_brackets(before, [inner]):
                extra.extend(finish_name(inner, "unknown", source))
        else:
            name += piece[pos:m.end()]
        pos = m.end()
    name += piece[pos:]
    name, name_type = label_after_colon(name, name_type)
    name, suffix_type = label_after_name(name)
    name_type = name_type or suffix_type
    name, name_type = dash_suffixes(name, name_type, actor_type, source, out)
    out.extend(located(finish_name(name, name_type or actor_type, source), noted))
    return (*out, *extra)


def _next_is_name(text: str) -> bool:
    """True when ``text`` (after a label's bracket and a dash) starts with a capitalised name
    that is no place: "Blue Lab (NGO)", not "Fiji" (the country of the name before)."""
    first = re.split(r"\s*[(,;]|\s[-–—]\s", text, maxsplit=1)[0].strip(" .")
    return first[:1].isupper() and ":" not in first and not country_iso3(first) \
        and not place_kind(first) and not is_role_note(first)  # (not "Role: …", "Lead")


#: The word before a project's own name in a comment: "(project GHOST)" names no body.
_NAMES_A_PROJECT = re.compile(r"\b(?:project|programme|program|campaign|initiative|proyecto|projet)\s*$",
                              re.IGNORECASE)

_STATES = {"countries", "states", "governments", "nations", "territories", "members", "parties"}


def _names_a_group(word: str) -> bool:
    """A plural that names states as a group: "Countries", "Member States", "Governments"."""
    return word.strip(",;:()").lower() in _STATES


# ----------------------------------------------------------------------------- the entry point


def split_partners(text: str, *, field: str = "partners") -> list[PartnerMention]:
    """Split a free-text partners field into :class:`PartnerMention` items.

    Parameters
    ----------
    text : str
        The field as stored by the registry (mojibake is repaired here).
    field : str
        The field's name, for the error below.

    Returns
    -------
    list of PartnerMention
        In the order written. Organisations have ``reason is None``; phrases
        that name no organisation carry the reason. Empty text gives ``[]``.

    Raises
    ------
    InputError
        When the field lists more than :data:`MAX_NAMES_PER_FIELD` names.

    Examples
    --------
    >>> [m.name for m in split_partners("(1) Ministry of Agriculture, Livestock and Irrigation "
    ...                                 "(2) United Nations Development Programme (UNDP)")]
    ['Ministry of Agriculture, Livestock and Irrigation', 'United Nations Development Programme (UNDP)']
    >>> [(m.name, m.actor_type) for m in split_partners("Government: Ministry of Fisheries; "
    ...                                                 "Private Sector: Blue Ocean Ltd")]
    [('Ministry of Fisheries', 'government'), ('Blue Ocean Ltd', 'private_sector')]
    """
    if not isinstance(text, str):
        return []
    try:
        return list(_split_cached(text) if len(text) <= _CACHED_CHARS else _split(text))
    except InputError as exc:
        raise InputError(exc.message, field=field) from None


#: Longer fields are read without the cache (the cache would keep each one's text).
_CACHED_CHARS = 20_000


@lru_cache(maxsize=4096)
def _split_cached(text: str) -> tuple[PartnerMention, ...]:
    # Registries repeat partner fields word for word (one lead's commitments): read each once.
    return _split(text)


def _split(text: str) -> tuple[PartnerMention, ...]:
    text = clean_text(text)
    if not text:
        return ()
    text = quoted_labels_as_brackets(text)  # 'Makerere University "Government"': as in brackets
    text = dashed_labels_as_brackets(text)  # "… Environment Government -Cyprus": as in brackets
    if not _LETTER_OR_DIGIT.search(text):
        return (PartnerMention(text, source_text=text, reason="placeholder"),)  # "-", "..."
    out: list[PartnerMention] = []
    category = "unknown"
    places_follow = False
    listed = pieces(text)
    if len(listed) > MAX_NAMES_PER_FIELD:
        start = _WHITESPACE.sub(" ", text[:40])
        raise InputError(f"the field that begins {start!r}… lists {len(listed):,} names; "
                         f"the limit is {MAX_NAMES_PER_FIELD:,}")
    listed = mend_commas(listed)
    # "Name, Country Name, Country …" with the line breaks lost: a country starts the next name
    glued_countries = countries_glued(listed)
    # "…, scientific organization Universidad Belgrano, …, NGO Bnvoles Ocan": where labels lead the
    # items in lower case, a capitalised label before a name ("NGO") is a label too
    lower_labels = labels_lead(listed)
    previous = ""
    for k, (sep, piece) in enumerate(listed):
        if country_heads_next(listed, k):
            out.append(PartnerMention(piece.strip(" ."), "unknown", piece, country_iso3(piece.strip(" .")),
                                      "place"))
            continue  # "Germany, Federal Ministry of the Environment …": the ministry's country
        # a name cut at "and" is read from the text that holds both names ("Food and Agriculture …")
        source = f"{previous} {sep.removeprefix(AND_LINK).strip()} {piece}" if sep.startswith(AND_LINK) else piece
        previous = piece
        m = COLON_PREFIX.match(piece) if ":" in piece else None  # (most pieces have no colon: no regex)
        while m:
            head = m.group(1).strip()
            t = label_type(head.rstrip("s") if head.endswith("s") and not head.endswith("ss") else head,
                           strict=True)
            t = t or label_type(head, strict=True)
            if t:
                category = t
            elif not INTRODUCTION.search(head) or len(head.split()) > 5:
                break
            piece = piece[m.end():]
            m = COLON_PREFIX.match(piece)
        if not piece.strip(" .,;:-"):
            continue
        bare = piece.strip(" .")
        # (the label is looked up last: most pieces follow no untyped name)
        whole = sep in (",", "dash") and out and out[-1].is_organisation and out[-1].actor_type == "unknown" \
            and not _PLURAL_END.search(bare) and not _PAREN.search(piece) and label_type(bare, strict=True)
        if whole:
            last = out.pop()  # "Name, Private Sector": a label for the name before it
            out.append(PartnerMention(last.name, whole, f"{last.source_text}, {piece}", last.country))
            continue
        if places_follow and (sep == "," or places_follow == "list") and country_iso3(bare):
            out.append(PartnerMention(bare, "unknown", source, country_iso3(bare), "place"))
            continue  # "Researchers from Canada, China, France …": where they come from
        places_follow = places_follow_piece(piece)  # "Researchers from …", "… countries in which …:"
        piece = heading_before_name(piece)
        if glued_countries and sep == "," and out and out[-1].is_organisation:
            country, rest = country_then_name(bare)
            if country:  # "University of Auckland, New Zealand University of Porto": the country locates
                piece = rest
        if sep == "dash" and len(piece.split()) >= 2 and is_role_note(piece.strip(" .")):
            continue  # "#Savetheblu - Lead entity - …": a role note in a dashed list
        noted = dashed_note(piece, out[-1]) if sep == "dash" and out and out[-1].is_organisation else None
        if noted:  # "Kobe University - Japan (Academic Institution)", "… - UPM (…)"
            out[-1] = noted
            continue
        if sep == "dash" or (sep == "," and (piece[:1].islower() or lower_labels)):
            t, rest = label_prefix(piece, shortest=True)
            if t and rest:  # "Aquasis - NGO Brazilian Navy - Government …": the label ends the name before
                if out and out[-1].is_organisation and out[-1].actor_type == "unknown":
                    last = out.pop()
                    out.append(PartnerMention(last.name, t, last.source_text, last.country))
                piece = rest
        out.extend(_read_piece(piece, category, source))
    people = people_in_list([m.name for m in out], [m.is_organisation for m in out])
    out = [PartnerMention(m.name, m.actor_type, m.source_text, None, "person") if person else m
           for m, person in zip(out, people)]
    return tuple(drop_repeated_acronyms(out, text))

