"""A polite crawler's manners: robots.txt, a rate limit, and a state it can resume from.

:class:`Crawl` wraps a :class:`~ecosystem.fetch.http.Client`: it reads the site's
``/robots.txt`` once (a missing one allows everything; one that cannot be read
stops the crawl), refuses URLs it disallows for our user agent, waits at least
``rate`` seconds between requests (longer when robots.txt sets a ``Crawl-delay``),
and keeps a state file (``.crawl-state.json``: listing pages read, detail pages
found) so that an interrupted crawl resumes where it stopped.

Examples
--------
>>> rules = robots_rules("User-agent: *\\nDisallow: /search\\nCrawl-delay: 3\\n")
>>> rules.can_fetch("ecosystem", "https://x.org/search?q=a"), rules.crawl_delay("ecosystem")
(False, 3)
"""
from __future__ import annotations

import json
import urllib.robotparser
from pathlib import Path
from urllib.parse import urlsplit

from ecosystem.fetch.failures import FetchError
from ecosystem.fetch.http import Client
from ecosystem.fetch.provenance import write_json_atomic

__all__ = ["STATE_FILE", "Crawl", "robots_rules"]

#: The crawl's state, in the fetch's folder.
STATE_FILE = ".crawl-state.json"


def robots_rules(text: str) -> urllib.robotparser.RobotFileParser:
    """Parse a robots.txt body."""
    rules = urllib.robotparser.RobotFileParser()
    rules.parse(text.splitlines())
    return rules


class Crawl:
    """Robots-aware, rate-limited access to one site, with a resumable state.

    Parameters
    ----------
    base_url : str
        The site (scheme and host; robots.txt is read at its root).
    folder : path
        Where the state file lives.
    rate : float
        Least seconds between two requests.
    client : Client, optional
    """

    def __init__(self, base_url: str, folder: str | Path, *, rate: float = 1.0,
                 client: Client | None = None):
        self.base = base_url.rstrip("/")
        self.client = client or Client()
        self.client.min_interval = max(self.client.min_interval, rate)
        self.agent = self.client.user_agent.split("/", 1)[0]
        self.folder = Path(folder)
        self.state_path = self.folder / STATE_FILE
        self.state = self._read_state()
        self.rules = self._robots()

    def _read_state(self) -> dict:
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            state = {}
        if not isinstance(state, dict):
            state = {}
        state.setdefault("listing_done", [])
        state.setdefault("details", [])
        state.setdefault("finished_listing", False)
        return state

    def save(self) -> None:
        """Write the state (atomically)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        write_json_atomic(self.state_path, self.state)

    def _robots(self) -> urllib.robotparser.RobotFileParser:
        parts = urlsplit(self.base)
        url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        status, text = self.client.text(url, ok=(200, 404, 410))
        rules = robots_rules(text if status == 200 else "")
        delay = rules.crawl_delay(self.agent) if status == 200 else None
        if delay:
            self.client.min_interval = max(self.client.min_interval, float(delay))
        return rules

    def allowed(self, url: str) -> bool:
        """True when robots.txt lets our user agent read ``url``."""
        return self.rules.can_fetch(self.agent, url)

    def require(self, url: str) -> None:
        """Raise :class:`FetchError` when robots.txt disallows ``url``."""
        if not self.allowed(url):
            raise FetchError(url, f"robots.txt of {self.base} disallows it for "
                                  f"{self.agent}; not fetched")
