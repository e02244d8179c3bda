"""The resolver's review files: the overrides a person writes and the crosswalk they read.

Overrides file
--------------
CSV with header ``variant,canonical``. Each row says that a name as written
(``variant``; case, accents, punctuation and legal suffixes do not matter) is
the organisation named ``canonical`` — or, when ``canonical`` is ``not an
organisation``, that it is no organisation at all (its mentions go to the
``unresolved`` table with reason "override: not an organisation"). Lines
starting with ``#`` are comments. Default: ``data/actor_overrides.csv``.

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
>>> read_overrides(None)  # doctest: +SKIP
{'ngos': 'not an organisation', ...}
"""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from ecosystem.errors import InputError
from ecosystem.reference.datapaths import REFERENCE_DIR

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


def crosswalk_review(reg) -> pd.DataFrame:
    """The crosswalk with each actor's canonical name, weakest links first.

    Columns: :data:`CROSSWALK_COLUMNS`.
    """
    cw = reg.crosswalk.merge(
        reg.actors[["actor_id", "name"]].rename(columns={"name": "actor_name"}),
        on="actor_id", how="left",
    )
    order = {"fuzzy": 0, "acronym": 1, "override": 2, "known_body": 3, "country": 4,
             "ref": 5, "normalised": 6, "exact": 7}
    cw = cw.assign(_m=cw["method"].map(order).fillna(9))
    cw = cw.sort_values(["_m", "score", "actor_id", "variant"], kind="stable")
    return cw[CROSSWALK_COLUMNS].reset_index(drop=True)


def write_crosswalk(reg, path: str | Path) -> Path:
    """Write the registry's crosswalk as CSV for review (weakest links first).

    Returns the path written.
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    crosswalk_review(reg).to_csv(p, index=False, encoding="utf-8")
    return p
