"""The Agreement Matrix of a group of actors: the mean agreement over its pairs.

:func:`agreement_group` averages the goal and means agreement of
:func:`~ecosystem.measures.power.agreement.agreement_pairs` over every pair of
the group, names the weakest link, and places the group in a quadrant of
:data:`~ecosystem.measures.power.agreement.QUADRANTS`.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ecosystem.errors import AnalysisError
from ecosystem.measures.power.actor_pairs import resolve_actors
from ecosystem.measures.power.agreement import MEANS_FAMILIES, QUADRANTS, agreement_pairs
from ecosystem.model import Registry

__all__ = ["agreement_group"]


def _quadrant(g: float, m: float, thresholds: tuple[float, float]) -> tuple[str, str, str]:
    if np.isnan(g) or np.isnan(m):
        return ("undetermined", "undetermined", "")
    return QUADRANTS[(g >= thresholds[0], m >= thresholds[1])]


def _level(x: float, t: float) -> str:
    return "not measurable" if np.isnan(x) else ("high" if x >= t else "low")


def agreement_group(reg: Registry, actors: Sequence[str], *,
                    thresholds: tuple[float, float] = (0.5, 0.5),
                    means: Sequence[str] = MEANS_FAMILIES,
                    dormant: str = "include") -> pd.DataFrame:
    """Agreement of a group of actors: the mean over all its pairs.

    The group's goal (means) agreement is the mean pairwise goal (means)
    agreement over the pairs where it is measurable; the minimum names the
    weakest link. The quadrant follows from the two means and the thresholds.

    Returns
    -------
    DataFrame
        One row: ``actors`` (count), ``actor_ids`` (``|``-joined),
        ``pairs``, ``goal_agreement``, ``means_agreement``, ``goal_min``,
        ``means_min``, ``quadrant``, ``tool_family``, ``explanation``.

    Examples
    --------
    The three actors of :func:`~ecosystem.measures.power.agreement.agreement_pairs`: goals (0.949 + 0 + 0)/3,
    means (0.354 + 1 + 0)/3, both low:

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
    >>> group = agreement_group(reg, ["a", "b", "c"])
    >>> group[["pairs", "goal_agreement", "means_agreement", "quadrant", "tool_family"]].round(3)
       pairs  goal_agreement  means_agreement quadrant  tool_family
    0      3           0.316            0.451       IV  power tools
    """
    if isinstance(thresholds, str):
        raise AnalysisError("agreement_group needs numeric thresholds (goals, means)")
    chosen = resolve_actors(reg, actors)
    if len(chosen) < 2:
        raise AnalysisError("agreement_group needs at least two distinct actors")
    p = agreement_pairs(reg, actors=chosen, thresholds=thresholds, means=means, dormant=dormant)
    g, m = p["goal_agreement"].mean(), p["means_agreement"].mean()
    g, m = (np.nan if pd.isna(g) else float(g)), (np.nan if pd.isna(m) else float(m))
    q = _quadrant(g, m, thresholds)
    weakest = p.dropna(subset=["goal_agreement"]).sort_values("goal_agreement").head(1)
    weak_txt = (f"; weakest goal agreement {weakest['goal_agreement'].iloc[0]:.2f} between "
                f"{weakest['name_a'].iloc[0]} and {weakest['name_b'].iloc[0]}"
                if len(weakest) else "")
    gt = "not measurable" if np.isnan(g) else f"{g:.2f} ({_level(g, thresholds[0])})"
    mt = "not measurable" if np.isnan(m) else f"{m:.2f} ({_level(m, thresholds[1])})"
    verdict = (f"quadrant {q[0]}, {q[1]}: {q[2]}" if q[0] != "undetermined"
               else "quadrant undetermined")
    row = {"actors": len(chosen), "actor_ids": "|".join(chosen), "pairs": len(p),
           "goal_agreement": g, "means_agreement": m,
           "goal_min": p["goal_agreement"].min(), "means_min": p["means_agreement"].min(),
           "quadrant": q[0], "tool_family": q[1],
           "explanation": f"{len(chosen)} actors, mean over {len(p)} pairs: goals {gt}, "
                          f"means {mt}{weak_txt}; {verdict}"}
    out = pd.DataFrame([row])
    return out.astype({"actor_ids": "string", "quadrant": "string", "tool_family": "string",
                       "explanation": "string"})
