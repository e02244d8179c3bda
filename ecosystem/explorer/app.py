"""Building and serving the explorer: ``ecosystem explore [STUDY or REGISTRY]``.

:func:`open_registry` gets the registry to serve from the store, loading the
study's (or the registry file's) sources first unless the store already holds
those very files (same path and sha256). :func:`build_app` makes the Dash app
over an :class:`~ecosystem.explorer.state.ExplorerState`;
:func:`prepare_app` does both and :func:`run_app` serves the app, on
127.0.0.1 unless a host is given explicitly.

Examples
--------
The app over a three-initiative registry:

>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> ids = ["i1", "i2", "i3"]
>>> reg = Registry.from_frames(
...     actors=pd.DataFrame({"actor_id": list("abc"), "name": list("ABC"),
...                          "actor_type": "ngo"}),
...     initiatives=pd.DataFrame({"initiative_id": ids, "registry": "r", "record_id": ids,
...                               "kind": "partnership"}),
...     ties=pd.DataFrame({"initiative_id": ["i1", "i1", "i2", "i2", "i3"],
...                        "actor_id": ["a", "b", "a", "c", "c"], "role": "lead",
...                        "registry": "r", "record_id": "x"}))
>>> app = build_app(ExplorerState(reg, title="Demo"))
>>> app.title
'Ecosystem explorer · Demo'

Serving it needs a free port and runs until stopped, so it is not run here:

>>> run_app(app, port=8050)                                   # doctest: +SKIP
"""
from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import dash

from ecosystem.errors import EcosystemError, InputError
from ecosystem.explorer import (
    actor_card,
    analysis_panels,
    coverage_panel,
    duplicates_panel,
    exports,
    filters,
    initiative_record,
    network_panel,
    url_state,
)
from ecosystem.explorer.layout import page
from ecosystem.explorer.security import harden
from ecosystem.explorer.state import ExplorerState, Filters
from ecosystem.ingest import Progress
from ecosystem.kinds import registry_kind
from ecosystem.measures.context import Settings
from ecosystem.model import Registry
from ecosystem.store import Store

__all__ = [
    "DEFAULT_HOST", "DEFAULT_PORT", "ASSETS", "open_registry", "build_app", "warm", "warm_later",
    "host_warning",
    "prepare_app", "run_app", "serve",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050
ASSETS = Path(__file__).parent / "assets"


def _loaded_already(store: Store, paths: list[Path],
                    registry: str | None) -> list[str] | None:
    """Registries holding exactly these files (path and sha256), or None when one is missing."""
    from ecosystem.loaders import sha256

    if not store.exists() or not store.registries():
        return None
    src = store.sources()
    held = {(str(p), s): r for p, s, r in zip(src["path"], src["sha256"], src["registry"])}
    names = set()
    for p in paths:
        r = held.get((str(Path(p).resolve()), sha256(p)))
        if r is None or (registry and r != registry):
            return None
        names.add(r)
    return sorted(names)


def open_registry(target: str | None, store: Store, progress: Progress | None = None
                  ) -> tuple[Registry, str, Settings, Filters]:
    """The registry to explore, its title, analysis settings and initial filters.

    Parameters
    ----------
    target : str or None
        A study file or name, a registry file, a registry already in the store,
        or None for everything in the store.
    store : Store
    progress : callable, optional
        ``progress(stage, done, total)`` while loading.

    Raises
    ------
    EcosystemError
        The target is none of these, a file it names is missing, or the store
        is empty.
    """
    from ecosystem.study import read_settings, study_for

    settings, initial, title, registries, reg = Settings(), Filters(), None, None, None
    if target:
        try:
            study = study_for(target)
        except InputError as exc:
            if Path(target).exists() or Path(target).suffix == ".toml":
                raise
            held = store.registries()
            if target not in held:
                raise InputError(f"{exc.message}, nor a registry in the store "
                                 f"({', '.join(held) or 'it is empty'})", file=target) from None
            study = None
            registries, title = [target], target
        if study is not None:
            missing = [p for p in study.paths if not Path(p).is_file()]
            if missing:
                raise InputError("registry file not found", file=missing[0],
                                 field="source.paths" if study.file else None)
            if study.file is not None:
                f, settings, _, _ = read_settings(study.sections, study.file)
                initial = Filters.from_data(f)
            registries = _loaded_already(store, study.paths, study.registry)
            if registries is None:
                result = store.load(study.paths, registry=study.registry, progress=progress)
                registries = sorted({s["registry"]
                                     for s in result["loaded"] + result["skipped"]})
                reg = result["registry"]  # resolved in memory when the load ran
            title = study.title
    if not store.exists() or not store.registries():
        raise EcosystemError(
            f"the store {store.path} is empty: load a registry first (ecosystem load FILE "
            f"--store {store.path}) or name one: ecosystem explore FILE_OR_STUDY")
    if reg is None:
        reg = store.registry(registries)
    if len(reg.initiatives) == 0:
        raise EcosystemError(f"the store {store.path} holds no initiative for "
                             f"{', '.join(registries or ['any registry'])}: load a registry")
    return reg, title or ", ".join(reg.registries), settings, initial


def build_app(state: ExplorerState) -> dash.Dash:
    """The Dash app over ``state``: the page and every callback."""
    app = dash.Dash(__name__, title=f"Ecosystem explorer · {state.title}",
                    assets_folder=str(ASSETS), suppress_callback_exceptions=True,
                    update_title=None, serve_locally=True)
    app.layout = page(state)
    for module in (filters, network_panel, coverage_panel, duplicates_panel, analysis_panels,
                   actor_card, initiative_record, exports, url_state):
        module.register(app, state)
    _mount_curation(app, state)
    return app


def _mount_curation(app: dash.Dash, state: ExplorerState) -> None:
    """The card's curation callbacks, when the curation module is installed and the app
    serves a store (merges and splits are written to it, then the registry is reloaded)."""
    store_path = getattr(state, "store_path", None)
    if store_path is None:
        return
    try:
        from ecosystem.explorer.curation_panel import register_curation_callbacks, reload_state
    except ImportError:
        return
    register_curation_callbacks(app, lambda: store_path,
                                on_change=lambda _: reload_state(state, Store(store_path)))


def warm(state: ExplorerState) -> None:
    """Compute before serving what the first view and a first card read, for the unfiltered
    registry: projection, hub table and communities, the map's layout and figure, the broker
    table (a card's second part), the address's allowed values and the period span."""
    from ecosystem.explorer.filters import period_span
    from ecosystem.explorer.url_state import allowed_values

    state.community_labels()
    period_span(state)
    allowed_values(state)
    view = state.base
    try:
        network_panel.whole_figure(view)
        view.brokers()
    except EcosystemError:
        pass  # the panels say why when they are opened


def warm_later(state: ExplorerState, delay: float = 2.0) -> threading.Thread:
    """In a background thread, after ``delay`` seconds: the "dormant excluded" view of the
    initial filters (its map and hub table), the one-click filter people try first."""
    def run():
        time.sleep(delay)
        try:
            view = state.view(replace(state.initial, dormant="exclude"))
            network_panel.whole_figure(view)
        except EcosystemError:
            pass
    thread = threading.Thread(target=run, name="explorer-warm-up", daemon=True)
    thread.start()
    return thread


def host_warning(host: str) -> str | None:
    """The warning printed when the app listens beyond this machine (None on loopback).

    Examples
    --------
    >>> host_warning("127.0.0.1") is None, host_warning("0.0.0.0").startswith("listening on")
    (True, True)
    """
    if host in ("127.0.0.1", "localhost", "::1"):
        return None
    return (f"listening on {host}: anyone who can reach this machine on that address can read "
            "the registry and its analyses; there is no login. Use --host only on a network "
            "you trust.")


def prepare_app(target: str | None = None, *, store: Store | None = None,
                host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                progress: Progress | None = None, say: Callable[[str], object] = print,
                warn: Callable[[str], object] = print) -> dash.Dash:
    """Open the registry, build the app and print where it will be (without serving it).

    Parameters
    ----------
    target : str, optional
        See :func:`open_registry`.
    store : Store, optional
    host, port : str, int
        Where the app will listen (printed; the warning for a non-loopback host).
    progress : callable, optional
        ``progress(stage, done, total)`` while loading.
    say, warn : callable
        Print a line.
    """
    store = store or Store()
    reg, title, settings, initial = open_registry(target, store, progress=progress)
    # the keys the study set (those that differ from the defaults) win over the kind's defaults
    default = Settings()
    explicit = [f.name for f in fields(Settings)
                if getattr(settings, f.name) != getattr(default, f.name)]
    state = ExplorerState(reg, settings, title, initial, explicit=explicit)
    state.store_path = store.path
    say(f"Registry kind: {registry_kind(reg)}; cells: {state.settings.level} × "
        f"{state.settings.place_kind}")
    app = build_app(state)
    warm(state)
    warm_later(state)
    harden(app, host, port)
    message = host_warning(host)
    if message:
        warn(message)
    say(f"Ecosystem explorer: {len(reg.initiatives):,} {state.base.analysis.kind.records}, "
        f"{len(reg.actors):,} actors from {store.path}. Open http://{_url_host(host)}:{port}/ "
        "(Ctrl+C stops it).")
    return app


def run_app(app: dash.Dash, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Serve ``app`` until interrupted (Flask's threaded server, debug off).

    Raises
    ------
    EcosystemError
        When the address cannot be listened on (port in use, unknown host).
    """
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as werkzeug does
            s.bind((host, port))
    except OSError as exc:
        raise EcosystemError(f"cannot listen on {host}:{port} ({exc.strerror or exc}): give "
                             "another --port, or stop the program using it") from None
    # one line per request, and werkzeug's production-server banner, are noise for a
    # local single-user app; errors are still printed
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    app.run(host=host, port=port, debug=False)


def serve(target: str | None = None, **options: Any) -> dash.Dash:
    """:func:`prepare_app`, then :func:`run_app`.

    ``options``: store, host, port, progress, say, warn (see :func:`prepare_app`).
    """
    app = prepare_app(target, **options)
    run_app(app, options.get("host", DEFAULT_HOST), options.get("port", DEFAULT_PORT))
    return app


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


