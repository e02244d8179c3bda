"""Benchmark stages of our pipeline, and the per-stage time and memory probe.

A :class:`Stage` is a named function ``run(ctx) -> note`` on a context dict
(``ctx["reg"]``, ``ctx["proj"]``, ``ctx["projection"]`` options, ...). Add a row
to the benchmark by appending a Stage to :data:`STAGES` (or to
:data:`benchmarks.nx_stages.NX_STAGES` for the networkx side).

Peak memory per stage: the process's high-water mark (VmHWM) is reset through
``/proc/self/clear_refs`` before each stage, so "peak" is the stage's own.
"""
from __future__ import annotations

import re
import resource
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

CACHE = Path(__file__).resolve().parent / "results" / "cache"


def parse_targets(sizes: str) -> list:
    """``"ocean,7000,70000"`` → ``["ocean", 7000, 70000]`` (``0`` also means Ocean)."""
    return ["ocean" if s.strip() in ("ocean", "0") else int(s) for s in sizes.split(",")]


def load_ocean():
    """The real Ocean registry through ``ecosystem.load`` (read + resolve + validate)."""
    import ecosystem
    from ecosystem.reference import datapaths

    path = datapaths.data_file("un_ocean_commitments", "ocean_commitments.jsonl")
    if path is None:
        raise FileNotFoundError("Ocean registry not found: set ECOSYSTEM_DATA")
    return ecosystem.load(path)

#: Projection options per registry size: the full projection while it fits the
#: default max_edges guard, then large consortia left out (the baseline's
#: mitigation: initiatives > 50 members make 73% of the edges at 70k).
PROJECTION = {
    "ocean": {},
    7_000: {},
    70_000: {"max_initiative_size": 50},
    700_000: {"max_initiative_size": 20, "max_edges": 8_000_000},
}
COMMUNITY_METHOD = {700_000: "networkit-plm"}


@dataclass
class Stage:
    """A named step: ``run(ctx) -> note``. ``pipeline`` stages count toward the target total."""
    name: str
    run: Callable[[dict], str]
    pipeline: bool = True


# ----------------------------------------------------------------- memory


def _hwm_mb() -> float:
    try:
        txt = Path("/proc/self/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+)", txt).group(1)) / 1024
    except (OSError, AttributeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mb() -> float:
    try:
        txt = Path("/proc/self/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+)", txt).group(1)) / 1024
    except (OSError, AttributeError):
        return float("nan")


def _reset_hwm() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def reset_peak_rss() -> bool:
    """Reset the process's peak RSS (VmHWM); False where the kernel does not allow it."""
    return _reset_hwm()


def peak_rss_mb() -> float:
    """The process's peak RSS in MB since the last :func:`reset_peak_rss` (or since start)."""
    return _hwm_mb()


def rss_mb() -> float:
    """The process's resident memory now, in MB (NaN where /proc is missing)."""
    return _rss_mb()


def run_stages(stages: list[Stage], ctx: dict) -> list[dict]:
    rows = []
    for st in stages:
        reset = _reset_hwm()
        start_rss = _rss_mb()
        t0 = time.perf_counter()
        c0 = time.process_time()
        try:
            note = st.run(ctx) or ""
            status = "ok"
        except Exception as exc:  # a stage that fails is reported, the run goes on
            note = f"{type(exc).__name__}: {exc}"[:300]
            status = "error"
        dt = time.perf_counter() - t0
        cpu = time.process_time() - c0
        peak = _hwm_mb()
        est = ctx.pop("_estimate", None)
        rows.append({"stage": st.name, "seconds": None if status == "skipped" else dt,
                     "cpu_s": cpu,
                     "peak_mb": peak, "peak_above_start_mb": peak - start_rss if reset else None,
                     "rss_after_mb": _rss_mb(), "note": note, "status": ctx.pop("_status", status),
                     "estimate_s": est, "pipeline": st.pipeline})
    return rows


# ----------------------------------------------------------------- our pipeline


def load_registry(ctx):
    import pandas as pd

    from ecosystem.model import Registry
    if ctx["target"] == "ocean":
        ctx["reg"] = load_ocean()
        return "ecosystem.load(ocean_commitments.jsonl): read + resolve + validate"
    folder = CACHE / f"synthetic-{ctx['target']}-seed{ctx['seed']}"
    frames = {p.stem: pd.read_parquet(p) for p in folder.glob("*.parquet")}
    ctx["reg"] = Registry.from_frames(**frames)
    return "parquet → Registry (schema conform, no validate)"


def _graphs(ctx):
    from ecosystem.graphs import bipartite_graph, incidence_matrix
    reg = ctx["reg"]
    g = bipartite_graph(reg)
    B, _, _ = incidence_matrix(reg)
    # not kept: the later stages work from the registry and the projection
    return (f"{len(reg.actors):,} actors, {len(reg.initiatives):,} initiatives, "
            f"{g.ecount():,} ties (igraph + CSR)")


def _projection(ctx):
    from ecosystem.graphs import actor_projection
    opts = ctx["projection"]
    ctx["proj"] = actor_projection(ctx["reg"], weight="newman", **opts)
    left = ctx["proj"]["initiatives_left_out"]
    return (f"{ctx['proj'].ecount():,} edges (newman)"
            + (f", {left:,} initiatives > {opts['max_initiative_size']} left out" if left else ""))


def _hubs(ctx):
    from ecosystem.measures.network.hubs import hub_metrics
    h = hub_metrics(ctx["reg"], graph=ctx["proj"])
    top = h.sort_values("initiatives", ascending=False).iloc[0]
    return f"igraph PageRank/eigenvector/k-core; top hub {top['actor_id']} ({top['initiatives']})"


def _brokers(ctx):
    from ecosystem.measures.network.brokers import brokers

    known = {} if ctx.get("communities") is None else {"communities": ctx["communities"]}
    df = brokers(ctx["reg"], graph=ctx["proj"], **known)
    bt = df.attrs.get("betweenness", {})
    if isinstance(bt, dict) and bt.get("mode"):
        mode = f"betweenness {bt['mode']}" + (f", k={bt['k']:,} pivots" if bt.get("k") else "")
    else:
        mode = "betweenness mode: see ecosystem.measures.network.brokers"
    return mode + "; constraint, effective size, Gould–Fernandez roles, cut vertices"


def _communities(ctx):
    from ecosystem.measures.network.communities import communities
    method = COMMUNITY_METHOD.get(ctx["target"], "leiden")
    m = communities(ctx["reg"], graph=ctx["proj"], method=method)
    ctx["communities"] = m
    return f"{method}: Q = {m.attrs['modularity']:.3f}, {m.attrs['n_communities']:,} communities"


def _components(ctx):
    from ecosystem.measures.network.components import components
    c = components(ctx["reg"])
    return f"largest holds {c.attrs['largest_actor_share']:.1%} of actors"


def _core_periphery(ctx):
    from ecosystem.measures.network.core_periphery import core_periphery
    cp = core_periphery(ctx["reg"], graph=ctx["proj"])
    return f"fit r = {cp.attrs['fit']:.3f}, core {cp.attrs['core_size']:,}"


def _dormancy(ctx):
    from ecosystem.dormancy import dormancy_share
    return f"{dormancy_share(ctx['reg']):.1%} dormant"


STAGES: list[Stage] = [
    Stage("load", load_registry, pipeline=False),
    Stage("graphs", _graphs, pipeline=False),
    Stage("projection", _projection),
    Stage("hubs", _hubs),
    Stage("communities", _communities),
    Stage("brokers", _brokers),
    Stage("components", _components, pipeline=False),
    Stage("core_periphery", _core_periphery, pipeline=False),
    Stage("dormancy", _dormancy, pipeline=False),
]


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def cpu_best(fn, repeat: int) -> float:
    """Fewest CPU seconds of ``repeat`` runs of ``fn`` (one run when the first takes over 2 s),
    counting the processes it forks (the load's and the report's second process)."""
    best = float("inf")
    for i in range(max(repeat, 1)):
        t0 = time.process_time() + _children_cpu()
        fn()
        best = min(best, time.process_time() + _children_cpu() - t0)
        if i == 0 and best > 2.0:
            break
    return best
