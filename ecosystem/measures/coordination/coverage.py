"""Coverage matrix: how many initiatives and actors work on each target, goal or sector per place.

Cells — target, goal or sector × place — are defined in
:mod:`ecosystem.measures.coordination.cells`. For a cell (*t*, *p*)::

    initiatives(t, p) = |{ i : i is tagged with t and with p }|
    actors(t, p)      = |{ a : a is tied to one of those initiatives, any role }|

The matrix is returned in long ("tidy") form, one row per non-empty cell;
empty cells are the subject of
:func:`ecosystem.measures.coordination.uncovered.uncovered`.

Examples
--------
Five initiatives on target 14.1 in Fiji, one actor each (``a`` to ``e``);
``a`` and ``b`` also run ``i6`` together (14.2 in Kenya), and ``f`` runs ``i7``
(14.1 in Kenya).

>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> ids = ["i1", "i2", "i3", "i4", "i5", "i6", "i7"]
>>> reg = Registry.from_frames(
...     actors=pd.DataFrame({"actor_id": list("abcdef"), "name": list("ABCDEF"),
...                          "actor_type": "ngo"}),
...     initiatives=pd.DataFrame({"initiative_id": ids, "registry": "r", "record_id": ids,
...                               "kind": "partnership"}),
...     ties=pd.DataFrame({"initiative_id": ids[:5] + ["i6", "i6", "i7"],
...                        "actor_id": list("abcde") + ["a", "b", "f"], "role": "lead",
...                        "registry": "r", "record_id": "x"}),
...     initiative_targets=pd.DataFrame({"initiative_id": ids, "goal": 14,
...                                      "target": ["14.1"] * 5 + ["14.2", "14.1"]}),
...     initiative_places=pd.DataFrame({"initiative_id": ids, "kind": "country",
...                                     "place": ["FJI"] * 5 + ["KEN"] * 2}))
>>> cov = coverage(reg)
>>> print(cov[["target", "place", "initiatives", "actors"]].to_string(index=False))
target place  initiatives  actors
  14.1   FJI            5       5
  14.1   KEN            1       1
  14.2   KEN            1       2
>>> print(cov.pivot(index="target", columns="place", values="initiatives").fillna(0))
place   FJI  KEN
target
14.1    5.0  1.0
14.2    0.0  1.0
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ecosystem.measures.coordination.cells import (
    Cells,
    cell_actors,
    cell_index,
    cell_subject,
    require_place_kind,
    sort_cells,
    with_sdg_columns,
)
from ecosystem.model import Registry

__all__ = ["coverage"]


def coverage(reg: Registry, *, place_kind: str = "country", level: str = "target",
             dormant: str = "include", vocabulary: str | None = None,
             cells: Cells | None = None) -> pd.DataFrame:
    """Coverage matrix target (goal, sector) × place, in long form.

    Parameters
    ----------
    reg : Registry
    place_kind : str
        Kind of place (one of :data:`ecosystem.model.PLACE_KINDS`), e.g.
        ``"country"``, ``"ocean_basin"``, ``"admin1"``.
    level : {"target", "goal", "sector"}
    dormant : {"include", "exclude"}
        ``"exclude"`` counts active initiatives only (see :mod:`ecosystem.dormancy`).
    vocabulary : str, optional
        Theme vocabulary of the sectors at sector level (default: the first
        of :data:`~ecosystem.measures.coordination.cells.SECTOR_VOCABULARIES` present).
    cells : Cells, optional
        The registry's cells from :func:`~ecosystem.measures.coordination.cells.cell_index`,
        computed once and shared; ``place_kind``, ``level``, ``vocabulary`` and
        ``dormant`` are then taken from it.

    Returns
    -------
    DataFrame
        One row per non-empty cell: ``goal``, ``target`` (target and sector
        levels; null at sector level), ``sector`` (sector level only),
        ``place``, ``place_kind``, ``place_name``, ``initiatives`` (distinct
        initiatives in the cell), ``actors`` (distinct actors tied to them, any
        role), ``explanation``. Sorted by goal and target (framework order) or
        sector name, most initiatives first.

    Raises
    ------
    AnalysisError
        Empty registry, unknown ``place_kind`` or ``level``, no places of
        that kind in the registry (the message lists the kinds present), or at
        sector level no theme of a sector vocabulary (it lists those present).

    Examples
    --------
    A 3W sheet: UNICEF and Oxfam in WASH in Gao, Oxfam in Protection in Mopti.

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ids = ["w1", "w2", "w3"]
    >>> reg = Registry.from_frames(
    ...     actors=pd.DataFrame({"actor_id": ["unicef", "oxfam"], "name": ["UNICEF", "Oxfam"],
    ...                          "actor_type": ["un_multilateral", "ngo"]}),
    ...     initiatives=pd.DataFrame({"initiative_id": ids, "registry": "3w", "record_id": ids,
    ...                               "kind": "presence"}),
    ...     ties=pd.DataFrame({"initiative_id": ids, "actor_id": ["unicef", "oxfam", "oxfam"],
    ...                        "role": "implementing", "registry": "3w", "record_id": ids}),
    ...     initiative_themes=pd.DataFrame({"initiative_id": ids, "vocabulary": "cluster",
    ...                                     "theme": ["WASH", "WASH", "Protection"]}),
    ...     initiative_places=pd.DataFrame({"initiative_id": ids, "kind": "admin1",
    ...                                     "place": ["Gao", "Gao", "Mopti"], "parent": "MLI"}))
    >>> cov = coverage(reg, place_kind="admin1", level="sector")
    >>> print(cov[["sector", "place", "initiatives", "actors"]].to_string(index=False))
        sector place  initiatives  actors
    Protection Mopti            1       1
          WASH   Gao            2       2
    >>> print(cov.loc[1, "explanation"])
    2 registered initiatives with 2 distinct actors work on sector WASH in Gao (admin1)
    """
    c = cells or cell_index(reg, place_kind=place_kind, level=level, vocabulary=vocabulary,
                            dormant=dormant, what="coverage")
    place_kind, level, dormant = c.place_kind, c.level, c.dormant
    require_place_kind(c.active, place_kind, "coverage")
    key = c.key
    out, CA, _ = cell_actors(c.active_incidence, c.memberships, key)
    out["initiatives"] = out["initiatives"].astype("int64")
    out["actors"] = np.asarray(CA.getnnz(axis=1), dtype="int64")
    out.insert(len(key), "place_kind", pd.Series(place_kind, index=out.index, dtype="string"))
    out.insert(len(key) + 1, "place_name", c.place_names.reindex(out["place"]).to_numpy())
    out["place_name"] = out["place_name"].astype("string")
    with_sdg_columns(out, level)
    what = cell_subject(out, level)
    scope = "active" if dormant == "exclude" else "registered"
    out["explanation"] = (
        out["initiatives"].astype(str) + f" {scope} initiative"
        + np.where(out["initiatives"].to_numpy() == 1, "", "s") + " with "
        + out["actors"].astype(str) + " distinct actor"
        + np.where(out["actors"].to_numpy() == 1, "", "s")
        + np.where(out["initiatives"].to_numpy() == 1, " works on ", " work on ") + what
        + " in " + out["place_name"].fillna(out["place"]) + " (" + place_kind + ")")
    out["explanation"] = out["explanation"].astype("string")
    return sort_cells(out)


