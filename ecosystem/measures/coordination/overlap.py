"""Overlap between initiatives: which pairs do much the same thing with the same people.

Two initiatives overlap when they share actors, SDG targets, places, time and
wording. :func:`initiative_pairs` scores each of these components
(:mod:`ecosystem.measures.coordination.pair_similarity`: Jaccard indices of
actors, targets and places, the overlap coefficient of the time windows, the
TF-IDF cosine of the texts) on candidate pairs
(:mod:`ecosystem.measures.coordination.candidates`, never all pairs) and
combines them into one score:

    score = Σ_c w_c · x_c / Σ_c w_c,   over the components c that are known,

with the weights :data:`DEFAULT_WEIGHTS`. An unknown component (say, dates
missing in one record) drops out of both sums rather than counting as zero; a
pair whose known components carry less than half the total weight
(:data:`MIN_KNOWN_WEIGHT`) gets no score.

Text floor
----------
A pair is reported only when its ``text_cosine`` also reaches ``min_text``
(default :data:`DEFAULT_MIN_TEXT` = 0.2). Without it the list fills with one
actor's portfolio: a government or the European Union registers dozens of
commitments alone (``actors_jaccard`` = 1) on the same few SDG 14 targets and
the same basin, so records describing unrelated work (satellites and coral
reefs) score high. On the Ocean registry, 154 of the 500 pairs scoring ≥ 0.5
with the default weights have a text cosine below 0.2 (with weights
actors .3, targets .15, places .15, time .1, text .3 it was 1,467 of 2,290
below 0.15). Set ``min_text=0`` for the plain weighted score.

The candidate step's recall against comparing all pairs is measured by
:mod:`ecosystem.measures.coordination.candidate_recall` (``make bench`` prints it).

References
----------
Jaccard, P. (1912). The distribution of the flora in the alpine zone.
*New Phytologist* 11(2), 37–50.
Salton, G. & Buckley, C. (1988). Term-weighting approaches in automatic text
retrieval. *Information Processing & Management* 24(5), 513–523.

Examples
--------
Two coral-reef projects in Fiji sharing actor ``a`` (of ``a``, ``b``, ``c``),
target 14.2 and the year 2021, and an unrelated third one:

>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> ids = ["i1", "i2", "i3"]
>>> reg = Registry.from_frames(
...     actors=pd.DataFrame({"actor_id": list("abcd"), "name": list("ABCD"),
...                          "actor_type": "ngo"}),
...     initiatives=pd.DataFrame({
...         "initiative_id": ids, "registry": "r", "record_id": ids, "kind": "partnership",
...         "title": ["Coral reef restoration in Fiji", "Restoring Fiji coral reefs",
...                   "Ocean acidification monitoring"],
...         "description": ["Local communities restore coral reefs.",
...                         "Communities restore damaged coral reefs.",
...                         "Sensors measure acidity offshore."],
...         "start": ["2020-01-01", "2021-01-01", "2019-01-01"],
...         "end": ["2021-12-31", "2021-12-31", "2019-12-31"]}),
...     ties=pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i2", "i3"],
...                        "actor_id": ["a", "b", "a", "c", "d"], "role": "partner",
...                        "registry": "r", "record_id": "x"}),
...     initiative_targets=pd.DataFrame({"initiative_id": ids, "goal": 14,
...                                      "target": ["14.2", "14.2", "14.3"]}),
...     initiative_places=pd.DataFrame({"initiative_id": ids, "kind": "country",
...                                     "place": ["FJI", "FJI", "KEN"]}))
>>> p = initiative_pairs(reg)
>>> p[["initiative_a", "initiative_b"]].values.tolist()
[['i1', 'i2']]
>>> [round(float(p.loc[0, c]), 3) for c in ("actors_jaccard", "targets_jaccard",
...                                         "places_jaccard", "time_overlap", "text_cosine")]
[0.333, 1.0, 1.0, 1.0, 0.624]
>>> round(float(p.loc[0, "score"]), 3)  # .2 × 1/3 + .1 × 1 + .1 × 1 + .1 × 1 + .5 × 0.624
0.678
>>> print(p.loc[0, "explanation"])  # doctest: +NORMALIZE_WHITESPACE
1 of 3 actors shared (A); same target 14.2; same place FJI; windows overlap 100% of the
shorter; titles 86% similar, text cosine 0.62
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ecosystem.dormancy import DateLike
from ecosystem.errors import AnalysisError
from ecosystem.filters import filter_registry
from ecosystem.measures.coordination.candidates import TEXT_NEIGHBOURS, candidate_pairs
from ecosystem.measures.coordination.pair_explanations import explain_pairs
from ecosystem.measures.coordination.pair_similarity import (
    COMPONENTS,
    InitiativeFeatures,
    cosine,
    initiative_features,
    pair_components,
    title_similarity,
)
from ecosystem.model import Registry

__all__ = [
    "initiative_pairs", "OverlapCandidates", "overlap_candidates", "overlap_features",
    "combined_score", "check_weights", "pair_scores", "describe_pairs", "explain_pairs",
    "score_pairs", "DEFAULT_WEIGHTS", "DEFAULT_MIN_SCORE", "DEFAULT_MIN_TEXT",
    "MIN_KNOWN_WEIGHT", "PAIR_COLUMNS", "EXPLAINED_PAIRS",
]

#: Default weight of each similarity component in the combined score. Text
#: carries half: doing the same thing shows first in what the records say.
#: Actors come next; targets and places are coarse in most registries (the
#: Ocean registry has ten SDG 14 targets and a handful of basins, and two random
#: Ocean commitments share a quarter of their targets), and a single actor's
#: solo records all have ``actors_jaccard`` = 1, so neither may outweigh the
#: text. With equal-ish weights (actors .3, text .3), the European Union's
#: unrelated solo commitments (same target 14.a, place "Global", text 0.3)
#: outranked two records of the same marine-area list by different entities
#: (text 0.99).
DEFAULT_WEIGHTS = {"actors": 0.20, "targets": 0.10, "places": 0.10, "time": 0.10, "text": 0.50}

#: Default threshold on the combined score for a pair to be reported.
DEFAULT_MIN_SCORE = 0.5

#: Share of the total weight the known components must carry for a pair to get a
#: score: with the default weights, the text alone, or actors, targets, places and
#: time together. A record with no actor and no text (the Ocean registry has one,
#: titled "N/A") otherwise "matched" 189 others on its targets, basin and dates.
MIN_KNOWN_WEIGHT = 0.5

#: Pairs the report puts in words (:func:`initiative_pairs` ``explain``): far more than a
#: reader goes through (the Ocean registry has a few hundred pairs above the defaults),
#: far fewer than the 2.5 million of a 70,000-initiative synthetic registry.
EXPLAINED_PAIRS = 100_000

#: Default floor on ``text_cosine`` for a pair to be reported (see the module notes).
DEFAULT_MIN_TEXT = 0.2

PAIR_COLUMNS = ["initiative_a", "initiative_b", "title_a", "title_b", "actors_jaccard",
                "shared_actors", "targets_jaccard", "places_jaccard", "time_overlap",
                "text_cosine", "title_similarity", "score", "explanation"]

_COLUMN = {"actors": "actors_jaccard", "targets": "targets_jaccard", "places": "places_jaccard",
           "time": "time_overlap", "text": "text_cosine"}


def check_weights(weights: dict[str, float] | None) -> dict[str, float]:
    """The weight of each component: ``weights`` checked, missing ones 0.

    ``None`` gives :data:`DEFAULT_WEIGHTS`.

    Raises :class:`AnalysisError` for an unknown component, a negative or
    non-finite weight, or weights summing to zero.
    """
    w = dict(DEFAULT_WEIGHTS if weights is None else weights)
    unknown = set(w) - set(COMPONENTS)
    if unknown:
        raise AnalysisError(f"unknown weight(s) {sorted(unknown)}: use the components "
                            f"{list(COMPONENTS)}")
    if any(not np.isfinite(v) or v < 0 for v in w.values()) or sum(w.values()) <= 0:
        raise AnalysisError(f"weights must be non-negative numbers with a positive sum, got {w}")
    return {c: float(w.get(c, 0.0)) for c in COMPONENTS}


def combined_score(components: pd.DataFrame,
                   weights: dict[str, float] | None = None) -> np.ndarray:
    """Weighted mean of the known components.

    NaN (no score) when the known components carry less than
    :data:`MIN_KNOWN_WEIGHT` of the total weight.

    Examples
    --------
    >>> df = pd.DataFrame({"actors_jaccard": [1.0], "targets_jaccard": [0.5],
    ...     "places_jaccard": [float("nan")], "time_overlap": [float("nan")],
    ...     "text_cosine": [0.2]})
    >>> round(float(combined_score(df)[0]), 4)  # (.2·1 + .1·.5 + .5·.2) / .8
    0.4375
    """
    w = check_weights(weights)
    wv = np.array([w[c] for c in COMPONENTS])
    # one column at a time (memory), added left to right as numpy's sum over a row of
    # five adds them, so the scores are the same to the last bit
    num = den = 0.0
    for c in COMPONENTS:
        x = components[_COLUMN[c]].to_numpy(dtype=float)
        known = ~np.isnan(x)
        num = num + np.where(known, x, 0.0) * w[c]
        den = den + known * w[c]
    enough = den >= MIN_KNOWN_WEIGHT * wv.sum() - 1e-12
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(enough & (den > 0), num / np.where(den > 0, den, 1), np.nan)


def overlap_features(reg: Registry, *, dormant: str = "include",
                     today: DateLike = None) -> InitiativeFeatures:
    """The :class:`~ecosystem.measures.coordination.pair_similarity.InitiativeFeatures`
    of the initiatives ``dormant`` keeps (dormancy as of ``today``).

    Raises :class:`AnalysisError` when fewer than two initiatives are left.
    """
    if len(reg.initiatives) == 0:
        raise AnalysisError("the overlap analysis needs initiatives, but the registry is "
                            "empty: load a registry file with ecosystem.load(path)")
    sub = filter_registry(reg, dormant=dormant, today=today)
    if len(sub.initiatives) < 2:
        raise AnalysisError(f"the overlap analysis needs at least two initiatives, got "
                            f"{len(sub.initiatives)}: load more records or loosen the filters")
    return initiative_features(sub)


@dataclass
class OverlapCandidates:
    """Initiative features and candidate pairs, computed once for every overlap measure.

    :func:`initiative_pairs`, :func:`ecosystem.measures.coordination.duplicates.duplicate_clusters`
    and :func:`~ecosystem.measures.coordination.duplicates.near_duplicate_pairs` take it as
    ``candidates=``; :class:`ecosystem.measures.context.Analysis` builds it once.
    :meth:`scored` keeps each scoring of the candidates, so that the measures
    share it too.

    Attributes
    ----------
    features : InitiativeFeatures
        Of the initiatives ``dormant`` kept (:func:`overlap_features`).
    i, j : numpy arrays of int
        Candidate pairs, positions in ``features``
        (:func:`~ecosystem.measures.coordination.candidates.candidate_pairs`).
    """

    features: InitiativeFeatures
    i: np.ndarray
    j: np.ndarray
    _scored: dict = field(default_factory=dict, repr=False)

    def scored(self, weights: dict[str, float] | None = None,
               min_text: float = 0.0) -> pd.DataFrame:
        """:func:`pair_scores` of the candidates at ``min_score`` 0 and ``min_text``, kept.

        Filtering the result on ``score >= s`` gives ``pair_scores(..., min_score=s)``.
        """
        w = check_weights(weights)
        key = (tuple(w.values()), float(min_text))
        if key not in self._scored:
            self._scored[key] = pair_scores(self.features, self.i, self.j, w, 0.0, min_text)
        return self._scored[key]


def overlap_candidates(reg: Registry, *, dormant: str = "include", today: DateLike = None,
                       max_facet_df: int | None = None,
                       text_neighbours: int = TEXT_NEIGHBOURS) -> OverlapCandidates:
    """Features and candidate pairs of ``reg``'s initiatives (what ``dormant`` keeps).

    Parameters
    ----------
    reg : Registry
    dormant : {"include", "exclude", "only"}
    today : DateLike, optional
        Reference date for dormancy (default: today).
    max_facet_df, text_neighbours
        Candidate-step settings, see
        :func:`ecosystem.measures.coordination.candidates.candidate_pairs`.

    Raises
    ------
    AnalysisError
        When fewer than two initiatives are left.
    """
    f = overlap_features(reg, dormant=dormant, today=today)
    i, j = candidate_pairs(f, max_facet_df=max_facet_df, text_neighbours=text_neighbours)
    return OverlapCandidates(f, np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64))


def pair_scores(f: InitiativeFeatures, i: np.ndarray, j: np.ndarray,
                weights: dict[str, float] | None = None, min_score: float = 0.0,
                min_text: float = 0.0) -> pd.DataFrame:
    """Components and combined score of the index pairs ``(i[k], j[k])`` of ``f``.

    Returns the columns of :func:`ecosystem.measures.coordination.pair_similarity.pair_components`
    plus ``score``, keeping the pairs that reach ``min_score`` and ``min_text``;
    :func:`describe_pairs` turns them into the table of :func:`initiative_pairs`.
    """
    i, j = np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64)
    if min_text > 0:  # the text floor first: most candidates fail it, and it is cheap
        ok = np.zeros(len(i), dtype=bool)
        for s in range(0, len(i), 500_000):
            ok[s:s + 500_000] = np.nan_to_num(cosine(f.text, i[s:s + 500_000],
                                                     j[s:s + 500_000])) >= min_text
        i, j = i[ok], j[ok]
    comp = pair_components(f, i, j)
    comp["score"] = combined_score(comp, weights)
    keep = ((comp["score"] >= min_score) & (comp["text_cosine"].fillna(0) >= min_text)).to_numpy()
    return comp if keep.all() else comp[keep].reset_index(drop=True)


def describe_pairs(f: InitiativeFeatures, scored: pd.DataFrame, chunk: int = 250_000,
                   explain: int | None = None) -> pd.DataFrame:
    """Ids, titles, title similarity and explanation for :func:`pair_scores` rows.

    Returns the columns of :func:`initiative_pairs`, best score first (ties by the
    ids of the two initiatives). Explanations are written ``chunk`` pairs at a time
    and stored as they are made (memory); with ``explain`` set, only the first
    ``explain`` pairs get one (the others ``<NA>``).
    """
    order = np.lexsort((f.id_rank[scored["j"].to_numpy(dtype=np.int64)],
                        f.id_rank[scored["i"].to_numpy(dtype=np.int64)],
                        -scored["score"].to_numpy(dtype=float)))
    out = scored.iloc[order].reset_index(drop=True)
    i, j = out.pop("i").to_numpy(dtype=np.int64), out.pop("j").to_numpy(dtype=np.int64)
    out["title_similarity"] = title_similarity(f, i, j)
    told = len(out) if explain is None else min(len(out), max(0, int(explain)))
    words = [pd.Series(explain_pairs(f, out.iloc[s:min(s + chunk, told)].assign(
        i=i[s:min(s + chunk, told)], j=j[s:min(s + chunk, told)])), dtype="string")
        for s in range(0, told, chunk)]
    words.append(pd.Series(pd.NA, index=range(len(out) - told), dtype="string"))
    out["explanation"] = pd.concat(words, ignore_index=True)
    ids, titles = pd.array(f.ids, dtype="string"), pd.array(f.titles, dtype="string")
    for c, v in (("initiative_a", ids.take(i)), ("initiative_b", ids.take(j)),
                 ("title_a", titles.take(i)), ("title_b", titles.take(j))):
        out[c] = v  # each initiative's strings converted once, then gathered
    return out[PAIR_COLUMNS]


def score_pairs(f: InitiativeFeatures, i: np.ndarray, j: np.ndarray, *,
                weights: dict[str, float] | None = None, min_score: float = 0.0,
                min_text: float = 0.0) -> pd.DataFrame:
    """Score the index pairs ``(i[k], j[k])`` of ``f``; columns of :func:`initiative_pairs`.

    Pairs below ``min_score`` or ``min_text`` are dropped.
    """
    return describe_pairs(f, pair_scores(f, i, j, weights, min_score, min_text))


def initiative_pairs(reg: Registry, *, min_score: float = DEFAULT_MIN_SCORE,
                     weights: dict[str, float] | None = None,
                     min_text: float = DEFAULT_MIN_TEXT, dormant: str = "include",
                     today: DateLike = None,
                     max_facet_df: int | None = None,
                     text_neighbours: int = TEXT_NEIGHBOURS,
                     candidates: OverlapCandidates | None = None,
                     explain: int | None = None) -> pd.DataFrame:
    """Pairs of initiatives whose combined similarity is at least ``min_score``.

    Parameters
    ----------
    reg : Registry
    min_score : float
        Threshold on the combined score (0..1).
    weights : dict, optional
        Weight per component (keys from ``actors``, ``targets``, ``places``,
        ``time``, ``text``; missing keys weigh 0). Default :data:`DEFAULT_WEIGHTS`.
    min_text : float
        Floor on ``text_cosine``: pairs whose texts have less in common are not
        reported whatever their score (0 turns the floor off; the candidate
        step's recall is then lower, see :func:`candidate_recall`).
    dormant : {"include", "exclude", "only"}
        Whether dormant records (:mod:`ecosystem.dormancy`) take part.
    today : DateLike, optional
        Reference date for dormancy (default: today).
    max_facet_df, text_neighbours
        Candidate-step settings, see
        :func:`ecosystem.measures.coordination.candidates.candidate_pairs`.
    candidates : OverlapCandidates, optional
        Features and candidates from :func:`overlap_candidates`, computed once
        and shared; ``dormant``, ``today``, ``max_facet_df`` and
        ``text_neighbours`` are then those it was built with.
    explain : int, optional
        Write the explanation of the best ``explain`` pairs only (the others
        ``<NA>``; their components are all there). Putting millions of pairs in
        words costs more than finding them (2.5 million pairs at 70,000
        initiatives: about 15 s and 0.5 GB); a report shows the best few.
        Default: every pair.

    Returns
    -------
    DataFrame
        One row per pair, best first: ``initiative_a``, ``initiative_b``,
        ``title_a``, ``title_b``, ``actors_jaccard``, ``shared_actors`` (number
        of actors in both), ``targets_jaccard``, ``places_jaccard``,
        ``time_overlap``, ``text_cosine`` (components; NaN = unknown),
        ``title_similarity`` (rapidfuzz token-sort ratio of the titles, 0–100,
        not part of the score), ``score`` and ``explanation``.

    Raises
    ------
    AnalysisError
        When the registry (or what ``dormant`` leaves of it) has fewer than two
        initiatives, or the weights are invalid.
    """
    w = check_weights(weights)
    c = candidates if candidates is not None else overlap_candidates(
        reg, dormant=dormant, today=today, max_facet_df=max_facet_df,
        text_neighbours=text_neighbours)
    scored = c.scored(w, min_text)
    return describe_pairs(c.features, scored[scored["score"] >= min_score].reset_index(drop=True),
                          explain=explain)
