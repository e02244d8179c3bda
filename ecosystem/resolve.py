"""Actor resolution (placeholder: exact-name grouping; replaced by the real resolver)."""
from __future__ import annotations

import re

import pandas as pd

from .model import Registry, conform


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "x"


def resolve_names(names, registry: Registry | None = None) -> pd.Series:
    return pd.Series([_key(n) for n in names], index=list(names))


def resolve_registry(reg: Registry, overrides=None) -> Registry:
    m = reg.mentions.copy()
    m["actor_id"] = [_key(n) for n in m["name"]]
    actors = (m.groupby("actor_id", sort=True)
               .agg(name=("name", "first"), actor_type=("actor_type", "first"),
                    country=("country", "first"), org_ref=("org_ref", "first"),
                    source_names=("name", lambda s: " | ".join(sorted(set(s)))))
               .reset_index())
    ties = m[["initiative_id", "actor_id", "role", "registry", "record_id", "source_text"]]
    ties = ties.drop_duplicates(["initiative_id", "actor_id", "role"])
    return reg.replace(actors=actors, ties=ties)
