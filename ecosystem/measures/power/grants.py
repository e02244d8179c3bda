"""Grants: who funds whom, how much and when, and how concentrated the money is.

Reads the registry's ``flows``: one funder → recipient flow per grant (the
360Giving loader writes ``flow_type`` ``"grant"``, the award date as ``date``).
A *grant* is the flow's initiative (a grant with two funders gives two flows
of one grant); a flow without initiative counts as a grant of its own. Funders
and recipients are the resolved actors (their display name), or the names as
written when a flow has no actor id. Amounts are never added across
currencies: every table has a ``currency`` column, and a flow without amount
counts as a grant with no amount (its totals are missing, never 0).

=================================  ==============================================
:func:`grant_table`                one row per flow: grant, funder, recipient,
                                   amount, currency, award date
:func:`funder_summary`             per funder and currency: grants, recipients,
                                   total, median grant, first and last award
:func:`recipient_summary`          per recipient and currency: grants, funders,
                                   total, share of the total and of its funders'
:func:`grants_by_period`           grants and amount per award year (or month,
                                   quarter) and currency
:func:`recipient_concentration`    per currency: share of the amount going to the
                                   ``top`` recipients, Gini and HHI over recipients
=================================  ==============================================

Measures
--------
Top-k share
    Σ of the k largest recipient totals / Σ of all recipient totals.
Gini coefficient over recipients (Gini 1912)
    G = Σᵢ (2i − n − 1) x₍ᵢ₎ / (n Σ x), recipient totals x sorted ascending,
    i = 1..n (:func:`ecosystem.measures.power.concentration.gini`): 0 when
    every recipient receives the same, (n − 1)/n when one receives all.
Herfindahl–Hirschman index (Hirschman 1945; Herfindahl 1950)
    Σ sᵢ² of the recipients' shares sᵢ.

References
----------
Gini, C. (1912). *Variabilità e mutabilità*. Bologna: Tipografia di Paolo Cuppini.
Hirschman, A. O. (1945). *National Power and the Structure of Foreign Trade*.
Berkeley: University of California Press.
Herfindahl, O. C. (1950). *Concentration in the Steel Industry*. PhD thesis,
Columbia University.
360Giving (2023). *360Giving Data Standard*, version 1.4.
https://standard.threesixtygiving.org/

Examples
--------
Trust T gives A two grants (100 and 300 GBP) and B one (600 GBP):

>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> reg = Registry.from_frames(flows=pd.DataFrame({
...     "flow_id": ["f1", "f2", "f3"], "initiative_id": ["g1", "g2", "g3"],
...     "provider_name": "T", "receiver_name": ["A", "A", "B"], "flow_type": "grant",
...     "amount": [100.0, 300.0, 600.0], "currency": "GBP",
...     "date": ["2019-01-05", "2020-03-01", "2020-06-30"]}))
>>> funder_summary(reg)[["funder", "currency", "grants", "recipients", "total", "median"]]
  funder currency  grants  recipients   total  median
0      T      GBP       3           2  1000.0   300.0
>>> recipient_summary(reg)[["recipient", "grants", "total", "share_of_total"]]
  recipient  grants  total  share_of_total
0         B       1  600.0             0.6
1         A       2  400.0             0.4
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ecosystem.measures.power.concentration import gini, hhi
from ecosystem.model import Registry

__all__ = [
    "funder_summary",
    "grant_table",
    "grants_by_period",
    "recipient_concentration",
    "recipient_summary",
]

GRANT_COLUMNS = ["flow_id", "grant", "funder_id", "funder", "recipient_id", "recipient",
                 "flow_type", "amount", "currency", "date"]


def grant_table(reg: Registry, *, flow_types: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per funder → recipient flow, with display names and plain dtypes.

    Parameters
    ----------
    reg : Registry
    flow_types : sequence of str, optional
        Keep only flows of these ``flow_type`` values (default: all flows).

    Returns
    -------
    DataFrame
        ``flow_id``, ``grant`` (the initiative, else the flow id), ``funder_id``,
        ``funder``, ``recipient_id``, ``recipient`` (actor ids and display names,
        else the names as written), ``flow_type``, ``amount`` (float, NaN when
        not stated), ``currency`` (None when not stated), ``date`` (award date).

    Examples
    --------
    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> reg = Registry.from_frames(
    ...     actors=pd.DataFrame({"actor_id": ["t"], "name": ["The Trust"], "actor_type": "other"}),
    ...     flows=pd.DataFrame({"flow_id": ["f1", "f2"], "provider_actor_id": ["t", None],
    ...                         "provider_name": ["Trust", "Fund"], "receiver_name": ["A", "B"],
    ...                         "flow_type": ["grant", "loan"], "amount": [5.0, None]}))
    >>> grant_table(reg)[["grant", "funder_id", "funder", "recipient", "amount"]]
      grant funder_id     funder recipient  amount
    0    f1         t  The Trust         A     5.0
    1    f2      Fund       Fund         B     NaN
    >>> len(grant_table(reg, flow_types=["grant"]))
    1
    """
    f = reg.flows
    if flow_types is not None:
        f = f[f["flow_type"].isin(list(flow_types)).fillna(False).astype(bool)]
    names = reg.actors.drop_duplicates("actor_id").set_index("actor_id")["name"]
    out = pd.DataFrame({"flow_id": f["flow_id"].astype(object)}, index=f.index)
    out["grant"] = f["initiative_id"].astype(object).where(f["initiative_id"].notna(),
                                                            f["flow_id"].astype(object))
    for side, who in (("provider", "funder"), ("receiver", "recipient")):
        ids = f[f"{side}_actor_id"].astype(object)
        written = f[f"{side}_name"].astype(object)
        out[f"{who}_id"] = ids.where(ids.notna(), written)
        out[who] = ids.map(names).astype(object)
        out[who] = out[who].where(out[who].notna(), written)
    out["flow_type"] = f["flow_type"].astype(object)
    out["amount"] = pd.to_numeric(f["amount"], errors="coerce").astype(float)
    out["currency"] = f["currency"].astype(object)
    out["date"] = pd.to_datetime(f["date"])
    for c in ("flow_id", "grant", "funder_id", "funder", "recipient_id", "recipient",
              "flow_type", "currency"):
        out[c] = out[c].where(out[c].notna(), None)
    return out.reset_index(drop=True)[GRANT_COLUMNS]


def funder_summary(reg: Registry, *, flow_types: Sequence[str] | None = None) -> pd.DataFrame:
    """Per funder and currency: grants, recipients, total, median grant, first and last award.

    Returns
    -------
    DataFrame
        ``funder_id``, ``funder``, ``currency`` (None for flows in no stated
        currency), ``grants`` (distinct grants), ``recipients`` (distinct),
        ``with_amount`` (flows with an amount), ``total``, ``median`` (NaN when
        no flow has an amount, never 0), ``first_award``, ``last_award``;
        largest total first.

    Examples
    --------
    Two grants of 10 and 30 GBP and one without amount, to two recipients:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> reg = Registry.from_frames(flows=pd.DataFrame({
    ...     "flow_id": ["f1", "f2", "f3"], "provider_name": "T",
    ...     "receiver_name": ["A", "B", "B"], "amount": [10.0, 30.0, None],
    ...     "currency": ["GBP", "GBP", None], "date": ["2018-05-01", "2021-01-01", None]}))
    >>> s = funder_summary(reg)
    >>> s[["currency", "grants", "recipients", "total", "median"]]
      currency  grants  recipients  total  median
    0      GBP       2           2   40.0    20.0
    1     None       1           1    NaN     NaN
    >>> s.loc[0, "first_award"].year, s.loc[0, "last_award"].year
    (2018, 2021)
    """
    g = grant_table(reg, flow_types=flow_types).dropna(subset=["funder_id"])
    cols = ["funder_id", "funder", "currency", "grants", "recipients", "with_amount", "total",
            "median", "first_award", "last_award"]
    if g.empty:
        return pd.DataFrame(columns=cols)
    out = g.groupby(["funder_id", "currency"], dropna=False, sort=False).agg(
        funder=("funder", "first"), grants=("grant", "nunique"),
        recipients=("recipient_id", "nunique"), with_amount=("amount", "count"),
        total=("amount", lambda a: a.sum(min_count=1)), median=("amount", "median"),
        first_award=("date", "min"), last_award=("date", "max")).reset_index()
    return _tidy(out, cols, ["total", "grants", "funder"])


def recipient_summary(reg: Registry, *,
                      flow_types: Sequence[str] | None = None) -> pd.DataFrame:
    """Per recipient and currency: grants, funders, total and its shares.

    Returns
    -------
    DataFrame
        ``recipient_id``, ``recipient``, ``currency``, ``grants``, ``funders``
        (distinct), ``funder`` (their names, largest giver first, joined with
        " | "), ``total`` (NaN when no amount), ``share_of_total`` (of every
        recipient's total in the currency), ``share_of_funders`` (of the
        total its funders give in the currency: with one funder, the share of
        that funder's giving), ``first_award``, ``last_award``; by currency,
        largest total first.

    Examples
    --------
    T gives A 30 and B 10; U gives B 60. B takes 70 of 100 in all, and 70 of
    the 100 its funders T and U give together; A takes 30 of T's 40:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> reg = Registry.from_frames(flows=pd.DataFrame({
    ...     "flow_id": ["f1", "f2", "f3"], "provider_name": ["T", "T", "U"],
    ...     "receiver_name": ["A", "B", "B"], "amount": [30.0, 10.0, 60.0],
    ...     "currency": "GBP"}))
    >>> recipient_summary(reg)[["recipient", "funders", "funder", "total", "share_of_total",
    ...                         "share_of_funders"]]
      recipient  funders funder  total  share_of_total  share_of_funders
    0         B        2  U | T   70.0             0.7              0.70
    1         A        1      T   30.0             0.3              0.75
    """
    g = grant_table(reg, flow_types=flow_types).dropna(subset=["recipient_id"])
    cols = ["recipient_id", "recipient", "currency", "grants", "funders", "funder", "total",
            "share_of_total", "share_of_funders", "first_award", "last_award"]
    if g.empty:
        return pd.DataFrame(columns=cols)
    key = ["recipient_id", "currency"]
    out = g.groupby(key, dropna=False, sort=False).agg(
        recipient=("recipient", "first"), grants=("grant", "nunique"),
        funders=("funder_id", "nunique"), total=("amount", lambda a: a.sum(min_count=1)),
        first_award=("date", "min"), last_award=("date", "max")).reset_index()
    cur = out["currency"].astype(object).where(out["currency"].notna(), "")
    cur_total = out.groupby(cur)["total"].transform(lambda t: t.sum(min_count=1))
    out["share_of_total"] = out["total"] / cur_total
    pair = (g.assign(c=g["currency"].astype(object).where(g["currency"].notna(), ""))
            .groupby(["recipient_id", "c", "funder_id"], sort=False)
            .agg(funder=("funder", "first"), amount=("amount", lambda a: a.sum(min_count=1)))
            .reset_index())
    given = pair.groupby(["funder_id", "c"])["amount"].sum(min_count=1)
    pair["given"] = [given.get((f, c), np.nan) for f, c in zip(pair["funder_id"], pair["c"])]
    pair = pair.sort_values(["amount", "funder"], ascending=[False, True], na_position="last")
    per = pair.groupby(["recipient_id", "c"], sort=False).agg(
        funder=("funder", lambda n: " | ".join(dict.fromkeys(map(str, n)))),
        funders_total=("given", lambda t: t.sum(min_count=1)))
    idx = list(zip(out["recipient_id"], cur))
    out["funder"] = [per["funder"].get(i) for i in idx]
    out["share_of_funders"] = out["total"] / np.array(
        [per["funders_total"].get(i, np.nan) for i in idx], dtype=float)
    out = _tidy(out, cols, ["total", "grants", "recipient"])
    order = out["currency"].map(out.groupby("currency", dropna=False)["total"].sum().to_dict())
    return (out.assign(_c=order.fillna(-1.0)).sort_values("_c", ascending=False, kind="stable")
            .drop(columns="_c").reset_index(drop=True))


def grants_by_period(reg: Registry, freq: str = "Y", *,
                     flow_types: Sequence[str] | None = None) -> pd.DataFrame:
    """Grants and amount per award period and currency (flows without an award date left out).

    Parameters
    ----------
    freq : str
        A pandas period frequency: ``"Y"`` (year, written ``2014``), ``"Q"``
        (``2014Q1``) or ``"M"`` (``2014-03``).

    Returns
    -------
    DataFrame
        ``period`` (str), ``currency``, ``grants``, ``recipients``, ``amount``
        (NaN when no grant of the period states one), ``median``; by period.
        ``attrs["undated"]`` counts the flows left out.

    Examples
    --------
    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> reg = Registry.from_frames(flows=pd.DataFrame({
    ...     "flow_id": ["f1", "f2", "f3", "f4"], "provider_name": "T",
    ...     "receiver_name": ["A", "B", "A", "C"], "amount": [10.0, 30.0, 5.0, 1.0],
    ...     "currency": "GBP", "date": ["2019-02-01", "2019-11-30", "2021-01-01", None]}))
    >>> t = grants_by_period(reg)
    >>> t[["period", "grants", "recipients", "amount"]]
      period  grants  recipients  amount
    0   2019       2           2    40.0
    1   2021       1           1     5.0
    >>> t.attrs["undated"], grants_by_period(reg, "Q")["period"].tolist()
    (1, ['2019Q1', '2019Q4', '2021Q1'])
    """
    g = grant_table(reg, flow_types=flow_types)
    dated = g.dropna(subset=["date"])
    cols = ["period", "currency", "grants", "recipients", "amount", "median"]
    if dated.empty:
        out = pd.DataFrame(columns=cols)
    else:
        dated = dated.assign(period=dated["date"].dt.to_period(freq).astype(str))
        out = dated.groupby(["period", "currency"], dropna=False, sort=True).agg(
            grants=("grant", "nunique"), recipients=("recipient_id", "nunique"),
            amount=("amount", lambda a: a.sum(min_count=1)),
            median=("amount", "median")).reset_index()[cols]
        out["currency"] = out["currency"].astype(object).where(out["currency"].notna(), None)
    out.attrs["undated"] = int(len(g) - len(dated))
    return out


def recipient_concentration(reg: Registry, top: int = 10, *,
                            flow_types: Sequence[str] | None = None) -> pd.DataFrame:
    """Per currency: how much of the amount the ``top`` recipients take, Gini and HHI.

    Over the recipients with an amount in the currency; recipient totals add
    every funder's grants. Gini G = Σᵢ (2i − n − 1) x₍ᵢ₎ / (n Σ x) over recipient
    totals sorted ascending (Gini 1912); HHI = Σ sᵢ² (Hirschman 1945).

    Returns
    -------
    DataFrame
        ``currency``, ``recipients``, ``total``, ``top`` (the k used: at most
        the number of recipients), ``top_share``, ``largest`` (the largest
        recipient), ``largest_share``, ``gini``, ``hhi``; largest total first.

    Examples
    --------
    Totals 1, 2, 3, 4 over four recipients: the top 2 take 7/10; Gini =
    (−3·1 − 1·2 + 1·3 + 3·4) / (4·10) = 0.25; HHI = (1 + 4 + 9 + 16) / 100:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> reg = Registry.from_frames(flows=pd.DataFrame({
    ...     "flow_id": ["f1", "f2", "f3", "f4"], "provider_name": "T",
    ...     "receiver_name": ["A", "B", "C", "D"], "amount": [1.0, 2.0, 3.0, 4.0],
    ...     "currency": "GBP"}))
    >>> recipient_concentration(reg, top=2)[["recipients", "top_share", "largest", "gini", "hhi"]]
       recipients  top_share largest  gini  hhi
    0           4        0.7       D  0.25  0.3
    """
    rs = recipient_summary(reg, flow_types=flow_types)
    rs = rs[rs["total"].notna() & (rs["total"] > 0)]
    rows = []
    for cur, d in rs.groupby("currency", dropna=False, sort=False):
        x = d["total"].to_numpy(dtype=float)
        order = np.argsort(-x, kind="stable")
        k = min(top, len(x))
        total = float(x.sum())
        rows.append({"currency": None if pd.isna(cur) else cur, "recipients": len(x),
                     "total": total, "top": k, "top_share": float(x[order[:k]].sum() / total),
                     "largest": d["recipient"].iloc[order[0]],
                     "largest_share": float(x[order[0]] / total), "gini": gini(x),
                     "hhi": hhi(x)[0]})
    cols = ["currency", "recipients", "total", "top", "top_share", "largest", "largest_share",
            "gini", "hhi"]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values("total", ascending=False, kind="stable").reset_index(drop=True)


def _tidy(out: pd.DataFrame, cols: list[str], by: list[str]) -> pd.DataFrame:
    """Columns in order, currency None when missing, sorted by ``by`` (descending but names)."""
    out["currency"] = out["currency"].astype(object).where(out["currency"].notna(), None)
    asc = [c in ("funder", "recipient") for c in by]
    return (out.sort_values(by, ascending=asc, na_position="last", kind="stable")[cols]
            .reset_index(drop=True))
