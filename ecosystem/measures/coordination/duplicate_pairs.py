"""Near-identical records of one organisation, found as index pairs, without words.

:func:`near_pair_index` finds the pairs that
:func:`ecosystem.measures.coordination.duplicates.near_duplicate_pairs` reports and
:func:`~ecosystem.measures.coordination.duplicates.duplicate_clusters` clusters: two records
whose principal organisations are one (:func:`relation_codes`: a shared principal actor id,
or two ids the
:class:`~ecosystem.measures.coordination.lead_relations.OrganisationMatcher` reads as one)
and whose titles are near-identical (rapidfuzz token-sort ratio ≥ ``min_title``, compared
within each principal organisation's records, :func:`principal_title_pairs`) or whose texts
are (TF-IDF cosine ≥ ``min_text_copy``, from the overlap candidates).

Everything here works on positions in the
:class:`~ecosystem.measures.coordination.pair_similarity.InitiativeFeatures`; the relation
of a pair is decided once per distinct pair of principal actor ids, and the explanations
(words) are left to the callers, for the pairs they show. The cost is near-linear in the
number of pairs, except the title comparison, which is quadratic within one organisation's
records (rapidfuzz ``cdist``).

Examples
--------
>>> import scipy.sparse as sp
>>> m, acts = principal_matrix(np.array(["i1", "i2", "i3"], dtype=object),
...                            {"i1": frozenset({"a"}), "i2": frozenset({"a", "b"})})
>>> acts.tolist(), m.toarray().tolist()
(['a', 'b'], [[1.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from rapidfuzz import fuzz, process

from ecosystem.measures.coordination.candidates import distinct_codes
from ecosystem.measures.coordination.lead_relations import OrganisationMatcher
from ecosystem.measures.coordination.overlap import pair_scores
from ecosystem.measures.coordination.pair_similarity import InitiativeFeatures, title_similarity
from ecosystem.measures.coordination.set_intersections import shared_columns

__all__ = ["DIFFERENT", "ORGANISATION", "SAME", "near_pair_index", "principal_matrix",
           "principal_title_pairs", "relation_codes"]

#: Relation codes of :func:`relation_codes` (the ``relation`` words ``different``,
#: ``organisation`` and ``same`` of
#: :func:`~ecosystem.measures.coordination.lead_relations.pair_relations`).
DIFFERENT, ORGANISATION, SAME = 0, 1, 2


def principal_matrix(ids: np.ndarray, principals: dict) -> tuple[sp.csr_matrix, np.ndarray]:
    """Binary CSR of initiatives (``ids``, in order) × principal actor ids, and the actor ids."""
    pos = pd.Index(ids)
    rows, acts = [], []
    for iid, group in principals.items():
        rows.extend([iid] * len(group))
        acts.extend(group)
    r = pos.get_indexer(pd.Index(rows, dtype=object)) if rows else np.empty(0, dtype=np.int64)
    keep = r >= 0
    codes, labels = pd.factorize(pd.Series(acts, dtype=object)[keep], sort=True)
    m = sp.csr_matrix((np.ones(len(codes)), (r[keep], codes)), shape=(len(ids), len(labels)))
    m.sum_duplicates()
    m.data[:] = 1.0
    return m, np.asarray(labels, dtype=object)


def principal_title_pairs(f: InitiativeFeatures, principals: dict, min_title: float,
                          block: int = 2000) -> np.ndarray:
    """Index pairs ``(i, j)``, ``i < j``, sharing a principal organisation whose titles
    reach ``min_title`` (rapidfuzz token-sort ratio, 0–100), one row each."""
    m, _ = principal_matrix(f.ids, principals)
    by_actor = m.tocsc()
    found = []
    for c in range(by_actor.shape[1]):
        k = np.sort(by_actor.indices[by_actor.indptr[c]:by_actor.indptr[c + 1]]).astype(np.int64)
        if len(k) < 2:
            continue
        titles = f.title_keys[k]  # token-sort ratio = ratio of the word-sorted titles
        for s in range(0, len(k), block):  # each block against itself and the later ones
            # threads only for a large block: starting them costs more than a few comparisons
            many = min(block, len(k) - s) * (len(k) - s) > 100_000
            sim = process.cdist(titles[s:s + block], titles[s:], scorer=fuzz.ratio,
                                score_cutoff=min_title, dtype=np.uint8, workers=-1 if many else 1)
            hit = np.flatnonzero(sim.any(axis=1))  # few rows have a match: scan only those
            a, b = np.nonzero(sim[hit])
            a, b = hit[a] + s, b + s
            keep = a < b
            found.append(k[a[keep]] * len(f) + k[b[keep]])
    codes = distinct_codes(np.concatenate(found)) if found else np.empty(0, dtype=np.int64)
    return np.stack([codes // max(len(f), 1), codes % max(len(f), 1)], axis=1)


def relation_codes(m: sp.csr_matrix, actors: np.ndarray, i: np.ndarray, j: np.ndarray,
                   matcher: OrganisationMatcher) -> np.ndarray:
    """How the principal organisations of rows ``i[k]`` and ``j[k]`` of ``m`` relate.

    :data:`SAME` when they share a principal actor id, else :data:`ORGANISATION`
    when some pair of their principal ids is likely one organisation (``matcher``,
    asked once per distinct pair of ids), else :data:`DIFFERENT` (also when either
    has none). ``m`` and ``actors`` are from :func:`principal_matrix`.
    """
    i, j = np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64)
    rel = np.full(len(i), DIFFERENT, dtype=np.int8)
    rel[shared_columns(m, i, j)[0]] = SAME
    rest = np.flatnonzero(rel == DIFFERENT)
    size = np.diff(m.indptr).astype(np.int64)
    rest = rest[(size[i[rest]] > 0) & (size[j[rest]] > 0)]
    if len(rest) == 0:
        return rel
    a, b = i[rest], j[rest]
    cnt = size[a] * size[b]
    k = np.repeat(np.arange(len(rest), dtype=np.int64), cnt)
    off = np.arange(len(k), dtype=np.int64) - np.repeat(np.cumsum(cnt) - cnt, cnt)
    ca = m.indices[m.indptr[a][k] + off // size[b][k]].astype(np.int64)
    cb = m.indices[m.indptr[b][k] + off % size[b][k]].astype(np.int64)
    n = max(len(actors), 1)
    code = np.minimum(ca, cb) * n + np.maximum(ca, cb)
    distinct, inv = distinct_codes(code, return_inverse=True)
    one = np.fromiter((bool(matcher.evidence(actors[x // n], actors[x % n]))
                       for x in distinct.tolist()), dtype=bool, count=len(distinct))
    rel[rest[k[one[inv]]]] = ORGANISATION
    return rel


def near_pair_index(f: InitiativeFeatures, cand: pd.DataFrame, principals: dict,
                    matcher: OrganisationMatcher, min_title: float, min_text_copy: float,
                    weights: dict[str, float] | None = None) -> pd.DataFrame:
    """Near-identical records of one organisation: :func:`pair_scores` rows plus ``relation``.

    Parameters
    ----------
    f : InitiativeFeatures
    cand : DataFrame
        The scored overlap candidates (text copies, cosine ≥ ``min_text_copy``, come from them).
    principals : dict
        :func:`~ecosystem.measures.coordination.lead_relations.principal_actors`.
    matcher : OrganisationMatcher
    min_title, min_text_copy : float
        Title similarity (0–100) or text cosine making two records near-identical.
    weights : dict, optional
        Component weights of the score.

    Returns
    -------
    DataFrame
        Columns ``i``, ``j``, the components, ``score`` (pairs without a score are
        left out, as :func:`pair_scores` does) and ``relation`` (:data:`SAME` or
        :data:`ORGANISATION`), in ``(i, j)`` order.
    """
    n = max(len(f), 1)
    by_title = principal_title_pairs(f, principals, min_title)
    copy = (cand["text_cosine"] >= min_text_copy).to_numpy()
    codes = distinct_codes(np.concatenate([
        by_title[:, 0] * n + by_title[:, 1],
        cand["i"].to_numpy(dtype=np.int64)[copy] * n + cand["j"].to_numpy(dtype=np.int64)[copy]]))
    i, j = codes // n, codes % n
    m, actors = principal_matrix(f.ids, principals)
    rel = relation_codes(m, actors, i, j, matcher)
    one = rel != DIFFERENT
    out = pair_scores(f, i[one], j[one], weights)
    out["relation"] = rel[one][np.searchsorted(codes[one], out["i"].to_numpy() * n
                                               + out["j"].to_numpy())]
    # near-identical: the text test holds for copies and the title test for title pairs;
    # checked again here, the title only where the text falls short
    short = np.flatnonzero(~(out["text_cosine"].fillna(0).to_numpy() >= min_text_copy))
    ok = np.ones(len(out), dtype=bool)
    if len(short):
        a, b = out["i"].to_numpy()[short], out["j"].to_numpy()[short]
        ok[short] = title_similarity(f, a, b) >= min_title
    return out if ok.all() else out[ok].reset_index(drop=True)
