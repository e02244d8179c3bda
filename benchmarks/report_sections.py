"""Time each report section on the Ocean registry and count how often the shared pieces are built.

The overlap and gaps sections read their initiative features, candidate pairs and
cells from one :class:`ecosystem.measures.context.Analysis`; this prints how many
times each building block ran (a profile's call counts) so that a second build
shows up at once.

    python -m benchmarks.report_sections            # needs ECOSYSTEM_DATA (default ../shared/data)
"""
from __future__ import annotations

import cProfile
import pstats
import sys
import tempfile
import time

from benchmarks.stages import load_ocean

#: Functions whose call counts are printed: features, candidates, scoring, cells, incidence.
BUILDING_BLOCKS = ("initiative_features", "candidate_pairs", "pair_scores", "cell_memberships",
                   "cell_actors", "incidence_matrix", "filter_registry")


def main() -> int:
    from ecosystem.errors import AnalysisError
    from ecosystem.measures.context import Analysis, Settings
    from ecosystem.report import SECTIONS

    reg = load_ocean()
    cache = tempfile.mkdtemp(prefix="ecosystem-layout-")
    a = Analysis(reg, Settings(cache_dir=cache))
    a.projection  # noqa: B018  the projection is shared by every section: built first
    print("| section | seconds |\n|---|---|")
    for name, build in SECTIONS.items():
        t0 = time.perf_counter()
        try:
            build(a)
        except AnalysisError as exc:  # the report leaves the section out with this reason
            print(f"| {name} | {time.perf_counter() - t0:.2f} (left out: {exc}) |")
            continue
        print(f"| {name} | {time.perf_counter() - t0:.2f} |")

    a = Analysis(reg, Settings(cache_dir=cache))
    a.projection  # noqa: B018
    profile = cProfile.Profile()
    profile.enable()
    for name in ("overlap", "gaps"):
        SECTIONS[name](a)
    profile.disable()
    counts = {fn: (calls, cum) for (_, _, fn), (_, calls, _, cum, _)
              in pstats.Stats(profile).stats.items() if fn in BUILDING_BLOCKS}
    print("\noverlap + gaps sections on a fresh Analysis:\n| building block | calls | seconds |"
          "\n|---|---|---|")
    for fn in BUILDING_BLOCKS:
        calls, cum = counts.get(fn, (0, 0.0))
        print(f"| {fn} | {calls} | {cum:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
