"""Finding an actor by name (fuzzy over names and the crosswalk, exact through the resolver)
and an initiative by its title or description.

Initiatives (:func:`search_initiatives`): titles are matched with rapidfuzz's
``WRatio`` as names are; descriptions by the query's words, every one of them
present (case-insensitive) in the description, titles first.

Every actor is searchable under its resolved name, the names it was written
as (``source_names``) and the crosswalk's variants (``UNEP``, ``UN
Environment``, ``ONU-Environnement`` all lead to the United Nations Environment
Programme). Matching uses rapidfuzz's ``WRatio`` on names normalised by
``rapidfuzz.utils.default_process`` (case, punctuation); a name equal to the
query ranks first. On request (Enter in the search box) the query also goes
through :func:`ecosystem.resolution.resolve.resolve_names` with the whole registry as
context, which finds the actor a new spelling resolves to.

A query longer than :data:`MAX_QUERY_CHARS` is refused with an
:class:`~ecosystem.errors.InputError` before any matching: a name is never
that long, and the fuzzy scorer's time grows with the query's length times
every name's (a 2M-character query took 43 s of CPU). :func:`query_problem`
gives the message to show instead.
"""
from __future__ import annotations

import threading

import numpy as np
import pandas as pd
from dash import html
from rapidfuzz import fuzz, process, utils

from ecosystem.errors import EcosystemError, InputError
from ecosystem.explorer.state import View
from ecosystem.explorer.tables import actor_link, initiative_link, message
from ecosystem.model import Registry
from ecosystem.views.formatting import counted
from ecosystem.views.record_words import records

__all__ = [
    "MAX_QUERY_CHARS", "MIN_SCORE", "RESULT_COLUMNS", "INITIATIVE_COLUMNS", "initiative_counts",
    "name_index", "query_problem", "search_actors", "search_initiatives", "search_results",
    "warm_resolver",
]

#: Lowest WRatio (0–100) shown as a match.
MIN_SCORE = 70
#: Longest search text accepted (the registries' longest names are about 150 characters).
MAX_QUERY_CHARS = 200


def query_problem(query: str | None) -> str | None:
    """Why ``query`` cannot be searched (one line), or None when it can.

    Examples
    --------
    >>> query_problem("UNEP") is None
    True
    >>> query_problem("x" * 5000)
    'the search text is 5,000 characters long; at most 200 are searched'
    """
    n = len((query or "").strip())
    if n > MAX_QUERY_CHARS:
        return f"the search text is {n:,} characters long; at most {MAX_QUERY_CHARS} are searched"
    return None

RESULT_COLUMNS = ["actor_id", "name", "actor_type", "initiatives", "matched", "how", "score"]


def name_index(view: View) -> pd.DataFrame:
    """``text, actor_id, how`` for every searchable name of the view's actors (cached)."""
    def compute():
        reg = view.reg
        a = reg.actors
        parts = [pd.DataFrame({"text": a["name"], "actor_id": a["actor_id"], "how": "name"})]
        if "official_name" in a:
            parts.append(pd.DataFrame({"text": a["official_name"], "actor_id": a["actor_id"],
                                       "how": "official name"}))
        src = a[["actor_id", "source_names"]].dropna()
        if len(src):
            split = src.assign(text=src["source_names"].str.split(" | ", regex=False))
            split = split.explode("text")
            parts.append(split[["text", "actor_id"]].assign(how="name as written"))
        cw = reg.crosswalk
        if len(cw):
            parts.append(pd.DataFrame({"text": cw["variant"], "actor_id": cw["actor_id"],
                                       "how": "crosswalk variant"}))
        idx = pd.concat(parts, ignore_index=True).dropna(subset=["text"])
        idx["text"] = idx["text"].astype(str).str.strip()
        idx = idx[idx["text"] != ""].drop_duplicates(["text", "actor_id"], keep="first")
        return idx.reset_index(drop=True)
    return view.once("name_index", compute)


def initiative_counts(view: View) -> pd.Series:
    """Distinct initiatives per actor id in the view (cached)."""
    return view.once("initiative_counts", lambda: view.reg.ties.groupby("actor_id")[
        "initiative_id"].nunique())


def search_actors(view: View, query: str, *, limit: int = 10,
                  resolve_with: Registry | None = None) -> pd.DataFrame:
    """Actors of ``view`` whose names match ``query``, best first.

    Parameters
    ----------
    view : View
    query : str
    limit : int
        Most actors returned.
    resolve_with : Registry, optional
        Also run :func:`ecosystem.resolution.resolve.resolve_names` with this registry as
        context; the actor the query resolves to comes first (``how`` =
        ``"resolves to"``, or ``"resolves to (outside this selection)"`` when
        the filters leave it out).

    Returns
    -------
    DataFrame
        ``actor_id, name, actor_type, initiatives`` (in the view), ``matched``
        (the name that matched), ``how`` (name, name as written, crosswalk
        variant, resolves to), ``score`` (0–100; an exact match of a name
        scores 100 and ranks first).

    Raises
    ------
    InputError
        When the query is longer than :data:`MAX_QUERY_CHARS` (see :func:`query_problem`).
    """
    query = query.strip() if isinstance(query, str) else ""
    problem = query_problem(query)
    if problem:
        raise InputError(problem, field="search")
    if not query:
        return pd.DataFrame(columns=RESULT_COLUMNS)
    idx = name_index(view)
    texts = idx["text"].tolist()
    hits = process.extract(query, texts, scorer=fuzz.WRatio, processor=utils.default_process,
                           limit=max(limit * 20, 50), score_cutoff=MIN_SCORE)
    rows = idx.iloc[[h[2] for h in hits]].assign(score=[float(h[1]) for h in hits])
    q = utils.default_process(query)
    exact = np.array([utils.default_process(t) == q for t in rows["text"]], dtype=bool)
    rows = rows.assign(score=np.where(exact, 100.0, np.minimum(rows["score"], 99.0)))
    if resolve_with is not None:
        rows = pd.concat([_resolved(view, query, resolve_with), rows], ignore_index=True)
    if rows.empty:
        return pd.DataFrame(columns=RESULT_COLUMNS)
    counts = initiative_counts(view)
    rows = rows.assign(initiatives=counts.reindex(rows["actor_id"]).fillna(0).astype(int)
                       .to_numpy(),
                       _first=rows["how"].str.startswith("resolves to").astype(int))
    rows = rows.sort_values(["_first", "score", "initiatives"], ascending=False, kind="stable")
    rows = rows.drop_duplicates("actor_id").head(limit)
    actors = view.reg.actors.set_index("actor_id")
    if resolve_with is not None:
        known = resolve_with.actors.set_index("actor_id")
        actors = pd.concat([actors, known[~known.index.isin(actors.index)]])
    out = pd.DataFrame({
        "actor_id": rows["actor_id"].to_numpy(),
        "name": actors["name"].reindex(rows["actor_id"]).to_numpy(),
        "actor_type": actors["actor_type"].reindex(rows["actor_id"]).to_numpy(),
        "initiatives": rows["initiatives"].to_numpy(),
        "matched": rows["text"].to_numpy(),
        "how": rows["how"].to_numpy(),
        "score": rows["score"].to_numpy(),
    })
    return out.reset_index(drop=True)


INITIATIVE_COLUMNS = ["initiative_id", "title", "how", "score"]


def _initiative_text(view: View) -> pd.DataFrame:
    """``initiative_id, title, text`` (title and description, lower case) of the view (cached)."""
    def compute():
        ini = view.reg.initiatives
        title = ini["title"].fillna("").astype(str)
        desc = ini["description"].fillna("").astype(str)
        return pd.DataFrame({"initiative_id": ini["initiative_id"].to_numpy(),
                             "title": title.to_numpy(),
                             "description": desc.str.lower().to_numpy()})
    return view.once("initiative_text", compute)


def search_initiatives(view: View, query: str, *, limit: int = 8) -> pd.DataFrame:
    """Initiatives of ``view`` whose title matches ``query``, or whose description holds all
    its words; title matches first.

    Returns
    -------
    DataFrame
        ``initiative_id, title, how`` ("title" or "description"), ``score`` (0–100;
        descriptions score 60).

    Raises
    ------
    InputError
        When the query is longer than :data:`MAX_QUERY_CHARS`.

    Examples
    --------
    >>> from ecosystem.explorer.state import ExplorerState
    >>> reg = Registry.from_frames(initiatives=pd.DataFrame({
    ...     "initiative_id": ["i1", "i2"], "registry": "r", "record_id": ["1", "2"],
    ...     "kind": "partnership", "title": ["Clean Seas Fiji", "Reef Watch"],
    ...     "description": ["Plastic.", "Monitoring coral reefs with schools."]}),
    ...     actors=pd.DataFrame({"actor_id": ["a"], "name": ["A"], "actor_type": "ngo"}),
    ...     ties=pd.DataFrame({"initiative_id": ["i1", "i2"], "actor_id": "a", "role": "lead",
    ...                        "registry": "r", "record_id": "x"}))
    >>> v = ExplorerState(reg).base
    >>> search_initiatives(v, "clean seas")[["initiative_id", "how"]].values.tolist()
    [['i1', 'title']]
    >>> search_initiatives(v, "coral SCHOOLS")[["initiative_id", "how"]].values.tolist()
    [['i2', 'description']]
    """
    query = query.strip() if isinstance(query, str) else ""
    problem = query_problem(query)
    if problem:
        raise InputError(problem, field="search")
    if len(query) < 3:
        return pd.DataFrame(columns=INITIATIVE_COLUMNS)
    idx = _initiative_text(view)
    hits = process.extract(query, idx["title"].tolist(), scorer=fuzz.WRatio,
                           processor=utils.default_process, limit=limit,
                           score_cutoff=max(MIN_SCORE, 85))
    rows = [(idx["initiative_id"].iat[k], idx["title"].iat[k], "title", float(sc))
            for _, sc, k in hits]
    words = [w for w in utils.default_process(query).split() if len(w) >= 3]
    if words and len(rows) < limit:
        mask = np.ones(len(idx), dtype=bool)
        for w in words:
            mask &= idx["description"].str.contains(w, regex=False).to_numpy()
        seen = {r[0] for r in rows}
        for k in np.flatnonzero(mask):
            if idx["initiative_id"].iat[k] not in seen:
                rows.append((idx["initiative_id"].iat[k], idx["title"].iat[k], "description",
                             60.0))
            if len(rows) >= limit:
                break
    return pd.DataFrame(rows, columns=INITIATIVE_COLUMNS)


_warmed: set = set()
_warm_lock = threading.Lock()


def warm_resolver(context: Registry) -> None:
    """Learn the resolver's context for ``context`` in a background thread, once.

    :func:`ecosystem.resolution.resolve.resolve_names` learns acronyms and variants from
    the whole registry on its first call, a pass over all its names; starting it
    when a person begins to type takes that pass off the Enter that follows. (A name
    the registry was written with is answered at once from its crosswalk; another name
    is resolved with all the registry's names, about 1.3 s on the Ocean registry.)
    """
    with _warm_lock:
        if id(context) in _warmed:
            return
        _warmed.add(id(context))

    def learn():
        from ecosystem.resolution.resolve import resolve_names

        try:
            resolve_names(["warm-up"], registry=context)
        except EcosystemError:
            pass
    threading.Thread(target=learn, name="resolver-warm-up", daemon=True).start()


def _resolved(view: View, query: str, context: Registry) -> pd.DataFrame:
    from ecosystem.resolution.resolve import resolve_names

    try:
        key = resolve_names([query], registry=context).iloc[0]
    except EcosystemError:
        key = None
    if key is None or pd.isna(key) or key not in set(context.actors["actor_id"]):
        return pd.DataFrame(columns=["text", "actor_id", "how", "score"])
    how = "resolves to" if key in set(view.reg.actors["actor_id"]) else \
        "resolves to (outside this selection)"
    return pd.DataFrame({"text": [query], "actor_id": [key], "how": [how], "score": [100.0]})


def search_results(view: View, query: str, *,
                   resolve_with: Registry | None = None) -> html.Div:
    """The search results as links to the actors' cards."""
    if not (query or "").strip():
        return html.Div()
    problem = query_problem(query)
    if problem:  # a message, never a callback error or seconds of CPU
        return message(f"Not searched: {problem}.")
    found = search_actors(view, query, resolve_with=resolve_with)
    inis = search_initiatives(view, query)
    many, one = records(view.analysis)
    if found.empty and inis.empty:
        return message(f"No actor or {one} in this selection matches {query!r}.")
    items = []
    for i, r in enumerate(found.itertuples()):
        if r.how.startswith("resolves to"):
            via = " — the name resolves to it" + (
                "; the filters leave it out" if r.how != "resolves to" else "")
        elif r.how == "name" and r.matched == r.name:
            via = ""
        else:
            via = f" — {r.how}: {r.matched}"
        items.append(html.Li([actor_link(r.actor_id, r.name, "search", i),
                              html.Span(f" ({counted(r.initiatives, one, many)}){via}",
                                        className="muted")]))
    parts = [html.H4("Actors"), html.Ul(items, className="found-actors")] if items else []
    if len(inis):
        parts += [html.H4(many.capitalize()), html.Ul([
            html.Li([initiative_link(r.initiative_id, r.title, "search", i),
                     html.Span(f" — {r.how}", className="muted")])
            for i, r in enumerate(inis.itertuples())], className="found-initiatives")]
    return html.Div(parts)
