"""Split run-together names with the registry's own vocabulary.

Some partner fields lost their separators: "JICA UNEP World Bank",
"Ministry of Agriculture and Fisheries Pacific Island Forum Fisheries Agency".
The rules of :mod:`.name_boundaries` cannot always see where one name ends.
The registry itself can: the same organisations are named on their own in
other records. :func:`split_by_vocabulary` reads every mention of four words or
more and segments it into names the registry knows — names written as a whole
mention in at least :data:`MIN_RECORDS` records — when known names cover the
whole mention (a connector such as "and" or "&" may sit between them). A
mention that is itself a known name is never split.

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
from ecosystem.loaders.partner_names import acronym_matches
from ecosystem.reference.acronym_shape import looks_like_acronym
from ecosystem.reference.countries import country_iso3
from ecosystem.reference.folding import fold_phrase

__all__ = ["MIN_RECORDS", "segment", "split_by_vocabulary", "vocabulary"]

_DASH_COLON_BRACKET = re.compile(r"[-–—:(]")
_LAST_BRACKET = re.compile(r"\s*\([^()]*\)\s*$")

#: A name is known when it is written as a whole mention in at least this many records.
MIN_RECORDS = 2

_WORD = re.compile(r"\S+")
_JOINERS = {"and", "&", "y", "et", "-", "–", "/"}
_MAX_NAME_WORDS = 10


def _key(text: str) -> str:
    return fold_phrase(_LAST_BRACKET.sub("", text)).strip(" .,;:")


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
        return None
    parts = [" ".join(words[a:b]).strip(" ,;:") for a, b in best[n][1]]
    # Each part must be a name on its own: an acronym, or a name with a head word; a
    # country before a body qualifies it ("Bangladesh Ministry of Fisheries").
    if not all(looks_like_acronym(p, loose=True) or (len(p.split()) >= 2 and stands_alone(p)) for p in parts):
        return None
    if any(country_iso3(p) for p in parts):
        return None
    for a, b in pairwise(parts):  # "World Wide Fund for Nature: WWF": a name and its acronym
        between = name[name.find(a) + len(a):name.find(b, name.find(a) + len(a))]
        if acronym_matches(b, a) or acronym_matches(a, b) or (
                looks_like_acronym(b, loose=True) and _DASH_COLON_BRACKET.search(between)):
            return None
    return [p.lstrip(" .-–") for p in parts]


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
    names = mentions["name"].astype(str)
    known = vocabulary(names, mentions["record_id"].astype(str))
    long = names[names.str.count(" ") >= 3].unique()
    split = {n: parts for n in long if (parts := segment(n, known))}
    if not split:
        return mentions
    hit = names.isin(list(split)).to_numpy()
    parts = mentions[hit].assign(name=names[hit].map(split), country=None).explode("name")
    out = pd.concat([mentions[~hit], parts]).sort_index(kind="stable")
    return out.drop_duplicates(["initiative_id", "name", "role"]).reset_index(drop=True)
