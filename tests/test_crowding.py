"""Crowding index per target × place cell: counts, cross-initiative density, linked share, flag."""
from __future__ import annotations

import itertools
import math

import networkx as nx
import pandas as pd
import pytest
from helpers.hub_registry import cells_by_hand, hub_registry

from ecosystem.errors import AnalysisError
from ecosystem.measures.coordination.crowding import CROWDING_COLUMNS, crowding
from ecosystem.model import Registry, validate

# Hand-made registry (actors per initiative; targets @ country):
#   i1 {a, b}  14.1 14.2 @FJI      i2 {c, d}  14.1 @FJI      i3 {e}  14.1 @FJI (no dates: dormant)
#   i5 {g}     14.1 @FJI           i4 {a, f}  14.2 @FJI      o1 {b, c}  14.3 @NOR
# Cell (14.1, FJI) = i1, i2, i3, i5; actors a b c d e g (6) -> C(6,2) = 15 pairs, of which
#   (a,b) and (c,d) share a cell initiative -> actor_pairs 13; b and c worked together in o1
#   -> connected_pairs 1, density 1/13. Linked initiatives: i1–i2 (via b–c) -> 2 of 4.
# Cell (14.2, FJI) = i1, i4 share a -> actors a b f, within (a,b) (a,f) -> actor_pairs 1 (b,f),
#   connected 0, density 0; linked 2 of 2.
# Cell (14.3, NOR) = o1 alone: actor_pairs 0, density NaN, linked 0.
# Initiatives per cell 4, 2, 1 -> median 2 -> crowding 2.0, 1.0, 0.5.
TIES = {"i1": "ab", "i2": "cd", "i3": "e", "i5": "g", "i4": "af", "o1": "bc"}
TARGETS = {"i1": ["14.1", "14.2"], "i2": ["14.1"], "i3": ["14.1"], "i5": ["14.1"],
           "i4": ["14.2"], "o1": ["14.3"]}
PLACE = {"i1": "FJI", "i2": "FJI", "i3": "FJI", "i5": "FJI", "i4": "FJI", "o1": "NOR"}
TODAY = "2026-01-01"


def crowding_registry() -> Registry:
    ids = list(TIES)
    ini = pd.DataFrame({"initiative_id": ids, "registry": "t", "record_id": ids,
                        "kind": "partnership", "title": ids,
                        "start": [None if i == "i3" else "2020-01-01" for i in ids],
                        "end": [None if i == "i3" else "2030-01-01" for i in ids]})
    actors = sorted(set("".join(TIES.values())))
    reg = Registry.from_frames(
        actors=pd.DataFrame({"actor_id": actors, "name": [a.upper() for a in actors],
                             "actor_type": "ngo"}),
        initiatives=ini,
        ties=pd.DataFrame([(i, a, "lead" if k == 0 else "partner", "t", i)
                           for i, acts in TIES.items() for k, a in enumerate(acts)],
                          columns=["initiative_id", "actor_id", "role", "registry", "record_id"]),
        initiative_targets=pd.DataFrame([(i, t, 14) for i, ts in TARGETS.items() for t in ts],
                                        columns=["initiative_id", "target", "goal"]),
        initiative_places=pd.DataFrame([(i, p, "country") for i, p in PLACE.items()],
                                       columns=["initiative_id", "place", "kind"]),
    )
    validate(reg)
    return reg


@pytest.fixture(scope="module")
def reg():
    return crowding_registry()


def test_cells_by_hand(reg):
    c = crowding(reg, today=TODAY)
    assert list(c.columns) == CROWDING_COLUMNS
    c = c.set_index(["target", "place"])
    x = c.loc[("14.1", "FJI")]
    assert (x["initiatives"], x["actors"], x["actor_pairs"], x["connected_pairs"]) == (4, 6, 13, 1)
    assert x["density"] == pytest.approx(1 / 13)
    assert (x["linked_initiatives"], x["crowding"]) == (2, 2.0)
    assert not x["flag"]  # exactly half linked: not fewer than half
    assert x["place_name"] == "Fiji"
    y = c.loc[("14.2", "FJI")]
    assert (y["initiatives"], y["actors"], y["actor_pairs"], y["connected_pairs"]) == (2, 3, 1, 0)
    assert (y["density"], y["linked_initiatives"], y["crowding"]) == (0.0, 2, 1.0)
    z = c.loc[("14.3", "NOR")]
    assert (z["actor_pairs"], z["linked_initiatives"]) == (0, 0) and math.isnan(z["density"])
    assert x["explanation"] == (
        "4 initiatives on target 14.1 in Fiji (2.0× the median cell) with 6 actors; 2 of 4 "
        "initiatives linked to another by a shared actor or actors who worked together; "
        "1 of 13 actor pairs across initiatives (7.7%) have worked together")


def test_flag_thresholds(reg):
    c = crowding(reg, max_linked_share=0.6).set_index(["target", "place"])
    assert c["flag"].tolist().count(True) == 1 and c.loc[("14.1", "FJI"), "flag"]
    assert c.loc[("14.1", "FJI"), "explanation"].endswith("; crowded and loosely connected")
    c = crowding(reg, max_linked_share=0.6, min_initiatives=5)
    assert not c["flag"].any()


def test_dormant_excluded_from_cells_not_from_ties(reg):
    c = crowding(reg, dormant="exclude", today=TODAY).set_index(["target", "place"])
    x = c.loc[("14.1", "FJI")]  # i3 (no dates) is dormant: actors a b c d g
    assert (x["initiatives"], x["actors"], x["actor_pairs"], x["connected_pairs"]) == (3, 5, 8, 1)


def test_goal_level(reg):
    c = crowding(reg, level="goal").set_index(["goal", "place"])
    assert c.loc[(14, "FJI"), "initiatives"] == 5 and c["target"].isna().all()


def test_bad_input(reg):
    with pytest.raises(AnalysisError, match="no places of kind 'ocean_basin'; kinds present: "
                                            "country"):
        crowding(reg, place_kind="ocean_basin")
    with pytest.raises(AnalysisError, match="unknown place_kind"):
        crowding(reg, place_kind="planet")
    with pytest.raises(AnalysisError, match="registry is empty"):
        crowding(Registry.empty())


# --- the real Ocean commitments registry -------------------------------------------------

def test_ocean_cell_against_networkx(ocean):
    c = crowding(ocean, place_kind="country")
    assert c["flag"].any() and (c["linked_initiatives"] <= c["initiatives"]).all()
    assert c["explanation"][c["flag"]].str.endswith("crowded and loosely connected").all()
    top = c[c["target"] == "14.1"].iloc[0]
    assert top["place"] == "USA"  # most initiatives on 14.1 of any country
    # recount the (14.1, India) cell independently with networkx
    row = c[(c["target"] == "14.1") & (c["place"] == "IND")].iloc[0]
    t, p = ocean.initiative_targets, ocean.initiative_places
    cell = set(t.loc[t["target"] == "14.1", "initiative_id"]) & set(
        p.loc[(p["kind"] == "country") & (p["place"] == "IND"), "initiative_id"])
    ties = ocean.ties[["initiative_id", "actor_id"]].drop_duplicates()
    inside = ties[ties["initiative_id"].isin(cell)]
    members = sorted(set(inside["actor_id"]))
    g = nx.Graph()  # co-membership anywhere in the registry (initiatives of the members)
    g.add_nodes_from(members)
    near = ties[ties["initiative_id"].isin(set(ties.loc[ties["actor_id"].isin(members),
                                                         "initiative_id"]))]
    for _, grp in near.groupby("initiative_id")["actor_id"]:
        g.add_edges_from(itertools.combinations(sorted(grp), 2))
    together = {frozenset(e) for _, grp in inside.groupby("initiative_id")["actor_id"]
                for e in itertools.combinations(sorted(grp), 2)}
    cross = [e for e in itertools.combinations(members, 2) if frozenset(e) not in together]
    connected = sum(g.has_edge(*e) for e in cross)
    assert (row["initiatives"], row["actors"]) == (len(cell), len(members))
    assert (row["actor_pairs"], row["connected_pairs"]) == (len(cross), connected)
    acts = {i: set(grp) for i, grp in inside.groupby("initiative_id")["actor_id"]}
    linked = {i for i, j in itertools.permutations(acts, 2)
              if acts[i] & acts[j] or any(g.has_edge(u, v) for u in acts[i] for v in acts[j])}
    assert row["linked_initiatives"] == len(linked)


def _recount(reg: Registry) -> pd.DataFrame:
    """Every target × country cell counted independently: sets and a networkx graph."""
    acts, g, cells = cells_by_hand(reg)
    rows = []
    for (target, place), inits in cells.items():
        members = sorted(set().union(*(acts.get(i, set()) for i in inits)))
        together = {frozenset(e) for i in inits
                    for e in itertools.combinations(sorted(acts.get(i, ())), 2)}
        cross = [e for e in itertools.combinations(members, 2) if frozenset(e) not in together]
        linked = {i for i, j in itertools.permutations(inits, 2)
                  if acts.get(i, set()) & acts.get(j, set())
                  or any(g.has_edge(u, v) for u in acts.get(i, ()) for v in acts.get(j, ()))}
        rows.append((target, place, len(inits), len(members),
                     len(cross) if len(inits) >= 2 else 0,
                     sum(g.has_edge(*e) for e in cross) if len(inits) >= 2 else 0, len(linked)))
    return pd.DataFrame(rows, columns=["target", "place", "initiatives", "actors", "actor_pairs",
                                       "connected_pairs", "linked_initiatives"])


@pytest.mark.parametrize("seed", range(6))
def test_every_cell_against_networkx_on_random_registries(seed, monkeypatch):
    # the counts of every cell = a recount cell by cell with sets and networkx; odd seeds
    # cut the work into blocks of a few entries (the chunking of large registries)

    from ecosystem.measures.coordination import cell_ties

    if seed % 2:
        monkeypatch.setattr(cell_ties, "BLOCK_ENTRIES", 5)

    reg = hub_registry(seed, n_initiatives=40, n_actors=25, hub_share=0.5, max_more=4,
                       places=["FJI", "KEN", "NOR"])  # actor a0 is in half the initiatives
    got = crowding(reg)[["target", "place", "initiatives", "actors", "actor_pairs",
                         "connected_pairs", "linked_initiatives"]]
    got = got.astype({c: "int64" for c in got.columns[2:]})
    want = _recount(reg).astype({"target": got["target"].dtype, "place": got["place"].dtype})
    key = ["target", "place"]
    pd.testing.assert_frame_equal(got.sort_values(key).reset_index(drop=True),
                                  want.sort_values(key).reset_index(drop=True))
    assert want["connected_pairs"].sum() > 0 and want["linked_initiatives"].sum() > 0


def test_a_cell_of_one_actor_is_worded_in_the_singular():
    # "1 initiative … with 1 actor", not "with 1 actors"
    reg = Registry.from_frames(
        actors=pd.DataFrame({"actor_id": ["h"], "name": ["H"], "actor_type": "ngo"}),
        initiatives=pd.DataFrame({"initiative_id": ["s1"], "registry": "t", "record_id": ["s1"],
                                  "kind": "partnership", "title": ["s1"]}),
        ties=pd.DataFrame({"initiative_id": ["s1"], "actor_id": ["h"], "role": ["lead"],
                           "registry": "t", "record_id": ["s1"]}),
        initiative_targets=pd.DataFrame({"initiative_id": ["s1"], "target": ["14.4"],
                                         "goal": [14]}),
        initiative_places=pd.DataFrame({"initiative_id": ["s1"], "place": ["TON"],
                                        "kind": ["country"]}))
    text = crowding(reg, today=TODAY)["explanation"].iloc[0]
    assert text.startswith("1 initiative on target 14.4 in Tonga (1.0× the median cell) with "
                           "1 actor") and "1 actors" not in text


def test_the_busiest_cell_named_by_the_report_holds_two_records_or_more():
    """A cell of one record holds its member list: "9 actors in 1 activity" (the IATI
    multi-publisher file's busiest cell) is one consortium, not crowding. The report names
    the cell of two records or more with most actors."""
    from ecosystem.measures.context import Analysis, Settings
    from ecosystem.report.sections_coordination import overlap

    base = crowding_registry()
    members = "hijklmn"  # seven actors in one partnership on 14.4 in Norway
    reg = base.replace(
        actors=pd.concat([base.actors, pd.DataFrame({"actor_id": list(members),
                                                     "name": [m.upper() for m in members],
                                                     "actor_type": "ngo"})], ignore_index=True),
        initiatives=pd.concat([base.initiatives, pd.DataFrame({
            "initiative_id": ["o2"], "registry": "t", "record_id": ["o2"], "kind": "partnership",
            "title": ["o2"], "start": ["2020-01-01"], "end": ["2030-01-01"]})], ignore_index=True),
        ties=pd.concat([base.ties, pd.DataFrame({"initiative_id": "o2", "actor_id": list(members),
                                                 "role": "partner", "registry": "t",
                                                 "record_id": "o2"})], ignore_index=True),
        initiative_targets=pd.concat([base.initiative_targets, pd.DataFrame(
            {"initiative_id": ["o2"], "target": ["14.4"], "goal": [14]})], ignore_index=True),
        initiative_places=pd.concat([base.initiative_places, pd.DataFrame(
            {"initiative_id": ["o2"], "place": ["NOR"], "kind": ["country"]})], ignore_index=True))
    validate(reg)
    a = Analysis(reg, Settings(as_of=TODAY))
    cells = crowding(a.reg, cells=a.cells)
    assert cells.sort_values("actors").iloc[-1][["target", "actors", "initiatives"]].tolist() \
        == ["14.4", 7, 1]
    found = [f for f in overlap(a).findings if "cell with the most actors" in f]
    assert found == ["The target × place cell with the most actors is target 14.1 in Fiji: 6 "
                     "actors in 4 initiatives; 1 of the 13 pairs of its actors in different "
                     "initiatives has worked together anywhere in the registry."]
