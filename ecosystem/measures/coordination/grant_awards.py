"""Which grants are one award: the same funder, recipient, amount and award date.

A grants registry (360Giving, :data:`ecosystem.kinds.KINDS` ``grant``) records
awards. A funder that gives "Towards core costs" to eight charities, or pays one
recipient in three instalments, makes eight or three awards, not one registered
again: titles alike are not duplicates there. Two grant records are one award
published twice when their flows name the same funders and recipients (by
identifier, else by name), the same amounts and the same award dates.

Examples
--------
>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> flows = pd.DataFrame({"flow_id": ["f1", "f2", "f3"], "initiative_id": ["g1", "g2", "g3"],
...                       "provider_name": "Trust", "receiver_name": ["A", "A", "B"],
...                       "amount": [500.0, 500.0, 500.0], "currency": "GBP",
...                       "date": pd.to_datetime(["2014-06-03"] * 3), "flow_type": "grant"})
>>> award_keys(Registry.from_frames(flows=flows), ["g1", "g2", "g3", "g4"])
array(['Trust→A 500.0 GBP 2014-06-03', 'Trust→A 500.0 GBP 2014-06-03',
       'Trust→B 500.0 GBP 2014-06-03', None], dtype=object)
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ecosystem.model import Registry

__all__ = ["award_keys"]


def _party(refs: pd.Series, names: pd.Series) -> pd.Series:
    """An organisation by its identifier, else its name as written."""
    return refs.astype(object).where(refs.notna(), names.astype(object)).fillna("?").astype(str)


def award_keys(reg: Registry, initiative_ids: Sequence[str]) -> np.ndarray:
    """Per initiative of ``initiative_ids``: its award as text (funders → recipients, amount,
    currency, date of each flow, sorted), None for one with no flow.

    Parameters
    ----------
    reg : Registry
    initiative_ids : sequence of str

    Returns
    -------
    numpy.ndarray of object
        Two initiatives with equal keys record one award.
    """
    f = reg.flows
    if not len(f):
        return np.full(len(initiative_ids), None, dtype=object)
    amount = f["amount"].astype("Float64").astype(object).where(f["amount"].notna(), "?")
    date = pd.to_datetime(f["date"]).dt.strftime("%Y-%m-%d").astype(object)
    each = (_party(f["provider_ref"], f["provider_name"]) + "→"
            + _party(f["receiver_ref"], f["receiver_name"]) + " " + amount.astype(str) + " "
            + f["currency"].astype(object).fillna("?").astype(str) + " "
            + date.where(date.notna(), "?").astype(str))
    keys = (pd.DataFrame({"initiative_id": f["initiative_id"].astype(str), "key": each})
            .groupby("initiative_id")["key"].agg(lambda s: " | ".join(sorted(s))))
    return keys.reindex(pd.Index(initiative_ids, dtype=object)).astype(object).where(
        lambda s: s.notna(), None).to_numpy(dtype=object)
