"""Mis-decoded text (mojibake) repaired in the names and titles of every format.

A registry exported through the wrong encoding writes "Kreditanstalt fÃ¼r
Wiederaufbau" for "Kreditanstalt für Wiederaufbau": the name reads wrongly in
every table and figure, and it is a different string from the same body written
correctly elsewhere. The Ocean loaders repair each text field as they read it;
:func:`repair_registry` does the same for what any loader returns (IATI, HXL
sheets, 360Giving, drawn networks), with ftfy
(:func:`~ecosystem.loaders.text_repair.repair`, which skips text it would leave
unchanged).

It runs before the control characters are removed
(:func:`ecosystem.untrusted.clean_registry`): some mojibake holds C1 control
characters that the repair reads.

Columns repaired (:data:`REPAIRED_COLUMNS`): the names of mentions and the text each
was read from, flows' parties and unresolved phrases, and initiatives' titles and
descriptions. Identifiers and codes are left alone. The source's notes say how many
values were repaired.

Examples
--------
>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> garbled = "Kreditanstalt f\u00c3\u00bcr Wiederaufbau"
>>> reg = Registry.from_frames(mentions=pd.DataFrame({
...     "initiative_id": ["i1", "i1"], "name": [garbled, "WWF"],
...     "role": "partner", "actor_type": "unknown", "registry": "r", "record_id": "1"}),
...     sources=[{"path": "net.json"}])
>>> out = repair_registry(reg)
>>> out.mentions["name"].tolist()
['Kreditanstalt für Wiederaufbau', 'WWF']
>>> out.sources[0]["notes"]
['repaired mis-decoded characters (mojibake) in 1 value (mentions.name 1)']
"""
from __future__ import annotations

from ecosystem.loaders.text_repair import repair
from ecosystem.model import Registry
from ecosystem.untrusted import rewrite_columns

__all__ = ["REPAIRED_COLUMNS", "repair_registry"]

#: Table → the text columns :func:`repair_registry` repairs.
REPAIRED_COLUMNS = {
    "mentions": ("name", "source_text"),
    "flows": ("provider_name", "receiver_name"),
    "unresolved": ("text",),
    "initiatives": ("title", "description"),
}


def repair_registry(reg: Registry) -> Registry:
    """``reg`` with the mojibake of :data:`REPAIRED_COLUMNS` repaired; unchanged frames kept.

    Each distinct value is looked at once; ASCII text (most of it) is skipped outright.
    When anything was repaired, each source gets a note saying how many values of which
    fields.
    """
    return rewrite_columns(reg, REPAIRED_COLUMNS, _repaired,
                           "repaired mis-decoded characters (mojibake) in")


def _repaired(text: str) -> str:
    return text if text.isascii() else repair(text)
