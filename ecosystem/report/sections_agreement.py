"""Report section on the Agreement Matrix: which tools fit which partner pairs.

Agreement on goals and on means of each pair of partners (actors sharing an
initiative, each with a portfolio of its own), split at the median pair and
set against random pairing (:mod:`ecosystem.measures.power.agreement_matrix`).
"""
from __future__ import annotations

import pandas as pd

from ecosystem import views
from ecosystem.measures.context import Analysis
from ecosystem.report.section import Section, shown_tables
from ecosystem.views.formatting import prose_percent

__all__ = ["AGREEMENT_MIN_INITIATIVES", "PAIR_COLUMNS", "agreement"]


#: The columns of the pairs table the page shows (ids and the three means parts are in the
#: full table): few enough that the explanation keeps a readable width.
PAIR_COLUMNS = ["name_a", "name_b", "shared_initiatives", "goal_agreement", "means_agreement",
                "quadrant", "explanation"]

#: Pairs whose actors both have this many initiatives (a portfolio of their own; two
#: one-initiative co-members have the same profile and agree by construction).
AGREEMENT_MIN_INITIATIVES = 3


def _quadrant(q: pd.DataFrame, k: str) -> str:
    """A quadrant of the Agreement Matrix in a finding: "culture tools, II: 3,605"."""
    return f"{q.loc[k, 'tool_family']}, {k}: {int(q.loc[k, 'pairs']):,}"


def agreement(a: Analysis) -> Section:
    """The Agreement Matrix over partner pairs, split at the median pair, against two nulls."""
    from ecosystem.measures.power.agreement_matrix import agreement_matrix

    m = agreement_matrix(a.reg, min_initiatives=AGREEMENT_MIN_INITIATIVES)
    q = m.quadrants.set_index("quadrant")
    tg, tm = m.thresholds
    s = Section("agreement", "The Agreement Matrix: which tools fit which partnerships")
    lo, hi = (prose_percent(q["unrelated_share"].min()), prose_percent(q["unrelated_share"].max()))
    alike = (q.loc["II", "pairs"] + q.loc["IV", "pairs"]) / max(m.placed, 1)
    s.findings = [
        # cut at both medians, I and III (II and IV) hold about as many pairs as each other:
        # the one figure the split gives is how many pairs agree alike on goals and on means
        f"Of {m.placed:,} partner pairs (actors sharing an initiative, each with at least "
        f"{AGREEMENT_MIN_INITIATIVES} initiatives), split at the median pair (goals {tg:.2f}, "
        f"means {tm:.2f}), {prose_percent(alike)} agree alike on goals and on means, above the median on "
        f"both ({_quadrant(q, 'II')}) or on neither ({_quadrant(q, 'IV')}), against 50% if the "
        f"two were unrelated; {prose_percent(1 - alike)} agree on one only ({_quadrant(q, 'I')}; "
        f"{_quadrant(q, 'III')}).",
        f"Under random pairing of the same {m.actors:,} actors ({len(m.random):,} of their "
        f"{m.random_total:,} pairs, tied or not) the shares would be " + ", ".join(
            f"{k} {prose_percent(r['random_share'])}" for k, r in q.iterrows())
        + "; if agreement on goals and on means were unrelated, "
        + (f"{lo} in each." if lo == hi else f"{lo}–{hi} in each.")]
    if m.not_placed:
        s.findings.append(f"{m.not_placed:,} partner pairs are not placed: an actor records no "
                          "SDG target or goal.")
    s.summary = s.findings[:1]
    s.how_to_read = ("Goal agreement is the overlap of the SDG targets two partners pursue; means "
                     "agreement the overlap of how they work (resources, themes, roles). The "
                     "dashed lines are the median partner pair: high on both means more than is "
                     "usual here, calling for culture tools; goals only: leadership tools; means "
                     "only: management tools; neither: power tools. Cut at both medians, the "
                     "goals-only and means-only quadrants hold about as many pairs as each other, "
                     "and so do the both and neither quadrants: their sizes say how closely the "
                     "two agreements go together, and each pair's quadrant says which tools fit "
                     "it.")
    s.figures = [views.agreement_quadrants(
        m.pairs, title=f"Agreement Matrix: {m.placed:,} partner pairs, split at the median")]
    s.tables = shown_tables([("Quadrants against random pairing", m.quadrants, None),
                             ("Pairs by quadrant",
                              m.pairs[[c for c in PAIR_COLUMNS if c in m.pairs]],
                              a.settings.top)])
    s.full_tables = {"agreement_pairs": m.pairs, "agreement_quadrants": m.quadrants}
    sample = ("all of them" if len(m.random) == m.random_total
              else f"a seeded sample of {len(m.random):,} of their {m.random_total:,}")
    s.methods = [("Agreement Matrix", (
        "Stevenson's Agreement Matrix (Christensen, Marx & Stevenson 2006) as adapted by "
        "Mancini in 'Managing Partnership'. Agreement is the cosine of two actors' profiles: "
        "SDG targets (goals); resources, themes and roles (means). Pairs: actors sharing an "
        f"initiative, each with at least {AGREEMENT_MIN_INITIATIVES} initiatives. Partners agree "
        "partly by construction (the shared initiative is in both profiles), so fixed "
        "thresholds put nearly every pair in one quadrant; the quadrants split at the median "
        "partner pair instead (at or above it: high). Null expectations: the product of the two "
        "marginal shares (axes unrelated, about 25% each), and the quadrant shares, at the same "
        f"thresholds, of random pairs of the same actors, tied or not ({sample}); correlation "
        f"of goal and means agreement over the partner pairs {m.correlation:.2f}."))]
    s.references = [("Christensen, C. M., Marx, M., & Stevenson, H. H. (2006). The tools of "
                     "cooperation and change. Harvard Business Review, 84(10), 72–80."),
                    "Mancini, F. Managing Partnership. International Peacekeeping."]
    return s
