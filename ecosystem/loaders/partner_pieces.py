"""Top-level pieces of a free-text partners field (rules 1–4 of :mod:`.partner_text`).

A partners field is cut into pieces at separators that are not inside
parentheses or quotes: line breaks (bullets and numbered-list markers become
line breaks), ``;``, ``|``, commas, sentence ends, ") and …", "including", a
dashed list, and before a category prefix glued to the previous name
("Ministry of Education Private Sector: …"). Commas that do not separate
organisations are then mended (:func:`ecosystem.loaders.comma_mending.mend_commas`).

Examples
--------
>>> pieces("1. Reef Alive 2. Kelp Watch; Harbour Watch")
[(';', 'Reef Alive'), (';', 'Kelp Watch'), (';', 'Harbour Watch')]
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import pairwise

from ecosystem.loaders.actor_labels import label_type
from ecosystem.loaders.item_locations import (
    is_location,
    looks_like_place,
    strip_listed_locations,
)
from ecosystem.loaders.name_boundaries import split_names
from ecosystem.loaders.text_nesting import nesting, split_top
from ecosystem.reference.acronym_shape import looks_like_acronym

__all__ = ["AND_LINK", "COLON_PREFIX", "INTRODUCTION", "pieces"]

_HEAD_WORD = re.compile(r"[^\s:;,.]+")
_HYPHEN_BETWEEN_LETTERS = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_(])")
_WORD_DOTS = re.compile(r"[\w.]+")
_NUMBER_PAREN = re.compile(r"(?:^|\s)\d{1,2}\)\s")
_DIGIT = re.compile(r"\d")
#: The end of a list marker written with a letter: "a)", "(iv)".
_LETTER_MARK_END = re.compile(r"[a-hivx]\)")

_ABBREV = set("""co inc ltd corp st dr mr mrs ms prof no nr dept govt gov int intl assoc univ bros jr sr vs
e.g eg i.e ie u.s u.k s.a p.t pt pty pvt pte cv bhd sdn ave mt ft ing lic arq dra sra sr sa nv bv ag plc
llc jsc
""".split())  # noqa: SIM905

_PAREN_MARK = re.compile(r"(?<=\s)\d{1,2}\)\s+(?=[a-z0-9])")
_LIST_MARK = re.compile(r"(?:(?<=\s)|^)(?:\d{1,3}\.\d{1,2}\.?|\(?\d{1,3}[.)]|\((?:[ivx]{1,5}|[a-h])\)|"
                        r"(?:[ivx]{1,5}|[a-h])\))\s*(?=[\"“A-Z]|the\s)")
_DASH_LIST = re.compile(r"^\s*[-–—*]\s|(?:^|\s)[-–—/]\s.*\s[-–—/]\s.*\s[-–—/]\s")
_DASH_THEN_SPACE = re.compile(r"[-–—*/]\s")
#: Two items "acronym - name" run together, the separator between them lost: "EMEPC - Portuguese
#: Task Group … Shelf IPMA - Portuguese Institute for Sea and Atmosphere".
_ACRONYM_PAIRS = re.compile(r"\s*[A-Z][A-Z&]{2,}\s[-–—]\s[A-Z].*\s[A-Z][A-Z&]{2,}\s[-–—]\s[A-Z][a-z]")
_HYPHEN_WORDS = re.compile(r"[^\W\d_]+-[^\W\d_]+-[^\W\d_]+")
_HARD_SEP = re.compile(r"\s*(?:\n|;|\|)\s*")
_DASH_SEP = re.compile(r"(?:^|\s+)[-–—*/]\s+")
_COMMA = re.compile(r"\s*,\s*")
#: (the full stop first, then the look back at the character before it: a regex that starts with
#: a character is searched for it; one that starts with a look-back is tried at every position)
_SENTENCE = re.compile(r"\.(?<=[\w)]\.)\s+(?=[\"“A-Z(])")
_AND_AFTER_PAREN = re.compile(r"(?<=\))\s+(?:and|&|as well as)\s+(?=[A-Z“\"]|(?:its|their|other|all|several|"
                              r"various|many)\b)")
_INCLUDING = re.compile(r"\s*,?\s+(?:including|such as|e\.g\.,?|among them|namely)\s*:?\s+(?=[A-Z“\"])")
#: What a text must hold for each separator to match in it (:func:`.text_nesting.split_top`
#: returns a text without any whole).
_HARD_SEP_MARKS = ("\n", ";", "|")
_COMMA_MARKS = (",",)
_AND_AFTER_PAREN_MARKS = (")",)
_INCLUDING_MARKS = ("including", "such as", "e.g", "among them", "namely")
#: A short prefix ending in a colon: "Government: …", "Partners: …".
COLON_PREFIX = re.compile(r"^([^:()]{2,60}?)\s*(?:\(\d+\))?\s*:\s*(?!//)")

#: Words of an introduction before a list of partners ("The partnership includes: …").
INTRODUCTION = re.compile(
    r"\b(partners?|partnerships?|members?|membership|participants?|includes?|including|include|lead|leadership|"
    r"collaborators?|networks?|signator(?:y|ies)|signatar(?:y|ies|ios?)|supported|funded|level|e\.?g|"
    r"i\.?e|such as|consists?|comprises?|"
    r"composed|list|others?|socios?|partenaires?|with)\b", re.IGNORECASE)


_BARE_NUMBER = re.compile(r"(?:^|(?<=\s))(\d{1,2})\s+(?=[A-Z])")


def _bare_numbers(text: str) -> str:
    """Numbers written without a full stop or bracket that count the items of a list
    ("1 Counter-Terrorism Executive Directorate 2 Department of …") become line breaks: only
    a run of at least three numbers counting up from 1 is read so."""
    found = list(_BARE_NUMBER.finditer(text))
    expected, marks = 1, []
    for m in found:
        if int(m.group(1)) == expected:
            marks.append(m)
            expected += 1
    if len(marks) < 3:
        return text
    for m in reversed(marks):
        text = text[:m.start()] + "\n" + text[m.end():]
    return text


_LETTER_MARK = re.compile(r"(?:^|(?<=\s))([a-z])\.\s+(?=[\"“A-Z])")


def _letter_marks(text: str) -> str:
    """Letters that count the items of a list ("a. Luminocean b. Ruhr Universität …") become line
    breaks: only a run of at least three letters counting up from "a" is read so ("e. V." and
    initials are not)."""
    if "a." not in text:
        return text
    expected, marks = "a", []
    for m in _LETTER_MARK.finditer(text):
        if m.group(1) == expected:
            marks.append(m)
            expected = chr(ord(expected) + 1)
    if len(marks) < 3:
        return text
    for m in reversed(marks):
        text = text[:m.start()] + "\n" + text[m.end():]
    return text


#: A hyphen after a space or at the start, before a name (written hyphen first, then the look back at
#: what precedes it: a regex that starts with its character is searched for it, fast).
_HYPHEN_BULLET = re.compile(r"-(?<![^\s]-)(?=[\"“A-Z])")


def _hyphen_bullets(text: str) -> str:
    """Hyphens written as bullets, glued to the name they start ("-Mission Green Bangladesh
    -Friendship NGO …"), become line breaks when at least three items are so marked."""
    if text.count("-") < 3:
        return text
    marks = _HYPHEN_BULLET.findall(text)
    return _HYPHEN_BULLET.sub("\n", text) if len(marks) >= 3 else text


def _dash_parts(block: str) -> list[str]:
    """Cut a dashed list at its dashes, keeping a location with the name it follows.

    "Aldi – Atherstone, UK" stays one item (the location is removed later);
    "Reef Alive - Shoreline Trust" is two.
    """
    parts = split_top(block, _DASH_SEP)
    places = [is_location(p.strip(" .;"), after_dash=True) for p in parts]
    if sum(places[1:]) >= 3 and 2 * sum(places[1:]) >= len(parts) - 1:
        # most dashes here introduce a location: so do the others that look like places
        places = [x or looks_like_place(p.strip(" .;")) for x, p in zip(places, parts)]
    # "DGRM - Directorate General … - government ICNF - Institute for …": items written
    # "acronym - name - label"; when two or more items are so, each acronym starts its name
    k = 1
    while k < len(parts) - 1:  # "IPMA - Portuguese Institute … DGRM - Directorate …"
        words = parts[k].split()
        if len(words) >= 3 and looks_like_acronym(words[-1], loose=False) and _acronym_item(parts[k - 1]) \
                and _names_body(parts[k + 1]):
            parts[k:k + 1] = [parts[k].rsplit(None, 1)[0], words[-1]]
            places[k:k + 1] = [places[k], False]
        k += 1
    opens = [_acronym_item(p) and k + 1 < len(parts) and _names_body(parts[k + 1])
             for k, p in enumerate(parts)]
    opens = opens if sum(opens) >= 2 else [False] * len(parts)
    out = [parts[0]]
    for k, (part, place) in enumerate(zip(parts[1:], places[1:]), start=1):
        if (place or opens[k - 1]) and out[-1].strip():
            out[-1] = f"{out[-1]} – {part}"
        else:
            out.append(part)
    return out


def _acronym_item(part: str) -> bool:
    """An acronym alone, or after a type label: "DGRM", "government ICNF"."""
    words = part.split()
    return bool(words) and len(words) <= 4 and looks_like_acronym(words[-1], loose=False) \
        and (len(words) == 1 or bool(label_type(" ".join(words[:-1]))))


def _names_body(part: str) -> bool:
    """A name of two words or more that is no acronym item and starts with no label:
    "Directorate General for …" (not "Government Intergovernmental Oceanographic Commission",
    where the label ends the item before)."""
    words = part.split()
    return len(words) >= 2 and part[:1].isupper() and not _acronym_item(part) \
        and not label_type(words[0].strip(",;:"))


def _sentence_split(piece: str) -> list[str]:
    """Split at ". " unless the word before the full stop is an abbreviation or an initial."""
    out, last = [], 0
    ends = list(_SENTENCE.finditer(piece))
    if not ends:
        return [piece]
    depth = nesting(piece)
    # the word before each full stop: the run of word characters and dots it ends, looked up in
    # the piece's runs found once (searching each prefix again made long texts quadratic)
    runs = [(r.start(), r.end()) for r in _WORD_DOTS.finditer(piece)]
    run_starts = [a for a, _ in runs]
    for m in ends:
        if depth[m.start()]:
            continue
        k = bisect_right(run_starts, m.start() - 1) - 1
        w = piece[runs[k][0]:m.start()].lower() if k >= 0 and runs[k][1] > m.start() - 1 else ""
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
    # The words before a colon are the text's words that end before it (a colon ends a word):
    # found once for the whole text, not again for each colon.
    all_words = list(_HEAD_WORD.finditer(text))
    ends = [w.end() for w in all_words]
    for m in _COLON.finditer(text):
        if depth[m.start()]:
            continue
        k = bisect_right(ends, m.start())  # the words before the colon: all_words[:k]
        found = 0
        for n in range(1, min(4, k - 1) + 1):
            head = text[all_words[k - n].start():m.start()]
            if "\n" in head or ". " in head:
                break  # a heading never runs back across a line or a sentence's end
            if found and all_words[k - n].group(0).lower() not in _CATEGORY_EXTENDERS:
                break
            if _is_category(head):
                found = n
        if found and k > found and all_words[k - found - 1].group(0) in ("and", "&", "of", "for", "y", "de"):
            found = 0  # "Department of the Interior and Local Government: …" is one name
        if found:
            cuts.append(all_words[k - found].start())
    if not cuts:
        return text
    bounds = [0, *sorted(cuts), len(text)]  # one pass: inserting each break copied the text again
    return "\n".join(text[a:b] for a, b in pairwise(bounds))


_AND_LINK = re.compile(r"\s+(?:and|&|y|et|e)\s+")

#: Separator of a name cut from the name before it at "and" (:data:`AND_LINK` + the word, spaced).
AND_LINK = "and:"


def _links(frag: str, names: list[str]) -> list[str]:
    """The separator before each name after the first that :func:`split_names` cut from ``frag``:
    ``"and: and "`` (:data:`AND_LINK` and the words between) when the two names are written
    with "and", "&", "y" or "et" between them, else ``"and"``. One pass: each name is found
    after the one before it."""
    out, pos = [], 0
    for a, b in pairwise(names):
        i = frag.find(a, pos, pos + len(a) + 40)  # each name starts a few characters after the last
        j = frag.find(b, i + len(a), i + len(a) + len(b) + 40) if i >= 0 else -1
        between = frag[i + len(a):j] if j >= 0 else ""
        out.append(AND_LINK + " " + between.strip() + " " if _AND_LINK.fullmatch(between) else "and")
        pos = max(pos, j if j >= 0 else pos)
    return out


def pieces(text: str) -> list[tuple[str, str]]:
    """Top-level pieces of ``text`` as (separator before it, piece).

    A name cut from the one before it at "and" has :data:`AND_LINK` and the
    words between as its separator ("and: & "), other names cut inside an item
    "and".
    """
    # (most fields hold no digit: the rules of numbered lists, whose regexes are tried at every
    # position, are skipped then; a list marker holds a digit or a letter before ")": "a)", "(iv)")
    digits = _DIGIT.search(text) is not None
    text = _hyphen_bullets(_letter_marks(_bare_numbers(text) if digits else text))
    numbered = digits and len(_NUMBER_PAREN.findall(text)) >= 2
    if digits or _LETTER_MARK_END.search(text):
        text = _LIST_MARK.sub("\n", text)
    if numbered:  # a numbered list's item may start in lower case: "… Institute 8) local utility companies"
        text = _PAREN_MARK.sub("\n", text)
    if ":" in text:
        text = _break_before_categories(text)
    # (:data:`_DASH_LIST` is tried at every position: only where a dash before a space is)
    dashed = bool(_DASH_THEN_SPACE.search(text) and _DASH_LIST.search(text))
    out: list[tuple[str, str]] = []
    for block in split_top(text, _HARD_SEP, _HARD_SEP_MARKS):
        # five chains need ten hyphens: count them before looking for chains
        chains = len(_HYPHEN_WORDS.findall(block)) if block.count("-") >= 10 else 0
        if chains >= 5 and chains * 2 >= block.count(" "):
            block = _HYPHEN_BETWEEN_LETTERS.sub(" ", block)  # "Animal-Welfare-Institute, …"
        parts = _dash_parts(block) if dashed else [block]
        if not dashed and _ACRONYM_PAIRS.match(block):
            cut = _dash_parts(block)  # two "acronym - name" items, or the block as it was
            parts = cut if len(cut) == 2 else parts
        for d, part in enumerate(parts):
            for sent in _sentence_split(part):
                chunks = [c for part_i in split_top(sent, _INCLUDING, _INCLUDING_MARKS)
                          for c in split_top(part_i, _AND_AFTER_PAREN, _AND_AFTER_PAREN_MARKS)]
                for k, chunk in enumerate(chunks):
                    for j, frag in enumerate(split_top(chunk, _COMMA, _COMMA_MARKS)):
                        sep = "," if j else ("and" if k else ("dash" if dashed and d else ";"))
                        names = split_names(frag.strip())
                        links = _links(frag, names) if len(names) > 1 else ()
                        for n, f in enumerate(names):
                            if f.strip(" .,;:-–"):
                                out.append((sep if n == 0 else links[n - 1], f.strip()))
    return list(zip([sep for sep, _ in out], strip_listed_locations([f for _, f in out])))
