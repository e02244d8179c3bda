"""HDX (Humanitarian Data Exchange): 3W/4W/5W sheets of one country, HXL-tagged only.

HDX runs CKAN: ``/api/3/action/package_search`` lists datasets; this asks for those of
the country's group (lower-case ISO3) tagged ``hxl`` that speak of 3W/4W/5W ("who
does what where"). Each CSV or XLSX resource is downloaded; one without a row of
HXL hashtags (:mod:`ecosystem.loaders.hxl`) is removed again and noted. No key is
needed. The licence recorded is the dataset's ``license_title`` as HDX states it
(with ``license_other`` when the dataset says "other").

Base URL: ``https://data.humdata.org``, or ``$ECOSYSTEM_HDX_URL``, or ``base_url``.

Examples
--------
>>> resource_file_name({"name": "mli-3w"}, {"name": "3W Mali.csv", "format": "CSV"})
'mli-3w__3W-Mali.csv'
>>> is_3w({"title": "Mali: Who is doing what where (3W)", "tags": [{"name": "hxl"}]})
True
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from ecosystem.errors import InputError
from ecosystem.fetch.cache import selector_folder, sweep_partials
from ecosystem.fetch.failures import FetchError
from ecosystem.fetch.files import FetchResult, fetch_file, finish
from ecosystem.fetch.http import Client, DownloadProgress
from ecosystem.fetch.provenance import record_path
from ecosystem.reference.countries import country_code_or_name

__all__ = ["DEFAULT_URL", "SOURCE", "fetch_hdx_3w", "is_3w", "resource_file_name"]

SOURCE = "hdx-3w"
DEFAULT_URL = "https://data.humdata.org"
_FORMATS = {"csv": "csv", "xlsx": "xlsx", "xls": "xls"}
_THREE_W = re.compile(r"\b[345]\s*w\b|who\s+(is\s+)?do(ing|es)\s+what", re.IGNORECASE)


def is_3w(dataset: dict) -> bool:
    """True when a CKAN dataset is tagged ``hxl`` and its title, name or tags speak of 3W/4W/5W."""
    tags = [str(t.get("name", "")).lower() for t in dataset.get("tags") or []
            if isinstance(t, dict)]
    if "hxl" not in tags:
        return False
    text = " ".join([str(dataset.get("title", "")), str(dataset.get("name", "")), *tags])
    return bool(_THREE_W.search(text.replace("-", " ")))


def resource_file_name(dataset: dict, resource: dict) -> str:
    """A safe local file name for a resource: ``<dataset>__<resource>.<ext>``."""
    fmt = str(resource.get("format", "")).lower().strip(".")
    name = str(resource.get("name") or resource.get("id") or "resource")
    stem = re.sub(r"\.(csv|xlsx|xls)$", "", name, flags=re.IGNORECASE)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.")[:80] or "resource"
    ds = re.sub(r"[^A-Za-z0-9._-]+", "-", str(dataset.get("name", "dataset"))).strip("-.")[:80]
    return f"{ds}__{stem}.{_FORMATS.get(fmt, 'csv')}"


def _licence(dataset: dict) -> tuple[str, str | None]:
    title = str(dataset.get("license_title") or dataset.get("license_id") or "").strip()
    other = str(dataset.get("license_other") or "").strip()
    if other and (not title or "other" in title.lower()):
        title = f"{title}: {other}" if title else other
    return title or "not stated by the dataset", dataset.get("license_url") or None


def fetch_hdx_3w(country: str, *, to: str | Path | None = None, base_url: str | None = None,
                 client: Client | None = None, progress: DownloadProgress | None = None,
                 refresh: bool = False) -> FetchResult:
    """Fetch the HXL-tagged 3W/4W/5W resources HDX holds for ``country``.

    Parameters
    ----------
    country : str
        ISO3 code or country name (``MLI``, ``Mali``).
    to : path, optional
        Folder for the files (default: the cache, :mod:`ecosystem.fetch.cache`).
    base_url : str, optional
        The CKAN site (default ``$ECOSYSTEM_HDX_URL`` or https://data.humdata.org).
    refresh : bool
        Download files again even when the cache holds them.

    Raises
    ------
    FetchError
        The API or a download failed, or no dataset matched.
    """
    iso3 = country_code_or_name(country)
    if not iso3:
        raise InputError(f"not a country code or name: {country!r}", field="country")
    base = (base_url or os.environ.get("ECOSYSTEM_HDX_URL") or DEFAULT_URL).rstrip("/")
    client = client or Client()
    selectors = {"country": iso3}
    folder = Path(to) if to else selector_folder(None, SOURCE, selectors)
    folder.mkdir(parents=True, exist_ok=True)
    sweep_partials(folder)
    api = f"{base}/api/3/action/package_search"
    datasets, start, rows = [], 0, 100
    while True:
        doc = client.json(api, params={"fq": f"groups:{iso3.lower()} AND tags:hxl",
                                       "q": "3w OR 4w OR 5w OR \"who is doing what\"",
                                       "rows": rows, "start": start})
        result = doc.get("result") if isinstance(doc, dict) and doc.get("success") else None
        if not isinstance(result, dict) or not isinstance(result.get("results"), list):
            raise FetchError(api, "answer is not a CKAN package_search result")
        datasets += result["results"]
        start += rows
        if start >= int(result.get("count") or 0) or not result["results"]:
            break
    out = FetchResult(source=SOURCE, folder=folder)
    for ds in datasets:
        if not isinstance(ds, dict):
            continue
        if not is_3w(ds):
            out.notes.append(f"{ds.get('name')}: not a 3W/4W/5W dataset tagged hxl; left out")
            continue
        licence, licence_url = _licence(ds)
        for res in ds.get("resources") or []:
            fmt = str(res.get("format", "")).lower().strip(".")
            if fmt not in _FORMATS or not res.get("url"):
                continue
            digest = str(res.get("hash") or "").strip().lower()
            dest = folder / resource_file_name(ds, res)
            path = fetch_file(client, res["url"], dest, source=SOURCE, licence=licence,
                              licence_url=licence_url, selector=selectors, result=out,
                              sha256=digest if len(digest) == 64 else None,
                              md5=digest if len(digest) == 32 else None, progress=progress,
                              refresh=refresh,
                              extra={"dataset": ds.get("name"), "title": ds.get("title"),
                                     "organisation": (ds.get("organization") or {}).get("title")})
            if not _is_hxl(path):
                out.files.remove(path)
                path.unlink(missing_ok=True)
                record_path(path).unlink(missing_ok=True)
                out.notes.append(f"{path.name}: no row of HXL hashtags; left out")
    out.downloaded = min(out.downloaded, len(out.files) - out.cached)
    if not out.files:
        raise FetchError(api, f"no HXL-tagged 3W/4W/5W resource for {iso3} on {base}",
                         status=200)
    return finish(out, selectors)


def _is_hxl(path: Path) -> bool:
    from ecosystem import loaders

    try:
        return loaders.detect(path) == "hxl"
    except InputError:
        return False
