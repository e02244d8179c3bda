"""ecosystem: network analysis of multi-stakeholder partnership ecosystems.

:func:`load` reads registry files (their format detected from their content)
into one resolved :class:`Registry`; here a two-line 3W sheet:

>>> import ecosystem, pathlib, tempfile
>>> sheet = pathlib.Path(tempfile.mkdtemp()) / "3w.csv"
>>> _ = sheet.write_text("Organisation,Cluster,Region\\n#org,#sector,#adm1\\n"
...                      "Oxfam,WASH,Gao\\nOxfam,Protection,Mopti\\n", encoding="utf-8")
>>> reg = ecosystem.load(sheet)
>>> reg.actors["name"].tolist(), len(reg.initiatives)
(['Oxfam'], 2)
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ecosystem.errors import EcosystemError, InputError
from ecosystem.ingest import ingest_files
from ecosystem.model import Registry

if TYPE_CHECKING:
    from ecosystem.ingest import Progress

__version__ = "0.1.0"

__all__ = ["load", "Registry", "EcosystemError", "InputError", "__version__"]


def load(paths: str | Path | list[str | Path], registry: str | None = None,
         overrides: str | Path | None = None, progress: Progress | None = None) -> Registry:
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
    Loading the Ocean commitments registry needs the real file (set
    ``ECOSYSTEM_DATA`` to the folder of real registries):

    >>> reg = load("ocean_commitments.jsonl")                # doctest: +SKIP
    >>> len(reg.initiatives)                                 # doctest: +SKIP
    2650
    """
    return ingest_files(paths, registry=registry, overrides=overrides, progress=progress)
