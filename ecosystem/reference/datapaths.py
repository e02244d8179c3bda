"""Where the real registries live.

Real registry files are never part of the project. They are found through the
environment variable ``ECOSYSTEM_DATA``; when it is unset, ``../shared/data``
(relative to the project root or the current directory) is used if it exists.
"""
from __future__ import annotations

import os
from pathlib import Path

from ecosystem.errors import InputError

__all__ = ["PROJECT_ROOT", "REFERENCE_DIR", "STUDIES_DIR", "data_dir", "data_file", "expand",
           "study_names"]

#: The project's folder (holding ``pyproject.toml``).
PROJECT_ROOT = Path(__file__).resolve().parents[2]
#: The project's own reference tables (``data/``), as opposed to the real registries.
REFERENCE_DIR = PROJECT_ROOT / "data"
#: The project's study files (``analyses/``).
STUDIES_DIR = PROJECT_ROOT / "analyses"


def study_names() -> list[str]:
    """Names of the studies in ``analyses/`` (registry names may not take them).

    Examples
    --------
    >>> "ocean-commitments" in study_names()
    True
    """
    return sorted(f.stem for f in STUDIES_DIR.glob("*.toml"))


def data_dir() -> Path | None:
    """Return the folder of real registries, or None when there is none.

    Examples
    --------
    >>> d = data_dir()
    >>> d is None or d.is_dir()
    True
    """
    env = os.environ.get("ECOSYSTEM_DATA")
    if env:
        p = Path(env).expanduser()
        return p if p.is_dir() else None
    for base in (PROJECT_ROOT, Path.cwd()):
        p = (base / ".." / "shared" / "data").resolve()
        if p.is_dir():
            return p
    return None


def data_file(*parts: str) -> Path | None:
    """Path of a file under :func:`data_dir`, or None when it does not exist."""
    d = data_dir()
    if d is None:
        return None
    p = d.joinpath(*parts)
    return p if p.exists() else None


def expand(path: str) -> str:
    """Expand ``${ECOSYSTEM_DATA}`` and ``~`` in a path written in a study file."""
    d = data_dir()
    if "${ECOSYSTEM_DATA}" in path or "$ECOSYSTEM_DATA" in path:
        if d is None:
            raise InputError(
                "ECOSYSTEM_DATA is not set and ../shared/data does not exist", field="source"
            )
        path = path.replace("${ECOSYSTEM_DATA}", str(d)).replace("$ECOSYSTEM_DATA", str(d))
    return os.path.expanduser(path)
