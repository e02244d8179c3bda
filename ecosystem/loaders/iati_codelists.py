"""IATI codelists: decode the codes of IATI activity files (1.0x and 2.0x).

The official codelists (``OrganisationType``, ``Sector``, ``Region``, …) are read
at run time from the ``iati_codelists`` folder of the real-data directory
(:func:`ecosystem.reference.datapaths.data_file`), so they are never copied into the
project. Two small tables authored for this project sit in ``data/``:

``iati_org_types.csv``
    IATI OrganisationType code → the model's actor type
    (:data:`ecosystem.model.ACTOR_TYPES`).
``iati_legacy_codes.csv``
    IATI 1.0x text values (``role="Funding"``, transaction type ``D``,
    ``start-actual``, sector vocabulary ``DAC``) → the 2.0x code.

When the codelist folder is missing, codes still load; names fall back to the
code itself.

Examples
--------
>>> organisation_role("Funding"), organisation_role("4")
('funding', 'implementing')
>>> transaction_type_code("D"), transaction_type_code("3")
('3', '3')
"""
from __future__ import annotations

import csv
from functools import lru_cache

from lxml import etree

from ecosystem.reference.datapaths import REFERENCE_DIR, data_file

__all__ = [
    "ROLE_BY_CODE",
    "THEME_VOCABULARY",
    "actor_type",
    "codelist",
    "organisation_role",
    "region_name",
    "sector_name",
    "sector_vocabulary",
    "secure_parser",
    "status_name",
    "theme_vocabulary",
    "to_code",
    "transaction_type_code",
    "transaction_type_name",
]

#: IATI OrganisationRole code → the model's role.
ROLE_BY_CODE = {"1": "funding", "2": "accountable", "3": "extending", "4": "implementing"}

#: IATI SectorVocabulary code → the model's theme vocabulary. 7, 8 and 9 (SDG
#: goals, targets, indicators) become goals and targets instead of themes.
THEME_VOCABULARY = {
    "1": "dac_sector", "2": "dac_category", "3": "cofog", "4": "nace", "5": "ntee",
    "6": "aiddata", "10": "cluster", "11": "naics", "12": "un_system_function",
    "98": "reporting_org", "99": "reporting_org",
}


def secure_parser() -> etree.XMLParser:
    """An lxml parser that never expands entities, loads a DTD or goes to the network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, dtd_validation=False)


@lru_cache(maxsize=None)
def codelist(name: str) -> dict[str, str]:
    """``{code: English name}`` of the IATI codelist ``name`` (empty when not available).

    Examples
    --------
    >>> roles = codelist("OrganisationRole")  # {} when the codelist folder is absent
    >>> roles.get("3", "Extending"), codelist("NoSuchList")
    ('Extending', {})
    """
    path = data_file("iati_codelists", f"{name}.xml")
    if path is None:
        return {}
    tree = etree.parse(str(path), secure_parser())
    out = {}
    for item in tree.iterfind("codelist-items/codelist-item"):
        code = (item.findtext("code") or "").strip()
        names = item.findall("name/narrative")
        english = [n for n in names if n.get("{http://www.w3.org/XML/1998/namespace}lang")
                   in (None, "en")]
        chosen = (english or names or [None])[0]
        if code:
            out[code] = " ".join((chosen.text or "").split()) if chosen is not None else code
    return out


@lru_cache(maxsize=1)
def _legacy() -> dict[tuple[str, str], str]:
    with open(REFERENCE_DIR / "iati_legacy_codes.csv", encoding="utf-8", newline="") as fh:
        return {(r["codelist"], r["legacy_value"].casefold()): r["code"]
                for r in csv.DictReader(fh)}


@lru_cache(maxsize=1)
def _actor_types() -> dict[str, str]:
    with open(REFERENCE_DIR / "iati_org_types.csv", encoding="utf-8", newline="") as fh:
        return {r["organisation_type"]: r["actor_type"] for r in csv.DictReader(fh)}


@lru_cache(maxsize=4096)
def to_code(list_name: str, value: str | None) -> str | None:
    """The 2.0x code of ``value``: a code as it is, a 1.0x text value or codelist name mapped.

    Examples
    --------
    >>> to_code("ActivityDateType", "end-actual"), to_code("SectorVocabulary", "DAC-3")
    ('4', '2')
    """
    if value is None:
        return None
    value = " ".join(str(value).split())
    if not value:
        return None
    if value.isdigit():
        return value
    folded = value.casefold()
    code = _legacy().get((list_name, folded))
    if code:
        return code
    for code, name in codelist(list_name).items():
        if name.casefold() == folded:
            return code
    return None


def organisation_role(value: str | None) -> str | None:
    """Model role of a participating-org ``@role`` (``"1"``–``"4"`` or 1.0x text)."""
    return ROLE_BY_CODE.get(to_code("OrganisationRole", value) or "")


def actor_type(value: str | None) -> str | None:
    """Model actor type of an ``@type`` (code or text such as "Multilateral"), or None."""
    code = to_code("OrganisationType", value)
    return _actor_types().get(code or "")


def transaction_type_code(value: str | None) -> str | None:
    """2.0x TransactionType code of a ``transaction-type/@code`` (``"3"`` or 1.0x ``"D"``)."""
    return to_code("TransactionType", value)


def transaction_type_name(code: str | None) -> str | None:
    """Name of a TransactionType code ("Disbursement"); the code when the list is missing."""
    if code is None:
        return None
    return codelist("TransactionType").get(code, code)


def sector_vocabulary(value: str | None) -> str:
    """2.0x SectorVocabulary code; a missing vocabulary means DAC 5-digit ("1")."""
    if value is None or not str(value).strip():
        return "1"
    return to_code("SectorVocabulary", value) or str(value).strip()


def theme_vocabulary(vocab_code: str) -> str:
    """The model's theme vocabulary for a SectorVocabulary code ("1" → "dac_sector")."""
    return THEME_VOCABULARY.get(vocab_code) or "iati_" + "".join(
        ch if ch.isalnum() else "_" for ch in vocab_code.casefold())


def sector_name(code: str, vocab_code: str) -> str | None:
    """Name of a DAC sector or category code, or None for other vocabularies."""
    if vocab_code == "1":
        return codelist("Sector").get(code)
    if vocab_code == "2":
        return codelist("SectorCategory").get(code)
    return None


def status_name(code: str | None) -> str | None:
    """ActivityStatus name ("Implementation") of a code; the code when unknown."""
    if code is None or not code.strip():
        return None
    return codelist("ActivityStatus").get(code.strip(), code.strip())


def region_name(code: str) -> str | None:
    """Name of an OECD DAC region code ("298" → "Africa, regional")."""
    return codelist("Region").get(code)
