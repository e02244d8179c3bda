"""Output folders: refused before any work when they cannot be written to."""
from __future__ import annotations

import os
from pathlib import Path

from ecosystem.errors import InputError

__all__ = ["check_output_dir"]


def check_output_dir(path: str | Path, *, file: str | Path | None = None,
                     field: str | None = None, inside: str | Path | None = None) -> Path:
    """Refuse an output folder that cannot be one, before any work is done.

    Parameters
    ----------
    path : str or Path
        The folder to write into (it need not exist yet).
    file, field : optional
        Named in the error (the study file and its key, or ``--out``).
    inside : path, optional
        When given, ``path`` must resolve inside this folder (a study file
        may not write outside the folder the command runs in).

    Returns
    -------
    Path
        ``path``, unchanged.

    Raises
    ------
    InputError
        ``path`` or a folder above it is an existing file, is not writable,
        or lies outside ``inside``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "notes.txt"
    >>> _ = f.write_text("x")
    >>> try:
    ...     check_output_dir(f, field="--out")
    ... except InputError as exc:
    ...     print(str(exc).split(": ", 1)[0], "|", str(exc).endswith("not a folder: give a folder"))
    field --out | True
    """
    path = Path(path)
    where = {"file": file, "field": field}
    if inside is not None:
        root = Path(inside).resolve()
        target = (root / path).resolve()
        if target != root and root not in target.parents:
            raise InputError(f"output folder {target} is outside the working folder {root}: "
                             f"name a folder inside it, or give one with --out", **where)
    probe = path
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        what = "is" if probe == path else f"lies under {probe}, which is"
        raise InputError(f"{path} {what} an existing file, not a folder: give a folder",
                         **where)
    if probe.exists() and not os.access(probe, os.W_OK | os.X_OK):
        raise InputError(f"{path}: the folder {probe} is not writable: give another folder",
                         **where)
    return path
