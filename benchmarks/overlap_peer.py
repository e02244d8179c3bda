"""The overlap section's work done the plain way with scikit-learn, scipy and rapidfuzz: the
peer of the ``overlap`` row of :mod:`benchmarks.stage_table`.

The report's overlap section (``overlap_candidates`` + ``initiative_pairs`` +
``duplicate_clusters``) does more than find each text's nearest texts, so a peer that only
does that (TF-IDF and the top 10 of X·Xᵀ) is not the same computation. :func:`overlap_peer`
does each step of the section with the libraries' own calls, on the same inputs and
settings:

1. TF-IDF of title + description (scikit-learn ``TfidfVectorizer``, the project's options)
   and the initiative × actor, × target/goal and × place incidence (pandas + scipy);
2. candidate pairs: pairs sharing an actor, target or place held by at most
   max(50, √n) initiatives (scipy M·Mᵀ), and each text's 10 nearest (dense blocks of X·Xᵀ,
   ``argpartition``);
3. every candidate scored: Jaccard of actors, targets and places, cosine of the texts
   (scipy row products), overlap of the time windows (numpy), the weighted mean of the
   known components (the report's weights), the pairs above 0.5 with a text cosine of 0.2
   given their title similarity (rapidfuzz ``cpdist``);
4. duplicates: pairs of one lead with titles ≥ 90 similar (rapidfuzz ``cdist`` per lead)
   or texts ≥ 0.9, and pairs scoring ≥ 0.8, grouped by connected components (scipy).

What the section does beyond it has no library peer: the words explaining each pair and
cluster, the relation of two leads (one organisation under two names), principal actors
for records without a lead, adaptive neighbours (up to 50 above a cosine of 0.1), and
scikit-learn's TF-IDF vectors computed without scikit-learn.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

__all__ = ["TEXT_OPTIONS", "WEIGHTS", "nearest_texts", "overlap_peer", "text_top_k"]

TEXT_OPTIONS = {"stop_words": "english", "sublinear_tf": True, "strip_accents": "unicode",
                "token_pattern": r"(?u)\b[^\W\d_]{2,}\b"}  # the project's TF-IDF options

#: The report's default weight of each component.
WEIGHTS = {"actors": 0.2, "targets": 0.1, "places": 0.1, "time": 0.1, "text": 0.5}


def nearest_texts(x: sp.csr_matrix, k: int = 10, max_df: float = 0.2,
                  block_entries: int = 20_000_000) -> np.ndarray:
    """Brute-force cosine kNN of TF-IDF rows (frequent words left out): each row's ``k``
    nearest from dense blocks of X·Xᵀ (``argpartition`` per row)."""
    n = x.shape[0]
    df = np.bincount(x.indices, minlength=x.shape[1])
    xs = x[:, np.flatnonzero(df <= max(2, max_df * n))].astype(np.float32).tocsr()
    xt = xs.T.tocsr()
    step, out = max(1, block_entries // n), []
    for s in range(0, n, step):
        sim = (xs[s:s + step] @ xt).toarray()
        sim[np.arange(len(sim)), np.arange(s, s + len(sim))] = -1.0  # not oneself
        out.append(np.argpartition(-sim, min(k, n - 1) - 1, axis=1)[:, :k].copy())  # not a view
    return np.concatenate(out)


def text_top_k(texts: list[str], k: int = 10, max_df: float = 0.2,
               block_entries: int = 20_000_000) -> np.ndarray:
    """scikit-learn TF-IDF of ``texts``, then :func:`nearest_texts`."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(**TEXT_OPTIONS).fit_transform(texts).tocsr()
    return nearest_texts(x, k, max_df, block_entries)


def _incidence(index: pd.Index, rows: pd.Series, tokens: pd.Series) -> sp.csr_matrix:
    r = index.get_indexer(rows)
    ok = r >= 0
    codes, uniques = pd.factorize(tokens[ok])
    m = sp.csr_matrix((np.ones(int(ok.sum())), (r[ok], codes)), shape=(len(index), len(uniques)))
    m.sum_duplicates()
    m.data[:] = 1.0
    return m


def _rows_dot(m: sp.csr_matrix, i: np.ndarray, j: np.ndarray, step: int = 20_000) -> np.ndarray:
    """Σ_c m[i, c]·m[j, c] of each pair, blocks of ``step`` pairs (scipy row products)."""
    return np.concatenate([np.asarray(m[i[s:s + step]].multiply(m[j[s:s + step]]).sum(axis=1))
                           .ravel() for s in range(0, len(i), step)] or [np.zeros(0)])


def _jaccard(m: sp.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    size = np.diff(m.indptr)
    inter = _rows_dot(m, i, j)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = inter / (size[i] + size[j] - inter)
    out[(size[i] == 0) | (size[j] == 0)] = np.nan
    return out


def _days(s: pd.Series) -> np.ndarray:
    d = pd.to_datetime(s)
    d = d.where(d >= pd.Timestamp("1980-01-01")).to_numpy(dtype="datetime64[D]")
    out = d.astype("int64").astype(float)
    out[np.isnat(d)] = np.nan
    return out


def overlap_peer(reg) -> tuple[pd.DataFrame, np.ndarray]:
    """The overlap section's steps with the libraries' calls (module notes): the scored
    pairs above 0.5 and the cluster label of every initiative in a duplicate pair (-1 for
    the others)."""
    from rapidfuzz import fuzz, process, utils
    from scipy.sparse.csgraph import connected_components
    from sklearn.feature_extraction.text import TfidfVectorizer

    ini, ties = reg.initiatives, reg.ties
    n = len(ini)
    index = pd.Index(ini["initiative_id"])
    texts = (ini["title"].fillna("") + " " + ini["description"].fillna("")).str.strip().tolist()
    x = TfidfVectorizer(**TEXT_OPTIONS).fit_transform(texts).tocsr()
    actors = _incidence(index, ties["initiative_id"], ties["actor_id"])
    tg = pd.concat([reg.initiative_targets[["initiative_id"]].assign(
        tok=reg.initiative_targets["target"].astype(str)), reg.initiative_goals[
        ["initiative_id"]].assign(tok="SDG " + reg.initiative_goals["goal"].astype(str))])
    targets = _incidence(index, tg["initiative_id"], tg["tok"])
    pl = reg.initiative_places
    places = _incidence(index, pl["initiative_id"], pl["kind"].astype(str) + ":"
                        + pl["place"].astype(str))
    # candidates: shared rare facets, and each text's nearest
    cap, codes = max(50, int(np.sqrt(n))), []
    for m in (actors, targets, places):
        df = np.bincount(m.indices, minlength=m.shape[1])
        mk = m[:, np.flatnonzero((df >= 2) & (df <= cap))]
        pairs = sp.triu(mk @ mk.T, 1).tocoo()
        codes.append(pairs.row.astype(np.int64) * n + pairs.col)
    near = nearest_texts(x)
    a = np.repeat(np.arange(n), near.shape[1])
    codes.append(np.minimum(a, near.ravel()) * n + np.maximum(a, near.ravel()))
    codes = np.unique(np.concatenate(codes))
    codes = codes[codes // n != codes % n]
    i, j = codes // n, codes % n
    # scores
    empty = np.diff(x.indptr) == 0
    cos = np.clip(_rows_dot(x, i, j), 0, 1)
    cos[empty[i] | empty[j]] = np.nan
    start, end = _days(ini["start"]), _days(ini["end"])
    length = end - start + 1
    with np.errstate(invalid="ignore"):
        time = (np.clip(np.minimum(end[i], end[j]) - np.maximum(start[i], start[j]) + 1, 0, None)
                / np.minimum(length[i], length[j]))
    comp = np.column_stack([_jaccard(actors, i, j), _jaccard(targets, i, j),
                            _jaccard(places, i, j), time, cos])
    w = np.array(list(WEIGHTS.values()))
    known = ~np.isnan(comp)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(known @ w >= 0.5 * w.sum(), np.nansum(comp * w, axis=1) / (known @ w),
                         np.nan)
    ok = (score >= 0.5) & (np.nan_to_num(cos) >= 0.2)
    keys = np.array([utils.default_process(t) for t in ini["title"].fillna("").tolist()],
                    dtype=object)
    found = pd.DataFrame({"i": i[ok], "j": j[ok], "score": score[ok], "title": process.cpdist(
        keys[i[ok]], keys[j[ok]], scorer=fuzz.token_sort_ratio, workers=1)})
    # duplicates: one lead's near-identical titles or texts, and pairs scoring 0.8
    lead = ties[ties["role"] == "lead"]
    leads = _incidence(index, lead["initiative_id"], lead["actor_id"]).tocsc()
    dup = [codes[(score >= 0.8) & (np.nan_to_num(cos) >= 0.2)]]
    for c in range(leads.shape[1]):
        k = np.sort(leads.indices[leads.indptr[c]:leads.indptr[c + 1]])
        if len(k) > 1:
            sim = process.cdist(keys[k], keys[k], scorer=fuzz.token_sort_ratio, score_cutoff=90,
                                dtype=np.uint8, workers=1)
            u, v = np.nonzero(np.triu(sim, 1))
            dup.append(k[u] * n + k[v])
    same_lead = _rows_dot(leads.tocsr(), i, j) > 0
    dup.append(codes[same_lead & (np.nan_to_num(cos) >= 0.9)])
    d = np.unique(np.concatenate(dup))
    g = sp.coo_matrix((np.ones(len(d)), (d // n, d % n)), shape=(n, n))
    _, label = connected_components(g, directed=False)
    label[np.bincount(np.r_[d // n, d % n], minlength=n) == 0] = -1
    return found, label
