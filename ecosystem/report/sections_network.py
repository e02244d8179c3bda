"""Report sections on the network itself: overview, hubs, brokers, structure."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosystem import views
from ecosystem.measures.context import Analysis
from ecosystem.measures.network.components import components, isolated_initiatives
from ecosystem.report.section import Section
from ecosystem.summary import record_gaps, ties_by_role

if TYPE_CHECKING:
    import igraph as ig

__all__ = ["overview", "map_graph", "hubs", "structure", "brokers"]


def _pct(x: float) -> str:
    return f"{x:.0%}" if x >= 0.01 or x == 0 else f"{x:.1%}"


def overview(a: Analysis) -> Section:
    """Counts, ties by role, components, and the network map."""
    reg = a.reg
    n_i, n_a = len(reg.initiatives), len(reg.actors)
    comp = components(reg)
    iso = isolated_initiatives(reg)
    roles = ties_by_role(reg)
    gaps = record_gaps(reg).set_index("measure")
    s = Section("overview", "The ecosystem at a glance")
    s.findings = [
        f"{n_i:,} initiatives and {n_a:,} distinct actors after name resolution "
        f"({reg.mentions['name'].nunique():,} names as written), joined by {len(reg.ties):,} ties.",
        f"The largest connected group holds {_pct(comp.attrs['largest_actor_share'])} of actors "
        f"and {_pct(comp.attrs['largest_initiative_share'])} of initiatives; "
        f"{comp.attrs['n_components']:,} separate groups in all.",
        f"{int(gaps.loc['no partners', 'initiatives']):,} initiatives "
        f"({_pct(gaps.loc['no partners', 'share'])}) name no partner besides their lead.",
    ]
    s.summary = [s.findings[0], s.findings[1]]
    s.how_to_read = ("Each dot is an actor; two actors are linked when they take part in the same "
                     "initiative. Dot size is the number of initiatives, colour the actor type. "
                     "Hover a dot for its figures; drag to zoom.")
    core = map_graph(a)
    fig = views.network_map(core, a.hub_table, size="initiatives", colour="actor_type",
                            cache_dir=a.settings.cache_dir,
                            title=f"The {core.vcount():,} actors of the largest group that take "
                                  f"part in two or more initiatives")
    fig.add_annotation(text=f"{n_a - core.vcount():,} actors in a single initiative or in smaller "
                            "groups are left off the map (they are in the tables).",
                       showarrow=False, x=1, y=-0.02, xref="paper", yref="paper",
                       xanchor="right", font=dict(size=11, color="#777"))
    s.figures = [fig]
    s.tables = [("Ties by role", roles, None), ("Components (largest first)", comp, 10)]
    s.full_tables = {"isolated_initiatives": iso}
    s.methods = [("Co-membership projection",
                  "Actors are linked when they share an initiative. Edge weights use Newman's "
                  "collaboration weighting: each initiative of k members adds 1/(k−1) to each "
                  "pair, so a large consortium does not dominate (Newman 2001).")]
    s.references = ["Newman, M. E. J. (2001). Scientific collaboration networks. II. Shortest "
                    "paths, weighted networks, and centrality. Physical Review E, 64, 016132."]
    return s


def map_graph(a: Analysis) -> ig.Graph:
    """The actors worth drawing: in two or more initiatives, in the largest connected group.

    Actors of a single initiative only add a clique around it; leaving them out
    shows who connects the initiatives.
    """
    g = a.projection
    keep = np.flatnonzero(a.hub_table["initiatives"].to_numpy() >= 2)
    sub = g.induced_subgraph(keep.tolist())
    if sub.vcount() == 0:
        return g
    memb = np.asarray(sub.connected_components().membership)
    return sub.induced_subgraph(np.flatnonzero(memb == np.bincount(memb).argmax()).tolist())


def hubs(a: Analysis) -> Section:
    """Who sits at the centre."""
    h = a.hub_table.sort_values(["initiatives", "pagerank"], ascending=False)
    top = a.settings.top
    n_i = len(a.reg.initiatives)
    top10 = set(h.head(10)["actor_id"])
    reach = a.reg.ties.loc[a.reg.ties["actor_id"].isin(top10), "initiative_id"].nunique()
    first = h.iloc[0]
    s = Section("hubs", "Hubs: who sits at the centre")
    s.findings = [
        f"The 10 most connected actors take part in {_pct(reach / n_i)} of initiatives "
        f"({reach:,} of {n_i:,}).",
        f"{first['name']} takes part in the most initiatives ({int(first['initiatives']):,}, "
        f"leading {int(first['initiatives_led']):,}).",
        f"By PageRank the most central actor is "
        f"{h.sort_values('pagerank', ascending=False).iloc[0]['name']}.",
    ]
    s.summary = [s.findings[0]]
    s.how_to_read = ("Initiatives counts every initiative an actor takes part in; PageRank rewards "
                     "ties to actors who are themselves central; coreness is the deepest k-core "
                     "the actor belongs to (everyone in a k-core has at least k partners inside it).")
    s.figures = [views.ranked_bars(h, "initiatives", top=top,
                                   title=f"{first['name']} takes part in the most initiatives",
                                   value_title="initiatives (count)"),
                 views.ranked_bars(h, "pagerank", top=top, title="Most central by PageRank",
                                   value_title="PageRank (share of random-walk time)")]
    cols = ["name", "actor_type", "country", "initiatives", "initiatives_led", "partners",
            "strength", "pagerank", "coreness"]
    s.tables = [(f"Top {top} hubs", h[cols], top)]
    s.full_tables = {"actors": a.hub_table}
    s.methods = [
        ("PageRank", "Damping 0.85 on the weighted projection (Brin & Page 1998), igraph."),
        ("Coreness", "k-core number (Seidman 1983; Batagelj & Zaveršnik 2003), igraph."),
        ("Eigenvector centrality", "Leading eigenvector of the weighted adjacency (Bonacich 1972)."),
    ]
    s.references = [
        "Brin, S., & Page, L. (1998). The anatomy of a large-scale hypertextual Web search engine. "
        "Computer Networks and ISDN Systems, 30, 107–117.",
        "Seidman, S. B. (1983). Network structure and minimum degree. Social Networks, 5, 269–287.",
        "Bonacich, P. (1972). Factoring and weighting approaches to status scores and clique "
        "identification. Journal of Mathematical Sociology, 2, 113–120.",
    ]
    return s


def structure(a: Analysis) -> Section:
    """Communities and core–periphery."""
    from ecosystem.measures.network.communities import community_profiles
    from ecosystem.measures.network.core_periphery import core_periphery

    memb = a.communities
    prof = community_profiles(a.reg, memb)
    cp = core_periphery(a.reg, graph=a.projection, weight=None)
    s = Section("structure", "Structure: communities and core–periphery")
    big = prof.sort_values("size", ascending=False)
    q = memb.attrs.get("modularity")
    s.findings = [
        f"Leiden finds {memb['community'].nunique():,} communities"
        + (f" (modularity {q:.2f})" if q is not None else "") + "; the largest has "
        f"{int(big.iloc[0]['size']):,} actors ({big.iloc[0]['label']}).",
        f"A core of {cp.attrs['core_size']:,} actors (of {cp.attrs['scope_size']:,} in the "
        f"largest group) fits the Borgatti–Everett core–periphery model with r = "
        f"{cp.attrs['fit']:.2f}.",
    ]
    s.summary = s.findings[:1]
    s.how_to_read = ("Communities are groups of actors more tied among themselves than to others; "
                     "each is labelled by the goals, targets and actor types over-represented in "
                     "it. The core–periphery fit says how close the network is to an ideal "
                     "core (all tied to each other) and periphery (tied only to the core).")
    s.tables = [("Largest communities", big, a.settings.top),
                ("Core actors", cp[cp["core"]].sort_values("coreness", ascending=False)
                 [["name", "actor_type", "coreness"]], a.settings.top)]
    s.full_tables = {"communities": memb, "core_periphery": cp}
    s.methods = [("Communities", "Leiden algorithm optimising modularity on the weighted "
                  "projection, seeded (Traag, Waltman & van Eck 2019), igraph."),
                 ("Core–periphery", "Borgatti & Everett (2000) continuous coreness and the "
                  "discrete split that maximises the correlation with the ideal pattern.")]
    s.references = [
        "Traag, V. A., Waltman, L., & van Eck, N. J. (2019). From Louvain to Leiden: guaranteeing "
        "well-connected communities. Scientific Reports, 9, 5233.",
        "Borgatti, S. P., & Everett, M. G. (2000). Models of core/periphery structures. Social "
        "Networks, 21, 375–395.",
    ]
    return s


def brokers(a: Analysis) -> Section:
    """Who connects sectors, regions and communities."""
    b = a.broker_table
    top = a.settings.top
    lead = b.sort_values("betweenness", ascending=False).iloc[0]
    s = Section("brokers", "Brokers: who connects the ecosystem")
    mode = b["betweenness_mode"].iloc[0] if "betweenness_mode" in b else "exact"
    s.findings = [f"{lead['name']} lies on the most shortest paths between other actors "
                  f"(betweenness, {mode})."]
    low = b.dropna(subset=["constraint"]).sort_values("constraint")
    if len(low):
        s.findings.append(f"{low.iloc[0]['name']} spans the most structural holes "
                          f"(lowest constraint {low.iloc[0]['constraint']:.2f}).")
    s.summary = s.findings[:1]
    s.how_to_read = ("Betweenness counts the shortest paths between other actors that pass "
                     "through an actor. Low constraint (Burt) means partners who are not tied to "
                     "each other: the actor bridges holes. Gould–Fernandez roles say whom it "
                     f"brokers between, by {a.settings.grouping.replace('_', ' ')}: coordinator "
                     "(within its own group), itinerant (between members of another group), "
                     "representative and gatekeeper (into and out of its group), liaison "
                     "(between two other groups).")
    s.figures = [views.ranked_bars(b, "betweenness", top=top, title=f"{lead['name']} is the "
                                   "leading broker by betweenness",
                                   value_title="betweenness (shortest paths through the actor)"),
                 views.brokerage_roles(b, top=top)]
    cols = [c for c in ("name", "actor_type", "betweenness", "constraint", "effective_size",
                        "efficiency", "is_cut_vertex", "participation", "coordinator",
                        "itinerant", "representative", "gatekeeper", "liaison") if c in b]
    s.tables = [(f"Top {top} brokers", b.sort_values("betweenness", ascending=False)[cols], top)]
    s.full_tables = {"brokers": b}
    s.methods = [("Betweenness", f"Brandes (2001) on the unweighted projection; mode: {mode}."),
                 ("Structural holes", "Burt's (1992) constraint, effective size and efficiency, "
                  "weighted as in networkx."),
                 ("Brokerage roles", "Gould & Fernandez (1989), as statnet's sna::brokerage: "
                  "each co-membership tie counts in both directions, and z-scores compare the "
                  "counts with a random graph of the same density and the same groups."),
                 ("Participation coefficient", "Guimerà & Amaral (2005) over Leiden communities.")]
    s.references = [
        "Brandes, U. (2001). A faster algorithm for betweenness centrality. Journal of "
        "Mathematical Sociology, 25(2), 163–177.",
        "Burt, R. S. (1992). Structural Holes. Harvard University Press.",
        "Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: a formal approach to "
        "brokerage in transaction networks. Sociological Methodology, 19, 89–126.",
        "Guimerà, R., & Amaral, L. A. N. (2005). Functional cartography of complex metabolic "
        "networks. Nature, 433, 895–900.",
    ]
    return s


