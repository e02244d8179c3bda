"""Benchmark actor resolution on the Ocean commitments registry.

Usage::

    python -m benchmarks.resolve_bench

Stages: read the JSONL into mentions (the loader, for reference), resolve the
registry (:func:`ecosystem.resolution.resolve.resolve_registry`: ~10,400 distinct names),
then :func:`ecosystem.resolution.resolve.resolve_names` on 600 of its names with the
registry as context, twice (the second call reuses what the first learned),
and on the same names without context. Target: resolve_registry in a few
seconds, resolve_names in about a second. Per stage: wall and CPU seconds and
peak RSS (as in :mod:`benchmarks.run`).
"""
from __future__ import annotations

import sys

from benchmarks.stages import Stage, run_stages


def _read(ctx):
    from ecosystem import loaders
    from ecosystem.reference import datapaths

    path = datapaths.data_file("un_ocean_commitments", "ocean_commitments.jsonl")
    if path is None:
        raise FileNotFoundError("set ECOSYSTEM_DATA to the folder of real registries")
    ctx["raw"] = loaders.read(path)
    return f"{ctx['raw'].mentions['name'].nunique()} distinct mention names"


def _resolve(ctx):
    from ecosystem.resolution.resolve import resolve_registry

    ctx["reg"] = resolve_registry(ctx["raw"])
    names = ctx["reg"].mentions["name"].drop_duplicates()
    ctx["names"] = names.sample(600, random_state=0).tolist()
    return f"{len(ctx['reg'].actors)} actors"


def _names_with_registry(ctx):
    from ecosystem.resolution.resolve import resolve_names

    keys = resolve_names(ctx["names"], ctx["reg"])
    return f"{keys.nunique()} keys"


def _names_alone(ctx):
    from ecosystem.resolution.resolve import resolve_names

    return f"{resolve_names(ctx['names']).nunique()} keys"


STAGES = [
    Stage("read ocean jsonl", _read, pipeline=False),
    Stage("resolve_registry", _resolve),
    Stage("resolve_names 600 (registry)", _names_with_registry),
    Stage("resolve_names 600 (again)", _names_with_registry),
    Stage("resolve_names 600 (no registry)", _names_alone),
]


def main() -> int:
    rows = run_stages(STAGES, {})
    for r in rows:
        print(" | ".join(str(r.get(k, "")) for k in ("stage", "status", "seconds", "cpu_s",
                                                    "peak_mb", "note")))
    return 0 if all(r.get("status") == "ok" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
