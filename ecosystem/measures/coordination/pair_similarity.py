"""Similarity of two initiatives, component by component.

Each initiative is turned once into :class:`InitiativeFeatures` (sets as sparse
binary rows, dates as day numbers, text as a TF-IDF row); the components of any
list of index pairs are then computed together, vectorised, by
:func:`pair_components`. Both the candidate search of
:func:`ecosystem.measures.coordination.overlap.initiative_pairs` and the
exhaustive comparison of
:func:`ecosystem.measures.coordination.candidate_recall.exhaustive_pairs` score
pairs with these functions, so their numbers are identical.

Components
----------
actors
    Jaccard index of the two sets of actors tied to the initiatives (any role).
targets
    Jaccard index of the sets of SDG targets *and* goals (tokens ``14.1`` and
    ``SDG 14``), so two initiatives that share only a goal still score above 0.
places
    Jaccard index of the sets of places, all kinds together (a country, an ocean
    basin, an admin area and ``global`` are each one token ``kind:place``).
time
    Overlap of the two time windows, as a share of the *shorter* window
    (Szymkiewicz–Simpson overlap coefficient on intervals, counted in whole
    days, both ends included): 1 when one window lies inside the other, 0 when
    they do not meet.
text
    Cosine similarity of the TF-IDF vectors of title + description (English
    stop words removed, sublinear term frequency; Salton & Buckley 1988), as
    scikit-learn's ``TfidfVectorizer`` computes them
    (:mod:`ecosystem.measures.coordination.text_vectors`).

A component is **unknown** (NaN) when either initiative lacks the data: no
actor, no target or goal, no place, no start *or* no end date (null dates,
including the placeholder dates a loader blanked out), no text. Unknown is not
zero: the combined score in :mod:`ecosystem.measures.coordination.overlap`
averages the known components only.

In formulas, for initiatives *x* and *y* with actor (target, place) sets *A*
and *B*, windows [s, e] in whole days and TF-IDF vectors *u*, *v*::

    jaccard(A, B) = |A ∩ B| / |A ∪ B|
    time(x, y)    = max(0, min(e_x, e_y) − max(s_x, s_y) + 1)
                    / min(e_x − s_x + 1, e_y − s_y + 1)
    text(x, y)    = u · v / (‖u‖ ‖v‖)

References
----------
Jaccard, P. (1912). The distribution of the flora in the alpine zone.
*New Phytologist* 11(2), 37–50.
Salton, G. & Buckley, C. (1988). Term-weighting approaches in automatic text
retrieval. *Information Processing & Management* 24(5), 513–523.
Simpson, G. G. (1960). Notes on the measurement of faunal resemblance.
*American Journal of Science* 258-A, 300–311 (the overlap coefficient).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
import scipy.sparse as sp
from rapidfuzz import fuzz, process, utils

from ecosystem.dormancy import REAL_DATE_FROM
from ecosystem.measures.coordination.set_intersections import shared_columns, shared_counts
from ecosystem.measures.coordination.text_vectors import folded, tfidf_rows
from ecosystem.model import Registry

__all__ = [
    "InitiativeFeatures", "initiative_features", "pair_components", "jaccard", "time_overlap",
    "title_similarity",
    "cosine", "shared_labels", "COMPONENTS",
]

#: The similarity components, in column order.
COMPONENTS = ("actors", "targets", "places", "time", "text")

_DAY = np.timedelta64(1, "D")


@dataclass(frozen=True)
class InitiativeFeatures:
    """The initiatives of a registry as matrices, row ``k`` = initiative ``ids[k]``.

    Attributes
    ----------
    ids, titles : ndarray of str
    leads : ndarray of str
        The actor id of each initiative's lead ("" when it has none).
    actors, targets, places : scipy.sparse.csr_matrix
        Binary incidence of initiatives × actors, × target/goal tokens,
        × place tokens; ``actor_labels``, ``target_labels``, ``place_labels``
        name the columns.
    start, end : ndarray of float
        Whole days since 1970-01-01; NaN when unknown.
    text : scipy.sparse.csr_matrix
        L2-normalised TF-IDF rows of title + description.
    """

    ids: np.ndarray
    titles: np.ndarray
    leads: np.ndarray
    actors: sp.csr_matrix
    actor_labels: np.ndarray
    targets: sp.csr_matrix
    target_labels: np.ndarray
    places: sp.csr_matrix
    place_labels: np.ndarray
    start: np.ndarray
    end: np.ndarray
    text: sp.csr_matrix

    def __len__(self) -> int:
        return len(self.ids)

    @cached_property
    def title_keys(self) -> np.ndarray:
        """Each title as rapidfuzz's token-sort ratio reads it: ``default_process``ed, words
        sorted, joined by one space (:func:`title_similarity` compares these)."""
        return np.array([" ".join(sorted(utils.default_process(t).split()))
                         for t in self.titles.tolist()], dtype=object)

    @cached_property
    def id_rank(self) -> np.ndarray:
        """Position of each row's id in the ids sorted as strings (for sorting pairs)."""
        rank = np.empty(len(self.ids), dtype=np.int64)
        rank[np.argsort(self.ids, kind="stable")] = np.arange(len(self.ids))
        return rank


def _incidence(rows: pd.Series, tokens: pd.Series, index: pd.Index):
    """Binary CSR of ``index`` × distinct tokens from parallel row/token series."""
    r = index.get_indexer(rows)  # -1: not an initiative of ``index``
    keep = r >= 0
    r = r[keep]
    codes, labels = pd.factorize(tokens[keep].astype(str), sort=True)
    m = sp.csr_matrix((np.ones(len(r)), (r, codes)), shape=(len(index), len(labels)))
    m.sum_duplicates()
    m.data[:] = 1.0
    return m, np.asarray(labels, dtype=object)


def _days(s: pd.Series) -> np.ndarray:
    """Whole days since 1970-01-01; NaN for null and placeholder (pre-1980) dates."""
    s = pd.to_datetime(s)
    d = s.where(s >= REAL_DATE_FROM).to_numpy(dtype="datetime64[D]")
    out = d.astype("int64").astype(float)
    out[np.isnat(d)] = np.nan
    return out


def initiative_features(reg: Registry) -> InitiativeFeatures:
    """Build the :class:`InitiativeFeatures` of every initiative in ``reg``.

    Examples
    --------
    >>> from ecosystem.model import Registry
    >>> f = initiative_features(Registry.empty())
    >>> len(f), f.actors.shape
    (0, (0, 0))
    """
    ini = reg.initiatives
    index = pd.Index(ini["initiative_id"].astype(str))
    ties = reg.ties
    actors, actor_ids = _incidence(ties["initiative_id"], ties["actor_id"], index)
    names = dict(zip(reg.actors["actor_id"].to_numpy(dtype=object).tolist(),
                     reg.actors["name"].astype(str).to_numpy(dtype=object).tolist()))
    actor_labels = np.asarray([names.get(a, a) for a in actor_ids], dtype=object)
    leads = dict(ties.loc[ties["role"] == "lead", ["initiative_id", "actor_id"]]
                 .drop_duplicates("initiative_id").astype(str).itertuples(index=False))
    tg = pd.concat([
        pd.DataFrame({"i": reg.initiative_targets["initiative_id"],
                      "tok": reg.initiative_targets["target"].astype(str)}),
        pd.DataFrame({"i": reg.initiative_goals["initiative_id"],
                      "tok": "SDG " + reg.initiative_goals["goal"].astype(str)}),
    ], ignore_index=True)
    targets, target_labels = _incidence(tg["i"], tg["tok"], index)
    pl = reg.initiative_places
    place_key = pl["kind"].astype(str) + ":" + pl["place"].astype(str)
    places, place_keys = _incidence(pl["initiative_id"], place_key, index)
    place_name = dict(zip(place_key, pl["name"].fillna(pl["place"]).astype(str)))
    place_labels = np.asarray([place_name[k] for k in place_keys], dtype=object)
    start, end = _days(ini["start"]), _days(ini["end"])
    bad = end < start
    start[bad] = end[bad] = np.nan
    text = (ini["title"].fillna("") + " " + ini["description"].fillna("")).str.strip()
    return InitiativeFeatures(
        ids=index.to_numpy(dtype=object),
        titles=ini["title"].fillna("").astype(str).to_numpy(dtype=object),
        leads=np.asarray([leads.get(i, "") for i in index.to_numpy(dtype=object).tolist()],
                         dtype=object),
        actors=actors, actor_labels=actor_labels,
        targets=targets, target_labels=target_labels,
        places=places, place_labels=place_labels,
        start=start, end=end, text=_tfidf(text.tolist()),
    )


def _tfidf(docs: list[str]) -> sp.csr_matrix:
    """L2-normalised TF-IDF rows; all-zero rows for empty documents."""
    if not any(d for d in docs):
        return sp.csr_matrix((len(docs), 0))
    # lowercase + strip_accents="unicode" done beforehand, in one pass (folded)
    return tfidf_rows(folded(docs))


def title_similarity(f: InitiativeFeatures, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """rapidfuzz token-sort ratio (0–100) of the titles of rows ``i[k]`` and ``j[k]``.

    The same numbers as ``fuzz.token_sort_ratio`` with ``utils.default_process``,
    from titles processed and word-sorted once (:attr:`InitiativeFeatures.title_keys`)
    and compared with ``fuzz.ratio``: rapidfuzz re-sorts the second title's words for
    every pair, which made the comparison eight times slower.

    Examples
    --------
    >>> from ecosystem.model import Registry
    >>> f = initiative_features(Registry.empty())
    >>> title_similarity(f, np.zeros(0, dtype=int), np.zeros(0, dtype=int))
    array([], dtype=float64)
    """
    if len(i) == 0:
        return np.zeros(0)
    # threads only for many pairs: starting them costs more than a few thousand comparisons
    return process.cpdist(f.title_keys[i], f.title_keys[j], scorer=fuzz.ratio,
                          workers=-1 if len(i) > 20_000 else 1)


def jaccard(m: sp.csr_matrix, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Jaccard index of rows ``i`` and ``j`` of a binary matrix, and the intersection sizes.

    NaN where either row is empty.

    Examples
    --------
    >>> m = sp.csr_matrix(np.array([[1, 1, 0], [0, 1, 1], [0, 0, 0]]))
    >>> jaccard(m, np.array([0, 0]), np.array([1, 2]))[0]
    array([0.33333333,        nan])
    """
    i, j = np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64)
    size = np.diff(m.indptr)
    inter = shared_counts(m, i, j).astype(float)
    union = size[i] + size[j] - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        jac = inter / union
    jac[(size[i] == 0) | (size[j] == 0)] = np.nan
    return jac, inter.astype(np.int64)


def time_overlap(start: np.ndarray, end: np.ndarray, i: np.ndarray,
                 j: np.ndarray) -> np.ndarray:
    """Shared days of two windows as a share of the shorter one (NaN when a date is unknown).

    Examples
    --------
    >>> s, e = np.array([0.0, 50.0, np.nan]), np.array([99.0, 249.0, 10.0])
    >>> time_overlap(s, e, np.array([0, 0]), np.array([1, 2]))
    array([0.5, nan])
    """
    length = end - start + 1
    shared = np.minimum(end[i], end[j]) - np.maximum(start[i], start[j]) + 1
    with np.errstate(invalid="ignore"):
        return np.clip(shared, 0, None) / np.minimum(length[i], length[j])


def cosine(x: sp.csr_matrix, i: np.ndarray, j: np.ndarray, *,
           block_entries: int = 250_000) -> np.ndarray:
    """Cosine of L2-normalised rows ``i`` and ``j`` (NaN where a row is empty).

    Rows are gathered about ``block_entries`` non-zeros at a time (memory).

    Examples
    --------
    >>> x = sp.csr_matrix(np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 0.0]]))
    >>> cosine(x, np.array([0, 0]), np.array([1, 2]))
    array([0.6, nan])
    """
    if x.shape[1] == 0:
        return np.full(len(i), np.nan)
    # rows gathered a block of pairs at a time: long texts have hundreds of words each, and
    # gathering every pair's two rows at once held ~200 MB for the Ocean registry's candidates
    per_row = max(1, x.nnz // max(x.shape[0], 1))
    step = max(1024, block_entries // per_row)
    cos = np.concatenate([np.asarray(x[i[s:s + step]].multiply(x[j[s:s + step]]).sum(axis=1))
                          .ravel() for s in range(0, len(i), step)]) if len(i) else np.zeros(0)
    empty = np.diff(x.indptr) == 0
    cos[empty[i] | empty[j]] = np.nan
    return np.clip(cos, 0.0, 1.0)


def pair_components(f: InitiativeFeatures, i: np.ndarray, j: np.ndarray) -> pd.DataFrame:
    """The five similarity components of the index pairs ``(i[k], j[k])``.

    Returns
    -------
    DataFrame
        ``i``, ``j``, ``actors_jaccard``, ``shared_actors`` (count),
        ``targets_jaccard``, ``places_jaccard``, ``time_overlap``,
        ``text_cosine``; each computed in blocks of pairs to bound memory.
    """
    i, j = np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64)
    aj, shared = jaccard(f.actors, i, j)  # each in blocks of its own
    out = pd.DataFrame({"i": i, "j": j, "actors_jaccard": aj, "shared_actors": shared})
    out["targets_jaccard"] = jaccard(f.targets, i, j)[0]
    out["places_jaccard"] = jaccard(f.places, i, j)[0]
    out["time_overlap"] = time_overlap(f.start, f.end, i, j)
    out["text_cosine"] = cosine(f.text, i, j)
    return out


def shared_labels(m: sp.csr_matrix, labels: np.ndarray, i: np.ndarray,
                  j: np.ndarray) -> list[list[str]]:
    """For each pair, the labels of the columns both rows have, in column order.

    Examples
    --------
    >>> m = sp.csr_matrix(np.array([[1, 1, 0], [0, 1, 1]]))
    >>> shared_labels(m, np.array(["A", "B", "C"], dtype=object), np.array([0]), np.array([1]))
    [['B']]
    """
    k, cols = shared_columns(m, i, j)
    bounds = np.searchsorted(k, np.arange(len(i) + 1))
    names = labels[cols].tolist()
    return [names[bounds[r]:bounds[r + 1]] for r in range(len(i))]
