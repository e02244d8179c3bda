"""Actor types read from organisation names: "Ministerio del Ambiente" is a government.

Registries state an organisation's type only now and then (the lead entity of a
SDG Partnerships Platform record has an entity type, a partner sometimes a label
such as "(NGO)"). :func:`infer_actor_type` reads the type from the name as
written; :func:`type_evidence` also says what decided it. Evidence, first found wins:

1. ``label``: a type label the text puts in the name ("Peace Boat (NGO)",
   "Government: Ministry of Fisheries"), read by
   :func:`ecosystem.loaders.actor_labels.label_type`.
2. ``known_body``: the name starts with a body of ``data/known_bodies.csv``
   ("UNDP Philippines"). The table overrides what a registry states: the
   platform lists UNDP, UNEP or the IMO as "Local / Regional Government" and the
   European Union as "Other relevant actor"; compared with the registry, such
   leads count as disagreements.
3. ``country``: the name, or the first of a list of names, is a country or its
   government ("Fiji", "Government of the Republic of Chile", "Sweden and Monaco").
4. ``words``: type words of ``data/type_words.csv`` (English, Spanish, French,
   Portuguese, Italian, German, Dutch, Nordic and a few other languages), each
   with a strength: 3 the word says the type ("ministry", "GmbH",
   "université"), 2 it usually does ("foundation", "agency"), 1 a hint
   ("national", "initiative"). The strongest term wins; a term in the first
   part of the name (before a comma, semicolon, slash or " - ") or in its head
   (before the first preposition: "Agency" in "Japan Agency for Marine-Earth
   Science") counts a quarter of a strength more; among equals the last term of
   the head wins, else the earliest. A commission or secretariat of one named
   state ("Comisión Colombiana del Océano") is a government.
5. ``national_body``: no type word, but a country in the name and an institute,
   office, centre or service ("Instituto del Mar del Perú"): a government.

Otherwise (an acronym that is no known body, a person, a place, "Ocean
Sanctuaries") the type is ``"unknown"``. Terms match whatever the case, accents,
hyphens or apostrophes, and also with the accented letters dropped, as some
exports write them ("Direccin General").

How words map to :data:`ecosystem.model.ACTOR_TYPES`: development banks, treaty
commissions and secretariats are ``intergovernmental`` (as in the known-bodies
table), the United Nations ``un_multilateral``; municipalities, cities,
provinces and regional governments ``local_government``; foundations,
associations and trusts ``ngo`` (the platform's lead entities call most
foundations NGOs), grant-makers ("Family Foundation", "philanthropies")
``philanthropic``; cooperatives, fishers, unions and indigenous communities
``civil_society``; research institutes, laboratories and observatories
``scientific``; universities, colleges and schools ``academic``; associations
of businesses and legal forms (Ltd, S.A., GmbH) ``private_sector``.
``benchmarks/actor_types_bench.py`` compares the types of the Ocean leads'
names with the types the registry states.

Examples
--------
>>> infer_actor_type("Ministerio del Ambiente"), infer_actor_type("Universidade de Lisboa")
('government', 'academic')
>>> infer_actor_type("Swimsol GmbH"), infer_actor_type("UNDP Philippines")
('private_sector', 'un_multilateral')
>>> infer_actor_type("Samia Kirchner")
'unknown'
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ecosystem.errors import InputError
from ecosystem.loaders.actor_labels import label_type, looks_like_demonym
from ecosystem.model import ACTOR_TYPES
from ecosystem.reference.datapaths import REFERENCE_DIR
from ecosystem.reference.folding import fold, strip_accents
from ecosystem.resolution.known_bodies import KnownBodies
from ecosystem.resolution.name_countries import whole_country
from ecosystem.resolution.names import GOVERNMENT_WORDS, parse_name

__all__ = ["EVIDENCE", "TYPE_WORDS_CSV", "TypeWords", "infer_actor_type", "type_evidence",
           "type_of_names"]

#: The type-word table: ``actor_type,strength,form,terms,note``.
TYPE_WORDS_CSV = REFERENCE_DIR / "type_words.csv"

_COLUMNS = ("actor_type", "strength", "form", "terms")
_WS = re.compile(r"\s+")
#: Where a list of organisations is cut into parts (the first part types the name).
_PART = re.compile(r"[,;/+|]|\s[-–]\s")
#: Where the first of a list of names ends, for "Sweden and Monaco" (a country first).
_FIRST = re.compile(r"[,;/+|&]|\s[-–]\s|\s(?:and|y|et|e)\s")
_DIGITS = re.compile(r"\d+")
#: Words of a public body: with a country in the name and no type word, a national body.
_BODY = re.compile(r"\b(institute|instituto|institut|istituto|office|bureau|centre|center|centro|"
                   r"service|servicio|servico|services)\b")
#: The head of a name ends at its first preposition: "Agency" in "Japan Agency for Marine-Earth
#: Science", "Society" in "Coastal Research and Education Society of Long Island Inc.".
_PREPOSITION = re.compile(r"\b(of|for|on|in|at|to|de|del|della|delle|dei|degli|des|du|d'|pour|para|"
                          r"por|per|fur|van|voor|zur|zum|do|da|dos|das|di|with|under)\b")


@dataclass(frozen=True)
class _Term:
    actor_type: str
    strength: int


class TypeWords:
    """The type-word table, indexed as word sequences for fast matching.

    Parameters
    ----------
    rows : iterable of (actor_type, strength, form, terms)
        ``terms`` are ``|``-separated. ``form`` is ``word`` (matched on the
        folded text, word by word: case, accents, hyphens and apostrophes do
        not matter; a trailing ``*`` matches any ending of the last word, a
        leading ``*`` any beginning of a one-word term, so "*ministeerium"
        finds "Keskkonnaministeerium") or ``written`` (matched as written,
        case kept, only at the end of the name or of a part of it: legal forms
        such as "SA" and "AG").

    Examples
    --------
    >>> tw = TypeWords([("academic", 3, "word", "university|universidad"),
    ...                 ("private_sector", 3, "written", "SA")])
    >>> tw.evidence("Universidad de Chile"), tw.evidence("Tide Ocean SA")
    ('academic', 'private_sector')
    >>> tw.evidence("Sa Ocean") is None
    True
    """

    def __init__(self, rows: Iterable[tuple[str, int, str, str]]):
        self.terms: dict[tuple[str, tuple[str, ...]], _Term] = {}
        written = []
        for actor_type, strength, form, terms in rows:
            term_ = _Term(actor_type, int(strength))
            for raw in terms.split("|"):
                if form == "written":
                    raw = raw.strip()
                    if raw:
                        self._add(("written", (raw,)), term_)
                        written.append(raw)
                    continue
                for key in _word_keys(raw):
                    self._add(("word", key), term_)
        self._phrases: dict[tuple[str, ...], _Term] = {}
        self._prefixes: dict[tuple[str, ...], list[tuple[str, _Term]]] = {}
        self._suffixes: list[tuple[str, _Term]] = []
        for (form, key), t in self.terms.items():
            if form != "word":
                continue
            if key[-1].endswith("*"):
                self._prefixes.setdefault(key[:-1], []).append((key[-1][:-1], t))
            elif key[0].startswith("*"):
                self._suffixes.append((key[0][1:], t))
            else:
                self._phrases[key] = t
        for v in self._prefixes.values():
            v.sort(key=lambda p: -len(p[0]))
        self._suffixes.sort(key=lambda p: -len(p[0]))
        self._longest = max([len(k) for k in self._phrases] + [len(h) + 1 for h in self._prefixes]
                            + [1])
        # Cheap first tests: the words that start a term of two words or more, and all the
        # prefixes (per leading words) and suffixes at once (str.startswith/endswith of a tuple).
        self._firsts = frozenset([k[0] for k in self._phrases if len(k) >= 2]
                                 + [h[0] for h in self._prefixes if h])
        self._any_prefix = {h: tuple(x for x, _ in v) for h, v in self._prefixes.items()}
        self._any_suffix = tuple(x for x, _ in self._suffixes)
        self._written = re.compile(
            r"(?<![^\W_.])(" + "|".join(re.escape(w) for w in sorted(written, key=len, reverse=True))
            + r")(?=\s*(?:$|[,;()/]))") if written else None

    def _add(self, key: tuple[str, tuple[str, ...]], term: _Term) -> None:
        old = self.terms.get(key)
        if old is not None and old.actor_type != term.actor_type:
            raise InputError(f"term {' '.join(key[1])!r} is given two types: {old.actor_type} "
                             f"and {term.actor_type}", file=TYPE_WORDS_CSV)
        self.terms[key] = term

    def _at(self, words: list[str], i: int) -> tuple[int, _Term] | None:
        """The longest term starting at word ``i``: (its length in words, the term)."""
        top = min(self._longest, len(words) - i)
        if top > 1 and words[i] not in self._firsts:
            top = 1  # no term of two words or more starts with this word
        for n in range(top, 0, -1):
            key = tuple(words[i:i + n])
            hit = self._phrases.get(key)
            if hit is not None:
                return n, hit
            lead = key[:-1]
            if lead in self._any_prefix and key[-1].startswith(self._any_prefix[lead]):
                for prefix, t in self._prefixes[lead]:
                    if key[-1].startswith(prefix):
                        return n, t
        if not words[i].endswith(self._any_suffix):
            return None
        for suffix, t in self._suffixes:
            if words[i].endswith(suffix):
                return 1, t
        return None

    def _matches(self, text: str):
        """(part index, in the head, position, term) of every term in ``text``."""
        s = fold(text)
        toks = _tokens(s)
        words = [w for w, _ in toks]
        cut = _PART.search(s)
        first_end = cut.start() if cut else len(s)
        prep = _PREPOSITION.search(s, 0, first_end)
        head_end = prep.start() if prep else first_end
        i = 0
        while i < len(toks):
            hit = self._at(words, i)
            if hit is None:
                i += 1
                continue
            pos = toks[i][1]
            yield len(_PART.findall(s, 0, pos)), pos < head_end, pos, hit[1]
            i += hit[0]
        if self._written is not None and any(c.isupper() for c in text):
            w = strip_accents(text)
            for m in self._written.finditer(w):
                yield len(_PART.findall(w, 0, m.start())), False, m.start(), \
                    self.terms[("written", (m.group(1),))]

    def best(self, text: str) -> tuple[str, int] | None:
        """The winning term's type and strength in ``text``, or None (see the module notes)."""
        best, best_key = None, None
        for part, head, pos, term in self._matches(text):
            key = (-(4 * term.strength + (part == 0) + head), -pos if head else pos)
            if best_key is None or key < best_key:
                best, best_key = (term.actor_type, term.strength), key
        return best

    def evidence(self, text: str) -> str | None:
        """The actor type the words of ``text`` give, or None."""
        hit = self.best(text)
        return hit[0] if hit else None

    @classmethod
    def load(cls, path: str | Path | None = None) -> TypeWords:
        """Read the table (default ``data/type_words.csv``)."""
        return _load(str(path or TYPE_WORDS_CSV))


#: Words of folded text: "s.a." and "e.v." stay one word; ".com" after a name is one word.
_TOKEN = re.compile(r"(?:[^\W_]\.){2,}|(?:[^\W_]\.)+[^\W_](?![^\W_])|\.?[^\W_]+|\*")


def _tokens(s: str) -> list[tuple[str, int]]:
    """(word, position) of the words of folded ``s`` (see :data:`_TOKEN`)."""
    out = []
    for m in _TOKEN.finditer(s):
        w, p = m.group(), m.start()
        if w.startswith(".") and (p == 0 or not s[p - 1].isalnum()):
            w, p = w[1:], p + 1  # a full stop, not a domain: "Org. Inc."
        out.append((w.rstrip(".") if "." in w[1:] else w, p))
    return out


def _word_keys(term: str) -> list[tuple[str, ...]]:
    """Word keys of a ``word`` term: "dirección general" → ("direccion", "general"), and
    ("direccin", "general") as registries write it when an export dropped the accented
    letters ("Direccin General")."""
    term = term.strip()
    lead, trail = term.startswith("*"), term.endswith("*")
    keys = []
    for variant in (fold(term), "".join(c for c in term.casefold() if c.isascii())):
        words = [w for w, _ in _tokens(variant.strip("*")) if w != "*"]
        if not words or (keys and len("".join(words)) < 5):
            continue
        if term.lstrip("*").startswith("."):
            words[0] = "." + words[0].lstrip(".")
        if lead:
            words[0] = "*" + words[0]
        if trail:
            words[-1] += "*"
        if tuple(words) not in keys:
            keys.append(tuple(words))
    return keys


@lru_cache(maxsize=4)
def _load(path: str) -> TypeWords:
    p = Path(path)
    if not p.exists():
        raise InputError("type-word table not found", file=p)
    rows = []
    with open(p, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"missing columns {missing}", file=p, record="line 1")
        for i, row in enumerate(reader, start=2):
            if row["actor_type"] not in ACTOR_TYPES or row["actor_type"] == "unknown":
                raise InputError("actor_type must be a known type", file=p, record=f"line {i}",
                                 field="actor_type")
            if row["form"] not in ("word", "written") or row["strength"] not in ("1", "2", "3"):
                raise InputError("form must be word or written, strength 1-3", file=p,
                                 record=f"line {i}")
            rows.append((row["actor_type"], int(row["strength"]), row["form"], row["terms"]))
    return TypeWords(rows)


#: What decided a type, in the order the evidence is tried (see :func:`type_evidence`).
EVIDENCE = ("label", "known_body", "country", "words", "national_body", "none")


def infer_actor_type(name: str) -> str:
    """The actor type an organisation's name gives, or ``"unknown"``.

    Parameters
    ----------
    name : str
        The name as written, possibly a list of organisations (the first one
        types it) or with a label ("(NGO)").

    Returns
    -------
    str
        One of :data:`ecosystem.model.ACTOR_TYPES`.

    Examples
    --------
    >>> [infer_actor_type(n) for n in ("Fundación Islas de la Bahía", "Municipalidad de Lima",
    ...                                "Cooperativa San Francisco", "Blue Ventures (NGO)")]
    ['ngo', 'local_government', 'civil_society', 'ngo']
    >>> infer_actor_type("Fiji"), infer_actor_type("European Commission")
    ('government', 'intergovernmental')
    """
    return type_evidence(name)[0]


@lru_cache(maxsize=1 << 16)
def type_evidence(name: str) -> tuple[str, str]:
    """The actor type of a name and what decided it, one of :data:`EVIDENCE`.

    Examples
    --------
    >>> type_evidence("UNDP (UN)"), type_evidence("UNDP Honduras")
    (('un_multilateral', 'label'), ('un_multilateral', 'known_body'))
    >>> type_evidence("Instituto del Mar del Perú"), type_evidence("Ocean Sanctuaries")
    (('government', 'national_body'), ('unknown', 'none'))
    """
    if not isinstance(name, str) or not name.strip():
        return "unknown", "none"
    text = _WS.sub(" ", name).strip()
    known = KnownBodies.load()
    parsed = parse_name(text, known=known)
    for label in parsed.type_labels:
        t = label_type(label)
        if t:
            return t, "label"
    if parsed.tokens and parsed.tokens[0].startswith("kb:"):
        return known.bodies[parsed.tokens[0][3:]].actor_type, "known_body"
    if parsed.country or _first_is_country(text, known):
        return "government", "country"
    hit = TypeWords.load().best(text)
    if hit is None:
        if parsed.hard_countries | parsed.soft_countries and _BODY.search(fold(text)):
            return "government", "national_body"  # "Finnish Environment Institute"
        return "unknown", "none"
    if hit == ("intergovernmental", 2) and (len(parsed.hard_countries) == 1 or _one_state(text)):
        return "government", "words"  # "Comisión Colombiana del Océano": one state's
    return hit[0], "words"


def _one_state(text: str) -> bool:
    """A demonym of one state in the name ("Comisión Colombiana", "Commission nationale
    française"), also in its feminine or masculine Romance form ("Colombiana" → "Colombian")."""
    words = [w for w in _DIGITS.sub(" ", text).split() if w[:1].isupper()]
    found = {w for w in words if looks_like_demonym(w) or (
        len(w) > 5 and w[-1] in "ao" and looks_like_demonym(w[:-1]))}
    return len(found) == 1


def _first_is_country(text: str, known: KnownBodies) -> bool:
    """True when the first of a list of names is a country or its government ("Sweden and
    Monaco", "UK Government / UK Hydrographic Office", "Canada 129")."""
    first = _FIRST.split(text.split("(", 1)[0], maxsplit=1)[0]
    first = _DIGITS.sub(" ", first).strip(" .")
    if not first:
        return False
    if whole_country(first):
        return True
    # "UK Government": parse only when a word of a government as a whole is there.
    return bool(GOVERNMENT_WORDS.intersection(fold(first).split())
                and parse_name(first, known=known).country)


def type_of_names(names: Iterable[str]) -> str:
    """The type most of ``names`` give (one actor's variants), or ``"unknown"``.

    The first name breaks ties, so pass the actor's display name first.

    Examples
    --------
    >>> type_of_names(["IMR", "Institute of Marine Research", "Havforskningsinstituttet"])
    'scientific'
    """
    votes: Counter = Counter()
    order: dict[str, int] = {}
    for i, n in enumerate(names):
        t = infer_actor_type(n)
        if t != "unknown":
            votes[t] += 1
            order.setdefault(t, i)
    if not votes:
        return "unknown"
    return min(votes, key=lambda t: (-votes[t], order[t]))
