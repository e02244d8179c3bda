"""A random registry with one hub, for checking cell counts against a recount by hand."""
from __future__ import annotations

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
