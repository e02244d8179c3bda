"""A small Registry built from (initiative, actor) pairs."""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ecosystem.model import Registry

__all__ = ["registry_from_ties"]


def registry_from_ties(ties: Iterable[tuple[str, str]], types: dict[str, str] | None = None,
                       targets: Iterable[tuple[str, str]] = ()) -> Registry:
    """Registry whose actors are named by upper-casing their ids.

    Parameters
    ----------
    ties : iterable of (initiative_id, actor_id); every tie has role "partner"
    types : dict actor_id -> actor type (default "ngo")
    targets : iterable of (initiative_id, target) such as ("i1", "14.1")
    """
    ties = list(ties)
    inits = sorted({i for i, _ in ties})
    actors = sorted({a for _, a in ties})
    types = types or {}
    targets = list(targets)
    return Registry.from_frames(
        initiatives=pd.DataFrame({"initiative_id": inits, "registry": "t", "record_id": inits,
                                  "kind": "partnership"}),
        actors=pd.DataFrame({"actor_id": actors, "name": [a.upper() for a in actors],
                             "actor_type": [types.get(a, "ngo") for a in actors]}),
        ties=pd.DataFrame({"initiative_id": [i for i, _ in ties], "actor_id": [a for _, a in ties],
                           "role": "partner", "registry": "t", "record_id": [i for i, _ in ties]}),
        initiative_targets=pd.DataFrame({"initiative_id": [i for i, _ in targets],
                                         "target": [t for _, t in targets],
                                         "goal": [int(t.split(".")[0]) for _, t in targets]}),
    )
