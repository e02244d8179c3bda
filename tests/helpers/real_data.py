"""Paths of the real registry files, found through ``ECOSYSTEM_DATA``."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ecosystem.reference import datapaths

__all__ = ["ocean_records_naming", "real_file"]


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


def ocean_records_naming(pattern: str | re.Pattern) -> set[str]:
    """Record ids ("OceanAction40844") of the real Ocean JSONL whose lead entity or partners
    match ``pattern``: the test's own count, read from the file with json and re alone."""
    found = set()
    path = real_file("un_ocean_commitments", "ocean_commitments.jsonl")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if re.search(pattern, f"{r['lead_entity']} ; {r['partners']}"):
                found.add(r["ocean_action_id"].lstrip("#"))
    return found
