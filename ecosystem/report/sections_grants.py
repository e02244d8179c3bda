"""Report section on grants: who funds whom, how much, when, and how concentrated.

For registries whose flows carry amounts (360Giving grants above all): the
funder leads and funds each grant, and the money flows funder → recipient.
"""
from __future__ import annotations

import pandas as pd

from ecosystem.errors import AnalysisError
from ecosystem.measures.context import Analysis
from ecosystem.measures.power.grants import (
    funder_summary,
    grant_table,
    grants_by_period,
    recipient_concentration,
    recipient_summary,
)
from ecosystem.model import Registry
from ecosystem.reference.countries import country_name
from ecosystem.report.section import Section, shown_tables
from ecosystem.views.formatting import prose_percent
from ecosystem.views.grants import (
    amount_distribution,
    grants_per_period_bars,
    money,
    top_recipients_bar,
)

__all__ = ["TOP_RECIPIENTS", "funding", "grant_flow_types"]

#: The largest recipients whose share of the amount the section reports.
TOP_RECIPIENTS = 10


def _grants(n: int) -> str:
    return f"{n:,} grant{'' if n == 1 else 's'}"


def _years(dates: pd.Series) -> str:
    d = dates.dropna()
    if d.empty:
        return ""
    y0, y1 = d.min().year, d.max().year
    return f" ({y0})" if y0 == y1 else f" ({y0}–{y1})"


def grant_flow_types(reg: Registry) -> list[str] | None:
    """The flow types the funding section reads: ``["grant"]`` when the registry has grants,
    None (every flow) when its flows are of one type.

    Raises
    ------
    AnalysisError
        Flows of several types and none a grant (IATI transactions: commitments and
        disbursements of one activity must not be added up).

    Examples
    --------
    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> reg = Registry.from_frames(flows=pd.DataFrame({
    ...     "flow_id": ["f1", "f2"], "flow_type": ["grant", "loan"]}))
    >>> grant_flow_types(reg)
    ['grant']
    """
    types = sorted(reg.flows["flow_type"].dropna().astype(str).unique())
    if "grant" in types:
        return ["grant"]
    if len(types) > 1:
        named = ", ".join(types[:4]) + (f" and {len(types) - 4} more" if len(types) > 5 else
                                        "".join(f", {t}" for t in types[4:]))
        raise AnalysisError(f"the flows are of {len(types)} types ({named}) and none is a "
                            "grant; the flows section lists them")
    return None


def funding(a: Analysis) -> Section:
    """Grants: funders, recipients, amounts per currency, award years, concentration.

    Raises
    ------
    AnalysisError
        The registry has no flow with an amount.

    Examples
    --------
    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> reg = Registry.from_frames(flows=pd.DataFrame({
    ...     "flow_id": ["f1", "f2", "f3"], "initiative_id": ["g1", "g2", "g3"],
    ...     "provider_name": "Trust", "receiver_name": ["A", "A", "B"], "flow_type": "grant",
    ...     "amount": [1000.0, 3000.0, 6000.0], "currency": "GBP",
    ...     "date": ["2019-01-05", "2020-03-01", "2020-06-30"]}))
    >>> funding(Analysis(reg)).findings[0]
    'Trust funds 3 grants to 2 recipients, GBP 10,000 in total (2019–2020).'
    """
    types = grant_flow_types(a.reg)
    table = grant_table(a.reg, flow_types=types)
    with_amount = table[table["amount"].notna()]
    if with_amount.empty:
        raise AnalysisError(f"none of the registry's {len(a.reg.flows):,} flows states an amount"
                            if len(a.reg.flows) else "the registry records no flows")
    counts = with_amount["currency"].fillna("").value_counts()
    cur = counts.index[0] or None
    main = with_amount[with_amount["currency"].fillna("") == (cur or "")]
    funders = funder_summary(a.reg, flow_types=types)
    recips = recipient_summary(a.reg, flow_types=types)
    periods = grants_by_period(a.reg, flow_types=types)
    conc = recipient_concentration(a.reg, top=TOP_RECIPIENTS, flow_types=types)
    on = (lambda t: t["currency"].fillna("") == (cur or ""))
    f_main, r_main, p_main = funders[on(funders)], recips[on(recips)], periods[on(periods)]
    c = conc[on(conc)].iloc[0]

    s = Section("funding", "Funding: funders, recipients and grants")
    total, n_grants = float(main["amount"].sum()), main["grant"].nunique()
    n_recips = main["recipient_id"].nunique()
    span = _years(main["date"])
    if len(f_main) == 1:
        who = f"{f_main.iloc[0]['funder']} funds"
    else:
        who = f"{len(f_main):,} funders fund"
    s.findings.append(f"{who} {_grants(n_grants)} to {n_recips:,} recipients, "
                      f"{money(total, cur)} in total{span}.")
    if len(f_main) > 1:
        top_f = f_main.iloc[0]
        s.findings.append(f"{top_f['funder']} gives the most: {money(top_f['total'], cur)} "
                          f"({prose_percent(top_f['total'] / total)}) in {_grants(int(top_f['grants']))}.")
    if c["recipients"] > c["top"]:
        s.findings.append(f"The {int(c['top'])} largest recipients take {prose_percent(c['top_share'])} of "
                          f"the amount; Gini over the {int(c['recipients']):,} recipients "
                          f"{c['gini']:.2f}.")
    big = r_main.iloc[0]
    s.findings.append(f"The largest recipient, {big['recipient']}, receives "
                      f"{money(big['total'], cur)} in {_grants(int(big['grants']))} "
                      f"({prose_percent(big['share_of_total'])} of the total).")
    amounts = main["amount"]
    s.findings.append(f"The median grant is {money(amounts.median(), cur)}; half of all grants "
                      f"lie between {money(amounts.quantile(0.25), cur)} and "
                      f"{money(amounts.quantile(0.75), cur)} (largest "
                      f"{money(amounts.max(), cur)}).")
    repeat = int((r_main["grants"] > 1).sum())
    if len(r_main):
        s.findings.append(f"{repeat:,} of {len(r_main):,} recipients "
                          f"({prose_percent(repeat / len(r_main))}) received more than one grant.")
    if len(p_main) > 1:
        by_amount = p_main.loc[p_main["amount"].idxmax()]
        by_count = p_main.loc[p_main["grants"].idxmax()]
        text = (f"The most was awarded in {by_amount['period']} "
                f"({money(by_amount['amount'], cur)} in {_grants(int(by_amount['grants']))})")
        if by_count["period"] != by_amount["period"]:
            text += f"; the most grants were made in {by_count['period']} ({int(by_count['grants'])})"
        s.findings.append(text + ".")
    places = _beneficiary_countries(a.reg, set(main["grant"]))
    if len(places):
        named = [f"{r['country']} ({int(r['grants']):,})" for _, r in places.head(3).iterrows()]
        s.findings.append(f"Grants benefit {len(places):,} countries; most often "
                          + ", ".join(named) + "." if len(places) > 1 else
                          f"Grants benefit one country: {named[0]}.")
    s.findings += _left_out(table, main, periods.attrs.get("undated", 0))
    s.summary = list(dict.fromkeys(
        s.findings[:2] + [f for f in s.findings if f.startswith("The largest recipient")]))

    s.how_to_read = ("Each grant is a flow from the funder that makes (and leads) it to the "
                     "organisation that receives it. Amounts are added per currency and never "
                     "converted. The bars rank recipients by the amount they receive; the yearly "
                     "chart counts grants by award date, with the amount awarded on the right "
                     "axis; the size bands double at each step (1–2–5).")
    figures = [top_recipients_bar(r_main, currency=cur, top=a.settings.top),
               grants_per_period_bars(p_main, currency=cur),
               amount_distribution(main, currency=cur)]
    s.figures = [f for f in figures if f is not None]
    s.tables = [("Funders (per currency)", funders.drop(columns=["funder_id"], errors="ignore"),
                 a.settings.top),
                ("Largest recipients", recips.drop(columns=["recipient_id"]), a.settings.top),
                ("Grants per award year", periods, None),
                (f"Concentration over recipients (top {TOP_RECIPIENTS})", conc, None)]
    if len(places):
        s.tables.append(("Grants by beneficiary country", places.drop(columns=["place"]),
                         a.settings.top))
    s.tables = shown_tables(s.tables)
    s.full_tables = {"grants": table, "grant_funders": funders, "grant_recipients": recips,
                     "grants_by_period": periods, "grant_concentration": conc}
    s.methods = [
        ("Grant totals", ("Sums of the amounts awarded per funder, recipient and award year, "
         "in each currency separately (never converted). A grant with several funders or "
         "recipients gives one flow per pair without amount, as the split is unknown.")),
        ("Recipient concentration", (f"Share of the amount going to the {TOP_RECIPIENTS} "
         "largest recipients; Gini coefficient over recipient totals, "
         "G = Σᵢ (2i − n − 1) x₍ᵢ₎ / (n Σ x) with x sorted ascending (Gini 1912); "
         "Herfindahl–Hirschman index Σ sᵢ² of the recipients' shares (Hirschman 1945)."))]
    s.references = ["Gini, C. (1912). Variabilità e mutabilità. Bologna.",
                    ("Hirschman, A. O. (1945). National Power and the Structure of Foreign "
                    "Trade. Berkeley: University of California Press."),
                    "360Giving. 360Giving Data Standard. https://standard.threesixtygiving.org/"]
    return s


def _beneficiary_countries(reg: Registry, grants: set) -> pd.DataFrame:
    """Grants per beneficiary country (``initiative_places`` of kind country)."""
    p = reg.initiative_places
    p = p[(p["kind"] == "country") & p["initiative_id"].isin(grants)]
    if p.empty:
        return pd.DataFrame(columns=["place", "country", "grants"])
    out = (p.groupby("place")["initiative_id"].nunique().rename("grants").reset_index()
           .sort_values(["grants", "place"], ascending=[False, True]))
    out.insert(1, "country", [country_name(str(c)) or str(c) for c in out["place"]])
    return out.reset_index(drop=True)


def _left_out(table: pd.DataFrame, main: pd.DataFrame, undated: int) -> list[str]:
    """Sentences on the grants the headline totals leave out."""
    out = []
    rest = table[table["amount"].notna() & ~table.index.isin(main.index)]
    if len(rest):
        n = rest["grant"].nunique()
        other = rest.groupby(rest["currency"].fillna(""))["amount"].sum()
        amounts = [money(v, k) if k else f"{money(v)} in no stated currency"
                   for k, v in other.items()]
        out.append(f"{_grants(n)} in other currencies {'is' if n == 1 else 'are'} counted "
                   "apart (amounts are never converted): " + ", ".join(amounts) + ".")
    missing = table[table["amount"].isna()]
    if len(missing):
        n = missing["grant"].nunique()
        out.append(f"{_grants(n)} {'states' if n == 1 else 'state'} no amount and "
                   f"{'is' if n == 1 else 'are'} left out of the totals.")
    if undated:
        out.append(f"{undated:,} grant flow{'' if undated == 1 else 's'} without an award date "
                   f"{'is' if undated == 1 else 'are'} left out of the yearly counts.")
    return out
