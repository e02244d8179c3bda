"""HXL 3W loader: the ROWCA 3W and the IATI-Sierra-Leone sheet checked against counts derived
here with the csv module; small sheets for hashtag rows anywhere, XLSX, numbers and errors."""
from __future__ import annotations

import csv
import re
from collections import defaultdict

import openpyxl
import pytest
from helpers.real_data import real_file

from ecosystem import model
from ecosystem.errors import InputError
from ecosystem.loaders import hxl


def resolved(reg):
    from ecosystem.resolution.resolve import resolve_registry

    return resolve_registry(reg)


def csv_by_hashtag(path):
    """Rows of an HXL CSV as dicts keyed by hashtag (row 2 holds the hashtags)."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    tags = rows[1]
    return [{t: r[i] for i, t in enumerate(tags) if t} for r in rows[2:]]


@pytest.fixture(scope="module")
def rowca():
    path = real_file("hxl_3w", "rowca-3w-hxl.csv")
    return csv_by_hashtag(path), hxl.read(path)


def presence_triples(reg):
    """(org, sector, admin1) present in the loaded registry."""
    orgs = reg.mentions.groupby("initiative_id")["name"].apply(set)
    sectors = reg.initiative_themes.groupby("initiative_id")["theme"].apply(set)
    places = reg.initiative_places
    adm1 = places[places["kind"] == "admin1"].groupby("initiative_id")["place"].apply(set)
    return {(o, s, a) for iid in reg.initiatives["initiative_id"]
            for o in orgs.get(iid, ()) for s in sectors.get(iid, ()) for a in adm1.get(iid, ())}


@pytest.mark.slow
def test_rowca_counts(rowca):
    rows, reg = rowca
    assert len(rows) == 244
    orgs = {r["#org"] for r in rows}
    countries = {r["#country"] for r in rows}
    adm1 = {r["#adm1"] for r in rows}
    sectors = {r["#sector"] for r in rows}
    assert (len(orgs), len(countries), len(adm1), len(sectors)) == (11, 2, 23, 4)
    assert set(reg.mentions["name"]) == orgs
    assert set(reg.mentions["role"]) == {"implementing"}          # plain #org = implementer
    places = reg.initiative_places
    assert set(places.loc[places["kind"] == "country", "place"]) == {"MLI", "SEN"}
    assert set(places.loc[places["kind"] == "admin1", "place"]) == adm1
    assert set(reg.initiative_themes["theme"]) == sectors
    assert set(reg.initiative_themes["vocabulary"]) == {"cluster"}
    # every org × sector × admin1 of the sheet, and nothing more
    assert presence_triples(reg) == {(r["#org"], r["#sector"], r["#adm1"]) for r in rows}


@pytest.mark.slow
def test_rowca_overlap_per_sector_and_admin1(rowca):
    """Organisations present per (sector, admin1): what a co-presence analysis counts."""
    rows, reg = rowca
    expected = defaultdict(set)
    for r in rows:
        expected[(r["#sector"], r["#adm1"])].add(r["#org"])
    got = defaultdict(set)
    for org, sector, adm in presence_triples(reg):
        got[(sector, adm)].add(org)
    assert got == expected
    assert len(expected[("Protection", "Gao")]) == len({r["#org"] for r in rows if
                                                       r["#sector"] == "Protection" and r["#adm1"] == "Gao"})


@pytest.mark.slow
def test_rowca_initiatives_and_admin_parents(rowca):
    rows, reg = rowca
    # grouped by (activity id, organisation): the ROWCA activity ids are shared between orgs
    groups = {(r["#activity_id"], r["#org"]) for r in rows}
    assert len(reg.initiatives) == len(groups)
    assert (reg.initiatives["kind"] == "presence").all()
    assert set(reg.initiatives["registry"]) == {"hxl-rowca-3w-hxl"}
    places = reg.initiative_places
    parents = dict(zip(places.loc[places["kind"] == "admin1", "place"],
                       places.loc[places["kind"] == "admin1", "parent"]))
    assert parents["Gao"] == "MLI" and parents["Dakar"] == "SEN"
    model.validate(resolved(reg))


@pytest.mark.slow
def test_sierra_leone_iati_flattening():
    path = real_file("hxl_3w", "iati-sierraleone.csv")
    rows = csv_by_hashtag(path)
    reg = hxl.read(path)
    assert len(rows) == 515 and len(reg.initiatives) == len({r["#activity_id"] for r in rows})
    split = lambda tag: {p.strip() for r in rows for p in r[tag].split(";") if p.strip()}  # noqa: E731
    names = reg.mentions.groupby("role")["name"].apply(lambda s: set(s.str.strip()))
    # "0" is no name; "DE" written as name and id is Germany (the only such code in the sheet)
    own_id = {r["#funder"] for r in rows if r["#funder"] and r["#funder"] == r["#funder_id"]}
    assert own_id == {"DE"}
    funders = {" ".join(n.split()) for n in split("#funder")}
    assert names["funding"] == funders - {"DE"} | {"Germany"}
    assert names["implementing"] == {" ".join(n.split()) for n in split("#impl")} - {"0"}
    # "DE-1 BMZ": an org-id, then the name (the only such cell value in the sheet)
    with_id = {n for n in split("#prog") if re.match(r"[A-Z]{2}-\d+ ", n)}
    assert with_id == {"DE-1 BMZ"}
    assert names["extending"] == {" ".join(n.split()) for n in split("#prog")} - with_id | {"BMZ"}
    assert names["reporting"] == {" ".join(n.split()) for n in split("#source")}
    # the activity's own id keeps it, ;-separated countries become places with their split
    first = reg.initiatives.set_index("record_id").loc["44000-P108069"]
    assert first["title"] == "SL-Public Financial Management TAL (FY09"
    iid = "hxl-iati-sierraleone/44000-P108069"
    ida = reg.mentions[(reg.mentions["initiative_id"] == iid) & (reg.mentions["role"] == "funding")]
    assert ida[["name", "org_ref"]].values.tolist() == [["International Development Association",
                                                        "XM-DAC-44002"]]
    flows = reg.flows[reg.flows["initiative_id"] == iid]
    assert flows[["provider_name", "receiver_name"]].values.tolist() == [
        ["International Development Association", "MINISTRY OF FINANCE AND ECONOMIC DEVELOPMENT"]]
    assert flows["amount"].isna().all()
    themes = reg.initiative_themes[reg.initiative_themes["initiative_id"] == iid]
    assert ("Strengthening civil society", "dac_sector", "15150") in set(
        map(tuple, themes[["theme", "vocabulary", "code"]].values.tolist()))
    multi = [r for r in rows if ";" in r["#country"] and r["#country_id"].count(";") == r["#country"].count(";")]
    assert multi, "the sheet has ;-separated countries"
    r = multi[0]
    places = reg.initiative_places[reg.initiative_places["initiative_id"]
                                   == f"hxl-iati-sierraleone/{r['#activity_id']}"]
    assert len(places[places["kind"] == "country"]) == len({c for c in r["#country_id"].split(";") if c})
    model.validate(resolved(reg))


def test_sierra_leone_channel_categories_are_no_organisations():
    """The sheet writes OECD channel-of-delivery categories where it names no implementer:
    "Donor country-based NGO" had been one of its busiest NGOs (18 activities). Categories are
    now unresolved phrases; "Recipient Government" of an activity in Sierra Leone alone is the
    Government of Sierra Leone, one actor with the "Republic Of Sierra Leone" the sheet also
    names. Expected values are counted from the CSV here."""
    from ecosystem import load

    path = real_file("hxl_3w", "iati-sierraleone.csv")
    rows = csv_by_hashtag(path)
    categories = {"donor country-based ngo", "developing country-based ngo", "international ngo",
                  "donor government", "recipient government",  # OECD CRS category names
                  # (and an earlier, plural name of one: it was an actor)
                  "non-governmental organisations (ngos) and civil society"}
    written = defaultdict(set)  # category -> activities whose implementer it is
    for r in rows:
        for name in r["#impl"].split(";"):
            if name.strip().casefold() in categories:
                written[name.strip().casefold()].add(r["#activity_id"])
    assert len(written["donor country-based ngo"]) == 18
    reg = load(path)
    assert not reg.actors["name"].str.casefold().isin(categories).any()
    generic = reg.unresolved[reg.unresolved["reason"] == "generic"]
    # (among the generic phrases: one body's parties, "Oxfam Donor(s)", are categories too)
    assert set(generic["text"].str.casefold()) & categories \
        == set(written) - {"recipient government"}
    ids = {f"hxl-iati-sierraleone/{a}" for a in written["recipient government"]}
    state = reg.actors.loc[reg.actors["name"] == "Government of Sierra Leone"].iloc[0]
    assert (state["actor_type"], state["country"]) == ("government", "SLE")
    ties = reg.ties[reg.ties["actor_id"] == state["actor_id"]]
    assert ids <= set(ties["initiative_id"]) and len(ids) == 13
    republic = {f"hxl-iati-sierraleone/{r['#activity_id']}" for r in rows
                if "Republic Of Sierra Leone" in r["#impl"].split(";")}
    assert republic and republic <= set(ties["initiative_id"])


def test_sierra_leone_names_withheld_or_of_many_are_no_organisations():
    """"Various Recipients (details not yet provided)", "Anonymous donor for activity …",
    "Oxfam Donor(s)" and "Oxfam Partner(s)" had been actors. Expected values are counted
    from the CSV here: the activities whose funder, extending or implementing cells write
    them."""
    from ecosystem import load

    path = real_file("hxl_3w", "iati-sierraleone.csv")
    rows = csv_by_hashtag(path)
    withheld = re.compile(r"^(?:anonymous|various)\b|\(s\)$", re.IGNORECASE)
    written = defaultdict(set)  # text -> activities naming it
    for r in rows:
        for tag in ("#funder", "#prog", "#impl"):
            for name in (r.get(tag) or "").split(";"):
                if withheld.search(name.strip()):
                    written[name.strip()].add(r["#activity_id"])
    assert {n: len(a) for n, a in written.items()} == {
        "Anonymous donor for activity GB-CHC-288701-SL999": 1,
        "Various Recipients (details not yet provided)": 3, "Oxfam Donor(s)": 1,
        "Oxfam Partner(s)": 3}
    reg = load(path)
    assert not reg.actors["name"].isin(written).any()
    un = reg.unresolved[reg.unresolved["text"].isin(written)]
    found = {n: set(grp["initiative_id"]) for n, grp in un.groupby("text")}
    assert found == {n: {f"hxl-iati-sierraleone/{a}" for a in ids} for n, ids in written.items()}
    assert dict(zip(un["text"], un["reason"])) == {
        "Anonymous donor for activity GB-CHC-288701-SL999": "withheld",
        "Various Recipients (details not yet provided)": "withheld",
        "Oxfam Donor(s)": "generic", "Oxfam Partner(s)": "generic"}


def test_sierra_leone_donor_categories_are_no_organisations():
    """A kind of party after words of scope ("… NGOs"), a word of scope with a note in
    brackets (OCHA's donor categories "Private (…)", "Bilateral (…)") and "another" kind of
    organisation (Spain's "Otra …") had been actors. The cells are found in the CSV here by
    their opening words; those with an organisation identifier of their own (an agency's
    prefix, "DE-12") stay, those with a bare code of a category (CRS channel 22000, Spain's
    707) or none go."""
    from ecosystem import load

    path = real_file("hxl_3w", "iati-sierraleone.csv")
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))[1:]  # (the second row holds the hashtags)
    category = re.compile(r"^(?:national|international|local) ngos$|^(?:private|bilateral) \(|"
                          r"^otr[ao]s? ", re.IGNORECASE)
    written = defaultdict(set)  # text -> activities naming it (with no organisation identifier)
    for r in rows:
        for role in ("Accountable", "Funding", "Extending", "Implementing"):
            names = (r[f"participating-org ({role})"] or "").split(";")
            refs = (r[f"participating-org-ref ({role})"] or "").split(";")
            for k, name in enumerate(names):
                ref = refs[k].strip() if k < len(refs) else ""
                if category.search(name.strip()) and "-" not in ref:
                    written[name.strip()].add(r["iati-identifier"])
    assert len(written) == 4 and sum(map(len, written.values())) == 9
    reg = load(path)
    assert not reg.actors["name"].isin(written).any()
    un = reg.unresolved[reg.unresolved["text"].isin(written)]
    assert set(un["reason"]) == {"generic"}
    found = {n: set(grp["initiative_id"]) for n, grp in un.groupby("text")}
    assert found == {n: {f"hxl-iati-sierraleone/{a}" for a in ids} for n, ids in written.items()}


def test_names_withheld_or_of_many_name_no_organisation(tmp_path):
    """In any sheet: withheld, quantified and one body's parties are set aside; names that
    share their words ("Multiple Sclerosis Society", "Blue Ocean Partners") are bodies."""
    from ecosystem import load

    rows = [["Implementer", "Funder", "Sector", "Country"],
            ["#impl", "#funder", "#sector", "#country_id"],
            ["Undisclosed partner", "Multiple donors", "Health", "SL"],
            ["Multiple Sclerosis Society", "Reef Relief Donor(s)", "Health", "SL"],
            ["Blue Ocean Partners", "Implementers to be identified", "Health", "SL"],
            ["Reef Relief", "Anonymous", "Health", "SL"]]
    reg = load(write_csv(tmp_path / "iati3w.csv", rows))
    assert sorted(reg.actors["name"]) == ["Blue Ocean Partners", "Multiple Sclerosis Society",
                                          "Reef Relief"]
    assert dict(zip(reg.unresolved["text"], reg.unresolved["reason"])) == {
        "Undisclosed partner": "withheld", "Multiple donors": "quantifier",
        "Reef Relief Donor(s)": "generic", "Implementers to be identified": "withheld",
        "Anonymous": "withheld"}


# --- small sheets -----------------------------------------------------------------------------

SHEET = [
    [],
    ["", "", "", "", "", "", ""],
    ["Organisation", "Donor", "Cluster", "Country", "Region", "People reached", "Start"],
    ["#org+impl", "#org+funder", "#sector+cluster", "#country+code", "#adm1+name", "#reached",
     "#date+start"],
    ["Médecins Sans Frontières", "ECHO", "Health", "ML", "Gao", "1,234", "2014-06-01"],
    ["Médecins Sans Frontières", "ECHO", "Health", "ML", "Gao", "2 000", "2014-07-01"],
    ["Save the Children", "DFID", "Education", "ML", "Mopti", "15", "01/06/2014"],
    ["", "", "", "", "", "", ""],
]


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_a_placeholder_is_no_organisation_and_a_country_code_is_its_state(tmp_path):
    """IATI sheets write "0" where no implementer is named, and a donor state by its country
    code as name and id ("DE", "DE"): the first is as empty as an empty cell, the second is
    Germany, typed as a government."""
    from ecosystem import load

    rows = [["Implementer", "Funder", "Funder id", "Sector", "Country"],
            ["#impl", "#funder", "#funder_id", "#sector", "#country_id"],
            ["0", "DE", "DE", "Health", "SL"],
            ["Reef Relief", "DE", "DE", "Health", "SL"],
            ["Reef Relief", "Ministry of Health", "", "Health", "SL"]]
    reg = load(write_csv(tmp_path / "iati3w.csv", rows))
    assert sorted(reg.actors["name"]) == ["Germany", "Ministry of Health", "Reef Relief"]
    germany = reg.actors.set_index("name").loc["Germany"]
    assert (germany["actor_type"], germany["country"]) == ("government", "DEU")
    # the cell as written stays the mention's source
    assert set(reg.mentions.loc[reg.mentions["name"] == "Germany", "source_text"]) == {"#funder: DE"}


def test_an_org_id_written_before_a_name_is_the_names_identifier(tmp_path):
    """A flattened IATI sheet writes Germany's ministry as "DE-1 BMZ" in one cell where it
    extends an activity, and as "BMZ" with id "DE-1" where it reports one: one actor. In the
    Sierra Leone sheet "DE-1 BMZ" was an actor of its own (12 activities)."""
    from ecosystem import load

    rows = [["Reporting", "Reporting id", "Extending", "Implementer", "Sector", "Country"],
            ["#source", "#source_id", "#prog", "#impl", "#sector", "#country_id"],
            ["BMZ", "DE-1", "DE-1 BMZ", "GIZ", "Health", "SL"],
            ["BMZ", "DE-1", "", "UN Women", "Health", "SL"],
            ["UNICEF", "", "XM-DAC-41122 UNICEF", "Reef Relief", "Health", "SL"]]
    reg = load(write_csv(tmp_path / "iati3w.csv", rows))
    assert sorted(reg.actors["name"]) == ["BMZ", "GIZ", "Reef Relief", "UN Women", "UNICEF"]
    bmz = reg.ties[reg.ties["actor_id"] == reg.actors.set_index("name").loc["BMZ", "actor_id"]]
    assert sorted(bmz["role"]) == ["extending", "reporting", "reporting"]
    # the cell as written stays the mention's source
    assert "#prog: DE-1 BMZ" in set(reg.mentions["source_text"])


def test_sierra_leone_org_ids_written_before_names():
    from ecosystem import load

    path = real_file("hxl_3w", "iati-sierraleone.csv")
    written = {r["#activity_id"] for r in csv_by_hashtag(path) if r["#prog"] == "DE-1 BMZ"}
    assert len(written) == 12
    reg = load(path)
    assert not reg.actors["name"].str.match(r"[A-Z]{2}-\d+ ").any()
    bmz = reg.actors.loc[reg.actors["org_ref"] == "DE-1", "actor_id"]
    assert len(bmz) == 1
    ties = reg.ties[(reg.ties["actor_id"] == bmz.iloc[0]) & (reg.ties["role"] == "extending")]
    assert set(ties["initiative_id"]) == {f"hxl-iati-sierraleone/{a}" for a in written}


def test_hashtag_row_below_blank_and_header_rows(tmp_path):
    path = write_csv(tmp_path / "who what where (June).txt", SHEET)
    assert hxl.sniff(path, path.read_bytes())
    reg = hxl.read(path)
    assert len(reg.initiatives) == 2                       # the two MSF rows are one presence
    msf = reg.initiatives[reg.initiatives["title"].str.startswith("Médecins")].iloc[0]
    assert str(msf["start"].date()) == "2014-06-01"        # earliest start of the merged rows
    texts = set(reg.deliverables["text"])
    assert {"people reached: 1234", "people reached: 2000", "people reached: 15"} == texts
    assert sorted(map(tuple, reg.flows[["provider_name", "receiver_name"]].values.tolist())) == [
        ("DFID", "Save the Children"), ("ECHO", "Médecins Sans Frontières")]
    assert reg.flows["amount"].isna().all() and set(reg.flows["flow_type"]) == {"funding"}
    roles = reg.mentions.groupby("role")["name"].apply(set)
    assert roles["funding"] == {"ECHO", "DFID"}
    assert set(reg.initiative_places["place"]) == {"MLI", "Gao", "Mopti"}
    model.validate(resolved(reg))


def test_xlsx_sheet(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Notes"
    wb.active.append(["This workbook's data is on the next sheet"])
    ws = wb.create_sheet("3W")
    for row in SHEET:
        ws.append(row)
    path = tmp_path / "export.xlsx"
    wb.save(path)
    assert hxl.sniff(path, path.read_bytes()[:65536])
    reg = hxl.read(path)
    assert set(reg.mentions["name"]) == {"Médecins Sans Frontières", "Save the Children",
                                         "ECHO", "DFID"}


def test_no_hashtag_row_is_an_input_error(tmp_path):
    path = write_csv(tmp_path / "plain.csv", [["Organisation", "Sector"], ["MSF", "Health"]])
    assert not hxl.sniff(path, path.read_bytes())
    with pytest.raises(InputError, match="no row of HXL hashtags"):
        hxl.read(path)


def test_no_org_column_is_an_input_error(tmp_path):
    path = write_csv(tmp_path / "s.csv", [["#sector", "#adm1"], ["Health", "Gao"]])
    with pytest.raises(InputError) as err:
        hxl.read(path)
    assert err.value.field == "#org" and "#adm1" in str(err.value)


def test_bad_number_names_row_and_hashtag(tmp_path):
    rows = [r[:] for r in SHEET]
    rows[6][5] = "about forty"
    path = write_csv(tmp_path / "s.csv", rows)
    with pytest.raises(InputError) as err:
        hxl.read(path)
    assert err.value.record == "row 7" and err.value.field == "#reached"


def test_sniff_ignores_other_formats(tmp_path):
    assert not hxl.sniff(None, b'{"grants": [{"id": "#x"}]}')
    assert not hxl.sniff(None, b"<iati-activities><!-- #org --></iati-activities>")
    header = ("node_id,ocean_action_id,title,lead_entity\n"
              "1,#OceanAction1,Clean seas,Peace Boat\n2,#OceanAction2,Reefs,WWF\n")
    assert not hxl.sniff(None, header.encode())


@pytest.mark.slow
def test_detected_by_content_whatever_the_name(tmp_path):
    for mod in ("ocean_jsonl", "ocean_csv", "ocean_html"):
        pytest.importorskip(f"ecosystem.loaders.{mod}")
    from ecosystem.loaders import detect

    for name in ("rowca-3w-hxl.csv", "iati-sierraleone.csv"):
        copy = tmp_path / "export (3).dat"
        copy.write_bytes(real_file("hxl_3w", name).read_bytes())
        assert detect(copy) == "hxl"
    assert detect(write_csv(tmp_path / "x.csv", SHEET)) == "hxl"


def test_rowca_humanitarian_organisations_have_their_type():
    # five of the sheet's eleven organisations were "Type unknown" (the known-bodies table held
    # UN agencies and ocean bodies, not the humanitarian NGOs a 3W lists)
    import pandas as pd

    import ecosystem

    reg = ecosystem.load(real_file("hxl_3w", "rowca-3w-hxl.csv"))
    types = dict(zip(reg.actors["name"], reg.actors["actor_type"]))
    assert types["International Rescue Committee"] == "ngo"
    assert types["International Organization for Migration"] == "un_multilateral"
    assert types["Handicap International"] == "ngo" and types["OXFAM"] == "ngo"
    assert types["Agronomes et Vétérinaires Sans Frontières"] == "ngo"
    assert "unknown" not in types.values()
    country = dict(zip(reg.actors["name"], reg.actors["country"]))
    assert country["International Rescue Committee"] == "USA"     # a national NGO's seat
    assert pd.isna(country["OXFAM"])                              # a confederation: none
