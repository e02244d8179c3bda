"""The report's data-quality appendix.

What a reader should check before trusting the figures: partner phrases that
were not read as organisations (and why: categories, sentences, people, places
that only locate an organisation), resolver merges other than exact matches
(weakest first), generic names kept apart per country or record, placeholder
and missing dates, records with no partners.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ecosystem.kinds import KINDS, registry_kind
from ecosystem.model import Registry
from ecosystem.report.section import shown_tables
from ecosystem.resolution.generic_names import kept_apart
from ecosystem.summary import record_gaps
from ecosystem.views.formatting import counted
from ecosystem.views.record_words import renamed_initiatives

__all__ = ["REVIEW_METHODS", "quality_appendix"]

REVIEW_METHODS = ("fuzzy", "acronym", "known_body", "country")

#: How the appendix words each reason a phrase was not read as an organisation.
#: Why a name or phrase was set aside, in words: (one, many).
_REASONS = {"generic": ("category", "categories"), "sentence": ("sentence", "sentences"),
            "person": ("person's name", "people's names"),
            "quantifier": ("quantified group", "quantified groups"),
            "place": ("place that only locates an organisation",
                      "places that only locate an organisation"),
            "placeholder": ("placeholder", "placeholders"),
            "withheld": ("name withheld or not yet given", "names withheld or not yet given"),
            "type label only": ("type label without a name", "type labels without a name")}


def _reason_words(reason: str, n: int) -> str:
    one, many = _REASONS.get(reason, (reason, reason))
    return f"{n:,} {one if n == 1 else many}"


def _notes(source: dict) -> list[str]:
    """A source's loader notes: a list (fresh from a loader) or " | "-joined (from the store)."""
    notes = source.get("notes")
    if isinstance(notes, str):
        return [n for n in notes.split(" | ") if n]
    return list(notes) if isinstance(notes, list | tuple) else []


def quality_appendix(reg: Registry) -> tuple[list[str],
                                             list[tuple[str, pd.DataFrame, int | None]],
                                             dict[str, pd.DataFrame]]:
    """Findings, tables and full tables for the data-quality appendix.

    Returns
    -------
    findings : list of str
    tables : list of (caption, DataFrame, max_rows)
        As the page shows them (:func:`ecosystem.report.section.shown_tables`).
    full : dict of name -> DataFrame
    """
    gaps = record_gaps(reg)
    if not (reg.ties["role"] == "lead").any():  # no lead: "no partner besides the lead" is moot
        gaps = gaps[gaps["measure"] != "no partners"]
    kind = KINDS[registry_kind(reg)]
    records = kind.records
    if kind.network == "link":  # a drawn network records ties: no dates or deliverables to miss
        gaps = gaps.iloc[0:0]
    gaps = renamed_initiatives(gaps, records, kind.record)
    un = reg.unresolved
    cw = reg.crosswalk
    review = cw[cw["method"].isin(REVIEW_METHODS)].copy()
    if len(review):
        names = reg.actors.set_index("actor_id")["name"]
        review.insert(1, "resolved_to", review["actor_id"].map(names))
        review = review.sort_values(["score", "variant"])
    reasons = un["reason"].value_counts()
    why = ", ".join(_reason_words(r, n) for r, n in reasons.head(6).items())
    apart = kept_apart(cw) if len(cw) else pd.DataFrame(columns=["name", "variants", "actors"])
    n_un = un["initiative_id"].nunique()
    # a name matched alone (one variant of its actor) names a body; it is merged with none
    merged = int(review["actor_id"].isin(cw.loc[cw["actor_id"].duplicated(), "actor_id"]).sum())
    # the registry's own most frequent phrases as examples
    often = (un["text"].astype(str).value_counts().rename_axis("text").reset_index(name="n")
             .sort_values(["n", "text"], ascending=[False, True]).head(2))
    examples = " and ".join(f"'{t}' ({n:,})" for t, n in zip(often["text"], often["n"]))
    findings = [
        (f"{len(un):,} names and phrases in {n_un:,} {records if n_un != 1 else kind.record} "
         f"were not read as organisations (most often {examples}); they are kept as text and "
         f"do not appear in the network ({why})." if len(un) > 1 else
         f"1 name or phrase in 1 {kind.record} was not read as an organisation ({why}); it is "
         "kept as text and does not appear in the network." if len(un) else
         "Every name the registry gives was read as an organisation."),
        f"{len(review):,} names were matched by acronym, known-body alias, country or fuzzy "
        f"matching rather than exact spelling ({merged:,} of them merged with another name "
        "into one actor); the weakest are listed below for review (fix one in the explorer's "
        "actor card, or with the command ecosystem curate).",
    ]
    if len(apart):
        n_names, n_actors = len(apart), int(apart["actors"].sum())
        findings.append(
            f"{counted(int(apart['variants'].sum()), 'mention', 'mentions')} of "
            f"{counted(n_names, 'generic name', 'generic names')} with no country of "
            f"{'its' if n_names == 1 else 'their'} own (e.g. 'Ministry of Environment') "
            f"{'was' if int(apart['variants'].sum()) == 1 else 'were'} kept apart per record "
            f"country, or per record, as {counted(n_actors, 'actor', 'actors')}, never pooled "
            "into one false hub; the most split are listed below.")
    findings += [(f"No {kind.record} records a deliverable." if measure == "no deliverables"
                  and n == len(reg.initiatives) else
                  f"{counted(int(n), kind.record, records)} ({share:.0%}) "
                  f"{'has' if n == 1 else 'have'} {measure}.")
                 for measure, n, share in gaps.itertuples(index=False)]
    findings += [f"Reading {Path(str(s.get('path') or '')).name}: {note}."
                 for s in reg.sources for note in _notes(s)]
    phrases = (un.groupby(["text", "reason"]).size().rename("records").reset_index()
               .sort_values("records", ascending=False))
    tables = [("Record gaps", gaps, None)] if len(gaps) else []
    tables += [("Phrases not read as organisations (most frequent)", phrases, 50),
               ("Matches to review (weakest first)", review, 100)]
    by_hand = cw[cw["method"] == "override"]
    if len(by_hand):  # merges and splits made by hand (the overrides file, the explorer's card)
        findings.append(f"{len(by_hand):,} names were merged or kept apart by hand (the "
                        "overrides file); they are listed below.")
        names = by_hand["actor_id"].map(reg.actors.set_index("actor_id")["name"])
        tables.append(("Names merged or kept apart by hand", pd.DataFrame(
            {"name as written": by_hand["variant"], "resolved to": names,
             "registry": by_hand["registry"]}), 100))
    if len(apart):
        tables.append(("Generic names kept apart (most actors first)", apart, 20))
    full = {"unresolved_phrases": un, "crosswalk": cw}
    return findings, shown_tables(tables), full

