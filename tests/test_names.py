"""Name normalisation, acronyms, countries in names, known bodies and pairwise matching rules."""
from __future__ import annotations

import pytest

from ecosystem.reference.acronym_shape import looks_like_acronym
from ecosystem.resolution.acronym_links import pooled_votes
from ecosystem.resolution.annotations import without_notes
from ecosystem.resolution.acronyms import (
    acronym_definitions,
    acronym_fits,
    acronym_plausible,
    initials_coverage,
)
from ecosystem.resolution.known_bodies import KnownBodies
from ecosystem.reference.language import language_of
from ecosystem.resolution.matching import (
    Clusters,
    countries_compatible,
    fuzzy_pairs,
    same_body,
    signature,
)
from ecosystem.resolution.name_countries import mark_countries, whole_country
from ecosystem.resolution.names import parse_name, split_annotations, stem, tidy


@pytest.fixture(scope="module")
def kb():
    return KnownBodies.load()


# --- normalisation ------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("The Ocean Foundation", "Ocean Foundation"),
    ("Japan Grace Co., Ltd", "JAPAN GRACE CO LTD"),
    ("Blue Ventures Ltd.", "Blue Ventures"),
    ("Mowi ASA", "Mowi"),
    ("Pescanova S.A.", "Pescanova"),
    ("Deutsche Stiftung Meeresschutz gGmbH", "Deutsche Stiftung Meeresschutz"),
    ("Fundación MarViva", "Fundacion Marviva"),
    ("Peace Boat (NGO)", "Peace Boat"),
    ("Peace Boat (lead entity)", "Peace Boat"),
    ("Centre for Marine Research - NGO", "Center for Marine Research"),
    ("Organisation for Reef Care", "Organization for Reef Care"),
    ("Reef & Sea Trust", "Reef and Sea Trust"),
    ("Lead entity: Sea Keepers", "Sea Keepers"),
    ("Fondation Tara Ocean", "Tara Ocean Foundation"),
    ("S.P.C. Marine", "SPC Marine"),
    ("Hauʻoli Mau Loa Foundation", "Hau'oli Mau Loa Foundation"),
])
def test_same_comparison_key(a, b):
    assert sorted(parse_name(a).key.split()) == sorted(parse_name(b).key.split())


@pytest.mark.parametrize("a, b, same", [
    # a last word written as a name's word is a word, though a preposition elsewhere
    ("Instituto del Mar del Per", "Instituto do Mar", False),  # Perú, its accent lost
    ("Universidad Nacional del Sur", "Universidad Nacional", False),
    ("El Colegio de la Frontera Sur", "Colegio de la Frontera Sur", True),
    # a last preposition in small letters is a cut (the rest of a list), not a word
    ("Solomon Islands Maritime Authority and", "Solomon Islands Maritime Authority", True),
    ("Organisation de la", "Organisation", True),
])
def test_a_names_last_word(a, b, same):
    assert (parse_name(a).key == parse_name(b).key) is same


def test_tidy_and_display():
    assert tidy('  "Peace  Boat".  ') == "Peace Boat"
    p = parse_name("Peace Boat (Non-governmental organization)")
    assert p.display == "Peace Boat"
    assert p.type_labels == ("Non-governmental organization",)


def test_acronym_annotations_are_split_off():
    assert split_annotations("Wildlife Conservation Society (WCS)")[:3] == (
        "Wildlife Conservation Society", [], ["WCS"])
    core, _, acronyms, _, _ = split_annotations(
        "IUCN (International Union for Conservation of Nature)")
    assert (core, acronyms) == ("International Union for Conservation of Nature", ["IUCN"])
    assert split_annotations("National Port Authority - APN")[2] == ["APN"]
    assert split_annotations("UCSB University of California Santa Barbara")[2] == ["UCSB"]
    assert split_annotations("Ministry of Production - PRODUCE")[:3] == (
        "Ministry of Production", [], ["PRODUCE"])
    assert split_annotations("WWF - NZ")[0] == "WWF - NZ"


@pytest.mark.parametrize("name, core, labels, acronyms, countries", [
    ("Queen Mary University of London (QMUL - UK)", "Queen Mary University of London", [],
     ["QMUL"], ["GBR"]),
    ("Freeborne Media (Private limited company - UK )", "Freeborne Media",
     ["Private limited company"], [], ["GBR"]),
    ("Asfour initiative (Other - Youth-led non profit)", "Asfour initiative",
     ["Other", "Youth-led non profit"], [], []),
    ("Centre of Marine Sciences (CCMAR-Scientific Institution)", "Centre of Marine Sciences",
     ["Scientific Institution"], ["CCMAR"], []),
    ("University of Algarve (UAlg - Academic Institution-HEI)", "University of Algarve",
     ["Academic Institution-HEI"], ["UAlg"], []),  # "UAlg" abbreviates the name
    # a word glued to an acronym may be its own, and a note of no acronym, label or country
    # stays the name's
    ("Chilean Long-Term Socio-Ecological Research network (LTSER-Chile)",
     "Chilean Long-Term Socio-Ecological Research network LTSER-Chile", [], [], []),
    ("Docapesca (Fish Landings - Private/Public Entity)", "Docapesca Fish Landings",
     ["Private/Public Entity"], [], []),
])
def test_a_bracketed_note_of_parts_is_read_part_by_part(name, core, labels, acronyms, countries):
    """Ocean partner lists add notes of an acronym, a type or a description and a country,
    joined by dashes: the name shown kept them ("Freeborne Media (Private limited company -
    UK )") and two names of one body stayed apart ("Centre of Marine Sciences
    (CCMAR-Scientific Institution)" and "Centre for Marine Sciences of the Algarve CCMAR")."""
    assert split_annotations(name) == (core, labels, acronyms, countries, [])


def test_the_shown_name_drops_notes_read_as_labels_and_keeps_the_acronym():
    assert without_notes("Queen Mary University of London (QMUL - UK)", []) == \
        "Queen Mary University of London (QMUL)"
    p = parse_name("Indigenous Training Programme (NGO)")
    assert without_notes(p.raw, p.type_labels) == "Indigenous Training Programme"
    nested = "Roma ((Academic Institution - Contact Pr. A. B.) Università del Salento)"
    assert without_notes(nested, list(parse_name(nested).type_labels)) == \
        "Roma (Università del Salento)"
    assert without_notes("Area marina protetta “Isole Egadi”", []) == \
        "Area marina protetta “Isole Egadi”"  # nothing removed: written as it is


def test_countries_in_brackets_are_soft_inside_are_hard():
    p = parse_name("Blue Ventures (UK)")
    assert p.soft_countries == {"GBR"} and not p.hard_countries
    q = parse_name("WWF-Perú")
    assert q.hard_countries == {"PER"}
    assert parse_name("Ministry of Fisheries, Samoa").key == parse_name(
        "Samoa Ministry of Fisheries").key == "ministry fisheries cc:WSM"


def test_numbers_and_qualifiers():
    assert parse_name("Colônia de Pescadores Z-01").numbers == {1}
    assert parse_name("Colonia de Pescadores Z-03").numbers == {3}
    assert parse_name("Data Fish (Bizkaia)").qualifiers == {"bizkaia"}
    assert parse_name("Korea Ocean Institute (public)").type_labels == ("public",)
    assert parse_name("Korea Ocean Institute (busan)").qualifiers == {"busan"}
    assert parse_name("Norwegian Agency for Development Cooperation (Norad)").acronym == "Norad"


@pytest.mark.parametrize("name, iso", [
    ("Chile", "CHL"), ("Government of the Republic of Chile", "CHL"),
    ("The Norwegian Government", "NOR"), ("Republic of Korea", "KOR"),
    ("Fiji Government", "FJI"), ("Kingdom of Tonga", "TON"),
    ("Ministry of Fisheries, Fiji", None), ("Government of Western Australia", None),
])
def test_country_as_government(name, iso):
    assert parse_name(name).country == iso


def test_country_markers_longest_first():
    assert mark_countries(["papua", "new", "guinea", "fisheries"])[1] == ["PNG"]
    assert mark_countries(["american", "samoa"])[1] == ["ASM"]
    assert mark_countries(["indian", "ocean", "commission"])[1] == []
    assert mark_countries(["norwegian", "institute"])[1] == ["NOR"]
    assert whole_country("Republic of Korea") == "KOR"
    assert whole_country("Perú") == "PER"
    assert whole_country("Fisheries") is None


# --- acronyms -----------------------------------------------------------------

def test_looks_like_acronym():
    assert [looks_like_acronym(w) for w in ("IUCN", "AfDB", "UNEP-WCMC", "Oceana", "CI-Fiji")] == [
        True, True, True, False, False]


def test_schwartz_hearst_fit():
    assert acronym_fits("CSIRO", "Commonwealth Scientific and Industrial Research Organisation")
    assert acronym_fits("GEF", "Global Environment Facility")
    assert not acronym_fits("SPC", "Pacific Community")
    assert not acronym_fits("IUCN", "Blue Ventures")


def test_acronym_definitions_in_text():
    text = ("Co-funded by the Global Environment Facility (GEF); with the "
            "Secretariat of the Pacific Regional Environment Programme (SPREP) and WWF.")
    assert acronym_definitions(text) == [
        ("Global Environment Facility", "GEF"),
        ("Secretariat of the Pacific Regional Environment Programme", "SPREP"),
    ]
    # the reverse form
    assert acronym_definitions("with MASI (Masyarakat Selam Indonesia) divers") == [
        ("Masyarakat Selam Indonesia", "MASI")]
    # runs of words that merely contain the letters are no definition
    assert acronym_definitions("programme under the auspices of (UNESCO)") == []
    assert initials_coverage("CSIRO", "Commonwealth Scientific and Industrial Research Organisation") == 1.0


def test_acronym_of_a_translation_is_plausible():
    assert acronym_plausible("CONAPESCA", "National Commission of Aquaculture and Fisheries")
    assert not acronym_plausible("FAO", "Fisheries Department")


def test_language_guess():
    assert language_of("Ministerio de Ambiente y Energía") == "es"
    assert language_of("Ministry of Environment and Energy") == "en"
    assert language_of("Institut National de Recherche Halieutique") == "fr"
    assert language_of("Fundação para a Ciência e a Tecnologia") == "pt"
    assert language_of("WWF") is None


def test_acronym_votes_pool_translations_but_not_two_bodies():
    top, votes, second = pooled_votes(
        {1: 3, 2: 2}, {1: ["Ministry of Environment and Energy"],
                       2: ["Ministerio de Ambiente y Energía"]})
    assert (sorted(top), votes, second) == ([1, 2], 5, 0)
    top, votes, second = pooled_votes(
        {1: 1, 2: 1}, {1: ["Aitutaki Conservation Trust"], 2: ["Aspire Coronation Trust"]})
    assert (votes, second) == (1, 1)


# --- known bodies ------------------------------------------------------------

@pytest.mark.parametrize("name, body", [
    ("UNEP", "unep"), ("UN Environment", "unep"), ("ONU-Environnement", "unep"),
    ("PNUMA", "unep"), ("PNUD", "undp"), ("UICN", "iucn"), ("FEM", "gef"),
    ("Secretariat of the Pacific Community", "spc"), ("Pacific Community", "spc"),
    ("IOC-UNESCO", "ioc"), ("UNEP-WCMC", "unep-wcmc"), ("GEF SGP", "gef-sgp"),
    ("Food & Agriculture Organisation of the UN", "fao"), ("US NOAA", "noaa"),
    # Spain's IATI file names its foreign ministry in English as reporting organisation and in
    # Spanish as participant: two actors of one ministry
    ("Ministry of Foreign Affairs and Cooperation, Spain", "es-maec"),
    ("MAEC - Ministerio de Asuntos Exteriores y de Cooperación", "es-maec"),
])
def test_known_bodies_and_translations(kb, name, body):
    assert kb.match_whole(name) == body


def test_a_ministry_of_one_country_is_not_the_same_named_ministry_of_another(kb):
    assert kb.match_whole("Ministry of Foreign Affairs and Cooperation") is None  # Morocco's too


def test_known_body_inside_a_longer_name(kb):
    assert parse_name("World Wildlife Fund Peru", kb).key == parse_name("WWF-Peru", kb).key == \
        "kb:wwf cc:PER"
    assert parse_name("UNDP Fiji", kb).key != parse_name("UNDP", kb).key
    # a one-word acronym in running words only counts when written in capitals
    assert "kb:who" not in parse_name("People who care", kb).tokens


def test_contested_acronym_can_be_switched_off(kb):
    k2 = kb.without_acronyms({"ioc"})
    assert kb.match_whole("IOC") == "ioc" and k2.match_whole("IOC") is None
    assert k2.match_whole("IOC-UNESCO") == "ioc"


# --- pairwise rules ------------------------------------------------------------

@pytest.mark.parametrize("a, b, same", [
    ("Ministry of Enviroment", "Ministry of Environment", True),
    ("Ministerio de Ambiente y Energa", "Ministerio de Ambiente y Energía", True),
    ("Surfrider Foundation", "Surfrider", True),
    ("University of Bergen", "University of Bremen", False),
    ("WWF", "WWF Peru", False),
    ("Surfrider Foundation", "Surfrider Foundation Australia", False),
    ("Colônia de Pescadores Z-01", "Colônia de Pescadores Z-03", False),
    ("Ministry of Fisheries, Fiji", "Ministry of Fisheries, Samoa", False),
    ("Ocean Foundation", "Ocean Trust", False),
    ("Ministry of External Affairs", "Ministry of Internal Affairs", False),
    ("Blue Ventures", "Blue Ventures (UK)", True),
    ("Data Fish (Bizkaia)", "Data Fish (Madrid)", False),
])
def test_same_body(kb, a, b, same):
    assert same_body(parse_name(a, kb), parse_name(b, kb)) is same


@pytest.mark.parametrize("a, b, same", [
    # Ocean: CCMAR (Portugal) had joined a "Marine Science Center" of another record, and
    # Mozambique's "National oceanographic institute (InOM)" Pakistan's institute
    ("Centre of Marine Sciences (CCMAR-Scientific Institution)", "Marine Science Center", False),
    ("National oceanographic institute (InOM)", "National Institute of Oceanography", False),
    ("SOA - Sustainable Ocean Aliance", "Sustainable Ocean Alliance", True),  # its initials
    ("Natural National Parks of Colombia (PNN)", "National Natural Parks of Colombia", True),
    ("Centre of Marine Sciences", "Marine Science Center", True),  # neither says which
])
def test_an_acronym_of_its_own_says_which_body_a_name_of_common_words_is(a, b, same):
    common = frozenset({"center", "marine", "science", "national", "oceanographic",
                        "institute", "oceanography", "sustainable", "ocean", "natural", "park"})
    assert same_body(parse_name(a), parse_name(b), common) is same


def test_programme_named_after_its_host(kb):
    a, b = parse_name("UNEP Global Partnership on Marine Litter", kb), parse_name(
        "Global Partnership on Marine Litter", kb)
    assert same_body(a, b)
    assert not same_body(parse_name("Blue Ventures and WWF", kb), parse_name("Blue Ventures", kb))
    assert not same_body(parse_name("UNEP", kb), parse_name("UNEP-WCMC", kb))


def test_countries_compatible():
    assert not countries_compatible(parse_name("WWF"), parse_name("WWF Peru"))
    assert countries_compatible(parse_name("X Fund (Peru)"), parse_name("X Fund Peru"))
    assert not countries_compatible(parse_name("X Fund (Peru)"), parse_name("X Fund (Chile)"))


def test_clusters_refuse_chains_across_countries():
    names = ["Ministry of Fisheries (Fiji)", "Ministry of Fisheries", "Ministry of Fisheries (Samoa)"]
    cl = Clusters([signature(parse_name(n)) for n in names], [None] * 3)
    assert cl.union(0, 1)
    assert not cl.union(1, 2)
    assert cl.find(2) != cl.find(0)


def test_clusters_never_join_two_identifiers():
    cl = Clusters([signature(parse_name("A"))] * 2, ["GB-GOV-1", "XM-DAC-41114"])
    assert not cl.union(0, 1)
    assert cl.union(0, 1, force=True)


def test_fuzzy_pairs_blocks_by_length_without_losing_pairs():
    names = ["ocean foundation", "ocean fundation", "sea shepherd global", "sea shepherd",
             "blue ventures conservation", "blue venture conservation"]
    got = {(min(i, j), max(i, j)) for i, j, _ in fuzzy_pairs(names, names) if i != j}
    from rapidfuzz import fuzz
    want = {(i, j) for i in range(len(names)) for j in range(i + 1, len(names))
            if fuzz.ratio(names[i], names[j]) >= 85}
    assert got == want and (0, 1) in got


def test_stem():
    assert (stem("fisheries"), stem("oceans"), stem("glass")) == ("fishery", "ocean", "glass")


# --- issue 12: what tells bodies apart, and what does not ---------------------------------------

def test_a_country_inside_a_name_outweighs_one_in_brackets():
    kb = KnownBodies.load()
    greek = parse_name("Hellenic Centre for Marine Research (HCMR) Ireland", kb)
    assert greek.hard_countries == {"GRC"} and greek.soft_countries == {"IRL"}
    assert countries_compatible(greek, parse_name("Hellenic Centre for Marine Research", kb))
    office = parse_name("UNDP (Fiji)", kb)
    assert office.hard_countries == {"FJI"}  # a well-known body's country office
    assert not countries_compatible(office, parse_name("UNDP", kb))
    assert parse_name("IRD (France)", kb).hard_countries == frozenset()  # its own country


def test_identifier_merge_keeps_the_first_group_countries():
    names = [parse_name(n) for n in ("Department for Overseas Cooperation",
                                     "DOC (UK Aid)", "DEPARTMENT FOR OVERSEAS COOPERATION")]
    cl = Clusters([signature(p) for p in names], ["XX-1", "XX-1", None])
    assert cl.union(0, 1, force=True, keep=True)
    assert cl.union(0, 2)  # the country in "DOC (UK Aid)" does not keep the name out
    assert names[1].hard_countries == {"GBR"}
    cl = Clusters([signature(p) for p in names], ["XX-1", "XX-1", None])
    cl.union(0, 1, force=True)
    assert not cl.union(0, 2)  # without keep, that country blocks the plain name


def test_lost_accented_letters_and_words_run_together():
    assert same_body(parse_name("University of São Paulo"), parse_name("University of So Paulo"))
    assert not same_body(parse_name("University of Sao Paulo"), parse_name("University of So Paulo"))
    assert parse_name("Woods Hole Oceanographic Institution").key == \
        parse_name("Woods Hole Oceanographic Institute").key
    assert not parse_name("FUTURE EARH").is_acronym and parse_name("GEF SGP").is_acronym


def test_type_labels_are_no_long_forms():
    from ecosystem.resolution.context import learn_context
    ctx = learn_context(["Instituto Nacional de Aprendizaje - INA"],
                        ["INA (Institución académica) and INA (Institución Académica)"])
    assert {long for long, short in ctx.definitions if short == "INA"} == {
        "Instituto Nacional de Aprendizaje"}
    assert ("Instituto Nacional de Aprendizaje", "INA") in ctx.from_names


def test_fuzzy_pairs_scored_once_per_pair_equal_the_full_matrix():
    """The same list on both sides is scored as an upper triangle and mirrored: the pairs,
    scores, order and the per-query cap equal the full computation and rapidfuzz itself."""
    from rapidfuzz import fuzz

    from ecosystem.resolution.similar_pairs import fuzzy_pairs as pairs

    names = [f"ocean {w} foundation" for w in ("trust", "trusts", "trast", "truss", "tryst")] \
        + ["sea shepherd", "sea shepard", "blue ventures", "blue venture", "reef check", "reefcheck"]
    for cap in (None, 2):
        once = pairs(names, names, chunk=3, per_query=cap)
        full = pairs(names, list(names), chunk=3, per_query=cap, symmetric=False)
        assert once == full
    every = {(i, j) for i, j, _ in pairs(names, names, chunk=3)}
    assert every == {(i, j) for i in range(len(names)) for j in range(len(names))
                     if fuzz.ratio(names[i], names[j]) >= 85}
    capped = pairs(names, names, chunk=3, per_query=2)
    assert max(sum(1 for i, _, _ in capped if i == q) for q in range(len(names))) == 2


def test_a_known_bodys_acronym_before_its_name_in_another_word_order_is_that_body(kb):
    """Spain's IATI file writes "FAO - Organización de las Naciones Unidas para la Agricultura y
    la Alimentación" (the official Spanish name says "para la Alimentación y la Agricultura"):
    an actor of its own, beside FAO. A unit named after the acronym stays apart."""
    fao = parse_name("FAO - Organización de las Naciones Unidas para la Agricultura y la "
                     "Alimentación", known=kb)
    assert fao.tokens == ("kb:fao",)
    assert parse_name("FAO - Oficina Regional para América Latina y el Caribe",
                      known=kb).tokens != ("kb:fao",)
    members = parse_name("Pacific Island Forum Fisheries Agency members", known=kb)
    assert members.tokens != ("kb:ffa",)  # the members of the agency, not the agency
