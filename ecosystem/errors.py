"""Errors raised for bad input.

Every problem with a registry file is reported as an :class:`InputError` that
names the file, the record or line, and the field, so that a person can open
the file and find the fault. The CLI prints the message and exits non-zero.
"""
from __future__ import annotations

import os

__all__ = ["EcosystemError", "InputError", "SchemaError", "AnalysisError", "ProjectionTooLarge"]


class EcosystemError(Exception):
    """Base class for errors the toolkit reports to users (no traceback needed)."""


class InputError(EcosystemError):
    """A registry file (or a study file) cannot be read as it is.

    Parameters
    ----------
    message : str
        What is wrong, in words.
    file : str, optional
        Path of the offending file.
    record : str or int, optional
        Line number (1-based) or record identifier.
    field : str, optional
        Column, key or element that holds the fault.

    Examples
    --------
    >>> str(InputError("not valid JSON", file="a.jsonl", record="line 3", field="partners"))
    'a.jsonl, line 3, field partners: not valid JSON'
    """

    def __init__(self, message: str, *, file: str | os.PathLike | None = None,
                 record: str | int | None = None, field: str | None = None):
        self.message = message
        self.file = None if file is None else str(file)
        self.record = record
        self.field = field
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.record is not None and self.record != "":
            rec = self.record
            where.append(rec if isinstance(rec, str) else f"record {rec}")
        if self.field:
            where.append(f"field {self.field}")
        return (", ".join(where) + ": " if where else "") + self.message


class SchemaError(EcosystemError):
    """A model table breaks its schema (raised by :func:`ecosystem.model.validate`)."""


class AnalysisError(EcosystemError):
    """An analysis cannot run on the given input (empty graph, unknown grouping, ...).

    The message says what to change.
    """


class ProjectionTooLarge(AnalysisError):
    """A projection would hold more edges than its ``max_edges`` limit allows.

    The report then reads the projection's disparity backbone
    (:func:`ecosystem.graphs.actor_backbone`), built without holding every edge.
    """
