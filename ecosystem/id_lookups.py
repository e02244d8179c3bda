"""Lookups on id columns: the position of each value among keys, and membership.

Every layer matches id columns against other id columns (ties' initiative ids
against the initiatives, the actors a filter keeps, the periods an initiative
spans). pyarrow's hash lookup does it in one pass over the keys to build the
table and one over the values to probe it: several times faster than pandas'
``get_indexer`` or ``isin`` on arrow-backed strings at millions of ids, as the
large synthetic registries of ``make bench`` (``benchmarks/run.py``) need.
Values and keys may be Series, Index, arrays, lists or sets.

Examples
--------
>>> lookup(["b", "x", "a"], ["a", "b"])
array([ 1, -1,  0])
>>> member_of(["b", "x"], {"a", "b"})
array([ True, False])
"""
from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["lookup", "member_of"]


def _arrow(values: Collection[str]) -> pa.Array:
    if isinstance(values, (set, frozenset)):
        values = list(values)
    if isinstance(values, (pd.Series, pd.Index)):
        values = values.astype("string")
        series = values if isinstance(values, pd.Series) else values.to_series()
        return pa.array(series.array)
    return pa.array(np.asarray(values, dtype=object), type=pa.string(), from_pandas=True)


def lookup(values: Collection[str], keys: Collection[str]) -> np.ndarray:
    """Position of each of ``values`` in ``keys`` (−1 when absent), for id columns.

    Examples
    --------
    >>> lookup(["b", "x", "a"], ["a", "b"])
    array([ 1, -1,  0])
    """
    out = pc.index_in(_arrow(values), value_set=_arrow(keys))
    return np.asarray(out.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)


def member_of(values: Collection[str], keys: Collection[str]) -> np.ndarray:
    """Boolean mask: which of ``values`` are in ``keys`` (a fast ``isin`` for id columns).

    Examples
    --------
    >>> member_of(pd.Series(["b", "x"]), {"a", "b"})
    array([ True, False])
    """
    return np.asarray(pc.is_in(_arrow(values), value_set=_arrow(keys))
                      .to_numpy(zero_copy_only=False), dtype=bool)
