"""A random registry with one hub, and the start of a recount of its cells by hand."""
from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pandas as pd

from ecosystem.model import Registry


def hub_registry(seed: int, *, n_initiatives: int, n_actors: int, hub_share: float, max_more: int,
                 places: list[str]) -> Registry:
    """Initiatives on targets 14.1–14.3 in one or two of ``places``: actor ``a0`` is in about
    ``hub_share`` of them, and each has 0 to ``max_more - 1`` other actors (some have none)."""
    rng = np.random.default_rng(seed)
    ids = [f"i{k}" for k in range(n_initiatives)]
    actors = [f"a{k}" for k in range(n_actors)]
    hub = rng.random(n_initiatives) < hub_share
    ties = [(i, a) for k, i in enumerate(ids)
            for a in set(rng.choice(actors[1:], size=rng.integers(0, max_more), replace=False))
            | ({"a0"} if hub[k] else set())]
    return Registry.from_frames(
        actors=pd.DataFrame({"actor_id": actors, "name": actors, "actor_type": "ngo"}),
        initiatives=pd.DataFrame({"initiative_id": ids, "registry": "t", "record_id": ids,
                                  "kind": "partnership"}),
        ties=pd.DataFrame([(i, a, "partner", "t", i) for i, a in ties],
                          columns=["initiative_id", "actor_id", "role", "registry", "record_id"]),
        initiative_targets=pd.DataFrame(
            [(i, t, 14) for i in ids for t in set(rng.choice(["14.1", "14.2", "14.3"],
                                                             size=rng.integers(1, 3)))],
            columns=["initiative_id", "target", "goal"]),
        initiative_places=pd.DataFrame(
            [(i, p, "country") for i in ids for p in set(rng.choice(places, size=rng.integers(1, 3)))],
            columns=["initiative_id", "place", "kind"]))


def cells_by_hand(reg: Registry) -> tuple[dict, nx.Graph, pd.Series]:
    """What an independent recount of target × country cells starts from: each initiative's
    actors, the graph of actors who share any initiative (networkx), and each cell's
    initiatives."""
    ties = reg.ties[["initiative_id", "actor_id"]].drop_duplicates()
    acts = {i: set(g) for i, g in ties.groupby("initiative_id")["actor_id"]}
    worked = nx.Graph()
    for members in acts.values():
        worked.add_edges_from(itertools.combinations(sorted(members), 2))
    t, p = reg.initiative_targets, reg.initiative_places
    cells = t.merge(p[p["kind"] == "country"], on="initiative_id").groupby(
        ["target", "place"])["initiative_id"].agg(set)
    return acts, worked, cells
