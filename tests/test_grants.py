"""Grants: the 360Giving loader's roles and flows, the grant measures against hand computation
on a small package written here, and the Indigo Trust file against sums taken with json."""
from __future__ import annotations

import json
import math
from collections import Counter

import pandas as pd
import pytest
from helpers.real_data import real_file

from ecosystem.errors import AnalysisError
from ecosystem.loaders import threesixtygiving as t3
from ecosystem.measures.context import Analysis
from ecosystem.measures.power.grants import (
    funder_summary,
    grant_table,
    grants_by_period,
    recipient_concentration,
    recipient_summary,
)
from ecosystem.report.sections_grants import funding
from ecosystem.resolution.resolve import resolve_registry


def _grant(gid, funder, recipient, amount, currency, award):
    g = {"id": gid, "title": f"Grant {gid}", "currency": currency, "awardDate": award,
         "fundingOrganization": [{"id": f"360G-{funder.split()[0].lower()}", "name": funder}],
         "recipientOrganization": [{"id": f"360G-org-{recipient.split()[0].lower()}",
                                    "name": recipient}]}
    if amount is not None:
        g["amountAwarded"] = amount
    return g


#: Three funders, three recipients, GBP and USD, one grant without amount.
GRANTS = [
    _grant("g1", "Alpha Trust", "River School", 1000, "GBP", "2018-03-01"),
    _grant("g2", "Alpha Trust", "River School", 3000, "GBP", "2019-06-15"),
    _grant("g3", "Alpha Trust", "Hill Clinic", 6000, "GBP", "2019-09-01"),
    _grant("g4", "Beta Fund", "Hill Clinic", 2000, "GBP", "2019-01-10"),
    _grant("g5", "Beta Fund", "Sea Club", 500, "USD", "2020-02-02"),
    _grant("g6", "Beta Fund", "Sea Club", None, "GBP", "2020-05-05"),
    _grant("g7", "Gamma Foundation", "River School", 2000, "GBP", "2020-01-20"),
]


@pytest.fixture()
def package(tmp_path):
    path = tmp_path / "grants.json"
    path.write_text(json.dumps({"grants": GRANTS}), encoding="utf-8")
    return resolve_registry(t3.read(path))


def test_the_funder_leads_and_the_money_flows_to_the_recipient(package):
    ties = package.ties.merge(package.actors[["actor_id", "name"]], on="actor_id")
    leads = ties[ties["role"] == "lead"]
    assert Counter(leads["name"]) == {"Alpha Trust": 3, "Beta Fund": 3, "Gamma Foundation": 1}
    assert Counter(ties.loc[ties["role"] == "recipient", "name"]) == {
        "River School": 3, "Hill Clinic": 2, "Sea Club": 2}
    f = grant_table(package).set_index("grant")
    assert f.loc["360giving/g3", ["funder", "recipient", "amount", "currency"]].tolist() == [
        "Alpha Trust", "Hill Clinic", 6000.0, "GBP"]
    assert f.loc["360giving/g3", "date"] == pd.Timestamp("2019-09-01")
    assert math.isnan(f.loc["360giving/g6", "amount"])


def test_funder_summary_by_hand(package):
    s = funder_summary(package)
    got = [(r.funder, r.currency, r.grants, r.recipients, r.with_amount, r.total, r.median)
           for r in s.itertuples()]
    assert got == [
        ("Alpha Trust", "GBP", 3, 2, 3, 10000.0, 3000.0),       # 1000, 3000, 6000
        ("Beta Fund", "GBP", 2, 2, 1, 2000.0, 2000.0),          # g4 2000 and g6 with no amount
        ("Gamma Foundation", "GBP", 1, 1, 1, 2000.0, 2000.0),
        ("Beta Fund", "USD", 1, 1, 1, 500.0, 500.0),
    ]
    alpha = s.iloc[0]
    assert (alpha["first_award"], alpha["last_award"]) == (pd.Timestamp("2018-03-01"),
                                                           pd.Timestamp("2019-09-01"))
    assert s.iloc[1]["last_award"] == pd.Timestamp("2020-05-05")


def test_recipient_summary_by_hand(package):
    r = recipient_summary(package)
    gbp = r[r["currency"] == "GBP"].set_index("recipient")
    # GBP total 14,000: Hill Clinic 6000 (Alpha) + 2000 (Beta); River School 1000 + 3000
    # (Alpha) + 2000 (Gamma); Sea Club one grant without amount
    assert gbp.loc["Hill Clinic", ["grants", "funders", "total"]].tolist() == [2, 2, 8000.0]
    assert gbp.loc["River School", ["grants", "funders", "total"]].tolist() == [3, 2, 6000.0]
    assert gbp.loc["Hill Clinic", "funder"] == "Alpha Trust | Beta Fund"
    assert gbp.loc["River School", "funder"] == "Alpha Trust | Gamma Foundation"
    assert gbp.loc["Hill Clinic", "share_of_total"] == pytest.approx(8000 / 14000)
    # of what its funders give in GBP: Alpha 10,000 + Beta 2,000, and Alpha + Gamma 2,000
    assert gbp.loc["Hill Clinic", "share_of_funders"] == pytest.approx(8000 / 12000)
    assert gbp.loc["River School", "share_of_funders"] == pytest.approx(6000 / 12000)
    assert gbp.loc["Sea Club", "grants"] == 1 and pd.isna(gbp.loc["Sea Club", "total"])
    usd = r[r["currency"] == "USD"].iloc[0]
    assert (usd["recipient"], usd["total"], usd["share_of_total"]) == ("Sea Club", 500.0, 1.0)
    assert r["recipient"].tolist()[:2] == ["Hill Clinic", "River School"]


def test_grants_by_period_by_hand(package):
    t = grants_by_period(package)
    got = [(p.period, p.currency, p.grants, p.recipients, p.amount) for p in t.itertuples()]
    assert got == [("2018", "GBP", 1, 1, 1000.0),
                   ("2019", "GBP", 3, 2, 11000.0),        # g2 3000, g3 6000, g4 2000
                   ("2020", "GBP", 2, 2, 2000.0),         # g7 2000; g6 has no amount
                   ("2020", "USD", 1, 1, 500.0)]
    assert t.attrs["undated"] == 0
    months = grants_by_period(package, "M")
    assert months.loc[months["currency"] == "GBP", "period"].tolist() == [
        "2018-03", "2019-01", "2019-06", "2019-09", "2020-01", "2020-05"]


def test_recipient_concentration_by_hand(package):
    c = recipient_concentration(package, top=1).set_index("currency")
    # GBP recipients with an amount: 6000 and 8000; Gini (−6000 + 8000) / (2 · 14000)
    assert c.loc["GBP", "recipients"] == 2
    assert c.loc["GBP", "top_share"] == pytest.approx(8000 / 14000)
    assert c.loc["GBP", "gini"] == pytest.approx(2000 / 28000)
    assert c.loc["GBP", "hhi"] == pytest.approx((8 / 14) ** 2 + (6 / 14) ** 2)
    assert c.loc["GBP", "largest"] == "Hill Clinic"
    assert c.loc["USD", "gini"] == 0.0


def test_funding_section_on_the_package(package):
    s = funding(Analysis(package))
    assert s.findings[0] == ("3 funders fund 5 grants to 2 recipients, GBP 14,000 in total "
                             "(2018–2020).")
    assert s.findings[1] == "Alpha Trust gives the most: GBP 10,000 (71%) in 3 grants."
    assert ("1 grant in other currencies is counted apart (amounts are never converted): "
            "USD 500.") in s.findings
    assert "1 grant states no amount and is left out of the totals." in s.findings
    assert len(s.figures) == 3
    text = " ".join(s.findings + s.summary)
    assert not any(w in text for w in ("nan", "None", "inf"))


def test_funding_section_needs_amounts(tmp_path):
    path = tmp_path / "g.json"
    bare = [dict(g) for g in GRANTS]
    for g in bare:
        g.pop("amountAwarded", None)
    path.write_text(json.dumps({"grants": bare}), encoding="utf-8")
    with pytest.raises(AnalysisError, match="none of the registry's 7 flows states an amount"):
        funding(Analysis(resolve_registry(t3.read(path))))


@pytest.fixture(scope="module")
def indigo():
    path = real_file("threesixtygiving_indigo", "indigo.json")
    with open(path, encoding="utf-8") as fh:
        grants = json.load(fh)["grants"]
    return grants, resolve_registry(t3.read(path))


@pytest.mark.slow
def test_indigo_trust_leads_every_grant(indigo):
    grants, reg = indigo
    ties = reg.ties.merge(reg.actors[["actor_id", "name"]], on="actor_id")
    leads = ties[ties["role"] == "lead"]
    assert leads["initiative_id"].nunique() == len(grants) == 269
    assert set(leads["name"]) == {"Indigo Trust"}


@pytest.mark.slow
def test_indigo_totals_against_json(indigo):
    grants, reg = indigo
    total = sum(g["amountAwarded"] for g in grants)                # independent of pandas
    by_name = Counter()
    for g in grants:
        by_name[g["recipientOrganization"][0]["name"]] += g["amountAwarded"]
    f = funder_summary(reg)
    assert f[["funder", "currency", "grants"]].values.tolist() == [["Indigo Trust", "GBP", 269]]
    assert f.loc[0, "total"] == pytest.approx(total)
    assert f.loc[0, "recipients"] == len(by_name) == 191
    r = recipient_summary(reg)
    assert len(r) == len(by_name)
    name, amount = by_name.most_common(1)[0]
    assert (r.loc[0, "recipient"], r.loc[0, "total"]) == (name, pytest.approx(amount))
    top10 = sum(sorted(by_name.values(), reverse=True)[:10]) / total
    assert recipient_concentration(reg).loc[0, "top_share"] == pytest.approx(top10)
    years = Counter(g["awardDate"][6:10] for g in grants)           # dd/mm/yyyy hh:mm
    t = grants_by_period(reg)
    assert dict(zip(t["period"], t["grants"])) == dict(years)


def test_a_grant_duplicate_is_one_award_published_twice(tmp_path):
    """Alike titles from one funder are other awards: "Towards core costs" to two charities, or
    two instalments to one. Only the same funder, recipient, amount and date make one award."""
    from ecosystem.measures.coordination.duplicates import duplicate_clusters

    def core(gid, recipient, amount, award):
        return {**_grant(gid, "Alpha Trust", recipient, amount, "GBP", award),
                "title": "Towards core costs", "description": "Core costs of the charity."}

    grants = [core("c1", "River School", 1000, "2018-03-01"),
              core("c2", "River School", 1000, "2018-03-01"),   # the same award again
              core("c3", "Hill Clinic", 1000, "2018-03-01"),    # another charity
              core("c4", "River School", 1500, "2018-09-01")]   # a second instalment
    path = tmp_path / "grants.json"
    path.write_text(json.dumps({"grants": grants}), encoding="utf-8")
    clusters = duplicate_clusters(resolve_registry(t3.read(path)))
    assert sorted(clusters["initiative_id"].str.rsplit("/", n=1).str[-1]) == ["c1", "c2"]


@pytest.mark.slow
def test_indigo_duplicates_against_json(indigo):
    from ecosystem.measures.coordination.duplicates import duplicate_clusters

    grants, reg = indigo
    # recipients by name: "360G-" ids are the publisher's own, and one of them names two
    # charities here (999 Club and Homeless Action in Barnet, £3,000 each on 18/12/2013)
    awards = Counter((g["fundingOrganization"][0]["id"], g["recipientOrganization"][0]["name"],
                      g.get("amountAwarded"), g.get("awardDate")) for g in grants)
    twice = sum(n for n in awards.values() if n > 1)  # grants whose award is published again
    assert twice == 0  # Indigo publishes each award once
    assert duplicate_clusters(reg).empty  # before: 14 clusters of alike titles


def test_flows_of_other_types_are_all_named():
    """The IATI multi-publisher file's flows are of five types: the report named four and
    said five."""
    from ecosystem.model import Registry
    from ecosystem.report.sections_grants import grant_flow_types

    def refused(types):
        reg = Registry.from_frames(flows=pd.DataFrame({
            "flow_id": [f"f{k}" for k in range(len(types))], "flow_type": types}))
        with pytest.raises(AnalysisError) as err:
            grant_flow_types(reg)
        return str(err.value)

    five = ["Disbursement", "Expenditure", "Incoming Commitment", "Incoming Funds",
            "Outgoing Commitment"]
    assert "of 5 types (Disbursement, Expenditure, Incoming Commitment, Incoming Funds, " \
           "Outgoing Commitment) and none" in refused(five)
    assert "of 6 types (Disbursement, Expenditure, Incoming Commitment, Incoming Funds and " \
           "2 more) and none" in refused(five + ["Loan repayment"])
