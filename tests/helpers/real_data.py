"""Paths of the real registry files, found through ``ECOSYSTEM_DATA``."""
from __future__ import annotations

from pathlib import Path

import pytest

from ecosystem.reference import datapaths

__all__ = ["real_file"]


def real_file(*parts: str) -> Path:
    """Path of a real registry file, or skip the calling test with the reason.

    Parameters
    ----------
    *parts : str
        The file's path under the data folder, one part per argument, such as
        ``("un_ocean_commitments", "ocean_commitments.jsonl")``.

    Returns
    -------
    pathlib.Path
        The existing file.
    """
    p = datapaths.data_file(*parts)
    if p is None:
        pytest.skip(
            f"real registry file {'/'.join(parts)} not found: set ECOSYSTEM_DATA "
            "to the folder of real registries (../shared/data)"
        )
    return p
