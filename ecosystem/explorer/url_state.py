"""The page's whole view state in its URL: filters, chosen actor, tab, map settings, period.

A reload or a shared link restores what the person was looking at. The query
string is the one place the state is written to and read from:
:func:`to_query` writes a :class:`PageState`, :func:`parse_query` reads one
back. The query is untrusted (anyone can hand over a link): every value is
checked against what the controls could have sent, and, when the registry's
choices are given, against those choices; a value that fails is dropped and
named in the problems returned (shown on the page), never raised as an error.

Query keys (lists repeat the key; defaults are left out)::

    registries goals targets places actor_types            filter values
    communities sectors
    start end                                              date window, YYYY-MM-DD
    dormant                                                include | exclude | only
    period                                                 YYYY-YYYY (the period slider)
    actor                                                  the actor whose card is open
    tab mode steps colour                                  panel and network-map settings

Examples
--------
>>> s = PageState(filters=Filters(goals=(14,), targets=("14.1",)), actor="unep", tab="brokers")
>>> q = to_query(s)
>>> q
'?goals=14&targets=14.1&actor=unep&tab=brokers'
>>> parse_query(q) == (s, [])
True
>>> state, problems = parse_query("?goals=99&tab=<script>&dormant=exclude&x=1")
>>> state.filters.dormant, state.filters.goals, state.tab
('exclude', (), 'network')
>>> problems
['goals: 99 is not an SDG goal (1–17)', "tab: '<script>' is not a tab", 'x: unknown setting']
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlencode

from ecosystem.explorer.state import MAX_CHOICES, ExplorerState, Filters
from ecosystem.filters import DORMANT_CHOICES

if TYPE_CHECKING:
    from dash import Dash

__all__ = [
    "TABS", "MODES", "COLOURS", "MAX_QUERY_CHARS", "LIST_KEYS", "CONTROLS", "PageState",
    "parse_query", "to_query", "page_state", "control_values", "allowed_values", "register",
]

#: The panels, in the order of their tabs.
TABS = ("network", "coverage", "duplicates", "brokers", "structure", "power", "resilience",
        "places")
MODES = ("whole", "ego")
COLOURS = ("actor_type", "community")
#: Longest query read (longer: ignored whole, and said).
MAX_QUERY_CHARS = 20_000
#: Filter fields held as lists.
LIST_KEYS = ("registries", "goals", "targets", "places", "actor_types", "communities", "sectors")
_TARGET = re.compile(r"^\d{1,2}\.[0-9a-z]{1,2}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PERIOD = re.compile(r"^(\d{4})-(\d{4})$")
_TEXT_CHARS = 300  # longest place code, actor type, sector or actor id accepted


@dataclass(frozen=True)
class PageState:
    """What the page shows, as the URL holds it."""

    filters: Filters = field(default_factory=Filters)
    actor: str | None = None
    tab: str = "network"
    mode: str = "whole"
    steps: int = 1
    colour: str = "actor_type"


def to_query(state: PageState) -> str:
    """``state`` as a query string (``"?..."``; ``""`` when everything is at its default)."""
    f = state.filters
    pairs: list[tuple[str, str]] = []
    for key in LIST_KEYS:
        pairs += [(key, str(v)) for v in getattr(f, key)]
    for key in ("start", "end"):
        if getattr(f, key):
            pairs.append((key, str(getattr(f, key))))
    if f.dormant != "include":
        pairs.append(("dormant", f.dormant))
    if f.period:
        pairs.append(("period", f"{f.period[0]}-{f.period[1]}"))
    if state.actor:
        pairs.append(("actor", state.actor))
    default = PageState()
    for key in ("tab", "mode", "steps", "colour"):
        if getattr(state, key) != getattr(default, key):
            pairs.append((key, str(getattr(state, key))))
    return "?" + urlencode(pairs) if pairs else ""


def _printable(v: str) -> bool:
    return 0 < len(v) <= _TEXT_CHARS and v.isprintable()


def _check_list(key: str, values: list[str], allowed: dict, problems: list) -> tuple:
    if len(values) > MAX_CHOICES:
        problems.append(f"{key}: more than {MAX_CHOICES:,} values")
        return ()
    kept = []
    for v in values:
        if key in ("goals", "communities"):
            try:
                x = int(v)
            except ValueError:
                problems.append(f"{key}: {v[:40]!r} is not a whole number")
                continue
            if key == "goals" and not 1 <= x <= 17:
                problems.append(f"goals: {x} is not an SDG goal (1–17)")
                continue
            value: object = x
        elif key == "targets" and not _TARGET.match(v):
            problems.append(f"targets: {v[:40]!r} is not an SDG target")
            continue
        elif not _printable(v):
            problems.append(f"{key}: a value is empty, too long or not text")
            continue
        else:
            value = v
        if key in allowed and value not in allowed[key]:
            problems.append(f"{key}: {str(value)[:40]!r} is not in this registry")
            continue
        kept.append(value)
    return tuple(sorted(set(kept)))


def _check_date(key: str, v: str, problems: list) -> str | None:
    if _DATE.match(v):
        try:
            date.fromisoformat(v)
            return v
        except ValueError:
            pass
    problems.append(f"{key}: {v[:40]!r} is not a date (YYYY-MM-DD)")
    return None


def parse_query(search: str | None, allowed: dict | None = None
                ) -> tuple[PageState, list[str]]:
    """The page state a query string holds, and the problems of the values dropped.

    Parameters
    ----------
    search : str
        ``location.search`` (with or without the leading ``?``).
    allowed : dict, optional
        Key (``registries``, ``goals``, ``targets``, ``places``, ``actor_types``,
        ``communities``, ``sectors``, ``actor``) → the set of values the
        registry offers; values outside it are dropped.

    Examples
    --------
    >>> parse_query("?actor=unep&steps=2&mode=ego", {"actor": {"wwf"}})[1]
    ["actor: 'unep' is not in this registry"]
    >>> parse_query("?period=2020-2017")[1]
    ["period: '2020-2017' is not YYYY-YYYY with the first year first"]
    """
    allowed = allowed or {}
    problems: list[str] = []
    search = search or ""
    if len(search) > MAX_QUERY_CHARS:
        return PageState(), [f"the address holds {len(search):,} characters of settings; "
                             f"at most {MAX_QUERY_CHARS:,} are read, so none were"]
    query = parse_qs(search.lstrip("?"), keep_blank_values=False, max_num_fields=MAX_CHOICES)
    fkw: dict = {}
    kw: dict = {}
    for key, values in query.items():
        last = values[-1]
        if key in LIST_KEYS:
            fkw[key] = _check_list(key, values, allowed, problems)
        elif key in ("start", "end"):
            fkw[key] = _check_date(key, last, problems)
        elif key == "dormant":
            if last in DORMANT_CHOICES:
                fkw[key] = last
            else:
                problems.append(f"dormant: {last[:40]!r} is not one of "
                                f"{', '.join(DORMANT_CHOICES)}")
        elif key == "period":
            m = _PERIOD.match(last)
            if m and 1900 <= int(m[1]) <= int(m[2]) <= 2100:
                fkw["period"] = (int(m[1]), int(m[2]))
            else:
                problems.append(f"period: {last[:40]!r} is not YYYY-YYYY with the first year "
                                "first")
        elif key == "actor":
            if not _printable(last):
                problems.append("actor: empty, too long or not text")
            elif "actor" in allowed and last not in allowed["actor"]:
                problems.append(f"actor: {last[:40]!r} is not in this registry")
            else:
                kw["actor"] = last
        elif key in ("tab", "mode", "colour"):
            choices = {"tab": TABS, "mode": MODES, "colour": COLOURS}[key]
            if last in choices:
                kw[key] = last
            else:
                problems.append(f"{key}: {last[:40]!r} is not a {key}")
        elif key == "steps":
            if last in ("1", "2"):
                kw["steps"] = int(last)
            else:
                problems.append(f"steps: {last[:40]!r} is not 1 or 2")
        else:
            problems.append(f"{key[:40]}: unknown setting")
    fkw = {k: v for k, v in fkw.items() if v not in (None, ())}
    return PageState(filters=Filters(**fkw), **kw), problems


#: The controls the URL restores and follows: (component id, property).
CONTROLS = (
    ("f-goals", "value"), ("f-targets", "value"), ("f-places", "value"),
    ("f-actor-types", "value"), ("f-communities", "value"), ("f-sectors", "value"),
    ("f-dates", "start_date"), ("f-dates", "end_date"), ("f-dormant", "value"),
    ("period", "value"), ("tabs", "value"), ("network-mode", "value"),
    ("network-steps", "value"), ("network-colour", "value"), ("selected-actor", "data"),
    ("f-registries", "value"),
)


def page_state(values: list) -> PageState:
    """The :class:`PageState` of the controls' values, in :data:`CONTROLS` order.

    Values the controls could not send raise
    :class:`~ecosystem.errors.AnalysisError` (from :meth:`Filters.from_data`).
    """
    (goals, targets, places, actor_types, communities, sectors, start, end, dormant, period,
     tab, mode, steps, colour, actor, registries) = values
    f = Filters.from_data({"goals": goals, "targets": targets, "places": places,
                           "actor_types": actor_types, "communities": communities,
                           "sectors": sectors, "start": start, "end": end,
                           "dormant": dormant or "include", "period": period,
                           "registries": registries})
    return PageState(filters=f, actor=actor or None,
                     tab=tab if tab in TABS else "network",
                     mode=mode if mode in MODES else "whole",
                     steps=2 if str(steps) == "2" else 1,
                     colour=colour if colour in COLOURS else "actor_type")


def control_values(s: PageState) -> list:
    """The controls' values for ``s``, in :data:`CONTROLS` order (inverse of :func:`page_state`).

    Examples
    --------
    >>> s = PageState(filters=Filters(targets=("14.1",), dormant="exclude"), tab="power")
    >>> page_state(control_values(s)) == s
    True
    """
    f = s.filters
    return [list(f.goals), list(f.targets), list(f.places), list(f.actor_types),
            list(f.communities), list(f.sectors), f.start, f.end, f.dormant,
            list(f.period) or None, s.tab, s.mode, s.steps, s.colour, s.actor,
            list(f.registries)]


def allowed_values(state: ExplorerState) -> dict:
    """The values the registry offers per URL key (for :func:`parse_query`), computed once."""
    from ecosystem.explorer.filters import filter_options

    def compute():
        opts = filter_options(state)
        out = {k: {o["value"] for o in v} for k, v in opts.items()}
        out["actor"] = set(state.base.reg.actors["actor_id"].astype(str))
        return out
    return state.base.once("url-allowed", compute)


def register(app: Dash, state: ExplorerState) -> None:
    """Callbacks: the address → the controls (on load, back and forward); the controls →
    the address (each change is a history entry, so "back" undoes it)."""
    from dash import Input, Output, State
    from dash.exceptions import PreventUpdate

    from ecosystem.errors import AnalysisError

    outputs = [Output(c, p, allow_duplicate=(c == "selected-actor")) for c, p in CONTROLS]

    from ecosystem.explorer.filters import period_span, period_value

    def tidy(values: tuple) -> list:
        values = list(values)
        k = [c for c, _ in CONTROLS].index("period")
        values[k] = period_value(state, values[k])  # the whole span is no period filter
        return values

    @app.callback(*outputs, Output("url-message", "children"), Input("url", "search"),
                  *[State(c, p) for c, p in CONTROLS],
                  prevent_initial_call="initial_duplicate")
    def _restore(search, *current):
        current = tidy(current)
        if not search:
            raise PreventUpdate  # no address state: the page's own (the study's filters)
        wanted, problems = parse_query(search, allowed_values(state))
        try:
            same = page_state(list(current)) == wanted
        except AnalysisError:
            same = False
        if same and not problems:
            raise PreventUpdate
        note = ("Some settings in the address were not used: " + "; ".join(problems[:8])
                + ("; …" if len(problems) > 8 else "")) if problems else ""
        values = control_values(wanted)
        k = [c for c, _ in CONTROLS].index("period")
        if values[k] is None:  # no period: the slider spans every year
            span = period_span(state)
            values[k] = list(span) if span else None
        return *values, note

    @app.callback(Output("url-out", "search"), *[Input(c, p) for c, p in CONTROLS])
    def _write(*values):
        try:
            return to_query(page_state(tidy(values)))
        except AnalysisError:
            raise PreventUpdate from None
