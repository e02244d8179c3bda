"""Report section on places: where initiatives work and where actors are based, on a map."""
from __future__ import annotations

import pandas as pd

from ecosystem.errors import AnalysisError
from ecosystem.measures.context import Analysis
from ecosystem.model import Registry
from ecosystem.reference.countries import country_name
from ecosystem.reference.country_shapes import country_points, shape_ids
from ecosystem.report.section import Section
from ecosystem.views.country_map import country_map
from ecosystem.views.formatting import count
from ecosystem.views.record_words import renamed_initiatives

__all__ = ["NATURAL_EARTH", "country_counts", "places"]

#: Reference for the country outlines.
NATURAL_EARTH = ("Natural Earth (public domain). Admin 0 – Countries, 1:110m, "
                 "naturalearthdata.com; simplified as described in "
                 "data/country_shapes.PROVENANCE.md.")


def country_counts(reg: Registry) -> pd.DataFrame:
    """Initiatives working in, and actors based in, each country.

    An initiative counts in a country where the registry places it: a place of kind
    ``country``, or an admin area of the country (its ``parent``). An actor counts in its
    ``country``, when it takes part in an initiative.

    Returns
    -------
    DataFrame
        ``country`` (ISO3), ``name``, ``initiatives``, ``actors``, most initiatives first.

    Examples
    --------
    >>> import pandas as pd
    >>> reg = Registry.from_frames(
    ...     actors=pd.DataFrame({"actor_id": ["a", "b"], "name": ["A", "B"],
    ...                          "actor_type": "ngo", "country": ["KEN", "FJI"]}),
    ...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2"], "registry": "r",
    ...                               "record_id": ["1", "2"], "kind": "partnership"}),
    ...     ties=pd.DataFrame({"initiative_id": ["i1", "i2"], "actor_id": ["a", "a"],
    ...                        "role": "lead", "registry": "r", "record_id": "1"}),
    ...     initiative_places=pd.DataFrame({"initiative_id": ["i1", "i2", "i2"],
    ...                                     "place": ["KEN", "FJI", "Nairobi"],
    ...                                     "kind": ["country", "country", "admin1"],
    ...                                     "parent": [None, None, "KEN"]}))
    >>> country_counts(reg)[["country", "initiatives", "actors"]].to_numpy().tolist()
    [['KEN', 2, 1], ['FJI', 1, 0]]
    """
    p = reg.initiative_places
    iso = p["place"].where(p["kind"] == "country",
                           p["parent"].where(p["kind"].isin(["admin1", "admin2", "admin3"])))
    where = pd.DataFrame({"initiative_id": p["initiative_id"], "country": iso}).dropna()
    where = where[where["country"].astype(str).str.fullmatch(r"[A-Z]{3}")]
    initiatives = where.groupby("country")["initiative_id"].nunique()
    active = set(reg.ties["actor_id"])
    a = reg.actors[reg.actors["actor_id"].isin(active)].dropna(subset=["country"])
    actors = a.groupby("country")["actor_id"].nunique()
    out = pd.concat({"initiatives": initiatives, "actors": actors}, axis=1).fillna(0)
    out = out.astype("int64").rename_axis("country").reset_index()
    out.insert(1, "name", [country_name(c) or c for c in out["country"]])
    return out.sort_values(["initiatives", "actors", "country"], ascending=[False, False, True],
                           kind="stable").reset_index(drop=True)


def _top(df: pd.DataFrame, col: str, k: int = 3) -> str:
    top = df[df[col] > 0].sort_values(col, ascending=False, kind="stable").head(k)
    return ", ".join(f"{n} ({count(v)})" for n, v in zip(top["name"], top[col]))


def places(a: Analysis) -> Section:
    """Where initiatives work and where actors are based: a country map and a table."""
    counts = country_counts(a.reg)
    if counts.empty:
        raise AnalysisError("the registry records no country for its initiatives' places or "
                            "its actors")
    n_i = int((counts["initiatives"] > 0).sum())
    n_a = int((counts["actors"] > 0).sum())
    s = Section("places", "Places: where actors are based" if not n_i else {
        "presence": "Places: where organisations are present",
        "grant": "Places: where grants go"}.get(a.kind.name, f"Places: where {a.kind.records} work"))
    if not n_i:  # a drawn network places no link: its actors' countries are all there is
        counts = counts.sort_values(["actors", "country"], ascending=[False, True],
                                    ignore_index=True)
    s.findings = []
    if n_i:
        # counted in what the registry records: a 3W's presence records, a funder's grants
        verb, most = {"presence": ("are in", "in"), "grant": ("go to", "to")}.get(
            a.kind.name, ("work in", "in"))
        s.findings.append(f"{a.kind.records.capitalize()} {verb} " + (
            f"{count(n_i)} countries; most {most} {_top(counts, 'initiatives')}." if n_i > 1
            else f"one country: {_top(counts, 'initiatives')}."))
    if n_a:
        s.findings.append("Actors are based in " + (
            f"{count(n_a)} countries; most in {_top(counts, 'actors')}." if n_a > 1
            else f"one country: {_top(counts, 'actors')}."))
    s.summary = s.findings[:1]
    small = counts[~counts["country"].isin(shape_ids() | set(country_points()))]
    s.how_to_read = ((f"Colour is the number of {a.kind.records} the registry places in a country "
                      "(its countries, and the country of its admin areas); the buttons switch "
                      "to the number of actors based there." if n_i else
                      "Colour is the number of actors based in a country (the registry places "
                      f"none of its {a.kind.records} in a country).")
                     + " The colour scale is logarithmic; grey "
                     "is none. Small countries without an outline at this scale are dots at "
                     "their capitals. Hover a country for both counts."
                     + (f" {count(len(small))} small "
                        + ("country has" if len(small) == 1 else "countries (mostly islands) have")
                        + " neither outline nor dot at this scale: see the table."
                        if len(small) else ""))
    has = [c for c in ("initiatives", "actors") if counts[c].any()]
    shown_counts = a.kind.records if has[0] == "initiatives" else "actors"
    s.figures = [country_map(counts, values=has,
                             labels=[a.kind.records.capitalize() if c == "initiatives"
                                     else "Actors" for c in has],
                             title=f"{shown_counts.capitalize()} per country")]
    s.tables = [(f"Countries (most {a.kind.records if n_i else 'actors'} first)",
                 renamed_initiatives(counts, a.kind.records, a.kind.record), a.settings.top)]
    s.full_tables = {"countries": counts}
    s.methods = [("Country map", f"{a.kind.records.capitalize()} counted in each country where "
                  "the registry places "
                  "them (country places, and the parent country of admin areas); actors by "
                  "their country. Outlines: Natural Earth 1:110m admin-0 countries, public "
                  "domain, simplified to about 0.1 degree and drawn from the report itself "
                  "(no map tiles).")]
    s.references = [NATURAL_EARTH]
    return s
