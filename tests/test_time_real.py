"""Periods, entries and exits and life-cycle stages on the real registries, each checked against
an independent count: dates read from the raw file by the few lines below, actors from the ties."""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict

import pandas as pd
import pytest
from helpers.real_data import real_file
from lxml import etree

from ecosystem.measures.time import period_table, timeline

OCEAN_AS_OF = dt.date(2026, 3, 26)     # analyses/ocean-commitments.toml
REAL = dt.date(1980, 1, 1)             # earlier dates are placeholders ("01 January 1970")


def _two_years_after(d: dt.date) -> dt.date:
    try:
        return d.replace(year=d.year + 2)
    except ValueError:                 # 29 February
        return d.replace(year=d.year + 2, day=28)


def _day(text: str | None, fmt: str) -> dt.date | None:
    if not text:
        return None
    d = dt.datetime.strptime(text.strip()[:10] if fmt == "%Y-%m-%d" else text.strip(), fmt).date()
    return d if d >= REAL else None


@pytest.fixture(scope="module")
def ocean_raw(ocean_path) -> dict:
    """record id → (start, end, deliverable dates, has deliverables), read from the JSONL."""
    out = {}
    for line in ocean_path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        dels = r.get("deliverables") or []
        out[r["ocean_action_id"].lstrip("#")] = (
            _day(r.get("start_date"), "%d %B %Y"), _day(r.get("completion_date"), "%d %B %Y"),
            [d for d in (_day(x.get("date"), "%Y-%m-%d") for x in dels) if d], bool(dels))
    return out


def _years(start: dt.date, end: dt.date | None, as_of: dt.date) -> range:
    """Calendar years a span covers: to its end, or to the as-of date when it has none."""
    stop = end if end is not None else as_of
    stop = max(stop, start)
    return range(start.year, min(stop, as_of).year + 1)


def _by_year(spans: dict, as_of: dt.date, ties: dict) -> dict:
    """Independent per-year counts: initiatives active, actors active, entering, leaving."""
    active_i: dict = defaultdict(set)
    for rid, (s, e) in spans.items():
        if s is not None and s <= as_of:
            for y in _years(s, e, as_of):
                active_i[y].add(rid)
    first = min(active_i)
    out = {}
    before: set = set()
    for y in range(first, as_of.year + 1):
        actors = {a for rid in active_i[y] for a in ties.get(rid, ())}
        out[str(y)] = (len(active_i[y]), len(actors), len(actors - before), len(before - actors))
        before = actors
    return out


def _ties(reg) -> dict:
    record = dict(zip(reg.initiatives["initiative_id"], reg.initiatives["record_id"]))
    out: dict = defaultdict(set)
    for i, a in zip(reg.ties["initiative_id"], reg.ties["actor_id"]):
        out[record[i]].add(a)
    return out


def test_ocean_period_table_matches_the_raw_dates(ocean, ocean_raw):
    t = period_table(ocean, as_of=OCEAN_AS_OF.isoformat())
    expected = _by_year({k: v[:2] for k, v in ocean_raw.items()}, OCEAN_AS_OF, _ties(ocean))
    got = {p: tuple(int(x) for x in row) for p, row in zip(
        t["period"], t[["initiatives", "actors", "actors_entering", "actors_leaving"]].to_numpy())}
    assert got == expected
    undated = sum(1 for s, *_ in ocean_raw.values() if s is None)
    assert t.attrs["undated"] == undated
    assert t.attrs["announced"] == sum(1 for s, *_ in ocean_raw.values()
                                       if s is not None and s > OCEAN_AS_OF)
    started = Counter(str(s.year) for s, *_ in ocean_raw.values() if s and s <= OCEAN_AS_OF)
    assert dict(zip(t["period"], t["started"])) == {p: started.get(p, 0) for p in t["period"]}


def _ocean_stage(start, end, dated_dels, has_dels) -> str:
    """The partnership stage rule written out for one raw record."""
    if (start is None and end is None and not dated_dels) or \
            (end is not None and end < OCEAN_AS_OF and not has_dels):
        return "dormant"
    if end is not None and end < OCEAN_AS_OF:
        return "completed"
    if start is None and end is None:
        return "undated"
    if start is not None and start > OCEAN_AS_OF:
        return "announced"
    if start is not None and _two_years_after(start) <= OCEAN_AS_OF and \
            not any(d <= _two_years_after(start) for d in dated_dels):
        return "overdue"
    return "active"


def test_ocean_stage_counts_match_the_raw_records(ocean, ocean_raw):
    tl = timeline(ocean, as_of=OCEAN_AS_OF.isoformat())
    got = tl.stages["stage"].value_counts().to_dict()
    expected = Counter(_ocean_stage(*v) for v in ocean_raw.values())
    assert got == dict(expected)
    assert set(got) == {"announced", "active", "overdue", "completed", "dormant", "undated"}


@pytest.fixture(scope="module")
def iati_path():
    return real_file("iati_activities", "datastore_multi_publisher_2020_v202.xml")


@pytest.fixture(scope="module")
def iati(iati_path):
    import ecosystem

    return ecosystem.load(iati_path)


@pytest.fixture(scope="module")
def iati_raw(iati_path) -> dict:
    """iati-identifier → (start, end, status, transaction dates), read with lxml."""
    out = {}
    for act in etree.parse(str(iati_path)).getroot().iter("iati-activity"):
        dates = {d.get("type"): _day(d.get("iso-date"), "%Y-%m-%d")
                 for d in act.iter("activity-date")}
        tx = [d for d in (_day(t.get("iso-date"), "%Y-%m-%d")
                          for t in act.iter("transaction-date")) if d]
        status = act.find("activity-status")
        out[act.findtext("iati-identifier").strip()] = (
            dates.get("2") or dates.get("1"), dates.get("4") or dates.get("3"),
            status.get("code") if status is not None else None, tx)
    return out


def test_iati_period_table_matches_the_raw_dates(iati, iati_raw):
    as_of = max(d for *_, tx in iati_raw.values() for d in tx)   # latest transaction
    spans = {}
    for rid, (s, e, status, tx) in iati_raw.items():
        s = s or (min(tx) if tx else None)
        if e is None and status in ("3", "4", "5") and tx:
            e = max(tx)
        spans[rid] = (s, e)
    t = period_table(iati)
    assert t["end"].iloc[-1].date() == as_of
    expected = _by_year(spans, as_of, _ties(iati))
    got = {p: tuple(int(x) for x in row) for p, row in zip(
        t["period"], t[["initiatives", "actors", "actors_entering", "actors_leaving"]].to_numpy())}
    assert got == expected
    assert t.attrs["undated"] == sum(1 for s, _ in spans.values() if s is None)


def test_iati_stage_counts_match_the_raw_statuses(iati, iati_raw):
    as_of = max(d for *_, tx in iati_raw.values() for d in tx)
    since = (pd.Timestamp(as_of) - pd.DateOffset(years=2)).date()
    expected = Counter()
    for s, e, status, tx in iati_raw.values():
        if status in ("3", "4"):
            expected["completed"] += 1
        elif status == "1":
            expected["announced"] += 1
        elif not any(since < d <= as_of for d in tx) and not (s and since < s <= as_of):
            expected["dormant"] += 1            # in implementation, nothing in two years
        elif e is not None and e < as_of:
            expected["overdue"] += 1            # in implementation past its planned end
        else:
            expected["active"] += 1
    got = timeline(iati).stages["stage"].value_counts().to_dict()
    assert got == dict(expected)
