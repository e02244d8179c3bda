"""Whether one initiative carries an actor's figure, as the report's findings say it.

A hub's ties, a broker's structural holes or a core actor's ties inside the core may come
mostly from one long member list. :func:`with_largest_shares` adds to each actor the share of
its ties that its largest initiative gives (:func:`ecosystem.graphs.initiative_shares`);
:func:`carried_sentence` names the initiative when that share is above :data:`CARRIED`.
For co-presence networks the unit is the cell, not the initiative.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ecosystem.graphs import initiative_shares
from ecosystem.measures.context import Analysis
from ecosystem.views.formatting import name_list, prose_percent
from ecosystem.views.record_words import unit

__all__ = ["CARRIED", "SHARE_COLUMN", "carried_sentence", "with_largest_shares"]

#: An actor's headline is "carried by one initiative" when that initiative gives more than
#: this share of the ties behind it (:func:`ecosystem.graphs.initiative_shares`).
CARRIED = 0.5
#: The share column as the report's tables name it.
SHARE_COLUMN = {"share": "largest_initiative_share"}


def carried_sentence(a: Analysis, rows: pd.DataFrame, what: str, who: str | None = None) -> str:
    """Which of ``rows`` owe more than CARRIED of their ``what`` to one initiative, and which.

    For co-presence, to one cell. When none does and ``who`` is given, the largest share is
    said instead. A drawn network's link is one tie: it carries nothing more, and nothing is said.
    """
    if a.kind.network == "link":
        return ""
    one = unit(a, plural=False)
    big = rows[rows["share"] > CARRIED]
    if big.empty:
        most = rows["share"].max()
        return ("" if who is None or not np.isfinite(most) else
                f" No {one} gives any {who} more than {prose_percent(most)} of its {what}.")
    titles = a.network_reg.initiatives.set_index("initiative_id")["title"]
    parts = []
    for init, grp in big.groupby("initiative_id", sort=False):
        names = name_list(f"{n} ({prose_percent(x)})" for n, x in zip(grp["name"], grp["share"]))
        title = str(titles.get(init, init)).strip().strip('"“”').strip()  # quoted once
        parts.append(f"{names} from “{title}”")
    own = "its" if len(big) == 1 else "their"
    return f" One {one} carries most of {own} {what}: " + "; ".join(parts) + "."


def with_largest_shares(a: Analysis, df: pd.DataFrame, among: np.ndarray | None,
                        weight: str) -> pd.DataFrame:
    """``df`` (rows of reg.actors) with the share of ties from the largest initiative
    (for co-presence, the largest cell)."""
    net = a.network_reg
    sh = initiative_shares(net, weight=weight, among=among)
    titles = net.initiatives.set_index("initiative_id")["title"]
    return df.assign(share=sh["share"].to_numpy(), initiative_id=sh["initiative_id"].to_numpy(),
                     largest_initiative=sh["initiative_id"].map(titles).to_numpy())
