"""Category labels in registry text → the model's actor types.

Partner fields label organisations with their kind in many ways: a suffix
"(NGO)", "(Private sector)", "(Non-governmental organization)", "(gobierno)";
a dash suffix "- Academia"; a category prefix "Government: …"; the SDG
Partnerships Platform's own entity types ("Local / Regional Government").
This module decides whether a short phrase *is* such a label and which of
:data:`ecosystem.model.ACTOR_TYPES` it names.

A phrase is a category label when it is made only of category words: at least
one word that names a type ("government", "NGO", "academia", "private") and
otherwise only filler words ("organisation", "entity", "sector", "with
consultative status"), country names, demonyms ("Indonesian") or short codes
("UK"). "(UN Environment)" is therefore not a label (it is a name), while
"(UN entity)" is.

Examples
--------
>>> label_type("Non-governmental organization"), label_type("Indonesian Government")
('ngo', 'government')
>>> label_type("UN Environment") is None
True
>>> entity_type("Local / Regional Government")
'local_government'
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from ecosystem.reference.countries import country_iso3
from ecosystem.reference.country_text import find_countries
from ecosystem.reference.folding import fold_phrase

__all__ = ["ENTITY_TYPES", "ROLE_NOTES", "entity_type", "is_role_note", "is_sector_note",
           "label_type", "leading_label", "looks_like_demonym"]

_ALNUM_WORD = re.compile(r"[^\W_]+")
_NOTE_SEPARATORS = re.compile(r"[,;/&]")

#: The platform's entity types (the lead entity's "Entity type") → actor type.
ENTITY_TYPES = {
    "government": "government",
    "local / regional government": "local_government",
    "united nations / multilateral body": "un_multilateral",
    "intergovernmental organization": "intergovernmental",
    "ngo": "ngo",
    "non-governmental organization (ngo)": "ngo",
    "civil society organization": "civil_society",
    "private sector": "private_sector",
    "academic institution": "academic",
    "scientific community": "scientific",
    "philanthropic organization": "philanthropic",
    "partnership": "partnership",
    "other relevant actor": "other",
}

# Ordered: the first pattern that matches an item of a label gives its type.
# Specific before general ("non-governmental" before "government").
_TYPE_PATTERNS: list[tuple[str, str]] = [
    ("local_government",
     r"\b(local|regional|municipal|provincial|prefectural|sub-?national|state|city|county|district|"
     r"territorial)\s*(/\s*\w+\s*)?(gov\w*|authorit\w*|councils?|administrations?)\b|\bmunicipalit\w*|\bcollectivite|"
     r"\bgobiernos? (local|regional|municipal|autonomico|provincial)\w*|\bayuntamiento"),
    ("intergovernmental",
     r"\binter[- ]?governmental|\bintergubernamental|\bintergouvernemental|\bigos?\b|\bregional organi[sz]ation|"
     r"\binternational organi[sz]ation"),
    ("ngo",
     r"\bnon[- ]?gov\w*|\bno gubernamental|\bnon gouvernemental\w*|\bn\.?g\.?o\.?s?\b|\bongs?\b|"
     r"\bingos?\b|\bnon[- ]?profit|\bnot[- ]for[- ]profit|\bsin fines de lucro|\bsans but lucratif"),
    ("un_multilateral",
     r"\bun\b|\bunited nations\b|\bu\.n\.|\bmultilateral|\bnaciones unidas|\bnations unies|\bnacoes unidas|"
     r"\bdevelopment bank|\binternational financial institution|\bifis?\b|\bmdbs?\b|\bonu\b"),
    ("civil_society",
     r"\bcivil society|\bcsos?\b|\bcbos?\b|\bcommunity[- ]based|\bsociedad civil|\bsociete civile|"
     r"\bsociedade civil|\bcivil\b|\bmajor groups?\b|\bindigenous\b"),
    ("government",
     r"\bgov\w*|\bgobierno|\bgouvernement|\bgoverno\b|\bgubernamental|\bmember states?\b|"
     r"\bfederal\b|\bpublic\b|\bparastatal|\bstate\b|\betat\b|\bestado\b"),
    ("private_sector",
     r"\bprivate\b|\bprivad[oa]\b|\bprive\b|\bcompan\w*|\bbusiness\w*|\bindustr\w*|\bcorporat\w*|"
     r"\bcommercial\b|\benterprises?\b|\bfirm\b|\bsmes?\b|\bempresa\w*|\bentreprise\w*"),
    ("academic",
     r"\bacadem\w*|\buniversit\w*|\buniversidad\w*|\beducation\w*|\bschools?\b|\bcolleges?\b"),
    ("scientific", r"\bscien\w*|\bresearch\b|\bcientific\w*|\binvestigacion\b"),
    ("philanthropic", r"\bphil\w*nt\w*rop\w*|\bfilantrop\w*|\bfoundations?\b|\bfundacion\b|\bdonors?\b"),
    ("partnership", r"\bpartnerships?\b|\bcoalition\b|\bconsortium\b|\balianza\b"),
    ("other", r"\bothers?\b|\botro\b|\bautre\b|\bmedia\b|\bactors?\b"),
    ("ngo", r"\bassociations?\b|\basociacion\b|\bassociacao\b|\bcharit\w*"),
]
_TYPE_RES = [(t, re.compile(p)) for t, p in _TYPE_PATTERNS]
_ANY_TYPE = re.compile("|".join(f"(?:{p})" for _t, p in _TYPE_PATTERNS))

#: Words allowed in a label besides type words (all folded to lower case, no accents).
_FILLER = set("""
organization organizations organisation organisations organizacion organizaciones org orgs entity
entities body bodies sector sectors institution institutions institute institutes agency agencies
system relevant with consultative status type based international national regional local group
groups community communities level member members multi stakeholder stakeholders major end user
users beneficiary beneficiaries of the and a an for in to on sub de la las los el del des du le les
y et e da do das dos interest organismo relevante actor actors department departments system's
organizacao sociedade sociedad society societe partner partners lead entity's network networks
non mixed semi owned led sector's profit coummunity comunidad communaute scientifique cientifica
institucion institucional publique publico publica representative representatives governmental
locale locales nacional internacional ministry ministries
""".split())

#: Role annotations written in parentheses: dropped from names, never a type.
ROLE_NOTES = re.compile(
    r"^(the )?(co-?)?(lead|leading|main|principal|implementing|executing|funding|coordinating|co-?ordinating|"
    r"host|hosting|technical|financial|knowledge|strategic|supporting|founding|key)?\s*"
    r"(entity|partner|partners|agency|organi[sz]ation|institution|lead|focal point|coordinator|"
    r"co-?ordinator|funder|donor|host|secretariat|member|collaborator|collaborators|sponsor|"
    r"contributor|supporter|tbc|tbd|to be confirmed)?$"
)


def _item_type(item: str) -> str | None:
    f = fold_phrase(item)
    for actor_type, rx in _TYPE_RES:
        if rx.search(f):
            return actor_type
    return None


_DEMONYM = re.compile(r"^[A-Z][a-z]+(ian|ean|ese|ish|can)$|^(German|Dutch|French|Thai|Greek|Swiss|Irish|Welsh|Scottish)$")


def looks_like_demonym(word: str) -> bool:
    """True for a capitalised word shaped like a demonym: "Indonesian", "Japanese", "Dutch".

    A test of the written form only (any capitalised word ending in -ian,
    -ean, -ese, -ish or -can, and a few irregular ones); the demonyms that
    resolution maps to countries are in ``data/country_demonyms.csv``.

    >>> looks_like_demonym("Fijian"), looks_like_demonym("Swiss"), looks_like_demonym("fijian")
    (True, True, False)
    """
    return _DEMONYM.match(word) is not None


#: Type words a label may misspell ("Donnor", "Goverment"): with the filler words, matched at one edit.
_TYPE_WORDS = set("""donor donors government governmental academic academia private scientific philanthropic
foundation university research intergovernmental civil""".split())  # noqa: SIM905
_TYPO_WORDS = {w for w in _FILLER | _TYPE_WORDS if len(w) >= 5}
#: :data:`_TYPO_WORDS` by length: a word one edit away is one letter longer or shorter at most.
_TYPO_WORDS_BY_LENGTH: dict[int, tuple[str, ...]] = {
    n: tuple(w for w in _TYPO_WORDS if len(w) == n) for n in {len(w) for w in _TYPO_WORDS}}


@lru_cache(maxsize=4096)
def _misspelt_category_word(word: str) -> bool:
    """True when ``word`` (folded, six letters or more) is one edit from a category word:
    "relavant", "donnor", "organizacin" (an accent lost with its letter). A letter added at
    the end makes another word, often in another language ("nationale"), unless it is a plural
    "s" ("organismos")."""
    if len(word) < 6:
        return False
    near = (w for n in (len(word) - 1, len(word), len(word) + 1) for w in _TYPO_WORDS_BY_LENGTH.get(n, ()))
    return any(w[:-1] != word and (word[:-1] != w or word[-1] == "s")
               and Levenshtein.distance(w, word, score_cutoff=1) <= 1 for w in near)


def _is_filler(token: str) -> bool:
    f = fold_phrase(token).strip(".'’")
    if not f or f in _FILLER or len(f) <= 1 or _misspelt_category_word(f):
        return True
    if token.isupper() and len(token) <= 3:  # UK, IT, USA
        return True
    if looks_like_demonym(token) or country_iso3(token):
        return True
    return False


@lru_cache(maxsize=1 << 14)
def _only_category_words(item: str) -> bool:
    """True when every word of ``item`` is a type word, a filler word, a country or demonym
    (read once per distinct item: labels repeat their items, "Government", "NGO")."""
    typed = fold_phrase(item)
    words = set(_ALNUM_WORD.findall(typed))
    if words <= _FILLER:  # no type word to remove: nothing is left but fillers
        leftover: set[str] = set()
    else:
        for _t, rx in _TYPE_RES:
            typed = rx.sub(" ", typed)
        leftover = set(_ALNUM_WORD.findall(typed))
    for tok in _ALNUM_WORD.findall(item):
        if fold_phrase(tok) in leftover and not _is_filler(tok):
            return False
    return True


_ITEM_SPLIT = re.compile(r"[,;:&+]|/(?!\s*regional)|\s-\s|\band\b", re.IGNORECASE)


@lru_cache(maxsize=65536)
def label_type(label: str, strict: bool = False) -> str | None:
    """Actor type named by a category label, or None when ``label`` is not one.

    ``label`` may hold several items ("NGO, Academic Institution",
    "Government/Scientific Community", "lead entity, government"): the first
    item that names a type gives it. Every item must be made of category words
    (see the module notes) or be a role note ("lead entity", "focal point").

    Examples
    --------
    >>> label_type("NGO, Academic Institution"), label_type("lead entity, government")
    ('ngo', 'government')
    >>> label_type("Local/Regional Government"), label_type("UN Academia")
    ('local_government', 'un_multilateral')
    >>> label_type("IUCN") is None, label_type("Japan") is None
    (True, True)

    With ``strict=True`` a label may not name a country or use a demonym
    ("Government of Palau" is a name, not a category).
    """
    if not isinstance(label, str) or not label.strip() or len(label) > 80:
        return None
    if not _ANY_TYPE.search(fold_phrase(label)):
        return None
    if strict and (find_countries(label) or any(looks_like_demonym(w) for w in label.split())):
        return None
    items = [i.strip() for i in _ITEM_SPLIT.split(label) if i.strip()]
    found = None
    for item in items:
        if ROLE_NOTES.match(fold_phrase(item)):
            continue
        if not strict and " " in item and country_iso3(item):
            continue  # "Academic Institution - United Kingdom": a country of more words
        if not _only_category_words(item):
            return None
        found = found or _item_type(item)
    if found is None and not is_role_note(label):
        # "Local / Regional Government" splits on "/" into "Local" and "Regional Government".
        t = _item_type(label)
        if t and _only_category_words(label):
            return t
    return found


_FIRST_ITEM_END = re.compile(r"\s*[/,;–—]\s*|\s-\s")


def leading_label(text: str) -> str | None:
    """Actor type of a bracket note that starts with a category label and goes on to describe:
    in lower case ("private sector company / laboratory services", "research organization –
    lab"), or capitalised with the description in lower case ("Private education trust", "NGO
    universally accessible catamaran", "Other relevant actor: sporting association").

    >>> leading_label("private sector company / laboratory services"), leading_label("a project of WWF")
    ('private_sector', None)
    >>> leading_label("NGO universally accessible catamaran"), leading_label("Government of Chile")
    ('ngo', None)
    """
    if text[:1].islower():
        first = _FIRST_ITEM_END.split(text, maxsplit=1)[0]
        return label_type(first, strict=True) if first != text else None
    first, *rest = _FIRST_NOTE_ITEM_END.split(text, maxsplit=1)
    if rest:  # "Other relevant actor: sporting association"
        words = rest[0].split()
        return label_type(first, strict=True) if _described(words) else None
    words = text.split()
    for k in (2, 1):  # "Private education trust": a label of one or two words, then what it is
        if _described(words[k:]) and (found := label_type(" ".join(words[:k]), strict=True)):
            return found
    return None


_FIRST_NOTE_ITEM_END = re.compile(r"\s*[/,;:–—]\s*|\s-\s")


def _described(words: list[str]) -> bool:
    """True for words of a description in lower case (one at least; no name, no acronym)."""
    return bool(words) and all(w[:1].islower() for w in words)


def is_sector_note(text: str) -> bool:
    """True for a note naming the sector a body belongs to: "Cultural Sector", "Fishing
    sector", "All Private Sector" (a type only where :func:`label_type` reads one).

    >>> is_sector_note("Cultural Sector"), is_sector_note("Sector"), is_sector_note("Fiji Sector")
    (True, False, False)
    """
    words = text.split()
    return 2 <= len(words) <= 3 and words[-1].lower() in ("sector", "sectors") \
        and not any(country_iso3(w) or looks_like_demonym(w) for w in words[:-1])


def is_role_note(label: str) -> bool:
    """True for a parenthesised role note such as "lead entity" or "focal point".

    >>> is_role_note("lead entity"), is_role_note("Co-lead partner / host"), is_role_note("NGO")
    (True, True, False)
    """
    items = [i.strip() for i in _NOTE_SEPARATORS.split(label) if i.strip()]
    return bool(items) and all(ROLE_NOTES.match(fold_phrase(i)) for i in items)


def entity_type(value: str | Sequence[str] | None) -> str:
    """Actor type of the platform's entity type (a string, or a list whose first item counts).

    Examples
    --------
    >>> entity_type(["Non-governmental organization (NGO)"]), entity_type([])
    ('ngo', 'unknown')
    """
    if isinstance(value, (list, tuple)):
        value = value[0] if value else ""
    if not isinstance(value, str) or not value.strip():
        return "unknown"
    return ENTITY_TYPES.get(fold_phrase(value)) or label_type(value) or "other"
