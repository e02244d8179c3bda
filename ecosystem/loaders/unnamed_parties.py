"""Names written where an organisation is withheld or not yet known, in every format.

A registry's organisation field sometimes says that it does not name the
organisation: "Anonymous donor for activity GB-CHC-288701-SL999", "Various
Recipients (details not yet provided)", "Oxfam Donor(s)" (the donors of Oxfam,
whoever they are), as IATI publishers and the 3W sheets made from their files write.
Read as names they became actors, one of them among the Sierra Leone sheet's
recipients in three activities. :func:`unnamed_reason` tells such a text from a
name, and :func:`set_aside` moves the mentions of such texts to ``unresolved``
with the reason, for every format (:func:`read_unnamed_parties`); a flow's party
loses the name, the flow stays.

Rules, read on the text with its brackets:

* **withheld**: it opens with a word that withholds the name ("Anonymous",
  "Undisclosed", "Unnamed", "Unidentified", "Unspecified", "Confidential",
  "Withheld", "Redacted"), or says in :data:`MAX_NOT_YET_WORDS` words or fewer that the
  name is still to come ("details not yet provided", "to be identified", "not yet known");
* **quantifier**: it opens with a word of number ("Various", "Several",
  "Multiple", "Numerous", "Miscellaneous") before a plural of parties ("Various
  Recipients", "Multiple donors"); "Multiple Sclerosis Society" names a body;
* **generic**: it is one plural of a kind of organisation or party ("UNIVERSIDADES",
  "NGOs"), such a plural after words of scope only ("NATIONAL NGOs", "Federal States &
  Local Governments"), a word of scope with a note in brackets ("Private (individuals &
  organisations)", "Bilateral (affected government)": the donor categories of OCHA's
  Financial Tracking Service), "another" kind of organisation
  (:func:`.org_categories.is_category`), or it ends with a plural of parties that a funded
  or funding body has, written as a plural or with "(s)": "Oxfam Donor(s)", "Oxfam Partner(s)",
  "Private donors". "Partners" alone is a word of company names ("Blue Ocean
  Partners"), so it counts only written "Partner(s)".

A name with an identifier of its own (``org_ref``: a drawn network's node, a
registered body) is left as written.

Examples
--------
>>> [unnamed_reason(n) for n in ("Anonymous donor for activity GB-1-2",
...                              "Various Recipients (details not yet provided)",
...                              "Oxfam Donor(s)", "Private donors")]
['withheld', 'withheld', 'generic', 'generic']
>>> [unnamed_reason(n) for n in ("Multiple donors", "Multiple Sclerosis Society",
...                              "Blue Ocean Partners", "Oxfam GB", "UNIVERSIDADES")]
['quantifier', None, None, None, 'generic']
>>> [unnamed_reason(n) for n in ("NATIONAL NGOs", "Bilateral (affected government)",
...                              "National Caritas", "Private Sector Foundation (PSF)")]
['generic', 'generic', None, None]
"""
from __future__ import annotations

import re

import pandas as pd

from ecosystem.loaders.org_categories import is_category
from ecosystem.model import Registry

__all__ = ["MAX_NOT_YET_WORDS", "read_unnamed_parties", "set_aside", "unnamed_reason"]

#: First words that withhold the name.
_WITHHELD_OPENING = re.compile(
    r"^\W*(?:anonymous|anonymi[sz]ed|undisclosed|unnamed|unidentified|unspecified|confidential|"
    r"withheld|redacted)\b", re.IGNORECASE)
#: Words that say the name is still to come.
_NOT_YET = re.compile(
    r"\b(?:not\s+(?:yet\s+)?(?:provided|specified|disclosed|known|named|identified|available)|"
    r"to\s+be\s+(?:named|identified|selected|confirmed|determined|announced))\b", re.IGNORECASE)
#: Most words of a text that says its name is still to come ("Various Recipients (details not
#: yet provided)"); a longer one is a run-on list that names bodies too.
MAX_NOT_YET_WORDS = 8
#: Words of number before a plural of parties.
_QUANTIFIERS = frozenset({"various", "several", "multiple", "numerous", "miscellaneous"})
#: Plurals of the parties of an activity or a grant.
_PARTIES = frozenset("""recipients donors funders partners beneficiaries implementers
organisations organizations agencies ngos institutions entities stakeholders actors sources
contributors individuals companies governments""".split())
#: Plurals of kinds of organisation, in the languages publishers write: one alone is a kind.
_KIND_PLURALS = frozenset("""universities universidades universités universitats ngos ongs
companies empresas entreprises foundations fundaciones fondations fundações associations
asociaciones asociações cooperatives cooperativas municipalities municipios municipalités
municípios governments gobiernos gouvernements governos ministries ministerios ministères
ministérios donantes bailleurs doadores communities comunidades communautés schools
escuelas écoles escolas""".split())
#: Words of scope before a plural of kinds ("NATIONAL NGOs", "Federal States & Local
#: Governments"), or alone before a note in brackets ("Bilateral (affected government)").
_SCOPES = frozenset("""national international local regional federal autonomous provincial
municipal state states private public bilateral multilateral""".split())
_BRACKETED = re.compile(r"\([^()]*\)")
#: Plurals that end a category of one body's (or a kind of) parties: "Oxfam Donor(s)".
_PARTY_ENDINGS = re.compile(
    r"\b(?:donors?\s*\(s\)|donors|funders?\s*\(s\)|funders|recipients?\s*\(s\)|recipients|"
    r"partners?\s*\(s\)|beneficiar(?:y|ies)\s*\(s\)|beneficiaries)\W*$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
#: Pieces of the words the rules above read: a name of two words or more holding none
#: names an organisation as far as :func:`unnamed_reason` can tell.
_TRIGGERS = ("anonym", "undisclosed", "unnamed", "unidentified", "unspecified", "confidential",
             "withheld", "redacted", "not ", "to be ", "various", "several", "multiple",
             "numerous", "miscellaneous", "donor", "funder", "recipient", "partner", "beneficiar")
#: First words of "another" kind of organisation (:func:`.org_categories.is_category`).
_OTHER = frozenset("other otra otro otras otros autre autres outra outro outras outros".split())


def _may_name_no_one(folded: str) -> bool:
    """True when a text of two words or more (folded) has what a rule below reads: a word
    of :data:`_TRIGGERS`, a plural of kinds or parties last, "another" first, or a word of
    scope before a bracket. Most names have none, and are not read further."""
    if any(t in folded for t in _TRIGGERS):
        return True
    first, _, rest = folded.partition(" ")
    last = folded.rsplit(" ", 1)[-1]
    return (last in _PARTIES or last in _KIND_PLURALS or first in _OTHER
            or (first in _SCOPES and rest.startswith("(")))


def unnamed_reason(name: str) -> str | None:
    """``"withheld"``, ``"quantifier"`` or ``"generic"`` for a text that names no
    organisation (see the module notes), else None."""
    text = name.strip()
    folded = text.casefold()
    if " " in folded and not _may_name_no_one(folded):
        return None  # most names: none of the words the rules read
    words = _WORD.findall(folded)
    # a long text saying "to be determined" may still name bodies around it (a run-on list)
    if _WITHHELD_OPENING.match(text) or (len(words) <= MAX_NOT_YET_WORDS
                                         and _NOT_YET.search(text)):
        return "withheld"
    if len(words) >= 2 and words[0] in _QUANTIFIERS and words[1] in _PARTIES:
        return "quantifier"
    if len(words) <= 5 and _PARTY_ENDINGS.search(text):
        return "generic"
    if len(words) == 1 and (words[0] in _PARTIES or words[0] in _KIND_PLURALS):
        return "generic"  # "UNIVERSIDADES" (Spain's funding-entity code 57), "NGOs"
    if 2 <= len(words) <= 5 and (words[-1] in _PARTIES or words[-1] in _KIND_PLURALS) \
            and _SCOPES.issuperset(words[:-1]):
        return "generic"  # "NATIONAL NGOs", "Federal States & Local Governments"
    if "(" in text and _SCOPES.issuperset(_WORD.findall(_BRACKETED.sub(" ", folded)) or ["?"]):
        return "generic"  # "Private (individuals & organisations)": a category and its note
    if is_category(text):
        return "generic"  # "Otra universidad privada …": another kind of organisation
    return None


def set_aside(reg: Registry, reasons: dict[str, str]) -> Registry:
    """``reg`` with the mentions whose name is a key of ``reasons`` (and no ``org_ref``) moved
    to ``unresolved`` with that reason, and flows' parties of those names (and no ref)
    left unnamed.

    Examples
    --------
    >>> reg = Registry.from_frames(mentions=pd.DataFrame({
    ...     "initiative_id": ["a", "a"], "name": ["Oxfam Donor(s)", "Oxfam GB"],
    ...     "role": "funding", "actor_type": "unknown", "registry": "r", "record_id": "a"}))
    >>> out = set_aside(reg, {"Oxfam Donor(s)": "generic"})
    >>> out.mentions["name"].tolist(), out.unresolved[["text", "reason"]].values.tolist()
    (['Oxfam GB'], [['Oxfam Donor(s)', 'generic']])
    """
    if not reasons:
        return reg
    m = reg.mentions
    gone = m["name"].isin(reasons.keys()) & m["org_ref"].isna()
    unresolved = pd.DataFrame({"initiative_id": m.loc[gone, "initiative_id"],
                               "text": m.loc[gone, "name"], "role": m.loc[gone, "role"],
                               "reason": m.loc[gone, "name"].map(reasons)})
    flows = reg.flows
    if len(flows):
        flows = flows.copy()
        for side in ("provider", "receiver"):
            hit = flows[f"{side}_name"].isin(reasons.keys()) & flows[f"{side}_ref"].isna()
            flows.loc[hit, f"{side}_name"] = None
    return reg.replace(mentions=m[~gone].reset_index(drop=True), flows=flows,
                       unresolved=pd.concat([reg.unresolved, unresolved], ignore_index=True))


def read_unnamed_parties(reg: Registry) -> Registry:
    """``reg`` with the mentions and flow parties of texts that name no organisation
    (:func:`unnamed_reason`) set aside (the registry itself when there are none)."""
    m = reg.mentions
    names = set(m.loc[m["org_ref"].isna(), "name"].dropna().unique().tolist())
    if len(reg.flows):
        for side in ("provider_name", "receiver_name"):
            names.update(reg.flows[side].dropna().unique().tolist())
    reasons = {n: r for n in names if isinstance(n, str) and (r := unnamed_reason(n))}
    return set_aside(reg, reasons) if reasons else reg
