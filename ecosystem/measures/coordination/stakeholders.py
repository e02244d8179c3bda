"""Missing stakeholder types: which kinds of actor are absent from a community or a cell.

A multi-stakeholder partnership is expected to bring together government,
civil society, business, science and the UN system (2030 Agenda, target
17.17). :func:`missing_stakeholders` lists, for each community of actors or
each target (goal, sector) × place cell, the expected stakeholder groups that
no actor fills. For a group of actors *G* and stakeholder groups *S* (each a
set of actor types)::

    missing(G) = { s ∈ S : no actor a ∈ G has type(a) ∈ s }

References
----------
United Nations (2015). *Transforming our world: the 2030 Agenda for
Sustainable Development*, A/RES/70/1, target 17.17.

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
>>> m = missing_stakeholders(reg, by="cell", place_kind="admin1", level="sector",
...                          min_actors=2)
>>> print(m[["sector", "place", "actors", "present"]].to_string(index=False))
sector place  actors                                   present
  WASH   Gao       2 civil society; UN and multilateral bodies
>>> m.loc[0, "missing"].split("; ")
['national government', 'local government', 'private sector', 'academia and science']
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecosystem.errors import AnalysisError
from ecosystem.filters import filter_registry
from ecosystem.graphs import incidence_matrix
from ecosystem.measures.coordination.cells import (
    cell_actors,
    cell_key,
    cell_memberships,
    cell_subject,
    check_cells,
    place_names,
    with_sdg_columns,
)
from ecosystem.model import ACTOR_TYPES, Registry, require_initiatives

__all__ = ["missing_stakeholders", "check_membership", "STAKEHOLDER_GROUPS"]

#: Default stakeholder groups expected in a community or cell: label → actor types.
STAKEHOLDER_GROUPS: dict[str, tuple[str, ...]] = {
    "national government": ("government",),
    "local government": ("local_government",),
    "civil society": ("ngo", "civil_society"),
    "private sector": ("private_sector",),
    "academia and science": ("academic", "scientific"),
    "UN and multilateral bodies": ("un_multilateral", "intergovernmental"),
}


def check_membership(reg: Registry, membership: pd.DataFrame | None = None) -> pd.DataFrame:
    """A validated community membership table ``actor_id, community`` (strings).

    ``None`` computes one with :func:`ecosystem.measures.network.communities.communities`.
    Raises :class:`AnalysisError` when the table lacks the columns or names
    actors that are not in ``reg``.
    """
    if membership is None:
        from ecosystem.measures.network.communities import communities

        membership = communities(reg)
    if not isinstance(membership, pd.DataFrame) or not {"actor_id", "community"} <= set(
            membership.columns):
        raise AnalysisError("membership must be a DataFrame with columns actor_id and community "
                            "(for example the output of ecosystem.measures.network.communities.communities)")
    m = membership[["actor_id", "community"]].dropna().drop_duplicates()
    unknown = set(m["actor_id"]) - set(reg.actors["actor_id"])
    if unknown:
        raise AnalysisError(f"membership names {len(unknown)} actors not in the registry, "
                            f"e.g. {sorted(unknown)[:3]}: compute it on the same registry")
    return m.astype({"actor_id": "string"}).reset_index(drop=True)


def _expected(expected_types: dict[str, Iterable[str]] | Iterable[str] | None
              ) -> dict[str, tuple[str, ...]]:
    if expected_types is None:
        return STAKEHOLDER_GROUPS
    if isinstance(expected_types, dict):
        groups = {str(k): tuple(v) for k, v in expected_types.items()}
    else:
        groups = {t: (t,) for t in expected_types}
    bad = sorted({t for ts in groups.values() for t in ts} - set(ACTOR_TYPES))
    if bad or not groups:
        raise AnalysisError(f"expected_types: unknown actor types {bad}; use types from "
                            f"{ACTOR_TYPES}, as a list or a dict label -> types")
    return groups


def missing_stakeholders(reg: Registry, by: str = "community", *,
                         membership: pd.DataFrame | None = None,
                         expected_types: dict[str, Iterable[str]] | Iterable[str] | None = None,
                         place_kind: str = "country",
                         level: str = "target", min_actors: int = 3,
                         dormant: str = "include",
                         vocabulary: str | None = None) -> pd.DataFrame:
    """Which kinds of stakeholder are absent from a community or a cell.

    Parameters
    ----------
    reg : Registry
    by : {"community", "cell"}
        Group actors by community (``membership``) or by target × place cell.
    membership : DataFrame, optional
        ``actor_id, community``; defaults to
        :func:`ecosystem.measures.network.communities.communities`.
    expected_types : dict or list, optional
        Stakeholder groups expected, as label → actor types, or a list of
        actor types (each its own group). Default :data:`STAKEHOLDER_GROUPS`:
        national government, local government, civil society (NGO or civil
        society organisation), private sector, academia and science, UN and
        multilateral bodies. Actors of type ``other`` or ``unknown`` fill no group.
    place_kind, level, vocabulary : str
        Cells, when ``by="cell"`` (as in :func:`ecosystem.measures.coordination.coverage.coverage`;
        ``level`` target, goal or sector).
    min_actors : int
        Skip groups with fewer actors (default 3).
    dormant : {"include", "exclude"}

    Returns
    -------
    DataFrame
        Key columns (``community``, or ``goal, target, place, place_kind,
        place_name``, with ``sector`` after ``target`` at sector level), then
        ``actors``, ``present`` and ``missing``
        (stakeholder labels joined with ``"; "``), ``n_missing``,
        ``explanation``. Only groups with at least one missing stakeholder;
        largest groups first.
    """
    if by not in ("community", "cell"):
        raise AnalysisError(f"missing_stakeholders: unknown by={by!r}; use 'community' or 'cell'")
    groups = _expected(expected_types)
    if by == "cell":
        check_cells(reg, place_kind, level, "missing_stakeholders")
    else:
        require_initiatives(reg, "missing_stakeholders")
    reg = filter_registry(reg, dormant=dormant)
    labels = list(groups)
    if by == "community":
        key = ["community"]
        members = check_membership(reg, membership)
        members = members[members["actor_id"].isin(reg.ties["actor_id"])]
        keys = members[key].drop_duplicates().reset_index(drop=True)
        codes = members.groupby(key, sort=False).ngroup().to_numpy()
        actor_ids = reg.actors["actor_id"].to_numpy(dtype=object)
        G = sp.csr_matrix((np.ones(len(members)),
                           (codes, pd.Index(actor_ids).get_indexer(members["actor_id"]))),
                          shape=(len(keys), len(actor_ids)))
    else:
        key = cell_key(level)
        cells = cell_memberships(reg, place_kind=place_kind, level=level, vocabulary=vocabulary)
        keys, G, actor_ids = cell_actors(incidence_matrix(reg), cells, key)
        keys = keys.drop(columns="initiatives")
    # actors x stakeholder groups, one-hot by actor type
    type_to_label = {t: labels.index(lab) for lab, ts in groups.items() for t in ts}
    atype = reg.actors.set_index("actor_id")["actor_type"].reindex(actor_ids)
    lab = atype.map(type_to_label).to_numpy(dtype=float)
    ok = ~np.isnan(lab)
    L = sp.csr_matrix((np.ones(int(ok.sum())), (np.flatnonzero(ok), lab[ok].astype(int))),
                      shape=(len(actor_ids), len(labels)))
    G.data[:] = 1.0
    present = (G @ L).toarray() > 0
    out = keys.copy()
    out["actors"] = np.asarray(G.getnnz(axis=1), dtype="int64")
    out["n_missing"] = (~present).sum(axis=1)
    keep = (out["actors"] >= min_actors).to_numpy() & (out["n_missing"] > 0).to_numpy()
    out, present = out[keep].reset_index(drop=True), present[keep]
    out["present"] = ["; ".join(lab for lab, p in zip(labels, row) if p) for row in present]
    out["missing"] = ["; ".join(lab for lab, p in zip(labels, row) if not p) for row in present]
    out = out[key + ["actors", "present", "missing", "n_missing"]]
    if by == "cell":
        out.insert(len(key), "place_kind", place_kind)
        out.insert(len(key) + 1, "place_name",
                   place_names(reg, place_kind).reindex(out["place"]).to_numpy())
        with_sdg_columns(out, level)
        what = cell_subject(out, level)
        where = (what + " in " + out["place_name"].fillna(out["place"]).astype(str)).to_numpy()
    else:
        where = ("community " + out["community"].astype(str)).to_numpy()
    out["explanation"] = [
        f"{w}: {a} actors, none of them {miss.replace('; ', ' or ')}"
        + (f" (present: {pres})" if pres else " (no actor of an expected type)")
        for w, a, miss, pres in zip(where, out["actors"], out["missing"], out["present"])]
    out = out.astype({"actors": "int64", "n_missing": "int64", "present": "string",
                      "missing": "string", "explanation": "string"})
    return out.sort_values(["actors"] + key, ascending=[False] + [True] * len(key),
                           kind="stable").reset_index(drop=True)
