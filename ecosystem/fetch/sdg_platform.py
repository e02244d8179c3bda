"""The UN SDG Partnerships Platform (sdgs.un.org/partnerships): detail pages as HTML.

The platform has no bulk export. Its partnerships are listed in pages
(``/partnerships/action-networks/<network>?page=N`` for an action network such as
``ocean-commitments``; ``/partnerships/browse?combine=<words>&page=N`` for a search),
each linking to one detail page ``/partnerships/<slug>``. The crawler reads the
listing pages until one is empty (or three in a row add no new partnership: the
platform's order drifts between pages), then saves every detail page as
``<slug>.html``, the page :mod:`ecosystem.loaders.ocean_html` reads.

It is polite (:mod:`ecosystem.fetch.crawl`): it names itself, honours robots.txt
and its Crawl-delay, waits ``rate`` seconds (default 1) between requests, and
resumes an interrupted crawl (listing pages read and pages saved are not asked
again). The pages carry no licence; the site's Terms of Use apply (recorded so).
No key is needed. Base URL: ``https://sdgs.un.org``, ``$ECOSYSTEM_SDG_PLATFORM_URL``
or ``base_url``.

Examples
--------
>>> detail_links(b'<div class="view-content"><a href="/partnerships/reef-watch">R</a>'
...              b'<a href="/partnerships/faq">FAQ</a></div>', "https://sdgs.un.org")
['https://sdgs.un.org/partnerships/reef-watch']
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html

from ecosystem.errors import InputError
from ecosystem.fetch.cache import selector_folder, sweep_partials
from ecosystem.fetch.crawl import Crawl
from ecosystem.fetch.failures import FetchError
from ecosystem.fetch.files import FetchResult, fetch_file, finish
from ecosystem.fetch.http import Client, DownloadProgress
from ecosystem.fetch.provenance import record_path

__all__ = ["DEFAULT_URL", "LICENCE", "SOURCE", "TERMS_URL", "detail_links",
           "fetch_sdg_platform"]

SOURCE = "sdg-platform"
DEFAULT_URL = "https://sdgs.un.org"
TERMS_URL = "https://www.un.org/en/about-us/terms-of-use"
LICENCE = "no licence stated on the pages; the UN website's Terms of Use apply"
#: Paths under /partnerships/ that are not partnerships.
_NOT_DETAIL = {"faq", "progress", "browse", "action-networks", "register", "search",
               "goodpractices", "partnerships", "node", "user"}
_SLUG = re.compile(r"^/partnerships/([a-z0-9][a-z0-9-]*)/?$")
_MAX_PAGES = 1000
_STALE = 3


def detail_links(page: bytes, base: str) -> list[str]:
    """Absolute URLs of the partnership detail pages a listing page links to, in order.

    Links are taken from the listing's ``view-content`` block when it has one.
    """
    try:
        root = lxml.html.fromstring(page)
    except (lxml.etree.ParserError, ValueError):
        return []
    blocks = root.find_class("view-content") or [root]
    host = urlsplit(base).netloc
    seen: dict[str, None] = {}
    for block in blocks:
        for a in block.iter("a"):
            url = urljoin(base + "/", a.get("href") or "")
            parts = urlsplit(url)
            m = _SLUG.match(parts.path)
            if parts.netloc == host and m and m.group(1) not in _NOT_DETAIL:
                seen[f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"] = None
    return list(seen)


def _listing(base: str, network: str | None, search: str | None) -> tuple[str, dict]:
    if network:
        if not re.fullmatch(r"[a-z0-9-]+", network):
            raise InputError(f"an action network is a slug such as ocean-commitments, "
                             f"got {network!r}", field="network")
        return f"{base}/partnerships/action-networks/{network}", {}
    return f"{base}/partnerships/browse", {"combine": search}


def fetch_sdg_platform(network: str | None = None, search: str | None = None, *,
                       to: str | Path | None = None, base_url: str | None = None,
                       limit: int | None = None, rate: float = 1.0,
                       client: Client | None = None, progress: DownloadProgress | None = None,
                       refresh: bool = False) -> FetchResult:
    """Crawl the partnerships of an action network (or a search) and save their pages.

    Parameters
    ----------
    network : str, optional
        Action network slug (``ocean-commitments``).
    search : str, optional
        Words to search for instead.
    limit : int, optional
        Save at most this many detail pages (a trial run).
    rate : float
        Least seconds between two requests.

    Raises
    ------
    FetchError
        robots.txt disallows the listing, a request failed, or nothing was found.
    """
    if bool(network) == bool(search):
        raise InputError("give an action network or a search (one of them)",
                         field="network/search")
    base = (base_url or os.environ.get("ECOSYSTEM_SDG_PLATFORM_URL") or DEFAULT_URL).rstrip("/")
    selectors = {"network": network} if network else {"search": search}
    if limit is not None:  # a trial run is kept apart from the whole crawl
        selectors["limit"] = limit
    folder = Path(to) if to else selector_folder(None, SOURCE, selectors)
    folder.mkdir(parents=True, exist_ok=True)
    sweep_partials(folder)
    crawl = Crawl(base, folder, rate=rate, client=client)
    listing, params = _listing(base, network, search)
    crawl.require(listing)
    state = crawl.state
    if refresh:
        state.update(listing_done=[], details=[], finished_listing=False)
    known = dict.fromkeys(state["details"])
    page = max(state["listing_done"], default=-1) + 1
    while not state["finished_listing"] and page < _MAX_PAGES:
        if limit is not None and len(known) >= limit:
            break
        label = f"listing page {page + 1}"
        if progress:
            progress(label, 0, None)
        resp = crawl.client.send(listing, params={**params, "page": page})
        if progress:
            progress(label, len(resp.content), len(resp.content))
        found = detail_links(resp.content, base)
        new = [u for u in found if u not in known]
        known.update(dict.fromkeys(new))
        state["details"] = list(known)
        state["listing_done"].append(page)
        # the platform's order drifts between pages: stop at an empty page, or after
        # _STALE pages in a row that add no partnership
        state["stale"] = 0 if new else state.get("stale", 0) + 1
        state["finished_listing"] = not found or state["stale"] >= _STALE
        crawl.save()
        page += 1
    out = FetchResult(source=SOURCE, folder=folder)
    details = list(known)[:limit] if limit is not None else list(known)
    for url in details:
        if not crawl.allowed(url):
            out.notes.append(f"{url}: robots.txt disallows it; not fetched")
            continue
        dest = folder / f"{url.rstrip('/').rsplit('/', 1)[-1]}.html"
        fetch_file(crawl.client, url, dest, source=SOURCE, licence=LICENCE,
                   licence_url=TERMS_URL, selector=selectors, result=out, progress=progress,
                   refresh=refresh, extra={"listing": listing})
        with open(dest, "rb") as fh:
            head = fh.read()
        if b"data-history-node-id" not in head:
            out.files.remove(dest)
            dest.unlink(missing_ok=True)
            record_path(dest).unlink(missing_ok=True)
            out.notes.append(f"{url}: not a partnership page; left out")
    out.downloaded = min(out.downloaded, len(out.files) - out.cached)
    if not out.files:
        raise FetchError(listing, "no partnership page found", status=200)
    return finish(out, selectors)
