"""The SDG framework as reference tables: 17 goals and their 169 targets.

The tables are authored from the public framework adopted in UN General
Assembly resolution A/RES/70/1, *Transforming our world: the 2030 Agenda for
Sustainable Development* (2015), and stored in ``data/sdg_goals.csv`` and
``data/sdg_targets.csv``. Target titles are short paraphrases for labels, not
the official wording. Outcome targets are numbered (``14.1`` … ``14.7``),
means-of-implementation targets are lettered (``14.a`` … ``14.c``).

Examples
--------
>>> t = sdg_targets()
>>> len(t), t.loc[t["target"] == "14.c", "title"].item()
(169, 'Implement international law as reflected in UNCLOS')
>>> sdg_targets(goal=14)["target"].tolist()[:3]
['14.1', '14.2', '14.3']
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from ecosystem.reference.datapaths import REFERENCE_DIR

__all__ = ["sdg_goals", "sdg_targets", "target_rank", "target_titles"]


@lru_cache(maxsize=1)
def _targets() -> pd.DataFrame:
    df = pd.read_csv(REFERENCE_DIR / "sdg_targets.csv", dtype={"target": "string",
                                                                "title": "string"})
    df["goal"] = df["goal"].astype("Int64")
    return df


@lru_cache(maxsize=1)
def _goals() -> pd.DataFrame:
    df = pd.read_csv(REFERENCE_DIR / "sdg_goals.csv", dtype={"title": "string"})
    df["goal"] = df["goal"].astype("Int64")
    return df


def sdg_targets(goal: int | None = None) -> pd.DataFrame:
    """The 169 SDG targets: columns ``goal`` (1–17), ``target`` (``"14.a"``), ``title``.

    Parameters
    ----------
    goal : int, optional
        Keep only the targets of this goal.
    """
    df = _targets()
    if goal is not None:
        df = df[df["goal"] == int(goal)]
    return df.reset_index(drop=True).copy()


def sdg_goals() -> pd.DataFrame:
    """The 17 SDGs: columns ``goal`` (1–17) and ``title`` ("Life below water")."""
    return _goals().copy()


def target_titles() -> dict[str, str]:
    """Map target code → short title, for explanations."""
    t = _targets()
    return dict(zip(t["target"], t["title"]))


def target_rank(targets: Iterable[str]) -> pd.Series:
    """Sort key for target codes in framework order (``14.2`` before ``14.10`` before ``14.a``).

    Examples
    --------
    >>> s = pd.Series(["14.a", "14.10", "14.2"])
    >>> s.iloc[target_rank(s).argsort()].tolist()
    ['14.2', '14.10', '14.a']
    """
    s = pd.Series(targets, dtype="string")
    parts = s.str.extract(r"^(\d+)\.(\d+|[a-z])$")
    goal = pd.to_numeric(parts[0], errors="coerce").fillna(99)
    sub = parts[1].fillna("")
    num = pd.to_numeric(sub.where(sub.str.isdigit()), errors="coerce")
    letter = sub.where(~sub.str.isdigit(), "").map(lambda c: ord(c) - 96 if c else 0)
    rank = goal * 1000 + num.fillna(100 + letter.astype(float))
    return pd.Series(rank.to_numpy(dtype=float), index=s.index)
