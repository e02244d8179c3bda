"""360Giving loader: the Indigo Trust file checked against values derived here with json;
small packages for ids, places, programmes and errors."""
from __future__ import annotations

import json
from collections import Counter

import pandas as pd
import pytest
from helpers.real_data import real_file

from ecosystem import model
from ecosystem.errors import InputError
from ecosystem.loaders import threesixtygiving as t3


def resolved(reg):
    from ecosystem.resolution.resolve import resolve_registry

    return resolve_registry(reg)


@pytest.fixture(scope="module")
def indigo():
    path = real_file("threesixtygiving_indigo", "indigo.json")
    with open(path, encoding="utf-8") as fh:
        grants = json.load(fh)["grants"]
    return grants, t3.read(path)


@pytest.mark.slow
def test_indigo_counts_and_totals(indigo):
    grants, reg = indigo
    assert len(grants) == 269 == len(reg.initiatives)
    assert (reg.initiatives["kind"] == "grant").all()
    totals = Counter()
    for g in grants:
        totals[g["currency"]] += g["amountAwarded"]
    got = reg.flows.groupby("currency")["amount"].sum()
    assert set(got.index) == set(totals)
    for currency, total in totals.items():
        assert got[currency] == pytest.approx(total)
    recipients = {o["name"] for g in grants for o in g["recipientOrganization"]}
    assert len(recipients) == 191
    assert set(reg.flows["receiver_name"]) == recipients
    assert set(reg.flows["provider_name"]) == {"Indigo Trust"}
    assert set(reg.mentions.loc[reg.mentions["role"] == "recipient", "name"]) == recipients
    model.validate(resolved(reg))


@pytest.mark.slow
def test_indigo_org_ids(indigo):
    grants, reg = indigo
    rec = reg.mentions[reg.mentions["role"] == "recipient"].reset_index(drop=True)
    raw = [o["id"] for g in grants for o in g["recipientOrganization"]]
    assert len(rec) == len(raw)
    kept = rec["org_ref"].notna()
    # only GB-CHC / GB-COH ids survive; local 360G ids and DUMMY placeholders do not
    assert all(r.startswith(("GB-CHC-", "GB-COH-")) for r, k in zip(raw, kept) if k)
    assert not any(k for r, k in zip(raw, kept) if r.startswith(("360G-", "DUMMY")))
    assert sum(1 for r in raw if r.startswith(("360G-", "DUMMY"))) == 209
    # the raw id is kept in source_text
    assert all(f"[id {r}]" in s for r, s in zip(raw, rec["source_text"]))
    assert int(kept.sum()) == 55   # 60 GB- ids minus 5 that fail their scheme (e.g. GB-CHC-24377R)
    # the funder leads each grant it makes
    funder = reg.mentions[reg.mentions["role"] == "lead"]
    assert len(funder) == len(grants) == 269
    assert funder["org_ref"].isna().all() and set(funder["name"]) == {"Indigo Trust"}
    assert set(reg.mentions["role"]) == {"lead", "recipient"}


@pytest.mark.slow
def test_indigo_dates_and_places(indigo):
    grants, reg = indigo
    first = reg.initiatives.set_index("record_id").loc["360G-indigotrust:IND1"]
    assert first["title"] == "Space to Imagine"
    assert first["start"] == pd.Timestamp("2001-03-26")        # awardDate 26/03/2001 00:00
    assert first["end"] == pd.Timestamp("2002-03-26")          # + "12 months"
    flow = reg.flows[reg.flows["initiative_id"] == "360giving/360G-indigotrust:IND1"].iloc[0]
    assert (flow["amount"], flow["currency"], flow["date"]) == (10000.0, "GBP",
                                                                pd.Timestamp("2001-03-26"))
    places = reg.initiative_places
    assert set(places["kind"]) == {"country"}
    expected = Counter()
    for g in grants:
        expected[g["beneficiaryLocation"][0]["name"].upper()] += 1
    got = places["place"].value_counts()
    assert got["GBR"] == expected["UK"] + expected["UNITED KINGDOM"]
    assert got["UGA"] == expected["UGANDA"] == 19                 # "UGANDA" and "Uganda"
    assert got["NLD"] == expected["THE NETHERLANDS"] + expected["NETHERLANDS"]
    assert got["TZA"] == expected["TANZANIA"]


PACKAGE = {"grants": [
    {"id": "360G-x-1", "title": "Clinic", "currency": "GBP", "amountAwarded": "12,500",
     "awardDate": "2019-04-01T00:00:00+00:00",
     "plannedDates": [{"startDate": "2019-05-01", "endDate": "2020-04-30"}],
     "fundingOrganization": [{"id": "GB-CHC-1234567", "name": "A Trust"}],
     "recipientOrganization": [{"id": "GB-COH-1234", "name": "Clinic Ltd", "addressCountry": "United Kingdom"}],
     "beneficiaryLocation": [{"name": "Côte d'Ivoire"}, {"name": "Narnia", "geoCode": "N1"}],
     "grantProgramme": [{"code": "P1", "title": "Health"}],
     "classifications": [{"vocabulary": "Beneficiary", "code": "B2", "title": "Children"}]},
    {"id": "360G-x-2", "title": "Joint", "currency": "GBP", "amountAwarded": 1000,
     "awardDate": "2019-04-02", "dataSource": "https://example.org/grants.json",
     "plannedDates": [{"duration": 6}],
     "fundingOrganization": [{"id": "360G-a", "name": "A Trust"}, {"id": "360G-b", "name": "B Fund"}],
     "recipientOrganization": [{"id": "DUMMY02", "name": "Youth Club",
                                "location": [{"countryCode": "KE", "name": "Kenya"}]}]},
    {"id": "360G-x-3", "title": "Later", "currency": "GBP", "amountAwarded": 50,
     "awardDate": "2019-06-01", "plannedDates": [{"duration": "Undefined"}],
     "actualDates": [{"startDate": "2019-07-01", "endDate": "2019-12-31"}],
     "fundingOrganization": [{"id": "360G-a", "name": "A Trust"}],
     "recipientOrganization": [{"id": "DUMMY03", "name": "Choir"}]},
]}


def test_small_package(tmp_path):
    path = tmp_path / "grants.json"
    path.write_text(json.dumps(PACKAGE), encoding="utf-8")
    assert t3.sniff(path, path.read_bytes())
    reg = t3.read(path)
    one = reg.initiatives.set_index("record_id").loc["360G-x-1"]
    assert (one["start"], one["end"]) == (pd.Timestamp("2019-05-01"), pd.Timestamp("2020-04-30"))
    f1 = reg.flows[reg.flows["initiative_id"] == "360giving/360G-x-1"].iloc[0]
    assert (f1["amount"], f1["provider_ref"], f1["receiver_ref"]) == (12500.0, "GB-CHC-1234567",
                                                                      "GB-COH-00001234")
    # two funders: one flow each, no amount (the split is unknown)
    f2 = reg.flows[reg.flows["initiative_id"] == "360giving/360G-x-2"]
    assert sorted(f2["provider_name"]) == ["A Trust", "B Fund"] and f2["amount"].isna().all()
    places = reg.initiative_places[["place", "kind"]].values.tolist()
    assert places == [["CIV", "country"], ["N1", "other"]]
    themes = set(map(tuple, reg.initiative_themes[["theme", "vocabulary", "code"]].values.tolist()))
    assert themes == {("Health", "grant_programme", "P1"), ("Children", "beneficiary", "B2")}
    clinic = reg.mentions[reg.mentions["name"] == "Clinic Ltd"].iloc[0]
    assert clinic["country"] == "GBR" and clinic["role"] == "recipient"
    # every funder leads its grant: A Trust three times, B Fund once
    leads = reg.mentions[reg.mentions["role"] == "lead"]
    assert sorted(leads["name"]) == ["A Trust", "A Trust", "A Trust", "B Fund"]
    # recipient country from location[].countryCode when there is no addressCountry
    club = reg.mentions[reg.mentions["name"] == "Youth Club"].iloc[0]
    assert club["country"] == "KEN"
    # without an address, the country of the agency that registered the org-id (GB-CHC: GBR);
    # a local 360G- id or a DUMMY placeholder tells none
    country = reg.mentions.set_index(["record_id", "name"])["country"]
    assert country["360G-x-1", "A Trust"] == "GBR" and pd.isna(country["360G-x-3", "A Trust"])
    assert pd.isna(country["360G-x-3", "Choir"])
    dates = reg.initiatives.set_index("record_id")
    # duration 6 (the standard's number of months) from the award date 2019-04-02
    assert (dates.loc["360G-x-2", "start"], dates.loc["360G-x-2", "end"]) == (
        pd.Timestamp("2019-04-02"), pd.Timestamp("2019-10-02"))
    assert dates.loc["360G-x-2", "url"] == "https://example.org/grants.json"
    # plannedDates with an unreadable duration: actualDates are used
    assert (dates.loc["360G-x-3", "start"], dates.loc["360G-x-3", "end"]) == (
        pd.Timestamp("2019-07-01"), pd.Timestamp("2019-12-31"))
    f3 = reg.flows[reg.flows["initiative_id"] == "360giving/360G-x-3"].iloc[0]
    assert (f3["amount"], f3["date"]) == (50.0, pd.Timestamp("2019-06-01"))
    model.validate(resolved(reg))


def test_a_funder_is_a_grant_maker_unless_its_org_id_says_it_is_public(tmp_path):
    # the Indigo Trust (a local 360G- id) had been typed an NGO from the word "Trust"
    grants = [{"id": f"360G-f-{k}", "title": "Grant", "awardDate": "2019-04-02",
               "amountAwarded": 100, "currency": "GBP",
               "fundingOrganization": [funder],
               "recipientOrganization": [{"id": "GB-CHC-1234567", "name": "Youth Club"}]}
              for k, funder in enumerate([{"id": "360G-indigo", "name": "Indigo Trust"},
                                          {"id": "GB-CHC-1070468", "name": "Demo Trust"},
                                          {"id": "GB-GOV-13", "name": "Department for Culture"}])]
    path = tmp_path / "grants.json"
    path.write_text(json.dumps({"grants": grants}), encoding="utf-8")
    m = t3.read(path).mentions
    assert m[["name", "role", "actor_type"]].values.tolist() == [
        ["Indigo Trust", "lead", "philanthropic"], ["Youth Club", "recipient", "ngo"],
        ["Demo Trust", "lead", "philanthropic"], ["Youth Club", "recipient", "ngo"],
        ["Department for Culture", "lead", "government"], ["Youth Club", "recipient", "ngo"]]


@pytest.mark.parametrize("change, field", [
    (lambda g: g.update(awardDate="31/02/2019"), "awardDate"),
    (lambda g: g.update(amountAwarded="a lot"), "amountAwarded"),
    (lambda g: g.pop("id"), "id"),
])
def test_bad_grants_name_grant_and_field(tmp_path, change, field):
    package = json.loads(json.dumps(PACKAGE))
    change(package["grants"][1])
    path = tmp_path / "g.json"
    path.write_text(json.dumps(package), encoding="utf-8")
    with pytest.raises(InputError) as err:
        t3.read(path)
    assert err.value.field == field and "grant 2" in str(err.value)


def test_not_a_package(tmp_path):
    path = tmp_path / "g.json"
    path.write_text('{"grants": {"id": 1}}', encoding="utf-8")
    with pytest.raises(InputError, match="360Giving package"):
        t3.read(path)
    path.write_text('{"grants": [', encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        t3.read(path)


def test_sniff():
    assert not t3.sniff(None, b'{"node_id": 1, "title": "x", "partners": ""}\n')
    assert not t3.sniff(None, b"<iati-activities/>")
    assert t3.sniff(None, b'{\n  "grants": [\n {"id": "1", "amountAwarded": 1}')


@pytest.mark.slow
def test_detected_by_content_whatever_the_name(tmp_path):
    for mod in ("ocean_jsonl", "ocean_csv", "ocean_html"):
        pytest.importorskip(f"ecosystem.loaders.{mod}")
    from ecosystem.loaders import detect

    copy = tmp_path / "grants-download"
    copy.write_bytes(real_file("threesixtygiving_indigo", "indigo.json").read_bytes())
    assert detect(copy) == "360giving-json"
