"""Benchmark the store's load stage of ``ecosystem report`` on the Ocean study, run twice.

Usage::

    python -m benchmarks.store_bench [STUDY]     # default analyses/ocean-commitments.toml

What ``ecosystem report STUDY`` does before the report sections, timed per step
in a fresh temporary store:

1. first run: :meth:`ecosystem.store.Store.load` of the study's files (parse,
   resolve, write), then the registry the report gets: the in-memory one the
   load hands over (``result["registry"]``) or, when the load hands none, the
   read-back :meth:`~ecosystem.store.Store.registry`;
2. second run on the unchanged file: the same two steps (the load should skip
   the file and the registry is read once from the store);
3. :meth:`~ecosystem.store.Store.registry` read back on its own;
4. the old path every run took before loads skipped unchanged files: a forced
   load (parse, resolve, write) plus the read back.

The peer is the first run's load stage: the other steps are printed as a ratio
of it. Target: the second run's load stage ≤ 1 s.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


def _timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def _run(store, study) -> dict:
    """One report's load stage: load, then the registry the report will analyse."""
    result, load_s = _timed(lambda: store.load(study.paths, registry=study.registry))
    names = sorted({s["registry"] for s in result["loaded"] + result.get("skipped", [])})
    handed = result.get("registry")
    if handed is None:
        handed, get_s = _timed(lambda: store.registry(names))
        how = "read back"
    else:
        get_s, how = 0.0, "handed over"
    return {"load": load_s, "registry": get_s, "how": how, "names": names,
            "skipped": len(result.get("skipped", [])), "initiatives": len(handed.initiatives)}


def main(argv: list[str] | None = None) -> int:
    from ecosystem import __version__
    from ecosystem.store import Store
    from ecosystem.store.load_checks import build_stamp
    from ecosystem.study import study_for

    argv = sys.argv[1:] if argv is None else argv
    study = study_for(argv[0] if argv else "analyses/ocean-commitments.toml")
    missing = [p for p in study.paths if not Path(p).is_file()]
    if missing:
        print(f"missing {missing[0]}: set ECOSYSTEM_DATA to the folder of real registries")
        return 1
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "ecosystem.duckdb")
        stamp = build_stamp(None, __version__)
        first = _run(store, study)
        if build_stamp(None, __version__) != stamp:
            print("warning: the package's code or reference data changed during the first "
                  "run, so the second loads again; run again when the tree is quiet")
        second = _run(store, study)
        _, read_s = _timed(lambda: store.registry(second["names"]))
        _, forced_s = _timed(lambda: store.load(study.paths, registry=study.registry,
                                                force=True))
    peer = first["load"] + first["registry"]
    print(f"study {study.name}: {first['initiatives']:,} initiatives")
    print("step | seconds | ratio to first run's load stage | note")
    for label, r in (("first run", first), ("second run", second)):
        stage = r["load"] + r["registry"]
        print(f"{label}: load | {r['load']:.2f} | | files skipped: {r['skipped']}")
        print(f"{label}: registry | {r['registry']:.2f} | | {r['how']}")
        print(f"{label}: load stage | {stage:.2f} | {stage / peer:.2f}x |")
    print(f"Store.registry read back | {read_s:.2f} | {read_s / peer:.2f}x |")
    old = forced_s + read_s
    print(f"old path (load --force, then read back) | {old:.2f} | {old / peer:.2f}x | "
          f"what every run did before")
    return 0


if __name__ == "__main__":
    sys.exit(main())
