"""The categories of the OECD DAC's channels of delivery, written where an organisation belongs.

The Creditor Reporting System codes the channel aid goes through (``CRSChannelCode``,
also an IATI codelist): five-digit codes for single institutions ("41114 United
Nations Development Programme") under category codes that end in ``000``
("22000 Donor country-based NGO", "12000 Recipient Government"). Publishers that do
not name the organisation write the category instead, with its code as the
organisation's ref: "Donor country-based NGO" is then no body but any NGO of the
donor country, and "Recipient Government" the government of the country the
activity works in. :func:`channel_category` recognises a category's name.

Three categories are each one institution (43000 IMF, 44000 World Bank Group,
45000 WTO) and European Union Institutions (42000) are the Union's: their names
are organisations' and are not listed here.

Reference: OECD, *DAC and CRS code lists*, "Channel of delivery codes"
(oecd.org/dac/financing-sustainable-development/development-finance-standards).

Examples
--------
>>> channel_category("Donor country-based NGO"), channel_category("DONOR COUNTRY-BASED NGO GROUP")
('22000', '22000')
>>> channel_category("Recipient Government"), channel_category("Oxfam GB") is None
('12000', True)
"""
from __future__ import annotations

import re

__all__ = ["CHANNEL_CATEGORIES", "RECIPIENT_GOVERNMENT", "channel_category"]

#: Category code → name, for the categories that name a kind of organisation, not one.
CHANNEL_CATEGORIES = {
    "10000": "Public Sector Institutions",
    "11000": "Donor Government",
    "12000": "Recipient Government",
    "13000": "Third Country Government (Delegated co-operation)",
    "20000": "Non-Governmental Organisation (NGO) and Civil Society",
    "21000": "International NGO",
    "22000": "Donor country-based NGO",
    "23000": "Developing country-based NGO",
    "30000": "Public-Private Partnerships (PPP) and Networks",
    "31000": "Public-Private Partnerships (PPP)",
    "32000": "Networks",
    "40000": "Multilateral Organisations",
    "41000": "United Nations (UN) agency, fund or commission",
    "46000": "Regional Development Banks",
    "47000": "Other multilateral institutions",
    "51000": "University, college or other teaching institution, research institute or think-tank",
    "60000": "Private Sector Institutions",
    "61000": "Private sector in provider country",
    "62000": "Private sector in recipient country",
    "63000": "Private sector in third country",
}

#: The category of the government of the country an activity works in.
RECIPIENT_GOVERNMENT = "12000"

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def _singular(word: str) -> str:
    """A plural word's singular as the CRS's earlier names write it ("organisations", "ngos")."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _key(text: str) -> str | None:
    words = _NOT_WORD.sub(" ", text.lower()).split()  # the categories are named in English
    if not words or _singular(words[0]) not in _FIRST_WORDS:
        return None  # most names: no category's first word
    if words[-1] in ("group", "groups"):  # "DONOR COUNTRY-BASED NGO GROUP"
        words = words[:-1]
    # singular words: the CRS's earlier names are plural ("NON-GOVERNMENTAL ORGANISATIONS
    # (NGOs) AND CIVIL SOCIETY", the 20000 category in the Sierra Leone sheet)
    return " ".join(map(_singular, words))


#: The first words of the categories' names, singular.
_FIRST_WORDS = frozenset(_singular(_NOT_WORD.sub(" ", name.lower()).split()[0])
                         for name in CHANNEL_CATEGORIES.values())
_BY_KEY = {_key(name): code for code, name in CHANNEL_CATEGORIES.items()}
#: Longer names are no category's (a category's name and " group", with room for spacing).
_LONGEST = max(len(name) for name in CHANNEL_CATEGORIES.values()) + 20


def channel_category(name: str | None) -> str | None:
    """The category code whose name ``name`` is (case, punctuation and a trailing "group"
    aside), else None.

    >>> channel_category("International NGO"), channel_category("International NGO Safety Org")
    ('21000', None)
    >>> channel_category("NON-GOVERNMENTAL ORGANISATIONS (NGOs) AND CIVIL SOCIETY")
    '20000'
    """
    return _BY_KEY.get(_key(name)) if name and len(name) <= _LONGEST else None
