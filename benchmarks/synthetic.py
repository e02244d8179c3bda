"""Seeded generator of registry-shaped synthetic registries (7k / 70k / 700k initiatives).

Every size is drawn by the same seeded rules, so timings are comparable across
runs and sizes:

* **Initiative size.** A lead plus X partners, X from a truncated power law on
  1..199 with exponent 1.8 (about 85% of initiatives have at most 6 members;
  the largest have close to 200).
* **Who the members are.** 30% of memberships are one-off actors; the other
  70% are drawn by Zipf popularity over ranks (exponent 1.1, pool of 20·P),
  so a few UNDP-like hubs appear in thousands of initiatives (tens of
  thousands at 700k).
* **Tags.** 1–5 of the 17 SDGs per initiative, SDG 17 weighted ×6, one or two
  targets per goal; 1–10 of 200 countries (Zipf 0.8).
* **Dates and deliverables.** Start 2015–2024, end 1–6 years later; 20% have
  no dates; 0–3 dated deliverables, so dormancy can be computed.
* **Actor types.** The 30 most popular ranks are UN/multilateral or
  intergovernmental bodies; the rest follow a fixed mix of types.

Everything is vectorised numpy; the 700k registry (about 4M memberships) is
built in seconds. The tables are conformed to the model schema.

Examples
--------
>>> reg = synthetic_registry(1000, seed=0)
>>> len(reg.initiatives), reg.ties["initiative_id"].nunique()
(1000, 1000)
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ecosystem.model import Registry, conform

SIZES = (7_000, 70_000, 700_000)

_TYPE_MIX = {
    "government": 0.22, "ngo": 0.22, "private_sector": 0.12, "academic": 0.10,
    "civil_society": 0.08, "local_government": 0.07, "scientific": 0.05, "philanthropic": 0.03,
    "partnership": 0.04, "other": 0.05, "unknown": 0.02,
}


def _countries(n: int = 200) -> np.ndarray:
    import pycountry

    codes = sorted(c.alpha_3 for c in pycountry.countries)
    return np.array(codes[:n], dtype=object)


def _ids(prefix: str, values: np.ndarray) -> np.ndarray:
    return (prefix + pd.Series(values).astype(str)).to_numpy(dtype=object)


def _zipf_draw(rng, n_draws: int, pool: int, exponent: float) -> np.ndarray:
    cdf = np.cumsum(np.arange(1, pool + 1, dtype=np.float64) ** -exponent)
    cdf /= cdf[-1]
    return np.searchsorted(cdf, rng.random(n_draws), side="right")


def synthetic_registry(n_initiatives: int, seed: int = 0) -> Registry:
    """A synthetic registry with ``n_initiatives`` initiatives (see the module docstring)."""
    rng = np.random.default_rng(seed)
    P = int(n_initiatives)
    # --- sizes: lead + X, X ~ truncated power law on 1..199, exponent 1.8
    x = np.arange(1, 200)
    px = x ** -1.8
    size = 1 + rng.choice(x, size=P, p=px / px.sum())
    n_mem = int(size.sum())
    init_of = np.repeat(np.arange(P), size)
    # --- members: 30% one-off, 70% Zipf(1.1) over a pool of 20·P ranks
    pool = 20 * P
    one_off = rng.random(n_mem) < 0.30
    member = np.empty(n_mem, dtype=np.int64)
    member[~one_off] = _zipf_draw(rng, int((~one_off).sum()), pool, 1.1)
    member[one_off] = pool + np.arange(int(one_off.sum()))
    # shuffle within initiative so that the lead (first member) is a random member
    order = np.lexsort((rng.random(n_mem), init_of))
    init_of, member = init_of[order], member[order]
    first = np.r_[True, init_of[1:] != init_of[:-1]]
    pairs = pd.DataFrame({"i": init_of, "a": member, "lead": first})
    pairs = pairs.drop_duplicates(["i", "a"], keep="first")
    used, actor_idx = np.unique(pairs["a"].to_numpy(), return_inverse=True)
    n_actors = len(used)

    actor_ids = _ids("A", np.arange(n_actors))
    init_ids = _ids("I", np.arange(P))
    types = np.array(list(_TYPE_MIX), dtype=object)[
        rng.choice(len(_TYPE_MIX), size=n_actors, p=np.array(list(_TYPE_MIX.values())) /
                   sum(_TYPE_MIX.values()))]
    top = used < 30
    types[top] = np.where(used[top] % 3 == 0, "intergovernmental", "un_multilateral")
    countries = _countries()
    country = countries[_zipf_draw(rng, n_actors, len(countries), 0.8)]
    country[types == "un_multilateral"] = None
    actors = pd.DataFrame({"actor_id": actor_ids, "name": _ids("Actor ", used),
                           "actor_type": types, "country": country})

    ties = pd.DataFrame({
        "initiative_id": init_ids[pairs["i"].to_numpy()],
        "actor_id": actor_ids[actor_idx],
        "role": np.where(pairs["lead"].to_numpy(), "lead", "partner"),
        "registry": "synthetic", "record_id": init_ids[pairs["i"].to_numpy()],
    })

    start_year = rng.integers(2015, 2025, size=P)
    start = pd.to_datetime(pd.DataFrame({"year": start_year, "month": rng.integers(1, 13, P),
                                         "day": 1}))
    end = start + pd.to_timedelta(rng.integers(365, 6 * 365, size=P), unit="D")
    undated = rng.random(P) < 0.20
    start[undated] = pd.NaT
    end[undated] = pd.NaT
    initiatives = pd.DataFrame({
        "initiative_id": init_ids, "registry": "synthetic", "record_id": init_ids,
        "kind": "partnership", "title": _ids("Synthetic initiative ", np.arange(P)),
        "start": start, "end": end,
    })

    # --- goals: 1–5 distinct of 17, SDG 17 weighted ×6
    n_goals = rng.integers(1, 6, size=P)
    w = np.ones(17)
    w[16] = 6
    keys = rng.random((P, 17)) ** (1.0 / w)  # weighted sampling without replacement
    ranked = np.argsort(-keys, axis=1)
    take = np.arange(17)[None, :] < n_goals[:, None]
    gi, gpos = np.nonzero(take)
    goal = ranked[gi, gpos] + 1
    goals = pd.DataFrame({"initiative_id": init_ids[gi], "goal": goal})
    n_t = rng.integers(1, 3, size=len(goal))
    ti = np.repeat(np.arange(len(goal)), n_t)
    tnum = np.where(np.r_[True, ti[1:] != ti[:-1]], 1, 2) + rng.integers(0, 3, size=len(ti)) * 2
    targets = pd.DataFrame({"initiative_id": init_ids[gi[ti]],
                            "target": pd.Series(goal[ti]).astype(str) + "." +
                            pd.Series(tnum).astype(str),
                            "goal": goal[ti]}).drop_duplicates(["initiative_id", "target"])

    # --- places: 1–10 of 200 countries, Zipf 0.8
    n_pl = rng.integers(1, 11, size=P)
    pi = np.repeat(np.arange(P), n_pl)
    pc = _zipf_draw(rng, len(pi), len(countries), 0.8) - 0
    places = pd.DataFrame({"initiative_id": init_ids[pi], "place": countries[pc],
                           "kind": "country"}).drop_duplicates(["initiative_id", "place"])

    # --- deliverables: 0–3, dated within the initiative's span (or 2018–2024)
    n_d = rng.choice(4, size=P, p=[0.35, 0.3, 0.2, 0.15])
    di = np.repeat(np.arange(P), n_d)
    ddate = pd.Timestamp("2018-01-01") + pd.to_timedelta(rng.integers(0, 7 * 365, len(di)),
                                                         unit="D")
    deliverables = pd.DataFrame({"initiative_id": init_ids[di], "date": ddate,
                                 "text": "deliverable"})

    reg = Registry(
        actors=conform("actors", actors), initiatives=conform("initiatives", initiatives),
        ties=conform("ties", ties), initiative_goals=conform("initiative_goals", goals),
        initiative_targets=conform("initiative_targets", targets),
        initiative_places=conform("initiative_places", places),
        deliverables=conform("deliverables", deliverables),
    )
    reg.sources = [{"path": f"synthetic:{P}:seed{seed}", "registry": "synthetic"}]
    return reg


def describe(reg: Registry) -> dict:
    """The baseline's table columns for a registry: sizes, hubs, projection bound."""
    k = reg.ties.groupby("initiative_id").size().to_numpy()
    d = np.sort(reg.ties.groupby("actor_id").size().to_numpy())[::-1]
    return {
        "initiatives": len(reg.initiatives), "actors": len(reg.actors),
        "memberships": len(reg.ties), "mean_size": round(float(k.mean()), 2),
        "share_le6": round(float((k <= 6).mean()), 3), "max_size": int(k.max()),
        "top_hubs": d[:3].tolist(), "share_actors_in_one": round(float((d == 1).mean()), 3),
        "sum_C_k_2": int((k * (k - 1) // 2).sum()),
    }
