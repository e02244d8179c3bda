"""Actor types read from names, measured on the Ocean commitments registry.

Usage::

    python -m benchmarks.actor_types_bench

1. **Lead entities.** The platform states the type of each record's lead
   entity (``entity_types``). The lead entity as written (``lead_entity``, a
   name or a list whose first name counts) is typed from its text alone
   (:func:`ecosystem.resolution.actor_types.type_evidence`) and compared with
   the stated type: coverage (share given a type), agreement where a type is
   given (the issue's measure, target 85%), agreement over all (``unknown``
   counts as a disagreement), the same per kind of evidence, and the
   confusion table. Where the known-bodies table decides, a disagreement is
   mostly the platform's error (UNDP, UNEP, the IMO stated as "Local /
   Regional Government", the EU as "Other relevant actor").
2. **Lead mentions.** The same for the names the loader splits lead fields
   into (co-leads inherit the record's type unless labelled).
3. **Actors.** The share of actors of unknown type as resolution leaves it,
   and after typing each unknown actor from its name and source names
   (:func:`ecosystem.resolution.actor_types.type_of_names`), as
   ``resolve._actors`` would with that fallback; and how often the names of
   the actors that are typed agree with their type.
"""
from __future__ import annotations

import json
import sys
import time

import pandas as pd


def lead_records(path) -> pd.DataFrame:
    """One row per record with a stated type: lead entity as written, stated and inferred type."""
    from ecosystem.loaders.actor_labels import entity_type
    from ecosystem.loaders.ocean_records import fix
    from ecosystem.resolution.actor_types import type_evidence

    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            text, stated = fix(r.get("lead_entity")), entity_type(r.get("entity_types"))
            if text and stated != "unknown":
                rows.append((text, stated, *type_evidence(text)))
    return pd.DataFrame(rows, columns=["name", "stated", "inferred", "evidence"])


def _names(row) -> list[str]:
    """An actor's display name first, then its other source names."""
    out = [row.name]
    if isinstance(row.source_names, str):
        out += [n for n in row.source_names.split(" | ") if n != row.name]
    return out


def _leads_report(L: pd.DataFrame) -> None:
    typed = L["inferred"] != "unknown"
    same = L["inferred"] == L["stated"]
    print(f"lead entities with a stated type: {len(L)}")
    print(f"coverage (a type inferred):         {typed.mean():.1%}")
    print(f"agreement where a type is inferred: {same[typed].mean():.1%}  (target 85%)")
    print(f"agreement over all (unknown = no):  {same.mean():.1%}")
    by = L.assign(same=same).groupby("evidence")["same"].agg(["size", "mean"])
    print("\nby evidence (n, agreement):")
    print(by.rename(columns={"size": "n", "mean": "agreement"}).round(3).to_string())
    kb = L[(L["evidence"] == "known_body") & ~same]
    print(f"\nknown bodies the platform types otherwise: {len(kb)} leads, stated as "
          + ", ".join(f"{k} {v}" for k, v in kb["stated"].value_counts().items()))
    rest = typed & (L["evidence"] != "known_body")
    print(f"agreement where a type is inferred, known bodies left out: {same[rest].mean():.1%}")
    with pd.option_context("display.width", 250, "display.max_columns", 30):
        print("\nconfusion (rows: stated by the platform, columns: inferred from the text):")
        print(pd.crosstab(L["stated"], L["inferred"], margins=True, margins_name="total")
              .to_string())
    pairs = L[typed & ~same].groupby(["stated", "inferred"]).size().sort_values(ascending=False)
    print("\nmost frequent disagreements (stated, inferred):")
    print(pairs.head(12).to_string())


def main() -> int:
    import ecosystem
    from ecosystem.reference import datapaths
    from ecosystem.resolution.actor_types import infer_actor_type, type_evidence, type_of_names

    path = datapaths.data_file("un_ocean_commitments", "ocean_commitments.jsonl")
    if path is None:
        print("set ECOSYSTEM_DATA to the folder of real registries")
        return 1
    type_evidence.cache_clear()
    t0 = time.perf_counter()
    L = lead_records(path)
    print(f"typing {len(L)} lead entities: {time.perf_counter() - t0:.2f} s\n")
    _leads_report(L)

    t0 = time.perf_counter()
    reg = ecosystem.load(path)
    print(f"\nload Ocean: {time.perf_counter() - t0:.1f} s")
    m = reg.mentions
    lm = m[(m["role"] == "lead") & (m["actor_type"] != "unknown")]
    inferred = lm["name"].map(infer_actor_type)
    typed = inferred != "unknown"
    same = inferred == lm["actor_type"].astype(str)
    print(f"lead mentions (split co-leads) with a type: {len(lm)}; coverage {typed.mean():.1%}; "
          f"agreement where typed {same[typed].mean():.1%}")

    a = reg.actors
    unknown = a["actor_type"] == "unknown"
    type_evidence.cache_clear()
    t0 = time.perf_counter()
    fallback = [type_of_names(_names(r)) for r in a[unknown].itertuples(index=False)]
    seconds = time.perf_counter() - t0
    left = sum(t == "unknown" for t in fallback)
    print(f"\nactors: {len(a)}; unknown type as resolved: {unknown.sum()} ({unknown.mean():.1%}); "
          f"after the name fallback: {left} ({left / len(a):.1%}, target < 15%); {seconds:.2f} s")
    print("types the fallback gives: " + ", ".join(
        f"{k} {v}" for k, v in pd.Series(fallback).value_counts().items() if k != "unknown"))
    known = a[~unknown]
    guess = pd.Series([type_of_names(_names(r)) for r in known.itertuples(index=False)],
                      index=known.index)
    g = guess != "unknown"
    print(f"actors already typed: their names give a type for {g.mean():.1%}, the same type for "
          f"{(guess[g] == known.loc[g, 'actor_type'].astype(str)).mean():.1%} of those")
    return 0


if __name__ == "__main__":
    sys.exit(main())
