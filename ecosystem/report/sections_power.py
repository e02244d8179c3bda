"""Report sections on power, resilience, flows and stakeholders (the Agreement Matrix:
:mod:`ecosystem.report.sections_agreement`)."""
from __future__ import annotations

import pandas as pd

from ecosystem import views
from ecosystem.measures.context import Analysis
from ecosystem.measures.network.resilience import critical_actors, removal_curves
from ecosystem.measures.power.concentration import concentration, lorenz
from ecosystem.measures.power.geography import north_south, north_south_summary
from ecosystem.measures.power.resources import resources_by_actor_type
from ecosystem.report.section import Section, shown_tables
from ecosystem.views.formatting import money, prose_percent
from ecosystem.views.labels import id_label
from ecosystem.views.record_words import (
    as_units,
    in_unit_words,
    initiative_words,
    renamed_initiatives,
    unit,
    with_article,
)

__all__ = ["power", "UNNAMED", "resilience", "flows", "stakeholders", "north_lead_finding"]


def power(a: Analysis) -> Section:
    """Concentration, North–South balance, resources by actor type."""
    conc = concentration(a.reg)
    ns = north_south(a.reg)
    # an aid-activity registry names no lead: its reporting organisation (publisher) stands in
    activity = a.kind.name == "activity"
    ns_sum = north_south_summary(a.reg, lead_roles=("reporting",), table=None) if activity \
        else north_south_summary(a.reg, table=ns)  # the table above: the same arguments
    res = resources_by_actor_type(a.reg) if len(a.reg.resources) else None
    s = Section("power", "Power and burden-sharing")
    part = conc[(conc["measure"] == "participation") & (conc["over"] == "actor")]
    if len(part):
        p = part.iloc[0]
        held = ("presence records (an organisation counted once per record)" if a.copresence
                else f"memberships (an actor counted once per {unit(a, False)}, whatever its "
                     "roles)")
        s.findings.append(f"Participation is concentrated: Gini {p['gini']:.2f}; the top 10% of "
                          f"the {int(p['n']):,} {'organisations' if a.copresence else 'actors'} "
                          f"hold {prose_percent(p['top10_share'])} of all {int(p['total']):,} {held}.")
    s.findings.append(north_lead_finding(ns_sum, led="reported" if activity else "led",
                                         records=a.kind.records, record=a.kind.record))
    cats = ns_sum[ns_sum["aspect"] == "category"]
    s.summary = list(s.findings)
    s.how_to_read = ("The Lorenz curve sorts actors from fewest to most ties: the further it "
                     "sags below the diagonal, the more a few actors hold. North–South "
                     "categories use the UN M49 developed/developing grouping of the countries "
                     f"of {with_article(a.kind.record)}'s actors and places.")
    curves = {"participation (ties)": lorenz(a.reg, of="ties")}
    if (a.reg.ties["role"] == "lead").any():
        curves["leadership (leads)"] = lorenz(a.reg, of="leads")
    s.figures = [views.lorenz_curves(curves),
                 views.composition_bars(cats.rename(columns={"value": "category"}),
                                        count="initiatives")]
    recs, rec = a.kind.records, a.kind.record  # both count the registry's records, never cells
    s.tables = shown_tables([
        ("Concentration", conc.assign(explanation=initiative_words(conc["explanation"], recs,
                                                                   rec)), None),
        ("North–South composition", renamed_initiatives(ns_sum.assign(
            explanation=initiative_words(ns_sum["explanation"], recs, rec)), recs, rec), None)])
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


def north_lead_finding(ns_sum: pd.DataFrame, led: str = "led",
                       records: str = "initiatives", record: str = "initiative") -> str:
    """The share led from the Global North, with its denominator and its coverage.

    ``ns_sum`` is :func:`ecosystem.measures.power.geography.north_south_summary`;
    ``led`` the verb of its lead role ("reported" when the reporting
    organisation of an aid activity stands in for the lead); ``records`` and
    ``record`` what the registry's rows are ("activities", "activity").

    Examples
    --------
    >>> rows = [("lead", g, k) for g, k in (("north", 249), ("south", 292), ("unknown", 2109))]
    >>> ns_sum = pd.DataFrame(rows, columns=["aspect", "value", "initiatives"])
    >>> print(north_lead_finding(ns_sum))
    46% of the 541 initiatives led from a known North or South country (20% of all 2,650) are led
    from the Global North.
    >>> print(north_lead_finding(ns_sum.assign(value=["none", "multilateral", "unknown"])))
    No lead has a known North or South country (of 2,401 initiatives with a recorded lead):
    North/South share not computed.
    >>> print(north_lead_finding(ns_sum[ns_sum["value"] == "north"], led="reported",
    ...                          records="activities"))
    All 249 activities are reported from the Global North.
    >>> print(north_lead_finding(ns_sum[ns_sum["value"] != "south"], led="reported",
    ...                          records="activities"))
    All 249 activities reported from a known North or South country (11% of all 2,358) are
    reported from the Global North.
    """
    leads = ns_sum[ns_sum["aspect"] == "lead"].set_index("value")["initiatives"]
    total, north = int(leads.sum()), int(leads.get("north", 0))
    known = north + int(leads.get("south", 0))
    recorded = total - int(leads.get("none", 0))
    who = "lead" if led == "led" else "reporting organisation"
    if not recorded:
        return f"No {record} names a {who}: North/South share not computed."
    if not known:
        return (f"No {who} has a known North or South country (of {recorded:,} "
                f"{records} with a recorded {who}): North/South share not computed.")
    if north in (0, known):  # all on one side
        side = "North" if north else "South"
        if known == total:  # every lead's country known
            return f"All {total:,} {records} are {led} from the Global {side}."
        share = prose_percent(known / total)
        return (f"All {known:,} {records} {led} from a known North or South country "
                f"({share} of all {total:,}) are {led} from the Global {side}.")
    return (f"{prose_percent(north / known)} of the {known:,} {records} {led} from a known North or "
            f"South country ({prose_percent(known / total)} of all {total:,}) are {led} from the Global "
            "North.")


def _cells_alone(net, crit: pd.DataFrame) -> pd.DataFrame:
    """Critical organisations with ``cells_alone``: the cells no other organisation works in."""
    t = net.ties.drop_duplicates(["actor_id", "initiative_id"])
    size = t.groupby("initiative_id").size()
    alone = t[t["initiative_id"].map(size) == 1].groupby("actor_id").size()
    crit = crit.assign(cells_alone=crit["actor_id"].map(alone).fillna(0).astype(int))
    crit["explanation"] = crit["explanation"].astype("string").str.replace("initiatives", "cells")
    return crit


def _copresence_exits(crit: pd.DataFrame) -> list[str]:
    """Findings on the cells an organisation's exit leaves empty or cuts off (co-presence)."""
    out = []
    solo = crit[crit["cells_alone"] > 0].sort_values(["cells_alone", "actor_id"],
                                                     ascending=[False, True])
    if len(solo):
        c = solo.iloc[0]
        n, k = int(c["cells_alone"]), int(c["initiatives"])
        out.append(f"{len(solo):,} organisation{'s work' if len(solo) != 1 else ' works'} alone "
                   f"in at least one cell; {c['name']}'s exit would leave the most cells with "
                   f"no organisation ({n:,} of its {k:,}).")
    # cut-off cells where other organisations remain (the empty ones are cut off too)
    more = (crit["cut_off_initiatives"] - crit["cells_alone"]).clip(lower=0)
    if (more > 0).any():
        c = crit.loc[more.idxmax()]
        out.append(f"{c['name']}'s exit alone would cut {int(more.max()):,} cells where other "
                   "organisations work off from the rest of its group.")
    return out


def resilience(a: Analysis) -> Section:
    """Removal curves and the actors whose exit cuts initiatives (for co-presence, cells) off."""
    net = a.network_reg  # for co-presence: organisations × cells
    units = unit(a)
    steps = min(a.settings.resilience_steps, max(len(a.reg.actors) // 5, 1))
    brokers = a.broker_table.sort_values(["betweenness", "actor_id"], ascending=[False, True])
    orders = ["hubs", ("brokers", brokers["actor_id"].tolist()), "random"]
    curves = removal_curves(net, orders, max_removed=steps)
    crit = critical_actors(net, top=None)
    s = Section("resilience", "Resilience: what if central actors leave")
    end = curves.groupby("ordering")["share_initiatives_in_lcc"].last()
    start = curves["share_initiatives_in_lcc"].iloc[0]
    who = "organisations" if a.copresence else "actors"
    hubs = f"the {steps} largest hubs" if steps > 1 else "the largest hub"
    rand = f"{steps} random {who}" if steps > 1 else f"one random {who[:-1]}"
    s.findings = [f"Removing {hubs} leaves {prose_percent(end['hubs'])} of {units} in the largest "
                  f"connected group (from {prose_percent(start)}); removing {rand} leaves "
                  f"{prose_percent(end['random'])}."]
    if a.copresence:
        crit = _cells_alone(net, crit)
        s.findings += _copresence_exits(crit)
    elif len(crit):
        c = crit.iloc[0]
        s.findings.append(f"{c['name']}'s exit alone would cut {int(c['cut_off_initiatives']):,} "
                          f"{units} off from the rest of the ecosystem.")
        crit = crit.assign(explanation=in_unit_words(a, crit["explanation"]))
    s.summary = list(s.findings)
    s.how_to_read = (f"Each line removes {who} one at a time in the order named and tracks the "
                     f"share of {units} still joined in the largest group. A steep hub line "
                     f"against a flat random line means the ecosystem hangs on a few {who}.")
    fig = views.resilience_curves(curves)
    if a.copresence:
        fig.update_yaxes(title="cells in the largest connected component (share)")
    s.figures = [fig]
    s.tables = shown_tables([(f"{who.capitalize()} whose exit cuts {units} off",
                              as_units(a, crit.drop(columns="actor_id")), a.settings.top)])
    s.full_tables = {"resilience_curves": as_units(a, curves),
                     "critical_actors": as_units(a, crit)}
    graph = ("the bipartite organisation × cell graph (co-presence)" if a.copresence else
             f"the bipartite actor–{unit(a, False)} graph")
    s.methods = [("Resilience", "Targeted and random removal (Albert, Jeong & Barabási 2000) on "
                  f"{graph}; cut-offs from the block–cut tree.")]
    s.references = ["Albert, R., Jeong, H., & Barabási, A.-L. (2000). Error and attack tolerance "
                    "of complex networks. Nature, 406, 378–382."]
    return s


#: What the two ends of a flow are, by flow_type (HXL 3W funding, 360Giving grants).
_FLOW_WORDS = {"funding": ("funder", "implementer"), "grant": ("funder", "recipient"),
              "": ("provider", "receiver")}


def flows(a: Analysis) -> Section:
    """Provider → receiver flows (registries that have them)."""
    f = a.reg.flows
    s = Section("flows", "Flows of funding")
    if f.empty:
        s.findings = ["This registry records no flows between actors."]
        return s
    names = a.reg.actors.set_index("actor_id")["name"].to_dict()
    raw = f.assign(provider=f["provider_actor_id"].map(names).fillna(f["provider_name"]),
                   receiver=f["receiver_actor_id"].map(names).fillna(f["receiver_name"]))
    raw = raw.dropna(subset=["provider", "receiver"])  # the full table, as the registry has it
    d = raw.assign(provider=_flow_names(raw, "provider", names),  # the names the page shows
                   receiver=_flow_names(raw, "receiver", names))
    if d.empty:
        s.findings = [f"{len(f):,} flows; none names both a provider and a receiver "
                      "organisation, so there is no flow to draw."]
        return s
    priced = d[pd.to_numeric(d["amount"], errors="coerce").notna()]
    if priced.empty:  # links without amounts: count them, never print a total of 0
        types = d["flow_type"].dropna().unique()
        giver, taker = _FLOW_WORDS.get(types[0] if len(types) == 1 else "", _FLOW_WORDS[""])
        s.findings = [f"{len(d):,} {giver} → {taker} links, without amounts."]
        cur, main = None, d
        top = (d.groupby(["provider", "receiver"]).size().rename("links").reset_index()
               .sort_values("links", ascending=False))
    else:
        cur = priced["currency"].mode().iloc[0] if priced["currency"].notna().any() else None
        main = priced[priced["currency"] == cur] if cur else priced[priced["currency"].isna()]
        total = pd.to_numeric(main["amount"], errors="coerce").sum()
        unpriced = f"; {len(d) - len(priced):,} without amounts" if len(priced) < len(d) else ""
        s.findings = [f"{len(f):,} flows; {len(main):,} in {cur or 'no stated currency'} total "
                      f"{money(total, cur)}{unpriced}."]
        top = (main.groupby(["provider", "receiver"], as_index=False)["amount"]
               .sum(min_count=1).sort_values("amount", ascending=False))
    s.summary = list(s.findings)
    s.figures = [views.flow_sankey(_pooled(main), currency=cur)]
    s.tables = [("Largest flows" if len(priced) else "Links (no amounts)",
                 top.rename(columns={"amount": f"amount ({cur})" if cur else "amount"}),
                 a.settings.top)]
    s.full_tables = {"flows": raw}
    _flow_brokers(a, s)
    s.tables = shown_tables(s.tables)
    return s


def _flow_names(f: pd.DataFrame, end: str, names: dict) -> pd.Series:
    """The display name of each flow's provider or receiver (its name as written if no actor)."""
    ids = f[f"{end}_actor_id"]
    return pd.Series([id_label(i, names) if i in names else id_label(n)
                      for i, n in zip(ids, f[f"{end}_name"])], index=f.index, dtype=object
                     ).replace("", None)


#: How the Sankey names the organisations a registry gives only by an identifier.
UNNAMED = "unnamed organisation ("


def _pooled(flows: pd.DataFrame) -> pd.DataFrame:
    """Flows with the receivers (providers) known only by an identifier pooled into one node."""
    out = flows.copy()
    for end in ("provider", "receiver"):
        unnamed = out[end].astype(str).str.startswith(UNNAMED)
        k = out.loc[unnamed, end].nunique()
        if k > 1:
            out.loc[unnamed, end] = f"{k:,} organisations named only by an identifier"
    return out


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
    who = ("1 actor both receives and passes" if len(inter) == 1
           else f"{len(inter):,} actors both receive and pass")
    s.findings.append(f"{who} on funding; "
                      f"{first['actor']} brokers the most provider → receiver chains "
                      f"({int(first['total']):,}).")
    s.summary.append(s.findings[-1])
    s.figures.append(views.brokerage_roles(inter.drop(columns="name")
                                           .rename(columns={"actor": "name"}),
                                           title="Intermediaries in the funding chain: "
                                                 "Gould–Fernandez roles by actor type"))
    s.tables.append(("Intermediaries (receive and provide)",
                     inter.drop(columns="name").rename(columns={"group": "actor_type"}),
                     a.settings.top))
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
    units = unit(a)
    s.findings = [f"Among {len(h):,} actors with two or more {units}, interest is the share "
                  f"of their {units} on SDG {goal}."]
    s.how_to_read = (f"Influence is PageRank in the {a.kind.network} network; interest the share "
                     f"of an actor's {units} on the goal. Players (top right) shape the field; "
                     "context setters have influence but other priorities.")
    s.figures = [views.stakeholder_map(h, goal=goal)]
    return s
