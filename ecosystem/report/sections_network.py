"""Report sections on the network itself: overview, hubs, brokers (its structure:
:mod:`ecosystem.report.sections_structure`)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ecosystem import views
from ecosystem.measures.context import Analysis
from ecosystem.measures.network.components import components, isolated_initiatives
from ecosystem.report.carried import CARRIED, SHARE_COLUMN, carried_sentence, with_largest_shares
from ecosystem.report.network_terms import BREIGER, cell_words, tie_method
from ecosystem.report.section import Section, shown_tables
from ecosystem.summary import record_gaps, ties_by_role
from ecosystem.views.formatting import name_list, prose_percent
from ecosystem.views.record_words import a_unit, as_units, renamed_initiatives, unit

if TYPE_CHECKING:
    import igraph as ig

__all__ = ["TOP_HUBS", "overview", "map_graph", "hubs", "brokers", "top_count"]


def _groups(comp: pd.DataFrame) -> str:
    n = comp.attrs["n_components"]
    return f"{n:,} separate group{'s' if n != 1 else ''}"


def overview(a: Analysis) -> Section:
    """Counts, ties by role, components, and the network map."""
    reg = a.reg
    n_i, n_a = len(reg.initiatives), len(reg.actors)
    net = a.network_reg
    comp = components(net)
    iso = isolated_initiatives(net)
    roles = ties_by_role(reg)
    s = Section("overview", "The ecosystem at a glance")
    if a.copresence:
        n_c = len(net.initiatives)
        alone = a.hub_table.loc[(a.hub_table["partners"] == 0)
                                & (a.hub_table["initiatives"] > 0), "name"]
        single = int((iso["actors"] == 1).sum())
        s.findings = [
            f"{n_a:,} organisations work in {n_c:,} {cell_words(a)} cells ({n_i:,} presence "
            f"records); {a.projection.ecount():,} pairs of organisations work in a common cell "
            "(co-presence ties).",
            f"The largest connected group holds {prose_percent(comp.attrs['largest_actor_share'])} of "
            f"organisations and {prose_percent(comp.attrs['largest_initiative_share'])} of cells; "
            f"{_groups(comp)} in all"
            + (f"; {name_list(alone)} share{'s' if len(alone) == 1 else ''} no cell with "
               "another organisation." if len(alone) else "."),
            f"{single:,} of the {n_c:,} cells ({prose_percent(single / n_c)}) have a single organisation.",
        ]
        s.how_to_read = (f"Each dot is an organisation; two are linked when they work in the same "
                         f"{cell_words(a)} cell. Dot size is the number of cells, colour the "
                         "actor type. Hover a dot for its figures; drag to zoom.")
    elif a.kind.network == "funding":
        ties = reg.ties
        funders = ties.loc[ties["role"].isin(["lead", "funding"]), "actor_id"]
        recipients = ties.loc[ties["role"] == "recipient", ["actor_id", "initiative_id"]]
        funders_of = recipients.merge(ties.loc[ties["role"].isin(["lead", "funding"]),
                                               ["initiative_id", "actor_id"]],
                                      on="initiative_id", suffixes=("", "_funder"))
        cofunded = int((funders_of.groupby("actor_id")["actor_id_funder"].nunique() > 1).sum())
        n_f, n_r = funders.nunique(), recipients["actor_id"].nunique()
        s.findings = [
            f"{n_i:,} grants from {n_f:,} funder{'s' if n_f != 1 else ''} to {n_r:,} "
            f"recipients ({reg.mentions['name'].nunique():,} organisation names as written).",
            (f"{cofunded:,} of the {n_r:,} recipients are funded by more than one funder."
             if n_f > 1 else
             "With one funder, the grants form a star: there is no network between "
             "recipients to measure, so the network sections are left out."),
        ]
        s.how_to_read = ("Each dot is an organisation; a funder is linked to each recipient it "
                         "funds. Dot size is the number of grants, colour the actor type.")
    else:
        units, one = unit(a), unit(a, plural=False)
        if (reg.ties["role"] == "lead").any():
            gaps = record_gaps(reg).set_index("measure")
            alone = (f"{int(gaps.loc['no partners', 'initiatives']):,} {units} "
                     f"({prose_percent(gaps.loc['no partners', 'share'])}) name no partner besides their "
                     "lead.")
        else:  # no lead role (an aid-activity registry): a record alone names one organisation
            single = int((iso["actors"] == 1).sum())
            alone = (f"{single:,} {units if single != 1 else one} ({prose_percent(single / n_i)}) "
                     f"name{'s' if single == 1 else ''} a single organisation." if single else
                     f"Every {one} names two organisations or more.")
        s.findings = [
            f"{n_i:,} {units} and {n_a:,} distinct actors after name resolution "
            f"({reg.mentions['name'].nunique():,} names as written), joined by "
            f"{len(reg.ties):,} ties.",
            f"The largest connected group holds {prose_percent(comp.attrs['largest_actor_share'])} of "
            f"actors and {prose_percent(comp.attrs['largest_initiative_share'])} of {units}; "
            f"{_groups(comp)} in all.",
            alone,
        ]
        together = ("the sheet links them" if a.kind.network == "link" else
                    f"they take part in the same {one}")
        s.how_to_read = (f"Each dot is an actor; two actors are linked when {together}. Dot size "
                         f"is the number of {units}, colour the actor type. Hover a dot for its "
                         "figures; drag to zoom.")
    s.summary = [s.findings[0], s.findings[1]]
    units = unit(a)
    core = map_graph(a)
    # the largest group drawn whole (a drawn network's): no actor of it is left off
    whole = core.vcount() and core.vcount() == max(a.projection.connected_components().sizes())
    # the hover cards count the registry's own records (or a 3W's cells): "Activities: 4"
    fig = views.network_map(core, as_units(a, a.hub_table), size=units, colour="actor_type",
                            hover_fields=("actor_type", "country", units, "partners",
                                          "pagerank"),
                            cache_dir=a.settings.cache_dir,
                            title=f"The {core.vcount():,} actors of the largest group"
                                  + ("" if whole else
                                     f" that {_take_part(a)} two or more {units}"))
    fig.add_annotation(text=f"{n_a - core.vcount():,} actors in "
                            + ("" if whole else f"a single {unit(a, False)} or in ")
                            + "smaller groups are left off the map (they are in the tables).",
                       showarrow=False, x=1, y=-0.02, xref="paper", yref="paper",
                       xanchor="right", font=dict(size=11, color="#777"))
    s.figures = [fig]
    s.tables = shown_tables([("Ties by role",  # of the registry's records, not of cells
                              renamed_initiatives(roles, a.kind.records, a.kind.record), None),
                             ("Components (largest first)", as_units(a, comp), 10)])
    if a.copresence:
        s.full_tables = {"cells_with_one_organisation": as_units(
            a, iso[iso["actors"] == 1].drop(columns="reason"))}
    else:
        s.full_tables = {"isolated_initiatives": iso}
    s.methods = [tie_method(a)]
    s.references = ["Newman, M. E. J. (2001). Scientific collaboration networks. II. Shortest "
                    "paths, weighted networks, and centrality. Physical Review E, 64, 016132."]
    if a.copresence:
        s.references.append(BREIGER)
    return s


#: The most actors of a drawn network's largest group the report's map draws whole.
MAP_WHOLE_GROUP = 3000


def map_graph(a: Analysis) -> ig.Graph:
    """The actors worth drawing: in two or more initiatives, in the largest connected group.

    Actors of a single initiative only add a clique around it; leaving them out
    shows who connects the initiatives. A drawn network's actor with a single link is a leaf
    the sheet drew: its largest group is drawn whole up to :data:`MAP_WHOLE_GROUP` actors.
    """
    g = a.projection
    if a.kind.network == "link":
        largest = _largest_group(g)
        if largest.vcount() <= MAP_WHOLE_GROUP:
            return largest
    keep = np.flatnonzero(a.hub_table["initiatives"].to_numpy() >= 2)
    sub = g.induced_subgraph(keep.tolist())
    if sub.vcount() == 0:
        return g
    return _largest_group(sub)


def _largest_group(g: ig.Graph) -> ig.Graph:
    """The subgraph of ``g``'s largest connected component."""
    if g.vcount() == 0:
        return g
    memb = np.asarray(g.connected_components().membership)
    return g.induced_subgraph(np.flatnonzero(memb == np.bincount(memb).argmax()).tolist())


def hubs(a: Analysis) -> Section:
    """Who sits at the centre."""
    h = a.hub_table.sort_values(["initiatives", "pagerank"], ascending=False)
    top = a.settings.top
    net = a.network_reg
    n_i = len(net.initiatives)
    top_k = top_count(len(h))
    reach = net.ties.loc[net.ties["actor_id"].isin(set(h.head(top_k)["actor_id"])),
                         "initiative_id"].nunique()
    first = h.iloc[0]
    central = h.sort_values("pagerank", ascending=False).iloc[0]["name"]
    s = Section("hubs", "Hubs: who sits at the centre")
    leads = not a.copresence and bool((net.ties["role"] == "lead").any())
    if a.copresence:
        k = int(first["partners"])
        s.findings = [
            f"{_top_words(top_k, 'organisations in the most cells', 'organisation')} "
            f"work{'s' if top_k == 1 else ''} in "
            f"{prose_percent(reach / n_i)} of the {cell_words(a)} cells ({reach:,} of {n_i:,}).",
            f"{first['name']} works in the most cells ({int(first['initiatives']):,}), "
            + (f"sharing them with {k:,} other organisation{'s' if k != 1 else ''}."
               if k else "but shares none of them with another organisation."),
            f"By PageRank on co-presence ties the most central organisation is {central}.",
        ]
        s.how_to_read = ("Cells counts the place × sector cells an organisation works in; "
                         "partners, the organisations it shares a cell with. PageRank rewards "
                         "ties to organisations that are themselves central. The s-coreness of "
                         "an organisation is the largest t such that it belongs to a group in "
                         "which everyone has ties worth at least t cells inside the group; each "
                         "cell gives each organisation in it a total of 1 however many work "
                         "there, so a high s-coreness means working repeatedly beside the same "
                         "organisations, not one crowded cell.")
    else:
        # an aid-activity registry names no lead (its roles are funding, implementing, …)
        led = f", leading {int(first['initiatives_led']):,}" if leads else ""
        units, one = unit(a), unit(a, plural=False)
        s.findings = [
            f"{_top_words(top_k, 'most connected actors', 'actor')} "
            f"take{'s' if top_k == 1 else ''} part in "
            f"{prose_percent(reach / n_i)} of {units} ({reach:,} of {n_i:,}).",
            f"{first['name']} takes part in the most {units} ({int(first['initiatives']):,}"
            f"{led}).",
            f"By PageRank the most central actor is {central}.",
        ]
        s.how_to_read = (f"{units.capitalize()} counts every {one} an actor takes part in; "
                         "PageRank rewards ties to actors who are themselves central. The "
                         "s-coreness of an actor is the largest t such that it belongs to a group "
                         "in which everyone has ties worth at least t "
                         + (f"{units} inside the group: a high s-coreness means repeated links "
                            "between the same partners." if a.kind.network == "link" else
                            f"{units} inside the group; each {one} gives each member a total of "
                            "1 however long its member list, so a high s-coreness means repeated "
                            f"work with the same partners, not one large {one}."))
    s.summary = [s.findings[0]]
    units = unit(a)
    s.figures = [views.ranked_bars(h, "initiatives", top=top,
                                   title=f"{first['name']} "
                                         f"{'works in' if a.copresence else 'takes part in'} "
                                         f"the most {units}",
                                   value_title=f"{units} (count)"),
                 views.ranked_bars(h, "pagerank", top=top, title="Most central by PageRank",
                                   value_title="PageRank (share of random-walk time)")]
    cols = ["name", "official_name", "actor_type", "country", "initiatives", "initiatives_led",
            "partners", "strength", "pagerank", "s_coreness"]
    if not leads:
        cols.remove("initiatives_led")  # a 3W or an aid-activity registry names no lead
    s.tables = shown_tables([(f"Top {top} hubs", as_units(a, h[cols]), top)])
    s.full_tables = {"actors": as_units(a, a.hub_table)}
    weights = ("Newman's weights over shared cells Σ_c 1/(k_c − 1), k_c the organisations in "
               "cell c (Newman 2001): the k-core number of the unweighted projection would give "
               "every organisation of a cell of k organisations a coreness of at least k − 1."
               if a.copresence else
               "Newman's collaboration weights Σ_k 1/(n_k − 1) (Newman 2001): the k-core number "
               f"of the unweighted projection would give every member of {a_unit(a)} of "
               "n members a coreness of at least n − 1.")
    s.methods = [
        ("PageRank", "Damping 0.85 on the weighted projection (Brin & Page 1998), igraph."),
        ("s-coreness", "Generalized k-core on tie strength (Batagelj & Zaveršnik 2011; the "
                       f"s-core of Eidsaa & Almaas 2013) on {weights}"),
        ("Eigenvector centrality", "Leading eigenvector of the weighted adjacency (Bonacich 1972)."),
    ]
    s.references = [
        "Brin, S., & Page, L. (1998). The anatomy of a large-scale hypertextual Web search engine. "
        "Computer Networks and ISDN Systems, 30, 107–117.",
        ("Batagelj, V., & Zaveršnik, M. (2011). Fast algorithms for determining (generalized) "
         "core groups in social networks. Advances in Data Analysis and Classification, 5, "
         "129–145."),
        ("Eidsaa, M., & Almaas, E. (2013). s-core network decomposition: a generalization of "
         "k-core analysis to weighted networks. Physical Review E, 88, 062819."),
        ("Newman, M. E. J. (2001). Scientific collaboration networks. II. Shortest paths, "
         "weighted networks, and centrality. Physical Review E, 64, 016132."),
        "Bonacich, P. (1972). Factoring and weighting approaches to status scores and clique "
        "identification. Journal of Mathematical Sociology, 2, 113–120.",
    ]
    return s


#: Most actors the hubs' reach is read over.
TOP_HUBS = 10


def top_count(n: int) -> int:
    """How many of ``n`` actors the hubs' reach is read over: :data:`TOP_HUBS`, or a fifth of
    a small registry's actors (at least one): the 10 most connected of 13 actors, or "all 3",
    reach every record by construction.

    >>> top_count(8_480), top_count(50), top_count(13), top_count(3)
    (10, 10, 2, 1)
    """
    return min(TOP_HUBS, max(1, n // 5))


def _top_words(k: int, top: str, one: str) -> str:
    """"The 10 most connected actors", "The most connected actor"."""
    if k == 1:
        return f"The {top.replace(f'{one}s', one)}"
    return f"The {k} {top}"


def _take_part(a: Analysis) -> str:
    """How an actor is in its records, in words: "work in" cells, "have" links, "take part in"
    initiatives."""
    return "work in" if a.copresence else "have" if a.kind.network == "link" else "take part in"


#: The methods note on structural holes between partners (a drawn network).
PARTNER_HOLES = ("Burt's (1992) constraint and effective size (Borgatti 1997) on the actor "
                 "network itself, as the sheet draws it: an actor's contacts are its partners, "
                 "two of them redundant when they are linked to each other; each link is a tie "
                 "of strength 1 (a pair linked twice, 2). Every link joins two organisations, "
                 "so no long member list makes a clique of the network.")

#: The broker table's structural-hole columns (between initiatives).
HOLES = ("initiatives_with_partners", "redundant_pairs", "effective_size", "efficiency",
         "constraint")


def brokers(a: Analysis) -> Section:
    """Who connects sectors, regions and communities."""
    from ecosystem.measures.network.brokerage_roles import undirected_roles

    b = a.broker_table
    one_role = "gatekeeper" in b and not a.projection.is_directed()
    if one_role:  # undirected ties: representative = gatekeeper for every actor, one role
        b = undirected_roles(b)
    top = a.settings.top
    lead = b.sort_values("betweenness", ascending=False).iloc[0]
    s = Section("brokers", "Brokers: who connects the ecosystem")
    mode = b["betweenness_mode"].iloc[0] if "betweenness_mode" in b else "exact"
    s.findings = [f"{lead['name']} lies on the most shortest paths between other actors "
                  f"(betweenness, {mode})."]
    # the broker table's structural holes (between initiatives, or cells), in reg.actors order
    units, one = unit(a), unit(a, plural=False)
    with_partners = "shared with another organisation" if a.copresence else "with partners"
    by_actor = b.set_index("actor_id").reindex(a.reg.actors["actor_id"]).reset_index()
    # a drawn network: holes between an actor's partners (Burt's own), no initiative to carry them
    by_partner = b.attrs.get("holes") == "partners"
    holes = by_actor[["actor_id", "name", "actor_type", *HOLES]]
    if by_partner:
        holes = holes.rename(columns={"initiatives_with_partners": "partners"}).assign(
            initiative_id=None)
        units, one, with_partners = "partners", "partner", "linked to each other"
    else:
        holes = with_largest_shares(a, holes, None, "count")
    low = holes.dropna(subset=["constraint"]).sort_values(["constraint", "effective_size"],
                                                           ascending=[True, False])
    if len(low):
        first = low.iloc[0]
        contacts = int(first["partners" if by_partner else "initiatives_with_partners"])
        s.findings.append(
            f"{first['name']} spans the most structural holes between {units} (lowest "
            f"constraint {first['constraint']:.3f}): of its {contacts:,} "
            f"{units if contacts != 1 else one}"
            f"{'' if by_partner else ' ' + with_partners}, the effective size is "
            f"{first['effective_size']:.1f}."
            + ("" if by_partner else carried_sentence(a, low.head(1), "ties")))
    elif b.attrs.get("holes_left_out"):
        s.findings.append(b.attrs["holes_left_out"][0].upper() + b.attrs["holes_left_out"][1:]
                          + ".")
    s.summary = s.findings[:1]
    redundant = ("two of them are redundant when they are linked to each other; low constraint "
                 "and a large effective size mean many partners who are linked only through "
                 "this actor" if by_partner else
                 "two of them are redundant when another actor also "
                 f"{'works in' if a.copresence else 'takes part in'} both; low constraint "
                 f"and a large effective size mean many {units} that only this actor "
                 f"{'links' if a.copresence else 'joins'}")
    s.how_to_read = ("Betweenness counts the shortest paths between other actors that pass "
                     "through an actor. Structural holes (Burt) are counted between an actor's "
                     f"{units}: {redundant}. Gould–Fernandez roles say whom it "
                     f"brokers between, by {a.settings.grouping.replace('_', ' ')}: coordinator "
                     "(within its own group), itinerant (between members of another group), "
                     + ("representative/gatekeeper (between its own group and another; "
                        "ties have no direction, so out of the group and into it are one "
                        "role), " if one_role else "representative and gatekeeper (out of "
                        "and into its group), ") + "liaison (between two other groups).")
    s.figures = [views.ranked_bars(b, "betweenness", top=top, title=f"{lead['name']} is the "
                                   "leading broker by betweenness",
                                   value_title="betweenness (shortest paths through the actor)"),
                 views.brokerage_roles(b, top=top)]
    cols = [c for c in ("name", "actor_type", "betweenness", "is_cut_vertex", "participation",
                        "coordinator", "itinerant", "representative", "gatekeeper",
                        "representative/gatekeeper", "liaison")
            if c in b]
    hole_cols = (["name", "actor_type", "partners", *HOLES[1:]] if by_partner else
                 ["name", "actor_type", *HOLES, "share", "largest_initiative"])
    s.tables = shown_tables([
        (f"Top {top} brokers", b.sort_values("betweenness", ascending=False)[cols], top),
        (f"Top {top} structural-hole spanners (between {units})",
         as_units(a, low[hole_cols].rename(columns=SHARE_COLUMN)), top)])
    s.full_tables = {"brokers": as_units(a, b), "structural_holes": as_units(
        a, holes.drop(columns="initiative_id").rename(columns=SHARE_COLUMN))}
    s.methods = [("Betweenness", f"Brandes (2001) on the unweighted projection; mode: {mode}."),
                 ("Structural holes", PARTNER_HOLES if by_partner else (
                  "Burt's (1992) constraint and effective size (Borgatti "
                  f"1997) on each actor's {one} ego network: its contacts are its "
                  f"{units} {with_partners}, two of them tied when another actor "
                  f"{'works in' if a.copresence else 'takes part in'} "
                  "both (the redundancy of Latapy, Magnien & Del Vecchio 2008). On the "
                  f"projection a{'' if a.copresence else 'n'} {one} of n "
                  f"{'organisations' if a.copresence else 'members'} is a clique whose members "
                  "all get a constraint near 4/(n − 1), so the members of the largest "
                  f"{one} would head the list; the broker table and the explorer show these "
                  f"figures between {units} too. 'Largest {one} share' is the part of the "
                  f"actor's {'co-presence' if a.copresence else 'co-memberships'} that comes "
                  f"from its largest {one}; above {prose_percent(CARRIED)} the finding names it.")),
                 ("Brokerage roles", "Gould & Fernandez (1989), as statnet's sna::brokerage: "
                  "each co-membership tie counts in both directions, and z-scores compare the "
                  "counts with a random graph of the same density and the same groups. Read "
                  "that way an actor's representative and gatekeeper counts are always equal "
                  "(each open triple counts once each way), so they are shown once, summed, "
                  "as representative/gatekeeper."),
                 ("Participation coefficient", "Guimerà & Amaral (2005) over Leiden communities.")]
    s.references = [
        "Brandes, U. (2001). A faster algorithm for betweenness centrality. Journal of "
        "Mathematical Sociology, 25(2), 163–177.",
        "Burt, R. S. (1992). Structural Holes. Harvard University Press.",
        ("Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures. "
         "Connections, 20(1), 35–38."),
        ("Latapy, M., Magnien, C., & Del Vecchio, N. (2008). Basic notions for the analysis of "
         "large two-mode networks. Social Networks, 30, 31–48."),
        "Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: a formal approach to "
        "brokerage in transaction networks. Sociological Methodology, 19, 89–126.",
        "Guimerà, R., & Amaral, L. A. N. (2005). Functional cartography of complex metabolic "
        "networks. Nature, 433, 895–900.",
    ]
    return s


