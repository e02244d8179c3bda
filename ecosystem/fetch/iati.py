"""IATI activity files: by publisher or by recipient country.

Two ways, no key needed for the first:

* **The IATI data dump** (Code for IATI, daily; what ``iatikit`` downloads): the URL
  ``https://iati-data-dump.codeforiati.org/download`` answers with the address of a zip
  holding ``data/<publisher>/<dataset>.xml`` and ``metadata/<publisher>/<dataset>.json``
  (the IATI Registry's record of the dataset, with its licence). The zip is cached
  (by its address, which changes daily); a publisher's files are copied out whole; for
  a country, the activities whose ``recipient-country`` is that country are copied
  into one file per dataset.
* **The IATI Datastore** (``https://api.iatistandard.org/datastore``), when
  ``$IATI_DATASTORE_KEY`` holds a key (free, sent as ``Ocp-Apim-Subscription-Key``):
  ``/activity/iati`` pages of 1,000 activities for ``reporting_org_ref`` (a publisher's
  organisation identifier) or ``recipient_country_code``.

Licences are the publishers' own, as the IATI Registry records them.
Base URLs: ``$ECOSYSTEM_IATI_DUMP_URL``, ``$ECOSYSTEM_IATI_DATASTORE_URL`` or arguments.

Examples
--------
>>> member_dataset("iati-data-main/data/fcdo/fcdo-mw.xml")
('fcdo', 'fcdo-mw')
>>> iso2("MLI"), iso2("ml"), iso2("Mali")
('ML', 'ML', 'ML')
"""
from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path

import lxml.etree

from ecosystem.errors import InputError
from ecosystem.fetch.cache import cache_root, selector_folder, sweep_partials
from ecosystem.fetch.failures import FetchError
from ecosystem.fetch.files import FetchResult, fetch_file, finish
from ecosystem.fetch.http import Client, DownloadProgress
from ecosystem.fetch.provenance import file_sha256, write_record
from ecosystem.reference.countries import country_code_or_name

__all__ = ["DATASTORE_KEY_ENV", "DEFAULT_DATASTORE_URL", "DEFAULT_DUMP_URL", "SOURCE",
           "fetch_iati", "folder_source", "iso2", "member_dataset"]

SOURCE = "iati"
DEFAULT_DUMP_URL = "https://iati-data-dump.codeforiati.org/download"
DEFAULT_DATASTORE_URL = "https://api.iatistandard.org/datastore"
#: Environment variable holding an IATI Datastore key.
DATASTORE_KEY_ENV = "IATI_DATASTORE_KEY"
_DATA = re.compile(r"(?:^|/)data/([^/]+)/([^/]+)\.xml$")
_ROWS = 1000


def iso2(country: str) -> str | None:
    """ISO 3166 alpha-2 code (IATI's ``recipient-country/@code``) of a code or name."""
    import pycountry

    c = country.strip()
    if len(c) == 2 and c.isalpha():
        return c.upper()
    iso3 = country_code_or_name(c)
    found = pycountry.countries.get(alpha_3=iso3) if iso3 else None
    return found.alpha_2 if found else None


def folder_source(datastore: bool | None = None) -> str:
    """Cache folder of IATI files: ``iati`` (data dump) or ``iati-datastore``.

    >>> folder_source(True), folder_source(False)
    ('iati-datastore', 'iati')
    """
    if datastore is None:
        datastore = bool(os.environ.get(DATASTORE_KEY_ENV, "").strip())
    return "iati-datastore" if datastore else SOURCE


def member_dataset(name: str) -> tuple[str, str] | None:
    """(publisher, dataset) of a ``data/<publisher>/<dataset>.xml`` member of the dump."""
    m = _DATA.search(name)
    return (m.group(1), m.group(2)) if m else None


def _licence(zf: zipfile.ZipFile, names: set[str], member: str) -> tuple[str, str | None]:
    meta = re.sub(r"(^|/)data/([^/]+)/([^/]+)\.xml$", r"\1metadata/\2/\3.json", member)
    if meta in names:
        try:
            doc = json.loads(zf.read(meta))
        except ValueError:
            doc = {}
        title = str(doc.get("license_title") or doc.get("license_id") or "").strip()
        if title:
            return title, doc.get("license_url") or None
    return "not stated in the dump (see the dataset on the IATI Registry)", None


def _matching_activities(src, code: str, dest: Path) -> int:
    """Copy the activities of ``src`` whose recipient country is ``code`` to ``dest``."""
    parser_kw = {"resolve_entities": False, "no_network": True, "huge_tree": False,
                 "load_dtd": False}
    kept, root_attrs = 0, {}
    tmp = dest.with_name(dest.name + ".part")
    with open(tmp, "wb") as out:
        for event, el in lxml.etree.iterparse(src, events=("start", "end"), **parser_kw):
            tag = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
            if event == "start" and tag == "iati-activities" and not root_attrs:
                root_attrs = dict(el.attrib) or {"version": ""}
                attrs = "".join(f' {k}="{v}"' for k, v in root_attrs.items()
                                if "}" not in k and v)
                out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities'
                          f'{attrs}>\n'.encode())
            elif event == "end" and tag == "iati-activity":
                codes = {str(r.get("code", "")).upper() for r in el.iter()
                         if isinstance(r.tag, str) and r.tag.endswith("recipient-country")}
                if code in codes:
                    out.write(lxml.etree.tostring(el, encoding="utf-8") + b"\n")
                    kept += 1
                el.clear()
                while el.getprevious() is not None:
                    del el.getparent()[0]
        out.write(b"</iati-activities>\n")
    if kept:
        os.replace(tmp, dest)
    else:
        tmp.unlink(missing_ok=True)
    return kept


def _from_dump(publisher: str | None, code: str | None, folder: Path, client: Client,
               base: str, progress: DownloadProgress | None, refresh: bool,
               selectors: dict) -> FetchResult:
    out = FetchResult(source=SOURCE, folder=folder)
    _, text = client.text(base)
    zip_url = text.strip().split()[0] if text.strip() else ""
    if not zip_url.startswith(("http://", "https://")):
        raise FetchError(base, "answer is not the address of the data dump zip")
    dump_dir = cache_root() / SOURCE / "dump"
    dump_name = re.sub(r"[^A-Za-z0-9._-]+", "-", zip_url.rsplit("/", 1)[-1].split("?")[0])
    holder = FetchResult(source=SOURCE, folder=dump_dir)
    dump = fetch_file(client, zip_url, dump_dir / (dump_name or "iati-dump.zip"),
                      source=SOURCE, result=holder, progress=progress, refresh=refresh,
                      licence="each dataset under its publisher's licence (IATI Registry)")
    dump_sha = file_sha256(dump)
    try:
        zf = zipfile.ZipFile(dump)
    except zipfile.BadZipFile:
        raise FetchError(zip_url, "the downloaded data dump is not a zip file") from None
    with zf:
        names = set(zf.namelist())
        for member in sorted(names):
            found = member_dataset(member)
            if found is None or (publisher and found[0] != publisher):
                continue
            dest = folder / f"{found[0]}__{found[1]}.xml"
            if code:
                with zf.open(member) as src:
                    try:
                        if not _matching_activities(src, code, dest):
                            continue
                    except lxml.etree.XMLSyntaxError as exc:
                        out.notes.append(f"{member}: not well-formed XML ({exc}); skipped")
                        continue
            else:
                tmp = dest.with_name(dest.name + ".part")
                tmp.write_bytes(zf.read(member))
                os.replace(tmp, dest)
            licence, licence_url = _licence(zf, names, member)
            write_record(dest, url=f"{zip_url}#{member}", licence=licence,
                         licence_url=licence_url, source=SOURCE, selector=selectors,
                         extra={"publisher": found[0], "dataset": found[1],
                                "dump_sha256": dump_sha})
            out.files.append(dest)
            out.downloaded += 1
    if not out.files:
        what = f"publisher {publisher}" if publisher else f"recipient country {code}"
        raise FetchError(zip_url, f"the data dump holds no activity file for {what}", status=200)
    return out


def _from_datastore(publisher: str | None, code: str | None, folder: Path, client: Client,
                    base: str, progress: DownloadProgress | None, refresh: bool,
                    selectors: dict) -> FetchResult:
    out = FetchResult(source=SOURCE, folder=folder)
    q = f'reporting_org_ref:"{publisher}"' if publisher else f'recipient_country_code:"{code}"'
    url = f"{base.rstrip('/')}/activity/iati"
    for page in range(10_000):
        dest = folder / f"datastore-{page:04d}.xml"
        fetch_file(client, url, dest, source=SOURCE, result=out, selector=selectors,
                   params={"q": q, "rows": _ROWS, "start": page * _ROWS}, progress=progress,
                   licence="each activity under its publisher's licence (IATI Registry); "
                           "the Datastore does not restate it", refresh=True,
                   extra={"query": q, "start": page * _ROWS})
        n = len(re.findall(rb"<(?:\w+:)?iati-activity[\s>]", dest.read_bytes()))
        if n == 0:
            out.files.pop().unlink(missing_ok=True)
            break
        if n < _ROWS:
            break
    if not out.files:
        raise FetchError(url, f"the Datastore returned no activity for {q}", status=200)
    return out


def fetch_iati(publisher: str | None = None, country: str | None = None, *,
               to: str | Path | None = None, base_url: str | None = None,
               datastore: bool | None = None, client: Client | None = None,
               progress: DownloadProgress | None = None, refresh: bool = False) -> FetchResult:
    """Fetch IATI activity files of a publisher or a recipient country.

    Parameters
    ----------
    publisher : str, optional
        IATI Registry publisher name (data dump) or reporting-org identifier (Datastore).
    country : str, optional
        Recipient country (ISO2, ISO3 or name).
    datastore : bool, optional
        Use the Datastore (default: when ``$IATI_DATASTORE_KEY`` is set).

    Raises
    ------
    InputError
        Neither or both selectors, an unknown country, or the Datastore without a key.
    FetchError
        An answer or a download failed.
    """
    if bool(publisher) == bool(country):
        raise InputError("give a publisher or a recipient country (one of them)",
                         field="publisher/country")
    code = iso2(country) if country else None
    if country and not code:
        raise InputError(f"not a country code or name: {country!r}", field="country")
    key = os.environ.get(DATASTORE_KEY_ENV, "").strip()
    use_store = bool(key) if datastore is None else datastore
    if use_store and not key:
        raise InputError(f"the IATI Datastore needs a key in ${DATASTORE_KEY_ENV} "
                         f"(free, from the IATI developer portal)", field="datastore")
    selectors = {"publisher": publisher} if publisher else {"country": code}
    folder = Path(to) if to else selector_folder(None, folder_source(use_store), selectors)
    folder.mkdir(parents=True, exist_ok=True)
    sweep_partials(folder)
    if use_store:
        client = client or Client(headers={"Ocp-Apim-Subscription-Key": key})
        client.session.headers["Ocp-Apim-Subscription-Key"] = key
        base = (base_url or os.environ.get("ECOSYSTEM_IATI_DATASTORE_URL")
                or DEFAULT_DATASTORE_URL)
        out = _from_datastore(publisher, code, folder, client, base, progress, refresh,
                              selectors)
    else:
        base = base_url or os.environ.get("ECOSYSTEM_IATI_DUMP_URL") or DEFAULT_DUMP_URL
        out = _from_dump(publisher, code, folder, client or Client(), base, progress, refresh,
                         selectors)
    return finish(out, selectors)
