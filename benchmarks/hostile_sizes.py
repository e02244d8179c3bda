"""Benchmark one Ocean record whose partners field lists thousands of organisations (issue 14).

Usage::

    python -m benchmarks.hostile_sizes                         # N = 500, 1000, 2000, 5000
    python -m benchmarks.hostile_sizes --sizes 500,5000 --layouts plain,acronyms
    python -m benchmarks.hostile_sizes --before /path/to/old/checkout

Each case is a JSONL file with one Ocean-shaped record (invented names) whose
``partners`` field joins ``N`` names with ", ". Layouts:

* ``plain``: "Organisation {i} Foundation" (the issue's field);
* ``acronyms``: "Abc Ocean Foundation (ABCOF)", no two alike, all near each other;
* ``and``: "Organisation {i} and Partners Foundation";
* ``same``: three words out of twenty, the same words over and over;
* ``reordered``: orders of seven words, every other one with a word misspelt
  ("Ocaen"): two groups of look-alike names, every name of one near every
  name of the other (before the fixes, 1,440 such names took 2.2 GB).

Each (layout, N) runs in its own subprocess so that peak memory is clean. Per
stage, as in :mod:`benchmarks.run`: wall seconds and peak RSS (VmHWM reset
before each stage): ``read`` is :func:`ecosystem.loaders.read` (splitting the
field), ``resolve`` is :func:`ecosystem.ingest.resolve_loaded` (resolution and
validation); together they are ``ecosystem.load``. Targets: N = 5,000 loads in
under 5 s and under 300 MB peak.

With ``--before DIR`` each case also runs with ``DIR`` (a checkout of an
earlier commit: ``git worktree add DIR <commit>``) first on ``PYTHONPATH``, and
the table gives before → after and their ratio. Without it, the ratio is
against :data:`BASELINE`, measured on this machine before the issue-14 fixes.
Results go to ``benchmarks/results/`` (git-ignored): JSON and the table as Markdown.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.run import RESULTS
from benchmarks.stages import Stage, run_stages

__all__ = ["BASELINE", "LAYOUTS", "case_record", "main", "partners_text"]

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS = ("plain", "acronyms", "and", "same", "reordered")
SIZES = (500, 1000, 2000, 5000)

#: Before the issue-14 fixes (commit dc63242), this machine: (layout, N) → (seconds, peak MB) of
#: read + resolve (peak: the larger stage peak, the interpreter and libraries included).
BASELINE = {
    ("plain", 500): (0.42, 145), ("plain", 1000): (0.59, 146), ("plain", 2000): (0.83, 157),
    ("plain", 5000): (1.63, 183), ("acronyms", 500): (0.67, 147), ("acronyms", 1000): (1.06, 157),
    ("acronyms", 2000): (1.91, 188), ("acronyms", 5000): (4.73, 292), ("and", 500): (0.62, 147),
    ("and", 1000): (0.80, 163), ("and", 2000): (1.51, 225), ("and", 5000): (3.85, 426),
    ("same", 500): (0.38, 145), ("same", 1000): (0.40, 145), ("same", 2000): (0.45, 147),
    ("same", 5000): (0.57, 150), ("reordered", 500): (1.32, 148), ("reordered", 1000): (3.89, 186),
    ("reordered", 2000): (14.48, 328), ("reordered", 5000): (95.40, 1291),
}

_WORDS = ["Ocean", "Marine", "Coastal", "Blue", "Reef", "Island", "Sea", "Tide", "Harbour", "Kelp",
          "Coral", "Pacific", "Atlantic", "Delta", "Lagoon", "Wave", "Shore", "Bay", "Fjord", "Estuary"]


_ORDERS = list(itertools.permutations(["Ocean", "Reef", "Kelp", "Coral", "Tide", "Lagoon", "Delta"]))


def _letters(i: int) -> str:
    s, i = "", i + 26 * 26
    while i:
        s, i = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i % 26] + s, i // 26
    return s


def _name(layout: str, i: int) -> str:
    if layout == "plain":
        return f"Organisation {i} Foundation"
    if layout == "acronyms":
        a = _letters(i)
        return f"{a.title()} Ocean Foundation ({a}OF)"
    if layout == "and":
        return f"Organisation {i} and Partners Foundation"
    if layout == "same":
        w = [_WORDS[(i * k + k) % len(_WORDS)] for k in (1, 3, 7)]
        return f"{w[0]} {w[1]} {w[2]} Foundation"
    if layout == "reordered":
        words = _ORDERS[i % len(_ORDERS)]
        return " ".join(w.replace("Ocean", "Ocaen") if i % 2 else w for w in words) + " Trust"
    raise ValueError(f"unknown layout {layout!r}; known: {', '.join(LAYOUTS)}")


def partners_text(layout: str, n: int) -> str:
    """The partners field: ``n`` names of ``layout`` joined by ", ".

    >>> partners_text("plain", 2)
    'Organisation 0 Foundation, Organisation 1 Foundation'
    """
    return ", ".join(_name(layout, i) for i in range(n))


def case_record(layout: str, n: int) -> dict:
    """One Ocean-shaped record (JSONL layout, invented) with the hostile partners field."""
    return {
        "node_id": 99001, "ocean_action_id": "#OceanAction99001",
        "url": "https://sdgs.un.org/partnerships/hostile-partners-field", "title": "Hostile Partners Field",
        "entity_types": ["Non-governmental organization (NGO)"], "lead_entity": "Blue Shore Foundation",
        "partners": partners_text(layout, n), "description": "An invented benchmark record.",
        "sdgs": [14], "sdg14_targets": ["14.1"], "start_date": "01 March 2019",
        "completion_date": "31 December 2024", "geographical_coverage": "Fiji",
        "other_beneficiaries": "Small island communities", "ocean_basins": "South Pacific",
        "communities_of_ocean_action": "Marine pollution", "website": "https://example.org/hostile",
        "action_network_logos": [], "deliverables": [], "resources": [], "smart": False,
        "archive_file": "hostile_0000000000.html",
    }


# ----------------------------------------------------------------- child


def _read(ctx):
    from ecosystem import loaders

    ctx["raw"] = loaders.read(ctx["path"])
    return f"{len(ctx['raw'].mentions):,} mentions"


def _resolve(ctx):
    from ecosystem.ingest import resolve_loaded

    reg = resolve_loaded(ctx["raw"])
    return f"{len(reg.actors):,} actors"


STAGES = [Stage("read", _read), Stage("resolve", _resolve)]


def child(layout: str, n: int) -> dict:
    import ecosystem  # imported before the stages: the interpreter's own memory is in every peak

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{layout}-{n}.jsonl"
        path.write_text(json.dumps(case_record(layout, n)) + "\n", encoding="utf-8")
        rows = run_stages(STAGES, {"path": path})
    return {"layout": layout, "n": n, "code": str(Path(ecosystem.__file__).parent.parent), "rows": rows}


def _run_child(layout: str, n: int, code: Path | None, timeout: float, max_mb: int) -> dict:
    def limit():  # a quadratic "before" fails with MemoryError instead of taking the machine
        resource.setrlimit(resource.RLIMIT_AS, (max_mb << 20, max_mb << 20))

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(code)] * bool(code) + [str(ROOT), env.get("PYTHONPATH", "")])
    t = time.perf_counter()
    try:
        out = subprocess.run([sys.executable, "-m", "benchmarks.hostile_sizes", "--child", layout, str(n)],
                             env=env, capture_output=True, text=True, timeout=timeout, cwd=code or ROOT,
                             check=False, preexec_fn=limit)
    except subprocess.TimeoutExpired:
        return {"layout": layout, "n": n, "error": f"over {timeout:.0f} s"}
    if out.returncode:
        return {"layout": layout, "n": n, "error": out.stderr.strip().splitlines()[-1][:200]}
    res = json.loads(out.stdout.strip().splitlines()[-1])
    res["process_s"] = time.perf_counter() - t
    return res


def _summary(res: dict) -> tuple[float, float] | None:
    rows = res.get("rows")
    if not rows or any(r["status"] != "ok" for r in rows):
        return None
    return sum(r["seconds"] for r in rows), max(r["peak_mb"] for r in rows)


def _cell(before: tuple | str | None, after: tuple | None) -> str:
    if after is None:
        return "error"
    s, mb = after
    if before is None:
        return f"{s:.2f} s, {mb:.0f} MB"
    if isinstance(before, str):
        return f"{before} → {s:.2f} s, {mb:.0f} MB"
    return (f"{before[0]:.2f} → {s:.2f} s ({before[0] / max(s, 1e-9):.1f}×), "
            f"{before[1]:.0f} → {mb:.0f} MB")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)))
    ap.add_argument("--layouts", default=",".join(LAYOUTS))
    ap.add_argument("--before", type=Path, help="a checkout of an earlier commit, run first")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per case and code")
    ap.add_argument("--max-mb", type=int, default=4000, help="address-space limit per case (MB)")
    ap.add_argument("--child", nargs=2, metavar=("LAYOUT", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1])), default=str))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    layouts = [x.strip() for x in args.layouts.split(",")]
    results, lines = [], ["| layout | N | read s | resolve s | load: before → after | stage peaks MB |",
                          "|---|---|---|---|---|---|"]
    print("layout | N | read s | resolve s | load: before → after | stage peaks MB")
    for layout in layouts:
        for n in sizes:
            after = _run_child(layout, n, None, args.timeout, args.max_mb)
            if args.before:
                old = _run_child(layout, n, args.before, args.timeout, args.max_mb)
                before = _summary(old) or f"failed ({old.get('error') or 'a stage failed'})"
            else:
                before = BASELINE.get((layout, n))
            results.append({"after": after, "before": before})
            rows = after.get("rows") or []
            stage = {r["stage"]: r for r in rows}
            cells = [layout, f"{n:,}",
                     *(f"{stage[k]['seconds']:.2f}" if k in stage else "-" for k in ("read", "resolve")),
                     _cell(before, _summary(after)) if rows else after.get("error", "error"),
                     " / ".join(f"{r['peak_mb']:.0f}" for r in rows)]
            print(" | ".join(cells), flush=True)
            lines.append("| " + " | ".join(cells) + " |")
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"hostile-sizes-{stamp}.json").write_text(json.dumps(results, indent=1, default=str))
    (RESULTS / f"hostile-sizes-{stamp}.md").write_text("\n".join(lines) + "\n")
    ok = all(_summary(r["after"]) for r in results)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
