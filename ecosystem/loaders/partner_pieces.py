"""Top-level pieces of a free-text partners field (rules 1–4 of :mod:`.partner_text`).

A partners field is cut into pieces at separators that are not inside
parentheses or quotes: line breaks (bullets and numbered-list markers become
line breaks), ``;``, ``|``, commas, sentence ends, ") and …", "including", a
dashed list, and before a category prefix glued to the previous name
("Ministry of Education Private Sector: …"). Commas that do not separate
organisations are then mended (:func:`mend_commas`).

Examples
--------
>>> pieces("1. Reef Alive 2. Kelp Watch; Harbour Watch")
[(';', 'Reef Alive'), (';', 'Kelp Watch'), (';', 'Harbour Watch')]
>>> mend_commas(pieces("Sakura Marine Co., Ltd, Ministry of Fisheries, Oceans and Coastal Affairs"))
[(';', 'Sakura Marine Co., Ltd'), (',', 'Ministry of Fisheries, Oceans and Coastal Affairs')]
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate

from ecosystem.loaders.actor_labels import label_type
from ecosystem.loaders.item_locations import split_location
from ecosystem.loaders.partner_names import (
    acronym_matches,
    has_org_head,
    is_topic_list_item,
    legal_suffix,
)
from ecosystem.reference.acronym_shape import looks_like_acronym
from ecosystem.reference.countries import country_iso3, find_countries
from ecosystem.reference.gazetteer import is_region_code, place_kind

__all__ = ["COLON_PREFIX", "INTRODUCTION", "mend_commas", "nesting", "pieces", "split_top",
           "strip_parens"]

_OPEN = {"(": ")", "[": "]", "“": "”", "«": "»"}


_BRACKETS = re.compile(r'[()\[\]“”«»"]')


def nesting(text: str) -> list[int]:
    """Depth of each character inside matched (), [], “”, «» and "" pairs; unmatched ones are ignored.

    >>> nesting("a (b) c")
    [0, 0, 0, 1, 0, 0, 0, 0]
    """
    return _nesting_cached(text)


@lru_cache(maxsize=8192)
def _nesting_cached(text: str) -> list[int]:
    marks = list(_BRACKETS.finditer(text))
    if not marks:
        return [0] * (len(text) + 1)
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    quote_open = None
    for m in marks:
        ch, i = m.group(0), m.start()
        if ch == '"':
            if quote_open is None:
                quote_open = i
            else:
                pairs.append((quote_open, i))
                quote_open = None
        elif ch in _OPEN:
            stack.append((ch, i))
        elif stack and ch == _OPEN[stack[-1][0]]:
            pairs.append((stack.pop()[1], i))
        elif stack:
            # a closer for an outer bracket: close down to it if present
            for k in range(len(stack) - 1, -1, -1):
                if _OPEN[stack[k][0]] == ch:
                    pairs.append((stack[k][1], i))
                    del stack[k:]
                    break
    diff = [0] * (len(text) + 1)
    for a, b in pairs:
        diff[a + 1] += 1
        diff[b] -= 1
    return list(accumulate(diff))


def split_top(text: str, pattern: re.Pattern) -> list[str]:
    """Split ``text`` at matches of ``pattern`` that start at nesting depth 0.

    >>> split_top("WWF, IUCN (Gland, Switzerland)", re.compile(r",\\s*"))
    ['WWF', 'IUCN (Gland, Switzerland)']
    """
    depth = nesting(text)
    out, last = [], 0
    for m in pattern.finditer(text):
        if depth[m.start()] == 0 and (m.end() == m.start() or depth[m.end() - 1] == 0):
            out.append(text[last:m.start()])
            last = m.end()
    out.append(text[last:])
    return out


_ABBREV = set("""co inc ltd corp st dr mr mrs ms prof no nr dept govt gov int intl assoc univ bros jr sr vs
e.g eg i.e ie u.s u.k s.a p.t pt cv bhd sdn ave mt ft ing lic arq dra sra sr sa nv bv ag plc llc jsc
""".split())

_LIST_MARK = re.compile(r"(?:(?<=\s)|^)(?:\(?\d{1,2}[.)]|\((?:[ivx]{1,5}|[a-h])\)|(?:[ivx]{1,5}|[a-h])\))\s+(?=[\"“A-Z])")
_DASH_LIST = re.compile(r"^\s*[-–—*]\s|(?:^|\s)[-–—]\s.*\s[-–—]\s.*\s[-–—]\s")
_HYPHEN_WORDS = re.compile(r"[^\W\d_]+-[^\W\d_]+-[^\W\d_]+")
_HARD_SEP = re.compile(r"\s*(?:\n|;|\|)\s*")
_DASH_SEP = re.compile(r"(?:^|\s+)[-–—*]\s+")
_COMMA = re.compile(r"\s*,\s*")
_SENTENCE = re.compile(r"(?<=[\w)])\.\s+(?=[\"“A-Z(])")
_AND_AFTER_PAREN = re.compile(r"(?<=\))\s+(?:and|&|as well as)\s+(?=[A-Z“\"]|(?:its|their|other|all|several|"
                              r"various|many)\b)")
_INCLUDING = re.compile(r"\s*,?\s+(?:including|such as|e\.g\.,?|among them|namely)\s*:?\s+(?=[A-Z“\"])")
#: A short prefix ending in a colon: "Government: …", "Partners: …".
COLON_PREFIX = re.compile(r"^([^:()]{2,60}?)\s*:\s*(?!//)")

#: Words of an introduction before a list of partners ("The partnership includes: …").
INTRODUCTION = re.compile(
    r"\b(partners?|partnerships?|members?|membership|participants?|includes?|including|include|lead|leadership|"
    r"collaborators?|networks?|supported|funded|level|e\.?g|i\.?e|such as|consists?|comprises?|"
    r"composed|list|others?|socios?|partenaires?|with)\b", re.IGNORECASE)


def _sentence_split(piece: str) -> list[str]:
    """Split at ". " unless the word before the full stop is an abbreviation or an initial."""
    out, last = [], 0
    depth = nesting(piece)
    for m in _SENTENCE.finditer(piece):
        if depth[m.start()]:
            continue
        word = re.search(r"([\w.]+)$", piece[:m.start()])
        w = (word.group(1) if word else "").lower()
        if len(w) <= 1 or w in _ABBREV or "." in w or (w.isdigit() and len(w) <= 2):
            continue
        out.append(piece[last:m.start()])
        last = m.end()
    out.append(piece[last:])
    return out


_COLON = re.compile(r":\s")
#: Words that can open a longer category label ("Non government organizations").
_CATEGORY_EXTENDERS = {"non", "non-", "not", "local", "regional", "national", "international", "other",
                       "private", "civil", "government", "governmental", "intergovernmental", "academic",
                       "scientific", "research", "multilateral", "un", "united", "philanthropic", "public"}


def _is_category(head: str) -> bool:
    singular = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
    return bool(label_type(singular, strict=True) or label_type(head, strict=True))


def _break_before_categories(text: str) -> str:
    """Start a new line before a category prefix glued to the previous name.

    "Ministry of Education Private Sector: Resort Owners" → "Ministry of
    Education" / "Private Sector: Resort Owners".
    """
    depth = nesting(text)
    cuts = []
    for m in _COLON.finditer(text):
        if depth[m.start()]:
            continue
        before = text[:m.start()]
        words = list(re.finditer(r"[^\s:;,.]+", before))
        found = 0
        for n in range(1, min(4, len(words) - 1) + 1):
            head = before[words[-n].start():]
            if "\n" in head:
                break
            if found and words[-n].group(0).lower() not in _CATEGORY_EXTENDERS:
                break
            if _is_category(head):
                found = n
        if found:
            cuts.append(words[-found].start())
    for pos in reversed(cuts):
        text = text[:pos] + "\n" + text[pos:]
    return text


def pieces(text: str) -> list[tuple[str, str]]:
    """Top-level pieces of ``text`` as (separator before it, piece)."""
    text = _LIST_MARK.sub("\n", text)
    if ":" in text:
        text = _break_before_categories(text)
    dashed = bool(_DASH_LIST.search(text))
    out: list[tuple[str, str]] = []
    for block in split_top(text, _HARD_SEP):
        chains = len(_HYPHEN_WORDS.findall(block))
        if chains >= 5 and chains * 2 >= block.count(" "):
            block = re.sub(r"(?<=[^\W\d_])-(?=[^\W\d_(])", " ", block)  # "Animal-Welfare-Institute, …"
        parts = split_top(block, _DASH_SEP) if dashed else [block]
        for d, part in enumerate(parts):
            for sent in _sentence_split(part):
                chunks = [c for part_i in split_top(sent, _INCLUDING) for c in split_top(part_i, _AND_AFTER_PAREN)]
                for k, chunk in enumerate(chunks):
                    for j, frag in enumerate(split_top(chunk, _COMMA)):
                        sep = "," if j else ("and" if k else ("dash" if dashed and d else ";"))
                        for n, f in enumerate(_split_pair(frag.strip())):
                            if f.strip(" .,;:-–"):
                                out.append((sep if n == 0 else "and", f.strip()))
    return out


_AND = re.compile(r"\s+(?:and|&|y|et)\s+")


def _complete(name: str, right: bool = False) -> bool:
    """A name that can stand alone: it has a head word, is a country, or has an acronym.

    On the right of "and", an acronym in brackets may be the whole name's
    ("Ministry of Agriculture and Fisheries (MAF)"), so it is no evidence there.
    """
    bare = strip_parens(name).strip(" .,")
    if not bare:
        return False
    words = bare.split()
    return bool(has_org_head(bare) or country_iso3(bare)
                or (not right and re.search(r"\([A-Z][\w&.-]*[A-Z]\w*\)", name))
                or looks_like_acronym(words[0], loose=True) or looks_like_acronym(words[-1], loose=True))


def _starts_name(text: str) -> bool:
    return bool(re.match(r"^(?:the\s+)?[\"“A-Z]", text))


def _split_pair(frag: str) -> list[str]:
    """Split "A and B" ("&", "y", "et") between two names that each stand alone.

    "Island Council and Island School" and "Ministerio de Medio Ambiente y
    CODOPESCA" are two names; "Ministry of Agriculture and Rural Development"
    and "Trinidad and Tobago" are one, since "Rural Development" has no head
    word and the whole is a country. A lower-case remainder ("and key
    stakeholders") is split off too; it is then read as no organisation.
    """
    cuts = [m for m in _AND.finditer(frag) if nesting(frag)[m.start()] == 0]
    if not cuts or country_iso3(strip_parens(frag)):
        return [frag]
    bounds = [0] + [x for m in cuts for x in (m.start(), m.end())] + [len(frag)]
    parts = [frag[bounds[k]:bounds[k + 1]] for k in range(0, len(bounds), 2)]
    seps = [m.group(0) for m in cuts]
    out = [parts[0]]
    for sep, part in zip(seps, parts[1:]):
        right = part.strip()
        whole_right = sep.strip() in ("and", "&") and not _starts_name(right) \
            and right.split()[0].lower() in _GENERIC_LEADS
        if whole_right and _complete(out[-1]):
            out.append(right)
            continue
        if _starts_name(right) and _complete(out[-1]) and _complete(right, right=True) \
                and not (country_iso3(strip_parens(out[-1])) and not country_iso3(strip_parens(right))
                         and not has_org_head(right)):
            out.append(right)
        else:
            out[-1] = out[-1] + sep + part
    return [p.strip() for p in out]


_GENERIC_LEADS = {"key", "other", "others", "its", "their", "all", "local", "various", "several", "many",
                  "relevant", "partners", "stakeholders", "members", "more"}


def strip_parens(s: str) -> str:
    """``s`` without its bracketed parts: "WWF (NGO) Peru" → "WWF Peru".

    >>> strip_parens("WWF (NGO) Peru")
    'WWF Peru'
    """
    return re.sub(r"\s*\([^()]*\)", "", s).strip()


_NAME_WITH_TOPIC = re.compile(
    r"\b(ministr|minist[eé]r|department|secretar|direct|office|division|bureau|agency|commission|council|"
    r"committee|institut|centre|center|school|faculty|authority|service)\w*\s+(of|for|on|de|du|des|del|da|do)\s",
    re.IGNORECASE)


def _locates(prev: str, frag: str) -> bool:
    """True when ``frag`` continues a location after the name ``prev`` ("…, Monterey", "…, CA")."""
    frag = frag.strip(" .")
    kind = place_kind(strip_parens(frag)) or ("us_state" if is_region_code(frag) else None)
    if kind is None or place_kind(strip_parens(prev)) or is_region_code(prev.strip()):
        return False
    if kind in ("city", "us_state"):
        return True
    return split_location(prev)[1] is not None  # a country after "Name – City"


def mend_commas(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Join comma-separated pieces that belong to one name (see module rule 3)."""
    out: list[str] = []
    seps: list[str] = []
    lists_countries = sum(bool(country_iso3(strip_parens(f))) for _, f in pieces) >= 2
    i = 0
    while i < len(pieces):
        sep, frag = pieces[i]
        prev = out[-1] if out else None
        joined = sep == "," and prev is not None and seps[-1] != "prefix"
        if joined and legal_suffix(frag):
            out[-1] = f"{prev}, {frag}"
            i += 1
            continue
        if joined and _locates(prev, frag):
            out[-1] = f"{prev}, {frag}"  # "Ocean Lab, Monterey, CA, USA": a location, read later
            i += 1
            continue
        if joined and country_iso3(strip_parens(frag)) and not lists_countries and not find_countries(prev) \
                and not (i + 1 < len(pieces) and country_iso3(strip_parens(pieces[i + 1][1]))) \
                and not prev.endswith(")") and ":" not in prev:
            out[-1] = f"{prev}, {frag}"  # "University of Genoa, Italy"
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
        if joined and _NAME_WITH_TOPIC.search(prev):
            run = [frag]
            j = i + 1
            while not re.search(r"\s(and|&|y|et|e)\s", run[-1]) and j < len(pieces) \
                    and pieces[j][0] == "," and is_topic_list_item(pieces[j][1]):
                run.append(pieces[j][1])
                j += 1
            if all(is_topic_list_item(r) for r in run) and re.search(r"\s(and|&|y|et|e)\s", run[-1]):
                out[-1] = ", ".join([prev, *run])
                i = j
                continue
        out.append(frag)
        seps.append(sep)
        i += 1
    return list(zip(seps, out))
