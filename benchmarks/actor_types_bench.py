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
   The platform's twelve categories are not ours one to one, so the
   comparison is printed twice: *strict* (the stated category's own type
   only) and *mapped*, where the overlaps below also count as agreement
   (:data:`PLATFORM_OVERLAPS`, :func:`agrees`). Each overlap is a question of
   how the two typologies cut the same bodies, checked on the data (the
   counts are printed with the table), not an inference the names could
   settle:

   * "Civil society organization" and "Non-governmental organization" ↔
     ``civil_society``, ``ngo``: the platform's submitters file the same kinds
     of bodies under both (foundations 72 NGO, 13 civil society; associations
     42 and 12; societies 24 and 9).
   * "Academic institution" and "Scientific community" ↔ ``academic``,
     ``scientific``: research institutes and laboratories are filed under both
     (institutes 21 academic, 16 scientific).
   * "Philanthropic organization" accepts ``ngo``: foundations are filed as
     NGOs 72 times, as philanthropic 19 times; a name cannot tell a
     grant-maker from an operating foundation.
   * "Intergovernmental organization" and "United Nations / Multilateral
     body" ↔ ``intergovernmental``, ``un_multilateral``: the UN's bodies are
     intergovernmental organisations, and both are used for them (WMO, IOC).
   * "Local / Regional Government" accepts ``un_multilateral`` and
     ``intergovernmental`` in the records filed before the platform had a
     "United Nations / Multilateral body" value (it first appears at node
     46006; before it, the UN's bodies, UNDP, UNEP, the IMO, WMO, UNESCO, the
     CBD's secretariat, are filed under "Local / Regional Government": 100 of
     the 117 such leads). After it, only governments are so filed (4 local, 3 national).
   * "Other relevant actor" states no type, so it can be neither agreed nor
     disagreed with: its 105 leads are counted and left out of the agreement
     (:data:`STATES_NO_TYPE`). Most are the European Union (58), which also files
     itself as "Government" (19, counted as disagreements: a state and a union
     of states are different types here).

   What stays a disagreement is counted as one: sub-national bodies the
   platform files as "Government" (a US state's council), national research
   agencies filed as "Academic institution" (JAMSTEC, China's ocean centres),
   NGOs named as research institutes, "Alliance"/"Initiative" bodies filed as
   "Partnership".
2. **Lead mentions.** The same for the names the loader splits lead fields
   into (co-leads inherit the record's type unless labelled).
3. **Actors.** The share of actors of unknown type as resolution leaves it,
   and after typing each unknown actor from its name and source names
   (:func:`ecosystem.resolution.actor_types.type_of_names`), as
   ``actor_table.actor_table`` would with that fallback; and how often the names of
   the actors that are typed agree with their type.
"""
from __future__ import annotations

import json
import sys
import time

import pandas as pd

__all__ = ["PLATFORM_OVERLAPS", "STATES_NO_TYPE", "agrees", "lead_records"]

#: Stated type → the other types of ours that the platform's category also covers (see the
#: module notes for the evidence of each).
PLATFORM_OVERLAPS: dict[str, frozenset[str]] = {
    "civil_society": frozenset({"ngo"}),
    "ngo": frozenset({"civil_society"}),
    "academic": frozenset({"scientific"}),
    "scientific": frozenset({"academic"}),
    "philanthropic": frozenset({"ngo"}),
    "intergovernmental": frozenset({"un_multilateral"}),
    "un_multilateral": frozenset({"intergovernmental"}),
}
#: Stated categories that name no type ("Other relevant actor"): left out of the agreement.
STATES_NO_TYPE = frozenset({"other"})
#: Before the platform had a "United Nations / Multilateral body" value, its "Local / Regional
#: Government" held the UN's and other intergovernmental bodies.
EARLY_LOCAL_GOVERNMENT = frozenset({"un_multilateral", "intergovernmental"})


def agrees(L: pd.DataFrame) -> pd.Series:
    """Mapped agreement of each lead: same type, or an overlap of :data:`PLATFORM_OVERLAPS`,
    or an early "Local / Regional Government" lead typed as a UN or intergovernmental body.

    >>> L = pd.DataFrame({"node": [1, 5, 7, 9], "stated": ["ngo", "local_government",
    ...                   "un_multilateral", "local_government"], "inferred": ["civil_society",
    ...                   "un_multilateral", "un_multilateral", "un_multilateral"]})
    >>> list(agrees(L))  # node 9 is filed after the platform had its UN category (node 7)
    [True, True, True, False]
    """
    un_stated = L.loc[L["stated"] == "un_multilateral", "node"]
    first_un = un_stated.min() if len(un_stated) else None
    out = []
    for node, stated, inferred in zip(L["node"], L["stated"], L["inferred"]):
        ok = inferred == stated or inferred in PLATFORM_OVERLAPS.get(stated, ())
        if not ok and stated == "local_government" and inferred in EARLY_LOCAL_GOVERNMENT:
            ok = first_un is None or node < first_un
        out.append(ok)
    return pd.Series(out, index=L.index)


def lead_records(path) -> pd.DataFrame:
    """One row per record with a stated type: node id, lead entity as written, stated and
    inferred type, and the evidence that decided."""
    from ecosystem.loaders.actor_labels import entity_type
    from ecosystem.loaders.ocean_records import fix
    from ecosystem.resolution.actor_types import type_evidence

    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            text, stated = fix(r.get("lead_entity")), entity_type(r.get("entity_types"))
            if text and stated != "unknown":
                rows.append((r.get("node_id"), text, stated, *type_evidence(text)))
    return pd.DataFrame(rows, columns=["node", "name", "stated", "inferred", "evidence"])


def _names(row) -> list[str]:
    """An actor's display name first, then its other source names."""
    out = [row.name]
    if isinstance(row.source_names, str):
        out += [n for n in row.source_names.split(" | ") if n != row.name]
    return out


def _leads_report(L: pd.DataFrame) -> None:
    stated_type = ~L["stated"].isin(STATES_NO_TYPE)
    typed = (L["inferred"] != "unknown") & stated_type
    strict = L["inferred"] == L["stated"]
    same = agrees(L)
    print(f"lead entities with a stated type: {len(L)}; 'Other relevant actor' (no type, left "
          f"out): {int((~stated_type).sum())}")
    print(f"coverage (a type inferred):         {typed[stated_type].mean():.1%}")
    print(f"agreement where a type is inferred: {same[typed].mean():.1%} mapped (target 85%); "
          f"{strict[typed].mean():.1%} strict")
    print(f"agreement over all (unknown = no):  {same.mean():.1%} mapped, {strict.mean():.1%} strict")
    print("overlaps counted as agreement (stated, inferred: leads):")
    print((L[same & ~strict].groupby(["stated", "inferred"]).size()).to_string())
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
    print("\nmost frequent disagreements after the mapping (stated, inferred):")
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
