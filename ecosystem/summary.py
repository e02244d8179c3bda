"""A registry at a glance: table counts, top actors, ties by role, gaps in the records.

:func:`summarise` computes the figures as plain numbers and tidy DataFrames;
:func:`print_summary` shows them as rich tables (used by ``ecosystem info`` and
``ecosystem report``).

Examples
--------
>>> from ecosystem.model import Registry
>>> s = summarise(Registry.empty())
>>> s["counts"]["initiatives"], len(s["top_actors"])
(0, 0)
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ecosystem.model import Registry
from ecosystem.untrusted import write_csv

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "top_actors", "ties_by_role", "record_gaps", "summarise", "print_summary", "write_summary",
]


def top_actors(reg: Registry, n: int = 10) -> pd.DataFrame:
    """The ``n`` actors taking part in the most initiatives.

    Returns
    -------
    DataFrame
        Columns ``actor_id, name, actor_type, initiatives, led``: the number of
        distinct initiatives the actor has a tie to (any role), and the number it
        leads (role ``lead``). Sorted by initiatives, then led, then name.
    """
    ties = reg.ties
    cols = ["actor_id", "name", "actor_type", "initiatives", "led"]
    if ties.empty:
        return pd.DataFrame({c: pd.Series(dtype="string" if c in cols[:3] else "int64")
                             for c in cols})
    n_init = ties.groupby("actor_id")["initiative_id"].nunique().rename("initiatives")
    led = (ties[ties["role"] == "lead"].groupby("actor_id")["initiative_id"].nunique()
           .rename("led"))
    counts = pd.concat([n_init, led], axis=1).fillna(0).astype("int64").reset_index()
    out = counts.merge(reg.actors[["actor_id", "name", "actor_type"]], on="actor_id", how="left")
    out = out.sort_values(["initiatives", "led", "name"], ascending=[False, False, True])
    return out[cols].head(n).reset_index(drop=True)


def ties_by_role(reg: Registry) -> pd.DataFrame:
    """Ties per role.

    Returns
    -------
    DataFrame
        Columns ``role, ties, actors, initiatives`` (distinct actors and
        initiatives holding that role), most ties first.
    """
    ties = reg.ties
    out = (ties.groupby("role")
           .agg(ties=("actor_id", "size"), actors=("actor_id", "nunique"),
                initiatives=("initiative_id", "nunique"))
           .reset_index()
           .sort_values(["ties", "role"], ascending=[False, True]))
    return out.astype({"role": "string", "ties": "int64", "actors": "int64",
                       "initiatives": "int64"}).reset_index(drop=True)


def record_gaps(reg: Registry) -> pd.DataFrame:
    """How many initiatives lack partners, real dates or deliverables.

    Measures
    --------
    no partners
        No tie other than ``lead`` (phrases that are not organisations do not count).
    placeholder dates
        The registry gave a placeholder date (such as 01 January 1970), now null.
    no dates
        Neither start nor end, and no placeholder either: no timeline at all.
    no deliverables
        No row in ``deliverables``.

    Returns
    -------
    DataFrame
        Columns ``measure, initiatives, share`` (share of all initiatives, 0–1).
    """
    ini = reg.initiatives
    total = len(ini)
    ids = ini["initiative_id"]
    with_partners = set(reg.ties.loc[reg.ties["role"] != "lead", "initiative_id"])
    placeholder = ini["placeholder_dates"].fillna(False).astype(bool)
    no_dates = ini["start"].isna() & ini["end"].isna() & ~placeholder
    rows = [
        ("no partners", int((~ids.isin(with_partners)).sum())),
        ("placeholder dates", int(placeholder.sum())),
        ("no dates", int(no_dates.sum())),
        ("no deliverables", int((~ids.isin(set(reg.deliverables["initiative_id"]))).sum())),
    ]
    return pd.DataFrame({
        "measure": pd.Series([m for m, _ in rows], dtype="string"),
        "initiatives": pd.Series([k for _, k in rows], dtype="int64"),
        "share": pd.Series([k / total if total else 0.0 for _, k in rows], dtype="float64"),
    })


def summarise(reg: Registry, top: int = 10) -> dict:
    """Figures describing ``reg``.

    Returns
    -------
    dict
        ``registries`` (names), ``counts`` (rows per table), ``names_as_written``
        (distinct organisation names in mentions, before resolution), ``actors``
        (after resolution), ``top_actors`` (:func:`top_actors`), ``ties_by_role``
        (:func:`ties_by_role`) and ``gaps`` (:func:`record_gaps`).
    """
    return {
        "registries": reg.registries,
        "counts": reg.summary(),
        "names_as_written": int(reg.mentions["name"].nunique()),
        "actors": len(reg.actors),
        "top_actors": top_actors(reg, top),
        "ties_by_role": ties_by_role(reg),
        "gaps": record_gaps(reg),
    }


def print_summary(summary: dict, console: Console | None = None,
                  title: str | None = None) -> None:
    """Print a :func:`summarise` result as rich tables.

    Parameters
    ----------
    summary : dict
        As returned by :func:`summarise` (``Store.info()`` adds ``store`` and
        ``sources``, shown when present).
    console : rich.console.Console, optional
    title : str, optional
        Heading printed first.
    """
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = console or Console()
    if title:
        console.rule(f"[bold]{escape(title)}")
    counts = summary["counts"]
    console.print(
        f"[bold]{counts['initiatives']:,}[/] initiatives in "
        f"{escape(', '.join(summary['registries'])) or 'no registry'}; "
        f"[bold]{summary['actors']:,}[/] distinct actors after resolution "
        f"(from {summary['names_as_written']:,} distinct names as written); "
        f"{counts['ties']:,} ties")

    t = Table(title="Rows per table", title_justify="left")
    t.add_column("table")
    t.add_column("rows", justify="right")
    for table, n in counts.items():
        t.add_row(table, f"{n:,}")
    console.print(t)

    t = Table(title="Ties by role", title_justify="left")
    for c in ("role", "ties", "actors", "initiatives"):
        t.add_column(c, justify="left" if c == "role" else "right")
    for r in summary["ties_by_role"].itertuples(index=False):
        t.add_row(escape(r.role), f"{r.ties:,}", f"{r.actors:,}", f"{r.initiatives:,}")
    console.print(t)

    top = summary["top_actors"]
    t = Table(title=f"Top {len(top)} actors by number of initiatives", title_justify="left")
    for c in ("#", "actor", "type", "initiatives", "led"):
        t.add_column(c, justify="right" if c in ("#", "initiatives", "led") else "left")
    for i, r in enumerate(top.itertuples(index=False), 1):
        t.add_row(str(i), escape(str(r.name)), escape(str(r.actor_type)), f"{r.initiatives:,}", f"{r.led:,}")
    console.print(t)

    t = Table(title="Initiatives with gaps", title_justify="left")
    for c in ("initiatives with", "count", "share"):
        t.add_column(c, justify="left" if c == "initiatives with" else "right")
    for r in summary["gaps"].itertuples(index=False):
        t.add_row(r.measure, f"{r.initiatives:,}", f"{r.share:.1%}")
    console.print(t)

    if "sources" in summary and len(summary["sources"]):
        t = Table(title=f"Sources in {escape(summary.get('store', 'the store'))}",
                  title_justify="left")
        for c in ("registry", "file", "format", "initiatives", "loaded at", "sha256"):
            t.add_column(c, justify="right" if c == "initiatives" else "left",
                         overflow="fold")
        for r in summary["sources"].itertuples(index=False):
            t.add_row(escape(str(r.registry)), escape(str(r.path)), escape(str(r.format)),
                      f"{r.initiatives:,}", str(r.loaded_at)[:19], str(r.sha256)[:12])
        console.print(t)


def write_summary(summary: dict, out_dir: str | Path) -> list[Path]:
    """Write the summary's tables as CSV files into ``out_dir``.

    Files: ``counts.csv`` (table, rows), ``top_actors.csv``, ``ties_by_role.csv``
    and ``gaps.csv`` (columns as in :func:`top_actors`, :func:`ties_by_role`,
    :func:`record_gaps`). Returns the paths written.

    Examples
    --------
    >>> import tempfile
    >>> paths = write_summary(summarise(Registry.empty()), tempfile.mkdtemp())
    >>> [p.name for p in paths]
    ['counts.csv', 'top_actors.csv', 'ties_by_role.csv', 'gaps.csv']
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    counts = pd.DataFrame({"table": list(summary["counts"]),
                           "rows": list(summary["counts"].values())})
    written = []
    for name, df in (("counts", counts), ("top_actors", summary["top_actors"]),
                     ("ties_by_role", summary["ties_by_role"]), ("gaps", summary["gaps"])):
        path = out / f"{name}.csv"
        write_csv(df, path)
        written.append(path)
    return written
