"""360Giving grants (the standard's JSON package ``{"grants": [...]}``) → the model.

Each grant becomes an initiative of kind ``"grant"`` in registry
``"360giving"`` (``record_id`` = the grant ``id``):

==============================================  ======================================
360Giving field                                 model
==============================================  ======================================
title, description, dataSource                  initiatives.title, description, url
plannedDates[0].startDate / endDate             initiatives.start / end (else
(else actualDates[0])                           actualDates[0]); without them start =
                                                awardDate and end = start + ``duration``
                                                (months: 12 or "12 months") when given
fundingOrganization[]                           mentions, role "lead": the funder
                                                leads the grant it makes
recipientOrganization[]                         mentions, role "recipient" (country from
                                                addressCountry, else location[].countryCode)
funder → recipient                              flows: amountAwarded, currency,
                                                awardDate (``date``), flow_type "grant"
beneficiaryLocation[] (countryCode or name)     initiative_places, kind "country"
grantProgramme[].title, classifications[]       initiative_themes ("grant_programme",
                                                the classification's vocabulary)
==============================================  ======================================

Organisation ids go through :func:`ecosystem.reference.orgids.normalise_org_ref`:
``GB-CHC-…`` and ``GB-COH-…`` are kept as ``org_ref``; 360Giving local ids
(``360G-…``) and ``DUMMY…`` placeholders are not global identifiers, so
``org_ref`` is None and the id is kept in ``source_text``. A grant with
several funders or recipients gives one flow per pair, without amounts (the
split is unknown); the usual one funder → one recipient grant carries it.

Dates are read as ISO 8601 or as ``dd/mm/yyyy[ hh:mm]`` (older files).

Examples
--------
>>> import json, pathlib, tempfile
>>> grant = {"id": "360G-demo-1", "title": "Reef restoration", "awardDate": "26/03/2019 00:00",
...          "amountAwarded": 5000, "currency": "GBP",
...          "fundingOrganization": [{"id": "GB-CHC-1070468", "name": "Demo Trust"}],
...          "recipientOrganization": [{"id": "360G-demo-org-7", "name": "Reef Friends"}],
...          "beneficiaryLocation": [{"name": "Fiji", "countryCode": "FJ"}]}
>>> with tempfile.TemporaryDirectory() as folder:
...     path = pathlib.Path(folder) / "grants.json"
...     _ = path.write_text(json.dumps({"grants": [grant]}), encoding="utf-8")
...     reg = read(path)
>>> reg.flows[["provider_name", "receiver_name", "amount", "currency"]].values.tolist()
[['Demo Trust', 'Reef Friends', 5000.0, 'GBP']]
>>> reg.flows["date"].dt.date.astype(str).tolist()
['2019-03-26']
>>> reg.mentions[["name", "role"]].values.tolist()
[['Demo Trust', 'lead'], ['Reef Friends', 'recipient']]
>>> reg.mentions["org_ref"].fillna("-").tolist(), reg.initiative_places["place"].tolist()
(['GB-CHC-1070468', '-'], ['FJI'])
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd

from ecosystem.errors import InputError
from ecosystem.loaders.cell_values import read_date
from ecosystem.loaders.country_places import (
    country_place,
    iso3_from_code,
    iso3_from_name,
)
from ecosystem.model import Registry
from ecosystem.reference.orgids import actor_type_from_ref, normalise_org_ref

__all__ = ["REGISTRY", "parse_date", "read", "sniff"]

#: Default registry name.
REGISTRY = "360giving"


def sniff(path: str | Path, head: bytes) -> bool:
    """True for a JSON object with a ``"grants"`` list of 360Giving-looking grants."""
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff").lstrip()
    return (text.startswith("{") and re.search(r'"grants"\s*:\s*\[', text) is not None
            and any(k in text for k in ('"amountAwarded"', '"recipientOrganization"',
                                        '"fundingOrganization"')))


def parse_date(value: object, where: str, path: str | Path, field: str) -> dt.date | None:
    """Date of ISO 8601 (``2015-03-26``, ``2015-03-26T00:00:00+00:00``) or ``26/03/2015 00:00``."""
    try:
        return read_date(value)
    except ValueError:
        raise InputError(f"cannot read {value!r} as a date (ISO 8601 or dd/mm/yyyy)",
                         file=path, record=where, field=field) from None


def _amount(value, where, path):
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = re.sub(r"[\s£$€,]", "", str(value))
    try:
        return float(text)
    except ValueError:
        raise InputError(f"cannot read {value!r} as an amount", file=path, record=where,
                         field="amountAwarded") from None


def _add_months(date: dt.date, months: int) -> dt.date:
    y, m = divmod(date.month - 1 + months, 12)
    year, month = date.year + y, m + 1
    for day in (date.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(date)  # pragma: no cover


def _grant_dates(grant, award, where, path):
    """(start, end): plannedDates[0], else actualDates[0]; start falls back to the award date
    and end to start + duration (months, as 12 or "12 months")."""
    for key in ("plannedDates", "actualDates"):
        dates = grant.get(key)
        first = (dates[0] if isinstance(dates, list) and dates else dates) or {}
        if not isinstance(first, dict):
            continue
        start = parse_date(first.get("startDate"), where, path, f"{key}.startDate")
        end = parse_date(first.get("endDate"), where, path, f"{key}.endDate")
        months = _months(first.get("duration"))
        if start or end or months:
            start = start or award
            if end is None and start and months:
                end = _add_months(start, months)
            return start, end
    return award, None


def _months(duration) -> int | None:
    """Months of a duration: 12 (the standard's number of months) or "12 months" (older files)."""
    if isinstance(duration, (int, float)) and not isinstance(duration, bool):
        return int(duration) if duration > 0 else None
    found = re.fullmatch(r"\s*(\d+)\s*(?:months?)?\s*", str(duration or ""))
    return int(found[1]) if found and int(found[1]) > 0 else None


def _org_country(org: dict) -> str | None:
    """ISO3 of an organisation's addressCountry (name or code), else of location[].countryCode."""
    written = org.get("addressCountry")
    country = iso3_from_name(written) or iso3_from_code(written)
    locations = org.get("location")
    for loc in [locations] if isinstance(locations, dict) else locations or []:
        if country is None and isinstance(loc, dict):
            country = iso3_from_code(loc.get("countryCode")) or iso3_from_name(loc.get("name"))
    return country


def _orgs(grant, key, where, path) -> list[dict]:
    orgs = grant.get(key) or []
    if isinstance(orgs, dict):
        orgs = [orgs]
    if not isinstance(orgs, list) or not all(isinstance(o, dict) for o in orgs):
        raise InputError("expected a list of organisations", file=path, record=where, field=key)
    return orgs


def _load(path: Path) -> list:
    try:
        with open(path, encoding="utf-8-sig") as fh:
            data = json.load(fh)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", file=path, record=f"line {exc.lineno}") \
            from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text: {exc.reason}", file=path) from None
    grants = data.get("grants") if isinstance(data, dict) else data
    if not isinstance(grants, list):
        raise InputError('expected a 360Giving package: {"grants": [...]}', file=path,
                         field="grants")
    return grants


def read(path: str | Path, registry: str | None = None) -> Registry:
    """Read a 360Giving JSON package into an unresolved :class:`~ecosystem.model.Registry`.

    Raises
    ------
    InputError
        Invalid JSON, no ``grants`` list, a grant without ``id``, a duplicate
        id, or an amount or date that cannot be read (naming grant and field).
    """
    path = Path(path)
    registry = registry or REGISTRY
    rows = {t: [] for t in ("initiatives", "initiative_places", "initiative_themes",
                            "mentions", "flows")}
    seen: set[str] = set()
    for n, grant in enumerate(_load(path), start=1):
        if not isinstance(grant, dict) or not str(grant.get("id") or "").strip():
            raise InputError("grant without an id", file=path, record=f"grant {n}", field="id")
        gid = str(grant["id"]).strip()
        where = f"grant {n} ({gid})"
        if gid in seen:
            raise InputError("duplicate grant id", file=path, record=where, field="id")
        seen.add(gid)
        iid = f"{registry}/{gid}"
        award = parse_date(grant.get("awardDate"), where, path, "awardDate")
        start, end = _grant_dates(grant, award, where, path)
        url = grant.get("dataSource")
        rows["initiatives"].append({
            "initiative_id": iid, "registry": registry, "record_id": gid, "kind": "grant",
            "title": grant.get("title"), "description": grant.get("description"),
            "start": start, "end": end,
            "url": url.strip() if isinstance(url, str) and url.strip() else None})

        def mention(org, role):
            name = " ".join(str(org.get("name") or "").split())
            raw = str(org.get("id") or "").strip() or None
            if not name and not raw:
                return None, None
            ref = normalise_org_ref(raw)
            country = _org_country(org)
            rows["mentions"].append({
                "initiative_id": iid, "name": name or raw, "role": role,
                "actor_type": actor_type_from_ref(ref) or "unknown", "country": country,
                "org_ref": ref, "registry": registry, "record_id": gid,
                "source_text": f"{name} [id {raw}]" if raw else name})
            return name or raw, ref

        # the funder leads the grant it makes; the recipient carries it out
        funders = [mention(o, "lead") for o in _orgs(grant, "fundingOrganization", where, path)]
        recipients = [mention(o, "recipient")
                      for o in _orgs(grant, "recipientOrganization", where, path)]
        amount = _amount(grant.get("amountAwarded"), where, path)
        funders = [f for f in funders if f[0]] or [(None, None)]
        recipients = [r for r in recipients if r[0]] or [(None, None)]
        single = len(funders) == 1 and len(recipients) == 1
        for k, (fname, fref) in enumerate(funders, start=1):
            for j, (rname, rref) in enumerate(recipients, start=1):
                rows["flows"].append({
                    "flow_id": f"{iid}/grant/{k}/{j}", "initiative_id": iid,
                    "provider_name": fname, "provider_ref": fref, "receiver_name": rname,
                    "receiver_ref": rref, "flow_type": "grant",
                    "amount": amount if single else None,
                    "currency": grant.get("currency"), "date": award})
        places = {}
        for loc in grant.get("beneficiaryLocation") or []:
            if not isinstance(loc, dict):
                continue
            place = country_place(loc.get("name"), loc.get("countryCode"))
            if place["kind"] != "country" and loc.get("geoCode"):
                place = {"place": str(loc["geoCode"]), "kind": "other", "name": loc.get("name")}
            if place["place"]:
                places.setdefault((place["place"], place["kind"]), place)
        rows["initiative_places"] += [{"initiative_id": iid, **p} for p in places.values()]
        themes = {}
        for prog in grant.get("grantProgramme") or []:
            if isinstance(prog, dict) and (prog.get("title") or prog.get("code")):
                themes[(prog.get("title") or prog.get("code"), "grant_programme")] = prog.get("code")
        for c in grant.get("classifications") or []:
            if isinstance(c, dict) and (c.get("title") or c.get("code")):
                vocab = re.sub(r"[^a-z0-9]+", "_", str(c.get("vocabulary") or "classification")
                               .lower()).strip("_")
                themes[(c.get("title") or c.get("code"), vocab)] = c.get("code")
        rows["initiative_themes"] += [{"initiative_id": iid, "theme": t, "vocabulary": v,
                                       "code": code} for (t, v), code in themes.items()]
    if not seen:
        raise InputError("the package has no grants", file=path, field="grants")
    return Registry.from_frames(**{t: pd.DataFrame(r) for t, r in rows.items() if r})
