"""Tests on single names written in registry text: is this an organisation?

Used by :mod:`ecosystem.loaders.partner_text` after a partners field has been
split. The rules are general, not a list of one registry's phrases:

placeholder
    No letters, or a stand-in such as "N/A", "none", "TBD", "-".
sentence
    More than 18 words, a web address, a finite verb ("is", "will", "has",
    "means", "led by"), the opening of a sentence or a heading ("Monitoring
    the mangroves", "List of …", "Along with …"), or lower-case words with
    an acronym of a topic ("meetings, incentives, conferences and events (MICE)").
quantifier
    Led by a quantifier or a number: "all", "most", "other", "various",
    "several", "relevant", "many", "18 laboratories".
generic
    A plural category noun with no proper noun ("NGOs", "Local communities",
    "Provincial Governments", "Government agencies, research institutes"),
    a bare category ("Government", "Academia", "Private sector"), a kind with
    only category words ("Local Fishermen's Association"), the members of a
    body ("GGGI Member Organizations"), a name with a plural acronym
    ("… Management Councils (FARMCs)"), or text with no capital letter at all
    ("tourism partners").

A word of a sentence left alone by the split ("Moreover", "Then") is a
"sentence" (:mod:`ecosystem.loaders.lone_words`). A postal address, or a word in lower
case before a place ("…, recinto Puerto Plata"), is a "place"
(:mod:`ecosystem.loaders.address_pieces`).

Examples
--------
>>> not_organisation_reason("Most of WMO members"), not_organisation_reason("NGOs")
('quantifier', 'generic')
>>> not_organisation_reason("Operators working in the sector")
'generic'
>>> not_organisation_reason("Friends of Menjangan") is None
True
"""
from __future__ import annotations

import re
from functools import lru_cache

from ecosystem.loaders.actor_labels import label_type, looks_like_demonym
from ecosystem.loaders.address_pieces import is_address, is_place_note
from ecosystem.loaders.lone_words import is_sentence_word
from ecosystem.loaders.org_name_parts import has_org_head
from ecosystem.loaders.unnamed_parties import unnamed_reason
from ecosystem.reference.acronym_shape import looks_like_acronym
from ecosystem.reference.countries import country_iso3
from ecosystem.reference.folding import fold_phrase
from ecosystem.reference.known_body_names import is_known_body_name

__all__ = ["is_prose", "not_organisation_reason"]

_BRACKET = re.compile(r"\([^()]*\)")
_CAPITAL_OR_DIGIT = re.compile(r"[A-Z0-9]")
_DOTTED = re.compile(r"\w\.\w")
_LETTER = re.compile(r"[^\W\d_]")
_NUMBER = re.compile(r"\d+\+?")
_ONLY_PUNCTUATION = re.compile(r"[-–—/. ]*")
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
_POSSESSIVE = re.compile(r"['’]s$")
_SPACED_DASH_IN = re.compile(r"\s[-–—]\s")
_BRACKETED_PLURAL_ACRONYM = re.compile(r"\([A-Z]{2,}s\)\s*$")
_TOKEN = re.compile(r"[\w&-]+")
_WEB = re.compile(r"https?://|www\.")
_WORD = re.compile(r"[\w'’&.-]+")


#: Names of oceans, seas and world regions, and the words that qualify or join them.
_REGION_NAMES = frozenset("""pacific atlantic indian arctic antarctic caribbean mediterranean baltic africa asia
europe oceania americas america""".split())  # noqa: SIM905
_REGION_WORDS = _REGION_NAMES | frozenset("""ocean oceans sea seas north south east west northern southern
eastern western central latin the and""".split())  # noqa: SIM905
_ENDS_WITH_ACRONYM = re.compile(r"\(\s*[A-Z][A-Za-z&.-]{1,11}\s*\)\s*$")


_PLACEHOLDERS = {"", "n/a", "na", "n.a", "none", "nil", "tbd", "tbc", "to be determined", "to be confirmed",
                 "not applicable", "not yet", "no", "null", "unknown", "pending", "ninguno", "aucun"}
_DROP = {"etc", "e.g", "eg", "i.e", "ie", "and", "others", "other", "etc.)"}

_QUANT_STRONG = set("""all most various several numerous many some multiple any each every further additional
relevant respective interested participating selected such these those their different diverse
countless dozens hundreds thousands two three four five six seven eight nine ten eleven twelve
fifteen twenty""".split())
_QUANT_WEAK = set("a an other others our more key major main future potential new".split())

_VERB = re.compile(r"\b(is|are|was|were|will|would|has|have|had|can|could|should|shall|may|being|been|"
                   r"does|do(?!\s+[A-Z])|did|includes|involves|provides|aims|works|seeks|plans|means|"
                   r"promotes|allows|started|brought|represents|comprises|consists|contributes|"
                   r"brings|delivers|empowers|ensures|gathers|decided|offers|helps|focuses|"
                   r"conducts|develops|implements|engages|facilitates|operates|serves|strengthens|"
                   r"enables|collaborates|"
                   r"(?:led|coordinated|supported|funded) by|along with)\b")
#: A sentence that opens with a gerund and goes on in lower case: "Monitoring the mangroves".
_GERUND = re.compile(r"^[A-Z][a-z]{3,}ing\s+(?:the|to|of|a|an|in|on|for|with)\s+(?:(?:the|a|an)\s+)?[a-z]{3,}")
#: Openings of a heading or a phrase, not of a name: "List of …", "Along with 32 students".
_NOT_NAME_OPENING = re.compile(r"^(?:list of|along with|together with|including|see)\b", re.IGNORECASE)
#: Words that go on to list what a phrase holds: "GFCM membership including the European Union
#: as well as others such as the GEF" names several bodies, not one.
_LISTING = re.compile(r"\s(?:such as|as well as|including)(?:\s|$)", re.IGNORECASE)
# ("do" before a capital is Portuguese "of the": "Instituto do Mar", "Universidade do Vale")

#: Plural nouns of kinds of organisation or people: a phrase led by one names no single organisation.
_GENERIC_PLURALS = set("""organisations organizations ngos csos cbos igos ingos governments municipalities
countries states communities authorities agencies institutes institutions universities companies
corporations businesses industries partners stakeholders members departments ministries operators fishers
fishermen fisherfolk fisherwomen researchers scientists experts groups associations cooperatives
co-operatives entities bodies sectors schools donors funders networks cities villages users owners
citizens volunteers students individuals laboratories labs centres centers
societies units foundations banks councils offices services programmes programs projects initiatives provinces
regions counties districts tribes leaders officials practitioners managers academics players
actors parties colleges firms enterprises smes npos governments' sponsors contributors
collaborators providers suppliers clubs municipios gobiernos comunidades instituciones empresas organizaciones ongs entidades
universidades pescadores communautes collectivites associations entreprises assemblies observers
beneficiaries participants recipients investors""".split())
#: Words that may stand before such a plural, or make up a bare category with it.
_GENERIC_WORDS = set("""government governmental non-government non-governmental local regional provincial
national international federal state municipal public private civil society sector academic
academia scientific research industry fishing fisheries tourism business community coastal island
marine ocean relevant member partner partners line development financial technical research
educational environmental conservation indigenous traditional grassroots small-scale small scale
artisanal major key other various government-related related concerned affected district women youth
fisherfolks media press social medium large micro
fijian pacific caribbean african asian european american latin regional-level
un multilateral bilateral donor corporate the of and & in from for with at on to""".split())


#: Nouns that name a kind of actor: a phrase made only of them and category adjectives is a category.
_CATEGORY_NOUNS = set("""government governments sector society academia industry community communities public
business research ngo ngos cso csos media donor donors partner partners""".split())
#: Singular nouns of a kind of body: with only category words, no name ("Fisherfolks Association").
_KIND_NOUNS = {"association", "cooperative", "group", "groups"}
#: Words of people: a kind noun with them and only category words names no one body.
_PEOPLE = {"fishermen", "fisherfolk", "fisherfolks", "fishers", "women", "youth", "local", "farmers"}
_GENERIC_ACRONYMS = set("ngo cso cbo igo ingo un sme mpa npo eu".split())
#: The UN's groups of states by acronym: small island developing states (and the Pacific's),
#: least developed and landlocked developing countries. A name of one alone, or with its
#: governments, names no body ("SIDS DOCK", an organisation, has a name of its own).
_STATE_GROUPS = frozenset("sids psids ldc ldcs lldc lldcs".split())
_STATE_GROUP_NOUNS = frozenset("government governments countries states members ministries".split())
#: Lower-case words that names contain ("Ministry of the Environment", "Zoo and Aquarium").
_NAME_LOWER = set("""of the and for de del della di la le les du des da do dos das van von der den y et e
in on at to a an & zur zu für fur och i al el""".split())
_FUNCTION_WORDS = set("by of for in on to at x and the de".split())
#: A kind of body with at most role or category words before it and nothing that names it:
#: "Agency", "Lead Entity", "International Secretariat", "Governmental Office".
_BARE_BODY = re.compile(
    r"(?:the )?(?:(?:lead|leading|implementing|executing|coordinating|responsible|relevant|"
    r"competent|national|international|government|governmental|partner|other|local|regional|"
    r"public|federal) )*(?:agenc(?:y|ies)|ministr(?:y|ies)|departments?|institutes?|"
    r"institutions?|authorit(?:y|ies)|offices?|secretariats?|bod(?:y|ies)|entit(?:y|ies)|"
    r"organi[sz]ations?)")


#: Singular heads of organisation names in French, Spanish, Portuguese and Italian, whose names
#: are written in sentence case: "Agence française pour la biodiversité", "Association des
#: jeunes pêcheurs migrants" name a body; "Asociaciones de pescadores" (a plural) names none.
_SENTENCE_CASE_HEADS = frozenset("""agence agencia agenzia alliance alianza alianca
association asociacion associacao associazione centre centro comite comitato conseil consejo
conselho consiglio fondation fundacion fundacao fondazione institut instituto istituto ministere
ministerio ministero observatoire observatorio osservatorio reseau societe sociedad sociedade
societa syndicat sindicato union federation federacion federacao federazione cooperative
cooperativa collectif colectivo coletivo consortium consorcio consorzio direction direccion
direcao direzione secretariat secretaria commission comision comissao commissione parc parque
parco musee museo museu ecole escuela escola scuola laboratoire laboratorio universite
universidad universidade universita conservatoire office oficina ufficio""".split())


def _spelled_by_acronym(text: str, outside: str) -> bool:
    """True when ``text`` ends with a bracketed acronym whose letters follow the initials of the
    capitalised name before it: "Ministry of works, Transport and Infrastructure (MWTI)"; not
    "meetings, incentives, conferences and events (MICE)", a topic in lower case."""
    end = _ENDS_WITH_ACRONYM.search(text)
    if not (end and outside[:1].isupper() and has_org_head(outside)):
        return False
    initials = "".join(w[0] for w in _WORD.findall(outside) if w.lower() not in _NAME_LOWER)
    return initials.upper() == "".join(c for c in end.group(0) if c.isalpha()).upper()


def is_prose(text: str) -> bool:
    """True when ``text`` is written as sentences: two finite verbs or more ("… is the global
    authority … is implementing the project").

    >>> is_prose("UNEP is the authority. It serves as advocate and has offices."), is_prose("WWF; UNEP")
    (True, False)
    """
    return len(_VERB.findall(text, 0, 20_000)) >= 2


def _titled_name(words: list[str]) -> bool:
    """True for words of a name in title case that opens with a quantifying word but names no
    parties: "Four Seasons Resort Seychelles", "Six Senses Laamu", "All Clams on Deck"; not
    "Three Research Infrastructures", "Various Stakeholders" (a plural at the end, a plural
    of parties) nor "SEVERAL NGOS"."""
    last = words[-1]
    return (len(words) >= 2 and words[0][:1].isupper() and words[1][:1].isupper()
            and not words[0].isupper() and _GENERIC_PLURALS.isdisjoint(w.lower() for w in words)
            and not (last.endswith("s") and not last.endswith("ss") and not country_iso3(last)))


@lru_cache(maxsize=1 << 16)
def not_organisation_reason(name: str) -> str | None:
    """Why ``name`` is not an organisation's name, or None when it may be one.

    Returns one of "placeholder", "withheld" ("Anonymous donor": see
    :mod:`ecosystem.loaders.unnamed_parties`), "sentence", "quantifier", "generic",
    "place" (oceans and world regions: "Indian Ocean and Pacific"), or
    "drop" (connector words such as "etc." that are simply removed). See the
    module notes for the rules.

    >>> not_organisation_reason("All relevant government departments")
    'quantifier'
    >>> not_organisation_reason("local communities"), not_organisation_reason("Government")
    ('generic', 'generic')
    >>> not_organisation_reason("A Rocha") is None, not_organisation_reason("Our Fish") is None
    (True, True)
    """
    text = name.strip()
    f = fold_phrase(text).strip(" .,;:()")
    if f in _DROP:
        return "drop"
    if f in _PLACEHOLDERS or not _LETTER.search(f) or _ONLY_PUNCTUATION.fullmatch(f):
        return "placeholder"
    if unnamed_reason(text) == "withheld":
        return "withheld"  # "Anonymous donor", "partners to be identified"
    outside = _BRACKET.sub(" ", text) if "(" in text else text
    words = _WORD.findall(outside)
    if not words:
        return "placeholder"
    # a long official name in capitals ends with its acronym: "CONSORCIO PARA EL DISENO, … (SOCIB)"
    longest = 30 if _ENDS_WITH_ACRONYM.search(text) and outside.isupper() else 18
    # a verb-like word inside a name that ends with its own acronym is a word of the name:
    # "Ministry of works, Transport and Infrastructure (MWTI)"
    verb = _VERB.search(outside) and not _spelled_by_acronym(text, outside)
    if len(words) > longest or _WEB.search(text) or verb or _GERUND.match(outside) \
            or _NOT_NAME_OPENING.match(text) or _LISTING.search(outside):
        return "sentence"
    if country_iso3(text) or is_known_body_name(text):
        return None  # "United Mexican States": a country; "Pacific Community": a known body
    if len(words) == 1 and is_sentence_word(words[0]):
        return "sentence"  # "Moreover, the Foundation works with …": the sentence's first word
    if all(w.lower() in _REGION_WORDS for w in words) and any(w.lower() in _REGION_NAMES for w in words) \
            and "(" not in text:
        return "place"  # "Indian Ocean and Pacific", "Caribbean": seas and regions, no body
    if is_address(text, words) or (words[0] not in _NAME_LOWER and is_place_note(words)):
        return "place"  # "74060 Rethymno", "…, recinto Puerto Plata": where a body is, no body
    first, second = words[0].lower(), (words[1] if len(words) > 1 else "")
    if first in _QUANT_STRONG and not _titled_name(words):
        return "quantifier"
    if _NUMBER.fullmatch(first) and second and (
            second[:1].islower() and second.lower() not in _FUNCTION_WORDS
            or any(w.lower() in _GENERIC_PLURALS for w in words)):
        return "quantifier"  # "18 laboratories", "12 west coast municipalities"; not "10 by 2020"
    if first in _QUANT_WEAK and second and (second[:1].islower() or second.lower() in _GENERIC_PLURALS):
        return "quantifier"
    lowered = [w.lower().strip(".") for w in words]
    if lowered[0] in _STATE_GROUPS and _STATE_GROUP_NOUNS.issuperset(lowered[1:]):
        return "generic"  # "SIDS", "SIDS Government": a group of states, no body of its own
    lower = [w for w in words if w[:1].islower() and w.lower() not in _NAME_LOWER]
    if words[0][:1].islower() and len(lower) >= 3 and 2 * len(lower) >= len(words):
        return "sentence"  # "meetings, incentives, conferences and events (MICE)": an acronym of a topic
    if _BRACKETED_PLURAL_ACRONYM.search(text) and len(words) <= 8 and not _SPACED_DASH_IN.search(text):
        return "generic"  # "Fisheries … Management Councils (FARMCs)": the acronym of a kind, plural
    if len(words) <= 4 and lowered[-1] in _GENERIC_PLURALS and not _NAME_LOWER.intersection(lowered) \
            and not has_org_head(" ".join(words[:-1])):
        return "generic"  # "GGGI Member Organizations": the members of a body, not a body
    # (an acronym has two capitals: a word with none after its first letter is none)
    if any(not w[1:].islower() and looks_like_acronym(w, loose=True)
           and w.lower().rstrip("s") not in _GENERIC_ACRONYMS
           and not _PLURAL_ACRONYM.fullmatch(w) for w in _TOKEN.findall(text)):
        return None  # a name with its own acronym: "Coastal Students Cultural Forum (CSCF)"
    if _PLURAL_ACRONYM.fullmatch(text.strip()):
        return "generic"  # a plural acronym names a kind: "IFIs", "RFMOs"
    if len(lowered) == 1 and lowered[0] in _GENERIC_WORDS and not lowered[0].endswith("s"):
        return "generic"  # a category adjective on its own: "Provincial", "Municipal"
    if _BARE_BODY.fullmatch(" ".join(lowered)):
        return "generic"  # "Lead Agency", "Secretariat", "Government Authority": a kind, no name
    # led by a plural category noun, after category adjectives: "Provincial Governments", "Countries in ..."
    for w, raw in zip(lowered, words):
        if w in _GENERIC_PLURALS:
            return "generic"
        if w not in _GENERIC_WORDS and not looks_like_demonym(raw):
            break
    if lowered[-1] in _GENERIC_PLURALS and len(lowered) <= 4 \
            and not has_org_head(" ".join(w for w in words[:-1] if w[:1].isupper())):
        return "generic"  # "Pearl Industry Stakeholders", "Resort Owners", "UNESCO accredited NGOs"
    bare = [_POSSESSIVE.sub("", w) for w in lowered]  # "Local Fishermen's Association"
    kinds = _KIND_NOUNS if _PEOPLE.intersection(bare) else ()  # "Local Fishermen's Association"
    # "society" is a category in "civil society" only: "Marine Conservation Society" is a body
    a_society = bare[-1] == "society" and (len(bare) < 2 or bare[-2] != "civil")
    if not a_society and all(w in _GENERIC_WORDS or w in _GENERIC_PLURALS or w in kinds for w in bare) \
            and any(w in _CATEGORY_NOUNS or w in _GENERIC_PLURALS or w in kinds for w in bare):
        return "generic"  # "Civil society", "Fishing industry", "Local government"
    if len(words) <= 3 and not any(w.isupper() and len(w) > 3 for w in words) \
            and not {"of", "for", "de", "du", "del"} & set(lowered) and label_type(text, strict=True):
        return "generic"  # a bare category: "Private Sector", "Scientific community"
    if not _CAPITAL_OR_DIGIT.search(outside) and not _DOTTED.search(text):
        return "generic"  # no capital at all: "tourism partners"
    if (len(lower) >= 3 and 2 * len(lower) >= len(words)
            and fold_phrase(words[0]) not in _SENTENCE_CASE_HEADS) or (
            words[0][:1].islower() and words[0].lower() not in _NAME_LOWER and len(lower) >= 2) or (
            words[0] == "To" and second[:1].islower()):
        return "sentence"  # a description: "maintains and promotes the common areas", "To conduct research"
    return None
