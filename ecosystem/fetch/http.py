"""A polite HTTP client: identified, patient with busy servers, atomic on disk.

* every request says who asks (:data:`USER_AGENT`, plus ``$ECOSYSTEM_CONTACT`` when set);
* ``429`` and ``503`` answers are retried after the ``Retry-After`` the server asks for
  (seconds or an HTTP date; at most ``max_wait`` seconds, else the fetch stops and says so),
  other ``5xx`` answers and time-outs after 1, 2, 4 … seconds;
* at most ``max_redirects`` redirects (a loop is named as one);
* ``min_interval`` seconds at least between two requests (a crawler's rate limit);
* :meth:`Client.download` writes ``name.part`` and renames it only once the body is
  whole (``Content-Length`` bytes) and its checksum is right: a partial download never
  sits under the final name.

Any failure is one :class:`~ecosystem.fetch.failures.FetchError` naming the URL and
the status. Connection refused is not retried (offline answers fast).

Examples
--------
>>> Client().user_agent.startswith("ecosystem/")
True
>>> retry_after_seconds("120"), retry_after_seconds("soon")
(120.0, None)
"""
from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path

import requests
import urllib3

from ecosystem.fetch.failures import FetchError

__all__ = ["USER_AGENT", "Client", "DownloadProgress", "retry_after_seconds"]

#: ``progress(label, bytes_done, bytes_total_or_None)`` while a body downloads.
DownloadProgress = Callable[[str, int, "int | None"], None]

#: How the client names itself to servers.
USER_AGENT = ("ecosystem/{version} (network analysis of partnership registries; "
              "polite fetcher: robots.txt, rate limit{contact})")

_RETRY_STATUS = {429, 503}
_BACKOFF_STATUS = {500, 502, 504}


def retry_after_seconds(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (a number or an HTTP date), or None.

    >>> retry_after_seconds("Wed, 21 Oct 2015 07:28:30 GMT",
    ...                     dt.datetime(2015, 10, 21, 7, 28, tzinfo=dt.timezone.utc))
    30.0
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    now = now or dt.datetime.now(dt.UTC)
    return max(0.0, (when - now).total_seconds())


def _status_text(resp: requests.Response) -> str:
    return f"HTTP {resp.status_code}" + (f" {resp.reason}" if resp.reason else "")


class Client:
    """HTTP GET with retries, redirects limited, a rate limit and atomic downloads.

    Parameters
    ----------
    headers : dict, optional
        Sent with every request (an API key, for instance).
    retries : int
        Attempts after the first for 429/5xx answers and time-outs.
    max_wait : float
        Longest ``Retry-After`` honoured, in seconds.
    max_redirects : int
    timeout : float
        Seconds to connect and between bytes.
    min_interval : float
        Least seconds between the starts of two requests.
    sleep : callable
        ``sleep(seconds)``; tests pass one that records the waits.
    """

    def __init__(self, *, headers: dict | None = None, retries: int = 3,
                 max_wait: float = 120.0, max_redirects: int = 5, timeout: float = 30.0,
                 min_interval: float = 0.0, sleep: Callable[[float], None] = time.sleep):
        from ecosystem import __version__

        contact = os.environ.get("ECOSYSTEM_CONTACT", "").strip()
        self.user_agent = USER_AGENT.format(version=__version__,
                                            contact=f"; contact {contact}" if contact else "")
        self.session = requests.Session()
        self.session.max_redirects = max_redirects
        self.session.headers.update({"User-Agent": self.user_agent, **(headers or {})})
        self.retries = retries
        self.max_wait = max_wait
        self.max_redirects = max_redirects
        self.timeout = timeout
        self.min_interval = min_interval
        self.sleep = sleep
        self.waits: list[float] = []
        self._last = 0.0

    def _pace(self) -> None:
        gap = self.min_interval - (time.monotonic() - self._last)
        if self._last and gap > 0:
            self.sleep(gap)
        self._last = time.monotonic()

    def _wait(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.sleep(seconds)

    def send(self, url: str, params: dict | None = None, stream: bool = False,
             ok: tuple[int, ...] = (200,)) -> requests.Response:
        """GET ``url``; the response once its status is in ``ok``.

        Raises
        ------
        FetchError
            Refused connection, too many redirects, a status outside ``ok`` after the
            retries, or a ``Retry-After`` longer than ``max_wait``.
        """
        shown = url if not params else requests.Request("GET", url, params=params).prepare().url
        for attempt in range(self.retries + 1):
            self._pace()
            try:
                resp = self.session.get(url, params=params, stream=stream, timeout=self.timeout)
            except requests.TooManyRedirects:
                raise FetchError(shown, f"more than {self.max_redirects} redirects "
                                        f"(a redirect loop)") from None
            except requests.ConnectionError as exc:
                text = str(exc).lower()
                why = ("connection refused (offline, or nothing listens there)"
                       if "refused" in text else
                       "cannot reach the server (offline?)"
                       if "name or service" in text or "resolve" in text
                       or "unreachable" in text else f"connection failed ({type(exc).__name__})")
                raise FetchError(shown, why) from None
            except requests.Timeout:
                if attempt < self.retries:
                    self._wait(2.0 ** attempt)
                    continue
                raise FetchError(shown, f"no answer within {self.timeout:g} s") from None
            except requests.RequestException as exc:
                raise FetchError(shown, f"request failed ({type(exc).__name__})") from None
            if resp.status_code in ok:
                return resp
            resp.close()
            if attempt < self.retries and resp.status_code in _RETRY_STATUS | _BACKOFF_STATUS:
                asked = retry_after_seconds(resp.headers.get("Retry-After"))
                if asked is not None and asked > self.max_wait:
                    raise FetchError(shown, f"{_status_text(resp)}; the server asks to wait "
                                            f"{asked:.0f} s (Retry-After), more than "
                                            f"{self.max_wait:.0f} s: try again later",
                                     status=resp.status_code)
                self._wait(asked if asked is not None else 2.0 ** attempt)
                continue
            raise FetchError(shown, _status_text(resp)
                             + (f" after {attempt + 1} attempts" if attempt else ""),
                             status=resp.status_code)
        raise AssertionError("unreachable")  # pragma: no cover

    def json(self, url: str, params: dict | None = None) -> object:
        """GET and parse JSON; a body that is not JSON is a :class:`FetchError`."""
        resp = self.send(url, params)
        try:
            return resp.json()
        except ValueError:
            raise FetchError(resp.url, f"{_status_text(resp)} but the body is not JSON "
                                       f"({len(resp.content):,} bytes)",
                             status=resp.status_code) from None

    def text(self, url: str, params: dict | None = None,
             ok: tuple[int, ...] = (200,)) -> tuple[int, str]:
        """GET; (status, body as text)."""
        resp = self.send(url, params, ok=ok)
        return resp.status_code, resp.text

    def download(self, url: str, dest: str | Path, *, params: dict | None = None,
                 sha256: str | None = None, md5: str | None = None,
                 progress: DownloadProgress | None = None, label: str | None = None) -> str:
        """Download ``url`` to ``dest`` atomically; return the body's sha256.

        The body goes to ``dest.part``; it is renamed to ``dest`` only when it is whole
        and matches ``sha256`` / ``md5`` when given. On any failure ``dest.part`` is
        removed and ``dest`` is left as it was.

        Raises
        ------
        FetchError
            As :meth:`send`, or a truncated body, or a checksum mismatch.
        """
        dest = Path(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        part = dest.with_name(dest.name + ".part")
        resp = self.send(url, params, stream=True)
        shown = resp.url
        length = resp.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else None
        label = label or dest.name
        h, h5, done = hashlib.sha256(), hashlib.md5(), 0
        try:
            try:
                with open(part, "wb") as fh:
                    if progress:
                        progress(label, 0, total)
                    for block in resp.raw.stream(1 << 16, decode_content=True):
                        fh.write(block)
                        h.update(block)
                        h5.update(block)
                        done += len(block)
                        if progress:
                            progress(label, done, total)
            except (urllib3.exceptions.HTTPError, requests.RequestException) as exc:
                # IncompleteRead / ProtocolError: the server closed before Content-Length
                if total is not None and done < total or "incomplete" in str(exc).lower():
                    announced = f"the {total:,} bytes announced" if total else "the end"
                    raise FetchError(shown, f"body truncated: the connection closed before "
                                            f"{announced}", status=resp.status_code) from None
                raise FetchError(shown, f"download failed after {done:,} bytes "
                                        f"({type(exc).__name__})",
                                 status=resp.status_code) from None
            except OSError as exc:  # the disk, not the server
                raise FetchError(shown, f"cannot write {part}: {exc.strerror or exc}",
                                 status=resp.status_code) from None
            finally:
                resp.close()
            if total is not None and done != total and not resp.headers.get("Content-Encoding"):
                raise FetchError(shown, f"body truncated: got {done:,} of {total:,} bytes",
                                 status=resp.status_code)
            got = h.hexdigest()
            if sha256 and got != sha256.lower():
                raise FetchError(shown, f"checksum mismatch: sha256 {got} where the source "
                                        f"states {sha256.lower()}", status=resp.status_code)
            if md5 and h5.hexdigest() != md5.lower():
                raise FetchError(shown, f"checksum mismatch: md5 {h5.hexdigest()} where the "
                                        f"source states {md5.lower()}", status=resp.status_code)
            os.replace(part, dest)
            return got
        finally:
            part.unlink(missing_ok=True)
