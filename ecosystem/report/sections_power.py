"""Report sections on power, agreement, resilience, flows and stakeholders."""
from __future__ import annotations

import pandas as pd

from ecosystem import views
from ecosystem.measures.context import Analysis
from ecosystem.measures.network.resilience import critical_actors, removal_curves
from ecosystem.measures.power.concentration import concentration, lorenz
from ecosystem.measures.power.geography import north_south, north_south_summary
from ecosystem.measures.power.resources import resources_by_actor_type
from ecosystem.report.section import Section

__all__ = [
    "power", "AGREEMENT_MIN_INITIATIVES", "agreement", "resilience", "flows", "stakeholders",
]


def _pct(x: float) -> str:
    return f"{x:.0%}" if x >= 0.01 or x == 0 else f"{x:.1%}"


def power(a: Analysis) -> Section:
    """Concentration, North–South balance, resources by actor type."""
    conc = concentration(a.reg)
    ns = north_south(a.reg)
    ns_sum = north_south_summary(a.reg)
    res = resources_by_actor_type(a.reg) if len(a.reg.resources) else None
    s = Section("power", "Power and burden-sharing")
    part = conc[(conc["measure"] == "participation") & (conc["over"] == "actor")]
    lead = ns_sum[(ns_sum["aspect"] == "lead") & (ns_sum["value"] == "north")]
    if len(part):
        p = part.iloc[0]
        s.findings.append(f"Participation is concentrated: Gini {p['gini']:.2f}; the top 10% of "
                          f"actors hold {_pct(p['top10_share'])} of all ties.")
    if len(lead):
        s.findings.append(f"{_pct(lead.iloc[0]['share_of_known'])} of initiatives with a "
                          "classified lead are led from the Global North.")
    cats = ns_sum[ns_sum["aspect"] == "category"]
    s.summary = list(s.findings)
    s.how_to_read = ("The Lorenz curve sorts actors from fewest to most ties: the further it "
                     "sags below the diagonal, the more a few actors hold. North–South "
                     "categories use the UN M49 developed/developing grouping of the countries "
                     "of an initiative's actors and places.")
    curves = {"participation (ties)": lorenz(a.reg, of="ties")}
    if (a.reg.ties["role"] == "lead").any():
        curves["leadership (leads)"] = lorenz(a.reg, of="leads")
    s.figures = [views.lorenz_curves(curves),
                 views.composition_bars(cats.rename(columns={"value": "category"}),
                                        count="initiatives")]
    s.tables = [("Concentration", conc, None), ("North–South composition", ns_sum, None)]
    s.full_tables = {"north_south": ns}
    if res is None:
        s.findings.append("The registry records no resources, so who brings what is not shown.")
    else:
        s.figures.append(views.resources_by_type(res, kind="resource_type"))
        s.full_tables["resources_by_actor_type"] = res
    s.methods = [("Gini and HHI", "Gini coefficient of ties (or leads) per actor and per actor "
                  "type; Herfindahl–Hirschman index Σ s², also normalised."),
                 ("North–South", "UN M49 developed/developing regions; triangular: two or more "
                  "developing countries with a developed-country or multilateral partner.")]
    s.references = ["Gini, C. (1912). Variabilità e mutabilità. Bologna.",
                    "United Nations Statistics Division. Standard country or area codes for "
                    "statistical use (M49)."]
    return s


#: Pairs whose actors both have this many initiatives (a portfolio of their own; two
#: one-initiative co-members have the same profile and agree by construction).
AGREEMENT_MIN_INITIATIVES = 3


def agreement(a: Analysis) -> Section:
    """The Agreement Matrix over tied pairs of actors."""
    from ecosystem.measures.power.agreement import agreement_pairs

    pairs = agreement_pairs(a.reg, min_initiatives=AGREEMENT_MIN_INITIATIVES)
    s = Section("agreement", "The Agreement Matrix: which tools fit which partnerships")
    counts = pairs["tool_family"].value_counts()
    if len(counts):
        s.findings = [f"Of {len(pairs):,} tied pairs of actors with at least "
                      f"{AGREEMENT_MIN_INITIATIVES} initiatives each, " + ", ".join(
                          f"{int(v):,} call for {k}" for k, v in counts.items()) + "."]
    s.summary = list(s.findings)
    s.how_to_read = ("Goal agreement is the overlap of the SDG targets two partners pursue; means "
                     "agreement the overlap of how they work (resources, themes, roles). High on "
                     "both: culture tools; goals only: leadership tools; means only: management "
                     "tools; neither: power tools.")
    s.figures = [views.agreement_quadrants(pairs)]
    s.tables = [("Pairs by quadrant", pairs, a.settings.top)]
    s.full_tables = {"agreement_pairs": pairs}
    s.methods = [("Agreement Matrix", "Stevenson's Agreement Matrix as adapted by Mancini in "
                  "'Managing Partnership' (International Peacekeeping).")]
    s.references = ["Mancini, F. Managing Partnership. International Peacekeeping.",
                    "Stevenson, H. The Agreement Matrix (as cited by Mancini)."]
    return s


def resilience(a: Analysis) -> Section:
    """Removal curves and the actors whose exit cuts initiatives off."""
    steps = min(a.settings.resilience_steps, max(len(a.reg.actors) // 5, 1))
    brokers = a.broker_table.sort_values(["betweenness", "actor_id"], ascending=[False, True])
    orders = ["hubs", ("brokers", brokers["actor_id"].tolist()), "random"]
    curves = removal_curves(a.reg, orders, max_removed=steps)
    crit = critical_actors(a.reg, top=None)
    s = Section("resilience", "Resilience: what if central actors leave")
    end = curves.groupby("ordering")["share_initiatives_in_lcc"].last()
    start = curves["share_initiatives_in_lcc"].iloc[0]
    s.findings = [f"Removing the {steps} largest hubs leaves {_pct(end['hubs'])} of initiatives in "
                  f"the largest connected group (from {_pct(start)}); removing {steps} random "
                  f"actors leaves {_pct(end['random'])}."]
    if len(crit):
        c = crit.iloc[0]
        s.findings.append(f"{c['name']}'s exit alone would cut {int(c['cut_off_initiatives']):,} "
                          "initiatives off from the rest of the ecosystem.")
    s.summary = list(s.findings)
    s.how_to_read = ("Each line removes actors one at a time in the order named and tracks the "
                     "share of initiatives still joined in the largest group. A steep hub line "
                     "against a flat random line means the ecosystem hangs on a few actors.")
    s.figures = [views.resilience_curves(curves)]
    s.tables = [("Actors whose exit cuts initiatives off", crit, a.settings.top)]
    s.full_tables = {"resilience_curves": curves, "critical_actors": crit}
    s.methods = [("Resilience", "Targeted and random removal (Albert, Jeong & Barabási 2000) on "
                  "the bipartite actor–initiative graph; cut-offs from the block–cut tree.")]
    s.references = ["Albert, R., Jeong, H., & Barabási, A.-L. (2000). Error and attack tolerance "
                    "of complex networks. Nature, 406, 378–382."]
    return s


def flows(a: Analysis) -> Section:
    """Provider → receiver flows (registries that have them)."""
    f = a.reg.flows
    s = Section("flows", "Flows of funding")
    if f.empty:
        s.findings = ["This registry records no flows between actors."]
        return s
    names = a.reg.actors.set_index("actor_id")["name"]
    d = f.assign(provider=f["provider_actor_id"].map(names).fillna(f["provider_name"]),
                 receiver=f["receiver_actor_id"].map(names).fillna(f["receiver_name"]))
    d = d.dropna(subset=["provider", "receiver"])
    cur = d["currency"].mode().iloc[0] if d["currency"].notna().any() else None
    main = d[d["currency"] == cur] if cur else d
    total = pd.to_numeric(main["amount"], errors="coerce").sum()
    s.findings = [f"{len(f):,} flows; {len(main):,} in {cur or 'no stated currency'} total "
                  f"{total:,.0f}."]
    s.summary = list(s.findings)
    s.figures = [views.flow_sankey(main, currency=cur)]
    top = (main.groupby(["provider", "receiver"], as_index=False)["amount"].sum()
           .sort_values("amount", ascending=False))
    s.tables = [("Largest flows", top, a.settings.top)]
    s.full_tables = {"flows": d}
    _flow_brokers(a, s)
    return s


def _flow_brokers(a: Analysis, s: Section) -> None:
    """Intermediaries of the directed flow graph: who passes funding on, between which groups."""
    from ecosystem.graphs import flow_graph
    from ecosystem.measures.network.brokerage_roles import gould_fernandez

    g = flow_graph(a.reg)
    groups = [t or "unknown" for t in g.vs["actor_type"]]
    if len(set(groups)) < 2:
        return
    gf = gould_fernandez(g, groups)
    gf.insert(1, "actor", g.vs["label"])
    gf.insert(2, "receives_from", g.indegree())
    gf.insert(3, "provides_to", g.outdegree())
    inter = gf[(gf["receives_from"] > 0) & (gf["provides_to"] > 0)].sort_values(
        "total", ascending=False)
    if inter.empty:
        s.findings.append("No actor both receives and passes on funding in this registry.")
        return
    first = inter.iloc[0]
    s.findings.append(f"{len(inter):,} actors both receive and pass on funding; "
                      f"{first['actor']} brokers the most provider → receiver chains "
                      f"({int(first['total']):,}).")
    s.summary.append(s.findings[-1])
    s.figures.append(views.brokerage_roles(inter.rename(columns={"actor": "name"}),
                                           title="Intermediaries in the funding chain: "
                                                 "Gould–Fernandez roles by actor type"))
    s.tables.append(("Intermediaries (receive and provide)", inter, a.settings.top))
    s.full_tables["flow_brokerage"] = gf
    s.methods.append(("Funding brokerage", "Gould & Fernandez (1989) roles on the directed "
                      "provider → receiver graph, groups by actor type (sna::brokerage)."))


def stakeholders(a: Analysis) -> Section:
    """Influence × interest map for the study's goal of interest."""
    goal = a.settings.goal
    goals = a.reg.initiative_goals
    if goal is None:
        goal = int(goals["goal"].mode().iloc[0]) if len(goals) else None
    s = Section("stakeholders", "Stakeholder map")
    if goal is None:
        s.findings = ["The registry records no SDG goals, so there is no interest axis."]
        return s
    on_goal = set(goals.loc[goals["goal"] == goal, "initiative_id"])
    t = a.reg.ties.drop_duplicates(["actor_id", "initiative_id"])
    interest = t.assign(on=t["initiative_id"].isin(on_goal)).groupby("actor_id")["on"].mean()
    h = a.hub_table.assign(interest=a.hub_table["actor_id"].map(interest))
    h = h[h["initiatives"] >= 2]
    s.findings = [f"Among {len(h):,} actors with two or more initiatives, interest is the share "
                  f"of their initiatives on SDG {goal}."]
    s.how_to_read = ("Influence is PageRank in the co-membership network; interest the share "
                     "of an actor's initiatives on the goal. Players (top right) shape the field; "
                     "context setters have influence but other priorities.")
    s.figures = [views.stakeholder_map(h, goal=goal)]
    return s
