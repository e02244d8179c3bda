"""Organisation extraction scored against the hand-labelled ``labels/partner_splits.csv``.

Usage::

    python -m benchmarks.partner_splits

The gold file lists, for 100 Ocean commitments, every organisation that the
``lead_entity`` and ``partners`` fields name, as written (its README gives the
labelling rules). The prediction is ``Registry.mentions`` of the loaded
registry: the names as written, before resolution, with role ``lead`` or a
partner role; the gold names are read as the loader reads the export (accented letters
it dropped restored: :func:`ecosystem.loaders.dropped_letters.restore_names`). The
matching rule is the README's: names are compared after case-folding, stripping
accents, punctuation and a trailing bracketed acronym;
a predicted name matches a gold name of the same record and field when the two
are equal or rapidfuzz ``fuzz.ratio`` ≥ 92, one to one, best pairs first.
Precision and recall are micro-averaged per sampling stratum and overall; lead
recall is the recall on the ``lead`` field alone.

``labels/partner_splits_nonorg.csv`` lists, for the same records, phrases that name no
organisation ("NGOs", "local communities"): :func:`non_organisations_extracted` gives those
a prediction still holds as an organisation (a name of the same record and field matching
the phrase by the same rule).
"""
from __future__ import annotations

import re
import sys
import time
import unicodedata
from collections import defaultdict

import pandas as pd
from rapidfuzz import fuzz

__all__ = ["MATCH_RATIO", "extraction_scores", "non_organisations_extracted", "normalise"]

#: Smallest rapidfuzz ratio at which two normalised names match.
MATCH_RATIO = 92

_TRAILING_BRACKET = re.compile(r"\s*[\(\[]\s*([^()\[\]]{1,20})\s*[\)\]]\s*$")


def normalise(name: str) -> str:
    """Comparison form of a name: no trailing acronym in brackets, accents, case or punctuation.

    >>> normalise("Fundación ISLAS (FI)")
    'fundacion islas'
    """
    s = name.strip()
    m = _TRAILING_BRACKET.search(s)
    if m and m.start() > 0:
        inner = m.group(1)
        letters = [c for c in inner if c.isalpha()]
        capitals = sum(c.isupper() for c in letters)
        if letters and capitals >= max(2, len(letters) / 2) and len(inner.split()) <= 3:
            s = s[:m.start()]
    s = "".join(c for c in unicodedata.normalize("NFKD", s.casefold()) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", s).split())


def _matches(gold: list[str], predicted: list[str]) -> tuple[int, int, int]:
    g = {normalise(x) for x in gold} - {""}
    p = {normalise(x) for x in predicted} - {""}
    pairs = sorted(((100.0 if a == b else fuzz.ratio(a, b), a, b) for a in g for b in p), reverse=True)
    used_g, used_p, n = set(), set(), 0
    for score, a, b in pairs:
        if score < MATCH_RATIO:
            break
        if a not in used_g and b not in used_p:
            used_g.add(a)
            used_p.add(b)
            n += 1
    return len(g), len(p), n


def extraction_scores(mentions: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of ``mentions`` against ``gold``, per stratum, for leads, and overall.

    Parameters
    ----------
    mentions : DataFrame
        ``Registry.mentions`` (record_id, role, name).
    gold : DataFrame
        ``partner_splits.csv`` (node_id, field, organisation, stratum).

    Returns
    -------
    DataFrame
        One row per stratum, then ``lead`` and ``all``: gold, predicted,
        matched, precision, recall.
    """
    wanted = set(gold["node_id"].astype(str))
    pred = _names_by_field(mentions)
    stratum = dict(zip(gold["node_id"].astype(str), gold["stratum"]))
    by_field = gold.groupby([gold["node_id"].astype(str), "field"])["organisation"].apply(list)
    totals: dict = defaultdict(lambda: [0, 0, 0])
    for n in sorted(wanted):
        for f in ("lead", "partner"):
            g, p, m = _matches(by_field.get((n, f), []), pred.get((n, f), []))
            for key in (stratum[n], "all") + (("lead",) if f == "lead" else ()):
                totals[key][0] += g
                totals[key][1] += p
                totals[key][2] += m
    rows = [dict(stratum=k, gold=g, predicted=p, matched=m, precision=m / max(p, 1), recall=m / max(g, 1))
            for k, (g, p, m) in totals.items()]
    order = sorted(totals, key=lambda k: (k in ("lead", "all"), k == "all", k))
    return pd.DataFrame(rows).set_index("stratum").loc[order].reset_index()


def non_organisations_extracted(mentions: pd.DataFrame, nonorg: pd.DataFrame) -> pd.DataFrame:
    """The labelled non-organisation phrases that ``mentions`` hold as organisations.

    Parameters
    ----------
    mentions : DataFrame
        ``Registry.mentions`` (record_id, role, name).
    nonorg : DataFrame
        ``partner_splits_nonorg.csv`` (node_id, field, phrase, stratum).

    Returns
    -------
    DataFrame
        The rows of ``nonorg`` a mention of the same record and field matches (equal
        after :func:`normalise`, or rapidfuzz ratio ≥ :data:`MATCH_RATIO`).

    Examples
    --------
    >>> nonorg = pd.DataFrame({"node_id": ["7", "7"], "field": ["partner", "partner"],
    ...                        "phrase": ["NGOs", "local communities"], "stratum": "rest"})
    >>> mentions = pd.DataFrame({"record_id": ["OceanAction7"] * 2, "role": "partner",
    ...                          "name": ["WWF", "Local Communities"]})
    >>> non_organisations_extracted(mentions, nonorg)["phrase"].tolist()
    ['local communities']
    """
    held = {key: {normalise(x) for x in names} for key, names in _names_by_field(mentions).items()}
    hit = [any(a == b or fuzz.ratio(a, b) >= MATCH_RATIO for b in held.get((str(n), f), ()))
           for n, f, a in zip(nonorg["node_id"], nonorg["field"], nonorg["phrase"].map(normalise))]
    return nonorg[hit]


def _names_by_field(mentions: pd.DataFrame) -> dict[tuple[str, str], list[str]]:
    """(node id, "lead" or "partner") → the names ``mentions`` give that record's field."""
    node = mentions["record_id"].astype(str).str.replace(r"\D", "", regex=True)
    names: dict = defaultdict(list)
    for n, role, name in zip(node, mentions["role"], mentions["name"]):
        names[(n, "lead" if role == "lead" else "partner")].append(name)
    return names


def main() -> int:
    import ecosystem
    from ecosystem.reference import datapaths

    gold_path = datapaths.data_file("labels", "partner_splits.csv")
    src = datapaths.data_file("un_ocean_commitments", "ocean_commitments.jsonl")
    if gold_path is None or src is None:
        print("set ECOSYSTEM_DATA to the folder of real registries (labels/partner_splits.csv)")
        return 1
    t = time.perf_counter()
    reg = ecosystem.load(src)
    print(f"Ocean load (extraction and resolution): {time.perf_counter() - t:.1f} s")
    gold = pd.read_csv(gold_path, dtype=str)
    # the gold names as written, read as the loader reads the export: the accented letters it
    # dropped restored from the registry's own words ("Fundacin" is "Fundación" in both)
    from ecosystem.loaders.dropped_letters import restore_names

    gold["organisation"] = restore_names(gold["organisation"].fillna("").tolist(), reg)
    table = extraction_scores(reg.mentions, gold)
    print("Organisation extraction on labels/partner_splits.csv (goal: P >= 0.95, R >= 0.92, "
          "every stratum >= 0.85, lead recall >= 0.90)")
    print(table.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    nonorg_path = datapaths.data_file("labels", "partner_splits_nonorg.csv")
    if nonorg_path is not None:
        nonorg = pd.read_csv(nonorg_path, dtype=str)
        held = non_organisations_extracted(reg.mentions, nonorg)
        print(f"Phrases naming no organisation (labels/partner_splits_nonorg.csv): {len(held)} of "
              f"{len(nonorg)} held as organisations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
