"""Organisation identifiers: read, check and normalise org-ids across registries.

IATI and 360Giving identify organisations with *org-ids*: a registration
agency prefix followed by that agency's identifier, e.g. ``GB-CHC-1070468``
(Charity Commission for England and Wales, charity 1070468), ``GB-COH-01234567``
(Companies House), ``US-EIN-941655673`` (US Employer Identification Number),
``XM-DAC-41114`` (UNDP in the OECD DAC list). Registries also write things that
look like identifiers but are not global ones: publisher-local codes ("35",
"ADRAUK"), 360Giving local ids (``360G-indigotrust:org-1234``), placeholders
(``DUMMY01``, ``XI-BRIDGE-null``) and bare country codes ("GB").

:func:`normalise_org_ref` returns one canonical string for a global identifier
and ``None`` for everything else, so the resolver can merge organisations by
identifier across registries without false merges. Loaders keep the raw value
in ``source_text``.

Normalisation rules
-------------------
1. Whitespace is removed; the agency prefix is upper-cased.
2. Blank values, placeholders (``DUMMY…``, ``N/A``, ``null``, ``none``,
   ``unknown``, ``0``, an identifier part that is one of those) → None.
3. 360Giving local identifiers (``360G-…``) → None: they are unique only
   within one publisher's file.
4. Bare five-digit numbers are OECD CRS channel codes (IATI 1.0x style for
   multilaterals): a code of one organisation (first digit 2–5, not a ``x000``
   category code, plus the single institutions 43000 IMF, 44000 World Bank
   Group, 45000 WTO) → ``XM-DAC-<code>``; category codes such as 22000
   ("Donor country-based NGO") → None.
5. Other bare numbers, bare country codes and strings without an agency
   prefix → None (publisher-local codes).
6. Legacy ``{country}-{DAC agency number}`` identifiers (``GB-1``, ``FR-3``) keep
   that form without leading zeros (``GB-01`` → ``GB-1``). Two renamed agencies
   are mapped to their current identifiers: :data:`LEGACY_IDENTIFIERS`. A legacy
   id followed by a project number (``GB-1-202561``) is an *activity*
   identifier written where an organisation's belongs → None: publishers use
   it for the funder, the recipient or themselves alike, so it identifies none
   of them.
7. Scheme checks: ``GB-CHC`` needs a charity number (5–8 digits, optional
   ``-n`` subsidiary suffix); ``GB-COH`` is zero-padded to Companies House's
   8 characters (``294860`` → ``00294860``, ``SC1234`` → ``SC001234``);
   ``US-EIN`` drops the hyphen after the first two digits
   (``13-3287064`` → ``133287064``). Identifiers failing their scheme → None.

Examples
--------
>>> normalise_org_ref(" gb-coh-294860 ")
'GB-COH-00294860'
>>> normalise_org_ref("360G-indigotrust:org-1234") is None, normalise_org_ref("DUMMY01") is None
(True, True)
>>> normalise_org_ref("41114"), normalise_org_ref("22000")
('XM-DAC-41114', None)
>>> normalise_org_ref("GB-01"), normalise_org_ref("GB-1-201242-101") is None
('GB-GOV-1', True)
"""
from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["LEGACY_IDENTIFIERS", "SINGLE_INSTITUTION_CHANNELS", "actor_type_from_ref",
           "crs_channel_ref", "is_bridge_ref", "is_placeholder_ref", "normalise_org_ref",
           "ref_before_name", "registration_country"]

#: Legacy IATI identifiers whose organisation now publishes under another id.
#: DFID moved from ``GB-1`` to ``GB-GOV-1``; the Netherlands Ministry of
#: Foreign Affairs from ``NL-1`` to its DAC donor code ``XM-DAC-7``.
LEGACY_IDENTIFIERS = {"GB-1": "GB-GOV-1", "NL-1": "XM-DAC-7"}

#: CRS channel category codes that are nevertheless one institution.
SINGLE_INSTITUTION_CHANNELS = {"43000", "44000", "45000"}

_PLACEHOLDERS = {"", "0", "-", "NA", "N/A", "NULL", "NONE", "NIL", "UNKNOWN", "TBC", "TBD",
                 "XXX", "NOTAPPLICABLE", "NOT-APPLICABLE"}

_LEGACY = re.compile(r"([A-Z]{2})-0*(\d{1,3})(-\d[\d-]*)?")
_ORG_ID = re.compile(r"(X[A-Z]|[A-Z]{2})-((?=[A-Z0-9_]*[A-Z])[A-Z0-9_]+)-(.+)", re.IGNORECASE)


def _is_placeholder(text: str) -> bool:
    up = text.upper()
    return up in _PLACEHOLDERS or up.startswith("DUMMY")


def is_placeholder_ref(raw: object) -> bool:
    """Whether ``raw`` holds no identifier at all: a placeholder ("N/A", "null") or an org-id
    prefix with a placeholder after it ("XI-BRIDGE-null").

    Such a ref names no organisation, so two records that carry it are not tied by it, and it
    is no name for the organisation either.

    Examples
    --------
    >>> is_placeholder_ref("XI-BRIDGE-null"), is_placeholder_ref("n/a"), is_placeholder_ref(None)
    (True, True, True)
    >>> is_placeholder_ref("XI-BRIDGE-3917964254"), is_placeholder_ref("GB-1")
    (False, False)
    """
    if raw is None or not isinstance(raw, (str, int)) or isinstance(raw, bool):
        return True
    ref = re.sub(r"\s+", "", str(raw)).strip("-_/.,;:")
    if _is_placeholder(ref):
        return True
    m = _ORG_ID.fullmatch(ref)
    return bool(m) and _is_placeholder(m[3].strip("-_/.,;:"))


def is_bridge_ref(ref: str | None) -> bool:
    """Whether ``ref`` is an IATI bridge identifier (``XI-BRIDGE-…``): one a publisher gives an
    organisation that it writes with no registration of its own. The organisation may have
    one all the same (GlobalGiving gives International Medical Corps ``XI-BRIDGE-4605197328``;
    its US EIN is ``US-EIN-953949646``), so a bridge id never contradicts a registration.

    >>> is_bridge_ref("XI-BRIDGE-4605197328"), is_bridge_ref("US-EIN-953949646")
    (True, False)
    """
    return isinstance(ref, str) and ref.upper().startswith("XI-BRIDGE-")


def crs_channel_ref(code: str) -> str | None:
    """``XM-DAC-<code>`` for a CRS channel code naming one organisation, else None.

    Examples
    --------
    >>> crs_channel_ref("44002"), crs_channel_ref("44000"), crs_channel_ref("41000")
    ('XM-DAC-44002', 'XM-DAC-44000', None)
    """
    if not re.fullmatch(r"\d{5}", code):
        return None
    if code in SINGLE_INSTITUTION_CHANNELS:
        return f"XM-DAC-{code}"
    if code[0] in "2345" and not code.endswith("000"):
        return f"XM-DAC-{code}"
    return None


def _scheme_identifier(prefix: str, ident: str) -> str | None:
    """Check and tidy the identifier part for the schemes we know; None when invalid."""
    if _is_placeholder(ident):
        return None
    if prefix == "GB-CHC":
        return ident if re.fullmatch(r"\d{5,8}(-\d{1,3})?", ident) else None
    if prefix == "GB-COH":
        ident = ident.upper()
        if re.fullmatch(r"\d{1,8}", ident):
            return ident.zfill(8)
        m = re.fullmatch(r"([A-Z]{2})(\d{1,6})", ident)
        return f"{m[1]}{m[2].zfill(6)}" if m else None
    if prefix == "US-EIN":
        m = re.fullmatch(r"(\d{2})-?(\d{7})([A-Z0-9-]*)", ident, re.IGNORECASE)
        return f"{m[1]}{m[2]}{m[3].upper()}" if m else None
    return ident


def normalise_org_ref(raw: object) -> str | None:
    """Canonical org-id for ``raw``, or None when it is not a global identifier.

    See the module notes for the rules.

    Examples
    --------
    >>> normalise_org_ref("US-EIN-13-3287064NAM")
    'US-EIN-133287064NAM'
    >>> normalise_org_ref("GB-CHC-CA-99,314") is None
    True
    >>> normalise_org_ref("xm-dac-41114"), normalise_org_ref("GB") is None
    ('XM-DAC-41114', True)
    """
    if raw is None or not isinstance(raw, (str, int)) or isinstance(raw, bool):
        return None
    return _normalise(str(raw))


@lru_cache(maxsize=65536)
def _normalise(raw: str) -> str | None:
    """:func:`normalise_org_ref` of a string, cached (files repeat the same refs)."""
    ref = re.sub(r"\s+", "", raw).strip("-_/.,;:")
    if _is_placeholder(ref) or ref.upper().startswith("360G-"):
        return None
    if ref.isdigit():
        return crs_channel_ref(ref)
    m = _LEGACY.fullmatch(ref.upper())
    if m:
        if m[3]:
            return None  # an activity identifier, not an organisation's
        legacy = f"{m[1]}-{m[2]}"
        return LEGACY_IDENTIFIERS.get(legacy, legacy)
    m = _ORG_ID.fullmatch(ref)
    if not m:
        return None
    prefix = f"{m[1]}-{m[2]}".upper()
    ident = _scheme_identifier(prefix, m[3])
    return None if ident is None else f"{prefix}-{ident}"


def ref_before_name(text: str) -> tuple[str, str] | None:
    """``(org-id, name)`` when ``text`` writes a global identifier, then a space, then a name,
    in one cell ("DE-1 BMZ", as a flattened IATI sheet has Germany's ministry); else None.

    The identifier must be one :func:`normalise_org_ref` accepts: a publisher's local code
    or a word ("UN Women", "WWF-UK Oceans") is part of the name.

    Examples
    --------
    >>> ref_before_name("DE-1 BMZ"), ref_before_name("XM-DAC-41122 UNICEF")
    (('DE-1', 'BMZ'), ('XM-DAC-41122', 'UNICEF'))
    >>> ref_before_name("UN Women"), ref_before_name("GB-CHC-202918"), ref_before_name("DE-1 -")
    (None, None, None)
    """
    head, _, rest = text.strip().partition(" ")
    rest = rest.strip()
    if not rest or not any(c.isalpha() for c in rest) or "-" not in head:
        return None
    ref = normalise_org_ref(head)
    return (ref, rest) if ref else None


@lru_cache(maxsize=4096)
def registration_country(ref: str | None) -> str | None:
    """ISO3 code of the country whose agency issued ``ref`` (None for XM-/XI- ids).

    Examples
    --------
    >>> registration_country("GB-CHC-1070468"), registration_country("XM-DAC-41114")
    ('GBR', None)
    """
    if not ref or len(ref) < 3 or ref[2] != "-" or ref[0] == "X":
        return None
    import pycountry

    country = pycountry.countries.get(alpha_2=ref[:2].upper())
    return country.alpha_3 if country else None


#: Registration agencies whose identifiers tell the organisation type.
_TYPE_BY_PREFIX = {
    "GB-CHC": "ngo", "GB-SC": "ngo", "GB-NIC": "ngo",
    "GB-GOV": "government", "US-GOV": "government", "GB-NHS": "government",
    "GB-LAE": "local_government", "GB-LAS": "local_government", "GB-PLA": "local_government",
    "GB-EDU": "academic", "GB-UKPRN": "academic",
    "XM-OCHA": "un_multilateral",
}


@lru_cache(maxsize=65536)
def actor_type_from_ref(ref: str | None) -> str | None:
    """Actor type implied by a normalised org-id's agency, or None when it says nothing.

    CRS channel ids tell the type by their first digit (2: NGO, 3: partnership,
    4: multilateral, 5: academic); legacy ``{country}-{n}`` ids are bilateral
    government agencies.

    Examples
    --------
    >>> actor_type_from_ref("XM-DAC-41114"), actor_type_from_ref("GB-CHC-1070468")
    ('un_multilateral', 'ngo')
    >>> actor_type_from_ref("FR-3"), actor_type_from_ref("US-EIN-941655673") is None
    ('government', True)
    """
    if not ref:
        return None
    m = re.fullmatch(r"XM-DAC-(\d)\d{4}", ref)
    if m:
        return {"2": "ngo", "3": "partnership", "4": "un_multilateral", "5": "academic"}.get(m[1])
    if _LEGACY.fullmatch(ref):
        return "government"
    parts = ref.split("-")
    return _TYPE_BY_PREFIX.get("-".join(parts[:2]))
