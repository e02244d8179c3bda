"""The canonical, registry-independent model.

Every loader produces a :class:`Registry`; every later layer (graphs, analyses,
views, report, explorer) consumes one. A registry is a set of pandas
DataFrames whose columns and dtypes are fixed by :data:`SCHEMA` and checked by
:func:`validate`.

Two stages
----------
A loader reads records into *initiatives*, their facets, and **mentions**: an
organisation named in a record, as written, with its role. Actor resolution
(:func:`ecosystem.resolution.resolve.resolve_registry`) then turns mentions into
**actors** and **ties**, and fills the actor ids of **flows**. Phrases that are
not organisations ("NGOs", "All relevant government departments") are kept in
**unresolved** with the record they came from, never made into actors.

Tables
------
actors
    One row per organisation after resolution.
initiatives
    One row per partnership, commitment, activity, grant or 3W presence.
ties
    Actor takes part in initiative, with a role and provenance.
initiative_goals, initiative_targets, initiative_places, initiative_themes
    Facets of an initiative (SDG goals 1–17, SDG targets such as ``14.a``,
    places with their kind, themes with their vocabulary).
deliverables, resources
    What an initiative promises and what it brings.
flows
    Money or support from a provider actor to a receiver actor.
mentions, unresolved, crosswalk
    Names as written, phrases that are not organisations, and the resolver's
    variant → actor table for review.

Examples
--------
>>> reg = Registry.empty()
>>> reg.initiatives.columns[:3].tolist()
['initiative_id', 'registry', 'record_id']
>>> validate(reg)
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields

import pandas as pd

from ecosystem.errors import AnalysisError, SchemaError
from ecosystem.id_lookups import member_of

__all__ = [
    "ACTOR_TYPES", "MULTILATERAL_TYPES", "ROLES", "PLACE_KINDS", "SCHEMA", "empty_frame", "conform",
    "validate_table", "TABLES", "Registry", "validate", "concat", "require_initiatives",
]

#: Controlled vocabulary of actor types.
ACTOR_TYPES = (
    "government",
    "local_government",
    "un_multilateral",
    "intergovernmental",
    "ngo",
    "civil_society",
    "private_sector",
    "academic",
    "scientific",
    "philanthropic",
    "partnership",
    "other",
    "unknown",
)

#: Actor types whose bodies belong to no one country (North–South counts them as multilateral;
#: no country is read from their names).
MULTILATERAL_TYPES = ("un_multilateral", "intergovernmental")

#: Roles an actor can hold in an initiative.
ROLES = (
    "lead",
    "partner",
    "funding",
    "accountable",
    "extending",
    "implementing",
    "reporting",
    "recipient",
    "provider",
    "receiver",
)

#: Kinds of place.
PLACE_KINDS = ("country", "region", "ocean_basin", "admin1", "admin2", "admin3", "global", "other")

# Column spec: (name, kind, nullable). kinds: str, int, float, date, bool.
SCHEMA: dict[str, list[tuple[str, str, bool]]] = {
    "actors": [
        ("actor_id", "str", False),
        ("name", "str", False),  # the name the registry's users write most ("UNEP")
        ("official_name", "str", True),  # the body's full name ("United Nations Environment Programme")
        ("actor_type", "str", False),
        ("country", "str", True),
        ("org_ref", "str", True),
        ("source_names", "str", True),  # variants as written, joined with " | "
    ],
    "initiatives": [
        ("initiative_id", "str", False),
        ("registry", "str", False),
        ("record_id", "str", False),
        ("kind", "str", False),  # partnership, activity, presence, grant
        ("title", "str", True),
        ("description", "str", True),
        ("start", "date", True),
        ("end", "date", True),
        ("placeholder_dates", "bool", True),  # registry gave a placeholder (e.g. 1970-01-01)
        ("status", "str", True),
        ("url", "str", True),
    ],
    "ties": [
        ("initiative_id", "str", False),
        ("actor_id", "str", False),
        ("role", "str", False),
        ("registry", "str", False),
        ("record_id", "str", False),
        ("source_text", "str", True),  # the raw fragment the actor was read from
    ],
    "initiative_goals": [("initiative_id", "str", False), ("goal", "int", False)],
    "initiative_targets": [
        ("initiative_id", "str", False),
        ("target", "str", False),
        ("goal", "int", False),
    ],
    "initiative_places": [
        ("initiative_id", "str", False),
        ("place", "str", False),  # ISO3, region code, basin or admin name/code
        ("kind", "str", False),
        ("name", "str", True),
        ("share", "float", True),  # percentage when the registry gives one
        ("parent", "str", True),  # e.g. the ISO3 of an admin1 area
    ],
    "initiative_themes": [
        ("initiative_id", "str", False),
        ("theme", "str", False),
        ("vocabulary", "str", False),  # e.g. ocean_action_community, dac_sector, cluster
        ("code", "str", True),
    ],
    "deliverables": [
        ("initiative_id", "str", False),
        ("date", "date", True),
        ("text", "str", True),
    ],
    "resources": [
        ("initiative_id", "str", False),
        ("type", "str", False),  # financing, staff_expertise, in_kind, other
        ("details", "str", True),
    ],
    "flows": [
        ("flow_id", "str", False),
        ("initiative_id", "str", True),
        ("provider_actor_id", "str", True),
        ("receiver_actor_id", "str", True),
        ("provider_name", "str", True),
        ("provider_ref", "str", True),
        ("receiver_name", "str", True),
        ("receiver_ref", "str", True),
        ("flow_type", "str", True),
        ("amount", "float", True),
        ("currency", "str", True),
        ("date", "date", True),
    ],
    "mentions": [
        ("initiative_id", "str", False),
        ("name", "str", False),  # as written (after mojibake repair)
        ("role", "str", False),
        ("actor_type", "str", False),
        ("country", "str", True),
        ("org_ref", "str", True),
        ("registry", "str", False),
        ("record_id", "str", False),
        ("source_text", "str", True),
    ],
    "unresolved": [
        ("initiative_id", "str", False),
        ("text", "str", False),
        ("role", "str", False),
        ("reason", "str", False),
    ],
    "crosswalk": [
        ("variant", "str", False),
        ("actor_id", "str", False),
        ("score", "float", False),
        ("method", "str", False),  # exact, normalised, acronym, fuzzy, ref, override
        ("registry", "str", True),
    ],
}

_DTYPES = {
    "str": "string",
    "int": "Int64",
    "float": "Float64",
    "date": "datetime64[ns]",
    "bool": "boolean",
}


def empty_frame(table: str) -> pd.DataFrame:
    """Return an empty DataFrame with the columns and dtypes of ``table``."""
    return pd.DataFrame({c: pd.Series(dtype=_DTYPES[k]) for c, k, _ in SCHEMA[table]})


def conform(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """Return ``df`` with exactly the schema's columns, in order, cast to their dtypes.

    Missing nullable columns are added as nulls. Extra columns are dropped.
    Raises :class:`SchemaError` when a non-nullable column is missing or a value
    cannot be cast.
    """
    out = {}
    n = len(df)
    for col, kind, nullable in SCHEMA[table]:
        if col not in df.columns:
            if not nullable and n:
                raise SchemaError(f"table {table}: required column {col!r} is missing")
            out[col] = pd.Series([None] * n, index=df.index, dtype=_DTYPES[kind])
            continue
        s = df[col]
        try:
            if kind == "date":
                s = pd.to_datetime(s, errors="raise").astype("datetime64[ns]")
            elif kind == "str":
                s = s.astype("string")
            else:
                s = s.astype(_DTYPES[kind])
        except (ValueError, TypeError) as exc:
            raise SchemaError(f"table {table}, column {col}: cannot cast to {kind}: {exc}") from exc
        out[col] = s
    return pd.DataFrame(out).reset_index(drop=True)


def _bad_rows(mask: pd.Series, df: pd.DataFrame, limit: int = 5) -> str:
    idx = list(df.index[mask.fillna(True).to_numpy()][:limit])
    return f"rows {idx}" + (" ..." if int(mask.sum()) > limit else "")


def validate_table(table: str, df: pd.DataFrame) -> None:
    """Check one table against :data:`SCHEMA`; raise :class:`SchemaError` naming column and rows."""
    spec = SCHEMA[table]
    missing = [c for c, _, _ in spec if c not in df.columns]
    if missing:
        raise SchemaError(f"table {table}: missing columns {missing}")
    for col, kind, nullable in spec:
        s = df[col]
        if not nullable and len(s) and s.isna().any():
            raise SchemaError(
                f"table {table}, column {col}: nulls not allowed, {_bad_rows(s.isna(), df)}"
            )
        if kind == "date" and not pd.api.types.is_datetime64_any_dtype(s):
            raise SchemaError(f"table {table}, column {col}: expected dates, got {s.dtype}")
        if kind in ("int", "float") and not pd.api.types.is_numeric_dtype(s):
            raise SchemaError(f"table {table}, column {col}: expected numbers, got {s.dtype}")
    checks = _RULES.get(table, ())
    for col, test, what in checks:
        if len(df):
            bad = ~test(df[col]) & df[col].notna()
            if bad.any():
                raise SchemaError(f"table {table}, column {col}: {what}, {_bad_rows(bad, df)}")
    keys = _KEYS.get(table)
    if keys and len(df):
        dup = df.duplicated(keys, keep=False)
        if dup.any():
            raise SchemaError(f"table {table}: duplicate {keys}, {_bad_rows(dup, df)}")


_RULES = {
    "actors": [
        ("actor_type", lambda s: s.isin(ACTOR_TYPES), f"actor_type must be one of {ACTOR_TYPES}"),
        ("country", lambda s: s.str.fullmatch(r"[A-Z]{3}").fillna(True), "country must be ISO3"),
    ],
    "mentions": [
        ("actor_type", lambda s: s.isin(ACTOR_TYPES), f"actor_type must be one of {ACTOR_TYPES}"),
        ("role", lambda s: s.isin(ROLES), f"role must be one of {ROLES}"),
    ],
    "ties": [("role", lambda s: s.isin(ROLES), f"role must be one of {ROLES}")],
    "initiative_goals": [("goal", lambda s: s.between(1, 17), "goal must be 1..17")],
    "initiative_targets": [
        ("target", lambda s: s.str.fullmatch(r"\d{1,2}\.(\d{1,2}|[a-z])").fillna(False),
         "target must look like 14.1 or 14.a"),
    ],
    "initiative_places": [
        ("kind", lambda s: s.isin(PLACE_KINDS), f"kind must be one of {PLACE_KINDS}")
    ],
}

_KEYS = {
    "actors": ["actor_id"],
    "initiatives": ["initiative_id"],
    "initiative_goals": ["initiative_id", "goal"],
    "initiative_targets": ["initiative_id", "target"],
    "flows": ["flow_id"],
    "crosswalk": ["variant", "registry"],
}

TABLES = tuple(SCHEMA)


@dataclass
class Registry:
    """A loaded registry: the model's tables as pandas DataFrames.

    Attributes are named after :data:`SCHEMA`'s tables. ``sources`` lists the
    files read (path, sha256, registry) for provenance.

    Examples
    --------
    >>> reg = Registry.empty()
    >>> len(reg.actors), len(reg.ties)
    (0, 0)
    """

    actors: pd.DataFrame = field(default_factory=lambda: empty_frame("actors"))
    initiatives: pd.DataFrame = field(default_factory=lambda: empty_frame("initiatives"))
    ties: pd.DataFrame = field(default_factory=lambda: empty_frame("ties"))
    initiative_goals: pd.DataFrame = field(default_factory=lambda: empty_frame("initiative_goals"))
    initiative_targets: pd.DataFrame = field(
        default_factory=lambda: empty_frame("initiative_targets")
    )
    initiative_places: pd.DataFrame = field(
        default_factory=lambda: empty_frame("initiative_places")
    )
    initiative_themes: pd.DataFrame = field(
        default_factory=lambda: empty_frame("initiative_themes")
    )
    deliverables: pd.DataFrame = field(default_factory=lambda: empty_frame("deliverables"))
    resources: pd.DataFrame = field(default_factory=lambda: empty_frame("resources"))
    flows: pd.DataFrame = field(default_factory=lambda: empty_frame("flows"))
    mentions: pd.DataFrame = field(default_factory=lambda: empty_frame("mentions"))
    unresolved: pd.DataFrame = field(default_factory=lambda: empty_frame("unresolved"))
    crosswalk: pd.DataFrame = field(default_factory=lambda: empty_frame("crosswalk"))
    sources: list[dict] = field(default_factory=list)

    @classmethod
    def empty(cls) -> "Registry":
        """A registry with every table empty."""
        return cls()

    @classmethod
    def from_frames(cls, sources: list[dict] | None = None,
                    **frames: pd.DataFrame) -> "Registry":
        """Build a registry from DataFrames, conforming each to its schema.

        Tables not given are empty; ``sources`` is the provenance list
        (:attr:`sources`). The frames are not validated (:func:`validate` does that).

        Examples
        --------
        >>> reg = Registry.from_frames(
        ...     actors=pd.DataFrame({"actor_id": ["a"], "name": ["A"], "actor_type": ["ngo"]}))
        >>> reg.actors.columns.tolist()[:4], len(reg.initiatives)
        (['actor_id', 'name', 'official_name', 'actor_type'], 0)
        """
        unknown = set(frames) - set(TABLES)
        if unknown:
            raise SchemaError(f"unknown tables {sorted(unknown)}")
        reg = cls(**{t: conform(t, df) for t, df in frames.items()})
        reg.sources = list(sources or [])
        return reg

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, in :data:`SCHEMA` order."""
        return {t: getattr(self, t) for t in TABLES}

    def replace(self, **frames: pd.DataFrame) -> "Registry":
        """A copy with some tables replaced (conformed to their schema)."""
        current = {f.name: getattr(self, f.name) for f in fields(self)}
        current.update({t: conform(t, df) for t, df in frames.items()})
        return Registry(**current)

    @property
    def registries(self) -> list[str]:
        """Names of the registries present, sorted."""
        return sorted(self.initiatives["registry"].dropna().unique().tolist())

    def summary(self) -> dict[str, int]:
        """Row count of every table."""
        return {t: len(df) for t, df in self.tables().items()}

    def __repr__(self) -> str:
        counts = ", ".join(f"{t}={n}" for t, n in self.summary().items() if n)
        return f"Registry({counts or 'empty'})"


def validate(reg: Registry) -> None:
    """Validate every table of ``reg`` and the references between them.

    Raises
    ------
    SchemaError
        Naming the table, the column and the offending rows.
    """
    for t in TABLES:
        validate_table(t, getattr(reg, t))
    known = set(reg.initiatives["initiative_id"].tolist())
    for t in ("ties", "initiative_goals", "initiative_targets", "initiative_places",
              "initiative_themes", "deliverables", "resources", "mentions", "unresolved"):
        df = getattr(reg, t)
        bad = pd.Series(~member_of(df["initiative_id"], known), index=df.index)
        if bad.any():
            raise SchemaError(
                f"table {t}, column initiative_id: unknown initiatives, {_bad_rows(bad, df)}"
            )
    actors = set(reg.actors["actor_id"].tolist())
    bad = pd.Series(~member_of(reg.ties["actor_id"], actors), index=reg.ties.index)
    if bad.any():
        raise SchemaError(f"table ties, column actor_id: unknown actors, {_bad_rows(bad, reg.ties)}")


def concat(registries: list[Registry]) -> Registry:
    """Stack several registries table by table (before resolution)."""
    if not registries:
        return Registry.empty()
    frames = {t: pd.concat([getattr(r, t) for r in registries], ignore_index=True) for t in TABLES}
    out = Registry(**{t: conform(t, df) for t, df in frames.items()})
    out.sources = [s for r in registries for s in r.sources]
    return out


def require_initiatives(reg: Registry, what: str = "this analysis") -> None:
    """Raise :class:`AnalysisError` when ``reg`` has no initiatives or no ties."""
    if len(reg.initiatives) == 0:
        raise AnalysisError(
            f"{what} needs initiatives, but the registry is empty: load a registry file "
            "with ecosystem.load(path), or loosen the filters that removed every initiative"
        )
    if len(reg.ties) == 0:
        raise AnalysisError(
            f"{what} needs ties between actors and initiatives, but the registry has "
            f"{len(reg.initiatives)} initiatives and no ties: run actor resolution "
            "(ecosystem.resolution.resolve.resolve_registry) or load with ecosystem.load(path)"
        )
