"""The explorer's guard at the door: Host check, security headers, request size.

A local app reachable through the browser can be attacked from any web page
the user opens: a page on another site can make the browser talk to
``127.0.0.1`` under a hostname it controls (DNS rebinding) or frame the app
(clickjacking). :func:`harden` therefore

* answers only requests whose ``Host`` header names the loopback address the
  app listens on (``127.0.0.1``, ``localhost``, ``[::1]``, with its port),
  unless ``--host`` opened it to other machines;
* sends a Content-Security-Policy that loads nothing from other origins and
  forbids framing, plus ``X-Frame-Options: DENY``,
  ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: no-referrer``;
* refuses request bodies over :data:`MAX_REQUEST_BYTES` (HTTP 413).

Examples
--------
>>> import dash
>>> app = dash.Dash(__name__)
>>> app.layout = dash.html.Div("hello")
>>> harden(app, "127.0.0.1", 8050)
>>> client = app.server.test_client()
>>> client.get("/", headers={"Host": "127.0.0.1:8050"}).status_code
200
>>> client.get("/", headers={"Host": "evil.example:8050"}).status_code
400
>>> client.get("/", headers={"Host": "localhost:8050"}).headers["X-Frame-Options"]
'DENY'
"""
from __future__ import annotations

import dash
import flask

__all__ = ["CONTENT_SECURITY_POLICY", "LOOPBACK", "MAX_REQUEST_BYTES", "allowed_hosts",
           "harden"]

#: Loopback names the app answers to by default.
LOOPBACK = ("127.0.0.1", "localhost", "::1")

#: Largest request body (a filter or search payload) accepted.
MAX_REQUEST_BYTES = 1_000_000

#: Dash starts its renderer with one inline script and plotly evaluates
#: generated code, hence 'unsafe-inline' and 'unsafe-eval' for scripts; nothing
#: may come from another origin.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
    "form-action 'self'")


def allowed_hosts(host: str, port: int) -> frozenset[str] | None:
    """The ``Host`` header values accepted, or None (any) when ``host`` is not loopback.

    Examples
    --------
    >>> sorted(allowed_hosts("127.0.0.1", 8050))
    ['127.0.0.1:8050', '[::1]:8050', 'localhost:8050']
    >>> allowed_hosts("0.0.0.0", 8050) is None
    True
    """
    if host not in LOOPBACK:
        return None
    return frozenset(f"[{h}]:{port}" if ":" in h else f"{h}:{port}" for h in LOOPBACK)


def harden(app: dash.Dash, host: str, port: int) -> None:
    """Install the Host check, the security headers and the request size limit on ``app``."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    accepted = allowed_hosts(host, port)

    @server.before_request
    def _check_host() -> flask.Response | None:
        if accepted is not None and flask.request.host.lower() not in accepted:
            return flask.Response("unknown Host header: open the explorer at "
                                  f"http://127.0.0.1:{port}/", status=400,
                                  mimetype="text/plain")
        return None

    @server.after_request
    def _headers(response: flask.Response) -> flask.Response:
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response
