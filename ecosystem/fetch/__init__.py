"""Registries from their public sources: downloaded, cached, checksummed, with provenance.

``ecosystem fetch SOURCE`` and study files (``source = { fetch = "hdx-3w", country =
"MLI" }``) come here. Sources and what selects within them (:data:`SELECTORS`):

=================  ===========================================  ==========================
source             selectors                                    module
=================  ===========================================  ==========================
``iati``           ``publisher`` or ``country`` (``datastore``)  :mod:`.iati`
``hdx-3w``         ``country``                                  :mod:`.hdx`
``360giving``      ``publisher``                                :mod:`.threesixtygiving`
``sdg-platform``   ``network`` or ``search`` (``limit``)        :mod:`.sdg_platform`
=================  ===========================================  ==========================

Every file fetched has a provenance record beside it (:mod:`.provenance`: URL, date,
sha256, licence as the source states it); a fetch that finishes writes a manifest
(:mod:`.cache`), so :func:`resolve` answers from the cache, without the network, once
a fetch has completed. Failures are one :class:`FetchError` line naming URL and status.

Examples
--------
>>> sorted(SOURCES)
['360giving', 'hdx-3w', 'iati', 'sdg-platform']
>>> check_spec({"fetch": "hdx-3w", "country": "MLI"})
('hdx-3w', {'country': 'MLI'})
"""
from __future__ import annotations

from pathlib import Path

from ecosystem.errors import InputError
from ecosystem.fetch.cache import cache_root, complete_files, selector_folder
from ecosystem.fetch.failures import FetchError
from ecosystem.fetch.files import FetchResult
from ecosystem.fetch.hdx import fetch_hdx_3w
from ecosystem.fetch.http import Client, DownloadProgress
from ecosystem.fetch.iati import fetch_iati, folder_source, iso2
from ecosystem.fetch.progress import download_bars
from ecosystem.fetch.provenance import is_record, read_record
from ecosystem.fetch.sdg_platform import fetch_sdg_platform
from ecosystem.fetch.threesixtygiving import fetch_360giving

__all__ = ["SELECTORS", "SOURCES", "Client", "FetchError", "FetchResult", "cache_root",
           "cached_files", "check_spec", "fetch", "read_record", "resolve", "usable_files"]

#: Fetch function of each source.
SOURCES = {"iati": fetch_iati, "hdx-3w": fetch_hdx_3w, "360giving": fetch_360giving,
           "sdg-platform": fetch_sdg_platform}

#: Selectors each source accepts: name -> type.
SELECTORS = {
    "iati": {"publisher": str, "country": str, "datastore": bool},
    "hdx-3w": {"country": str},
    "360giving": {"publisher": str},
    "sdg-platform": {"network": str, "search": str, "limit": int},
}


def check_spec(spec: dict, file: str | Path | None = None,
               field: str = "source") -> tuple[str, dict]:
    """(source, selectors) of a ``{fetch = SOURCE, selector = value, ...}`` table.

    Raises
    ------
    InputError
        An unknown source or selector, or a value of the wrong type, naming ``field``.

    >>> try:
    ...     check_spec({"fetch": "hdx"})
    ... except InputError as exc:
    ...     print(exc)
    field source.fetch: unknown fetch source 'hdx'; choose from iati, hdx-3w, ...
    """
    source = spec.get("fetch")
    if source not in SOURCES:
        raise InputError(f"unknown fetch source {source!r}; choose from {', '.join(SOURCES)}",
                         file=file, field=f"{field}.fetch")
    selectors = {k: v for k, v in spec.items() if k != "fetch"}
    for key, value in selectors.items():
        kind = SELECTORS[source].get(key)
        if kind is None:
            raise InputError(f"unknown selector for {source}; allowed: "
                             f"{', '.join(SELECTORS[source])}", file=file,
                             field=f"{field}.{key}")
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise InputError(f"must be a {kind.__name__}", file=file, field=f"{field}.{key}")
    return source, selectors


def fetch(source: str, *, to: str | Path | None = None, progress: DownloadProgress | None = None,
          refresh: bool = False, base_url: str | None = None, client: Client | None = None,
          **selectors: object) -> FetchResult:
    """Fetch ``source`` with ``selectors`` (see :data:`SELECTORS`); progress bars when on a
    terminal unless ``progress`` is given.

    Raises
    ------
    InputError
        Unknown source or selectors.
    FetchError
        A request or download failed (the cache keeps every file completed before).
    """
    source, selectors = check_spec({"fetch": source, **selectors}, field="fetch")
    kwargs = dict(to=to, base_url=base_url, client=client, refresh=refresh, **selectors)
    if progress is not None:
        return SOURCES[source](progress=progress, **kwargs)
    with download_bars() as bars:
        return SOURCES[source](progress=bars, **kwargs)


def _folder(source: str, selectors: dict) -> Path:
    keys = dict(selectors)
    store = keys.pop("datastore", None)
    if source == "hdx-3w" and isinstance(keys.get("country"), str):
        from ecosystem.reference.countries import country_code_or_name

        keys["country"] = country_code_or_name(keys["country"]) or keys["country"]
    if source == "iati":
        if isinstance(keys.get("country"), str):
            keys["country"] = iso2(keys["country"]) or keys["country"]
        source = folder_source(store)
    return selector_folder(None, source, keys)


def cached_files(spec: dict) -> list[Path] | None:
    """The readable files of a completed fetch of ``spec`` in the cache, or None (no network).

    >>> cached_files({"fetch": "hdx-3w", "country": "ZZZ"}) is None
    True
    """
    source, selectors = check_spec(spec)
    files = complete_files(_folder(source, selectors))
    if files is None:
        return None
    usable, _ = usable_files(files)
    return usable or None


def resolve(spec: dict, *, progress: DownloadProgress | None = None,
            file: str | Path | None = None, field: str = "source") -> list[Path]:
    """The files a study's ``{fetch = ...}`` source stands for.

    A completed fetch in the cache is used as it is (no network); otherwise the
    source is fetched. Only files a loader reads are returned (:func:`usable_files`).
    """
    source, selectors = check_spec(spec, file=file, field=field)
    files = complete_files(_folder(source, selectors))
    if files is None:
        files = fetch(source, progress=progress, **selectors).files
    usable, _ = usable_files(files)
    if not usable:
        raise InputError(f"the {source} fetch holds no file ecosystem reads", file=file,
                         field=field)
    return usable


def usable_files(files: list[Path]) -> tuple[list[Path], list[str]]:
    """(files a loader reads, notes on the others), provenance records left out.

    >>> usable_files([Path("a.csv.provenance.json")])
    ([], [])
    """
    from ecosystem import loaders

    usable, notes = [], []
    for f in files:
        if is_record(f):
            continue
        try:
            loaders.detect(f)
        except InputError as exc:
            notes.append(str(exc))
            continue
        usable.append(Path(f))
    return usable, notes
