"""Split run-together names with the registry's own vocabulary.

Some partner fields lost their separators: "JICA UNEP World Bank",
"Ministry of Agriculture and Fisheries Pacific Island Forum Fisheries Agency".
The rules of :mod:`.name_boundaries` cannot always see where one name ends.
The registry itself can: the same organisations are named on their own in
other records. :func:`split_by_vocabulary` reads every mention of four words or
more and segments it into names the registry knows — names written as a whole
mention in at least :data:`MIN_RECORDS` records — when known names cover the
whole mention (a connector such as "and" or "&" may sit between them), or
when a known name of two words or more that ends in a head word ends it and
the rest is a name with a head word of its own ("University of Hong Kong
Xiamen University"), unless the rest ends with a connector or with a unit's
word (a unit run into the name of its parent is one name). A
mention that is itself a known name is never split.

The vocabulary also mends the opposite error first (:func:`join_at_and`): two
names cut at an "and" that belongs to one name the registry writes elsewhere
("United Nations Food" + "Agriculture Organization", as "Food and Agriculture
Organization" is known) are joined again.

Examples
--------
>>> vocab = vocabulary(["UNEP", "World Bank", "JICA", "UNEP", "World Bank", "JICA"],
...                    ["r1", "r1", "r1", "r2", "r3", "r4"])
>>> segment("JICA UNEP World Bank", vocab)
['JICA', 'UNEP', 'World Bank']
>>> segment("World Bank Group Office", vocab) is None
True
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise

import pandas as pd

from ecosystem.loaders.name_boundaries import stands_alone
from ecosystem.loaders.org_name_parts import acronym_matches, has_org_head
from ecosystem.reference.acronym_shape import looks_like_acronym
from ecosystem.reference.countries import country_iso3
from ecosystem.reference.folding import fold_phrase
from ecosystem.reference.gazetteer import place_kind

__all__ = ["MIN_RECORDS", "join_at_and", "segment", "split_by_vocabulary", "vocabulary"]

_DASH_COLON_BRACKET = re.compile(r"[-–—:(]")
_LAST_BRACKET = re.compile(r"\s*\([^()]*\)\s*$")

#: A name is known when it is written as a whole mention in at least this many records.
MIN_RECORDS = 2

_WORD = re.compile(r"\S+")
_JOINERS = {"and", "&", "y", "et", "-", "–", "/"}
_MAX_NAME_WORDS = 10


def _key(text: str) -> str:
    return fold_phrase(_LAST_BRACKET.sub("", text) if ")" in text else text).strip(" .,;:")


def vocabulary(names: Iterable[str], records: Iterable[str]) -> frozenset[str]:
    """Folded names written as a whole mention in at least :data:`MIN_RECORDS` records.

    >>> sorted(vocabulary(["WWF", "WWF (NGO)", "Reef Trust"], ["a", "b", "a"]))
    ['wwf']
    """
    names, records = list(names), list(records)
    if len(names) == len(records) and all(isinstance(x, str) for x in (*names, *records)):
        # the common case, counted without building frames: records per folded name
        keys: dict[str, str] = {}
        pairs = set()
        for n, r in zip(names, records):
            k = keys.get(n)
            if k is None:
                k = keys[n] = _key(n)
            pairs.add((k, r))
        counts = Counter(k for k, _ in pairs)
        return frozenset(k for k, n in counts.items()
                         if k and n >= MIN_RECORDS and len(k.split()) <= _MAX_NAME_WORDS)
    pairs = pd.DataFrame({"name": names, "record": records}).drop_duplicates()
    keys = {n: _key(str(n)) for n in pairs["name"].unique()}
    pairs["key"] = pairs["name"].map(keys)
    counts = pairs.drop_duplicates(["key", "record"]).groupby("key").size()
    return frozenset(k for k, n in counts.items()
                     if k and n >= MIN_RECORDS and len(k.split()) <= _MAX_NAME_WORDS)


def segment(name: str, known: frozenset[str]) -> list[str] | None:
    """The known names that ``name`` runs together, or None when it is not such a run.

    Parameters
    ----------
    name : str
        One mention as written.
    known : frozenset of str
        :func:`vocabulary` of the registry.

    Returns
    -------
    list of str or None
        The parts as written (joiners such as "and" dropped), or None when
        ``name`` is known itself, shorter than four words, or not covered by
        known names.
    """
    words = [m.group(0) for m in _WORD.finditer(name)]
    if len(words) < 4 or _key(name) in known:
        return None
    keys = [fold_phrase(w.strip(",;:")) for w in words]
    n = len(words)
    # best[i]: fewest parts covering words[:i] with known names and joiners (None: impossible)
    best: list[tuple[int, list[tuple[int, int]]] | None] = [None] * (n + 1)
    best[0] = (0, [])
    for i in range(n):
        if best[i] is None:
            continue
        if keys[i] in _JOINERS and i > 0:
            cand = (best[i][0], best[i][1])
            if best[i + 1] is None or cand[0] < best[i + 1][0]:
                best[i + 1] = cand
        for j in range(i + 1, min(n, i + _MAX_NAME_WORDS) + 1):
            if " ".join(keys[i:j]).strip(" .,;:") in known:
                cand = (best[i][0] + 1, [*best[i][1], (i, j)])
                if best[j] is None or cand[0] < best[j][0]:
                    best[j] = cand
    if best[n] is None or best[n][0] < 2:
        spans = _one_known_end(words, keys, known)
        unknown = None
        if spans is None:
            spans, unknown = _known_run_and_name(words, keys, best, known) or (None, None)
        if spans is None:
            return None
    else:
        spans, unknown = best[n][1], None
    parts = [" ".join(words[a:b]).strip(" ,;:") for a, b in spans]
    # Each part must be a name on its own: an acronym, or a name with a head word; a
    # country before a body qualifies it ("Bangladesh Ministry of Fisheries").
    if not all(looks_like_acronym(p, loose=True) or (len(p.split()) >= 2 and stands_alone(p))
               for span, p in zip(spans, parts) if span != unknown):
        return None
    if best[n] is None and fold_phrase(parts[0].split()[-1]) in _UNIT_WORDS:
        return None  # a known name and the rest: the rest must be a name, not a unit of the first
    if any(country_iso3(p) for p in parts):
        return None
    for a, b in pairwise(parts):  # "World Wide Fund for Nature: WWF": a name and its acronym
        between = name[name.find(a) + len(a):name.find(b, name.find(a) + len(a))]
        if acronym_matches(b, a) or acronym_matches(a, b) or (
                looks_like_acronym(b, loose=True) and _DASH_COLON_BRACKET.search(between)):
            return None
    return [p.lstrip(" .-–") for p in parts]


#: Last words of a unit whose parent's name may follow it ("Marine Station University of Kiel"):
#: such a run is one name, not two.
_UNIT_WORDS = frozenset("""station group unit division department programme program centre center
laboratory lab school faculty office chapter committee commission secretariat project institute
branch section team""".split())  # noqa: SIM905


def _one_known_end(words: list[str], keys: list[str], known: frozenset[str]) -> list[tuple[int, int]] | None:
    """Spans of a run that ends with a known name of two words or more ending in a head word
    ("… Xiamen University") after a name of its own ("University of Hong Kong"), or None."""
    n = len(keys)
    if not has_org_head(words[-1]):
        return None
    for i in range(2, n - 1):
        tail = " ".join(keys[i:]).strip(" .,;:")
        if tail in known:
            if not (words[i][:1].isupper() and has_org_head(words[-1]) and has_org_head(" ".join(words[:i]))):
                return None
            if keys[i - 1] in _CONNECTOR_ENDS or not words[i - 1][-1:].isalnum():
                return None  # "… Solutions at Duke University", "IEFP - Institute …"
            if not _ends_a_name(words[:i]):
                return None  # "The Secretariat of the Pacific Regional" + "Environment Programme"
            return [(0, i), (i, n)]
    return None


def _known_run_and_name(words: list[str], keys: list[str], best: list, known: frozenset[str]
                        ) -> tuple[list[tuple[int, int]], tuple[int, int]] | None:
    """Spans of a run of two known names or more, then one name the registry does not know, or
    the other way round ("JICA UNEP World Bank - International Finance Cooperation"), with the
    unknown name's span; or None.

    The unknown name must read as a whole name: two capitalised words or more that stand alone
    (a head word, an acronym) or are all capitalised, after a dash or a known name's end.
    """
    n = len(words)
    for i in range(n - 2, 0, -1):  # known names cover words[:i], the rest is one name
        if best[i] is None or best[i][0] < 2:
            continue
        j = i + 1 if keys[i] in _JOINERS else i
        if words[i - 1].endswith(","):
            continue  # "Ministry of Environment, Forest and Climate Change": a comma inside a name
        if _whole_unknown_name(words[j:]) and (j > i or stands_alone(" ".join(words[j:]))):
            return [*best[i][1], (j, n)], (j, n)
    after: list[tuple[int, list[tuple[int, int]]] | None] = [None] * (n + 1)
    after[n] = (0, [])
    covered = [n]  # the j with after[j] set, in ascending order: only they are tried
    for i in range(n - 1, 0, -1):  # known names cover words[i:], the words before are one name
        for j in covered:
            if j > i + _MAX_NAME_WORDS:
                break
            if " ".join(keys[i:j]).strip(" .,;:") in known:
                cand = (after[j][0] + 1, [(i, j), *after[j][1]])
                if after[i] is None or cand[0] < after[i][0]:
                    after[i] = cand
        if after[i] is not None:
            covered.insert(0, i)
        if after[i] is not None and after[i][0] >= 2:
            k = i - 1 if keys[i - 1] in _JOINERS else i
            if _whole_unknown_name(words[:k]) and _ends_a_name(words[:k]) and stands_alone(" ".join(words[:k])):
                return [(0, k), *after[i][1]], (0, k)
    return None


def _whole_unknown_name(words: list[str]) -> bool:
    if len(words) < 2 or not words[0][:1].isupper() or fold_phrase(words[-1]) in _CONNECTOR_ENDS \
            or any(w.endswith(",") for w in words):
        return False
    text = " ".join(words)
    capitalised = all(w[:1].isupper() or fold_phrase(w) in _CONNECTOR_ENDS for w in words)
    acronyms = sum(looks_like_acronym(w.strip("(),"), loose=False) for w in words)
    return capitalised and acronyms <= 1 and (stands_alone(text) or len(words) <= 4)


def _ends_a_name(words: list[str]) -> bool:
    """The words end a whole name: with a head word ("… Wetlands International") or a place
    after "of" ("University of Hong Kong"), before any label in brackets ("(Cultural Sector)")."""
    text = " ".join(words)
    while _LAST_BRACKET.search(text):
        text = _LAST_BRACKET.sub("", text)
    words = text.split()
    if not words:
        return False
    if has_org_head(words[-1]):
        return True
    for k in range(len(words) - 2, 0, -1):
        if words[k].lower() in ("of", "de", "del", "do", "da", "du"):
            place = " ".join(w for w in words[k + 1:] if w.lower() != "the")
            return bool(country_iso3(place) or place_kind(place))
    return False


_CONNECTOR_ENDS = frozenset("of the for at and & de del la du des in on to".split())  # noqa: SIM905


_AND_BETWEEN = re.compile(r"\s+(?:and|&|y|et|e)\s+")


#: How far after the last name read the next one is looked for in a long source text.
_WINDOW = 1000


def join_at_and(left: str, right: str, source: str, known: frozenset[str], start: int = 0) -> list[str] | None:
    """Mend two names cut at an "and" that belongs to one name the registry writes elsewhere.

    ``left`` and ``right`` were written ``left and right`` in ``source``. When
    the end of ``left``, the "and" and ``right`` form a known name ("United
    Nations Food" + "Agriculture Organization": "Food and Agriculture
    Organization"), the two are one name. When ``left``, the "and" and the
    start of ``right`` form a known name and the rest of ``right`` is known
    too, the cut was one name too early ("Ministry of Agriculture" +
    "Fisheries Pacific Islands Forum Fisheries Agency").

    ``left`` is looked for in ``source`` from ``start`` on, within
    :data:`_WINDOW` characters (a long field is read once, name by name).

    Returns
    -------
    list of str or None
        The names as written, or None when the cut stands.

    Examples
    --------
    >>> known = frozenset({"food and agriculture organization"})
    >>> join_at_and("UN Food", "Agriculture Organization", "UN Food and Agriculture Organization", known)
    ['UN Food and Agriculture Organization']
    >>> join_at_and("Reef Trust", "Kelp Society", "Reef Trust and Kelp Society", known) is None
    True
    """
    at = source.find(left, start, start + len(left) + _WINDOW)
    if at < 0:
        return None
    link = _AND_BETWEEN.match(source, at + len(left))
    if not link or not source.startswith(right, link.end()):
        return None
    word = fold_phrase(link.group(0))
    words, tail = left.split(), _key(right)
    if not tail:
        return None
    for k in range(1, min(len(words), _MAX_NAME_WORDS) + 1):
        if f"{fold_phrase(' '.join(words[-k:]))} {word} {tail}" in known:
            return [source[at:link.end() + len(right)]]
    head, rights = _key(left), right.split()
    for j in range(1, min(len(rights) - 1, _MAX_NAME_WORDS) + 1):
        rest = " ".join(rights[j:]).strip(" ,;:.-–")
        if f"{head} {word} {fold_phrase(' '.join(rights[:j]))}" in known and rest \
                and (_key(rest) in known or segment(rest, known)):
            return [f"{source[at:link.end()]}{' '.join(rights[:j])}".rstrip(" ,;:"), rest]
    return None


def _mend_and_cuts(mentions: pd.DataFrame, known: frozenset[str]) -> tuple[pd.DataFrame, set[str]]:
    """Apply :func:`join_at_and` to each two names in a row of one record and role; also
    return the names joined (the pieces they were cut into may be known too: not cut again)."""
    names = mentions["name"].astype(str).tolist()
    if "source_text" not in mentions:
        return mentions, set()
    # each distinct source text once (a long lead field is the source of each of its names)
    codes, uniques = pd.factorize(mentions["source_text"])
    texts = uniques.tolist()
    inits, roles = mentions["initiative_id"].tolist(), mentions["role"].tolist()
    new_names = list(names)
    drop = set()
    has_and: dict[int, bool] = {}
    cursor, previous = 0, -1
    for i in range(1, len(names)):
        code = codes[i]
        if code < 0 or inits[i] != inits[i - 1] or roles[i] != roles[i - 1]:
            continue
        src = texts[code]
        if code != previous:
            cursor, previous = 0, code
        found = src.find(names[i - 1], cursor, cursor + len(names[i - 1]) + _WINDOW)
        cursor = max(cursor, found)
        if i - 1 in drop:
            continue
        if code not in has_and:
            has_and[code] = bool(_AND_BETWEEN.search(src))
        if not has_and[code]:
            continue
        parts = join_at_and(names[i - 1], names[i], src, known, cursor)
        if parts is None:
            continue
        new_names[i - 1] = parts[0]
        if len(parts) == 1:
            drop.add(i)
        else:
            new_names[i] = parts[1]
    if new_names == names:
        return mentions, set()
    out = mentions.assign(name=new_names)
    keep = [i not in drop for i in range(len(names))]
    return out[keep].reset_index(drop=True), {new_names[i - 1] for i in drop}


def split_by_vocabulary(mentions: pd.DataFrame) -> pd.DataFrame:
    """Replace each run-together mention by the known names it is made of.

    Parameters
    ----------
    mentions : DataFrame
        The loader's mentions (``record_id``, ``name`` and the other columns of
        :data:`ecosystem.model.SCHEMA` ``["mentions"]``).

    Returns
    -------
    DataFrame
        The mentions, with each split mention replaced by one row per part
        (the other columns copied; ``actor_type`` and ``country`` cleared
        unless the parts keep the whole's type). Unchanged when nothing splits.
    """
    if not len(mentions):
        return mentions
    known = vocabulary(mentions["name"].astype(str), mentions["record_id"].astype(str))
    mentions, joined = _mend_and_cuts(mentions, known)
    names = mentions["name"].astype(str)
    long = names[names.str.count(" ") >= 3].unique()
    split = {n: parts for n in long if n not in joined and (parts := segment(n, known))}
    if not split:
        return mentions
    hit = names.isin(list(split)).to_numpy()
    parts = mentions[hit].assign(name=names[hit].map(split), country=None).explode("name")
    out = pd.concat([mentions[~hit], parts]).sort_index(kind="stable")
    return out.drop_duplicates(["initiative_id", "name", "role"]).reset_index(drop=True)
