"""A local stand-in for the registries' public sources: an HTTP server on 127.0.0.1.

It answers in each API's shape with small files written here (nothing real is
committed): the IATI data dump (``/iati/download`` → a zip of ``data/`` and
``metadata/``), the IATI Datastore (``/datastore/activity/iati``, key required),
HDX's CKAN ``package_search`` (``/hdx/api/3/action/package_search``), the 360Giving
registry (``/360/data.json``) and, for the SDG Partnerships Platform, ``/robots.txt``,
action-network listing pages and detail pages read at test time from the saved pages
under ``$ECOSYSTEM_DATA/un_ocean_commitments/sample_pages`` (when given). Failures:
``/fail/404``, ``/fail/429-then-ok``, ``/fail/429-forever``, ``/fail/429-long``,
``/fail/truncated``, ``/fail/loop``; :func:`refused_url` is a port nobody listens on.

Every request is logged in :attr:`FakeSources.hits` (path, query, headers).
"""
from __future__ import annotations

import hashlib
import io
import json
import socket
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self
from urllib.parse import parse_qs, urlsplit

__all__ = [
    "ACTIVITIES",
    "BASE_URL_VARS",
    "GRANTS",
    "HDX_3W_ROWS",
    "FakeSources",
    "activity_xml",
    "no_internet",
    "refused_url",
]

#: (publisher, dataset, activity id, recipient countries) of the fake data dump.
ACTIVITIES = [
    ("alpha", "alpha-sahel", "XM-ALPHA-1", ["ML"]),
    ("alpha", "alpha-sahel", "XM-ALPHA-2", ["ML", "SN"]),
    ("alpha", "alpha-sahel", "XM-ALPHA-3", ["SN"]),
    ("alpha", "alpha-niger", "XM-ALPHA-4", ["NE"]),
    ("beta", "beta-all", "XM-BETA-1", ["ML"]),
    ("beta", "beta-all", "XM-BETA-2", ["BF"]),
]
#: Licence the fake IATI Registry metadata states per publisher.
IATI_LICENCES = {"alpha": "Creative Commons Attribution", "beta": "Open Data Commons "
                 "Public Domain Dedication and License (PDDL)"}

#: Rows of the fake Mali 3W sheet (organisation, cluster, region).
HDX_3W_ROWS = [("Oxfam", "WASH", "Gao"), ("UNICEF", "WASH", "Gao"),
               ("Oxfam", "Protection", "Mopti"), ("Save the Children", "Education", "Mopti")]

#: Grants of the fake 360Giving files: file id -> [(grant id, recipient, amount)].
GRANTS = {
    "a001-testtrust-2019": [("360G-testtrust-1", "Harbour Arts", 5000),
                            ("360G-testtrust-2", "River Care", 12000)],
    "a001-testtrust-2020": [("360G-testtrust-3", "Harbour Arts", 7000)],
    "a002-other-2020": [("360G-other-1", "Field Trust", 900)],
}


def activity_xml(aid: str, countries: list[str], publisher: str) -> str:
    """One IATI 2.03 activity with a reporting org, two participating orgs and its countries."""
    rc = "".join(f'<recipient-country code="{c}" percentage="{100 // len(countries)}"/>'
                 for c in countries)
    return (f'<iati-activity default-currency="USD"><iati-identifier>{aid}</iati-identifier>'
            f'<reporting-org ref="XM-{publisher.upper()}" type="21"><narrative>'
            f'{publisher.title()} Aid</narrative></reporting-org>'
            f'<title><narrative>Project {aid}</narrative></title>'
            f'<participating-org role="1" ref="XM-{publisher.upper()}" type="21"><narrative>'
            f'{publisher.title()} Aid</narrative></participating-org>'
            f'<participating-org role="4" type="22"><narrative>Partner of {aid}</narrative>'
            f'</participating-org><activity-status code="2"/>'
            f'<activity-date type="1" iso-date="2020-01-01"/>{rc}'
            f'<sector vocabulary="1" code="14030"/></iati-activity>')


def _dump_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for pub, ds in sorted({(p, d) for p, d, _, _ in ACTIVITIES}):
            acts = "\n".join(activity_xml(a, c, p) for p, d, a, c in ACTIVITIES
                             if (p, d) == (pub, ds))
            zf.writestr(f"iati-data-main/data/{pub}/{ds}.xml",
                        f'<?xml version="1.0" encoding="UTF-8"?>\n'
                        f'<iati-activities version="2.03">\n{acts}\n</iati-activities>\n')
            zf.writestr(f"iati-data-main/metadata/{pub}/{ds}.json",
                        json.dumps({"name": ds, "license_title": IATI_LICENCES[pub],
                                    "license_id": "cc-by" if pub == "alpha" else "odc-pddl"}))
    return buf.getvalue()


def _csv(rows, hashtags: bool) -> bytes:
    head = "Organisation,Cluster,Region\n" + ("#org,#sector,#adm1\n" if hashtags else "")
    return (head + "".join(f"{o},{c},{r}\n" for o, c, r in rows)).encode("utf-8")


def _grants_json(fid: str) -> bytes:
    funder = "Test Trust" if "testtrust" in fid else "Other Fund"
    prefix = "360G-testtrust" if "testtrust" in fid else "360G-other"
    return json.dumps({"grants": [{
        "id": gid, "title": f"Grant {gid}", "description": "A grant.", "currency": "GBP",
        "amountAwarded": amount, "awardDate": "2019-06-01",
        "recipientOrganization": [{"id": f"GB-CHC-{abs(hash(name)) % 10**6}", "name": name}],
        "fundingOrganization": [{"id": f"{prefix}-org", "name": funder}]}
        for gid, name, amount in GRANTS[fid]]}).encode("utf-8")


class FakeSources:
    """The server; ``with FakeSources(pages) as fake:`` starts it, ``fake.url`` is its root.

    Parameters
    ----------
    sdg_pages : path, optional
        Folder of saved SDG platform detail pages (``<slug>_<hash>.html``) to serve.
    per_page : int
        Partnerships per SDG listing page.
    """

    def __init__(self, sdg_pages: Path | None = None, per_page: int = 2):
        self.hits: list[tuple[str, dict, dict]] = []
        self.counts: dict[str, int] = {}
        self.pages = {}
        if sdg_pages is not None:
            for f in sorted(Path(sdg_pages).glob("*.html")):
                self.pages[f.stem.rsplit("_", 1)[0]] = f
        self.per_page = per_page
        self.listing_repeats = False
        self.zip = _dump_zip()
        self.broken: set[str] = set()  # paths answered 404 while listed here
        self.hdx_hash_wrong = False
        self.robots = b"User-agent: *\nDisallow: /partnerships/secret-deal\n"
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> Self:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- answers ---------------------------------------------------------------------------

    def hdx_search(self, q: dict) -> dict:
        country = q.get("fq", [""])[0].split("groups:")[-1].split()[0]
        files = f"{self.url}/hdx/files"
        sheet = _csv(HDX_3W_ROWS, True)
        digest = "0" * 32 if self.hdx_hash_wrong else hashlib.md5(sheet).hexdigest()
        results = [] if country != "mli" else [
            {"name": "mali-3w", "title": "Mali: Who is doing What Where (3W)",
             "license_title": "Creative Commons Attribution International", "license_id": "cc-by",
             "organization": {"title": "OCHA Mali"},
             "tags": [{"name": "hxl"}, {"name": "who is doing what and where-3w-4w-5w"}],
             "resources": [
                 {"id": "r1", "name": "mali-3w.csv", "format": "CSV",
                  "url": f"{files}/mali-3w.csv", "hash": digest},
                 {"id": "r2", "name": "mali-3w-notes.csv", "format": "CSV",
                  "url": f"{files}/mali-3w-notes.csv"},
                 {"id": "r3", "name": "readme.pdf", "format": "PDF",
                  "url": f"{files}/readme.pdf"}]},
            {"name": "mali-population", "title": "Mali population", "license_title": "CC BY",
             "tags": [{"name": "hxl"}, {"name": "population"}],
             "resources": [{"id": "r4", "name": "pop.csv", "format": "CSV",
                            "url": f"{files}/pop.csv"}]}]
        return {"success": True, "result": {"count": len(results), "results": results}}

    def registry_360(self) -> list:
        files = f"{self.url}/360/files"
        return [{"identifier": fid, "title": f"Grants {fid}",
                 "license": "https://creativecommons.org/licenses/by/4.0/",
                 "license_name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
                 "publisher": {"name": "Test Trust" if "testtrust" in fid else "Other Fund",
                               "prefix": "360G-testtrust" if "testtrust" in fid
                               else "360G-other"},
                 "distribution": [{"downloadURL": f"{files}/{fid}.json"}]} for fid in GRANTS]

    def sdg_listing(self, page: int) -> bytes:
        slugs = list(self.pages)
        chunk = slugs[page * self.per_page:(page + 1) * self.per_page]
        if not chunk and self.listing_repeats:  # a drifting order shows old ones again
            chunk = slugs[:self.per_page]
        links = "".join(f'<div class="views-row"><a href="/partnerships/{s}">{s}</a></div>'
                        for s in chunk)
        if page == 0:
            links += '<div class="views-row"><a href="/partnerships/secret-deal">x</a></div>'
        return (f'<!DOCTYPE html><html><body><a href="/partnerships/faq">FAQ</a>'
                f'<div class="view-content">{links}</div></body></html>').encode()

    def answer(self, path: str, q: dict, headers: dict):
        """(status, headers, body) for a GET."""
        n = self.counts[path] = self.counts.get(path, 0) + 1
        if path in self.broken:
            return 404, {}, b"gone"
        if path == "/iati/download":
            return 200, {"Content-Type": "text/plain"}, f"{self.url}/iati/iati-20261206.zip\n".encode()
        if path == "/iati/iati-20261206.zip":
            return 200, {"Content-Type": "application/zip"}, self.zip
        if path == "/datastore/activity/iati":
            if headers.get("Ocp-Apim-Subscription-Key") != "test-key":
                return 401, {}, b'{"statusCode": 401, "message": "Access denied"}'
            query = q.get("q", [""])[0]
            start = int(q.get("start", ["0"])[0])
            acts = [activity_xml(a, c, p) for p, _, a, c in ACTIVITIES
                    if f'"{c[0]}"' in query or any(f'"{x}"' in query for x in c)
                    or f'"XM-{p.upper()}"' in query] if start == 0 else []
            return 200, {"Content-Type": "application/xml"}, (
                '<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">'
                + "".join(acts) + "</iati-activities>").encode()
        if path == "/hdx/api/3/action/package_search":
            return 200, {"Content-Type": "application/json"}, json.dumps(self.hdx_search(q)).encode()
        if path == "/hdx/files/mali-3w.csv":
            return 200, {"Content-Type": "text/csv"}, _csv(HDX_3W_ROWS, True)
        if path in ("/hdx/files/mali-3w-notes.csv", "/hdx/files/pop.csv"):
            return 200, {"Content-Type": "text/csv"}, _csv(HDX_3W_ROWS[:1], False)
        if path == "/360/data.json":
            return 200, {"Content-Type": "application/json"}, json.dumps(self.registry_360()).encode()
        if path.startswith("/360/files/") and path[11:-5] in GRANTS:
            return 200, {"Content-Type": "application/json"}, _grants_json(path[11:-5])
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, self.robots
        if path == "/partnerships/action-networks/ocean-commitments":
            return 200, {"Content-Type": "text/html"}, self.sdg_listing(int(q.get("page", ["0"])[0]))
        if path.startswith("/partnerships/") and path[14:] in self.pages:
            return 200, {"Content-Type": "text/html"}, self.pages[path[14:]].read_bytes()
        if path == "/fail/404":
            return 404, {}, b"not here"
        if path == "/fail/429-then-ok":
            return (429, {"Retry-After": "2"}, b"slow down") if n <= 2 else (200, {}, b"ok\n")
        if path == "/fail/429-forever":
            return 429, {"Retry-After": "1"}, b"slow down"
        if path == "/fail/429-long":
            return 429, {"Retry-After": "3600"}, b"come back tomorrow"
        if path == "/fail/loop":
            return 302, {"Location": "/fail/loop"}, b""
        if path == "/ok/file.csv":
            return 200, {"Content-Type": "text/csv"}, b"a,b\n1,2\n"
        return 404, {}, b"no such page"

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                q = parse_qs(parts.query)
                fake.hits.append((parts.path, q, dict(self.headers)))
                if parts.path == "/fail/truncated":  # says 1000 bytes, sends 100, closes
                    self.send_response(200)
                    self.send_header("Content-Length", "1000")
                    self.end_headers()
                    self.wfile.write(b"x" * 100)
                    self.wfile.flush()
                    self.close_connection = True
                    return
                status, headers, body = fake.answer(parts.path, q, dict(self.headers))
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


def refused_url() -> str:
    """A URL on 127.0.0.1 where nothing listens (connection refused: offline)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


#: Environment variables naming each source's base URL.
BASE_URL_VARS = ("ECOSYSTEM_IATI_DUMP_URL", "ECOSYSTEM_IATI_DATASTORE_URL", "ECOSYSTEM_HDX_URL",
                 "ECOSYSTEM_360GIVING_URL", "ECOSYSTEM_SDG_PLATFORM_URL")


def no_internet(monkeypatch) -> str:
    """Point every source at a refused local port (a test then names its fake server):
    nothing a test forgets can reach the internet. Returns that URL."""
    url = refused_url()
    for name in BASE_URL_VARS:
        monkeypatch.setenv(name, url)
    monkeypatch.delenv("IATI_DATASTORE_KEY", raising=False)
    return url
