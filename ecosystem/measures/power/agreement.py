"""The Agreement Matrix: do partners agree on what to achieve, and on how?

Mancini ("Managing Partnership", *International Peacekeeping*) adapts to
partnerships the Agreement Matrix of Stevenson and colleagues (Christensen,
Marx & Stevenson 2006): two axes, agreement on **goals** (what the partners
want to achieve) and agreement on **means** (how to achieve it, cause and
effect), whose quadrants call for different families of cooperation tools:

==========  ======  =====  ==================  =========================================
quadrant    goals   means  tool family         examples of tools
==========  ======  =====  ==================  =========================================
I           high    low    leadership tools    shared vision, role models, persuasion
II          high    high   culture tools       shared routines, rituals, joint norms
III         low     high   management tools    coordination procedures, training,
                                               measurement and reporting systems
IV          low     low    power tools         mandates, formal agreements with
                                               conditions, incentives, negotiation
==========  ======  =====  ==================  =========================================

How agreement is measured from a registry
-----------------------------------------
Each actor has a profile (:mod:`ecosystem.measures.power.actor_profiles`):
for every feature, the number of its initiatives that carry it. Agreement of
two actors on a family of features is the **cosine similarity** of their
profiles, cos(x, y) = Σ_f x_f y_f / (‖x‖ ‖y‖) (in [0, 1] for counts; 1 when
the profiles are proportional, 0 when they share no feature). Cosine ignores
the size of the actors, so a hub and a small partner that pursue the same
targets agree fully.

Goals
    The SDG targets of the actor's initiatives (``14.1``), plus the goal
    itself (``SDG 13``) for an initiative tagged with a goal but none of its
    targets. Pursuing different targets of one goal is low agreement.
Means
    The mean of the cosine of up to three families, each counted only when
    both actors have data on it: ``resources`` (resource types their
    initiatives declare: financing, staff/expertise, in-kind, other),
    ``themes`` (themes of any vocabulary: communities of ocean action, DAC
    sectors, clusters) and ``roles`` (the roles the actor holds: lead,
    partner, funding, implementing, ...). Choose families with ``means=``.

A value at or above the threshold is *high* (default 0.5 on both axes,
configurable). When an axis cannot be measured (an actor has no target or
goal; no means family with data on both sides) the pair is *undetermined*.
Partners agree partly by construction, so over a whole registry fixed
thresholds hardly discriminate: :mod:`ecosystem.measures.power.agreement_matrix`
splits the partner pairs at the median pair and compares them with random pairs.

References
----------
Christensen, C. M., Marx, M. & Stevenson, H. H. (2006). The tools of
cooperation and change. *Harvard Business Review* 84(10), 72–80.
Mancini, F. Managing partnership. *International Peacekeeping* (the
Agreement Matrix adapted to partnerships).

Examples
--------
See :func:`agreement_pairs` and, for a group of actors,
:func:`~ecosystem.measures.power.agreement_group.agreement_group`.
"""
from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ecosystem.errors import AnalysisError
from ecosystem.measures.power.actor_pairs import resolve_actors, tied_pairs
from ecosystem.measures.power.actor_profiles import shared_counts, shared_features
from ecosystem.measures.power.pair_order import agreement_order
from ecosystem.measures.power.pair_profiles import PairProfiles, pair_profiles, profile_cosine
from ecosystem.model import Registry, require_initiatives

__all__ = [
    "DEFAULT_MAX_PAIRS",
    "MEANS_FAMILIES",
    "QUADRANTS",
    "agreement_pairs",
    "pair_agreements",
]

#: Families of features whose agreement is averaged into the means axis.
MEANS_FAMILIES = ("resources", "themes", "roles")
#: Most tied pairs scored when no pairs, community or actors are given.
DEFAULT_MAX_PAIRS = 2_000_000
#: Thresholds: (goals, means) in [0, 1], or "median" of the pairs scored.
Thresholds = tuple[float, float] | str

#: (goals high, means high) -> (quadrant, tool family, examples)
QUADRANTS = {
    (True, False): ("I", "leadership tools", "shared vision, role models and persuasion"),
    (True, True): ("II", "culture tools", "shared routines, rituals and joint norms"),
    (False, True): ("III", "management tools",
                    "coordination procedures, training, measurement and reporting"),
    (False, False): ("IV", "power tools",
                     "mandates, formal agreements with conditions, incentives and negotiation"),
}


def agreement_pairs(reg: Registry,
                    pairs: Sequence[tuple[str, str]] | pd.DataFrame | None = None, *,
                    community: str | int | None = None, membership: pd.DataFrame | None = None,
                    actors: Sequence[str] | None = None, thresholds: Thresholds = (0.5, 0.5),
                    means: Sequence[str] = MEANS_FAMILIES, min_initiatives: int = 1,
                    max_pairs: int = DEFAULT_MAX_PAIRS, dormant: str = "include",
                    explain: bool = True, profiles: PairProfiles | None = None,
                    scores_only: bool = False) -> pd.DataFrame:
    """Goal and means agreement of pairs of actors, with their quadrant and tool family.

    Parameters
    ----------
    reg : Registry
    pairs : list of (actor, actor) or DataFrame with ``actor_a, actor_b``, optional
        Exactly these pairs.
    community : str or int, optional
        All tied pairs (co-members of an initiative) among the actors of this
        community of ``membership``.
    membership : DataFrame, optional
        ``actor_id, community``; defaults to
        :func:`ecosystem.measures.network.communities.communities`.
    actors : list of str, optional
        Every pair among these actors, tied or not (ids or exact names).
    thresholds : (float, float) or "median"
        Goal and means agreement at or above which agreement is *high*
        (default 0.5, 0.5). ``"median"`` uses the medians over the pairs
        scored, so that quadrants say which pairs agree *more than is usual
        here*: in a single-goal registry such as the Ocean commitments nearly
        every pair agrees on goals in absolute terms. The thresholds used are
        in ``result.attrs["thresholds"]``.
    means : tuple of str
        Means families to use (subset of :data:`MEANS_FAMILIES`).
    min_initiatives : int
        Keep pairs where both actors take part in at least this many
        initiatives. Most actors of a registry appear once: two such co-members
        have the same profile and agree by construction (the explanation says
        so); ``min_initiatives=2`` keeps actors with a portfolio of their own.
    max_pairs : int
        Guard for the default (all tied pairs of the registry).
    dormant : {"include", "exclude"}
        Initiatives that make up the profiles.
    explain : bool
        Write the ``explanation`` sentence of every pair (default). ``False`` leaves it empty:
        for scores that are only counted, such as a null model's random pairs.
    profiles : PairProfiles, optional
        :func:`ecosystem.measures.power.pair_profiles.pair_profiles` of ``reg`` with the same
        ``dormant``, when already built (the Agreement Matrix scores two sets of pairs).
    scores_only : bool
        Return only ``actor_a, actor_b, goal_agreement, means_agreement`` (the same rows, in
        the same order): for pairs that are only counted, such as a null model's random pairs.

    Returns
    -------
    DataFrame
        ``actor_a, actor_b, name_a, name_b``, ``initiatives_a``,
        ``initiatives_b`` (initiatives of each actor), ``shared_initiatives``,
        ``goal_agreement, means_agreement``,
        one column per means family (``means_resources``, ``means_themes``,
        ``means_roles``; null where not measurable), ``quadrant`` (I–IV or
        "undetermined"), ``tool_family``, ``explanation``. Highest goal
        agreement first.

    Examples
    --------
    a leads i1 (targets 14.1, 14.2; financing; b is a partner) and i2 (14.1;
    in kind); c leads i3 (13.1). On goals a and b agree at (2 + 1)/(√5·√2) =
    0.949; on means, resources give 1/√2 and roles (a leads, b is a partner)
    0, mean 0.354. High on goals, low on means: quadrant I.

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i3"],
    ...                      "actor_id": ["a", "b", "a", "c"],
    ...                      "role": ["lead", "partner", "lead", "lead"], "registry": "r",
    ...                      "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": list("abc"), "name": list("ABC"),
    ...                          "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2", "i3"], "registry": "r",
    ...                               "record_id": "1", "kind": "partnership"}),
    ...     initiative_targets=pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i3"],
    ...                                      "target": ["14.1", "14.2", "14.1", "13.1"],
    ...                                      "goal": [14, 14, 14, 13]}),
    ...     resources=pd.DataFrame({"initiative_id": ["i1", "i2"],
    ...                             "type": ["financing", "in_kind"]}))
    >>> cols = ["actor_a", "actor_b", "goal_agreement", "means_agreement", "quadrant"]
    >>> agreement_pairs(reg, actors=["a", "b", "c"])[cols].round(3)
      actor_a actor_b  goal_agreement  means_agreement quadrant
    0       a       b           0.949            0.354        I
    1       a       c           0.000            1.000      III
    2       b       c           0.000            0.000       IV
    >>> for part in agreement_pairs(reg)["explanation"][0].split("; "):   # tied pairs only
    ...     print(part)
    goals 0.95 (high, shared: 14.1, 14.2)
    means 0.35 (low: resources 0.71, roles 0.00)
    quadrant I, leadership tools: shared vision, role models and persuasion
    """
    require_initiatives(reg, "agreement_pairs")
    if not (isinstance(thresholds, str) and thresholds == "median"):
        try:
            tg, tm = (float(t) for t in thresholds)
        except (TypeError, ValueError):
            tg = tm = -1.0
        if not (0 <= tg <= 1 and 0 <= tm <= 1):
            raise AnalysisError(f"thresholds must be two numbers in [0, 1] or 'median', "
                                f"got {thresholds!r}")
        thresholds = (tg, tm)
    bad = [f for f in means if f not in MEANS_FAMILIES]
    if bad or not means:
        raise AnalysisError(f"means families {bad or '()'} unknown: use some of {MEANS_FAMILIES}")
    if sum(x is not None for x in (pairs, community, actors)) > 1:
        raise AnalysisError("give only one of pairs=, community= or actors=")
    full = reg
    profiles = profiles or pair_profiles(full, dormant=dormant)
    reg = profiles.filtered
    if pairs is not None:
        given = (pairs[["actor_a", "actor_b"]].to_numpy(dtype=object).ravel().tolist()
                 if isinstance(pairs, pd.DataFrame) else [a for p in pairs for a in p])
        flat = resolve_actors(full, given, unique=False)  # a, b interleaved
        pair_list = (flat[0::2], flat[1::2])
    elif actors is not None:
        chosen = resolve_actors(full, actors)
        if len(chosen) < 2:
            raise AnalysisError("actors= needs at least two distinct actors")
        combos = list(itertools.combinations(chosen, 2))
        pair_list = ([a for a, _ in combos], [b for _, b in combos])
    elif community is not None:
        from ecosystem.measures.coordination.stakeholders import check_membership

        m = check_membership(full, membership)
        members = m.loc[m["community"].astype(str) == str(community), "actor_id"]
        if members.empty:
            raise AnalysisError(f"community {community!r} not found; communities: "
                                f"{', '.join(map(str, sorted(m['community'].unique())[:10]))} …")
        present = set(reg.actors["actor_id"])
        among = [a for a in members if a in present]
        pair_list = (tied_pairs(reg, among, max_pairs, min_initiatives) if len(among) > 1
                     else ([], []))
    else:
        pair_list = tied_pairs(reg, None, max_pairs, min_initiatives)
    return _score(profiles, pair_list, thresholds, means, min_initiatives, explain,
                  scores_only)


def _text(values: np.ndarray) -> np.ndarray:
    """Numbers formatted with two decimals, as an object array."""
    return np.array([f"{v:.2f}" for v in np.nan_to_num(values).tolist()], dtype=object)


def pair_agreements(profiles: PairProfiles, ia: np.ndarray, ib: np.ndarray,
                    means: Sequence[str] = MEANS_FAMILIES
                    ) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """Goal agreement, means agreement (the mean of the ``means`` families measurable) and
    each family's agreement of the actor pairs at positions ``(ia[k], ib[k])`` of
    ``profiles.index``: what :func:`agreement_pairs` lists, without ids (memory).

    Examples
    --------
    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": ["k1", "k1", "k2"], "actor_id": ["a", "b", "a"],
    ...                      "role": "partner", "registry": "r", "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"],
    ...                          "actor_type": "ngo"}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["k1", "k2"], "registry": "r",
    ...                               "record_id": "1", "kind": "partnership"}),
    ...     initiative_targets=pd.DataFrame({"initiative_id": ["k1", "k2"],
    ...                                      "target": ["14.1", "14.2"], "goal": 14}))
    >>> goal, mean, fam = pair_agreements(pair_profiles(reg), np.array([0]), np.array([1]))
    >>> round(float(goal[0]), 3), sorted(fam) == sorted(MEANS_FAMILIES)
    (0.707, True)
    """
    prof = profiles.profiles
    goal = profile_cosine(prof["goals"], ia, ib)
    fam = {f: profile_cosine(prof[f], ia, ib) for f in MEANS_FAMILIES}
    stack = np.vstack([fam[f] for f in means])
    with np.errstate(all="ignore"):
        counted = (~np.isnan(stack)).sum(axis=0)
        mean = np.where(counted > 0, np.nansum(stack, axis=0) / np.maximum(counted, 1), np.nan)
    return goal, mean, fam


def _score(profiles: PairProfiles, pair_list: tuple[Sequence[str], Sequence[str]],
           thresholds: Thresholds, means: Sequence[str],
           min_initiatives: int = 1, explain: bool = True,
           scores_only: bool = False) -> pd.DataFrame:
    """Score pairs given as two sequences of actor ids ``(ids_a, ids_b)``."""
    cols = ["actor_a", "actor_b", "name_a", "name_b", "initiatives_a", "initiatives_b",
            "shared_initiatives", "goal_agreement", "means_agreement",
            *[f"means_{f}" for f in MEANS_FAMILIES], "quadrant", "tool_family", "explanation"]
    if scores_only:
        cols = ["actor_a", "actor_b", "goal_agreement", "means_agreement"]
    a_ids, b_ids = (np.asarray(x, dtype=object) for x in pair_list)
    keep = a_ids != b_ids
    a_ids, b_ids = a_ids[keep], b_ids[keep]
    if not len(a_ids):
        return pd.DataFrame({c: pd.Series(dtype="float64" if "agreement" in c or
                                          c.startswith("means_") else
                                          "int64" if "initiatives" in c else "string")
                             for c in cols})
    # profiles over the (filtered) registry, but every actor of the full registry has a row
    reg, prof, idx = profiles.scored, profiles.profiles, profiles.index
    ia, ib = idx.get_indexer(a_ids), idx.get_indexer(b_ids)
    B, n_init = profiles.incidence, profiles.initiatives
    if min_initiatives > 1:
        keep = (n_init[ia] >= min_initiatives) & (n_init[ib] >= min_initiatives)
        ia, ib, a_ids, b_ids = ia[keep], ib[keep], a_ids[keep], b_ids[keep]
    goal, mean, fam = pair_agreements(profiles, ia, ib, means)
    # from here on the pairs are in the output's order (every column is computed pair by pair)
    order = agreement_order(goal, mean, a_ids, b_ids)
    ia, ib, a_ids, b_ids, goal, mean = (x[order] for x in (ia, ib, a_ids, b_ids, goal, mean))
    fam = {f: v[order] for f, v in fam.items()}
    if isinstance(thresholds, str):  # "median": relative to the pairs scored
        with np.errstate(all="ignore"):
            tg = float(np.nanmedian(goal)) if np.isfinite(goal).any() else 0.5
            tm = float(np.nanmedian(mean)) if np.isfinite(mean).any() else 0.5
    else:
        tg, tm = thresholds
    if scores_only:
        out = pd.DataFrame({"actor_a": a_ids, "actor_b": b_ids, "goal_agreement": goal,
                            "means_agreement": mean}).astype({"actor_a": "string",
                                                              "actor_b": "string"})
        out.attrs["thresholds"] = (tg, tm)
        return out
    shared = shared_counts(B, ia, ib)
    names = reg.actors["name"].to_numpy(dtype=object)
    out = pd.DataFrame({"actor_a": a_ids, "actor_b": b_ids,
                        "name_a": names[ia], "name_b": names[ib],
                        "initiatives_a": n_init[ia].astype("int64"),
                        "initiatives_b": n_init[ib].astype("int64"),
                        "shared_initiatives": shared, "goal_agreement": goal,
                        "means_agreement": mean})
    for f in MEANS_FAMILIES:
        out[f"means_{f}"] = fam[f] if f in means else np.nan
    measurable = ~np.isnan(goal) & ~np.isnan(mean)
    g_high, m_high = np.nan_to_num(goal) >= tg, np.nan_to_num(mean) >= tm
    quadrant = np.full(len(goal), "undetermined", dtype=object)
    family = quadrant.copy()
    verdict = np.full(len(goal), "quadrant undetermined", dtype=object)
    for (gh, mh), (q, tools, examples) in QUADRANTS.items():
        hit = measurable & (g_high == gh) & (m_high == mh)
        quadrant[hit], family[hit] = q, tools
        verdict[hit] = f"quadrant {q}, {tools}: {examples}"
    out["quadrant"], out["tool_family"] = quadrant, family
    out["explanation"] = ""
    if explain:
        shared_goals = shared_features(prof["goals"], ia, ib)
        goal_txt = np.where(
            np.isnan(goal), "goals not measurable (an actor records no target or goal)",
            "goals " + _text(goal) + np.where(g_high, " (high, ", " (low, ")
            + np.where(shared_goals != "", "shared: " + shared_goals + ")", "no shared target)"))
        parts = np.full(len(goal), "", dtype=object)
        for f in means:
            v = fam[f]
            part = np.where(np.isnan(v), "", f + " " + _text(v))
            parts = np.where(parts == "", part, np.where(part == "", parts, parts + ", " + part))
        means_txt = np.where(
            np.isnan(mean), "means not measurable (no resources, themes or roles on both sides)",
            "means " + _text(mean) + np.where(m_high, " (high: ", " (low: ") + parts + ")")
        own = (shared == n_init[ia]) & (shared == n_init[ib]) & (shared > 0)
        note = np.where(own, "; both profiles come only from the "
                        + shared.astype(str).astype(object)
                        + np.where(shared == 1, " initiative", " initiatives")
                        + " the two share, so they agree by construction", "")
        out["explanation"] = goal_txt + "; " + means_txt + "; " + verdict + note
    out = out[cols]
    out = out.astype({c: "string" for c in ("actor_a", "actor_b", "name_a", "name_b",
                                            "quadrant", "tool_family", "explanation")})
    out.attrs["thresholds"] = (tg, tm)
    return out
