"""Need layer: where need is high and coverage low.

The user supplies a table of need scores — one row per place and SDG target
(or goal) — for example a vulnerability index per country, or a coastal
pollution score per basin. :func:`need_gaps` joins it to the coverage matrix
(:func:`ecosystem.coverage.coverage`) and ranks the rows by

.. math::

    \\text{gap} = \\hat n \\, (1 - \\hat c), \\qquad
    \\hat n = \\frac{n - n_{\\min}}{n_{\\max} - n_{\\min}}, \\qquad
    \\hat c = \\frac{c}{c_{\\max}}

where *n* is the need score of the row, *c* the number of initiatives in its
cell, and the minimum and maximum run over the rows of the need table
(:math:`\\hat n = 1` when all needs are equal, :math:`\\hat c = 0` when no row
is covered). The gap is in [0, 1]: 1 for the neediest row with no initiative,
0 for the least needy row or the best-covered one. It is a product, not a
difference of ranks, so that a well-covered row never ranks high however
needy, and an uncovered row ranks by its need alone.

Need file format (CSV, UTF-8, header on line 1)
------------------------------------------------
``place``
    Place code as in the registry (ISO3 for countries; a country name is
    also accepted for ``place_kind="country"``), or the place's name.
``target`` or ``goal``
    SDG target (``14.1``) or goal (``14``); a file may have both columns,
    each row filling one.
``need``
    Need score, a number ≥ 0 (``need_score`` is accepted as the column name).

Examples
--------
>>> need = pd.DataFrame({"place": ["FJI", "KEN"], "target": ["14.1", "14.1"],
...                      "need": [0.9, 0.4]})
>>> need_gaps(reg, need)                                   # doctest: +SKIP
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from .coverage import _check, coverage, place_names
from .errors import InputError
from .graphs import filter_registry
from .model import Registry

_TARGET = re.compile(r"^\d{1,2}\.(\d{1,2}|[a-z])$")


def read_need(need, *, place_kind: str = "country") -> pd.DataFrame:
    """Read and check a need table.

    Parameters
    ----------
    need : DataFrame, str or Path
        The table, or the path of a CSV file.
    place_kind : str
        With ``"country"``, country names in ``place`` are turned into ISO3.

    Returns
    -------
    DataFrame
        ``line`` (line of the file, header = 1), ``place``, ``goal``
        (Int64), ``target`` (string or null), ``need`` (float).

    Raises
    ------
    InputError
        Naming the file, the line and the column: missing file or column,
        empty place, a need that is not a number ≥ 0, a target that is not
        like ``14.1``, a goal outside 1–17, a row with neither target nor
        goal, or the same place and target twice.
    """
    file = None
    if isinstance(need, (str, Path)):
        file = str(need)
        if not Path(need).is_file():
            raise InputError("no such need file", file=file)
        try:
            df = pd.read_csv(need, dtype=str, keep_default_na=False, encoding="utf-8")
        except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
            raise InputError(f"cannot be read as a UTF-8 CSV file: {exc}", file=file,
                             record="line 1") from None
    elif isinstance(need, pd.DataFrame):
        df = need.astype(object).where(need.notna(), "").astype(str)
    else:
        raise InputError("the need layer must be a CSV path or a DataFrame")
    df.columns = [str(c).strip().lower() for c in df.columns]
    if "need" not in df.columns and "need_score" in df.columns:
        df = df.rename(columns={"need_score": "need"})
    for col in ("place", "need"):
        if col not in df.columns:
            raise InputError(f"missing column {col!r}; the columns are {list(df.columns)} "
                             "(expected place, target or goal, need)", file=file,
                             record="line 1", field=col)
    if "target" not in df.columns and "goal" not in df.columns:
        raise InputError(f"needs a column 'target' or 'goal'; the columns are {list(df.columns)}",
                         file=file, record="line 1", field="target")
    if df.empty:
        raise InputError("the need table has no rows", file=file, record="line 2")
    to_iso3 = None
    if place_kind == "country":
        from .countries import country_iso3 as to_iso3
    rows = []
    for i, r in enumerate(df.to_dict("records")):
        line = f"line {i + 2}"
        place = r["place"].strip()
        if not place:
            raise InputError("empty place", file=file, record=line, field="place")
        if to_iso3 is not None and not re.fullmatch(r"[A-Z]{3}", place):
            iso = to_iso3(place)
            if iso is None:
                raise InputError(f"unknown country {place!r}: give an ISO3 code or a UN "
                                 "country name", file=file, record=line, field="place")
            place = iso
        target = r.get("target", "").strip() or None
        goal_text = r.get("goal", "").strip()
        if target is not None:
            if not _TARGET.match(target):
                raise InputError(f"target {target!r} is not an SDG target like 14.1 or 14.a",
                                 file=file, record=line, field="target")
            goal = int(target.split(".")[0])
        elif goal_text:
            if not goal_text.isdigit() or not 1 <= int(goal_text) <= 17:
                raise InputError(f"goal {goal_text!r} is not an SDG number 1–17", file=file,
                                 record=line, field="goal")
            goal = int(goal_text)
        else:
            raise InputError("the row has neither a target nor a goal", file=file, record=line,
                             field="target")
        try:
            value = float(r["need"])
        except ValueError:
            raise InputError(f"need {r['need']!r} is not a number", file=file, record=line,
                             field="need") from None
        if not np.isfinite(value) or value < 0:
            raise InputError(f"need {r['need']!r} must be a finite number ≥ 0", file=file,
                             record=line, field="need")
        rows.append((i + 2, place, goal, target, value))
    out = pd.DataFrame(rows, columns=["line", "place", "goal", "target", "need"])
    out = out.astype({"line": "int64", "place": "string", "goal": "Int64", "target": "string",
                      "need": "float64"})
    dup = out.duplicated(["place", "goal", "target"], keep="first")
    if dup.any():
        first = out[dup].iloc[0]
        raise InputError(f"place {first['place']} and {first['target'] or first['goal']} "
                         "appear twice", file=file, record=f"line {first['line']}", field="place")
    return out


def need_gaps(reg: Registry, need, *, place_kind: str = "country",
              dormant: str = "include") -> pd.DataFrame:
    """Rank need-table rows by high need and low coverage (formula in the module docstring).

    Parameters
    ----------
    reg : Registry
    need : DataFrame, str or Path
        The need layer (see :func:`read_need`).
    place_kind : str
        Kind of the places named in the need table.
    dormant : {"include", "exclude"}
        Count all initiatives, or active ones only.

    Returns
    -------
    DataFrame
        ``rank`` (1 = largest gap), ``place``, ``place_name``, ``goal``,
        ``target``, ``need``, ``initiatives``, ``actors`` (in the cell),
        ``need_norm``, ``coverage_norm``, ``gap``, ``explanation``.
    """
    _check(reg, place_kind, "target", "need_gaps")
    table = read_need(need, place_kind=place_kind)
    names = place_names(filter_registry(reg, dormant=dormant), place_kind)
    # accept place names as well as codes
    by_name = {str(v).casefold(): k for k, v in names.items()}
    table["place"] = [p if p in names.index else by_name.get(p.casefold(), p)
                      for p in table["place"]]
    by_target = coverage(reg, place_kind=place_kind, level="target", dormant=dormant)
    by_goal = coverage(reg, place_kind=place_kind, level="goal", dormant=dormant)
    t = table.merge(by_target[["target", "place", "initiatives", "actors"]],
                    on=["target", "place"], how="left")
    g = table[table["target"].isna()].merge(by_goal[["goal", "place", "initiatives", "actors"]],
                                            on=["goal", "place"], how="left")
    t.loc[t["target"].isna(), ["initiatives", "actors"]] = g[["initiatives", "actors"]].to_numpy()
    t[["initiatives", "actors"]] = t[["initiatives", "actors"]].fillna(0).astype("int64")
    lo, hi = t["need"].min(), t["need"].max()
    t["need_norm"] = 1.0 if hi == lo else (t["need"] - lo) / (hi - lo)
    cmax = t["initiatives"].max()
    t["coverage_norm"] = t["initiatives"] / cmax if cmax > 0 else 0.0
    t["gap"] = t["need_norm"] * (1.0 - t["coverage_norm"])
    t = t.sort_values(["gap", "need", "initiatives", "place"],
                      ascending=[False, False, True, True], kind="stable").reset_index(drop=True)
    t.insert(0, "rank", np.arange(1, len(t) + 1))
    t.insert(2, "place_name", names.reindex(t["place"]).to_numpy())
    t["place_name"] = t["place_name"].astype("string")
    what = np.where(t["target"].notna(), "target " + t["target"].fillna(""),
                    "SDG " + t["goal"].astype(str))
    where = t["place_name"].fillna(t["place"]).astype(str)
    t["explanation"] = pd.array(
        [f"need {n:g} (normalised {nn:.2f}) in {w} for {x}, with {c} initiative(s) "
         f"(normalised coverage {cn:.2f} of the best-covered row's {cmax}): gap {gp:.2f}"
         for n, nn, w, x, c, cn, gp in zip(t["need"], t["need_norm"], where, what,
                                           t["initiatives"], t["coverage_norm"], t["gap"])],
        dtype="string")
    cols = ["rank", "place", "place_name", "goal", "target", "need", "initiatives", "actors",
            "need_norm", "coverage_norm", "gap", "explanation"]
    return t[cols]
