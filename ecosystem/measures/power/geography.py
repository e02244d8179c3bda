"""Geography of ties: North–South, South–South, North–North and triangular partnerships.

Country grouping
----------------
Countries are "North" (developed) or "South" (developing) by the UN M49
historical grouping of developed regions (Europe, Northern America, Australia,
New Zealand and Japan are developed; every other country is developing), from
the authored table ``data/countries.csv`` (:func:`ecosystem.reference.countries.country_groups`).

Who counts
----------
An actor is *North* or *South* by its ``country``. UN and multilateral bodies
and intergovernmental organisations (actor types ``un_multilateral`` and
``intergovernmental``) are *multilateral* whatever their headquarters country.
Actors without a country are *unknown*. With ``use_places=True`` (default) the
countries where an initiative works (``initiative_places`` of kind
``country``, and the parent country of admin areas) join its North or South
countries: a Norwegian ministry working in Kenya is a North–South partnership
even when no Kenyan organisation is named.

Categories (checked in this order)
----------------------------------
``triangular``
    UN definition (UN Office for South-South Cooperation; *Framework of
    operational guidelines on United Nations support to South-South and
    triangular cooperation*, SSC/17/3, 2012): "Southern-driven partnerships
    between two or more developing countries, supported by a developed
    country(ies) or multilateral organization(s)". Operationalised as: actors
    from at least two distinct South countries, and at least one North actor
    or multilateral actor, and *Southern-driven*: the lead is from the South;
    or the lead is multilateral or of unknown country, South actors outnumber
    North actors, and no place of the initiative is in the North (the Ocean
    platform's location is often the lead's own address, so a London-based
    alliance with three Pacific members is not taken as Southern-driven).
``north-south``
    At least one North and one South country (actors or places).
``south-south``
    Two or more distinct South countries, no North country.
``north-north``
    Two or more distinct North countries, no South country.
``single-country``
    Exactly one country in all.
``unclassified``
    No actor or place with a known country.

Examples
--------
See :func:`north_south`.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ecosystem.filters import filter_registry
from ecosystem.model import MULTILATERAL_TYPES, Registry, require_initiatives
from ecosystem.reference.countries import country_groups

__all__ = ["CATEGORIES", "CATEGORY_WORDS", "actor_groups", "north_south",
           "north_south_summary"]

#: Categories of :func:`north_south`, in the order they are checked.
CATEGORIES = ("triangular", "north-south", "south-south", "north-north", "single-country",
              "unclassified")
#: Each category as a sentence writes it.
CATEGORY_WORDS = {"triangular": "triangular", "north-south": "North–South", "south-south": "South–South",
          "north-north": "North–North", "single-country": "single-country",
          "unclassified": "unclassified"}


def actor_groups(reg: Registry) -> pd.Series:
    """Group of each actor: "north", "south", "multilateral" or "unknown" (index actor_id).

    Examples
    --------
    A UN body counts as multilateral whatever its headquarters' country:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> reg = Registry.from_frames(actors=pd.DataFrame({
    ...     "actor_id": list("knux"), "name": list("KNUX"), "country": ["KEN", "NOR", "USA", None],
    ...     "actor_type": ["ngo", "government", "un_multilateral", "ngo"]}))
    >>> actor_groups(reg).to_dict()
    {'k': 'south', 'n': 'north', 'u': 'multilateral', 'x': 'unknown'}
    """
    dev = country_groups().set_index("iso3")["development_group"]
    a = reg.actors.set_index("actor_id")
    group = a["country"].map(dev).map({"developed": "north", "developing": "south"})
    group = group.where(~a["actor_type"].isin(MULTILATERAL_TYPES), "multilateral")
    return group.fillna("unknown").astype("string")


def _place_countries(reg: Registry) -> pd.DataFrame:
    p = reg.initiative_places
    iso = p["place"].where(p["kind"] == "country", p["parent"].where(
        p["kind"].isin(["admin1", "admin2", "admin3"])))
    out = pd.DataFrame({"initiative_id": p["initiative_id"], "country": iso}).dropna()
    return out[out["country"].str.fullmatch(r"[A-Z]{3}")].drop_duplicates()


def _lead_group(groups: set) -> str:
    if not groups:
        return "none"
    known = groups - {"unknown"}
    if not known:
        return "unknown"
    return known.pop() if len(known) == 1 else "mixed"


def north_south(reg: Registry, *, use_places: bool = True,
                lead_roles: Sequence[str] = ("lead",), dormant: str = "include") -> pd.DataFrame:
    """Classify each initiative as triangular, North–South, South–South, North–North, ...

    Parameters
    ----------
    reg : Registry
    use_places : bool
        Count the countries where the initiative works (default True).
    lead_roles : tuple of str
        Roles that count as leading.
    dormant : {"include", "exclude"}

    Returns
    -------
    DataFrame
        One row per initiative: ``initiative_id``, ``category`` (see
        :data:`CATEGORIES`), ``north_actors``, ``south_actors``,
        ``multilateral_actors`` (distinct actors of each group),
        ``north_countries``, ``south_countries`` (ISO3 codes, ``|``-joined,
        from actors and, with ``use_places``, places), ``lead_group`` ("north",
        "south", "multilateral", "mixed", "unknown" or "none"), ``explanation``.

    Examples
    --------
    A Kenyan NGO (k) leads initiative 1 with a Tanzanian NGO (t) and a
    Norwegian ministry (n): triangular; and initiative 3 with t alone:
    South–South. n leads 2 with k and 5, alone, in Kenya: both North–South.
    Initiative 4 has one actor of unknown country:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": list("123451123"), "actor_id": list("knkxntnkt"),
    ...                      "role": ["lead"] * 5 + ["partner"] * 4, "registry": "r",
    ...                      "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": list("kntx"), "name": list("KNTX"),
    ...                          "actor_type": ["ngo", "government", "ngo", "ngo"],
    ...                          "country": ["KEN", "NOR", "TZA", None]}),
    ...     initiatives=pd.DataFrame({"initiative_id": list("12345"), "registry": "r",
    ...                               "record_id": "1", "kind": "partnership"}),
    ...     initiative_places=pd.DataFrame({"initiative_id": ["5"], "place": "KEN",
    ...                                     "kind": "country"}))
    >>> north_south(reg)[["initiative_id", "category", "north_countries", "south_countries"]]
      initiative_id      category north_countries south_countries
    0             1    triangular             NOR         KEN|TZA
    1             2   north-south             NOR             KEN
    2             3   south-south                         KEN|TZA
    3             4  unclassified
    4             5   north-south             NOR             KEN
    >>> for part in north_south(reg)["explanation"][1].split("; "):
    ...     print(part)
    North–South: North countries NOR
    South countries KEN
    1 North, 1 South and 0 multilateral actors
    led from the North

    Without places, 5 is a single-country initiative:

    >>> north_south(reg, use_places=False)["category"].tolist()
    ['triangular', 'north-south', 'south-south', 'unclassified', 'single-country']
    """
    require_initiatives(reg, "north_south")
    reg = filter_registry(reg, dormant=dormant)
    dev = country_groups().set_index("iso3")["development_group"]
    groups = actor_groups(reg)
    t = reg.ties[["initiative_id", "actor_id", "role"]]
    t = t.assign(group=groups.reindex(t["actor_id"]).to_numpy(),
                 country=reg.actors.set_index("actor_id")["country"].reindex(t["actor_id"])
                 .to_numpy())
    members = t.drop_duplicates(["initiative_id", "actor_id"])
    counts = (members.groupby(["initiative_id", "group"]).size().unstack(fill_value=0)
              .reindex(columns=["north", "south", "multilateral"], fill_value=0))
    act = members[members["group"].isin(["north", "south"])][["initiative_id", "country"]]
    places = _place_countries(reg) if use_places else act.iloc[0:0]
    places = places[places["country"].isin(dev.index)]
    def sets(df: pd.DataFrame, col: str) -> dict:
        """initiative_id → set of ``col`` values (one pass, no grouping)."""
        df = df[df["initiative_id"].notna()]  # a missing id is no group
        out: dict = {}
        for k, v in zip(df["initiative_id"].to_numpy(dtype=object).tolist(),
                        df[col].to_numpy(dtype=object).tolist()):
            out.setdefault(k, set()).add(v)
        return out

    dg = dev.to_dict()
    south_actor_c = sets(act[act["country"].map(dg) == "developing"], "country")
    north_places = sets(places[places["country"].map(dg) == "developed"], "country")
    all_c = pd.concat([act, places])
    all_dg = all_c["country"].map(dg)
    north_c = sets(all_c[all_dg == "developed"], "country")
    south_c = sets(all_c[all_dg == "developing"], "country")
    lead_g = sets(t.loc[t["role"].isin(list(lead_roles)), ["initiative_id", "group"]], "group")
    ids = reg.initiatives["initiative_id"]
    counts = counts.reindex(ids, fill_value=0).to_numpy()
    rows = []
    for iid, (n_act, s_act, m_act) in zip(ids, counts.tolist()):
        N, S = north_c.get(iid, set()), south_c.get(iid, set())
        s_actor_c = south_actor_c.get(iid, set())
        lg = _lead_group(lead_g.get(iid, set()))
        southern_driven = lg == "south" or (
            lg in ("multilateral", "unknown", "none") and s_act > n_act
            and not north_places.get(iid))
        if len(s_actor_c) >= 2 and (n_act or m_act) and southern_driven:
            cat = "triangular"
        elif N and S:
            cat = "north-south"
        elif len(S) >= 2:
            cat = "south-south"
        elif len(N) >= 2:
            cat = "north-north"
        elif N or S:
            cat = "single-country"
        else:
            cat = "unclassified"
        rows.append((iid, cat, n_act, s_act, m_act, "|".join(sorted(N)), "|".join(sorted(S)),
                     lg, _explain(cat, N, S, n_act, s_act, m_act, lg, s_actor_c)))
    out = pd.DataFrame(rows, columns=["initiative_id", "category", "north_actors", "south_actors",
                                      "multilateral_actors", "north_countries",
                                      "south_countries", "lead_group", "explanation"])
    return out.astype({"initiative_id": "string", "category": "string", "north_actors": "int64",
                       "south_actors": "int64", "multilateral_actors": "int64",
                       "north_countries": "string", "south_countries": "string",
                       "lead_group": "string", "explanation": "string"})


def _list(cs: set) -> str:
    cs = sorted(cs)
    return ", ".join(cs[:6]) + (f" and {len(cs) - 6} more" if len(cs) > 6 else "")


def _explain(cat, N, S, n_act, s_act, m_act, lg, s_actor_c) -> str:
    parts = []
    if N:
        parts.append(f"North countries {_list(N)}")
    if S:
        parts.append(f"South countries {_list(S)}")
    actors = (f"{n_act} North, {s_act} South and {m_act} multilateral "
              f"actor{'' if n_act + s_act + m_act == 1 else 's'}")
    lead = {"none": "no lead recorded", "unknown": "lead's country unknown",
            "mixed": "leads from several groups"}.get(lg, f"led from the {lg.title()}"
                                                      if lg != "multilateral"
                                                      else "led by a multilateral body")
    if cat == "triangular":
        why = (f"triangular: {len(s_actor_c)} South countries ({_list(s_actor_c)}) among the "
               "actors, supported by " + ("a North actor" if n_act else "a multilateral body")
               + f", Southern-driven ({lead})")
    elif cat == "unclassified":
        why = "unclassified: no actor or place with a known country"
    else:
        why = f"{CATEGORY_WORDS[cat]}: " + "; ".join(parts)
    return f"{why}; {actors}; {lead}" if cat != "triangular" else f"{why}; {actors}"


def north_south_summary(reg: Registry, *, use_places: bool = True,
                        lead_roles: Sequence[str] = ("lead",),
                        dormant: str = "include", table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Shares of each category and of initiatives led from the Global North.

    ``table`` is :func:`north_south` of the same registry and arguments when the caller has it
    already (the report shows both); otherwise it is computed here.

    Returns
    -------
    DataFrame
        ``aspect`` ("category", "lead" or "country_group"), ``value`` (the
        category; the lead group; "developed" or "developing"),
        ``initiatives``, ``share`` (of all initiatives), ``share_of_known``
        (categories: of classified initiatives; leads: of initiatives whose
        lead is North or South; country groups: of initiatives with a known
        country), ``known`` (that denominator; null where no share of known
        applies, and ``share_of_known`` is then null too, as when no lead has a
        known country), ``explanation``. The row (``lead``, ``north``) gives
        the share led from the Global North.

    Examples
    --------
    The registry of :func:`north_south`: two of the five initiatives are
    North–South, half of the four with a known country; two are led from the
    North, half of the four whose lead is from a known North or South country:

    >>> import pandas as pd
    >>> from ecosystem.model import Registry
    >>> ties = pd.DataFrame({"initiative_id": list("123451123"), "actor_id": list("knkxntnkt"),
    ...                      "role": ["lead"] * 5 + ["partner"] * 4, "registry": "r",
    ...                      "record_id": "1"})
    >>> reg = Registry.from_frames(ties=ties,
    ...     actors=pd.DataFrame({"actor_id": list("kntx"), "name": list("KNTX"),
    ...                          "actor_type": ["ngo", "government", "ngo", "ngo"],
    ...                          "country": ["KEN", "NOR", "TZA", None]}),
    ...     initiatives=pd.DataFrame({"initiative_id": list("12345"), "registry": "r",
    ...                               "record_id": "1", "kind": "partnership"}),
    ...     initiative_places=pd.DataFrame({"initiative_id": ["5"], "place": "KEN",
    ...                                     "kind": "country"}))
    >>> summary = north_south_summary(reg).set_index(["aspect", "value"])
    >>> summary.loc[[("category", "north-south"), ("lead", "north")],
    ...             ["initiatives", "share", "share_of_known", "known"]]
                          initiatives  share  share_of_known  known
    aspect   value
    category north-south            2    0.4             0.5      4
    lead     north                  2    0.4             0.5      4
    """
    ns = table if table is not None else north_south(reg, use_places=use_places, lead_roles=lead_roles,
                                                      dormant=dormant)
    n = len(ns)
    rows = []
    known = int((ns["category"] != "unclassified").sum())
    for cat in CATEGORIES:
        k = int((ns["category"] == cat).sum())
        sk = k / known if known and cat != "unclassified" else np.nan
        rows.append(("category", cat, k, k / n, sk, known if not np.isnan(sk) else pd.NA,
                     f"{k:,} of {n:,} initiatives ({k / n:.1%}) are {CATEGORY_WORDS[cat]}"
                     + (f"; {sk:.1%} of the {known:,} with a known country"
                        if cat != "unclassified" and known else "")))
    known_lead = int(ns["lead_group"].isin(["north", "south"]).sum())
    for g in ("north", "south", "multilateral", "mixed", "unknown", "none"):
        k = int((ns["lead_group"] == g).sum())
        sk = k / known_lead if known_lead and g in ("north", "south") else np.nan
        label = {"north": "led from the Global North", "south": "led from the Global South",
                 "multilateral": "led by a multilateral body",
                 "mixed": "led jointly from North and South or with a multilateral body",
                 "unknown": "led by an actor of unknown country",
                 "none": "without a recorded lead"}[g]
        rows.append(("lead", g, k, k / n, sk, known_lead if not np.isnan(sk) else pd.NA,
                     f"{k:,} of {n:,} initiatives ({k / n:.1%}) are {label}"
                     + (f"; {sk:.1%} of the {known_lead:,} led from a known North or South "
                        "country" if not np.isnan(sk) else "")))
    with_country = (ns["north_countries"] != "") | (ns["south_countries"] != "")
    for g, col in (("developed", "north_countries"), ("developing", "south_countries")):
        k = int((ns[col] != "").sum())
        kk = int(with_country.sum())
        rows.append(("country_group", g, k, k / n, k / kk if kk else np.nan,
                     kk if kk else pd.NA,
                     f"{k:,} of {n:,} initiatives ({k / n:.1%}) involve a {g} country"
                     + (f"; {k / kk:.1%} of the {kk:,} with a known country" if kk else "")))
    out = pd.DataFrame(rows, columns=["aspect", "value", "initiatives", "share", "share_of_known",
                                      "known", "explanation"])
    return out.astype({"aspect": "string", "value": "string", "known": "Int64",
                       "explanation": "string"})
