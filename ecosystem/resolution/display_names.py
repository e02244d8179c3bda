"""The name a registry's users write most for each actor: the name figures show.

Resolution gives each actor an *official* name: a known body's full name
("United Nations Environment Programme") or the most frequent full variant.
Readers know many bodies by another name: the registry's own users write
"UNEP", "UNICEF", "WWF" far more often than the full names. Figures and tables
show :func:`most_written` names, with the official name beside them in cards
and tables (the ``official_name`` column of the actors table).

Each initiative casts one vote per actor, for the name it writes; a name as
written counts after trimming spaces and full stops, and the same name written in
capitals and in mixed case ("INDIA", "India") counts as one, shown as the official
name writes it or else not in capitals throughout. Ties go to the official
name, then to a name not written in capitals throughout, then to the shorter
name, then alphabetically, so the choice does not depend on row order.

Examples
--------
>>> import pandas as pd
>>> m = pd.DataFrame({"actor_id": ["unep"] * 4 + ["wwf"],
...                   "initiative_id": ["i1", "i2", "i3", "i3", "i1"],
...                   "name": ["UNEP", "UNEP", "United Nations Environment Programme", "UNEP", "WWF"]})
>>> most_written(m)
{'unep': 'UNEP', 'wwf': 'WWF'}
"""
from __future__ import annotations

import re
from collections import Counter

import pandas as pd

__all__ = ["most_written"]

_LETTERS = re.compile(r"[^\W\d_]+")


def most_written(mentions: pd.DataFrame, official: dict[str, str] | None = None) -> dict[str, str]:
    """Actor id → the name its mentions write most often (one vote per initiative).

    Parameters
    ----------
    mentions : DataFrame
        Resolved mentions with ``actor_id``, ``initiative_id`` and ``name``.
    official : dict, optional
        Actor id → official name. A tie goes to the official name, then to a
        name not written in capitals throughout (unless it is a short acronym),
        then to the shorter name.

    Returns
    -------
    dict
        One name per actor id that has a mention.

    Examples
    --------
    >>> m = pd.DataFrame({"actor_id": ["pb", "pb"], "initiative_id": ["i1", "i2"],
    ...                   "name": ["PEACE BOAT", "Peace Boat"]})
    >>> most_written(m), most_written(m, {"pb": "Peace Boat International"})
    ({'pb': 'Peace Boat'}, {'pb': 'Peace Boat'})
    >>> m = pd.DataFrame({"actor_id": ["ind"] * 3, "initiative_id": ["i1", "i2", "i3"],
    ...                   "name": ["INDIA", "INDIA", "India"]})
    >>> most_written(m, {"ind": "India"})
    {'ind': 'India'}
    """
    if not len(mentions):
        return {}
    official = official or {}
    # one vote per (actor, initiative, name as written trimmed), counted per (actor, name)
    written = mentions[["actor_id", "initiative_id", "name"]]
    present = (written["actor_id"].notna() & written["name"].notna()).to_numpy()
    votes: Counter = Counter()
    for a, i, n in set(zip(written["actor_id"].to_numpy()[present].tolist(),
                           written["initiative_id"].to_numpy()[present].tolist(),
                           [str(n).strip(" .") for n in written["name"].to_numpy()[present]])):
        if n:
            votes[a, n] += 1
    # a name written in capitals and the same name in mixed case are one name ("INDIA", "India")
    pooled: Counter = Counter()
    for (a, n), v in votes.items():
        pooled[a, n.casefold()] += v
    # the casing shown: the official name's, else one not shouted in capitals, else the most written
    casing: dict[tuple, tuple] = {}
    for (a, n), v in votes.items():
        rank = (official.get(a) != n, _shouted(n), -v, n)
        key = (a, n.casefold())
        if key not in casing or rank < casing[key]:
            casing[key] = rank
    # most votes, then the official name, a name not in capitals throughout, the shorter, A-Z
    best: dict[str, tuple] = {}
    for (a, key), v in pooled.items():
        n = casing[a, key][-1]
        rank = (-v, official.get(a) != n, n.isupper() and len(n) > 6, len(n), n)
        if a not in best or rank < best[a]:
            best[a] = rank
    return {a: best[a][-1] for a in sorted(best)}


def _shouted(name: str) -> bool:
    """True for a name in capitals throughout whose words are all longer than an acronym's
    three letters ("KELP TRUST", "INDIA"); "IOC-UNESCO", a run of acronyms, is written so."""
    words = _LETTERS.findall(name)
    return name.isupper() and bool(words) and all(len(w) > 3 for w in words)
