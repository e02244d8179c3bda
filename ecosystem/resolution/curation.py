"""Curating the resolver by hand: merge two actors, split a name off an actor, undo.

A curation is a change to the overrides (:mod:`ecosystem.resolution.crosswalk`)
recorded in an append-only log, one row per name it edits:

=========  ==============================================================
change_id  the change (1, 2, …); one change may edit several names
at         when, UTC (``2026-12-06T16:45:03Z``)
who        who made it (free text, cleaned of control characters)
action     ``merge``, ``split`` or ``undo``
actor_id   the actor the change was made from
target     merge: the actor merged into; undo: empty
variant    the name as written that the change edits
before     its canonical before the change (empty: no curated row)
after      its canonical after the change (empty: no curated row)
undoes     undo: the change it undoes
=========  ==============================================================

Replaying the log gives the curated rows (:func:`curated_rows`): one per name
(as the resolver compares names), the last edit winning. :func:`compose` puts
them after the base overrides (the package defaults), dropping the base rows
they replace. A **merge** makes every name of one actor (or one name) the
target actor's canonical name. A **split** makes a name its own canonical:
the resolver keeps it, and the names written like it, apart from every other
name (:class:`ecosystem.resolution.matching.Clusters`). An **undo** puts back
what a change replaced; it is refused while a later change still holds one of
its names. Every function is pure: the store applies the result
(:mod:`ecosystem.store.curation`), writing the files of
:mod:`ecosystem.resolution.curation_log`.

Examples
--------
>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> from ecosystem.resolution.curation_log import empty_log
>>> reg = Registry.from_frames(
...     actors=pd.DataFrame({"actor_id": ["reef-trust", "ocean-fund"],
...                          "name": ["Reef Trust", "Ocean Fund"], "actor_type": "ngo"}),
...     crosswalk=pd.DataFrame({"variant": ["Reef Trust", "Ocean Fund"],
...                             "actor_id": ["reef-trust", "ocean-fund"], "score": 1.0,
...                             "method": "exact", "registry": "demo"}))
>>> log = merge(reg, empty_log(), "reef-trust", "ocean-fund", who="ana",
...             when="2026-12-06T16:45:03Z")
>>> log[["change_id", "action", "variant", "after"]].values.tolist()
[[1, 'merge', 'Reef Trust', 'Ocean Fund']]
>>> sorted(curated_rows(undo(log, who="ana", when="2026-12-06T16:46:00Z")))
[]
"""
from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ecosystem.errors import EcosystemError
from ecosystem.model import Registry
from ecosystem.resolution.crosswalk import crosswalk_review
from ecosystem.resolution.curation_log import (
    LOG_COLUMNS,
    OVERRIDE_COLUMNS,
    comment_lines,
    unquoted,
)
from ecosystem.resolution.known_bodies import KnownBodies
from ecosystem.resolution.names import parse_name
from ecosystem.untrusted import clean_text

__all__ = ["WHO_LIMIT", "CurationError", "clean_who", "compose", "curated_review",
           "curated_rows", "last_undoable", "merge", "name_key", "now_utc", "split", "undo"]

#: Longest ``who`` kept.
WHO_LIMIT = 80


class CurationError(EcosystemError):
    """A curation that cannot be made (unknown actor, merge into itself, …); nothing changed."""


def now_utc() -> str:
    """The time now, UTC, to the second: ``2026-12-06T16:45:03Z``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@lru_cache(maxsize=1)
def _known() -> KnownBodies:
    return KnownBodies.load()


def name_key(name: str) -> str:
    """The key the resolver compares names by (known bodies' names share one).

    >>> name_key("UN Environment") == name_key("UNEP"), name_key("Reef Trust")
    (True, 'reef trust')
    """
    return parse_name(str(name), _known()).key


def clean_who(who: object) -> str:
    """``who`` as recorded: one line, no control characters, at most :data:`WHO_LIMIT` long.

    >>> clean_who("  Ana\\n Diaz\\x1b "), clean_who("x" * 200)[-1]
    ('Ana Diaz', '…')
    """
    text = " ".join(clean_text(str(who or ""), name=True).split())
    if not text:
        raise CurationError("say who makes the change (the who field is empty)")
    return text if len(text) <= WHO_LIMIT else text[:WHO_LIMIT - 1] + "…"


def _clean_name(name: object) -> str:
    return " ".join(clean_text(str(name or ""), name=True).split())


def curated_rows(log: pd.DataFrame) -> dict[str, dict]:
    """Replay ``log``: name key → ``variant, canonical, change_id, who, at`` of the curated row."""
    rows: dict[str, dict] = {}
    for r in log.itertuples(index=False):
        k = name_key(r.variant)
        if r.after:
            rows[k] = {"variant": r.variant, "canonical": r.after, "change_id": int(r.change_id),
                       "who": r.who, "at": r.at}
        else:
            rows.pop(k, None)
    return rows


def compose(base: list[tuple[str, str]], log: pd.DataFrame) -> pd.DataFrame:
    """The overrides the resolver reads: base rows not replaced, then the curated rows.

    Columns: :data:`OVERRIDE_COLUMNS` (``change_id``, ``who``, ``at`` empty for base rows).
    """
    curated = curated_rows(log)
    kept = [{"variant": v, "canonical": c, "change_id": "", "who": "", "at": ""}
            for v, c in base if name_key(v) not in curated]
    rows = kept + sorted(curated.values(), key=lambda r: (r["change_id"], r["variant"]))
    return pd.DataFrame(rows, columns=OVERRIDE_COLUMNS)


# --------------------------------------------------------------------------- the changes

def _actor(reg: Registry, actor_id: object, role: str) -> pd.Series:
    a = reg.actors[reg.actors["actor_id"] == str(actor_id or "")]
    if a.empty:
        raise CurationError(f"no actor {str(actor_id)!r} in the store ({role}): pick one "
                            f"from its card or the crosswalk")
    return a.iloc[0]


def _canonical(actor: pd.Series) -> str:
    official = actor.get("official_name")
    return str(official) if isinstance(official, str) and official else str(actor["name"])


def _variants(reg: Registry, actor_id: str) -> pd.DataFrame:
    cw = reg.crosswalk
    return cw[cw["actor_id"] == actor_id].drop_duplicates("variant")


def _next_id(log: pd.DataFrame) -> int:
    return int(log["change_id"].max()) + 1 if len(log) else 1


def _append(log: pd.DataFrame, edits: list[dict], base: dict) -> pd.DataFrame:
    rows = pd.DataFrame([{**base, **e} for e in edits], columns=LOG_COLUMNS)
    for col in ("change_id", "undoes"):
        rows[col] = pd.to_numeric(rows[col]).astype("Int64")
    if not len(log):
        return rows.reset_index(drop=True)
    return pd.concat([log.astype({c: "Int64" for c in ("change_id", "undoes")}), rows],
                     ignore_index=True)


def _edit(current: dict, variant: str, after: str | None) -> dict | None:
    k = name_key(variant)
    before = current.get(k, {}).get("canonical", "")
    after = after or ""
    if before == after:
        return None
    return {"variant": variant, "before": before, "after": after}


def merge(reg: Registry, log: pd.DataFrame, source: str, into: str, *, who: str,
          when: str | None = None) -> pd.DataFrame:
    """The log with a change merging ``source`` into the actor ``into``.

    Parameters
    ----------
    reg : Registry
        The resolved registry the change is made against (its actors and crosswalk).
    log : DataFrame
        The log so far (:func:`read_log`).
    source : str
        An actor id (all its names move) or one name as written in the crosswalk.
    into : str
        The actor id to merge into.
    who, when : str
        Who makes the change; when (default now, :func:`now_utc`).

    Raises
    ------
    CurationError
        Unknown actor or name, a merge into itself, a name kept apart per country or
        record (``generic``), or nothing to change.
    """
    who, when = clean_who(who), when or now_utc()
    target = _actor(reg, into, "merge into")
    source = _clean_name(source)
    if source in set(reg.actors["actor_id"]):
        names, from_id = _variants(reg, source), source
    else:
        cw = reg.crosswalk
        names = cw[cw["variant"] == source].drop_duplicates("variant")
        if names.empty:
            raise CurationError(f"{source!r} is no actor id in the store, nor a name as "
                                f"written in its crosswalk")
        from_id = str(names["actor_id"].iloc[0])
    if from_id == target["actor_id"]:
        raise CurationError(f"{source!r} is already {target['actor_id']!r}: an actor cannot be "
                            f"merged into itself")
    if (names["method"] == "generic").any():
        raise CurationError(f"{from_id!r} is a generic name kept apart per country or record "
                            f"(e.g. 'Ministry of Environment'): it cannot be merged by name")
    canon, current = _canonical(target), curated_rows(log)
    into_key = name_key(canon)
    edits = [e for v in names["variant"].astype(str)
             if (e := _edit(current, v, None if name_key(v) == into_key else canon))]
    if not edits:
        raise CurationError(f"nothing to change: {source!r} already resolves to {into!r}")
    return _append(log, edits, {"change_id": _next_id(log), "at": when, "who": who,
                                "action": "merge", "actor_id": from_id,
                                "target": str(target["actor_id"]), "undoes": None})


def split(reg: Registry, log: pd.DataFrame, variant: str, actor: str, *, who: str,
          when: str | None = None) -> pd.DataFrame:
    """The log with a change splitting the name ``variant`` off ``actor`` (its own actor).

    The names written like it (case, accents, punctuation, a known body's aliases
    aside: :func:`name_key`) go with it.

    Raises
    ------
    CurationError
        Unknown actor, a name the actor does not have, or a name written like the
        actor's own name or like all its other names (nothing would be left).
    """
    who, when = clean_who(who), when or now_utc()
    a = _actor(reg, actor, "split off")
    variant = _clean_name(variant)
    names = _variants(reg, str(a["actor_id"]))
    if variant not in set(names["variant"]):
        raise CurationError(f"actor {actor!r} has no name {variant!r}: its names are "
                            f"{', '.join(repr(v) for v in names['variant'].head(8))}")
    k = name_key(variant)
    others = {name_key(v) for v in names["variant"]} - {k}
    if not others or k == name_key(_canonical(a)):
        raise CurationError(f"{variant!r} is written like the actor's own name "
                            f"({_canonical(a)!r}) or like all its other names: it cannot be "
                            f"split off {actor!r}; merge the other names elsewhere instead")
    if (names.loc[names["variant"] == variant, "method"] == "generic").any():
        raise CurationError(f"{variant!r} is a generic name kept apart per country or record: "
                            f"it cannot be split by name")
    edit = _edit(curated_rows(log), variant, variant)
    if edit is None:
        raise CurationError(f"{variant!r} is already kept apart")
    return _append(log, [edit], {"change_id": _next_id(log), "at": when, "who": who,
                                 "action": "split", "actor_id": str(a["actor_id"]),
                                 "target": "", "undoes": None})


def last_undoable(log: pd.DataFrame) -> int | None:
    """The latest change that is no undo and was not undone (None when there is none)."""
    if not len(log):
        return None
    undone = set(log["undoes"].dropna().astype(int))
    ids = log.loc[log["action"] != "undo", "change_id"].astype(int)
    left = [c for c in ids.unique() if c not in undone]
    return max(left) if left else None


def undo(log: pd.DataFrame, change_id: int | None = None, *, who: str,
         when: str | None = None) -> pd.DataFrame:
    """The log with a change undoing ``change_id`` (default: :func:`last_undoable`).

    Raises
    ------
    CurationError
        No such change, an undo, one already undone, or one whose names a later change
        edited again (undo that one first).
    """
    who, when = clean_who(who), when or now_utc()
    cid = last_undoable(log) if change_id is None else int(change_id)
    if cid is None:
        raise CurationError("nothing to undo: every change is undone already")
    rows = log[log["change_id"] == cid]
    if rows.empty:
        raise CurationError(f"no change {cid} in the curation log")
    if rows["action"].iloc[0] == "undo":
        raise CurationError(f"change {cid} is an undo itself")
    if cid in set(log["undoes"].dropna().astype(int)):
        raise CurationError(f"change {cid} is undone already")
    current = curated_rows(log)
    later = [r.variant for r in rows.itertuples()
             if current.get(name_key(r.variant), {}).get("canonical", "") != r.after]
    if later:
        by = sorted({current[name_key(v)]["change_id"] for v in later
                     if name_key(v) in current})
        raise CurationError(f"a later change ({', '.join(map(str, by)) or 'an undo'}) edited "
                            f"{later[0]!r} again: undo it first")
    edits = [{"variant": r.variant, "before": r.after, "after": r.before}
             for r in rows.itertuples()]
    first = rows.iloc[0]
    return _append(log, edits, {"change_id": _next_id(log), "at": when, "who": who,
                                "action": "undo", "actor_id": first["actor_id"],
                                "target": first["target"], "undoes": cid})


# --------------------------------------------------------------------------- review

def curated_review(reg: Registry, overrides: str | Path | None) -> pd.DataFrame:
    """:func:`~ecosystem.resolution.crosswalk.crosswalk_review` plus ``change_id``,
    ``curated_by`` and ``curated_at`` for the names a curated row decides.

    ``overrides`` is a curated overrides file (:func:`compose`); without one the
    three columns are empty.
    """
    review = crosswalk_review(reg)
    review["change_id"], review["curated_by"], review["curated_at"] = "", "", ""
    p = Path(overrides) if overrides is not None else None
    if p is None or not p.exists():
        return review
    cur = pd.read_csv(p, dtype=str, keep_default_na=False, comment=None, encoding="utf-8",
                      skiprows=comment_lines(p)).map(unquoted)
    if "change_id" not in cur:
        return review
    cur = cur[cur["change_id"] != ""]
    by_key = {name_key(v): r for v, r in zip(cur["variant"], cur.to_dict("records"))}
    hit = review["method"] == "override"
    for i in review.index[hit]:
        r = by_key.get(name_key(re.sub(r" \[[^\]]*\]$", "", str(review.at[i, "variant"]))))
        if r is not None:
            review.loc[i, ["change_id", "curated_by", "curated_at"]] = [
                r["change_id"], r["who"], r["at"]]
    return review
