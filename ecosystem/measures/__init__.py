"""Measures on a registry, in three wings.

:mod:`.network` (hubs, brokers, structure), :mod:`.coordination` (overlap,
duplicates, coverage and gaps) and :mod:`.power` (concentration, North–South,
resources, the Agreement Matrix). Each wing's ``__init__`` lists its measures,
so ``from ecosystem.measures.coordination import fragmented_cells`` finds any
of them; every measure takes a :class:`~ecosystem.model.Registry` and returns a
tidy DataFrame. :mod:`.context` holds
:class:`~ecosystem.measures.context.Analysis`, the results the report and the
explorer compute once and share.

Where a module and its main function share a name (``hubs``, ``brokers``,
``communities``, ``coverage``, ``crowding``, ...), the wing's attribute is the
function, as in networkx: import from the module by its full path
(``from ecosystem.measures.network.hubs import hub_metrics``), not with
``import ecosystem.measures.network.hubs as m``.
"""

__all__: list[str] = []
