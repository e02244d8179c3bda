"""Flow Sankey: money and support from providers to receivers."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ecosystem.views.template import empty_figure, figure, plotly_text

__all__ = ["flow_sankey"]


def flow_sankey(flows: pd.DataFrame, *, source: str = "provider", target: str = "receiver",
                value: str = "amount", top: int = 40, currency: str | None = None,
                title: str | None = None) -> go.Figure:
    """Sankey of the ``top`` largest provider → receiver links.

    Parameters
    ----------
    flows : DataFrame
        One row per link with names in ``source`` / ``target`` and a ``value``
        (summed per pair). Rows with no value count 1 (a link without amount);
        when no row has a value, the title and hover speak of links, not money.
    currency : str, optional
        Written in the title and the hover; amounts of different currencies
        must not be mixed in one call.

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"provider": ["Fund", "Fund"], "receiver": ["A", "B"],
    ...                       "amount": [100.0, 50.0]})
    >>> fig = flow_sankey(flows, currency="USD")
    >>> list(fig.data[0].node.label), list(fig.data[0].link.value)
    (['Fund', 'A', 'B'], [100.0, 50.0])

    Without amounts the width counts links and the title says so:

    >>> fig = flow_sankey(flows.assign(amount=None))
    >>> list(fig.data[0].link.value), fig.layout.title.text.endswith("width counts links)")
    ([1.0, 1.0], True)
    """
    if flows.empty:
        return empty_figure(title or "Flows", "This registry has no flows between actors.")
    amounts = (pd.to_numeric(flows[value], errors="coerce") if value in flows
               else pd.Series(float("nan"), index=flows.index))
    d = flows.assign(_v=amounts.fillna(1.0))
    d = d.groupby([source, target], as_index=False)["_v"].sum().nlargest(top, "_v")
    names = list(dict.fromkeys(list(d[source]) + list(d[target])))
    idx = {n: i for i, n in enumerate(names)}
    if amounts.isna().all():  # links without amounts: the width counts links, not money
        unit = " links"
        default = (f"The {len(d)} most frequent provider → receiver links "
                   "(no amounts recorded: width counts links)")
    else:
        unit = f" {currency}" if currency else ""
        in_currency = f" ({currency})" if currency else ""
        default = f"Largest {len(d)} flows from providers to receivers{in_currency}"
    fig = figure(title or default, height=max(420, 18 * len(names)))
    fig.add_trace(go.Sankey(
        node=dict(label=[plotly_text(n) for n in names], pad=12, thickness=14,
                  color="#0072B2"),
        link=dict(source=[idx[s] for s in d[source]], target=[idx[t] for t in d[target]],
                  value=d["_v"].tolist(), color="rgba(154,154,154,0.45)",
                  hovertemplate="%{source.label} → %{target.label}: %{value:,.0f}" + unit +
                                "<extra></extra>")))
    return fig
