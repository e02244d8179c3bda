"""The resolver's review files: the overrides a person writes and the crosswalk they read.

Overrides file
--------------
CSV with header ``variant,canonical``. Each row says that a name as written
(``variant``; case, accents, punctuation and legal suffixes do not matter) is
the organisation named ``canonical`` — or, when ``canonical`` is ``not an
organisation``, that it is no organisation at all (its mentions go to the
``unresolved`` table with reason "override: not an organisation"). A row whose
``canonical`` is the variant itself keeps that name (and the names written like
it) apart from every other name: its own organisation (a split). Lines
starting with ``#`` are comments; other columns are ignored (a curated file
adds who and when, :mod:`ecosystem.resolution.curation`). Default:
``data/actor_overrides.csv``.

Crosswalk
---------
``Registry.crosswalk`` has one row per name as written and registry:

=========  ==============================================================
variant    the name as written in the registry (or an org identifier)
actor_id   the actor it was resolved to
score      confidence in [0, 1]: 1 for rule-based links, the rapidfuzz
           ratio / 100 for fuzzy ones, the share of the registry's
           definitions for acronyms
method     exact, normalised, known_body, country, acronym, fuzzy, ref,
           override (see :mod:`ecosystem.resolution.resolve`)
registry   registry the variant was read from
=========  ==============================================================

Examples
--------
>>> import pathlib, tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     path = pathlib.Path(folder) / "overrides.csv"
...     _ = path.write_text("variant,canonical\\n# reviewed 2024\\nNGOs,not an organisation\\n"
...                         "UN Environment,United Nations Environment Programme\\n")
...     rows = read_overrides(path)
>>> rows
[('NGOs', 'not an organisation'), ('UN Environment', 'United Nations Environment Programme')]
"""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from ecosystem.errors import InputError
from ecosystem.model import Registry
from ecosystem.reference.datapaths import REFERENCE_DIR
from ecosystem.untrusted import write_csv

__all__ = ["CROSSWALK_COLUMNS", "DEFAULT_OVERRIDES", "NOT_AN_ORGANISATION", "crosswalk_review",
           "read_overrides", "write_crosswalk"]

#: Default overrides file.
DEFAULT_OVERRIDES = REFERENCE_DIR / "actor_overrides.csv"
#: The ``canonical`` value that marks a variant as no organisation.
NOT_AN_ORGANISATION = "not an organisation"
#: Columns of a written crosswalk.
CROSSWALK_COLUMNS = ["variant", "actor_id", "actor_name", "score", "method", "registry"]


def read_overrides(path: str | Path | None = None) -> list[tuple[str, str]]:
    """Rows ``(variant, canonical)`` of an overrides CSV, in file order.

    Parameters
    ----------
    path : str or Path, optional
        The CSV; default :data:`DEFAULT_OVERRIDES` (an absent default file
        means no overrides; an absent named file is an error).

    Raises
    ------
    InputError
        When a named file is missing, lacks the two columns, or has an empty cell.
    """
    p = Path(path) if path is not None else DEFAULT_OVERRIDES
    if not p.exists():
        if path is None:
            return []
        raise InputError("overrides file not found", file=p)
    rows = []
    with open(p, encoding="utf-8-sig", newline="") as fh:
        lines = (line for line in fh if not line.lstrip().startswith("#"))
        reader = csv.DictReader(lines)
        cols = [c.strip() for c in (reader.fieldnames or [])]
        if "variant" not in cols or "canonical" not in cols:
            raise InputError("overrides need the columns variant,canonical", file=p,
                             record="line 1")
        for i, row in enumerate(reader, start=2):
            row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
            if not row.get("variant") or not row.get("canonical"):
                raise InputError("empty variant or canonical", file=p, record=f"row {i}",
                                 field="variant" if not row.get("variant") else "canonical")
            rows.append((row["variant"], row["canonical"]))
    return rows


def crosswalk_review(reg: Registry) -> pd.DataFrame:
    """The crosswalk with each actor's canonical name, weakest links first.

    Columns: :data:`CROSSWALK_COLUMNS`.

    Examples
    --------
    >>> import pandas as pd
    >>> from ecosystem.resolution.resolve import resolve_registry
    >>> m = pd.DataFrame({"initiative_id": ["i1", "i2"], "name": ["UNEP", "UN Environment"],
    ...                   "role": "partner", "actor_type": "unknown", "registry": "demo",
    ...                   "record_id": ["1", "2"]})
    >>> ini = pd.DataFrame({"initiative_id": ["i1", "i2"], "registry": "demo",
    ...                     "record_id": ["1", "2"], "kind": "partnership"})
    >>> reg = resolve_registry(Registry.from_frames(mentions=m, initiatives=ini))
    >>> review = crosswalk_review(reg)
    >>> review["variant"].tolist(), review["actor_name"].unique().tolist()
    (['UN Environment', 'UNEP'], ['United Nations Environment Programme'])
    """
    a = reg.actors
    official = a["official_name"].fillna(a["name"]) if "official_name" in a else a["name"]
    # the reviewer checks a merge against the body's full name, not the short name figures show
    cw = reg.crosswalk.merge(pd.DataFrame({"actor_id": a["actor_id"], "actor_name": official}),
                             on="actor_id", how="left")
    order = {"fuzzy": 0, "acronym": 1, "override": 2, "known_body": 3, "country": 4,
             "ref": 5, "normalised": 6, "exact": 7}
    cw = cw.assign(_m=cw["method"].map(order).fillna(9))
    cw = cw.sort_values(["_m", "score", "actor_id", "variant"], kind="stable")
    return cw[CROSSWALK_COLUMNS].reset_index(drop=True)


def write_crosswalk(reg: Registry, path: str | Path) -> Path:
    """Write the registry's crosswalk as CSV for review (weakest links first).

    Returns the path written.
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    write_csv(crosswalk_review(reg), p)
    return p
