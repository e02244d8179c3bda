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
    (:mod:`ecosystem.known_bodies`), countries and demonyms as ``cc:<ISO3>``
    (:mod:`ecosystem.name_countries`).
``acronym``
    The name's own acronym when the name gives it: "Full Name (ACR)",
    "ACR (Full Name)", "Full Name - ACR", or the name is itself an acronym.
``soft_countries`` / ``hard_countries``
    A country added in brackets ("Blue Ventures (UK)") annotates a body; a
    country inside the name ("WWF Peru", "Ministry of Fisheries, Samoa") makes
    it a different body from one without it.
``qualifiers``
    Other single words in brackets ("(Bizkaia)"): annotations like a bracketed
    country; two names with different qualifiers are different bodies.
``numbers``
    Numbers in the name ("Z-01" → ``{1}``): different numbers, different units.
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
from dataclasses import dataclass, field

from .acronyms import acronym_fits, acronym_plausible, looks_like_acronym
from .name_countries import mark_countries, whole_country

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

#: Labels of organisation type that registries add to names, in brackets or after a dash.
TYPE_LABEL = re.compile(
    r"^(?:ngos?|i?ngo|cso|igo|government(?:al)?|gov|govt|local(?: ?/ ?regional)? government|"
    r"regional government|private(?: sector)?|business|non[- ]?governmental organi[sz]ation|"
    r"non[- ]?profit(?: organi[sz]ation)?|not[- ]for[- ]profit|civil society(?: organi[sz]ation)?|"
    r"academic(?: institution)?|academia|research institution|"
    r"intergovernmental(?: organi[sz]ation)?|united nations(?: system| entity| agency)?|"
    r"un(?: system| entity| agency)?|united nations / multilateral body|multilateral(?: body)?|"
    r"philanthropic(?: organi[sz]ation)?|scientific community|science|partnership|"
    r"other|other relevant actor|lead|lead entity|lead organi[sz]ation|lead partner|"
    r"coordinator|co-?lead|partner|host|ong|organi[sz]aci[oó]?n no gubernamental|"
    r"organisation non gouvernementale|gobierno|gouvernement|sector privado|secteur priv[eé]|"
    r"sociedad civil|soci[eé]t[eé] civile|academia|instituci[oó]?n acad[eé]?mica|"
    r"comunidad cient[ií]?fica|organismo intergubernamental|"
    r"academic instit?u?tution|government agency|government entity|private company|"
    r"quasi[- ]governmental(?: organi[sz]ation)?|public(?: sector| institution| body| entity)?|"
    r"advisory|advis[oe]r|funder|funding partner|donor|implementing partner|technical partner|"
    r"scientific partner|observer|member|sponsor|co-?organi[sz]er|supporter)$",
    re.IGNORECASE,
)

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

_QUOTES = str.maketrans({"‘": "'", "’": "'", "`": "'", "´": "'", "“": '"', "”": '"',
                         "–": "-", "—": "-", "‐": "-", "−": "-", "（": "(", "）": ")"})
_WS = re.compile(r"\s+")
_WORD = re.compile(r"[0-9A-Za-z]+")
_DIGITS = re.compile(r"\d+")
_PAREN = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_DASH = re.compile(r"\s+-\s*|\s*-\s+|\s*/\s*(?=[A-Z][A-Za-z]*$)")
_LEADING_LABEL = re.compile(
    r"(?i)^(?:academic institution|private sector|civil society(?: organi[sz]ation)?|"
    r"scientific community|intergovernmental organi[sz]ation|non[- ]?governmental organi[sz]ation|"
    r"other relevant actor|united nations / multilateral body|local / regional government)\s+(?=[A-Z])"
)
_TRAILING_LABEL = re.compile(
    r"(?i)[\s,-]+(?:academic institution|private sector|civil society organi[sz]ation|"
    r"scientific community|intergovernmental organi[sz]ation|non[- ]?governmental organi[sz]ation|"
    r"quasi[- ]governmental organi[sz]ation|government agency)$"
)
_LABEL_SEP = re.compile(r"[,/;]| and ")
_DOTTED = re.compile(r"\b[A-Za-z](?:\.[A-Za-z])+\.?(?![A-Za-z])")
_ARTICLES = frozenset({"the", "la", "le", "el", "les", "los", "las"})


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents.

    >>> fold("Ministère de l'Écologie")
    "ministere de l'ecologie"
    """
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def spelling(tok: str) -> str:
    """One spelling for British/American variants ("organisation" → "organization")."""
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
    s = unicodedata.normalize("NFKC", str(raw)).translate(_QUOTES)
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
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"(?i)\b(?:[ldjnmst]|qu)'(?=[a-z])", " ", text)
    text = re.sub(r"(?i)'s\b", "", text)
    text = re.sub(r"(?<=[A-Za-z])'(?=[A-Za-z])", "", text)
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)  # S.P.C. → SPC
    text = text.replace("&", " and ")
    out: list[tuple[str, bool]] = []
    for w in _WORD.findall(text):
        if len(w) > 3 and w[-1] == "s" and w[:-1].isupper():
            w = w[:-1]  # "NGOs", "UNESCOs"
        if w == "UN":
            out += [("united", True), ("nations", True)]
        else:
            out.append((spelling(w.casefold()), w.isupper() and len(w) > 1))
    return out


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

    @property
    def key(self) -> str:
        """Comparison key: the plain tokens in order, then the country markers sorted."""
        plain = [t for t in self.tokens if not t.startswith("cc:")]
        return " ".join(plain + sorted(t for t in self.tokens if t.startswith("cc:")))

    @property
    def countries(self) -> frozenset:
        """Every country the name carries, in brackets or not."""
        return self.soft_countries | self.hard_countries


def _clean(s: str) -> str:
    """Cheap tidy for text already tidied once: spaces and end punctuation."""
    return _WS.sub(" ", s).strip(" .,;:*-_\"'")


def _is_type_label(text: str) -> bool:
    if len(text) > 80:
        return False
    if TYPE_LABEL.match(text):
        return True
    parts = [_clean(p) for p in _LABEL_SEP.split(text)]
    return len(parts) > 1 and all(TYPE_LABEL.match(p) for p in parts if p)


def split_annotations(s: str) -> tuple[str, list[str], list[str], list[str], list[str]]:
    """Separate a tidy name from what is added to it.

    Returns ``(core, type labels, acronyms, bracket countries, qualifiers)``:
    "(NGO)"-like labels, the name's own acronym ("(SPC)", "IUCN (International
    Union…)", "Full Name - ACR", "Full Name, ACR", "Full Name ACR", "(Norad)"),
    countries in brackets, and other single capitalised words in brackets
    ("(Bizkaia)", "(Syke)", "(public)"): like a bracketed country they annotate
    the name.
    Other bracketed text stays part of the name.

    >>> split_annotations("Blue Ventures (UK) (NGO)")
    ('Blue Ventures', ['NGO'], [], ['GBR'], [])
    """
    labels, acronyms, soft, kept, qualifiers = [], [], [], [], []
    outside = _clean(_PAREN.sub(" ", s)) if "(" in s or "[" in s else s
    core = outside
    if outside is not s:
        for m in _PAREN.finditer(s):
            content = _clean(m.group(1) if m.group(1) is not None else m.group(2))
            if not content:
                continue
            if _is_type_label(content):
                labels.append(content)
            elif (iso := whole_country(content)) is not None:
                soft.append(iso)
            elif looks_like_acronym(content):
                acronyms.append(content)
            elif content.isalpha() and len(content) >= 3:
                if content[0].isupper() and acronym_plausible(content, outside):
                    acronyms.append(content)  # "Norwegian Agency … (Norad)"
                else:
                    qualifiers.append(fold(content))
            elif looks_like_acronym(outside.replace(" ", "")) and len(content.split()) >= 2 \
                    and core == outside:
                core = content  # "IUCN (International Union for Conservation of Nature)"
                acronyms.append(outside)
            else:
                kept.append(content)
        if kept:
            core = _clean(core + " " + " ".join(kept))
    head, colon, tail = core.partition(":")
    if colon and tail.strip() and _is_type_label(_clean(head)):
        labels.append(_clean(head))  # "Lead entity: Peace Boat", "Government: Ministry of …"
        core = _clean(tail)
    m = _LEADING_LABEL.match(core)
    if m and len(core) > m.end() + 2:
        labels.append(_clean(m.group(0)))  # "Academic institution Mahidol University"
        core = core[m.end():]
    if "-" in core or "/" in core:
        parts = [p for p in (_clean(x) for x in _DASH.split(core)) if p]
        if len(parts) == 2:
            a, b = parts
            if _is_type_label(b):
                labels.append(b)
                core = a
            elif looks_like_acronym(b) and (acronym_plausible(b, a) or (
                    b.isalpha() and b.isupper() and len(b) >= 3 and len(a.split()) >= 2
                    and whole_country(b) is None)):
                acronyms.append(b)  # "Ministry of Production - PRODUCE"
                core = a
            elif looks_like_acronym(a) and acronym_plausible(a, b):
                acronyms.append(a)
                core = b
    head, comma, tail = core.rpartition(",")
    if comma:
        tail = _clean(tail)
        if _is_type_label(tail):
            labels.append(tail)
            core = _clean(head)
        elif looks_like_acronym(tail) and acronym_plausible(tail, head):
            acronyms.append(tail)
            core = _clean(head)
    words = core.split()
    if len(words) >= 3 and looks_like_acronym(words[-1]) \
            and acronym_fits(words[-1], " ".join(words[:-1])):
        acronyms.append(words[-1])
        core = " ".join(words[:-1])
    elif len(words) >= 4 and looks_like_acronym(words[0]) \
            and acronym_plausible(words[0], " ".join(words[1:])):
        acronyms.append(words[0])  # "UCSB University of California Santa Barbara"
        core = " ".join(words[1:])
    return core, labels, acronyms, soft, qualifiers


def _strip_own_acronym(core: str, acronyms: list, known) -> str:
    """Drop a trailing all-capitals word from a mixed-case name: "Finnish Environment
    Institute SYKE". Not a country ("UK"), not a known body ("… UNDP")."""
    words = core.split()
    last = words[-1] if words else ""
    if (len(words) >= 3 and last.isalpha() and last.isupper() and 3 <= len(last) <= 8
            and any(c.islower() for c in core) and whole_country(last) is None
            and (known is None or known.acronym_owner(last.casefold()) is None)):
        acronyms.append(last)
        return " ".join(words[:-1])
    m = _TRAILING_LABEL.search(core)
    if m and m.start() > 3:
        return core[: m.start()].rstrip(" ,-")
    return core


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


def _display(s: str, labels: list[str]) -> str:
    for lab in labels:
        s = s.replace(f"({lab})", " ").replace(f"[{lab}]", " ")
        s = re.sub(r"\s*[-,]\s*" + re.escape(lab) + r"\s*$", "", s)
    return tidy(s)


def parse_name(raw: str, known=None) -> ParsedName:
    """Parse an organisation name as written into comparison features.

    Parameters
    ----------
    raw : str
        The name as written.
    known : ecosystem.known_bodies.KnownBodies, optional
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
    s = tidy(raw)
    core, labels, acronyms, soft, qualifiers = split_annotations(s)
    core = _strip_own_acronym(core, acronyms, known)
    toks = name_tokens(core)
    if len(toks) > 1 and toks[0][0] in _ARTICLES:
        toks = toks[1:]
    toks = _strip_legal(toks)
    compact = core.replace(" ", "")
    is_acr = looks_like_acronym(compact) and len(core.split()) <= 2 and len(toks) <= 3
    words = [t for t, _ in toks]
    if known is not None:
        words = known.substitute(words, [u for _, u in toks])
    words, hard = mark_countries(words)
    if known is not None:
        own = {known.bodies[t[3:]].country for t in words if t.startswith("kb:")}
        words = [t for t in words if not (t.startswith("cc:") and t[3:] in own)]
        hard = [c for c in hard if c not in own]
    content = tuple(t for t in words if t not in STOPWORDS)
    numbers = frozenset(int(d) for t in content if ":" not in t for d in _DIGITS.findall(t))
    rest = [t for t in content if t not in GOVERNMENT_WORDS]
    country = rest[0][3:] if len(rest) == 1 and rest[0].startswith("cc:") else None
    acronym = acronyms[0] if acronyms else (core.replace(".", "") if is_acr else None)
    return ParsedName(
        raw=raw, display=_display(s, labels) or s, tokens=content, acronym=acronym,
        is_acronym=is_acr, type_labels=tuple(labels), soft_countries=frozenset(soft),
        hard_countries=frozenset(hard), numbers=numbers, country=country,
        qualifiers=frozenset(qualifiers),
    )
