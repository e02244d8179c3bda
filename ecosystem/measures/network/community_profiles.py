"""What each community works on: the goals, targets, sectors and actor types most in it.

Each community (:func:`ecosystem.measures.network.communities.communities`) is profiled
by what is over-represented in it: for a goal, target or sector g, the lift is

    lift(g, C) = (initiatives of C on g / initiatives of C) / (initiatives on g / initiatives)

where the initiatives of a community are those with at least one of its
actors; for actor types, the share of the community's actors of that type over
the share among all actors. The label names the most over-represented target
(or goal; or sector, in a registry where fewer than half the records name an SDG goal,
as in IATI files and 3W sheets) and actor type.

Sectors are the registry's theme vocabulary read as sectors
(:func:`ecosystem.graphs.sector_themes.sector_vocabulary`: DAC sectors, clusters);
their names are listed.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pandas as pd

from ecosystem.errors import AnalysisError
from ecosystem.graphs import memberships
from ecosystem.graphs.sector_themes import sector_vocabulary
from ecosystem.kinds import MIN_GOAL_SHARE, goal_records
from ecosystem.model import Registry

__all__ = ["FACETS", "community_facets", "community_profiles"]

#: A community membership: the frame of :func:`communities` (``actor_id``,
#: ``community``), a Series or dict actor_id → community, or one community per
#: actor in ``reg.actors`` order.
Membership = pd.DataFrame | pd.Series | Mapping[str, object] | Sequence

#: What a community can be profiled by.
FACETS = ("goal", "target", "sector", "actor_type")
#: Theme names that name no sector ("Sectors not specified").
_UNSPECIFIED = r"(?i)\b(?:not specified|unspecified|unallocated)\b"


def _membership_frame(reg: Registry, membership: Membership) -> pd.DataFrame:
    if isinstance(membership, pd.DataFrame):
        if not {"actor_id", "community"} <= set(membership.columns):
            raise AnalysisError(
                "membership must have columns actor_id and community "
                "(the output of ecosystem.measures.network.communities.communities)")
        return membership[["actor_id", "community"]]
    if isinstance(membership, pd.Series):
        return pd.DataFrame({"actor_id": membership.index, "community": membership.to_numpy()})
    if isinstance(membership, dict):
        return pd.DataFrame({"actor_id": list(membership), "community": list(membership.values())})
    arr = list(membership)
    if len(arr) != len(reg.actors):
        raise AnalysisError(f"membership has {len(arr)} entries but the registry has "
                            f"{len(reg.actors)} actors: pass communities(reg)")
    return pd.DataFrame({"actor_id": reg.actors["actor_id"].to_numpy(), "community": arr})


def community_facets(reg: Registry, membership: Membership,
                     facet: str = "goal") -> pd.DataFrame:
    """Over-representation of goals, targets or actor types in each community.

    For a goal or target g, lift(g, C) = (share of C's initiatives on g) /
    (share of all tied initiatives on g), where C's initiatives are those with
    at least one of its actors; for an actor type, the share of C's actors of
    that type over the share among all actors. A lift above 1 means
    over-represented.

    Parameters
    ----------
    reg : Registry
    membership : DataFrame (``actor_id``, ``community``), Series, dict or list
    facet : {"goal", "target", "sector", "actor_type"}
        "sector": the themes of the registry's sector vocabulary (DAC sectors, clusters).

    Returns
    -------
    DataFrame
        ``community``, ``value``, ``count`` (initiatives, or actors for
        actor_type), ``share`` (of the community's initiatives or actors),
        ``overall_share``, ``lift``; sorted by community then lift.

    Examples
    --------
    The registry of :func:`community_profiles`. Community 0's initiatives (i1, i2,
    i3, and i7 through c) are all on 14.1, which 4 of the 7 initiatives carry:
    lift = 1 / (4/7) = 1.75.

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> members = {"i1": "ab", "i2": "bc", "i3": "ac", "i4": "de", "i5": "ef", "i6": "df",
    ...            "i7": "cd"}
    >>> ties = pd.DataFrame([(i, a) for i, m in members.items() for a in m],
    ...                     columns=["initiative_id", "actor_id"])
    >>> reg = Registry.from_frames(
    ...     ties=ties.assign(role="partner", registry="r", record_id="1"),
    ...     actors=pd.DataFrame({"actor_id": list("abcdef"), "name": list("ABCDEF"),
    ...                          "actor_type": ["government"] * 3 + ["ngo"] * 3}),
    ...     initiatives=pd.DataFrame({"initiative_id": list(members), "registry": "r",
    ...                               "record_id": list(members), "kind": "partnership"}),
    ...     initiative_targets=pd.DataFrame({"initiative_id": list(members), "goal": 14,
    ...                                      "target": ["14.1"] * 3 + ["14.2"] * 3 + ["14.1"]}))
    >>> from ecosystem.measures.network.communities import communities
    >>> memb = communities(reg)
    >>> community_facets(reg, memb, "target").round(3)
       community value  count  share  overall_share   lift
    0          0  14.1      4   1.00          0.571  1.750
    1          1  14.2      3   0.75          0.429  1.750
    2          1  14.1      1   0.25          0.571  0.438
    """
    return _facets(reg, _membership_frame(reg, membership), facet)


def _community_initiatives(reg: Registry, memb: pd.DataFrame) -> pd.DataFrame:
    """Distinct (community, initiative_id): the initiatives each community's actors are in."""
    return (memberships(reg)[["actor_id", "initiative_id"]].merge(memb, on="actor_id")
            [["community", "initiative_id"]].drop_duplicates())


def _facets(reg: Registry, memb: pd.DataFrame, facet: str,
            ci: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`community_facets` of a membership frame; ``ci`` from
    :func:`_community_initiatives` when already built."""
    if facet == "actor_type":
        a = memb.merge(reg.actors[["actor_id", "actor_type"]], on="actor_id")
        a = a.rename(columns={"actor_type": "value"})
        count = a.groupby(["community", "value"]).size().rename("count").reset_index()
        total = a.groupby("community").size()
        overall = a["value"].value_counts(normalize=True)
    elif facet in ("goal", "target", "sector"):
        if facet == "goal":
            tags = pd.concat([reg.initiative_goals[["initiative_id", "goal"]],
                              reg.initiative_targets[["initiative_id", "goal"]]])
            tags = tags.drop_duplicates().rename(columns={"goal": "value"})
            tags["value"] = tags["value"].astype(int)
        elif facet == "sector":
            themes = reg.initiative_themes
            themes = themes[themes["vocabulary"] == sector_vocabulary(reg, what="sector facet")]
            tags = themes[["initiative_id", "theme"]].rename(columns={"theme": "value"})
            # "Sectors not specified" (DAC 99810) names no sector a community works on
            tags = tags[~tags["value"].astype(str).str.contains(_UNSPECIFIED)].drop_duplicates()
        else:
            tags = reg.initiative_targets[["initiative_id", "target"]].rename(
                columns={"target": "value"}).drop_duplicates()
        ci = _community_initiatives(reg, memb) if ci is None else ci
        total = ci.groupby("community").size()
        count = (ci.merge(tags, on="initiative_id").groupby(["community", "value"]).size()
                 .rename("count").reset_index())
        tied = set(ci["initiative_id"])
        overall = (tags[tags["initiative_id"].isin(tied)]["value"].value_counts()
                   / max(len(tied), 1))
    else:
        raise AnalysisError(f"unknown facet {facet!r}: use one of {', '.join(FACETS)}")
    count["share"] = count["count"] / count["community"].map(total)
    count["overall_share"] = count["value"].map(overall).astype(float)
    count["lift"] = count["share"] / count["overall_share"]
    return count.sort_values(["community", "lift", "count"], ascending=[True, False, False],
                             kind="stable").reset_index(drop=True)


def _top(f: pd.DataFrame, top: int, min_count: int,
         fmt: Callable[[object, float], str]) -> pd.Series:
    over = f[(f["lift"] > 1) & (f["count"] >= min_count)]
    if over.empty:
        return pd.Series(dtype="object")
    over = over.groupby("community", sort=False).head(top)  # each community's first rows
    parts: dict = {}
    for c, v, l in zip(over["community"].tolist(), over["value"].tolist(),
                       over["lift"].tolist()):
        parts.setdefault(c, []).append(fmt(v, l))
    return pd.Series({c: "; ".join(parts[c]) for c in sorted(parts)}, dtype="object")


def community_profiles(reg: Registry, membership: Membership, *, top: int = 3,
                       min_size: int = 3, min_count: int = 2) -> pd.DataFrame:
    """Size, over-represented goals/targets/actor types and a label for each community.

    Parameters
    ----------
    reg : Registry
    membership : output of :func:`communities` (or a Series/dict/list of ids)
    top : int
        How many over-represented values to list per facet.
    min_size : int
        Profile communities with at least this many actors (singletons and
        pairs have no meaningful profile).
    min_count : int
        A value is listed only when it occurs this often in the community (initiatives for
        goals, targets and sectors, actors for actor types): one actor of a rare type is no feature
        of its group.

    Returns
    -------
    DataFrame
        ``community``, ``size`` (actors), ``initiatives``, ``top_goals``,
        ``top_targets``, ``top_sectors`` (only for a registry where fewer than
        :data:`~ecosystem.kinds.MIN_GOAL_SHARE` of the records name an SDG goal, with a
        sector vocabulary),
        ``top_actor_types`` (``"14 (×2.1); 13 (×1.6)"``: value and lift, most
        over-represented first; actors of unknown type are not listed), ``label``; largest
        first.
        ``attrs["modularity"]`` is copied from the membership when present.

    Examples
    --------
    Two triangles of two-member initiatives, governments a, b, c on target 14.1
    and NGOs d, e, f on 14.2, joined by c and d (i7, on 14.1):

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> members = {"i1": "ab", "i2": "bc", "i3": "ac", "i4": "de", "i5": "ef", "i6": "df",
    ...            "i7": "cd"}
    >>> ties = pd.DataFrame([(i, a) for i, m in members.items() for a in m],
    ...                     columns=["initiative_id", "actor_id"])
    >>> reg = Registry.from_frames(
    ...     ties=ties.assign(role="partner", registry="r", record_id="1"),
    ...     actors=pd.DataFrame({"actor_id": list("abcdef"), "name": list("ABCDEF"),
    ...                          "actor_type": ["government"] * 3 + ["ngo"] * 3}),
    ...     initiatives=pd.DataFrame({"initiative_id": list(members), "registry": "r",
    ...                               "record_id": list(members), "kind": "partnership"}),
    ...     initiative_targets=pd.DataFrame({"initiative_id": list(members), "goal": 14,
    ...                                      "target": ["14.1"] * 3 + ["14.2"] * 3 + ["14.1"]}))
    >>> from ecosystem.measures.network.communities import communities
    >>> memb = communities(reg)
    >>> community_profiles(reg, memb)[["community", "size", "top_targets", "label"]]
       community  size  top_targets              label
    0          0     3  14.1 (×1.8)  14.1 · government
    1          1     3  14.2 (×1.8)         14.2 · ngo

    Each community is labelled by its most over-represented target (lift 7/4,
    see :func:`community_facets`) and actor type (lift 2: all of the
    community against half of the actors).
    """
    memb = _membership_frame(reg, membership)
    sizes = memb.groupby("community").size()
    keep = sizes[sizes >= min_size].index
    if len(keep) == 0:
        raise AnalysisError(f"no community has {min_size} or more actors: lower min_size "
                            f"(largest has {int(sizes.max()) if len(sizes) else 0})")
    ci = _community_initiatives(reg, memb)
    out = pd.DataFrame({"community": keep, "size": sizes.loc[keep].to_numpy()})
    out["initiatives"] = out["community"].map(ci.groupby("community").size()).fillna(0)
    out["initiatives"] = out["initiatives"].astype(int)
    lift = (lambda v, l: f"{v} (×{l:.1f})")
    facets = [("goal", "top_goals"), ("target", "top_targets")]
    if _by_sector(reg):
        facets.append(("sector", "top_sectors"))
    for facet, col in facets + [("actor_type", "top_actor_types")]:
        f = _facets(reg, memb, facet, ci)
        # actors of unknown type are a gap in the data, not a feature of the group
        f = f[f["community"].isin(keep) & (f["value"] != "unknown")]
        top_values = _top(f, top, min_count, lift)
        # "str" first: mapping onto an empty Series gives float64 NaN, which "" cannot fill
        out[col] = out["community"].map(top_values).astype("str").fillna("")
    if "top_sectors" in out:
        topics = [s.split(" (")[0] for s in out["top_sectors"]]
    else:
        topics = [t.split(" (")[0] if t else f"SDG {g.split(' (')[0]}" if g else ""
                  for t, g in zip(out["top_targets"], out["top_goals"])]
    out["label"] = [_label(t, a) for t, a in zip(topics, out["top_actor_types"])]
    out = out.sort_values(["size", "community"], ascending=[False, True]).reset_index(drop=True)
    if isinstance(membership, pd.DataFrame) and "modularity" in membership.attrs:
        out.attrs["modularity"] = membership.attrs["modularity"]
    return out


def _by_sector(reg: Registry) -> bool:
    """Whether communities are profiled by sector: fewer than
    :data:`~ecosystem.kinds.MIN_GOAL_SHARE` of the records name an SDG goal or target, and
    themes of a sector vocabulary are recorded (an IATI file, a 3W sheet)."""
    if goal_records(reg) >= MIN_GOAL_SHARE * len(reg.initiatives) \
            or reg.initiative_themes.empty:
        return False
    try:
        sector_vocabulary(reg)
    except AnalysisError:
        return False
    return True


def _label(topic: str, types: str) -> str:
    """A community's topic (its most over-represented target, goal or sector) and its most
    over-represented actor type (skipping unknown/other)."""
    named = [t.split(" (")[0] for t in types.split("; ") if t] if types else []
    named = [t for t in named if t not in ("unknown", "other")]
    who = named[0] if named else ""
    parts = [p for p in (topic, who) if p]
    return " · ".join(parts) if parts else "mixed"
