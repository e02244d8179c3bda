"""Split a free-text partners field into organisation mentions.

Registries such as the SDG Partnerships Platform keep partners as one free-text
field, written by hand. :func:`split_partners` turns it into a list of
:class:`PartnerMention`: the organisations named, each with the actor type its
label gives, and the phrases that name no organisation ("NGOs", "All relevant
government departments"), which are kept with the reason they were set aside.

The rules, in the order they are applied
----------------------------------------
1. Clean: mojibake repaired with ftfy, bullets (•, ●, private-use glyphs) and
   numbered list markers ("1.", "(2)", "iii)") become line breaks.
2. Split at top level (never inside parentheses or quotes) on line breaks,
   ``;``, ``|``, commas, sentence ends (". " after a word that is not an
   abbreviation such as "Co." or "Inc."), ") and …", and on " - " when the
   text is a dashed list.
3. Mend commas that do not separate organisations: legal suffixes
   ("X Co., Ltd", "X, Inc."), enumerations inside a name ("Ministry of
   Agriculture, Livestock and Irrigation"), a country that qualifies the name
   before it ("University of Genoa, Italy") and an acronym next to its expansion
   ("ISPRA, Institute for Environmental Protection and Research").
4. Category prefixes ("Government: …", "Private Sector: …") set the type of
   what follows; introductions ("Partners:", "The Partnership includes:") are
   dropped.
5. Inside each piece, a parenthesised or dashed category label ("(NGO)",
   "- Private Sector") sets the type of the name before it and, when more text
   follows, ends that name ("Mission Blue (NGO) Oceanic Preservation Society
   (NGO)"). Role notes ("(lead entity)") are dropped. Acronyms stay with their
   name ("United Nations Development Programme (UNDP)"); "Name - ACR" is written
   "Name (ACR)" when the letters match. A parenthesised list of names yields
   mentions of its own.
6. Each name is checked (:func:`not_organisation_reason`): placeholders ("N/A"),
   sentences, phrases led by a quantifier ("all", "most", "other", "various",
   a number) and generic phrases (plural category nouns, no proper noun) are not
   organisations.

Examples
--------
>>> [(m.name, m.actor_type) for m in split_partners("Japan Grace Co., Ltd, DNV GL (Private sector)")]
[('Japan Grace Co., Ltd', 'unknown'), ('DNV GL', 'private_sector')]
>>> [(m.name, m.reason) for m in split_partners("WWF; NGOs; most of the member States")]
[('WWF', None), ('NGOs', 'generic'), ('most of the member States', 'quantifier')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from ..countries import country_iso3, find_countries
from .actor_labels import fold, is_role_note, label_type
from .partner_names import (
    acronym_matches, clean_text, country_of, has_org_head, is_acronym, is_topic_list_item, legal_suffix,
    not_organisation_reason, strip_connectors, strip_lead_in,
)

__all__ = ["PartnerMention", "split_partners", "clean_text", "not_organisation_reason"]


@dataclass(frozen=True)
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
        "sentence", "quantifier" or "generic".
    """

    name: str
    actor_type: str = "unknown"
    source_text: str = ""
    country: str | None = None
    reason: str | None = None

    @property
    def is_organisation(self) -> bool:
        return self.reason is None


# ----------------------------------------------------------------------------- top-level splitting

_OPEN = {"(": ")", "[": "]", "“": "”", "«": "»"}


_BRACKETS = re.compile(r'[()\[\]“”«»"]')


def _nesting(text: str) -> list[int]:
    """Depth of each character inside matched (), [], “”, «» and "" pairs; unmatched ones are ignored."""
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


def _split_top(text: str, pattern: re.Pattern) -> list[str]:
    """Split ``text`` at matches of ``pattern`` that start at nesting depth 0."""
    depth = _nesting(text)
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
_HARD_SEP = re.compile(r"\s*(?:\n|;|\|)\s*")
_DASH_SEP = re.compile(r"(?:^|\s+)[-–—*]\s+")
_COMMA = re.compile(r"\s*,\s*")
_SENTENCE = re.compile(r"(?<=[\w)])\.\s+(?=[\"“A-Z(])")
_AND_AFTER_PAREN = re.compile(r"(?<=\))\s+(?:and|&|as well as)\s+(?=[A-Z“\"]|(?:its|their|other|all|several|"
                              r"various|many)\b)")
_INCLUDING = re.compile(r"\s*,?\s+(?:including|such as|e\.g\.,?|among them|namely)\s*:?\s+(?=[A-Z“\"])")
_PREFIX = re.compile(r"^([^:()]{2,60}?)\s*:\s*(?!//)")

_INTRO = re.compile(
    r"\b(partners?|partnerships?|members?|membership|participants?|includes?|including|include|lead|leadership|"
    r"collaborators?|networks?|supported|funded|level|e\.?g|i\.?e|such as|consists?|comprises?|"
    r"composed|list|others?|socios?|partenaires?|with)\b", re.IGNORECASE)


def _sentence_split(piece: str) -> list[str]:
    """Split at ". " unless the word before the full stop is an abbreviation or an initial."""
    out, last = [], 0
    depth = _nesting(piece)
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
    depth = _nesting(text)
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


def _pieces(text: str) -> list[tuple[str, str]]:
    """Top-level pieces of ``text`` as (separator before it, piece)."""
    text = _LIST_MARK.sub("\n", text)
    if ":" in text:
        text = _break_before_categories(text)
    dashed = bool(_DASH_LIST.search(text))
    out: list[tuple[str, str]] = []
    for block in _split_top(text, _HARD_SEP):
        parts = _split_top(block, _DASH_SEP) if dashed else [block]
        for part in parts:
            for sent in _sentence_split(part):
                chunks = [c for part_i in _split_top(sent, _INCLUDING) for c in _split_top(part_i, _AND_AFTER_PAREN)]
                for k, chunk in enumerate(chunks):
                    for j, frag in enumerate(_split_top(chunk, _COMMA)):
                        sep = "," if j else ("and" if k else ";")
                        for n, f in enumerate(_split_pair(frag.strip())):
                            if f.strip(" .,;:-–"):
                                out.append((sep if n == 0 else "and", f.strip()))
    return out


_AND = re.compile(r"\s+(?:and|&)\s+")


def _split_pair(frag: str) -> list[str]:
    """Split "X and Y" when both sides are countries ("Thailand and Vietnam (Government)") or acronyms."""
    parts = _split_top(frag, _AND)
    if len(parts) != 2:
        return [frag]
    left, right = parts[0].strip(), _strip_parens(parts[1])
    if (country_iso3(left) and country_iso3(right)) or (is_acronym(left) and is_acronym(right)):
        return parts
    if _NAME_WITH_TOPIC.match(parts[1].strip()) and has_org_head(left) and not _NAME_WITH_TOPIC.search(left):
        return parts  # "Fijian Navy and Ministry of Foreign Affairs"
    if _NAME_WITH_TOPIC.match(parts[1].strip()) and _NAME_WITH_TOPIC.match(left):
        return parts  # "Ministry of Foreign Affairs and Ministry of Education"
    return [frag]


def _strip_parens(s: str) -> str:
    return re.sub(r"\s*\([^()]*\)", "", s).strip()


_NAME_WITH_TOPIC = re.compile(
    r"\b(ministr|minist[eé]r|department|secretar|direct|office|division|bureau|agency|commission|council|"
    r"committee|institut|centre|center|school|faculty|authority|service)\w*\s+(of|for|on|de|du|des|del|da|do)\s",
    re.IGNORECASE)


def _mend_commas(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Join comma-separated pieces that belong to one name (see module rule 3)."""
    out: list[str] = []
    seps: list[str] = []
    lists_countries = sum(bool(country_iso3(_strip_parens(f))) for _, f in pieces) >= 2
    i = 0
    while i < len(pieces):
        sep, frag = pieces[i]
        prev = out[-1] if out else None
        joined = sep == "," and prev is not None and seps[-1] != "prefix"
        if joined and legal_suffix(frag):
            out[-1] = f"{prev}, {frag}"
            i += 1
            continue
        if joined and country_iso3(_strip_parens(frag)) and not lists_countries and not find_countries(prev) \
                and not (i + 1 < len(pieces) and country_iso3(_strip_parens(pieces[i + 1][1]))) \
                and not prev.endswith(")") and ":" not in prev:
            out[-1] = f"{prev}, {frag}"  # "University of Genoa, Italy"
            i += 1
            continue
        if joined and (is_acronym(prev) and acronym_matches(prev, frag)):
            out[-1] = f"{_strip_label_free(frag)} ({prev})"
            i += 1
            continue
        if joined and is_acronym(frag) and acronym_matches(frag, prev) and not prev.endswith(")"):
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


def _strip_label_free(s: str) -> str:
    return s.strip()


# ----------------------------------------------------------------------------- inside a piece

_PAREN = re.compile(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)")
_DASH_IN = re.compile(r"\s+[-–—]\s*|\s*[-–—]\s+|(?<=[)\w])-(?=[A-Za-z])")
_WORD_PREFIXES = {"inter", "non", "sub", "co", "multi", "pan", "intra", "trans", "semi", "anti", "pre", "post",
                  "re", "self", "cross", "bi", "tri", "socio", "agro", "eco", "bio", "geo", "hydro", "e"}
_LABEL_HEAD = re.compile(r"^([A-Za-zÀ-ÿ][\w/&.' -]*?)(?=$|\s+(?:[A-Z0-9“\"]))")


def _label_prefix(text: str) -> tuple[str | None, str]:
    """A category label at the start of ``text`` and the rest: "NGO Aquasis" → ("ngo", "Aquasis")."""
    words = text.split()
    for n in range(min(6, len(words)), 0, -1):
        head, rest = " ".join(words[:n]), " ".join(words[n:])
        t = label_type(head.rstrip(".,;"))
        if t and (not rest or rest[:1].isupper() or rest[:1].isdigit() or rest[:1] in "“\"("):
            if n == 1 and rest and fold(head) in ("un", "eu"):
                continue  # "UN Environment ..." is a name
            return t, rest
    return None, text


def _read_piece(piece: str, actor_type: str, source: str) -> list[PartnerMention]:
    """Names in one top-level piece (module rules 5 and 6)."""
    out: list[PartnerMention] = []
    name_type = None
    name = ""
    pos = 0
    extra: list[PartnerMention] = []
    for m in _PAREN.finditer(piece):
        inner = m.group(1).strip()
        before = piece[pos:m.start()]
        after = piece[m.end():]
        t = label_type(inner)
        if t or is_role_note(inner):
            name += before
            name_type = name_type or t
            rest = after.strip()
            if rest and (rest[:1].isupper() or rest[:1] in "“\"" or re.match(r"^(and|with|&)\s", rest)) \
                    and not rest.startswith("("):
                out.extend(_finish(name, name_type or actor_type, source))
                out.extend(_read_piece(strip_connectors(rest), actor_type, source))
                return out + extra
            pos = m.end()
            continue
        items = [x.strip() for x in re.split(r"[;,]", inner) if x.strip()]
        if len(items) >= 2 and inner[:1].isupper() and not country_iso3(inner):
            sub = split_partners(inner)
            labels = [label_type(x) for x in items]
            if any(s.is_organisation and not is_acronym(s.name) for s in sub) and not all(labels):
                extra.extend(PartnerMention(s.name, s.actor_type, source, s.country, s.reason) for s in sub)
                name += before
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
            acr = [x for x in items if is_acronym(x)]
            if typed and len(acr) + len(typed) == len(items):
                name += before + (f" ({acr[0]})" if acr else "")
                name_type = name_type or typed[0]
                pos = m.end()
                continue
        if inner[:1].islower() and len(inner.split()) > 3:
            name += before  # a comment: "(composed of ten fishers' organisations ...)"
        else:
            name += piece[pos:m.end()]
        pos = m.end()
    name += piece[pos:]
    name, name_type = _dash_suffixes(name, name_type, actor_type, source, out)
    out.extend(_finish(name, name_type or actor_type, source))
    return out + extra


def _dash_suffixes(name, name_type, actor_type, source, out):
    """Handle "Name - NGO Next Name", "Name - ACR" and "Name - Country" (module rule 5)."""
    depth = _nesting(name)
    cuts = [m for m in _DASH_IN.finditer(name) if depth[m.start()] == 0]
    if not cuts:
        return name, name_type
    bounds = [0] + [x for m in cuts for x in (m.start(), m.end())] + [len(name)]
    parts = [name[bounds[k]:bounds[k + 1]] for k in range(0, len(bounds), 2)]
    seps = [m.group(0) for m in cuts]
    current = parts[0]
    for sep, part in zip(seps, parts[1:]):
        part = part.strip()
        tight = sep == "-"  # "Kerala-Academic Institution", "(FML)-indigenous ..."
        if tight:
            last_word = re.findall(r"[^\W_]+$", current)
            if last_word and last_word[0].lower() in _WORD_PREFIXES:
                current = f"{current}-{part}"
                continue
        t, rest = _label_prefix(part)
        if tight and not t:
            current = f"{current}-{part}"
            continue
        if t:
            out.extend(_finish(current, name_type or t, source))
            name_type = None
            current = rest
            if not rest:
                current = ""
            continue
        first = part.split()[0] if part.split() else ""
        if is_acronym(part) and acronym_matches(part, current):
            current = f"{current} ({part})"
        elif is_acronym(first) and acronym_matches(first, current) and len(part.split()) > 1:
            out.extend(_finish(f"{current} ({first})", name_type or actor_type, source))
            name_type = None
            current = part[len(first):].strip()
        else:
            current = f"{current} - {part}" if current else part
    return current, name_type


def _finish(name: str, actor_type: str, source: str) -> list[PartnerMention]:
    """Tidy one name and decide whether it is an organisation."""
    name = strip_lead_in(strip_connectors(re.sub(r"\s+", " ", name)))
    name = name.strip(" .,;:-–—*\"“”'")
    name = re.sub(r"\(\s*\)", "", name).strip()
    if not name:
        return []
    reason = not_organisation_reason(name)
    if reason == "drop":
        return []
    country = country_of(name)
    if country and actor_type == "unknown" and country_iso3(name):
        actor_type = "government"  # a country named as a partner is its government
    return [PartnerMention(name, actor_type, source, country, reason)]


# ----------------------------------------------------------------------------- the entry point


def split_partners(text: str) -> list[PartnerMention]:
    """Split a free-text partners field into :class:`PartnerMention` items.

    Parameters
    ----------
    text : str
        The field as stored by the registry (mojibake is repaired here).

    Returns
    -------
    list of PartnerMention
        In the order written. Organisations have ``reason is None``; phrases
        that name no organisation carry the reason. Empty text gives ``[]``.

    Examples
    --------
    >>> [m.name for m in split_partners("(1) Ministry of Agriculture, Livestock and Irrigation "
    ...                                 "(2) United Nations Development Programme (UNDP)")]
    ['Ministry of Agriculture, Livestock and Irrigation', 'United Nations Development Programme (UNDP)']
    >>> [(m.name, m.actor_type) for m in split_partners("Government: Ministry of Fisheries; "
    ...                                                 "Private Sector: Blue Ocean Ltd")]
    [('Ministry of Fisheries', 'government'), ('Blue Ocean Ltd', 'private_sector')]
    """
    text = clean_text(text)
    if not text:
        return []
    if not re.search(r"[^\W_]", text):
        return [PartnerMention(text, source_text=text, reason="placeholder")]  # "-", "..."
    out: list[PartnerMention] = []
    category = "unknown"
    for sep, piece in _mend_commas(_pieces(text)):
        source = piece
        m = _PREFIX.match(piece)
        while m:
            head = m.group(1).strip()
            t = label_type(head.rstrip("s") if head.endswith("s") and not head.endswith("ss") else head,
                           strict=True)
            t = t or label_type(head, strict=True)
            if t:
                category = t
            elif not _INTRO.search(head) or len(head.split()) > 5:
                break
            piece = piece[m.end():]
            m = _PREFIX.match(piece)
        if not piece.strip(" .,;:-"):
            continue
        bare = piece.strip(" .")
        whole = label_type(bare, strict=True) if sep == "," and not re.search(r"[^s]s$", bare) else None
        if whole and out and out[-1].is_organisation and out[-1].actor_type == "unknown" \
                and not _PAREN.search(piece):
            last = out.pop()  # "Name, Private Sector": a label for the name before it
            out.append(PartnerMention(last.name, whole, f"{last.source_text}, {piece}", last.country))
            continue
        out.extend(_read_piece(piece, category, source))
    return out
