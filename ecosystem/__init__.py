"""ecosystem: network analysis of multi-stakeholder partnership ecosystems.

>>> import ecosystem
>>> reg = ecosystem.load("ocean_commitments.jsonl")      # doctest: +SKIP
>>> reg.actors.head()                                     # doctest: +SKIP
"""
from __future__ import annotations

from pathlib import Path

from ecosystem.errors import EcosystemError, InputError
from ecosystem.ingest import ingest_files
from ecosystem.model import Registry

__version__ = "0.1.0"

__all__ = ["load", "Registry", "EcosystemError", "InputError", "__version__"]


def load(paths, registry: str | None = None, overrides: str | Path | None = None,
         progress=None) -> Registry:
    """Load one or more registry files into one resolved :class:`Registry`.

    Parameters
    ----------
    paths : str, Path or list of them
        Registry files; their format is detected from their content.
    registry : str, optional
        Registry name to record (defaults to the loader's own name).
    overrides : path, optional
        CSV of resolver overrides (``variant,canonical``; canonical may be
        ``not an organisation``). Defaults to ``data/actor_overrides.csv``.
    progress : callable, optional
        Called as ``progress(stage: str, done: int, total: int)``.

    Returns
    -------
    Registry
        With actors, ties, facets, flows and the crosswalk filled.

    Examples
    --------
    >>> reg = load("ocean_commitments.jsonl")                # doctest: +SKIP
    >>> len(reg.initiatives)                                 # doctest: +SKIP
    2650
    """
    return ingest_files(paths, registry=registry, overrides=overrides, progress=progress)
