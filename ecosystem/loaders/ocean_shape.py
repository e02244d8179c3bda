"""The shape of a raw Ocean commitments record: which field holds text, a list, or a number.

The three Ocean readers build a *raw record* (see :mod:`.ocean_records`);
:func:`check_record` refuses one whose fields have the wrong type before any
row is made, naming the record and the field, so that a hand-edited or
damaged file never becomes ``OceanActionTrue`` or a traceback:

* ``node_id``: a whole number (``40557`` or ``"40557"``), never ``true``,
  ``1.5`` or ``NaN``;
* text fields: text (or empty), at most :data:`~.file_limits.MAX_FIELD_CHARS`
  characters;
* ``sdgs``, ``sdg14_targets``, ``entity_types``, ``action_network_logos``: a
  list of numbers or text;
* ``deliverables``, ``resources``: a list of objects with text values.

Examples
--------
>>> check_record({"node_id": 40557, "title": "Reef Watch", "sdgs": [14]}, file="a.jsonl",
...              where="line 1")
>>> check_record({"node_id": True}, file="a.jsonl", where="line 2")
Traceback (most recent call last):
...
ecosystem.errors.InputError: a.jsonl, line 2, field node_id: expected a whole number, found True
"""
from __future__ import annotations

import re
from pathlib import Path

from ecosystem.errors import InputError
from ecosystem.loaders.file_limits import check_text

__all__ = ["LIST_FIELDS", "OBJECT_LIST_FIELDS", "TEXT_FIELDS", "check_record"]

#: Fields that hold text.
TEXT_FIELDS = ("ocean_action_id", "url", "title", "lead_entity", "partners", "description",
               "start_date", "completion_date", "geographical_coverage", "other_beneficiaries",
               "ocean_basins", "communities_of_ocean_action")
#: Fields that hold a list of numbers or text.
LIST_FIELDS = ("entity_types", "sdgs", "sdg14_targets", "action_network_logos")
#: Fields that hold a list of objects whose values are text.
OBJECT_LIST_FIELDS = ("deliverables", "resources")

_WHOLE = re.compile(r"\s*\d{1,18}\s*")


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", bool: "true/false"}.get(type(value),
                                                                       type(value).__name__)


def check_record(raw: dict, *, file: str | Path | None = None, where: str | None = None) -> None:
    """Refuse a raw record whose fields have the wrong type or are too long (module notes)."""
    def fail(message, key):
        raise InputError(message, file=file, record=where, field=key)

    node = raw.get("node_id")
    if node not in (None, "") and not (
            (isinstance(node, int) and not isinstance(node, bool) and 0 <= node < 10**18)
            or (isinstance(node, str) and _WHOLE.fullmatch(node))):
        fail(f"expected a whole number, found {node!r}", "node_id")
    for key, value in raw.items():
        if isinstance(value, str):
            check_text(value, file=file, record=where, field=key)
    for key in TEXT_FIELDS:
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            fail(f"expected text, found {_kind(value)}", key)
    for key in LIST_FIELDS:
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, list):
            fail(f"expected a list, found {_kind(value)}", key)
        for item in value:
            if isinstance(item, (bool, dict, list)) or item is None:
                fail(f"expected numbers or text in the list, found {_kind(item)}", key)
            if isinstance(item, str):
                check_text(item, file=file, record=where, field=key)
    for key in OBJECT_LIST_FIELDS:
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, list) or not all(isinstance(d, dict) for d in value):
            fail("expected a list of objects", key)
        for item in value:
            for sub, text in item.items():
                if text is not None and not isinstance(text, str):
                    fail(f"expected text, found {_kind(text)}", f"{key}.{sub}")
                if isinstance(text, str):
                    check_text(text, file=file, record=where, field=f"{key}.{sub}")
