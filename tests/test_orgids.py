"""Org-id normalisation: global identifiers kept canonical, local ids and placeholders dropped."""
import pytest

from ecosystem.reference.orgids import (
    actor_type_from_ref,
    crs_channel_ref,
    normalise_org_ref,
    registration_country,
)


@pytest.mark.parametrize("raw, expected", [
    # org-ids with a registration-agency prefix: kept, prefix upper-cased, spaces removed
    ("GB-CHC-1070468", "GB-CHC-1070468"),
    (" gb-chc-1070468 ", "GB-CHC-1070468"),
    ("GB-CHC-1123456-1", "GB-CHC-1123456-1"),          # subsidiary charity
    ("XM-DAC-41114", "XM-DAC-41114"),
    ("xm-dac-41114", "XM-DAC-41114"),
    ("XM-DAC-7", "XM-DAC-7"),
    ("GB-GOV-1", "GB-GOV-1"),
    ("US-GOV-1", "US-GOV-1"),
    ("NL-KVK-27108436", "NL-KVK-27108436"),
    ("ES-DIR3-E04585801", "ES-DIR3-E04585801"),
    ("XI-IATI-EC_ECHO", "XI-IATI-EC_ECHO"),
    ("XM-OCHA-CERF", "XM-OCHA-CERF"),
    # scheme checks and tidying
    ("GB-COH-294860", "GB-COH-00294860"),               # Companies House: 8 characters
    ("GB-COH-SC1234", "GB-COH-SC001234"),
    ("GB-COH-01234567", "GB-COH-01234567"),
    ("US-EIN-13-3287064NAM", "US-EIN-133287064NAM"),    # EIN hyphen dropped
    ("US-EIN-941655673", "US-EIN-941655673"),
    ("GB-CHC-CA-99,314", None),                         # not a charity number
    ("GB-CHC-IT/4002/09", None),
    ("GB-CHC-24377R", None),
    ("GB-COH-IP", None),
    ("GB-COH-294860ADDFWAP", None),
    ("US-EIN-12", None),
    # local identifiers and placeholders
    ("360G-indigotrust:org-1234", None),
    ("360G-indigotrust", None),
    ("DUMMY01", None),
    ("dummy-123", None),
    ("XI-BRIDGE-null", None),
    ("", None), ("   ", None), (None, None), ("N/A", None), ("0", None),
    ("ADRAUK", None),                                   # publisher-local code
    ("35", None), ("181", None),                        # national codes (Spain)
    ("GB", None), ("FR", None),                         # bare country codes
    # CRS channel codes (IATI 1.0x multilaterals)
    ("41114", "XM-DAC-41114"),
    ("44000", "XM-DAC-44000"),                          # World Bank Group: one institution
    ("44002", "XM-DAC-44002"),
    ("22000", None),                                    # "Donor country-based NGO": a category
    ("41000", None),                                    # "UN agency, fund or commission"
    ("12300", None), ("11001", None), ("62001", None),
    # legacy {country}-{agency} identifiers
    ("GB-1", "GB-GOV-1"),
    ("GB-01", "GB-GOV-1"),
    ("GB-1-201242-101", None),                          # an activity id, not an org id
    ("GB-1-202561", None),
    ("NL-1", "XM-DAC-7"),
    ("FR-3", "FR-3"),
    ("BE-10", "BE-10"),
])
def test_normalise_org_ref(raw, expected):
    assert normalise_org_ref(raw) == expected


def test_normalise_is_idempotent():
    for raw in ("GB-COH-294860", "US-EIN-13-3287064NAM", "41114", "GB-01", "gb-chc-1070468"):
        once = normalise_org_ref(raw)
        assert normalise_org_ref(once) == once


def test_crs_channel_ref():
    assert crs_channel_ref("21016") == "XM-DAC-21016"
    assert crs_channel_ref("23000") is None
    assert crs_channel_ref("4111") is None


def test_registration_country_and_type():
    assert registration_country("GB-CHC-1070468") == "GBR"
    assert registration_country("US-EIN-941655673") == "USA"
    assert registration_country("XM-DAC-41114") is None
    assert registration_country(None) is None
    assert actor_type_from_ref("XM-DAC-41114") == "un_multilateral"
    assert actor_type_from_ref("XM-DAC-21016") == "ngo"
    assert actor_type_from_ref("GB-CHC-1070468") == "ngo"
    assert actor_type_from_ref("GB-GOV-1") == "government"
    assert actor_type_from_ref("FR-3") == "government"
    assert actor_type_from_ref("US-EIN-941655673") is None
    assert actor_type_from_ref(None) is None
