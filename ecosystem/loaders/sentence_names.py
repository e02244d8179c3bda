"""Organisations named inside sentences of a partners field.

Some partner fields are prose: "The Government of Sweden in continuous
collaboration with multi-stakeholder advisory groups …", "UNEP with support of
the German Federal Ministry for the Environment … is implementing the project".
Rather than setting the whole sentence aside, :func:`names_in_sentence` reads
the names it holds: runs of capitalised words, which may contain the lower-case
connectors of names ("of", "for", "the", "and", "de" …), that either contain a
word that heads organisation names (Government, Ministry, Foundation …) or are
an acronym.

A comma ends a run, except inside a known body's name
(:func:`ecosystem.reference.known_body_names.joins_known_name`: "United Nations
Educational, Scientific and Cultural Organization").

Not read as names: a run that is only a country or a place (a sentence's
countries are usually where the work happens), a run that qualifies a
lower-case noun ("the United Nations system", "EU funding": context, not a
partner), category phrases ("Local Communities"), people, and the first word
of the sentence when it is an ordinary capitalised word ("Activities", "The
project").

Examples
--------
>>> names_in_sentence("The Government of Sweden in continuous collaboration with advisory groups")
['Government of Sweden']
>>> names_in_sentence("UNEP with support of the German Federal Ministry for the Environment is "
...                   "implementing the project in Mauritius")
['UNEP', 'German Federal Ministry for the Environment']

A known body's name that holds a comma is read whole:

>>> names_in_sentence("UNEP with support of the German Federal Ministry for the Environment, "
...                   "Nature Conservation and Nuclear Safety is implementing the project")[1]
'German Federal Ministry for the Environment, Nature Conservation and Nuclear Safety'
"""
from __future__ import annotations

import re

from ecosystem.loaders.org_name_parts import has_org_head
from ecosystem.loaders.partner_names import not_organisation_reason
from ecosystem.loaders.person_names import looks_like_person
from ecosystem.reference.acronym_shape import looks_like_acronym
from ecosystem.reference.countries import country_iso3
from ecosystem.reference.gazetteer import place_kind
from ecosystem.reference.known_body_names import joins_known_name

__all__ = ["names_in_sentence"]

_BRACKETED = re.compile(r"\s*\([^()]*\)")
_CAP_START = re.compile(r"^[A-Z0-9(]")
_INITIALS_OR_LEGAL = re.compile(r"(?:[A-Z]\.)+|Inc\.|Co\.|Ltd\.")

_INNER = {"of", "for", "the", "and", "de", "del", "la", "le", "du", "des", "on", "&", "y", "et", "da", "do"}
_TOKEN = re.compile(r"[\w’'&.-]+|\([^()]*\)")
_PUNCTUATION = re.compile(r"[:;,!?“”\"]|\.\s")
#: Heads of government bodies before which a sentence's "The" is no part of the name.
_THE_DROPS = re.compile(r"^The\s+(?=(?:Government|Ministry|Department|Secretariat|Office)\b)")
#: Words that head a run but name no organisation on their own.
_NOT_NAME_HEADS = {"project", "programme", "program", "initiative", "partnership", "network", "group"}


def _is_cap(token: str) -> bool:
    return bool(_CAP_START.match(token)) and not token.isdigit()


def _runs(sentence: str) -> list[tuple[str, int]]:
    """The runs of capitalised words of ``sentence`` and where each ends."""
    out, pos = [], 0
    bounds = [(m.start(), m.end()) for m in _PUNCTUATION.finditer(sentence)] + [(len(sentence), len(sentence))]
    for start, end in bounds:  # a name never runs across ":", ";" or ","
        for run, s, e in _segment_runs(sentence[pos:start]):
            s, e = pos + s, pos + e
            # but a known body's name holds a comma ("… for the Environment, Nature
            # Conservation and Nuclear Safety"): two runs it joins are one
            if out and sentence[out[-1][2]:s].strip() == "," \
                    and joins_known_name(out[-1][0], run):
                out[-1] = (f"{out[-1][0]}, {run}", out[-1][1], e)
            else:
                out.append((run, s, e))
        pos = end
    return [(run, e) for run, _, e in out]


#: Lower-case nouns that a name qualifies when it is context, not a partner: "the United Nations
#: system", "EU funding", "GEF projects".
_QUALIFIED = re.compile(r"\s+(?:system|systems|framework|agenda|targets?|goals?|strategy|law|laws|"
                        r"policy|policies|standards?|regulations?|directive|waters|funding|funds|"
                        r"grants?|projects?|programmes?|programs?|level|mandate|guidelines|"
                        r"member|members|countries|states)\b")


def _segment_runs(sentence: str) -> list[tuple[str, int, int]]:
    """The runs of capitalised words of a part of a sentence with no punctuation between
    names, with where each starts and ends."""
    runs, cur = [], []
    last = 0
    for m in _TOKEN.finditer(sentence):
        tok = m.group(0)
        if sentence[last:m.start()].strip() and cur:  # a stray bracket or sign between two words
            runs.append(cur)
            cur = []
        last = m.end()
        word = tok.strip(".,")
        if _is_cap(word) or (cur and word in _INNER):
            at = m.start() + tok.find(word)
            cur.append((word, at, at + len(word)))
            if tok.endswith((",", ".")) and not _INITIALS_OR_LEGAL.fullmatch(tok):
                runs.append(cur)
                cur = []
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    out = []
    for run in runs:
        while run and (run[-1][0] in _INNER or run[-1][0].startswith("(") and not looks_like_acronym(
                run[-1][0].strip("()"), loose=True)):
            run = run[:-1]
        if run:
            out.append((" ".join(w for w, _, _ in run), run[0][1], run[-1][2]))
    return out


def names_in_sentence(sentence: str) -> list[str]:
    """Names of organisations that a sentence mentions (see the module notes).

    Parameters
    ----------
    sentence : str
        A piece of a partners field read as a sentence.

    Returns
    -------
    list of str
        The names in the order written, each once.

    Examples
    --------
    >>> names_in_sentence("Activities are focused on countries in which tourism plays a role")
    []
    """
    found: list[str] = []
    runs = _runs(sentence)
    context: dict[str, bool] = {}  # a run that qualifies a lower-case noun wherever it stands
    for run, end in runs:
        context[run] = context.get(run, True) and bool(_QUALIFIED.match(sentence, end))
    for run, _end in runs:
        if context[run] and not run.endswith(")"):
            continue  # "within the United Nations system": context
        name = _THE_DROPS.sub("", run).strip()
        bare = _BRACKETED.sub("", name).strip()
        words = bare.split()
        if not words:
            continue
        acronym = len(words) == 1 and looks_like_acronym(words[0], loose=False) and len(words[0]) >= 2
        headed = has_org_head(bare) and not (len(words) == 1 or (
            len(words) == 2 and words[0].lower() == "the" and words[1].lower() in _NOT_NAME_HEADS))
        if not (acronym or headed):
            continue
        if country_iso3(bare) or place_kind(bare) or looks_like_person(bare):
            continue
        if not acronym and not_organisation_reason(name) is not None:
            continue
        if name not in found:
            found.append(name)
    return found
