"""The values a study file's ``[filters]`` and ``[analysis]`` keys may take, and the files
its ``[source]`` stands for (paths, or registries fetched from their public sources)."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ecosystem.errors import InputError
from ecosystem.fetch import FetchError, cached_files, check_spec, resolve
from ecosystem.filters import DORMANT_CHOICES
from ecosystem.graphs.projection import WEIGHTINGS
from ecosystem.measures.coordination.cells import LEVELS
from ecosystem.model import PLACE_KINDS
from ecosystem.reference import datapaths

__all__ = ["PendingFetch", "fetch_command", "fetch_pending", "setting_value_problem",
           "source_paths"]

_GOAL = "an SDG goal number, a whole number from 1 to 17"
_TARGET = re.compile(r"(1[0-7]|[1-9])\.([0-9]{1,2}|[a-z])")


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def setting_value_problem(key: str, value: object) -> str | None:
    """What is wrong with the value of a ``[filters]`` or ``[analysis]`` key, or None.

    ``key`` is ``section.key``; the value's type was checked before.

    Examples
    --------
    >>> setting_value_problem("filters.start", "yesterday")
    "must be a date written YYYY-MM-DD, got 'yesterday'"
    >>> setting_value_problem("filters.goals", [14, 18])
    'each must be an SDG goal number, a whole number from 1 to 17; got 18'
    >>> setting_value_problem("analysis.level", "sector") is None
    True
    """
    def is_goal(v) -> bool:
        return isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 17

    if key in ("filters.start", "filters.end", "analysis.as_of"):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return f"must be a date written YYYY-MM-DD, got {value!r}"
    elif key == "filters.goals":
        bad = [v for v in value if not is_goal(v)]
        return f"each must be {_GOAL}; got {bad[0]!r}" if bad else None
    elif key == "analysis.goal" and not is_goal(value):
        return f"must be {_GOAL}, got {value!r}"
    elif key == "filters.targets":
        bad = [v for v in value if not (isinstance(v, str) and _TARGET.fullmatch(v))]
        return (f"each must be an SDG target written like \"14.1\" or \"14.a\"; "
                f"got {bad[0]!r}") if bad else None
    elif key in ("filters.registries", "filters.places", "filters.actor_types"):
        bad = [v for v in value if not (isinstance(v, str) and v.strip())]
        return f"each must be a non-empty string; got {bad[0]!r}" if bad else None
    elif key == "filters.dormant" and value not in DORMANT_CHOICES:
        return f"must be one of {', '.join(DORMANT_CHOICES)}, got {value!r}"
    elif key == "analysis.weight" and value not in WEIGHTINGS:
        return f"must be one of {', '.join(WEIGHTINGS)}, got {value!r}"
    elif key == "analysis.place_kind" and value not in PLACE_KINDS:
        return f"must be one of {', '.join(PLACE_KINDS)}, got {value!r}"
    elif key == "analysis.level" and value not in LEVELS:
        return f"must be one of {', '.join(LEVELS)}, got {value!r}"
    elif key in ("analysis.top", "analysis.resilience_steps", "analysis.max_edges") and value < 1:
        return f"must be a whole number of at least 1, got {value!r}"
    elif key == "analysis.rounds":
        dates = list(value.values()) if isinstance(value, dict) else value
        bad = [d for d in dates if not (isinstance(d, dt.date) or isinstance(d, str)
                                        and _is_date(d))]
        return f"each round must start on a date written YYYY-MM-DD; got {bad[0]!r}" if bad \
            else (None if dates else "must name at least one round")
    elif key in ("analysis.grouping", "analysis.vocabulary") and not value.strip():
        return "must not be empty"
    return None


def fetch_command(spec: dict) -> str:
    """The ``ecosystem fetch`` command line that fetches a ``{fetch = ...}`` source.

    >>> fetch_command({"fetch": "sdg-platform", "network": "ocean-commitments"})
    'ecosystem fetch sdg-platform --network ocean-commitments'
    """
    words = [f"--{k} {v!r}" if isinstance(v, str) and " " in v else f"--{k} {v}"
             for k, v in spec.items() if k != "fetch" and not isinstance(v, bool)]
    words += [f"--{k}" for k, v in spec.items() if v is True]
    return " ".join(["ecosystem fetch", str(spec.get("fetch")), *words])


@dataclass(frozen=True)
class PendingFetch:
    """A fetch a study names that the cache cannot answer yet (done by :func:`fetch_pending`).

    Attributes
    ----------
    spec : dict
        ``{"fetch": source, selector: value, ...}``.
    field : str
        Where the study names it (``source``, ``source.paths[2]``, ``source.fallback``).
    hint : str
        How else to provide the data, said when the fetch fails.
    replaces : tuple of Path
        Paths of the study it stands in for (a fallback's missing files).
    """

    spec: dict
    field: str
    hint: str
    replaces: tuple = ()


def source_paths(source: dict, file: Path | None,
                 data_dir_problem: Callable[[str], str]) -> tuple[list[Path], list[PendingFetch]]:
    """The registry files a study's ``[source]`` table stands for, and the fetches still to do.

    ``paths`` items are file paths (``${ECOSYSTEM_DATA}`` expanded) or fetch tables
    (``{ fetch = "hdx-3w", country = "MLI" }``); ``[source]`` itself may be a fetch table
    (``fetch = "hdx-3w"`` with its selectors); ``fallback`` is a fetch table standing in
    for the paths when one is missing (no data folder). A fetch the cache holds complete
    is answered here, without the network; the others are returned as
    :class:`PendingFetch` (their paths are not known yet), for :func:`fetch_pending`
    once the whole study has been checked. Nothing is downloaded here.

    Raises
    ------
    InputError
        A bad fetch table, or ``${ECOSYSTEM_DATA}`` unset without a fallback.

    Examples
    --------
    >>> source_paths({"paths": ["a.jsonl"]}, None, str)
    ([PosixPath('a.jsonl')], [])
    """
    if "fetch" in source:
        if "paths" in source:
            raise InputError("give paths or fetch, not both", file=file, field="source.fetch")
        spec = {k: v for k, v in source.items() if k not in ("registry", "fallback")}
        check_spec(spec, file=file, field="source")
        return _cached_or_pending(spec, "source", f"connect to the internet, or run "
                                  f"`{fetch_command(spec)}` where you are online and copy its "
                                  f"folder into $ECOSYSTEM_CACHE")
    fallback = source.get("fallback")
    if fallback is not None:
        check_spec(fallback, file=file, field="source.fallback")
    paths: list[Path] = []
    pending: list[PendingFetch] = []
    missing: list[Path] = []
    for i, p in enumerate(source["paths"], start=1):
        if isinstance(p, dict):
            check_spec(p, file=file, field=f"source.paths[{i}]")
            found, waiting = _cached_or_pending(p, f"source.paths[{i}]", f"connect to the "
                                                f"internet, or run `{fetch_command(p)}` once "
                                                f"online")
            paths += found
            pending += waiting
            continue
        try:
            q = Path(datapaths.expand(p))
        except InputError as exc:
            if fallback is None:
                raise InputError(data_dir_problem(p), file=file, field="source.paths") from exc
            q = Path(p)
        if fallback is not None and not q.is_file():
            missing.append(q)
        paths.append(q)
    if missing:
        found, waiting = _cached_or_pending(
            fallback, "source.fallback",
            f"no registry data here: the study reads {missing[0]}; set ECOSYSTEM_DATA to the "
            f"folder of real registries, or run `{fetch_command(fallback)}` once online",
            replaces=tuple(missing))
        paths = [p for p in paths if p not in missing] + found
        pending += waiting
    return paths, pending


def _cached_or_pending(spec: dict, field: str, hint: str, replaces: tuple = ()
                       ) -> tuple[list[Path], list[PendingFetch]]:
    found = cached_files(spec)
    if found is not None:
        return found, []
    return [*replaces], [PendingFetch(spec, field, hint, replaces)]


def fetch_pending(paths: list[Path], pending: list[PendingFetch],
                  file: Path | None = None) -> int:
    """Do the fetches a study still needs; complete ``paths`` in place; how many were done.

    The files a fallback stands in for are replaced by the fetched ones; ``pending`` is
    emptied.

    Raises
    ------
    FetchError
        A fetch failed: one line saying how else to provide the data, then the URL and
        status (a fallback's message leads with what the study lacks).
    """
    done = 0
    while pending:
        item = pending[0]
        try:
            files = resolve(item.spec, file=file, field=item.field)
        except FetchError as exc:
            raise (exc.led_by(item.hint) if item.replaces else exc.with_hint(item.hint)) from None
        paths[:] = [p for p in paths if p not in item.replaces] + files
        pending.pop(0)
        done += 1
    return done
