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
                                                leads the grant it makes (type
                                                ``philanthropic`` unless its org-id
                                                says it is public: PUBLIC_TYPES)
recipientOrganization[]                         mentions, role "recipient" (country from
                                                addressCountry, else location[].countryCode,
                                                else the registering agency of the org-id:
                                                ``GB-CHC-…`` → GBR; for funders too)
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

``amountAwarded`` must be a finite number of 0 or more (the standard's rule):
``NaN``, ``Infinity``, ``1e400``, a number too large for a float and a negative
amount are refused naming the grant and the field, as is a field of the wrong
type (a list where text is due) or text over
:data:`~ecosystem.loaders.file_limits.MAX_FIELD_CHARS`. A bare JSON list of
grants (without ``{"grants": [...]}``) is read, with a note in the source
provenance (``sources[0]["notes"]``).

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
import math
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
from ecosystem.loaders.file_limits import check_text
from ecosystem.loaders.json_values import loads
from ecosystem.model import MULTILATERAL_TYPES, Registry
from ecosystem.reference.orgids import (
    actor_type_from_ref,
    normalise_org_ref,
    registration_country,
)

__all__ = ["PUBLIC_TYPES", "REGISTRY", "parse_date", "read", "sniff"]

#: Default registry name.
REGISTRY = "360giving"

#: Types of a public funder, which its org-id gives (``GB-GOV-…``, a local authority, a UN
#: fund); any other funder of a grant is a grant-maker, ``philanthropic``.
PUBLIC_TYPES = frozenset({"government", "local_government", *MULTILATERAL_TYPES})


def sniff(path: str | Path, head: bytes) -> bool:
    """True for a JSON object with a ``"grants"`` list of 360Giving-looking grants, or a
    bare JSON list of such grants (read alike; a note says the package wrapper is missing)."""
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff").lstrip()
    grants = any(k in text for k in ('"amountAwarded"', '"recipientOrganization"',
                                     '"fundingOrganization"'))
    if text.startswith("["):
        return grants and re.match(r"\[\s*\{", text) is not None
    listed = re.search(r'"grants"\s*:\s*\[\s*(\{)?', text)
    # a first grant longer than the head may hide the grant keys: "grants": [{ is enough
    return text.startswith("{") and listed is not None and (grants or listed[1] is not None)


def parse_date(value: object, where: str, path: str | Path, field: str) -> dt.date | None:
    """Date of ISO 8601 (``2015-03-26``, ``2015-03-26T00:00:00+00:00``) or ``26/03/2015 00:00``."""
    try:
        return read_date(value)
    except ValueError:
        raise InputError(f"cannot read {value!r} as a date (ISO 8601 or dd/mm/yyyy)",
                         file=path, record=where, field=field) from None


def _amount(value, where, path):
    """amountAwarded as a finite number ≥ 0 (the standard's rule), else InputError."""
    if value is None or value == "":
        return None
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
    try:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise TypeError(value)
        number = float(value if not isinstance(value, str) else re.sub(r"[\s£$€,]", "", value))
    except OverflowError:
        raise InputError(f"{shown} is too large for an amount", file=path, record=where,
                         field="amountAwarded") from None
    except (TypeError, ValueError):
        raise InputError(f"cannot read {shown} as an amount", file=path, record=where,
                         field="amountAwarded") from None
    if not math.isfinite(number):
        raise InputError(f"{shown} is not a finite amount", file=path, record=where,
                         field="amountAwarded")
    if number < 0:
        raise InputError(f"the amount awarded is negative ({shown}); 360Giving amountAwarded "
                         "must be 0 or more", file=path, record=where, field="amountAwarded")
    return number


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


def _load(path: Path, notes: list[str]) -> list:
    try:
        with open(path, encoding="utf-8-sig") as fh:
            data = loads(fh.read(), file=path)
    except InputError as exc:  # name the grant: "grants[3].amountAwarded" → grant 4
        found = re.match(r"(?:grants)?\[(\d+)\]\.?(.*)", exc.field or "")
        if not found:
            raise
        raise InputError(exc.message, file=path, record=f"grant {int(found[1]) + 1}",
                         field=found[2] or None) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", file=path, record=f"line {exc.lineno}") \
            from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text: {exc.reason}", file=path) from None
    grants = data.get("grants") if isinstance(data, dict) else data
    if not isinstance(grants, list):
        raise InputError('expected a 360Giving package: {"grants": [...]}', file=path,
                         field="grants")
    if isinstance(data, list):
        notes.append('a bare list of grants, without the package wrapper {"grants": [...]}')
    return grants


def _items(grant: dict, key: str, where: str, path: Path) -> list:
    """The list a grant holds under ``key`` (one object is a list of one; absent: empty)."""
    value = grant.get(key)
    if value is None or value == "":
        return []
    if isinstance(value, dict):
        return [value]
    if not isinstance(value, list):
        raise InputError(f"expected a list, found {type(value).__name__}", file=path,
                         record=where, field=key)
    return value


def _text(grant: dict, key: str, where: str, path: Path) -> str | None:
    """A text field of a grant (numbers are written as text), else InputError."""
    value = grant.get(key)
    if value is None or isinstance(value, str):
        return None if value is None else check_text(value, file=path, record=where, field=key)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise InputError(f"expected text, found {type(value).__name__}", file=path, record=where,
                     field=key)


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
    notes: list[str] = []
    for n, grant in enumerate(_load(path, notes), start=1):
        if not isinstance(grant, dict) or not _text(grant, "id", f"grant {n}", path) \
                or not str(grant["id"]).strip():
            raise InputError("grant without an id", file=path, record=f"grant {n}", field="id")
        gid = str(grant["id"]).strip()
        where = f"grant {n} ({gid[:80]})"
        for key in ("title", "description", "currency", "dataSource"):
            _text(grant, key, where, path)
        if gid in seen:
            raise InputError("duplicate grant id", file=path, record=where, field="id")
        seen.add(gid)
        iid = f"{registry}/{gid}"
        award = parse_date(grant.get("awardDate"), where, path, "awardDate")
        start, end = _grant_dates(grant, award, where, path)
        url = _text(grant, "dataSource", where, path)
        rows["initiatives"].append({
            "initiative_id": iid, "registry": registry, "record_id": gid, "kind": "grant",
            "title": _text(grant, "title", where, path),
            "description": _text(grant, "description", where, path),
            "start": start, "end": end,
            "url": url.strip() if isinstance(url, str) and url.strip() else None})

        def mention(org, role):
            name = " ".join(str(org.get("name") or "").split())
            raw = str(org.get("id") or "").strip() or None
            if not name and not raw:
                return None, None
            ref = normalise_org_ref(raw)
            # the address, else the country of the agency that registered it ("GB-CHC-…": GBR)
            country = _org_country(org) or registration_country(ref)
            kind = actor_type_from_ref(ref) or "unknown"
            if role == "lead" and kind not in PUBLIC_TYPES:
                kind = "philanthropic"  # a trust or a charity making grants is a grant-maker
            rows["mentions"].append({
                "initiative_id": iid, "name": name or raw, "role": role,
                "actor_type": kind, "country": country,
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
                    "currency": _text(grant, "currency", where, path), "date": award})
        places = {}
        for loc in _items(grant, "beneficiaryLocation", where, path):
            if not isinstance(loc, dict):
                continue
            place = country_place(loc.get("name"), loc.get("countryCode"))
            if place["kind"] != "country" and loc.get("geoCode"):
                place = {"place": str(loc["geoCode"]), "kind": "other", "name": loc.get("name")}
            if place["place"]:
                places.setdefault((place["place"], place["kind"]), place)
        rows["initiative_places"] += [{"initiative_id": iid, **p} for p in places.values()]
        themes = {}
        for prog in _items(grant, "grantProgramme", where, path):
            if isinstance(prog, dict) and (prog.get("title") or prog.get("code")):
                themes[(prog.get("title") or prog.get("code"), "grant_programme")] = prog.get("code")
        for c in _items(grant, "classifications", where, path):
            if isinstance(c, dict) and (c.get("title") or c.get("code")):
                vocab = re.sub(r"[^a-z0-9]+", "_", str(c.get("vocabulary") or "classification")
                               .lower()).strip("_")
                themes[(c.get("title") or c.get("code"), vocab)] = c.get("code")
        rows["initiative_themes"] += [{"initiative_id": iid, "theme": t, "vocabulary": v,
                                       "code": code} for (t, v), code in themes.items()]
    if not seen:
        raise InputError("the package has no grants", file=path, field="grants")
    reg = Registry.from_frames(**{t: pd.DataFrame(r) for t, r in rows.items() if r})
    reg.sources = [{"encoding": "utf-8", "notes": notes}]
    return reg
