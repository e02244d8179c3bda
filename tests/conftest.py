"""Shared fixtures: real registries through ECOSYSTEM_DATA, loaded once per session."""
from __future__ import annotations

import pytest

from ecosystem import datapaths


def real_file(*parts: str):
    """Path of a real registry file, or skip the test with the reason."""
    p = datapaths.data_file(*parts)
    if p is None:
        pytest.skip(
            f"real registry file {'/'.join(parts)} not found: set ECOSYSTEM_DATA "
            "to the folder of real registries (../shared/data)"
        )
    return p


@pytest.fixture(scope="session")
def ocean_path():
    return real_file("un_ocean_commitments", "ocean_commitments.jsonl")


@pytest.fixture(scope="session")
def ocean(ocean_path):
    """The Ocean commitments registry, loaded and resolved once for the whole session."""
    import ecosystem

    return ecosystem.load(ocean_path)
