"""Report section on the network's structure: communities, core–periphery, weighted cores."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ecosystem.measures.context import Analysis
from ecosystem.report.carried import CARRIED, SHARE_COLUMN, carried_sentence, with_largest_shares
from ecosystem.report.network_terms import cell_profiles
from ecosystem.report.section import Section, shown_tables
from ecosystem.views.formatting import name_list, prose_percent
from ecosystem.views.labels import community_name
from ecosystem.views.record_words import a_unit, as_units, unit

if TYPE_CHECKING:
    import igraph as ig

__all__ = ["structure"]


def _newman_projection(a: Analysis) -> ig.Graph:
    """The Newman-weighted projection: the cached one when the settings chose it."""
    from ecosystem.graphs import actor_projection, copresence_projection

    g = a.projection
    if g["weighting"] == "newman":
        return g
    if a.copresence:
        return copresence_projection(a.reg, weight="newman", **a.cell_options)
    return actor_projection(a.reg, weight="newman")


#: Modularity under which the communities found are reported as weak: in practice values
#: from about 0.3 indicate significant community structure (Newman & Girvan 2004).
WEAK_MODULARITY = 0.3


def _in_brackets(parts: list[str]) -> str:
    """" (a; b)" after a figure, or nothing when there is nothing to add."""
    return f" ({'; '.join(parts)})" if parts else ""


def structure(a: Analysis) -> Section:
    """Communities, core–periphery and weighted cores."""
    from ecosystem.measures.network.core_periphery import core_periphery
    from ecosystem.measures.network.s_core import s_coreness

    memb = a.communities
    net = a.network_reg
    prof = a.community_profiles.copy()
    if a.copresence:
        prof = cell_profiles(a, prof, memb)
    g = _newman_projection(a)
    cp = core_periphery(net, graph=g, weight="newman")
    if g is a.projection and a.computed("hub_table"):  # the hub table's, on the same graph
        cp["s_coreness"] = (a.hub_table.set_index("actor_id")["s_coreness"]
                            .reindex(cp["actor_id"]).to_numpy())
    else:
        cp["s_coreness"] = s_coreness(g)
    core = with_largest_shares(a, cp, cp["core"].to_numpy(), "newman")[cp["core"]]
    core = core.sort_values("coreness", ascending=False)
    top = cp.sort_values(["s_coreness", "name"], ascending=[False, True]).head(10)
    # each top actor's ties inside its own s-core (the actors at its level or above)
    parts = [with_largest_shares(a, cp, cp["s_coreness"].to_numpy() >= lvl, "newman").loc[grp.index]
             for lvl, grp in top.groupby("s_coreness", sort=False)]
    top = pd.concat(parts).loc[top.index]
    s = Section("structure", "Structure: communities and core–periphery")
    big = prof.sort_values("size", ascending=False)
    q = memb.attrs.get("modularity")
    who = "organisations" if a.copresence else "actors"
    units, one = unit(a), unit(a, plural=False)
    n_comm = memb["community"].nunique()
    largest = community_name(big.iloc[0]["label"]) or "mixed"
    # the table profiles communities of 3 actors or more: say how many, or "566" meets "270 rows"
    about = [f"{len(big):,} of 3 {who} or more"] if 0 < len(big) < n_comm else []
    about += [f"modularity {q:.2f}"] if q is not None else []
    weak = (f" Modularity below {WEAK_MODULARITY} is weak community structure (Newman & Girvan "
            "2004): the groups are little more tied inside than between."
            # read on the value shown: "modularity 0.30" is not called below 0.3
            if q is not None and round(q, 2) < WEAK_MODULARITY and n_comm > 1 else "")
    s.findings = [
        f"Leiden finds {n_comm:,} communities{_in_brackets(about)}; the largest has "
        f"{int(big.iloc[0]['size']):,} {who} ({largest}).{weak}" if n_comm > 1 else
        f"Leiden finds no communities: the {len(memb):,} {who} are not split into groups more "
        "tied among themselves than to the others.",
        f"A core of {cp.attrs['core_size']:,} {who} (of {cp.attrs['scope_size']:,} in the "
        f"largest group) fits the Borgatti–Everett core–periphery model with r = "
        f"{cp.attrs['fit']:.2f}. It is led by {name_list(core['name'].head(3))}."
        + carried_sentence(a, core, "ties to the rest of the core", "core " + who[:-1]),
        f"The deepest weighted cores (s-cores) are led by {name_list(top['name'].head(5))}."
        + carried_sentence(a, top, "ties inside the core", "of the top 10"),
    ]
    s.summary = s.findings[:1]
    if a.copresence:
        labelled = (f"each is labelled by the {a.cell_options['level']} and the place where its "
                    "organisations work most often")
        weighted = ("Ties are weighted so that each cell gives each organisation in it a total "
                    "of 1: a crowded cell does not make a core.")
    else:
        topics = "sectors" if "top_sectors" in prof else "goals, targets"
        labelled = f"each is labelled by the {topics} and actor types over-represented in it"
        weighted = (f"Ties are weighted so that each {one} gives each member a total of 1: "
                    "a long member list does not make a core.")
    drawn = a.kind.network == "link"  # each link one tie: no record carries more than one
    if drawn:
        weighted = "Each link is a tie of weight 1; a pair linked twice has weight 2."
    s.how_to_read = (f"Communities are groups of {who} more tied among themselves than to "
                     f"others; {labelled}. The core–periphery fit says how close the network is "
                     "to an ideal core (all tied to each other) and periphery (tied only to the "
                     f"core). {weighted} The s-coreness of an actor is the largest t such that "
                     "it belongs to a group in which everyone has ties worth at least t "
                     f"{units} inside the group."
                     + ("" if drawn else f" 'Largest {one} share' is the part of the actor's "
                        f"ties there that comes from its largest {one}."))
    cols = ["name", "actor_type", "coreness", "s_coreness", "share", "largest_initiative"]
    # a registry without SDG goals (a 3W, an IATI file) shows no empty goal and target columns
    empty = [c for c in big.columns if c.startswith("top_")
             and not big[c].fillna("").astype(str).str.strip().astype(bool).any()]
    s.tables = shown_tables([("Largest communities", as_units(a, big.drop(columns=empty)),
                              a.settings.top),
                             ("Core actors (Borgatti–Everett)",
                              as_units(a, core[cols].rename(columns=SHARE_COLUMN)), a.settings.top),
                             ("Deepest weighted cores (s-core)",
                              as_units(a, top[cols].rename(columns=SHARE_COLUMN)), 10)])
    s.full_tables = {"communities": memb, "core_periphery": cp}
    weights = ("Newman's weights a_ij = Σ_c 1/(k_c − 1) over shared cells of k_c organisations "
               "(Newman 2001): on unweighted ties a cell of k organisations is a complete block "
               "and becomes the core by itself." if a.copresence else
               f"Newman's collaboration weights a_ij = Σ_k 1/(n_k − 1) over shared {units} "
               f"(Newman 2001): on unweighted ties {a_unit(a)} of n members is a complete "
               "block and becomes the core by itself.")
    s.methods = [("Communities", "Leiden algorithm optimising modularity on the weighted "
                  "projection, seeded (Traag, Waltman & van Eck 2019), igraph."),
                 ("Core–periphery", ("Borgatti & Everett (2000) continuous coreness and the "
                  "discrete split that maximises the correlation with the ideal pattern, fitted "
                  f"to {weights}")),
                 ("s-core", ("Generalized k-core on tie strength (Batagelj & Zaveršnik 2011; "
                  "the s-core of Eidsaa & Almaas 2013) on the same weights; with unit weights "
                  "it is the k-core number.")),
                 (f"Carried by one {one}", ("For each headline actor, the share of its ties "
                  f"(to the core, or inside its s-core) that comes from its largest {one}; "
                  f"above {prose_percent(CARRIED)} the finding names the {one}."))]
    s.references = [
        "Traag, V. A., Waltman, L., & van Eck, N. J. (2019). From Louvain to Leiden: guaranteeing "
        "well-connected communities. Scientific Reports, 9, 5233.",
        "Newman, M. E. J., & Girvan, M. (2004). Finding and evaluating community structure in "
        "networks. Physical Review E, 69, 026113.",
        "Borgatti, S. P., & Everett, M. G. (2000). Models of core/periphery structures. Social "
        "Networks, 21, 375–395.",
        ("Newman, M. E. J. (2001). Scientific collaboration networks. II. Shortest paths, "
         "weighted networks, and centrality. Physical Review E, 64, 016132."),
        ("Batagelj, V., & Zaveršnik, M. (2011). Fast algorithms for determining (generalized) "
         "core groups in social networks. Advances in Data Analysis and Classification, 5, "
         "129–145."),
        ("Eidsaa, M., & Almaas, E. (2013). s-core network decomposition: a generalization of "
         "k-core analysis to weighted networks. Physical Review E, 88, 062819."),
    ]
    return s
