"""Which theme vocabulary a registry's sectors are read from.

A registry may tag its initiatives with several theme vocabularies (an IATI
file flattened to HXL tags a few activities with humanitarian clusters and
all of them with DAC sectors; the Ocean platform tags communities of ocean
action). Cells at ``level="sector"`` (coverage, crowding, co-presence,
duplicates in a 3W) read one of them: the one asked for, or else the
vocabulary of :data:`SECTOR_VOCABULARIES` that most initiatives have (ties in
the list's order), so every measure of one registry reads the same sectors.
"""
from __future__ import annotations

from ecosystem.errors import AnalysisError
from ecosystem.model import Registry

__all__ = ["SECTOR_VOCABULARIES", "sector_vocabulary"]

#: Theme vocabularies read as sectors at ``level="sector"``, ties broken in this order.
SECTOR_VOCABULARIES = ("cluster", "dac_sector", "dac_category", "ocean_action_community")


def sector_vocabulary(reg: Registry, vocabulary: str | None = None,
                      what: str = "coverage") -> str:
    """The theme vocabulary read as sectors: ``vocabulary`` if given, else the most used.

    Raises
    ------
    AnalysisError
        When ``vocabulary`` is not among the registry's theme vocabularies, or,
        without it, none of :data:`SECTOR_VOCABULARIES` is; the message
        (prefixed with ``what``) lists the vocabularies present.

    Examples
    --------
    >>> import pandas as pd
    >>> reg = Registry.from_frames(initiative_themes=pd.DataFrame(
    ...     {"initiative_id": ["w1", "w1", "w2"], "theme": ["WASH", "14030", "12220"],
    ...      "vocabulary": ["cluster", "dac_sector", "dac_sector"]}))
    >>> sector_vocabulary(reg)                 # DAC sectors tag two initiatives, clusters one
    'dac_sector'
    >>> sector_vocabulary(reg, "cluster")
    'cluster'
    >>> sector_vocabulary(reg, "dac_category")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ecosystem.errors.AnalysisError: coverage: no initiative theme of vocabulary 'dac_category'; ...
    """
    themes = reg.initiative_themes
    counts = themes.drop_duplicates(["initiative_id", "vocabulary"])["vocabulary"].value_counts()
    present = sorted(counts.index.astype(str).tolist())
    listed = ", ".join(present) or "none"
    if vocabulary is not None:
        if vocabulary not in present:
            raise AnalysisError(f"{what}: no initiative theme of vocabulary {vocabulary!r}; "
                                f"vocabularies present: {listed}")
        return vocabulary
    usable = [v for v in SECTOR_VOCABULARIES if counts.get(v, 0) > 0]
    if not usable:
        raise AnalysisError(f"{what}: level='sector' needs initiative themes of a sector "
                            f"vocabulary ({', '.join(SECTOR_VOCABULARIES)}); vocabularies "
                            f"present: {listed}"
                            + ("; pass vocabulary= to use one of them" if present else ""))
    return max(usable, key=lambda v: (counts[v], -SECTOR_VOCABULARIES.index(v)))
