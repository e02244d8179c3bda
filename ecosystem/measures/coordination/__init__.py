"""Coordination measures: overlap, duplication, coverage and gaps.

Every question a coordination unit asks of a registry, one function each;
each returns a tidy DataFrame with an ``explanation`` column.

=================================  ==============================================
overlap and duplication
:func:`initiative_pairs`           pairs of initiatives doing much the same thing
:func:`duplicate_clusters`         the same initiative registered twice, or done twice
:func:`near_duplicate_pairs`       records of one lead with near-identical titles or text
:func:`crowding`                   many initiatives in a cell, actors not working together
coverage and gaps
:func:`coverage`                   initiatives and actors per target (goal, sector) × place
:func:`fragmented_cells`           several initiatives in a cell, no link between them
:func:`uncovered`                  targets or sectors with no initiative, overall or per place
:func:`need_gaps`                  high need, low coverage
:func:`missing_bridges`            communities on the same target with no bridge
:func:`missing_stakeholders`       stakeholder types absent from a community or cell
:func:`dormancy_summary`           share of dormant records, by reason
shared pieces
:func:`cell_index`                 the cells every cell measure reads, computed once
:func:`overlap_candidates`         features and candidate pairs, computed once
:func:`candidate_recall`           recall of the candidate step against all pairs
=================================  ==============================================

Examples
--------
>>> from ecosystem.measures.coordination import coverage, fragmented_cells
>>> callable(coverage) and callable(fragmented_cells)
True
"""
from ecosystem.measures.coordination.candidate_recall import candidate_recall, exhaustive_pairs
from ecosystem.measures.coordination.cells import Cells, cell_index, sector_vocabulary
from ecosystem.measures.coordination.coverage import coverage
from ecosystem.measures.coordination.crowding import crowding
from ecosystem.measures.coordination.duplicates import duplicate_clusters, near_duplicate_pairs
from ecosystem.measures.coordination.gaps import (
    dormancy_summary,
    fragmented_cells,
    missing_bridges,
)
from ecosystem.measures.coordination.need import need_gaps, read_need
from ecosystem.measures.coordination.overlap import (
    OverlapCandidates,
    initiative_pairs,
    overlap_candidates,
)
from ecosystem.measures.coordination.stakeholders import missing_stakeholders
from ecosystem.measures.coordination.uncovered import uncovered

__all__ = [
    "initiative_pairs", "duplicate_clusters", "near_duplicate_pairs", "crowding", "coverage",
    "fragmented_cells", "uncovered", "need_gaps", "read_need", "missing_bridges",
    "missing_stakeholders", "dormancy_summary", "Cells", "cell_index", "sector_vocabulary",
    "OverlapCandidates", "overlap_candidates", "candidate_recall", "exhaustive_pairs",
]
