"""Organisation elements that name a kind of organisation, or the channel money went through.

Some IATI publishers fill ``<participating-org>`` with a category from their own
codelist where the organisation is not named. Spain's foreign ministry writes
"Otra entidad con ánimo de lucro del país donante" ("another for-profit entity of
the donor country", its code 709) in 21 of its 83 Indonesian activities: read as a
name, it became one of the file's busiest actors. :func:`is_category` tells such a
category ("another …", in the languages publishers write) from a name, and
:func:`through_channel` reads the channel a publisher names ("Vía AECID": through
the Spanish agency AECID) as that body.

Examples
--------
>>> is_category("Otra entidad con ánimo de lucro del país donante")
True
>>> is_category("Other Public Sector")
True
>>> is_category("Other Side Foundation"), is_category("Otra Cosa Network")  # named bodies
(False, False)
>>> through_channel("Vía AECID"), through_channel("Vía Directa")
('AECID', None)
>>> through_channel("Vía Campesina")  # a movement's name
'Vía Campesina'
"""
from __future__ import annotations

import re

from ecosystem.reference.acronym_shape import looks_like_acronym

__all__ = ["is_category", "through_channel"]

#: "Other …" in English, Spanish, French and Portuguese, then a word that says what kind.
_OTHER = re.compile(r"^(?:other|otr[ao]s?|autres?|outr[ao]s?)\s+(\w+)", re.IGNORECASE)
#: Words after "other" that make a kind of organisation ("Otra entidad", "Other Public Sector").
_KINDS = frozenset("""
entity entities entidad entidades entité entités entidade organisation organisations
organization organizations organización organizaciones organisme organismes organização
organizações institution institutions institución instituciones instituição instituições
public pública público públicas públicos publique publics ngo ngos ong ongs university
universities universidad universidades université universités universidade private privada
privado privée privé agency agencies agencia agencias agence agences multilateral
multilaterales multilatéral sector government gobierno gouvernement governo administration
administración administração body bodies donor donors donante donantes
""".split())
#: The direct channel: no body between the donor and the activity.
_DIRECT = frozenset({"directa", "directo", "direct", "directe"})
#: "Vía AECID", "Via UNICEF": the channel the money went through.
_CHANNEL = re.compile(r"^V[ií]a\s+(\S.*)$")


def is_category(name: str) -> bool:
    """True when ``name`` is "another" kind of organisation, not an organisation's name."""
    m = _OTHER.match(name.strip())
    return m is not None and m.group(1).casefold() in _KINDS


def through_channel(name: str) -> str | None:
    """The body a channel names by its acronym ("Vía AECID" → "AECID"), None for the direct
    channel ("Vía Directa"), else ``name`` as it is (the movement "Vía Campesina")."""
    m = _CHANNEL.match(name.strip())
    if m is None:
        return name
    body = m.group(1).strip()
    if body.casefold() in _DIRECT:
        return None
    return body if looks_like_acronym(body) else name
