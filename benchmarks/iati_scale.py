"""The whole IATI registry's size on one machine: hubs, brokers, communities, overlap and gaps.

A seeded synthetic registry shaped like IATI activity files (not like the Ocean commitments):

* **Publishers.** 1,600 reporting organisations, activities per publisher Zipf(1.0): a few
  bilateral donors publish tens of thousands of activities each. The publisher leads.
* **Participating organisations.** 0–4 more per activity (25/35/20/12/8%): 40% one-off
  implementers, the rest Zipf(1.05) over a pool of 300,000 organisations.
* **Where and what.** One recipient country for 85% of activities, else 2–5 (Zipf 0.9 over
  150); 1–3 DAC 5-digit sectors (Zipf 1.1 over 300); titles of 6 words drawn Zipf(1.0) from
  3,000, with the sector's own words first, so that text neighbours exist.
* **Dates.** Start 2005–2025, end 1–8 years later; 10% undated.

Each stage is the report's own section builder on one
:class:`ecosystem.measures.context.Analysis` (the activity kind's defaults: DAC sector ×
country cells), timed in wall and CPU seconds, with the process's peak memory after it. A stage
that fails is reported with its error and the run goes on. ``crowding`` times the crowded
cells the overlap section reads (:func:`ecosystem.measures.coordination.crowding.crowding` on
the shared cells) on their own, so that a run without ``overlap`` still measures them.

    python -m benchmarks.iati_scale --size 1000000
    python -m benchmarks.iati_scale --size 70000 --stages hubs,brokers
    python -m benchmarks.iati_scale --size 300000 --stages crowding,gaps
"""
from __future__ import annotations

import argparse
import resource
import tempfile
import time

import numpy as np
import pandas as pd

from ecosystem.model import Registry, conform

__all__ = ["iati_shaped_registry", "main"]

STAGES = ("hubs", "brokers", "structure", "overlap", "crowding", "gaps")


def _zipf(rng: np.random.Generator, n: int, pool: int, s: float) -> np.ndarray:
    p = np.arange(1, pool + 1, dtype=np.float64) ** -s
    return rng.choice(pool, size=n, p=p / p.sum())


def _ids(prefix: str, idx: np.ndarray) -> np.ndarray:
    return (prefix + pd.Series(idx).astype(str)).to_numpy(dtype=object)


def iati_shaped_registry(n: int, seed: int = 0) -> Registry:
    """A synthetic registry of ``n`` IATI-like activities (see the module docstring).

    Examples
    --------
    >>> reg = iati_shaped_registry(2000)
    >>> len(reg.initiatives), set(reg.initiatives["kind"]), reg.ties["role"].iloc[0]
    (2000, {'activity'}, 'lead')
    """
    rng = np.random.default_rng(seed)
    publisher = _zipf(rng, n, 1600, 1.0)
    extra = rng.choice(5, size=n, p=[0.25, 0.35, 0.2, 0.12, 0.08])
    act = np.repeat(np.arange(n), extra)
    one_off = rng.random(len(act)) < 0.4
    org = np.where(one_off, 2_000_000 + np.arange(len(act)), 1600 + _zipf(rng, len(act), 300_000,
                                                                          1.05))
    members = pd.DataFrame({"i": np.r_[np.arange(n), act], "a": np.r_[publisher, org],
                            "lead": np.r_[np.ones(n, bool), np.zeros(len(act), bool)]})
    members = members.drop_duplicates(["i", "a"], keep="first")
    used, actor_idx = np.unique(members["a"].to_numpy(), return_inverse=True)
    actor_ids = _ids("XM-ORG-", used)
    init_ids = _ids("XM-ACT-", np.arange(n))
    types = np.array(["government", "un_multilateral", "ngo", "private_sector", "academic",
                      "philanthropic", "intergovernmental"], dtype=object)
    kind = np.where(used < 1600, rng.choice(types[[0, 1, 6]], size=len(used), p=[.6, .3, .1]),
                    rng.choice(types, size=len(used), p=[.2, .05, .45, .15, .1, .03, .02]))
    countries = np.array([f"C{k:03d}" for k in range(150)], dtype=object)
    actors = pd.DataFrame({"actor_id": actor_ids, "name": _ids("Organisation ", used),
                           "actor_type": kind, "country": countries[_zipf(rng, len(used), 150,
                                                                          0.9)]})
    ties = pd.DataFrame({"initiative_id": init_ids[members["i"].to_numpy()],
                         "actor_id": actor_ids[actor_idx],
                         "role": np.where(members["lead"].to_numpy(), "lead", "partner"),
                         "registry": "iati-synthetic",
                         "record_id": init_ids[members["i"].to_numpy()]})
    n_sec = rng.choice([1, 2, 3], size=n, p=[0.6, 0.3, 0.1])
    si = np.repeat(np.arange(n), n_sec)
    sector = 11110 + _zipf(rng, len(si), 300, 1.1) * 10
    themes = pd.DataFrame({"initiative_id": init_ids[si], "vocabulary": "dac_sector",
                           "theme": sector.astype(str)}).drop_duplicates()
    first_sector = pd.Series(sector).groupby(si).first().reindex(range(n)).to_numpy()
    words = np.array([f"w{k}" for k in range(3000)], dtype=object)
    picks = _zipf(rng, n * 5, 3000, 1.0).reshape(n, 5)
    title = pd.Series(("s" + pd.Series(first_sector).astype(str)).to_numpy())
    for k in range(5):
        title = title + " " + words[picks[:, k]]
    n_pl = np.where(rng.random(n) < 0.85, 1, rng.integers(2, 6, size=n))
    pi = np.repeat(np.arange(n), n_pl)
    places = pd.DataFrame({"initiative_id": init_ids[pi], "kind": "country",
                           "place": countries[_zipf(rng, len(pi), 150, 0.9)]}
                          ).drop_duplicates(["initiative_id", "place"])
    start = pd.to_datetime(pd.DataFrame({"year": rng.integers(2005, 2026, n),
                                         "month": rng.integers(1, 13, n), "day": 1}))
    end = start + pd.to_timedelta(rng.integers(365, 8 * 365, n), unit="D")
    undated = rng.random(n) < 0.10
    start[undated], end[undated] = pd.NaT, pd.NaT
    initiatives = pd.DataFrame({"initiative_id": init_ids, "registry": "iati-synthetic",
                                "record_id": init_ids, "kind": "activity",
                                "title": title.to_numpy(dtype=object), "start": start,
                                "end": end})
    reg = Registry(actors=conform("actors", actors),
                   initiatives=conform("initiatives", initiatives),
                   ties=conform("ties", ties),
                   initiative_themes=conform("initiative_themes", themes),
                   initiative_places=conform("initiative_places", places))
    reg.sources = [{"path": f"iati-synthetic:{n}:seed{seed}", "registry": "iati-synthetic"}]
    return reg


def _crowding_finding(a) -> str:
    """The crowded, loosely connected cells of ``a``'s cells, as a finding."""
    from ecosystem.measures.coordination.crowding import crowding

    crowd = crowding(a.reg, cells=a.cells, connectivity=not a.copresence)
    flagged = int(crowd["flag"].fillna(False).astype(bool).sum())
    return (f"{flagged:,} of {len(crowd):,} cells crowded and loosely connected; "
            f"{int(crowd['connected_pairs'].sum()):,} connected actor pairs")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    from ecosystem.kinds import KINDS
    from ecosystem.measures.context import Analysis, Settings, settings_for_kind
    from ecosystem.report import SECTIONS

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--stages", default=",".join(STAGES))
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    reg = iati_shaped_registry(args.size)
    print(f"registry: {len(reg.initiatives):,} activities, {len(reg.actors):,} organisations, "
          f"{len(reg.ties):,} participations; built in {time.perf_counter() - t0:.0f} s, "
          f"peak {_peak_mb():,.0f} MB", flush=True)
    settings = settings_for_kind(Settings(cache_dir=tempfile.mkdtemp()), KINDS["activity"], set())
    a = Analysis(reg, settings)
    print("| stage | wall s | cpu s | peak MB | result |\n|---|---|---|---|---|", flush=True)
    for name in args.stages.split(","):
        w0, c0 = time.perf_counter(), time.process_time()
        try:
            if name == "crowding":
                result = _crowding_finding(a)[:90]
            else:
                section = SECTIONS[name](a)
                result = (section.findings[0] if section.findings else "no finding")[:90]
        except Exception as exc:  # noqa: BLE001  a stage that stops is the measurement
            result = f"STOPPED: {type(exc).__name__}: {str(exc)[:160]}"
        print(f"| {name} | {time.perf_counter() - w0:.0f} | {time.process_time() - c0:.0f} | "
              f"{_peak_mb():,.0f} | {result} |", flush=True)
    note = a.backbone_note
    print(f"\ntotal {time.perf_counter() - t0:.0f} s wall, peak {_peak_mb():,.0f} MB"
          + (f"\n{note}" if note else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
