"""The cells of a presence registry's records, for telling co-presence from a duplicate.

In a 3W/4W sheet (registry kind ``presence``, :data:`ecosystem.kinds.KINDS`)
two organisations in one sector × place cell are co-present; one organisation
reported twice with the same activity **in one cell** is a duplicate
(:func:`ecosystem.measures.coordination.duplicates.duplicate_clusters`).
:func:`initiative_cells` gives each record's cells, :func:`pairs_in_one_cell`
keeps the pairs of records sharing one.

Examples
--------
>>> import pandas as pd
>>> cells = {"w1": {("WASH", "Gao")}, "w2": {("WASH", "Gao"), ("WASH", "Mopti")},
...          "w3": {("WASH", "Kayes")}}
>>> pairs = pd.DataFrame({"initiative_a": ["w1", "w1"], "initiative_b": ["w2", "w3"],
...                       "explanation": ["titles 95% similar", "titles 97% similar"]})
>>> pairs_in_one_cell(pairs, cells)["explanation"].tolist()
['same cell WASH × Gao; titles 95% similar']
"""
from __future__ import annotations

import pandas as pd

from ecosystem.errors import AnalysisError
from ecosystem.kinds import KINDS
from ecosystem.measures.coordination.cells import (
    Cells,
    cell_index,
    require_place_kind,
    sector_vocabulary,
)
from ecosystem.model import Registry

__all__ = ["initiative_cells", "pairs_in_one_cell"]


def initiative_cells(reg: Registry, cells: Cells | None = None) -> dict[str, set] | None:
    """Initiative id → the set of its cells, each a tuple of the cell's key values.

    Parameters
    ----------
    reg : Registry
    cells : Cells, optional
        The cells to read (the report's :attr:`ecosystem.measures.context.Analysis.cells`).
        Without them: the presence kind's default cells (sector × ``admin1``), or
        sector × ``country`` when the registry has no ``admin1`` place; the
        sectors are those of the vocabulary of
        :data:`~ecosystem.measures.coordination.cells.SECTOR_VOCABULARIES` that
        most initiatives have (an IATI file flattened to HXL may tag a few
        activities with clusters and all with DAC sectors).

    Returns
    -------
    dict or None
        None when no cell can be built (no sector vocabulary, or no place of
        either kind).
    """
    if cells is None:
        settings = KINDS["presence"].settings
        try:
            vocabulary = sector_vocabulary(reg, None, "duplicates")
        except AnalysisError:
            return None
        for place_kind in dict.fromkeys((settings["place_kind"], "country")):
            try:
                require_place_kind(reg, place_kind, "duplicates")
                cells = cell_index(reg, place_kind=place_kind, level=settings["level"],
                                   vocabulary=vocabulary, what="duplicates")
                break
            except AnalysisError:
                continue
        else:
            return None
    m = cells.memberships
    key = [k for k in cells.key if k in m.columns and m[k].notna().any()]
    out: dict[str, set] = {}
    for row in m[["initiative_id", *key]].itertuples(index=False, name=None):
        out.setdefault(row[0], set()).add(row[1:])
    return out


def pairs_in_one_cell(pairs: pd.DataFrame, cells: dict[str, set] | None) -> pd.DataFrame:
    """The pairs (``initiative_a``, ``initiative_b``) sharing a cell, the first shared cell
    named in front of their ``explanation``.

    With ``cells`` None (no cell could be built) every pair is kept and the
    explanation says there are no cells.
    """
    if cells is None:
        return pairs.assign(explanation=("no sector × place cells in this registry; "
                                         + pairs["explanation"].astype(str)).astype("string"))
    shared = [sorted(cells.get(a, set()) & cells.get(b, set()), key=str)
              for a, b in zip(pairs["initiative_a"], pairs["initiative_b"])]
    keep = [bool(s) for s in shared]
    words = [" × ".join(map(str, s[0])) if s else "" for s in shared]
    out = pairs.assign(explanation=pd.array(
        [f"same cell {w}; {e}" for w, e in zip(words, pairs["explanation"])], dtype="string"))
    return out[keep].reset_index(drop=True)
