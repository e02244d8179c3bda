"""360Giving: every file one grant-maker publishes, from the registry's ``data.json``.

The 360Giving registry (``https://registry.threesixtygiving.org/data.json``, no key)
lists each published file with its publisher (``name``, ``prefix``), its
``distribution`` (``downloadURL``) and the licence it is published under
(``license``, ``license_name``), recorded as stated. A publisher is chosen by its
prefix (``360G-indigotrust``) or by its name, whole or in part (one publisher only).

ecosystem reads 360Giving JSON; a file published as a spreadsheet is fetched too and
noted (:func:`ecosystem.fetch.usable_files` leaves it out of a study).

Base URL of the registry: ``$ECOSYSTEM_360GIVING_URL`` or ``base_url``.

Examples
--------
>>> entry = {"identifier": "a00x", "distribution": [{"downloadURL": "https://x.org/g.json"}]}
>>> file_name(entry)
'a00x.json'
>>> publishers([{"publisher": {"name": "Indigo Trust", "prefix": "360G-indigotrust"}}], "indigo")
['360G-indigotrust']
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlparse

from ecosystem.errors import InputError
from ecosystem.fetch.cache import selector_folder, sweep_partials
from ecosystem.fetch.failures import FetchError
from ecosystem.fetch.files import FetchResult, fetch_file, finish
from ecosystem.fetch.http import Client, DownloadProgress

__all__ = ["DEFAULT_URL", "SOURCE", "fetch_360giving", "file_name", "publishers"]

SOURCE = "360giving"
DEFAULT_URL = "https://registry.threesixtygiving.org/data.json"
_EXTENSIONS = ("json", "xlsx", "csv", "ods", "xls")


def _publisher(entry: dict) -> dict:
    pub = entry.get("publisher")
    return pub if isinstance(pub, dict) else {}


def publishers(entries: list, wanted: str) -> list[str]:
    """Prefixes of the publishers ``wanted`` names: its prefix exactly, else its name exactly,
    else names containing it (case ignored)."""
    w = wanted.strip().lower()
    pubs = {str(_publisher(e).get("prefix") or _publisher(e).get("name")): str(
        _publisher(e).get("name", "")) for e in entries if isinstance(e, dict)}
    for match in (lambda p, n: p.lower() == w, lambda p, n: n.lower() == w,
                  lambda p, n: w in n.lower()):
        found = sorted(p for p, n in pubs.items() if match(p, n))
        if found:
            return found
    return []


def file_name(entry: dict) -> str:
    """``<identifier>.<ext>``, the extension from the metadata or the download URL."""
    dist = (entry.get("distribution") or [{}])[0]
    url = str(dist.get("downloadURL") or dist.get("accessURL") or "")
    meta = entry.get("datagetter_metadata") or {}
    ext = str(meta.get("file_type") or "").lower().strip(".")
    if ext not in _EXTENSIONS:
        tail = urlparse(url).path.rsplit(".", 1)
        ext = tail[1].lower() if len(tail) == 2 and tail[1].lower() in _EXTENSIONS else "json"
    ident = re.sub(r"[^A-Za-z0-9._-]+", "-", str(entry.get("identifier") or "file")).strip("-.")
    return f"{ident[:100] or 'file'}.{ext}"


def fetch_360giving(publisher: str, *, to: str | Path | None = None,
                    base_url: str | None = None, client: Client | None = None,
                    progress: DownloadProgress | None = None,
                    refresh: bool = False) -> FetchResult:
    """Fetch every file the 360Giving registry lists for ``publisher``.

    Raises
    ------
    InputError
        No publisher, or several, match ``publisher``.
    FetchError
        The registry or a download failed.
    """
    url = base_url or os.environ.get("ECOSYSTEM_360GIVING_URL") or DEFAULT_URL
    client = client or Client()
    entries = client.json(url)
    if not isinstance(entries, list):
        raise FetchError(url, "answer is not the registry's list of files")
    found = publishers(entries, publisher)
    if len(found) != 1:
        raise InputError(f"{len(found)} publishers match {publisher!r}"
                         + (f": {', '.join(found[:10])}; give one prefix" if found else
                            " in the 360Giving registry"), field="publisher")
    prefix = found[0]
    selectors = {"publisher": prefix}
    folder = Path(to) if to else selector_folder(None, SOURCE, selectors)
    folder.mkdir(parents=True, exist_ok=True)
    sweep_partials(folder)
    out = FetchResult(source=SOURCE, folder=folder)
    for e in entries:
        pub = _publisher(e)
        if str(pub.get("prefix") or pub.get("name")) != prefix:
            continue
        dist = (e.get("distribution") or [{}])[0]
        link = dist.get("downloadURL") or dist.get("accessURL")
        if not link:
            out.notes.append(f"{e.get('identifier')}: the registry gives no download URL")
            continue
        dest = folder / file_name(e)
        fetch_file(client, link, dest, source=SOURCE, result=out, selector=selectors,
                   licence=str(e.get("license_name") or e.get("license")
                               or "not stated in the registry"),
                   licence_url=e.get("license") or None, progress=progress, refresh=refresh,
                   extra={"title": e.get("title"), "publisher": pub.get("name"),
                          "modified": e.get("modified")})
        if dest.suffix != ".json":
            out.notes.append(f"{dest.name}: published as {dest.suffix[1:].upper()}; ecosystem "
                             f"reads 360Giving JSON (convert it with the 360Giving tools)")
    if not out.files:
        raise FetchError(url, f"the registry lists no downloadable file for {prefix}",
                         status=200)
    return finish(out, selectors)
