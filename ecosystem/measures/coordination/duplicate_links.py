"""Duplicate clusters from linked pairs: components, representatives, each member's strongest link.

:func:`~ecosystem.measures.coordination.duplicates.duplicate_clusters` links records
(near-identical records of one organisation, substantive overlap) and hands the links
here as :class:`Links` (index pairs into the
:class:`~ecosystem.measures.coordination.pair_similarity.InitiativeFeatures`, best
first). :func:`cluster_rows` makes the clusters (connected components of the links'
sparse adjacency), orders their members (most complete record first: the
representative), labels each cluster by how its records' principal organisations relate
(:func:`~ecosystem.measures.coordination.lead_relations.records_relation`) and gives each
other member its strongest link, one with the representative first, in words.

Pairs are indexed by initiative once and every step is a sort or a sparse operation,
so the cost is near-linear in the number of links; only the links shown (one per
member) are put in words (:func:`link_words`).

Examples
--------
Node 2 is linked to node 1 (row 0, the best link) and to the representative 0
(row 1): the link to the representative is the one shown for it.

>>> best_links(np.array([1, 0]), np.array([2, 2]), np.array([0, 0, 0]))  # (other, row)
(array([2, 2, 0]), array([1, 0, 1]))
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from ecosystem.dormancy import REAL_DATE_FROM
from ecosystem.measures.coordination.candidates import distinct_codes
from ecosystem.measures.coordination.lead_relations import (
    OrganisationMatcher,
    pair_relations,
    records_relation,
)
from ecosystem.measures.coordination.pair_explanations import explain_pairs
from ecosystem.measures.coordination.pair_similarity import (
    InitiativeFeatures,
    pair_components,
    title_similarity,
)
from ecosystem.model import Registry

__all__ = ["CLUSTER_COLUMNS", "Links", "best_links", "cluster_rows", "link_words"]

CLUSTER_COLUMNS = ["cluster", "kind", "initiative_id", "title", "lead", "representative",
                   "size", "completeness", "reason"]

@dataclass
class Links:
    """Linked pairs, best first: row ``r`` links initiatives ``i[r]`` and ``j[r]`` (positions
    in the features) with ``score[r]``; ``word[r]`` is what a principal organisation is
    called in the link's words ("lead", "organisation"), ``prefix[r]`` goes in front of them.
    """

    i: np.ndarray
    j: np.ndarray
    score: np.ndarray
    word: np.ndarray
    prefix: np.ndarray

    def __len__(self) -> int:
        return len(self.i)


#: Cluster kind of each :func:`~ecosystem.measures.coordination.lead_relations.records_relation`.
_KIND_OF = {"same": "same_lead", "organisation": "same_organisation",
            "different": "different_organisations"}


def best_links(i: np.ndarray, j: np.ndarray, rep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each node's strongest link among the pairs ``(i[r], j[r])`` (row ``r`` = rank, best
    first), one with its representative ``rep[node]`` first: the other node and the row."""
    rank = np.arange(len(i))
    member, other, rk = np.r_[i, j], np.r_[j, i], np.r_[rank, rank]
    direct = other == rep[member]
    order = np.lexsort((rk, ~direct, member))
    member = member[order]
    first = order[np.r_[True, member[1:] != member[:-1]]]
    best_other = np.full(len(rep), -1, dtype=np.int64)
    best_row = np.full(len(rep), -1, dtype=np.int64)
    best_other[np.r_[i, j][first]], best_row[np.r_[i, j][first]] = other[first], rk[first]
    return best_other, best_row


def link_words(f: InitiativeFeatures, links: Links, rows: np.ndarray, principals: dict,
               matcher: OrganisationMatcher, names: dict) -> np.ndarray:
    """The explanation of links ``rows``: the prefix, how the two records' principal
    organisations relate (:func:`~ecosystem.measures.coordination.lead_relations.pair_relations`),
    then what the records share (:func:`~ecosystem.measures.coordination.pair_explanations.explain_pairs`).
    """
    i, j = links.i[rows], links.j[rows]
    comp = pair_components(f, i, j)
    comp["title_similarity"] = title_similarity(f, i, j)
    shared = np.asarray(explain_pairs(f, comp), dtype=object)
    words = np.empty(len(rows), dtype=object)
    kind = links.word[rows]
    for word in dict.fromkeys(kind.tolist()):
        at = np.flatnonzero(kind == word)
        words[at] = [w for _, w in pair_relations(f.ids[i[at]], f.ids[j[at]], principals,
                                                  matcher, names, word)]
    return links.prefix[rows] + words + "; " + shared


def _actor_names(actors: pd.DataFrame) -> dict:
    """``actors.set_index("actor_id")["name"].to_dict()``, read from plain arrays when the
    names are a string column (iterating it costs far more)."""
    if not isinstance(actors["name"].dtype, pd.StringDtype):
        return actors.set_index("actor_id")["name"].to_dict()
    return dict(zip(actors["actor_id"].to_numpy(dtype=object).tolist(),
                    actors["name"].to_numpy(dtype=object, na_value=None).tolist()))


def cluster_rows(f: InitiativeFeatures, links: Links, reg: Registry, comp: pd.Series,
                 principals: dict, matcher: OrganisationMatcher,
                 presence: bool) -> pd.DataFrame:
    """The cluster rows (connected components of ``links``), columns :data:`CLUSTER_COLUMNS`.

    Parameters
    ----------
    f : InitiativeFeatures
    links : Links
        Best first.
    reg : Registry
    comp : Series
        Completeness of each initiative
        (:func:`~ecosystem.measures.coordination.duplicates.completeness`).
    principals : dict
        :func:`~ecosystem.measures.coordination.lead_relations.principal_actors`.
    matcher : OrganisationMatcher
    presence : bool
        A presence registry: a cluster of one organisation is ``reported_twice``.
    """
    if len(links) == 0:
        return pd.DataFrame(columns=CLUSTER_COLUMNS)
    nodes, codes = distinct_codes(np.r_[links.i, links.j], return_inverse=True)
    m = len(links)
    ci, cj = codes[:m], codes[m:]
    g = sp.coo_matrix((np.ones(m), (ci, cj)), shape=(len(nodes), len(nodes)))
    _, label = connected_components(g, directed=False)
    ids = f.ids[nodes]
    ini = reg.initiatives.set_index("initiative_id")
    start = ini["start"].where(ini["start"] >= REAL_DATE_FROM)
    order = pd.Series(np.arange(len(ini)), index=ini.index)
    members = pd.DataFrame({"initiative_id": np.asarray(ids, dtype=object), "label": label,
                            "node": np.arange(len(nodes))})
    members["completeness"] = members["initiative_id"].map(comp)
    members["start"] = members["initiative_id"].map(start)
    members["order"] = members["initiative_id"].map(order)
    members = members.sort_values(["label", "completeness", "start", "order"],
                                  ascending=[True, False, True, True], na_position="last")
    rank = members.groupby("label")["order"].transform("min")
    sizes = members.groupby("label")["initiative_id"].transform("size")
    members = members.assign(_size=sizes, _rank=rank).sort_values(
        ["_size", "_rank", "label"], ascending=[False, True, True], kind="stable")
    # clusters in the order of their first row; members keep their order within
    cluster = pd.factorize(members["label"].to_numpy())[0] + 1
    members = members.iloc[np.argsort(cluster, kind="stable")]
    cluster = np.sort(cluster, kind="stable")
    mid = members["initiative_id"].to_numpy(dtype=object)
    node = members["node"].to_numpy()
    first_row = np.r_[True, cluster[1:] != cluster[:-1]]
    rep = np.empty(len(nodes), dtype=np.int64)
    rep[node] = node[first_row][cluster - 1]
    kinds = {}
    for c, grp in zip(cluster[first_row], np.split(mid, np.flatnonzero(first_row)[1:])):
        kind = _KIND_OF[records_relation(list(grp), principals, matcher)]
        kinds[c] = "reported_twice" if presence and kind == "same_lead" else kind
    other, row = best_links(ci, cj, rep)
    other, row = other[node], row[node]
    shown = distinct_codes(row[~first_row])
    words = np.empty(m, dtype=object)
    names = _actor_names(reg.actors)
    words[shown] = link_words(f, links, shown, principals, matcher, names)
    score = links.score
    comp_ = members["completeness"].to_numpy()
    record = ini["record_id"]  # the registry's own id of the record it is like: "OceanAction40700"
    reason = [f"representative: most complete record ({c} of 9 fields filled)" if r else
              f"like {record.get(ids[o], ids[o])} (score {score[k]:.2f}): {words[k]}"
              for r, c, o, k in zip(first_row, comp_, other, row)]
    t = reg.ties[["initiative_id", "actor_id"]]
    t = t[t["initiative_id"].isin(set(mid))]
    t = t[[a in principals.get(i, ()) for i, a in zip(t["initiative_id"].to_numpy(dtype=object),
                                                      t["actor_id"].to_numpy(dtype=object))]]
    first = t.drop_duplicates("initiative_id").set_index("initiative_id")["actor_id"]
    lead = [names.get(x, x) if x is not None else pd.NA
            for x in (first.get(i) for i in mid)]
    return pd.DataFrame({
        "cluster": cluster, "kind": [kinds[c] for c in cluster], "initiative_id": mid,
        "title": ini["title"].reindex(mid).to_numpy(dtype=object), "lead": lead,
        "representative": first_row, "size": members["_size"].to_numpy(),
        "completeness": comp_.astype(np.int64), "reason": reason}, columns=CLUSTER_COLUMNS)
