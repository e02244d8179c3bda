"""Measures on a registry, in three wings: :mod:`.network` (hubs, brokers, structure),
:mod:`.coordination` (overlap, duplicates, coverage and gaps) and :mod:`.power`
(concentration, North–South, resources, the Agreement Matrix). :mod:`.context`
holds :class:`~ecosystem.measures.context.Analysis`, the results the report and
the explorer share."""
