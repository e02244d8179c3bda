"""Need layer: where need is high and coverage low.

The user supplies a table of need scores — one row per place and SDG target
(goal, or sector) — for example a vulnerability index per country, a coastal
pollution score per basin, or the people in need per cluster and admin1 area
from a humanitarian needs overview. :func:`need_gaps` joins it to the coverage matrix
(:func:`ecosystem.measures.coordination.coverage.coverage`) and ranks the rows by

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
``target``, ``goal`` or ``sector``
    SDG target (``14.1``), goal (``14``), or sector: a theme of the registry's
    sector vocabulary, such as a humanitarian cluster (``WASH``, matched
    without regard to case; see :func:`ecosystem.measures.coordination.cells.sector_vocabulary`).
    A file may have several of these columns, each row filling one (a target
    wins over a goal).
``need``
    Need score, a number ≥ 0 (``need_score`` is accepted as the column name).

Examples
--------
A 3W sheet: UNICEF and Oxfam in WASH in Gao, Oxfam in Protection in Mopti;
need scores for three (sector, area) rows.

>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> ids = ["w1", "w2", "w3"]
>>> reg = Registry.from_frames(
...     actors=pd.DataFrame({"actor_id": ["unicef", "oxfam"], "name": ["UNICEF", "Oxfam"],
...                          "actor_type": ["un_multilateral", "ngo"]}),
...     initiatives=pd.DataFrame({"initiative_id": ids, "registry": "3w", "record_id": ids,
...                               "kind": "presence"}),
...     ties=pd.DataFrame({"initiative_id": ids, "actor_id": ["unicef", "oxfam", "oxfam"],
...                        "role": "implementing", "registry": "3w", "record_id": ids}),
...     initiative_themes=pd.DataFrame({"initiative_id": ids, "vocabulary": "cluster",
...                                     "theme": ["WASH", "WASH", "Protection"]}),
...     initiative_places=pd.DataFrame({"initiative_id": ids, "kind": "admin1",
...                                     "place": ["Gao", "Gao", "Mopti"], "parent": "MLI"}))
>>> need = pd.DataFrame({"place": ["Gao", "Mopti", "Mopti"],
...                      "sector": ["WASH", "WASH", "Protection"], "need": [0.8, 0.6, 0.2]})
>>> g = need_gaps(reg, need, place_kind="admin1")
>>> print(g[["rank", "place", "sector", "need", "initiatives", "need_norm",
...          "coverage_norm", "gap"]].round(3).to_string(index=False))
 rank place     sector  need  initiatives  need_norm  coverage_norm   gap
    1 Mopti       WASH   0.6            0      0.667            0.0 0.667
    2   Gao       WASH   0.8            2      1.000            1.0 0.000
    3 Mopti Protection   0.2            1      0.000            0.5 0.000

WASH in Mopti: need (0.6 − 0.2) / (0.8 − 0.2) = 0.667, no initiative, so its gap
is 0.667 × (1 − 0/2). Gao's WASH need is the highest, but Gao holds the
best-covered row (2 initiatives): gap 0.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from ecosystem.errors import InputError
from ecosystem.filters import filter_registry
from ecosystem.measures.coordination.cells import (
    Cells,
    check_cells,
    place_names,
    sector_vocabulary,
)
from ecosystem.measures.coordination.coverage import coverage
from ecosystem.model import Registry

__all__ = ["need_gaps", "read_need"]

_TARGET = re.compile(r"^\d{1,2}\.(\d{1,2}|[a-z])$")


def read_need(need: pd.DataFrame | str | Path, *,
              place_kind: str = "country") -> pd.DataFrame:
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
        (Int64), ``target`` (string or null), ``sector`` (string or null),
        ``need`` (float).

    Raises
    ------
    InputError
        Naming the file, the line and the column: missing file or column,
        empty place, a need that is not a number ≥ 0, a target that is not
        like ``14.1``, a goal outside 1–17, a row with no target, goal or
        sector, or the same place and target (goal, sector) twice.

    Examples
    --------
    >>> need = pd.DataFrame({"place": ["Fiji", "KEN"], "target": ["14.1", ""],
    ...                      "goal": ["", "14"], "need": [0.9, 0.4]})
    >>> print(read_need(need).to_string(index=False))
     line place  goal target sector  need
        2   FJI    14   14.1   <NA>   0.9
        3   KEN    14   <NA>   <NA>   0.4
    >>> read_need(need.assign(need=[0.9, -1]))
    Traceback (most recent call last):
    ...
    ecosystem.errors.InputError: line 3, field need: need '-1.0' must be a finite number ≥ 0
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
    if not {"target", "goal", "sector"} & set(df.columns):
        raise InputError(f"needs a column 'target' or 'goal' (SDG), or 'sector'; the columns "
                         f"are {list(df.columns)}", file=file, record="line 1", field="target")
    if df.empty:
        raise InputError("the need table has no rows", file=file, record="line 2")
    to_iso3 = None
    if place_kind == "country":
        from ecosystem.reference.countries import country_iso3 as to_iso3
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
        sector = r.get("sector", "").strip() or None
        goal = None
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
        elif sector is None:
            raise InputError("the row has no target, goal or sector", file=file, record=line,
                             field="target")
        if goal is not None:
            sector = None
        try:
            value = float(r["need"])
        except ValueError:
            raise InputError(f"need {r['need']!r} is not a number", file=file, record=line,
                             field="need") from None
        if not np.isfinite(value) or value < 0:
            raise InputError(f"need {r['need']!r} must be a finite number ≥ 0", file=file,
                             record=line, field="need")
        rows.append((i + 2, place, goal, target, sector, value))
    out = pd.DataFrame(rows, columns=["line", "place", "goal", "target", "sector", "need"])
    out = out.astype({"line": "int64", "place": "string", "goal": "Int64", "target": "string",
                      "sector": "string", "need": "float64"})
    dup = out.assign(_s=out["sector"].str.casefold()).duplicated(
        ["place", "goal", "target", "_s"], keep="first")
    if dup.any():
        first = out[dup].iloc[0]
        what = next(str(first[c]) for c in ("target", "goal", "sector") if pd.notna(first[c]))
        raise InputError(f"place {first['place']} and {what} appear twice", file=file,
                         record=f"line {first['line']}", field="place")
    return out


def need_gaps(reg: Registry, need: pd.DataFrame | str | Path, *, place_kind: str = "country",
              dormant: str = "include", vocabulary: str | None = None,
              cells: Cells | None = None) -> pd.DataFrame:
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
    vocabulary : str, optional
        Theme vocabulary of the ``sector`` rows (default: the first of
        :data:`ecosystem.measures.coordination.cells.SECTOR_VOCABULARIES` the registry has).

    cells : Cells, optional
        Cells from :func:`~ecosystem.measures.coordination.cells.cell_index`; the
        coverage of the rows at its level is computed from them.

    Returns
    -------
    DataFrame
        ``rank`` (1 = largest gap), ``place``, ``place_name``, ``goal``,
        ``target``, ``sector`` (null on SDG rows), ``need``, ``initiatives``,
        ``actors`` (in the cell), ``need_norm``, ``coverage_norm``, ``gap``,
        ``explanation``.

    Raises
    ------
    InputError
        A bad need table (see :func:`read_need`).
    AnalysisError
        Sector rows when the registry has no sector vocabulary (the message
        lists the vocabularies present).
    """
    check_cells(reg, place_kind, "target", "need_gaps")
    table = read_need(need, place_kind=place_kind)
    names = place_names(filter_registry(reg, dormant=dormant), place_kind)
    # accept place names as well as codes
    by_name = {str(v).casefold(): k for k, v in names.items()}
    table["place"] = [p if p in names.index else by_name.get(p.casefold(), p)
                      for p in table["place"]]
    t = table.assign(initiatives=0, actors=0)
    unknown = pd.Series(False, index=t.index)  # sectors the registry never records
    for level, rows, on in (("target", t["target"].notna(), "target"),
                            ("goal", t["target"].isna() & t["goal"].notna(), "goal"),
                            ("sector", t["sector"].notna(), "sector")):
        if not rows.any():
            continue
        shared = (cells is not None and cells.level == level and cells.place_kind == place_kind
                  and cells.dormant == dormant
                  and (level != "sector"
                       or cells.vocabulary == sector_vocabulary(reg, vocabulary, "need_gaps")))
        cov = coverage(reg, place_kind=place_kind, level=level, dormant=dormant,
                       vocabulary=vocabulary if level == "sector" else None,
                       cells=cells if shared else None)
        if level == "sector":  # the registry's spelling, matched without regard to case
            vocab = sector_vocabulary(reg, vocabulary, "need_gaps")
            themes = reg.initiative_themes
            known = themes.loc[themes["vocabulary"] == vocab, "theme"].dropna().unique()
            spelled = {str(s).casefold(): s for s in known}
            t.loc[rows, "sector"] = [spelled.get(s.casefold(), s) for s in t.loc[rows, "sector"]]
            unknown[rows] = [s.casefold() not in spelled for s in t.loc[rows, "sector"]]
        hit = t.loc[rows, [on, "place"]].merge(cov[[on, "place", "initiatives", "actors"]],
                                               on=[on, "place"], how="left")
        t.loc[rows, ["initiatives", "actors"]] = (
            hit[["initiatives", "actors"]].fillna(0).to_numpy(dtype="int64"))
    t[["initiatives", "actors"]] = t[["initiatives", "actors"]].astype("int64")
    t["_unknown"] = unknown
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
                    np.where(t["goal"].notna(), "SDG " + t["goal"].astype(str),
                             "sector " + t["sector"].fillna("")))
    where = t["place_name"].fillna(t["place"]).astype(str)
    t["explanation"] = pd.array(
        [f"need {n:g} (normalised {nn:.2f}) in {w} for {x}, with {c} initiative{'' if c == 1 else 's'} "
         f"(normalised coverage {cn:.2f} of the best-covered row's {cmax}): gap {gp:.2f}"
         + ("; no initiative of the registry records this sector: check its spelling" if u
            else "")
         for n, nn, w, x, c, cn, gp, u in zip(t["need"], t["need_norm"], where, what,
                                              t["initiatives"], t["coverage_norm"], t["gap"],
                                              t["_unknown"])],
        dtype="string")
    cols = ["rank", "place", "place_name", "goal", "target", "sector", "need", "initiatives",
            "actors", "need_norm", "coverage_norm", "gap", "explanation"]
    return t[cols]
