"""Organisation names: normalisation and the features that tell bodies apart.

A name as written ("The Pacific Community (SPC)", "WWF-Peru", "Japan Grace Co.,
Ltd") is parsed by :func:`parse_name` into a :class:`ParsedName`:

``display``
    The name tidied for people: whitespace collapsed, type labels such as
    "(NGO)", "(lead entity)" or " - Private sector" removed.
``tokens`` and ``key``
    Comparison tokens: accents and case folded, punctuation dropped, a leading
    "the" and legal-form suffixes (Ltd, Inc, GmbH, S.A., Co.) removed, British
    and American spellings unified, stop words ("of", "de", "la") dropped,
    well-known bodies written as one marker ``kb:<id>``
    (:mod:`ecosystem.resolution.known_bodies`), countries and demonyms as ``cc:<ISO3>``
    (:mod:`ecosystem.resolution.name_countries`).
``acronym``
    The name's own acronym when the name gives it: "Full Name (ACR)",
    "ACR (Full Name)", "Full Name - ACR", or the name is itself an acronym.
``soft_countries`` / ``hard_countries``
    A country added in brackets ("Blue Ventures (UK)") annotates a body; a
    country inside the name ("WWF Peru", "Ministry of Fisheries, Samoa") makes
    it a different body from one without it. A well-known body with another
    country than its own in brackets is a country office ("UNDP (Fiji)").
``qualifiers``
    Other single words in brackets ("(Bizkaia)"): annotations like a bracketed
    country; two names with different qualifiers are different bodies.
``numbers``
    Numbers in the name ("Z-01" → ``{1}``): different numbers, different units.

A two-letter country code written in capitals after an acronym is that
country ("WWF-NZ" is "WWF New Zealand").
``country``
    ISO3 when the name is a country or its government as a whole ("Chile",
    "Government of the Republic of Chile", "The Norwegian Government").

Examples
--------
>>> p = parse_name("The Pacific Community (SPC)")
>>> p.display, p.acronym, p.key
('The Pacific Community (SPC)', 'SPC', 'pacific community')
>>> parse_name("Japan Grace Co., Ltd").key
'grace cc:JPN'
>>> parse_name("WWF Peru").hard_countries
frozenset({'PER'})
"""
from __future__ import annotations

import re
import unicodedata
import weakref
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from ecosystem.reference.acronym_shape import looks_like_acronym
from ecosystem.reference.folding import strip_accents
from ecosystem.resolution.annotations import (
    display_name,
    split_annotations,
    strip_own_acronym,
)
from ecosystem.resolution.name_countries import ELIDED, iso2_words, mark_countries

if TYPE_CHECKING:
    from ecosystem.resolution.known_bodies import KnownBodies

__all__ = ["GENERIC_EXTRAS", "GOVERNMENT_WORDS", "LEGAL_SUFFIXES", "STOPWORDS", "ParsedName",
           "name_tokens", "parse_name", "spelling", "stem", "tidy"]

#: Words dropped from comparison keys (articles and prepositions in UN languages).
STOPWORDS = frozenset(
    "the of and for in on at to by with a an "
    "de del la las los el le les du des et en y e da do dos das di della per pour "
    "para por sur au aux al em na nas no nos dei degli delle dello "
    "und der die das fur von zu van het voor".split()
)

#: Legal-form suffixes removed from the end of a name (as folded tokens).
LEGAL_SUFFIXES = tuple(tuple(s.split()) for s in (
    "sa de cv", "s a de c v", "de cv", "s a s", "pty ltd", "pvt ltd", "pte ltd", "co ltd",
    "sdn bhd", "s a", "s l", "s r l", "s p a", "b v", "n v", "e v", "a s", "l l c",
    "ltd", "limited", "inc", "incorporated", "llc", "llp", "plc", "gmbh", "ggmbh", "ag",
    "bv", "nv", "sa", "sas", "sarl", "srl", "spa", "sl", "ab", "asa", "aps", "oy", "kk",
    "pty", "pte", "bhd", "corp", "co", "ltda", "lda", "sac", "ev", "kg", "cv",
))

#: Words an organisation may add or drop without becoming another body.
GENERIC_EXTRAS = frozenset(
    "foundation association society organization group trust international company "
    "corporation inc secretariat headquarters".split()
)

#: Words that describe a government as a whole ("Government of the Republic of Chile").
GOVERNMENT_WORDS = frozenset(
    "government gobierno gouvernement governo govt gov royal federal national republic "
    "kingdom state commonwealth principality sultanate grand duchy union islamic "
    "democratic people peoples independent plurinational bolivarian socialist "
    "federative cooperative oriental arab united".split()
)

_SPELLING = {
    "programme": "program", "programmes": "programs", "centre": "center",
    "centres": "centers", "defence": "defense", "labour": "labor", "harbour": "harbor",
    "behaviour": "behavior", "st": "saint", "intl": "international",
    "institution": "institute", "institutions": "institutes",
}
#: Organisation-type words of the UN languages (and Portuguese, Italian) read as English,
#: so "Fondation Tara Ocean" and "Tara Ocean Foundation" compare equal.
_TYPE_WORDS = {
    "foundation": "fondation fundacion fundacao fondazione stiftung",
    "association": "asociacion associacao associazione",
    "institute": "instituto institut istituto",
    "university": "universidad universidade universite universita",
    "ministry": "ministerio ministere ministero",
    "national": "nacional nationale nazionale",
    "international": "internacional internationale internazionale",
    "society": "sociedad societe sociedade societa",
    "organization": "organizacion organizacao organizzazione",
    "center": "centro",
    "department": "departamento departement",
    "federation": "federacion federacao federazione",
    "commission": "comision comissao commissione",
    "council": "consejo conseil conselho consiglio",
    "agency": "agencia agence agenzia",
    "network": "red reseau rede",
}
for _en, _others in _TYPE_WORDS.items():
    for _w in _others.split():
        _SPELLING.setdefault(_w, _en)

_QUOTES = str.maketrans({"‘": "'", "’": "'", "`": "'", "´": "'", "ʻ": "'", "ʼ": "'", "“": '"', "”": '"',
                         "–": "-", "—": "-", "‐": "-", "−": "-", "（": "(", "）": ")"})
_WS = re.compile(r"\s+")
_WORD = re.compile(r"[0-9A-Za-z]+")
_DIGITS = re.compile(r"\d+")
_DOTTED = re.compile(r"\b[A-Za-z](?:\.[A-Za-z])+\.?(?![A-Za-z])")
_POSSESSIVE = re.compile(r"(?i)'s\b")
_INNER_APOSTROPHE = re.compile(r"(?<=[A-Za-z])'(?=[A-Za-z])")
#: Memo of :func:`_word_tokens` and of parsed names (names and words repeat across records).
_WORD_TOKENS: dict[str, tuple] = {}
_MEMO_SIZE = 1 << 17
_ARTICLES = frozenset({"the", "la", "le", "el", "les", "los", "las"})
#: An acronym in capitals, a dash, then a name: "FAO - Organización de las Naciones Unidas …".
_ACRONYM_LEAD = re.compile(r"^([A-Z][A-Z0-9&]{1,9})\s+[-–—]\s+(\S.{8,})$")


def spelling(tok: str) -> str:
    """One spelling for British/American variants ("organisation" → "organization").

    >>> spelling("organisation"), spelling("centre"), spelling("fundacion")
    ('organization', 'center', 'foundation')
    """
    tok = _SPELLING.get(tok, tok)
    if tok.endswith("isation") and len(tok) > 8:
        return tok[:-7] + "ization"
    if tok.endswith("isations") and len(tok) > 9:
        return tok[:-8] + "izations"
    return tok


def stem(tok: str) -> str:
    """A light plural stem used when comparing tokens ("fisheries" → "fishery").

    >>> stem("fisheries"), stem("oceans"), stem("glass")
    ('fishery', 'ocean', 'glass')
    """
    if len(tok) > 4 and tok.endswith("ies"):
        return tok[:-3] + "y"
    if len(tok) > 3 and tok.endswith("s") and not tok.endswith("ss"):
        return tok[:-1]
    return tok


def tidy(raw: str) -> str:
    """Collapse whitespace, unify quotes and dashes, strip stray punctuation at the ends.

    >>> tidy('  "Peace  Boat".  ')
    'Peace Boat'
    """
    return _tidy(raw) if type(raw) is str else _tidy(str(raw))


@lru_cache(maxsize=1 << 17)
def _tidy(raw: str) -> str:
    s = unicodedata.normalize("NFKC", raw).translate(_QUOTES)
    s = _WS.sub(" ", s).strip().strip(" .,;:*•·-_\"'")
    if s.count("(") != s.count(")"):
        s = _WS.sub(" ", s.replace("(", " ").replace(")", " ")).strip()
    return s


def name_tokens(text: str) -> list[tuple[str, bool]]:
    """(comparison token, written in capitals) pairs of ``text``.

    Folds accents and case, drops elided articles ("l'", "d'") and possessive
    "'s", unifies spelling, reads "&" as "and" and "UN" as "united nations".

    >>> [t for t, _ in name_tokens("UN Environment Programme's")]
    ['united', 'nations', 'environment', 'program']
    """
    if not text.isascii() or "`" in text:  # the only quote or dash to unify in ASCII
        text = strip_accents(text.translate(_QUOTES))
    if "'" in text:
        text = ELIDED.sub(" ", text)
        text = _POSSESSIVE.sub("", text)
        text = _INNER_APOSTROPHE.sub("", text)
    if "." in text:
        text = _DOTTED.sub(_undot, text)  # S.P.C. → SPC
    text = text.replace("&", " and ")
    out: list[tuple[str, bool]] = []
    for w in _WORD.findall(text):
        hit = _WORD_TOKENS.get(w)
        if hit is None:
            hit = _word_tokens(w)
            if len(_WORD_TOKENS) < _MEMO_SIZE:
                _WORD_TOKENS[w] = hit
        out += hit
    return out


def _word_tokens(w: str) -> tuple[tuple[str, bool], ...]:
    """The (token, written in capitals) pairs of one word of :func:`name_tokens`."""
    if len(w) > 3 and w[-1] == "s" and w[:-1].isupper():
        w = w[:-1]  # "NGOs", "UNESCOs"
    if w == "UN":
        return (("united", True), ("nations", True))
    # "AfDB", "DfID" count as written in capitals
    return ((spelling(w.casefold()), len(w) > 1 and (w.isupper() or looks_like_acronym(w))),)


def _undot(m: re.Match) -> str:
    return m.group(0).replace(".", "")


@dataclass(frozen=True)
class ParsedName:
    """A name as written and the features used to compare it (see the module notes)."""

    raw: str
    display: str
    tokens: tuple[str, ...]
    acronym: str | None = None
    is_acronym: bool = False
    type_labels: tuple[str, ...] = ()
    soft_countries: frozenset = field(default_factory=frozenset)
    hard_countries: frozenset = field(default_factory=frozenset)
    numbers: frozenset = field(default_factory=frozenset)
    country: str | None = None
    qualifiers: frozenset = field(default_factory=frozenset)

    @cached_property
    def key(self) -> str:
        """Comparison key: the plain tokens in order, then the country markers sorted."""
        plain = [t for t in self.tokens if not t.startswith("cc:")]
        return " ".join(plain + sorted(t for t in self.tokens if t.startswith("cc:")))

    @cached_property
    def countries(self) -> frozenset:
        """Every country the name carries, in brackets or not."""
        return self.soft_countries | self.hard_countries


_LEGAL_LAST = frozenset(s[-1] for s in LEGAL_SUFFIXES)


def _strip_legal(tokens: list) -> list:
    if len(tokens) < 2 or tokens[-1][0] not in _LEGAL_LAST:
        return tokens
    folded = [t for t, _ in tokens]
    changed = True
    while changed and len(folded) > 1:
        changed = False
        for suf in LEGAL_SUFFIXES:
            n = len(suf)
            if len(folded) > n and tuple(folded[-n:]) == suf:
                folded, tokens = folded[:-n], tokens[:-n]
                changed = True
                break
    return tokens


#: Known-bodies table -> {name: (parsed, the words its table was consulted on)}.
_PARSED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_PARSED_PLAIN: dict[str, ParsedName] = {}
#: (weak reference to a table, its memo) of every table in :data:`_PARSED`, renewed when a
#: table is added: looking a name up in the siblings' memos must not walk the weak dictionary.
_TABLES: list[tuple[weakref.ref, dict]] = []


def parse_name(raw: str, known: KnownBodies | None = None) -> ParsedName:
    """Parse an organisation name as written into comparison features.

    Memoised per name and known-bodies table (a :class:`ParsedName` is immutable; the
    resolver, the type reader and the acronym learner parse the same names).

    Parameters
    ----------
    raw : str
        The name as written.
    known : ecosystem.resolution.known_bodies.KnownBodies, optional
        Well-known bodies; their names, acronyms and translations become one
        marker token ``kb:<id>``.

    Examples
    --------
    >>> parse_name("Government of the Republic of Chile").country
    'CHL'
    >>> sorted(parse_name("Colônia de Pescadores Z-01").numbers)
    [1]
    >>> parse_name("IUCN (International Union for Conservation of Nature)").acronym
    'IUCN'
    """
    if type(raw) is not str:
        return _parse(raw, known)[0]
    if known is None:
        p = _PARSED_PLAIN.get(raw)
        if p is None:
            p = _parse(raw, None)[0]
            if len(_PARSED_PLAIN) < _MEMO_SIZE:
                _PARSED_PLAIN[raw] = p
        return p
    memo = _PARSED.get(known)
    if memo is None:
        memo = _PARSED.setdefault(known, {})
        _TABLES[:] = [(weakref.ref(t), m) for t, m in _PARSED.items()]
    hit = memo.get(raw)
    if hit is None:
        hit = _from_sibling(raw, known) or _parse(raw, known)
        if len(memo) < _MEMO_SIZE:
            memo[raw] = hit
    return hit[0]


def _from_sibling(raw: str, known: KnownBodies) -> tuple[ParsedName, frozenset] | None:
    """The parse of ``raw`` under a copy of ``known`` that disables other acronyms
    (:meth:`~ecosystem.resolution.known_bodies.KnownBodies.without_acronyms`), when the
    words the table was consulted on include none of those acronyms: then both tables
    read the name alike (the resolver's table and the type reader's full one)."""
    for ref, memo in _TABLES:
        hit = memo.get(raw)
        if hit is None:
            continue
        table = ref()
        if table is None or table is known or table.family is not known.family:
            continue
        if hit[1].isdisjoint(table.disabled_acronyms ^ known.disabled_acronyms):
            return hit
    return None


def _ends_with_name_word(core: str, words: list[str]) -> bool:
    """Whether the last of ``words`` is the core's last word written as a name's word:
    capital then small letters ("Sur", "Per"), in a name not written all in capitals.

    >>> _ends_with_name_word("Colegio de la Frontera Sur", ["colegio", "frontera", "sur"])
    True
    >>> _ends_with_name_word("Maritime Authority and", ["maritime", "authority", "and"])
    False
    """
    tail = _WORD.findall(core[-40:])
    return (bool(tail) and bool(words) and tail[-1][:1].isupper() and tail[-1][1:].islower()
            and tail[-1].casefold() == words[-1] and not core.isupper())


def _parse(raw: str, known: KnownBodies | None) -> tuple[ParsedName, frozenset]:
    """The parsed name and the folded words the known-bodies table was consulted on."""
    s = tidy(raw)
    core, labels, acronyms, soft, qualifiers = split_annotations(s)
    last = core.split()[-1:]  # the word strip_own_acronym may look up as a body's acronym
    core = strip_own_acronym(core, acronyms, known)
    toks = name_tokens(core)
    if len(toks) > 1 and toks[0][0] in _ARTICLES:
        toks = toks[1:]
    toks = _strip_legal(toks)
    if len(toks) >= 2 and toks[-1][1] and toks[-2][1] and len(toks[-1][0]) == 2 \
            and (toks[-1][0],) not in LEGAL_SUFFIXES and (where := iso2_words(toks[-1][0])):
        toks = toks[:-1] + [(w, True) for w in where]  # "WWF-NZ": WWF New Zealand
    compact = core.replace(" ", "")
    # "UN DESA", "GEF SGP" are acronyms; "FUTURE EARH" is words written in capitals
    is_acr = (looks_like_acronym(compact) and len(core.split()) <= 2 and len(toks) <= 3
              and (" " not in core or all(len(w) <= 5 for w in core.split())))
    words = [t for t, _ in toks]
    consulted = frozenset([*words, last[0].casefold()] if last else words)
    if known is not None:
        words = known.substitute(words, [u for _, u in toks])
        owner = known.acronym_owner(acronyms[0].casefold()) if acronyms else None
        if owner and "kb:" + owner not in words and known.spelled_by(core, acronyms[0]):
            words = ["kb:" + owner]  # "UN Environnement Programme (UNEP)": UNEP, misspelt
        elif not acronyms and (lead := _ACRONYM_LEAD.match(core)) \
                and (spelt := known.spelled_by(lead.group(2), lead.group(1))):
            # "FAO - Organización de las Naciones Unidas para la Agricultura y la Alimentación":
            # the body's acronym, then its name in another language or word order
            words = ["kb:" + spelt]
        markers = [t for t in words if t.startswith("kb:")]
        if len(markers) == 1 and len(words) > 1 and known.spells(core, markers[0][3:]):
            words = markers  # "Pacific Island Forum Fisheries Agency": the FFA, misspelt
    words, hard = mark_countries(words)
    # only a marker holds a colon: one look at the joined words finds a body's marker
    own = {known.bodies[t[3:]].country for t in words if t.startswith("kb:")} \
        if known is not None and "kb:" in " ".join(words) else None
    if own:
        words = [t for t in words if not (t.startswith("cc:") and t[3:] in own)]
        hard = [c for c in hard if c not in own]
        if soft:
            # a well-known body with a country in brackets that is not its own: a country
            # office, "UNDP (Fiji)" as "UNDP Fiji"; "IRD (France)" is still the IRD
            office = [c for c in soft if c not in own]
            soft = [c for c in soft if c in own]
            hard += [c for c in office if c not in hard]
            words += ["cc:" + c for c in office if "cc:" + c not in words]
    # a name does not end with a preposition: a last one written as a name's word is a word
    # of the name ("Colegio de la Frontera Sur", "Instituto del Mar del Per(ú)")
    plain = tuple([t for t in words if t not in STOPWORDS])
    content = plain or tuple(words)  # "DE"
    if plain and words[-1] in STOPWORDS and _ends_with_name_word(core, words):
        content = plain + (words[-1],)
    numbers = frozenset(int(d) for t in content if ":" not in t for d in _DIGITS.findall(t)) \
        if _DIGITS.search(" ".join(content)) else frozenset()
    rest = [t for t in content if t not in GOVERNMENT_WORDS]
    country = rest[0][3:] if len(rest) == 1 and rest[0].startswith("cc:") else None
    acronym = acronyms[0] if acronyms else (core.replace(".", "") if is_acr else None)
    return ParsedName(
        raw=raw, display=display_name(s, labels) or s, tokens=content, acronym=acronym,
        is_acronym=is_acr, type_labels=tuple(labels), soft_countries=frozenset(soft),
        hard_countries=frozenset(hard), numbers=numbers, country=country,
        qualifiers=frozenset(qualifiers),
    ), consulted
